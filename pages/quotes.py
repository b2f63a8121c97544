"""Quotes: every direct quote with its speaker, searchable and filterable, in its paragraph and article; who is
quoted most, and how each outlet's quotes of a speaker sound."""
import plotly.express as px
import streamlit as st

from lib import store, ui

st.title("Quotes")
st.caption("Who said what, where, and in what tone. Speaker, outlet and date filters are in the sidebar.")

filters = ui.current_filters()

c1, c2, c3 = st.columns([3, 2, 1])
search = c1.text_input("Search quotes, speakers and sentences", key="quotes_search",
                       placeholder="e.g. ceasefire, Mujahid, guarantee")
low, high = c2.slider("Sentiment of the quote", -1.0, 1.0, (-1.0, 1.0), step=0.05, key="quotes_sentiment")
show_fragments = c3.toggle("Fragments", value=False, key="quotes_fragments",
                           help="Show scare-quote fragments: quoted words that are nobody's statement (a label, a "
                                "title, a few words). Partial quotes, a speaker's words of five or more inside a "
                                "sentence, are always shown, marked partial.")
view = ui.quotes_view(filters, search, low, high, show_fragments)
shown = view["shown"]

m = st.columns(3)
m[0].metric("Quotes shown", view["n"])
m[1].metric("Speakers", view["n_speakers"])
m[2].metric("Articles", view["n_articles"])
if shown.empty:
    ui.empty_state("No quotes match. Clear the search, widen the sentiment range, or switch fragments on.")
    st.stop()

per_speaker = view["per_speaker"]
fig = px.bar(per_speaker, x="quotes", y="speaker", orientation="h", hover_data={"articles": True},
             color_discrete_sequence=["#0072B2"], title="Quotes per speaker",
             labels={"quotes": "Quotes", "speaker": "Speaker", "articles": "Articles"})
fig.update_yaxes(categoryorder="total ascending")
ui.chart(fig, key="quotes_per_speaker", height=max(280, 26 * len(per_speaker) + 120))
fig = px.scatter(view["grid"], x="outlet", y="speaker", size="quotes", color="sentiment",
                 color_continuous_scale=["#D55E00", "#EEEEEE", "#0072B2"], range_color=[-0.5, 0.5],
                 hover_data={"articles": True, "quotes": True, "sentiment": ":.2f"},
                 title="Speaker × outlet: mean sentiment of the quotes (size = quotes)",
                 labels={"outlet": "Outlet", "speaker": "Speaker", "sentiment": "Sentiment"})
fig.update_traces(marker=dict(line=dict(width=1, color="#555")))
ui.chart(fig, key="quotes_speaker_outlet", height=max(280, 26 * len(per_speaker) + 120))

ui.show_table(shown, "quotes", columns=["speaker", "quote", "outlet", "published", "file", "polarity_adjusted",
                                         "partial", "fragment", "speaker_origin", "speaker_in_article", "sentence"],
              column_config={"polarity_adjusted": st.column_config.NumberColumn("sentiment", format="%.2f")})

st.subheader("Quote cards")
n_cards = min(len(shown), 10)
st.caption(f"The first {n_cards} of {len(shown)} quotes shown, each in its paragraph (quote highlighted).")
for row in shown.head(n_cards).itertuples():
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(row.speaker)}** · {ui.safe_text(row.outlet)} · "
                    f"{ui.safe_text(ui.text_or(row.published, 'date unknown'))} · "
                    f"{ui.safe_text(ui.text_or(row.title, row.file))}")
        ui.show_in_context(row.article_id, row.start_char, row.end_char, "quote", row.sentence)

st.subheader("Speaker names (aliases)")
st.caption("How names in articles map to one person. Quotes are counted under the canonical name.")
ui.show_table(ui.aliases(), "speaker_aliases")
if not ui.readonly():
    with st.form("alias_form", clear_on_submit=True):
        a, b = st.columns(2)
        alias = a.text_input("Name as written in articles", placeholder="e.g. Asif")
        canonical = b.text_input("Canonical name (empty removes your override)", placeholder="e.g. Khawaja Asif")
        if st.form_submit_button("Save alias") and alias.strip():
            try:
                store.set_alias(ui.engine(), alias, canonical)
                st.success(f"Saved: {ui.safe_text(alias)} → {ui.safe_text(canonical) or '(default)'}")
            except store.ReadOnlyError as exc:
                st.error(str(exc))
