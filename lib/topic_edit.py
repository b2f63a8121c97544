"""Edits of a topic profile from the dashboard: its alias table (the people and bodies with their other names) and
its known events, written back into the profile's TOML file.

The file is edited with tomlkit, so its comments, order and layout stay as a person wrote them; the edited text is
validated as a profile (lib/topic.py) before it replaces the file, so a bad edit raises `TopicError` and leaves the
file as it was. The file is replaced atomically (a temporary file beside it, then a rename). The profile in force
is re-read when its file changes (`lib.topic.active_topic`), and aliases and events apply when the store is read,
so an edit shows without a restart and without analysing anything again. Nothing here imports streamlit; the
caller records the edit in the store's edit log (`lib.store.log_topic_edit`).
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Optional

import tomlkit

from lib.topic import TopicError, load_topic, recheck_default

NAMED_TABLES = ("people", "bodies")  # the profile's tables of named people and bodies, each with aliases


def _read(path: Path):
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TopicError(f"topic profile {path}: cannot be read ({exc.strerror or exc})") from exc
    except tomlkit.exceptions.ParseError as exc:
        raise TopicError(f"topic profile {path}: not valid TOML: {exc}") from exc


def _write(path: Path, document) -> None:
    """Validate the edited profile, then put it in place of the file in one rename."""
    text = tomlkit.dumps(document)
    handle, temporary = tempfile.mkstemp(prefix=".edit-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            load_topic(Path(temporary))
        except TopicError as exc:
            raise TopicError(str(exc).replace(temporary, str(path))) from None
        os.replace(temporary, path)
        recheck_default()  # this process sees the edit at once; others within a second
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split())


def _named_entries(document):
    for table in NAMED_TABLES:
        for entry in document.get(table, []):
            yield entry


def set_alias(path: Path, alias: str, canonical: str) -> Optional[str]:
    """Make `alias` another name of `canonical` in the profile at `path`: added to the person or body of that
    name, or to a new person when the profile has none; taken away from any other entry that held it. An empty
    `canonical` removes the alias. Returns the canonical name the alias had before (None when it had none)."""
    alias, canonical = " ".join(alias.split()), " ".join(canonical.split())
    if not alias:
        raise TopicError("an alias needs a name as written in articles")
    document = _read(path)
    previous = None
    target = None
    for entry in _named_entries(document):
        kept = [a for a in entry.get("aliases", []) if _key(a) != _key(alias)]
        if len(kept) != len(entry.get("aliases", [])):
            previous = str(entry["name"])
            entry["aliases"] = kept
        if canonical and _key(str(entry["name"])) == _key(canonical):
            target = entry
    if canonical and _key(alias) != _key(canonical):
        if target is None:
            person = tomlkit.table()
            person["name"] = canonical
            person["aliases"] = [alias]
            document.setdefault("people", tomlkit.aot()).append(person)
        else:
            target["aliases"] = [*target.get("aliases", []), alias]
    _write(path, document)
    return previous


def add_event(path: Path, start: date, label: str, end: Optional[date] = None, description: str = "") -> None:
    """Add a known event (a band on the timeline) to the profile at `path`; an event of the same label and start
    is replaced."""
    document = _read(path)
    events = document.setdefault("events", tomlkit.aot())
    kept = [e for e in events
            if not (str(e.get("label")) == label.strip() and str(e.get("start")) == start.isoformat())]
    event = tomlkit.table()
    event["start"] = start
    if end is not None and end != start:
        event["end"] = end
    event["label"] = label.strip()
    if description.strip():
        event["description"] = description.strip()
    document["events"] = _aot([*kept, event])
    _write(path, document)


def remove_event(path: Path, label: str, start: str) -> bool:
    """Remove the known event of this label and start date (ISO); False when the profile has none such."""
    document = _read(path)
    events = list(document.get("events", []))
    kept = [e for e in events if not (str(e.get("label")) == label and str(e.get("start")) == start)]
    if len(kept) == len(events):
        return False
    document["events"] = _aot(kept)
    _write(path, document)
    return True


def _aot(tables: list):
    array = tomlkit.aot()
    for table in tables:
        array.append(table)
    return array
