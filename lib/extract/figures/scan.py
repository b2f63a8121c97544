"""Finding numbers and what their surface says: one regular expression built from `lib.lexicons.figures` finds
qualifier, currency, digits or spelled-out words, scale, ranges, percentages, fractions and vague amounts; each match
becomes a `_Candidate` (value, currency, flags) not yet judged. Readings over time ("fell from 2.5 to 1.1") are
split in two."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from lib.extract.figures.lexicon import _alt, _lex
from lib.extract.text import MONTH_WORDS
from lib.lexicons import figures as L

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
_MONTH = _alt(MONTH_WORDS)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTH})\b")
_TIME_AFTER_RE = re.compile(r"^\s?(?::\d|[ap]\.?m\.?(?!\w)|hrs\b|GMT\b|PST\b|PKT\b|IST\b|UTC\b|o'clock)", re.I)
_AGE_BEFORE_RE = re.compile(L.AGE_CUES_BEFORE, re.I)
_LIST_AFTER_RE = re.compile(r"^[.)]\s")
_HYPHEN_COMPOUND_RE = re.compile(r"^-(?!plus\b|odd\b)[A-Za-z]")
_NEXT_WORD_RE = re.compile(r"^[\s-]*(?:of\s+)?([^\s,.;:()]+)")
_PHONE_RE = re.compile(r"(?<![\w,.])\+?\(?\d{2,5}\)?(?:[\s-]\d{2,8}){1,4}(?![\w,])")
_YEAR_RE = re.compile(r"^(?:1[89]|20|21)\d\d$")

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


def _read_range(m: re.Match, cand: _Candidate, qualifier: str) -> Optional[str]:
    """Two numbers: "1-2 million", "between 300 and 400", "Rs 300 to 400 million". None when either is no number."""
    first = m.group("a1") or m.group("r1")
    second = m.group("a2") or m.group("r2")
    v1, c1, s1, sh1 = parse_number(first)
    v2, c2, s2, sh2 = parse_number(second)
    if v1 is None or v2 is None:
        return None
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
    return qualifier


def _read_fraction(m: re.Match, cand: _Candidate, qualifier: str) -> Optional[str]:
    """A fraction in words: "a third", "two-thirds", "half"."""
    words = re.split(r"[\s-]+", m.group("frac").lower())
    numerator = 1.0 if words[0] in ("a", "half") else float(L.NUMBER_WORDS.get(words[0], 1))
    cand.value = round(numerator * L.FRACTION_WORDS[words[-1]], 3)
    cand.fraction = True
    return qualifier


def _read_vague(m: re.Match, cand: _Candidate, qualifier: str) -> Optional[str]:
    """A vague amount: "dozens", "thousands"."""
    cand.vague = True
    return qualifier


def _read_single(m: re.Match, cand: _Candidate, qualifier: str) -> Optional[str]:
    """One number, in digits or words, with its scale and currency. None when it is no number."""
    single = m.group("single")
    value, currency, spelled, short = parse_number(single)
    if value is None:
        return None
    cand.value, cand.spelled, cand.short_scale = value, spelled, short
    cand.currency = cand.currency or currency
    parts = _NUM_PARTS_RE.match(_CUR_PREFIX_RE.sub("", single.strip()))
    cand.plain_int = bool(parts and not currency and re.fullmatch(r"\d+", parts.group("digits"))
                          and not parts.group("scale"))
    return qualifier


# The forms a number-like stretch takes, tried in order: (name, whether the match is of that form, its reader).
# A reader fills in the candidate and returns its qualifier, or None when the stretch is no figure after all.
NUMBER_FORMS = (
    ("range", lambda m: m.group("a1") or m.group("r1"), _read_range),
    ("fraction", lambda m: m.group("frac"), _read_fraction),
    ("vague", lambda m: m.group("vague"), _read_vague),
    ("single", lambda m: True, _read_single),
)


_FOLLOWED_BY_OF = re.compile(r"\s+of\b")  # matched at a position: no copy of the text's rest per figure


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
        read = next(reader for _, is_form, reader in NUMBER_FORMS if is_form(m))
        qualifier = read(m, cand, qualifier)
        if qualifier is None:
            continue
        if cand.percent or cand.currency or m.group("qafter"):
            cand.plain_int = False
        cand.qualifier = qualifier
        cand.followed_by_of = bool(_FOLLOWED_BY_OF.match(text, m.end()))
        out.append(cand)
    return out


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
