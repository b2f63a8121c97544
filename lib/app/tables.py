"""Tables as a person reads them and as a spreadsheet opens them: `show_table` draws a table with plain-English
headers and help (lib/labels.COLUMNS), missing values as "—" or "not stated" (never None, null or NaN), long
tables paged, and offers a CSV download of exactly the rows the filters select (lib/spreadsheet: UTF-8 with a
byte-order mark, whole numbers without ".0", true/false, text in full, formula-safe; the columns keep their own
names, the contract's). `workbook_download` offers every table the current filters show as one Excel workbook.
"""
from __future__ import annotations

from typing import Callable, Optional

import pandas as pd
import streamlit as st

from lib import labels

PAGE_SIZE = 200  # rows sent to the browser per table page
# How numbers read on screen (the CSV keeps the full value).
NUMBER_FORMATS = {"stance_score": "%+.2f", "mean score": "%+.2f", "polarity_adjusted": "%+.2f", "polarity": "%+.2f",
                  "sentiment": "%+.2f", "stance_cue": "%+.2f", "subjectivity": "%.2f", "ratio": "%.1f",
                  "lowest": "localized", "highest": "localized", "value": "localized"}
WIDE_COLUMNS = {"quote", "sentence", "top evidence", "detail", "cited", "article_list", "note", "description"}
MEDIUM_COLUMNS = {"headline", "article", "label", "title", "articles", "new_value", "old_value"}
DATE_COLUMNS = {"published", "date", "period"}
# Columns downloaded with a table even when the screen leaves them out: where each row came from.
TRACE_COLUMNS = ("file", "url")


def _page_count(rows: int) -> int:
    return (rows + PAGE_SIZE - 1) // PAGE_SIZE


def visible_rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows of `frame` on the table page that `show_table(frame, ..., key=key)` shows in this run."""
    if len(frame) <= PAGE_SIZE:
        return frame
    pages = _page_count(len(frame))
    page = min(max(int(st.session_state.get(f"{key}_page") or 1), 1), pages)
    return frame.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """What the screen shows of `frame`: text cells with a missing value read "—" (a date "not stated"); numbers,
    booleans and links stay themselves (the table's placeholder shows a missing one as "—")."""
    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series) or \
                pd.api.types.is_datetime64_any_dtype(series) or col == "url":
            continue
        missing = labels.NOT_STATED if col in DATE_COLUMNS else labels.MISSING
        out[col] = series.astype("object").map(
            lambda v, m=missing: m if v is None or (isinstance(v, float) and v != v) or
            (isinstance(v, str) and not v.strip()) else (", ".join(map(str, v)) if isinstance(v, list) else v))
    return out


def headers_config(frame: pd.DataFrame, given: Optional[dict] = None) -> dict:
    """A header and a line of help for every column (lib/labels.COLUMNS), a number format, a link for `url`;
    `given` overrides a column's."""
    config = {}
    for col in frame.columns:
        header, help_text = labels.header(col), labels.help_text(col) or None
        series = frame[col]
        if col == "url":
            config[col] = st.column_config.LinkColumn(header, help=help_text, display_text="open ↗")
        elif pd.api.types.is_bool_dtype(series):
            config[col] = st.column_config.CheckboxColumn(header, help=help_text)
        elif pd.api.types.is_integer_dtype(series):
            config[col] = st.column_config.NumberColumn(header, help=help_text, format="%d")
        elif pd.api.types.is_float_dtype(series):
            config[col] = st.column_config.NumberColumn(header, help=help_text,
                                                        format=NUMBER_FORMATS.get(col, "%.3g"))
        else:
            width = "large" if col in WIDE_COLUMNS else ("medium" if col in MEDIUM_COLUMNS else None)
            config[col] = st.column_config.TextColumn(header, help=help_text, width=width)
    config.update(given or {})
    return config


def csv_of(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The download's data: a callable, so the CSV is written when the button is clicked, not on every run."""
    return lambda: _spreadsheet().csv_bytes(frame)


def show_table(frame: pd.DataFrame, name: str, columns: Optional[list[str]] = None,
               column_config: Optional[dict] = None, key: Optional[str] = None, selectable: bool = False,
               selected: Optional[int] = None, height: Optional[int] = None) -> Optional[pd.Series]:
    """A table of what is shown, its row count, and a CSV download of exactly those rows (all of them, not only
    the table page on screen; written when the button is clicked), with the columns shown and where each row
    came from (file, url). Long tables are paged so that the browser never receives thousands of rows at once.
    `selectable`: a click selects a row, returned (as a row of `frame`, every column) on the run the selection
    changes (the page keeps what was picked in its own, URL-bound state); `selected`: the position in `frame` of
    a row to show selected (from a link or a chart)."""
    shown = frame[[c for c in columns if c in frame.columns]] if columns else frame
    if "url" in shown.columns and not shown["url"].astype("object").map(lambda u: isinstance(u, str) and
                                                                       bool(u.strip())).any():
        shown = shown.drop(columns=["url"])  # no article has one: no empty column of links
    downloaded = frame[list(shown.columns) + [c for c in TRACE_COLUMNS if c in frame.columns
                                              and c not in shown.columns]]
    key = key or name
    total = len(shown)
    if total > PAGE_SIZE:
        pages = _page_count(total)
        if (st.session_state.get(f"{key}_page") or 1) > pages:  # fewer rows than when the page was turned
            st.session_state[f"{key}_page"] = pages
        if selected is not None and f"{key}_page" not in st.session_state:
            st.session_state[f"{key}_page"] = selected // PAGE_SIZE + 1
        st.number_input(f"Page (of {pages})", 1, pages, key=f"{key}_page")
    page_rows = visible_rows(shown, key)
    first = shown.index.get_loc(page_rows.index[0]) if len(page_rows) else 0
    default = None
    if selectable and selected is not None and first <= selected < first + len(page_rows):
        default = {"selection": {"rows": [selected - first], "columns": []}}
    event = st.dataframe(display_frame(page_rows), hide_index=True, key=f"{key}_table",
                         column_config=headers_config(page_rows, column_config), placeholder=labels.MISSING,
                         on_select="rerun" if selectable else "ignore",
                         selection_mode="single-row" if selectable else "multi-row",
                         selection_default=default, **({"height": height} if height else {}))
    with st.container(horizontal=True, vertical_alignment="center", horizontal_alignment="distribute"):
        st.caption(labels.plural(total, "row") + (f" (showing {len(page_rows):,})" if total > len(page_rows)
                                                  else ""))
        st.download_button("Download CSV", csv_of(downloaded), file_name=f"{name}.csv", mime="text/csv",
                           key=f"{key}_csv", width="content", on_click="ignore", icon=":material/download:")
    if not selectable or event is None or not event.selection.rows:
        return None
    position = first + event.selection.rows[0]
    last_key = f"_{key}_last_selected"
    if st.session_state.get(last_key) == position:
        return None  # the same selection as the run before: nothing new was picked
    st.session_state[last_key] = position
    return frame.iloc[position]


def workbook_download(sheets: Callable[[], dict[str, pd.DataFrame]], key: str = "workbook") -> None:
    """One button for an Excel workbook of every table `sheets()` gives (a sheet per table), written when it is
    clicked."""
    st.download_button("Download all (Excel)", lambda: _spreadsheet().workbook_bytes(sheets()),
                       file_name="ceasefire_coverage.xlsx", key=key, on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/table_view:", width="stretch")
    st.caption("Every table of the articles the filters select, a sheet each.")


def _spreadsheet():
    """lib.spreadsheet (and with it lib.export and the loader), imported when a download is first asked for."""
    from lib import spreadsheet

    return spreadsheet
