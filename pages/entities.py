"""Entities: the people, organisations and places the coverage names, in which articles, and who appears with
whom."""
import plotly.express as px
import streamlit as st

from lib import brief, ui

st.title("Entities")
st.caption("Who and what the coverage names most, in which articles, and which names appear together.")

ents = ui.entities(ui.current_filters())
if ents.empty:
    ui.empty_state("No named entities in the articles that match the filters.")
    st.stop()

GROUPS = {"people": ("people",), "organisations": ("organisations",), "places": ("places",),
          "all": ("people", "organisations", "places", "groups", "events")}
choice = st.segmented_control("Kind", list(GROUPS), default="people", key="entities_kind") or "people"
counts = brief.entity_counts(ents, GROUPS[choice])
if counts.empty:
    ui.empty_state(f"No {choice} named in these articles.")
    st.stop()

m = st.columns(3)
m[0].metric(f"Distinct {choice}", len(counts))
m[1].metric("Mentions", int(counts["mentions"].sum()))
m[2].metric("Articles", ents["article_id"].nunique())

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
pairs = brief.cooccurrence(ents, top=n_top, groups=GROUPS[choice])
if pairs.empty:
    st.info("No two of these entities are named in the same article.")
else:
    matrix = brief.cooccurrence_matrix(pairs)
    fig = px.imshow(matrix, color_continuous_scale="Blues", text_auto=True, aspect="auto",
                    title="Articles naming both (row × column)",
                    labels={"x": "Entity", "y": "Entity", "color": "Articles"})
    ui.chart(fig, key="entities_heatmap", height=max(360, 28 * len(matrix) + 160))
    ui.show_table(pairs, "entity_pairs")
