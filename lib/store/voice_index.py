"""The near-duplicate index's tables (lib/voices.py owns the rule): signatures, LSH buckets and copy links,
written in one transaction per batch and read back by bucket."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lib.store.schema import _pandas, articles, voice_bands, voice_links, voice_signatures
from lib.store.connect import SQL_IN_CHUNK, _bump, _guard, _id_chunks, _lock_articles, _now, _sort_keys

if TYPE_CHECKING:
    import pandas as pd


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
