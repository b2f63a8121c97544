"""Voice (rule 8): the quoted share of a sentence, from the Quote records or quotation marks, and attributed speech
("Asif said ...", "according to ...")."""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from spacy.tokens import Doc, Span

from lib.extract.doctext import doc_text, span_text
from lib.lexicons import stance as L
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from lib.records import Quote

# Quotation marks used to find quoted spans when no Quote records are given.
_QUOTE_RE = re.compile(r"“([^”]{1,3000})”|\"([^\"\n]{1,3000})\"|«([^»]{1,3000})»")
QUOTED_SHARE = 0.5  # a sentence is "quoted" when more than this share of its words lies inside quote spans

def quote_ranges(doc: Doc, quotes: Sequence[Quote] = ()) -> list[tuple[int, int]]:
    """Character ranges of quoted text: the Quote records' spans, or, when none are given, the text between
    quotation marks (so the voice split still works before / without the quote extractor)."""
    if quotes:
        ranges = []
        for q in quotes:
            ranges.extend(q.spans or ((q.start_char, q.end_char),))
        return sorted(ranges)
    out = []
    for m in _QUOTE_RE.finditer(doc_text(doc)):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        out.append((m.start(g), m.end(g)))
    return out


def quoted_share(span: Span, ranges: Sequence[tuple[int, int]]) -> float:
    """Share of the span's words that lie inside a quote range."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or not ranges:
        return 0.0
    # Only the ranges that overlap the span can hold one of its words (same count, fewer comparisons), merged
    # where they overlap, so that each word is looked up by bisection: a sentence of thousands of words and
    # quotes (hostile input) costs words × log(quotes), not words × quotes.
    first, last = span.start_char, span.end_char
    merged: list[list[int]] = []
    for a, b in sorted((a, b) for a, b in ranges if a < last and b > first):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if not merged:
        return 0.0
    starts = [a for a, _ in merged]
    inside = 0
    for t in words:
        k = bisect.bisect_right(starts, t.idx) - 1
        inside += k >= 0 and t.idx < merged[k][1]
    return inside / len(words)


def is_attributed(span: Span) -> bool:
    """Reported speech: a reporting verb (not itself a stance cue like 'agree') with a subject, or an
    'according to' / 'per' attribution. 'Asif said the talks would resume' is Asif's view, not the outlet's."""
    text = span_text(span)
    if any(re.search(rf"(^|\W){re.escape(p)}\s+[A-Z]", text, re.I) for p in ATTRIBUTION_PHRASES
           if p not in ("per",)) or re.search(r"(^|\W)per\s+(the\s+)?[A-Z]", text):
        return True
    for tok in span:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in REPORTING_VERBS:
            continue
        if lemma in L.PROGRESS_CUES or lemma in L.FAILURE_CUES:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return True
    return False
