"""AppTest runs of the dashboard and every page on the seeds, in a temporary store: each page renders with its
chart and tables, the URL's filters change the tables, page-local widgets change the rows, a download holds
exactly the rows shown, read-only mode hides every change widget, and a warm page never loads the model.

(AppTest of this Streamlit version does not re-render the entry script's sidebar after a rerun under
st.navigation, so the shared filters are driven through the URL, which is what the widgets read on a first run.
Page-local widgets in the main area do work on rerun.)"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
WITH_CHART = {"pages/overview.py", "pages/sources.py", "pages/figures.py", "pages/quotes.py", "pages/timeline.py",
              "pages/entities.py"}


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    """A store filled once by the CLI, shared by the page tests (a warm start)."""
    from tests.helpers import ingest_seeds

    db = tmp_path_factory.mktemp("db") / "pages.db"
    ingest_seeds(db)
    return db


@pytest.fixture
def own_db(seeded_db, tmp_path):
    """A copy of the seeded store for a test that changes it."""
    db = tmp_path / "own.db"
    shutil.copy(seeded_db, db)
    return db


class Downloads(dict):
    """File name -> the bytes the browser would get. A table's CSV is made when its button is clicked (a
    deferred download): reading it here runs the button's callable, as a click would."""

    def __getitem__(self, name):
        value = super().__getitem__(name)
        return value() if callable(value) else value


@pytest.fixture
def downloads(monkeypatch):
    """Every file a download button registers in this test, by file name (the last one registered wins)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    seen = Downloads()
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            seen[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            seen[file_name] = data_callable
        return original_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return seen


def app(monkeypatch, db, readonly: bool = False) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_READONLY", "1" if readonly else "")
    return AppTest.from_file(APP, default_timeout=120)


def on_page(monkeypatch, db, page: str, readonly: bool = False, **params) -> AppTest:
    at = app(monkeypatch, db, readonly)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def csv_rows(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data))


def test_first_start_ingests_seeds(monkeypatch, tmp_path):
    at = app(monkeypatch, tmp_path / "fresh.db").run()
    assert not at.exception
    assert at.metric[0].value == "5"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(monkeypatch, seeded_db, page):
    at = on_page(monkeypatch, seeded_db, page)
    assert at.title, page
    assert at.caption, f"{page} says what it answers"
    assert at.dataframe, f"{page} shows a table"
    if page in WITH_CHART:
        assert at.get("plotly_chart"), f"{page} draws a chart"
    assert at.get("download_button"), f"{page} offers a download"


def test_page_reruns_never_load_the_model(monkeypatch, seeded_db):
    """A warm store: every page reruns without loading the spaCy model. (How fast they rerun is measured by
    bench/scale.py against the seeds in one run, not timed here: a timed test fails on a busy machine.)"""
    import streamlit as st

    import lib.ingest.nlp

    def refuse(*_a, **_k):
        raise AssertionError("a page loaded the spaCy model")

    monkeypatch.setattr(lib.ingest.nlp, "load_model", refuse)
    st.cache_resource.clear()
    at = app(monkeypatch, seeded_db).run()
    for page in PAGES:
        at.switch_page(page).run()
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_url_filter_reopens_the_same_view(monkeypatch, seeded_db):
    """A copied link with ?outlet=WE+News opens every page filtered to that outlet."""
    at = app(monkeypatch, seeded_db)
    at.query_params["outlet"] = "WE News"
    at.run()
    assert not at.exception
    assert at.metric[0].value == "1"
    at.switch_page("pages/sources.py").run()
    assert at.dataframe[1].value["outlet"].tolist() == ["WE News"]
    assert at.query_params["outlet"] == "WE News"


def test_stance_filter_from_url(monkeypatch, seeded_db):
    at = app(monkeypatch, seeded_db)
    at.query_params["stance"] = "no such stance"  # unknown values are ignored, not an error
    at.run()
    assert not at.exception and at.metric[0].value == "5"
    at = on_page(monkeypatch, seeded_db, "pages/articles.py", stance="hopeful")
    table = at.dataframe[0].value
    assert len(table) == 2 and set(table["stance"]) == {"hopeful"}


def test_speaker_filter_from_url_filters_quotes_and_their_download(monkeypatch, seeded_db, downloads):
    everyone = on_page(monkeypatch, seeded_db, "pages/quotes.py").dataframe[0].value
    at = on_page(monkeypatch, seeded_db, "pages/quotes.py", speaker="Khawaja Asif")
    shown = at.dataframe[0].value
    assert 0 < len(shown) < len(everyone) and set(shown["speaker"]) == {"Khawaja Asif"}
    got = csv_rows(downloads["quotes.csv"])
    assert got["quote"].tolist() == shown["quote"].tolist()


def test_quotes_search_fragments_and_sentiment_change_the_rows_and_the_download(monkeypatch, seeded_db,
                                                                                  downloads):
    at = on_page(monkeypatch, seeded_db, "pages/quotes.py")
    full = at.dataframe[0].value
    assert set(full["kind"]) == {"full", "partial"}  # partial quotes are quotes, marked
    at.toggle(key="fragments").set_value(True).run()
    with_fragments = at.dataframe[0].value
    assert len(with_fragments) > len(full) and (with_fragments["kind"] == "fragment").any()
    assert at.query_params["fragments"] == "1"  # the view is the link
    at.toggle(key="fragments").set_value(False).run()
    at.text_input(key="q").input("Turkiye").run()
    found = at.dataframe[0].value
    assert 0 < len(found) < len(full)
    assert all("turkiye" in " ".join(map(str, r)).lower()
               for r in found[["quote", "speaker", "sentence"]].itertuples(index=False))
    assert csv_rows(downloads["quotes.csv"])["quote"].tolist() == found["quote"].tolist()
    assert at.query_params["q"] == "Turkiye"
    at.text_input(key="q").input("").run()
    at.slider(key="tone").set_value((0.2, 1.0)).run()
    positive = at.dataframe[0].value
    assert 0 < len(positive) < len(full) and (positive["sentiment"] >= 0.2).all()
    at.text_input(key="q").input("no quote says this").run()
    assert not at.exception and at.metric[0].value == "0"


def test_quote_cards_show_untrusted_text_as_escaped_markdown(monkeypatch, seeded_db):
    at = on_page(monkeypatch, seeded_db, "pages/quotes.py")
    highlighted = [m.value for m in at.markdown if ":blue-background[" in m.value]
    assert highlighted, "quote cards highlight the quote in its paragraph"


def test_entities_kind_changes_the_table(monkeypatch, seeded_db):
    at = on_page(monkeypatch, seeded_db, "pages/entities.py")
    assert set(at.dataframe[0].value["group"]) == {"people"}
    at.slider(key="top").set_value(5).run()
    assert not at.exception
    pairs = at.dataframe[1].value
    assert len(set(pairs["entity_a"]) | set(pairs["entity_b"])) <= 5


def test_brief_downloads_are_the_brief(monkeypatch, seeded_db, downloads):
    at = on_page(monkeypatch, seeded_db, "pages/brief.py", outlet="SouthAsianDesk")
    md = downloads["meeting_brief.md"].decode()
    page = downloads["meeting_brief.html"].decode()
    assert "**1 article** from **1 outlet**" in md and "outlet SouthAsianDesk" in md
    assert "## Top quotes" in md and "<h2>Top quotes</h2>" in page and "<script" not in page
    assert "000_96652117fce664ee.txt" not in md + page  # articles by headline, never by file
    assert "data:image/svg+xml;base64," in page  # the stance chart, as an image
    text = downloads["meeting_brief.txt"].decode()
    assert "\\" not in text and "1 article from 1 outlet" in text
    at.slider(key="quotes").set_value(3).run()
    assert downloads["meeting_brief.md"].decode().split("## Top quotes")[1].count("\n- ") == 3


def test_timeline_and_overview_say_so_when_dates_are_unknown(monkeypatch, seeded_db):
    at = on_page(monkeypatch, seeded_db, "pages/timeline.py")
    assert any("publication date is not stated" in i.value for i in at.info)
    at = on_page(monkeypatch, seeded_db, "pages/overview.py", outlet="WE News")  # WE News: undated
    assert any("No article has a stated publication date" in i.value for i in at.info)


def test_readonly_hides_every_change_widget(monkeypatch, seeded_db):
    at = on_page(monkeypatch, seeded_db, "pages/articles.py", readonly=True)
    assert not at.get("file_uploader")
    labels = [b.label for b in at.button]
    assert "Delete article" not in labels and "Restore" not in labels
    assert not [f for f in at.get("form")]
    at.switch_page("pages/quotes.py").run()
    assert not at.exception and not at.get("form")  # the alias table is shown, its editor is not
    first_run = app(monkeypatch, seeded_db, readonly=True).run()
    assert any("Read-only" in i.value for i in first_run.info)


def test_correct_delete_and_restore_an_article(monkeypatch, own_db):
    at = on_page(monkeypatch, own_db, "pages/articles.py")
    first = at.dataframe[0].value.iloc[0]
    [s for s in at.selectbox if s.label == "Field"][0].set_value("outlet")
    [t for t in at.text_input if t.label.startswith("New value")][0].input("Dawn")
    [b for b in at.button if b.label == "Save correction"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert table.loc[table["file"] == first["file"], "outlet"].tolist() == ["Dawn"]
    assert table.loc[table["file"] == first["file"], "outlet_origin"].tolist() == ["corrected"]
    at.checkbox(key="delete_sure").check().run()
    at.button(key="delete_go").click().run()
    assert first["file"] not in at.dataframe[0].value["file"].tolist()
    at.button(key="restore_go").click().run()
    assert first["file"] in at.dataframe[0].value["file"].tolist()
    log = at.dataframe[-1].value
    assert log["action"].tolist()[:3] == ["restore", "delete", "correct"]


# ------------------------------------------------------------------------------------------------ more than a page

@pytest.fixture(scope="module")
def many_db(tmp_path_factory):
    """A store of 250 small articles (stored without NLP), more than one table page of ui.PAGE_SIZE rows."""
    from lib import store
    from tests.helpers import make_analysis, make_article

    db = tmp_path_factory.mktemp("many") / "many.db"
    engine = store.open_store(str(db))
    arts = [make_article(f"{i:03d}.txt", f"Article {i} closes round {i}.", Title=f"Round {i}",
                         Outlet=("Dawn", "Geo News", "Tribune")[i % 3], Date=f"2025-11-{1 + i % 28:02d}")
            for i in range(250)]
    store.save_analyses(engine, [(a, make_analysis(a, stance=("hopeful", "mixed")[i % 2]))
                                 for i, a in enumerate(arts)])
    engine.dispose()
    return db


def test_long_tables_are_paged_and_download_every_row(monkeypatch, many_db, downloads):
    from lib import ui

    at = on_page(monkeypatch, many_db, "pages/articles.py")
    table = at.dataframe[0].value
    assert len(table) == ui.PAGE_SIZE == 200
    assert any(c.value == "250 rows (showing 200)" for c in at.caption)
    got = csv_rows(downloads["article_list.csv"])  # written on click, of every row the filters select
    assert len(got) == 250 and set(got["file"]) == {f"{i:03d}.txt" for i in range(250)}
    # The reader's list holds the table page on screen (and the open article), not 250 labels.
    reader = at.selectbox(key="article")
    assert len(reader.options) <= ui.PAGE_SIZE + 1
    at.number_input(key="article_list_page").set_value(2).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe[0].value) == 50
    assert len(at.selectbox(key="article").options) <= 51
    assert len(csv_rows(downloads["article_list.csv"])) == 250


def test_charts_of_one_point_per_article_are_bounded_and_say_so(monkeypatch, many_db):
    from lib import views

    monkeypatch.setattr(views, "MAX_POINTS", 100)
    at = on_page(monkeypatch, many_db, "pages/overview.py")
    assert any("latest 100 of 250 articles" in c.value for c in at.caption)
    at.switch_page("pages/sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("latest 100 of 250 articles" in c.value for c in at.caption)
    assert any(c.value == "250 rows (showing 200)" for c in at.caption)  # the table still lists them all
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("evenly spread over the dates" in c.value for c in at.caption)


@pytest.fixture
def twins_db(tmp_path):
    """Two articles stored under one name (`report.txt` from two sub-folders, as stores made before names became
    paths hold them), each with the same figure and quote."""
    from lib import store
    from tests.helpers import make_analysis, make_article

    db = tmp_path / "twins.db"
    engine = store.open_store(str(db))
    twins = [make_article("report.txt", "Written in folder a.", Title="Report from A", Date="2025-11-01"),
             make_article("report.txt", "Written in folder b.", Title="Report from B", Date="2025-11-02")]
    store.save_analyses(engine, [(a, make_analysis(a)) for a in twins])
    engine.dispose()
    return db, twins


@pytest.mark.parametrize("page, table", [("pages/articles.py", "article_list"), ("pages/sources.py", "articles"),
                                         ("pages/figures.py", "figures_incidents")])
def test_selecting_a_row_opens_that_article_even_when_two_share_a_name(monkeypatch, twins_db, page, table):
    """Rows are looked up by article id, never by file name."""
    db, (_first, second) = twins_db
    at = on_page(monkeypatch, db, page)
    at.session_state[f"{table}_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(m.value for m in at.markdown)
    if page == "pages/articles.py":
        assert at.selectbox(key="article").value == second.article_id
    elif page == "pages/sources.py":
        assert "Report from B" in shown and "Report from A" not in shown
    else:
        assert "folder b" in shown and "folder a" not in shown


def test_the_topic_heads_every_page_and_is_a_filter_when_the_store_holds_two(monkeypatch, tmp_path):
    """The profile in force names the dashboard (sidebar, Overview title); a store holding analyses of two topics
    offers a topic filter, and choosing one shows that topic's articles only."""
    from dataclasses import replace

    from lib import store
    from lib.topic import load_topic
    from tests.helpers import make_analysis, make_article

    db = tmp_path / "topics.db"
    engine = store.open_store(str(db))
    first, second = make_article("a.txt", Title="Talks in one place"), \
        make_article("b.txt", " Another text.", Title="Talks in another")
    store.save_analyses(engine, [(first, replace(make_analysis(first), topic="pakistan-afghanistan")),
                                 (second, replace(make_analysis(second), topic="russia-ukraine"))])
    engine.dispose()
    name = load_topic().name
    at = app(monkeypatch, db).run()  # the Overview, the default page
    assert name in at.title[0].value and name in " ".join(m.value for m in at.sidebar.markdown)
    assert at.multiselect(key="topic").options == ["pakistan-afghanistan", "russia-ukraine"]
    at = app(monkeypatch, db)
    at.query_params["topic"] = "russia-ukraine"  # a copied link keeps the topic chosen
    at.run()
    assert at.multiselect(key="topic").value == ["russia-ukraine"]
    at.switch_page("pages/articles.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value["headline"].tolist() == ["Talks in another"]


def test_aliases_and_events_edited_on_their_pages_are_saved_in_the_topic_profile(monkeypatch, own_db, tmp_path):
    """The alias form (Quotes) and the event form (Timeline) write into the profile file in force, log the edit,
    and the page shows the change on the next run, without a restart."""
    from datetime import date

    from lib import store
    from lib.topic import DEFAULT_TOPIC_FILE, load_topic

    profile = tmp_path / "talks.toml"
    shutil.copy(DEFAULT_TOPIC_FILE, profile)
    monkeypatch.setenv("DASHBOARD_TOPIC", str(profile))
    at = on_page(monkeypatch, own_db, "pages/quotes.py")
    at.text_input[-2].input("The Spokesman")
    at.text_input[-1].input("Someone Else Entirely")
    at.button[-1].click().run()  # the form's submit button is the page's last
    assert not at.exception, [e.value for e in at.exception]
    assert load_topic(profile).aliases()["the spokesman"] == "Someone Else Entirely"

    at.switch_page("pages/timeline.py").run()
    [d for d in at.date_input if d.label == "Start"][0].set_value(date(2025, 12, 1))
    [t for t in at.text_input if t.label.startswith("Label")][0].input("Third round")
    [b for b in at.button if b.label.startswith("Add to the topic profile")][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert ("2025-12-01", "2025-12-01", "Third round", "") in load_topic(profile).events
    assert any("Third round" in frame.value.to_string() for frame in at.dataframe)  # the events table
    engine = store.open_store(str(own_db))
    assert store.read_edit_log(engine)["action"].tolist().count("topic") == 2


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/sources.py", "pages/figures.py", "pages/quotes.py",
                                  "pages/brief.py"])
def test_counting_copies_once_changes_no_number_on_the_seeds(monkeypatch, seeded_db, page):
    """The five seeds are five distinct stories: with "count copies once" on (the default) or off (`copies=all`)
    every metric and every table holds the same numbers; on adds the outlet tables' copies columns only."""
    on = on_page(monkeypatch, seeded_db, page)
    off = on_page(monkeypatch, seeded_db, page, copies="all")
    assert [(m.label, m.value) for m in on.metric] == [(m.label, m.value) for m in off.metric]
    assert len(on.dataframe) == len(off.dataframe)
    for shown_on, shown_off in zip(on.dataframe, off.dataframe):
        a, b = shown_on.value.reset_index(drop=True), shown_off.value.reset_index(drop=True)
        assert set(a.columns) - set(b.columns) <= {"copies", "carries"}
        pd.testing.assert_frame_equal(a[list(b.columns)], b, check_dtype=False, check_names=False)
        if "copies" in a.columns:
            assert (a["copies"] == 0).all()
