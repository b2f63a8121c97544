"""Publication dates: the date a page gives for itself, from its address, a timestamp near the top, a "Published"
line or a dateline, each finder a named rule tried in order. Dates of events in the body are never publication
dates. No NLP; htmldate reads dates in addresses and dateparser reads the formats sites print.

`published_date(paragraphs, stripped, url)` gives (ISO date, rule name) or (None, ""); `split_timestamp` takes a
leading timestamp (" date 2025-10-13 By …", "2025-10-13 14:02 | …") off an article's first paragraph.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Callable, Optional
from urllib.parse import unquote, urlparse

from lib.extract.text import MONTH_NUMBERS
from lib.lexicons.outlets import AGENCIES

MONTHS = MONTH_NUMBERS  # "november", "nov", "sept" -> 11, 11, 9
MONTH_PATTERN = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                 r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
# Full dates written in prose or on a dateline: day, month and year.
DATE_PATTERNS = (
    re.compile(rf"\b{MONTH_PATTERN}\s+{_DAY},?\s+(\d{{4}})\b", re.I),  # November 2nd, 2025
    re.compile(rf"\b{_DAY}\s+{MONTH_PATTERN},?\s+(\d{{4}})\b", re.I),  # 2 November 2025
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2025-11-02
)
EARLIEST_YEAR = 1995  # no news page the dashboard reads is older; an older "date" in an address is an id

# "Published 12 May 2025", "Updated: …", "Posted on …", "First published …"
PUBLISHED_LINE = re.compile(r"^(?:published|posted|updated|last updated|first published)\b.{0,80}$", re.I)
# "Islamabad, November 8, 2025 –", "Abu Dhabi, UAE – November 25, 2025 –"
DATELINE = re.compile(rf"^[A-Z][A-Za-z .'-]{{1,30}}(?:,\s*[A-Z][A-Za-z .'-]{{1,30}}\s*[–—-])?,?\s*"
                      rf"(?:{MONTH_PATTERN}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{MONTH_PATTERN},?\s+\d{{4}})\s*[-–—:|]", re.I)
# "BANGKOK, Dec 27 —": a place in capitals and a day, no agency (the year as for a wire dateline)
PLACE_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'/-]{{2,40}},\s*(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\s*[-–—]")
# "ISLAMABAD (Reuters) -", "ISLAMABAD/KABUL, Nov 8 (Reuters) -", "KABUL, November 8, 2025 (AFP) –"
AGENCY_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'/-]{{2,40}}(?:,\s*(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?\s*"
    r"\((?P<agency>" + "|".join(AGENCIES) + r")\)\s*[-–—:]", re.I)
# A timestamp a page prints before its text, glued to the first paragraph: " date 2025-10-13 By …",
# "Published 2025-10-13 14:02 – …".
LEADING_TIMESTAMP = re.compile(
    r"^(?:(?:date|published|posted|updated)\s*:?\s*)?(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?"
    r"\s*[|–—-]?\s+(?=\S)", re.I)

# A timestamp line near the top: short, and once its date is taken out, at most a few words are left
# ("Posted on May 10, 2025 by admin", "Sat, 28-Jun-2025", "13 May 2025 | 11:40 AM PKT").
TIMESTAMP_LINES = 6  # how many of the first paragraphs may hold the page's timestamp
MAX_TIMESTAMP_LINE = 100
MAX_WORDS_BESIDE_TIMESTAMP = 4
_HAS_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_LINE_PARTS = re.compile(r"\s+[|/•·–—-]\s+")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                        "PARSERS": ["custom-formats", "absolute-time"], "RETURN_AS_TIMEZONE_AWARE": False}

# Dates in an address that htmldate's numeric year-month-day reading does not cover.
_URL_DATE_SHAPES = (
    # /2025/Apr/12/, /2025-apr-12-…: a month name between year and day
    re.compile(rf"(?<![\d])(?P<year>(?:19|20)\d\d)[/_-](?P<month>{MONTH_PATTERN})[/_-](?P<day>\d{{1,2}})(?!\d)", re.I),
    # /12-april-2025-…, /12/Apr/2025/
    re.compile(rf"(?<![\d])(?P<day>\d{{1,2}})[/_-](?P<month>{MONTH_PATTERN})[/_-](?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    # 202509040001.html, 20250904-…: a compact year-month-day opening a numeric id
    re.compile(r"(?:^|[/=_-])(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])\d{0,6}"
               r"(?:[./_-]|$)"),
    # 28_06_2025, 18-07-2025: day first (the order used where the year comes last in an address)
    re.compile(r"(?<![\d])(?P<day>0?[1-9]|[12]\d|3[01])[_-](?P<month>0?[1-9]|1[0-2])[_-](?P<year>(?:19|20)\d\d)(?!\d)"),
)


def _month(word: str) -> int:
    key = word.lower().rstrip(".")
    return int(key) if key.isdigit() else MONTHS.get(key) or MONTHS[key[:3]]


def _iso(year, month, day) -> Optional[str]:
    try:
        found = date(int(year), _month(str(month)), int(day))
    except (ValueError, KeyError):
        return None
    return found.isoformat() if EARLIEST_YEAR <= found.year <= date.today().year + 1 else None


def parse_date(text: str) -> Optional[str]:
    """The first full date (day, month and year) written in `text`, as ISO; None when there is none."""
    found = []
    for n, pattern in enumerate(DATE_PATTERNS):
        for m in pattern.finditer(text or ""):
            value = (_iso(m.group(3), m.group(1), m.group(2)) if n == 0 else
                     _iso(m.group(3), m.group(2), m.group(1)) if n == 1 else _iso(*m.groups()))
            if value:
                found.append((m.start(), value))
    return min(found)[1] if found else None


def normalise_given_date(value: str) -> Optional[str]:
    """A date given by a manifest, header or page, as ISO; None when it is not a readable date."""
    value = (value or "").strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return _iso(*m.groups())
    return parse_date(value) or _timestamp(value)


# ------------------------------------------------------------------------------------------------ finders

def date_in_url(url: Optional[str]) -> Optional[str]:
    """The date an address holds: year/month/day in its path (htmldate), a month name, or a compact id."""
    if not url:
        return None
    parsed = urlparse(url if "//" in url else "//" + url)
    where = unquote(parsed.path + (f"?{parsed.query}" if parsed.query else ""))  # an id may end the path
    from htmldate.extractors import extract_url_date  # imported late: only articles with an address need it
    from htmldate.utils import Extractor

    found = extract_url_date(where, Extractor(False, datetime(date.today().year + 1, 12, 31),
                                              datetime(EARLIEST_YEAR, 1, 1), True, "%Y-%m-%d"))
    if found:
        return found
    for shape in _URL_DATE_SHAPES:
        for m in shape.finditer(where):
            value = _iso(m.group("year"), m.group("month"), m.group("day"))
            if value:
                return value
    return None


@lru_cache(maxsize=4096)
def _timestamp(line: str) -> Optional[str]:
    """The date of a line that is a timestamp (a date with at most a few words beside it), else None."""
    # A sentence ends with a full stop; a timestamp does not ("Joint Declaration of April 23, 2025." is prose).
    if len(line) > MAX_TIMESTAMP_LINE or not _HAS_YEAR.search(line) or line.rstrip().endswith("."):
        return None
    import dateparser.search  # imported late: it costs a third of a second, and most lines have no year

    # A page's date line often carries a clock or a label beside the date ("Sunday, 20 April, 2025 / Today,
    # 10:27"); the date is searched in the whole line, then in each part between separators.
    for part in [line, *_LINE_PARTS.split(line)]:
        if not _HAS_YEAR.search(part):
            continue
        for words, when in dateparser.search.search_dates(part, languages=["en"], settings=_DATEPARSER_SETTINGS) or []:
            rest = line.replace(words, " ")
            if len(re.findall(r"[^\W\d_]{2,}", rest)) <= MAX_WORDS_BESIDE_TIMESTAMP:
                return _iso(when.year, when.month, when.day)
    return None


def _published_line(paragraphs: list[str], stripped: list[str], url) -> Optional[str]:
    for line in stripped + paragraphs:
        if PUBLISHED_LINE.match(line):
            found = parse_date(line) or _timestamp(line)
            if found:
                return found
    return None


def _timestamp_near_top(paragraphs: list[str], stripped: list[str], url) -> Optional[str]:
    for line in stripped[:TIMESTAMP_LINES] + paragraphs[:TIMESTAMP_LINES]:
        found = _timestamp(line)
        if found:
            return found
    return None


def _dateline(paragraphs: list[str], stripped: list[str], url) -> Optional[str]:
    for para in paragraphs[:4]:
        if DATELINE.match(para):
            return parse_date(para[:80])
        wire = AGENCY_DATELINE.match(para)
        if wire and wire.group("month"):
            return _wire_date(wire, paragraphs, url)
        place = PLACE_DATELINE.match(para)
        if place:
            return _wire_date(place, paragraphs, url)
    return None


def _wire_date(match: re.Match, paragraphs: list[str], url: Optional[str] = None) -> Optional[str]:
    """A wire dateline's date ("Nov 8"). Wires leave the year out; it is taken as the latest year the article
    itself writes, else the year of the address when the address is dated in that month ("/2025/12/" for
    "Dec 27"); the date stays unknown otherwise."""
    year = match.group("year")
    if not year:
        years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", "\n".join(paragraphs))]
        year = max(years) if years else _year_of_address_month(url, _month(match.group("month")))
        if not year:
            return None
    return _iso(year, match.group("month"), match.group("day"))


_ADDRESS_YEAR_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/")


def _year_of_address_month(url: Optional[str], month: int) -> Optional[int]:
    """The year of an address dated by year and month ("/2025/12/336878"), when that month is `month`."""
    m = _ADDRESS_YEAR_MONTH.search(urlparse(url).path if url and "//" in url else url or "")
    return int(m.group(1)) if m and int(m.group(2)) == month else None


# Tried in order; the first that finds a date gives it (and its name says how it was found).
PUBLISHED_RULES: tuple[tuple[str, Callable[[list[str], list[str], Optional[str]], Optional[str]]], ...] = (
    ("date in the address", lambda paragraphs, stripped, url: date_in_url(url)),
    ("published line", _published_line),
    ("dateline", _dateline),
    ("timestamp near the top", _timestamp_near_top),
)


def published_date(paragraphs: list[str], stripped: list[str], url: Optional[str] = None) -> tuple[Optional[str], str]:
    """(ISO date, the rule that found it) for the date a page gives for itself, or (None, "")."""
    for name, finder in PUBLISHED_RULES:
        found = finder(paragraphs, stripped, url)
        if found:
            return found, name
    return None, ""


def split_timestamp(paragraph: str) -> tuple[Optional[str], str]:
    """(the leading timestamp, the paragraph without it): " date 2025-10-13 By …" -> ("date 2025-10-13", "By …")."""
    m = LEADING_TIMESTAMP.match(paragraph)
    if not m or not _iso(*m.group(1).split("-")):
        return None, paragraph
    return paragraph[:m.end()].strip(), paragraph[m.end():]
