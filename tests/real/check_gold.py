"""Checks a gold file of real pages against the pages it annotates (run with any Python 3):

    python3 tests/real/check_gold.py tests/real/<set>/gold.json [--pages DIR]
    python3 tests/real/check_gold.py tests/real/<set>/parts/N.json --part

Every page of the set has an entry; every quote opening is found right after an opening quotation mark and every
figure's words are found in the page's text (case, quote marks and spaces as the scorer ignores them); categories
and stances come from tests/real/ANNOTATION.md. Prints each problem and exits 1 when there is one.
"""
import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE.parents[2] / "shared" / "corpora" / "negotiations" / "pages"
OPENING_MARKS = "\"'“‘«„`"
QUOTE_CHARS = "\"'“”‘’«»„‟‹›`´"
CATEGORIES = {"casualties", "refugees", "deportations", "incidents", "economy", "other", "prisoners"}
STANCES = {"hopeful", "mixed", "pessimistic", None}


def norm(text: str) -> str:
    text = text.lower()
    for ch in QUOTE_CHARS:
        text = text.replace(ch, "")
    return re.sub(r"[\s\u00a0]+", " ", text).strip()


def opened_texts(text: str) -> list[str]:
    """What follows each opening quotation mark, normalised."""
    return [norm(text[i + 1:i + 400]) for i, ch in enumerate(text) if ch in OPENING_MARKS]


def check(gold_path: Path, pages: Path, part: bool = False) -> list[str]:
    set_name = gold_path.parent.name if gold_path.parent.name != "parts" else gold_path.parent.parent.name
    members = [r["file"] for r in csv.DictReader(open(HERE / "sets.csv", encoding="utf-8")) if r["set"] == set_name]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    problems = [] if part else [f"missing page {m}" for m in members if m not in gold["articles"]]
    problems += [f"page not in set {set_name}: {n}" for n in gold["articles"] if n not in members]
    for name, entry in gold["articles"].items():
        path = pages / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        flat, starts = norm(text), opened_texts(text)
        optional = [{"start": o, "speaker": ["optional"]} for o in entry.get("optional_quotes", [])]
        for q in entry.get("quotes", []) + optional:
            start = norm(q["start"])
            if not any(s.startswith(start) for s in starts):
                problems.append(f"{name}: quote opening not found after a mark: {q['start']!r}")
            if not q.get("speaker"):
                problems.append(f"{name}: quote without a speaker list: {q['start']!r}")
        for f in entry.get("figures", []):
            if norm(f["words"]) not in flat:
                problems.append(f"{name}: figure words not in text: {f['words']!r}")
            if f.get("category") not in CATEGORIES:
                problems.append(f"{name}: unknown category {f.get('category')!r}")
            if not isinstance(f.get("value"), (int, float)):
                problems.append(f"{name}: figure value is not a number: {f!r}")
        if entry.get("stance") not in STANCES:
            problems.append(f"{name}: unknown stance {entry.get('stance')!r}")
        published = entry.get("published")
        if published is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", published):
            problems.append(f"{name}: published is not YYYY-MM-DD: {published!r}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--part", action="store_true", help="a part of a set (tests/real/<set>/parts/N.json)")
    args = ap.parse_args()
    problems = check(args.gold, args.pages, args.part)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)" if problems else "OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
