"""Display helpers shared by the pages: the store connection, cached reads and cached page views (lib/views.py),
the sidebar filters bound to the URL, the table-with-download pattern (paged; the CSV written on click), chart
defaults and the stance colours. The one lib module that imports streamlit; it holds no analysis.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import pandas as pd
import streamlit as st

from lib import brief, store, views
from lib.brief import md_escape
from lib.export import to_csv_bytes

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "seeds"

# Okabe-Ito colours (colour-blind safe), one meaning each across the app.
STANCE_COLORS = {
    "hopeful": "#0072B2",
    "mixed": "#E69F00",
    "pessimistic": "#D55E00",
    "insufficient evidence": "#999999",
}
STANCE_ORDER = list(STANCE_COLORS)
CATEGORY_ORDER = ["refugees", "deportations", "incidents", "casualties", "economy", "other"]

# Query-parameter names (and widget keys) of the shared filters: a copied URL reopens the same view.
Q_OUTLET, Q_FROM, Q_TO, Q_STANCE, Q_SPEAKER = "outlet", "from", "to", "stance", "speaker"

PAGE_SIZE = 200  # rows sent to the browser per table page


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...] = ()
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    stances: tuple[str, ...] = ()
    speakers: tuple[str, ...] = field(default=())

    def store_kwargs(self) -> dict:
        """Filters on articles, as store query arguments."""
        return dict(outlets=list(self.outlets) or None, date_from=self.date_from, date_to=self.date_to,
                    stances=list(self.stances) or None)


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
    from lib.nlp import load_model

    return load_model()


def revision() -> int:
    return store.revision(engine())


def _key() -> tuple[str, int]:
    """(store URL, revision): the first key of every cached read (the engine is opened, or the page stopped with
    a message, on the way)."""
    return store.db_url(), revision()


def readonly() -> bool:
    return store.is_readonly()


def ensure_corpus() -> None:
    """First start on an empty store: ingest the default corpus with a visible progress bar."""
    eng = engine()
    if store.count_articles(eng) or readonly() or st.session_state.get("_seeded"):
        return
    from lib import pipeline
    from lib.loader import load_folder

    corpus = Path(os.environ.get("DASHBOARD_CORPUS") or DEFAULT_CORPUS)
    if not corpus.is_dir():
        st.warning(f"The default corpus folder {corpus} does not exist: add articles on the Articles page.")
        st.session_state["_seeded"] = True
        return
    loaded, skipped = load_folder(corpus)
    bar = st.progress(0.0, text=f"Analysing the default corpus: 0 of {len(loaded)} articles")

    def update(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Analysing the default corpus: {done} of {total} articles")

    pipeline.ingest_articles(eng, loaded, progress=update, nlp=language_model())
    bar.empty()
    st.session_state["_seeded"] = True
    for item in skipped:
        st.info(f"Skipped {item.file}: {item.reason}")


# ------------------------------------------------------------------------------------------------ cached reads
# Cached by the store's revision: any write bumps it, so no page shows stale rows.

@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _articles(url: str, rev: int, filters: dict, with_text: bool) -> pd.DataFrame:
    return store.read_articles(_engine(url), with_text=with_text, **filters)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _quotes(url: str, rev: int, filters: dict, speakers: tuple, columns: tuple = ()) -> pd.DataFrame:
    return store.read_quotes(_engine(url), speakers=list(speakers) or None, columns=list(columns) or None, **filters)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _child(url: str, rev: int, name: str, filters: dict) -> pd.DataFrame:
    reader = {"figures": store.read_figures, "sentences": store.read_sentences,
              "entities": store.read_entities, "paragraphs": store.read_paragraphs}[name]
    return reader(_engine(url), **filters)


def articles(filters: Filters, with_text: bool = False) -> pd.DataFrame:
    return _articles(*_key(), filters.store_kwargs(), with_text)


def quotes(filters: Filters, use_speaker_filter: bool = True) -> pd.DataFrame:
    speakers = filters.speakers if use_speaker_filter else ()
    return _quotes(*_key(), filters.store_kwargs(), tuple(speakers))


def figures(filters: Filters) -> pd.DataFrame:
    return _child(*_key(), "figures", filters.store_kwargs())


def sentences(filters: Filters) -> pd.DataFrame:
    return _child(*_key(), "sentences", filters.store_kwargs())


def entities(filters: Filters) -> pd.DataFrame:
    return _child(*_key(), "entities", filters.store_kwargs())


@st.cache_data(max_entries=256, ttl=3600, show_spinner=False)
def _article_text(url: str, rev: int, article_id: str) -> str:
    return store.read_article_text(_engine(url), article_id) or ""


def article_text(article_id: str) -> str:
    """An article's stored text (untrusted: show it with st.text or through safe_text / the reader)."""
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
    return store.read_deleted_articles(_engine(url))


def deleted_articles() -> pd.DataFrame:
    """Articles deleted (hidden) and restorable."""
    return _deleted(*_key())


def edit_log(limit: int = 200) -> pd.DataFrame:
    """The latest changes (uploads, corrections, deletions, restores, aliases); not cached: an upload of a text
    already stored is logged without a new revision."""
    return store.read_edit_log(engine(), limit=limit)


def all_articles() -> pd.DataFrame:
    return articles(Filters())


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
    """The articles the filters select, outlets labelled, without the evidence lists (see `article_row`)."""
    return _article_list(*_key(), filters.store_kwargs())


def article_row(article_id: str) -> Optional[pd.Series]:
    """One article (not deleted) with its evidence lists, outlet labelled; None when there is none."""
    frame = _articles(*_key(), {"ids": [article_id]}, False)
    return views.with_outlets(frame).iloc[0] if len(frame) else None


def article_quotes(article_id: str) -> pd.DataFrame:
    """One article's quotes (as `quotes`, read for that article alone)."""
    return _quotes(*_key(), {"ids": [article_id]}, ())


def article_figures(article_id: str) -> pd.DataFrame:
    """One article's figures (as `figures`, read for that article alone)."""
    return _child(*_key(), "figures", {"ids": [article_id]})


@st.cache_data(max_entries=8, ttl=3600, show_spinner=False)
def _facets(url: str, rev: int) -> dict:
    eng = _engine(url)
    facets = store.article_facets(eng)
    dates = pd.to_datetime(pd.Series(facets["published"], dtype="object"), errors="coerce").dropna()
    return {"outlets": sorted({views.outlet_label(o) for o in facets["outlets"]}), "speakers": store.read_speakers(eng),
            "dates": (dates.min().date(), dates.max().date()) if len(dates) else None}


def facets() -> dict:
    """What the sidebar filters offer, read as distinct values in the store (not from every article and
    quote): outlets (labelled), canonical speakers, and the (first, last) publication date or None."""
    return _facets(*_key())


# ------------------------------------------------------------------------------------------------ cached views
# Each page's derived tables and chart data (lib/views.py), cached like the reads: by the store's revision, the
# filters and the page's own widget values, so a rerun unpickles them instead of computing them again.

def _read_args(filters: Filters) -> tuple:
    return *_key(), filters.store_kwargs(), tuple(filters.speakers)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _overview(url: str, rev: int, filters: dict, speakers: tuple, limit: int) -> dict:
    eng, speakers = _engine(url), list(speakers) or None
    return views.overview(_articles(url, rev, filters, False), store.quote_dates(eng, speakers, **filters),
                          store.read_latest_quotes(eng, 10, speakers, **filters), _child(url, rev, "figures", filters),
                          limit)


def overview_view(filters: Filters) -> dict:
    return _overview(*_read_args(filters), views.MAX_POINTS)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _sources(url: str, rev: int, filters: dict, speakers: tuple, limit: int) -> dict:
    return views.sources_page(_articles(url, rev, filters, False),
                              _quotes(url, rev, filters, speakers, views.SOURCES_QUOTE_COLUMNS), limit)


def sources_view(filters: Filters) -> dict:
    return _sources(*_read_args(filters), views.MAX_POINTS)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _timeline(url: str, rev: int, filters: dict, speakers: tuple, kinds: tuple, limit: int) -> dict:
    return views.timeline_page(_articles(url, rev, filters, False), _child(url, rev, "figures", filters),
                               _quotes(url, rev, filters, speakers, views.TIMELINE_QUOTE_COLUMNS), kinds, limit)


def timeline_view(filters: Filters, kinds) -> dict:
    return _timeline(*_read_args(filters), tuple(kinds), views.MAX_POINTS)


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _figures_page(url: str, rev: int, filters: dict) -> dict:
    return views.figures_page(_child(url, rev, "figures", filters))


def figures_view(filters: Filters) -> dict:
    return _figures_page(*_key(), filters.store_kwargs())


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)  # tens of MB each at 10,000 articles
def _quotes_page(url: str, rev: int, filters: dict, speakers: tuple, search: str, low: float, high: float,
                 fragments: bool) -> dict:
    return views.quotes_page(_quotes(url, rev, filters, speakers), search, low, high, fragments)


def quotes_view(filters: Filters, search: str, low: float, high: float, fragments: bool) -> dict:
    return _quotes_page(*_read_args(filters), search or "", float(low), float(high), bool(fragments))


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _brief(url: str, rev: int, filters: dict, speakers: tuple, n_figures: int, n_quotes: int) -> dict:
    arts = views.with_outlets(_articles(url, rev, filters, False))
    return brief.build_sections(arts, _quotes(url, rev, filters, speakers, views.BRIEF_QUOTE_COLUMNS),
                                _child(url, rev, "figures", filters), n_figures=n_figures, n_quotes=n_quotes)


def brief_sections(filters: Filters, n_figures: int, n_quotes: int) -> dict:
    """The meeting brief's sections (lib.brief.build_sections) for the filters."""
    return _brief(*_read_args(filters), int(n_figures), int(n_quotes))


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _mentions(url: str, rev: int, filters: dict) -> pd.DataFrame:
    return store.entity_mentions(_engine(url), **filters)


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


# ------------------------------------------------------------------------------------------------ filters

def _restore_from_url(options: dict[str, list]) -> None:
    """On a session's first run, put the URL's filter values into the widgets (unknown values are dropped)."""
    if st.session_state.get("_url_restored"):
        return
    st.session_state["_url_restored"] = True
    params = st.query_params
    for key in (Q_OUTLET, Q_STANCE, Q_SPEAKER):
        values = [v for v in params.get_all(key) if v in options[key]]
        if values:
            st.session_state[key] = values
    for key in (Q_FROM, Q_TO):
        try:
            st.session_state[key] = date.fromisoformat(params.get(key, ""))
        except ValueError:
            pass


def _write_to_url(filters: Filters) -> None:
    """Keep the URL's query string equal to the filters, so a copied link reopens the same view."""
    wanted = {Q_OUTLET: list(filters.outlets), Q_STANCE: list(filters.stances), Q_SPEAKER: list(filters.speakers),
              Q_FROM: filters.date_from or "", Q_TO: filters.date_to or ""}
    for key, value in wanted.items():
        current = st.query_params.get_all(key)
        target = value if isinstance(value, list) else ([value] if value else [])
        if current != target:
            if target:
                st.query_params[key] = target
            elif key in st.query_params:
                del st.query_params[key]


def sidebar_filters() -> Filters:
    """Outlet, date range, stance and speaker filters in the sidebar, kept in the URL's query string."""
    options = facets()
    outlets, speakers = options["outlets"], options["speakers"]
    _restore_from_url({Q_OUTLET: outlets, Q_STANCE: STANCE_ORDER, Q_SPEAKER: speakers})
    with st.sidebar:
        st.header("Filters")
        chosen_outlets = st.multiselect("Outlet", outlets, key=Q_OUTLET)
        date_from = date_to = None
        if options["dates"]:
            low, high = options["dates"]
            date_from = st.date_input("Published from", value=None, min_value=low, max_value=high, key=Q_FROM)
            date_to = st.date_input("Published to", value=None, min_value=low, max_value=high, key=Q_TO)
        chosen_stances = st.multiselect("Stance", STANCE_ORDER, key=Q_STANCE)
        chosen_speakers = st.multiselect("Speaker (quotes)", speakers, key=Q_SPEAKER)
        if readonly():
            st.info("Read-only meeting mode: nothing can be uploaded, corrected or deleted.")
    filters = Filters(outlets=tuple(chosen_outlets),
                      date_from=date_from.isoformat() if isinstance(date_from, date) else None,
                      date_to=date_to.isoformat() if isinstance(date_to, date) else None,
                      stances=tuple(chosen_stances), speakers=tuple(chosen_speakers))
    _write_to_url(filters)
    return filters


def current_filters() -> Filters:
    """The filters set in the sidebar this run (dashboard.py draws them before the page runs).

    Streamlit 1.67 runs a server that has a `pages/` folder in its old multipage mode until the first
    `st.navigation` call: a copied link to a page, opened first after a start, would run the page file alone
    (no sidebar, no filters from the URL). Such a page switches that mode off and reruns through dashboard.py.
    (Renaming `pages/` would remove the cause; see the lead's note.)"""
    if "_filters" not in st.session_state and not st.session_state.get("_entry_retried"):
        from streamlit.runtime.pages_manager import PagesManager

        st.session_state["_entry_retried"] = True
        PagesManager.uses_pages_directory = False  # what st.navigation itself does on its first call
        st.rerun()
    return st.session_state.get("_filters", Filters())


# ------------------------------------------------------------------------------------------------ display

def _page_count(rows: int) -> int:
    return (rows + PAGE_SIZE - 1) // PAGE_SIZE


def visible_rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of `frame` on the table page that `show_table(frame, ..., key=key)` shows in this run."""
    if len(frame) <= PAGE_SIZE:
        return frame
    pages = _page_count(len(frame))
    page = min(max(int(st.session_state.get(f"{key}_page") or 1), 1), pages)
    return frame.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]


def _csv_of(frame: pd.DataFrame):
    """The download's data: a callable, so the CSV is written when the button is clicked, not on every run."""
    return lambda: to_csv_bytes(frame)


def show_table(frame: pd.DataFrame, name: str, columns: Optional[list[str]] = None,
               column_config: Optional[dict] = None, key: Optional[str] = None, selectable: bool = False):
    """A table of what is shown, its row count, and a formula-safe CSV download of exactly those rows (all of
    them, not only the table page on screen; written when the button is clicked). Long tables are paged so that
    the browser never receives thousands of rows of text at once. `selectable`: returns the selected row of
    `frame` with all its columns (shown or not), so that a page looks it up by article_id, never by a name that
    two articles may share."""
    shown = frame[columns] if columns else frame
    key = key or name
    total = len(shown)
    if total > PAGE_SIZE:
        pages = _page_count(total)
        if (st.session_state.get(f"{key}_page") or 1) > pages:  # fewer rows than when the page was turned
            st.session_state[f"{key}_page"] = pages
        st.number_input(f"Page (of {pages})", 1, pages, 1, key=f"{key}_page")
    page_rows = visible_rows(shown, key)
    event = st.dataframe(page_rows, hide_index=True, column_config=column_config, key=f"{key}_table",
                         on_select="rerun" if selectable else "ignore",
                         selection_mode="single-row" if selectable else "multi-row")
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        st.caption(f"{total:,} rows" + (f" (showing {len(page_rows):,})" if total > len(page_rows) else ""))
        st.download_button("Download CSV", _csv_of(shown), file_name=f"{name}.csv", mime="text/csv",
                           key=f"{key}_csv", width="content", on_click="ignore", icon=":material/download:")
    if selectable and event is not None and event.selection.rows:  # the whole row, article_id included
        return visible_rows(frame, key).iloc[event.selection.rows[0]]
    return None


def chart(fig, key: Optional[str] = None, height: Optional[int] = None) -> None:
    """A plotly chart with the app's defaults (every chart has a title and labelled axes: assert it here)."""
    assert fig.layout.title.text, "every chart needs a title"
    fig.update_layout(margin=dict(l=10, r=10, t=60, b=10), legend_title_text="", hoverlabel=dict(align="left"),
                      font=dict(size=13), **({"height": height} if height else {}))
    st.plotly_chart(fig, key=key, width="stretch", config={"displaylogo": False})


def empty_state(message: str) -> None:
    st.info(message)


def text_or(value, default: str = "") -> str:
    """`value` when it is a non-empty string, else `default` (NaN and None are not text)."""
    return value if isinstance(value, str) and value.strip() else default


def filters_dict(filters: Filters) -> dict:
    return asdict(filters)


def safe_text(value) -> str:
    """Untrusted text (an article's, a quote's, a file name) made inert for st.markdown: every character that
    can start Markdown, HTML, LaTeX, a link or an emoji code is escaped. Use it for any such text in markdown."""
    return md_escape(value)


def date_span(dates) -> str:
    """ISO dates as a short span for a metric: "2–8 Nov 2025", "28 Oct – 8 Nov 2025"; "unknown" when none."""
    parsed = pd.to_datetime(pd.Series(list(dates), dtype="object"), errors="coerce", format="%Y-%m-%d").dropna()
    if parsed.empty:
        return "unknown"
    low, high = parsed.min(), parsed.max()
    if low == high:
        return f"{low.day} {low:%b %Y}"
    if (low.year, low.month) == (high.year, high.month):
        return f"{low.day}–{high.day} {high:%b %Y}"
    if low.year == high.year:
        return f"{low.day} {low:%b} – {high.day} {high:%b %Y}"
    return f"{low.day} {low:%b %Y} – {high.day} {high:%b %Y}"


def filters_caption(filters: Filters) -> str:
    """The active filters in words (plain text, for st.caption of escaped text)."""
    parts = []
    if filters.outlets:
        parts.append("outlet " + ", ".join(filters.outlets))
    if filters.date_from or filters.date_to:
        parts.append(f"published {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.stances:
        parts.append("stance " + ", ".join(filters.stances))
    if filters.speakers:
        parts.append("speaker " + ", ".join(filters.speakers))
    return "Filtered: " + "; ".join(parts) if parts else "All articles (no filter set)"


# ------------------------------------------------------------------------------------------------ the reader
# Kinds of highlighted span, their Streamlit colour directive, and the legend's words.
MARK_STYLES = {"quote": ("blue", "quote"), "figure": ("orange", "figure"),
               "hopeful": ("green", "hopeful evidence"), "pessimistic": ("red", "pessimistic evidence")}


def highlight_segments(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, Optional[str]]]:
    """Split `text` into (segment, kind) pieces: kind None for plain text, else the kind of the mark covering it.
    Marks are (start, end, kind) character offsets; an overlapping later mark is cut to what is left."""
    pieces: list[tuple[str, Optional[str]]] = []
    pos = 0
    for start, end, kind in sorted((max(0, int(s)), min(len(text), int(e)), k) for s, e, k in marks if e > s):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], kind))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def reader_markdown(pieces: list[tuple[str, Optional[str]]]) -> list[str]:
    """Paragraphs of Markdown for the reader: every piece escaped, marked pieces wrapped in a colour directive.
    Article text is never rendered as HTML (st.markdown without unsafe_allow_html, and the text escaped)."""
    paragraphs, current = [], []
    for segment, kind in pieces:
        chunks = segment.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                paragraphs.append("".join(current))
                current = []
            escaped = safe_text(chunk)
            if not escaped:
                continue
            if kind:
                colour = MARK_STYLES.get(kind, ("gray", kind))[0]
                current.append(f":{colour}-background[{escaped}]")
            else:
                current.append(escaped)
    paragraphs.append("".join(current))
    return [p.strip() for p in paragraphs if p.strip()]


def reader_legend() -> str:
    return "  ".join(f":{colour}-background[{words}]" for colour, words in MARK_STYLES.values())


def show_text_block(label: str, sentences, expanded: bool = True) -> None:
    """A list of untrusted sentences, shown as plain text (never Markdown or HTML)."""
    sentences = [s for s in (sentences or []) if isinstance(s, str) and s.strip()]
    st.markdown(f"**{label}** ({len(sentences)})")
    if not sentences:
        st.caption("None.")
    for sentence in sentences:
        st.text("• " + " ".join(sentence.split()))


def paragraph_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph (newline-delimited) holding text[start:end], and its offset in `text`."""
    begin = text.rfind("\n", 0, max(0, start)) + 1
    stop = text.find("\n", max(end, start))
    return text[begin: stop if stop >= 0 else len(text)], begin


def show_in_context(article_id: str, start, end, kind: str, fallback: str = "") -> None:
    """The paragraph around a quote or figure, the span highlighted, all of it escaped text."""
    text = article_text(article_id)
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        start = end = -1
    if not text or start < 0 or end > len(text):
        st.text(fallback)
        return
    para, offset = paragraph_around(text, start, end)
    for line in reader_markdown(highlight_segments(para, [(start - offset, end - offset, kind)])):
        st.markdown(line)
