"""lib/extract/doctext.py: a Doc's text read once, and a span's text as a slice of it, equal to spaCy's own."""
from __future__ import annotations

from spacy.tokens import Doc

from lib.extract.doctext import doc_text, span_text

SENTENCES = [
    "The delegations met in Doha on Sunday.  They agreed to meet again next week.",
    "“We are ready to talk,” the minister said, “but only on our terms.”\n\nTalks resumed on 6 November.",
]


def test_span_text_equals_spacys_for_every_sentence_and_token(nlp):
    for text in SENTENCES:
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text
        for span in [*doc.sents, *(doc[i:i + 1] for i in range(len(doc))), doc[2:5]]:
            assert span_text(span) == span.text


def test_an_empty_span_has_no_text(nlp):
    doc = nlp(SENTENCES[0])
    assert span_text(doc[3:3]) == ""


def test_the_text_is_built_once(nlp):
    doc = nlp(SENTENCES[0])
    first = doc_text(doc)
    assert doc.text is not doc.text  # spaCy builds a new string on each access
    assert doc_text(doc) is first  # kept, not rebuilt


def test_a_doc_built_from_words_reads_the_same(nlp):
    doc = Doc(nlp.vocab, words=["Ceasefire", "holds", "."], spaces=[True, False, False])
    assert doc_text(doc) == "Ceasefire holds."
    assert span_text(doc[1:]) == "holds."
