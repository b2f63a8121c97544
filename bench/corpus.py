"""Synthetic corpus builder for the benchmarks: N distinct articles made from the five seeds.

    python bench/corpus.py OUT_DIR [--n 10000] [--seed 0] [--manifest]

Article i starts from seed i % 5: its first paragraph (the lede) stays first, the other paragraphs are reshuffled
and one paragraph of another seed is mixed in, so every text is distinct (checked by the loader's content hash)
while word counts, quotes and figures stay those of real coverage. Each file gets a header block (`Title:` a
unique headline, `Source:` one of a dozen outlets, `Date:` spread over October-November 2025), or, with
--manifest, the same values in a manifest.csv instead. Deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
OUTLETS = ("Dawn", "The Express Tribune", "Geo News", "TOLOnews", "Ariana News", "Al Jazeera", "Reuters",
           "WE News", "SouthAsianDesk", "Anadolu Agency", "The News International", "Pajhwok")
HEADLINE_SUBJECTS = ("Ceasefire talks", "Istanbul round", "Doha truce", "Border crossings", "Refugee returns",
                     "Mediators", "Trade at Torkham", "Kabul and Islamabad", "Qatar and Türkiye", "Security talks")
HEADLINE_VERBS = ("resume amid", "stall over", "extended after", "face test of", "hinge on", "move forward despite",
                  "break down over", "welcomed after", "questioned over", "back on track after")
HEADLINE_OBJECTS = ("militancy concerns", "deportation drive", "border clashes", "monitoring mechanism",
                    "guarantees", "trade losses", "Afghan refugees", "TTP attacks", "a principal-level meeting",
                    "mediation efforts")


def seed_paragraphs() -> list[list[str]]:
    """The cleaned paragraphs of each seed article (through the loader, so boilerplate is already gone)."""
    from lib.ingest.loader import load_folder

    articles, _ = load_folder(SEEDS)
    return [[p for p in a.text.split("\n\n") if p.strip()] for a in articles]


def headline(i: int) -> str:
    a, b, c = HEADLINE_SUBJECTS, HEADLINE_VERBS, HEADLINE_OBJECTS
    return f"{a[i % len(a)]} {b[(i // len(a)) % len(b)]} {c[(i // (len(a) * len(b))) % len(c)]} (#{i + 1})"


def build(out: Path | str, n: int, seed: int = 0, manifest: bool = False) -> list[Path]:
    """Write `n` distinct articles into `out` (created); returns their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    seeds = seed_paragraphs()
    rng = random.Random(seed)
    seen: set[str] = set()
    start = date(2025, 10, 12)
    paths, rows = [], []
    width = max(5, len(str(n)))
    for i in range(n):
        base = seeds[i % len(seeds)]
        while True:
            rest = base[1:]
            rng.shuffle(rest)
            other = seeds[(i + 1 + rng.randrange(len(seeds) - 1)) % len(seeds)]
            extra = rng.choice(other[1:] or other)
            rest.insert(rng.randrange(len(rest) + 1), extra)
            body = "\n\n".join([base[0]] + rest)
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
            if digest not in seen:
                seen.add(digest)
                break
        title, outlet = headline(i), OUTLETS[rng.randrange(len(OUTLETS))]
        published = (start + timedelta(days=rng.randrange(50))).isoformat()
        name = f"a{i:0{width}d}.txt"
        text = body if manifest else f"Title: {title}\nSource: {outlet}\nDate: {published}\n\n{body}"
        (out / name).write_text(text + "\n", encoding="utf-8")
        rows.append({"file": name, "title": title, "outlet": outlet, "published": published})
        paths.append(out / name)
    if manifest:
        with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=["file", "title", "outlet", "published"])
            writer.writeheader()
            writer.writerows(rows)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the articles into")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--manifest", action="store_true", help="metadata in manifest.csv instead of headers")
    args = parser.parse_args(argv)
    paths = build(args.out, args.n, args.seed, args.manifest)
    print(f"wrote {len(paths)} distinct articles to {Path(args.out).resolve()}")


if __name__ == "__main__":
    main()
