"""AppTest: every page runs in both languages; search and the ?site deep link work."""

from __future__ import annotations

import json
import re

import pytest

from tests.apptest import OpenPage

PAGES = ["pages/home.py", "pages/map.py", "pages/about.py"]


@pytest.fixture
def app(open_app: OpenPage) -> OpenPage:
    """``app(lang="en", site="…")`` → the app as first opened, on a fresh database, with those
    query parameters (tests/apptest.py)."""
    return lambda **query: open_app(None, **query)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_error(app: OpenPage, page: str, lang: str) -> None:
    at = app(lang=lang)
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error
    assert at.title, "every page has a title"


def test_vietnamese_is_the_default_and_english_can_be_chosen(app: OpenPage) -> None:
    at = app()
    assert at.title[0].value == "Chương trình OCOP Hà Nội — mô hình chỉ đạo điểm năm 2020"
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Hanoi's OCOP programme — the 2020 pilot"


def test_home_shows_sourced_headline_figures(app: OpenPage) -> None:
    at = app()
    metrics = {m.label.replace("\\", ""): m.value for m in at.metric}  # labels are md-escaped
    assert metrics["Điểm giới thiệu và bán sản phẩm OCOP thí điểm"] == "5"
    assert metrics["Sản phẩm OCOP của Hà Nội (giữa năm 2025)"] == "3.317"
    notes = [c.value for c in at.markdown if c.value.startswith(":small[")]
    assert sum("[nguồn](http" in c for c in notes) == len(at.metric)  # each figure's source


def test_sidebar_carries_the_data_attribution(app: OpenPage) -> None:
    at = app()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "licensed CC BY 3.0 IGO (https://creativecommons.org/licenses/by/3.0/igo/)" in captions
    assert "OpenStreetMap contributors" in captions


def test_deep_link_opens_the_site(app: OpenPage) -> None:
    at = app(site="bat-trang")
    at.switch_page("pages/map.py").run()
    assert [s.value for s in at.subheader] == ["Bát Tràng"]
    assert at.selectbox(key="site_pick").value == "bat-trang"
    table = at.table[0].value
    assert table.loc["Phường/xã (từ 1/7/2025)"].iloc[0] == "Xã Bát Tràng"


def test_unknown_deep_link_is_a_clear_error(app: OpenPage) -> None:
    at = app(site="hoan-kiem")
    at.switch_page("pages/map.py").run()
    assert "hoan-kiem" in at.error[0].value
    assert "bat-trang" in at.error[0].value  # the valid ids are listed
    assert not at.exception


def test_search_without_diacritics_selects_the_site_and_updates_the_link(app: OpenPage) -> None:
    at = app(lang="en")
    at.switch_page("pages/map.py").run()
    at.text_input(key="site_query").input("duong lam").run()
    assert [s.value for s in at.subheader] == ["Duong Lam"]
    assert at.query_params["site"] == "duong-lam"


def test_a_pre_2025_name_finds_the_site_with_its_2025_ward(app: OpenPage) -> None:
    at = app()
    at.switch_page("pages/map.py").run()
    at.text_input(key="site_query").input("Vạn Phúc, Hà Đông").run()
    assert at.selectbox(key="site_pick").value == "van-phuc"
    assert "Vạn Phúc · Phường Hà Đông" in at.selectbox(key="site_pick").options
    assert at.query_params["site"] == "van-phuc"


def test_search_with_no_match_says_so(app: OpenPage) -> None:
    at = app()
    at.switch_page("pages/map.py").run()
    at.text_input(key="site_query").input("hoi an").run()
    assert "hoi an" in at.info[0].value
    assert not at.subheader


def test_choropleth_figure_can_be_changed(app: OpenPage) -> None:
    at = app()
    at.switch_page("pages/map.py").run()
    at.selectbox(key="figure").select("area_km2").run()
    assert not at.exception


def test_the_wards_are_sent_only_once_their_toggle_is_on(app: OpenPage) -> None:
    """The first map is small (no wards); the "wards" toggle puts them on the map, shown."""
    at = app()
    at.switch_page("pages/map.py").run()
    wards = re.compile(r'(topo_json_\w+)_data\["objects"\]\["wards"\]')
    first = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert not wards.search(first)
    at.toggle(key="map_wards").set_value(True).run()
    assert not at.exception
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    layer = wards.search(script)
    assert layer, "the wards TopoJSON layer"
    assert f"{layer.group(1)}.addTo(map_div)" in script  # shown, not only listed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_invalid_setting_is_an_error_box_naming_the_variable(
    open_app: OpenPage, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("OCOP_DETOUR_FACTOR", "0.5")
    at = open_app("pages/routes.py", lang=lang)
    assert not at.exception
    expected = {"vi": "Cấu hình máy chủ không hợp lệ", "en": "The server's settings"}[lang]
    assert expected in at.error[0].value
    assert "OCOP_DETOUR_FACTOR='0.5'" in at.code[0].value
