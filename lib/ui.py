"""What the pages use, in one import (`from lib import ui`): the display layer lives in lib/app/ (state, data,
tables, plots, widgets, reader, edits); this module only gathers its names."""
from lib.app import edits, plots  # noqa: F401
from lib.app.data import (  # noqa: F401
    aliases, topic, article_count, article_figures, article_list, article_quotes, article_row, article_text, articles,
    brief_sections, deleted_articles, edit_log, engine, ensure_corpus, ingest_with_progress,
    entities_view, entity_article_count,
    entity_articles, entity_pairs_view, facets, figures, figures_view, headlines, language_model, overview_view,
    quotes, quotes_view, readonly, revision, sources_view, timeline_view,
)
from lib.app.reader import (  # noqa: F401
    highlight_segments, paragraph_around, reader_legend, reader_markdown, show_in_context,
)
from lib.app.state import (  # noqa: F401
    Filters, Param, bind, chart_scope, current_filters, filters_caption, link_params, remember,
)
from lib.app.tables import PAGE_SIZE, show_table, visible_rows, workbook_download  # noqa: F401
from lib.app.widgets import (  # noqa: F401
    chart, date_span, empty_state, meeting_mode, open_article, picked, plain_line, safe_text, show_text_block,
    sidebar_filters,
)
from lib.views import CATEGORY_ORDER, FIGURE_COLUMNS, QUOTE_COLUMNS  # noqa: F401
from lib.views import reader_counts  # noqa: F401
