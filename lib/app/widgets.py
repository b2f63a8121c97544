"""Display helpers the pages share: the sidebar filters (kept in the URL), the chart helper every chart passes
through (untrusted text escaped, the filters it shows in its subtitle, click-through), meeting mode, and small
helpers for untrusted text (escaped Markdown, plain lines with control characters made visible).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

import pandas as pd
import streamlit as st

from lib import labels
from lib.app import data, state
from lib.app.plots import STANCE_ORDER, safe_figure
from lib.escape import md_escape, plotly_escape, plotly_unescape, printable

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# The app's own style (constants, no text from the data): less empty space above a page, so that its main chart
# is on the first screen at 1280×720; in meeting mode (read-only) type a size larger for a shared screen.
APP_CSS = '<style>[data-testid="stMainBlockContainer"]{padding-top:2.5rem}</style>'
MEETING_CSS = "<style>html{font-size:18px}h1{font-size:2.4rem !important}</style>"


def sidebar_filters() -> state.Filters:
    """Outlet, date range, stance and speaker filters and the "count copies once" switch in the sidebar, kept in
    the URL's query string."""
    options = data.facets()
    outlets, speakers = options["outlets"], options["speakers"]
    topics = options["topics"]
    state.restore_filters({state.Q_OUTLET: outlets, state.Q_STANCE: STANCE_ORDER, state.Q_SPEAKER: speakers,
                           state.Q_TOPIC: topics})
    with st.sidebar:
        topic = data.topic()
        st.markdown(f"**{safe_text(topic.name)}**")
        st.caption(safe_text(topic.description))
        st.header("Filters")
        # One store may hold analyses of several topics: offered only then.
        chosen_topics = st.multiselect("Topic", topics, key=state.Q_TOPIC) if len(topics) > 1 else []
        chosen_outlets = st.multiselect("Outlet", outlets, key=state.Q_OUTLET)
        date_from = date_to = None
        if options["dates"]:
            low, high = options["dates"]
            date_from = st.date_input("Published from", value=None, min_value=low, max_value=high,
                                      key=state.Q_FROM)
            date_to = st.date_input("Published to", value=None, min_value=low, max_value=high, key=state.Q_TO)
        chosen_stances = st.multiselect("Stance", STANCE_ORDER, key=state.Q_STANCE)
        chosen_speakers = st.multiselect("Speaker (quotes)", speakers, key=state.Q_SPEAKER)
        count_copies_once = copies_switch()
        if data.readonly():
            st.info("Read-only meeting mode: nothing can be uploaded, corrected or deleted.")
    filters = state.Filters(outlets=tuple(chosen_outlets),
                            date_from=date_from.isoformat() if isinstance(date_from, date) else None,
                            date_to=date_to.isoformat() if isinstance(date_to, date) else None,
                            stances=tuple(chosen_stances), speakers=tuple(chosen_speakers),
                            topics=tuple(chosen_topics), count_copies_once=bool(count_copies_once))
    state.write_filters(filters)
    return filters


COPIES_HELP = ("On: a story reprinted by several outlets (a wire story, a hand-out) counts as one voice, under "
               "its original, in the counts, charts and tables of Overview, Sources, Figures, Quotes and the brief. "
               "Off: every article counts, copies included.")


def copies_switch() -> bool:
    """The "count copies once" toggle (on by default; the URL's `copies=all` turns it off on a first run)."""
    if state.Q_COPIES not in st.session_state:  # the state restore_filters sets, kept if a run ever drops it
        st.session_state[state.Q_COPIES] = True
    return st.toggle("Count copies once", key=state.Q_COPIES, help=COPIES_HELP)


TOOLBAR = "client.toolbarMode"
_CONFIGURED_TOOLBAR = None  # the mode the server was started with (restored when read-only mode is off)


def meeting_mode() -> None:
    """Read-only mode is for a shared screen: no developer menu, Deploy or Stop in the toolbar, larger type.
    (`client.toolbarMode` is one of the options a running app may set; the CSS is the app's own constant.)"""
    global _CONFIGURED_TOOLBAR
    if _CONFIGURED_TOOLBAR is None:
        _CONFIGURED_TOOLBAR = st.get_option(TOOLBAR)
    wanted = "minimal" if data.readonly() else _CONFIGURED_TOOLBAR
    if st.get_option(TOOLBAR) != wanted:
        st.set_option(TOOLBAR, wanted)
        st.rerun()  # the browser receives the toolbar's mode when a run starts: this run's would be too late
    st.html(APP_CSS)
    if data.readonly():
        st.html(MEETING_CSS)


# ------------------------------------------------------------------------------------------------ charts

def chart(fig, key: str, scope: str = "", height: Optional[int] = None, select: bool = False) -> list[dict]:
    """A Plotly chart with the app's defaults: every chart has a title and says in its subtitle which filters it
    shows (`scope`); every string from the data is escaped for Plotly's markup (plots.safe_figure). With
    `select`, a click on a point or bar reruns the page and the points picked come back (their customdata
    unescaped, under "customdata") on the run the selection changes, else []."""
    assert fig.layout.title.text, "every chart needs a title"
    safe_figure(fig)
    if scope:
        fig.update_layout(title=dict(subtitle=dict(text=plotly_escape(scope), font=dict(size=12, color="#555"))))
    top = 84 if scope else 60
    fig.update_layout(margin=dict(l=10, r=10, t=max(top, fig.layout.margin.t or 0), b=10), font=dict(size=13),
                      **({"height": height} if height else {}))
    event = st.plotly_chart(fig, key=key, width="stretch", config=CHART_CONFIG,
                            on_select="rerun" if select else "ignore",
                            selection_mode="points" if select else ("points", "box", "lasso"))
    if not select or event is None:
        return []
    points = getattr(getattr(event, "selection", None), "points", None) or []
    signature = tuple((p.get("curve_number"), p.get("point_index")) for p in points)
    if st.session_state.get(f"_{key}_last_points") == signature:
        return []  # the selection the chart already had: nothing new was clicked
    st.session_state[f"_{key}_last_points"] = signature
    return [{**p, "customdata": [plotly_unescape(v) for v in (p.get("customdata") or [])]} for p in points]


def picked(points: list[dict], index: int = 0) -> Optional[str]:
    """The `index`-th customdata value of the first point picked, or None."""
    for point in points:
        values = point.get("customdata") or []
        if len(values) > index and values[index] not in (None, ""):
            return str(values[index])
    return None


# ------------------------------------------------------------------------------------------------ text

def empty_state(message: str) -> None:
    st.info(message)


def safe_text(value) -> str:
    """Untrusted text (an article's, a quote's, a file name) made inert for st.markdown: every character that
    can start Markdown, HTML, LaTeX, a link or an emoji code is escaped, and bare addresses are no links."""
    return md_escape(value)


def plain_line(text: str) -> None:
    """One line of untrusted text shown as it is (never Markdown), its control characters made visible."""
    st.text(printable(text))


def date_span(dates) -> str:
    """ISO dates as a short span for a metric: "2–8 Nov 2025", "28 Oct – 8 Nov 2025"; "not stated" when none."""
    parsed = pd.to_datetime(pd.Series(list(dates), dtype="object"), errors="coerce", format="%Y-%m-%d").dropna()
    if parsed.empty:
        return labels.NOT_STATED
    low, high = parsed.min(), parsed.max()
    if low == high:
        return f"{low.day} {low:%b %Y}"
    if (low.year, low.month) == (high.year, high.month):
        return f"{low.day}–{high.day} {high:%b %Y}"
    if low.year == high.year:
        return f"{low.day} {low:%b} – {high.day} {high:%b %Y}"
    return f"{low.day} {low:%b %Y} – {high.day} {high:%b %Y}"


def show_text_block(label: str, sentences, expanded: bool = True) -> None:
    """A list of untrusted sentences, shown as plain text (never Markdown or HTML)."""
    sentences = [s for s in (sentences or []) if isinstance(s, str) and s.strip()]
    st.markdown(f"**{label}** ({len(sentences)})")
    if not sentences:
        st.caption("None.")
    for sentence in sentences:
        st.text("• " + " ".join(sentence.split()))


def open_article(article_id: str, filters: state.Filters) -> None:
    """Go to the Articles page with this article open (the link keeps the filters, which the sidebar reads back
    from it: a page switch does not carry the widgets' values over)."""
    state.restore_on_next_run()
    st.switch_page("pages/articles.py", query_params=state.link_params(filters, **{state.ARTICLE: article_id}))
