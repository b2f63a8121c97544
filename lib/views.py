"""What each dashboard page shows, computed from the store's frames in one go: pure pandas, no streamlit, no SQL.

lib/app/data.py caches every function here by (store, revision, filters, the page's own widgets), so rerunning a
page (a widget moved back, a table page turned, another page visited and left) costs an unpickle of the result,
not the work; the pages only lay the results out. Whatever grows with the corpus is bounded here, so that the
browser never gets it all at once: a chart with one point per article or item draws at most MAX_POINTS of them
(and the result carries a caption saying so), and a cell or hover text listing names lists at most
brief.NAMES_SHOWN of them. At the size of the seeds nothing is cut.

What a person reads is decided here too: an article is named by its `headline` (lib/labels; the app adds the
column to every frame it reads), never by its file name; a chart's point sits at its exact value or date, and
points that would cover each other are spread vertically around their row (`dodge`), never sideways; one quote is
one row that is not a fragment, full or partial, wherever it is counted; one outlet is a named outlet, and
articles that name none are counted apart.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd

from lib import brief, compare, labels, sources, store, timeline

UNKNOWN = brief.UNKNOWN
MAX_POINTS = 2000  # points per chart of one point per article / item
CATEGORY_ORDER = list(brief.CATEGORY_ORDER)
STANCE_ORDER = list(brief.STANCE_ORDER)
TIMELINE_COLUMNS = ["date", "kind", "label", "headline", "outlet", "detail", "file"]
TIMELINE_ROWS = ("article", "figure", "quote")  # top to bottom
LIST_COLUMNS = store.LIST_COLUMNS
# The quote columns a page reads (besides ids, speaker, fragment flag and the article's file, title, outlet and
# published; see store.read_quotes): pages that show no quote text read none.
SOURCES_QUOTE_COLUMNS = ("polarity_adjusted", "stance_cue")
TIMELINE_QUOTE_COLUMNS = ("quote",)
BRIEF_QUOTE_COLUMNS = ("quote", "speaker_origin", "polarity", "polarity_adjusted", "partial")
HOVER_CHARS = 140  # a chart's hover text is cut here (tables and downloads keep the full text)


# ------------------------------------------------------------------------------------------------ helpers

def outlet_label(value) -> str:
    """An outlet as charts and tables show it: "unknown" for an empty value."""
    return value if isinstance(value, str) and value else UNKNOWN


def with_outlets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose `outlet` column says "unknown" instead of an empty value."""
    if "outlet" not in frame.columns:
        return frame
    return frame.assign(outlet=frame["outlet"].map(outlet_label))


def headlines(frame: pd.DataFrame) -> pd.Series:
    """Each row's article headline: the `headline` column the app adds, else the title (never the file)."""
    if "headline" in frame.columns:
        return frame["headline"].astype("object").map(lambda h: labels.text_or(h, "Untitled article"))
    titles = frame["title"] if "title" in frame.columns else pd.Series([None] * len(frame), index=frame.index)
    return titles.astype("object").map(lambda t: labels.headline(t, None))


def with_headlines(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with `headline` filled (see `headlines`) and `outlet` labelled."""
    return with_outlets(frame).assign(headline=headlines(frame))


def outlet_counts(articles: pd.DataFrame) -> tuple[int, int]:
    """The one definition of "how many outlets": (named outlets, articles naming none). An unknown outlet is
    not an outlet; its articles are counted apart."""
    if articles is None or articles.empty or "outlet" not in articles.columns:
        return 0, 0
    named = articles["outlet"].astype("object").map(lambda v: v if isinstance(v, str) and v.strip() else None)
    return int(named.dropna().nunique()), int(named.isna().sum())


def is_quote(quotes: pd.DataFrame) -> pd.Series:
    """The one definition of a quote: a row that is not a fragment (full, or partial: a speaker's words of five
    or more inside a sentence). The reader, the Quotes page, the Overview and the brief all count these."""
    return ~quotes["fragment"].astype(bool)


def quote_kind(quotes: pd.DataFrame) -> pd.Series:
    """full, partial or fragment, as the Quotes page marks each row."""
    partial = quotes["partial"].astype(bool) if "partial" in quotes.columns else pd.Series(False, index=quotes.index)
    return pd.Series(np.where(quotes["fragment"].astype(bool), "fragment", np.where(partial, "partial", "full")),
                     index=quotes.index)


def hover_text(value, limit: int = HOVER_CHARS) -> str:
    text = labels.text_or(value, "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dodge(rows: Sequence, xs: Sequence[float], tolerance: float, spacing: float = 0.13,
          span: float = 0.76) -> np.ndarray:
    """Vertical offsets that keep points from covering each other without moving them along x: the points of one
    row whose x values lie within `tolerance` of the one before form a cluster, spread evenly about the row's
    line (`spacing` apart, never more than `span` in all); a point alone sits on the line."""
    n = len(xs)
    if not n:
        return np.zeros(0)
    work = pd.DataFrame({"row": list(rows), "x": np.asarray(xs, dtype=float), "i": np.arange(n)})
    work = work.sort_values(["row", "x", "i"], kind="stable")
    new_cluster = (work["row"] != work["row"].shift()) | (work["x"] - work["x"].shift() > tolerance)
    cluster = new_cluster.cumsum()
    size = cluster.map(cluster.value_counts())
    rank = work.groupby(cluster).cumcount()
    step = np.minimum(spacing, span / np.maximum(size - 1, 1))
    offsets = np.zeros(n)
    offsets[work["i"].to_numpy()] = ((rank - (size - 1) / 2) * step).to_numpy()
    return offsets


def row_positions(values: Sequence[str], order: Sequence[str]) -> np.ndarray:
    """The y of each value's row when `order` is drawn top to bottom (the first row highest)."""
    index = {name: len(order) - 1 - i for i, name in enumerate(order)}
    return np.array([index[v] for v in values], dtype=float)


def outlet_order(values) -> list[str]:
    """Outlets by name, "unknown" last."""
    return sorted(set(values), key=lambda o: (o == UNKNOWN, str(o).lower()))


def latest_points(frame: pd.DataFrame, limit: int = MAX_POINTS, noun: str = "articles") \
        -> tuple[pd.DataFrame, Optional[str]]:
    """At most `limit` rows for a chart: the latest by `published` (undated last), in their original order,
    and a caption saying what was left out (None when nothing was)."""
    if len(frame) <= limit:
        return frame, None
    published = frame["published"].astype("object").where(frame["published"].notna(), "")
    order = np.argsort(published.to_numpy(dtype=str), kind="stable")[::-1]  # latest first, undated ("") last
    keep = np.sort(order[:limit])
    return frame.iloc[keep], (f"The chart shows the latest {limit:,} of {len(frame):,} {noun} (by publication "
                              "date); the table lists them all.")


def spread_points(frame: pd.DataFrame, limit: int = MAX_POINTS, by: str = "kind", noun: str = "items") \
        -> tuple[pd.DataFrame, Optional[str]]:
    """About `limit` rows for a chart (never more than `limit` plus one per group): from each `by` group its
    share of `limit` (at least one row), evenly spaced through the group's rows (sorted by date, so the spread
    over time is kept), and a caption (None when nothing was left out)."""
    if len(frame) <= limit:
        return frame, None
    positions = []
    base = np.arange(len(frame))
    for _, rows in pd.Series(base, index=frame[by].to_numpy()).groupby(level=0, sort=False):
        take = max(1, int(round(limit * len(rows) / len(frame))))
        picks = np.unique(np.linspace(0, len(rows) - 1, min(take, len(rows))).round().astype(int))
        positions.append(rows.to_numpy()[picks])
    keep = np.sort(np.concatenate(positions))
    return frame.iloc[keep], (f"The chart shows {len(keep):,} of {len(frame):,} {noun}, evenly spread over "
                              "the dates of each kind; the table lists them all.")


def without_lists(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles without their list columns (evidence sentences, stripped lines: thousands of Python lists
    to unpickle on every rerun); a page reads them for the one article it opens."""
    return articles.drop(columns=[c for c in LIST_COLUMNS if c in articles.columns])


def _names(values) -> str:
    return brief.names_cell(sorted(set(values)))


def _article_points(frame: pd.DataFrame, x: str, tolerance: float) -> tuple[pd.DataFrame, list[str]]:
    """Points of one article each on outlet rows: y is the row (outlets by name, "unknown" last) plus a
    vertical offset where points would cover each other; hover fields as words."""
    rows = outlet_order(frame["outlet"])
    points = frame.copy()
    xs = pd.to_numeric(points[x], errors="coerce").fillna(0.0)
    points["y"] = row_positions(points["outlet"], rows) + dodge(points["outlet"], xs, tolerance)
    points["date_text"] = points["published"].map(lambda d: labels.human_date(d, "date not stated"))
    points["hover_headline"] = points["headline"].map(hover_text)
    return points, rows


# ------------------------------------------------------------------------------------------------ pages

def overview(articles: pd.DataFrame, quote_dates: pd.DataFrame, latest_quotes: pd.DataFrame,
             figures: pd.DataFrame, limit: int = MAX_POINTS) -> dict:
    """The Overview page: headline numbers, the day-over-day change, the stance strip (points), stance per
    outlet, key figures and the latest quotes. Quotes come counted per date (`store.quote_dates`) and as the
    latest few (`store.read_latest_quotes`): the page never needs them all."""
    n_quotes = int(quote_dates["n"].sum()) if len(quote_dates) else 0
    dates = articles["published"].dropna()
    n_outlets, n_unknown = outlet_counts(articles)
    out = {"n_articles": len(articles), "n_outlets": n_outlets, "n_unknown_outlet": n_unknown,
           "dates": sorted(set(dates)), "undated": int(articles["published"].isna().sum()),
           "n_quotes": n_quotes, "n_figures": len(figures)}
    if articles.empty:
        return out
    # One row per quote, holding its publication date: all that the day-over-day count reads of a quote.
    quote_days = pd.DataFrame({"published": np.repeat(quote_dates["published"].to_numpy(dtype=object),
                                                      quote_dates["n"].to_numpy(dtype=int))})
    change = timeline.day_over_day(articles, quote_days, figures)
    if change["new_articles"] is not None and len(change["new_articles"]):
        new = with_headlines(change["new_articles"])
        change["new_articles"] = new[[c for c in ("headline", "outlet", "published", "stance", "stance_score", "url",
                                                  "file") if c in new.columns]]
    plot = with_headlines(articles)
    points, caption = latest_points(
        plot[["article_id", "stance_score", "outlet", "stance", "headline", "published", "file"]], limit)
    points, rows = _article_points(points, "stance_score", tolerance=0.05)
    latest = with_headlines(latest_quotes)
    latest["kind"] = quote_kind(latest)
    figures_table = brief.key_figures(with_headlines(figures))
    out.update(change=change, points=points, rows=rows, points_caption=caption,
               stance=brief.stance_per_outlet(articles), key_figures=figures_table,
               latest_quotes=latest[["speaker", "quote", "kind", "headline", "outlet", "published", "file"]])
    return out


def article_list(articles: pd.DataFrame) -> pd.DataFrame:
    """The Articles page's list: every article the filters select, headline and outlet labelled, without list
    columns."""
    return with_headlines(without_lists(articles))


def _first(sentences) -> str:
    return " ".join(str(sentences[0]).split()) if isinstance(sentences, list) and sentences else ""


def sources_page(articles: pd.DataFrame, quotes: pd.DataFrame, limit: int = MAX_POINTS) -> dict:
    """The Sources page: one row per article with its top evidence (table; the chart's points), the outlet
    summary, stance over time per day and per week, and the speakers' lean."""
    if articles.empty:
        return {"articles": articles}
    plot = with_headlines(articles)
    plot["top evidence"] = [_first(h if s >= 0 else p) or _first(p or h) for h, p, s in
                            zip(plot["evidence_hopeful"], plot["evidence_pessimistic"],
                                plot["stance_score"].fillna(0))]
    plot["evidence"] = plot["evidence_hopeful"].map(len).astype(str) + " hopeful / " + \
        plot["evidence_pessimistic"].map(len).astype(str) + " pessimistic"
    points, caption = latest_points(
        plot[["article_id", "polarity_adjusted", "outlet", "stance", "stance_score", "headline", "file",
              "top evidence", "published"]], limit)
    points, rows = _article_points(points, "polarity_adjusted", tolerance=0.03)
    points["hover_evidence"] = points["top evidence"].map(hover_text)
    over_time = {}
    for freq in ("D", "W"):
        table = sources.stance_over_time(articles, freq=freq)
        long = table.melt(id_vars=["period"], value_vars=list(sources.LABEL_COLUMNS.values()),
                          var_name="stance", value_name="articles")
        long["stance"] = long["stance"].map({v: k for k, v in sources.LABEL_COLUMNS.items()})
        over_time[freq] = {"table": table.round(3), "long": long[long["articles"] > 0],
                           "periods": table["period"].tolist(),
                           "max": int(table["n_articles"].max()) if len(table) else 0}
    speakers = sources.speaker_stance(quotes)
    full = quotes[is_quote(quotes)]
    cross = pd.crosstab(with_outlets(full)["speaker"].replace("", UNKNOWN),
                        full["article_id"].map(dict(zip(articles["article_id"], articles["stance"]))))
    cross = cross.reindex(columns=[s for s in STANCE_ORDER if s in cross.columns])
    cross.columns.name = None
    return {"articles": without_lists(plot), "points": points, "rows": rows, "points_caption": caption,
            "outlets": sources.outlet_summary(articles).round(3), "over_time": over_time,
            "speakers": speakers, "speakers_table": speakers.round(3), "cross": cross.reset_index()}


def timeline_page(articles: pd.DataFrame, figures: pd.DataFrame, quotes: pd.DataFrame, kinds: Sequence[str],
                  limit: int = MAX_POINTS) -> dict:
    """The Timeline page for the kinds shown: the dated items to draw (at most `limit`, spread over time) each at
    its exact date, spread vertically on its kind's row where several share a day; the x range; the undated
    counts and the table of every item."""
    items = timeline.timeline_items(articles, figures if "figure" in kinds else None,
                                    quotes[is_quote(quotes)] if "quote" in kinds else None)
    if "article" not in kinds:
        items = items[items["kind"] != "article"]
    missing = timeline.undated(items)
    dated = items[items["date"].notna()].copy()
    dated["colour"] = dated["stance"].where(dated["kind"] == "article", dated["kind"]) \
        .fillna("insufficient evidence")
    events = timeline.events_frame()
    day = pd.Timedelta(days=1)
    low = min(events["start"].min(), dated["date"].min()) if len(dated) else events["start"].min()
    high = max(events["end"].max(), dated["date"].max()) if len(dated) else events["end"].max()
    points, caption = spread_points(dated, limit)
    points = points.copy()
    days = (points["date"] - pd.Timestamp("1970-01-01")) // day
    points["y"] = row_positions(points["kind"], TIMELINE_ROWS) + dodge(points["kind"], days, tolerance=0)
    points["date_text"] = points["date"].map(labels.human_date)
    points["hover_label"] = points["label"].map(hover_text)
    points["hover_headline"] = points["headline"].map(hover_text)
    table = items.assign(date=items["date"].dt.strftime("%Y-%m-%d").fillna(labels.NOT_STATED))[TIMELINE_COLUMNS]
    table = table.astype({c: "str" for c in TIMELINE_COLUMNS if table[c].dtype == object})  # unpickles fast
    return {"n_dated": len(dated), "missing": missing, "points": points, "points_caption": caption,
            "x_range": [low - 2 * day, high + 3 * day], "rows": list(TIMELINE_ROWS), "items": table}


FIGURE_COLUMNS = ["figure", "reads", "qualifier", "period", "counted", "attributed_to", "headline", "outlet",
                  "published", "sentence", "value_origin", "category_origin"]


def figures_page(figures: pd.DataFrame) -> dict:
    """The Figures page: counts per category, figures per category and source (the bar chart), one table per
    category, the discrepancies between sources, and every figure side by side per outlet."""
    if figures.empty:
        return {"n": 0}
    figures = with_headlines(figures)
    figures["figure"] = figures["text"]
    figures["reads"] = figures["value"].map(brief.fmt_value)
    by_source = (figures.groupby(["category", "outlet"])
                 .agg(figures=("figure", "size"), cited=("figure", lambda s: brief.names_cell(s.astype(str),
                                                                                             sep="; ")),
                      articles=("headline", _names)).reset_index())
    per_category = {c: figures[figures["category"] == c].reset_index(drop=True) for c in CATEGORY_ORDER}
    return {"n": len(figures), "counts": {c: int(n) for c, n in figures["category"].value_counts().items()},
            "by_source": by_source, "max_bar": int(by_source["figures"].max()),
            "categories": {c: f for c, f in per_category.items() if len(f)},
            "discrepancies": compare.compare_figures(figures), "side_by_side": compare.side_by_side(figures)}


QUOTE_COLUMNS = ["speaker", "quote", "kind", "headline", "outlet", "published", "sentiment", "speaker_origin",
                 "speaker_in_article", "sentence", "fragment_origin"]


def quotes_page(quotes: pd.DataFrame, search: str = "", low: float = -1.0, high: float = 1.0,
                fragments: bool = False, speaker: str = "") -> dict:
    """The Quotes page for its search, sentiment range, fragments switch and picked speaker: the quotes shown,
    the numbers, quotes per speaker (top 15) and the speaker × outlet grid."""
    quotes = with_headlines(quotes)
    shown = quotes if fragments else quotes[is_quote(quotes)]
    if search:
        hay = shown["quote"].fillna("") + " " + shown["speaker"].fillna("") + " " + shown["sentence"].fillna("")
        shown = shown[hay.str.contains(search, case=False, regex=False)]
    shown = shown.assign(sentiment=shown["polarity_adjusted"].fillna(shown["polarity"]).fillna(0.0))
    shown = shown[(shown["sentiment"] >= low) & (shown["sentiment"] <= high)].reset_index(drop=True)
    shown["speaker"] = shown["speaker"].replace("", UNKNOWN)
    if speaker:
        shown = shown[shown["speaker"] == speaker].reset_index(drop=True)
    shown["kind"] = quote_kind(shown)
    out = {"n": len(shown), "n_speakers": int(shown["speaker"].nunique()),
           "n_articles": int(shown["article_id"].nunique())}
    if shown.empty:
        return {**out, "shown": shown}
    per_speaker = (shown.groupby("speaker").agg(quotes=("quote", "size"), articles=("headline", _names))
                   .reset_index().sort_values(["quotes", "speaker"], ascending=[False, True]).head(15))
    grid = (shown.groupby(["speaker", "outlet"])
            .agg(sentiment=("sentiment", "mean"), quotes=("quote", "size"), articles=("headline", _names))
            .reset_index())
    grid = grid[grid["speaker"].isin(per_speaker["speaker"])]
    return {**out, "shown": shown, "per_speaker": per_speaker, "grid": grid}


def reader_counts(quotes: pd.DataFrame, figures: pd.DataFrame) -> dict:
    """What the reader says of one article: its quotes (as every page counts them), fragments apart, figures."""
    quoted = is_quote(quotes) if len(quotes) else pd.Series(dtype=bool)
    return {"quotes": int(quoted.sum()), "fragments": int((~quoted).sum()), "figures": len(figures)}


def entities_page(mentions: pd.DataFrame, groups: Sequence[str]) -> dict:
    """The Entities page for a kind: the entity table (articles named by headline) and its numbers, from the
    per-article counts."""
    mentions = with_headlines(mentions) if len(mentions) else mentions
    counts = brief.entity_counts_from_mentions(mentions, tuple(groups), names="headline")
    return {"counts": counts, "n_articles": int(mentions["article_id"].nunique()) if len(mentions) else 0,
            "mentions": int(counts["mentions"].sum()) if len(counts) else 0}


def entity_pairs(mentions: pd.DataFrame, groups: Sequence[str], top: int) -> dict:
    """Who appears with whom among the `top` entities of a kind: the pair table and its matrix."""
    mentions = with_headlines(mentions) if len(mentions) else mentions
    pairs = brief.cooccurrence_from_mentions(mentions, top=top, groups=tuple(groups), names="headline")
    return {"pairs": pairs, "matrix": brief.cooccurrence_matrix(pairs)}


def edit_log(log: pd.DataFrame, headline_of: dict) -> pd.DataFrame:
    """The edit log as a person reads it: the article by its headline (not its 64-character id), when as
    "2025-11-08 14:02 UTC", empty values as "—"."""
    if log.empty:
        return pd.DataFrame(columns=["at", "user_name", "action", "article", "field", "old_value", "new_value"])
    out = log.copy()
    out["article"] = out["article_id"].map(lambda a: headline_of.get(a, labels.MISSING) if isinstance(a, str)
                                           else labels.MISSING)
    stamps = pd.to_datetime(out["at"], errors="coerce", utc=True)
    out["at"] = stamps.dt.strftime("%Y-%m-%d %H:%M UTC").where(stamps.notna(), out["at"])
    for col in ("user_name", "field", "old_value", "new_value"):
        out[col] = out[col].map(labels.text_or)
    return out[["at", "user_name", "action", "article", "field", "old_value", "new_value"]]
