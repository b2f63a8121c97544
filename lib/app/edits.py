"""The correction forms, each on the page where its value is shown: an article's stance label (Sources, Articles),
a quote's speaker and fragment flag (Quotes), a figure's value and category (Figures). A correction goes to the
store (lib/store.correct: kept with who and when, applied again after a re-analysis) and shows everywhere with
origin `corrected`. Nothing here is drawn in read-only mode, and the store refuses a change there anyway.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import brief, labels, store
from lib.app import data
from lib.escape import md_escape


def _apply(changes: list[tuple], done: str) -> None:
    """Store each (target, article_id, field, value, start, end) change; rerun to show it, or say why not."""
    if not changes:
        st.info("Nothing changed.")
        return
    try:
        for target, article_id, field, value, start, end in changes:
            store.correct(data.engine(), target, article_id, field, value, start, end)
    except (ValueError, store.ReadOnlyError) as exc:
        st.error(f"Not saved: {exc}")
        return
    st.session_state["_correction_saved"] = done
    st.rerun()


def saved_note() -> None:
    """The confirmation of the correction saved by the last run (shown once)."""
    done = st.session_state.pop("_correction_saved", None)
    if done:
        st.success(done, icon=":material/check:")


def stance_form(article: pd.Series, key: str) -> None:
    """Correct an article's stance label (its score stays the analysis's)."""
    if data.readonly():
        return
    with st.form(f"{key}_stance", border=True):
        st.markdown("**Correct the stance label**")
        choices = list(store.STANCE_CHOICES)
        current = article["stance"] if article["stance"] in choices else choices[-1]
        label = st.selectbox("Stance", choices, index=choices.index(current), key=f"{key}_stance_pick")
        origin = labels.text_or(article.get("stance_origin"), store.ANALYSIS_ORIGIN)
        st.caption(f"Now: {md_escape(current)} (from the {md_escape(origin)})")
        if st.form_submit_button("Save stance"):
            _apply([("article", article["article_id"], "stance", label, 0, 0)] if label != current else [],
                   f"Stance set to {label}.")


def quote_form(quote: pd.Series, key: str) -> None:
    """Correct a quote's speaker, or mark it as a fragment (nobody's statement) or as a quote."""
    if data.readonly():
        return
    with st.form(f"{key}_quote", border=True):
        st.markdown("**Correct this quote**")
        written = labels.text_or(quote.get("speaker_in_article"), "")
        speaker = st.text_input("Speaker (as a name; the alias table gives the one name)", value=written,
                                key=f"{key}_speaker", max_chars=200)
        fragment = st.toggle("A fragment: quoted words that are nobody's statement",
                             value=bool(quote["fragment"]), key=f"{key}_fragment")
        if st.form_submit_button("Save quote"):
            changes = []
            where = (int(quote["start_char"]), int(quote["end_char"]))
            if " ".join(speaker.split()) != written:
                changes.append(("quote", quote["article_id"], "speaker", speaker, *where))
            if fragment != bool(quote["fragment"]):
                changes.append(("quote", quote["article_id"], "fragment", fragment, *where))
            _apply(changes, "Quote corrected.")


def figure_form(figure: pd.Series, key: str) -> None:
    """Correct a figure's value or category."""
    if data.readonly():
        return
    with st.form(f"{key}_figure", border=True):
        st.markdown("**Correct this figure**")
        left, right = st.columns(2)
        current = figure["value"]
        shown = "" if current is None or pd.isna(current) else (f"{current:.0f}" if float(current).is_integer()
                                                                else f"{current:g}")
        value = left.text_input("Value (a number: 1400000 for 1.4 million)", value=shown, key=f"{key}_value")
        categories = list(store.CATEGORY_CHOICES)
        category = right.selectbox("Category", categories, key=f"{key}_category",
                                   index=categories.index(figure["category"]) if figure["category"] in categories
                                   else len(categories) - 1)
        st.caption(f"Now: {brief.fmt_value(current) or 'no value'} ({md_escape(figure['category'])})")
        if st.form_submit_button("Save figure"):
            changes = []
            where = (int(figure["start_char"]), int(figure["end_char"]))
            if value.strip() and value.strip() != shown:
                changes.append(("figure", figure["article_id"], "value", value, *where))
            if category != figure["category"]:
                changes.append(("figure", figure["article_id"], "category", category, *where))
            _apply(changes, "Figure corrected.")


# ------------------------------------------------------------------------------------------------ the topic profile
# The alias and event tables of the topic profile in force, edited where they are shown (Quotes, Timeline) and
# written back into its file (lib/topic_edit.py), with the edit in the store's edit log.

def _profile_edit(field: str, old, new, write) -> None:
    """Write the profile edit, log it, rerun to show it (or say why not: a bad value, read-only mode)."""
    from lib.topic import TopicError

    try:
        if data.readonly():
            raise store.ReadOnlyError("The dashboard is read-only (DASHBOARD_READONLY=1): nothing can be changed.")
        result = write()
        store.log_topic_edit(data.engine(), field, old if old is not None else result, new)
    except (TopicError, store.ReadOnlyError, OSError) as exc:
        st.error(f"Not saved: {exc}")
        return
    st.session_state["_correction_saved"] = f"Saved in the topic profile ({data.topic().path.name})."
    st.rerun()


def alias_form() -> None:
    """Add, move or remove a name in the topic profile's alias table."""
    from lib import topic_edit

    path = data.topic().path
    with st.form("alias_form", clear_on_submit=True):
        a, b = st.columns(2)
        alias = a.text_input("Name as written in articles", placeholder="e.g. a surname alone")
        canonical = b.text_input("One name (empty removes the alias)", placeholder="e.g. the full name")
        if st.form_submit_button(f"Save in the topic profile ({path.name})") and alias.strip():
            _profile_edit(f"alias {alias.strip()}", None, canonical.strip() or None,
                          lambda: topic_edit.set_alias(path, alias, canonical))


def events_form(events: pd.DataFrame) -> None:
    """Add a known event to the topic profile, or remove one (`events`: the frame the Timeline shows)."""
    from lib import topic_edit

    path = data.topic().path
    with st.form("event_form", clear_on_submit=True):
        a, b, c = st.columns([1, 1, 2])
        start = a.date_input("Start", value=None)
        end = b.date_input("End (empty: one day)", value=None)
        label = c.text_input("Label (at most 60 characters)", max_chars=60)
        description = st.text_input("Description (optional)")
        if st.form_submit_button(f"Add to the topic profile ({path.name})"):
            if start is None or not label.strip():
                st.error("Not saved: an event needs a start date and a label.")
            else:
                _profile_edit(f"event {start.isoformat()} {label.strip()}", "", label.strip(),
                              lambda: topic_edit.add_event(path, start, label, end, description))
    if not events.empty:
        choices = [(row.label, row.start.strftime("%Y-%m-%d")) for row in events.itertuples()]
        with st.form("event_remove_form"):
            picked = st.selectbox("Event to remove", choices, format_func=lambda c: f"{c[1]} · {c[0]}")
            if st.form_submit_button("Remove from the topic profile") and picked:
                _profile_edit(f"event {picked[1]} {picked[0]}", picked[0], None,
                              lambda: topic_edit.remove_event(path, *picked))
