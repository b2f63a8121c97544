"""Quotes: every quote with its speaker, searchable and filterable, in its paragraph and article; who is quoted
most (click a bar for their quotes), how each outlet's quotes of a speaker sound; a quote's speaker or fragment
flag corrected where it is shown; and the alias table that gives each person one name. With "count copies once"
on (the sidebar), the same words quoted by the copies of one story count once."""
import streamlit as st

from lib import labels, ui
from lib.app import state

st.title("Quotes")
st.caption("Who said what, where, and in what tone. Speaker, outlet and date filters are in the sidebar; click a "
           "speaker's bar for their quotes, select a row to read it in its paragraph.")

filters = ui.current_filters()
speakers = [*ui.facets()["speakers"], labels.UNKNOWN_OUTLET]
ui.bind(ui.Param(state.QUOTES_SEARCH, ""), ui.Param(state.QUOTES_SENTIMENT, (-1.0, 1.0), "range", bounds=(-1.0, 1.0)),
        ui.Param(state.QUOTES_FRAGMENTS, False, "flag"), ui.Param(state.QUOTES_WHO, "", "choice", choices=speakers),
        ui.Param(state.QUOTES_PICK, ""))

c1, c2, c3, c4 = st.columns([3, 2, 2, 1.4], vertical_alignment="bottom")
search = c1.text_input("Search quotes, speakers and sentences", key=state.QUOTES_SEARCH,
                       placeholder="e.g. ceasefire, guarantee, a speaker's name")
low, high = c2.slider("Sentiment of the quote", -1.0, 1.0, step=0.05, key=state.QUOTES_SENTIMENT)
who = c3.selectbox("Speaker", ["", *speakers], key=state.QUOTES_WHO, format_func=lambda s: s or "everyone")
show_fragments = c4.toggle("Fragments", key=state.QUOTES_FRAGMENTS,
                           help="Show scare-quote fragments too: quoted words that are nobody's statement (a label, "
                                "a title, a few words). Partial quotes, a speaker's words of five or more inside a "
                                "sentence, are quotes: always shown, marked partial.")
view = ui.quotes_view(filters, search, low, high, show_fragments, who)
shown = view["shown"]

if shown.empty:
    st.metric("Quotes shown", 0)
    ui.empty_state("No quotes match. Clear the search, widen the sentiment range, pick everyone, or switch "
                   "fragments on.")
    st.stop()

scope = ui.chart_scope(filters, f"search “{search}”" if search else "", f"speaker {who}" if who else "",
                       "sentiment {:+.2f} … {:+.2f}".format(low, high) if (low, high) != (-1.0, 1.0) else "",
                       "fragments included" if show_fragments else "")
per_speaker = view["per_speaker"]
fig = ui.plots.quotes_per_speaker(per_speaker, "Quotes per speaker (click a bar for their quotes)")
bar = ui.chart(fig, "quotes_per_speaker", scope, height=max(280, 26 * len(per_speaker) + 150), select=True)
if ui.picked(bar) and ui.picked(bar) != who:
    ui.remember(state.QUOTES_WHO, ui.picked(bar))
    st.rerun()
m = st.columns(3)
m[0].metric("Quotes shown", view["n"], help="Full and partial quotes" + (" and fragments" if show_fragments else ""))
m[1].metric("Speakers", view["n_speakers"])
m[2].metric("Articles", view["n_articles"])
if view["voices"]:  # the switch is on: the same words quoted by the copies of one story count once
    st.caption(labels.copies_caption(view["voices"]["articles"], view["voices"]["voices"])
               + ": a quote repeated by the copies of a story is shown once.")
fig = ui.plots.speaker_outlet_grid(view["grid"], per_speaker["speaker"].tolist(),
                                   "Speaker × outlet: mean sentiment of the quotes (size = quotes)")
ui.chart(fig, "quotes_speaker_outlet", scope, height=max(280, 26 * len(per_speaker) + 170))

keys = [f"{a[:12]}:{s}:{e}" for a, s, e in zip(shown["article_id"], shown["start_char"], shown["end_char"])]
pick = st.session_state[state.QUOTES_PICK]
row = ui.show_table(shown, "quotes", columns=ui.QUOTE_COLUMNS, selectable=True,
                    selected=keys.index(pick) if pick in keys else None)
if row is not None:
    ui.remember(state.QUOTES_PICK, keys[shown.index.get_loc(row.name)])
    st.rerun()
ui.edits.saved_note()
if pick in keys:
    chosen = shown.iloc[keys.index(pick)]
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(chosen['speaker'])}** ({ui.safe_text(chosen['kind'])} quote) · "
                    f"{ui.safe_text(labels.article_label(chosen['headline'], chosen['outlet'], chosen['published']))}")
        ui.show_in_context(chosen["article_id"], chosen["start_char"], chosen["end_char"], "quote", chosen["sentence"])
        ui.edits.quote_form(chosen, "quotes")

st.subheader("Quote cards")
n_cards = min(len(shown), 10)
st.caption(f"The first {n_cards} of {len(shown)} quotes shown, each in its paragraph (quote highlighted).")
for card in shown.head(n_cards).itertuples():
    with st.container(border=True):
        st.markdown(f"**{ui.safe_text(card.speaker)}**" + (f" · _{card.kind}_" if card.kind != "full" else "")
                    + f" · {ui.safe_text(labels.article_label(card.headline, card.outlet, card.published))}")
        ui.show_in_context(card.article_id, card.start_char, card.end_char, "quote", card.sentence)

st.subheader("Speaker names (aliases)")
st.caption("How names in articles map to one person. Quotes and entities are counted under the one name.")
ui.show_table(ui.aliases(), "speaker_aliases", height=240)
if not ui.readonly():
    ui.edits.alias_form()
