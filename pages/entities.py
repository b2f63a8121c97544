"""Entities: the people, organisations and places the coverage names (one name per person and place), in which
articles (click a bar to list them), and who appears with whom."""
import streamlit as st

from lib import ui
from lib.app import state

st.title("Entities")
st.caption("Who and what the coverage names most, in which articles, and which names appear together. One name "
           "per person, organisation and place: the alias table, country variants merged, misread names left out.")

filters = ui.current_filters()
GROUPS = {"people": ("people",), "organisations": ("organisations",), "places": ("places",),
          "all": ("people", "organisations", "places", "groups", "events")}
if not ui.entity_article_count(filters):
    ui.empty_state("No named entities in the articles that match the filters.")
    st.stop()
ui.bind(ui.Param(state.ENTITIES_KIND, "people", "choice", choices=tuple(GROUPS)),
        ui.Param(state.ENTITIES_TOP, 12, "number", bounds=(5, 30)), ui.Param(state.ENTITIES_PICK, ""))

choice = st.segmented_control("Kind", list(GROUPS), key=state.ENTITIES_KIND) or "people"
view = ui.entities_view(filters, GROUPS[choice])
counts = view["counts"].rename(columns={"files": "article_list"})
if counts.empty:
    ui.empty_state(f"No {choice} named in these articles.")
    st.stop()

top = counts.head(20)
fig = ui.plots.entities_bar(top, f"Most-named {choice} (articles naming them; click a bar to list them)")
bar = ui.chart(fig, "entities_bar", ui.chart_scope(filters), height=max(300, 24 * len(top) + 150), select=True)
if ui.picked(bar) and ui.picked(bar) != st.session_state[state.ENTITIES_PICK]:
    ui.remember(state.ENTITIES_PICK, ui.picked(bar))
    st.rerun()

m = st.columns(3)
m[0].metric(f"Distinct {choice}", len(counts))
m[1].metric("Mentions", view["mentions"])
m[2].metric("Articles", view["n_articles"])

name = st.session_state[state.ENTITIES_PICK]
if name:
    with st.container(border=True):
        hits = ui.entity_articles(filters, name)
        with st.container(horizontal=True, vertical_alignment="center"):
            ui.plain_line(f"Articles naming {name}: {len(hits)}")
            if st.button("Close", key="entities_close"):
                ui.remember(state.ENTITIES_PICK, "")
                st.rerun()
        ui.show_table(hits, "entity_articles", columns=["headline", "outlet", "published", "mentions"])

ui.show_table(counts, f"entities_{choice}", columns=["entity", "group", "articles", "mentions", "outlets",
                                                      "article_list"])

st.subheader("Who appears with whom")
n_top = st.slider("Entities in the matrix", 5, 30, key=state.ENTITIES_TOP)
pairs_view = ui.entity_pairs_view(filters, GROUPS[choice], n_top)
pairs = pairs_view["pairs"].rename(columns={"files": "article_list"})
if pairs.empty:
    st.info("No two of these entities are named in the same article.")
else:
    matrix = pairs_view["matrix"]
    fig = ui.plots.entities_heatmap(matrix, "Articles naming both (row × column)")
    ui.chart(fig, "entities_heatmap", ui.chart_scope(filters), height=max(360, 28 * len(matrix) + 180))
    ui.show_table(pairs, "entity_pairs")
