"""Sources: how each outlet frames the talks (stance and sentiment per article), over time and per speaker, with
the evidence sentences behind every score one click away, and the stance label correctable where it is shown.
With "count copies once" on (the sidebar), a story reprinted by several outlets is one point and one row (its
original), and the outlet table says how many copies each outlet carried and whose."""
import streamlit as st

from lib import labels, ui
from lib.app import state

st.title("Sources: stance and sentiment")
st.caption("Which outlets read the talks as hopeful, mixed or pessimistic, and the sentences each score rests on. "
           "Click a point or select a row to read its evidence.")

filters = ui.current_filters()
view = ui.sources_view(filters)
plot = view["articles"]
if plot.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()
ids = plot["article_id"].tolist()
ui.bind(ui.Param(state.SOURCES_FREQ, "D", "choice", choices=("D", "W")),
        ui.Param(state.SOURCES_PICK, None, "article", choices=ids))
if view["voices"]:  # the switch is on: each story once, under its original (its copies in the outlet table)
    st.caption(labels.copies_caption(view["voices"]["articles"], view["voices"]["voices"])
               + ": the chart and tables list each story once, by its original; “Per outlet” shows the copies "
                 "each outlet carried.")

fig = ui.plots.article_strip(view["points"], view["rows"], "polarity_adjusted",
                             "Sentiment of the article's words (−1 negative … +1 positive)",
                             "Sentiment per outlet, coloured by stance (each point an article)",
                             extra_hover="<br>%{customdata[7]}")
points = ui.chart(fig, "sources_scatter", ui.chart_scope(filters), height=min(420, 56 * len(view["rows"]) + 190),
                  select=True)
if ui.picked(points) in ids and ui.picked(points) != st.session_state.get(state.SOURCES_PICK):
    ui.remember(state.SOURCES_PICK, ui.picked(points))
    st.rerun()
if view["points_caption"]:
    st.caption(view["points_caption"])

st.subheader("Articles and their evidence")
pick = st.session_state.get(state.SOURCES_PICK)
row = ui.show_table(plot, "articles", selectable=True, selected=ids.index(pick) if pick in ids else None,
                    columns=["headline", "outlet", "published", "stance", "stance_score", "evidence", "top evidence",
                             "polarity_adjusted", "stance_origin"])
if row is not None and row["article_id"] != pick:
    ui.remember(state.SOURCES_PICK, row["article_id"])
    st.rerun()
if pick in ids:
    chosen = plot.iloc[ids.index(pick)]
    evidence = ui.article_row(pick)
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(chosen['headline'])}** — {ui.safe_text(chosen['outlet'])}, "
                    f"{labels.human_date(chosen['published'])}: stance **{ui.safe_text(chosen['stance'])}** "
                    f"({chosen['stance_score']:+.2f}" + (", corrected" if chosen["stance_origin"] == "corrected"
                                                         else "") + ")")
        left, right = st.columns(2)
        with left:
            ui.show_text_block("Hopeful evidence", evidence["evidence_hopeful"])
        with right:
            ui.show_text_block("Pessimistic evidence", evidence["evidence_pessimistic"])
        ui.edits.saved_note()
        ui.edits.stance_form(chosen, "sources")

st.subheader("Per outlet")
ui.show_table(view["outlets"], "outlet_summary")

st.subheader("Stance over time")
freq = st.segmented_control("Group by", ["D", "W"], key=state.SOURCES_FREQ,
                            format_func={"D": "day", "W": "week"}.get) or "D"
over_time = view["over_time"][freq]
fig = ui.plots.stance_over_time(over_time["long"], over_time["periods"], over_time["max"],
                                "Articles per stance and publication " + ("day" if freq == "D" else "week")
                                + " (undated articles under “unknown”)")
ui.chart(fig, "sources_time", ui.chart_scope(filters), height=340)
ui.show_table(over_time["table"], "stance_over_time")

st.subheader("Speakers and their lean")
speakers = view["speakers"]
if speakers.empty:
    st.info("No quotes in these articles.")
else:
    top = speakers.head(15)
    fig = ui.plots.speakers_bar(top, "Quotes per speaker, coloured by the mean sentiment of what they said")
    ui.chart(fig, "sources_speakers", ui.chart_scope(filters), height=max(280, 28 * len(top) + 150))
    ui.show_table(view["speakers_table"], "speaker_stance")
    st.caption("Speaker × the stance of the article quoting them (quotes, full and partial):")
    ui.show_table(view["cross"], "speaker_by_article_stance")
