"""Timeline: articles, figures and quotes on one date axis, each at its exact publication date, with the talks'
known events marked, so a reader sees what was said before and after each round; click a point to read its
article."""
import streamlit as st

from lib import labels, timeline, ui
from lib.app import state

st.title("Timeline")
st.caption(f"When each article, figure and quote appeared, against the known events of the {ui.topic().name} "
           "(the shaded bands). Click a point to read its article.")

filters = ui.current_filters()
if not ui.article_count(filters):
    ui.empty_state("No articles match the filters.")
    st.stop()
ui.bind(ui.Param(state.TIMELINE_KINDS, list(timeline.KINDS), "choices", choices=timeline.KINDS))

kinds = st.pills("Show", list(timeline.KINDS), selection_mode="multi", key=state.TIMELINE_KINDS,
                 format_func=lambda k: k + "s", label_visibility="collapsed") or list(timeline.KINDS)
view = ui.timeline_view(filters, kinds)
missing = view["missing"]

events = timeline.events_frame()  # the whole calendar of the talks, whatever the filters
fig = ui.plots.timeline(view["points"], events, view["x_range"], view["rows"],
                        "Articles (coloured by stance), figures and quotes by publication date")
points = ui.chart(fig, "timeline_chart", ui.chart_scope(filters, "showing " + ", ".join(k + "s" for k in kinds)),
                  height=400, select=True)
if ui.picked(points):
    ui.open_article(ui.picked(points), filters)
if view["points_caption"]:
    st.caption(view["points_caption"])

m = st.columns(4)
m[0].metric("Dated items", view["n_dated"])
m[1].metric("Undated articles", missing["article"])
m[2].metric("Undated quotes", missing["quote"])
m[3].metric("Undated figures", missing["figure"])
if sum(missing.values()):
    st.info(f"{labels.plural(sum(missing.values()), 'item')} come from articles whose publication date is not "
            "stated; they are listed below, not placed on a guessed date. Correct dates on the Articles page.")

st.subheader("Known events")
ui.show_table(events.assign(start=lambda f: f["start"].dt.strftime("%Y-%m-%d"),
                            end=lambda f: f["end"].dt.strftime("%Y-%m-%d")), "events",
              columns=["start", "end", "label", "description"],
              column_config={"label": st.column_config.TextColumn("Event")})
ui.edits.saved_note()
if not ui.readonly():
    with st.expander("Edit the known events (saved in the topic profile)"):
        ui.edits.events_form(events)

st.subheader("Items")
ui.show_table(view["items"], "timeline_items", columns=["date", "kind", "label", "headline", "outlet", "detail"])
