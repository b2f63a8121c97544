"""The alias table and name tidying: a person's many names mapped to one canonical name across articles.

`default_aliases` and `canonical_speaker` are the cross-article step the store applies at read time; `tidy_name`
and `strip_titles` are also used within one article by lib/extract/speakers/. Plain
strings only: nothing here imports spaCy, so reading the store never loads it.
"""
from __future__ import annotations

import functools
import re
from typing import Mapping

from lib.lexicons.entities import COUNTRY_NAMES
from lib.lexicons.speakers import GIVEN_NAME_TITLES, HONORIFICS, NATIONALITY_WORDS, TITLE_MODIFIERS


_POSSESSIVE_TAIL = re.compile(r"[’']s?$")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n\"'“”‘’«»,.;:()[]—–-"


def default_aliases() -> dict[str, str]:
    """The alias table in force: lower-cased alias -> canonical name: one spelling per country (Turkey, Turkiye ->
    Türkiye; lib/lexicons/entities.py), then the people and bodies of the topic profile (topics/*.toml)."""
    from lib.topic import active_topic

    table = {_alias_key(variant): name for variant, name in COUNTRY_NAMES.items()}
    table.update(active_topic().aliases())
    return table


def _alias_key(name: str) -> str:
    return _SPACES.sub(" ", name.replace("’", "'").strip().lower())


def tidy_name(name: str) -> str:
    """A name without stray marks, surrounding punctuation, a leading "the", or doubled spaces."""
    name = _SPACES.sub(" ", name or "").strip(_EDGE_PUNCT)
    if name.lower().startswith("the "):
        name = name[4:]
    return name.strip(_EDGE_PUNCT)


def strip_titles(name: str) -> str:
    """Drop honorifics, titles and a leading possessive from a person's name: "Pakistan's Defence Minister
    Khawaja Asif" -> "Khawaja Asif", "Mr. Asif" -> "Asif". A name made only of title words is returned tidied."""
    words = tidy_name(name).split(" ")
    # Everything up to a possessive ("Pakistan's") belongs to the title, not to the name.
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith(("’s", "'s", "s’", "s'")) and i < len(words) - 1:
            words = words[i + 1:]
            break
    start = 0
    while start < len(words) - 1 and _is_title_word(words[start]):
        if words[start].lower() in GIVEN_NAME_TITLES and len(words) - start >= 3 and \
                not _is_title_word(words[start + 1]):
            break  # "Amir Khan Muttaqi": a given name, not the title
        start += 1
    return " ".join(words[start:]) or tidy_name(name)


def nationality_words() -> frozenset:
    """The general nationality words and the demonyms of the topic in force ("Pakistani", "Afghan")."""
    from lib.topic import active_topic

    topic = active_topic()
    return _with_demonyms(topic.key, topic.demonyms)


@functools.lru_cache(maxsize=8)
def _with_demonyms(key: str, demonyms: frozenset) -> frozenset:
    return NATIONALITY_WORDS | demonyms


def _is_title_word(word: str) -> bool:
    low = word.lower()
    return low in HONORIFICS or low.rstrip(".") in HONORIFICS or low in TITLE_MODIFIERS or \
        low in nationality_words()


def canonical_speaker(name: str, aliases: Mapping[str, str]) -> str:
    """One name per person or body across articles: the alias table's canonical name for `name`, tried as given,
    then without its titles ("Defence Minister Khawaja Asif" -> "Khawaja Asif"). Unknown names come back tidied
    (titles kept when nothing is known about the name, so a role such as "senior security official" survives)."""
    tidied = tidy_name(name)
    if not tidied:
        return ""
    for candidate in (tidied, strip_titles(tidied), _POSSESSIVE_TAIL.sub("", tidied)):
        hit = aliases.get(_alias_key(candidate))
        if hit:
            return hit
    return tidied
