"""Word matching for the stance rules: a token's lemma and stems tried against the lexicons, the topic's venues and
talk terms, and the per-Doc arrays and caches (speed only: every cached value is a pure function of the parsed Doc)."""
from __future__ import annotations

import functools
from typing import Optional

from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from lib.extract.text import stems
from lib.lexicons import stance as L
from lib.topic import active_topic


class _DocCaches:
    """What this module has worked out about one Doc: per token (`keys`, `talk`: `_keys`, `is_talk_term`), per
    span (`cues`, `about`: `sentence_cues`, `is_about_talks`), and whole-Doc arrays."""

    __slots__ = ("n_tokens", "keys", "talk", "cues", "about", "arrays", "bounds", "word_flags")

    def __init__(self, n_tokens: int):
        self.n_tokens = n_tokens
        self.keys: Optional[list[tuple[str, ...]]] = None
        self.talk: dict[int, bool] = {}
        self.cues: dict[tuple[int, int], tuple] = {}
        self.about: dict[tuple[int, int], bool] = {}
        self.arrays: Optional[tuple] = None
        self.bounds: Optional[list[tuple[int, int]]] = None
        self.word_flags: dict[tuple, list[bool]] = {}  # (word test, topic words) -> per token (`word_flags`)


_CACHE_KEY = "lib.extract.stance"


def _caches(doc: Doc) -> _DocCaches:
    """The Doc's caches, kept in `doc.user_data` (started afresh if the Doc was retokenised)."""
    caches = doc.user_data.get(_CACHE_KEY)
    if caches is None or caches.n_tokens != len(doc):
        caches = doc.user_data[_CACHE_KEY] = _DocCaches(len(doc))
    return caches


def _token_arrays(doc: Doc) -> tuple[list[str], list[str], list[str], list[str], list[int]]:
    """Per token of the Doc: lowercase lemma, lowercase form, the form without trailing "s", part of speech,
    character offset. Read once per Doc from its arrays (no Token objects) instead of once per phrase and position."""
    caches = _caches(doc)
    arrays = caches.arrays
    if arrays is None:
        columns = doc.to_array([LEMMA, LOWER, POS, IDX]).T.tolist() if len(doc) else [[], [], [], []]
        strings = doc.vocab.strings
        lemma_ids, lower_ids, pos_ids, idx = columns
        lemmas = [_lowered(strings[h]) for h in lemma_ids]
        lowers = [strings[h] for h in lower_ids]
        stripped = [_stripped(lower) for lower in lowers]
        pos = [strings[h] for h in pos_ids]
        arrays = caches.arrays = (lemmas, lowers, stripped, pos, idx)
    return arrays


@functools.lru_cache(maxsize=65536)
def _stripped(lower: str) -> str:
    return lower.rstrip("s")


@functools.lru_cache(maxsize=65536)
def _lowered(text: str) -> str:
    return text.lower()


def word_flags(doc: Doc, word_test) -> list[bool]:
    """Per token of the Doc: `word_test(lemma, lower, venues, talk_terms)` under the topic in force, from the token
    arrays (no Token objects). Computed once per Doc, test and topic: the prefilters of the stance rules."""
    caches = _caches(doc)
    venues, terms = _topic()
    key = (word_test, venues, terms)
    flags = caches.word_flags.get(key)
    if flags is None:
        lemmas, lowers = _token_arrays(doc)[:2]
        flags = caches.word_flags[key] = [word_test(lemma, lower, venues, terms)
                                          for lemma, lower in zip(lemmas, lowers)]
    return flags


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the sentence of each token (`Token.sent`), computed once per Doc."""
    caches = _caches(doc)
    bounds = caches.bounds
    if bounds is None:
        bounds = []
        for sent in doc.sents:
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        caches.bounds = bounds
    return bounds


def _keys(tok: Token) -> tuple[str, ...]:
    """The lowercase lemma and word form: both are tried against the lexicons (Title Case headlines)."""
    caches = _caches(tok.doc)
    keys = caches.keys
    if keys is None:  # every token's keys at once, from the lemma and form arrays
        lemmas, lowers = _token_arrays(tok.doc)[:2]
        keys = caches.keys = [_keys_of(lemma, lower) for lemma, lower in zip(lemmas, lowers)]
    return keys[tok.i]


@functools.lru_cache(maxsize=65536)
def _keys_of(lemma: str, lower: str) -> tuple[str, ...]:
    """`_keys` of a token with this lowercase lemma and lowercase form."""
    # Title-Case words lemmatised as proper nouns keep their inflection ("Hopes", "Collapsed", "Talks").
    return (lemma, lower) + stems(lower)


@functools.lru_cache(maxsize=8)
def _topic_words(key: str, venues: frozenset, talk_terms: frozenset) -> tuple[frozenset, frozenset]:
    """(the topic's venues, every talk term: the general ones and the topic's own), per topic."""
    return venues, L.TALK_TERMS | talk_terms


def _topic() -> tuple[frozenset, frozenset]:
    topic = active_topic()
    return _topic_words(topic.key, topic.venues, topic.talk_terms)


def _lookup(tok: Token, table) -> Optional[str]:
    for key in _keys(tok):
        if key in table:
            return key
    return None
