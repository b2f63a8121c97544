"""Meeting brief: one page for a meeting (stance per outlet, key figures with sources, top quotes) for the
articles the sidebar filters select, downloadable as Markdown, as plain text and as HTML with the stance chart.
With "count copies once" on (the sidebar), a story reprinted by several outlets counts once."""
from datetime import date

import streamlit as st

from lib import brief, labels, ui
from lib.app import state

st.title("Meeting brief")
st.caption("One page to take into a meeting: who is hopeful, which numbers are cited and by whom, the quotes that "
           "matter. It follows the sidebar filters.")

filters = ui.current_filters()
if not ui.article_count(filters):
    ui.empty_state("No articles match the filters.")
    st.stop()
ui.bind(ui.Param(state.BRIEF_FIGURES, 10, "number", bounds=(3, 30)),
        ui.Param(state.BRIEF_QUOTES, 6, "number", bounds=(3, 20)))

c1, c2 = st.columns(2)
n_figures = c1.slider("Key figures", 3, 30, key=state.BRIEF_FIGURES)
n_quotes = c2.slider("Top quotes", 3, 20, key=state.BRIEF_QUOTES)
sections = ui.brief_sections(filters, n_figures, n_quotes)
numbers = sections["numbers"]
if "voices" in numbers:  # the switch is on: the brief counts a story and its copies once
    st.caption(labels.copies_caption(numbers["articles"], numbers["voices"])
               + ": the stance table says how many copies each outlet carried and whose.")
scope = ui.filters_caption(filters)
generated = f"Generated {date.today().isoformat()}"
title = f"{ui.topic().name} coverage: meeting brief"
markdown = brief.to_markdown(sections, title=title, scope=scope, generated=generated)

d1, d2, d3, _ = st.columns([1, 1, 1, 1])
d1.download_button("Download Markdown", markdown.encode("utf-8"), file_name="meeting_brief.md",
                   mime="text/markdown", key="brief_md", on_click="ignore", width="stretch")
plain = brief.to_text(sections, title=title, scope=scope, generated=generated)
d2.download_button("Download text", plain.encode("utf-8"), file_name="meeting_brief.txt", mime="text/plain",
                   key="brief_txt", on_click="ignore", width="stretch")
html = brief.to_html(sections, title=title, scope=scope, generated=generated)
d3.download_button("Download HTML (with chart)", html.encode("utf-8"), file_name="meeting_brief.html",
                   mime="text/html", key="brief_html", on_click="ignore", width="stretch")

with st.container(border=True):
    st.markdown(markdown)  # built by lib.brief: every article-derived value is escaped

with st.expander("The brief's tables, with CSV downloads"):
    ui.show_table(sections["stance"], "brief_stance")
    ui.show_table(sections["figures"], "brief_figures",
                  columns=["category", "figure", "qualifier", "period", "attributed_to", "outlet", "headline",
                           "sentence"])
    ui.show_table(sections["quotes"], "brief_quotes", columns=["speaker", "quote", "outlet", "published", "headline"])
