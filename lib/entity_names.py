"""One name and one kind per entity across articles, applied when entities are read (as speakers' names are):
the alias table in force (lib/aliases.py: shipped defaults and users' edits) so that "Khawaja Muhammad Asif" is
"Khawaja Asif"; country-name variants merged ("Turkey", "Turkiye" -> "Türkiye"); a headline's verb cut off a name
("Khawaja Asif Declares" -> "Khawaja Asif"); and what the model got wrong by general rules: a known place is a
place ("Sialkot" tagged PERSON), a section heading or a common noun is no entity ("Background", "Deportations"),
a role is not a name ("National Security Advisor"), and a name seen under several kinds takes the kind most of
its mentions carry. Rules are data (lib/lexicons/entities.py, and the places and crossings of the topic profile in
force). Plain strings and pandas: no spaCy.
"""
from __future__ import annotations

import functools
import re
from typing import Mapping, Optional

import pandas as pd

from lib.aliases import canonical_speaker, tidy_name
from lib.lexicons.entities import COMMON_NOUN_ENDINGS, COUNTRY_NAMES, HEADING_WORDS, HEADLINE_VERBS
from lib.lexicons.reporting import REPORTING_VERBS
from lib.lexicons.speakers import PERSONAL_ROLE_HEADS, TITLE_MODIFIERS

# Labels that name a person or a body: the ones a name's alias, a headline verb or a role can apply to.
NAME_LABELS = ("PERSON", "ORG")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# When one name has several kinds equally often: the first of these.
LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT")
_POSSESSIVE = re.compile(r"[’']s?$")
_PLURAL_NORP = re.compile(r"(?<![sS])s$")


@functools.lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Reporting verbs as a headline writes them after a name: "declares", "declared", "says"."""
    forms = set(HEADLINE_VERBS)
    for verb in REPORTING_VERBS:
        forms |= {verb + "s", verb + "es", verb + "d", verb + "ed"}
        if verb.endswith("y"):
            forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return frozenset(forms)


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split())


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    """Known places (lower case -> (name shown, label)): the venues, places and crossings of the topic in force."""
    from lib.topic import active_topic

    return active_topic().places




def _countries() -> dict[str, str]:
    """COUNTRY_NAMES keyed without dots ("u.s." and "us" alike)."""
    return {key.replace(".", ""): name for key, name in COUNTRY_NAMES.items()}


def _not_a_name(name: str, label: str) -> bool:
    """A section heading, a common noun or a role that a model took for an entity."""
    words = [_POSSESSIVE.sub("", w).lower() for w in name.split()]
    if not words or not re.search(r"[A-Za-z]", name):
        return True
    if any(w in HEADING_WORDS for w in words):
        return True
    if len(words) == 1 and label in (*NAME_LABELS, *PLACE_LABELS):
        if words[0].endswith(COMMON_NOUN_ENDINGS) or words[0] in TITLE_MODIFIERS or words[0] in _verb_forms():
            return True
    return label in NAME_LABELS and len(words) > 1 and words[-1] in PERSONAL_ROLE_HEADS


def _without_headline_verbs(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,:;!?") in _verb_forms():
        words.pop()
    return " ".join(words)


def entity_name(name: str, label: str, aliases: Mapping[str, str],
                canonical: Optional[frozenset] = None) -> Optional[tuple[str, str]]:
    """(the name shown, its label) for an entity as the model found it (its in-article canonical name), or None
    when it is no entity. The label changes only for a known place or a country name. A name that already is one
    of the alias table's canonical names (`canonical`, its values) stays as it is: "Foreign Office (Pakistan)"."""
    canonical = frozenset(aliases.values()) if canonical is None else canonical
    if label in NAME_LABELS and (name or "").strip() in canonical:
        return name.strip(), label
    name = tidy_name(name or "")
    if not name:
        return None
    key = _key(name)
    if key.replace(".", "") in _countries():
        return _countries()[key.replace(".", "")], "GPE"
    places = _places()
    if key in places:
        return places[key]
    if label in NAME_LABELS:
        name = _without_headline_verbs(name)
    if _not_a_name(name, label):
        return None
    if label in NAME_LABELS:
        key = _key(name)
        if key in places:
            return places[key]
        hit = aliases.get(key)
        name = hit or (canonical_speaker(name, aliases) if label == "PERSON" else name)
    elif label == "NORP" and _PLURAL_NORP.search(name) and " " not in name:
        name = name[:-1]  # "Afghans" -> "Afghan", "Qataris" -> "Qatari"
    return name, label


def name_table(pairs, aliases: Mapping[str, str]) -> dict[tuple[str, str], Optional[tuple[str, str]]]:
    """`entity_name` of each distinct (name, label) pair, looked up once however many mentions carry it."""
    canonical = frozenset(aliases.values())
    return {(name, label): entity_name(name, label, aliases, canonical) for name, label in dict.fromkeys(pairs)}


def canonical_mentions(mentions: pd.DataFrame, aliases: Mapping[str, str]) -> pd.DataFrame:
    """Per-article entity counts (article_id, entity, label, mentions, and any per-article columns such as outlet
    and file) with one name and one kind per entity: names through `entity_name` (non-entities dropped), then
    each name's kind set to the one most of its mentions carry, and rows that now coincide summed."""
    if mentions is None or mentions.empty:
        return mentions
    table = name_table(zip(mentions["entity"], mentions["label"]), aliases)
    mapped = [table[pair] for pair in zip(mentions["entity"], mentions["label"])]
    keep = [m is not None for m in mapped]
    work = mentions[keep].copy()
    work["entity"] = [m[0] for m in mapped if m is not None]
    work["label"] = [m[1] for m in mapped if m is not None]
    if work.empty:
        return work.reset_index(drop=True)
    totals = work.groupby(["entity", "label"], sort=False)["mentions"].sum().reset_index()
    totals["_rank"] = totals["label"].map({lab: i for i, lab in enumerate(LABEL_PRIORITY)}) \
        .fillna(len(LABEL_PRIORITY))
    kind = (totals.sort_values(["entity", "mentions", "_rank"], ascending=[True, False, True])
            .drop_duplicates("entity").set_index("entity")["label"])
    work["label"] = work["entity"].map(kind)
    others = [c for c in work.columns if c not in ("article_id", "entity", "label", "mentions")]
    agg = {"mentions": ("mentions", "sum"), **{c: (c, "first") for c in others}}
    out = work.groupby(["article_id", "entity", "label"], sort=True, dropna=False).agg(**agg).reset_index()
    return out[list(mentions.columns)]
