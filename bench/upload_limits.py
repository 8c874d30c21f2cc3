"""Benchmark: how quickly and in how much memory a spreadsheet bomb is refused.

Run ``python bench/upload_limits.py``. Each file is read in a fresh child process
(``read_registry``), which reports its peak resident memory (``VmHWM``), how much of it reading
the file added, and the time taken;
times are printed as ratios to reading the small valid product list of the test suite in the
same run, memory in bytes. The bombs are generated here (empty cells ``<c/>`` compress to almost
nothing):

* the issue's case: one row of 30,000,000 cells (about 120 KB zipped) — refused by the
  decompressed-size check before any XML is parsed;
* one row of ``MAX_FIELDS + 1`` cells, and ``MAX_CELLS + 20`` cells in rows of 20 — refused by
  the count of cells per row and in all, streamed over the worksheet part before openpyxl
  parses it;
* ``MAX_CELLS`` cells in rows of 20, the largest sheet that is parsed (then refused: no header).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

CHILD = """
import json, sys, time
from ocop_geo.registry.reader import RegistryError, read_registry
def hwm():  # peak resident memory of this process (bytes); reset by exec, unlike ru_maxrss
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
data = open(sys.argv[1], "rb").read()
before = hwm()
start = time.perf_counter()
try:
    read_registry(data, sys.argv[2])
    outcome = "read"
except RegistryError as exc:
    outcome = "refused: " + str(exc).splitlines()[0]
seconds = time.perf_counter() - start
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak": hwm(), "grew": hwm() - before,
                  "bytes": len(data)}))
"""


def measure(path: Path, name: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), name], capture_output=True,
                         text=True, check=True, cwd=ROOT)  # fmt: skip
    return json.loads(out.stdout)


def main() -> None:
    from ocop_geo.registry.reader import MAX_CELLS, MAX_FIELDS
    from tests.bad_inputs import one_row_of, rows_of, xlsx
    from tests.test_properties import SEEDS

    files = {
        "valid product list (4 rows, baseline)": SEEDS["registry.xlsx"],
        "one row of 30,000,000 cells (the issue's file)": xlsx(one_row_of(30_000_000)),
        f"one row of {MAX_FIELDS + 1} cells": xlsx(one_row_of(MAX_FIELDS + 1)),
        f"{MAX_CELLS // 20 + 1:,} rows of 20 cells": xlsx(rows_of(MAX_CELLS // 20 + 1, 20)),
        f"{MAX_CELLS // 20:,} rows of 20 cells (at the limit: parsed)": xlsx(
            rows_of(MAX_CELLS // 20, 20)
        ),
    }
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, data in files.items():
            path = Path(tmp) / "upload.xlsx"
            path.write_bytes(data)
            results[label] = measure(path, "upload.xlsx")
    base = results["valid product list (4 rows, baseline)"]["seconds"]
    print("| file | size (bytes) | outcome | time (× baseline) | peak memory of the process "
          "(bytes) | of which reading the file (bytes) |")  # fmt: skip
    print("|---|---:|---|---:|---:|---:|")
    for label, r in results.items():
        print(f"| {label} | {r['bytes']:,} | {r['outcome']} | {r['seconds'] / base:.1f} | "
              f"{r['peak']:,} | {r['grew']:,} |")  # fmt: skip


if __name__ == "__main__":
    main()
