"""The figure categories of the topic in force (general words from `lib.lexicons.figures` and the topic's own), and
the two lookups every later layer asks: which category a set of nouns, or of verbs, names first."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Optional

from lib.lexicons import figures as L
from lib.topic import active_topic


@dataclass(frozen=True)
class _CategoryLexicon:
    """The figure categories of the topic in force, in priority order, with the general and the topic's words."""

    order: tuple[str, ...]
    nouns: dict
    verbs: dict
    person_nouns: frozenset
    captives: str
    currencies: dict


@functools.lru_cache(maxsize=8)
def _lexicon_for(key: str) -> _CategoryLexicon:
    topic = active_topic()
    fig = topic.figures
    order = tuple(fig.categories)
    nouns = {c: frozenset(L.CATEGORY_NOUNS.get(c, ())) | {w.lower() for w in fig.nouns.get(c, ())} for c in order}
    verbs = {c: frozenset(L.CATEGORY_VERBS.get(c, ())) | {w.lower() for w in fig.verbs.get(c, ())} for c in order}
    return _CategoryLexicon(order, nouns, verbs, L.PERSON_NOUNS | topic.demonyms, fig.captives,
                            {k.lower(): v for k, v in fig.currencies.items()})


def _lex() -> _CategoryLexicon:
    return _lexicon_for(active_topic().key)


def _alt(words) -> str:
    """A regex alternation of literal words, longest first (so "more than" wins over "more")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _category_of_words(words) -> Optional[str]:
    lex = _lex()
    for cat in lex.order:
        if any(w in lex.nouns[cat] for w in words):
            return cat
    return None


def _category_of_verbs(lemmas) -> Optional[str]:
    lex = _lex()
    for cat in lex.order:
        if any(v in lex.verbs[cat] for v in lemmas):
            return cat
    return None
