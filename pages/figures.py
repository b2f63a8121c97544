"""Figures: refugees, deportations, incidents, casualties and economic costs, each traced to its sentence."""
import streamlit as st

from lib import ui

st.title("Figures")
st.caption("Every number an analyst would table, normalised, with who gave it and the sentence it came from.")

figures = ui.figures(ui.current_filters())
if figures.empty:
    ui.empty_state("No figures in the articles that match the filters.")
    st.stop()
for category in ui.CATEGORY_ORDER:
    rows = figures[figures["category"] == category]
    if len(rows):
        st.subheader(category.capitalize())
        ui.show_table(rows, f"figures_{category}", columns=["value", "unit", "qualifier", "period", "text",
                                                            "attributed_to", "outlet", "file", "sentence"])
