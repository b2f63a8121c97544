"""Writing analyses: the rows of an analysed article and its quotes, figures, sentences, paragraphs and entities,
saved in one transaction per batch (or one by one, a failing article never taking its batch down), with the
corrections a person made applied again."""
from __future__ import annotations

import dataclasses
import json
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lib.records import Analysis, Article
from lib.store.schema import (
    CHILD_TABLES, META_FIELDS, StoreError, articles, entities, figures, paragraphs, quotes, sentences,
)
from lib.store.connect import _bump, _guard, _id_chunks, _lock_articles, _now
from lib.store.edits import _apply_corrections


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
