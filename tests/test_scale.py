"""What keeps the pages fast on 10,000 articles: the store's aggregates (entities counted per article, quotes
counted per date, the latest quotes, the filter facets, narrow quote reads) give what the pandas code gave on the
full frames, on SQLite and on PostgreSQL; the per-page views (lib/views.py) bound what grows with the corpus
(chart points, names in a cell) and change nothing at the size of the seeds; and the conflict search of
lib/compare.py finds the pair the pairwise loop found."""
from __future__ import annotations

import itertools
import random
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from lib import brief, compare, store, timeline, views
from tests.helpers import ingest_seeds, make_analysis, make_article
from tests.pg import engine, pg_server, store_db  # noqa: F401  (fixtures: both stores)

ALL_GROUPS = ("people", "organisations", "places", "groups", "events")


# ------------------------------------------------------------------------------------------------ the seed store

@pytest.fixture(scope="module")
def seeds_sqlite(tmp_path_factory) -> Path:
    """The 5 seeds ingested once by the CLI into a SQLite store."""
    db = tmp_path_factory.mktemp("scale") / "seeds.db"
    ingest_seeds(db)
    return db


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeds(request, seeds_sqlite):
    """An engine on the seed store: the SQLite file, and the same rows copied into a PostgreSQL database."""
    source = store.open_store(str(seeds_sqlite))
    if request.param == "sqlite":
        yield source
        source.dispose()
        return
    target = store.open_store(request.getfixturevalue("pg_server").new_database("scale"))
    skip = {"schema_version", "store_state"}
    with source.connect() as src, target.begin() as dst:
        for table in store.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = [dict(r._mapping) for r in src.execute(sa.select(table))]
            if rows:
                dst.execute(table.insert(), rows)
    yield target
    target.dispose()
    source.dispose()


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys).reset_index(drop=True)


def _pandas_mentions(seeds, **filters) -> pd.DataFrame:
    """The per-article entity counts made in pandas from every entity row, then given one name and one kind per
    entity as the store gives them (lib/entity_names)."""
    from lib.entity_names import canonical_mentions

    return canonical_mentions(brief.entity_mentions(store.read_entities(seeds, **filters)), store.alias_table(seeds))


def test_entity_mentions_in_sql_equal_pandas(seeds):
    """The database's per-article entity counts are the pandas ones, with and without an article filter."""
    keys = ["article_id", "entity", "label"]
    for filters in ({}, {"outlets": ["unknown"]}, {"stances": ["hopeful"]}):
        got = store.entity_mentions(seeds, **filters)
        expected = _pandas_mentions(seeds, **filters)
        pd.testing.assert_frame_equal(_sorted(got, keys), _sorted(expected, keys), check_dtype=False)
    counts = brief.entity_counts_from_mentions(store.entity_mentions(seeds), ("places",))
    pakistan = counts[counts["entity"] == "Pakistan"].iloc[0]  # hand-checked in the seed texts: all 5 name it
    assert (pakistan["articles"], pakistan["outlets"]) == (5, "SouthAsianDesk, WE News, unknown")
    assert len(pakistan["files"].split(", ")) == 5
    for groups in (("people",), ALL_GROUPS):
        pd.testing.assert_frame_equal(brief.entity_counts_from_mentions(store.entity_mentions(seeds), groups),
                                      brief.entity_counts_from_mentions(_pandas_mentions(seeds), groups),
                                      check_dtype=False)
        for top in (5, 12, 30):
            pd.testing.assert_frame_equal(
                brief.cooccurrence_from_mentions(store.entity_mentions(seeds), top, groups),
                brief.cooccurrence_from_mentions(_pandas_mentions(seeds), top, groups), check_dtype=False)


def test_quote_dates_and_latest_quotes_match_read_quotes(seeds):
    # Hand-checked on the seeds: 37 quotes, 12 of them scare-quote fragments; of the 25 full ones (3 of them
    # partial) 12 are in the article of 2 November, 2 in that of 8 November and 11 in the three undated articles.
    counts = store.quote_dates(seeds)
    assert dict(zip(counts["published"].fillna("undated"), counts["n"])) == {
        "2025-11-02": 12, "2025-11-08": 2, "undated": 11}
    for filters, speakers in (({}, None), ({"outlets": ["WE News"]}, None), ({}, ["Khawaja Asif"]),
                              ({"stances": ["hopeful", "mixed"]}, ["Khawaja Asif", "Zabihullah Mujahid"])):
        quotes = store.read_quotes(seeds, speakers=speakers, **filters)
        full = quotes[~quotes["fragment"]]
        counts = store.quote_dates(seeds, speakers, **filters)
        assert int(counts["n"].sum()) == len(full)
        expected = full["published"].fillna("undated").value_counts().to_dict()
        assert dict(zip(counts["published"].fillna("undated"), counts["n"])) == expected
        latest = store.read_latest_quotes(seeds, 10, speakers, **filters)
        newest = full.sort_values("published", ascending=False, na_position="last", kind="stable").head(10)
        pd.testing.assert_frame_equal(latest.reset_index(drop=True), newest.reset_index(drop=True),
                                      check_dtype=False)


def test_facets_speakers_and_counts(seeds):
    facets = store.article_facets(seeds)
    assert sorted(facets["outlets"], key=str) == sorted(["SouthAsianDesk", "WE News", None], key=str)
    assert sorted(facets["published"], key=str) == sorted(["2025-11-02", "2025-11-08", None], key=str)
    quotes = store.read_quotes(seeds)
    assert store.read_speakers(seeds) == sorted({s for s in quotes["speaker"] if s})
    assert "Khawaja Asif" in store.read_speakers(seeds)
    assert store.count_articles(seeds) == 5
    assert store.count_articles(seeds, stances=["hopeful"]) == 2
    assert store.count_articles(seeds, outlets=["unknown"]) == 3
    assert store.count_articles(seeds, date_from="2025-11-05") == 1


def test_narrow_quote_reads_are_the_full_reads_columns(seeds):
    full = store.read_quotes(seeds)
    for columns in (views.SOURCES_QUOTE_COLUMNS, views.BRIEF_QUOTE_COLUMNS, views.TIMELINE_QUOTE_COLUMNS):
        narrow = store.read_quotes(seeds, columns=columns)
        assert {"speaker", "fragment", "article_id", "file", "outlet", "published", *columns} <= set(narrow.columns)
        assert len(narrow.columns) < len(full.columns)
        pd.testing.assert_frame_equal(narrow, full[list(narrow.columns)])


def test_views_from_narrow_reads_equal_views_from_full_reads(seeds):
    arts, figures = store.read_articles(seeds), store.read_figures(seeds)
    full = store.read_quotes(seeds)
    left = views.sources_page(arts, store.read_quotes(seeds, columns=views.SOURCES_QUOTE_COLUMNS))
    right = views.sources_page(arts, full)
    for key in ("speakers", "cross", "outlets"):
        pd.testing.assert_frame_equal(left[key], right[key])
    kinds = timeline.KINDS
    pd.testing.assert_frame_equal(
        views.timeline_page(arts, figures, store.read_quotes(seeds, columns=views.TIMELINE_QUOTE_COLUMNS),
                            kinds)["items"], views.timeline_page(arts, figures, full, kinds)["items"])
    a = brief.build_sections(arts, store.read_quotes(seeds, columns=views.BRIEF_QUOTE_COLUMNS), figures, 10, 6)
    b = brief.build_sections(arts, full, figures, 10, 6)
    assert a["numbers"] == b["numbers"]
    pd.testing.assert_frame_equal(a["quotes"], b["quotes"])


def test_overview_view_equals_the_pages_former_pandas(seeds):
    """The Overview's numbers, day-over-day change and latest quotes from the store's aggregates are what the
    page computed from every quote."""
    for filters, speakers in (({}, None), ({"outlets": ["WE News"]}, None), ({}, ["Khawaja Asif"])):
        arts = store.read_articles(seeds, **filters)
        quotes = store.read_quotes(seeds, speakers=speakers, **filters)
        figures = store.read_figures(seeds, **filters)
        full = quotes[~quotes["fragment"]]
        view = views.overview(arts, store.quote_dates(seeds, speakers, **filters),
                              store.read_latest_quotes(seeds, 10, speakers, **filters), figures)
        assert (view["n_articles"], view["n_quotes"], view["n_figures"]) == (len(arts), len(full), len(figures))
        former = timeline.day_over_day(arts, full, figures)
        assert view["change"]["latest"] == former["latest"]
        if former["latest"] is not None:
            pd.testing.assert_frame_equal(view["change"]["rows"], former["rows"])
        latest = views.with_outlets(full).sort_values("published", ascending=False, na_position="last").head(10)
        columns = ["speaker", "quote", "outlet", "published", "file"]  # the page adds kind and headline
        pd.testing.assert_frame_equal(view["latest_quotes"][columns].reset_index(drop=True),
                                      latest[columns].reset_index(drop=True))
        assert view["points_caption"] is None and len(view["points"]) == len(arts)  # nothing cut at this size
    assert views.overview(store.read_articles(seeds), store.quote_dates(seeds), store.read_latest_quotes(seeds),
                          store.read_figures(seeds))["n_quotes"] == 25


def test_deleted_articles_are_read_alone(engine):  # noqa: F811
    arts = [make_article(f"{name}.txt", f"Article {name} closes the round.") for name in "abc"]
    store.save_analyses(engine, [(a, make_analysis(a)) for a in arts])
    assert store.read_deleted_articles(engine).empty
    store.delete_article(engine, arts[1].article_id, user="test")
    deleted = store.read_deleted_articles(engine)
    assert deleted["file"].tolist() == ["b.txt"] and deleted["deleted_at"].notna().all()
    assert isinstance(deleted["evidence_hopeful"].iloc[0], list)
    assert store.count_articles(engine) == 2


# ------------------------------------------------------------------------------------------------ pure parts

def _mentions(n_articles: int) -> pd.DataFrame:
    rows = []
    for i in range(n_articles):
        rows.append((f"a{i:03d}", f"f{i:03d}.txt", "Dawn", "Khawaja Asif", "PERSON"))
        rows.append((f"a{i:03d}", f"f{i:03d}.txt", "Dawn", "Qatar", "GPE"))
    frame = pd.DataFrame(rows, columns=["article_id", "file", "outlet", "canonical", "label"])
    return frame.assign(text=frame["canonical"])


def test_names_in_a_cell_are_bounded():
    assert brief.names_cell(["a", "b"]) == "a, b"
    assert brief.names_cell([f"f{i}" for i in range(25)]) == ", ".join(f"f{i}" for i in range(20)) + \
        ", … and 5 more"
    assert brief.names_cell(["x", "y"], total=1_002, limit=2, sep="; ") == "x; y; … and 1,000 more"
    counts = brief.entity_counts(_mentions(25))
    asif = counts[counts["entity"] == "Khawaja Asif"].iloc[0]
    assert (asif["articles"], asif["mentions"]) == (25, 25)
    assert asif["files"].startswith("f000.txt, f001.txt") and asif["files"].endswith("f019.txt, … and 5 more")
    pair = brief.cooccurrence(_mentions(25)).iloc[0]
    assert (pair["entity_a"], pair["entity_b"], pair["articles"]) == ("Khawaja Asif", "Qatar", 25)
    assert pair["files"].endswith("f019.txt, … and 5 more")
    small = brief.entity_counts(_mentions(3))
    assert small.iloc[0]["files"] == "f000.txt, f001.txt, f002.txt"  # below the bound: every name, as before


def test_first_clash_is_the_pairwise_loops():
    rng = random.Random(7)
    for _ in range(2_000):
        n = rng.randint(2, 30)
        rows = [(rng.choice("abcd"), rng.choice([0, 100, 120, 150, 400, 1_000]),
                 rng.choice(["exact", "at least", "at most", "approximately", "range"])) for _ in range(n)]
        intervals = [compare.figure_interval(v, q, v * 1.5) for _, v, q in rows]
        expected = next(((i, j) for i, j in itertools.combinations(range(n), 2)
                         if rows[i][0] != rows[j][0] and not compare._overlap(intervals[i], intervals[j])), None)
        got = compare._first_clash(pd.Series([lo for lo, _ in intervals]).to_numpy(float),
                                   pd.Series([hi for _, hi in intervals]).to_numpy(float),
                                   pd.Series([a for a, _, _ in rows]).to_numpy(object))
        assert got == expected, rows


def test_chart_points_are_bounded_and_said_so():
    frame = pd.DataFrame({"published": [f"2025-11-{d:02d}" for d in range(1, 31)] * 10 + [None] * 5,
                          "kind": ["article"] * 100 + ["quote"] * 205, "n": range(305)})
    same, caption = views.latest_points(frame, limit=400)
    assert caption is None and same is frame
    latest, caption = views.latest_points(frame, limit=20)
    assert len(latest) == 20 and "latest 20 of 305 articles" in caption
    assert set(latest["published"]) == {"2025-11-29", "2025-11-30"}  # the newest dates, undated never
    assert latest["n"].is_monotonic_increasing  # in their original order
    spread, caption = views.spread_points(frame.sort_values("published"), limit=61)
    assert len(spread) <= 62 and "of 305 items" in caption
    shares = spread["kind"].value_counts()
    assert shares["article"] == 20 and shares["quote"] == 41  # each kind its share
    assert spread["published"].min() == "2025-11-01"  # the spread reaches both ends


def test_quotes_view_filters_like_the_page_did(seeds):
    quotes = store.read_quotes(seeds)
    everything = views.quotes_page(quotes)
    assert everything["n"] == 25 and not everything["shown"]["fragment"].any()
    with_fragments = views.quotes_page(quotes, fragments=True)
    assert with_fragments["n"] == 37
    found = views.quotes_page(quotes, search="turkiye")
    assert 0 < found["n"] < 22
    assert all("turkiye" in " ".join(map(str, r)).lower()
               for r in found["shown"][["quote", "speaker", "sentence"]].itertuples(index=False))
    positive = views.quotes_page(quotes, low=0.2)
    assert (positive["shown"]["sentiment"] >= 0.2).all()
    assert views.quotes_page(quotes, search="no quote says this")["n"] == 0
    top = everything["per_speaker"]
    assert top["quotes"].sum() <= 25 and top["quotes"].is_monotonic_decreasing


def test_figures_view_lists_a_bounded_number_of_figures_per_bar():
    rows = [{"article_id": f"a{i}", "outlet": "Dawn", "file": f"f{i:02d}.txt", "category": "refugees",
             "value": 1_000.0 + i, "value_high": None, "unit": "people", "qualifier": "exact", "period": "",
             "text": f"{1_000 + i:,}", "sentence": "…", "published": "2025-11-02", "headline": f"Story {i}"}
            for i in range(30)]
    view = views.figures_page(pd.DataFrame(rows))
    bar = view["by_source"].iloc[0]
    assert bar["figures"] == 30
    assert bar["cited"].count("; ") == 20 and bar["cited"].endswith("… and 10 more")
    assert bar["articles"].count("Story ") == 20 and bar["articles"].endswith("… and 10 more")
    assert ".txt" not in bar["articles"]  # articles are named by their headlines
    assert list(view["categories"]) == ["refugees"] and len(view["categories"]["refugees"]) == 30
