"""Quotes: every direct quote with its speaker, searchable and filterable."""
import streamlit as st

from lib import ui

st.title("Quotes")
st.caption("What exactly was said, by whom, and where.")

quotes = ui.quotes(ui.current_filters())
show_fragments = st.toggle("Show scare-quote fragments", value=False, key="quotes_fragments")
search = st.text_input("Search quotes", key="quotes_search")
if not show_fragments:
    quotes = quotes[~quotes["fragment"]]
if search:
    quotes = quotes[quotes["quote"].str.contains(search, case=False, regex=False, na=False)]
if quotes.empty:
    ui.empty_state("No quotes match.")
    st.stop()
ui.show_table(quotes, "quotes", columns=["speaker", "quote", "speaker_origin", "fragment", "outlet", "published",
                                         "file", "polarity", "sentence"])
