"""The figure rules one by one: each rejection rule of `filters.REJECT_RULES` and keep rule of `filters.KEEP_RULES`
on real-looking sentences, and `explain_figures` naming the rule that decided."""
from __future__ import annotations

import pytest

from lib.extract.figures import explain_figures
from lib.extract.figures.filters import REJECT_RULES, Surround, _rejected
from lib.extract.figures.scan import _scan

def _candidate(text: str, written: str):
    return next(c for c in _scan(text) if text[c.start:c.end].strip(" ,.") == written)


@pytest.mark.parametrize("text,written,rule", [
    ("The talks resumed at 10:30 in Istanbul.", "10", "time"),
    ("The ceasefire took effect on October 19 after a week of clashes.", "19", "date"),
    ("Trade fell sharply in 2023 after the border closed.", "2023", "year"),
    ("Under Article 245, the army was called in.", "245", "identifier"),
    ("A 10-member delegation arrived in Doha.", "10", "compound"),
    ("The talks lasted four days in Istanbul.", "four", "duration"),
    ("The border runs for 2,600 km through the mountains.", "2,600", "measure"),
])
def test_each_rejection_rule_alone(nlp, text, written, rule):
    c, doc = _candidate(text, written), nlp(text)
    holding = [name for name, holds in REJECT_RULES if holds(Surround(c, text, doc))]
    assert holding[0] == rule
    assert _rejected(c, text, doc, [], []) == rule


@pytest.mark.parametrize("text,written", [
    ("Pakistan deported 1,500 Afghans last week.", "1,500"),
    ("In 2000 refugees crossed at Torkham.", "2000"),  # a year-like count of people is still a count
])
def test_amounts_pass_every_rejection_rule(nlp, text, written):
    c = _candidate(text, written)
    around = Surround(c, text, nlp(text))
    assert [name for name, rule in REJECT_RULES if rule(around)] == []


def test_explain_names_the_deciding_rules(nlp):
    text = ("Pakistan deported 1,500 Afghans in 2023, officials said. The talks lasted four days. "
            "The two countries met again, and three family members were reunited.")
    explained = {written: (verdict, rule) for written, verdict, rule in explain_figures(nlp(text))}
    assert explained["1,500"] == ("kept as deportations", "category")
    assert explained["2023"] == ("rejected", "year")
    assert explained["four"] == ("rejected", "duration")
    assert explained["two"] == ("dropped", "discourse noun")
    assert explained["three"] == ("dropped", "kin")


def test_explain_lists_what_extract_keeps(nlp):
    from lib.extract.figures import extract_figures

    doc = nlp("Dozens of soldiers were killed near the border. Thousands of trucks waited at Chaman.")
    kept = [written for written, verdict, _ in explain_figures(doc) if verdict.startswith("kept")]
    assert kept == [f.text for f in extract_figures(doc)]
    assert ("Thousands", "dropped", "vague amount") in explain_figures(doc)
