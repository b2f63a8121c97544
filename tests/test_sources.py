"""Per-outlet, per-speaker and over-time aggregations (pure pandas)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.sources import UNKNOWN, outlet_summary, speaker_stance, stance_over_time

ARTICLES = pd.DataFrame([
    dict(article_id="a", file="a.txt", title="A", outlet="Dawn", published="2025-11-02", polarity=0.2,
         subjectivity=0.4, polarity_adjusted=0.3, stance="hopeful", stance_score=0.6),
    dict(article_id="b", file="b.txt", title="B", outlet="Dawn", published="2025-11-03", polarity=0.0,
         subjectivity=0.2, polarity_adjusted=-0.1, stance="mixed", stance_score=0.0),
    dict(article_id="c", file="c.txt", title="C", outlet="Dawn", published="2025-11-03", polarity=0.1,
         subjectivity=0.3, polarity_adjusted=0.1, stance="insufficient evidence", stance_score=0.0),
    dict(article_id="d", file="d.txt", title=None, outlet=None, published=None, polarity=-0.2,
         subjectivity=0.5, polarity_adjusted=-0.4, stance="pessimistic", stance_score=-0.8),
    dict(article_id="e", file="e.txt", title="E", outlet="  ", published="2025-11-09", polarity=0.0,
         subjectivity=0.1, polarity_adjusted=0.0, stance="pessimistic", stance_score=-0.4),
])


def test_outlet_summary():
    out = outlet_summary(ARTICLES)
    assert list(out["outlet"]) == ["Dawn", UNKNOWN]  # blank and missing outlets are grouped, last
    dawn = out.iloc[0]
    assert dawn["n_articles"] == 3
    assert dawn["stance_score"] == pytest.approx(0.3)  # insufficient evidence is left out of the mean
    assert dawn["polarity_adjusted"] == pytest.approx(0.1)
    assert (dawn["n_hopeful"], dawn["n_mixed"], dawn["n_pessimistic"], dawn["n_insufficient"]) == (1, 1, 0, 1)
    unknown = out.iloc[1]
    assert unknown["n_articles"] == 2 and unknown["stance_score"] == pytest.approx(-0.6)
    assert unknown["n_pessimistic"] == 2


def test_outlet_summary_empty():
    out = outlet_summary(pd.DataFrame(columns=ARTICLES.columns))
    assert out.empty and "n_articles" in out.columns


def test_stance_over_time_daily_and_weekly():
    daily = stance_over_time(ARTICLES)
    assert list(daily["period"]) == ["2025-11-02", "2025-11-03", "2025-11-09", UNKNOWN]
    assert list(daily["n_articles"]) == [1, 2, 1, 1]
    assert daily.iloc[1]["stance_score"] == pytest.approx(0.0)  # only the mixed article counts
    weekly = stance_over_time(ARTICLES, freq="W")
    assert list(weekly["period"]) == ["2025-10-27", "2025-11-03", UNKNOWN]  # weeks start on Monday
    assert list(weekly["n_articles"]) == [1, 3, 1]
    with pytest.raises(ValueError):
        stance_over_time(ARTICLES, freq="Y")


def test_stance_over_time_bad_dates_are_unknown():
    frame = ARTICLES.assign(published=["2025-11-02", "not a date", "", None, "2025-11-02T10:00:00"])
    out = stance_over_time(frame)
    assert list(out["period"]) == ["2025-11-02", UNKNOWN]
    assert list(out["n_articles"]) == [2, 3]


QUOTES = pd.DataFrame([
    dict(article_id="a", speaker="Khawaja Asif", quote="q1", polarity=0.1, subjectivity=0.1, polarity_adjusted=0.4,
         fragment=False, stance_cue=0.8),
    dict(article_id="b", speaker="Khawaja Asif", quote="q2", polarity=0.0, subjectivity=0.1, polarity_adjusted=0.0,
         fragment=False, stance_cue=0.4),
    dict(article_id="b", speaker="Khawaja Asif", quote="over", polarity=0.0, subjectivity=0.0,
         polarity_adjusted=0.0, fragment=True, stance_cue=-1.0),
    dict(article_id="c", speaker="Zabihullah Mujahid", quote="q3", polarity=-0.3, subjectivity=0.5,
         polarity_adjusted=-0.5, fragment="false", stance_cue=-0.6),
    dict(article_id="c", speaker="", quote="q4", polarity=0.0, subjectivity=0.0, polarity_adjusted=0.05,
         fragment=False, stance_cue=None),
])


def test_speaker_stance():
    out = speaker_stance(QUOTES).set_index("speaker")
    assert list(out.index) == ["Khawaja Asif", "Zabihullah Mujahid", UNKNOWN]
    asif = out.loc["Khawaja Asif"]
    assert (asif["n_quotes"], asif["n_articles"]) == (2, 2)  # the scare-quote fragment is left out
    assert asif["stance_cue"] == pytest.approx(0.6) and asif["lean"] == "hopeful"
    assert out.loc["Zabihullah Mujahid", "lean"] == "pessimistic"
    assert math.isnan(out.loc[UNKNOWN, "stance_cue"]) and out.loc[UNKNOWN, "lean"] == "neutral"
    with_fragments = speaker_stance(QUOTES, include_fragments=True).set_index("speaker")
    assert with_fragments.loc["Khawaja Asif", "n_quotes"] == 3
    assert with_fragments.loc["Khawaja Asif", "lean"] == "mixed"  # (0.8 + 0.4 - 1.0) / 3


def test_speaker_stance_without_cue_column_uses_polarity():
    out = speaker_stance(QUOTES.drop(columns=["stance_cue"])).set_index("speaker")
    assert out.loc["Khawaja Asif", "lean"] == "positive"  # mean adjusted polarity 0.2
    assert out.loc["Zabihullah Mujahid", "lean"] == "negative"
    assert speaker_stance(QUOTES.iloc[0:0]).empty
