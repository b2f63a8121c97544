"""Overview: headline numbers, stance by outlet, key figures and the latest quotes."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Pakistan–Afghanistan ceasefire talks: coverage at a glance")
st.caption("Doha truce and the Istanbul rounds mediated by Türkiye and Qatar, as the articles in the store report them.")

filters = ui.current_filters()
arts = ui.articles(filters)
quotes = ui.quotes(filters)
figures = ui.figures(filters)

if arts.empty:
    ui.empty_state("No articles match the filters. Clear the filters in the sidebar, or add articles on the Articles page.")
    st.stop()

full_quotes = quotes[~quotes["fragment"]]
dates = arts["published"].dropna()
cols = st.columns(5)
cols[0].metric("Articles", len(arts))
cols[1].metric("Outlets", arts["outlet"].nunique())
cols[2].metric("Date range", f"{dates.min()} – {dates.max()}" if len(dates) else "unknown")
cols[3].metric("Quotes", len(full_quotes))
cols[4].metric("Figures", len(figures))

plot = arts.assign(outlet=arts["outlet"].map(ui.outlet_label))
fig = px.strip(plot, x="stance_score", y="outlet", color="stance", color_discrete_map=ui.STANCE_COLORS,
               category_orders={"stance": ui.STANCE_ORDER}, hover_name="file",
               hover_data={"title": True, "published": True, "stance_score": ":.2f"},
               title="Stance toward the talks, by outlet (each point an article)",
               labels={"stance_score": "Stance score (−1 pessimistic … +1 hopeful)", "outlet": "Outlet"})
fig.update_xaxes(range=[-1.05, 1.05])
ui.chart(fig, key="overview_stance")

st.subheader("Key figures")
ui.show_table(figures, "key_figures", columns=["category", "text", "value", "unit", "qualifier", "period",
                                                "attributed_to", "outlet", "file", "sentence"])
st.subheader("Latest quotes")
ui.show_table(full_quotes.sort_values("published", ascending=False, na_position="last").head(10), "latest_quotes",
              columns=["speaker", "quote", "outlet", "published", "file"])
