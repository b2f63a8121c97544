"""The store: the only module that speaks SQL. Schema, migrations, one-transaction writes of analysed articles,
and the read queries (DataFrames) that pages and the export use.

SQLite by default (`DASHBOARD_DB`, default `data/dashboard.db`), any SQLAlchemy URL otherwise (PostgreSQL for a
team). Every query is built with SQLAlchemy expressions, so user input only ever travels as bound parameters.
"""
from __future__ import annotations

import dataclasses
import getpass
import hashlib
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from lib.records import Analysis, Article

if TYPE_CHECKING:
    import pandas as pd


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


# ------------------------------------------------------------------------------------------------ opening

def db_url(db: Optional[str] = None) -> str:
    """An SQLAlchemy URL from a path or URL (argument, then DASHBOARD_DB, then data/dashboard.db)."""
    db = db or os.environ.get("DASHBOARD_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return f"{SQLITE_PREFIX}{Path(db).expanduser().resolve()}"


SQLITE_PREFIX = "sqlite:///"


def is_readonly() -> bool:
    return os.environ.get(READONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000:.0f}")  # a second writer waits, not fails
        _enable_wal(cur)
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


BUSY_SECONDS = 60.0  # how long a writer waits for another before it gives up


def _enable_wal(cur, seconds: float = BUSY_SECONDS) -> None:
    """Put the file in WAL mode (readers never block the writer, nor the writer readers). The switch needs the
    exclusive lock, and SQLite refuses it at once, without its busy handler, while another process holds a
    write lock on a store still in rollback mode (two programs creating one new store), so wait here."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except Exception as exc:  # sqlite3.OperationalError; sqlite3 is imported by SQLAlchemy, not here
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database is busy" in text


def open_store(db: Optional[str] = None, create: bool = True, readonly: Optional[bool] = None) -> Engine:
    """An engine on the store, schema created or migrated. Raises StoreError with a way out when the file is
    not a database or cannot be opened. Read-only (DASHBOARD_READONLY=1, or `readonly`) never creates nor migrates
    anything: it opens a store of this program's schema version, or says why it cannot."""
    readonly = is_readonly() if readonly is None else readonly
    url = db_url(db)
    sqlite_path = Path(url[len(SQLITE_PREFIX):]) if url.startswith(SQLITE_PREFIX) else None
    if sqlite_path is not None:
        if readonly and not sqlite_path.is_file():
            raise StoreError(f"There is no store at {sqlite_path}, and read-only mode ({READONLY_ENV}=1) never "
                             f"creates one: give the path of an existing store, or unset {READONLY_ENV}.")
        if not readonly:
            try:
                sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"The store's folder {sqlite_path.parent} cannot be created: "
                                 f"{exc.strerror or exc}") from exc
    try:
        engine = sa.create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
        if url.startswith("sqlite"):
            _sqlite_setup(engine)
        if readonly:
            _check_readable(engine)
        elif create:
            migrate(engine)
    except StoreError:
        raise
    except sa.exc.DatabaseError as exc:
        where = url.split("///", 1)[-1] if url.startswith("sqlite") else url.split("@")[-1]
        if _is_busy(exc):
            raise StoreError(f"The store at {where} is busy: another program has held it locked for over "
                             f"{BUSY_SECONDS:.0f} s. Try again when it has finished.") from exc
        raise StoreError(
            f"The store at {where} cannot be used: {exc.orig if hasattr(exc, 'orig') else exc}. "
            "If it is not a database (or is damaged), move it aside and start again, or set DASHBOARD_DB "
            "(or --db) to another path."
        ) from exc
    except Exception as exc:  # a bad URL, a missing driver
        raise StoreError(f"The store {url!r} cannot be opened: {exc}") from exc
    return engine


def _check_readable(engine: Engine) -> None:
    """Read-only mode: the store must hold this program's schema version, since it is neither created nor
    migrated (on a shared database that would change the team's store from a meeting screen)."""
    found = current_version(engine)
    if found == SCHEMA_VERSION:
        return
    if found == 0:
        raise StoreError(f"The store holds no articles' schema yet, and read-only mode ({READONLY_ENV}=1) never "
                         f"creates one: ingest into it once without {READONLY_ENV}.")
    if found > SCHEMA_VERSION:
        raise StoreError(f"The store has schema version {found}, newer than this program ({SCHEMA_VERSION}): "
                         "update the program, or use another DASHBOARD_DB.")
    raise StoreError(f"The store has schema version {found}, older than this program's ({SCHEMA_VERSION}), and "
                     f"read-only mode ({READONLY_ENV}=1) never migrates it: open it once without "
                     f"{READONLY_ENV} (e.g. `python -m lib ingest`) to bring it forward.")


def current_version(engine: Engine) -> int:
    insp = sa.inspect(engine)
    if not insp.has_table("schema_version"):
        return 0
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def migrate(engine: Engine) -> int:
    """Create the schema, or bring an older one forward; returns the version now in force."""
    found = current_version(engine)
    if found > SCHEMA_VERSION:
        raise StoreError(f"The store has schema version {found}, newer than this program ({SCHEMA_VERSION}): "
                         "update the program, or use another DASHBOARD_DB.")
    if found == SCHEMA_VERSION:
        return found
    with engine.begin() as conn:
        found = _locked_version(conn)  # another process may have migrated while this one waited for the lock
        if found == SCHEMA_VERSION:
            return found
        if found == 0:
            metadata.create_all(conn)
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION, applied_at=_now()))
            if conn.execute(sa.select(store_state.c.id)).first() is None:
                conn.execute(store_state.insert().values(id=1, revision=0))
            return SCHEMA_VERSION
        for version in range(found + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(version, ()):
                statement(conn) if callable(statement) else conn.exec_driver_sql(statement)
            conn.execute(schema_version.insert().values(version=version, applied_at=_now()))
    return SCHEMA_VERSION


MIGRATE_LOCK = 0x6461736862  # PostgreSQL advisory lock key: one migration at a time


def _locked_version(conn) -> int:
    """The schema version read again inside the migration's transaction, once it holds the migration lock
    (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE already holds the write lock), so that two processes
    opening a new store at once create it once."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def _lock_articles(conn, article_ids: Iterable[str]) -> None:
    """PostgreSQL: a transaction-level advisory lock per article id (in one global order, so no deadlock), so
    two writers of the same article queue: the second then replaces the first's rows instead of failing on the
    primary key. SQLite needs none (BEGIN IMMEDIATE serialises writers)."""
    if conn.dialect.name != "postgresql":
        return
    keys = sorted({int.from_bytes(hashlib.sha256(i.encode()).digest()[:8], "big", signed=True)
                   for i in article_ids})
    for key in keys:
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _bump(conn) -> None:
    conn.execute(store_state.update().where(store_state.c.id == 1).values(revision=store_state.c.revision + 1))


def revision(engine: Engine) -> int:
    """A number that changes whenever the store changes: the key for readers' caches."""
    with engine.connect() as conn:
        return conn.execute(sa.select(store_state.c.revision).where(store_state.c.id == 1)).scalar() or 0


def _guard(readonly: Optional[bool]) -> None:
    if readonly if readonly is not None else is_readonly():
        raise ReadOnlyError("The dashboard is read-only (DASHBOARD_READONLY=1): nothing can be changed.")


# ------------------------------------------------------------------------------------------------ writes

def stored_analysis_keys(engine: Engine, ids: Iterable[str]) -> dict[str, tuple[int, Optional[str]]]:
    """(analysis_version, topic_key) of each of `ids` already stored (deleted articles included); the key is
    None for an analysis stored before analyses were keyed by topic."""
    ids = list(ids)
    found: dict[str, tuple[int, Optional[str]]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = conn.execute(sa.select(articles.c.article_id, articles.c.analysis_version, articles.c.topic_key)
                                .where(articles.c.article_id.in_(chunk)))
            found.update({r.article_id: (r.analysis_version, r.topic_key) for r in rows})
    return found


def _article_row(article: Article, analysis: Analysis) -> dict:
    st = analysis.stance
    return dict(
        article_id=article.article_id, file=article.file, title=article.title, title_origin=article.title_origin,
        outlet=article.outlet, outlet_origin=article.outlet_origin, published=article.published,
        published_origin=article.published_origin, url=article.url, url_origin=article.url_origin,
        author=article.author, language=article.language, text=article.text,
        stripped=json.dumps(list(article.stripped), ensure_ascii=False), raw_html=article.raw_html,
        added_at=_now(), deleted_at=None, analysis_version=analysis.analysis_version, n_words=analysis.n_words,
        polarity=analysis.polarity, subjectivity=analysis.subjectivity, polarity_adjusted=analysis.polarity_adjusted,
        stance=st.label, stance_score=st.score, stance_n_sentences=st.n_sentences,
        stance_outlet_score=st.outlet_score, stance_quoted_score=st.quoted_score,
        evidence_hopeful=json.dumps(list(st.evidence_hopeful), ensure_ascii=False),
        evidence_pessimistic=json.dumps(list(st.evidence_pessimistic), ensure_ascii=False),
        topic=analysis.topic or None, topic_key=analysis.topic_key or None,
    )


# Record fields stored under another column name ("speaker" is the in-article name; the canonical one is
# computed at read time from the alias table).
COLUMN_RENAMES = {"speaker": "speaker_in_article"}


_PLAIN = (str, int, float, bool, type(None))


def _plain(value) -> bool:
    return isinstance(value, _PLAIN) or isinstance(value, (list, tuple)) and all(_plain(v) for v in value)


def _record_dict(rec) -> dict:
    """`dataclasses.asdict(rec)` for a record of plain values (str, numbers, None, tuples of them: every record
    of lib.records) without asdict's recursive deep copy; anything else goes through asdict itself."""
    if dataclasses.is_dataclass(rec) and not isinstance(rec, type):
        data = {f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)}
        if all(_plain(v) for v in data.values()):
            return data
    return dataclasses.asdict(rec)


def _child_rows(table: sa.Table, article_id: str, records: Sequence) -> list[dict]:
    names = {c.name for c in table.columns}
    rows = []
    for i, rec in enumerate(records):
        data = rec if isinstance(rec, dict) else _record_dict(rec)
        row = {"article_id": article_id, "idx": i}
        for key, value in data.items():
            key = COLUMN_RENAMES.get(key, key)
            if key in ("idx", "article_id") or key not in names:
                continue
            if isinstance(value, (list, tuple)):
                value = json.dumps(value)
            row[key] = value
        rows.append(row)
    return rows


def save_analyses(engine: Engine, items: Sequence[tuple[Article, Analysis]], readonly: Optional[bool] = None) -> int:
    """Write analysed articles in ONE transaction: all of them, or (on any failure or a kill) none.
    An article already stored is replaced whole (its old rows deleted in the same transaction). Returns the
    number written."""
    _guard(readonly)
    if not items:
        return 0
    ids = [article.article_id for article, _ in items]
    with engine.begin() as conn:
        _lock_articles(conn, ids)
        if len(set(ids)) == len(ids):
            _save_batch(conn, items)
        else:  # the same article twice in one batch: one after the other, the later replacing the earlier
            for item in items:
                _save_batch(conn, [item])
        _bump(conn)
    return len(items)


def save_analyses_each(engine: Engine, items: Sequence[tuple[Article, Analysis]],
                       readonly: Optional[bool] = None) -> tuple[int, list[tuple[Article, str]]]:
    """`save_analyses` of the whole batch in one transaction; when the database refuses the batch for something
    in its data (text PostgreSQL will not store, a value that cannot be encoded), each article is written alone,
    so one bad article never takes its batch down. Returns (articles written, [(article, reason)] of the ones
    refused). A failure of the store itself (unreachable, locked, full, read-only) is raised as before."""
    try:
        return save_analyses(engine, items, readonly), []
    except Exception as exc:
        if _store_failure(exc):
            raise
        if len(items) == 1:
            return 0, [(items[0][0], _refusal(exc))]
    written, refused = 0, []
    for item in items:
        try:
            written += save_analyses(engine, [item], readonly)
        except Exception as exc:
            if _store_failure(exc):
                raise
            refused.append((item[0], _refusal(exc)))
    return written, refused


# Failures of the store rather than of one article's data: retrying article by article would not help.
_STORE_FAILURES = (StoreError, sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError,
                   sa.exc.TimeoutError, OSError, MemoryError)


def _store_failure(exc: BaseException) -> bool:
    return isinstance(exc, _STORE_FAILURES) or getattr(exc, "connection_invalidated", False)


def _refusal(exc: BaseException) -> str:
    """Why the database refused an article: the driver's message, first line, without the SQL."""
    cause = getattr(exc, "orig", None) or exc
    first_line = (str(cause).strip().splitlines() or [""])[0][:200]
    return f"could not be stored ({type(cause).__name__}: {first_line})"


def _save_batch(conn, items: Sequence[tuple[Article, Analysis]]) -> None:
    """Replace the rows of these (distinct) articles: a few statements for the whole batch (old rows looked up
    and deleted with IN lists of at most SQL_IN_CHUNK ids, each table's new rows in one executemany), so the
    rows written are the same as saving the articles one by one, in the same order."""
    ids = [article.article_id for article, _ in items]
    previous = {}
    kept = [articles.c[name] for name in ("added_at", "file", "deleted_at", *META_FIELDS)] + \
        [articles.c[f"{name}_origin"] for name in META_FIELDS]
    for chunk in _id_chunks(ids):
        for r in conn.execute(sa.select(articles.c.article_id, *kept).where(articles.c.article_id.in_(chunk))):
            previous[r.article_id] = r
    for chunk in _id_chunks(ids):
        for table in CHILD_TABLES:
            conn.execute(table.delete().where(table.c.article_id.in_(chunk)))
        conn.execute(articles.delete().where(articles.c.article_id.in_(chunk)))
    article_rows = []
    child_rows: dict[str, list[dict]] = {table.name: [] for table in CHILD_TABLES}
    for article, analysis in items:
        row = _article_row(article, analysis)
        old = previous.get(article.article_id)
        if old is not None:  # a re-analysis keeps when and under which name the article first came, whether
            # it was deleted, and every metadata value a person corrected
            row.update(added_at=old.added_at, file=old.file, deleted_at=old.deleted_at)
            for name in META_FIELDS:
                if old._mapping[f"{name}_origin"] == "corrected":
                    row.update({name: old._mapping[name], f"{name}_origin": "corrected"})
        article_rows.append(row)
        for table, records in ((quotes, analysis.quotes), (figures, analysis.figures),
                               (sentences, analysis.sentences), (paragraphs, analysis.paragraphs),
                               (entities, analysis.entities)):
            child_rows[table.name].extend(_child_rows(table, article.article_id, records))
    conn.execute(articles.insert(), article_rows)  # every row carries the same columns (`_article_row`)
    for table in (quotes, figures, sentences, paragraphs, entities):
        rows = child_rows[table.name]
        if rows:
            conn.execute(table.insert(), rows)
    _apply_corrections(conn, ids)


SQL_IN_CHUNK = 500  # ids per IN list (well under SQLite's and PostgreSQL's parameter limits)


def _id_chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for k in range(0, len(ids), SQL_IN_CHUNK):
        yield list(ids[k:k + SQL_IN_CHUNK])


def log_edit(conn, action: str, article_id: Optional[str] = None, field: Optional[str] = None,
             old: Optional[str] = None, new: Optional[str] = None, user: Optional[str] = None) -> None:
    conn.execute(edit_log.insert().values(at=_now(), user_name=user or default_user(), action=action,
                                          article_id=article_id, field=field, old_value=old, new_value=new))


def _nobody() -> Optional[str]:
    return None


# Who is editing, as the display layer knows it: lib/app/data.py sets the signed-in dashboard user here, so the
# store never imports streamlit (the CLI has no such user, and the OS login is recorded).
_user_source: Callable[[], Optional[str]] = _nobody


def set_user_source(source: Callable[[], Optional[str]]) -> None:
    """Where `default_user` asks first for the editing user (a callable returning a name or None)."""
    global _user_source
    _user_source = source


def default_user() -> str:
    """The user the display layer names (the dashboard's signed-in user), else the OS login."""
    return _user_source() or _os_user()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


CORRECTABLE = ("title", "outlet", "published", "url")


def correct_article(engine: Engine, article_id: str, field: str, value: Optional[str],
                    user: Optional[str] = None, readonly: Optional[bool] = None) -> None:
    """A person's correction of a metadata value; origin becomes `corrected`, the old value is logged."""
    _guard(readonly)
    if field not in CORRECTABLE:
        raise ValueError(f"{field} cannot be corrected (only {', '.join(CORRECTABLE)})")
    if field == "published" and value:
        from lib.ingest.pubdate import normalise_given_date

        iso = normalise_given_date(value)
        if not iso:
            raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
        value = iso
    col, origin = articles.c[field], articles.c[f"{field}_origin"]
    with engine.begin() as conn:
        old = conn.execute(sa.select(col).where(articles.c.article_id == article_id)).scalar()
        conn.execute(articles.update().where(articles.c.article_id == article_id)
                     .values({col: value or None, origin: "corrected" if value else "unknown"}))
        log_edit(conn, "correct", article_id, field, old, value, user)
        _bump(conn)


# ------------------------------------------------------------------------------------------------ corrections
# What a person may correct of the analysis: (target, field) -> (table, column, origin column). The value is kept
# as text in `corrections` and read back by `_correction_value`.
CORRECTIONS = {
    ("article", "stance"): (articles, "stance", "stance_origin"),
    ("quote", "speaker"): (quotes, "speaker_in_article", "speaker_origin"),
    ("quote", "fragment"): (quotes, "fragment", "fragment_origin"),
    ("figure", "value"): (figures, "value", "value_origin"),
    ("figure", "category"): (figures, "category", "category_origin"),
}
STANCE_CHOICES = ("hopeful", "mixed", "pessimistic", "insufficient evidence")
CATEGORY_CHOICES = ("refugees", "deportations", "incidents", "casualties", "economy", "other")
CORRECTED = "corrected"


def _correction_text(field: str, value) -> Optional[str]:
    """A correction's value checked and written as text (ValueError with a reason when it cannot be one)."""
    if field == "stance":
        if value not in STANCE_CHOICES:
            raise ValueError(f"a stance is one of: {', '.join(STANCE_CHOICES)}")
        return value
    if field == "category":
        if value not in CATEGORY_CHOICES:
            raise ValueError(f"a category is one of: {', '.join(CATEGORY_CHOICES)}")
        return value
    if field == "fragment":
        return "true" if bool(value) else "false"
    if field == "value":
        try:
            number = float(str(value).replace(",", "").strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a number (write 1400000, or 1.4e6)") from None
        if number != number or number in (float("inf"), float("-inf")) or number < 0:
            raise ValueError("a figure's value is a number of zero or more")
        return repr(number)
    if field == "speaker":
        name = " ".join(str(value or "").split())
        if len(name) > 200:
            raise ValueError("a speaker's name is at most 200 characters")
        return name
    raise ValueError(f"{field} cannot be corrected")


def _correction_value(field: str, text: Optional[str]):
    """The stored text of a correction as the column's value."""
    if field == "fragment":
        return text == "true"
    if field == "value":
        return float(text) if text else None
    if field == "speaker":
        return text or None
    return text


def correct(engine: Engine, target: str, article_id: str, field: str, value, start_char: int = 0,
            end_char: int = 0, user: Optional[str] = None, readonly: Optional[bool] = None) -> None:
    """A person's correction of the analysis: an article's stance label, a quote's speaker or fragment flag, a
    figure's value or category (a quote or figure named by its character offsets). The row takes the value
    with origin `corrected`, the correction is kept (a re-analysis of the same text applies it again) and the
    old and new values go to the edit log."""
    _guard(readonly)
    if (target, field) not in CORRECTIONS:
        raise ValueError(f"the {field} of a {target} cannot be corrected")
    text = _correction_text(field, value)
    table, column, origin = CORRECTIONS[(target, field)]
    where = _correction_where(table, article_id, int(start_char), int(end_char))
    with engine.begin() as conn:
        old = conn.execute(sa.select(table.c[column]).where(where)).first()
        if old is None:
            raise ValueError(f"no such {target} in this article (it may have been re-analysed)")
        key = dict(article_id=article_id, target=target, start_char=int(start_char), end_char=int(end_char),
                   field=field)
        conn.execute(corrections.delete().where(sa.and_(*(corrections.c[k] == v for k, v in key.items()))))
        conn.execute(corrections.insert().values(**key, value=text, user_name=user or default_user(), at=_now()))
        conn.execute(table.update().where(where).values({column: _correction_value(field, text),
                                                         origin: CORRECTED}))
        label = field if target == "article" else f"{target} {field}"
        log_edit(conn, "correct", article_id, label, None if old[0] is None else _log_text(old[0]), text, user)
        _bump(conn)


def _log_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _correction_where(table: sa.Table, article_id: str, start_char: int, end_char: int):
    cond = table.c.article_id == article_id
    if table is not articles:
        cond = sa.and_(cond, table.c.start_char == start_char, table.c.end_char == end_char)
    return cond


def _apply_corrections(conn, ids: Sequence[str]) -> None:
    """Apply the kept corrections of these articles to their rows just written (a re-analysis of the same text
    finds a quote or a figure at the same offsets; one no longer found is left as the analysis has it)."""
    for chunk in _id_chunks(ids):
        for c in conn.execute(sa.select(corrections).where(corrections.c.article_id.in_(chunk))):
            if (c.target, c.field) not in CORRECTIONS:
                continue
            table, column, origin = CORRECTIONS[(c.target, c.field)]
            conn.execute(table.update().where(_correction_where(table, c.article_id, c.start_char, c.end_char))
                         .values({column: _correction_value(c.field, c.value), origin: CORRECTED}))


def read_corrections(engine: Engine) -> pd.DataFrame:
    """Every correction in force: article_id, target, start_char, end_char, field, value, user_name, at."""
    with engine.connect() as conn:
        return _pandas().read_sql(sa.select(corrections).order_by(corrections.c.at.desc()), conn)


def delete_article(engine: Engine, article_id: str, user: Optional[str] = None,
                   readonly: Optional[bool] = None) -> None:
    """Hide an article everywhere (soft delete, logged); `restore_article` brings it back."""
    _guard(readonly)
    with engine.begin() as conn:
        conn.execute(articles.update().where(articles.c.article_id == article_id).values(deleted_at=_now()))
        log_edit(conn, "delete", article_id, user=user)
        _bump(conn)


def restore_article(engine: Engine, article_id: str, user: Optional[str] = None,
                    readonly: Optional[bool] = None) -> None:
    _guard(readonly)
    with engine.begin() as conn:
        conn.execute(articles.update().where(articles.c.article_id == article_id).values(deleted_at=None))
        log_edit(conn, "restore", article_id, user=user)
        _bump(conn)


def log_upload(engine: Engine, article_id: str, file: str, user: Optional[str] = None,
               readonly: Optional[bool] = None) -> None:
    _guard(readonly)
    with engine.begin() as conn:
        log_edit(conn, "upload", article_id, "file", None, file, user)


def log_topic_edit(engine: Engine, field: str, old: Optional[str], new: Optional[str], user: Optional[str] = None,
                   readonly: Optional[bool] = None) -> None:
    """Record an edit of the topic profile's file (lib/topic_edit.py) in the edit log, and move the revision on
    so that every reader's cache reads the edited aliases and events."""
    _guard(readonly)
    with engine.begin() as conn:
        log_edit(conn, "topic", None, field, old, new, user)
        _bump(conn)


def set_alias(engine: Engine, alias: str, canonical: str, user: Optional[str] = None,
              readonly: Optional[bool] = None) -> None:
    """Add or change a speaker alias (alias -> canonical name); an empty canonical removes the override."""
    _guard(readonly)
    key = " ".join(alias.lower().split())
    with engine.begin() as conn:
        old = conn.execute(sa.select(aliases.c.canonical).where(aliases.c.alias == key)).scalar()
        conn.execute(aliases.delete().where(aliases.c.alias == key))
        if canonical.strip():
            conn.execute(aliases.insert().values(alias=key, canonical=canonical.strip()))
        log_edit(conn, "alias", None, key, old, canonical.strip(), user)
        _bump(conn)


# ------------------------------------------------------------------------------------------------ reads

def alias_table(engine: Engine) -> dict[str, str]:
    """The speaker alias table in force: the shipped defaults, overridden by users' edits."""
    from lib.aliases import default_aliases

    table = dict(default_aliases())
    with engine.connect() as conn:
        table.update({r.alias: r.canonical for r in conn.execute(sa.select(aliases))})
    return table


def _article_filter(stmt, ids=None, outlets=None, date_from=None, date_to=None, stances=None, topics=None,
                    include_deleted=False):
    if not include_deleted:
        stmt = stmt.where(articles.c.deleted_at.is_(None))
    if ids is not None:
        stmt = stmt.where(articles.c.article_id.in_(list(ids)))
    if outlets:
        wanted = [o for o in outlets if o != UNKNOWN]
        cond = articles.c.outlet.in_(wanted)
        if UNKNOWN in outlets:
            cond = sa.or_(cond, articles.c.outlet.is_(None))
        stmt = stmt.where(cond)
    if date_from:
        stmt = stmt.where(articles.c.published >= str(date_from))
    if date_to:
        stmt = stmt.where(articles.c.published <= str(date_to))
    if stances:
        stmt = stmt.where(articles.c.stance.in_(list(stances)))
    if topics:
        stmt = stmt.where(articles.c.topic.in_(list(topics)))
    return stmt


UNKNOWN = "unknown"
ARTICLE_META = ("file", "title", "outlet", "published")


def _sort_keys(engine: Engine, *columns):
    """ORDER BY keys that sort alike on every backend: NULLs first and text in byte order (SQLite's defaults;
    PostgreSQL would put NULLs last and sort text by the server's locale)."""
    pg = engine.dialect.name == "postgresql"
    return [(col.collate("C") if pg and isinstance(col.type, sa.String) else col).asc().nulls_first()
            for col in columns]


# Columns of the articles table that hold JSON lists (read back as Python lists).
LIST_COLUMNS = ("evidence_hopeful", "evidence_pessimistic", "stripped")


def read_articles(engine: Engine, with_text: bool = False, **filters) -> pd.DataFrame:
    cols = [c for c in articles.columns if c.name not in ("text", "raw_html") or with_text]
    return _articles_frame(engine, _article_filter(sa.select(*cols), **filters))


def read_deleted_articles(engine: Engine) -> pd.DataFrame:
    """The deleted (hidden, restorable) articles, as `read_articles` gives them."""
    cols = [c for c in articles.columns if c.name not in ("text", "raw_html")]
    return _articles_frame(engine, sa.select(*cols).where(articles.c.deleted_at.is_not(None)))


def _articles_frame(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = _pandas().read_sql(stmt.order_by(*_sort_keys(engine, articles.c.published, articles.c.file)), conn)
    for col in LIST_COLUMNS:
        if col in frame:
            frame[col] = _json_lists(frame[col])
    return _with_origins(frame)


# Origin columns of what a person may correct: NULL in the store means the analysis gave the value.
ORIGIN_COLUMNS = ("stance_origin", "fragment_origin", "value_origin", "category_origin")
ANALYSIS_ORIGIN = "analysis"


def _with_origins(frame: pd.DataFrame) -> pd.DataFrame:
    for col in ORIGIN_COLUMNS:
        if col in frame.columns:
            frame[col] = frame[col].astype("object").where(frame[col].notna(), ANALYSIS_ORIGIN)
    return frame


OPENING_CHARS = 400  # how much of an article's text `read_openings` reads (its headline's first words)


def read_openings(engine: Engine, **filters) -> pd.DataFrame:
    """article_id, title and the first OPENING_CHARS characters of the text of the articles the filters select:
    what an article's headline is made of when it has no title (lib/labels.headline)."""
    opening = sa.func.substr(articles.c.text, 1, OPENING_CHARS).label("opening")
    stmt = _article_filter(sa.select(articles.c.article_id, articles.c.title, opening), **filters)
    with engine.connect() as conn:
        return _pandas().read_sql(stmt, conn)


def _json_lists(column: pd.Series) -> pd.Series:
    """A column of JSON lists as Python lists ([] for an empty value): one json.loads for the whole column."""
    texts = [v if isinstance(v, str) and v else "[]" for v in column]
    return _pandas().Series(json.loads("[" + ",".join(texts) + "]"), index=column.index, dtype="object")


def _read_child(engine: Engine, table: sa.Table, columns: Optional[Sequence[str]] = None,
                **filters) -> pd.DataFrame:
    meta = [articles.c[name] for name in ARTICLE_META]
    cols = [table.c[name] for name in dict.fromkeys(["article_id", "idx", *columns])] if columns else [table]
    stmt = sa.select(*cols, *meta).join(articles, articles.c.article_id == table.c.article_id)
    stmt = _article_filter(stmt, **filters).order_by(
        *_sort_keys(engine, articles.c.published, articles.c.file, table.c.idx))
    with engine.connect() as conn:
        return _with_origins(_pandas().read_sql(stmt, conn))


def read_quotes(engine: Engine, speakers: Optional[Sequence[str]] = None, columns: Optional[Sequence[str]] = None,
                **filters) -> pd.DataFrame:
    """Quotes with `speaker` canonicalised through the alias table in force (and filtered by it). `columns`:
    only these of the quote's columns (always article_id, idx, speaker_in_article, fragment, and the article's
    file, title, outlet, published), for a page that does not need the quotes' text."""
    if columns:
        columns = ["speaker_in_article", "fragment", *columns]
    frame = _with_speakers(engine, _read_child(engine, quotes, columns=columns, **filters))
    if speakers:
        frame = frame[frame["speaker"].isin(list(speakers))]
    return frame.reset_index(drop=True)


def _canonical_names(engine: Engine, names: Iterable) -> dict:
    """Each distinct speaker name as written -> its canonical name (alias table in force; "" for no name), each
    looked up once however many quotes carry it."""
    from lib.aliases import canonical_speaker

    table = alias_table(engine)
    return {name: canonical_speaker(name if isinstance(name, str) else "", table) for name in dict.fromkeys(names)}


def _with_speakers(engine: Engine, frame: pd.DataFrame) -> pd.DataFrame:
    """Quote rows with their canonical `speaker` and a boolean `fragment`."""
    names = frame["speaker_in_article"].astype("object")
    frame["speaker"] = names.map(_canonical_names(engine, names.unique())).tolist()
    frame["fragment"] = frame["fragment"].astype(bool)
    if "partial" in frame.columns:  # NULL for quotes stored before partial quotes were told apart
        frame["partial"] = frame["partial"].map(lambda v: bool(v) if v is not None and v == v else False)
    return frame


def _speaker_condition(engine: Engine, speakers: Sequence[str]):
    """A WHERE condition on quotes.speaker_in_article equal to `read_quotes`'s filter on the canonical `speaker`:
    the names as written whose canonical name (alias table in force) is one of `speakers`."""
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(sa.select(quotes.c.speaker_in_article).distinct())]
    wanted = set(speakers)
    written = [n for n, canonical in _canonical_names(engine, names).items() if n is not None and canonical in wanted]
    cond = quotes.c.speaker_in_article.in_(written)
    return sa.or_(cond, quotes.c.speaker_in_article.is_(None)) if "" in wanted else cond


# A full quote, not a scare-quote fragment (`read_quotes` reads a missing flag as a fragment).
_FULL_QUOTE = quotes.c.fragment.is_(False)


def quote_dates(engine: Engine, speakers: Optional[Sequence[str]] = None, **filters) -> pd.DataFrame:
    """Full quotes (not scare-quote fragments) counted per publication date in the database: published (None
    for undated articles), n. Filters as `read_quotes`."""
    stmt = (sa.select(articles.c.published, sa.func.count().label("n"))
            .join(articles, articles.c.article_id == quotes.c.article_id).where(_FULL_QUOTE))
    if speakers:
        stmt = stmt.where(_speaker_condition(engine, speakers))
    stmt = _article_filter(stmt, **filters).group_by(articles.c.published)
    with engine.connect() as conn:
        return _pandas().DataFrame([tuple(r) for r in conn.execute(stmt)], columns=["published", "n"])


def read_latest_quotes(engine: Engine, limit: int = 10, speakers: Optional[Sequence[str]] = None,
                       **filters) -> pd.DataFrame:
    """The `limit` latest full quotes by publication date (undated last, same-day quotes in `read_quotes`'s
    order), as `read_quotes` gives them: what a stable sort of its full quotes by date, newest first, puts on
    top, without reading them all."""
    meta = [articles.c[name] for name in ARTICLE_META]
    published = articles.c.published.collate("C") if engine.dialect.name == "postgresql" else articles.c.published
    stmt = (sa.select(quotes, *meta).join(articles, articles.c.article_id == quotes.c.article_id)
            .where(_FULL_QUOTE))
    if speakers:
        stmt = stmt.where(_speaker_condition(engine, speakers))
    stmt = _article_filter(stmt, **filters).order_by(
        published.desc().nulls_last(), *_sort_keys(engine, articles.c.file, quotes.c.idx)).limit(limit)
    with engine.connect() as conn:
        frame = _with_origins(_pandas().read_sql(stmt, conn))
    return _with_speakers(engine, frame)  # after the read's connection is closed: the alias table opens its own


def read_figures(engine: Engine, **filters) -> pd.DataFrame:
    return _read_child(engine, figures, **filters)


def read_sentences(engine: Engine, **filters) -> pd.DataFrame:
    return _read_child(engine, sentences, **filters)


def read_paragraphs(engine: Engine, **filters) -> pd.DataFrame:
    return _read_child(engine, paragraphs, **filters)


def read_entities(engine: Engine, **filters) -> pd.DataFrame:
    """Entity rows (one per mention) with `canonical` the one name used across articles (lib/entity_names: the
    alias table in force, country variants, headline verbs cut off); `text` and `label` as the model found them.
    A row that is no entity (a heading, a common noun) keeps its in-article canonical name."""
    frame = _read_child(engine, entities, **filters)
    if len(frame):
        from lib.entity_names import name_table

        written = frame["canonical"].astype("object").where(frame["canonical"].fillna("") != "", frame["text"])
        table = name_table(zip(written, frame["label"]), alias_table(engine))
        frame["canonical"] = [table[(w, lab)][0] if table[(w, lab)] else w for w, lab in zip(written, frame["label"])]
    return frame


def read_speakers(engine: Engine, **filters) -> list[str]:
    """The distinct canonical speaker names (alias table in force) of the quotes of the articles the filters
    select, sorted; what `read_quotes(...)["speaker"]` holds, without reading the quotes."""
    stmt = _article_filter(sa.select(quotes.c.speaker_in_article).distinct()
                           .join(articles, articles.c.article_id == quotes.c.article_id), **filters)
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(stmt)]
    return sorted(set(_canonical_names(engine, names).values()) - {""})


def article_facets(engine: Engine) -> dict[str, list]:
    """The distinct values of the articles not deleted, for filter widgets: {"outlets": [...], "published":
    [...], "topics": [...]} (None included where an article has no outlet or date)."""
    with engine.connect() as conn:
        outlets = [r[0] for r in conn.execute(_article_filter(sa.select(articles.c.outlet).distinct()))]
        published = [r[0] for r in conn.execute(_article_filter(sa.select(articles.c.published).distinct()))]
        topics = [r[0] for r in conn.execute(_article_filter(sa.select(articles.c.topic).distinct())) if r[0]]
    return {"outlets": outlets, "published": published, "topics": sorted(topics)}


def entity_mentions(engine: Engine, **filters) -> pd.DataFrame:
    """Named entities counted per article in the database (600,000 entity rows for 10,000 articles become a
    third as many): one row per article, entity and label of the articles the filters select, with
    article_id, entity (the canonical name, else the name as written), label, mentions (how many times), and
    the article's outlet and file; then one name and one kind per entity across articles
    (`lib.entity_names.canonical_mentions`), non-entities left out."""
    name = sa.func.coalesce(sa.func.nullif(entities.c.canonical, ""), entities.c.text, "").label("entity")
    per_article = (sa.select(entities.c.article_id, name, entities.c.label, sa.func.count().label("mentions"))
                   .group_by(entities.c.article_id, name, entities.c.label).subquery("per_article"))
    stmt = (sa.select(per_article, articles.c.outlet, articles.c.file)
            .join(articles, articles.c.article_id == per_article.c.article_id))
    with engine.connect() as conn:
        frame = _pandas().read_sql(_article_filter(stmt, **filters), conn)
    from lib.entity_names import canonical_mentions

    return canonical_mentions(frame, alias_table(engine))


def read_article_text(engine: Engine, article_id: str) -> Optional[str]:
    with engine.connect() as conn:
        return conn.execute(sa.select(articles.c.text).where(articles.c.article_id == article_id)).scalar()


def read_edit_log(engine: Engine, limit: int = 200) -> pd.DataFrame:
    stmt = sa.select(edit_log).order_by(edit_log.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return _pandas().read_sql(stmt, conn)


def count_articles(engine: Engine, **filters) -> int:
    """How many articles (not deleted) the filters select (all of them without filters)."""
    with engine.connect() as conn:
        stmt = _article_filter(sa.select(sa.func.count()).select_from(articles), **filters)
        return conn.execute(stmt).scalar() or 0


META_FIELDS = ("title", "outlet", "published", "url")


def refresh_metadata(engine: Engine, items: Sequence[Article], readonly: Optional[bool] = None) -> int:
    """Bring stored metadata up to date when a corpus now says more (a manifest or header added later).
    A value a person corrected is never overwritten; an unknown value never replaces a known one."""
    if not items or (readonly if readonly is not None else is_readonly()):
        return 0
    by_id = {a.article_id: a for a in items}
    changed = 0
    with engine.connect() as conn:
        rows = {r.article_id: r for r in conn.execute(
            sa.select(articles).where(articles.c.article_id.in_(list(by_id))))}
    updates = []
    for article_id, row in rows.items():
        article = by_id[article_id]
        values = {}
        for name in META_FIELDS:
            new, origin = getattr(article, name), getattr(article, f"{name}_origin")
            if row._mapping[f"{name}_origin"] == "corrected" or new is None:
                continue
            if new != row._mapping[name] or origin != row._mapping[f"{name}_origin"]:
                values[name], values[f"{name}_origin"] = new, origin
        if values:
            updates.append((article_id, values))
    if updates:
        with engine.begin() as conn:
            for article_id, values in updates:
                conn.execute(articles.update().where(articles.c.article_id == article_id).values(**values))
                changed += 1
            _bump(conn)
    return changed


# ------------------------------------------------------------------------------------------------ URLs and feeds

def known_urls(engine: Engine, urls: Iterable[str]) -> dict[str, str]:
    """url -> article_id for the addresses that already gave a stored article (the address asked for, the one
    redirected to, or the canonical one in articles.url). Deleted articles count: they are not fetched again."""
    urls = [u for u in dict.fromkeys(urls) if u]
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for start in range(0, len(urls), 500):
            chunk = urls[start:start + 500]
            rows = conn.execute(sa.select(fetched_urls.c.url, fetched_urls.c.article_id)
                                .join(articles, articles.c.article_id == fetched_urls.c.article_id)
                                .where(fetched_urls.c.url.in_(chunk)))
            found.update({r.url: r.article_id for r in rows})
            rows = conn.execute(sa.select(articles.c.url, articles.c.article_id).where(articles.c.url.in_(chunk)))
            for r in rows:
                found.setdefault(r.url, r.article_id)
    return found


def remember_urls(engine: Engine, pairs: Sequence[tuple[str, str]]) -> None:
    """Record (url, article_id) pairs: these addresses are not fetched again (unless a refresh is asked)."""
    _guard(None)
    pairs = list({url: aid for url, aid in pairs if url and len(url) <= 2000}.items())
    if not pairs:
        return
    with engine.begin() as conn:
        conn.execute(fetched_urls.delete().where(fetched_urls.c.url.in_([u for u, _ in pairs])))
        conn.execute(fetched_urls.insert(), [dict(url=u, article_id=a, fetched_at=_now()) for u, a in pairs])


def stored_article_records(engine: Engine, ids: Iterable[str]) -> list[Article]:
    """Stored articles as Article records (text and raw HTML included), in the order of `ids`."""
    ids = list(dict.fromkeys(ids))
    by_id: dict[str, Article] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            for r in conn.execute(sa.select(articles).where(articles.c.article_id.in_(ids[start:start + 500]))):
                m = r._mapping
                by_id[m["article_id"]] = Article(
                    article_id=m["article_id"], file=m["file"], text=m["text"], title=m["title"],
                    title_origin=m["title_origin"] or "unknown", outlet=m["outlet"],
                    outlet_origin=m["outlet_origin"] or "unknown", published=m["published"],
                    published_origin=m["published_origin"] or "unknown", url=m["url"],
                    url_origin=m["url_origin"] or "unknown", author=m["author"], language=m["language"] or "en",
                    stripped=tuple(json.loads(m["stripped"]) if m["stripped"] else ()), raw_html=m["raw_html"])
    return [by_id[i] for i in ids if i in by_id]


def feed_state(engine: Engine, feed_url: str) -> Optional[dict]:
    """The feed's stored validators and title ({etag, last_modified, title, checked_at}); None if never read."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(feeds).where(feeds.c.feed_url == feed_url)).first()
    return dict(row._mapping) if row is not None else None


def seen_entries(engine: Engine, feed_url: str) -> set[str]:
    """Entry ids of the feed already read."""
    with engine.connect() as conn:
        return {r.entry_id for r in conn.execute(sa.select(feed_entries.c.entry_id)
                                                 .where(feed_entries.c.feed_url == feed_url))}


def save_feed(engine: Engine, feed_url: str, etag: Optional[str], last_modified: Optional[str],
              title: Optional[str], entries: Sequence[tuple[str, Optional[str], Optional[str]]] = ()) -> None:
    """In one transaction: the feed's validators and title, and the (entry_id, link, article_id) entries read."""
    _guard(None)
    with engine.begin() as conn:
        conn.execute(feeds.delete().where(feeds.c.feed_url == feed_url))
        conn.execute(feeds.insert().values(feed_url=feed_url, etag=etag, last_modified=last_modified, title=title,
                                           checked_at=_now()))
        rows = list({e[0]: e for e in entries}.values())
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            conn.execute(feed_entries.delete().where(feed_entries.c.feed_url == feed_url)
                         .where(feed_entries.c.entry_id.in_([e[0] for e in chunk])))
            conn.execute(feed_entries.insert(), [dict(feed_url=feed_url, entry_id=e, link=link, article_id=aid,
                                                      seen_at=_now()) for e, link, aid in chunk])


# ------------------------------------------------------------------------------------------------ voices

def unindexed_articles(engine: Engine, scheme: str) -> list[str]:
    """Ids of the stored articles (deleted ones included) without a voice signature of `scheme`, first stored
    first."""
    joined = articles.outerjoin(voice_signatures, voice_signatures.c.article_id == articles.c.article_id)
    stmt = (sa.select(articles.c.article_id).select_from(joined)
            .where(sa.or_(voice_signatures.c.article_id.is_(None), voice_signatures.c.scheme != scheme))
            .order_by(*_sort_keys(engine, articles.c.added_at, articles.c.article_id)))
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(stmt)]


def save_voice_signatures(engine: Engine, rows: Sequence[dict], bands: Sequence[tuple[int, str]],
                          bucket_cap: int, readonly: Optional[bool] = None) -> int:
    """In one transaction: the signature rows (article_id, scheme, n_shingles, signature, agency) and the LSH band
    rows (band_key, article_id) of these articles, replacing any they had. A bucket already holding `bucket_cap`
    other articles gets no new row. The links of an article whose signature changes scheme are dropped (they are
    looked for again). Returns the number of band rows written."""
    _guard(readonly)
    if not rows:
        return 0
    ids = [r["article_id"] for r in rows]
    schemes = {r["article_id"]: r["scheme"] for r in rows}
    with engine.begin() as conn:
        _lock_articles(conn, ids)  # two ingests of one article queue (PostgreSQL), as for its analysis
        changed = []
        for chunk in _id_chunks(ids):
            for r in conn.execute(sa.select(voice_signatures.c.article_id, voice_signatures.c.scheme)
                                  .where(voice_signatures.c.article_id.in_(chunk))):
                if r.scheme != schemes[r.article_id]:
                    changed.append(r.article_id)
        for chunk in _id_chunks(changed):
            conn.execute(voice_links.delete().where(sa.or_(voice_links.c.article_a.in_(chunk),
                                                           voice_links.c.article_b.in_(chunk))))
        for chunk in _id_chunks(ids):
            conn.execute(voice_bands.delete().where(voice_bands.c.article_id.in_(chunk)))
            conn.execute(voice_signatures.delete().where(voice_signatures.c.article_id.in_(chunk)))
        held: dict[int, int] = {}
        keys = sorted({key for key, _ in bands})
        for start in range(0, len(keys), SQL_IN_CHUNK):
            chunk = keys[start:start + SQL_IN_CHUNK]
            for r in conn.execute(sa.select(voice_bands.c.band_key, sa.func.count().label("n"))
                                  .where(voice_bands.c.band_key.in_(chunk)).group_by(voice_bands.c.band_key)):
                held[r.band_key] = r.n
        kept = []
        for key, article_id in dict.fromkeys(bands):
            if held.get(key, 0) < bucket_cap:
                kept.append(dict(band_key=key, article_id=article_id))
                held[key] = held.get(key, 0) + 1
        conn.execute(voice_signatures.insert(), [{**r, "indexed_at": _now()} for r in rows])
        if kept:
            conn.execute(voice_bands.insert(), kept)
        _bump(conn)
    return len(kept)


def voice_buckets(engine: Engine, keys: Sequence[int]) -> dict[int, list[str]]:
    """band key -> the articles in its bucket (the keys that have none are left out)."""
    keys = sorted(set(keys))
    found: dict[int, list[str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(keys), SQL_IN_CHUNK):
            for r in conn.execute(sa.select(voice_bands.c.band_key, voice_bands.c.article_id)
                                  .where(voice_bands.c.band_key.in_(keys[start:start + SQL_IN_CHUNK]))):
                found.setdefault(r.band_key, []).append(r.article_id)
    return found


def read_voice_signatures(engine: Engine, ids: Iterable[str]) -> dict[str, tuple[str, int, bytes]]:
    """article_id -> (scheme, n_shingles, signature bytes) of those of `ids` that are indexed."""
    found = {}
    with engine.connect() as conn:
        for chunk in _id_chunks(sorted(set(ids))):
            for r in conn.execute(sa.select(voice_signatures.c.article_id, voice_signatures.c.scheme,
                                            voice_signatures.c.n_shingles, voice_signatures.c.signature)
                                  .where(voice_signatures.c.article_id.in_(chunk))):
                found[r.article_id] = (r.scheme, r.n_shingles, bytes(r.signature))
    return found


def read_article_texts(engine: Engine, ids: Iterable[str]) -> dict[str, str]:
    """article_id -> text, for those of `ids` that are stored (deleted ones included)."""
    found = {}
    with engine.connect() as conn:
        for chunk in _id_chunks(sorted(set(ids))):
            found.update({r.article_id: r.text for r in conn.execute(
                sa.select(articles.c.article_id, articles.c.text).where(articles.c.article_id.in_(chunk)))})
    return found


def save_voice_links(engine: Engine, links: Sequence[tuple[str, str, float]],
                     readonly: Optional[bool] = None) -> int:
    """Record pairs of copies (a, b, similarity), each pair once whichever order it comes in and whoever found it
    first (a pair already stored is kept as it is). Inserted in one global order, so two writers never wait on
    each other in a circle. Returns the number of pairs given."""
    _guard(readonly)
    pairs: dict[tuple[str, str], float] = {}
    for a, b, similarity in links:
        if a != b:
            key = (min(a, b), max(a, b))
            pairs[key] = max(similarity, pairs.get(key, similarity))
    if not pairs:
        return 0
    rows = [dict(article_a=a, article_b=b, similarity=float(sim), linked_at=_now())
            for (a, b), sim in sorted(pairs.items())]
    from sqlalchemy.dialects import postgresql, sqlite

    with engine.begin() as conn:
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(conn.dialect.name)
        if insert is not None:
            conn.execute(insert(voice_links).on_conflict_do_nothing(), rows)
        else:  # another database: skip the pairs already there (a writer at the same moment may still collide)
            present = {(r.article_a, r.article_b) for r in conn.execute(sa.select(
                voice_links.c.article_a, voice_links.c.article_b).where(
                voice_links.c.article_a.in_(sorted({a for a, _ in pairs}))))}
            rows = [r for r in rows if (r["article_a"], r["article_b"]) not in present]
            if rows:
                conn.execute(voice_links.insert(), rows)
        _bump(conn)
    return len(pairs)


def read_voice_index(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What voices.assign_voices reads, for the articles not deleted: (members: article_id, file, outlet,
    published, added_at, agency (None when not indexed); links: article_a, article_b between two of them)."""
    members = (sa.select(articles.c.article_id, articles.c.file, articles.c.outlet, articles.c.published,
                         articles.c.added_at, voice_signatures.c.agency)
               .select_from(articles.outerjoin(voice_signatures,
                                               voice_signatures.c.article_id == articles.c.article_id))
               .where(articles.c.deleted_at.is_(None)))
    a, b = articles.alias("a"), articles.alias("b")
    links = (sa.select(voice_links.c.article_a, voice_links.c.article_b)
             .join(a, a.c.article_id == voice_links.c.article_a)
             .join(b, b.c.article_id == voice_links.c.article_b)
             .where(a.c.deleted_at.is_(None), b.c.deleted_at.is_(None))
             .order_by(voice_links.c.article_a, voice_links.c.article_b))
    pandas = _pandas()
    with engine.connect() as conn:
        member_rows = [tuple(r) for r in conn.execute(members)]
        link_rows = [tuple(r) for r in conn.execute(links)]
    return (pandas.DataFrame(member_rows, columns=["article_id", "file", "outlet", "published", "added_at", "agency"]),
            pandas.DataFrame(link_rows, columns=["article_a", "article_b"]))
