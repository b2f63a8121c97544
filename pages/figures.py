"""Figures: refugees, deportations, incidents, casualties and economic costs, one table per category, each
figure with who gave it and the sentence it came from; where outlets disagree; and a figure's value or category
corrected where it is shown. With "count copies once" on (the sidebar), a figure repeated by the copies of one
story counts once (the original's row)."""
import streamlit as st

from lib import labels, ui
from lib.app import state

st.title("Figures")
st.caption("Which numbers the coverage cites, who gives them, and where outlets disagree. Click a bar to see its "
           "figures; select a row to read its sentence in context.")

filters = ui.current_filters()
view = ui.figures_view(filters)
if not view["n"]:
    ui.empty_state("No figures in the articles that match the filters.")
    st.stop()
outlets = sorted(set(view["by_source"]["outlet"]))
ui.bind(ui.Param(state.FIGURES_OUTLET, "", "choice", choices=outlets),
        ui.Param(state.FIGURES_CATEGORY, "", "choice", choices=ui.CATEGORY_ORDER),
        ui.Param(state.FIGURES_PICK, ""))

cols = st.columns(len(ui.CATEGORY_ORDER))
for col, category in zip(cols, ui.CATEGORY_ORDER):
    col.metric(category.capitalize(), view["counts"].get(category, 0))
if view["voices"]:  # the switch is on: a figure the copies of one story repeat counts once
    repeats = view["voices"]["repeats"]
    st.caption(labels.copies_caption(view["voices"]["articles"], view["voices"]["voices"])
               + (f" ({labels.plural(repeats, 'figure')} repeated by a copy not counted)." if repeats else "."))

fig = ui.plots.figures_by_source(view["by_source"], ui.CATEGORY_ORDER, view["max_bar"],
                                 "Figures by category and source (click a bar for its figures)")
bar = ui.chart(fig, "figures_by_source", ui.chart_scope(filters), height=360, select=True)
if ui.picked(bar) and (ui.picked(bar, 1), ui.picked(bar)) != (st.session_state[state.FIGURES_OUTLET],
                                                             st.session_state[state.FIGURES_CATEGORY]):
    ui.remember(state.FIGURES_OUTLET, ui.picked(bar, 1))
    ui.remember(state.FIGURES_CATEGORY, ui.picked(bar))
    st.rerun()

source, only = st.session_state[state.FIGURES_OUTLET], st.session_state[state.FIGURES_CATEGORY]
if source or only:
    with st.container(horizontal=True, vertical_alignment="center"):
        ui.plain_line("Showing " + (f"{only} figures" if only else "figures") + (f" from {source}" if source else ""))
        if st.button("Show all figures", key="figures_clear"):
            ui.remember(state.FIGURES_OUTLET, "")
            ui.remember(state.FIGURES_CATEGORY, "")
            st.rerun()

ui.edits.saved_note()
for category, rows in view["categories"].items():
    if only and category != only:
        continue
    if source:
        rows = rows[rows["outlet"] == source].reset_index(drop=True)
        if rows.empty:
            continue
    keys = [f"{a[:12]}:{s}:{e}" for a, s, e in zip(rows["article_id"], rows["start_char"], rows["end_char"])]
    pick = st.session_state[state.FIGURES_PICK]
    st.subheader(f"{category.capitalize()} ({len(rows)})")
    row = ui.show_table(rows, f"figures_{category}", columns=ui.FIGURE_COLUMNS, selectable=True,
                        selected=keys.index(pick) if pick in keys else None)
    if row is not None:
        ui.remember(state.FIGURES_PICK, keys[rows.index.get_loc(row.name)])
        st.rerun()
    if pick in keys:
        chosen = rows.iloc[keys.index(pick)]
        with st.container(border=True):
            st.caption(f"{ui.safe_text(chosen['headline'])} — {ui.safe_text(chosen['outlet'])}, "
                       f"{labels.human_date(chosen['published'])}: the paragraph in context")
            ui.show_in_context(chosen["article_id"], chosen["start_char"], chosen["end_char"], "figure",
                               chosen["sentence"])
            ui.edits.figure_form(chosen, f"figure_{category}")

st.subheader("Where sources differ")
st.caption("Figures for the same category, unit, period and thing counted, from two articles or more; a conflict is "
           "a pair whose values cannot both be true once “over”, “about” and rounding are read.")
discrepancies = view["discrepancies"]
if discrepancies.empty:
    st.info("No category and period has figures of the same thing from two different articles under these filters.")
else:
    ui.show_table(discrepancies, "figure_discrepancies")
with st.expander("All figures side by side, one column per outlet"):
    ui.show_table(view["side_by_side"], "figures_side_by_side")
