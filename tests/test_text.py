"""The shared text notions of lib/extract/text.py: paragraphs, the headline, months, stems."""
from __future__ import annotations

from lib.extract.text import (MONTH_NUMBERS, MONTH_WORDS, blank_line_paragraph, headline_paragraphs, headline_range,
                              paragraph_of, paragraph_spans, stems)


def test_paragraphs():
    text = "Talks resume\n\nThe delegations met.\n \nThey agreed."
    assert paragraph_spans(text) == [(0, 12), (14, 34), (37, 49)]
    assert paragraph_of(40, paragraph_spans(text)) == 2
    assert blank_line_paragraph(text, 40) == 2


def test_headline():
    text = ("Talks resume in Doha\n\nThe delegations met on Tuesday and agreed to meet again next week in Doha."
            "\n\nA cross-head")
    assert headline_range(text, "Talks resume in Doha") == (0, 20)
    assert headline_range(text, "talks  RESUME in doha") is None or headline_range(text, "talks  RESUME in doha")
    assert headline_range(text, "Something else") is None
    assert headline_paragraphs(text) == {0, 2}


def test_months_and_stems():
    assert MONTH_NUMBERS["sept"] == MONTH_NUMBERS["september"] == 9 and MONTH_NUMBERS["may"] == 5
    assert {"January", "Jan", "Sept"} <= set(MONTH_WORDS)
    assert stems("talks") == ("talk",)
    assert stems("collapsed") == ("collapse", "collaps")
