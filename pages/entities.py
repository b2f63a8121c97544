"""Entities: the people, organisations and places the coverage names, in which articles, and who appears with
whom."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Entities")
st.caption("Who and what the coverage names most, in which articles, and which names appear together.")

filters = ui.current_filters()
GROUPS = {"people": ("people",), "organisations": ("organisations",), "places": ("places",),
          "all": ("people", "organisations", "places", "groups", "events")}
if not ui.entity_article_count(filters):
    ui.empty_state("No named entities in the articles that match the filters.")
    st.stop()

choice = st.segmented_control("Kind", list(GROUPS), default="people", key="entities_kind") or "people"
view = ui.entities_view(filters, GROUPS[choice])
counts = view["counts"]
if counts.empty:
    ui.empty_state(f"No {choice} named in these articles.")
    st.stop()

m = st.columns(3)
m[0].metric(f"Distinct {choice}", len(counts))
m[1].metric("Mentions", view["mentions"])
m[2].metric("Articles", view["n_articles"])

top = counts.head(20)
fig = px.bar(top, x="articles", y="entity", orientation="h", color="group",
             color_discrete_sequence=["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"],
             hover_data={"mentions": True, "files": True, "outlets": True},
             title=f"Most-named {choice} (articles naming them)",
             labels={"articles": "Articles", "entity": "", "group": "Kind"})
fig.update_yaxes(categoryorder="total ascending")
ui.chart(fig, key="entities_bar", height=max(300, 24 * len(top) + 120))
ui.show_table(counts, f"entities_{choice}")

st.subheader("Who appears with whom")
n_top = st.slider("Entities in the matrix", 5, 30, 12, key="entities_top")
pairs_view = ui.entity_pairs_view(filters, GROUPS[choice], n_top)
pairs = pairs_view["pairs"]
if pairs.empty:
    st.info("No two of these entities are named in the same article.")
else:
    matrix = pairs_view["matrix"]
    fig = px.imshow(matrix, color_continuous_scale="Blues", text_auto=True, aspect="auto",
                    title="Articles naming both (row × column)",
                    labels={"x": "Entity", "y": "Entity", "color": "Articles"})
    ui.chart(fig, key="entities_heatmap", height=max(360, 28 * len(matrix) + 160))
    ui.show_table(pairs, "entity_pairs")
