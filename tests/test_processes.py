"""The run's end check (tests/processes.py): a process a test leaves running fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from tests import processes

# A wrapper that starts a sleeper and exits at once, leaving it orphaned, as `serve` did when a
# SIGTERM killed it and not its Streamlit server.
ORPHANING = """
import subprocess, sys

SLEEPER = "[sys.executable, '-c', 'import time; time.sleep(300)', '{mark}']"

def test_starts_a_server_and_loses_it():
    wrapper = f"import subprocess, sys; subprocess.Popen({SLEEPER})"
    subprocess.run([sys.executable, "-c", wrapper], check=True)
"""

STOPPING = """
import sys
from tests import processes

def test_starts_a_server_and_stops_it(tmp_path):
    command = [sys.executable, "-c", "import time; time.sleep(300)", "{mark}"]
    with processes.running(command, tmp_path / "log"):
        pass
"""


def run_inner(tmp_path: Path, test: str) -> subprocess.CompletedProcess[str]:
    """A separate pytest run of ``test`` with only the end check as plugin."""
    (tmp_path / "test_inner.py").write_text(test.replace("{mark}", str(tmp_path)))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.processes", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(tmp_path / "test_inner.py")],
        capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
        env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="orphans are seen on Linux only")
def test_a_process_left_running_fails_the_run_and_is_killed(tmp_path: Path) -> None:
    result = run_inner(tmp_path, ORPHANING)
    assert result.returncode == pytest.ExitCode.TESTS_FAILED, result.stdout + result.stderr
    assert "1 passed" in result.stdout  # the test itself passed: the end check failed the run
    assert "processes left running by the tests (now killed)" in result.stdout
    assert f"time.sleep(300) {tmp_path}" in result.stdout
    assert processes.processes_with(str(tmp_path)) == []


def test_a_process_stopped_by_its_test_passes(tmp_path: Path) -> None:
    result = run_inner(tmp_path, STOPPING)
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr
    assert "processes left running" not in result.stdout
    assert processes.processes_with(str(tmp_path)) == []
