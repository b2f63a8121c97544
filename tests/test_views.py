"""lib/views.py: what the pages read. Points that would cover each other are spread vertically (never moved
along x); one definition of an outlet and of a quote; articles named by headline, never by file; the edit log in
words."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib import views


@pytest.mark.parametrize("rows, xs, tolerance, expected", [
    (["a"], [0.5], 0.05, [0.0]),  # alone: on the line
    (["a", "a"], [0.5, 0.9], 0.05, [0.0, 0.0]),  # apart: on the line
    (["a", "a"], [0.5, 0.52], 0.05, [-0.065, 0.065]),  # close: spread about the line
    (["a", "b"], [0.5, 0.5], 0.05, [0.0, 0.0]),  # same x, different rows
    (["a", "a", "a"], [1, 1, 1], 0, [-0.13, 0.0, 0.13]),  # the same day three times
])
def test_dodge(rows, xs, tolerance, expected):
    assert views.dodge(rows, xs, tolerance) == pytest.approx(expected)


def test_dodge_keeps_many_points_within_their_row():
    offsets = views.dodge(["a"] * 40, [3.0] * 40, 0)
    assert len(set(np.round(offsets, 6))) == 40 and offsets.min() >= -0.38 - 1e-9 and offsets.max() <= 0.38 + 1e-9


def test_one_definition_of_an_outlet():
    arts = pd.DataFrame({"outlet": ["Dawn", "Dawn", None, "", "Geo"]})
    assert views.outlet_counts(arts) == (2, 2)  # "unknown" is not an outlet; its articles are counted apart
    assert views.outlet_counts(arts.iloc[0:0]) == (0, 0)


def test_one_definition_of_a_quote():
    quotes = pd.DataFrame({"fragment": [False, False, True], "partial": [False, True, False]})
    assert views.is_quote(quotes).tolist() == [True, True, False]
    assert views.quote_kind(quotes).tolist() == ["full", "partial", "fragment"]
    assert views.reader_counts(quotes, pd.DataFrame({"x": [1, 2]})) == {"quotes": 2, "fragments": 1, "figures": 2}


def test_headlines_never_fall_back_to_the_file():
    frame = pd.DataFrame({"title": ["Talks resume", None], "file": ["a.txt", "000_96652117fce664ee.txt"]})
    assert views.headlines(frame).tolist() == ["Talks resume", "Untitled article"]
    assert views.headlines(frame.assign(headline=["H1", None])).tolist() == ["H1", "Untitled article"]


def test_edit_log_names_the_article_by_headline():
    log = pd.DataFrame({"id": [2, 1], "at": ["2025-11-08T14:02:33+00:00", "bad"], "user_name": ["amina", None],
                        "action": ["correct", "upload"], "article_id": ["a" * 64, None], "field": ["stance", None],
                        "old_value": ["hopeful", None], "new_value": ["mixed", float("nan")]})
    out = views.edit_log(log, {"a" * 64: "Talks resume"})
    assert out.columns.tolist() == ["at", "user_name", "action", "article", "field", "old_value", "new_value"]
    assert out.iloc[0].tolist() == ["2025-11-08 14:02 UTC", "amina", "correct", "Talks resume", "stance", "hopeful",
                                    "mixed"]
    assert out.iloc[1].tolist() == ["bad", "—", "upload", "—", "—", "—", "—"]
    assert not out.isna().any().any()


def test_quotes_page_counts_full_and_partial_quotes_and_filters_a_speaker():
    quotes = pd.DataFrame({
        "article_id": ["a", "a", "a", "b"], "speaker": ["Asif", "Asif", "", "Mujahid"],
        "quote": ["q1", "q2 is a partial quote", "scare", "q3"], "sentence": ["s"] * 4,
        "fragment": [False, False, True, False], "partial": [False, True, False, False],
        "polarity_adjusted": [0.1, 0.2, 0.0, -0.3], "polarity": [0.0] * 4, "outlet": ["Dawn"] * 3 + [None],
        "headline": ["A"] * 3 + ["B"]})
    view = views.quotes_page(quotes)
    assert view["n"] == 3 and view["shown"]["kind"].tolist() == ["full", "partial", "full"]
    assert views.quotes_page(quotes, fragments=True)["n"] == 4
    asif = views.quotes_page(quotes, speaker="Asif")
    assert asif["n"] == 2 and set(asif["shown"]["speaker"]) == {"Asif"}
    assert view["per_speaker"]["articles"].tolist() == ["A", "B"]  # articles by headline
