"""lib/timeline.py and the topic profile's events: items on a date axis, event markers, day-over-day change."""
from __future__ import annotations

import pandas as pd

from lib import timeline
from lib.topic import load_topic

EVENTS = load_topic().events


def frames():
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "file": ["a.txt", "b.txt", "c.txt"],
                             "title": ["Truce holds", None, "Undated"], "outlet": ["Dawn", None, "Geo"],
                             "published": ["2025-11-07", "2025-11-08", None],
                             "stance": ["hopeful", "pessimistic", "mixed"]})
    quotes = pd.DataFrame({"article_id": ["a1", "a2", "a2", "a3"], "file": ["a.txt", "b.txt", "b.txt", "c.txt"],
                           "title": ["Truce holds", None, None, "Undated"], "outlet": ["Dawn", None, None, "Geo"],
                           "published": ["2025-11-07", "2025-11-08", "2025-11-08", None],
                           "speaker": ["Khawaja Asif", "", "Zabihullah Mujahid", "X"],
                           "quote": ["We talk.", "It is over.", "No.", "Maybe."]})
    figures = pd.DataFrame({"article_id": ["a1"], "file": ["a.txt"], "title": ["Truce holds"], "outlet": ["Dawn"],
                            "published": ["2025-11-07"], "category": ["refugees"], "text": ["1.4 million"],
                            "sentence": ["1.4 million refugees."]})
    return articles, quotes, figures


def test_events_are_the_known_calendar():
    events = timeline.events_frame()
    assert events["label"].tolist() == ["Doha ceasefire", "Istanbul round 1", "Istanbul round 2",
                                        "Talks declared over"]
    assert events.loc[0, "start"] == pd.Timestamp("2025-10-18") and events.loc[0, "end"] == pd.Timestamp("2025-10-19")
    assert events.loc[1, "end"] == pd.Timestamp("2025-10-30")
    assert all(start <= end for start, end, *_ in EVENTS)


def test_items_name_their_article_and_keep_undated_apart():
    items = timeline.timeline_items(*frames()[:1], figures=frames()[2], quotes=frames()[1])
    assert len(items) == 3 + 1 + 4
    assert set(items["kind"]) == {"article", "figure", "quote"}
    assert items["file"].notna().all()
    assert items["date"].isna().sum() == 2  # the undated article and its quote: never a guessed date
    assert items.iloc[-1]["date"] is pd.NaT or pd.isna(items.iloc[-1]["date"])  # undated listed last
    quote = items[(items["kind"] == "quote") & (items["file"] == "b.txt")].iloc[0]
    assert quote["outlet"] == "unknown" and quote["label"].startswith("unknown: “It is over.")
    assert timeline.undated(items) == {"article": 1, "figure": 0, "quote": 1}


def test_daily_counts():
    items = timeline.timeline_items(frames()[0], frames()[2], frames()[1])
    counts = timeline.daily_counts(items).set_index(["date", "kind"])["n"]
    assert counts[(pd.Timestamp("2025-11-08"), "quote")] == 2
    assert counts[(pd.Timestamp("2025-11-07"), "figure")] == 1


def test_events_in_view_keep_nearby_events_or_all_when_undated():
    items = timeline.timeline_items(*frames()[:1])
    labels = timeline.events_in_view(items)["label"].tolist()
    assert labels == ["Istanbul round 2", "Talks declared over"]
    assert len(timeline.events_in_view(items.iloc[0:0])) == len(EVENTS)


def test_day_over_day_compares_the_latest_date_with_the_day_before():
    articles, quotes, figures = frames()
    change = timeline.day_over_day(articles, quotes, figures)
    assert (change["latest"], change["previous"], change["undated_articles"]) == ("2025-11-08", "2025-11-07", 1)
    rows = change["rows"].set_index("kind")
    assert rows.loc["articles"].tolist() == [1, 1, 0]
    assert rows.loc["quotes"].tolist() == [2, 1, 1]
    assert rows.loc["figures"].tolist() == [0, 1, -1]
    assert change["new_articles"]["file"].tolist() == ["b.txt"]


def test_day_over_day_says_so_when_no_date_is_known():
    articles, quotes, figures = frames()
    undated = articles.assign(published=None)
    change = timeline.day_over_day(undated, quotes, figures)
    assert change["latest"] is None and change["undated_articles"] == 3 and change["rows"].empty
