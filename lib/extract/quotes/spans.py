"""Step 1 and 2 of finding quotes: the quoted spans of a text, and their grouping into quotes.

`quoted_spans` scans the text for quotation marks, paragraph by paragraph (curly, straight, single quotes told
apart from apostrophes; a quote left open at a paragraph end and reopened in the next continues). `group_spans`
joins consecutive spans into one quote: `“A,” he said, “B.”` and quotes carried over paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from lib.extract.quotes.cues import INTRODUCING_PUNCT, is_speech_verb

PARAGRAPH_SEPARATOR = "\n\n"

# Double quotation marks: opening mark -> the marks that may close it. Straight and curly marks are mixed in
# pasted copy, so either double closer closes either opener.
DOUBLE_CLOSERS = {"“": "”\"", "\"": "\"”", "«": "»", "„": "“”\""}
DOUBLE_MARKS = frozenset("“”\"«»„")
# Single marks open a quote only at a word start and close it only at a word end; an apostrophe inside a word
# ("won’t", "Pakistan’s") is neither.
# A backtick stands for a single mark in some newsrooms' copy (`more work to be done`, `Rwanda`s`).
SINGLE_OPENERS = frozenset("‘'`")
SINGLE_CLOSERS = frozenset("’'`")
# What may stand right before an opening single mark.
BEFORE_SINGLE_OPENER = frozenset(" \t\n([{—–-\"“:")
# Elisions written with a leading apostrophe ("’90s", "’tis"), never an opening mark.
LEADING_ELISION = re.compile(r"(\d0s|\d\d\b|tis\b|twas\b|em\b|n\b|cause\b)", re.I)

# Gap between the parts of a split quote (`“A,” he said, “B.”`): at most this many words, holding a speech cue.
MAX_SPLIT_GAP_WORDS = 8
# Characters that show the second part of `“A,” Asif said. “b...”` carries on the same sentence.
CONTINUATION_STARTS = ("…", "...", "—", "–", "-")


@dataclass
class QuotedSpan:
    """Text between one pair of quotation marks (offsets exclude the marks)."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: Optional[int]  # offset of the closing mark; None when the paragraph ended first
    paragraph: int


@dataclass
class QuoteGroup:
    """One quote in the making: one or more quoted spans (split or carried across paragraphs)."""

    parts: list[QuotedSpan] = field(default_factory=list)
    across_paragraphs: bool = False

    @property
    def first(self) -> QuotedSpan:
        return self.parts[0]

    @property
    def last(self) -> QuotedSpan:
        return self.parts[-1]


# ------------------------------------------------------------------------------------------------ step 1

def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, as `text.split("\\n\\n")` would cut it."""
    bounds, start = [], 0
    while True:
        cut = text.find(PARAGRAPH_SEPARATOR, start)
        if cut < 0:
            bounds.append((start, len(text)))
            return bounds
        bounds.append((start, cut))
        start = cut + len(PARAGRAPH_SEPARATOR)


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted span in `text`, in order. Single-quoted spans inside double quotes (nested quotes)
    are part of the outer quote; a double quote inside single quotes (British style) is part of the outer one."""
    spans: list[QuotedSpan] = []
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        doubles = _double_spans(text, p_start, p_end, index)
        singles = _single_spans(text, p_start, p_end, index)
        kept = [s for s in singles if not any(_overlaps(s, d) and not _contains(s, d) for d in doubles)]
        doubles = [d for d in doubles if not any(_contains(s, d) for s in kept)]
        spans.extend(sorted(doubles + kept, key=lambda s: s.open_at))
    return [s for s in spans if text[s.start:s.end].strip()]


def _overlaps(a: QuotedSpan, b: QuotedSpan) -> bool:
    return a.open_at < _close(b) and b.open_at < _close(a)


def _contains(outer: QuotedSpan, inner: QuotedSpan) -> bool:
    return outer.open_at < inner.open_at and _close(inner) <= _close(outer)


def _close(span: QuotedSpan) -> int:
    return span.close_at if span.close_at is not None else span.end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, p_start: int, p_end: int, paragraph: int) -> list[QuotedSpan]:
    spans = []
    open_at: Optional[int] = None
    for i in range(p_start, p_end):
        mark = text[i]
        if mark not in DOUBLE_MARKS:
            continue
        if open_at is None:
            if mark in DOUBLE_CLOSERS:
                open_at = i
            continue
        if mark in DOUBLE_CLOSERS[text[open_at]]:
            spans.append(QuotedSpan(*_trimmed(text, open_at + 1, i), open_at, i, paragraph))
            open_at = None
        elif mark in DOUBLE_CLOSERS and _at_word_end(text, i, p_end):
            # `“…,“ said X`: an opening mark set where the closing one belongs (right after the words, before a
            # space or the paragraph's end) closes the quote
            spans.append(QuotedSpan(*_trimmed(text, open_at + 1, i), open_at, i, paragraph))
            open_at = None
        elif mark in DOUBLE_CLOSERS:  # a new opener: the previous quote lost its closing mark
            spans.append(QuotedSpan(*_trimmed(text, open_at + 1, i), open_at, None, paragraph))
            open_at = i
    if open_at is not None:
        spans.append(QuotedSpan(*_trimmed(text, open_at + 1, p_end), open_at, None, paragraph))
    return spans


def _at_word_end(text: str, i: int, p_end: int) -> bool:
    """The mark at `i` follows a word or its punctuation and is followed by a space, punctuation or the end."""
    after = text[i + 1] if i + 1 < p_end else " "
    return i > 0 and not text[i - 1].isspace() and (after.isspace() or after in ",.;:!?)")


def _single_spans(text: str, p_start: int, p_end: int, paragraph: int) -> list[QuotedSpan]:
    spans = []
    i = p_start
    while i < p_end:
        if text[i] in SINGLE_OPENERS and _opens_single(text, i, p_start, p_end):
            close = _single_closer(text, i + 1, p_end)
            if close is not None:
                spans.append(QuotedSpan(*_trimmed(text, i + 1, close), i, close, paragraph))
                i = close + 1
                continue
        i += 1
    return spans


def _opens_single(text: str, i: int, p_start: int, p_end: int) -> bool:
    before_ok = i == p_start or text[i - 1] in BEFORE_SINGLE_OPENER
    after = text[i + 1] if i + 1 < p_end else " "
    return before_ok and (after.isalnum() or after in "…") and not LEADING_ELISION.match(text, i + 1)


def _single_closer(text: str, start: int, p_end: int) -> Optional[int]:
    """The closing single mark: at a word end, not inside a word. A mark after a plural "s" followed by a
    lower-case word ("the talks’ end") is most likely a possessive: used only when nothing better closes."""
    weak = None
    for j in range(start, p_end):
        if weak is not None and text[j] == "‘" and text[j - 1].isspace():
            return weak  # a new quote opens: the possessive-looking mark before it closed this one
        if text[j] not in SINGLE_CLOSERS or text[j - 1].isspace():
            continue
        after = text[j + 1] if j + 1 < p_end else " "
        if after.isalnum():
            continue  # an apostrophe inside a word
        possessive = text[j - 1] in "sS" and after == " " and j + 2 < p_end and text[j + 2].islower()
        if not possessive:
            return j
        if weak is None:
            weak = j
    return weak


# ------------------------------------------------------------------------------------------------ step 2

def group_spans(text: str, spans: list[QuotedSpan], doc: Doc, token_at,
                 opens_sentence: Callable[[int], bool]) -> list[QuoteGroup]:
    """Join a quote carried over paragraphs, and the two parts of a split quote, into one group each."""
    paragraphs = paragraph_bounds(text)
    groups: list[QuoteGroup] = []
    for span in spans:
        previous = groups[-1] if groups else None
        if previous is not None and _continues_from_paragraph(text, previous.last, span, paragraphs):
            previous.parts.append(span)
            previous.across_paragraphs = True
        elif previous is not None and _split_quote_gap(text, previous.last, span, doc, token_at) and \
                _stands_as_statement(text, previous.first, opens_sentence):
            previous.parts.append(span)
        else:
            groups.append(QuoteGroup([span]))
    return groups


def _continues_from_paragraph(text: str, before: QuotedSpan, span: QuotedSpan,
                              paragraphs: list[tuple[int, int]]) -> bool:
    """A quote left open at a paragraph's end continues when the next paragraph opens with a quotation mark."""
    if before.close_at is not None or span.paragraph != before.paragraph + 1:
        return False
    p_start = paragraphs[span.paragraph][0]
    return not text[p_start:span.open_at].strip()


def _split_quote_gap(text: str, before: QuotedSpan, span: QuotedSpan, doc: Doc, token_at) -> bool:
    """`“A,” he said, “B.”` (a short cue between two parts, the first ending on a comma) is one quote; so is
    `“A,” Asif said. “b…”` when the second part visibly goes on with the same sentence."""
    if before.close_at is None or before.paragraph != span.paragraph:
        return False
    gap = text[before.close_at + 1:span.open_at].strip()
    first_ends_open = text[before.start:before.end].rstrip().endswith(",") or gap.startswith(",")
    if not gap or not first_ends_open:
        return False
    words = [t for t in tokens_between(doc, token_at, before.close_at + 1, span.open_at) if t.is_alpha]
    if not words or len(words) > MAX_SPLIT_GAP_WORDS:
        return False
    if not any(is_speech_verb(t) for t in words):
        return False
    if gap.endswith((",", ":")):
        # `“A,” Rubio said. He added, “B.”`: a new sentence introduces a quote of its own.
        return not re.search(r"[.!?]\s+\S", gap)
    second = text[span.start:span.end]
    return gap.endswith(".") and (second[:1].islower() or second.startswith(CONTINUATION_STARTS))


def _stands_as_statement(text: str, span: QuotedSpan, opens_sentence: Callable[[int], bool]) -> bool:
    """A quote whose first part opens its sentence or follows a colon, comma or dash: the first half of a split
    quote. Words lifted into the writer's sentence (`took place in a “friendly atmosphere”, adding: “…”`) are
    not; the quote after them is a quote of its own."""
    return text[:span.open_at].rstrip().endswith(INTRODUCING_PUNCT) or opens_sentence(span.open_at)


def tokens_between(doc: Doc, token_at, start: int, end: int) -> list[Token]:
    if end <= start:
        return []
    first, last = token_at(start), token_at(max(start, end - 1))
    return [t for t in doc[first:last + 1] if start <= t.idx < end]
