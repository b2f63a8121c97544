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
