"""The shared row of download buttons: one button per file, built only when clicked."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest


def _app(log: str) -> None:
    from pathlib import Path

    from ocop_geo.ui.downloads import Download, download_row

    def build(name: str) -> bytes:
        with Path(log).open("a", encoding="utf-8") as out:
            out.write(f"{name}\n")
        return name.encode()

    download_row(
        [
            Download("CSV", "x.csv", "text/csv", lambda: build("csv")),
            Download("GeoJSON", "x.geojson", "application/geo+json", lambda: build("geojson")),
        ],
        "test_dl",
    )
    build("rendered")  # shows the log works


def test_buttons_are_laid_out_and_files_are_not_built_before_a_click(tmp_path: Path) -> None:
    log = tmp_path / "built.txt"
    at = AppTest.from_function(_app, args=(str(log),)).run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["CSV", "GeoJSON"]
    assert [b.proto.id.rsplit("-", 1)[-1] for b in buttons] == ["test_dl_csv", "test_dl_geojson"]
    assert log.read_text(encoding="utf-8").split() == ["rendered"]  # neither file was built
