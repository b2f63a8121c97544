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



def _attribute(nlp, text: str, written: str, quotes=()):
    """(source, rule) for the figure written `written` in `text`."""
    from lib.extract.figures import _readings
    from lib.extract.figures.attribution import attribution_rule

    doc = nlp(text)
    for _, c, num, _, _ in _readings(doc, text, None)[1]:
        if written in text[c.start:c.end]:
            return attribution_rule(c, doc, num.sent, num, quotes)
    raise AssertionError(f"no figure {written!r} read in {text!r}")


@pytest.mark.parametrize("text,written,source,rule", [
    ("More than 1,200 Afghans were returned last week, according to the UN refugee agency.", "1,200",
     "UN refugee agency", "according-to phrase"),
    ("The IOM recorded nearly 80,000 deportations in October.", "80,000", "IOM", "governing verb"),
    ("Officials said 23 soldiers were killed in the clashes.", "23", "Officials", "governing verb"),
    ("At least 23 soldiers were martyred in the attack, the military's media wing said.", "23",
     "military's media wing", "governing verb"),
    ("About 300 families crossed the border on Sunday.", "300", "", ""),
])
def test_each_attribution_rule_names_itself(nlp, text, written, source, rule):
    assert _attribute(nlp, text, written) == (source, rule)


def test_a_figure_inside_a_quote_is_given_by_its_speaker(nlp):
    from lib.records import Quote

    text = "“We have sent back 5,000 people this month,” the minister said."
    quote = Quote(quote="We have sent back 5,000 people this month,", start_char=1, end_char=text.index("”"),
                  spans=((1, text.index("”")),), sentence=text, speaker="Minister")
    assert _attribute(nlp, text, "5,000", (quote,)) == ("Minister", "enclosing quote")
    assert _attribute(nlp, text, "5,000")[1] != "enclosing quote"


def test_the_trailing_speech_verb_rule_alone_reads_a_source_after_a_comma(nlp):
    """The fallback for a parse that hangs the speech verb off the main clause: alone, it finds the source the
    governing-verb rule finds on a good parse; it needs a comma (or dash) before the subject."""
    from lib.extract.figures import _readings
    from lib.extract.figures.attribution import _from_trailing_speech_verb

    for text, expected in [
        ("At least 23 soldiers were martyred in the attack, the military's media wing said.", "military's media wing"),
        ("At least 23 soldiers were martyred in the attack and the military's media wing said so.", ""),
    ]:
        doc = nlp(text)
        (_, c, num, _, _), = [r for r in _readings(doc, text, None)[1] if "23" in text[r[1].start:r[1].end]]
        assert _from_trailing_speech_verb(c, doc, num.sent, num, ()) == expected
