"""Named entities of an article (people, organisations, places) from the parsed Doc, with one canonical form
per entity within the article ("Asif" -> "Khawaja Asif" when the article named him in full)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from lib.records import Entity

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"[’']s?$")


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
    return _POSSESSIVE.sub("", text).strip(" .,;:-–—\"“”‘’")


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of the kept labels; a PERSON named by a part of a fuller name seen in the article takes the
    fuller name as canonical (the longest name that contains it word for word)."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        tidy = _tidy(ent.text)
        if not tidy or not re.search(r"[A-Za-z]", tidy):
            continue
        found.append((ent, tidy))
    # In the order first seen, so that of two fuller names of one length the first is taken on every run (a set's
    # order changes with the interpreter's hash seed).
    people = list(dict.fromkeys(tidy for ent, tidy in found if ent.label_ == "PERSON"))
    rows = []
    for ent, tidy in found:
        canonical = tidy
        if ent.label_ == "PERSON":
            words = tidy.split()
            fuller = [p for p in people if p != tidy and _contains_words(p.split(), words)]
            if fuller:
                canonical = max(fuller, key=len)
        rows.append(Entity(text=ent.text, label=ent.label_, start_char=ent.start_char, end_char=ent.end_char,
                           canonical=canonical))
    return rows


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))
