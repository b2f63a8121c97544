"""Corrections by a person: article metadata, stance labels, speakers, figure values and categories, fragment
flags; kept in their own table so that a re-analysis applies them again; deletes, restores, uploads, topic edits
and aliases, each logged."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lib.store.schema import _pandas, aliases, articles, corrections, figures, quotes
from lib.store.connect import _bump, _guard, _id_chunks, _now
from lib.store.editlog import default_user, log_edit

if TYPE_CHECKING:
    import pandas as pd


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
