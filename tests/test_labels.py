"""lib/labels.py: an article named by its headline (its first words when it has none), outlet and date; missing
values as words; plain-English column headers."""
from __future__ import annotations

import pytest

from lib import labels


@pytest.mark.parametrize("title, opening, expected", [
    ("Talks resume in Istanbul", "ISLAMABAD: whatever", "Talks resume in Istanbul"),
    ("  Talks   resume ", None, "Talks resume"),
    (None, "ISLAMABAD: Khawaja Asif optimistic about Qatar-Turkey mediation efforts emerged on Saturday as "
           "Pakistan and Afghanistan extended their ceasefire following Istanbul talks. The defence minister",
     "Khawaja Asif optimistic about Qatar-Turkey mediation efforts emerged on Saturday as Pakistan…"),
    (None, "Khawaja Asif Declares Pakistan-Afghanistan Talks “Over” Amid Deadlock\n\nIslamabad, November 8, 2025 – "
           "Defence Minister", "Khawaja Asif Declares Pakistan-Afghanistan Talks “Over” Amid Deadlock"),
    (None, "Islamabad, November 8, 2025 – Defence Minister Khawaja Asif announced on Friday that the peace talks "
           "between Pakistan and the Afghan Taliban government had ended.",
     "Defence Minister Khawaja Asif announced on Friday that the peace talks between…"),
    (None, "KABUL (Reuters) - The Taliban said talks would resume. Officials in Islamabad were not available for "
           "comment on Monday evening.", "The Taliban said talks would resume"),
    (None, "", "Untitled article"),
    (float("nan"), "\n\n  \n", "Untitled article"),
])
def test_headline(title, opening, expected):
    assert labels.headline(title, opening) == expected


def test_a_headline_never_is_the_file_name():
    assert "000_96652117fce664ee.txt" not in labels.headline(None, "Pakistan and Afghanistan agreed to talk.")


@pytest.mark.parametrize("value, expected", [("2025-11-02", "2 Nov 2025"), (None, "not stated"),
                                             (float("nan"), "not stated"), ("soon", "not stated")])
def test_human_date(value, expected):
    assert labels.human_date(value) == expected


def test_article_label_reads_without_internals():
    assert labels.article_label("Talks resume", "Dawn", "2025-11-08") == "Talks resume — Dawn, 8 Nov 2025"
    assert labels.article_label(None, None, None) == "Untitled article — unknown, date not stated"


def test_text_or_and_headers():
    assert labels.text_or(None) == labels.MISSING == "—"
    assert labels.text_or(float("nan"), "x") == "x" and labels.text_or(" a  b ") == "a b"
    assert labels.header("polarity_adjusted") == "Sentiment" and labels.header("n_insufficient") == \
        "Insufficient evidence"
    assert labels.header("entity_a") == "Name" and labels.header("speaker_origin") == "Speaker found by"
    assert labels.header("some_new_column") == "Some new column"
    assert all(not h.islower() or " " in h for h, _ in labels.COLUMNS.values())  # no raw names as headers
    assert not [c for c, (h, _) in labels.COLUMNS.items() if "_" in h]
