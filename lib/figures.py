"""Figures in a parsed article: numbers an analyst would table, normalised, categorised and attributed.

How it works, in three passes over one already-parsed Doc (no second parse, no I/O):

1. **Scan** the text with one regular expression built from `lib.lexicons.figures`: qualifier ("over",
   "nearly"), currency ("PKR", "Rs.", "US$"), digits or spelled-out words, scale ("million", "bn", "lakh",
   "crore"), ranges ("20,000-25,000", "between 300 and 400"), percentages, fractions ("a third of") and vague
   amounts ("tens of thousands"). Surface forms are regular; spaCy's small model misses many of them (it tags
   "PKR 2.5 billion" as nothing at all), so the scan does not depend on NER.
2. **Reject** what is not an amount: years, dates (a month next to the number), times, ages, durations
   ("four days"), physical measures ("2,600 km"), identifiers ("Article 245"), phone numbers, list numbering,
   hyphenated compounds ("a 10-member delegation"), and small counts of narrative things ("two sides").
3. **Read the context** through the dependency parse: the noun the number modifies (or the noun after "of",
   or what a verb like "numbering" describes) gives `counted` and, with the governing verbs ("deported",
   "killed", "face repatriation"), the category; nearby text gives the period ("since September 2023",
   "daily") and the source ("according to UNHCR", "per Interior Ministry figures", "officials said", or the
   speaker of an enclosing quote).
   The counted phrase's head, not the word after the number, gives the unit ("3.5 lakh Proof of Registration
   (PoR) card holders" -> holders); a bare second reading under a verb of change shares its sibling's unit ("to
   1,200 containers ... from 4,800"); a source is read from the figure's own clause ("..., while the KP
   government puts its loss at Rs 3bn") and from bodies that record counts ("IOM recorded ...").
   A count its own clause leaves uncategorised reads its context: the verb past an aside ("2,100 families,
   comprising about 11,000 individuals, returned"), the head figure of an "including N" sub-count, and, for a
   generic noun ("5,900 people a day") or no noun ("Of these, some 4.6 lakh crossed"), the counted figure of the
   sentence before in the same paragraph. A share ("more than half of") is kept only of a category noun.
4. **Dedupe**: a figure in a headline-like line that the body states again is kept once, from the body; a count
   the body restates (same value, unit, category and counted noun) is kept once, the first, with a source.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text, span_text
from lib.lexicons import figures as L
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from lib.records import Figure, Quote
from lib.topic import active_topic

__all__ = ["extract_figures", "parse_number"]


# --- The scanner ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _CategoryLexicon:
    """The figure categories of the topic in force, in priority order, with the general and the topic's words."""

    order: tuple[str, ...]
    nouns: dict
    verbs: dict
    person_nouns: frozenset
    captives: str
    currencies: dict


@functools.lru_cache(maxsize=8)
def _lexicon_for(key: str) -> _CategoryLexicon:
    topic = active_topic()
    fig = topic.figures
    order = tuple(fig.categories)
    nouns = {c: frozenset(L.CATEGORY_NOUNS.get(c, ())) | {w.lower() for w in fig.nouns.get(c, ())} for c in order}
    verbs = {c: frozenset(L.CATEGORY_VERBS.get(c, ())) | {w.lower() for w in fig.verbs.get(c, ())} for c in order}
    return _CategoryLexicon(order, nouns, verbs, L.PERSON_NOUNS | topic.demonyms, fig.captives,
                            {k.lower(): v for k, v in fig.currencies.items()})


def _lex() -> _CategoryLexicon:
    return _lexicon_for(active_topic().key)


def _alt(words) -> str:
    """A regex alternation of literal words, longest first (so "more than" wins over "more")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{2,3})*,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?"  # 1,500 / 1,50,000 (lakh grouping) / 2.5
_WORD_SCALES = _alt(k for k in L.SCALE_WORDS if k.isalpha() and len(k) > 3)
_ABBR_SCALES = _alt(k for k in L.SCALE_WORDS if len(k) <= 3)
_SCALE = rf"(?:\s?(?:{_WORD_SCALES})|\s?(?:{_ABBR_SCALES})|(?:{_alt(L.SHORT_SCALES)}))(?![A-Za-z])"
_UNITS_TENS = _alt(L.NUMBER_WORDS)
_TENS = _alt(w for w, v in L.NUMBER_WORDS.items() if v >= 20)
_ONES = _alt(w for w, v in L.NUMBER_WORDS.items() if 0 < v < 10)
_WORD = rf"(?:(?:{_TENS})-(?:{_ONES})|{_UNITS_TENS})"
_WORDNUM = (
    rf"(?:half\s+an?\s+(?:{_WORD_SCALES}|dozen)"
    rf"|an?\s+(?:{_WORD_SCALES}|dozen)(?:\s+(?:{_WORD_SCALES}))?"
    rf"|(?:{_WORD})\b(?:[\s-]+(?:{_WORD}|{_WORD_SCALES}|dozen)\b|(?<=hundred)\s+and\s+(?:{_WORD})\b)*)"
)
_CUR_PREFIX = _alt(L.CURRENCY_PREFIXES)
_NUMX = rf"(?:(?:{_CUR_PREFIX})\s?)?(?:(?:{_DIGITS})(?:{_SCALE})?|{_WORDNUM})"
_FRACTION = (rf"(?:(?:a|one|two|three|four|nine)[\s-]+(?:{_alt(k for k in L.FRACTION_WORDS if k != 'half')})"
             rf"|half)(?=\s+of\b)")
_VAGUE = "|".join(L.VAGUE_AMOUNTS)
_QUAL = _alt(L.QUALIFIERS_BEFORE)
_QUAL_AFTER = _alt(L.QUALIFIERS_AFTER)
_CUR_SUFFIX = _alt(L.CURRENCY_SUFFIXES)

_FIGURE_RE = re.compile(
    rf"""(?<![\w.,:/$£€#-])
    (?:(?P<qual>{_QUAL})\s+)?
    (?P<core>
        (?P<between>between|from)\s+(?P<a1>{_NUMX})\s+(?:and|to|-|–|—)\s+(?P<a2>{_NUMX})
      | (?P<r1>{_NUMX})(?:\s*[–—]\s*|\s+to\s+|(?<=\d)-|\s+-\s+)(?P<r2>{_NUMX})
      | (?P<frac>{_FRACTION})
      | (?P<vague>{_VAGUE})
      | (?P<single>{_NUMX})
    )
    (?P<cursuf>\s+(?:{_CUR_SUFFIX}))?
    (?P<qafter>{_QUAL_AFTER})?
    (?P<pct>{L.PERCENT_SUFFIX})?
    (?![\w/])""",
    re.X | re.I,
)

_CUR_PREFIX_RE = re.compile(rf"^(?P<cur>{_CUR_PREFIX})\s?", re.I)
_NUM_PARTS_RE = re.compile(rf"^(?P<digits>{_DIGITS})(?P<scale>{_SCALE})?$", re.I)
_MONTH = _alt(L.MONTHS)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH})\b")
_TIME_AFTER_RE = re.compile(r"^\s?(?::\d|[ap]\.?m\.?(?!\w)|hrs\b|GMT\b|PST\b|PKT\b|IST\b|UTC\b|o'clock)", re.I)
_AGE_BEFORE_RE = re.compile(L.AGE_CUES_BEFORE, re.I)
_LIST_AFTER_RE = re.compile(r"^[.)]\s")
_HYPHEN_COMPOUND_RE = re.compile(r"^-(?!plus\b|odd\b)[A-Za-z]")
_NEXT_WORD_RE = re.compile(r"^[\s-]*(?:of\s+)?([^\s,.;:()]+)")
_PHONE_RE = re.compile(r"(?<![\w,.])\+?\(?\d{2,5}\)?(?:[\s-]\d{2,8}){1,4}(?![\w,])")
_YEAR_RE = re.compile(r"^(?:1[89]|20|21)\d\d$")

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


_TAIL_PUNCT = " \t\n,.;:"


@dataclass
class _Candidate:
    """One scanned number before it is judged: where it is and what its surface says."""

    start: int  # including the qualifier
    end: int
    core_start: int  # the number itself (currency, digits, scale)
    core_end: int
    value: Optional[float]
    parse_end: int = 0  # end of the stretch handed to the parser: the number with its percent or currency word
    high: Optional[float] = None
    currency: str = ""
    qualifier: str = "exact"
    spelled: bool = False
    vague: bool = False
    fraction: bool = False
    percent: bool = False
    short_scale: bool = False
    plain_int: bool = False  # digits only: no comma, decimal, scale, currency or percent
    followed_by_of: bool = False


def parse_number(text: str) -> tuple[Optional[float], str, bool, bool]:
    """("PKR 2.5 billion") -> (2.5e9, "PKR", spelled?, short scale used?); value None when unreadable."""
    text = text.strip()
    currency = ""
    m = _CUR_PREFIX_RE.match(text)
    if m:
        currency = _currency(m.group("cur"), L.CURRENCY_PREFIXES)
        text = text[m.end():].strip()
    m = _NUM_PARTS_RE.match(text)
    if m:
        value = float(m.group("digits").replace(",", ""))
        scale = (m.group("scale") or "").strip().lower()
        short = scale in L.SHORT_SCALES
        if scale:
            value *= L.SCALE_WORDS.get(scale) or L.SHORT_SCALES[scale]
        return value, currency, False, short
    return _parse_words(text), currency, True, False


def _parse_words(text: str) -> Optional[float]:
    """Spelled-out numbers: "two lakh" -> 200000, "five hundred and fifty" -> 550, "half a million" -> 5e5."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    factor = 1.0
    if words[0] == "half":
        factor, words = 0.5, words[1:]
    total, current = 0.0, 0.0
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1.0)
        elif w in L.NUMBER_WORDS:
            current += L.NUMBER_WORDS[w]
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in L.SCALE_WORDS:
            total += (current or 1.0) * L.SCALE_WORDS[w]
            current = 0.0
        else:
            return None
    return (total + current) * factor


def _currency(written: str, table: dict) -> str:
    """The unit of a currency as written: the topic's reading of a shared word ("Rs" is PKR in one topic), else
    the general table's."""
    wanted = written.strip().lower()
    topic_code = _lex().currencies.get(wanted)
    if topic_code:
        return topic_code
    for key, code in table.items():
        if key.lower() == wanted:
            return code
    return ""


def _scan(text: str) -> list[_Candidate]:
    """Every number-like stretch of `text`, read but not yet judged."""
    out: list[_Candidate] = []
    for m in _FIGURE_RE.finditer(text):
        qualifier = L.QUALIFIERS_BEFORE.get((m.group("qual") or "").lower(), "exact")
        core_start = m.start("core")
        core_end = m.end("core")
        cand = _Candidate(start=m.start(), end=m.end(), core_start=core_start, core_end=core_end, value=None)
        if m.group("qafter"):
            qualifier = L.QUALIFIERS_AFTER.get(m.group("qafter").lower(), qualifier)
        cand.parse_end = max(core_end, m.end("pct") if m.group("pct") else 0,
                             m.end("cursuf") if m.group("cursuf") else 0)
        cand.percent = bool(m.group("pct"))
        if m.group("cursuf"):
            cand.currency = _currency(m.group("cursuf"), L.CURRENCY_SUFFIXES)
        first = m.group("a1") or m.group("r1")
        if first:
            second = m.group("a2") or m.group("r2")
            v1, c1, s1, sh1 = parse_number(first)
            v2, c2, s2, sh2 = parse_number(second)
            if v1 is None or v2 is None:
                continue
            # "1-2 million", "Rs 300 to 400 million": the scale written once applies to both ends.
            p1, p2 = _NUM_PARTS_RE.match(_CUR_PREFIX_RE.sub("", first.strip())), \
                _NUM_PARTS_RE.match(_CUR_PREFIX_RE.sub("", second.strip()))
            if p1 and p2 and not p1.group("scale") and p2.group("scale"):
                v1 *= v2 / float(p2.group("digits").replace(",", ""))
            cand.value, cand.high = v1, v2
            cand.currency = cand.currency or c1 or c2
            cand.spelled, cand.short_scale = s1 and s2, sh1 or sh2
            if v2 > v1:
                qualifier = "range"
            elif v2 == v1 or not m.group("between"):
                cand.high = None  # "500-500", or a hyphen between a larger and a smaller number: no range
            cand.plain_int = bool(p1 and p2 and "," not in first and "." not in first and not c1 and not c2
                                  and not p1.group("scale") and not p2.group("scale"))
        elif m.group("frac"):
            words = re.split(r"[\s-]+", m.group("frac").lower())
            numerator = 1.0 if words[0] in ("a", "half") else float(L.NUMBER_WORDS.get(words[0], 1))
            cand.value = round(numerator * L.FRACTION_WORDS[words[-1]], 3)
            cand.fraction = True
        elif m.group("vague"):
            cand.vague = True
        else:
            single = m.group("single")
            value, currency, spelled, short = parse_number(single)
            if value is None:
                continue
            cand.value, cand.spelled, cand.short_scale = value, spelled, short
            cand.currency = cand.currency or currency
            parts = _NUM_PARTS_RE.match(_CUR_PREFIX_RE.sub("", single.strip()))
            cand.plain_int = bool(parts and not currency and re.fullmatch(r"\d+", parts.group("digits"))
                                  and not parts.group("scale"))
        if cand.percent or cand.currency or m.group("qafter"):
            cand.plain_int = False
        cand.qualifier = qualifier
        cand.followed_by_of = bool(re.match(r"\s+of\b", text[m.end():]))
        out.append(cand)
    return out


# --- Rejection: numbers that are not amounts -------------------------------------------------------------------

def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Digit groups that read as a telephone number: a leading + or 0, or three groups or more, 7+ digits."""
    spans = []
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        groups = len(re.findall(r"\d+", m.group()))
        if len(digits) >= 7 and (m.group().startswith(("+", "0", "(")) or groups >= 3):
            spans.append((m.start(), m.end()))
    return spans


def _rejected(c: _Candidate, text: str, doc: Doc, phones, date_ents) -> Optional[str]:
    """Why this candidate is not a figure (None when it is one)."""
    before = text[max(0, c.core_start - 40):c.core_start]
    if c.start < c.core_start:  # a qualifier stands before: look before it for labels and line starts
        before_all = text[max(0, c.start - 40):c.start]
    else:
        before_all = before
    after = text[c.end:c.end + 40]
    core_after = text[c.core_end:c.core_end + 40]
    if any(s < c.core_end and c.core_start < e for s, e in phones):
        return "phone"
    if _TIME_AFTER_RE.match(core_after):
        return "time"
    if _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after.lstrip()):
        return "date"
    if c.plain_int:
        core = text[c.core_start:c.core_end]
        numbers = re.findall(r"\d+", core)
        if numbers and _YEAR_RE.match(numbers[0]) and (len(numbers) == 1 or len(numbers[1]) in (2, 4)):
            if not _counts_people_next(after):
                return "year"
        if len(numbers) == 1 and len(numbers[0]) >= 7:
            return "identifier"
    line_start = before_all[before_all.rfind("\n") + 1:] if "\n" in before_all else (
        before_all if c.start <= 40 else None)
    if line_start is not None and not line_start.strip() and _LIST_AFTER_RE.match(text[c.end:c.end + 2]):
        return "list number"
    prev_word = re.search(r"([^\s]+)\s*$", before_all)
    if prev_word and prev_word.group(1).lower().strip("(:") in L.ID_LABELS:
        return "identifier"
    if _AGE_BEFORE_RE.search(before_all):
        return "age"
    if _HYPHEN_COMPOUND_RE.match(core_after) and not c.percent:
        return "compound"
    if not c.currency and not c.percent:
        nxt = _NEXT_WORD_RE.match(core_after if not c.vague else after)
        word = nxt.group(1).lower() if nxt else ""
        if word in L.TIME_UNITS:
            return "duration"
        if word in L.MEASURE_UNITS or (c.short_scale and not c.currency):
            return "measure"
    if c.short_scale and not c.currency:
        return "measure"
    if _apposed_age(c, text, doc):
        return "age"
    if c.plain_int and c.qualifier == "exact":
        for s, e in date_ents:
            if s <= c.core_start and c.core_end <= e:
                return "date entity"
    return None


def _counts_people_next(after: str) -> bool:
    """"2000 refugees" is a count even though 2000 looks like a year."""
    m = re.match(r"\s+(?:[A-Za-z-]+\s+){0,2}?([A-Za-z]+)", after)
    if not m:
        return False
    word = m.group(1).lower()
    lex = _lex()
    return word in lex.person_nouns or any(word in nouns for nouns in lex.nouns.values())


def _apposed_age(c: _Candidate, text: str, doc: Doc) -> bool:
    """"Ahmad Khan, 25, said" — a small number between commas right after a person's name."""
    if c.value is None or c.value >= 120 or c.currency or c.percent or c.spelled:
        return False
    if not (re.search(r",\s*$", text[max(0, c.start - 3):c.start]) and re.match(r"\s*,", text[c.end:c.end + 3])):
        return False
    comma = text.rfind(",", 0, c.start)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.end_char <= comma and comma - ent.end_char <= 1:
            return True
    return False


# --- Context through the parse ---------------------------------------------------------------------------------

def _number_token(doc: Doc, c: _Candidate) -> Optional[Token]:
    span = doc.char_span(c.core_start, c.core_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _counted_noun(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """The noun the number counts: "1,500 [terrorist incidents]", "hundreds of [lives]", "numbering 500,000"
    -> what the verb describes, "PKR 500 million in [annual costs]"."""
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod") \
            and head.i not in span_tokens and head.pos_ in ("NOUN", "PROPN") and head.i > num.i:
        return head
    if num.dep_ in ("nummod", "quantmod") and head.pos_ == "ADJ" and head.dep_ == "amod" and head.i > num.i \
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        # "Two dozen cross-border ceasefire violations": the parser hangs the count on the adjective
        noun = head.head
        while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
            noun = noun.head
        return noun
    for child in num.children:  # "hundreds of lives", "80 per cent of exports", "a third of refugees"
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [t for t in child.children if t.dep_ == "pobj"]
            if objs:
                return objs[0]
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(num.doc):
        for t in num.doc[nxt.i + 1: nxt.i + 6]:
            if t.pos_ in ("NOUN", "PROPN"):
                if t.i + 1 < len(num.doc) and num.doc[t.i + 1].pos_ in ("NOUN", "PROPN"):
                    continue
                return t
            if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP"):
                break
    # Through a restating verb: "Deportations of undocumented Afghans, numbering over 500,000".
    # "numbering over 500,000" / "rose to 45": the number hangs off a preposition under the verb.
    anchor = head if head.pos_ == "ADP" else num
    verb = anchor.head if anchor is not num or num.dep_ in ("pobj", "dobj", "attr", "npadvmod") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in L.NUMBERING_VERBS:
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
    if num.dep_ in ("nsubj", "nsubjpass") and num.head.lemma_ == "be":  # "500,000 were PoR card holders"
        attrs = [t for t in num.head.children if t.dep_ == "attr" and t.pos_ in ("NOUN", "PROPN")]
        if attrs:
            return attrs[0]
    holders = [num] + ([num.head] if num.dep_ == "dobj" else [])
    for child in (c for h in holders for c in h.children if c.i > num.i):
        # money: "PKR 500 million in annual costs", "costing PKR 2.5 billion daily in lost revenue"
        if child.dep_ == "prep" and child.lower_ == "in":
            objs = [t for t in child.children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
            if objs:
                return objs[0]
    return None


def _np_head(noun: Token) -> Token:
    """The head of the counted phrase when the parse stops at a name inside it: in "3.5 lakh Proof of
    Registration (PoR) card holders" the number hangs on "Proof", but the phrase counts "holders". A capitalised
    name with "of" whose object is a common noun with its own modifiers (and no article) is a modifier of that
    noun."""
    if not (noun.pos_ == "PROPN" or noun.text[:1].isupper()):
        return noun
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in (t for t in prep.children if t.dep_ == "pobj"):
            lefts = list(obj.lefts)
            if obj.pos_ == "NOUN" and obj.text.islower() and obj.i > noun.i \
                    and not any(t.dep_ in ("det", "poss") for t in lefts) \
                    and any(t.dep_ in ("compound", "nmod") for t in lefts):
                return obj
    return noun


def _counted_act(num: Token, category: str) -> str:
    """With no noun, the act is what is counted: "deported 1.7 million", "including 350,000 deported"."""
    verbs = _lex().verbs.get(category, frozenset())
    for t in num.children:
        if t.dep_ in ("acl", "amod", "relcl") and t.lemma_.lower() in verbs:
            return t.text
    if num.head.pos_ == "VERB" and num.head.lemma_.lower() in verbs:
        return num.head.text
    return ""


def _phrase(noun: Token, span_tokens: set[int], head: Optional[Token] = None) -> str:
    """The counted noun with its left modifiers ("registered Afghan refugees", "PoR card holders"), without the
    number, its qualifier or an article; through `head` when the phrase's true head lies further right."""
    subtree = {t.i for t in noun.subtree}
    start = noun.i
    while start - 1 >= 0:
        t = noun.doc[start - 1]
        if t.i in span_tokens or t.i not in subtree or t.pos_ in ("NUM", "DET", "ADP", "PRON") or (
                t.is_punct and t.text not in ("-", "–")):
            break
        start -= 1
    end = head.i if head is not None and head.i > noun.i else noun.i
    text = "".join(t.text_with_ws for t in noun.doc[start:end + 1]).strip()
    return text


def _words_of(noun: Optional[Token]) -> list[str]:
    """The counted noun and its modifiers, lower-case forms and lemmas."""
    if noun is None:
        return []
    tokens = [noun] + [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")
                       and t.lemma_.lower() not in L.HEAD_ONLY_CATEGORY_WORDS]
    tokens += [t for x in tokens[1:] for t in x.lefts if t.dep_ == "compound"]
    if noun.lower_ in L.HOLDER_NOUNS or noun.lemma_.lower() in L.HOLDER_NOUNS:
        # "holders of Proof of Registration (PoR) cards": what they hold says who they are
        tokens += [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree]
    return [w for t in tokens for w in (t.lower_, t.lemma_.lower())]


def _category_of_words(words) -> Optional[str]:
    lex = _lex()
    for cat in lex.order:
        if any(w in lex.nouns[cat] for w in words):
            return cat
    return None


def _category_of_verbs(lemmas) -> Optional[str]:
    lex = _lex()
    for cat in lex.order:
        if any(v in lex.verbs[cat] for v in lemmas):
            return cat
    return None


def _governing_cues(num: Token, noun: Optional[Token]) -> tuple[list[str], list[str]]:
    """(verb lemmas, object nouns) around the number: its governing verbs up to the clause, verbs that
    describe the counted noun ("soldiers killed", "Afghans living in"), and their objects ("face
    repatriation")."""
    verbs: list[Token] = []
    nouns: list[str] = []
    hosting: list[str] = []
    start = noun if noun is not None else num
    tok, steps = start, 0
    came_from = start
    while tok.head is not tok and steps < 6:
        if came_from.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and came_from.pos_ in ("VERB", "AUX"):
            break  # a sibling clause's verb says nothing of this count ("killing 1,200 and capturing 250 hostages")
        tok = tok.head
        steps += 1
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("amod", "acomp")) or (
                tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and came_from.dep_ == "dobj"):
            # (a root "noun" with a direct object is a verb the tagger missed: "Pakistan hosts 3 million")
            verbs.append(tok)
            if len([v for v in verbs if v.pos_ == "VERB"]) >= 2 or tok.dep_ in ("ROOT", "ccomp", "advcl"):
                break
        elif tok.pos_ in ("NOUN", "PROPN") and came_from.dep_ == "prep" and came_from.lower_ == "to" \
                and tok.lemma_.lower() in L.HOSTING_NOUNS:
            hosting.append("host")  # "is home to 3 million Afghans"
        elif tok.pos_ in ("NOUN", "PROPN") and came_from.dep_ == "prep" and came_from.pos_ == "ADP":
            # Only through "of"-like links ("deportations of 500,000 Afghans"), not through lists ("trucks
            # and half a million Afghans").
            nouns += [tok.lower_, tok.lemma_.lower()]
        came_from = tok
    if noun is not None:
        verbs += [t for t in noun.children if t.dep_ in ("acl", "relcl") and t.pos_ in ("VERB", "ADJ")]
        verbs += [t for t in noun.rights if t.dep_ == "amod" and t.pos_ in ("VERB", "ADJ")]
    # "were forced to leave", "began to return": the complement verb says what happened.
    verbs += [x for v in list(verbs) for x in v.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
    # "were shot dead", "were found dead", "left injured": the predicate adjective says what happened.
    verbs += [x for v in list(verbs) for x in v.children if x.dep_ in ("acomp", "oprd", "xcomp") and x.pos_ == "ADJ"]
    # Objects of a verb tell what happens to its subject ("600,000 Afghans face repatriation"): read them only
    # when the counted thing is that subject, or the verb describes it ("Afghans facing deportation").
    subjects_of = {start.head.i} if start.dep_ in ("nsubj", "nsubjpass") else set()
    subjects_of |= {x.i for x in start.head.children if x.dep_ == "xcomp"} if subjects_of else set()
    describing = {t.i for t in verbs if t.head.i == start.i}
    for v in list(verbs):
        if v.i not in subjects_of and v.i not in describing:
            continue
        for child in v.children:
            if child.dep_ in ("dobj", "attr", "oprd") and child.i != num.i and (noun is None or child.i != noun.i):
                nouns += [w for t in child.subtree if t.i >= child.left_edge.i and t.pos_ in ("NOUN", "PROPN")
                          and not (t.dep_ == "compound" and t.lemma_.lower() in L.HEAD_ONLY_CATEGORY_WORDS)
                          for w in (t.lower_, t.lemma_.lower())][:12]
            elif child.dep_ == "prep":
                nouns += [t.lemma_.lower() for t in child.children if t.dep_ == "pobj"]
    lemmas = [v.lemma_.lower() for v in verbs] + [v.lower_ for v in verbs] + hosting
    return lemmas, nouns


def _categorise(c: _Candidate, num: Optional[Token], noun: Optional[Token]) -> str:
    """What the figure counts, by the head noun first and the governing verbs second."""
    if c.currency:
        return "economy"
    noun_cat = _category_of_words(_words_of(noun))
    verb_cat = None
    chain_cat = None
    if num is not None:
        lemmas, objects = _governing_cues(num, noun)
        verb_cat = _category_of_verbs(lemmas)
        chain_cat = _category_of_words(objects)
    if verb_cat == "refugees" and noun is not None and not _people_noun(noun):
        verb_cat = None  # "the expo hosts 300 companies": hosting makes refugees only of people
    if verb_cat == "economy" and noun is not None and _people_noun(noun):
        # "they lost nine fighters" counts the dead; "exported 40 workers" is no economic figure
        verb_cat = "casualties" if "lose" in lemmas else None
    if noun_cat is None and chain_cat is None and verb_cat is None and noun is not None and \
            noun.lower_ in L.GENERIC_COUNTED_NOUNS and noun.dep_ in ("dobj", "attr"):
        # "Returns from Pakistan averaged about 4,500 people per day": the verb's subject says what is counted
        subjects = [t for t in noun.head.children if t.dep_ in ("nsubj", "nsubjpass")]
        subject_cat = _category_of_words(_words_of(subjects[0])) if subjects else None
        if subject_cat in L.PEOPLE_CATEGORIES:
            return subject_cat
    state_cat = _caused_state(noun)
    if state_cat is not None:
        return state_cat
    if _counts_captives(num, noun) and "casualties" not in (noun_cat, chain_cat):
        return _lex().captives  # (dead hostages and bodies of hostages stay casualties)
    if noun is not None and _is_migrant(noun) and num is not None and \
            any(v in L.DETENTION_VERBS for v in lemmas):
        return "deportations"  # "4,000 Afghans were detained": migrants held to be sent back
    if noun is not None and noun.lemma_.lower() == "time" and verb_cat == "incidents":
        return "incidents"  # "violated the truce 17 times": each time is an incident
    # A people noun says nothing by itself; "refugees deported" / "refugees killed" counts the action.
    if noun_cat in (None, "refugees") and (verb_cat in ("casualties", "deportations")
                                          or chain_cat in ("casualties", "deportations")):
        if chain_cat == "casualties":
            return chain_cat  # "returned the bodies of four hostages": bodies, whatever the verb does with them
        return verb_cat if verb_cat in ("casualties", "deportations") else chain_cat
    return noun_cat or chain_cat or verb_cat or "other"


def _counts_captives(num: Optional[Token], noun: Optional[Token]) -> bool:
    """Hostages, prisoners, detainees: "250 hostages", "18 soldiers currently held", "251 taken hostage"."""
    if noun is not None:
        if noun.lower_ in L.CAPTIVE_NOUNS or noun.lemma_.lower() in L.CAPTIVE_NOUNS:
            return True
        if _people_noun(noun) and not _is_migrant(noun) and any(
                c.dep_ in ("amod", "acl") and (c.lower_ in L.CAPTIVE_STATES or c.lemma_.lower() in L.CAPTIVE_STATES)
                for c in noun.children):
            return True
    if num is not None:  # "… and 251 taken hostage": read the words after the count, whatever the parse made of them
        after = [t.lower_ for t in num.doc[num.i + 1: num.i + 4]]
        if any(w in ("taken", "held") and i + 1 < len(after) and after[i + 1] in L.CAPTIVE_NOUNS
               for i, w in enumerate(after)):
            return True
    holder = noun if noun is not None else num
    if holder is None:
        return False
    # "taken hostage", "held captive": a predicate noun under a verb that describes the count
    return any(g.lower_ in L.CAPTIVE_NOUNS for v in holder.children if v.dep_ in ("acl", "relcl")
               for g in v.children if g.dep_ in ("oprd", "dobj", "attr", "npadvmod", "advmod"))


def _is_migrant(noun: Token) -> bool:
    return noun.lower_ in L.MIGRANT_NOUNS or noun.lemma_.lower() in L.MIGRANT_NOUNS or noun.ent_type_ == "NORP" \
        or _category_of_words(_words_of(noun)) == "refugees"


def _caused_state(noun: Optional[Token]) -> Optional[str]:
    """"left 1.2 million people displaced": the object of a causative verb, with the state it is left in."""
    if noun is None or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in L.CAUSATIVE_VERBS:
        return None
    states = [t.lemma_.lower() for t in noun.children if t.dep_ in ("acl", "amod", "oprd") and t.i > noun.i]
    states += [t.lemma_.lower() for t in noun.head.children if t.dep_ in ("oprd", "xcomp", "acomp")]
    return _category_of_verbs(states) or _category_of_words(states)


def _people_noun(noun: Token) -> bool:
    people = _lex().person_nouns
    return noun.lower_ in people or noun.lemma_.lower() in people or noun.ent_type_ == "NORP" \
        or _category_of_words(_words_of(noun)) == "refugees"


def _unit(c: _Candidate, category: str, noun: Optional[Token]) -> str:
    if c.currency:
        return c.currency
    if c.percent:
        return "percent"
    if c.fraction:
        return "fraction"
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in ("family", "household"):
        return {"family": "families", "household": "households"}[lemma]
    if category in ("refugees", "deportations", "casualties"):
        return "people"
    if category == "incidents":
        return "incidents"
    if noun is not None and (lemma in _lex().person_nouns or noun.lower_ in _lex().person_nouns):
        return "people"
    return noun.lower_ if noun is not None else ""


# --- Period ---------------------------------------------------------------------------------------------------

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


# --- Attribution ----------------------------------------------------------------------------------------------

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "which",
                       "who"})
_ATTRIB_RE = re.compile(rf"\b(?:{_alt(ATTRIBUTION_PHRASES)})\s+", re.I)


_SOURCE_ADJECTIVES = frozenset({"latest", "new", "provisional", "released", "recent", "preliminary"})


def _clean_source(tokens: list[Token]) -> str:
    """Trim a source phrase: no article, no possessive tail ("the World Bank's latest report" -> "World
    Bank"), no trailing document noun ("Interior Ministry figures" -> "Interior Ministry")."""
    out = list(tokens)
    for k, t in enumerate(tokens):
        if t.text in ("'s", "’s", "'", "’"):
            tail = tokens[k + 1:]
            # "the World Bank's latest report" -> the owner; "Afghanistan's Taliban government" stays whole.
            if all(x.lower_ in L.SOURCE_DOCUMENT_NOUNS or x.pos_ in ("ADJ", "DET") for x in tail):
                out = tokens[:k]
            break
    while out and (out[0].pos_ in ("DET", "PUNCT") or out[0].lower_ in _SOURCE_ADJECTIVES):
        out = out[1:]
    while out and (out[-1].lower_ in L.SOURCE_DOCUMENT_NOUNS or out[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET")
                   or out[-1].lower_ in _SOURCE_ADJECTIVES):
        out = out[:-1]
    if not out and tokens:
        return ""
    text = "".join(t.text_with_ws for t in out).strip()
    return re.sub(r"\s+([-–])\s+", r"\1", text).replace(" - ", "-").strip()


def _attribution(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token], quotes: Sequence[Quote]) -> str:
    for q in quotes:
        spans = q.spans or ((q.start_char, q.end_char),)
        if q.speaker and any(s <= c.start and c.end <= e for s, e in spans):
            return q.speaker
    # "according to UNHCR", "per Inter-Services Public Relations data": the nearest such phrase in the sentence.
    best, best_dist = "", None
    text = doc_text(doc)
    for m in _ATTRIB_RE.finditer(text, sent.start_char, sent.end_char):
        if c.start <= m.start() < c.end:
            continue
        phrase = m.group().strip().lower()
        rest = doc.char_span(m.end(), sent.end_char, alignment_mode="expand")
        if rest is None or not len(rest):
            continue
        if phrase == "per" and (rest[0].lower_ in L.PER_NOT_SOURCE or rest[0].like_num):
            continue
        if phrase == "per" and m.start() > 0 and text[m.start() - 1:m.start()].isdigit():
            continue
        tokens = []
        for t in rest:
            if t.is_punct and t.text not in ("-", "–", "’s", "'s") or t.pos_ in ("VERB", "AUX") \
                    or t.lower_ in ("who", "which", "that", "as", "when", "while", "since", "by", "in", "on"):
                break
            if c.core_start <= t.idx < c.end:
                break
            tokens.append(t)
            if len(tokens) >= 8:
                break
        source = _clean_source(tokens)
        if not source:
            continue
        dist = abs(m.start() - c.start)
        if best_dist is None or dist < best_dist:
            best, best_dist = source, dist
    if best:
        return best
    # "The World Bank estimates ...", "..., officials said", "... were reported by ISPR".
    if num is not None:
        below = num
        for anc in num.ancestors:
            via, below = below, anc
            if via is not num and via.pos_ in ("VERB", "AUX") and via.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in _CONTRAST_MARKS for m in via.children) and any(
                    x.dep_ in ("nsubj", "nsubjpass") and num.i not in {y.i for y in x.subtree} for x in via.children):
                break  # "X estimates ..., while the KP government puts its loss at Rs 3bn": the figure's own clause
            lemma = anc.lemma_.lower()
            if anc.pos_ in ("VERB", "AUX") and lemma in L.RECORDING_VERBS and via.dep_ in _OBJECT_DEPS:
                # "IOM recorded nearly 80,000 deportations", "the government puts its loss at Rs 3bn"
                subjects = [x for x in anc.children if x.dep_ == "nsubj" and num.i not in {y.i for y in x.subtree}]
                if subjects and _is_source_body(subjects[0]):
                    source = _subject_source(subjects[0], doc, sent)
                    if source:
                        return source
            if anc.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS:
                if lemma in L.AMBIGUOUS_SPEECH_VERBS and via.dep_ not in (
                        "ccomp", "parataxis", "advcl", "xcomp"):
                    continue
                for child in anc.children:
                    if child.dep_ in ("nsubj", "csubj") and num.i not in {t.i for t in child.subtree}:
                        source = _subject_source(child, doc, sent)
                        if source:
                            return source
                    if child.dep_ == "agent":
                        objs = [t for t in child.children if t.dep_ == "pobj"]
                        if objs:
                            source = _clean_source([t for t in objs[0].subtree if t.i <= objs[0].i])
                            if source:
                                return source
        # "At least 23 soldiers were martyred ..., the military's media wing said": the parse often hangs the
        # speech verb off the main clause instead of above it.
        for t in sent:
            lemma = t.lemma_.lower()
            if t.i <= num.i or t.pos_ != "VERB" or lemma not in REPORTING_VERBS or lemma in L.AMBIGUOUS_SPEECH_VERBS:
                continue
            subjects = [x for x in t.lefts if x.dep_ == "nsubj" and x.pos_ != "PRON" and num.i not in
                        {y.i for y in x.subtree}]
            if subjects and text[sent.start_char:subjects[-1].left_edge.idx].rstrip().endswith((",", "—", "–")):
                source = _subject_source(subjects[-1], doc, sent)
                if source:
                    return source
            if not any(x.dep_ in ("nsubj", "nsubjpass") for x in t.children):
                # ", the Inter-Services Public Relations (ISPR) said": the name hung elsewhere by the parse
                source = _comma_phrase_before(t)
                if source:
                    return source
    return ""


_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though", "but"})
_OBJECT_DEPS = frozenset({"dobj", "prep", "attr", "oprd", "dative", "npadvmod"})
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
_NAME_LINKS = frozenset({"of", "for", "in", "on", "and", "&"})


def _is_source_body(subject: Token) -> bool:
    """A subject that can be a source of a recorded count: a name, an organisation or a body of people."""
    if subject.pos_ == "PRON":
        return subject.lower_ in _PERSONAL_PRONOUNS
    return subject.pos_ == "PROPN" or bool(subject.ent_type_) or subject.lemma_.lower() in L.SOURCE_BODY_NOUNS \
        or any(t.pos_ == "PROPN" for t in subject.lefts)


def _subject_source(child: Token, doc: Doc, sent: Span) -> str:
    """The source named by a subject: its head with left modifiers, a name's right-hand part ("United Nations
    Assistance Mission in Afghanistan"), never its bracketed acronym; "she"/"he" as the last named person before
    the sentence; a parse that took "Aid" for a verb ("Aid workers ... said") read as the noun phrase it is."""
    if child.pos_ == "PRON" or child.lower_ in _PRONOUNS:
        if child.lower_ in _PERSONAL_PRONOUNS:
            return _previous_person(doc, sent)
        return ""
    if child.dep_ == "csubj" or child.pos_ == "VERB":
        objs = [t for t in child.children if t.dep_ == "dobj" and t.i == child.i + 1 and t.pos_ == "NOUN"]
        if not objs:
            return ""
        return _clean_source([child, objs[0]])
    tokens = [t for t in child.subtree if t.i <= child.i]
    if child.pos_ == "PROPN":
        subtree = {t.i for t in child.subtree}
        k = child.i + 1
        while k < len(doc) and k in subtree:
            t = doc[k]
            if t.pos_ == "PROPN" or (t.lower_ in _NAME_LINKS and k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN"):
                tokens.append(t)
                k += 1
                continue
            break
    return _clean_source(tokens)


def _previous_person(doc: Doc, sent: Span) -> str:
    """The last named person before `sent` (within a few sentences): who "she" or "he" most likely is."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= sent.start_char
              and sent.start_char - e.end_char < 700]
    return people[-1].text.strip() if people else ""


def _comma_phrase_before(verb: Token) -> str:
    """", the Inter-Services Public Relations (ISPR) said": the noun phrase between a comma and the verb."""
    tokens: list[Token] = []
    k = verb.i - 1
    while k >= verb.sent.start:
        t = verb.doc[k]
        if t.text in (",", "—", "–"):
            break
        if not (t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PART", "CCONJ") or t.text in ("(", ")", "-")
                or t.lower_ in _NAME_LINKS):
            return ""
        tokens.insert(0, t)
        k -= 1
    if k < verb.sent.start or not any(t.pos_ in ("PROPN", "NOUN") for t in tokens):
        return ""
    cut = next((n for n, t in enumerate(tokens) if t.text == "("), len(tokens))
    return _clean_source(tokens[:cut])


# --- Putting it together ----------------------------------------------------------------------------------------

def _keep(c: _Candidate, category: str, noun: Optional[Token], num: Optional[Token]) -> bool:
    """Whether an analyst would table it: main categories always; "other" only for sizeable, named counts."""
    if c.vague:
        if category == "other":
            return False
        core = doc_text(num.doc)[c.core_start:c.core_end].strip().lower() if num is not None else ""
        if " " not in core:
            # "Dozens of soldiers were killed", "hundreds of families expelled": a lone plural is an estimate
            # only of an event's victims or of the events; "thousands of trucks", "millions of people who live
            # along the frontier" are description.
            return category in ("casualties", "deportations", "incidents") and not (
                category != "casualties" and noun is not None and _category_of_words(_words_of(noun)) is None
                and not _people_noun(noun))
        return True
    if c.fraction and noun is not None and (noun.lemma_.lower() in L.TIME_FRACTION_NOUNS
                                            or noun.lower_ in L.TIME_FRACTION_NOUNS):
        return False  # "the first half of the year"
    if c.fraction and not c.percent and _category_of_words(_words_of(noun)) is None:
        # A share is tabled only of a category's own people or things ("more than half of the returnees"),
        # not of any group ("more than half of the new arrivals", "half of them").
        return False
    if noun is not None and not (c.currency or c.percent or c.fraction) and category != "casualties" \
            and (c.value or 0) < L.NARRATIVE_KIN_MAX and (
            noun.lemma_.lower() in L.KIN_NOUNS or noun.lower_ in L.KIN_NOUNS or (
            noun.lemma_.lower() == "member" and any(t.lower_ in ("family", "household") for t in noun.lefts))):
        return False  # "with 14 other relatives", "three family members": a human story, not data
    if c.spelled and c.followed_by_of and c.value == 1:
        return False  # "one of the soldiers" (but "nine of its soldiers were killed" is a count)
    if noun is not None and not (c.currency or c.percent or c.fraction) and (
            noun.lower_ in L.DISCOURSE_NOUNS or noun.lemma_.lower() in L.DISCOURSE_NOUNS) and not (
            noun.lemma_.lower() == "time" and category == "incidents"):
        return False  # "the two countries", "one diplomat", "three rounds": narrative, whatever the sentence
    captives = _counts_captives(num, noun) and not (c.spelled and c.value == 1)  # "one freed prisoner": a story
    if category != "other" or c.currency or c.percent or captives:
        if c.spelled and (c.value or 0) < 100 and not c.currency and not c.percent:
            # A small spelled-out count is a figure only when it directly counts something ("two soldiers"),
            # not when it stands for people named before ("the three signed a declaration").
            return noun is not None or (num is not None and num.dep_ in ("dobj", "nsubj", "nsubjpass")
                                        and not any(t.dep_ == "det" for t in num.children))
        return True
    if c.fraction:
        return noun is not None
    if c.spelled and (c.value or 0) < 100:
        return False
    if c.value is None or c.value < L.OTHER_MIN_VALUE:
        return False
    if noun is None:
        return False
    if noun.lower_ in L.DISCOURSE_NOUNS or noun.lemma_.lower() in L.DISCOURSE_NOUNS:
        return False
    return True


def _split_changes(cands: list[_Candidate], text: str, doc: Doc) -> list[_Candidate]:
    """"fell from $2.5 billion to $1.1 billion" is two readings over time, not a range: keep both ends as exact
    figures. Without a verb of change, "from 300 to 400" stays a range."""
    out = []
    for c in cands:
        inner = text[c.core_start:c.core_end]
        m = re.match(r"from\s+", inner, re.I)
        parts = re.split(r"\s+to\s+", inner[m.end():], maxsplit=1) if m else []
        if m and len(parts) == 2 and c.high is not None and _after_change_verb(doc, c.core_start):
            first_start = c.core_start + m.end()
            second_start = c.core_start + inner.rfind(parts[1])
            out.append(_Candidate(first_start, first_start + len(parts[0]), first_start,
                                  first_start + len(parts[0]), c.value, currency=c.currency))
            out.append(_Candidate(second_start, c.end, second_start, c.core_end, c.high, currency=c.currency,
                                  percent=c.percent, parse_end=c.parse_end))
            continue
        if c.high is not None and c.value is not None and c.high < c.value:
            c.value, c.high, c.qualifier = c.high, c.value, "range"  # "from 400 down to 300"
        out.append(c)
    return out


def _after_change_verb(doc: Doc, char: int) -> bool:
    span = doc.char_span(char, char + 4, alignment_mode="expand")
    if span is None:
        return False
    return any(t.lemma_.lower() in L.CHANGE_VERBS for t in doc[max(0, span.start - 3):span.start])


def _shared_unit_donor(num: Token, others: list[tuple[Token, Optional[Token]]]) -> Optional[Token]:
    """"dropped to 1,200 containers in October from 4,800 in September": a bare number under a verb of change
    ("from", "to", "by") counts what its sibling number under the same verb counts. Returns that noun."""
    def anchor(tok: Token) -> Optional[Token]:
        """The verb of change a number hangs on through "from"/"to"/"by" (directly or through its noun)."""
        for t in (tok, tok.head):
            if t.dep_ == "pobj" and t.head.lower_ in ("from", "to", "by") and t.head.head.pos_ in ("VERB", "AUX") \
                    and t.head.head.lemma_.lower() in (L.CHANGE_VERBS | L.NUMBERING_VERBS):
                return t.head.head
        return None
    if num.dep_ in ("quantmod", "compound", "nmod") and num.head.like_num:
        # "climbed from 40 to 65 incidents": the parse hangs the first reading on the second
        for other, noun in others:
            if other.i == num.head.i and noun is not None:
                return noun
    verb = anchor(num)
    if verb is None:
        return None
    for other, noun in others:
        other_verb = anchor(other)
        if other.i != num.i and noun is not None and other_verb is not None and other_verb.i == verb.i:
            return noun
    return None


def _headline_paragraphs(text: str) -> set[int]:
    """Paragraphs that read as a headline: the first, when it has no final full stop or is short, and any other
    one-line paragraph without a final full stop (a cross-head)."""
    out = set()
    for k, para in enumerate(re.split(r"\n\s*\n", text)):
        para = para.strip()
        if not para:
            continue
        no_stop = not para.rstrip("\"'”’)").endswith((".", "!", "?"))
        if (k == 0 and (no_stop or len(para.split()) <= 12)) or (no_stop and "\n" not in para and len(para.split()) <= 20):
            out.add(k)
    return out


def _dedupe_headlines(figures: list[Figure], text: str) -> list[Figure]:
    """A figure in a headline-like line that the body states again (same value, unit and category; same period,
    or none in the headline) is dropped: the body occurrence, with its sentence and source, stays."""
    heads = _headline_paragraphs(text)
    if not heads:
        return figures
    drop = set()
    for k, f in enumerate(figures):
        if f.paragraph not in heads or f.value is None:
            continue
        for g in figures:
            if g is not f and g.paragraph not in heads and g.value == f.value and g.unit == f.unit \
                    and g.category == f.category and (f.period in ("", g.period)):
                drop.add(k)
                break
    return [f for k, f in enumerate(figures) if k not in drop]


def _dedupe_repeats(figures: list[Figure]) -> list[Figure]:
    """A count the article states twice ("23 militants" in the lead and again in the ISPR paragraph) is one row:
    same value, unit and category, the same counted head noun (or none) and a compatible period. The first stays,
    with the other's source when it has none. Shares and vague amounts are left alone."""
    kept: list[Figure] = []
    for f in figures:
        twin = None
        if f.value is not None and f.unit not in ("percent", "fraction"):
            head = f.counted.split()[-1].lower() if f.counted else ""
            for k, g in enumerate(kept):
                g_head = g.counted.split()[-1].lower() if g.counted else ""
                if g.value == f.value and g.unit == f.unit and g.category == f.category and \
                        (not head or not g_head or head == g_head) and (not f.period or not g.period or
                                                                        f.period == g.period):
                    twin = k
                    break
        if twin is None:
            kept.append(f)
        elif not kept[twin].attributed_to and f.attributed_to:
            kept[twin] = replace(kept[twin], attributed_to=f.attributed_to)
    return kept


def _category_from_context(num: Token, noun: Optional[Token], sent: Span, figures: list[Figure],
                           figure_sents: list[int], text: str) -> tuple[str, Optional[Figure]]:
    """The category of a count its own clause leaves open, read from around it, and the figure it was taken from
    when the count has no noun of its own:
    - an aside between the counted people and their verb ("2,100 families, comprising about 11,000 individuals,
      returned from Pakistan": both returned);
    - a sub-count ("..., including 98 security personnel") inherits the head figure of its sentence;
    - a generic count of people ("an average of 5,900 people a day") or a count with no noun under an event verb
      ("Of these, some 4.6 lakh crossed") takes the category of the counted figure in the sentence before, in the
      same paragraph."""
    if noun is not None and _people_noun(noun):
        category = _aside_verb_category(noun)
        if category:
            return category, None
    holder = noun if noun is not None else num
    if holder.dep_ == "pobj" and holder.head.lower_ in L.SUBCOUNT_HEADS:
        same = [f for f, s in zip(figures, figure_sents) if s == sent.start and f.category != "other"]
        if same:
            return same[-1].category, None
    if sent.start == 0:
        return "other", None
    before = num.doc[sent.start - 1].sent
    if re.search(r"\n\s*\n", text[before.start_char:sent.start_char]):
        return "other", None
    previous = [f for f, s in zip(figures, figure_sents) if s == before.start and f.category in L.PEOPLE_CATEGORIES]
    if not previous:
        # "... since Pakistan stepped up deportations. Nearly 6,000 people crossed at Torkham": people moving,
        # counted right after a sentence about deportations (or refugees), are those people.
        if noun is not None and noun.lower_ in L.GENERIC_COUNTED_NOUNS and noun.dep_ == "nsubj" and \
                noun.head.lemma_.lower() in L.ANTECEDENT_EVENT_VERBS:
            topic = _category_of_words([t.lemma_.lower() for t in before if t.pos_ == "NOUN"])
            if topic in L.MOVING_PEOPLE_CATEGORIES:
                return topic, None
        return "other", None
    if noun is not None and (noun.lower_ in L.GENERIC_COUNTED_NOUNS or noun.lemma_.lower() in L.GENERIC_COUNTED_NOUNS):
        return previous[-1].category, None
    if noun is None:
        # the count is the verb's subject ("some 4.6 lakh crossed"), or the parse hangs the verb on it ("around
        # 6 lakh left in 2025" as a reduced clause)
        verbs = [num.head] if num.dep_ in ("nsubj", "nsubjpass") else []
        verbs += [t for t in num.children if t.dep_ in ("acl", "relcl") and t.i > num.i]
        if any(v.pos_ == "VERB" and (v.lemma_.lower() in L.ANTECEDENT_EVENT_VERBS or any(
                v.lemma_.lower() in words for words in _lex().verbs.values())) for v in verbs):
            return previous[-1].category, previous[-1]
    return "other", None


def _aside_verb_category(noun: Token) -> Optional[str]:
    """The category of the verb that follows the counted people across a comma-delimited aside: the count closes
    the aside ("comprising about 11,000 individuals, returned") or an aside follows it ("2,100 families,
    comprising ..., returned")."""
    doc, end = noun.doc, noun.sent.end
    k = noun.i + 1
    while k < end and k - noun.i <= 6 and doc[k].text != "," and noun in doc[k].ancestors:
        k += 1  # the noun's own right-hand phrase ("families from Kunar")
    if k >= end or doc[k].text != ",":
        return None
    starts = [k + 1]
    for m in range(k + 1, min(end, k + 1 + L.MAX_ASIDE_TOKENS)):
        if doc[m].text == ",":
            starts.append(m + 1)
            break
        if doc[m].text in (".", ";", ":", "—", "–"):
            break
    for j in starts:
        while j < end and doc[j].pos_ in ("AUX", "PART"):
            j += 1  # "were deported", "have been sent back"
        if j < end and doc[j].pos_ == "VERB" and doc[j].tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            category = _category_of_verbs([doc[j].lemma_.lower()])
            if category:
                return category
    return None


def _clean_value(value: Optional[float]) -> Optional[float]:
    """1.1 lakh is 110000, not 110000.00000000001; integral values come back as int."""
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def extract_figures(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Figure]:
    """Every tabled figure in `doc`; `quotes` lets a figure inside a quote be attributed to its speaker."""
    text = doc_text(doc)
    phones = _phone_spans(text)
    date_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    cands = _split_changes(_scan(text), text, doc)
    kept = [c for c in cands if _rejected(c, text, doc, phones, date_ents) is None]
    starts = [c.start for c in kept]
    read: list[tuple[int, _Candidate, Token, set[int], Optional[Token]]] = []
    for i, c in enumerate(kept):
        span = doc.char_span(c.core_start, max(c.core_end, c.parse_end), alignment_mode="expand")
        if span is None or not len(span):
            continue
        num = span.root
        noun = _counted_noun(num, {t.i for t in span})
        if noun is not None and noun.pos_ == "PRON":
            noun = None  # "of whom 1.5 million": the pronoun names nothing
        read.append((i, c, num, {t.i for t in span}, noun))
    # (number, counted noun) pairs by sentence (the first token's index): each figure looks at its own sentence's
    # pairs only, so an article of thousands of figures is not read once per figure.
    pairs_by_sentence: dict[int, list[tuple[Token, Optional[Token]]]] = {}
    for _, _, num, _, noun in read:
        pairs_by_sentence.setdefault(num.sent.start, []).append((num, noun))
    figures: list[Figure] = []
    figure_sents: list[int] = []  # per figure: its sentence's first token
    for i, c, num, span_tokens, noun in read:
        sent = num.sent
        if not (c.currency or c.percent or c.fraction or c.vague) and (noun is None or noun.i != num.head.i):
            # A bare number beside a sibling that names its unit ("to 1,200 containers ... from 4,800") counts
            # what the sibling counts, before whatever the verb's subject is.
            noun = _shared_unit_donor(num, [(n, x) for n, x in pairs_by_sentence[sent.start] if x is not None
                                            and x.i == n.head.i]) or noun
        phrase_start = noun
        if noun is not None:
            noun = _np_head(noun)
        category = _categorise(c, num, noun)
        antecedent = None
        if category == "other" and not (c.currency or c.percent or c.fraction or c.vague):
            category, antecedent = _category_from_context(num, noun, sent, figures, figure_sents, text)
        if not _keep(c, category, noun, num):
            continue
        next_start = starts[i + 1] if i + 1 < len(starts) else len(text)
        prev_end = kept[i - 1].end if i > 0 else 0
        window_end = min(sent.end_char, next_start)
        window_start = max(sent.start_char, prev_end)
        counted = _phrase(phrase_start, span_tokens, noun) if noun is not None else ""
        if not counted and category in ("deportations", "casualties", "refugees"):
            counted = _counted_act(num, category) or (antecedent.counted if antecedent is not None else "")
        figure_sents.append(sent.start)
        figures.append(Figure(
            text=text[c.start:c.end].strip(_TAIL_PUNCT),
            start_char=c.start,
            end_char=c.start + len(text[c.start:c.end].rstrip(_TAIL_PUNCT)),
            sentence=span_text(sent).strip(),
            category=category,
            value=None if c.vague else _clean_value(c.value),
            unit=_unit(c, category, noun),
            qualifier=c.qualifier,
            value_high=_clean_value(c.high),
            period=_period(c, text, sent, window_end, window_start, doc, num),
            attributed_to=_attribution(c, doc, sent, num, quotes),
            counted=counted,
            paragraph=len(re.findall(r"\n\s*\n", text[:c.start])),
        ))
    return _dedupe_repeats(_dedupe_headlines(figures, text))
