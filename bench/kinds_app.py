"""A second yardstick for bench/start.py: the trivial app's pandas + plotly, drawing the element kinds the
dashboard's first screen draws (sidebar filters, metrics, one chart, four tables, download buttons) from constants,
with no store, no topic profile and no imports of its own: what the browser's share of the warm start costs for
those elements alone."""
import datetime

import pandas as pd
import plotly.express as px
import streamlit as st

st.html("<style></style>")
with st.sidebar:
    st.header("Filters")
    for label in ("Outlets", "Stance", "Figure categories"):
        st.multiselect(label, ["a", "b", "c"], key=label)
    st.date_input("From", datetime.date(2025, 10, 1))
    st.date_input("To", datetime.date(2025, 11, 30))
    st.toggle("Count copies once")
    st.download_button("Download everything (Excel)", b"x", "all.xlsx")

st.title("Kinds app")
st.caption("The dashboard's first screen, drawn from constants.")
for label, value in zip(("Articles", "Outlets", "Published", "Quotes", "Figures"), (5, 5, "Oct–Nov", 40, 30)):
    st.columns(1)[0].metric(label, value)
frame = pd.DataFrame({"x": list(range(10)), "y": [v * v for v in range(10)]})
st.plotly_chart(px.line(frame, x="x", y="y", title="One chart"))
table = pd.DataFrame({"outlet": list("abcde"), "articles": range(5), "stance": ["hopeful"] * 5,
                      "score": [0.1 * v for v in range(5)], "sentence": ["a sentence of evidence"] * 5})
for n, heading in enumerate(("Stance per outlet", "What changed", "Key figures", "Latest quotes")):
    st.subheader(heading)
    if n == 1:
        for col, label in zip(st.columns(3), ("Articles", "Quotes", "Figures")):
            col.metric(label, 3, delta="+1 vs Nov 1", delta_color="off")
    st.caption("A caption.")
    st.dataframe(table, hide_index=True)
    st.download_button("CSV", table.to_csv(index=False), f"t{n}.csv", key=f"t{n}")
