"""Bytes to Article: decoding, HTML to text, boilerplate removal, header blocks, manifests, and the inference of
title, outlet and date, each value with its origin. No NLP happens here.

A file that cannot become an article raises `SkipFile` with a reason a person can read; `load_folder` collects
those reasons instead of stopping, with those of the folder's entries that are not read (lib/ingest/corpus.py: links
out of the folder, pipes, devices) and of manifest rows that cannot be read (by line). C0 control characters
never get into an article's text or metadata, and a metadata value that cannot be one is dropped with a warning
(`Article.warnings`).
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import urlparse, urlsplit

from lib.ingest.corpus import Unreadable, corpus_entries, entry_refusal, printable_name, read_regular_file, too_large
from lib.lexicons.boilerplate import LINE_PATTERNS, TAIL_MARKERS
from lib.lexicons.outlets import AGENCIES, DOMAIN_OUTLETS, OUTLET_ALIASES
from lib.ingest.pubdate import AGENCY_DATELINE, normalise_given_date, published_date, split_timestamp
from lib.records import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_FILE_BYTES = 10 * 1024 * 1024  # larger files are skipped: no single news article is this big
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length; longer texts are skipped, not truncated
MIN_WORDS = 20  # fewer words than this is not an article (a caption, a stub, an error page)
MIN_WORDS_BEFORE_TAIL = 40  # a tail marker ("Related Posts") ends the story only after this much of it
MAX_UPLOAD_FILES = 500  # files read per dashboard upload (about 2 minutes of analysis); the CLI has no limit
MIN_ENGLISH_RATIO = 0.12  # share of words that are common English function words (English prose: 0.3-0.5)
MAX_META_CHARS = 1_000  # a longer title, outlet, date, URL or author is not one: dropped with a warning
MANIFEST_NAME = "manifest.csv"
DEFAULT_TOPIC_SLUG = "pakistan-afghanistan"  # topics/pakistan-afghanistan.toml: articles keep their text's id

# C0 control characters but tab, newline and carriage return: no text needs them, PostgreSQL refuses NUL, and a
# terminal obeys the rest. Removed from article text and metadata (a carriage return becomes a newline first).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

HEADER_KEYS = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url", "source url": "url",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "date": "published", "published": "published", "published on": "published", "publication date": "published",
    "author": "author", "byline": "author", "by": "author",
}

_TAIL_RE = [re.compile(rf"^\W*{p}\W*$", re.I) for p in TAIL_MARKERS]
_LINE_RE = [re.compile(rf"^\W*{p}\W*$", re.I) for p in LINE_PATTERNS]

# Common English function words: the language check counts how much of a text they make up.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it are be has have had this an not but or which "
    "its their they he she his her we our will would said were been also after who about more than over into "
    "between both all any can could should must may no only other such there these those when where while".split()
)


class SkipFile(Exception):
    """A file that cannot be stored as an article; `reason` says why, for stderr, skipped.csv and the UI."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Skipped:
    """What could not become an article (a file, a URL, a manifest row) and why."""

    file: str
    reason: str


# ---------------------------------------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """Text from bytes: BOMs first, then strict UTF-8, then detection (cp1252, latin-1 and others)."""
    if not data.strip():
        raise SkipFile("empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise SkipFile(f"undecodable text ({codec} byte-order mark, then invalid bytes)") from exc
    if b"\x00" in data[:4096]:
        raise SkipFile("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 files need it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SkipFile("undecodable text (no encoding fits)")
    # English text that is not UTF-8 is almost always cp1252/latin-1, but the detector may rank a Baltic or DOS
    # code page first when both read as well ("café" → "cafķ"): prefer a match that cp1252 decodes identically.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.02:
            best = match
            break
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise SkipFile("binary file (mostly control characters)")
    return text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(text)


# ---------------------------------------------------------------------------------------------- text shape

_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]$")


def normalise_text(text: str) -> str:
    """One canonical form of an article's text: NFC, plain spaces, trimmed lines, paragraphs separated by a
    blank line, hard-wrapped lines joined. The article id is the SHA-256 of this form."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    text = _SURROGATES.sub("\ufffd", text)  # a lone surrogate cannot be hashed, stored or parsed
    text = _CONTROLS.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        # A line that continues a sentence (no closing punctuation before, lower-case start) is a hard wrap.
        if paragraphs and not previous_blank and not _ENDS_SENTENCE.search(paragraphs[-1]) and line[0].islower():
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        previous_blank = False
    return "\n\n".join(paragraphs)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def topic_article_id(text_id: str) -> str:
    """The id the article is stored under in the topic in force: the text's id under the default profile (so
    stores made before topics existed stay valid), else a hash of it and the topic (lib/topic.py)."""
    chosen = os.environ.get("DASHBOARD_TOPIC", "").strip()
    if not chosen or Path(chosen).stem == DEFAULT_TOPIC_SLUG:
        return text_id  # no profile to read: the no-op run of the CLI stays light
    from lib.topic import active_topic
    from lib.topic import topic_article_id as keyed

    return keyed(text_id, active_topic())


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def is_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return False
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= MIN_ENGLISH_RATIO


# ---------------------------------------------------------------------------------------------- boilerplate

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


# ---------------------------------------------------------------------------------------------- HTML, Markdown

def looks_like_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head


def html_to_text(html: str) -> tuple[str, dict]:
    """(article text, the page's own metadata) with scripts, styles and navigation dropped."""
    import trafilatura  # imported late: plain-text corpora never pay for it

    meta: dict = {}
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, include_images=False, with_metadata=True,
            favor_precision=True, date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises a variety of parser errors on broken markup
        doc = None
    text = ""
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = data.get("text") or ""
        for key in ("title", "sitename", "date", "url", "author", "hostname"):
            if data.get(key):
                meta[key] = str(data[key])
    if not text.strip():
        text = _html_fallback_text(html)
    return text, meta


def _html_fallback_text(html: str) -> str:
    """Visible text of the body when trafilatura finds no main content (short pages)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//aside|//form|//noscript|//iframe"):
        bad.drop_tree()
    blocks = [el.text_content().strip() for el in tree.xpath("//h1|//h2|//h3|//p|//li|//blockquote")]
    return "\n\n".join(b for b in blocks if b)


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown article: headings, emphasis, links and images lose their syntax."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"^\s*[-*+]\s+", "• ", text, flags=re.M)
    text = re.sub(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$", "", text, flags=re.M)
    return text


# ---------------------------------------------------------------------------------------------- header, manifest

def split_header(text: str) -> tuple[dict, str]:
    """A `Key: value` block at the top of a file (or YAML-style front matter between --- lines)."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    front_matter = start < len(lines) and lines[start].strip() == "---"
    i = start + 1 if front_matter else start
    header: dict = {}
    while i < len(lines):
        line = lines[i].strip()
        if front_matter and line == "---":
            i += 1
            break
        if not line:
            if front_matter:
                i += 1
                continue
            break
        m = re.match(r"^([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*)$", line)
        key = HEADER_KEYS.get(m.group(1).strip().lower()) if m else None
        if not key:
            if front_matter:
                i += 1
                continue
            break
        value = m.group(2).strip().strip("\"'")
        if value:
            header[key] = value
        i += 1
    if not header:
        return {}, text
    return header, "\n".join(lines[i:])


MANIFEST_ALIASES = {"source": "outlet", "date": "published"}  # read when the column itself is empty
MANIFEST_FIELDS = ("title", "outlet", "published", "url", "author")


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[Skipped]]:
    """manifest.csv rows by the file's path relative to the corpus folder (or its base name), with columns file,
    title, outlet, published, url, author (headers in any case; `source` and `date` also read), and the rows that
    could not be read, each reported with its line number (as Skipped "manifest.csv") and ignored: the files
    themselves still load."""
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        return {}, []
    try:
        refusal = entry_refusal(folder, path)
        if refusal:
            raise SkipFile(refusal)
        raw = _CONTROLS.sub("", decode_bytes(_read(path)))
    except SkipFile as exc:
        return {}, [Skipped(MANIFEST_NAME, f"not read ({exc.reason}); no manifest values used")]
    reader = csv.reader(io.StringIO(raw))
    rows: dict[str, dict] = {}
    problems: list[Skipped] = []
    header: Optional[list[str]] = None
    last_line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Skipped(MANIFEST_NAME, f"line {last_line + 1}: unreadable row ({exc}); row ignored"))
            last_line = reader.line_num
            continue
        line, last_line = last_line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "file" not in header:
                return {}, [Skipped(MANIFEST_NAME, "no 'file' column in its first row; no manifest values used")]
            continue
        problem = _manifest_row_problem(cells, header)
        if problem:
            problems.append(Skipped(MANIFEST_NAME, f"line {line}: {problem}; row ignored"))
            continue
        row = {key: cell.strip() for key, cell in zip(header, cells) if cell.strip()}
        for alias, field in MANIFEST_ALIASES.items():
            if row.get(alias) and not row.get(field):
                row[field] = row[alias]
        name = manifest_key(row.get("file", ""))
        if name:
            rows[name] = {k: row[k] for k in MANIFEST_FIELDS if row.get(k)}
    return rows, problems


def _manifest_row_problem(cells: list[str], header: list[str]) -> Optional[str]:
    """Why a manifest row cannot be read, or None. A short row is read (missing cells are empty); cells past the
    header's are ignored only when empty, since a value there cannot be told which column it belongs to."""
    extra = [c for c in cells[len(header):] if c.strip()]
    if extra:
        return f"{len(cells)} cells where the header has {len(header)}"
    file_at = header.index("file")
    if file_at >= len(cells) or not cells[file_at].strip():
        return "no file name"
    return None


def manifest_key(name: str) -> str:
    """A manifest's `file` cell as an article path relative to the corpus folder ("./a/x.txt" -> "a/x.txt")."""
    name = name.strip()
    if not name:
        return ""
    key = posixpath.normpath(name)
    return "" if key in (".", "..") or key.startswith("../") else key.lstrip("/")


# ---------------------------------------------------------------------------------------------- author

def infer_author(paragraphs: list[str]) -> Optional[str]:
    """The author named by a byline line near the top ("By Sameer Malik and Nasir Wardak")."""
    for para in paragraphs[:4]:
        m = _BYLINE_AUTHORS.match(para)
        if m:
            return m.group(1).strip()
    return None


# ---------------------------------------------------------------------------------------------- outlet, title

_FOLLOW = re.compile(r"\b[Ff]ollow\s+(?:us\s+|@)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+on\s+(?:X|Twitter|Facebook|Instagram|LinkedIn|YouTube|Threads)\b")
_PUBLISHED_IN = re.compile(r"\bpublished\s+(?:in|by)\s+(?:the\s+)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})", re.I)
_COPYRIGHT = re.compile(r"(?:©|copyright)\s*(?:\d{4}\s*)?([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})", re.I)
# "By Amina Khan | The Express Tribune"; after a comma only a known outlet counts ("By A, B" may be two authors)
_BYLINE = re.compile(r"^[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*(?P<sep>[|,/–—-])\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s*$")
def _domain_outlets() -> dict[str, str]:
    """Web domain -> outlet name: the international outlets and the topic's region's own (topics/*.toml)."""
    from lib.topic import active_topic

    return {**DOMAIN_OUTLETS, **active_topic().outlets}


def _known_outlets() -> set[str]:
    return {name.lower() for name in list(_domain_outlets().values()) + list(OUTLET_ALIASES.values())}
# "Source: Al Jazeera and news agencies" at the foot of an article
_SOURCE_FOOTER = re.compile(r"^source:\s*([A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})(?:\s+and\s+(?:news\s+)?agencies)?\.?$",
                            re.I)
# "By Sameer Malik and Nasir Wardak", "By Hamza Rauf | Profit": a byline names the author (and maybe the outlet)
_BYLINE_AUTHORS = re.compile(r"^[Bb]y\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]*"
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
    the domain ("kathmandupost.com" and "The Kathmandu Post"), else the host name."""
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
        return _printed_name(labels, texts) or host
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
        m = _BYLINE.match(para)
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


# ---------------------------------------------------------------------------------------------- the article

def load_bytes(name: str, data: bytes, given: Optional[dict] = None) -> Article:
    """An uploaded file's bytes as an Article, named by its base name only (`safe_file_name`). `given` holds
    manifest values. Raises SkipFile with the reason when the file cannot be an article."""
    return article_from_bytes(safe_file_name(name), data, given)


def article_from_bytes(name: str, data: bytes, given: Optional[dict] = None) -> Article:
    """One file's bytes as the Article `name` (a corpus path or an upload's base name, already printable)."""
    if len(data) > MAX_FILE_BYTES:
        raise SkipFile(_too_large(len(data)))
    text = decode_bytes(data)
    page_meta: dict = {}
    raw_html = None
    if looks_like_html(name, text):
        raw_html = text
        text, page_meta = html_to_text(text)
    header, text = split_header(text)
    if name.lower().endswith((".md", ".markdown")):
        text = markdown_to_text(text)
    return build_article(name, text, given=given, header=header, page_meta=page_meta, raw_html=raw_html)


def _too_large(size: int) -> str:
    return too_large(size, MAX_FILE_BYTES)


def build_article(name: str, text: str, given: Optional[dict] = None, header: Optional[dict] = None,
                  page_meta: Optional[dict] = None, raw_html: Optional[str] = None) -> Article:
    """Clean text plus what is known about it -> Article, with every value's origin recorded. A metadata value
    that cannot be one (`metadata_problem`) is dropped and the article kept, with a warning."""
    warnings: list[str] = []
    given = checked_metadata(given or {}, "manifest", warnings)
    header = checked_metadata(header or {}, "header", warnings)
    page_meta = checked_metadata(page_meta or {}, "page", warnings)
    paragraphs = [p for p in (normalise_text(text).split("\n\n") if text.strip() else []) if p]
    timestamp = None
    if paragraphs:
        timestamp, paragraphs[0] = split_timestamp(paragraphs[0])
    credit = None
    if paragraphs:
        credit, paragraphs[-1] = split_agency_credit(paragraphs[-1])
    kept, stripped = strip_boilerplate(paragraphs)
    if timestamp:
        stripped.insert(0, timestamp)
    if credit:
        stripped.append(credit)
    bylines = [p for p in kept[:4] if _BYLINE_AUTHORS.match(p) or _BYLINE.match(p)]
    body = "\n\n".join(p for p in kept if p not in bylines)
    n_words = word_count(body)
    if n_words == 0:
        raise SkipFile("no article text (empty after removing markup and boilerplate)")
    if len(body) > MAX_TEXT_CHARS:
        raise SkipFile(f"text too long ({len(body):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    if n_words < MIN_WORDS:
        raise SkipFile(f"too short to be an article ({n_words} words; the minimum is {MIN_WORDS})")
    if not is_english(body):
        raise SkipFile("not English (the analysis reads English only)")

    def pick(key: str, inferred: Optional[str], normalise=lambda v: v) -> tuple[Optional[str], str]:
        for source, origin in ((given, "manifest"), (header, "header"), (page_meta, "page")):
            value = normalise(source.get(key)) if source.get(key) else None
            if value:
                return value, origin
        return (inferred, "inferred") if inferred else (None, "unknown")

    url, url_origin = pick("url", None)
    if page_meta.get("sitename") and "outlet" not in page_meta:
        page_meta = {**page_meta, "outlet": page_meta["sitename"]}
    # An article with an address belongs to that site, even when its text credits an agency for the story.
    outlet_guess = outlet_from_url(url, [header.get("title") or "", *stripped, *kept]) or infer_outlet(kept, stripped)
    outlet, outlet_origin = pick("outlet", outlet_guess, canonical_outlet)
    if page_meta.get("date") and not page_meta.get("published"):
        page_meta = {**page_meta, "published": page_meta["date"]}
    published_guess, published_rule = published_date(kept, stripped, url)
    published, published_origin = pick("published", published_guess, normalise_given_date)
    if published_origin == "inferred" and published_rule == "date in the address":
        published_origin = "url"
    title, title_origin = pick("title", infer_title(kept))
    author, _ = pick("author", infer_author(kept))
    return Article(
        article_id=topic_article_id(article_id(body)), file=name, text=body, title=title, title_origin=title_origin,
        outlet=outlet, outlet_origin=outlet_origin, published=published, published_origin=published_origin,
        url=url, url_origin=url_origin, author=author, language="en", stripped=tuple(stripped + bylines),
        raw_html=_CONTROLS.sub("", raw_html) if raw_html else raw_html, warnings=tuple(warnings),
    )


def checked_metadata(values: dict, origin: str, warnings: list[str]) -> dict:
    """One source's metadata (a manifest row, a header block, a page's own) with control characters removed and
    white space collapsed; a value with a `metadata_problem` is left out and a warning added to `warnings`."""
    out = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = " ".join(_CONTROLS.sub("", value).split())
            problem = metadata_problem(key, value)
            if problem:
                warnings.append(f"{key} from the {origin} dropped: {problem}")
                continue
        out[key] = value
    return out


def metadata_problem(key: str, value: str) -> Optional[str]:
    """Why a metadata value cannot be used, or None: longer than MAX_META_CHARS, or a URL that does not parse
    (`http://[bad`, a port that is not a number)."""
    if len(value) > MAX_META_CHARS:
        return f"{len(value):,} characters (the limit is {MAX_META_CHARS:,})"
    if key == "url":
        try:
            urlsplit(value).port  # parses the address and its port: each raises ValueError when malformed
        except ValueError as exc:
            return f"{value!r} is not a valid URL ({exc})"
    return None


def safe_file_name(name: str) -> str:
    """An upload's name, base name only: an upload called "../../etc/x.txt" (or "..\\..\\x.txt", a Windows
    path) is stored as "x.txt", never as a path; printable (`printable_name`)."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = printable_name(base)
    return base if base not in ("", ".", "..") else "unnamed.txt"



# ---------------------------------------------------------------------------------------------- corpus folders

def load_path(path: Path, given: Optional[dict] = None, name: Optional[str] = None) -> Article:
    """One file on disk as the Article `name` (default: its base name, printable); SkipFile when it cannot be one."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SkipFile(f"unsupported file type '{path.suffix or 'none'}' (use .txt, .md or .html)")
    return article_from_bytes(name or printable_name(path.name), _read(path), given)


def _read(path: Path) -> bytes:
    """A corpus file's bytes (`corpus.read_regular_file` within MAX_FILE_BYTES), SkipFile when it is not read."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except Unreadable as exc:
        raise SkipFile(exc.reason) from exc


def load_folder(folder: Path | str) -> tuple[list[Article], list[Skipped]]:
    """Every article of a folder and its sub-folders, each named by its path relative to the folder
    (`a/report.txt`), plus what was skipped with the reason (files, duplicates, unreadable manifest rows)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SkipFile(f"not a folder: {folder}")
    manifest, skipped = read_manifest(folder)
    entries = corpus_entries(folder, ignored=(MANIFEST_NAME,))
    base_names = Counter(posixpath.basename(e.key) for e in entries)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.refusal:
            skipped.append(Skipped(entry.name, entry.refusal))
            continue
        try:
            article = load_path(entry.path, _manifest_values(manifest, entry.key, base_names), name=entry.name)
        except SkipFile as exc:
            skipped.append(Skipped(entry.name, exc.reason))
            continue
        except Exception as exc:  # a parser bug on one file must not stop the others
            skipped.append(Skipped(entry.name, f"could not be read ({type(exc).__name__}: {exc})"))
            continue
        if article.article_id in seen:
            skipped.append(Skipped(entry.name, f"duplicate of {seen[article.article_id]} (same text)"))
            continue
        seen[article.article_id] = entry.name
        articles.append(article)
    return articles, skipped


def _manifest_values(manifest: dict[str, dict], key: str, base_names: Counter) -> Optional[dict]:
    """The manifest row of the file `key`: the row naming its path, else a row naming only its base name when
    no other file of the corpus has that base name (a manifest written before sub-folders had paths)."""
    if key in manifest:
        return manifest[key]
    base = posixpath.basename(key)
    return manifest.get(base) if base != key and base_names[base] == 1 else None


def with_corrections(article: Article, **values) -> Article:
    """The article with values a person corrected (origin `corrected`)."""
    changes = {}
    for key, value in values.items():
        changes[key] = value
        changes[f"{key}_origin"] = "corrected"
    return replace(article, **changes)


def iter_upload(files: Iterable[tuple[str, bytes]]) -> Iterable[tuple[str, Article | None, str]]:
    """(file name, article or None, reason) for uploaded (name, bytes) pairs; never raises for one bad file.
    A file with the same text as an earlier one of the upload is a duplicate; files past MAX_UPLOAD_FILES are
    not read (each is reported)."""
    seen: dict[str, str] = {}
    for n, (name, data) in enumerate(files):
        try:
            if n >= MAX_UPLOAD_FILES:
                raise SkipFile(f"not read: more than {MAX_UPLOAD_FILES:,} files in one upload "
                               "(use the command line for a large corpus)")
            if not safe_file_name(name).lower().endswith(SUPPORTED_SUFFIXES):
                raise SkipFile("unsupported file type (use .txt, .md or .html)")
            article = load_bytes(name, data)
            if article.article_id in seen:
                raise SkipFile(f"duplicate of {seen[article.article_id]} (same text)")
            seen[article.article_id] = article.file
            yield article.file, article, ""
        except SkipFile as exc:
            yield safe_file_name(name), None, exc.reason
        except Exception as exc:  # a parser bug on one file must not stop the others
            yield safe_file_name(name), None, f"could not be read ({type(exc).__name__}: {exc})"
