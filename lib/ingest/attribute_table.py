"""The model's attribute ruler run as a lookup table: the same parts of speech, morphology, lemmas, tags and labels
as spaCy's `AttributeRuler`, set in one pass over the Doc's arrays.

spaCy's ruler runs a Matcher of all its rules over every Doc and then sets each match's attributes one Span at a
time; in the English model nearly every rule looks at one token only (its tag, its lowercase form, its label, whether
it is a space), and every token matches one or more of them, so the ruler costs about a tenth of the whole parse.
Here a one-token rule is decided once per distinct (tag, lowercase form, label, is-space) and remembered; the few
rules that span several tokens still go through a Matcher of their own. Rules apply in the ruler's order, a later
one overriding an earlier one's attribute, exactly as the ruler sorts its matches.

`use_attribute_table(nlp)` puts the table in place of the model's ruler (spaCy's `replace_pipe`, the name kept:
`nlp.pipe_names` does not change), made from the ruler's own patterns by the registered factory "attribute_table".
`AttributeTable.from_ruler` returns None for a ruler it cannot reproduce exactly (a rule setting an attribute other
than those in WRITABLE, or an extension attribute): the model then keeps spaCy's own component.
tests/test_attribute_table.py checks token for token, on real pages, that both give the same Doc.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

# What a one-token rule may test, and how: the Matcher's key -> the Token attribute it compares.
KEYS: tuple[str, ...] = ("TAG", "LOWER", "DEP", "IS_SPACE")
# What a rule may set to be reproduced here (token attributes only: the ruler also writes a lexeme's, but none of
# these is a lexeme attribute).
WRITABLE: tuple[str, ...] = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
CACHE_LIMIT = 100_000  # distinct token keys remembered (~30 MB at most); past it the table starts afresh


def _value_test(value) -> Optional[callable]:
    """A predicate on a token's string (or bool) value for one Matcher value, or None when it is not one of the
    forms reproduced here: a plain value, {"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": "..."}."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda v: v in allowed
        if op == "NOT_IN":
            refused = frozenset(arg)
            return lambda v: v not in refused
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda v: bool(pattern.search(v))
    return None


def _token_test(spec: dict) -> Optional[callable]:
    """A predicate on (tag, lower, dep, is_space) for one token of a pattern, or None when it tests anything else
    (an operator, another attribute, a value form not reproduced)."""
    if not spec or any(key not in KEYS for key in spec):
        return None
    tests = []
    for key, value in spec.items():
        test = _value_test(value)
        if test is None:
            return None
        tests.append((KEYS.index(key), test))
    return lambda values: all(test(values[k]) for k, test in tests)


class AttributeTable:
    """A spaCy pipeline component equal in effect to the AttributeRuler it was made from (see the module's doc)."""

    def __init__(self, vocab, written: list[int], one_token: list[tuple[int, callable, tuple]],
                 sequences: list[tuple[int, int, tuple, tuple]], matcher, matched: dict[str, tuple[int, int, tuple]]):
        self.vocab = vocab
        self.written = written  # attribute ids of the columns this component writes
        self.one_token = one_token  # (rule order, test on the token's key values, values to write or None)
        self.sequences = sequences  # (rule order, index in the match, a test per token, values): fixed length
        self.matcher = matcher  # any other rule, keyed by str(rule order), or None when there is none
        self.matched = matched  # str(rule order) -> (rule order, index in the match, values) of the Matcher's rules
        self._decided: dict[tuple, tuple] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> Optional[AttributeTable]:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        written = [IDS[name] for name in WRITABLE]
        if any(attr not in written for attrs in ruler.attrs for attr in attrs):
            return None
        matcher = Matcher(ruler.vocab)
        one_token, sequences, matched = [], [], {}
        for order, (pattern, attrs, index) in enumerate(zip(ruler.patterns, ruler.attrs, ruler.indices)):
            values = tuple(attrs.get(attr) for attr in written)
            alternatives = pattern["patterns"]
            tests = [tuple(_token_test(spec) for spec in alt) for alt in alternatives]
            if not all(all(alt) and -len(alt) <= index < len(alt) for alt in tests):
                matcher.add(str(order), alternatives)
                matched[str(order)] = (order, index, values)
                continue
            for alt in tests:
                if len(alt) == 1:
                    one_token.append((order, alt[0], values))
                else:
                    sequences.append((order, index, alt, values))
        return cls(ruler.vocab, written, one_token, sequences, matcher if matched else None, matched)

    def _decide(self, key: tuple) -> tuple:
        """For a token with these key values: the (rule order, values) of each one-token rule it matches, in
        order; what they write together, as (column, value) pairs (a later rule's value wins); and the
        (sequence, position) pairs of the fixed-length rules whose token at that position it satisfies."""
        strings = self.vocab.strings
        values = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
        if len(self._decided) > CACHE_LIMIT:
            self._decided.clear()
        rules = tuple((order, vals) for order, test, vals in self.one_token if test(values))
        positions = frozenset((n, k) for n, (_order, _index, tests, _vals) in enumerate(self.sequences)
                              for k, test in enumerate(tests) if test(values))
        found = self._decided[key] = (rules, _merged(rules), positions)
        return found

    def _spanning(self, doc: Doc, decided: list[tuple]) -> dict[int, list[tuple[int, int, tuple]]]:
        """token index -> (rule order, match start, values) of each rule of several tokens that sets it."""
        out: dict[int, list] = {}
        starts = [(start, n) for start, (_r, _m, positions) in enumerate(decided) if positions
                  for n, k in positions if k == 0]
        for start, n in sorted(starts):
            order, index, tests, values = self.sequences[n]
            length = len(tests)
            if start + length <= len(decided) and all((n, k) in decided[start + k][2] for k in range(1, length)):
                target = start + index if index >= 0 else start + length + index
                out.setdefault(target, []).append((order, start, values))
        for match_id, start, end in (self.matcher(doc, allow_missing=True) if self.matcher is not None else ()):
            order, index, values = self.matched[self.vocab.strings[match_id]]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {order}: index {index} outside its match of {end - start} tokens")
            out.setdefault(target, []).append((order, start, values))
        return out

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import IDS

        if not len(doc):
            return doc
        table = self._decided
        decided = [table.get(key) or self._decide(key)
                   for key in map(tuple, doc.to_array([IDS[name] for name in KEYS]).tolist())]
        rows = doc.to_array(self.written).tolist()
        spanning = self._spanning(doc, decided) if self.sequences or self.matcher is not None else {}
        for i, (rules, merged, _positions) in enumerate(decided):
            if i in spanning:
                ordered = sorted([(order, i, vals) for order, vals in rules] + spanning[i], key=lambda r: r[:2])
                merged = _merged([(order, vals) for order, _start, vals in ordered])
            row = rows[i]
            for col, value in merged:
                row[col] = value
        doc.from_array(self.written, numpy.array(rows, dtype=numpy.uint64))
        return doc


def _merged(rules) -> tuple[tuple[int, int], ...]:
    """(column, value) pairs the rules write, applied in their order: a later rule's value wins."""
    final: dict[int, int] = {}
    for _order, values in rules:
        for col, value in enumerate(values):
            if value is not None:
                final[col] = value
    return tuple(final.items())


FACTORY = "attribute_table"


def _make_attribute_table(nlp, name: str, patterns: list):
    """The factory: spaCy's AttributeRuler given `patterns` (as `AttributeRuler.patterns` lists them), as a table."""
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    table = AttributeTable.from_ruler(ruler)
    return table if table is not None else ruler


def use_attribute_table(nlp, ruler_name: str = "attribute_ruler") -> bool:
    """The model's attribute ruler replaced by its table, when it can be reproduced exactly; True when replaced."""
    from spacy.language import Language

    if ruler_name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(ruler_name)
    if not hasattr(ruler, "patterns") or AttributeTable.from_ruler(ruler) is None:
        return False
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"patterns": []}, func=_make_attribute_table)
    nlp.replace_pipe(ruler_name, FACTORY, config={"patterns": ruler.patterns})
    return isinstance(nlp.get_pipe(ruler_name), AttributeTable)
