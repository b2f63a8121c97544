"""Sources: how each outlet frames the talks (stance and sentiment per article), over time and per speaker, with
the evidence sentences behind every score one click away."""
import pandas as pd
import plotly.express as px
import streamlit as st

from lib import sources, ui

st.title("Sources: stance and sentiment")
st.caption("Which outlets read the talks as hopeful, mixed or pessimistic, and the sentences each score rests on.")

filters = ui.current_filters()
arts = ui.articles(filters)
if arts.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()


def _first(sentences) -> str:
    text = " ".join(str(sentences[0]).split()) if isinstance(sentences, list) and sentences else ""
    return text if len(text) <= 160 else text[:159] + "…"


plot = ui.with_outlet_labels(arts)
plot["label"] = plot["title"].fillna(plot["file"])
plot["top evidence"] = [_first(h if s >= 0 else p) or _first(p or h) for h, p, s in
                        zip(plot["evidence_hopeful"], plot["evidence_pessimistic"], plot["stance_score"].fillna(0))]
plot["evidence"] = plot["evidence_hopeful"].map(len).astype(str) + " hopeful / " + \
    plot["evidence_pessimistic"].map(len).astype(str) + " pessimistic"

fig = px.scatter(plot, x="polarity_adjusted", y="outlet", color="stance", size=plot["stance_score"].abs() + 0.3,
                 color_discrete_map=ui.STANCE_COLORS, category_orders={"stance": ui.STANCE_ORDER},
                 hover_name="label",
                 hover_data={"file": True, "stance_score": ":.2f", "polarity_adjusted": ":.3f",
                             "top evidence": True, "outlet": False},
                 title="Sentiment and stance per outlet (each point an article; size = strength of stance)",
                 labels={"polarity_adjusted": "Sentiment (adjusted polarity, −1 … +1)", "outlet": "Outlet",
                         "stance": "Stance"})
ui.chart(fig, key="sources_scatter", height=380)

st.subheader("Per outlet")
ui.show_table(sources.outlet_summary(arts).round(3), "outlet_summary")

st.subheader("Articles and their evidence")
st.caption("Select a row to read the sentences behind its stance score.")
picked = ui.show_table(plot, "articles", selectable=True,
                       columns=["file", "title", "outlet", "published", "stance", "stance_score", "evidence",
                                "top evidence", "polarity_adjusted", "subjectivity"],
                       column_config={"stance_score": st.column_config.NumberColumn("stance score", format="%.2f"),
                                      "polarity_adjusted": st.column_config.NumberColumn("sentiment", format="%.3f"),
                                      "subjectivity": st.column_config.NumberColumn(format="%.2f")})
if picked is not None:
    row = plot[plot["file"] == picked["file"]].iloc[0]
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(row['label'])}** — {ui.safe_text(row['outlet'])}, "
                    f"stance **{ui.safe_text(row['stance'])}** ({row['stance_score']:+.2f})")
        left, right = st.columns(2)
        with left:
            ui.show_text_block("Hopeful evidence", row["evidence_hopeful"])
        with right:
            ui.show_text_block("Pessimistic evidence", row["evidence_pessimistic"])

st.subheader("Stance over time")
freq = st.segmented_control("Group by", ["D", "W"], default="D", key="sources_freq",
                            format_func={"D": "day", "W": "week"}.get) or "D"
over_time = sources.stance_over_time(arts, freq=freq)
long = over_time.melt(id_vars=["period"], value_vars=list(sources.LABEL_COLUMNS.values()),
                      var_name="stance", value_name="articles")
long["stance"] = long["stance"].map({v: k for k, v in sources.LABEL_COLUMNS.items()})
long = long[long["articles"] > 0]
fig = px.bar(long, x="period", y="articles", color="stance", color_discrete_map=ui.STANCE_COLORS,
             category_orders={"stance": ui.STANCE_ORDER, "period": over_time["period"].tolist()},
             hover_data={"articles": True},
             title="Articles per stance and publication date (undated articles under “unknown”)",
             labels={"period": "Published", "articles": "Articles", "stance": "Stance"})
fig.update_xaxes(type="category")
ui.chart(fig, key="sources_time", height=320)
ui.show_table(over_time.round(3), "stance_over_time")

st.subheader("Speakers and their lean")
quotes = ui.quotes(filters)
speakers = sources.speaker_stance(quotes)
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
    cross = pd.crosstab(ui.with_outlet_labels(quotes[~quotes["fragment"]])["speaker"].replace("", "unknown"),
                        quotes[~quotes["fragment"]]["article_id"].map(dict(zip(arts["article_id"], arts["stance"]))))
    ui.show_table(speakers.round(3), "speaker_stance")
    st.caption("Speaker × the stance of the article quoting them (full quotes):")
    ui.show_table(cross.reset_index(), "speaker_by_article_stance")
