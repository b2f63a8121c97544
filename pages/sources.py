"""Sources: stance and sentiment per outlet and per article, with the evidence behind every score."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Sources: stance and sentiment")
st.caption("How each outlet frames the talks: hopeful, mixed or pessimistic, and the sentences each score rests on.")

arts = ui.articles(ui.current_filters())
if arts.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()
plot = arts.assign(outlet=arts["outlet"].map(ui.outlet_label))
fig = px.scatter(plot, x="polarity_adjusted", y="stance_score", color="stance", symbol="outlet",
                 color_discrete_map=ui.STANCE_COLORS, category_orders={"stance": ui.STANCE_ORDER},
                 hover_name="file", hover_data={"title": True, "outlet": True},
                 title="Stance against sentiment (each point an article)",
                 labels={"polarity_adjusted": "Sentiment (adjusted polarity)", "stance_score": "Stance score"})
ui.chart(fig, key="sources_scatter")
ui.show_table(arts, "articles", columns=["file", "title", "outlet", "published", "stance", "stance_score",
                                         "polarity", "polarity_adjusted", "subjectivity"])
