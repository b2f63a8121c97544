"""Entry point: `streamlit run dashboard.py`. Names every page, sets the page config, opens the store (ingesting
the default corpus on a first start), and draws the shared sidebar filters before the chosen page runs."""
import streamlit as st

from lib import ui

st.set_page_config(page_title="Ceasefire talks coverage", page_icon="🕊️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
    st.Page("pages/sources.py", title="Sources", icon="🧭"),
    st.Page("pages/figures.py", title="Figures", icon="🔢"),
    st.Page("pages/quotes.py", title="Quotes", icon="💬"),
]

navigation = st.navigation(PAGES)
ui.ensure_corpus()
st.session_state["_filters"] = ui.sidebar_filters()
if ui.readonly():
    st.warning("Read-only meeting mode: uploads, corrections and deletions are switched off.", icon="🔒")
navigation.run()
