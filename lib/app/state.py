"""What a page shows, kept in the URL, so that a copied link reopens exactly what was on screen: the sidebar
filters (shared by every page) and each page's own state (a search, a toggle, a slider, the open article, the
selected row), declared as `Param`s and bound by `bind`. Widget keys are the query-parameter names, all declared
here, in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional, Sequence

import streamlit as st


# Query-parameter names (and widget keys) of the shared filters.
Q_OUTLET, Q_FROM, Q_TO, Q_STANCE, Q_SPEAKER, Q_TOPIC = "outlet", "from", "to", "stance", "speaker", "topic"
# The "count copies once" switch: on by default, so a link holds `copies=all` only when it is off (a short link
# for the usual view, and links made before the switch open as the default).
Q_COPIES, COPIES_ALL = "copies", "all"
SHARED_KEYS = (Q_OUTLET, Q_FROM, Q_TO, Q_STANCE, Q_SPEAKER, Q_TOPIC, Q_COPIES)

# Each page's own state: query-parameter name (the widget's key) per page.
QUOTES_SEARCH, QUOTES_SENTIMENT, QUOTES_FRAGMENTS, QUOTES_WHO, QUOTES_PICK = "q", "tone", "fragments", "who", "quote"
SOURCES_FREQ, SOURCES_PICK = "by", "article"
FIGURES_PICK, FIGURES_OUTLET, FIGURES_CATEGORY = "figure", "source", "cat"
TIMELINE_KINDS, TIMELINE_PICK = "show", "article"
ENTITIES_KIND, ENTITIES_TOP, ENTITIES_PICK = "kind", "top", "name"
ARTICLE = "article"
BRIEF_FIGURES, BRIEF_QUOTES = "figures", "quotes"
ID_CHARS = 12  # an article id in a link: its first 12 hex digits (unique among the stored articles)


@dataclass(frozen=True)
class Filters:
    outlets: tuple[str, ...] = ()
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    stances: tuple[str, ...] = ()
    speakers: tuple[str, ...] = field(default=())
    topics: tuple[str, ...] = ()  # topic profile slugs (offered when the store holds more than one topic)
    count_copies_once: bool = True  # a story copied by several outlets counts as one voice (lib/voice_counts)

    def store_kwargs(self) -> dict:
        """Filters on articles, as store query arguments."""
        return dict(outlets=list(self.outlets) or None, date_from=self.date_from, date_to=self.date_to,
                    stances=list(self.stances) or None, topics=list(self.topics) or None)

    def params(self) -> dict[str, list[str]]:
        """The filters as query parameters (for a link that keeps them)."""
        return {key: values for key, values in ((Q_OUTLET, list(self.outlets)), (Q_STANCE, list(self.stances)),
                                                 (Q_SPEAKER, list(self.speakers)), (Q_TOPIC, list(self.topics)),
                                                 (Q_FROM, [self.date_from] if self.date_from else []),
                                                 (Q_TO, [self.date_to] if self.date_to else []),
                                                 (Q_COPIES, copies_param(self.count_copies_once))) if values}


def copies_param(count_copies_once: bool) -> list[str]:
    """The switch as the link writes it: nothing when on (the default), `copies=all` when off."""
    return [] if count_copies_once else [COPIES_ALL]


def copies_from_link(values: list[str]) -> bool:
    """The switch a link holds: off only for `copies=all` (any other value is the default, on)."""
    return not (values and values[0] == COPIES_ALL)


def filters_caption(filters: Filters) -> str:
    """The active filters in words (plain text): "Filtered: outlet Dawn; published 2025-11-01 to …"."""
    parts = []
    if filters.outlets:
        parts.append("outlet " + ", ".join(filters.outlets))
    if filters.date_from or filters.date_to:
        parts.append(f"published {filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.stances:
        parts.append("stance " + ", ".join(filters.stances))
    if filters.speakers:
        parts.append("speaker " + ", ".join(filters.speakers))
    if filters.topics:
        parts.append("topic " + ", ".join(filters.topics))
    return "Filtered: " + "; ".join(parts) if parts else "All articles (no filter set)"


def chart_scope(filters: Filters, *page_filters: str) -> str:
    """What a chart shows, for its subtitle: the sidebar filters and the page's own (plain text)."""
    scope = filters_caption(filters)
    extra = [p for p in page_filters if p]
    if extra:
        scope = (scope if scope.startswith("Filtered") else "All articles") + "; " + "; ".join(extra)
    return scope


# ------------------------------------------------------------------------------------------------ the sidebar

def restore_filters(options: dict[str, list]) -> None:
    """On a session's first run, put the URL's filter values into the widgets (unknown values are dropped)."""
    if st.session_state.get("_url_restored"):
        return
    st.session_state["_url_restored"] = True
    params = st.query_params
    for key in (Q_OUTLET, Q_STANCE, Q_SPEAKER, Q_TOPIC):
        values = [v for v in params.get_all(key) if v in options.get(key, ())]
        if values:
            st.session_state[key] = values
    for key in (Q_FROM, Q_TO):
        try:
            st.session_state[key] = date.fromisoformat(params.get(key, ""))
        except ValueError:
            pass
    st.session_state[Q_COPIES] = copies_from_link(params.get_all(Q_COPIES))


def restore_on_next_run() -> None:
    """Let the next run put the URL's filter values into the sidebar again (before a switch to another page)."""
    st.session_state["_url_restored"] = False


def write_filters(filters: Filters) -> None:
    """Keep the URL's query string equal to the filters, so a copied link reopens the same view."""
    wanted = {Q_OUTLET: list(filters.outlets), Q_STANCE: list(filters.stances), Q_SPEAKER: list(filters.speakers),
              Q_TOPIC: list(filters.topics), Q_FROM: filters.date_from or "", Q_TO: filters.date_to or ""}
    for key, value in wanted.items():
        _set_param(key, value if isinstance(value, list) else ([value] if value else []))
    _set_param(Q_COPIES, copies_param(filters.count_copies_once))


def _set_param(key: str, target: list[str]) -> None:
    if st.query_params.get_all(key) != target:
        if target:
            st.query_params[key] = target
        elif key in st.query_params:
            del st.query_params[key]


def current_filters() -> Filters:
    """The filters set in the sidebar this run (dashboard.py draws them before the page runs).

    Streamlit 1.67 runs a server that has a `pages/` folder in its old multipage mode until the first
    `st.navigation` call: a copied link to a page, opened first after a start, would run the page file alone
    (no sidebar, no filters from the URL). Such a page switches that mode off and reruns through dashboard.py."""
    if "_filters" not in st.session_state and not st.session_state.get("_entry_retried"):
        from streamlit.runtime.pages_manager import PagesManager

        st.session_state["_entry_retried"] = True
        PagesManager.uses_pages_directory = False  # what st.navigation itself does on its first call
        st.rerun()
    return st.session_state.get("_filters", Filters())


# ------------------------------------------------------------------------------------------------ page state

@dataclass(frozen=True)
class Param:
    """One piece of a page's state bound to the URL: `key` is the query parameter and the widget's key.
    kind: text, flag (a toggle), range (two numbers within `bounds`), choice (one of `choices`), choices (several),
    number (a whole number within `bounds`), article (an article id, written in the link as its first ID_CHARS
    hex digits, read back among `choices`)."""

    key: str
    default: Any
    kind: str = "text"
    choices: Sequence = ()
    bounds: tuple = ()

    def parse(self, values: list[str]):
        """The value a link holds, or None when it holds none (or nothing valid)."""
        if not values:
            return None
        first = values[0]
        try:
            if self.kind == "text":
                return first[:200]
            if self.kind == "flag":
                return {"1": True, "true": True, "0": False, "false": False}.get(first.lower())
            if self.kind == "range":
                low, high = (float(v) for v in first.split(","))
                low, high = max(low, self.bounds[0]), min(high, self.bounds[1])
                return (low, high) if low <= high else None
            if self.kind == "number":
                return min(max(int(first), self.bounds[0]), self.bounds[1])
            if self.kind == "choice":
                return first if first in self.choices else None
            if self.kind == "choices":
                picked = [v for v in values if v in self.choices]
                return picked or None
            if self.kind == "article":
                found = [i for i in self.choices if isinstance(i, str) and i.startswith(first.lower())]
                return found[0] if len(first) >= 6 and len(found) == 1 else None
        except (ValueError, TypeError, IndexError):
            return None
        return None

    def dump(self, value) -> list[str]:
        """The value as the link writes it ([] for the default: the link stays short)."""
        if value is None or value == self.default or value == [] or value == "":
            return []
        if self.kind == "flag":
            return ["1" if value else "0"]
        if self.kind == "range":
            return [f"{value[0]:g},{value[1]:g}"]
        if self.kind == "choices":
            return [str(v) for v in value]
        if self.kind == "article":
            return [str(value)[:ID_CHARS]]
        return [str(value)]


def bind(*params: Param) -> None:
    """Before a page draws its widgets: each param's widget takes the link's value the first time it is drawn in
    a session (else its default), and the URL is kept equal to what the widgets hold. Widgets bound this way are
    drawn with their key only (no default value of their own)."""
    for param in params:
        if param.key not in st.session_state:
            value = param.parse(st.query_params.get_all(param.key))
            st.session_state[param.key] = param.default if value is None else value
        _set_param(param.key, param.dump(st.session_state[param.key]))


def remember(key: str, value) -> None:
    """Set a bound value from the page's own code (a row selected, a point clicked): it goes to the URL on the
    next `bind` (call before the widget with that key is drawn)."""
    st.session_state[key] = value


def link_params(filters: Filters, **page) -> dict[str, list[str]]:
    """Query parameters of a link to another page: the shared filters and that page's own values."""
    out = filters.params()
    for key, value in page.items():
        if value:
            out[key] = [value[:ID_CHARS]] if key == ARTICLE else [str(value)]
    return out

