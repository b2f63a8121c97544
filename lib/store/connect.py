"""Opening a store: the database URL (`DASHBOARD_DB`), SQLite's setup (WAL, a busy timeout), read-only mode and its
refusals, creating and migrating the schema under a lock, the revision counter every write bumps, per-article
locks, and the small SQL helpers the writers and readers share (id chunks, backend-independent ordering)."""
from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from lib.store.schema import (
    DEFAULT_DB, MIGRATIONS, READONLY_ENV, ReadOnlyError, SCHEMA_VERSION, StoreError, metadata, schema_version,
    store_state,
)


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


SQL_IN_CHUNK = 500  # ids per IN list (well under SQLite's and PostgreSQL's parameter limits)


def _id_chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for k in range(0, len(ids), SQL_IN_CHUNK):
        yield list(ids[k:k + SQL_IN_CHUNK])


def _sort_keys(engine: Engine, *columns):
    """ORDER BY keys that sort alike on every backend: NULLs first and text in byte order (SQLite's defaults;
    PostgreSQL would put NULLs last and sort text by the server's locale)."""
    pg = engine.dialect.name == "postgresql"
    return [(col.collate("C") if pg and isinstance(col.type, sa.String) else col).asc().nulls_first()
            for col in columns]
