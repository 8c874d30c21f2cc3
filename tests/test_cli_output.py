"""``-o FILE`` of every command that writes one: a regular file is replaced atomically; a FIFO,
a symbolic link (dangling or not), a directory or a character device is never replaced nor
written through — the command refuses with a message and exit code 2. Everything happens inside
the test's own temporary folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from ocop_geo.cli.entry import main
from tests.test_cli_candidates import GOOD as CANDIDATES
from tests.test_cli_registry import GOOD as REGISTRY


def commands(tmp_path: Path) -> dict[str, list[str]]:
    """Each command that takes ``-o``, with arguments that make it succeed."""
    registry = tmp_path / "ocop-2025.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    candidates = tmp_path / "candidates.csv"
    candidates.write_text(CANDIDATES, encoding="utf-8")
    return {
        "route": ["route", "van-phuc", "bat-trang", "--format", "gpx"],
        "candidates": ["candidates", "score", str(candidates), "--format", "csv"],
        "readiness": ["readiness", "--format", "csv"],
        "registry": ["registry", "import", str(registry), "--dry-run", "--format", "csv"],
    }


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "a FIFO (named pipe)"


def link(path: Path) -> str:
    target = path.with_name("target.txt")
    target.write_text("kept", encoding="utf-8")
    path.symlink_to(target)
    return "a symbolic link"


def dangling(path: Path) -> str:
    path.symlink_to(path.with_name("nowhere.txt"))
    return "a symbolic link"


def device(path: Path) -> str:
    """A character device node like /dev/null's (1, 3), made inside the test's folder: only
    root may make one, as CI does; elsewhere the case is skipped."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return "a character device"


def folder(path: Path) -> str:
    path.mkdir()
    return "a directory"


KINDS: dict[str, Callable[[Path], str]] = {
    "fifo": fifo,
    "symlink": link,
    "dangling symlink": dangling,
    "directory": folder,
    "character device": device,
}


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("OCOP_ROUTER", "estimate")


@pytest.mark.parametrize("command", ["route", "candidates", "readiness", "registry"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_output_that_is_not_a_regular_file_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, kind: str
) -> None:
    out = tmp_path / "out"
    what = KINDS[kind](out)
    before = out.lstat()
    code = main([*commands(tmp_path)[command], "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 2
    assert f"error: cannot write {out}: it is {what}; -o replaces regular files only" in err
    assert "Traceback" not in err
    after = out.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)  # the same entry
    if kind == "symlink":
        assert out.with_name("target.txt").read_text(encoding="utf-8") == "kept"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", ["route", "candidates", "readiness", "registry"])
def test_a_regular_file_is_replaced(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    out.write_text("old", encoding="utf-8")
    assert main([*commands(tmp_path)[command], "-o", str(out)]) == 0
    assert out.is_file()
    assert not out.is_symlink()
    assert out.read_bytes() not in (b"", b"old")


def test_a_backup_never_replaces_a_dangling_symlink(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "backup.sqlite3"
    dangling(out)
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "backup", str(out)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert out.is_symlink()
