"""The read queries: articles, quotes, figures, sentences, paragraphs and entities as DataFrames, filtered in SQL,
with corrections and canonical speaker names applied; facets for the sidebar; metadata refreshed from a corpus."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lib.records import Article
from lib.store.schema import (
    META_FIELDS, _pandas, aliases, articles, edit_log, entities, figures, paragraphs, quotes, sentences,
)
from lib.store.connect import _bump, _sort_keys, is_readonly

if TYPE_CHECKING:
    import pandas as pd


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
