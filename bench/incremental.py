"""Incremental ingest: a second ingest of an unchanged corpus vs the first, side by side in one run.

    python bench/incremental.py [--n 50] [--jobs 1]

Both runs are the CLI (`python -m lib ingest CORPUS --db STORE`, a fresh process each, model loading included
where it happens) on a synthetic corpus of --n articles into a fresh temporary SQLite store. The second run finds
every article stored with the current analysis version (content hash + ANALYSIS_VERSION) and must not load the
model or parse anything. Prints both times and the ratio first/second (target >= 50).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import build  # noqa: E402


def cli_ingest(corpus: Path, db: Path, jobs: int) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lib", "ingest", str(corpus), "--db", str(db), "--quiet",
                           "--jobs", str(jobs)], cwd=ROOT, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stderr.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "store.db"
        build(corpus, args.n)
        first, msg1 = cli_ingest(corpus, db, args.jobs)
        second, msg2 = cli_ingest(corpus, db, args.jobs)
    print(f"machine: {os.cpu_count()} CPUs; {args.n} articles, CLI ingest, --jobs {args.jobs}")
    print(f"first ingest : {first:7.2f} s   ({msg1})")
    print(f"second ingest: {second:7.2f} s   ({msg2})")
    print(f"ratio first/second: {first / second:.1f}x  (target >= 50)")
    return {"first_s": first, "second_s": second, "ratio": first / second}


if __name__ == "__main__":
    main()
