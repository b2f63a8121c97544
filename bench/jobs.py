"""Jobs: from how many words a second process pays for itself, side by side in one run.

    python bench/jobs.py [--sizes 1,2,4,8,16,32,64] [--jobs 2] [--runs 3] [--spawn]

For each size, N distinct articles (bench/corpus.py, about 310 words each) are ingested into a fresh temporary
SQLite store by `pipeline.ingest_articles` with one process and with --jobs processes (the pool of
lib/ingest/pipeline.py, forked from this process as the CLI forks it: the model is loaded once, before anything is
timed), alternating, median of --runs. Prints both times and the ratio, the smallest size from which --jobs
processes are faster at every larger size, and the MIN_WORDS_PER_PROCESS that this suggests (half the words of
that size on 2 processes: `pipeline.default_jobs` gives 2 processes from 2 x MIN_WORDS_PER_PROCESS words).
--spawn runs each ingest on a thread of its own, as the dashboard does (lib/ingest/background.py): the pool then spawns
its workers, each importing spaCy and loading the model (MIN_WORDS_PER_SPAWNED_PROCESS).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import build  # noqa: E402


def ingest(articles, nlp, jobs: int, spawn: bool = False) -> float:
    from lib.ingest import pipeline
    from lib import store

    with tempfile.TemporaryDirectory() as tmp:
        engine = store.open_store(str(Path(tmp) / "jobs.db"))
        start = time.perf_counter()
        if spawn:  # on a thread, as the dashboard runs it: more than one thread, so the pool spawns
            out: list = []
            worker = threading.Thread(target=lambda: out.append(
                pipeline.ingest_articles(engine, articles, nlp=nlp, n_process=jobs)))
            worker.start()
            worker.join()
            report = out[0]
        else:
            report = pipeline.ingest_articles(engine, articles, nlp=nlp, n_process=jobs)
        seconds = time.perf_counter() - start
        engine.dispose()
    assert report.analysed == len(articles)
    return seconds


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,4,8,16,32,64", help="articles per run, comma-separated")
    parser.add_argument("--jobs", type=int, default=2, help="processes compared with one (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each (median)")
    parser.add_argument("--spawn", action="store_true", help="run on a thread: spawned workers, as the dashboard")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    from lib.ingest import pipeline
    from lib.ingest.loader import load_folder
    from lib.ingest.nlp import load_model

    nlp = load_model()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "corpus", max(sizes))
        articles, _ = load_folder(Path(tmp) / "corpus")
        ingest(articles[:2], nlp, 1)  # warm-up: first-call allocations belong to neither side
        print(f"machine: {os.cpu_count()} CPUs, {pipeline.usable_cpus()} usable; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; 1 vs {args.jobs} processes "
              f"({'spawned' if args.spawn else 'forked'}), median of {args.runs}",
              flush=True)
        for n in sizes:
            part = articles[:n]
            words = sum(len(a.text.split()) for a in part)
            one, many = [], []
            for _ in range(max(1, args.runs)):
                one.append(ingest(part, nlp, 1, args.spawn))
                many.append(ingest(part, nlp, args.jobs, args.spawn))
            a, b = statistics.median(one), statistics.median(many)
            rows.append({"articles": n, "words": words, "one_s": a, "many_s": b})
            print(f"  {n:4d} articles {words:7,d} words   1 process {a:6.2f} s   {args.jobs} processes {b:6.2f} s   "
                  f"speed-up {a / b:4.2f}x", flush=True)
    faster = [r["many_s"] < r["one_s"] for r in rows]
    first = next((k for k in range(len(rows)) if all(faster[k:])), None)
    if first is None:
        print("more processes were not faster at the largest size: keep one")
    else:
        r = rows[first]
        name = "MIN_WORDS_PER_SPAWNED_PROCESS" if args.spawn else "MIN_WORDS_PER_PROCESS"
        print(f"{args.jobs} processes faster from {r['articles']} articles ({r['words']:,} words) on; suggests "
              f"{name} about {r['words'] // 2:,} (now {getattr(pipeline, name):,})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return {"rows": rows}


if __name__ == "__main__":
    main()
