"""Sources: how each outlet frames the talks (stance and sentiment per article), over time and per speaker, with
the evidence sentences behind every score one click away."""
import plotly.express as px
import streamlit as st

from lib import ui

st.title("Sources: stance and sentiment")
st.caption("Which outlets read the talks as hopeful, mixed or pessimistic, and the sentences each score rests on.")

filters = ui.current_filters()
view = ui.sources_view(filters)
plot = view["articles"]
if plot.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()

points = view["points"]
fig = px.scatter(points, x="polarity_adjusted", y="outlet", color="stance", size=points["stance_score"].abs() + 0.3,
                 color_discrete_map=ui.STANCE_COLORS, category_orders={"stance": ui.STANCE_ORDER},
                 hover_name="label",
                 hover_data={"file": True, "stance_score": ":.2f", "polarity_adjusted": ":.3f",
                             "top evidence": True, "outlet": False},
                 title="Sentiment and stance per outlet (each point an article; size = strength of stance)",
                 labels={"polarity_adjusted": "Sentiment (adjusted polarity, −1 … +1)", "outlet": "Outlet",
                         "stance": "Stance"})
ui.chart(fig, key="sources_scatter", height=380)
if view["points_caption"]:
    st.caption(view["points_caption"])

st.subheader("Per outlet")
ui.show_table(view["outlets"], "outlet_summary")

st.subheader("Articles and their evidence")
st.caption("Select a row to read the sentences behind its stance score.")
picked = ui.show_table(plot, "articles", selectable=True,
                       columns=["file", "title", "outlet", "published", "stance", "stance_score", "evidence",
                                "top evidence", "polarity_adjusted", "subjectivity"],
                       column_config={"stance_score": st.column_config.NumberColumn("stance score", format="%.2f"),
                                      "polarity_adjusted": st.column_config.NumberColumn("sentiment", format="%.3f"),
                                      "subjectivity": st.column_config.NumberColumn(format="%.2f")})
if picked is not None:
    row = picked
    evidence = ui.article_row(row["article_id"])
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(row['label'])}** — {ui.safe_text(row['outlet'])}, "
                    f"stance **{ui.safe_text(row['stance'])}** ({row['stance_score']:+.2f})")
        left, right = st.columns(2)
        with left:
            ui.show_text_block("Hopeful evidence", evidence["evidence_hopeful"])
        with right:
            ui.show_text_block("Pessimistic evidence", evidence["evidence_pessimistic"])

st.subheader("Stance over time")
freq = st.segmented_control("Group by", ["D", "W"], default="D", key="sources_freq",
                            format_func={"D": "day", "W": "week"}.get) or "D"
over_time = view["over_time"][freq]
fig = px.bar(over_time["long"], x="period", y="articles", color="stance", color_discrete_map=ui.STANCE_COLORS,
             category_orders={"stance": ui.STANCE_ORDER, "period": over_time["periods"]},
             hover_data={"articles": True},
             title="Articles per stance and publication date (undated articles under “unknown”)",
             labels={"period": "Published", "articles": "Articles", "stance": "Stance"})
fig.update_xaxes(type="category")
ui.chart(fig, key="sources_time", height=320)
ui.show_table(over_time["table"], "stance_over_time")

st.subheader("Speakers and their lean")
speakers = view["speakers"]
if speakers.empty:
    st.info("No full quotes in these articles.")
else:
    top = speakers.head(15)
    fig = px.bar(top, x="n_quotes", y="speaker", color="polarity_adjusted", orientation="h",
                 color_continuous_scale=["#D55E00", "#EEEEEE", "#0072B2"], range_color=[-0.5, 0.5],
                 hover_data={"lean": True, "n_articles": True, "polarity_adjusted": ":.3f"},
                 title="Quotes per speaker, coloured by mean sentiment of what they said",
                 labels={"n_quotes": "Quotes", "speaker": "Speaker", "polarity_adjusted": "Sentiment"})
    fig.update_yaxes(categoryorder="total ascending")
    ui.chart(fig, key="sources_speakers", height=max(260, 28 * len(top) + 120))
    ui.show_table(view["speakers_table"], "speaker_stance")
    st.caption("Speaker × the stance of the article quoting them (full quotes):")
    ui.show_table(view["cross"], "speaker_by_article_stance")
