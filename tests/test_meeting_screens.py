"""The screens a meeting sees (AppTest on the seeds): no raw internals anywhere, every chart says what it shows,
a link reopens exactly what was on screen, the numbers agree between pages, a correction made on its page shows on
every page and in the export, the downloads open in a spreadsheet, and untrusted names and addresses stay text."""
from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from lib import export, store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
SEED_NAME = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
RAW_WORD = re.compile(r"\b(None|null|NaN|nan|NaT)\b")
FILE_COLUMNS = {"file"}
AUTOLINK = re.compile(r"(?i)\b(https?|ftp):|\bwww\.|\w@\w")


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    from tests.helpers import ingest_seeds

    db = tmp_path_factory.mktemp("meeting") / "seeds.db"
    ingest_seeds(db)
    return db


@pytest.fixture
def own_db(seeded_db, tmp_path):
    db = tmp_path / "own.db"
    shutil.copy(seeded_db, db)
    return db


@pytest.fixture
def downloads(monkeypatch):
    from tests.test_pages import Downloads
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    seen = Downloads()
    original, original_deferred = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

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


def app(monkeypatch, db, readonly=False, **env) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_READONLY", "1" if readonly else "")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return AppTest.from_file(APP, default_timeout=180)


def open_page(monkeypatch, db, page, readonly=False, **params) -> AppTest:
    """A session that opens `page` first, from a link holding `params` (as a copied meeting link does)."""
    at = app(monkeypatch, db, readonly)
    at.run()
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def seeds(db):
    engine = store.open_store(str(db))
    try:
        return store.read_articles(engine), store.read_quotes(engine), store.read_figures(engine)
    finally:
        engine.dispose()


def visible_texts(at) -> list[str]:
    """Every text a user reads outside tables: titles, captions, markdown, metrics, info boxes, plain text, labels
    of the choices."""
    texts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "success", "warning", "text"):
        texts += [str(e.value) for e in at.get(kind)]
    for metric in at.metric:
        texts += [str(metric.label), str(metric.value)]
    for box in at.selectbox:
        texts += [str(o) for o in box.options]  # AppTest holds the choices as the user reads them
    return texts


# ------------------------------------------------------------------------------------------------ raw internals

@pytest.mark.parametrize("readonly", [False, True])
def test_no_page_shows_raw_internals(monkeypatch, seeded_db, readonly):
    at = app(monkeypatch, seeded_db, readonly).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        for i, table in enumerate(at.dataframe):
            frame = table.value
            for col in frame.columns:
                values = frame[col].tolist()
                if frame[col].dtype == object:
                    assert not [v for v in values if v is None or (isinstance(v, float) and math.isnan(v))], \
                        (page, i, col)
                    assert not [v for v in values if isinstance(v, str) and v.strip().lower() in
                                {"none", "nan", "null", "nat", "<na>"}], (page, i, col)
                    if col not in FILE_COLUMNS:
                        assert not [v for v in values if isinstance(v, str) and SEED_NAME.search(v)], (page, i, col)
                assert not re.search(r"_(origin|adjusted|insufficient|in_article)$|^entity_[ab]$", str(col)) or \
                    table.proto.columns, (page, col)
        for text in visible_texts(at):
            assert not RAW_WORD.search(text), (page, text[:120])
            assert not SEED_NAME.search(text), (page, text[:120])
        for chart in at.get("plotly_chart"):
            spec = json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
            assert not SEED_NAME.search(spec), page
            assert "published=" not in spec and "size=" not in spec and "null</" not in spec


def test_every_table_column_has_a_plain_header(monkeypatch, seeded_db):
    from lib import labels

    at = app(monkeypatch, seeded_db).run()
    for page in PAGES:
        at.switch_page(page).run()
        for table in at.dataframe:
            config = json.loads(table.proto.columns or "{}")
            for col in table.value.columns:
                header = config.get(col, {}).get("label") or col
                assert header[:1].isupper() and not re.search(r"[a-z]_[a-z]", header), (page, col, header)
                if col in labels.COLUMNS:
                    assert header in (labels.header(col), "Event"), (page, col, header)


def test_every_chart_says_which_filters_it_shows(monkeypatch, seeded_db):
    for params, expected in (({}, "All articles"), ({"outlet": "WE News"}, "outlet WE News")):
        at = app(monkeypatch, seeded_db)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        for page in PAGES:
            at.switch_page(page).run()
            for chart in at.get("plotly_chart"):
                title = json.loads(chart.proto.spec)["layout"]["title"]
                assert title["text"] and expected in title["subtitle"]["text"], (page, title)


# ------------------------------------------------------------------------------------------------ the link

def test_a_link_reopens_each_pages_own_state(monkeypatch, seeded_db):
    arts, quotes, figures = seeds(seeded_db)
    at = open_page(monkeypatch, seeded_db, "pages/quotes.py", q="Turkiye", fragments="1", tone="-0.5,1")
    assert at.text_input(key="q").value == "Turkiye" and at.toggle(key="fragments").value is True
    assert at.slider(key="tone").value == (-0.5, 1.0)
    shown = at.dataframe[0].value
    assert len(shown) and all("turkiye" in " ".join(map(str, r)).lower()
                              for r in shown[["quote", "speaker", "sentence"]].itertuples(index=False))

    at = open_page(monkeypatch, seeded_db, "pages/quotes.py", who="Khawaja Asif")
    assert set(at.dataframe[0].value["speaker"]) == {"Khawaja Asif"}

    at = open_page(monkeypatch, seeded_db, "pages/entities.py", kind="places", top="5")
    assert set(at.dataframe[0].value["group"]) == {"places"} and at.slider(key="top").value == 5

    third = arts.iloc[2]
    at = open_page(monkeypatch, seeded_db, "pages/articles.py", article=third["article_id"][:12])
    assert at.selectbox(key="article").value == third["article_id"]
    assert at.query_params["article"] == third["article_id"][:12]

    at = open_page(monkeypatch, seeded_db, "pages/sources.py", article=third["article_id"][:12])
    assert any("Hopeful evidence" in m.value for m in at.markdown)  # the evidence of the article the link names

    at = open_page(monkeypatch, seeded_db, "pages/timeline.py", show="article")
    assert set(at.dataframe[-1].value["kind"]) == {"article"}

    at = open_page(monkeypatch, seeded_db, "pages/figures.py", source="SouthAsianDesk", cat="deportations")
    assert [s.value for s in at.subheader][0].startswith("Deportations")
    assert set(at.dataframe[0].value["outlet"]) == {"SouthAsianDesk"}

    at = open_page(monkeypatch, seeded_db, "pages/brief.py", quotes="3", figures="4")
    assert (at.slider(key="quotes").value, at.slider(key="figures").value) == (3, 4)

    at = open_page(monkeypatch, seeded_db, "pages/quotes.py", q="x" * 300, tone="nonsense", who="<b>nobody</b>")
    assert at.text_input(key="q").value == "x" * 200 and at.slider(key="tone").value == (-1.0, 1.0)


# ------------------------------------------------------------------------------------------------ numbers

def test_the_numbers_agree_between_pages(monkeypatch, seeded_db, downloads):
    arts, quotes, _ = seeds(seeded_db)
    full = quotes[~quotes["fragment"]]
    at = open_page(monkeypatch, seeded_db, "pages/quotes.py")
    table = at.dataframe[0].value
    assert len(table) == len(full) == 25
    over = open_page(monkeypatch, seeded_db, "pages/overview.py")
    metrics = {m.label: m.value for m in over.metric}
    assert metrics["Quotes"] == "25" and metrics["Outlets"] == "2"  # "unknown" is not an outlet
    brief = open_page(monkeypatch, seeded_db, "pages/brief.py")
    md = downloads["meeting_brief.md"].decode()
    assert "**5 articles** from **2 outlets** (3 articles naming none)" in md and "25 quotes" in md
    for article in arts.itertuples():
        page = open_page(monkeypatch, seeded_db, "pages/articles.py", article=article.article_id[:12])
        reader = {m.label: m.value for m in page.metric}
        expected = int((full["article_id"] == article.article_id).sum())
        assert reader["Quotes"] == str(expected), article.file  # the reader counts what the Quotes page lists
    del brief


# ------------------------------------------------------------------------------------------------ corrections

def _quote_key(row) -> str:
    return f"{row['article_id'][:12]}:{row['start_char']}:{row['end_char']}"


def test_a_correction_shows_on_every_page_and_in_the_export(monkeypatch, own_db, downloads):
    arts, quotes, figures = seeds(own_db)
    target = arts[arts["stance"] == "hopeful"].iloc[0]

    at = open_page(monkeypatch, own_db, "pages/sources.py", article=target["article_id"][:12])
    at.selectbox(key="sources_stance_pick").set_value("pessimistic")
    [b for b in at.button if b.label == "Save stance"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Stance set to pessimistic" in s.value for s in at.success)
    table = at.dataframe[0].value
    corrected = table[table["stance_origin"] == "corrected"]
    assert corrected["stance"].tolist() == ["pessimistic"]

    at = open_page(monkeypatch, own_db, "pages/articles.py", article=target["article_id"][:12])
    listed = at.dataframe[0].value
    assert listed.loc[listed["stance_origin"] == "corrected", "stance"].tolist() == ["pessimistic"]
    assert {m.label: m.value for m in at.metric}["Stance"] == "pessimistic"
    log = at.dataframe[-1].value
    assert log.iloc[0][["action", "field", "old_value", "new_value"]].tolist() == ["correct", "stance", "hopeful",
                                                                                     "pessimistic"]
    assert not log["article"].str.fullmatch(r"[0-9a-f]{64}").any()  # the article by its headline, not its id

    quote = quotes[~quotes["fragment"]].iloc[0]
    at = open_page(monkeypatch, own_db, "pages/quotes.py", quote=_quote_key(quote))
    at.text_input(key="quotes_speaker").input("Mujahid")
    at.toggle(key="quotes_fragment").set_value(False)
    [b for b in at.button if b.label == "Save quote"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    mine = table[table["speaker_origin"] == "corrected"]
    assert mine["speaker"].tolist() == ["Zabihullah Mujahid"] and mine["quote"].tolist() == [quote["quote"]]

    figure = figures[figures["category"] == "deportations"].iloc[0]
    at = open_page(monkeypatch, own_db, "pages/figures.py", figure=_quote_key(figure))
    at.text_input(key="figure_deportations_value").input("650000")
    [b for b in at.button if b.label == "Save figure"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(t.value["value_origin"].tolist().count("corrected") == 1 for t in at.dataframe
               if "value_origin" in t.value.columns)

    over = open_page(monkeypatch, own_db, "pages/overview.py")
    stance = over.dataframe[0].value
    assert int(stance["pessimistic"].sum()) == int((arts["stance"] == "pessimistic").sum()) + 1

    brief = open_page(monkeypatch, own_db, "pages/brief.py")
    assert int(brief.dataframe[0].value["pessimistic"].sum()) == int((arts["stance"] == "pessimistic").sum()) + 1

    engine = store.open_store(str(own_db))
    frames = export.export_frames(engine)
    engine.dispose()
    a = frames["articles"].set_index("article_id").loc[target["article_id"]]
    assert (a["stance"], a["stance_origin"]) == ("pessimistic", "corrected")
    q = frames["quotes"]
    assert q.loc[q["speaker_origin"] == "corrected", "speaker"].tolist() == ["Zabihullah Mujahid"]
    f = frames["figures"]
    assert f.loc[f["value_origin"] == "corrected", "value"].tolist() == [650000.0]


def test_readonly_offers_no_correction(monkeypatch, seeded_db):
    arts, quotes, figures = seeds(seeded_db)
    for page, params in (("pages/sources.py", {"article": arts.iloc[0]["article_id"][:12]}),
                         ("pages/quotes.py", {"quote": _quote_key(quotes.iloc[0])}),
                         ("pages/figures.py", {"figure": _quote_key(figures.iloc[0])}),
                         ("pages/articles.py", {})):
        at = open_page(monkeypatch, seeded_db, page, readonly=True, **params)
        assert not at.get("form"), page
        at = open_page(monkeypatch, seeded_db, page, **params)
        assert at.get("form"), page  # the same link outside meeting mode offers the correction


# ------------------------------------------------------------------------------------------------ downloads

def test_downloads_open_in_a_spreadsheet(monkeypatch, seeded_db, downloads):
    at = app(monkeypatch, seeded_db).run()
    for page in PAGES:
        at.switch_page(page).run()
    csvs = [name for name in downloads if name.endswith(".csv")]
    assert len(csvs) >= 15
    for name in csvs:
        data = downloads[name]
        assert data.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        cells = [c for r in rows[1:] for c in r]
        assert not [c for c in cells if re.fullmatch(r"-?\d+\.0", c) or c in ("True", "False", "None", "nan")], name
    def table(name):
        return list(csv.DictReader(io.StringIO(downloads[name].decode("utf-8-sig"))))

    # text in full: the evidence sentence and the quote labels are not cut with "…" in the file
    assert not [r for r in table("articles.csv") if r["top evidence"].endswith("…")]
    assert all(r["label"].endswith("”") for r in table("timeline_items.csv") if r["kind"] == "quote")
    quotes = table("quotes.csv")
    assert {"speaker", "quote", "polarity_adjusted", "file"} <= set(quotes[0]) or {"speaker", "quote", "sentiment",
                                                                                   "file"} <= set(quotes[0])
    book = openpyxl.load_workbook(io.BytesIO(downloads["ceasefire_coverage.xlsx"]))
    assert book.sheetnames == ["Articles", "Stance by outlet", "Quotes", "Figures", "Where sources differ",
                               "Entities", "Speakers"]
    articles = list(book["Articles"].values)
    assert len(articles) == 6 and articles[0][0] == "headline"
    assert all(v is None or not SEED_NAME.search(str(v)) for row in articles[1:] for v in row[:-2])
    kinds = {row[2] for row in list(book["Quotes"].values)[1:]}
    assert kinds == {"full", "partial", "fragment"}


# ------------------------------------------------------------------------------------------------ untrusted text

def test_a_skipped_file_on_the_first_start_is_named_as_plain_text(monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next((ROOT / "seeds").glob("000_*.txt")), corpus)
    evil = ["a\x1b]0;PWNED\x07\x1b[2Jb.txt", "c\nskipped x.txt: all good.txt", "![x](http:⁄⁄h) $k$ :red[r].txt"]
    for name in evil:
        (corpus / name).write_text("too short")
    at = app(monkeypatch, tmp_path / "fresh.db", DASHBOARD_CORPUS=str(corpus)).run()
    assert not at.exception, [e.value for e in at.exception]
    lines = [t.value for t in at.text]
    assert any(line.startswith("skipped: a\\x1b]0;PWNED\\x07\\x1b[2Jb.txt — ") for line in lines), lines
    assert any(line.startswith("skipped: c\\nskipped x.txt: all good.txt — ") for line in lines), lines
    assert not [line for line in lines if "\x1b" in line or "\n" in line]
    for kind in ("markdown", "info", "caption", "warning"):  # never rendered as Markdown
        assert not [e.value for e in at.get(kind) if "PWNED" in str(e.value) or ":red[" in str(e.value)]


def test_bare_addresses_in_article_text_never_become_links(monkeypatch, tmp_path, nlp):
    from lib.ingest import pipeline
    from tests.helpers import make_article

    db = tmp_path / "links.db"
    engine = store.open_store(str(db))
    extra = (" “Read it at www.example.com or http://evil.example/x and write to press@example.org,” the spokesman "
             "said. The ministry posted the text on https://gov.example.pk/talks on Friday.")
    pipeline.ingest_articles(engine, [make_article("links.txt", extra, Title="Talks resume", Outlet="Dawn",
                                                   Date="2025-11-02")], nlp=nlp)
    engine.dispose()
    pages = {"pages/articles.py": {}, "pages/quotes.py": {}, "pages/brief.py": {}}
    for page, params in pages.items():
        at = open_page(monkeypatch, db, page, **params)
        texts = [m.value for m in at.markdown]
        assert any("example" in t for t in texts), page
        for text in texts:
            assert not AUTOLINK.search(text), (page, text[:200])
