"""Bytes and markup to plain text: the encoding (byte-order marks, UTF-8, charset detection), binary files refused,
text normalised (controls removed, white space, paragraphs), HTML to text with trafilatura (and the page's own
metadata), Markdown to text; the word count and the English check. No NLP happens here.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from lib.ingest.corpus import Unreadable, read_regular_file
from lib.ingest.skip import SkipFile

MAX_FILE_BYTES = 10 * 1024 * 1024  # larger files are skipped: no single news article is this big
MIN_ENGLISH_RATIO = 0.12  # share of words that are common English function words (English prose: 0.3-0.5)


# C0 control characters but tab, newline and carriage return: no text needs them, PostgreSQL refuses NUL, and a
# terminal obeys the rest. Removed from article text and metadata (a carriage return becomes a newline first).
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Common English function words: the language check counts how much of a text they make up.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it are be has have had this an not but or which "
    "its their they he she his her we our will would said were been also after who about more than over into "
    "between both all any can could should must may no only other such there these those when where while".split()
)


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
    text = CONTROLS.sub("", text)
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



def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def is_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return False
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= MIN_ENGLISH_RATIO



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


def read_bytes(path: Path) -> bytes:
    """A corpus file's bytes (`corpus.read_regular_file` within MAX_FILE_BYTES), SkipFile when it is not read."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except Unreadable as exc:
        raise SkipFile(exc.reason) from exc
