"""The store's schema: its tables (SQLAlchemy Core), the schema version, the forward migrations that bring an
older store to it, and the errors the store raises. No connection here."""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa


def _pandas():
    """pandas, imported by the readers only: writing and the CLI's incremental check do without it."""
    import pandas

    return pandas


DEFAULT_DB = "data/dashboard.db"
SCHEMA_VERSION = 7
READONLY_ENV = "DASHBOARD_READONLY"


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class ReadOnlyError(StoreError):
    """A change was asked of a store opened read-only (meeting mode)."""


metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.String(32), nullable=False),
)

store_state = sa.Table(  # one row; `revision` grows with every write so readers can invalidate their caches
    "store_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("revision", sa.Integer, nullable=False, default=0),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("title", sa.Text), sa.Column("title_origin", sa.String(16)),
    sa.Column("outlet", sa.Text), sa.Column("outlet_origin", sa.String(16)),
    sa.Column("published", sa.String(10)), sa.Column("published_origin", sa.String(16)),
    sa.Column("url", sa.Text), sa.Column("url_origin", sa.String(16)),
    sa.Column("author", sa.Text),
    sa.Column("language", sa.String(8)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("stripped", sa.Text),  # JSON list of boilerplate lines removed
    sa.Column("raw_html", sa.Text),
    sa.Column("added_at", sa.String(32)),
    sa.Column("deleted_at", sa.String(32)),  # soft delete: a deleted article can be restored
    sa.Column("analysis_version", sa.Integer, nullable=False),
    sa.Column("n_words", sa.Integer),
    sa.Column("polarity", sa.Float), sa.Column("subjectivity", sa.Float), sa.Column("polarity_adjusted", sa.Float),
    sa.Column("stance", sa.String(32)), sa.Column("stance_score", sa.Float),
    sa.Column("stance_n_sentences", sa.Integer),
    sa.Column("stance_outlet_score", sa.Float), sa.Column("stance_quoted_score", sa.Float),
    sa.Column("evidence_hopeful", sa.Text), sa.Column("evidence_pessimistic", sa.Text),  # JSON lists
    sa.Column("stance_origin", sa.String(16)),  # NULL: the analysis; "corrected": a person's (schema 5)
    # The topic profile the analysis ran under (schema 6): its slug, and its key (lib/topic.py), which changes
    # when what the analysis reads of the profile changes, so that an edited profile is analysed again.
    sa.Column("topic", sa.String(80)), sa.Column("topic_key", sa.String(120)),
)

quotes = sa.Table(
    "quotes", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("quote", sa.Text), sa.Column("speaker_in_article", sa.Text), sa.Column("speaker_origin", sa.String(16)),
    sa.Column("cue", sa.Text), sa.Column("fragment", sa.Boolean), sa.Column("partial", sa.Boolean),
    sa.Column("start_char", sa.Integer), sa.Column("end_char", sa.Integer), sa.Column("spans", sa.Text),
    sa.Column("sentence", sa.Text), sa.Column("paragraph", sa.Integer),
    sa.Column("polarity", sa.Float), sa.Column("subjectivity", sa.Float), sa.Column("polarity_adjusted", sa.Float),
    sa.Column("stance_cue", sa.Float),
    sa.Column("fragment_origin", sa.String(16)),  # NULL: the analysis; "corrected": a person's (schema 5)
)

figures = sa.Table(
    "figures", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("category", sa.String(32)), sa.Column("value", sa.Float), sa.Column("value_high", sa.Float),
    sa.Column("unit", sa.String(32)), sa.Column("qualifier", sa.String(32)), sa.Column("period", sa.Text),
    sa.Column("attributed_to", sa.Text), sa.Column("counted", sa.Text), sa.Column("text", sa.Text),
    sa.Column("sentence", sa.Text), sa.Column("start_char", sa.Integer), sa.Column("end_char", sa.Integer),
    sa.Column("paragraph", sa.Integer),
    sa.Column("value_origin", sa.String(16)), sa.Column("category_origin", sa.String(16)),  # schema 5
)

sentences = sa.Table(
    "sentences", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start_char", sa.Integer), sa.Column("end_char", sa.Integer), sa.Column("paragraph", sa.Integer),
    sa.Column("text", sa.Text),
    sa.Column("polarity", sa.Float), sa.Column("subjectivity", sa.Float), sa.Column("polarity_adjusted", sa.Float),
    sa.Column("about_talks", sa.Boolean), sa.Column("stance_cue", sa.Float), sa.Column("voice", sa.String(16)),
)

paragraphs = sa.Table(
    "paragraphs", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("start_char", sa.Integer), sa.Column("end_char", sa.Integer),
    sa.Column("polarity", sa.Float), sa.Column("subjectivity", sa.Float), sa.Column("polarity_adjusted", sa.Float),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text), sa.Column("label", sa.String(16)), sa.Column("canonical", sa.Text),
    sa.Column("start_char", sa.Integer), sa.Column("end_char", sa.Integer),
)

aliases = sa.Table(  # speaker aliases a user added or changed; they override the topic profile's people
    "aliases", metadata,
    sa.Column("alias", sa.String(200), primary_key=True),
    sa.Column("canonical", sa.Text, nullable=False),
)

edit_log = sa.Table(
    "edit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("user_name", sa.Text),
    sa.Column("action", sa.String(32), nullable=False),  # correct, delete, restore, upload, alias
    sa.Column("article_id", sa.String(64)),
    sa.Column("field", sa.String(32)),
    sa.Column("old_value", sa.Text), sa.Column("new_value", sa.Text),
)

# Articles added by URL and by news feed (lib/ingest/fetch.py, lib/ingest/feeds.py). Schema version 3.
fetched_urls = sa.Table(  # every address that gave a stored article (asked, redirected to, canonical)
    "fetched_urls", metadata,
    sa.Column("url", sa.String(2000), primary_key=True),
    sa.Column("article_id", sa.String(64)),
    sa.Column("fetched_at", sa.String(32)),
)

feeds = sa.Table(  # a feed read before: its validators for the next conditional request
    "feeds", metadata,
    sa.Column("feed_url", sa.String(2000), primary_key=True),
    sa.Column("etag", sa.Text), sa.Column("last_modified", sa.Text), sa.Column("title", sa.Text),
    sa.Column("checked_at", sa.String(32)),
)

feed_entries = sa.Table(  # entries already read (article_id NULL when the link could not be an article)
    "feed_entries", metadata,
    sa.Column("feed_url", sa.String(2000), primary_key=True),
    sa.Column("entry_id", sa.String(2000), primary_key=True),
    sa.Column("link", sa.Text), sa.Column("article_id", sa.String(64)),
    sa.Column("seen_at", sa.String(32)),
)

# A person's correction of what the analysis found (schema 5): kept apart from the analysed rows, keyed by the
# article (the hash of its text) and, for a quote or a figure, its character offsets in that text, so that a
# re-analysis of the same text finds the same item and the correction is applied again (`_apply_corrections`).
corrections = sa.Table(
    "corrections", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("target", sa.String(16), primary_key=True),  # article, quote, figure
    sa.Column("start_char", sa.Integer, primary_key=True),  # 0 for the article itself
    sa.Column("end_char", sa.Integer, primary_key=True),
    sa.Column("field", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text),
    sa.Column("user_name", sa.Text), sa.Column("at", sa.String(32)),
)

# Independent voices (lib/voices.py): the near-duplicate index. Schema version 7. No foreign key to articles: an
# article re-analysed is deleted and written again in one transaction, and its index rows stay true, since its id
# is the hash of its text.
voice_signatures = sa.Table(  # one row per indexed article
    "voice_signatures", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("scheme", sa.String(80), nullable=False),  # what makes two signatures comparable (voices.SCHEME)
    sa.Column("n_shingles", sa.Integer, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # MinHash values, little-endian uint32
    sa.Column("agency", sa.Text),  # the agency the text credits ("" for none)
    sa.Column("indexed_at", sa.String(32)),
)

voice_bands = sa.Table(  # MinHash LSH buckets: a row per band of a signature (a full bucket takes no more)
    "voice_bands", metadata,
    sa.Column("band_key", sa.BigInteger, primary_key=True),
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Index("ix_voice_bands_article", "article_id"),
)

voice_links = sa.Table(  # two articles found to be copies of one story, stored once (article_a < article_b)
    "voice_links", metadata,
    sa.Column("article_a", sa.String(64), primary_key=True),
    sa.Column("article_b", sa.String(64), primary_key=True),
    sa.Column("similarity", sa.Float),
    sa.Column("linked_at", sa.String(32)),
    sa.Index("ix_voice_links_b", "article_b"),
)

VOICE_TABLES = (voice_signatures, voice_bands, voice_links)

CHILD_TABLES = (quotes, figures, sentences, paragraphs, entities)

# Forward migrations: version -> statements that bring a store at version-1 to version. A new store is made
# by `create_all` at SCHEMA_VERSION directly; statements must run on SQLite and PostgreSQL. A step may also be a
# function of the migration's connection (new tables: `create_all` writes each database's own types).
def _create_voice_tables(conn) -> None:
    metadata.create_all(conn, tables=list(VOICE_TABLES))


MIGRATIONS: dict[int, Sequence] = {
    2: ("ALTER TABLE quotes ADD COLUMN stance_cue FLOAT",),
    3: ("CREATE TABLE IF NOT EXISTS fetched_urls (url VARCHAR(2000) NOT NULL, article_id VARCHAR(64), "
        "fetched_at VARCHAR(32), PRIMARY KEY (url))",
        "CREATE TABLE IF NOT EXISTS feeds (feed_url VARCHAR(2000) NOT NULL, etag TEXT, last_modified TEXT, "
        "title TEXT, checked_at VARCHAR(32), PRIMARY KEY (feed_url))",
        "CREATE TABLE IF NOT EXISTS feed_entries (feed_url VARCHAR(2000) NOT NULL, entry_id VARCHAR(2000) NOT NULL, "
        "link TEXT, article_id VARCHAR(64), seen_at VARCHAR(32), PRIMARY KEY (feed_url, entry_id))"),
    4: ("ALTER TABLE quotes ADD COLUMN partial BOOLEAN",),  # partial quotes (analysis version 8)
    5: ("ALTER TABLE articles ADD COLUMN stance_origin VARCHAR(16)",  # corrections by a person
        "ALTER TABLE quotes ADD COLUMN fragment_origin VARCHAR(16)",
        "ALTER TABLE figures ADD COLUMN value_origin VARCHAR(16)",
        "ALTER TABLE figures ADD COLUMN category_origin VARCHAR(16)",
        "CREATE TABLE IF NOT EXISTS corrections (article_id VARCHAR(64) NOT NULL, target VARCHAR(16) NOT NULL, "
        "start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, field VARCHAR(32) NOT NULL, value TEXT, "
        "user_name TEXT, at VARCHAR(32), PRIMARY KEY (article_id, target, start_char, end_char, field))"),
    # Analyses keyed by topic: stores made before topics were analysed under the default profile; their key is
    # unknown (NULL), which counts as current until the analysis version changes.
    6: ("ALTER TABLE articles ADD COLUMN topic VARCHAR(80)",
        "ALTER TABLE articles ADD COLUMN topic_key VARCHAR(120)",
        "UPDATE articles SET topic = 'pakistan-afghanistan' WHERE topic IS NULL"),
    7: (_create_voice_tables,),  # independent voices (lib/voices.py)
}


META_FIELDS = ("title", "outlet", "published", "url")
