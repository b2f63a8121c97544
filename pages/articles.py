"""Articles: read any article with its quotes, figures and stance evidence highlighted; add articles (upload or
links); correct an inferred outlet, date or title; delete and restore; and the log of every change."""
import json

import pandas as pd
import streamlit as st

from lib import store, ui

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
            from lib import pipeline
            from lib.loader import iter_upload

            loaded, skipped = [], []
            for name, article, reason in iter_upload((f.name, f.getvalue()) for f in files):
                if article is not None:
                    loaded.append(article)
                else:
                    skipped.append((name, reason))
            bar = st.progress(0.0, text=f"Analysing 0 of {len(loaded)} article(s)")

            def update(done: int, total: int) -> None:
                bar.progress(done / max(total, 1), text=f"Analysing {done} of {total} article(s)")

            try:
                report = pipeline.ingest_articles(ui.engine(), loaded, progress=update,
                                                  nlp=ui.language_model() if loaded else None)
                refused = {item.file for item in report.skipped}  # analysis or store refused them
                stored = [a for a in loaded if a.file not in refused]
                for article in stored:
                    store.log_upload(ui.engine(), article.article_id, article.file)
                bar.progress(1.0, text=f"Done: {len(loaded)} article(s) read")
                if stored:  # open the reader on what was just added
                    st.session_state["_open_article"] = stored[0].article_id
                st.session_state["_upload_result"] = {
                    "added": report.analysed, "known": report.reused, "files": [a.file for a in stored],
                    "skipped": skipped + [(item.file, item.reason) for item in report.skipped],
                    "warnings": [(a.file, w) for a in stored for w in a.warnings]}
                st.rerun()  # every list and the reader now include the new articles
            except store.ReadOnlyError as exc:
                st.error(str(exc))
        result = st.session_state.get("_upload_result")
        if result:
            st.success(f"{result['added']} new article(s) analysed, {result['known']} already in the store.")
            for name in result["files"]:
                st.text(f"added: {name}")
            for name, reason in result["skipped"]:
                st.text(f"skipped: {name} — {reason}")
            for name, warning in result.get("warnings", ()):
                st.text(f"warning: {name} — {warning}")

        # Paste links: lib/fetch.py (URL ingest, owned by the fetch engineer) fetches, extracts and stores.
        links = st.text_area("Or paste article links, one a line", key="paste_links",
                             placeholder="https://www.dawn.com/news/…")
        if links.strip() and st.button("Fetch and add links", key="links_go"):
            from lib import fetch

            urls = fetch.read_url_list(links)
            bar = st.progress(0.0, text=f"Fetching 0 of {len(urls)} link(s)")
            report = fetch.ingest_urls(ui.engine(), urls, nlp=ui.language_model(),
                                       progress=lambda d, t: bar.progress(d / max(t, 1), text=f"{d} of {t}"))
            st.success(f"{report.analysed} new article(s) analysed, {report.reused} already in the store.")
            for item in report.skipped:
                st.text(f"skipped: {item.file} — {item.reason}")

if arts.empty:
    ui.empty_state("No articles match the filters.")
    st.stop()

# ------------------------------------------------------------------------------------------------ the list
picked = ui.show_table(arts, "article_list", selectable=True,
                       columns=["file", "title", "outlet", "outlet_origin", "published", "published_origin",
                                "stance", "stance_score", "n_words"])


def _label(r) -> str:
    published = r.published if isinstance(r.published, str) and r.published else "undated"
    return f"{published} · {r.outlet} · {r.title if isinstance(r.title, str) and r.title else r.file}"


known = set(arts["article_id"])
if picked is not None:
    st.session_state["reader_article"] = picked["article_id"]
if st.session_state.get("_open_article") in known:
    st.session_state["reader_article"] = st.session_state.pop("_open_article")
if st.session_state.get("reader_article") not in known:
    st.session_state["reader_article"] = arts["article_id"].iloc[0]
# The choice lists the articles on the table's page on screen (all of them up to ui.PAGE_SIZE), and the one open.
ids = list(dict.fromkeys([*ui.visible_rows(arts, "article_list")["article_id"], st.session_state["reader_article"]]))
labels = {r.article_id: _label(r) for r in arts[arts["article_id"].isin(ids)].itertuples()}
article_id = st.selectbox("Article to read", ids, format_func=labels.get, key="reader_article")
if len(arts) > ui.PAGE_SIZE:
    st.caption("The list holds the articles on the table's page above: turn its page, or select a row, to open "
               "another.")
row = ui.article_row(article_id)

# ------------------------------------------------------------------------------------------------ the reader
st.subheader("Reader")
meta = pd.DataFrame([{"field": f, "value": row[f] if pd.notna(row[f]) else "", "origin": row[f"{f}_origin"]}
                     for f in store.CORRECTABLE])
st.dataframe(meta, hide_index=True)
text = ui.article_text(article_id)
q = ui.article_quotes(article_id)
f = ui.article_figures(article_id)
marks = []
for spans, start, end in zip(q["spans"], q["start_char"], q["end_char"]):
    try:
        parts = json.loads(spans) if isinstance(spans, str) and spans else [[start, end]]
    except ValueError:
        parts = [[start, end]]
    marks += [(s, e, "quote") for s, e in parts]
marks += [(s, e, "figure") for s, e in zip(f["start_char"], f["end_char"]) if pd.notna(s) and pd.notna(e)]
for kind in ("hopeful", "pessimistic"):
    for sentence in row[f"evidence_{kind}"] or []:
        at = text.find(sentence)
        if at >= 0:
            marks.append((at, at + len(sentence), kind))
c = st.columns(4)
c[0].metric("Quotes", len(q))
c[1].metric("Figures", len(f))
c[2].metric("Stance", row["stance"], f"{row['stance_score']:+.2f}", delta_color="off")
c[3].metric("Words", int(row["n_words"] or 0))
st.markdown("Highlighted: " + ui.reader_legend())
with st.container(border=True, height=520):
    for paragraph in ui.reader_markdown(ui.highlight_segments(text, marks)):
        st.markdown(paragraph)
with st.expander("Plain text (exactly as stored)"):
    st.text(text)

# ------------------------------------------------------------------------------------------------ changes
if editable:
    st.subheader("Correct, delete or restore")
    left, right = st.columns(2)
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
    with right:
        st.markdown("**Delete this article**")
        sure = st.checkbox("Yes, hide this article from every page (it can be restored)", key="delete_sure")
        if st.button("Delete article", disabled=not sure, key="delete_go"):
            store.delete_article(ui.engine(), article_id)
            st.session_state.pop("reader_article", None)
            st.rerun()
        deleted = ui.deleted_articles()
        if len(deleted):
            restore_labels = {r.article_id: f"{r.file} (deleted {r.deleted_at})" for r in deleted.itertuples()}
            restore_id = st.selectbox("Deleted articles", list(restore_labels), format_func=restore_labels.get,
                                      key="restore_pick")
            if st.button("Restore", key="restore_go"):
                store.restore_article(ui.engine(), restore_id)
                st.rerun()

st.subheader("Edit log")
ui.show_table(ui.edit_log(), "edit_log")
