"""Overview (the default page): headline numbers, stance by outlet, key figures with their sources, the latest
quotes, and what changed on the latest publication date against the day before."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Pakistan–Afghanistan ceasefire talks: coverage at a glance")
st.caption("How the Doha truce and the Istanbul rounds (Oct–Nov 2025) are covered: who is hopeful, which numbers "
           "are cited, who said what.")

filters = ui.current_filters()
view = ui.overview_view(filters)
st.caption(ui.safe_text(ui.filters_caption(filters)))

if not view["n_articles"]:
    ui.empty_state("No articles match the filters. Clear the filters in the sidebar, or add articles on the "
                   "Articles page.")
    st.stop()

undated = view["undated"]
cols = st.columns([1, 1, 2.2, 1, 1])
cols[0].metric("Articles", view["n_articles"])
cols[1].metric("Outlets", view["n_outlets"])
cols[2].metric("Published", ui.date_span(view["dates"]),
               help=f"{undated} article(s) without a known date" if undated else None)
cols[3].metric("Quotes", view["n_quotes"], help="Full quotes; scare-quote fragments are on the Quotes page")
cols[4].metric("Figures", view["n_figures"])

st.subheader("What changed since the previous day")
change = view["change"]
if change["latest"] is None:
    st.info(f"No article has a known publication date ({change['undated_articles']} undated), so there is no "
            "latest day to compare. Correct the dates on the Articles page.")
else:
    rows = change["rows"].set_index("kind")
    c = st.columns(3)
    for i, kind in enumerate(("articles", "quotes", "figures")):
        c[i].metric(f"{kind.capitalize()} on {change['latest']}", int(rows.loc[kind, "latest"]),
                    delta=f"{int(rows.loc[kind, 'change']):+d} vs {change['previous']}", delta_color="off",
                    delta_arrow="off")
    note = f"By published date; {change['undated_articles']} undated article(s) are not counted."
    st.caption(note if change["undated_articles"] else "By published date.")
    new = change["new_articles"]
    if len(new):
        ui.show_table(new, "latest_day_articles")

left, right = st.columns([3, 2])
with left:
    fig = px.strip(view["points"], x="stance_score", y="outlet", color="stance", color_discrete_map=ui.STANCE_COLORS,
                   category_orders={"stance": ui.STANCE_ORDER}, hover_name="label",
                   hover_data={"file": True, "published": True, "stance_score": ":.2f", "outlet": False},
                   title="Stance toward the talks, by outlet (each point an article)",
                   labels={"stance_score": "Stance score (−1 pessimistic … +1 hopeful)", "outlet": "Outlet",
                           "stance": "Stance"})
    fig.update_traces(marker=dict(size=14, line=dict(width=1, color="white")))
    fig.update_xaxes(range=[-1.05, 1.05], zeroline=True)
    ui.chart(fig, key="overview_stance", height=360)
    if view["points_caption"]:
        st.caption(view["points_caption"])
with right:
    st.markdown("**Stance per outlet**")
    ui.show_table(view["stance"], "stance_per_outlet")

st.subheader("Key figures and their sources")
ui.show_table(view["key_figures"], "key_figures",
              columns=["category", "figure", "qualifier", "period", "attributed_to", "outlet", "file", "sentence"])

st.subheader("Latest quotes")
ui.show_table(view["latest_quotes"], "latest_quotes")
