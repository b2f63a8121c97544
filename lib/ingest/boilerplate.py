"""Boilerplate removed from an article's paragraphs: lines that are never story (share buttons, newsletter
prompts, captions: lib/lexicons/boilerplate.py) and the tail after a marker ("Related Posts") once the story has run
long enough. What is removed is kept, for the reader and the inference of outlet and date.
"""
from __future__ import annotations

import re

from lib.ingest.decode import word_count
from lib.lexicons.boilerplate import LINE_PATTERNS, TAIL_MARKERS

MIN_WORDS_BEFORE_TAIL = 40  # a tail marker ("Related Posts") ends the story only after this much of it
_TAIL_RE = [re.compile(rf"^\W*{p}\W*$", re.I) for p in TAIL_MARKERS]
_LINE_RE = [re.compile(rf"^\W*{p}\W*$", re.I) for p in LINE_PATTERNS]


def strip_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(kept paragraphs, stripped lines). A tail marker drops everything after it; a line pattern drops one
    line; a paragraph repeating the one before it (a headline printed twice) is dropped too."""
    kept: list[str] = []
    stripped: list[str] = []
    for i, para in enumerate(paragraphs):
        if len(para) <= 80 and any(r.match(para) for r in _TAIL_RE) and i > 0:
            if word_count(" ".join(kept)) >= MIN_WORDS_BEFORE_TAIL:
                stripped.extend(paragraphs[i:])
                break
            stripped.append(para)  # a menu's "Related Posts" above the story ends nothing
            continue
        if len(para) <= 300 and any(r.match(para) for r in _LINE_RE):
            stripped.append(para)
            continue
        if kept and _fold_quotes(para) == _fold_quotes(kept[-1]):
            stripped.append(para)
            continue
        kept.append(para)
    return kept, stripped


def _fold_quotes(text: str) -> str:
    return re.sub(r"[\"“”‘’'`]", "", text).lower()
