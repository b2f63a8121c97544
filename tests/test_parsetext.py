"""What the parser is given (lib/ingest/parsetext.py) and how lib.ingest.nlp parses it: runs of punctuation and
unbroken runs blanked at the same length (offsets into the stored text hold), long texts cut into pieces joined into
one Doc, batches bounded by characters; hand-checked cases with negatives."""
from __future__ import annotations

import time

import pytest

from lib.ingest import parsetext
from lib.ingest.nlp import parse, parse_many


@pytest.mark.parametrize("text, expected", [
    ('He said "' + '"' * 40 + ' end', 'He said ' + ' ' * 41 + ' end'),  # a run of quote marks
    ("Intro\n\n----------\n\nBody", "Intro\n\n          \n\nBody"),  # a separator line of ten
    ("Stars ★★★★★★★★★★★★ here", "Stars " + " " * 12 + " here"),  # symbols count as punctuation
    ("x" + "'s" * 200 + " tail", " " * 401 + " tail"),  # an unbroken run of 401 characters
    ("see https://example.org/" + "a" * 300 + " now", "see " + " " * 320 + " now"),  # a 320-character URL
])
def test_parser_text_blanks_runs_at_the_same_length(text, expected):
    blanked = parsetext.parser_text(text)
    assert blanked == expected
    assert len(blanked) == len(text)


@pytest.mark.parametrize("text", [
    'He said: “We will not wait for ever.”’ Then he left...',  # nested closing marks, an ellipsis
    "Wait?!?!?!?! No.",  # nine marks: below the run length
    "“Talks,” he said — “are over”.",
    "https://www.dawn.com/news/1950000/pakistan-afghan-talks-resume-in-istanbul-after-deadlock",  # a real URL
    "_" * 9 + " and " + "." * 9,
])
def test_parser_text_keeps_ordinary_punctuation(text):
    assert parsetext.parser_text(text) == text


@pytest.mark.parametrize("limit", [50, 120, 1000])
def test_pieces_join_back_and_respect_the_limit(limit):
    text = "\n\n".join(f"Paragraph {i} says the talks resumed. It adds more words here." for i in range(40))
    parts = parsetext.pieces(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)
    assert len(parts) > 1


def test_pieces_cut_at_paragraph_breaks_first_then_sentences_then_spaces():
    assert parsetext.pieces("aaaa bbbb.\n\ncccc dddd", 15) == ["aaaa bbbb.\n\n", "cccc dddd"]
    assert parsetext.pieces("One two. Three four five", 15) == ["One two. ", "Three four five"]
    assert parsetext.pieces("one two three four", 10) == ["one two ", "three four"]
    assert parsetext.pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # no break at all: at the limit
    assert parsetext.pieces("short", 10) == ["short"]


def test_batches_bound_count_and_characters():
    texts = ["a" * 30, "b" * 30, "c" * 50, "d" * 5, "e" * 5, "f" * 5]
    groups = list(parsetext.batches(texts, max_count=2, max_chars=60))
    assert groups == [["a" * 30, "b" * 30], ["c" * 50, "d" * 5], ["e" * 5, "f" * 5]]
    assert list(parsetext.batches(["z" * 100], max_count=4, max_chars=60)) == [["z" * 100]]  # alone, whole


# ------------------------------------------------------------------------------------------------ with the model

def _article_text(paragraphs: int) -> str:
    from tests.fixtures_hostile import seed_paragraphs

    paras = seed_paragraphs()
    return "\n\n".join(paras[i % len(paras)] for i in range(paragraphs))


def test_a_long_text_parsed_in_pieces_is_one_doc_like_the_whole(nlp, monkeypatch):
    text = _article_text(12)
    whole = nlp(text)
    monkeypatch.setattr(parsetext, "PIECE_CHARS", 700)  # several pieces, each cut at a paragraph break
    assert len(parsetext.pieces(text)) > 3
    doc = parse(text, nlp)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in whole]
    assert [t.idx for t in doc] == [t.idx for t in whole]
    # sentences never cross a paragraph break, so the pieces' sentences are the whole text's
    assert [(s.start_char, s.end_char) for s in doc.sents] == [(s.start_char, s.end_char) for s in whole.sents]
    assert [t.head.i for t in doc][:40] == [t.head.i for t in whole][:40]  # heads point within the joined Doc
    assert {(e.start_char, e.label_) for e in doc.ents} and all(e.text == text[e.start_char:e.end_char]
                                                               for e in doc.ents)


def test_parse_many_keeps_the_order_of_texts_of_mixed_sizes(nlp, monkeypatch):
    monkeypatch.setattr(parsetext, "PIECE_CHARS", 600)
    monkeypatch.setattr(parsetext, "BATCH_CHARS", 1500)
    texts = [_article_text(n) for n in (1, 9, 2, 14, 1)]
    docs = list(parse_many(texts, nlp, batch_size=3))
    assert [d.text for d in docs] == texts


def test_a_run_of_40000_quote_marks_parses_in_seconds_with_offsets_kept(nlp):
    lead = "Pakistan and Afghanistan resumed talks in Istanbul on Thursday, officials said. "
    text = lead + '"' * 40_000 + " The mediators said talks would continue."
    started = time.perf_counter()
    doc = parse(text, nlp)
    seconds = time.perf_counter() - started
    assert seconds < 10  # whole, it took minutes (the tokenizer is quadratic on such a run)
    assert len(doc.text) == len(text)
    mediators = next(t for t in doc if t.text == "mediators")
    assert text[mediators.idx:mediators.idx + len("mediators")] == "mediators"
