"""The stance cue finders one by one (`cues.CUE_FINDERS`) and `explain_cues` naming the rule and modifiers."""
from __future__ import annotations

import pytest

from lib.extract.stance.cues import CUE_FINDERS, explain_cues, find_cue


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_finders_are_named_and_ordered():
    names = [name for name, _ in CUE_FINDERS]
    assert names[0] == "over" and names[-2:] == ["progress word", "failure word"]
    assert len(set(names)) == len(names)


def test_progress_word_needs_the_talks(nlp):
    doc = nlp("The ceasefire holds despite the clashes.")
    name, found = find_cue(_token(doc, "holds"))
    assert name == "progress word" and found.cues and found.cues[0][2] > 0
    doc = nlp("Deportations continue at Torkham.")
    name, found = find_cue(_token(doc, "continue"))
    assert found.cues == ()  # a progress word tied to no talk term counts nothing


def test_failure_word_and_over(nlp):
    doc = nlp("The talks collapsed in Istanbul.")
    name, found = find_cue(_token(doc, "collapsed"))
    assert name == "failure word" and found.cues[0][2] < 0
    doc = nlp("Negotiations are over, the minister said.")
    assert find_cue(_token(doc, "over"))[0] == "over"


def test_absent_talks(nlp):
    doc = nlp("No fourth round has been scheduled.")
    name, found = find_cue(_token(doc, "round"))
    assert name == "absent talks" and found.self_negated


def test_explain_cues_reports_rule_and_modifiers(nlp):
    doc = nlp("The talks have not collapsed.")
    [(rule, text, value, notes)] = explain_cues(next(doc.sents))
    assert rule == "failure word" and text == "collapsed" and value > 0
    assert notes and notes[0].startswith("negated")


@pytest.mark.parametrize("text,word,cue_class,cue_text", [
    ("Expectations are low for the talks.", "Expectations", "prospect evaluation", "Expectations low"),
    ("The talks could produce a deal.", "produce", "outcome verb", "produce"),
    ("We pray the talks succeed.", "pray", "wish", "pray ... succeed"),
    ("Both sides aim to end decades of conflict.", "end", "ending the conflict", "end"),
    ("The attack cast a shadow over the talks.", "shadow", "shadow over the talks", "cast a shadow"),
    ("The delegation arrived in Doha.", "arrived", "", None),
])
def test_each_cue_class_names_itself(nlp, text, word, cue_class, cue_text):
    from lib.extract.stance.classes import class_cue_rule

    name, result = class_cue_rule(next(t for t in nlp(text) if t.text == word))
    assert name == cue_class
    assert (result[1] if result else None) == cue_text


def test_a_class_that_does_not_count_stops_the_search(nlp):
    """"we pray the talks succeed": the outcome verb is of its class, but the wish verb is the cue."""
    from lib.extract.stance.classes import class_cue_rule

    succeed = next(t for t in nlp("We pray the talks succeed.") if t.text == "succeed")
    assert class_cue_rule(succeed) == ("outcome verb", (None,))


# One sentence of our own per finder and per talk-term rule, beside the seeds: the words the prefilters start from.
FINDER_SENTENCES = [
    "Negotiations are over, officials said.",
    "The so-called peace process stalled again.",
    "No fourth round has been scheduled; there is no plan for a fourth round.",
    "Expectations are low and prospects look bleak.",
    "We pray the talks succeed and produce a lasting deal.",
    "The mediators aim to end decades of conflict and bring an end to the war.",
    "The border clashes cast a shadow over the talks.",
    "Security failures and economic progress were discussed in the Istanbul process.",
    "The ceasefire holds, but the truce collapsed in the north; the framework was agreed.",
]


def test_the_cue_prefilter_skips_only_tokens_no_finder_answers_for(nlp, seed_docs):
    """`_cue_word_flags` may skip a token only when every finder answers None for it, and `_starts_a_rule` only
    when no talk-term, 'over' or ending rule holds: checked on every token of the seeds and of our sentences (a
    finder added without its words in the prefilter fails here)."""
    from lib.extract.stance.cues import _cue_word_flags
    from lib.extract.stance.topic import _ending_conflict, _is_over_predicate, _starts_a_rule, is_talk_term

    docs = list(seed_docs.values()) + list(nlp.pipe(FINDER_SENTENCES))
    answered = skipped = 0
    for doc in docs:
        cue_flags, rule_flags = _cue_word_flags(doc), _starts_a_rule(doc)
        for tok in doc:
            answers = [name for name, finder in CUE_FINDERS if finder(tok) is not None]
            answered += bool(answers)
            if not cue_flags[tok.i]:
                skipped += 1
                assert not answers, (tok.text, answers)
            if not rule_flags[tok.i]:
                assert not (is_talk_term(tok) or _is_over_predicate(tok) or _ending_conflict(tok)), tok.text
    assert answered > 100 and skipped > 1000  # both sides of the filter are exercised
