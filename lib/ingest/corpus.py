"""The corpus folder on disk: which of its entries are read, how, and under which name. No text is parsed here
(lib.ingest.loader turns the bytes into articles).

- Which: regular files inside the folder and its sub-folders, directly or through a link that stays inside;
  never a link leading out of the folder (`/proc/self/status`, another user's files), a broken link, a link loop,
  a link to a folder, nor anything that is not a regular file (a pipe or a device would block the read or never
  end). Each entry not read carries the reason (`entry_refusal`), for skipped.csv.
- How: opened without blocking and checked again once open, within a size limit (`read_regular_file`).
- Name: the path relative to the folder, `/`-separated, as written on disk (a backslash is part of a Linux file
  name), made printable (`printable_name`): control characters, bidirectional overrides and undecodable bytes are
  written as escapes, so a name can neither drive a terminal nor forge a line of output.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

# Characters a terminal or a screen obeys instead of showing: C0 and C1 controls, DEL, bidirectional marks and
# overrides (they reorder what follows), and lone surrogates (undecodable bytes of a file name).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable_name(name: str) -> str:
    """A file name (or URL) as plain text: every character of _UNPRINTABLE written as an escape (`\\x1b`, `\\n`,
    `\\u202e`), so printing the name never retitles or clears a terminal, nor starts a line of its own."""
    return _UNPRINTABLE.sub(lambda m: _NAMED_ESCAPES.get(m.group()) or _escape(m.group()), name)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Unreadable(Exception):
    """A corpus entry that is not read; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 1048576:.1f} MB; the limit is {limit // 1048576} MB)"


# What an entry of a corpus folder is when it is not a regular file, tested in this order on its mode.
NOT_A_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
              (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def entry_refusal(folder: Path, path: Path) -> Optional[str]:
    """Why the entry `path` of the corpus `folder` is not read, or None for a regular file inside the folder
    (itself, or a link to one that stays inside). Links that lead outside the folder, broken links and link
    loops are not followed, and nothing but a regular file is read (a pipe or a device would block or never
    end)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        return f"cannot read file ({exc.strerror or exc})"
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "link loop (not followed)"
            if exc.errno == errno.ENOENT:
                return "broken link (its target does not exist)"
            return f"link not followed ({exc.strerror or exc})"
        root = os.path.realpath(folder)
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            return "link leading outside the corpus folder (not followed)"
        if stat.S_ISDIR(mode):
            return "link to a folder (not followed)"
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in NOT_A_FILE if is_kind(mode)), "not a file")
        return f"not a regular file ({kind})"
    return None


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (Unreadable otherwise). Opened without blocking and
    checked once open, so a file swapped for a pipe or a device after `entry_refusal` is refused, not read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Unreadable(f"cannot read file ({exc.strerror or exc})") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file")
        if info.st_size > limit:
            raise Unreadable(too_large(info.st_size, limit))
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Unreadable(f"cannot read file ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise Unreadable(too_large(len(data), limit))
    return data


@dataclass(frozen=True)
class CorpusEntry:
    """One entry of a corpus folder: where it is, its path relative to the folder (`/`-separated, as written on
    disk: a backslash is part of a Linux file name), and why it is not read (None when it is read)."""

    path: Path
    key: str
    refusal: Optional[str] = None

    @property
    def name(self) -> str:
        """The article's name: its path relative to the corpus folder, printable."""
        return printable_name(self.key)


def corpus_entries(folder: Path, ignored: Iterable[str] = ()) -> list[CorpusEntry]:
    """The entries of a corpus folder and its sub-folders, sorted by path; hidden files and folders, and files
    named as one of `ignored` (any case), left out. Links to folders are entries (with their refusal), never
    followed."""
    folder = Path(folder)
    ignored = {name.lower() for name in ignored}
    entries: list[CorpusEntry] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename or folder)
        key = where.relative_to(folder).as_posix() if where != folder else "."
        entries.append(CorpusEntry(where, key, f"cannot read folder ({exc.strerror or exc})"))

    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        here = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in [*dirs, *names]:
            path = here / name
            if name.startswith(".") or (name in dirs and not path.is_symlink()):
                continue
            if name.lower() in ignored:
                continue
            key = path.relative_to(folder).as_posix()
            entries.append(CorpusEntry(path, key, entry_refusal(folder, path)))
    return sorted(entries, key=lambda e: e.key.split("/"))
