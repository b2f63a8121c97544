"""What the pages use, in one import (`from lib import ui`): the display layer lives in lib/app/ (state, data,
tables, plots, widgets, reader, edits); this module only gathers its names. Each name's module is imported when a
page first reads the name (PEP 562 `__getattr__`), so the warm start of the Overview imports neither the
correction forms nor the reader nor the spreadsheet writers."""
from __future__ import annotations

import importlib

_NAMES = {
    "lib.app.data": (
        "aliases", "topic", "article_count", "article_figures", "article_list", "article_quotes", "article_row",
        "article_text", "articles", "brief_sections", "deleted_articles", "edit_log", "engine", "ensure_corpus",
        "ingest_with_progress", "entities_view", "entity_article_count", "entity_articles", "entity_pairs_view",
        "facets", "figures", "figures_view", "headlines", "language_model", "overview_view", "quotes",
        "quotes_view", "readonly", "revision", "sources_view", "timeline_view",
    ),
    "lib.app.reader": (
        "highlight_segments", "paragraph_around", "reader_legend", "reader_markdown", "show_in_context",
    ),
    "lib.app.state": (
        "Filters", "Param", "bind", "chart_scope", "current_filters", "filters_caption", "link_params", "remember",
    ),
    "lib.app.tables": ("PAGE_SIZE", "show_table", "visible_rows", "workbook_download"),
    "lib.app.widgets": (
        "chart", "date_span", "empty_state", "meeting_mode", "open_article", "picked", "plain_line", "safe_text",
        "show_text_block", "sidebar_filters",
    ),
    "lib.views": ("CATEGORY_ORDER", "FIGURE_COLUMNS", "QUOTE_COLUMNS", "reader_counts"),
}
_MODULES = {"edits": "lib.app.edits", "plots": "lib.app.plots"}
_WHERE = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted([*_WHERE, *_MODULES])


def __getattr__(name: str):
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
    else:
        raise AttributeError(f"module 'lib.ui' has no attribute {name!r}")
    globals()[name] = value  # found once; later reads are plain module attributes
    return value


def __dir__() -> list[str]:
    return __all__
