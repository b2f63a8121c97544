"""Overview: the coverage at a glance for the sidebar filters — how many articles, outlets, quotes and figures,
each outlet's articles on the stance scale (click one to read it), what changed on the latest day against the
day before, the key figures with their sources and the latest quotes. With "count copies once" on (the sidebar),
a story reprinted by several outlets counts once in everything but the article and outlet numbers."""
import streamlit as st

from lib import labels, ui

topic = ui.topic()
st.title(f"{topic.name}: coverage at a glance")
st.caption(f"{topic.description} Click a point to read its article.")

filters = ui.current_filters()
view = ui.overview_view(filters)
if not view["n_articles"]:
    ui.empty_state("No articles match the filters. Clear the filters in the sidebar, or add articles on the "
                   "Articles page.")
    st.stop()

cols = st.columns([1, 1, 2, 1, 1])
cols[0].metric("Articles", view["n_articles"])
cols[1].metric("Outlets", view["n_outlets"],
               help=f"Named outlets; {labels.plural(view['n_unknown_outlet'], 'article')} name none (shown as "
                    "“unknown”)" if view["n_unknown_outlet"] else "Named outlets")
cols[2].metric("Published", ui.date_span(view["dates"]),
               help=f"{labels.plural(view['undated'], 'article')} without a stated date" if view["undated"] else None)
cols[3].metric("Quotes", view["n_quotes"], help="Full and partial quotes (a speaker's words of five or more inside "
                                                "a sentence); scare-quote fragments are not counted")
cols[4].metric("Figures", view["n_figures"])
if view["voices"]:  # the switch is on: the quotes, figures, chart and tables below count a story's copies once
    st.caption(labels.copies_caption(view["voices"]["articles"], view["voices"]["voices"])
               + " in the quotes, figures, chart and tables below (switch in the sidebar).")

fig = ui.plots.article_strip(view["points"], view["rows"], "stance_score", "Stance score (−1 pessimistic … +1 hopeful)",
                             "Stance toward the talks, by outlet (each point an article)")
points = ui.chart(fig, "overview_stance", ui.chart_scope(filters), height=min(380, 48 * len(view["rows"]) + 170),
                  select=True)
if ui.picked(points):
    ui.open_article(ui.picked(points), filters)
if view["points_caption"]:
    st.caption(view["points_caption"])
st.markdown("**Stance per outlet**")
ui.show_table(view["stance"], "stance_per_outlet")

st.subheader("What changed since the previous day")
change = view["change"]
if change["latest"] is None:
    st.info(f"No article has a stated publication date ({change['undated_articles']} undated), so there is no "
            "latest day to compare. Correct the dates on the Articles page.")
else:
    rows = change["rows"].set_index("kind")
    c = st.columns(3)
    for i, kind in enumerate(("articles", "quotes", "figures")):
        c[i].metric(f"{kind.capitalize()} on {labels.human_date(change['latest'])}", int(rows.loc[kind, "latest"]),
                    delta=f"{int(rows.loc[kind, 'change']):+d} vs {labels.human_date(change['previous'])}",
                    delta_color="off", delta_arrow="off")
    st.caption(f"By publication date; {labels.plural(change['undated_articles'], 'undated article')} not counted."
               if change["undated_articles"] else "By publication date.")
    if len(change["new_articles"]):
        ui.show_table(change["new_articles"], "latest_day_articles",
                      columns=["headline", "outlet", "published", "stance", "stance_score", "url"])

st.subheader("Key figures and their sources")
ui.show_table(view["key_figures"], "key_figures",
              columns=["category", "figure", "qualifier", "period", "attributed_to", "outlet", "headline", "sentence"])

st.subheader("Latest quotes")
ui.show_table(view["latest_quotes"], "latest_quotes",
              columns=["speaker", "quote", "kind", "headline", "outlet", "published"])
