#!/usr/bin/env python3
"""Take the README's screenshots (docs/screenshots/) in Debian's Chromium: the seeds ingested into a temporary
store, `streamlit run dashboard.py` on a free port of 127.0.0.1, each page at 1440×900 (and the Overview in
read-only meeting mode at 1280×720). Nothing but 127.0.0.1 is contacted.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# (file name, page path, an element to scroll to first or None, viewport)
SHOTS = [
    ("overview.png", "", None, (1440, 900)),
    ("sources.png", "sources", None, (1440, 900)),
    ("timeline.png", "timeline", None, (1440, 900)),
    ("quotes.png", "quotes", None, (1440, 900)),
    ("articles_reader.png", "articles", "Reader", (1440, 900)),
    ("entities.png", "entities", None, (1440, 900)),
]
MEETING_SHOTS = [("meeting_overview.png", "", None, (1280, 720))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, readonly: bool) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db), "DASHBOARD_READONLY": "1" if readonly else ""}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("streamlit did not start")


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    quiet = 0
    while quiet < 4:
        busy = page.locator('[data-testid="stStatusWidgetRunningIcon"], [data-stale="true"], '
                            '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"]').count()
        quiet = quiet + 1 if not busy else 0
        page.wait_for_timeout(300)
    if page.locator(".js-plotly-plot").count():
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)


def _take(base: str, shots, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for name, path, anchor, (width, height) in shots:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
                ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else route.abort())
            page = context.new_page()
            page.goto(f"{base}/{path}")
            _settle(page)
            if anchor:
                page.get_by_role("heading", name=anchor).first.scroll_into_view_if_needed()
                page.wait_for_timeout(1000)
            page.screenshot(path=str(out / name))
            print(f"wrote {out / name}")
            context.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        subprocess.run([sys.executable, "-m", "lib", "ingest", str(ROOT / "seeds"), "--db", str(db), "--quiet"],
                       cwd=ROOT, check=True)
        for readonly, shots in ((False, SHOTS), (True, MEETING_SHOTS)):
            proc, base = _serve(db, readonly)
            try:
                _take(base, shots, out)
            finally:
                proc.terminate()
                proc.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
