"""Entry point: `streamlit run dashboard.py`. Names every page, sets the page config, opens the store (ingesting
the default corpus on a first start), and draws the shared sidebar filters (and the Excel download of everything
they select) before the chosen page runs. Read-only mode is meeting mode (lib/app/widgets.meeting_mode)."""
import streamlit as st

from lib import ui
from lib.app import data

st.set_page_config(page_title=f"{data.topic().name}: coverage", page_icon=":material/handshake:", layout="wide")

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
ui.meeting_mode()
ui.ensure_corpus()
filters = ui.sidebar_filters()
st.session_state["_filters"] = filters
with st.sidebar:
    ui.workbook_download(lambda: data.workbook_sheets(filters))
navigation.run()
