"""Articles: read any article with its quotes, figures and stance evidence highlighted; add articles (upload or
links); correct an inferred outlet, date or title, or the stance label; delete and restore; and the log of every
change."""
import json

import pandas as pd
import streamlit as st

from lib import labels, store, ui
from lib.app import state

st.title("Articles")
st.caption("Read an article with what the analysis found in it, add new ones, and fix what was inferred wrongly.")

filters = ui.current_filters()
arts = ui.article_list(filters)
editable = not ui.readonly()

# ------------------------------------------------------------------------------------------------ add articles
if editable:
    with st.expander("Add articles", expanded=arts.empty):
        files = st.file_uploader("Upload .txt, .md or .html files", type=["txt", "md", "markdown", "html", "htm"],
                                 accept_multiple_files=True, key="upload_files")
        if files and st.button(f"Analyse and add {len(files)} file(s)", type="primary", key="upload_go"):
            from lib.ingest import pipeline

            loaded, unread = pipeline.read_upload((f.name, f.getvalue()) for f in files)
            eng, user = ui.engine(), store.default_user()  # read here: the ingest's thread has no session

            def log_uploads(report) -> None:  # on the ingest's thread, once the articles are stored
                pipeline.log_stored_uploads(eng, loaded, report, user=user)

            try:
                # The one ingest path (lib/ingest/pipeline.py) on a thread of its own, its progress shown here.
                report = ui.ingest_with_progress(loaded, "Analysing the upload", after=log_uploads)
                refused = {item.file for item in report.skipped}
                stored = [a for a in loaded if a.file not in refused]
                report.skipped = unread + report.skipped
                if stored:  # open the reader on what was just added
                    st.session_state[state.ARTICLE] = stored[0].article_id
                st.session_state["_upload_result"] = {
                    "added": report.analysed, "known": report.reused, "files": [a.file for a in stored],
                    "skipped": [(item.file, item.reason) for item in report.skipped],
                    "warnings": [(a.file, w) for a in stored for w in a.warnings]}
                st.rerun()  # every list and the reader now include the new articles
            except store.ReadOnlyError as exc:
                st.error(str(exc))
        result = st.session_state.get("_upload_result")
        if result:
            st.success(f"{result['added']} new article(s) analysed, {result['known']} already in the store.")
            for name in result["files"]:
                ui.plain_line(f"added: {name}")
            for name, reason in result["skipped"]:
                ui.plain_line(f"skipped: {name} — {reason}")
            for name, warning in result.get("warnings", ()):
                ui.plain_line(f"warning: {name} — {warning}")

        # Paste links: lib/ingest/fetch.py (URL ingest) fetches, extracts and stores.
        links = st.text_area("Or paste article links, one a line", key="paste_links",
                             placeholder="https://www.dawn.com/news/…")
        if links.strip() and st.button("Fetch and add links", key="links_go"):
            from lib.ingest import fetch

            urls = fetch.read_url_list(links)
            bar = st.progress(0.0, text=f"Fetching 0 of {len(urls)} link(s)")
            report = fetch.ingest_urls(ui.engine(), urls, nlp=ui.language_model(),
                                       progress=lambda d, t: bar.progress(d / max(t, 1), text=f"{d} of {t}"))
            st.success(f"{report.analysed} new article(s) analysed, {report.reused} already in the store.")
            for item in report.skipped:
                ui.plain_line(f"skipped: {item.file} — {item.reason}")

if arts.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()

# ------------------------------------------------------------------------------------------------ the list
ids = arts["article_id"].tolist()
ui.bind(ui.Param(state.ARTICLE, None, "article", choices=ids))
if st.session_state.get(state.ARTICLE) not in ids:
    ui.remember(state.ARTICLE, ids[0])
picked = ui.show_table(arts, "article_list", selectable=True, selected=ids.index(st.session_state[state.ARTICLE]),
                       columns=["headline", "outlet", "published", "stance", "stance_score", "outlet_origin",
                                "published_origin", "stance_origin", "n_words", "url", "file"])
if picked is not None and picked["article_id"] != st.session_state[state.ARTICLE]:
    ui.remember(state.ARTICLE, picked["article_id"])
    st.rerun()

names = dict(zip(arts["article_id"], (labels.article_label(h, o, p) for h, o, p in
                                      zip(arts["headline"], arts["outlet"], arts["published"]))))
# The choice lists the articles on the table's page on screen (all of them up to ui.PAGE_SIZE), and the one open.
choices = list(dict.fromkeys([*ui.visible_rows(arts, "article_list")["article_id"], st.session_state[state.ARTICLE]]))
article_id = st.selectbox("Article to read", choices, format_func=names.get, key=state.ARTICLE)
if len(arts) > ui.PAGE_SIZE:
    st.caption("The list holds the articles on the table's page above: turn its page, or select a row, to open "
               "another.")
row = ui.article_row(article_id)

# ------------------------------------------------------------------------------------------------ the reader
st.subheader("Reader")
meta = pd.DataFrame([{"field": f, "value": labels.text_or(row[f], labels.NOT_STATED),
                      "origin": labels.text_or(row[f"{f}_origin"], "unknown")} for f in store.CORRECTABLE])
meta.loc[meta["field"] == "published", "value"] = labels.human_date(row["published"])
st.dataframe(meta, hide_index=True, column_config={"field": "Field", "value": "Value", "origin": "From"})
text = ui.article_text(article_id)
q = ui.article_quotes(article_id)
f = ui.article_figures(article_id)
counts = ui.reader_counts(q, f)
marks = []
for spans, start, end, fragment in zip(q["spans"], q["start_char"], q["end_char"], q["fragment"]):
    try:
        parts = json.loads(spans) if isinstance(spans, str) and spans else [[start, end]]
    except ValueError:
        parts = [[start, end]]
    marks += [(s, e, "fragment" if fragment else "quote") for s, e in parts]
marks += [(s, e, "figure") for s, e in zip(f["start_char"], f["end_char"]) if pd.notna(s) and pd.notna(e)]
for kind in ("hopeful", "pessimistic"):
    for sentence in row[f"evidence_{kind}"] or []:
        at = text.find(sentence)
        if at >= 0:
            marks.append((at, at + len(sentence), kind))
c = st.columns(4)
c[0].metric("Quotes", counts["quotes"], help=f"Full and partial quotes, as the Quotes page counts them; "
                                             f"{labels.plural(counts['fragments'], 'fragment')} marked apart")
c[1].metric("Figures", counts["figures"])
c[2].metric("Stance", row["stance"], f"{row['stance_score']:+.2f}", delta_color="off",
            help="Corrected by a person" if row.get("stance_origin") == "corrected" else "From the analysis")
c[3].metric("Words", int(row["n_words"] or 0))
if isinstance(row.get("url"), str) and row["url"].strip():
    st.link_button("Read the original", row["url"], icon=":material/open_in_new:")
st.markdown("Highlighted: " + ui.reader_legend())
with st.container(border=True, height=520):
    for paragraph in ui.reader_markdown(ui.highlight_segments(text, marks)):
        st.markdown(paragraph)
with st.expander("Plain text (exactly as stored)"):
    st.text(text)

# ------------------------------------------------------------------------------------------------ changes
if editable:
    st.subheader("Correct, delete or restore")
    ui.edits.saved_note()
    left, middle, right = st.columns(3)
    with left, st.form("correct_form", clear_on_submit=True):
        st.markdown("**Correct this article's metadata**")
        field = st.selectbox("Field", store.CORRECTABLE, index=1)
        value = st.text_input("New value (a date as YYYY-MM-DD; empty marks it unknown)")
        if st.form_submit_button("Save correction"):
            try:
                store.correct_article(ui.engine(), article_id, field, value.strip() or None)
                st.success(f"{field} corrected.")
                st.rerun()
            except (ValueError, store.ReadOnlyError) as exc:
                st.error(str(exc))
    with middle:
        ui.edits.stance_form(arts.iloc[ids.index(article_id)], "articles")
    with right:
        st.markdown("**Delete this article**")
        sure = st.checkbox("Yes, hide this article from every page (it can be restored)", key="delete_sure")
        if st.button("Delete article", disabled=not sure, key="delete_go"):
            store.delete_article(ui.engine(), article_id)
            st.session_state.pop(state.ARTICLE, None)
            st.rerun()
        deleted = ui.deleted_articles()
        if len(deleted):
            restore_labels = {r.article_id: f"{r.headline} (deleted {str(r.deleted_at)[:16]})"
                              for r in deleted.itertuples()}
            restore_id = st.selectbox("Deleted articles", list(restore_labels), format_func=restore_labels.get,
                                      key="restore_pick")
            if st.button("Restore", key="restore_go"):
                store.restore_article(ui.engine(), restore_id)
                st.rerun()

st.subheader("Edit log")
ui.show_table(ui.edit_log(), "edit_log")
