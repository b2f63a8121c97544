"""The dashboard's display layer, the only part of lib/ that imports streamlit; it holds no analysis.

    state.py    what a page shows, kept in the URL: the sidebar filters and each page's own state
    data.py     the store connection, the first-start ingest, cached reads and cached page views (lib/views.py)
    tables.py   a table with plain-English headers, its CSV download, and the Excel workbook of everything
    plots.py    the charts as Plotly figures (no streamlit): honest axes, colours, untrusted text escaped
    widgets.py  the chart helper (escaping, filters shown, click-through), text and small display helpers
    reader.py   an article's text with quotes, figures and evidence highlighted (escaped Markdown)
    edits.py    the correction forms (stance, speaker, fragment, figure value and category)

`lib/ui.py` re-exports what the pages use, so a page needs only `from lib import ui`.
"""
