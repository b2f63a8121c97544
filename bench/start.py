"""Start: the dashboard's warm start (a filled store) vs a trivial Streamlit app, side by side in one run.

    python bench/start.py [--runs 3] [--db FILLED_STORE]

Two measures, each alternating dashboard / trivial app (bench/trivial_app.py: pandas + plotly, one chart),
median of --runs, each run a fresh Python process:
1. first full render (the main measure): a fresh process imports streamlit and runs `AppTest.from_file(APP).run()`
   once: the imports and the whole script (the dashboard: entry script, sidebar filters, overview page) against
   the store. No headless browser is used: there is no Chromium on this machine (/usr/bin/chromium, Playwright's
   browsers), so AppTest's complete script run stands in for the browser's first render.
2. server up: `streamlit run APP` on a free 127.0.0.1 port, until /_stcore/health answers "ok" and the page's
   HTML is served (the server's start; the script itself runs when a browser session connects).
Prints both and the ratios dashboard/trivial (target <= 1.3), and the load average. Without --db a store of the 5
seeds is filled first (not timed).
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

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
TRIVIAL = ROOT / "bench" / "trivial_app.py"

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


def server_up(app: Path, db: Path, timeout: float = 120) -> float:
    port = free_port()
    env = dict(os.environ, DASHBOARD_DB=str(db), PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="a filled store (default: the 5 seeds, ingested first)")
    parser.add_argument("--no-server", action="store_true", help="only the AppTest measure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "seeds.db"
        if not args.db:
            subprocess.run([sys.executable, "-m", "lib", "ingest", str(ROOT / "seeds"), "--db", str(db), "--quiet"],
                           cwd=ROOT, check=True)
        first_render(DASHBOARD, db)  # warms the OS file cache for both (imports, model-free)
        dash, triv, spacy_seen = [], [], False
        for _ in range(max(1, args.runs)):
            t, s = first_render(DASHBOARD, db)
            dash.append(t)
            spacy_seen |= s
            triv.append(first_render(TRIVIAL, db)[0])
        result = {"render_dashboard_s": statistics.median(dash), "render_trivial_s": statistics.median(triv)}
        print(f"machine: {os.cpu_count()} CPUs; store {db}; load average after "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"first full render (fresh process, AppTest.run(), no browser available), median of {args.runs}:")
        render_ratio = result['render_dashboard_s'] / result['render_trivial_s']
        print(f"  dashboard warm start: {result['render_dashboard_s']:6.2f} s   trivial app: "
              f"{result['render_trivial_s']:6.2f} s   ratio {render_ratio:.2f}  (target <= 1.3)")
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
