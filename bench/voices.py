"""Independent voices (lib/voices.py): how well the index finds real copies, where the threshold breaks, and what
the index adds to an ingest, side by side in one run.

    python bench/voices.py [--corpus ../shared/corpora/negotiations] [--n 300] [--index-n 10000] [--skip-cost]

1. Real copies: the pages of ../shared/corpora/negotiations (never the Pakistan-Afghanistan topic), stored and
   indexed one at a time in file order, as ingests would add them. A pair of pages is
   - a copy pair when both are in one of ONE_VOICE_GROUPS (the same text reprinted, or spun word for word),
   - a same-story pair when they are other versions of one agency story (REWRITE_GROUPS and SAME_STORY: a
     write-through or a rewrite): linking them merges no distinct stories, and finding them is not asked for,
   - a distinct pair otherwise (other stories of the same negotiation: the negatives).
   Prints pair recall (copy pairs grouped / copy pairs), precision (copy pairs grouped / pairs grouped) and the
   distinct stories merged (distinct pairs grouped).
2. Threshold sweep: the exact containment rule at each threshold over every pair of pages of one negotiation,
   and over synthetic edits of the copy pairs (a new headline, another dateline, the last paragraphs cut,
   "Also read" lines inserted, all at once): the edited page against the other copy of its pair.
3. Cost: --n articles of bench/corpus.py ingested in-process (spaCy loaded once, outside both timings) into a
   fresh SQLite store with the index off, then with it on; prints both times, the ratio, and the index's own
   time. Every article of bench/corpus.py is a reshuffle of one of five seeds, so every article is a copy of
   hundreds of others: the index's worst case (full buckets, every candidate checked).
4. Index at scale: --index-n articles of bench/corpus.py stored without parsing, then indexed in batches of 32
   as the pipeline does; prints the index's time per article at the start and at the end (it must not grow
   with the store), and what that adds to the ingest time per article measured in 3.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "negotiations"
EXCLUDED_TOPICS = ("pakistan-afghanistan",)  # never read, whatever the index lists

# Which of the corpus's syndication groups count as one voice (README "Independent voices" says why).
ONE_VOICE_GROUPS = {f"g{i}" for i in range(1, 9)} | {"g16"}  # word for word, and the spinner's rewording
REWRITE_GROUPS = {f"g{i}" for i in range(9, 16)}  # write-throughs and rewrites of one agency story
# Pages the corpus names as other versions of a grouped story (its README, "Related but not grouped"): a link
# to them is no merge of distinct stories; file number -> the story.
SAME_STORY = {"014": "g2", "016": "g2", "087": "g12", "177": "g8", "057": "ap-riyadh", "058": "ap-riyadh"}

THRESHOLDS = [round(0.20 + 0.05 * i, 2) for i in range(11)]  # 0.20 .. 0.70

ALSO_READ = ("Also read: Markets rally as ceasefire hopes rise in the region",
             "Also Read: What the new agreement means for displaced families",
             "ALSO READ | Envoy says next round of talks could start within weeks",
             "Also read: Five things to know about the mediators",
             "Also read: Analysts divided over the prospects for a lasting truce")


# ------------------------------------------------------------------------------------------------ the corpus

def load_real(corpus: Path = CORPUS):
    """(articles, index rows by file) of the corpus's pages, the excluded topics left out; None when absent."""
    from lib.ingest.loader import load_path

    index_csv, pages = corpus / "index.csv", corpus / "pages"
    if not index_csv.is_file() or not pages.is_dir():
        return None
    with open(index_csv, newline="", encoding="utf-8") as fh:
        rows = {r["file"]: r for r in csv.DictReader(fh) if r["negotiation"] not in EXCLUDED_TOPICS}
    articles = [load_path(pages / name) for name in sorted(rows) if (pages / name).is_file()]
    return articles, rows


def story(file: str, row: dict) -> str:
    """The story a page tells: its syndication group, the group it is another version of, or itself."""
    return row["syndication_group"] or SAME_STORY.get(file[:3]) or file


def pair_kind(a: str, b: str, rows: dict) -> str:
    """'copy', 'same story' or 'distinct' (see the module's docstring)."""
    ga, gb = rows[a]["syndication_group"], rows[b]["syndication_group"]
    if ga and ga == gb and ga in ONE_VOICE_GROUPS:
        return "copy"
    return "same story" if story(a, rows[a]) == story(b, rows[b]) else "distinct"


def copy_pairs(rows: dict) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.combinations(sorted(rows), 2) if pair_kind(a, b, rows) == "copy"]


# ------------------------------------------------------------------------------------------------ 1. the index

def bare_analysis(article):
    """An empty analysis: the index reads the stored text only, so nothing needs parsing here."""
    from lib.records import ANALYSIS_VERSION, Analysis, Stance

    return Analysis(article_id=article.article_id, analysis_version=ANALYSIS_VERSION,
                    n_words=len(article.text.split()), polarity=0.0, subjectivity=0.0, polarity_adjusted=0.0,
                    stance=Stance())


def grouped_pairs(articles, one_at_a_time: bool = True) -> set[tuple[str, str]]:
    """The pairs of files the index puts in one group, the articles stored and indexed into a fresh store."""
    from lib import store, voices

    with tempfile.TemporaryDirectory() as tmp:
        engine = store.open_store(str(Path(tmp) / "voices.db"))
        store.save_analyses(engine, [(a, bare_analysis(a)) for a in articles])
        for chunk in ([a] for a in articles) if one_at_a_time else [articles]:
            voices.index_articles(engine, chunk)
        table = voices.voice_table(engine)
        engine.dispose()
    files = {a.article_id: a.file for a in articles}
    pairs = set()
    for _, group in table.groupby("voice_id"):
        pairs.update(itertools.combinations(sorted(files[i] for i in group["article_id"]), 2))
    return pairs


def score(pairs: set[tuple[str, str]], rows: dict) -> dict:
    """Recall, precision and merges of grouped pairs against the corpus's groups."""
    wanted = set(copy_pairs(rows))
    kinds = {p: pair_kind(*p, rows) for p in pairs}
    found = {p for p, k in kinds.items() if k == "copy"}
    same = sorted(p for p, k in kinds.items() if k == "same story")
    merged = sorted(p for p, k in kinds.items() if k == "distinct")
    return {"copy_pairs": len(wanted), "found": len(found), "recall": len(found) / len(wanted) if wanted else 1.0,
            "grouped": len(pairs), "precision": len(found) / len(pairs) if pairs else 1.0,
            "same_story": same, "merged": merged, "missed": sorted(wanted - found)}


def report_index(articles, rows) -> dict:
    from lib import voices

    result = score(grouped_pairs(articles), rows)
    batch = score(grouped_pairs(articles, one_at_a_time=False), rows)
    print(f"real copies: {len(articles)} pages, {len(set(map(lambda r: r['negotiation'], rows.values())))} "
          f"negotiations; threshold {voices.COPY_THRESHOLD} (containment of word triples)")
    print(f"  one voice: groups {', '.join(sorted(ONE_VOICE_GROUPS, key=lambda g: int(g[1:])))} "
          f"= {result['copy_pairs']} copy pairs")
    print(f"  pair recall {result['recall']:.3f} ({result['found']}/{result['copy_pairs']}), "
          f"precision {result['precision']:.3f} ({result['found']}/{result['grouped']} pairs grouped), "
          f"distinct stories merged: {len(result['merged'])}")
    print(f"  indexed in one batch instead of one at a time: recall {batch['recall']:.3f}, precision "
          f"{batch['precision']:.3f}, merged {len(batch['merged'])}")
    for label, pairs in (("missed", result["missed"]), ("same story grouped (rewrite or other version)",
                                                        result["same_story"]), ("MERGED", result["merged"])):
        for a, b in pairs:
            print(f"  {label}: {a} + {b} ({rows[a]['syndication_group'] or '-'}/{rows[b]['syndication_group'] or '-'})")
    return result


# ------------------------------------------------------------------------------------------------ 2. sweep, edits

def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def new_headline(text: str) -> str:
    """The first paragraph (the headline, or the lede when it is long) replaced by a new headline."""
    paras = _paragraphs(text)
    headline = "Breaking: what the latest round of talks means for the region"
    return "\n\n".join([headline] + (paras[1:] if len(paras[0].split()) < 25 else paras))


def another_dateline(text: str) -> str:
    """The first long paragraph's dateline replaced by another (added when it has none)."""
    import re

    paras = _paragraphs(text)
    i = next((k for k, p in enumerate(paras) if len(p.split()) >= 20), 0)
    body = re.sub(r"^[A-Z][A-Za-z .,/'-]{0,60}?(?:\([^)]{1,30}\))?\s*[-–—:]+\s+", "", paras[i], count=1)
    paras[i] = "NEW YORK, (Agencies) - " + body
    return "\n\n".join(paras)


def cut_last(text: str, k: int) -> str:
    paras = _paragraphs(text)
    return "\n\n".join(paras[:max(1, len(paras) - k)])


def also_read(text: str, k: int) -> str:
    """k "Also read" lines inserted between paragraphs, spread through the text."""
    paras = _paragraphs(text)
    step = max(1, len(paras) // (k + 1))
    out = list(paras)
    for j in range(k):
        out.insert(min(len(out), (j + 1) * step + j), ALSO_READ[j % len(ALSO_READ)])
    return "\n\n".join(out)


def all_edits(text: str) -> str:
    return also_read(cut_last(another_dateline(new_headline(text)), 2), 3)


EDITS = (("none", lambda t: t), ("new headline", new_headline), ("another dateline", another_dateline),
         ("cut last 1 paragraph", lambda t: cut_last(t, 1)), ("cut last 3 paragraphs", lambda t: cut_last(t, 3)),
         ("1 'Also read' line", lambda t: also_read(t, 1)), ("3 'Also read' lines", lambda t: also_read(t, 3)),
         ("5 'Also read' lines", lambda t: also_read(t, 5)),
         ("headline+dateline+cut 2+3 'Also read'", all_edits))


def edit_pairs(articles, rows) -> dict[str, list[tuple[frozenset, frozenset]]]:
    """Per edit: the shingle sets of each copy pair with one side edited (each side in turn)."""
    from lib import voices

    by_file = {a.file: a for a in articles}
    out = {}
    for name, edit in EDITS:
        out[name] = [(voices.shingles(by_file[keep].text), voices.shingles(edit(by_file[edited].text)))
                     for a, b in copy_pairs(rows) for keep, edited in ((a, b), (b, a))]
    return out


def report_sweep(articles, rows) -> None:
    from lib import voices

    sets = {a.file: voices.shingles(a.text) for a in articles}
    pairs = {"copy": [], "same story": [], "distinct": []}
    for a, b in itertools.combinations(sorted(sets), 2):
        if rows[a]["negotiation"] == rows[b]["negotiation"]:
            pairs[pair_kind(a, b, rows)].append((sets[a], sets[b]))
    sims = {kind: [voices.containment(x, y) for x, y in found] for kind, found in pairs.items()}
    print(f"\nthreshold sweep: pairs of one negotiation, exact rule (containment of word triples >= threshold with "
          f"{voices.MIN_SHARED} in common, or >= {voices.TEASER_THRESHOLD}); {len(sims['copy'])} copy, "
          f"{len(sims['same story'])} same-story, {len(sims['distinct'])} distinct pairs")
    print(f"  containment: copy pairs {min(sims['copy']):.3f}-{max(sims['copy']):.3f}; same-story pairs "
          f"{min(sims['same story']):.3f}-{max(sims['same story']):.3f}; distinct pairs at most "
          f"{max(sims['distinct']):.3f}")
    edited = edit_pairs(articles, rows)
    names = [name for name, _ in EDITS[1:]]
    print("  threshold | copy recall | same-story linked | distinct linked | edited copies found: "
          + ", ".join(f"({i + 1}) {n}" for i, n in enumerate(names)))
    for t in THRESHOLDS:
        def hits(found, threshold=t):
            return sum(voices.is_copy(x, y, threshold) for x, y in found)

        mark = "  <- chosen" if abs(t - voices.COPY_THRESHOLD) < 1e-9 else ""
        cells = " ".join(f"{hits(edited[n]) / len(edited[n]):.2f}" for n in names)
        print(f"  {t:9.2f} | {hits(pairs['copy']) / len(pairs['copy']):11.3f} | "
              f"{hits(pairs['same story']):8d}/{len(pairs['same story']):<8d} | {hits(pairs['distinct']):15d} | "
              f"{cells}{mark}")
    print(f"\nsynthetic edits of the copy pairs (one side edited, against the other copy; {len(edited['none'])} "
          f"per edit): the lowest containment is the highest threshold that still finds every edited copy")
    print("  edit                                     | lowest | median | found by the rule in force")
    for name, found in edited.items():
        values = sorted(voices.containment(x, y) for x, y in found)
        print(f"  {name:40s} | {values[0]:.3f}  | {values[len(values) // 2]:.3f}  | "
              f"{sum(voices.is_copy(x, y) for x, y in found)}/{len(found)}")


def edited_corpus(articles, rows, edit) -> list:
    """The corpus with the last page of each copy group (by file) replaced by its edited text."""
    from lib.ingest.loader import build_article

    last = {}
    for a in articles:
        group = rows[a.file]["syndication_group"]
        if group in ONE_VOICE_GROUPS:
            last[group] = a.file
    edited = set(last.values())
    return [build_article(a.file, edit(a.text), header={"title": a.title}) if a.file in edited else a
            for a in articles]


def report_edits_through_index(articles, rows) -> None:
    print("\nthe index on edited copies (the last page of each copy group edited, every page indexed one at a time)")
    print("  edit                                     | recall | precision | distinct stories merged")
    for name, edit in EDITS[1:]:
        result = score(grouped_pairs(edited_corpus(articles, rows, edit)), rows)
        print(f"  {name:40s} | {result['recall']:.3f}  | {result['precision']:.3f}     | {len(result['merged'])}")


# ------------------------------------------------------------------------------------------------ 3, 4. cost

def _ingest(articles, nlp, index: bool, db: Path) -> tuple[float, float]:
    """(seconds of the whole ingest, seconds inside the index) into a fresh store at db."""
    from lib.ingest import pipeline
    from lib import store, voices

    spent = [0.0]
    real_index, real_stored = voices.index_articles, voices.index_stored

    def timed_index(engine, chunk):
        start = time.perf_counter()
        try:
            return real_index(engine, chunk)
        finally:
            spent[0] += time.perf_counter() - start

    voices.index_articles = timed_index if index else (lambda engine, chunk: 0)
    voices.index_stored = real_stored if index else (lambda engine, batch=0: 0)
    try:
        engine = store.open_store(str(db))
        start = time.perf_counter()
        pipeline.ingest_articles(engine, articles, nlp=nlp)
        total = time.perf_counter() - start
        engine.dispose()
    finally:
        voices.index_articles, voices.index_stored = real_index, real_stored
    return total, spent[0]


def report_cost(n: int, repeat: int) -> float:
    """Prints the ingest with and without the index; returns the ingest's seconds per article (index off)."""
    from bench.corpus import build
    from lib.ingest.loader import load_folder
    from lib.ingest.nlp import load_model

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "corpus", n)
        articles, _ = load_folder(Path(tmp) / "corpus")
        nlp = load_model()
        list(nlp.pipe(a.text for a in articles[:10]))  # warm-up, untimed
        off, on, own = [], [], []
        for r in range(repeat):
            for index in ((False, True) if r % 2 == 0 else (True, False)):
                total, spent = _ingest(articles, nlp, index, Path(tmp) / f"s{r}-{index}.db")
                (on if index else off).append(total)
                if index:
                    own.append(spent)
    t_off, t_on, t_own = min(off), min(on), min(own)
    print(f"\ncost: {n} articles of bench/corpus.py, in-process ingest (n_process=1, model loaded once, untimed), "
          f"fresh SQLite store each run, {repeat} run(s) each, best kept")
    print(f"  without the index: {t_off:7.2f} s ({n / t_off:.2f} articles/s)")
    print(f"  with the index   : {t_on:7.2f} s ({n / t_on:.2f} articles/s), of which the index {t_own:.2f} s "
          f"({1000 * t_own / n:.1f} ms per article)")
    print(f"  ratio with/without: {t_on / t_off:.3f} (target < 1.10); the index's own time / the rest of the "
          f"ingest: {t_own / (t_on - t_own):.3f}")
    return t_off / n


def report_scale(n: int, ingest_per_article: float | None) -> None:
    from bench.corpus import build
    from lib import store, voices
    from lib.ingest.loader import load_folder

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp) / "corpus", n)
        articles, _ = load_folder(Path(tmp) / "corpus")
        engine = store.open_store(str(Path(tmp) / "scale.db"))
        for start in range(0, len(articles), 256):
            chunk = articles[start:start + 256]
            store.save_analyses(engine, [(a, bare_analysis(a)) for a in chunk])
        times = []
        for start in range(0, len(articles), 32):
            chunk = articles[start:start + 32]
            t0 = time.perf_counter()
            voices.index_articles(engine, chunk)
            times.append((len(chunk), time.perf_counter() - t0))
        groups = voices.voice_table(engine)["voice_id"].nunique()
        engine.dispose()
    tenth = max(1, len(times) // 10)
    first = sum(t for _, t in times[:tenth]) / sum(k for k, _ in times[:tenth])
    last = sum(t for _, t in times[-tenth:]) / sum(k for k, _ in times[-tenth:])
    total = sum(t for _, t in times)
    print(f"\nindex at scale: {n} articles of bench/corpus.py stored (not parsed), indexed in batches of 32 "
          f"(all copies of five seeds: {groups} group(s))")
    print(f"  index time {total:.1f} s, {1000 * total / n:.1f} ms per article; first tenth "
          f"{1000 * first:.1f} ms, last tenth {1000 * last:.1f} ms per article")
    if ingest_per_article:
        print(f"  added to the ingest measured above ({1000 * ingest_per_article:.0f} ms per article, index off): "
              f"{last / ingest_per_article:.3f} at the store's last tenth, {total / n / ingest_per_article:.3f} "
              f"on average")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the negotiations corpus (index.csv, pages/)")
    parser.add_argument("--n", type=int, default=300, help="articles ingested with and without the index")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each ingest (alternating; best kept)")
    parser.add_argument("--index-n", type=int, default=10_000, help="articles indexed without parsing (0: skip)")
    parser.add_argument("--skip-cost", action="store_true", help="only the real copies and the sweep")
    args = parser.parse_args(argv)
    random.seed(0)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    result = {}
    real = load_real(args.corpus)
    if real is None:
        print(f"real copies: {args.corpus} not found, skipped")
    else:
        result = report_index(*real)
        report_sweep(*real)
        report_edits_through_index(*real)
    if not args.skip_cost:
        per_article = report_cost(args.n, args.repeat) if args.n else None
        if args.index_n:
            report_scale(args.index_n, per_article)
    return result


if __name__ == "__main__":
    main()
