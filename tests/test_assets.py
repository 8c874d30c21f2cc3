"""Offline map assets: the table, localize(), the pinned download (offline against tarballs built
here, and for real from the npm registry: ``network``) (ocop_geo.maps.assets)."""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import http.server
import io
import json
import re
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import branca.colormap
import folium
import folium.plugins
import pytest

from ocop_geo.config import Settings
from ocop_geo.maps import assets

PREFIX = "/app/static/vendor"
# The folium classes whose assets our maps use.
CLASSES = (
    folium.Map,
    folium.TopoJson,
    folium.plugins.Fullscreen,
    folium.plugins.MiniMap,
    folium.plugins.MeasureControl,
    folium.plugins.MarkerCluster,
    folium.plugins.Draw,
)
TOPOLOGY = {  # quantized (with "transform"), as folium's TopoJson.get_bounds() requires
    "type": "Topology",
    "transform": {"scale": [0.0001, 0.0001], "translate": [105.80, 21.02]},
    "objects": {
        "districts": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "Ba Đình"}}],
        }
    },
    "arcs": [[[0, 0], [600, 0], [0, 400], [-600, -400]]],
}


def build_map(**icon_kwargs: object) -> folium.Map:
    """A map with every kind of element our dashboard uses (the minimap has OSM tiles)."""
    m = folium.Map(location=[21.03, 105.85], zoom_start=12, tiles=None)
    m.options["max_zoom"] = 18  # markercluster needs a maxZoom; without tiles none is set
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MiniMap().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    folium.plugins.FastMarkerCluster([[21.0, 105.8], [21.01, 105.81]]).add_to(m)
    folium.plugins.Draw().add_to(m)
    folium.TopoJson(TOPOLOGY, "objects.districts", name="districts").add_to(m)
    icon = folium.Icon(**({"icon": "store", "prefix": "fa"} | icon_kwargs))
    folium.Marker([21.03, 105.85], tooltip="OCOP", icon=icon).add_to(m)
    return m


def asset_urls(html: str) -> list[str]:
    """Every script src and stylesheet href in a rendered page."""
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    sheets = re.findall(r"<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", html)
    return scripts + sheets


@pytest.fixture
def fake_dest(tmp_path: Path) -> Path:
    """A destination with an empty file at every expected path."""
    dest = tmp_path / "vendor"
    for rel in assets.required_files():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).touch()
    return dest


# --- the table ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_table_covers_every_folium_asset(cls: type) -> None:
    for kind, pairs in (("js", cls.default_js), ("css", cls.default_css)):
        for name, url in pairs:
            row = assets.find_asset(cls, name)
            assert row is not None, f"{cls.__name__}.{name} ({url}) has no row in ASSETS"
            assert row.kind == kind
            version = assets.upstream_version(row, url)
            assert version is not None, f"folium's {url} no longer matches {row.url_tail!r}"
            assert version == row.checked, f"{cls.__name__}.{name}: folium moved to {version}"
            if row.package is None:
                assert row.needed is not None, "a dropped asset must say when it is needed"
                assert row.note.startswith("dropped")
            else:
                assert row.local_path(version) is not None


def test_table_is_in_sync_with_folium() -> None:
    assert assets.check_table() == []
    assert {row.element for row in assets.ASSETS} == set(CLASSES)


def test_a_folium_version_bump_is_detected(monkeypatch: pytest.MonkeyPatch) -> None:
    bumped = [
        (name, url.replace("leaflet@1.9.3", "leaflet@1.9.4")) for name, url in folium.Map.default_js
    ]
    monkeypatch.setattr(folium.Map, "default_js", bumped)
    assert any("1.9.4" in problem for problem in assets.check_table())
    assert "leaflet@1.9.4/dist/leaflet.js" in assets.required_files()


def test_unmapped_awesome_markers_version_is_unknown() -> None:
    row = assets.find_asset(folium.Map, "awesome_markers")
    assert row is not None
    assert row.npm_version("2.0.2") == "2.0.5"
    assert row.local_path("2.0.3") is None


# --- localize ----------------------------------------------------------------------------------


def test_localize_points_every_script_and_stylesheet_at_the_prefix(fake_dest: Path) -> None:
    m = build_map()
    assert assets.localize_problems(m, dest=fake_dest) == []
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX) is True

    urls = asset_urls(m.get_root().render())
    assert len(urls) == len(assets.required_files())
    for url in urls:
        assert url.startswith(PREFIX + "/"), url
        assert (fake_dest / url.removeprefix(PREFIX + "/")).is_file(), url
    assert not [u for u in urls if "://" in u]
    # the two dropped stylesheets are simply not linked
    assert not [u for u in urls if "glyphicons" in u or "rotate" in u]


def test_localize_sets_instance_attributes_only(fake_dest: Path) -> None:
    before = {cls: (list(cls.default_js), list(cls.default_css)) for cls in CLASSES}
    m = build_map()
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX)
    assert "default_js" in vars(m)
    assert before == {cls: (list(cls.default_js), list(cls.default_css)) for cls in CLASSES}
    other = asset_urls(build_map().get_root().render())
    assert all(u.startswith("https://") for u in other)


def test_localize_again_uses_the_new_prefix(fake_dest: Path) -> None:
    m = build_map()
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX)
    assert assets.localize(m, dest=fake_dest, url_prefix="/base/app/static/vendor/")
    urls = asset_urls(m.get_root().render())
    assert urls
    assert all(u.startswith("/base/app/static/vendor/") and "//" not in u[1:] for u in urls)


def test_streamlit_folium_collects_the_local_links(
    fake_dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drive st_folium itself (its component call captured) and read the links it sends."""
    streamlit_folium = pytest.importorskip("streamlit_folium")
    sent: dict[str, object] = {}

    def fake_component(**kwargs: object) -> object:
        sent.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", fake_component)
    m = build_map()
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX)
    streamlit_folium.st_folium(m, key="offline-assets-test")

    links = [*sent["js_links"], *sent["css_links"]]  # type: ignore[misc]
    assert sorted(links) == sorted(f"{PREFIX}/{rel}" for rel in assets.required_files())
    assert "://" not in str(sent["header"]).replace('http-equiv="', "")


def test_incomplete_dest_keeps_the_cdn_urls(fake_dest: Path) -> None:
    (fake_dest / assets.required_files()[-1]).unlink()
    m = build_map()
    cdn = asset_urls(build_map().get_root().render())

    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX) is False
    assert assets.assets_available(fake_dest) is False
    assert any("missing" in p for p in assets.localize_problems(m, dest=fake_dest))
    assert not any("default_js" in vars(e) for e in [m, *m._children.values()])
    assert asset_urls(m.get_root().render()) == cdn
    assert all(u.startswith("https://") for u in cdn)


def test_empty_dest_is_not_available(tmp_path: Path, fake_dest: Path) -> None:
    assert assets.assets_available(tmp_path / "nothing-here") is False
    assert assets.assets_available(fake_dest) is True


@pytest.mark.parametrize(
    ("icon_kwargs", "dropped"),
    [({"prefix": "glyphicon", "icon": "home"}, "glyphicons_css"), ({"angle": 45}, "rotate")],
)
def test_maps_that_need_a_dropped_asset_keep_the_cdn(
    fake_dest: Path, icon_kwargs: dict[str, object], dropped: str
) -> None:
    m = build_map(**icon_kwargs)
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX) is False
    assert any(dropped in p for p in assets.localize_problems(m, dest=fake_dest))


def test_font_awesome_icons_do_not_use_the_dropped_assets() -> None:
    """Our icons use prefix "fa" and angle 0: no glyphicon class, and "fa-rotate-0", which the
    dropped leaflet.awesome.rotate css (rules for 1..359 degrees only) never styled."""
    m = build_map()
    html = m.get_root().render()
    assert '"prefix": "fa"' in html
    assert '"extraClasses": "fa-rotate-0"' in html
    assert "glyphicon" not in html.replace("bootstrap-glyphicons.css", "")


def test_colormap_legends_cannot_be_localised(fake_dest: Path) -> None:
    m = build_map()
    branca.colormap.LinearColormap(["white", "green"], vmin=0, vmax=1).add_to(m)
    assert assets.localize(m, dest=fake_dest, url_prefix=PREFIX) is False
    assert any("d3" in p for p in assets.localize_problems(m, dest=fake_dest))


# --- fetching ----------------------------------------------------------------------------------


def _tarball(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        if symlink:
            info = tarfile.TarInfo(symlink)
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            tar.addfile(info)
    return path


@pytest.mark.parametrize("evil", ["package/../../evil.js", "/abs/evil.js"])
def test_extraction_refuses_unsafe_paths(tmp_path: Path, evil: str) -> None:
    tgz = _tarball(tmp_path / "p.tgz", {"package/dist/a.js": b"a", evil: b"x"})
    with pytest.raises(assets.AssetFetchError, match="unsafe path"):
        assets._extract(tgz, "demo@1.0.0", ["dist/a.js"], tmp_path / "out")
    assert not (tmp_path / "evil.js").exists()


def test_extraction_refuses_links_and_reports_missing_files(tmp_path: Path) -> None:
    tgz = _tarball(tmp_path / "l.tgz", {"package/dist/a.js": b"a"}, symlink="package/dist/b.js")
    with pytest.raises(assets.AssetFetchError, match="non-regular"):
        assets._extract(tgz, "demo@1.0.0", ["dist/"], tmp_path / "out1")
    with pytest.raises(assets.AssetFetchError, match=r"demo@1\.0\.0: not in the npm tarball"):
        assets._extract(tgz, "demo@1.0.0", ["dist/a.js", "dist/c.js"], tmp_path / "out2")


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A local stand-in for the npm registry: for every package of the table a tarball built
    here (the needed files, a licence and an unrelated file), served over HTTP at the registry's
    own paths; yields (URL, pins of those tarballs, served folder)."""
    root = tmp_path / "registry"
    pins: dict[str, str] = {}
    for (name, version), paths in assets._packages().items():
        members = {"package/LICENSE": b"MIT", "package/README.md": b"not wanted"}
        for rel in paths:
            rel = rel + "x.png" if rel.endswith("/") else rel
            members[f"package/{rel}"] = f"/* {name}@{version} {rel} */".encode()
        tgz = root / name / "-" / f"{name.rpartition('/')[2]}-{version}.tgz"
        tgz.parent.mkdir(parents=True, exist_ok=True)
        _tarball(tgz, members)
        pins[f"{name}@{version}"] = _sri(tgz.read_bytes())
    with _serve(root) as url:
        yield url, pins, root


def test_fetch_downloads_checks_and_unpacks_the_pinned_tarballs(
    tmp_path: Path, registry: tuple[str, dict[str, str], Path]
) -> None:
    url, pins, _ = registry
    dest = tmp_path / "vendor"
    folders = assets.fetch_assets(dest, registry=url, pins=pins)
    assert len(folders) == len(assets._packages())
    assert assets.assets_available(dest)
    assert (dest / "leaflet@1.9.3/LICENSE").read_bytes() == b"MIT"
    assert not (dest / "leaflet@1.9.3/README.md").exists()
    manifest = json.loads((dest / assets.MANIFEST_NAME).read_text("utf-8"))["packages"]
    assert {spec: entry["integrity"] for spec, entry in manifest.items()} == pins
    assert not [p for p in dest.iterdir() if p.name.startswith(".download-")]


def test_fetch_is_idempotent_without_the_network(
    tmp_path: Path, registry: tuple[str, dict[str, str], Path]
) -> None:
    """Complete packages are not downloaded again: the second run works with no registry."""
    url, pins, _ = registry
    dest = tmp_path / "vendor"
    assets.fetch_assets(dest, registry=url, pins=pins)
    manifest = (dest / assets.MANIFEST_NAME).read_text("utf-8")
    assets.fetch_assets(dest, registry="http://127.0.0.1:9", pins=pins)
    assert (dest / assets.MANIFEST_NAME).read_text("utf-8") == manifest
    # A changed file on disk is fetched again (and the unreachable registry is named).
    (dest / assets.required_files()[0]).write_text("tampered", encoding="utf-8")
    with pytest.raises(
        assets.AssetFetchError, match=r"leaflet@1\.9\.3: downloading .*127\.0\.0\.1:9"
    ):
        assets.fetch_assets(dest, registry="http://127.0.0.1:9", pins=pins)


def test_a_tarball_that_does_not_match_its_pin_is_refused(
    tmp_path: Path, registry: tuple[str, dict[str, str], Path]
) -> None:
    url, pins, root = registry
    tgz = root / "jquery" / "-" / "jquery-3.7.1.tgz"
    _tarball(tgz, {"package/dist/jquery.min.js": b"alert('not the pinned jQuery')"})
    dest = tmp_path / "vendor"
    with pytest.raises(assets.AssetFetchError, match=r"jquery@3\.7\.1: tarball from .* integrity"):
        assets.fetch_assets(dest, registry=url, pins=pins)
    assert not (dest / "jquery@3.7.1").exists()
    assert not assets.assets_available(dest)


def test_a_package_without_a_pin_is_named_before_any_download(tmp_path: Path) -> None:
    pins = {k: v for k, v in assets.PINNED.items() if not k.startswith("topojson@")}
    with pytest.raises(assets.AssetFetchError, match=r"topojson@1\.6\.9: no pinned integrity"):
        assets.fetch_assets(tmp_path / "vendor", registry="http://127.0.0.1:9", pins=pins)
    assert not (tmp_path / "vendor").exists()


def test_every_package_of_the_table_is_pinned() -> None:
    assert set(assets.PINNED) == {f"{n}@{v}" for n, v in assets._packages()}
    assert all(pin.startswith("sha512-") and len(pin) == 95 for pin in assets.PINNED.values())


@pytest.fixture(scope="module")
def vendor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real fetch (npm registry), laid out as Streamlit serves it: <site>/app/static/vendor."""
    dest = tmp_path_factory.mktemp("site") / "app" / "static" / "vendor"
    assets.fetch_assets(dest)
    return dest


@pytest.mark.network
def test_fetch_assets_unpacks_every_file(vendor: Path) -> None:
    for rel in assets.required_files():
        assert (vendor / rel).stat().st_size > 0, rel
    css = (vendor / "@fortawesome/fontawesome-free@6.2.0/css/all.min.css").read_text("utf-8")
    fonts = set(re.findall(r"url\(\.\./webfonts/([\w.-]+\.woff2)\)", css))
    assert "fa-solid-900.woff2" in fonts
    for font in fonts:
        assert (vendor / "@fortawesome/fontawesome-free@6.2.0/webfonts" / font).stat().st_size
    for rel in (
        "leaflet@1.9.3/dist/images/marker-icon.png",
        "leaflet.awesome-markers@2.0.5/dist/images/markers-soft.png",
        "leaflet.fullscreen@3.0.0/icon-fullscreen.svg",
        "leaflet-minimap@3.6.1/src/images/toggle.svg",
        "leaflet-measure@2.1.7/dist/images/rulers.png",
        "leaflet@1.9.3/LICENSE",
    ):
        assert (vendor / rel).stat().st_size > 0, rel
    assert assets.assets_available(vendor)

    manifest = json.loads((vendor / assets.MANIFEST_NAME).read_text("utf-8"))["packages"]
    assert set(manifest) == {f"{n}@{v}" for n, v in assets._packages()}
    for spec, entry in manifest.items():
        assert entry["integrity"].startswith("sha512-"), spec
        assert all((vendor / f["path"]).is_file() for f in entry["files"])


@pytest.mark.network
def test_fetch_assets_is_idempotent(vendor: Path) -> None:
    """Complete packages are skipped without reaching the registry at all."""
    manifest = (vendor / assets.MANIFEST_NAME).read_text("utf-8")
    folders = assets.fetch_assets(vendor, registry="http://127.0.0.1:9")
    assert len(folders) == len(assets._packages())
    assert all(folder.is_dir() for folder in folders)
    assert (vendor / assets.MANIFEST_NAME).read_text("utf-8") == manifest


@pytest.mark.network
def test_awesome_markers_js_is_cdnjs_2_0_2(vendor: Path) -> None:
    """The npm 2.0.5 script is byte-identical to cdnjs' 2.0.2 (cdnjs' published SRI hash)."""
    js = vendor / "leaflet.awesome-markers@2.0.5/dist/leaflet.awesome-markers.js"
    assert assets._sha512_sri(js) == (
        "sha512-Oj9plGLST4IMXFXDfqMdTP+gSInbodkyno117PSjo5R08eu6TdzY9WPnnwQZGx2O2lG/kN0MzQk95ulWsRFuLA=="
    )


# --- the real thing, in a browser --------------------------------------------------------------


@contextlib.contextmanager
def _serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 over HTTP; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(vendor: Path) -> Iterator[str]:
    """Serve <site>/ (holding app/static/vendor) on 127.0.0.1; yield the base URL."""
    with _serve(vendor.parents[2]) as url:
        yield url


@pytest.mark.network
@pytest.mark.browser
def test_localized_map_works_offline_in_chromium(vendor: Path, site: str, browser: Any) -> None:
    m = build_map()
    assert assets.localize(m, dest=vendor, url_prefix=PREFIX)
    (vendor.parents[2] / "map.html").write_text(m.get_root().render(), encoding="utf-8")

    requested: list[tuple[str, str]] = []  # (resource type, url)
    failed: list[str] = []
    page = browser.new_page()
    try:
        local = urlsplit(site).netloc

        def route(r: object) -> None:
            # Everything but our server is unreachable, as on the intranet.
            req = r.request  # type: ignore[attr-defined]
            requested.append((req.resource_type, req.url))
            if urlsplit(req.url).netloc == local:
                r.continue_()  # type: ignore[attr-defined]
            else:
                r.abort()  # type: ignore[attr-defined]

        page.route("**/*", route)
        page.on(
            "requestfailed",
            lambda req: failed.append(req.url) if local in req.url else None,
        )
        page.on(
            "response",
            lambda res: failed.append(f"{res.status} {res.url}") if res.status >= 400 else None,
        )
        page.goto(f"{site}/map.html", wait_until="load")
        page.wait_for_function(
            """() => [...document.fonts].some(f => f.family.replace(/["']/g, '')
                === 'Font Awesome 6 Free' && f.weight === '900' && f.status === 'loaded')""",
            timeout=15_000,
        )
        state = page.evaluate(
            """() => {
              const q = s => document.querySelectorAll(s).length;
              const i = document.querySelector('.awesome-marker i.fa-store');
              const before = i && getComputedStyle(i, '::before');
              return {
                leaflet: window.L && window.L.version,
                jquery: typeof window.jQuery, bootstrap: typeof window.bootstrap,
                awesome: typeof (window.L && L.AwesomeMarkers),
                fullscreen: q('.leaflet-control-zoom-fullscreen'),
                minimap: q('.leaflet-control-minimap'),
                measure: q('.leaflet-control-measure'),
                marker: q('.awesome-marker-icon-blue'),
                topojson: q('path.leaflet-interactive'),
                glyph: before ? before.content : null,
                font: before ? before.fontFamily : null,
              };
            }"""
        )
    finally:
        page.close()

    assert state["leaflet"] == "1.9.3"
    assert (state["jquery"], state["bootstrap"]) == ("function", "object")
    assert state["awesome"] == "object"
    controls = {k: state[k] for k in ("fullscreen", "minimap", "measure")}
    assert controls == {"fullscreen": 1, "minimap": 1, "measure": 1}
    assert state["marker"] == 1
    assert state["topojson"] >= 1
    assert state["glyph"] == '"\uf54e"'  # Font Awesome 6 "store"
    assert "Font Awesome 6 Free" in state["font"]
    assert failed == []
    local_urls = [u for _, u in requested if urlsplit(u).netloc == urlsplit(site).netloc]
    remote = [(kind, u) for kind, u in requested if u not in local_urls]
    # only the minimap's OpenStreetMap tiles leave the server: no script, style or font
    assert all(kind == "image" and "{" not in u for kind, u in remote), remote
    assert all(urlsplit(u).path.startswith(PREFIX + "/") for u in local_urls[1:]), local_urls
    assert any(u.endswith("/webfonts/fa-solid-900.woff2") for u in local_urls)
    assert any(u.endswith("/dist/images/markers-soft.png") for u in local_urls)


def test_the_browser_test_tools_come_through_the_same_checked_download(tmp_path: Path) -> None:
    """axe-core (``ocop-geo assets fetch --test-tools``): pinned, integrity-checked, unpacked
    apart from the app's map files; a tarball with other bytes is refused."""
    assert {f"{n}@{v}" for n, v in assets.TEST_TOOLS} == set(assets.TEST_TOOLS_PINNED)
    assert not set(assets.TEST_TOOLS_PINNED) & set(assets.PINNED)
    assert Settings().assets_dir != assets.TEST_TOOLS_DIR  # never served by the app
    (name, version), paths = next(iter(assets.TEST_TOOLS.items()))
    root = tmp_path / "registry"
    tgz = root / name / "-" / f"{name}-{version}.tgz"
    tgz.parent.mkdir(parents=True)
    _tarball(tgz, {f"package/{p}": b"/* axe */" for p in paths} | {"package/LICENSE": b"MPL"})
    spec = f"{name}@{version}"
    dest = tmp_path / "tools"
    with _serve(root) as url:
        with pytest.raises(assets.AssetFetchError, match="integrity"):
            assets.fetch_assets(dest, registry=url, packages=assets.TEST_TOOLS,
                                pins=assets.TEST_TOOLS_PINNED)  # fmt: skip
        assets.fetch_assets(dest, registry=url, packages=assets.TEST_TOOLS,
                            pins={spec: _sri(tgz.read_bytes())})  # fmt: skip
    assert (dest / spec / "axe.min.js").read_bytes() == b"/* axe */"
    assert not assets.assets_available(dest)  # no map file came with it
