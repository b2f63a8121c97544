"""The model's rule lemmatizer run as a lookup table: the same lemma for every token, set from the Doc's arrays.

spaCy's rule lemmatizer visits every token as a Python object and looks its lemma up by (form, part of speech,
morphology); the lemma is a function of those three alone. Here the lemma of each distinct triple is asked of the
model's own lemmatizer once and remembered, and a Doc's lemmas are written in one `Doc.from_array`. As spaCy's, it
leaves a lemma already set (by the attribute ruler) unless the lemmatizer overwrites.

`use_lemma_table(nlp)` keeps the model's lemmatizer, renamed STOCK_NAME and disabled (it answers the table's
misses), and puts the table in its place under its name: `nlp.pipe_names` does not change. Only a lemmatizer in
"rule" mode is replaced. tests/test_attribute_table.py checks, token for token on real pages, that the Doc is the
one spaCy's components give.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

FACTORY = "lemma_table"
STOCK_NAME = "rule_lemmatizer"
CACHE_LIMIT = 100_000  # distinct (form, part of speech, morphology) remembered; past it the table starts afresh


class LemmaTable:
    """A spaCy pipeline component equal in effect to the rule lemmatizer it asks (see the module's doc)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        known, strings = self._lemmas, doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        if len(known) > CACHE_LIMIT:
            known.clear()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = known[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(value)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def _make_lemma_table(nlp, name: str):
    """The factory: a table over the model's lemmatizer, kept (disabled) as STOCK_NAME."""
    return LemmaTable(nlp.get_pipe(STOCK_NAME))


def use_lemma_table(nlp, name: str = "lemmatizer") -> bool:
    """The model's rule lemmatizer answered through its table; True when replaced."""
    from spacy.language import Language

    if name not in nlp.pipe_names or getattr(nlp.get_pipe(name), "mode", None) != "rule":
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, func=_make_lemma_table)
    nlp.rename_pipe(name, STOCK_NAME)
    nlp.add_pipe(FACTORY, name=name, after=STOCK_NAME)
    nlp.disable_pipe(STOCK_NAME)
    return True
