"""Sentence / paragraph sentiment: raw TextBlob kept, domain-adjusted polarity, masking, offsets, paragraphs, and
the one-TextBlob-run-per-sentence cost rule."""
from __future__ import annotations

import re

import pytest
from textblob import TextBlob

import lib.extract.sentiment as sentiment
from lib.extract.sentiment import document_sentiment, domain_lexicon, paragraph_rows, score_doc_span, score_text
from lib.extract.stance import sentence_rows
from lib.extract.text import paragraph_spans
from lib.records import Quote


# --------------------------------------------------------------------------------------------------------------
# score_text
# --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,raw,adjusted", [
    # TextBlob is blind to the domain: raw 0, adjusted negative (mean of collapse, treachery, deport)
    ("ceasefire truce collapsed treachery deported", 0.0, (-0.6 - 0.8 - 0.3) / 3),
    ("The truce collapsed.", 0.0, -0.6),
    # "more" is quantity, not approval
    ("one more chance", 0.5, 0.0),
    ("More than 500,000 Afghans were deported.", 0.5, -0.3),
    # negation of a domain word: x -0.5, TextBlob's own rule
    ("The talks have not collapsed.", 0.0, 0.3),
    # words TextBlob already knows are untouched
    ("The meeting was very good.", 0.91, 0.91),
    ("", 0.0, 0.0),
])
def test_score_text(text, raw, adjusted):
    pol, subj, adj = score_text(text)
    assert pol == pytest.approx(raw, abs=1e-3)
    assert adj == pytest.approx(adjusted, abs=1e-3)
    assert 0.0 <= subj <= 1.0


def test_raw_polarity_is_textblob():
    text = "The talks were constructive, but the deadlock was a terrible setback."
    pol, subj, _ = score_text(text)
    blob = TextBlob(text).sentiment
    assert (pol, subj) == pytest.approx((blob.polarity, blob.subjectivity))


def test_lexicon_is_documented_data():
    lex = domain_lexicon()
    assert lex["collapse"] < 0 and lex["treachery"] < 0 and lex["breakthrough"] > 0 and lex["more"] == 0
    assert all(-1.0 <= v <= 1.0 for v in lex.values())
    lines = [ln for ln in sentiment.LEXICON_PATH.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#") and not ln.startswith("term,")]
    assert all(len(ln.split(",", 2)) == 3 and ln.split(",", 2)[2].strip() for ln in lines)  # a why per entry


# --------------------------------------------------------------------------------------------------------------
# Sentence rows on a Doc
# --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,raw,adjusted", [
    # an outlet name and a headline-cased name carry no sentiment
    ("Good News Network reported the meeting in Islamabad.", 0.7, 0.0),
    ("Khawaja Asif Positive Outcome Turkey Qatar Talks Boost Diplomatic Hopes", 0.2273, 0.3),  # only "Hopes"
    ("The mediators gave the dialogue one more chance.", 0.5, 0.0),
    ("The talks did not collapse.", 0.0, 0.3),  # negation from the parse
    ("Speaking to Geo News, Asif said the talks were good.", 0.7, 0.7),
])
def test_sentence_adjusted_masks_names_and_numbers(nlp, text, raw, adjusted):
    (row,) = sentence_rows(nlp(text))
    assert row.polarity == pytest.approx(raw, abs=1e-3)
    assert row.polarity_adjusted == pytest.approx(adjusted, abs=1e-3)


TEXT = ("Talks resume in Istanbul\n\n"
        "Pakistan and Afghanistan agreed to extend the ceasefire. The mood was good.\n\n"
        "   \n\n"
        "“We are hopeful about the next steps,” the minister said. The border stayed closed.")


def test_sentence_rows_offsets_paragraphs_and_voice(nlp):
    doc = nlp(TEXT)
    rows = sentence_rows(doc)
    assert [r.index for r in rows] == list(range(len(rows)))
    for r in rows:
        assert r.text == doc.text[r.start_char:r.end_char] == r.text.strip() != ""
    assert [r.paragraph for r in rows] == [0, 1, 1, 2, 2]
    assert [r.about_talks for r in rows] == [True, True, False, False, False]
    assert rows[1].stance_cue == pytest.approx(1.0)
    assert [r.voice for r in rows] == ["outlet", "outlet", "outlet", "quoted", "outlet"]


def test_voice_follows_the_quote_records(nlp):
    doc = nlp(TEXT)
    start = TEXT.index("We are hopeful")
    end = TEXT.index(",” the minister")
    quote = Quote(quote=TEXT[start:end], start_char=start, end_char=end, spans=((start, end),), sentence="")
    assert [r.voice for r in sentence_rows(doc, [quote])][3] == "quoted"
    other = Quote(quote="x", start_char=0, end_char=5, spans=((0, 5),), sentence="")  # covers "Talks" only
    assert [r.voice for r in sentence_rows(doc, [other])] == ["outlet"] * 5


def test_paragraph_spans():
    assert paragraph_spans("a b\n\n\n c\n \nd  \n") == [(0, 3), (7, 8), (11, 12)]
    assert paragraph_spans("") == []


def test_paragraph_rows_aggregate_sentences(nlp):
    doc = nlp(TEXT)
    paras = paragraph_rows(doc)
    assert [p["index"] for p in paras] == [0, 1, 2]
    assert [TEXT[p["start_char"]:p["end_char"]] for p in paras] == [
        "Talks resume in Istanbul",
        "Pakistan and Afghanistan agreed to extend the ceasefire. The mood was good.",
        "“We are hopeful about the next steps,” the minister said. The border stayed closed."]
    # the assessment-weighted mean of the sentences equals TextBlob on the whole paragraph
    body = TEXT[paras[1]["start_char"]:paras[1]["end_char"]]
    assert paras[1]["polarity"] == pytest.approx(TextBlob(body).sentiment.polarity, abs=1e-3)
    assert paras[1]["subjectivity"] == pytest.approx(TextBlob(body).sentiment.subjectivity, abs=1e-3)
    assert set(paras[0]) == {"index", "start_char", "end_char", "polarity", "subjectivity", "polarity_adjusted"}


def test_textblob_runs_once_per_sentence(nlp, monkeypatch):
    doc = nlp(TEXT)
    calls = []
    real = sentiment._assess
    monkeypatch.setattr(sentiment, "_assess", lambda text: calls.append(text) or real(text))
    rows = sentence_rows(doc)
    assert len(calls) == len(rows)
    paragraph_rows(doc)
    document_sentiment(doc)
    assert len(calls) == len(rows)  # paragraphs and the article reuse the cached sentence runs


def test_score_doc_span_masks_names(nlp):
    text = "Good News Network said the truce collapsed."
    doc = nlp(text)
    pol, _, adj = score_doc_span(doc, 0, len(text))
    assert pol == pytest.approx(0.7) and adj == pytest.approx(-0.6)


def test_seed_rows_are_consistent(seed_docs):
    for key, doc in seed_docs.items():
        rows = sentence_rows(doc)
        assert rows, key
        n_paragraphs = len(paragraph_spans(doc.text))
        assert len(paragraph_rows(doc)) == n_paragraphs
        for r in rows:
            assert doc.text[r.start_char:r.end_char] == r.text
            assert 0 <= r.paragraph < n_paragraphs
            assert -1 <= r.polarity <= 1 and -1 <= r.polarity_adjusted <= 1 and 0 <= r.subjectivity <= 1
            assert -1 <= r.stance_cue <= 1 and r.voice in ("outlet", "quoted")
            assert r.about_talks or r.stance_cue == 0
        assert not any(re.fullmatch(r"\s*", r.text) for r in rows)


def test_seed_domain_words_move_the_adjusted_score(seed_docs):
    rows = {r.text: r for r in sentence_rows(seed_docs["002"])}
    row = next(r for t, r in rows.items() if t.startswith("The collapse of the talks"))
    assert row.polarity_adjusted < row.polarity  # collapse and setback are invisible to TextBlob
