"""The timeline: articles, figures and quotes on one date axis, the known events as markers, and what changed
between the latest publication date and the day before. Pure pandas, no NLP, no streamlit.

Every item keeps the article it came from (its headline, outlet, file), so a point on the chart names its article
by its headline. Labels hold the full text (a chart shortens its hover text, a table or a download never).
Items without a known publication date are counted apart, never placed on a guessed date.
"""
from __future__ import annotations

from typing import Optional, Sequence

import pandas as pd

from lib.labels import headline
from lib.topic import active_topic

UNKNOWN = "unknown"
ITEM_COLUMNS = ["date", "kind", "label", "detail", "stance", "outlet", "file", "title", "headline", "article_id"]
KINDS = ("article", "figure", "quote")


def events_frame(events: Optional[Sequence[tuple]] = None) -> pd.DataFrame:
    """The known events as rows: start, end (datetimes), label, description (the topic profile's, by default)."""
    events = active_topic().events if events is None else events
    frame = pd.DataFrame(list(events), columns=["start", "end", "label", "description"])
    frame["start"] = pd.to_datetime(frame["start"], format="%Y-%m-%d")
    frame["end"] = pd.to_datetime(frame["end"], format="%Y-%m-%d")
    return frame


def _dates(series: pd.Series) -> pd.Series:
    text = series.astype("object").map(lambda v: str(v)[:10] if isinstance(v, str) and v.strip() else None)
    return pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("object").where(frame[name].notna(), None)
    return pd.Series([None] * len(frame), index=frame.index, dtype="object")


def _outlet(frame: pd.DataFrame) -> pd.Series:
    return _col(frame, "outlet").map(lambda v: v if isinstance(v, str) and v.strip() else UNKNOWN)


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def _headline(frame: pd.DataFrame) -> pd.Series:
    """The article's headline: the `headline` column the app adds, else its title (never its file name)."""
    if "headline" in frame.columns:
        return _col(frame, "headline").map(lambda h: _one_line(h) or "Untitled article")
    return _col(frame, "title").map(lambda t: headline(t, None))


def timeline_items(articles: pd.DataFrame, figures: Optional[pd.DataFrame] = None,
                   quotes: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """One row per article, figure and quote: date (NaT when unknown), kind, a short label, the full detail,
    the article's stance (articles only), outlet, file, title and article_id."""
    parts = []
    if articles is not None and len(articles):
        parts.append(pd.DataFrame({
            "date": _dates(_col(articles, "published")), "kind": "article",
            "label": _headline(articles), "detail": _headline(articles), "stance": _col(articles, "stance"),
            "outlet": _outlet(articles), "file": _col(articles, "file"), "title": _col(articles, "title"),
            "headline": _headline(articles), "article_id": _col(articles, "article_id")}))
    if figures is not None and len(figures):
        parts.append(pd.DataFrame({
            "date": _dates(_col(figures, "published")), "kind": "figure",
            "label": [f"{c}: {_one_line(t)}" for c, t in zip(_col(figures, "category"), _col(figures, "text"))],
            "detail": _col(figures, "sentence").fillna(""), "stance": None,
            "outlet": _outlet(figures), "file": _col(figures, "file"), "title": _col(figures, "title"),
            "headline": _headline(figures), "article_id": _col(figures, "article_id")}))
    if quotes is not None and len(quotes):
        speakers = _col(quotes, "speaker").map(lambda s: s if isinstance(s, str) and s else UNKNOWN)
        parts.append(pd.DataFrame({
            "date": _dates(_col(quotes, "published")), "kind": "quote",
            "label": [f"{s}: “{_one_line(q)}”" for s, q in zip(speakers, _col(quotes, "quote"))],
            "detail": _col(quotes, "quote").fillna(""), "stance": None,
            "outlet": _outlet(quotes), "file": _col(quotes, "file"), "title": _col(quotes, "title"),
            "headline": _headline(quotes), "article_id": _col(quotes, "article_id")}))
    if not parts:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[ITEM_COLUMNS]
    return out.sort_values(["date", "kind", "outlet"], na_position="last", kind="stable").reset_index(drop=True)


def daily_counts(items: pd.DataFrame) -> pd.DataFrame:
    """Dated items per day and kind: date, kind, n (undated items left out; count them with `undated`)."""
    dated = items[items["date"].notna()] if len(items) else items
    if dated is None or dated.empty:
        return pd.DataFrame(columns=["date", "kind", "n"])
    return dated.groupby(["date", "kind"]).size().rename("n").reset_index()


def undated(items: pd.DataFrame) -> dict[str, int]:
    """How many items of each kind have no known publication date."""
    if items is None or items.empty:
        return {kind: 0 for kind in KINDS}
    missing = items[items["date"].isna()]
    return {kind: int((missing["kind"] == kind).sum()) for kind in KINDS}


def events_in_view(items: pd.DataFrame, events: Optional[pd.DataFrame] = None, margin_days: int = 3) -> pd.DataFrame:
    """The events that fall within the items' date span (widened by `margin_days`); all events when no item
    has a date, so the axis still shows the talks' calendar."""
    events = events_frame() if events is None else events
    dated = items["date"].dropna() if len(items) else pd.Series(dtype="datetime64[ns]")
    if dated.empty:
        return events
    low = dated.min() - pd.Timedelta(days=margin_days)
    high = dated.max() + pd.Timedelta(days=margin_days)
    return events[(events["end"] >= low) & (events["start"] <= high)].reset_index(drop=True)


def day_over_day(articles: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame) -> dict:
    """What changed on the latest publication date against the day before (by published date):
    {"latest": ISO or None, "previous": ISO or None, "rows": DataFrame(kind, latest, previous, change),
     "undated_articles": n, "new_articles": DataFrame of the latest day's articles}.
    `latest` is None when no article has a known date."""
    dates = _dates(_col(articles, "published")) if articles is not None else pd.Series(dtype="datetime64[ns]")
    n_undated = int(dates.isna().sum())
    if dates.dropna().empty:
        return {"latest": None, "previous": None,
                "rows": pd.DataFrame(columns=["kind", "latest", "previous", "change"]),
                "undated_articles": n_undated, "new_articles": articles.iloc[0:0] if articles is not None else None}
    latest = dates.max()
    previous = latest - pd.Timedelta(days=1)
    rows = []
    for kind, frame in (("articles", articles), ("quotes", quotes), ("figures", figures)):
        d = _dates(_col(frame, "published")) if frame is not None and len(frame) else pd.Series(dtype="datetime64[ns]")
        now, before = int((d == latest).sum()), int((d == previous).sum())
        rows.append({"kind": kind, "latest": now, "previous": before, "change": now - before})
    return {"latest": latest.date().isoformat(), "previous": previous.date().isoformat(),
            "rows": pd.DataFrame(rows), "undated_articles": n_undated,
            "new_articles": articles[(dates == latest).values]}
