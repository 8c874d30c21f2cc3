"""Processes the tests start: a free port, a server that answers, and a stop that leaves nothing.

Every test or fixture that starts a long-running process uses :func:`running`, which stops it
(SIGTERM, then SIGKILL after a grace period) and reaps it, however the test ends. As a pytest plugin
(its hooks are imported by ``tests/conftest.py``) it fails the run if a descendant of the test run
is still running at the end. On Linux the run is a child subreaper (:func:`adopt_orphans`), so a
server orphaned by its wrapper, which the kernel would otherwise hand to init, is still seen.
"""

from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from ocop_geo.config import REPO_ROOT

#: How long a stopped process may take to exit before it is killed / reported.
GRACE_S = 15.0
_PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


def free_port() -> int:
    """A local TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Whether a new server could listen on ``port`` (as Streamlit does, with SO_REUSEADDR)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError:
            return False
    return True


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> int:
    """Send ``sig``, wait up to :data:`GRACE_S`, then kill; the process is reaped either way."""
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        return proc.wait(timeout=GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


@contextmanager
def running(
    command: Sequence[str], log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` started in the repository with its output in ``log``; stopped on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=out)
    try:
        yield proc
    finally:
        stop(proc)


def wait_until_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Poll Streamlit's health endpoint until it answers ``ok``; else fail, showing the log."""
    deadline = time.monotonic() + 90
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the server did not start:\n{log.read_text(errors='replace')}")


def describe(proc: psutil.Process) -> str:
    return f"pid {proc.pid}: {' '.join(proc.cmdline())}"


def processes_with(*words: str) -> list[str]:
    """Running processes of this machine whose command line holds all of ``words``, described."""
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        cmdline = proc.info["cmdline"] or []
        if proc.info["status"] != psutil.STATUS_ZOMBIE and all(w in cmdline for w in words):
            found.append(describe(proc))
    return found


def adopt_orphans() -> None:
    """Make this process a child subreaper (Linux), so orphaned descendants stay descendants."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def descendants() -> set[int]:
    """Process ids of the descendants of this process now."""
    return {p.pid for p in psutil.Process().children(recursive=True)}


def left_behind(ignore: set[int]) -> list[str]:
    """Descendants of this process (but ``ignore``) still running after :data:`GRACE_S`.

    Exited ones are reaped on the way; the survivors are killed, and described for the report.
    """
    children = [p for p in psutil.Process().children(recursive=True) if p.pid not in ignore]
    _, alive = psutil.wait_procs(children, timeout=GRACE_S)
    found = []
    for proc in alive:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:  # exited, its parent has not reaped it yet
                continue
            found.append(describe(proc))
            proc.kill()
        except psutil.Error:  # it ended meanwhile
            continue
    psutil.wait_procs(alive, timeout=GRACE_S)
    return found


#: Descendants of the test run that were there before it (e.g. started by a plugin); not checked.
_EARLIER: set[int] = set()


def pytest_configure() -> None:
    adopt_orphans()
    _EARLIER.update(descendants())


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if a process that a test or fixture started is still running."""
    survivors = left_behind(ignore=_EARLIER)
    if not survivors:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "processes left running by the tests (now killed)", red=True)
        for line in survivors:
            reporter.write_line(line)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
