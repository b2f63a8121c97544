"""Entry point: `streamlit run dashboard.py`. Names every page, sets the page config, opens the store (ingesting
the default corpus on a first start), and draws the shared sidebar filters before the chosen page runs."""
import streamlit as st

from lib import ui

st.set_page_config(page_title="Ceasefire talks coverage", page_icon="🕊️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/sources.py", title="Sources", icon=":material/explore:"),
    st.Page("pages/figures.py", title="Figures", icon=":material/numbers:"),
    st.Page("pages/quotes.py", title="Quotes", icon=":material/format_quote:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/calendar_month:"),
    st.Page("pages/entities.py", title="Entities", icon=":material/group:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page("pages/brief.py", title="Meeting brief", icon=":material/summarize:"),
]

navigation = st.navigation(PAGES)
ui.ensure_corpus()
st.session_state["_filters"] = ui.sidebar_filters()
if ui.readonly():
    st.warning("Read-only meeting mode: uploads, corrections and deletions are switched off.", icon=":material/lock:")
navigation.run()
