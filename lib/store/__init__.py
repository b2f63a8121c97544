"""The store: the only package that speaks SQL. Schema and migrations, one-transaction writes of analysed
articles, corrections and the edit log, the read queries (DataFrames) that pages and the export use, and the
tables of the URL readers and the near-duplicate index.

SQLite by default (`DASHBOARD_DB`, default `data/dashboard.db`), any SQLAlchemy URL otherwise (PostgreSQL for a
team). Every query is built with SQLAlchemy expressions, so user input only ever travels as bound parameters.
The modules, lowest first: schema, connect, write, editlog, edits, read, fetched, voice_index; callers
import from `lib.store`, which re-exports their names.
"""
from __future__ import annotations

from lib.store import schema  # noqa: F401
from lib.store import connect  # noqa: F401
from lib.store import write  # noqa: F401
from lib.store import editlog  # noqa: F401
from lib.store import edits  # noqa: F401
from lib.store import read  # noqa: F401
from lib.store import fetched  # noqa: F401
from lib.store import voice_index  # noqa: F401
from lib.store.schema import (  # noqa: F401
    CHILD_TABLES,
    DEFAULT_DB,
    META_FIELDS,
    MIGRATIONS,
    READONLY_ENV,
    ReadOnlyError,
    SCHEMA_VERSION,
    StoreError,
    VOICE_TABLES,
    _create_voice_tables,
    _pandas,
    aliases,
    articles,
    corrections,
    edit_log,
    entities,
    feed_entries,
    feeds,
    fetched_urls,
    figures,
    metadata,
    paragraphs,
    quotes,
    schema_version,
    sentences,
    store_state,
    voice_bands,
    voice_links,
    voice_signatures,
)
from lib.store.connect import (  # noqa: F401
    BUSY_SECONDS,
    MIGRATE_LOCK,
    SQLITE_PREFIX,
    SQL_IN_CHUNK,
    _bump,
    _check_readable,
    _enable_wal,
    _guard,
    _id_chunks,
    _is_busy,
    _lock_articles,
    _locked_version,
    _now,
    _sort_keys,
    _sqlite_setup,
    current_version,
    db_url,
    is_readonly,
    migrate,
    open_store,
    revision,
)
from lib.store.write import (  # noqa: F401
    COLUMN_RENAMES,
    _PLAIN,
    _STORE_FAILURES,
    _article_row,
    _child_rows,
    _plain,
    _record_dict,
    _refusal,
    _save_batch,
    _store_failure,
    save_analyses,
    save_analyses_each,
    stored_analysis_keys,
)
from lib.store.editlog import (  # noqa: F401
    _nobody,
    _os_user,
    _user_source,
    default_user,
    log_edit,
    set_user_source,
)
from lib.store.edits import (  # noqa: F401
    CATEGORY_CHOICES,
    CORRECTABLE,
    CORRECTED,
    CORRECTIONS,
    STANCE_CHOICES,
    _apply_corrections,
    _correction_text,
    _correction_value,
    _correction_where,
    _log_text,
    correct,
    correct_article,
    delete_article,
    log_topic_edit,
    log_upload,
    read_corrections,
    restore_article,
    set_alias,
)
from lib.store.read import (  # noqa: F401
    ANALYSIS_ORIGIN,
    ARTICLE_META,
    LIST_COLUMNS,
    OPENING_CHARS,
    ORIGIN_COLUMNS,
    UNKNOWN,
    _FULL_QUOTE,
    _article_filter,
    _articles_frame,
    _canonical_names,
    _json_lists,
    _read_child,
    _speaker_condition,
    _with_origins,
    _with_speakers,
    alias_table,
    article_facets,
    count_articles,
    entity_mentions,
    quote_dates,
    read_article_text,
    read_articles,
    read_deleted_articles,
    read_edit_log,
    read_entities,
    read_figures,
    read_latest_quotes,
    read_openings,
    read_paragraphs,
    read_quotes,
    read_sentences,
    read_speakers,
    refresh_metadata,
)
from lib.store.fetched import (  # noqa: F401
    feed_state,
    known_urls,
    remember_urls,
    save_feed,
    seen_entries,
    stored_article_records,
)
from lib.store.voice_index import (  # noqa: F401
    read_article_texts,
    read_voice_index,
    read_voice_signatures,
    save_voice_links,
    save_voice_signatures,
    unindexed_articles,
    voice_buckets,
)
