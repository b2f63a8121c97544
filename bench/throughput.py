"""Throughput: words/second of the full ingest vs bare spaCy on the same texts, side by side in one run.

    python bench/throughput.py [--n 100] [--jobs 2] [--repeat 2] [--profile] [--cli]

Full ingest = load the files (decode, clean, boilerplate, metadata), parse, quotes and speakers, figures, stance,
sentiment, entities, and store into a fresh temporary SQLite file (`loader.load_folder` +
`pipeline.ingest_articles`), with the model as the product loads it (`lib.ingest.nlp.load_model`: its line-break
rule, its attribute ruler run as a table). Bare = `list(nlp.pipe(texts, batch_size=32, n_process=jobs))` of the same
model package as spaCy ships it (`spacy.load`, nothing added or replaced) on the same texts. Both models are loaded
before anything is timed; runs alternate (bare, full, bare, full, ...) so the machine's noise hits both alike;
medians are compared.
Prints both rates and the ratio full/bare (target >= 0.9). --jobs defaults to the CPUs this process may use.
--cli adds, in the same alternation, the default command `python -m lib export CORPUS --out OUT` (a fresh
process and store: its start, imports, model load, its own --jobs default and the CSV export included) against the
same bare nlp.pipe. --ceiling adds, in the same alternation, the most any analysis could reach inside the default
command's structure: a fresh process that reads the corpus, opens a fresh store and runs the default ingest (its
--jobs default, its pool, its model load) with every article's analysis replaced by nothing, so the workers only
parse; nothing is stored or exported. What separates it from the default export is the analysis, the store and the
CSVs. --profile adds a cProfile of one full ingest, its time summed by module (where the non-parse time goes; with
--jobs > 1 the workers' time is not seen: profile with --jobs 1).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import build  # noqa: E402


def full_ingest(corpus: Path, nlp, jobs: int) -> float:
    from lib import store
    from lib.ingest import pipeline
    from lib.ingest.loader import load_folder

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine = store.open_store(str(Path(tmp) / "bench.db"))
        articles, _ = load_folder(corpus)
        report = pipeline.ingest_articles(engine, articles, nlp=nlp, n_process=jobs)
        seconds = time.perf_counter() - start
        engine.dispose()
    assert report.analysed == len(articles), "every article should be analysed in a fresh store"
    return seconds


def cli_export(corpus: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lib", "export", str(corpus), "--out", str(Path(tmp) / "out"),
                        "--db", str(Path(tmp) / "cli.db"), "--quiet"], cwd=ROOT, check=True,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


PARSE_ONLY = """
import sys, tempfile
from pathlib import Path
from lib import store
from lib.ingest import pipeline
from lib.ingest.loader import load_folder

# Every chunk is still parsed (pipeline.parsed_chunks) and handed on; its analysis (and so its write) is nothing.
pipeline.analyse_each = lambda articles, docs, titles: ([], [])
with tempfile.TemporaryDirectory() as tmp:
    engine = store.open_store(str(Path(tmp) / "ceiling.db"))
    articles, _ = load_folder(sys.argv[1])
    pipeline.ingest_articles(engine, articles, n_process=None)
    engine.dispose()
"""


def parse_only_cli(corpus: Path) -> float:
    """Seconds of a fresh process running the default ingest's structure with the analysis taken out (--ceiling)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", PARSE_ONLY, str(corpus)], cwd=ROOT, check=True,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)), stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def stock_model():
    """The model package as spaCy ships it: the first of lib.ingest.nlp.MODEL_NAMES that loads."""
    import spacy

    from lib.ingest.nlp import MODEL_NAMES

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"none of {MODEL_NAMES} is installed")


def bare_pipe(texts: list[str], nlp, jobs: int) -> float:
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=32, n_process=jobs):
        pass
    return time.perf_counter() - start


def module_of(filename: str) -> str:
    """A readable bucket for a profiled function's file."""
    path = filename.replace("\\", "/")
    if "/lib/" in path and "site-packages" not in path:
        return "lib/" + path.split("/lib/", 1)[1]
    for name in ("spacy", "thinc", "textblob", "sqlalchemy", "pandas", "numpy", "trafilatura", "sqlite3"):
        if f"/{name}/" in path or path.startswith(name):
            return name
    if path.endswith((".pyx", ".pxd")) or path.startswith("spacy"):
        return "spacy"
    return "other"


def profile(corpus: Path, nlp, jobs: int, top: int = 12) -> None:
    prof = cProfile.Profile()
    prof.enable()
    full_ingest(corpus, nlp, jobs)
    prof.disable()
    stats = pstats.Stats(prof)
    by_module: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _line, _func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        by_module[module_of(filename)] += tottime
        total += tottime
    print(f"\nprofile of one full ingest (cProfile, {total:.1f} s with profiler overhead), own time by module:")
    for name, secs in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:<24} {secs:7.2f} s  {100 * secs / total:5.1f} %")
    print("\nslowest functions by cumulative time inside lib/:")
    rows = [(ct, f"{module_of(fn)}:{line}({func})") for (fn, line, func), (_cc, _nc, _tt, ct, _c)
            in stats.stats.items() if module_of(fn).startswith("lib/")]
    for ct, name in sorted(rows, reverse=True)[:top]:
        print(f"  {name:<60} {ct:7.2f} s  {100 * ct / total:5.1f} %")
    print("\nspaCy / library calls made from lib/ (cumulative, e.g. Doc.text rebuilt on every access):")
    called: dict[str, float] = defaultdict(float)
    for (fn, line, func), (_cc, _nc, _tt, _ct, callers) in stats.stats.items():
        if module_of(fn).startswith("lib/"):
            continue
        for caller, (_c2, _n2, _t2, ct2) in callers.items():
            if module_of(caller[0]).startswith("lib/"):
                called[f"{module_of(fn)}:{line}({func}) <- {module_of(caller[0])}:{caller[2]}"] += ct2
    for name, ct in sorted(called.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {name:<70} {ct:7.2f} s  {100 * ct / total:5.1f} %")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="synthetic articles (default 100)")
    parser.add_argument("--jobs", type=int, default=None, help="n_process for both (default: the usable CPUs)")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each (median)")
    parser.add_argument("--profile", action="store_true", help="cProfile one full ingest, by module")
    parser.add_argument("--cli", action="store_true", help="also time the default `python -m lib export`")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time the default ingest's structure with the analysis taken out (parse only)")
    args = parser.parse_args(argv)
    from lib.ingest.pipeline import usable_cpus

    args.jobs = args.jobs or usable_cpus()

    from lib.ingest.loader import load_folder
    from lib.ingest.nlp import load_model

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        build(corpus, args.n)
        articles, _ = load_folder(corpus)
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        nlp, bare_nlp = load_model(), stock_model()
        bare_pipe(texts[:4], bare_nlp, 1)  # warm-up: first-call allocations belong to neither side
        bare_pipe(texts[:4], nlp, 1)
        bare, full, cli, ceiling = [], [], [], []
        load = os.getloadavg()
        for _ in range(max(1, args.repeat)):
            bare.append(bare_pipe(texts, bare_nlp, args.jobs))
            full.append(full_ingest(corpus, nlp, args.jobs))
            if args.cli:
                cli.append(cli_export(corpus))
            if args.ceiling:
                ceiling.append(parse_only_cli(corpus))
        b, f = statistics.median(bare), statistics.median(full)
        print(f"machine: {os.cpu_count()} CPUs; {len(texts)} articles, {words:,} words, n_process={args.jobs}, "
              f"model pipes {nlp.pipe_names} (bare: {bare_nlp.pipe_names}); "
              f"load average before {' '.join(f'{x:.2f}' for x in load)}, after "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"bare nlp.pipe : {b:7.2f} s  {words / b:8.0f} words/s   (runs: {', '.join(f'{x:.1f}' for x in bare)})")
        print(f"full ingest   : {f:7.2f} s  {words / f:8.0f} words/s   (runs: {', '.join(f'{x:.1f}' for x in full)})")
        print(f"ratio full/bare: {b / f:.2f}  (target >= 0.9); analysis+store+load cost per article: "
              f"{1000 * (f - b) / len(texts):.0f} ms")
        cli_s = statistics.median(cli) if cli else None
        ceiling_s = statistics.median(ceiling) if ceiling else None
        if cli_s is not None:
            runs = ", ".join(f"{x:.1f}" for x in cli)
            print(f"default CLI export: {cli_s:7.2f} s  {words / cli_s:8.0f} words/s   (runs: {runs})")
            print(f"ratio default export/bare: {b / cli_s:.2f}  (target >= 0.9)")
        if ceiling_s is not None:
            runs = ", ".join(f"{x:.1f}" for x in ceiling)
            print(f"ceiling (default ingest, parse only): {ceiling_s:7.2f} s  {words / ceiling_s:8.0f} words/s   "
                  f"(runs: {runs})")
            print(f"ratio ceiling/bare: {b / ceiling_s:.2f}  (what any analysis inside the default command can reach)")
            if cli_s is not None:
                print(f"analysis, store and CSVs in the default export: {cli_s - ceiling_s:.2f} s of its "
                      f"{cli_s:.2f} s; 0.9x bare leaves them {b / 0.9 - ceiling_s:.2f} s")
        if args.profile:
            profile(corpus, nlp, args.jobs)
    return {"bare_s": b, "full_s": f, "words": words, "ratio": b / f,
            **({"cli_s": cli_s} if cli_s is not None else {}),
            **({"ceiling_s": ceiling_s} if ceiling_s is not None else {})}

if __name__ == "__main__":
    main()
