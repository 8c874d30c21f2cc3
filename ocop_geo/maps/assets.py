"""Offline copies of the JavaScript/CSS that folium loads from public CDNs.

folium (and its plugins) reference Leaflet, jQuery, Bootstrap, Font Awesome and plugin files on
public CDNs; on an intranet or in CI the map then stays blank. This module

* keeps one table, :data:`ASSETS`, that maps every asset our maps use to a file inside an npm
  package (keyed by the folium element class and the asset name folium gives it);
* downloads those packages' tarballs from the npm registry over HTTPS (no npm needed), checks
  them against the integrity pinned in :data:`PINNED` and unpacks the needed files into a folder
  (:func:`fetch_assets`, ``make assets``; ``make run`` and ``make test`` call it),
  which the app serves through Streamlit's static serving at :data:`DEFAULT_URL_PREFIX`;
* rewrites a map's asset URLs to the local copies (:func:`localize`) when, and only when, every
  asset the map needs is present; otherwise the map keeps its CDN URLs and the app shows a
  notice in its place (:mod:`ocop_geo.ui.map_view`).

Versions are not repeated by hand: each row describes the tail of folium's own URL with a
``{version}`` placeholder, and the version is read from folium's URL at run time. ``checked`` in
each row is the version the row was verified against; :func:`check_table` (and the tests) report
any difference, so a folium upgrade that moves an asset is noticed. Nothing here imports
streamlit.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import shutil
import tarfile
import tempfile
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import branca.colormap
import folium
import folium.plugins
from branca.element import Element
from folium.elements import JSCSSMixin

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import Message, MessageError

__all__ = [
    "ASSETS",
    "DEFAULT_URL_PREFIX",
    "MANIFEST_NAME",
    "NPM_REGISTRY",
    "PINNED",
    "TEST_TOOLS",
    "TEST_TOOLS_DIR",
    "TEST_TOOLS_PINNED",
    "Asset",
    "AssetFetchError",
    "assets_available",
    "check_table",
    "download_tarball",
    "fetch_assets",
    "find_asset",
    "localize",
    "localize_problems",
    "required_files",
    "upstream_version",
]

log = logging.getLogger(__name__)

#: Where Streamlit serves ``<repo>/static/vendor`` (``server.enableStaticServing``).
DEFAULT_URL_PREFIX = "/app/static/vendor"
#: Written by :func:`fetch_assets` in the destination folder.
MANIFEST_NAME = "manifest.json"

#: The public npm registry; tarballs are downloaded from it over HTTPS (no npm needed).
NPM_REGISTRY = "https://registry.npmjs.org"

_MANIFEST_FORMAT = 1
_DOWNLOAD_TIMEOUT_S = 120
# Instance attribute that remembers an element's original (CDN) links, so that localize() can be
# called again (e.g. with another prefix) without losing them.
_ORIGINAL_LINKS = "_ocop_geo_cdn_links"
_VERSION_RE = r"(?P<version>[0-9][0-9A-Za-z.+-]*)"
_NPM_NAME_RE = re.compile(r"^(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$")
_NPM_VERSION_RE = re.compile(r"^[0-9][0-9A-Za-z.+-]*$")


class AssetFetchError(MessageError, RuntimeError):
    """Fetching or unpacking an npm package for the offline assets failed."""


def _icons(elements: Sequence[Element]) -> Iterator[folium.Icon]:
    return (e for e in elements if isinstance(e, folium.Icon))


def _uses_glyphicons(elements: Sequence[Element]) -> bool:
    """True if a ``folium.Icon`` in the tree uses the (default) ``glyphicon`` prefix."""
    return any(icon.options.get("prefix", "glyphicon") == "glyphicon" for icon in _icons(elements))


def _uses_rotation(elements: Sequence[Element]) -> bool:
    """True if a ``folium.Icon`` in the tree is rotated (``angle`` other than 0)."""
    return any(
        icon.options.get("extra_classes", "fa-rotate-0") != "fa-rotate-0"
        for icon in _icons(elements)
    )


@dataclass(frozen=True)
class Asset:
    """One ``(name, url)`` entry of a folium element's ``default_js`` / ``default_css``.

    Attributes
    ----------
    element : type
        The folium class whose ``default_js``/``default_css`` holds the entry.
    name, kind : str
        folium's name for the link, and whether it is a script (``"js"``) or stylesheet.
    url_tail : str
        The end of folium's URL (host left out), ``{version}`` standing for the version.
    checked : str
        The upstream version this row was verified against ("" if the URL has none).
    package : str or None
        npm package that provides the file; None means the asset is dropped when localising.
    path : str
        The file inside the npm package.
    also : tuple of str
        Files or folders (trailing ``/``) that the file loads relatively: fonts, images.
    npm_versions : mapping
        Upstream version -> npm version, for packages whose npm versions differ from the CDN's.
        Empty means "same version"; an upstream version missing from a non-empty mapping makes
        the asset unknown (a human has to check it).
    needed : callable or None
        For dropped assets: given all elements of a map, whether the map needs it after all.
    note : str
        Why the row is as it is.
    """

    element: type[JSCSSMixin]
    name: str
    kind: Literal["js", "css"]
    url_tail: str
    checked: str
    package: str | None
    path: str = ""
    also: tuple[str, ...] = ()
    npm_versions: Mapping[str, str] = field(default_factory=dict)
    needed: Callable[[Sequence[Element]], bool] | None = None
    note: str = ""

    def npm_version(self, upstream: str) -> str | None:
        """The npm version to use for folium's ``upstream`` version, or None if unknown."""
        if self.npm_versions:
            return self.npm_versions.get(upstream)
        return upstream

    def local_path(self, upstream: str) -> str | None:
        """``<package>@<npm version>/<path>`` for folium's ``upstream`` version, or None."""
        version = self.npm_version(upstream)
        if self.package is None or version is None:
            return None
        return f"{self.package}@{version}/{self.path}"


_Map = folium.Map
_Fullscreen = folium.plugins.Fullscreen
_MiniMap = folium.plugins.MiniMap
_Measure = folium.plugins.MeasureControl
_Cluster = folium.plugins.MarkerCluster  # FastMarkerCluster inherits these links

# The table. jsDelivr serves "*.min.js"/"*.min.css" for any npm file by minifying on the fly, and
# cdnjs republishes upstream builds; where the npm tarball lacks folium's exact file name, the row
# points at the unminified file of the same version (same code, just not minified).
# fmt: off
ASSETS: tuple[Asset, ...] = (
    # --- folium.Map defaults -------------------------------------------------------------------
    Asset(_Map, "leaflet", "js", "leaflet@{version}/dist/leaflet.js", "1.9.3",
          "leaflet", "dist/leaflet.js"),
    Asset(_Map, "jquery", "js", "jquery-{version}.min.js", "3.7.1",
          "jquery", "dist/jquery.min.js"),
    Asset(_Map, "bootstrap", "js", "bootstrap@{version}/dist/js/bootstrap.bundle.min.js", "5.2.2",
          "bootstrap", "dist/js/bootstrap.bundle.min.js"),
    # Leaflet.awesome-markers: folium loads 2.0.2 from cdnjs; npm has only 2.0.0, 2.0.4 and 2.0.5.
    # Their dist/ files are byte-identical to each other (2.0.0's bower.json even says "2.0.2"),
    # and leaflet.awesome-markers.js / .min.js are byte-identical to cdnjs' 2.0.2 (their sha512
    # equals cdnjs' published SRI hashes). The CSS differs from cdnjs' 2.0.2 only by an added
    # ".awesome-marker-square" rule and a retina background-size matching the two-row sprite
    # that npm ships (round markers in row one, as before): same look for our markers.
    Asset(_Map, "awesome_markers", "js",
          "Leaflet.awesome-markers/{version}/leaflet.awesome-markers.js", "2.0.2",
          "leaflet.awesome-markers", "dist/leaflet.awesome-markers.js",
          npm_versions={"2.0.2": "2.0.5"},
          note="npm 2.0.5: JS byte-identical to cdnjs 2.0.2"),
    Asset(_Map, "leaflet_css", "css", "leaflet@{version}/dist/leaflet.css", "1.9.3",
          "leaflet", "dist/leaflet.css", also=("dist/images/",)),
    Asset(_Map, "bootstrap_css", "css", "bootstrap@{version}/dist/css/bootstrap.min.css", "5.2.2",
          "bootstrap", "dist/css/bootstrap.min.css"),
    # Bootstrap 3.0.0's separate glyphicons stylesheet is not on npm (bootstrap@3.0.0 is not
    # published there; later 3.x embed glyphicons in a full Bootstrap 3 that clashes with 5.x),
    # and folium's wheel does not ship it. It only serves Icon(prefix="glyphicon"); our maps use
    # Font Awesome (prefix="fa"). Dropped: localize() refuses maps with glyphicon icons.
    Asset(_Map, "glyphicons_css", "css", "bootstrap/{version}/css/bootstrap-glyphicons.css",
          "3.0.0", None, needed=_uses_glyphicons,
          note="dropped: only for Icon(prefix='glyphicon'); not on npm"),
    Asset(_Map, "awesome_markers_font_css", "css",
          "@fortawesome/fontawesome-free@{version}/css/all.min.css", "6.2.0",
          "@fortawesome/fontawesome-free", "css/all.min.css", also=("webfonts/",)),
    Asset(_Map, "awesome_markers_css", "css",
          "Leaflet.awesome-markers/{version}/leaflet.awesome-markers.css", "2.0.2",
          "leaflet.awesome-markers", "dist/leaflet.awesome-markers.css",
          also=("dist/images/",), npm_versions={"2.0.2": "2.0.5"},
          note="npm 2.0.5: see awesome_markers"),
    # folium's leaflet.awesome.rotate.min.css is served from folium's GitHub repository only (not
    # npm, not folium's wheel). It defines .fa-rotate-1 ... .fa-rotate-359, used by
    # Icon(angle=N); with angle=0 (ours) Icon emits "fa-rotate-0", which it has no rule for.
    # Dropped: localize() refuses maps with rotated icons.
    Asset(_Map, "awesome_rotate_css", "css", "folium/templates/leaflet.awesome.rotate.min.css",
          "", None, needed=_uses_rotation,
          note="dropped: only for Icon(angle!=0); not on npm"),
    # --- folium.TopoJson -----------------------------------------------------------------------
    Asset(folium.TopoJson, "topojson", "js", "topojson/{version}/topojson.min.js", "1.6.9",
          "topojson", "topojson.min.js"),
    # --- plugins -------------------------------------------------------------------------------
    Asset(_Fullscreen, "Control.Fullscreen.js", "js",
          "leaflet.fullscreen@{version}/Control.FullScreen.min.js", "3.0.0",
          "leaflet.fullscreen", "Control.FullScreen.js",
          note="npm has no .min.js (jsDelivr minifies on the fly)"),
    Asset(_Fullscreen, "Control.FullScreen.css", "css",
          "leaflet.fullscreen@{version}/Control.FullScreen.css", "3.0.0",
          "leaflet.fullscreen", "Control.FullScreen.css", also=("icon-fullscreen.svg",)),
    # cdnjs' Control.MiniMap.js/.css for 3.6.1 are npm's src/ files (sha512 = cdnjs' SRI).
    Asset(_MiniMap, "Control_MiniMap_js", "js", "leaflet-minimap/{version}/Control.MiniMap.js",
          "3.6.1", "leaflet-minimap", "src/Control.MiniMap.js"),
    Asset(_MiniMap, "Control_MiniMap_css", "css", "leaflet-minimap/{version}/Control.MiniMap.css",
          "3.6.1", "leaflet-minimap", "src/Control.MiniMap.css", also=("src/images/",)),
    Asset(_Measure, "leaflet_measure_js", "js",
          "leaflet-measure@{version}/dist/leaflet-measure.min.js", "2.1.7",
          "leaflet-measure", "dist/leaflet-measure.min.js"),
    Asset(_Measure, "leaflet_measure_css", "css",
          "leaflet-measure@{version}/dist/leaflet-measure.min.css", "2.1.7",
          "leaflet-measure", "dist/leaflet-measure.css", also=("dist/images/",),
          note="npm has no .min.css (jsDelivr minifies on the fly)"),
    # cdnjs republishes the npm package's dist/ folder for Leaflet.markercluster.
    Asset(_Cluster, "markerclusterjs", "js",
          "leaflet.markercluster/{version}/leaflet.markercluster.js", "1.1.0",
          "leaflet.markercluster", "dist/leaflet.markercluster.js"),
    Asset(_Cluster, "markerclustercss", "css",
          "leaflet.markercluster/{version}/MarkerCluster.css", "1.1.0",
          "leaflet.markercluster", "dist/MarkerCluster.css"),
    Asset(_Cluster, "markerclusterdefaultcss", "css",
          "leaflet.markercluster/{version}/MarkerCluster.Default.css", "1.1.0",
          "leaflet.markercluster", "dist/MarkerCluster.Default.css"),
    # Leaflet.draw (the events page's street-line tool): cdnjs' leaflet.draw/1.0.2 files are the
    # npm package's dist/ build (not byte-compared here: no network to cdnjs).
    Asset(folium.plugins.Draw, "leaflet_draw_js", "js", "leaflet.draw/{version}/leaflet.draw.js",
          "1.0.2", "leaflet-draw", "dist/leaflet.draw.js",
          note="npm dist/ build of the same version"),
    Asset(folium.plugins.Draw, "leaflet_draw_css", "css",
          "leaflet.draw/{version}/leaflet.draw.css", "1.0.2", "leaflet-draw",
          "dist/leaflet.draw.css", also=("dist/images/",)),
)
# fmt: on

#: The npm tarball of every package the table uses, pinned by its integrity (sha512, base64, as
#: npm's lock files write it; from ``https://registry.npmjs.org/<name>/<version>``, field
#: ``dist.integrity``). :func:`fetch_assets` refuses any other bytes. A folium upgrade that moves
#: a package to another version needs a new line here (the error says which).
# fmt: off
PINNED: dict[str, str] = {
    "leaflet@1.9.3": "sha512-iB2cR9vAkDOu5l3HAay2obcUHZ7xwUBBjph8+PGtmW/2lYhbLizWtG7nTeYht36WfOslixQF9D/uSIzhZgGMfQ==",  # noqa: E501
    "jquery@3.7.1": "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",  # noqa: E501
    "bootstrap@5.2.2": "sha512-dEtzMTV71n6Fhmbg4fYJzQsw1N29hJKO1js5ackCgIpDcGid2ETMGC6zwSYw09v05Y+oRdQ9loC54zB1La3hHQ==",  # noqa: E501
    "leaflet.awesome-markers@2.0.5": "sha512-Ne/xDjkGyaujwNVVkv2tyXQUV0ZW7gZ0Mo0FuQY4jp2qWrvXi0hwDBvmZyF/8YOvybyMabTMM/mFWCTd1jZIQA==",  # noqa: E501
    "@fortawesome/fontawesome-free@6.2.0": "sha512-CNR7qRIfCwWHNN7FnKUniva94edPdyQzil/zCwk3v6k4R6rR2Fr8i4s3PM7n/lyfPA6Zfko9z5WDzFxG9SW1uQ==",  # noqa: E501
    "topojson@1.6.9": "sha512-aftYnkvMKKaslPs4sX79cXzXjgU4dRo0qxJQ7FDQua3ACMpnYQWceX7tRl87T0Gn5TQ4A0MCerXHoZBkFSsh+Q==",  # noqa: E501
    "leaflet.fullscreen@3.0.0": "sha512-81wWSUXz1ZtdneR0v5eJDWXUSx+Zo5J50WXWeydG/UcILfIEAgz/iOjZSi3p00Z9MJ/FC/P5i3CgdYuEAos0yQ==",  # noqa: E501
    "leaflet-minimap@3.6.1": "sha512-6px8f6cfv1rKB6ACpL6bbUFGxipZOq4KsntJgBj9nOcW1RYa5+xFp8emOZwks9X+VtVVsQEwWwfgT1kTTL/LzA==",  # noqa: E501
    "leaflet-measure@2.1.7": "sha512-IvoHIoVTIQSXUgaNnAMF17qXFB+dF5ICdwmY8BHyq/Hh33/xeGqQUUYlz0pRMzFN9NUcjsT6JBhCr1ia0CG5ug==",  # noqa: E501
    "leaflet.markercluster@1.1.0": "sha512-eI+XkCiLiHwCC3uZ4/n4+Vq3rXcqEHN2lhHRVG1WVziy/3Q0TTipWkzEa1zO0dKZI2AnI5ppFDWrOjnQ7MJLKQ==",  # noqa: E501
    "leaflet-draw@1.0.2": "sha512-iCcbXE9okhwznoTXjxVjoGFoKeiWGsgmWPKrPAeHUvtWZWK4t6YF6815D13wZoMxX2UM6tOmD7/VofCxx3S0+w==",  # noqa: E501
}
# fmt: on

#: npm packages the browser tests need, not the app: axe-core (MPL-2.0), the accessibility
#: rules engine that tests/e2e/test_accessibility_browser.py injects into every page.
#: ``ocop-geo assets fetch --test-tools`` (``make test-assets``) fetches them with the same
#: pinned, integrity-checked download as the map files, into :data:`TEST_TOOLS_DIR`.
TEST_TOOLS: dict[tuple[str, str], list[str]] = {("axe-core", "4.14.1"): ["axe.min.js"]}
#: Their integrity, as :data:`PINNED` (``https://registry.npmjs.org/axe-core/4.14.1``).
# fmt: off
TEST_TOOLS_PINNED: dict[str, str] = {
    "axe-core@4.14.1": "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",  # noqa: E501
}
# fmt: on
#: Where the test tools go (git-ignored; not served by the app).
TEST_TOOLS_DIR = REPO_ROOT / "build" / "test-tools"

_BY_KEY: dict[tuple[type, str], Asset] = {(a.element, a.name): a for a in ASSETS}


def find_asset(cls: type, name: str) -> Asset | None:
    """The table row for asset ``name`` of folium class ``cls`` (or of a base class)."""
    for base in cls.__mro__:
        row = _BY_KEY.get((base, name))
        if row is not None:
            return row
    return None


def upstream_version(asset: Asset, url: str) -> str | None:
    """The version in folium's ``url`` for ``asset``; None if the URL no longer fits the row."""
    head, sep, tail = asset.url_tail.partition("{version}")
    pattern = re.escape(head) + (_VERSION_RE if sep else "") + re.escape(tail)
    match = re.search(r"(?:^|/)" + pattern + r"$", url)
    if match is None:
        return None
    return match.group("version") if sep else ""


def _folium_url(asset: Asset) -> str | None:
    pairs = asset.element.default_js if asset.kind == "js" else asset.element.default_css
    return dict(pairs).get(asset.name)


def check_table() -> list[str]:
    """Differences between :data:`ASSETS` and folium's current URLs (empty when in sync).

    Reports folium assets without a row, rows whose URL pattern no longer matches, and versions
    other than the ``checked`` one (the row must then be re-verified).
    """
    problems: list[str] = []
    classes = dict.fromkeys(a.element for a in ASSETS)
    for cls in classes:
        for kind, pairs in (("js", cls.default_js), ("css", cls.default_css)):
            for name, url in pairs:
                row = _BY_KEY.get((cls, name))
                if row is None:
                    problems.append(
                        f"{cls.__name__}.{name}: no row in ocop_geo.maps.assets ({url})"
                    )
                elif row.kind != kind:
                    problems.append(f"{cls.__name__}.{name}: folium lists it as {kind}")
    for row in ASSETS:
        url = _folium_url(row)
        version = None if url is None else upstream_version(row, url)
        label = f"{row.element.__name__}.{row.name}"
        if url is None:
            problems.append(f"{label}: folium no longer has this asset")
        elif version is None:
            problems.append(f"{label}: folium's URL {url} does not match {row.url_tail!r}")
        elif version != row.checked:
            problems.append(f"{label}: folium now uses {version}, the row checked {row.checked}")
        elif row.package is not None and row.npm_version(version) is None:
            problems.append(f"{label}: no npm version known for {version}")
    return problems


def _resolve(row: Asset) -> str | None:
    """The row's local path for folium's current URL; None if dropped or not resolvable."""
    url = _folium_url(row)
    version = None if url is None else upstream_version(row, url)
    return None if version is None else row.local_path(version)


def _packages() -> dict[tuple[str, str], list[str]]:
    """``(npm name, npm version) -> [paths inside the package]`` for all kept assets."""
    wanted: dict[tuple[str, str], list[str]] = {}
    for row in ASSETS:
        if row.package is None:
            continue
        local = _resolve(row)
        if local is None:
            stale = Message(
                "assets.error.out_of_date",
                package=row.package,
                asset=f"{row.element.__name__}.{row.name}",
                problems="; ".join(check_table()),
            )
            raise AssetFetchError(stale)
        spec = local.removesuffix("/" + row.path)
        name, _, version = spec.rpartition("@")
        paths = wanted.setdefault((name, version), [])
        for path in (row.path, *row.also):
            if path not in paths:
                paths.append(path)
    return wanted


def required_files() -> list[str]:
    """Paths (relative to the destination folder) of every kept asset file, in table order."""
    files = [_resolve(row) for row in ASSETS if row.package is not None]
    return list(dict.fromkeys(f for f in files if f is not None))


def assets_available(dest: Path) -> bool:
    """True if ``dest`` holds every kept asset file of the table (see :func:`fetch_assets`)."""
    files = [_resolve(row) for row in ASSETS if row.package is not None]
    return all(f is not None and (Path(dest) / f).is_file() for f in files)


# --- localising a map --------------------------------------------------------------------------


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _original_links(elem: JSCSSMixin) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    saved = elem.__dict__.get(_ORIGINAL_LINKS)
    if saved is not None:
        return saved
    return list(elem.default_js), list(elem.default_css)


def _plan(
    m: folium.Map, dest: Path, url_prefix: str
) -> tuple[list[str], dict[int, tuple[JSCSSMixin, list[tuple[str, str]], list[tuple[str, str]]]]]:
    """Work out the new links of every element, and what stands in the way."""
    elements = list(_walk(m))
    prefix = url_prefix.rstrip("/")
    problems: list[str] = []
    plan: dict[int, tuple[JSCSSMixin, list[tuple[str, str]], list[tuple[str, str]]]] = {}
    for elem in elements:
        if isinstance(elem, branca.colormap.ColorMap):
            # branca (and streamlit-folium) add d3 from a CDN with a hard-coded URL for colormap
            # legends; no attribute can point that elsewhere.
            problems.append(f"{type(elem).__name__}: branca colormaps load d3 from a CDN")
        if not isinstance(elem, JSCSSMixin):
            continue
        new: dict[str, list[tuple[str, str]]] = {"js": [], "css": []}
        for kind, pairs in zip(("js", "css"), _original_links(elem), strict=True):
            for name, url in pairs:
                label = f"{type(elem).__name__}.{name}"
                row = find_asset(type(elem), name)
                version = None if row is None else upstream_version(row, url)
                if row is None or version is None:
                    problems.append(f"{label}: no offline copy known for {url}")
                    continue
                if row.package is None:
                    if row.needed is not None and row.needed(elements):
                        problems.append(f"{label}: dropped offline, but this map needs it")
                    continue
                local = row.local_path(version)
                if local is None:
                    problems.append(f"{label}: no npm version known for {version}")
                elif not (Path(dest) / local).is_file():
                    problems.append(f"{label}: {local} missing under {dest}")
                else:
                    new[kind].append((name, f"{prefix}/{local}"))
        plan[id(elem)] = (elem, new["js"], new["css"])
    return problems, plan


def localize_problems(m: folium.Map, *, dest: Path) -> list[str]:
    """Why :func:`localize` would keep the CDN URLs for ``m`` (empty list: it would not)."""
    problems, _ = _plan(m, dest, DEFAULT_URL_PREFIX)
    return problems


def localize(m: folium.Map, *, dest: Path, url_prefix: str = DEFAULT_URL_PREFIX) -> bool:
    """Point the map's scripts and stylesheets at the local copies under ``dest``.

    Walks ``m`` and all its descendants (``_children``) and, if every asset they need is present
    under ``dest``, sets the *instance* attributes ``default_js``/``default_css`` of each element
    to ``f"{url_prefix}/{package}@{version}/{path}"`` (folium's ``render()`` and
    streamlit-folium both read these attributes; class attributes are left alone). Assets dropped
    in the table are left out. Calling it again (e.g. with another prefix) starts from the
    original CDN links.

    Parameters
    ----------
    m : folium.Map
        The map, with all layers and plugins already added.
    dest : Path
        The folder filled by :func:`fetch_assets`.
    url_prefix : str
        The URL under which ``dest`` is served.

    Returns
    -------
    bool
        True if the map now uses local copies only; False if something was missing, in which
        case nothing was changed and the map keeps its CDN URLs (see :func:`localize_problems`).
    """
    problems, plan = _plan(m, dest, url_prefix)
    if problems:
        log.info("keeping CDN assets for the map: %s", "; ".join(problems))
        return False
    for elem, js, css in plan.values():
        if _ORIGINAL_LINKS not in elem.__dict__:
            setattr(elem, _ORIGINAL_LINKS, _original_links(elem))
        elem.default_js = js
        elem.default_css = css
    return True


# --- fetching ----------------------------------------------------------------------------------


def _sha512_sri(path: Path) -> str:
    digest = hashlib.sha512()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return "sha512-" + base64.b64encode(digest.digest()).decode("ascii")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tarball_url(registry: str, name: str, version: str) -> str:
    """The registry's tarball URL: ``<registry>/<name>/-/<name without scope>-<version>.tgz``."""
    return f"{registry.rstrip('/')}/{name}/-/{name.rpartition('/')[2]}-{version}.tgz"


def download_tarball(
    name: str, version: str, integrity: str, workdir: Path, *, registry: str = NPM_REGISTRY
) -> Path:
    """Download ``name@version``'s tarball over HTTP(S) into ``workdir`` and check it.

    The tarball's sha512 must equal ``integrity`` (the Subresource Integrity string pinned in
    :data:`PINNED`, as npm's lock files write it); otherwise nothing is kept.

    Raises
    ------
    AssetFetchError
        The registry cannot be reached, answers with an error, or the bytes do not match.
    """
    spec = f"{name}@{version}"
    url = _tarball_url(registry, name, version)
    if not url.startswith(("https://", "http://")):
        raise AssetFetchError(Message("assets.error.registry", spec=spec, registry=repr(registry)))
    tarball = workdir / f"{name.rpartition('/')[2]}-{version}.tgz"
    try:
        # http(s) only (checked above); S310 warns about file:// and custom schemes.
        with (
            urllib.request.urlopen(url, timeout=_DOWNLOAD_TIMEOUT_S) as resp,  # noqa: S310
            tarball.open("wb") as fh,
        ):
            shutil.copyfileobj(resp, fh)
    except (OSError, ValueError) as exc:  # URLError and HTTPError are OSErrors
        failed = Message("assets.error.download", spec=spec, url=url, error=str(exc))
        raise AssetFetchError(failed) from exc
    actual = _sha512_sri(tarball)
    if actual != integrity:
        tarball.unlink()
        raise AssetFetchError(
            Message("assets.error.integrity", spec=spec, url=url, actual=actual, pinned=integrity)
        )
    return tarball


def _member_path(spec: str, member: tarfile.TarInfo) -> PurePosixPath | None:
    """The member's path inside the package (top folder, usually ``package/``, stripped)."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or member.name.startswith(("/", "\\")):
        raise AssetFetchError(
            Message("assets.error.unsafe_path", spec=spec, member=repr(member.name))
        )
    if len(path.parts) < 2:
        return None
    return PurePosixPath(*path.parts[1:])


def _is_license(path: PurePosixPath) -> bool:
    return len(path.parts) == 1 and path.name.upper().startswith(("LICENSE", "LICENCE"))


def _extract(tarball: Path, spec: str, wanted: Sequence[str], target: Path) -> list[Path]:
    """Extract the ``wanted`` files/folders (and top-level licence files) into ``target``."""
    found = dict.fromkeys(wanted, False)
    written: list[Path] = []
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            rel = _member_path(spec, member)
            if rel is None:
                continue
            text = rel.as_posix()
            hits = [w for w in wanted if text == w or (w.endswith("/") and text.startswith(w))]
            if not hits and not _is_license(rel):
                continue
            if not member.isfile():
                if member.isdir():
                    continue
                raise AssetFetchError(
                    Message("assets.error.not_regular", spec=spec, member=repr(member.name))
                )
            out = target.joinpath(*rel.parts)
            if not out.resolve().is_relative_to(target.resolve()):
                raise AssetFetchError(
                    Message("assets.error.outside", spec=spec, member=repr(member.name))
                )
            source = tar.extractfile(member)
            if source is None:
                raise AssetFetchError(
                    Message("assets.error.unreadable", spec=spec, member=repr(member.name))
                )
            out.parent.mkdir(parents=True, exist_ok=True)
            with source, out.open("wb") as fh:
                shutil.copyfileobj(source, fh)
            written.append(out)
            for w in hits:
                found[w] = True
    missing = [w for w, ok in found.items() if not ok]
    if missing:
        raise AssetFetchError(Message("assets.error.missing", spec=spec, paths=", ".join(missing)))
    return written


def _read_manifest(dest: Path) -> dict[str, Any]:
    try:
        data = json.loads((dest / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
        return {}
    packages = data.get("packages")
    return packages if isinstance(packages, dict) else {}


def _write_manifest(dest: Path, packages: Mapping[str, Any]) -> None:
    body = {"format": _MANIFEST_FORMAT, "packages": dict(sorted(packages.items()))}
    tmp = dest / f".{MANIFEST_NAME}.tmp"
    tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(dest / MANIFEST_NAME)


def _complete(dest: Path, entry: Any, folder: str, wanted: Sequence[str]) -> bool:
    """Whether a manifest entry covers ``wanted`` and its files are on disk unchanged."""
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), list):
        return False
    files = {f.get("path"): f for f in entry["files"] if isinstance(f, dict)}
    for w in wanted:
        rel = f"{folder}/{w}"
        if not any(p == rel or (w.endswith("/") and str(p).startswith(rel)) for p in files):
            return False
    for rel, info in files.items():
        path = dest / str(rel)
        if not path.is_file() or path.stat().st_size != info.get("size"):
            return False
        if _sha256(path) != info.get("sha256"):
            return False
    return True


def fetch_assets(
    dest: Path,
    *,
    registry: str = NPM_REGISTRY,
    pins: Mapping[str, str] | None = None,
    packages: Mapping[tuple[str, str], Sequence[str]] | None = None,
) -> list[Path]:
    """Download the npm packages of :data:`ASSETS` (or ``packages``) and unpack the needed
    files into ``dest``.

    No npm is needed: each package's tarball is downloaded from the registry over HTTPS and
    must match its integrity pinned in :data:`PINNED` (or ``pins``); only the files and folders
    the table names (plus top-level licence files) are unpacked, into
    ``dest/<name>@<version>/``, refusing absolute paths, ``..`` and links. ``dest/manifest.json``
    records package, version, integrity and files (size, sha256). Packages already complete
    according to the manifest (same integrity, files unchanged) are skipped without any network.

    Parameters
    ----------
    dest : Path
        Destination folder (created if needed), e.g. ``<repo>/static/vendor``.
    registry : str
        Base URL of the npm registry.
    pins : mapping, optional
        ``"name@version" -> integrity``; defaults to :data:`PINNED`.
    packages : mapping, optional
        ``(name, version) -> [files or folders/]`` to fetch instead of the map table's, e.g.
        :data:`TEST_TOOLS` (with ``pins=TEST_TOOLS_PINNED``).

    Returns
    -------
    list of Path
        The package folders, ``dest/<name>@<version>``, in table order.

    Raises
    ------
    AssetFetchError
        A package has no pinned integrity, the download fails or does not match its pin, a
        file is absent from a package, or the table no longer matches folium; the message names
        the package.
    """
    dest = Path(dest)
    pins = PINNED if pins is None else pins
    wanted = _packages() if packages is None else {k: list(v) for k, v in packages.items()}
    for name, version in wanted:
        spec = f"{name}@{version}"
        if not _NPM_NAME_RE.match(name) or not _NPM_VERSION_RE.match(version):
            raise AssetFetchError(Message("assets.error.invalid_spec", spec=spec))
        if not str(pins.get(spec, "")).startswith("sha512-"):
            url = f"{registry.rstrip('/')}/{name}/{version}"
            raise AssetFetchError(Message("assets.error.no_pin", spec=spec, url=url))
    dest.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(dest)
    manifest: dict[str, Any] = {}
    folders: list[Path] = []
    for (name, version), paths in wanted.items():
        spec = f"{name}@{version}"
        folder = dest / spec
        folders.append(folder)
        entry = old.get(spec)
        if _complete(dest, entry, spec, paths) and entry.get("integrity") == pins[spec]:
            log.info("%s: already complete", spec)
            manifest[spec] = entry
            continue
        log.info("%s: downloading from %s", spec, registry)
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".download-", dir=dest) as tmp:
            work = Path(tmp)
            tarball = download_tarball(name, version, pins[spec], work, registry=registry)
            staging = work / "unpacked"
            staging.mkdir()
            written = _extract(tarball, spec, paths, staging)
            if folder.exists():
                shutil.rmtree(folder)
            staging.replace(folder)
        files = [folder / w.relative_to(staging) for w in written]
        manifest[spec] = {
            "package": name,
            "version": version,
            "integrity": pins[spec],
            "files": [
                {
                    "path": f.relative_to(dest).as_posix(),
                    "size": f.stat().st_size,
                    "sha256": _sha256(f),
                }
                for f in sorted(files)
            ],
        }
        _write_manifest(dest, {**old, **manifest})
    _write_manifest(dest, manifest)
    return folders
