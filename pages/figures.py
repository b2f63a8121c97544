"""Figures: refugees, deportations, incidents, casualties and economic costs, one table per category, each
figure with who gave it and the sentence it came from; where outlets disagree."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Figures")
st.caption("Which numbers the coverage cites, who gives them, and where outlets disagree. Select a row to read "
           "its sentence in context.")

view = ui.figures_view(ui.current_filters())
if not view["n"]:
    ui.empty_state("No figures in the articles that match the filters.")
    st.stop()

cols = st.columns(len(ui.CATEGORY_ORDER))
for col, category in zip(cols, ui.CATEGORY_ORDER):
    col.metric(category.capitalize(), view["counts"].get(category, 0))

fig = px.bar(view["by_source"], x="category", y="figures", color="outlet", barmode="group",
             category_orders={"category": ui.CATEGORY_ORDER}, hover_data={"cited": True, "articles": True},
             color_discrete_sequence=["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                                      "#999999"],
             title="Figures by category and source", labels={"category": "Category", "figures": "Figures cited",
                                                              "outlet": "Outlet"})
ui.chart(fig, key="figures_by_source", height=340)

columns = ["figure", "reads", "qualifier", "period", "attributed_to", "outlet", "published", "file", "sentence"]
for category, rows in view["categories"].items():
    st.subheader(f"{category.capitalize()} ({len(rows)})")
    picked = ui.show_table(rows, f"figures_{category}", columns=columns, selectable=True)
    if picked is not None:
        row = picked
        with st.container(border=True):
            st.caption(f"{ui.safe_text(row['file'])} — {ui.safe_text(row['outlet'])}, paragraph in context:")
            ui.show_in_context(row["article_id"], row["start_char"], row["end_char"], "figure", row["sentence"])

st.subheader("Where sources differ")
st.caption("Figures for the same category, unit and period from two articles or more; a conflict is a pair whose "
           "values cannot both be true once “over”, “about” and rounding are read.")
discrepancies = view["discrepancies"]
if discrepancies.empty:
    st.info("No category and period has figures from two different articles under these filters.")
else:
    ui.show_table(discrepancies, "figure_discrepancies")
with st.expander("All figures side by side, one column per outlet"):
    ui.show_table(view["side_by_side"], "figures_side_by_side")
