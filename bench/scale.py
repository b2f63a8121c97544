"""Scale: ingest a synthetic corpus of N distinct articles (default 10,000) and time every dashboard page on it.

    python bench/scale.py [--n 10000] [--jobs N] [--runs 3] [--keep DIR] [--db EXISTING_STORE] [--no-pages]

Prints, measured in this one run:
- the ingest (`python -m lib ingest`, a child process, its own --jobs default unless --jobs is given): seconds,
  articles/s, words/s, store size on disk, and its resident memory sampled every 0.2 s from /proc over the whole
  process tree (the CLI, which writes, and its worker processes): the peak of the writer, the largest peak of one
  worker, and the peak of their sum (what the machine must hold; memory the forked workers share with the writer
  counts once per process, so the sum overstates it), and the peak of their proportional set size (PSS, from
  /proc/PID/smaps_rollup: each shared page split among the processes that share it, so the model pages the forked
  workers share with the writer count once: what the tree really holds); plus
  resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, the largest single process, as a check;
- for each page: AppTest of the dashboard switched to that page, against the N-article store and against a
  store of the 5 seeds, side by side: the first render (Streamlit caches cleared before) and a rerun (caches warm,
  what a user waits for after moving a filter), median of --runs; and the ratio N-store / seed-store
  (target: within 3x).

--db reuses a store that is already filled (no ingest is timed: the page timings only); --keep keeps the corpus
and stores in DIR.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import build  # noqa: E402

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def store_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> dict[int, int]:
    """Resident bytes of `root` and of every process descended from it (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= more
        grown = bool(more)
    rss = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss[pid] = int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return rss


def _pss(pids) -> int:
    """Proportional set size in bytes of these processes together (shared pages split among their sharers)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError):
            continue
    return total


def ingest(corpus: Path, db: Path, jobs: int | None) -> dict:
    """`python -m lib ingest` in a child process: wall seconds, and the memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(corpus), "--db", str(db), "--quiet",
                             *(["--jobs", str(jobs)] if jobs else [])], cwd=ROOT)
    writer = total = worker = pss = 0
    workers: set[int] = set()
    while proc.poll() is None:
        rss = _tree_rss(proc.pid)
        writer = max(writer, rss.get(proc.pid, 0))
        others = [v for pid, v in rss.items() if pid != proc.pid]
        workers |= set(rss) - {proc.pid}
        worker = max([worker, *others])
        total = max(total, sum(rss.values()))
        pss = max(pss, _pss(rss))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, proc.args)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    mb = 1 / 1048576
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "peak_is_new": peak_kb > before,
            "writer_mb": writer * mb, "worker_mb": worker * mb, "total_mb": total * mb, "pss_mb": pss * mb,
            "workers": len(workers)}


def time_page(db: Path, page: str, cold: bool) -> float:
    """Seconds of one AppTest run of `page` (the entry script and the page) against `db`."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.run()  # the default page: entry script, sidebar, overview
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    at.switch_page(page)
    if cold:  # the entry script's sidebar reads and the page's reads all start from the store
        st.cache_data.clear()
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    return seconds


def page_times(big: Path, small: Path, runs: int) -> list[dict]:
    rows = []
    for page in PAGES:
        for mode in ("first render", "rerun"):
            cold = mode == "first render"
            b, s = [], []
            for _ in range(runs):  # interleaved, so machine noise hits both stores alike
                s.append(time_page(small, page, cold))
                b.append(time_page(big, page, cold))
            rows.append({"page": page, "mode": mode, "seeds_s": statistics.median(s), "big_s": statistics.median(b)})
    return rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None, help="--jobs of the ingest (default: the CLI's default)")
    parser.add_argument("--no-pages", action="store_true", help="the ingest only, no page timings")
    parser.add_argument("--runs", type=int, default=3, help="AppTest runs per page and store (median)")
    parser.add_argument("--keep", help="folder for the corpus and stores (kept); default a temporary folder")
    parser.add_argument("--db", help="an already filled store: time the pages only")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs; work folder {work}", flush=True)
    small = work / "seeds.db"
    if not small.exists():
        ingest(ROOT / "seeds", small, 1)
    result: dict = {}
    if args.db:
        big = Path(args.db)
        from lib import store

        n = store.count_articles(store.open_store(str(big)))
    else:
        corpus = work / f"corpus_{args.n}"
        if not corpus.exists():
            t = time.perf_counter()
            build(corpus, args.n)
            print(f"corpus: {args.n} articles built in {time.perf_counter() - t:.1f} s", flush=True)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
        big = work / f"store_{args.n}.db"
        if big.exists():
            big.unlink()
        load = os.getloadavg()
        r = ingest(corpus, big, args.jobs)
        n = args.n
        result.update(r, words=words, store_mb=store_bytes(big) / 1048576)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in load)}, after: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        print(f"ingest of {n:,} articles ({words:,} words), --jobs {args.jobs or 'default'} ({r['workers']} worker "
              f"processes seen): {r['seconds']:.1f} s, "
              f"{n / r['seconds']:.2f} articles/s, {words / r['seconds']:.0f} words/s", flush=True)
        print(f"store size: {result['store_mb']:.1f} MB ({result['store_mb'] * 1024 / n:.1f} KB/article); "
              f"peak RSS of the ingest process: {r['peak_mb']:.0f} MB (largest single process)", flush=True)
        print(f"memory (sampled): writer {r['writer_mb']:.0f} MB, largest worker {r['worker_mb']:.0f} MB, "
              f"all processes together {r['total_mb']:.0f} MB RSS at their peak, "
              f"{r['pss_mb']:.0f} MB PSS (shared pages once; target < 1536 MB)", flush=True)
    if args.no_pages:
        return result
    print(f"pages: AppTest, median of {args.runs}, {n:,}-article store vs 5-seed store (target ratio <= 3)",
          flush=True)
    rows = page_times(big, small, args.runs)
    for row in rows:
        ratio = row["big_s"] / row["seeds_s"]
        print(f"  {row['page']:<20} {row['mode']:<13} seeds {row['seeds_s']:6.2f} s   {n:,} {row['big_s']:7.2f} s"
              f"   ratio {ratio:5.1f}x", flush=True)
    result["pages"] = rows
    return result


if __name__ == "__main__":
    main()
