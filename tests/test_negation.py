"""lib/extract/negation.py: why a word is negated, rule by rule (NEGATION_RULES), on sentences of the kind news
reports carry; each rule alone, and the first that answers decides."""
from __future__ import annotations

import pytest

from lib.extract.negation import NEGATION_RULES, negated

CASES = [  # (sentence, the word, the reason, the rule that decides)
    ("The talks did not fail.", "fail", "neg", "neg child"),
    ("There was no progress in Doha.", "progress", "no", "negating word"),
    ("Neither Türkiye nor Qatar has ended its mediation.", "ended", "no subject", "negated subject"),
    ("No side walked out of the talks.", "walked", "no subject", "negated subject"),
    ("The envoy is not optimistic about the talks.", "optimistic", "neg", "negated head"),
    ("There is a lack of trust between the two sides.", "trust", "lack of", "lack of"),
    ("They left without reaching an agreement.", "agreement", "without", "without above"),
    ("Kabul refused to sign the agreement.", "sign", "refuse to", "negating governor"),
    ("Neither wants to see its mediation fail.", "see", "no subject", "negated complement"),
    ("He does not think the talks will succeed.", "succeed", "not think", "negated complement"),
]


def _token(nlp, text, word):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize("text,word,why,rule", CASES)
def test_each_rule_names_its_reason(nlp, text, word, why, rule):
    tok = _token(nlp, text, word)
    assert negated(tok) == why
    answering = [name for name, holds in NEGATION_RULES if holds(tok) is not None]
    assert answering[0] == rule


@pytest.mark.parametrize("text,word", [
    ("The talks made progress.", "progress"),
    ("Kabul agreed to sign the agreement.", "sign"),
    ("They left after reaching an agreement.", "agreement"),
    ("He thinks the talks will succeed.", "succeed"),
])
def test_no_rule_holds_without_a_negation(nlp, text, word):
    tok = _token(nlp, text, word)
    assert negated(tok) is None
    assert [name for name, holds in NEGATION_RULES if holds(tok) is not None] == []
