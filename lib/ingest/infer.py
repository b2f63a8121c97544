"""What an article's text says about itself when nobody gave it: the author (a byline), the outlet (its address,
a "Follow X on", "published in", copyright or source line, a byline's outlet, a known outlet's name), the title
(the first line that reads as one), and an agency's credit at the end. Each a rule over plain paragraphs.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional
from urllib.parse import urlparse

from lib.ingest.decode import word_count
from lib.ingest.pubdate import AGENCY_DATELINE
from lib.lexicons.outlets import AGENCIES, DOMAIN_OUTLETS, OUTLET_ALIASES

def infer_author(paragraphs: list[str]) -> Optional[str]:
    """The author named by a byline line near the top ("By Sameer Malik and Nasir Wardak")."""
    for para in paragraphs[:4]:
        m = BYLINE_AUTHORS.match(para)
        if m:
            return m.group(1).strip()
    return None


# ---------------------------------------------------------------------------------------------- outlet, title

_FOLLOW = re.compile(r"\b[Ff]ollow\s+(?:us\s+|@)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+on\s+"
                     r"(?:X|Twitter|Facebook|Instagram|LinkedIn|YouTube|Threads)\b")
_PUBLISHED_IN = re.compile(r"\bpublished\s+(?:in|by)\s+(?:the\s+)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})", re.I)
_COPYRIGHT = re.compile(r"(?:©|copyright)\s*(?:\d{4}\s*)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})", re.I)
# "By Amina Khan | The Express Tribune"; after a comma only a known outlet counts ("By A, B" may be two authors)
BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*(?P<sep>[|,/–—-])\s*"
                    r"([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s*$")
def _domain_outlets() -> dict[str, str]:
    """Web domain -> outlet name: the international outlets and the topic's region's own (topics/*.toml)."""
    from lib.topic import active_topic

    return {**DOMAIN_OUTLETS, **active_topic().outlets}


def _known_outlets() -> set[str]:
    return {name.lower() for name in list(_domain_outlets().values()) + list(OUTLET_ALIASES.values())}
# "Source: Al Jazeera and news agencies" at the foot of an article
_SOURCE_FOOTER = re.compile(r"^source:\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})"
                            r"(?:\s+and\s+(?:news\s+)?agencies)?\.?$", re.I)
# "By Sameer Malik and Nasir Wardak", "By Hamza Rauf | Profit": a byline names the author (and maybe the outlet)
BYLINE_AUTHORS = re.compile(r"^[Bb]y\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]*"
                             r"(?:\s+[A-Z][\w.'-]*){0,3}){0,3})\s*(?:[|,/–—-]\s*[A-Z][\w&.' -]*)?$")
# An anonymous source speaking *to* the outlet names the outlet: "senior security sources told WE News".
_SOURCES_TOLD = re.compile(
    r"\b(?:sources?|officials?|insiders?|diplomats?|(?:an?|one)\s+(?:[\w-]+\s+){0,5}?(?:official|diplomat|source|insider|officer))"
    r"(?:\s+[\w,-]+){0,8}?\s+told\s+([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})"
)
_TRAILING_NON_NAME = {"on", "in", "that", "the", "and", "x", "for", "of", "a"}


def canonical_outlet(name: str) -> str:
    name = re.sub(r"\s+", " ", (name or "").strip(" .,:;|-–—"))
    return OUTLET_ALIASES.get(name.lower(), name)


# Host labels that say nothing of the outlet ("www.", "english.", "epaper.").
_HOST_PREFIXES = frozenset({"www", "m", "en", "english", "epaper", "amp", "mobile", "edition", "news"})
# A name as a site prints it: capitalised words, or one word in capitals or camel case ("The Kathmandu Post",
# "NewsBytes", "WION").
_PRINTED_NAME = re.compile(r"\b(?:The\s+)?(?:[A-Z][\w&'-]*(?:\s+(?:of|on|the|and|&)?\s*[A-Z0-9][\w&'-]*){0,5})")


def outlet_from_url(url: Optional[str], texts: Iterable[str] = ()) -> Optional[str]:
    """The outlet an address names: a known outlet of its domain, else the name the page itself prints that spells
    the domain ("kathmandupost.com" and "The Kathmandu Post"), else the registrable domain (`registrable_domain`:
    "feeds.example.co.uk" -> "example.co.uk")."""
    if not url:
        return None
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if not host or "." not in host:
        return None
    for domain, outlet in _domain_outlets().items():
        if host == domain or host.endswith("." + domain):
            return outlet
    labels = [label for label in host.split(".")[:-1] if label not in _HOST_PREFIXES and len(label) >= 3]
    if labels:
        return _printed_name(labels, texts) or registrable_domain(host)
    return registrable_domain(host)


def registrable_domain(host: str) -> str:
    """The part of a host name its owner registered, by the Public Suffix List that `tld` ships (no download):
    "news.example.vn" -> "example.vn", "english.example.org.eg" -> "example.org.eg"; the host itself when the
    list does not know its suffix (an intranet name)."""
    from tld import get_fld
    from tld.exceptions import TldBadUrl, TldDomainNotFound

    try:
        return get_fld(host, fix_protocol=True)
    except (TldBadUrl, TldDomainNotFound):
        return host


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.lower()))


def _printed_name(labels: list[str], texts: Iterable[str]) -> Optional[str]:
    """The first capitalised phrase of the texts whose letters are a host label's ("Naija On Point")."""
    wanted = {re.sub(r"[^a-z0-9]", "", label) for label in labels}
    for text in texts:
        for m in _PRINTED_NAME.finditer(text):
            words = m.group(0).split()
            for i in range(len(words)):  # the phrase may carry words before the name ("Read The Kathmandu Post")
                candidate = " ".join(words[i:])
                if _squash(candidate) in wanted:
                    return candidate
    return None


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower().strip(".,") in _TRAILING_NON_NAME:
        words.pop()
    return " ".join(words).strip(" .,;:")


def infer_outlet(paragraphs: list[str], stripped: list[str]) -> Optional[str]:
    """The outlet, from the text's own signals: a "Follow X on ..." line, a "Published in X" line, a copyright
    line, a byline with the outlet, an agency dateline, or sources speaking to the outlet ("sources told X")."""
    lines = stripped + paragraphs
    for pattern in (_FOLLOW, _PUBLISHED_IN):
        for line in lines:
            m = pattern.search(line)
            if m and _clean_name(m.group(1)):
                return canonical_outlet(_clean_name(m.group(1)))
    for line in stripped:
        m = _COPYRIGHT.search(line)
        if m and _clean_name(m.group(1)):
            return canonical_outlet(_clean_name(m.group(1)))
    for para in paragraphs[:4]:
        m = BYLINE.match(para)
        if m and (m.group("sep") != "," or canonical_outlet(m.group(2)).lower() in _known_outlets()):
            return canonical_outlet(m.group(2))
        m = AGENCY_DATELINE.match(para)
        if m:
            return canonical_outlet(m.group("agency"))
    for line in stripped + paragraphs[-3:]:
        m = _SOURCE_FOOTER.match(line)
        if m and _clean_name(m.group(1)):
            return canonical_outlet(_clean_name(m.group(1)))
    told = Counter(_clean_name(m.group(1)) for para in paragraphs for m in _SOURCES_TOLD.finditer(para))
    told.pop("", None)
    if told:
        return canonical_outlet(told.most_common(1)[0][0])
    return None


# An agency credit glued to the last sentence of a story: "…, the minister said.-AFP", "… on Friday. — Reuters".
_TRAILING_CREDIT = re.compile(r"(?<=[.!?”\"’'])\s*[-–—]+\s*\(?(?P<agency>" + "|".join(AGENCIES) + r")\)?\s*$")


def split_agency_credit(paragraph: str) -> tuple[Optional[str], str]:
    """(the agency credit, the paragraph without it) for a credit glued to a story's last sentence."""
    m = _TRAILING_CREDIT.search(paragraph)
    if not m:
        return None, paragraph
    return paragraph[m.start():].strip(), paragraph[:m.start()]


def infer_title(paragraphs: list[str]) -> Optional[str]:
    """The first paragraph when it reads as a headline: short, and not a sentence ending in a full stop."""
    if not paragraphs:
        return None
    first = paragraphs[0]
    if len(first) <= 160 and not re.search(r"[.!?]$", first) and word_count(first) >= 3 and not first.startswith("•"):
        return first
    return None
