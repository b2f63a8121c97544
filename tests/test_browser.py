"""One real-browser pass over the dashboard: Debian chromium driven by playwright against `streamlit run` on a
free local port and a temporary store. Every page loads without an exception box and draws its chart, at 1280×720
and at 1440×900 shows no None/null/NaN and no file name standing in for an article; the timeline's points sit on
their dates as drawn; a click on a point opens its article; a CSV download arrives (with a byte-order mark) holding
the rows shown; an upload of hostile HTML shows as text and opens no dialog; and in read-only meeting mode the
toolbar has no developer menu, Deploy or Stop, the type is larger and each page's main chart is on the first
screen at 1280×720. Screenshots of every page go to tests/artifacts/. Only 127.0.0.1 is contacted (every other
request is aborted).

Skipped when /usr/bin/chromium (apt-get install chromium) or playwright is missing."""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ingest_seeds

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)")

# (url path, title on the page, whether it draws a plotly chart)
PAGES = [
    ("", "coverage at a glance", True),
    ("sources", "Sources: stance and sentiment", True),
    ("figures", "Figures", True),
    ("quotes", "Quotes", True),
    ("timeline", "Timeline", True),
    ("entities", "Entities", True),
    ("articles", "Articles", False),
    ("brief", "Meeting brief", False),
]

HOSTILE_HTML = b"""<html><head><title>Hostile page</title><script>alert(1)</script></head><body>
<h1>Talks in Istanbul &lt;img src=x onerror=alert(2)&gt;</h1>
<p>Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks in Istanbul, officials said, and
the mediators from Qatar and Turkiye welcomed the result of the meeting.</p>
<p>The text &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt; must show as text, said a
spokesman, who added that the talks would continue next week in the city.</p>
<img src=x onerror=alert(2)><script>alert(1)</script></body></html>"""
HOSTILE_NAME = "<img src=x onerror=alert(3)>.txt"  # too short: skipped, and its name must show as text
SIZES = [(1280, 720), (1440, 900)]  # a projector's screen, a laptop's
RAW_WORD = re.compile(r"\b(None|null|NaN|NaT|undefined)\b")
SEED_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "browser.db"
    return ingest_seeds(db)


@pytest.fixture(scope="module")
def server(seeded):
    """`streamlit run dashboard.py` on a free port with a seeded temporary store; yields the base URL."""
    with _serve(seeded, readonly=False) as base:
        yield base


@pytest.fixture(scope="module")
def meeting_server(seeded):
    """The same store served read-only (meeting mode)."""
    with _serve(seeded, readonly=True) as base:
        yield base


@contextlib.contextmanager
def _serve(db, readonly: bool):
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db), "DASHBOARD_READONLY": "1" if readonly else ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"streamlit did not start: {out[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the module (playwright's sync API runs one instance at a time)."""
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser_page(server, chromium):
    with _browser(chromium) as page:
        yield page


@contextlib.contextmanager
def _browser(browser):
    """A page in a context of its own, which reaches only 127.0.0.1 and records any dialog."""
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    # Only local traffic: anything not on 127.0.0.1 is aborted.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else route.abort())
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    try:
        yield page
    finally:
        context.close()


def _settle(page, timeout: float = 30_000) -> None:
    """Wait until the app has finished its run (no running indicator for a moment)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        running = page.locator('[data-testid="stStatusWidgetRunningIcon"], '
                               '[data-testid="stStatusWidgetRunningManIcon"], [data-stale="true"], '
                               '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]').count()
        quiet = quiet + 1 if not running else 0
        page.wait_for_timeout(250)
    page.wait_for_timeout(400)


def _shoot(page, name: str) -> None:
    """A screenshot of the whole page: the viewport is stretched to the app's height first (Streamlit scrolls
    inside its main container, so a plain full-page screenshot would stop at the window's height)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 1000")
    page.set_viewport_size({"width": 1400, "height": min(max(int(height), 1000), 6000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def _open(page, base: str, path: str, title: str) -> None:
    page.goto(f"{base}/{path}")
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    _settle(page)


def _download_rows(page, table: str, name: str) -> list[dict]:
    """Click the download button of the table named `table` (found by its widget key, which Streamlit writes as
    the class st-key-<key>: not by position, which shifts while a rerun is still replacing elements)."""
    _settle(page)
    button = page.locator(f".st-key-{table}_csv").get_by_role("button", name="Download CSV")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    assert info.value.suggested_filename == name
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads "Türkiye" right
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.timeout(600)
def test_a_copied_link_is_the_first_thing_opened(server, browser_page):
    """The first session of a fresh server opens a meeting link: the page comes with its sidebar and filter
    (Streamlit's first run of a server with a pages/ folder skips the entry script; the page reruns through it)."""
    page = browser_page
    _open(page, server, "sources?outlet=WE+News", "Sources: stance and sentiment")
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Filters", exact=True).count() == 1
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Meeting brief").count() == 1
    rows = _download_rows(page, "articles", "articles.csv")
    assert [r["outlet"] for r in rows] == ["WE News"]


@pytest.mark.timeout(600)
def test_every_page_loads_draws_and_downloads(server, browser_page):
    page = browser_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path, title, has_chart in PAGES:
        _open(page, server, path, title)
        if has_chart:
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        assert page.locator('[data-testid="stException"]').count() == 0, f"exception on /{path}"
        _shoot(page, path or "overview")
    assert not page.dialogs

    # A CSV download arrives and holds the rows the table shows (Sources: one row per article).
    _open(page, server, "sources", "Sources: stance and sentiment")
    rows = _download_rows(page, "articles", "articles.csv")
    assert len(rows) == 5 and {"file", "stance", "stance_score", "headline"} <= set(rows[0])


@pytest.mark.timeout(600)
def test_hostile_upload_shows_as_text(server, browser_page):
    page = browser_page
    _open(page, server, "articles", "Articles")
    page.get_by_text("Add articles").first.click()
    page.locator('input[type="file"]').set_input_files([
        {"name": "hostile.html", "mimeType": "text/html", "buffer": HOSTILE_HTML},
        {"name": HOSTILE_NAME, "mimeType": "text/plain", "buffer": b"too short"},
    ])
    page.get_by_role("button", name="Analyse and add 2 file(s)").click(timeout=30_000)
    page.get_by_text("added: hostile.html").wait_for(timeout=240_000)
    _settle(page)
    _shoot(page, "articles_hostile_upload")
    # The skipped file is named, with its reason, as text.
    page.get_by_text(f"skipped: {HOSTILE_NAME}", exact=False).first.wait_for(timeout=10_000)
    # The reader opened the uploaded article; its markup shows as text.
    page.get_by_text("<script>alert(1)</script>", exact=False).first.wait_for(timeout=30_000)
    assert page.get_by_text("<img src=x onerror=alert(2)>", exact=False).count() >= 1
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_timeout(1000)
    _shoot(page, "articles_hostile_upload")
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"


# ------------------------------------------------------------------------------------------------ meetings

def _seen_text(page) -> str:
    """What a user reads on the page: the main area's text and every chart's drawn text (axes, legends)."""
    main = page.locator('[data-testid="stMain"]').inner_text()
    charts = " ".join(page.locator(".js-plotly-plot .main-svg").all_text_contents())
    return main + " " + charts


@pytest.mark.timeout(900)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_at_meeting_sizes_reads_without_internals(server, browser_page, size):
    page = browser_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for path, title, has_chart in PAGES:
            _open(page, server, path, title)
            if has_chart:
                page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
                page.wait_for_timeout(500)
            text = _seen_text(page)
            assert not RAW_WORD.findall(text), (path, RAW_WORD.findall(text)[:5])
            assert not SEED_NAME.findall(text), (path, SEED_NAME.findall(text)[:3])
            page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}_{size[0]}x{size[1]}.png"))
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


@pytest.mark.timeout(600)
def test_timeline_points_are_drawn_on_their_dates(server, browser_page, seeded):
    """Read the drawn figure: every point's horizontal position is its date's, as Plotly maps dates to pixels,
    and the dates are the articles' own publication dates (no sideways jitter)."""
    from lib import store

    engine = store.open_store(str(seeded))
    dates = set(store.read_articles(engine)["published"].dropna())
    engine.dispose()
    page = browser_page
    _open(page, server, "timeline", "Timeline")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    drawn = page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const xaxis = gd._fullLayout.xaxis, out = [];
        gd.querySelectorAll('.scatterlayer .trace').forEach((layer) => {
            const trace = layer.__data__[0].trace;
            layer.querySelectorAll('path.point').forEach((point, j) => {
                const m = /translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(point.getAttribute('transform'));
                out.push({date: String(trace.x[j]).slice(0, 10), px: parseFloat(m[1]), at: xaxis.d2p(trace.x[j])});
            });
        });
        return out; }""")
    assert len(drawn) >= 20
    assert {d["date"] for d in drawn} <= dates
    assert max(abs(d["px"] - d["at"]) for d in drawn) < 0.5


@pytest.mark.timeout(600)
def test_a_click_on_a_point_opens_its_article(server, browser_page):
    page = browser_page
    _open(page, server, "?outlet=SouthAsianDesk", "coverage at a glance")
    point = page.locator(".js-plotly-plot .scatterlayer path.point").first
    point.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("heading", name="Reader").wait_for(timeout=60_000)
    _settle(page)
    assert "/articles?" in page.url and "article=" in page.url and "outlet=SouthAsianDesk" in page.url
    assert "Khawaja Asif optimistic about Qatar-Turkey" in page.locator('[data-testid="stMain"]').inner_text()


@pytest.mark.timeout(900)
def test_meeting_mode_hides_developer_controls_and_shows_each_chart_first(meeting_server, chromium):
    with _browser(chromium) as page:
        page.set_viewport_size({"width": 1280, "height": 720})
        for path, title, has_chart in PAGES:
            _open(page, meeting_server, path, title)
            assert page.get_by_text("Deploy", exact=True).count() == 0
            assert page.locator('[data-testid="stMainMenu"]').count() == 0
            # larger type (the style arrives with the run's first elements; the status widget that _settle watches
            # is hidden in this mode)
            page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '18px'", timeout=15_000)
            assert page.locator('[data-testid="stFileUploader"]').count() == 0
            if has_chart:
                chart = page.locator(".js-plotly-plot").first
                chart.wait_for(timeout=30_000)
                box = chart.bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (path, box)
            page.screenshot(path=str(ARTIFACTS / f"meeting_{path or 'overview'}_1280x720.png"))
        # while a page reruns, no Stop button shows
        _open(page, meeting_server, "timeline", "Timeline")
        page.get_by_role("button", name="figures").first.click()
        page.wait_for_timeout(150)
        assert page.get_by_role("button", name="Stop").count() == 0
        _settle(page)
