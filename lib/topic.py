"""Topic profiles: everything specific to one set of talks, read from one TOML file in `topics/` and validated.

A profile names the talks and says what stands for them: the parties and their stand-ins, the mediators, the
venues, extra talk terms, the region's places and crossings, the known events (the timeline's bands), the people
and bodies with their canonical names and aliases, the figure categories with the words that trigger them, the
region's outlets, and the default corpus and feeds. General language (reporting verbs, negation, hedges, number
words, boilerplate) stays in `lib/lexicons/`; the profile holds only the topic.

`load_topic(path)` validates with pydantic and raises `TopicError` naming the field and the line of a wrong or
missing value. `default_topic_path()` is `DASHBOARD_TOPIC` or `topics/pakistan-afghanistan.toml`. Extractors read
the profile in force through `active_topic()`: `using_topic(topic)` puts one in force for the analysis of an
article (a context variable, so the CLI, the dashboard and Dask workers each analyse under the topic they were
given), and the default profile is in force otherwise.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import re
import time
import tomllib
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

TOPICS_DIR = Path(__file__).resolve().parent.parent / "topics"
DEFAULT_TOPIC_FILE = TOPICS_DIR / "pakistan-afghanistan.toml"
TOPIC_ENV = "DASHBOARD_TOPIC"


class TopicError(ValueError):
    """A profile that cannot be read or is not valid; the message names the file, the field and the line."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Party(_Strict):
    """A side of the talks (or a mediator): its name, what stands for it in the press, and its people's adjective."""

    name: str = Field(min_length=1)
    stand_ins: tuple[str, ...] = ()  # "Islamabad", "the Taliban government"
    demonyms: tuple[str, ...] = ()  # "Pakistani", "Pakistanis"


class Event(_Strict):
    """A known event: a band on the timeline (dates inclusive)."""

    start: date
    end: Optional[date] = None
    label: str = Field(min_length=1, max_length=60)
    description: str = ""

    @model_validator(mode="after")
    def _ends_after_start(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Named(_Strict):
    """A person or body: one canonical name, the other names the press uses, and a role."""

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    role: str = ""


class Figures(_Strict):
    """The figure categories of the topic, in priority order, with the words that add to the general ones."""

    categories: tuple[str, ...] = ("casualties", "deportations", "incidents", "refugees", "economy")
    nouns: dict[str, tuple[str, ...]] = {}  # category -> extra nouns that name what is counted ("PoR")
    verbs: dict[str, tuple[str, ...]] = {}  # category -> extra verb lemmas ("swap" for prisoners)
    captives: str = "other"  # the category hostages, prisoners and detainees are counted under
    currencies: dict[str, str] = {}  # ambiguous currency words -> code in this topic ("Rs" -> "PKR")

    @model_validator(mode="after")
    def _known_categories(self):
        known = set(self.categories) | {"other"}
        for table in ("nouns", "verbs"):
            for category in getattr(self, table):
                if category not in known:
                    raise ValueError(f"{table}: category {category!r} is not one of categories {sorted(known)}")
        if self.captives not in known:
            raise ValueError(f"captives: {self.captives!r} is not one of categories {sorted(known)}")
        return self


class Corpus(_Strict):
    default: str = "seeds"  # the folder the dashboard ingests on a first start (relative to the project)
    feeds: tuple[str, ...] = ()


class TopicProfile(_Strict):
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=1)
    region: str = ""
    parties: tuple[Party, ...] = Field(min_length=1)
    mediators: tuple[Party, ...] = ()
    venues: tuple[str, ...] = ()
    talk_terms: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # towns and regions of the topic: never a person or an organisation
    crossings: tuple[str, ...] = ()  # border crossings and facilities: a place, whatever a model tagged it
    events: tuple[Event, ...] = ()
    people: tuple[Named, ...] = ()
    bodies: tuple[Named, ...] = ()
    figures: Figures = Figures()
    outlets: dict[str, str] = {}  # the region's outlets: web domain -> name
    corpus: Corpus = Corpus()

    @field_validator("venues", "talk_terms", "places", "crossings")
    @classmethod
    def _words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not value.strip():
                raise ValueError("an empty word")
        return values


class Topic:
    """A validated profile with the lookups the extractors use (lower-cased sets, the alias table)."""

    def __init__(self, profile: TopicProfile, path: Path, raw: str):
        self.profile = profile
        self.path = path
        self.slug = path.stem
        p = profile
        # What the analysis reads of the profile (people, bodies and events apply when the store is read, so an
        # edit of them needs no re-analysis): the key changes when any of it does.
        analysed = p.model_dump_json(include={"parties", "mediators", "venues", "talk_terms", "figures"})
        self.key = f"{self.slug}@{hashlib.sha256(analysed.encode('utf-8')).hexdigest()[:12]}"
        self.name, self.description = p.name, p.description
        self.venues = frozenset(v.lower() for v in p.venues)
        self.talk_terms = frozenset(t.lower() for t in p.talk_terms)
        sides = p.parties + p.mediators
        self.demonyms = frozenset(d.lower() for s in sides for d in s.demonyms)
        self.stand_ins = {s.lower(): side.name for side in sides for s in (side.name, *side.stand_ins)}
        self.events = tuple((e.start.isoformat(), (e.end or e.start).isoformat(), e.label, e.description)
                            for e in p.events)
        self.figures = p.figures
        self.outlets = dict(p.outlets)
        # Read when entities are named (at read time, like people and bodies): not part of the key.
        self.places = {**{name.lower(): (name, "GPE") for name in (*p.venues, *p.places)},
                       **{name.lower(): (name, "FAC") for name in p.crossings}}

    def aliases(self) -> dict[str, str]:
        """Lower-cased alias -> canonical name, for every person and body of the profile."""
        table: dict[str, str] = {}
        for named in self.profile.people + self.profile.bodies:
            for alias in (named.name, *named.aliases):
                table[_alias_key(alias)] = named.name
        return table

    def roles(self) -> dict[str, str]:
        """Lower-cased role -> the person who holds it (only roles held by one person of the profile)."""
        holders: dict[str, list[str]] = {}
        for person in self.profile.people:
            if person.role:
                holders.setdefault(person.role.lower(), []).append(person.name)
        return {role: names[0] for role, names in holders.items() if len(names) == 1}

    def __repr__(self) -> str:
        return f"Topic({self.key})"


def _alias_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'").strip().lower())


# ------------------------------------------------------------------------------------------------ loading

def default_topic_path() -> Path:
    value = os.environ.get(TOPIC_ENV, "").strip()
    return Path(value) if value else DEFAULT_TOPIC_FILE


def load_topic(path: Optional[Path | str] = None) -> Topic:
    """The profile at `path` (else `default_topic_path()`), validated; TopicError says what is wrong and where."""
    path = Path(path) if path else default_topic_path()
    return _load(str(path.resolve()), _mtime(path))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@functools.lru_cache(maxsize=16)
def _load(path_text: str, mtime: float) -> Topic:  # keyed by the file's modification time: an edit is re-read
    path = Path(path_text)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TopicError(f"topic profile {path}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise TopicError(f"topic profile {path}: not UTF-8 text") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise TopicError(f"topic profile {path}: not valid TOML: {exc}") from exc
    try:
        profile = TopicProfile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            field = ".".join(str(part) for part in loc) or "(top level)"
            line = _line_of(raw, loc)
            where = f" (line {line})" if line else ""
            message = error["msg"].replace("Value error, ", "")
            if error["type"] == "missing":
                message = "missing (required)"
            elif error["type"] == "extra_forbidden":
                message = "not a field of a topic profile"
            problems.append(f"{field}{where}: {message}")
        raise TopicError(f"topic profile {path}: " + "; ".join(problems)) from exc
    return Topic(profile, path, raw)


_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(?:#.*)?$")


def _section(headers: list[tuple[int, str]], n_lines: int, table: str, nth: int) -> Optional[tuple[int, int]]:
    """(first line, line after the last) of the `nth` table named `table`, or None when there is no such table."""
    found = [n for n, name in headers if name == table]
    if nth >= len(found):
        return None
    start = found[nth]
    later = [n for n, _ in headers if n > start]
    return start, later[0] if later else n_lines


def _key_line(lines: list[str], headers: list[tuple[int, str]], start: int, end: int, key: str) -> Optional[int]:
    """The line of `key = ...` between `start` and `end`; else the header of a table named `key` (the value is a
    whole table); else the section's first line."""
    for n in range(start, end):
        if re.match(rf"^\s*{re.escape(key)}\s*=", lines[n]):
            return n + 1
    header = next((n for n, name in headers if name == key), None)
    if header is not None:
        return header + 1
    return start + 1 if start else None


def _line_of(raw: str, loc: tuple) -> Optional[int]:
    """The line of the value at a validation error's location: `[[people]]` tables counted, then the key."""
    lines = raw.splitlines()
    path = [str(part) for part in loc if not isinstance(part, int)]
    index = next((part for part in loc if isinstance(part, int)), None)
    table = path[0] if path else ""
    headers = [(n, m.group(1)) for n, line in enumerate(lines) for m in [_TABLE.match(line)] if m]
    section = None
    if index is not None and len(loc) >= 2 and isinstance(loc[1], int):  # the index-th of an array of tables
        section = _section(headers, len(lines), table, index)
    elif table and len(path) > 1:  # a key inside a table
        section = _section(headers, len(lines), table, 0)
    start, end = 0, len(lines)
    if section is not None:
        (start, end), path = section, path[1:]
    key = path[-1] if path else None
    if key is None:
        return start + 1 if start else None
    return _key_line(lines, headers, start, end, key)


# ------------------------------------------------------------------------------------------------ in force

_ACTIVE: contextvars.ContextVar[Optional[Topic]] = contextvars.ContextVar("lib.topic.active", default=None)


_DEFAULT_RECHECK_SECONDS = 1.0  # how often the default profile's file is looked at again (an edit is picked up)
_default_cache: list = [None, None, 0.0]  # (env value, topic, monotonic time of the last check)


def active_topic() -> Topic:
    """The profile in force: the one `using_topic` set, else the default profile (read again when its file
    changed, looked at no more than once a second: extractors ask for it at every word)."""
    topic = _ACTIVE.get()
    if topic is not None:
        return topic
    env, cached, checked = _default_cache
    now = time.monotonic()
    current_env = os.environ.get(TOPIC_ENV, "")
    if cached is None or env != current_env or now - checked > _DEFAULT_RECHECK_SECONDS:
        cached = load_topic()
        _default_cache[:] = [current_env, cached, now]
    return cached


def recheck_default() -> None:
    """Look at the default profile's file again on the next `active_topic` call (after an edit of it)."""
    _default_cache[2] = float("-inf")


@contextlib.contextmanager
def using_topic(topic: Optional[Topic]) -> Iterator[Topic]:
    """Put `topic` in force for the code in the block (the default profile when None)."""
    token = _ACTIVE.set(topic or load_topic())
    try:
        yield _ACTIVE.get()
    finally:
        _ACTIVE.reset(token)


def topic_article_id(text_id: str, topic: Topic) -> str:
    """The id an article's analysis is stored under: the text's own id under the default profile's slug (so stores
    made before topics existed stay valid), a hash of the text id and the topic's slug under any other profile."""
    if topic.slug == DEFAULT_TOPIC_FILE.stem:
        return text_id
    return hashlib.sha256(f"{text_id}\x00topic:{topic.slug}".encode("utf-8")).hexdigest()
