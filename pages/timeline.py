"""Timeline: articles, figures and quotes on one date axis, with the talks' known events marked, so a reader sees
what was said before and after each round."""
import plotly.express as px
import streamlit as st

from lib import timeline, ui

st.title("Timeline")
st.caption("When each article, figure and quote appeared, against the Doha truce and the Istanbul rounds.")

filters = ui.current_filters()
if not ui.article_count(filters):
    ui.empty_state("No articles match the filters.")
    st.stop()

kinds = st.pills("Show", list(timeline.KINDS), default=list(timeline.KINDS), selection_mode="multi",
                 key="timeline_kinds") or list(timeline.KINDS)
view = ui.timeline_view(filters, kinds)
missing = view["missing"]

m = st.columns(4)
m[0].metric("Dated items", view["n_dated"])
m[1].metric("Undated articles", missing["article"])
m[2].metric("Undated quotes", missing["quote"])
m[3].metric("Undated figures", missing["figure"])
if sum(missing.values()):
    st.info(f"{sum(missing.values())} item(s) come from articles whose publication date is unknown; they are listed "
            "below the chart, not placed on a guessed date. Correct dates on the Articles page.")

events = timeline.events_frame()  # the whole calendar of the talks, whatever the filters
colours = {**ui.STANCE_COLORS, "figure": "#009E73", "quote": "#CC79A7"}
fig = px.strip(view["points"], x="date", y="kind", color="colour", color_discrete_map=colours, hover_name="label",
               hover_data={"file": True, "outlet": True, "title": True, "kind": False, "colour": False,
                           "date": "|%Y-%m-%d"},
               category_orders={"kind": list(timeline.KINDS), "colour": [*ui.STANCE_ORDER, "figure", "quote"]},
               title="Articles (coloured by stance), figures and quotes by publication date",
               labels={"date": "Published", "kind": "", "colour": ""})
fig.update_traces(marker=dict(size=11, line=dict(width=1, color="white")), jitter=0.6)
day = timeline.pd.Timedelta(days=1)
for i, ev in enumerate(events.itertuples()):
    fig.add_vrect(x0=ev.start, x1=ev.end + day, fillcolor="#56B4E9", opacity=0.15, line_width=0)
    fig.add_annotation(x=ev.start, y=1.0 - 0.08 * (i % 2), yref="paper", xanchor="left", yanchor="top",
                       text=ev.label, showarrow=False, font=dict(size=11, color="#333"),
                       hovertext=ev.description)
fig.update_xaxes(range=view["x_range"])
ui.chart(fig, key="timeline_chart", height=380)
if view["points_caption"]:
    st.caption(view["points_caption"])

st.subheader("Known events")
ui.show_table(events.assign(start=lambda f: f["start"].dt.date, end=lambda f: f["end"].dt.date), "events")

st.subheader("Items")
ui.show_table(view["items"], "timeline_items")
