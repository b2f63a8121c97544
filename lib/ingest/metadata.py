"""Metadata given with an article: a `Key: value` header block (or front matter) at the top of a file, the corpus
folder's manifest.csv (read row by row, a bad row reported with its line), and every given value checked (controls
removed; an over-long value or a URL that does not parse dropped with a warning).
"""
from __future__ import annotations

import csv
import io
import os
import posixpath
import re
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from lib.ingest.corpus import entry_refusal
from lib.ingest.decode import CONTROLS, decode_bytes, read_bytes
from lib.ingest.skip import SkipFile, Skipped

MAX_META_CHARS = 1_000  # a longer title, outlet, date, URL or author is not one: dropped with a warning
MANIFEST_NAME = "manifest.csv"

HEADER_KEYS = {
    "title": "title", "headline": "title",
    "url": "url", "link": "url", "source url": "url",
    "source": "outlet", "outlet": "outlet", "publisher": "outlet", "site": "outlet",
    "date": "published", "published": "published", "published on": "published", "publication date": "published",
    "author": "author", "byline": "author", "by": "author",
}


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
        raw = CONTROLS.sub("", decode_bytes(read_bytes(path)))
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



def checked_metadata(values: dict, origin: str, warnings: list[str]) -> dict:
    """One source's metadata (a manifest row, a header block, a page's own) with control characters removed and
    white space collapsed; a value with a `metadata_problem` is left out and a warning added to `warnings`."""
    out = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = " ".join(CONTROLS.sub("", value).split())
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
            _ = urlsplit(value).port  # parses the address and its port: each raises ValueError when malformed
        except ValueError as exc:
            return f"{value!r} is not a valid URL ({exc})"
    return None
