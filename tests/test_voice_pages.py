"""The "count copies once" switch on the pages (AppTest): a sidebar toggle, on by default, kept in the link as
`copies=all` when off; on a store holding a wire story, a copy of it in another outlet and a distinct story,
Overview, Sources, Figures, Quotes and the brief count the copy once with the switch on and twice with it off,
and off they show what the lib functions the pages used before the switch give (today's per-article counts)."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import brief, store, views, voices
from tests.helpers import make_analysis
from tests.test_pages import app, csv_rows, downloads, on_page  # noqa: F401  (downloads: a fixture)
from tests.test_voices import COPY_NEW_HEADLINE, OTHER, WIRE, article

VOICES = "3 articles, 2 independent voices; copies counted once"


@pytest.fixture(scope="module")
def copy_db(tmp_path_factory):
    """A wire story (Dawn, first), a copy of it under a new headline (Geo News, a day later) and a distinct story
    (Tribune); each with the same quote and figure (tests.helpers.make_analysis), stored without NLP and indexed
    for voices as an ingest does."""
    db = tmp_path_factory.mktemp("voices") / "copies.db"
    engine = store.open_store(str(db))
    arts = [article("wire.txt", WIRE, "2025-11-08", "Dawn"),
            article("copy.txt", COPY_NEW_HEADLINE, "2025-11-09", "Geo News"),
            article("other.txt", OTHER, "2025-11-09", "Tribune")]
    stances = ("hopeful", "hopeful", "mixed")
    store.save_analyses(engine, [(a, make_analysis(a, stance=s)) for a, s in zip(arts, stances)])
    voices.index_articles(engine, arts)
    assert voices.voice_table(engine)["voice_id"].nunique() == 2  # the copy is found: two voices
    engine.dispose()
    return db


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_switch_is_in_the_sidebar_on_by_default_and_the_link_stays_short(monkeypatch, copy_db):
    at = app(monkeypatch, copy_db).run()
    assert not at.exception, [e.value for e in at.exception]
    switch = at.sidebar.toggle(key="copies")
    assert switch.label == "Count copies once" and switch.value is True
    assert "counts as one voice" in switch.help
    assert "copies" not in at.query_params  # the default is no parameter


def test_the_link_turns_the_switch_off_and_keeps_it_across_pages(monkeypatch, copy_db):
    at = app(monkeypatch, copy_db)
    at.query_params["copies"] = "all"
    at.run()
    assert at.toggle(key="copies").value is False
    assert at.query_params["copies"] == "all"
    at.switch_page("pages/sources.py").run()
    assert not at.exception and at.query_params["copies"] == "all"
    assert not at.session_state["_filters"].count_copies_once
    at = app(monkeypatch, copy_db)
    at.query_params["copies"] = "something else"  # not a value the link writes: the default
    at.run()
    assert at.toggle(key="copies").value is True and "copies" not in at.query_params


def test_overview_counts_the_copy_once_when_on_and_twice_when_off(monkeypatch, copy_db):
    on = on_page(monkeypatch, copy_db, "pages/overview.py")
    assert metrics(on)["Articles"] == "3" and metrics(on)["Outlets"] == "3"  # every article shown
    assert metrics(on)["Quotes"] == "2" and metrics(on)["Figures"] == "2"  # the copy's repeats count once
    assert VOICES in captions(on)
    stance = on.dataframe[0].value.set_index("outlet")
    assert stance["articles"].sum() == 2 and stance.loc["Geo News", "copies"] == 1
    assert stance.loc["Geo News", "articles"] == 0 and stance.loc["Dawn", "articles"] == 1

    off = on_page(monkeypatch, copy_db, "pages/overview.py", copies="all")
    assert metrics(off)["Articles"] == "3" and metrics(off)["Quotes"] == "3" and metrics(off)["Figures"] == "3"
    assert "independent voice" not in captions(off)
    engine = store.open_store(str(copy_db))
    today = brief.stance_per_outlet(store.read_articles(engine))
    engine.dispose()
    pd.testing.assert_frame_equal(off.dataframe[0].value.reset_index(drop=True), today, check_dtype=False)


def test_sources_counts_the_copy_once_and_says_whose_copies_each_outlet_carried(monkeypatch, copy_db, downloads):
    on = on_page(monkeypatch, copy_db, "pages/sources.py")
    assert len(on.dataframe[0].value) == 2  # the story once, by its original
    assert VOICES in captions(on)
    outlets = on.dataframe[1].value.set_index("outlet")
    assert outlets["n_articles"].sum() == 2 and outlets.loc["Geo News", "n_articles"] == 0
    assert outlets.loc["Geo News", "copies"] == 1 and outlets.loc["Geo News", "carries"]
    assert outlets.loc["Dawn", "copies"] == 0
    got = csv_rows(downloads["outlet_summary.csv"])  # the download follows what is shown
    assert {"copies", "carries"} <= set(got.columns) and got["n_articles"].sum() == 2
    from lib.app.tables import headers_config

    config = headers_config(on.dataframe[1].value)
    assert config["copies"]["label"] == "Copies carried" and config["carries"]["label"] == "Copies of"

    off = on_page(monkeypatch, copy_db, "pages/sources.py", copies="all")
    assert len(off.dataframe[0].value) == 3
    engine = store.open_store(str(copy_db))
    today = views.sources_page(store.read_articles(engine),
                               store.read_quotes(engine, columns=list(views.SOURCES_QUOTE_COLUMNS)))
    engine.dispose()
    pd.testing.assert_frame_equal(off.dataframe[1].value.reset_index(drop=True), today["outlets"],
                                  check_dtype=False)
    assert "copies" not in csv_rows(downloads["outlet_summary.csv"]).columns


def test_figures_and_quotes_count_a_repeat_once_when_on(monkeypatch, copy_db):
    on = on_page(monkeypatch, copy_db, "pages/figures.py")
    assert metrics(on)["Incidents"] == "2" and VOICES in captions(on)
    assert "1 figure repeated by a copy not counted" in captions(on)
    off = on_page(monkeypatch, copy_db, "pages/figures.py", copies="all")
    assert metrics(off)["Incidents"] == "3" and "independent voice" not in captions(off)

    on = on_page(monkeypatch, copy_db, "pages/quotes.py")
    assert metrics(on)["Quotes shown"] == "2" and len(on.dataframe[0].value) == 2 and VOICES in captions(on)
    off = on_page(monkeypatch, copy_db, "pages/quotes.py", copies="all")
    assert metrics(off)["Quotes shown"] == "3" and len(off.dataframe[0].value) == 3


def test_the_brief_counts_the_copy_once_when_on(monkeypatch, copy_db, downloads):
    on_page(monkeypatch, copy_db, "pages/brief.py")
    md = downloads["meeting_brief.md"].decode()
    assert "**3 articles** from **3 outlets**" in md and "2 quotes and 2 figures" in md
    assert "Copies counted once: 2 independent voices." in md and "Copies carried" in md
    assert "1 copy of" in downloads["meeting_brief.txt"].decode()
    on_page(monkeypatch, copy_db, "pages/brief.py", copies="all")
    md = downloads["meeting_brief.md"].decode()
    assert "**3 articles** from **3 outlets**" in md and "3 quotes and 3 figures" in md
    assert "independent voice" not in md and "Copies carried" not in md


def test_the_workbook_counts_as_the_pages_do(monkeypatch, copy_db, downloads):
    import io

    sheets = {}
    for link in ({}, {"copies": "all"}):
        on_page(monkeypatch, copy_db, "pages/overview.py", **link)
        sheets[bool(link)] = pd.read_excel(io.BytesIO(downloads["ceasefire_coverage.xlsx"]), sheet_name=None)
    on, off = sheets[False], sheets[True]
    assert len(on["Articles"]) == len(off["Articles"]) == 3  # the article list lists every article either way
    assert on["Stance by outlet"]["articles"].sum() == 2 and "copies" in on["Stance by outlet"].columns
    assert off["Stance by outlet"]["articles"].sum() == 3 and "copies" not in off["Stance by outlet"].columns
    assert len(on["Quotes"]) == 2 and len(off["Quotes"]) == 3
