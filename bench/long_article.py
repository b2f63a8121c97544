"""Hostile sizes: the time of an article ending in a run of quote marks, and the peak memory of the largest
allowed article, alone and as concurrent uploads, next to the same article parsed whole (as before
`lib.ingest.parsetext`), measured in one run.

    python bench/long_article.py [--chars 1000000] [--marks 40000] [--concurrent 4] [--whole]

Every measurement runs in a fresh Python process of its own, so its peak RSS (`ru_maxrss`) is its own:
- model: the process loads the spaCy model and nothing else (the baseline of the others);
- marks: the five seeds plus one article ending in --marks quote marks, ingested into a temporary SQLite store
  (`pipeline.ingest_articles`, as the CLI and the dashboard do): seconds;
- largest: one article of --chars characters (the seeds' paragraphs, reshuffled; default MAX_TEXT_CHARS, the
  largest the loader accepts) ingested the same way: seconds and peak RSS;
- concurrent: --concurrent threads in one process, each ingesting a distinct largest article into one store (the
  dashboard's upload sessions share one server process and its model): seconds and peak RSS;
- whole (--whole): the largest article parsed by one `nlp(text)` call, the way it was parsed before: seconds and
  peak RSS, for the ratio (about 3 GB and 2 minutes: not run unless asked).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MARKS_LEAD = "Pakistan and Afghanistan resumed talks in Istanbul on Thursday, officials said. " * 10


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def long_text(chars: int, seed: int = 0) -> str:
    """An English article of just under `chars` characters once cleaned: the seeds' paragraphs, reshuffled, each
    tagged with its number so that the text is one of a kind per seed."""
    from bench.corpus import seed_paragraphs

    paragraphs = [p for seed_paras in seed_paragraphs() for p in seed_paras if len(p) > 80]
    rng = random.Random(seed)
    out, size = [], 0
    while True:
        para = f"({seed}.{len(out)}) {rng.choice(paragraphs)}"
        if size + len(para) + 2 > chars - 100:
            return "\n\n".join(out) + "\n"
        out.append(para)
        size += len(para) + 2


def ingest(tmp: Path, files: dict[str, str], threads: int = 1) -> dict:
    """Write `files`, load them, and ingest them into a fresh store, in `threads` threads (one file each when
    more than one)."""
    from lib import store
    from lib.ingest import pipeline
    from lib.ingest.loader import load_folder
    from lib.ingest.nlp import load_model

    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    engine = store.open_store(str(tmp / "bench.db"))
    nlp = load_model()
    model_mb = peak_mb()
    articles, skipped = load_folder(corpus)
    assert not skipped, skipped
    start = time.perf_counter()
    if threads == 1:
        report = pipeline.ingest_articles(engine, articles, nlp=nlp)
        analysed = report.analysed
    else:
        reports: list = []
        workers = [threading.Thread(target=lambda a=a: reports.append(pipeline.ingest_articles(engine, [a], nlp=nlp)))
                   for a in articles]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        analysed = sum(r.analysed for r in reports)
    seconds = time.perf_counter() - start
    assert analysed == len(articles), f"{analysed} of {len(articles)} analysed"
    return {"seconds": round(seconds, 1), "peak_mb": round(peak_mb()), "model_mb": round(model_mb),
            "articles": len(articles), "chars": [len(a.text) for a in articles]}


def child(kind: str, args) -> dict:
    """One measurement, in this (fresh) process."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if kind == "model":
            from lib.ingest.nlp import load_model

            load_model()
            return {"peak_mb": round(peak_mb())}
        if kind == "marks":
            seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
            return ingest(tmp, {**seeds, "marks.txt": MARKS_LEAD + '"' * args.marks + "\n"})
        if kind == "largest":
            return ingest(tmp, {"largest.txt": long_text(args.chars)})
        if kind == "concurrent":
            files = {f"largest_{i}.txt": long_text(args.chars, seed=i) for i in range(args.concurrent)}
            return ingest(tmp, files, threads=args.concurrent)
        if kind == "whole":
            from lib.ingest.loader import build_article
            from lib.ingest.nlp import load_model

            article = build_article("largest.txt", long_text(args.chars))
            nlp = load_model()
            start = time.perf_counter()
            nlp(article.text)
            return {"seconds": round(time.perf_counter() - start, 1), "peak_mb": round(peak_mb()),
                    "chars": [len(article.text)]}
    raise ValueError(kind)


def measure(kind: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--chars", str(args.chars), "--marks", str(args.marks),
           "--concurrent", str(args.concurrent)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    from lib.ingest import parsetext
    from lib.ingest.loader import MAX_TEXT_CHARS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=MAX_TEXT_CHARS, help="size of the largest article")
    parser.add_argument("--marks", type=int, default=40_000, help="quote marks at the end of one article")
    parser.add_argument("--concurrent", type=int, default=4, help="largest articles ingested at once (0: none)")
    parser.add_argument("--whole", action="store_true", help="also parse the largest article whole (slow, ~3 GB)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args)))
        return {}

    results = {"model": measure("model", args), "marks": measure("marks", args), "largest": measure("largest", args)}
    if args.concurrent:
        results["concurrent"] = measure("concurrent", args)
    if args.whole:
        results["whole"] = measure("whole", args)
    base = results["model"]["peak_mb"]
    print(f"pieces of at most {parsetext.PIECE_CHARS:,} characters, batches of at most {parsetext.BATCH_CHARS:,}; "
          f"model alone: {base} MB peak RSS")
    m = results["marks"]
    print(f"marks      : 5 seeds + an article ending in {args.marks:,} quote marks: {m['seconds']} s")
    for kind, label in (("largest", "1 article"), ("concurrent", f"{args.concurrent} at once"),
                        ("whole", "parsed whole")):
        if kind in results:
            r = results[kind]
            print(f"{kind:<11}: {label} of {max(r['chars']):,} characters: {r['seconds']} s, peak RSS "
                  f"{r['peak_mb']:,} MB ({r['peak_mb'] - base:+,} MB over the model alone)")
    if "whole" in results:
        print(f"ratio peak over the model, whole / in pieces: "
              f"{(results['whole']['peak_mb'] - base) / max(1, results['largest']['peak_mb'] - base):.1f}x")
    return results


if __name__ == "__main__":
    main()
