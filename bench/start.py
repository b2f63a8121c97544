"""Start: the dashboard's warm start (a filled store) vs a trivial Streamlit app, side by side in one run.

    python bench/start.py [--runs 3] [--db FILLED_STORE] [--no-browser] [--no-server]

Three measures, each alternating dashboard / trivial app (bench/trivial_app.py: pandas + plotly, one chart),
median of --runs, each run a fresh Python process; the first two also time bench/kinds_app.py in the same
alternation (the trivial app drawing, from constants, the element kinds the dashboard's first screen draws: sidebar
filters, metrics, four tables, download buttons), which splits the dashboard's extra time into what those elements
cost any app and what its own code (imports, store reads) adds:
1. browser first render (what an analyst waits for): `streamlit run APP` on a free 127.0.0.1 port and Chromium
   (/usr/bin/chromium via Playwright, launched once before the runs, a fresh page each run) opening it, from the
   server's start until the first script run has finished (`stApp` in state `notRunning`) with its Plotly chart
   drawn: the server's start, the page's own files, the script's imports and run, the elements drawn.
2. script first run: a fresh process imports streamlit and runs `AppTest.from_file(APP).run()` once: the imports
   and the whole script (the dashboard: entry script, sidebar filters, overview page) against the store, without
   server or browser (the script's own share of measure 1).
3. server up: `streamlit run APP` until /_stcore/health answers "ok" and the page's HTML is served (the server's
   start; the script runs when a browser session connects).
Prints each with the ratio dashboard/trivial (target <= 1.3), and the load average. Without --db a store of the 5
seeds is filled first (not timed). Without Chromium or Playwright measure 1 is skipped with a note.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
TRIVIAL = ROOT / "bench" / "trivial_app.py"
KINDS = ROOT / "bench" / "kinds_app.py"

RENDER = """
import sys, time
t = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=300).run()
seconds = time.perf_counter() - t
assert not at.exception, [e.value for e in at.exception]
print(seconds, int("spacy" in sys.modules))
"""


def first_render(app: Path, db: Path) -> tuple[float, bool]:
    env = dict(os.environ, DASHBOARD_DB=str(db), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", RENDER, str(app)], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[-2]), out[-1] == "1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CHROMIUM = "/usr/bin/chromium"
DONE = "[data-testid=stApp][data-test-script-state=notRunning] [data-testid=stPlotlyChart] .main-svg"


def _start_server(app: Path, db: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, DASHBOARD_DB=str(db), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_up(app: Path, db: Path, timeout: float = 120) -> float:
    port = free_port()
    start = time.perf_counter()
    proc = _start_server(app, db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        while True:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{app.name} did not start in {timeout} s")
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.05)
        with urllib.request.urlopen(base + "/", timeout=10) as r:
            r.read()
        return time.perf_counter() - start
    finally:
        _stop(proc)


def browser_render(browser, app: Path, db: Path, timeout: float = 120) -> float:
    """Seconds from `streamlit run` to the first script run finished in Chromium with its chart drawn."""
    port = free_port()
    start = time.perf_counter()
    proc = _start_server(app, db, port)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        while True:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{app.name} did not answer in {timeout} s")
            try:
                page.goto(f"http://127.0.0.1:{port}/", timeout=5000)
                break
            except Exception:  # the server is not listening yet
                time.sleep(0.05)
        page.wait_for_selector(DONE, state="attached", timeout=timeout * 1000)
        return time.perf_counter() - start
    finally:
        page.close()
        _stop(proc)


def browser_measure(runs: int, db: Path) -> Optional[tuple[float, float, float]]:
    """(dashboard, trivial, kinds app) medians of `browser_render`, or None without Chromium or Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser first render: skipped (Playwright is not installed)")
        return None
    if not Path(CHROMIUM).exists():
        print(f"browser first render: skipped (no {CHROMIUM})")
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            browser_render(browser, DASHBOARD, db)  # warms the OS file cache and the browser's
            browser_render(browser, KINDS, db)
            dash, triv, kinds = [], [], []
            for _ in range(max(1, runs)):
                dash.append(browser_render(browser, DASHBOARD, db))
                triv.append(browser_render(browser, TRIVIAL, db))
                kinds.append(browser_render(browser, KINDS, db))
        finally:
            browser.close()
    return statistics.median(dash), statistics.median(triv), statistics.median(kinds)


def kinds_line(result: dict, measure: str) -> str:
    """The kinds app's line of a measure: its time, its ratio to the trivial app, the dashboard's ratio to it."""
    dash, triv, kinds = (result[f"{measure}_{app}_s"] for app in ("dashboard", "trivial", "kinds"))
    return (f"  the same element kinds from constants (bench/kinds_app.py): {kinds:6.2f} s   ratio to the trivial "
            f"app {kinds / triv:.2f}; the dashboard's own code on top of them: {dash / kinds:.2f}x")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="a filled store (default: the 5 seeds, ingested first)")
    parser.add_argument("--no-server", action="store_true", help="no server-up measure")
    parser.add_argument("--no-browser", action="store_true", help="no browser measure")
    args = parser.parse_args(argv)
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "seeds.db"
        if not args.db:
            subprocess.run([sys.executable, "-m", "lib", "ingest", str(ROOT / "seeds"), "--db", str(db), "--quiet"],
                           cwd=ROOT, check=True)
        if not args.no_browser:
            measured = browser_measure(args.runs, db)
            if measured:
                result.update(browser_dashboard_s=measured[0], browser_trivial_s=measured[1],
                              browser_kinds_s=measured[2])
        first_render(DASHBOARD, db)  # warms the OS file cache for both (imports, model-free)
        dash, triv, kinds, spacy_seen = [], [], [], False
        for _ in range(max(1, args.runs)):
            t, s = first_render(DASHBOARD, db)
            dash.append(t)
            spacy_seen |= s
            triv.append(first_render(TRIVIAL, db)[0])
            kinds.append(first_render(KINDS, db)[0])
        result.update(render_dashboard_s=statistics.median(dash), render_trivial_s=statistics.median(triv),
                      render_kinds_s=statistics.median(kinds))
        print(f"machine: {os.cpu_count()} CPUs; store {db}; load average after "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if "browser_dashboard_s" in result:
            print(f"browser first render (streamlit run until Chromium shows the first run finished, its chart "
                  f"drawn), median of {args.runs}:")
            print(f"  dashboard warm start: {result['browser_dashboard_s']:6.2f} s   trivial app: "
                  f"{result['browser_trivial_s']:6.2f} s   ratio "
                  f"{result['browser_dashboard_s'] / result['browser_trivial_s']:.2f}  (target <= 1.3)")
            print(kinds_line(result, "browser"))
        print(f"script first run (fresh process, AppTest.run(): imports and script, no server or browser), "
              f"median of {args.runs}:")
        render_ratio = result['render_dashboard_s'] / result['render_trivial_s']
        print(f"  dashboard warm start: {result['render_dashboard_s']:6.2f} s   trivial app: "
              f"{result['render_trivial_s']:6.2f} s   ratio {render_ratio:.2f}  (target <= 1.3)")
        print(kinds_line(result, "render"))
        print(f"  spaCy imported by the dashboard's warm start: {'YES' if spacy_seen else 'no'}")
        if not args.no_server:
            sd, st_ = [], []
            for _ in range(max(1, args.runs)):
                sd.append(server_up(DASHBOARD, db))
                st_.append(server_up(TRIVIAL, db))
            result.update(server_dashboard_s=statistics.median(sd), server_trivial_s=statistics.median(st_))
            print(f"server up (streamlit run until /_stcore/health and the page HTML), median of {args.runs}:")
            print(f"  dashboard: {result['server_dashboard_s']:6.2f} s   "
                  f"trivial app: {result['server_trivial_s']:6.2f} s   "
                  f"ratio {result['server_dashboard_s'] / result['server_trivial_s']:.2f}")
        result["spacy_imported"] = spacy_seen
    return result


if __name__ == "__main__":
    main()
