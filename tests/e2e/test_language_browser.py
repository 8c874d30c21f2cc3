"""Every page in Chromium (1366×768), in Vietnamese and in English: no English widget defaults,
no "None"/"nan", no site ids where a name belongs, and no Vietnamese UI words on English pages.

One server and one browser for all pages. What is read is the text a person sees in the main
area and the sidebar (code blocks such as the shareable link are left out: a link is not
prose). The canvas-drawn tables (``st.dataframe``) keep their headers out of the DOM; their
column labels are checked by tests/test_pages_language.py through AppTest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import catalogue, t
from tests.e2e.conftest import TOUR, Server, Visit
from tests.e2e.test_accessibility_browser import settle as settle_maps
from tests.e2e.test_browser import TIMEOUT_MS, assert_no_error_shown

pytestmark = pytest.mark.browser

#: Streamlit's own English texts, shown when a widget has no placeholder of ours.
WIDGET_DEFAULTS = ("Choose an option", "Choose options", "No options to select")
MISSING = re.compile(r"(?<![\w-])(None|nan|NaN)(?![\w-])")

#: The text a person sees: main area and sidebar without code blocks, with what the inputs
#: show (their value, else their placeholder).
VISIBLE_TEXT_JS = """() => {
  const parts = [];
  for (const sel of ['[data-testid="stMain"]', '[data-testid="stSidebar"]']) {
    const root = document.querySelector(sel);
    if (!root) continue;
    let text = root.innerText;
    for (const code of root.querySelectorAll('[data-testid="stCode"], pre, code')) {
      if (code.innerText) text = text.split(code.innerText).join(' ');
    }
    parts.push(text);
    // a searchable select shows its choice and its placeholder in an <input>
    for (const el of root.querySelectorAll('input:not([type=hidden]), textarea')) {
      parts.push(el.value || '', el.placeholder || '');
    }
  }
  return parts.join('\\n');
}"""
#: Streamlit marks its app with the script's state; "notRunning" once a run has finished.
IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED';
}"""
LETTERS = re.compile(r"[^\W\d_]+")


def _features(path: Path) -> list[dict[str, Any]]:
    return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def site_ids() -> set[str]:
    """The ids of the sites, venues, stops and routes (shown only inside links)."""
    ids: set[str] = set()
    for name in ("sites", "venues", "pois", "routes"):
        ids |= {str(p["id"]) for p in _features(REPO_ROOT / "geo" / f"{name}.geojson")}
    return {i for i in ids if "-" in i}  # "bat-trang": an id nobody would write as prose


def vietnamese(word: str) -> bool:
    """Whether ``word`` has a letter outside ASCII (Vietnamese diacritics or đ)."""
    return not word.isascii()


def data_texts() -> list[str]:
    """The data files (place names, the plan's own Vietnamese text, sourced notes) and the
    English catalogue (it names the languages: "Tiếng Việt"): Vietnamese there is data or a
    name, not a UI word left untranslated."""
    texts = [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "geo").glob("*.geojson")]
    texts += [p.read_text(encoding="utf-8") for p in (REPO_ROOT / "data").iterdir()]
    return texts + [str(v) for v in catalogue("en").values()]


def data_words(texts: list[str]) -> set[str]:
    return {w.casefold() for text in texts for w in LETTERS.findall(text) if vietnamese(w)}


def entered_texts(database_url: str) -> list[str]:
    """Every text stored in the server's database: what people (and the other browser tests
    sharing this server) typed or imported — a tester's name, a registry list's product
    groups. Shown as entered, it is data, not a UI word left untranslated."""
    engine = sqlalchemy.create_engine(database_url)
    try:
        meta = sqlalchemy.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return [str(v) for table in meta.sorted_tables
                    for row in conn.execute(table.select()) for v in row
                    if isinstance(v, str)]  # fmt: skip
    finally:
        engine.dispose()


def vietnamese_ui_phrases(texts: list[str]) -> set[str]:
    """Vietnamese catalogue texts (two words or more, no placeholders) that differ from the
    English one and are no name in the data ("Kế hoạch 100/KH-UBND"): if one of them shows on
    an English page, a label was not translated."""
    en, data = catalogue("en"), "\n".join(texts)
    return {
        v
        for k, v in catalogue("vi").items()
        if isinstance(v, str)
        and "{" not in v
        and len(v.split()) >= 2
        and v != en.get(k)
        and v not in data
    }


def settle(page: Any) -> str:
    """Wait until the page's script is idle and its maps are drawn; its visible text."""
    settle_maps(page)
    return visible_text(page)


def visible_text(page: Any) -> str:
    """The visible text of the page open in ``page`` once its script is idle, no error shown."""
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    assert_no_error_shown(page)
    return page.evaluate(VISIBLE_TEXT_JS)


def problems(
    name: str, lang: str, text: str, ids: set[str], allowed: set[str], phrases: set[str]
) -> list[str]:
    """What a person should not see on ``name`` in ``lang``, as "page (lang): 'text'"."""
    where = f"{name} ({lang})"
    found = [f"{where}: {d!r}" for d in WIDGET_DEFAULTS if d in text]
    found += [f"{where}: {m.group(0)!r} in {context(text, m.start())!r}" for m in
              MISSING.finditer(text)]  # fmt: skip
    found += [f"{where}: id {i!r} in {context(text, m.start())!r}" for i in sorted(ids)
              for m in re.finditer(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]  # fmt: skip
    if lang == "en":
        found += [f"{where}: Vietnamese label {p!r}" for p in sorted(phrases) if p in text]
        words = {w for w in LETTERS.findall(text) if vietnamese(w)}
        found += [f"{where}: Vietnamese word {w!r}" for w in sorted(words)
                  if w.casefold() not in allowed]  # fmt: skip
    return found


def context(text: str, at: int) -> str:
    return text[max(0, at - 40) : at + 40].replace("\n", " ")


def test_every_page_speaks_one_language(page_tour: dict[str, Visit]) -> None:
    """Every page of tests/e2e/conftest.TOUR in both languages, read in the one pass over the
    pages that the accessibility test checks as well."""
    texts = data_texts()
    ids, phrases = site_ids(), vietnamese_ui_phrases(texts)
    found: list[str] = []
    for visit in page_tour.values():
        allowed = data_words(texts + visit.entered)
        found += problems(visit.name, visit.lang, visit.text, ids, allowed, phrases)
    assert len(page_tour) == 2 * len(TOUR)
    assert not found, "\n".join(found)


def choice_shown(page: Any, label: str) -> str:
    """What the selectbox labelled ``label`` shows: its label and its choice (an <input>)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    return f"{box.inner_text()} {box.locator('input').input_value()}"


def test_the_colouring_choice_follows_a_language_switch(laptop: Any, server: Server) -> None:
    """The explorer's colouring choice keeps its choice but shows it in the new language."""
    laptop.goto(f"{server.url}/map", timeout=TIMEOUT_MS)
    settle(laptop)
    assert t("figure.ocop_4star_2024", "vi") in choice_shown(laptop, t("map.choropleth", "vi"))
    sidebar = laptop.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(t("lang.en", "en"), exact=True).click()
    text = settle(laptop)
    assert t("figure.ocop_4star_2024", "en") in choice_shown(laptop, t("map.choropleth", "en"))
    assert t("figure.ocop_4star_2024", "vi") not in text
