"""What each dashboard page shows, computed from the store's frames in one go: pure pandas, no streamlit, no SQL.

lib/ui.py caches every function here by (store, revision, filters, the page's own widgets), so rerunning a page
(a widget moved back, a table page turned, another page visited and left) costs an unpickle of the result, not the
work; the pages only lay the results out. Whatever grows with the corpus is bounded here, so that the browser never
gets it all at once: a chart with one point per article or item draws at most MAX_POINTS of them (and the result
carries a caption saying so), and a cell or hover text listing names lists at most brief.NAMES_SHOWN of them.
At the size of the seeds nothing is cut: the pages show what they showed before.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd

from lib import brief, compare, sources, store, timeline

UNKNOWN = brief.UNKNOWN
MAX_POINTS = 2000  # points per chart of one point per article / item
CATEGORY_ORDER = list(brief.CATEGORY_ORDER)
TIMELINE_COLUMNS = ["date", "kind", "label", "outlet", "file", "title", "detail"]
LIST_COLUMNS = store.LIST_COLUMNS
# The quote columns a page reads (besides ids, speaker, fragment flag and the article's file, title, outlet and
# published; see store.read_quotes): pages that show no quote text read none.
SOURCES_QUOTE_COLUMNS = ("polarity_adjusted", "stance_cue")
TIMELINE_QUOTE_COLUMNS = ("quote",)
BRIEF_QUOTE_COLUMNS = ("quote", "speaker_origin", "polarity", "polarity_adjusted")


# ------------------------------------------------------------------------------------------------ helpers

def outlet_label(value) -> str:
    """An outlet as charts and tables show it: "unknown" for an empty value."""
    return value if isinstance(value, str) and value else UNKNOWN


def with_outlets(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose `outlet` column says "unknown" instead of an empty value."""
    if "outlet" not in frame.columns:
        return frame
    return frame.assign(outlet=frame["outlet"].map(outlet_label))


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


def _files(values) -> str:
    return brief.names_cell(sorted(set(values)))


# ------------------------------------------------------------------------------------------------ pages

def overview(articles: pd.DataFrame, quote_dates: pd.DataFrame, latest_quotes: pd.DataFrame,
             figures: pd.DataFrame, limit: int = MAX_POINTS) -> dict:
    """The Overview page: headline numbers, the day-over-day change, the stance strip (points), stance per
    outlet, key figures and the latest quotes. Quotes come counted per date (`store.quote_dates`) and as the
    latest few (`store.read_latest_quotes`): the page never needs them all."""
    n_quotes = int(quote_dates["n"].sum()) if len(quote_dates) else 0
    dates = articles["published"].dropna()
    out = {"n_articles": len(articles), "n_outlets": int(articles["outlet"].nunique()),
           "dates": sorted(set(dates)), "undated": int(articles["published"].isna().sum()),
           "n_quotes": n_quotes, "n_figures": len(figures)}
    if articles.empty:
        return out
    # One row per full quote, holding its publication date: all that the day-over-day count reads of a quote.
    quote_days = pd.DataFrame({"published": np.repeat(quote_dates["published"].to_numpy(dtype=object),
                                                      quote_dates["n"].to_numpy(dtype=int))})
    change = timeline.day_over_day(articles, quote_days, figures)
    if change["new_articles"] is not None and len(change["new_articles"]):
        change["new_articles"] = with_outlets(change["new_articles"])[
            ["published", "outlet", "title", "file", "stance", "stance_score"]]
    plot = with_outlets(articles)
    plot["label"] = plot["title"].fillna(plot["file"])
    points, caption = latest_points(plot[["stance_score", "outlet", "stance", "label", "file", "published"]], limit)
    latest = with_outlets(latest_quotes)
    out.update(change=change, points=points, points_caption=caption, stance=brief.stance_per_outlet(articles),
               key_figures=brief.key_figures(figures),
               latest_quotes=latest[["speaker", "quote", "outlet", "published", "file"]])
    return out


def article_list(articles: pd.DataFrame) -> pd.DataFrame:
    """The Articles page's list: every article the filters select, outlets labelled, without list columns."""
    return with_outlets(without_lists(articles))


def _first(sentences) -> str:
    text = " ".join(str(sentences[0]).split()) if isinstance(sentences, list) and sentences else ""
    return text if len(text) <= 160 else text[:159] + "…"


def sources_page(articles: pd.DataFrame, quotes: pd.DataFrame, limit: int = MAX_POINTS) -> dict:
    """The Sources page: one row per article with its top evidence (table; the chart's points), the outlet
    summary, stance over time per day and per week, and the speakers' lean."""
    if articles.empty:
        return {"articles": articles}
    plot = with_outlets(articles)
    plot["label"] = plot["title"].fillna(plot["file"])
    plot["top evidence"] = [_first(h if s >= 0 else p) or _first(p or h) for h, p, s in
                            zip(plot["evidence_hopeful"], plot["evidence_pessimistic"],
                                plot["stance_score"].fillna(0))]
    plot["evidence"] = plot["evidence_hopeful"].map(len).astype(str) + " hopeful / " + \
        plot["evidence_pessimistic"].map(len).astype(str) + " pessimistic"
    points, caption = latest_points(
        plot[["polarity_adjusted", "outlet", "stance", "stance_score", "label", "file", "top evidence",
              "published"]], limit)
    over_time = {}
    for freq in ("D", "W"):
        table = sources.stance_over_time(articles, freq=freq)
        long = table.melt(id_vars=["period"], value_vars=list(sources.LABEL_COLUMNS.values()),
                          var_name="stance", value_name="articles")
        long["stance"] = long["stance"].map({v: k for k, v in sources.LABEL_COLUMNS.items()})
        over_time[freq] = {"table": table.round(3), "long": long[long["articles"] > 0],
                           "periods": table["period"].tolist()}
    speakers = sources.speaker_stance(quotes)
    full = quotes[~quotes["fragment"]]
    cross = pd.crosstab(with_outlets(full)["speaker"].replace("", UNKNOWN),
                        full["article_id"].map(dict(zip(articles["article_id"], articles["stance"]))))
    return {"articles": without_lists(plot), "points": points, "points_caption": caption,
            "outlets": sources.outlet_summary(articles).round(3), "over_time": over_time,
            "speakers": speakers, "speakers_table": speakers.round(3), "cross": cross.reset_index()}


def timeline_page(articles: pd.DataFrame, figures: pd.DataFrame, quotes: pd.DataFrame, kinds: Sequence[str],
                  limit: int = MAX_POINTS) -> dict:
    """The Timeline page for the kinds shown: the dated items to draw (at most `limit`, spread over time), the
    x range, the undated counts and the table of every item."""
    items = timeline.timeline_items(articles, figures if "figure" in kinds else None,
                                    quotes[~quotes["fragment"]] if "quote" in kinds else None)
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
    table = items.assign(date=items["date"].dt.strftime("%Y-%m-%d").fillna("unknown"))[TIMELINE_COLUMNS]
    table = table.astype({c: "str" for c in TIMELINE_COLUMNS if table[c].dtype == object})  # unpickles fast
    return {"n_dated": len(dated), "missing": missing, "points": points, "points_caption": caption,
            "x_range": [low - 2 * day, high + 3 * day], "items": table}


def figures_page(figures: pd.DataFrame) -> dict:
    """The Figures page: counts per category, figures per category and source (the bar chart), one table per
    category, the discrepancies between sources, and every figure side by side per outlet."""
    if figures.empty:
        return {"n": 0}
    figures = with_outlets(figures)
    figures["figure"] = figures["text"]
    figures["reads"] = figures["value"].map(brief.fmt_value)
    by_source = (figures.groupby(["category", "outlet"])
                 .agg(figures=("figure", "size"), cited=("figure", lambda s: brief.names_cell(s.astype(str),
                                                                                             sep="; ")),
                      articles=("file", _files)).reset_index())
    per_category = {c: figures[figures["category"] == c].reset_index(drop=True) for c in CATEGORY_ORDER}
    return {"n": len(figures), "counts": {c: int(n) for c, n in figures["category"].value_counts().items()},
            "by_source": by_source, "categories": {c: f for c, f in per_category.items() if len(f)},
            "discrepancies": compare.compare_figures(figures), "side_by_side": compare.side_by_side(figures)}


def quotes_page(quotes: pd.DataFrame, search: str = "", low: float = -1.0, high: float = 1.0,
                fragments: bool = False) -> dict:
    """The Quotes page for its search, sentiment range and fragments switch: the quotes shown, the numbers,
    quotes per speaker (top 15) and the speaker × outlet grid."""
    quotes = with_outlets(quotes)
    shown = quotes if fragments else quotes[~quotes["fragment"]]
    if search:
        hay = shown["quote"].fillna("") + " " + shown["speaker"].fillna("") + " " + shown["sentence"].fillna("")
        shown = shown[hay.str.contains(search, case=False, regex=False)]
    shown = shown.assign(sentiment=shown["polarity_adjusted"].fillna(shown["polarity"]).fillna(0.0))
    shown = shown[(shown["sentiment"] >= low) & (shown["sentiment"] <= high)].reset_index(drop=True)
    out = {"n": len(shown), "n_speakers": int(shown["speaker"].replace("", UNKNOWN).nunique()),
           "n_articles": int(shown["article_id"].nunique())}
    if shown.empty:
        return {**out, "shown": shown}
    shown["speaker"] = shown["speaker"].replace("", UNKNOWN)
    per_speaker = (shown.groupby("speaker").agg(quotes=("quote", "size"), articles=("file", _files))
                   .reset_index().sort_values("quotes", ascending=False).head(15))
    grid = (shown.groupby(["speaker", "outlet"])
            .agg(sentiment=("sentiment", "mean"), quotes=("quote", "size"), articles=("file", _files)).reset_index())
    grid = grid[grid["speaker"].isin(per_speaker["speaker"])]
    return {**out, "shown": shown, "per_speaker": per_speaker, "grid": grid}


def entities_page(mentions: pd.DataFrame, groups: Sequence[str]) -> dict:
    """The Entities page for a kind: the entity table and its numbers, from the per-article counts."""
    counts = brief.entity_counts_from_mentions(mentions, tuple(groups))
    return {"counts": counts, "n_articles": int(mentions["article_id"].nunique()) if len(mentions) else 0,
            "mentions": int(counts["mentions"].sum()) if len(counts) else 0}


def entity_pairs(mentions: pd.DataFrame, groups: Sequence[str], top: int) -> dict:
    """Who appears with whom among the `top` entities of a kind: the pair table and its matrix."""
    pairs = brief.cooccurrence_from_mentions(mentions, top=top, groups=tuple(groups))
    return {"pairs": pairs, "matrix": brief.cooccurrence_matrix(pairs)}
