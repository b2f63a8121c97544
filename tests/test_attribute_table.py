"""The attribute ruler and the lemmatizer as tables (lib/ingest/attribute_table.py, lemma_table.py) give the Doc
spaCy's own components give: token for token on real pages and on sentences of our own, rule by rule on rulers made
here (order, several-token rules, the Matcher's value forms); a ruler the table cannot reproduce is refused. And the
line-break rule's tokens (lib/ingest/nlp.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from lib.ingest import nlp as nlp_module
from lib.ingest.attribute_table import AttributeTable, use_attribute_table
from lib.ingest.lemma_table import LemmaTable

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpora" / "negotiations" / "pages"

OWN_SENTENCES = [
    "We're gonna sign it, ain't we? He gets the point and got the deal.",
    "The talks   in Doha\n\nresumed on Monday, officials said; \"We won't leave,\" she said.",
    "It's theirs, not ours: y'all can't say 'em otherwise.",
]


def _token_rows(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def stock_model():
    """The same model with spaCy's own attribute ruler (loaded apart from the shared one)."""
    nlp_module.load_model.cache_clear()
    nlp_module.FAST_TABLES = False
    try:
        model = nlp_module.load_model()
    finally:
        nlp_module.FAST_TABLES = True
        nlp_module.load_model.cache_clear()
    assert type(model.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(model.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    return model


def test_the_model_runs_the_tables_under_the_components_names(nlp, stock_model):
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeTable)
    assert isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)
    assert nlp.pipe_names == stock_model.pipe_names  # same components, same order, same names


def test_same_doc_as_spacys_ruler_on_seeds_real_pages_and_own_sentences(nlp, stock_model, seed_articles):
    from lib.ingest.loader import load_folder

    texts = OWN_SENTENCES + [a.text for a in seed_articles.values()]
    if PAGES.is_dir():
        pages, _ = load_folder(PAGES)
        texts += [a.text for a in pages]
    for ours, theirs in zip(nlp.pipe(texts), stock_model.pipe(texts)):
        assert _token_rows(ours) == _token_rows(theirs)


def _doc(vocab, words, tags, deps=None, heads=None) -> Doc:
    deps = deps or ["dep"] * len(words)
    heads = heads or [0] * len(words)
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBD"]}}]], "attrs": {"POS": "VERB"}},
    # a later rule overrides an earlier one's attribute on the same token
    {"patterns": [[{"LOWER": "talks", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "LEMMA": "talk"}},
    {"patterns": [[{"LOWER": {"REGEX": "^(?:wo|ca)$"}}, {"LOWER": "n't"}]], "attrs": {"LEMMA": "not"}, "index": -1},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": {"NOT_IN": ["dep"]}, "TAG": "NN"}]], "attrs": {"DEP": "nsubj"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    # an operator: left to a Matcher of its own, still applied in its place in the order
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADV"}, "index": 0},
]


def _rulers(patterns):
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(patterns)
    table = AttributeTable.from_ruler(ruler)
    assert table is not None
    return vocab, ruler, table


def test_rules_apply_in_order_as_spacys_ruler_applies_them():
    vocab, ruler, table = _rulers(PATTERNS)
    words = ["The", "talks", "gon", "na", "fail", ",", "wo", "n't", "they", "\n", "very", "very", "bad", "deal"]
    tags = ["DT", "NN", "VBG", "TO", "VB", ",", "MD", "RB", "PRP", "", "RB", "RB", "JJ", "NN"]
    deps = ["det", "dep", "aux", "aux", "ROOT", "punct", "aux", "neg", "nsubj", "dep", "advmod", "advmod", "amod",
            "obj"]
    theirs = ruler(_doc(vocab, words, tags, deps))
    ours = table(_doc(vocab, words, tags, deps))
    assert _token_rows(ours) == _token_rows(theirs)
    by_word = {t.i: t for t in ours}
    assert (by_word[1].pos_, by_word[1].lemma_, by_word[1].dep_) == ("PROPN", "talk", "dep")  # third rule won
    assert (by_word[2].lemma_, by_word[3].lemma_) == ("go", "to")
    assert (by_word[6].lemma_, by_word[7].lemma_) == ("", "not")  # index -1: the last token of the match
    assert by_word[9].tag_ == "_SP" and by_word[9].pos_ == "SPACE"
    assert by_word[10].pos_ == "ADV" and by_word[11].pos_ == "ADV"  # the Matcher's rule, one match per start
    assert by_word[13].dep_ == "nsubj" and str(by_word[13].morph) == "Number=Sing"


def test_a_ruler_setting_what_the_table_does_not_write_is_refused():
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add_patterns([{"patterns": [[{"LOWER": "talks"}]], "attrs": {"NORM": "talk"}}])
    assert AttributeTable.from_ruler(ruler) is None
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns([{"patterns": [[{"LOWER": "talks"}]], "attrs": {"NORM": "talk"}}])
    assert use_attribute_table(nlp) is False
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_an_empty_doc_passes_through():
    vocab, _ruler, table = _rulers(PATTERNS)
    assert len(table(Doc(vocab, words=[]))) == 0


LINE_BREAK_TEXTS = ["Talks resume\nPakistan has agreed to talks.", "\n\nA headline\n", "x \n \n y", "one\n", "\n",
                    "No break at all.", "Two\n\nparagraphs here\nand a third line"]


@pytest.mark.parametrize("text", LINE_BREAK_TEXTS)
def test_line_breaks_found_from_the_text_are_those_of_every_token(nlp, text):
    """`_after_line_breaks` (from the text's line breaks) names the tokens a visit of every token would."""
    doc = nlp.make_doc(text)
    visited = [t.i for t in doc[1:] if "\n" in doc[t.i - 1].text or "\n" in doc[t.i - 1].whitespace_]
    assert nlp_module._after_line_breaks(doc) == visited


def test_a_line_break_starts_a_sentence_and_keeps_the_next_word_in_it(nlp):
    doc = nlp("Ceasefire talks resume\nPakistan has agreed to a second round.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Pakistan" in starts and "has" not in starts
