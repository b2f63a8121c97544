"""Bytes to Article: a file, an upload or a fetched page made one Article, each value with its origin, and a corpus
folder read whole. The steps live beside it: decode.py (bytes, HTML and Markdown to text), boilerplate.py,
metadata.py (header block, manifest, checked values), infer.py (title, outlet, author from the text), pubdate.py.
No NLP happens here.

A file that cannot become an article raises `SkipFile` (lib/ingest/skip.py) with a reason a person can read;
`load_folder` collects those reasons instead of stopping, with those of the folder's entries that are not read
(lib/ingest/corpus.py: links out of the folder, pipes, devices) and of manifest rows that cannot be read (by line).
C0 control characters never get into an article's text or metadata, and a metadata value that cannot be one is
dropped with a warning (`Article.warnings`).
"""
from __future__ import annotations

import functools
import hashlib
import os
import posixpath
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

from lib.ingest.boilerplate import strip_boilerplate
from lib.ingest.corpus import corpus_entries, printable_name, too_large
from lib.ingest.decode import (
    CONTROLS, MAX_FILE_BYTES, decode_bytes, html_to_text, is_english, looks_like_html, markdown_to_text,
    normalise_text, read_bytes, word_count,
)
from lib.ingest.infer import (
    BYLINE, BYLINE_AUTHORS, canonical_outlet, infer_author, infer_outlet, infer_title, outlet_from_url,
    split_agency_credit,
)
from lib.ingest.metadata import MANIFEST_NAME, checked_metadata, read_manifest, split_header
from lib.ingest.pubdate import normalise_given_date, published_date, split_timestamp
from lib.ingest.skip import SkipFile, Skipped
from lib.records import Article

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length; longer texts are skipped, not truncated
MIN_WORDS = 20  # fewer words than this is not an article (a caption, a stub, an error page)
MAX_UPLOAD_FILES = 500  # files read per dashboard upload (about 2 minutes of analysis); the CLI has no limit
DEFAULT_TOPIC_SLUG = "pakistan-afghanistan"  # topics/pakistan-afghanistan.toml: articles keep their text's id


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
    bylines = [p for p in kept[:4] if BYLINE_AUTHORS.match(p) or BYLINE.match(p)]
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

    def pick(key: str, infer: Callable[[], Optional[str]] = lambda: None,
             normalise=lambda v: v) -> tuple[Optional[str], str]:
        """The first valid given value (manifest, header, page) with its origin, else what `infer` reads from the
        text: only then is the text searched (a date search costs dateparser's start, about 0.3 s)."""
        for source, origin in ((given, "manifest"), (header, "header"), (page_meta, "page")):
            value = normalise(source.get(key)) if source.get(key) else None
            if value:
                return value, origin
        inferred = infer()
        return (inferred, "inferred") if inferred else (None, "unknown")

    url, url_origin = pick("url")
    if page_meta.get("sitename") and "outlet" not in page_meta:
        page_meta = {**page_meta, "outlet": page_meta["sitename"]}
    # An article with an address belongs to that site, even when its text credits an agency for the story.
    outlet, outlet_origin = pick(
        "outlet", lambda: outlet_from_url(url, [header.get("title") or "", *stripped, *kept])
        or infer_outlet(kept, stripped), canonical_outlet)
    if page_meta.get("date") and not page_meta.get("published"):
        page_meta = {**page_meta, "published": page_meta["date"]}
    date_found = functools.cache(lambda: published_date(kept, stripped, url))  # (date, the rule that found it)
    published, published_origin = pick("published", lambda: date_found()[0], normalise_given_date)
    if published_origin == "inferred" and date_found()[1] == "date in the address":
        published_origin = "url"
    title, title_origin = pick("title", lambda: infer_title(kept))
    author, _ = pick("author", lambda: infer_author(kept))
    return Article(
        article_id=topic_article_id(article_id(body)), file=name, text=body, title=title, title_origin=title_origin,
        outlet=outlet, outlet_origin=outlet_origin, published=published, published_origin=published_origin,
        url=url, url_origin=url_origin, author=author, language="en", stripped=tuple(stripped + bylines),
        raw_html=CONTROLS.sub("", raw_html) if raw_html else raw_html, warnings=tuple(warnings),
    )



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
    return article_from_bytes(name or printable_name(path.name), read_bytes(path), given)




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
