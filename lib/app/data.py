"""The dashboard's data: the store connection, the first-start ingest, and every read and page view, cached by
the store's revision (any write bumps it, so no page shows stale rows), the filters and the page's own widgets.

Every frame read here carries each row's article `headline` (its title, or its first words; lib/labels), so that
no page names an article by its file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import pandas as pd
import streamlit as st

from lib import brief, labels, store, views, voice_counts, voices
from lib.app.state import Filters
from lib.escape import printable

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "seeds"


def signed_in_user() -> Optional[str]:
    """The dashboard's signed-in user inside a run (`st.user`: name, else email), else None."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is None:  # not inside a dashboard run
            return None
        info = st.user
        for key in ("name", "email"):
            value = info.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    except Exception:  # no auth configured, or an older Streamlit: the OS login is recorded instead
        return None
    return None


store.set_user_source(signed_in_user)  # the edit log records who corrected, deleted or uploaded


# ------------------------------------------------------------------------------------------------ store

@st.cache_resource(show_spinner=False)
def _engine(url: str):
    return store.open_store(url)


def engine():
    """The store engine (one per process); a store that cannot be opened stops the page with a way out."""
    try:
        return _engine(store.db_url())
    except store.StoreError as exc:
        st.error(f"The store cannot be opened. {exc}")
        st.stop()


@st.cache_resource(show_spinner="Loading the language model…")
def language_model():
    """The spaCy model, loaded once per process and only when something needs analysing."""
    from lib.ingest.nlp import load_model

    return load_model()


def revision() -> int:
    return store.revision(engine())


def _key() -> tuple[str, int]:
    """(store URL, revision): the first key of every cached read (the engine is opened, or the page stopped with
    a message, on the way)."""
    return store.db_url(), revision()


def readonly() -> bool:
    return store.is_readonly()


def topic():
    """The topic profile in force (DASHBOARD_TOPIC, else the default): its name and description head every page.
    A profile that cannot be read stops the page with the reason (lib.topic.TopicError names field and line)."""
    from lib.topic import TopicError, active_topic

    try:
        return active_topic()
    except TopicError as exc:
        st.error(f"The topic profile cannot be used. {exc}")
        st.stop()


def ensure_corpus() -> None:
    """First start on an empty store: ingest the default corpus off the script thread (lib/ingest/background.py), with a
    visible progress bar. A file that cannot be an article is named as plain text, its control characters escaped
    (never rendered as Markdown)."""
    eng = engine()
    if store.count_articles(eng) or readonly() or st.session_state.get("_seeded"):
        return
    from lib.ingest.loader import load_folder

    corpus = Path(os.environ.get("DASHBOARD_CORPUS") or DEFAULT_CORPUS)
    if not corpus.is_dir():
        st.warning("The default corpus folder does not exist: add articles on the Articles page.")
        st.text(f"Folder: {printable(str(corpus))}")
        st.session_state["_seeded"] = True
        return
    loaded, skipped = load_folder(corpus)
    ingest_with_progress(loaded, "Analysing the default corpus")
    st.session_state["_seeded"] = True
    if skipped:
        st.info(f"{labels.plural(len(skipped), 'file')} of the default corpus could not be read:")
        for item in skipped:
            st.text(f"skipped: {printable(item.file)} — {printable(item.reason)}")


INGEST_JOB = "_ingest_job"  # session state: the running ingest, found again by a rerun while it runs
POLL_SECONDS = 0.25


def ingest_with_progress(articles, text: str, after=None):
    """Analyse and store `articles` on a thread of their own (`lib.ingest.background.IngestJob`: the CLI's engine and
    its default number of processes, workers spawned, never forked from this server), showing "`text`: n of N
    articles" until it is done; returns its IngestReport (or raises what the ingest raised). `after(report)` runs
    on the job's thread once the articles are stored. A rerun while it runs (the user clicked elsewhere on the
    same page) finds the job again and keeps showing its progress instead of starting another."""
    from lib.ingest.background import IngestJob

    running = st.session_state.get(INGEST_JOB)
    job = running[1] if running and running[0] == text and not running[1].finished else None
    if job is None:
        job = IngestJob(engine(), articles, after=after).start()
        st.session_state[INGEST_JOB] = (text, job)
    bar = st.progress(0.0, text=f"{text}: 0 of {job.total} articles")
    while not job.wait(POLL_SECONDS):
        bar.progress(job.fraction, text=f"{text}: {job.done} of {job.total} articles")
    st.session_state.pop(INGEST_JOB, None)
    bar.empty()
    return job.result()


# ------------------------------------------------------------------------------------------------ headlines

@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _headlines(url: str, rev: int) -> dict[str, str]:
    openings = store.read_openings(_engine(url))
    return {a: labels.headline(t, o) for a, t, o in zip(openings["article_id"], openings["title"],
                                                         openings["opening"])}


def headlines() -> dict[str, str]:
    """article_id -> headline of every article not deleted."""
    return _headlines(*_key())


def _with_headlines(url: str, rev: int, frame: pd.DataFrame) -> pd.DataFrame:
    if "article_id" in frame.columns:
        names = _headlines(url, rev)
        frame = frame.assign(headline=[names.get(a, "Untitled article") for a in frame["article_id"]])
    return frame


# ------------------------------------------------------------------------------------------------ cached reads

@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _articles(url: str, rev: int, filters: dict, with_text: bool) -> pd.DataFrame:
    return _with_headlines(url, rev, store.read_articles(_engine(url), with_text=with_text, **filters))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _quotes(url: str, rev: int, filters: dict, speakers: tuple, columns: tuple = ()) -> pd.DataFrame:
    return _with_headlines(url, rev, store.read_quotes(_engine(url), speakers=list(speakers) or None,
                                                       columns=list(columns) or None, **filters))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _child(url: str, rev: int, name: str, filters: dict) -> pd.DataFrame:
    reader = {"figures": store.read_figures, "sentences": store.read_sentences,
              "entities": store.read_entities, "paragraphs": store.read_paragraphs}[name]
    return _with_headlines(url, rev, reader(_engine(url), **filters))


def articles(filters: Filters, with_text: bool = False) -> pd.DataFrame:
    return _articles(*_key(), filters.store_kwargs(), with_text)


def quotes(filters: Filters, use_speaker_filter: bool = True) -> pd.DataFrame:
    speakers = filters.speakers if use_speaker_filter else ()
    return _quotes(*_key(), filters.store_kwargs(), tuple(speakers))


def figures(filters: Filters) -> pd.DataFrame:
    return _child(*_key(), "figures", filters.store_kwargs())


@st.cache_data(max_entries=256, ttl=3600, show_spinner=False)
def _article_text(url: str, rev: int, article_id: str) -> str:
    return store.read_article_text(_engine(url), article_id) or ""


def article_text(article_id: str) -> str:
    """An article's stored text (untrusted: show it with st.text or through the reader)."""
    return _article_text(*_key(), article_id)


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _aliases(url: str, rev: int) -> pd.DataFrame:
    table = store.alias_table(_engine(url))
    return pd.DataFrame(sorted(table.items()), columns=["alias", "canonical"])


def aliases() -> pd.DataFrame:
    """The speaker alias table in force (shipped defaults overridden by users' edits): alias, canonical."""
    return _aliases(*_key())


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _deleted(url: str, rev: int) -> pd.DataFrame:
    deleted = store.read_deleted_articles(_engine(url))
    names = {a: labels.headline(t, None) for a, t in zip(deleted["article_id"], deleted["title"])}
    return deleted.assign(headline=[names[a] for a in deleted["article_id"]])


def deleted_articles() -> pd.DataFrame:
    """Articles deleted (hidden) and restorable, with a headline (their title, else "Untitled article")."""
    return _deleted(*_key())


def edit_log(limit: int = 200) -> pd.DataFrame:
    """The latest changes (uploads, corrections, deletions, restores, aliases) as a person reads them; not
    cached: an upload of a text already stored is logged without a new revision."""
    log = store.read_edit_log(engine(), limit=limit)
    names = {**dict(zip(deleted_articles()["article_id"], deleted_articles()["headline"])), **headlines()}
    return views.edit_log(log, names)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _article_count(url: str, rev: int, filters: dict) -> int:
    return store.count_articles(_engine(url), **filters)


def article_count(filters: Filters) -> int:
    """How many articles the filters select (counted in the store)."""
    return _article_count(*_key(), filters.store_kwargs())


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _article_list(url: str, rev: int, filters: dict) -> pd.DataFrame:
    return views.article_list(_articles(url, rev, filters, False))


def article_list(filters: Filters) -> pd.DataFrame:
    """The articles the filters select, headline and outlet labelled, without the evidence lists (`article_row`)."""
    return _article_list(*_key(), filters.store_kwargs())


def article_row(article_id: str) -> Optional[pd.Series]:
    """One article (not deleted) with its evidence lists, outlet labelled; None when there is none."""
    frame = _articles(*_key(), {"ids": [article_id]}, False)
    return views.with_outlets(frame).iloc[0] if len(frame) else None


def article_quotes(article_id: str) -> pd.DataFrame:
    """One article's quotes (fragments included: the reader marks them apart)."""
    return _quotes(*_key(), {"ids": [article_id]}, ())


def article_figures(article_id: str) -> pd.DataFrame:
    """One article's figures."""
    return _child(*_key(), "figures", {"ids": [article_id]})


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _facets(url: str, rev: int) -> dict:
    eng = _engine(url)
    facets = store.article_facets(eng)
    dates = pd.to_datetime(pd.Series(facets["published"], dtype="object"), errors="coerce").dropna()
    return {"outlets": sorted({views.outlet_label(o) for o in facets["outlets"]}), "speakers": store.read_speakers(eng),
            "dates": (dates.min().date(), dates.max().date()) if len(dates) else None, "topics": facets["topics"]}


def facets() -> dict:
    """What the sidebar filters offer, read as distinct values in the store (not from every article and
    quote): outlets (labelled), canonical speakers, the (first, last) publication date or None, and the topic
    profiles (slugs) the stored analyses ran under."""
    return _facets(*_key())


# ------------------------------------------------------------------------------------------------ cached views
# Each page's derived tables and chart data (lib/views.py), cached like the reads: by the store's revision, the
# filters and the page's own widget values, so a rerun unpickles them instead of computing them again.
# The "count copies once" switch (Filters.count_copies_once, `once` below) is part of every key: on, a page counts
# through lib/voice_counts as its docstring says; off, it reads exactly what it read before the switch existed.

def _read_args(filters: Filters) -> tuple:
    return *_key(), filters.store_kwargs(), tuple(filters.speakers)


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _voice_table(url: str, rev: int) -> pd.DataFrame:
    return voices.voice_table(_engine(url))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _voiced(url: str, rev: int, filters: dict) -> pd.DataFrame:
    """The articles the filters select with their voices (voice_id, copies, voice_source, is_original), grouped
    over the whole store as `voices.with_voices` does: a copy whose original is filtered out still counts once."""
    return voices.attach_voices(_articles(url, rev, filters, False), _voice_table(url, rev))


def _articles_for(url: str, rev: int, filters: dict, once: bool) -> pd.DataFrame:
    """The articles a page counts from: with their voices when the switch is on, else today's frame as it is."""
    return _voiced(url, rev, filters) if once else _articles(url, rev, filters, False)


def _voice_numbers(articles: pd.DataFrame, once: bool) -> Optional[dict]:
    """What a page's caption says of the voices (articles, voices, copies), or None with the switch off."""
    return voice_counts.overview_numbers(articles, None, None, True) if once else None


def voiced_articles(filters: Filters) -> pd.DataFrame:
    """The articles the filters select with their voice columns (lib/voices.with_voices)."""
    return _voiced(*_key(), filters.store_kwargs())


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _overview(url: str, rev: int, filters: dict, speakers: tuple, limit: int, once: bool) -> dict:
    eng, names = _engine(url), list(speakers) or None
    latest = _with_headlines(url, rev, store.read_latest_quotes(eng, 10, names, **filters))
    arts, figures_read = _articles_for(url, rev, filters, once), _child(url, rev, "figures", filters)
    if once:  # the quotes per day, a quote repeated by copies counted once (store.quote_dates counts each row)
        quotes_read = _quotes(url, rev, filters, speakers, ("quote",))
        dates = voice_counts.quote_dates(voice_counts.counted_quotes(quotes_read, arts, True))
    else:
        dates = store.quote_dates(eng, names, **filters)
    view = views.overview(voice_counts.counted_articles(arts, once), dates, latest,
                          voice_counts.counted_figures(figures_read, arts, once), limit)
    view["voices"] = None
    if once and len(arts):
        view.update(_shown_counts(arts), stance=voice_counts.stance_by_outlet(arts, True),
                    voices=voice_counts.overview_numbers(arts, quotes_read, figures_read, True))
    return view


def _shown_counts(articles: pd.DataFrame) -> dict:
    """The Overview's article, outlet and date numbers of every article shown (copies included: they are what
    the filters select; the counts below them count each story once)."""
    n_outlets, n_unknown = views.outlet_counts(articles)
    dates = articles["published"].dropna()
    return {"n_articles": len(articles), "n_outlets": n_outlets, "n_unknown_outlet": n_unknown,
            "dates": sorted(set(dates)), "undated": int(articles["published"].isna().sum())}


def overview_view(filters: Filters) -> dict:
    return _overview(*_read_args(filters), views.MAX_POINTS, filters.count_copies_once)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _sources(url: str, rev: int, filters: dict, speakers: tuple, limit: int, once: bool) -> dict:
    arts = _articles_for(url, rev, filters, once)
    quotes_read = _quotes(url, rev, filters, speakers, views.SOURCES_QUOTE_COLUMNS)
    view = views.sources_page(voice_counts.counted_articles(arts, once),
                              voice_counts.counted_quotes(quotes_read, arts, once), limit)
    view["voices"] = _voice_numbers(arts, once)
    if once and len(arts):  # every outlet shown, with the copies it carried and whose
        view["outlets"] = voice_counts.outlet_summary(arts, True).round(3)
    return view


def sources_view(filters: Filters) -> dict:
    return _sources(*_read_args(filters), views.MAX_POINTS, filters.count_copies_once)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _timeline(url: str, rev: int, filters: dict, speakers: tuple, kinds: tuple, limit: int) -> dict:
    return views.timeline_page(_articles(url, rev, filters, False), _child(url, rev, "figures", filters),
                               _quotes(url, rev, filters, speakers, views.TIMELINE_QUOTE_COLUMNS), kinds, limit)


def timeline_view(filters: Filters, kinds) -> dict:
    return _timeline(*_read_args(filters), tuple(kinds), views.MAX_POINTS)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _figures_page(url: str, rev: int, filters: dict, once: bool) -> dict:
    arts, figures_read = _articles_for(url, rev, filters, once), _child(url, rev, "figures", filters)
    counted = voice_counts.counted_figures(figures_read, arts, once)
    view = views.figures_page(counted)
    view["voices"] = _voice_numbers(arts, once)
    if view["voices"] is not None:
        view["voices"]["repeats"] = len(figures_read) - len(counted)  # figures a copy repeats, not counted
    return view


def figures_view(filters: Filters) -> dict:
    return _figures_page(*_key(), filters.store_kwargs(), filters.count_copies_once)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _quotes_page(url: str, rev: int, filters: dict, speakers: tuple, search: str, low: float, high: float,
                 fragments: bool, who: str, once: bool) -> dict:
    arts, quotes_read = _articles_for(url, rev, filters, once), _quotes(url, rev, filters, speakers)
    counted = voice_counts.counted_quotes(quotes_read, arts, once)
    return {**views.quotes_page(counted, search, low, high, fragments, who), "voices": _voice_numbers(arts, once)}


def quotes_view(filters: Filters, search: str, low: float, high: float, fragments: bool, who: str = "") -> dict:
    return _quotes_page(*_read_args(filters), search or "", float(low), float(high), bool(fragments), who or "",
                        filters.count_copies_once)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _brief(url: str, rev: int, filters: dict, speakers: tuple, n_figures: int, n_quotes: int, once: bool) -> dict:
    arts = _articles_for(url, rev, filters, once)  # outlets as stored: an article naming none is no outlet
    return voice_counts.brief_sections(arts, _quotes(url, rev, filters, speakers, views.BRIEF_QUOTE_COLUMNS),
                                       _child(url, rev, "figures", filters), once, n_figures=n_figures,
                                       n_quotes=n_quotes)


def brief_sections(filters: Filters, n_figures: int, n_quotes: int) -> dict:
    """The meeting brief's sections (lib.brief.build_sections; with the switch on, voice_counts.brief_sections:
    a story and its copies count once) for the filters."""
    return _brief(*_read_args(filters), int(n_figures), int(n_quotes), filters.count_copies_once)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _mentions(url: str, rev: int, filters: dict) -> pd.DataFrame:
    return _with_headlines(url, rev, store.entity_mentions(_engine(url), **filters))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _entities_page(url: str, rev: int, filters: dict, groups: tuple) -> dict:
    return views.entities_page(_mentions(url, rev, filters), groups)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _entity_pairs(url: str, rev: int, filters: dict, groups: tuple, top: int) -> dict:
    return views.entity_pairs(_mentions(url, rev, filters), groups, top)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _entity_article_count(url: str, rev: int, filters: dict) -> int:
    mentions = _mentions(url, rev, filters)
    return int(mentions["article_id"].nunique()) if len(mentions) else 0


def entity_article_count(filters: Filters) -> int:
    """How many of the articles the filters select name an entity."""
    return _entity_article_count(*_key(), filters.store_kwargs())


def entities_view(filters: Filters, groups) -> dict:
    """The entity table of a kind (entities counted per article in the store, then per entity)."""
    return _entities_page(*_key(), filters.store_kwargs(), tuple(groups))


def entity_pairs_view(filters: Filters, groups, top: int) -> dict:
    return _entity_pairs(*_key(), filters.store_kwargs(), tuple(groups), int(top))


def entity_articles(filters: Filters, name: str) -> pd.DataFrame:
    """The articles (of those the filters select) that name the entity `name`: headline, outlet, published,
    mentions; most mentions first."""
    mentions = _mentions(*_key(), filters.store_kwargs())
    hits = mentions[mentions["entity"] == name]
    if hits.empty:
        return pd.DataFrame(columns=["headline", "outlet", "published", "mentions", "article_id"])
    arts = articles(filters)[["article_id", "published"]]
    out = views.with_outlets(hits).merge(arts, on="article_id", how="left")
    out = out.groupby(["article_id", "headline", "outlet"], dropna=False).agg(
        mentions=("mentions", "sum"), published=("published", "first")).reset_index()
    return out.sort_values(["mentions", "published"], ascending=[False, False])[
        ["headline", "outlet", "published", "mentions", "article_id"]].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ the workbook
ALL_GROUPS = ("people", "organisations", "places", "groups", "events")
WORKBOOK_COLUMNS = {
    "Articles": ["headline", "outlet", "published", "stance", "stance_score", "stance_origin", "polarity_adjusted",
                 "subjectivity", "n_words", "title", "outlet_origin", "published_origin", "url", "file",
                 "article_id"],
    "Quotes": ["speaker", "quote", "kind", "headline", "outlet", "published", "sentiment", "speaker_origin",
               "speaker_in_article", "fragment_origin", "sentence", "file", "article_id"],
    "Figures": ["category", "figure", "value", "unit", "qualifier", "period", "counted", "attributed_to", "headline",
                "outlet", "published", "value_origin", "category_origin", "sentence", "file", "article_id"],
}


def workbook_sheets(filters: Filters) -> dict[str, pd.DataFrame]:
    """Every table of the articles the filters select, for the Excel workbook: articles (all of them), stance per
    outlet, quotes (fragments too, marked), figures, where sources differ, entities, speakers; the counts follow
    the "count copies once" switch as the pages' do."""
    arts = article_list(filters)
    once = filters.count_copies_once  # the sheets count as the pages do: a story and its copies once when on
    voiced = voiced_articles(filters) if once else arts
    stance = voice_counts.stance_by_outlet(voiced, once) if once else brief.stance_per_outlet(arts)
    quote_rows = views.quotes_page(voice_counts.counted_quotes(quotes(filters), voiced, once), fragments=True)["shown"]
    figure_view = figures_view(filters)
    figure_rows = pd.concat(list(figure_view.get("categories", {}).values()) or [pd.DataFrame()],
                            ignore_index=True)
    sheets = {
        "Articles": arts, "Stance by outlet": stance, "Quotes": quote_rows,
        "Figures": figure_rows, "Where sources differ": figure_view.get("discrepancies", pd.DataFrame()),
        "Entities": entities_view(filters, ALL_GROUPS)["counts"].rename(columns={"files": "in articles"}),
        "Speakers": sources_view(filters).get("speakers_table", pd.DataFrame()),
    }
    return {name: frame[[c for c in WORKBOOK_COLUMNS[name] if c in frame.columns]] if name in WORKBOOK_COLUMNS
            else frame for name, frame in sheets.items()}
