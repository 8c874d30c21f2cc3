"""The package's shape: its layers and cycles (import-linter), its root, and the one Streamlit
behaviour the entry guard works around."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

from ocop_geo.config import REPO_ROOT

#: A newcomer reads the root at a glance: the core modules and the package folders.
MAX_ROOT_MODULES = 8


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] contracts: dependencies run one way through the layers
    (function-level imports included) and no package has an import cycle among its modules."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(REPO_ROOT / "pyproject.toml"), "--no-cache"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_the_package_root_holds_few_modules() -> None:
    modules = sorted(p.stem for p in (REPO_ROOT / "ocop_geo").glob("*.py") if p.stem != "__init__")
    assert len(modules) <= MAX_ROOT_MODULES, modules


def test_streamlit_still_starts_a_pages_folder_in_legacy_mode(tmp_path: Path) -> None:
    """ocop_geo/ui/entry.py patches PagesManager.uses_pages_directory because Streamlit treats a
    ``pages/`` folder beside the entry script as a legacy multipage app and has no public option
    to turn that off. If an upgrade drops the flag or the behaviour, this fails: then remove the
    guard (or adapt it) instead of patching a name that no longer does anything."""
    (tmp_path / "pages").mkdir()
    script = tmp_path / "dashboard.py"
    script.write_text("", encoding="utf-8")
    saved = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(script))
        assert PagesManager.uses_pages_directory is True
        # the flag is class-wide and set once: what the guard switches off stays off
        PagesManager.uses_pages_directory = False
        PagesManager(str(script))
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = saved
