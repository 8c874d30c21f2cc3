"""Browser benchmark: each user's main tasks in Chromium, from the click until Streamlit settles.

Run ``python bench/browser.py [--repeat 10]``. It starts its own app server (``streamlit run
dashboard.py`` on a free local port, a temporary SQLite database, as the browser tests do) and
drives Debian's Chromium with Playwright:

* **first load** of every page: from ``goto`` until the page's script has stopped running and
  its maps are drawn (as the accessibility test waits);
* **planner**, Map explorer: pick a site in the side panel, switch the wards layer on/off (the
  map is rebuilt), switch the language (the whole page is rebuilt);
* **tourism officer**, Route designer: add a stop (pick + "Add"), switch "optimise" on/off;
* **leader**, Readiness: change the site, change the as-of date; Plan: change the task, change
  the date.

An interaction's time runs from just before Playwright's click (or key press) until the last
time the app's ``data-test-script-state`` turned ``notRunning`` (a MutationObserver records it),
once the script has stayed idle for :data:`QUIET_MS`. The **baseline**, measured in the same run,
is an empty rerun: ``r`` (Streamlit's rerun key) on the About page, which only writes text.
Printed: p50 and p95 per interaction in ms and as ratios to the baseline's p50. Goal (not
asserted anywhere): p95 ≤ 300 ms for the interactions that do not rebuild a map.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.cli.entry import streamlit_command  # noqa: E402
from ocop_geo.i18n import t  # noqa: E402
from ocop_geo.readiness.status import day_text  # noqa: E402
from tests import processes  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - the dev requirements have it
    PlaywrightTimeout = TimeoutError

GOAL_MS = 300.0
QUIET_MS = 400
TIMEOUT_MS = 90_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PAGES = ["", "map", "readiness", "plan", "agencies", "routes", "events", "candidates",
         "registry", "about"]  # fmt: skip

#: Records when the app's script starts and stops running, and when the server's messages
#: arrive (top document only). A rerun of a few ms may never show "running" on the page (React
#: draws both states in one frame, or neither): each rerun still sends its messages (session
#: status, deltas, "script finished") over the WebSocket, so their arrival marks it too.
OBSERVER_JS = """(() => {
  if (window.top !== window) return;
  window.__ocopRuns = {starts: [], ends: [], messages: []};
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__ocopRuns.messages.push(Date.now()));
    }
  }
  window.WebSocket = Recorded;
  const attach = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(attach, 20); return; }
    // Every change is read from the mutation records: a fast rerun may set "running" and then
    // "notRunning" before the callback runs, which would then see only the last state. Each
    // record holds the value before its change; the value after is the next record's old one.
    const attr = 'data-test-script-state';
    new MutationObserver((records) => {
      const now = Date.now();
      records.forEach((record, i) => {
        const to = i + 1 < records.length ? records[i + 1].oldValue : app.getAttribute(attr);
        if (to === record.oldValue) return;
        (to === 'running' ? window.__ocopRuns.starts : window.__ocopRuns.ends).push(now);
      });
    }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: [attr]});
  };
  attach();
})();"""


@dataclass
class Row:
    """One measured interaction (or page load) and its times in ms."""

    user: str
    label: str
    rebuilds_map: bool
    times: list[float]


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive method); the value itself for a single run."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


@contextmanager
def app_server(workdir: Path) -> Iterator[str]:
    """The app on a free local port with a temporary SQLite database; its URL."""
    port = processes.free_port()
    command = streamlit_command(
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    )  # fmt: skip
    env = os.environ | {
        "OCOP_DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "OCOP_ENTRY_GUARD": "on",
        "PYTHONUNBUFFERED": "1",
    }
    url = f"http://127.0.0.1:{port}"
    log = workdir / "streamlit.log"
    with processes.running(command, log, env) as proc:
        processes.wait_until_healthy(url, proc, log)
        yield url


def runs(page: Any) -> tuple[int, int, int]:
    """How many script starts, script ends and server messages the page has seen."""
    return page.evaluate(
        "() => [window.__ocopRuns.starts.length, window.__ocopRuns.ends.length,"
        " window.__ocopRuns.messages.length]"
    )


def wait_idle(page: Any) -> float:
    """Wait until the script is not running, and neither a run nor a server message has come
    for QUIET_MS; the epoch ms of the last of them (a run's end or its last message)."""
    app = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    while True:
        app.wait_for(timeout=TIMEOUT_MS)
        before = runs(page)
        page.wait_for_timeout(QUIET_MS)
        if runs(page) == before and app.count() == 1:
            last = page.evaluate(
                "() => Math.max(0, ...window.__ocopRuns.ends, ...window.__ocopRuns.messages)"
            )
            return float(last) if last else time.time() * 1000


def timed(page: Any, action: Callable[[], None], *, timeout: float = TIMEOUT_MS) -> float:
    """Milliseconds from just before ``action`` until the rerun it causes has settled (a run
    ended, or the server answered, then nothing more for QUIET_MS)."""
    _, ends_before, messages_before = runs(page)
    start = time.time() * 1000
    action()
    page.wait_for_function(
        "([e, m]) => window.__ocopRuns.ends.length > e || window.__ocopRuns.messages.length > m",
        arg=[ends_before, messages_before],
        timeout=timeout,
    )
    return wait_idle(page) - start


def timed_pick(page: Any, label: str, option: str) -> float:
    """``timed(page, pick(page, label, option))``; picked again when the click did not take
    (no rerun within 10 s: the list was redrawn as it was clicked), so only a pick that changed
    the selection is timed."""
    for _ in range(3):
        try:
            return timed(page, pick(page, label, option), timeout=10_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    msg = f"picking {option!r} in {label!r} never reran the page"
    raise RuntimeError(msg)


def maps_drawn(page: Any) -> None:
    for index in range(page.locator(MAP_FRAME).count()):
        frame = page.frame_locator(MAP_FRAME).nth(index)
        frame.locator(".leaflet-control-zoom").first.wait_for(timeout=TIMEOUT_MS)


def open_page(page: Any, url: str) -> float:
    """Load ``url``; ms until the script is idle and the maps are drawn."""
    start = time.time() * 1000
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function("() => window.__ocopRuns && window.__ocopRuns.ends.length > 0",
                           timeout=TIMEOUT_MS)  # fmt: skip
    wait_idle(page)
    maps_drawn(page)
    return time.time() * 1000 - start


def widget(page: Any, testid: str, label: str) -> Any:
    return page.locator(f'[data-testid="{testid}"]').filter(has_text=label).first


def pick(page: Any, label: str, option: str) -> Callable[[], None]:
    """Open the selectbox ``label`` (not timed); the returned action clicks ``option``."""
    box = page.get_by_role("combobox", name=label, exact=True).first
    choice = page.get_by_role("option", name=option, exact=False).first
    for _ in range(10):  # a rerun may redraw the box while it opens: open it again
        wait_idle(page)
        box.click()
        try:
            choice.wait_for(timeout=3000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
        else:
            return choice.click
    msg = f"no option {option!r} in the selectbox {label!r}"
    raise RuntimeError(msg)


def toggle(page: Any, label: str) -> Callable[[], None]:
    return widget(page, "stCheckbox", label).locator("label").first.click


def set_date(page: Any, label: str, day: date) -> Callable[[], None]:
    """Click into the typed as-of field ``label`` (not timed); the action types ``day`` and
    presses Enter, which applies it (ocop_geo/ui/readiness_panel.as_of)."""
    field = widget(page, "stTextInput", label).locator("input")
    wait_idle(page)
    field.click()

    def action() -> None:
        field.fill(day_text(day))
        field.press("Enter")

    return action


def planner(page: Any, url: str, repeat: int) -> list[Row]:
    lang = "vi"
    open_page(page, f"{url}/map")
    sites = ["Bát Tràng", "Đường Lâm"]
    select = [timed_pick(page, t("map.site_pick", lang), sites[i % 2]) for i in range(repeat)]
    wards = [timed(page, toggle(page, t("layer.wards", lang))) for _ in range(repeat)]
    language = []
    for i in range(repeat):
        target = ("en", "vi")[i % 2]
        radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"] label')
        language.append(timed(page, radio.filter(has_text=t(f"lang.{target}", target)).click))
    return [
        Row("planner", "Map explorer: select a site", False, select),
        Row("planner", "Map explorer: wards layer on/off", True, wards),
        Row("planner", "Map explorer: switch language", True, language),
    ]


def officer(page: Any, url: str, repeat: int) -> list[Row]:
    lang = "vi"
    add, optimise = [], []
    candidates = ["Vạn Phúc", "Đường Lâm", "Sài Sơn", "Bát Tràng"]
    for i in range(repeat):
        open_page(page, f"{url}/routes")
        choose = pick(page, t("route.add", lang), candidates[i % len(candidates)])
        choose()  # the pick reruns too; the timed step is the "Add" click
        wait_idle(page)
        button = page.get_by_role("button", name=t("route.add_button", lang), exact=True)
        add.append(timed(page, button.click))
        optimise.append(timed(page, toggle(page, t("route.optimise", lang))))
    return [
        Row("tourism officer", "Route designer: add a stop", True, add),
        Row("tourism officer", "Route designer: optimise on/off", True, optimise),
    ]


def leader(page: Any, url: str, repeat: int) -> list[Row]:
    lang = "vi"
    days = [date(2020, 10, 8), date(2021, 6, 30)]
    open_page(page, f"{url}/readiness")
    sites = ["Bát Tràng", "Vạn Phúc"]
    site = [timed_pick(page, t("ready.col.site", lang), sites[i % 2]) for i in range(repeat)]
    ready_day = [
        timed(page, set_date(page, t("ready.as_of", lang), days[i % 2])) for i in range(repeat)
    ]
    open_page(page, f"{url}/plan")
    tasks = ["2. ", "3. "]
    task = [timed_pick(page, t("plan.pick_task", lang), tasks[i % 2]) for i in range(repeat)]
    plan_day = [
        timed(page, set_date(page, t("ready.as_of", lang), days[i % 2])) for i in range(repeat)
    ]
    return [
        Row("leader", "Readiness: change the site", False, site),
        Row("leader", "Readiness: change the date", True, ready_day),
        Row("leader", "Plan: change the task", False, task),
        Row("leader", "Plan: change the date", False, plan_day),
    ]


def baseline(page: Any, url: str, repeat: int) -> list[float]:
    """An empty rerun: Streamlit's ``r`` key on the About page (text only)."""
    open_page(page, f"{url}/about")
    page.locator("h1").first.click()  # focus in the page, outside any widget
    return [timed(page, lambda: page.keyboard.press("r")) for _ in range(repeat)]


def first_loads(page: Any, url: str, repeat: int) -> list[Row]:
    rows = []
    for path in PAGES:
        times = [open_page(page, f"{url}/{path}") for _ in range(repeat)]
        rows.append(Row("first load", f"/{path}", path in ("", "map", "readiness", "routes",
                                                           "candidates"), times))  # fmt: skip
    return rows


def report(rows: list[Row], base: list[float], repeat: int) -> None:
    base_p50 = statistics.median(base)
    print("Browser benchmark: click → Streamlit rerun settled (ms; ratio = ÷ baseline p50)")
    print(f"machine: {os.cpu_count()} cores; Chromium {CHROMIUM}; repeat {repeat}")
    print(f"baseline (empty rerun, 'r' on About): p50 {base_p50:,.0f} ms, p95 {p95(base):,.0f} ms")
    print()
    width = max(len(r.label) for r in rows)
    head = f"{'user':<16} {'interaction':<{width}} map   p50 ms   p95 ms  p50 ×  p95 ×"
    print(head)
    for r in rows:
        print(
            f"{r.user:<16} {r.label:<{width}} {'yes' if r.rebuilds_map else 'no ':<4}"
            f" {statistics.median(r.times):>7,.0f}  {p95(r.times):>7,.0f}"
            f"  {statistics.median(r.times) / base_p50:>5.1f}  {p95(r.times) / base_p50:>5.1f}"
        )
    print()
    light = [r for r in rows if not r.rebuilds_map and r.user != "first load"]
    slow = [r.label for r in light if p95(r.times) > GOAL_MS]
    verdict = "yes" if not slow else "no (" + "; ".join(slow) + ")"
    print(f"p95 ≤ {GOAL_MS:.0f} ms for interactions that do not rebuild a map: {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs of each interaction")
    parser.add_argument("--loads", type=int, default=3, help="first loads of each page")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.loads < 1:
        parser.error("--repeat and --loads must be at least 1")
    if not CHROMIUM.exists():
        sys.exit(f"error: no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="ocop-bench-browser-") as tmp,
        app_server(Path(tmp)) as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            context.add_init_script(OBSERVER_JS)
            page = context.new_page()
            open_page(page, f"{url}/")  # a warm server: caches filled once, as in use
            base = baseline(page, url, args.repeat)
            rows = first_loads(page, url, args.loads)
            rows += planner(page, url, args.repeat)
            rows += officer(page, url, args.repeat)
            rows += leader(page, url, args.repeat)
            base += baseline(page, url, args.repeat)  # before and after the tasks
        finally:
            browser.close()
    report(rows, base, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
