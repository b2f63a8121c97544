"""The period a figure covers: a frequency ("daily", "a year") and a date expression ("since September 2023",
"in 2024-2025", "since the closure", "on Friday alone"), read after the number or, in its own clause, before it."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from lib.extract.figures.lexicon import _alt
from lib.extract.figures.scan import _MONTH, _Candidate
from lib.lexicons import figures as L

_NOT_FREQ_BEFORE = "".join(rf"(?<!\b{w}\s)" for w in ("within", "in", "for", "after", "than", "of", "over", "about",
                                                         "under", "last", "past", "next", "that", "this"))
_FREQ_AFTER = [(re.compile(rf"^\W*(?:[\w’'-]+\s+){{0,6}}?(?:{_NOT_FREQ_BEFORE}(?=an?\s)|(?!an?\s))(?:{pat})\b"
                           rf"(?!\s+(?:ago|after|before|earlier|later))", re.I), norm)
               for pat, norm in L.FREQUENCIES.items()]
_FREQ_BEFORE = [(re.compile(rf"\b(?:{pat})\s+(?:[\w’'-]+\s+){{0,2}}$", re.I), norm)
                for pat, norm in L.FREQUENCIES.items() if norm in ("daily", "weekly", "monthly", "annual")]

_DATE_EXPR = (
    rf"(?:(?:early|mid|late|end)[\s-]*)?(?:(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?:(?:{_MONTH})\.?\s+(?:\d{{1,2}},?\s+)?)?(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?"
    rf"|(?:early|mid|late)[\s-]+(?:{_MONTH})|(?:{_MONTH})\.?(?:\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)?"
    r"|(?:the\s+)?(?:first|second|third|fourth|final|last)\s+(?:quarter|half)"
    r"(?:\s+of\s+(?:the\s+|this\s+|last\s+)?(?:year|fiscal\s+year|(?:19|20)\d\d))?"
    r"|(?:the\s+)?(?:this|last|past|previous|current)\s+(?:\w+\s+)?(?:years?|months?|weeks?|decades?|fiscal\s+year)"
    r"|(?:FY|fiscal\s+year\s+|financial\s+year\s+)\s?(?:19|20)?\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?"
    r"|year-end|the\s+end\s+of\s+(?:the\s+|this\s+|last\s+)?(?:year|month)|the\s+(?:\w+\s+)?fiscal\s+year"
)
_PERIOD_RE = re.compile(
    rf"\b(?:(?i:between|from)\s+(?:{_DATE_EXPR})\s+(?:and|to|until)\s+(?:{_DATE_EXPR})"
    rf"|(?i:{_alt(p for p in L.PERIOD_PREPOSITIONS if p not in ('between', 'from'))})\s+(?:{_DATE_EXPR})"
    rf"|(?i:so\s+far\s+)?(?i:this|last)\s+(?:year|month|week))\b(?![-–/]?\d)"
)

# "since the ceasefire took effect on October 19" -> "since October 19": the event's own date is the period.
_SINCE_CLAUSE_RE = re.compile(
    rf"\b(?i:since)\s+(?:[\w’'-]+\s+){{1,5}}?(?i:on|in)\s+(?P<date>{_DATE_EXPR})\b(?![-–/]?\d)")
# "since the closure", "since the border clashes": an event named by its noun.
_SINCE_EVENT_RE = re.compile(
    rf"\b(?i:since)\s+(?i:the|this|last)\s+(?:[\w’'-]+\s+){{0,2}}?(?i:{_alt(L.EVENT_NOUNS)})\b(?!\s+of\b)")
# "on Friday alone": the count is that day's.
_WEEKDAY_ALONE_RE = re.compile(
    r"\b(?P<day>(?i:on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+alone\b")


def _first_period_after(text: str, start: int, end: int) -> Optional[str]:
    """The first period written between `start` and `end`: a dated clause after "since" reads as its date."""
    found: list[tuple[int, int, str]] = []
    m = _SINCE_CLAUSE_RE.search(text, start, end)
    if m and "," not in m.group():
        found.append((m.start(), 0, "since " + m.group("date")))
    m = _SINCE_EVENT_RE.search(text, start, end)
    if m:
        found.append((m.start(), 1, m.group()))
    m = _PERIOD_RE.search(text, start, end)
    if m:
        found.append((m.start(), 2, m.group()))
    m = _WEEKDAY_ALONE_RE.search(text, start, end)
    if m:
        found.append((m.start(), 3, m.group("day")))
    return min(found)[2] if found else None


def _period(c: _Candidate, text: str, sent: Span, window_end: int, window_start: int, doc: Doc,
            num: Optional[Token]) -> str:
    """"since September 2023", "by mid-2025", "in 2024-2025", "daily", "annual" (several joined by a space)."""
    found: list[str] = []
    after = text[c.end:min(window_end, c.end + 60)]
    before = text[max(window_start, c.start - 30):c.start]
    for rx, norm in _FREQ_AFTER:
        if rx.match(after):
            found.append(norm)
            break
    else:
        for rx, norm in _FREQ_BEFORE:
            if rx.search(before):
                found.append(norm)
                break
    date = _first_period_after(text, c.end, window_end)
    if date is None and num is not None:
        # A period before the number counts only in the number's own clause ("In 2024, 1,500 attacks ...").
        best = None
        for m in _PERIOD_RE.finditer(text, max(sent.start_char, window_start), c.start):
            head_span = doc.char_span(m.start(), m.start() + len(m.group().split()[0]), alignment_mode="expand")
            if head_span is None:
                continue
            attach = head_span[0].head
            ancestors = {t.i for t in num.ancestors}
            if attach.i in ancestors or attach.i == num.i:
                best = m.group()
        date = best
    if date:
        found.append(re.sub(r"\s+", " ", date))
    return " ".join(found)
