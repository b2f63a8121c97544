"""Cross-source comparison of figures: where outlets give different numbers for the same thing.

Pure pandas, no NLP. The input is the figures table (one row per `lib.records.Figure`, plus the article's
`article_id`, `outlet` and `published`). Two figures are "about the same thing" when they share category, unit,
normalised period and what they count (the head noun of `counted`, `counted_kind`): "over 500,000 since September
2023" and "1.7 million by September 2025" are two facts about different periods, and "300 returnees" and "600,000
Afghans" (facing repatriation) count different people: neither pair is a conflict.

Each figure is read as an interval of the values it allows:

- exact: the value give or take its rounding (half a unit of its last significant digit, at most
  `ROUNDING_TOLERANCE`, at least `MIN_TOLERANCE` of the value): "1.4 million" allows 1.35-1.45 million;
- approximately ("about", "some"): the value give or take `APPROX_TOLERANCE`;
- at least ("over", "more than"): the value and anything above; at most ("nearly", "up to"): anything below;
- range: its two ends.

Two sources conflict when their intervals do not overlap; "over 500,000" and "600,000" are compatible bounds,
and the table says so.
"""
from __future__ import annotations

import math
import re
from typing import Optional

import numpy as np
import pandas as pd

from lib.extract.text import MONTH_NAMES, MONTH_NUMBERS

# Reporters round: "1.4 million" stands for anything from 1.35 to 1.45 million, but never for more than this
# share either side of the value.
ROUNDING_TOLERANCE = 0.05
# Below this share two exact figures are one figure written differently (the scorer's 0.5 % as well).
MIN_TOLERANCE = 0.005
# "about 600,000", "an estimated 1.3 million": a hedge is worth this share either side.
APPROX_TOLERANCE = 0.15

DISCREPANCY_COLUMNS = ["category", "unit", "period", "n_sources", "lowest", "highest", "ratio", "outlets_low",
                       "outlets_high", "detail", "conflict", "note", "counted"]

_MONTHS = {written: MONTH_NAMES[number - 1] for written, number in MONTH_NUMBERS.items()}  # "sept" -> "september"
# Ways of writing a frequency -> the one word the extractor uses.
_FREQUENCY_FORMS = [
    (r"\b(?:annually|yearly|a year|per year|per annum|each year|every year)\b", "annual"),
    (r"\b(?:a day|per day|each day|every day)\b", "daily"),
    (r"\b(?:a month|per month|each month|every month)\b", "monthly"),
    (r"\b(?:a week|per week|each week|every week)\b", "weekly"),
]


def normalise_period(period) -> str:
    """One spelling per period: lower case, full month names, "2024-25" -> "2024-2025", "annually" -> "annual"."""
    if period is None or (isinstance(period, float) and math.isnan(period)):
        return ""
    text = re.sub(r"\s+", " ", str(period).strip().lower()).replace("–", "-").replace("—", "-")
    text = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?",
                  lambda m: _MONTHS[m.group(1)], text)
    text = re.sub(r"\b((?:19|20)\d\d)\s*[-/]\s*(\d\d)\b(?!\d)", lambda m: f"{m.group(1)}-{m.group(1)[:2]}{m.group(2)}",
                  text)
    text = re.sub(r"\s*-\s*", "-", text)
    for pattern, word in _FREQUENCY_FORMS:
        text = re.sub(pattern, word, text)
    text = re.sub(r"\bthe\s+", "", text)
    return text.strip(" ,.")


# Counted nouns that say only "people": a figure counting them is about whatever its category counts, as is one
# whose counted noun is unknown.
GENERIC_COUNTED = frozenset({"", "people", "person", "individual", "one", "other", "those", "total"})


def counted_kind(counted) -> str:
    """What a figure counts, for telling figures apart: the head (last) word of its counted phrase, lower case
    and singular ("registered Afghan refugees" -> "refugee", "Afghans" -> "afghan"); "" for a generic or
    unknown one ("people", "individuals", nothing)."""
    if counted is None or (isinstance(counted, float) and math.isnan(counted)):
        return ""
    words = re.findall(r"[a-z][a-z'-]*", str(counted).lower().replace("’", "'"))
    head = words[-1] if words else ""
    if head.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        head = head[:-1]
    return "" if head in GENERIC_COUNTED else head


def _rounding(value: float) -> float:
    """Half a unit of the last significant digit, bounded by the tolerances above."""
    if value == 0:
        return 0.0
    digits = f"{abs(value):.10g}".replace(".", "").rstrip("0").lstrip("0") or "0"
    magnitude = math.floor(math.log10(abs(value)))
    unit = 10 ** (magnitude - len(digits) + 1)
    return min(max(unit / 2, MIN_TOLERANCE * abs(value)), ROUNDING_TOLERANCE * abs(value))


def figure_interval(value: float, qualifier: str = "exact", value_high: Optional[float] = None) -> tuple[float, float]:
    """The values a figure allows, as (low, high)."""
    qualifier = (qualifier or "exact").strip().lower()
    tol = _rounding(value)
    if qualifier == "range" and value_high is not None and not _missing(value_high):
        return value - tol, float(value_high) + _rounding(float(value_high))
    if qualifier == "at least":
        return value - tol, math.inf
    if qualifier == "at most":
        return 0.0 if value >= 0 else -math.inf, value + tol
    if qualifier == "approximately":
        spread = max(tol, APPROX_TOLERANCE * abs(value))
        return value - spread, value + spread
    return value - tol, value + tol


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a == b


def _fmt(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:g} billion"
    if value >= 1e6:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _sources(df: pd.DataFrame) -> pd.Series:
    """Who gives each figure: its outlet, or (no outlet) the first 8 characters of its article id."""
    outlet = df["outlet"].astype("object")
    named = outlet.map(lambda v: not _missing(v) and bool(str(v).strip()))
    fallback = df["article_id"].astype("object").map(lambda v: "" if _missing(v) else str(v)[:8])
    fallback = fallback.replace("", "unknown")
    return outlet.map(lambda v: "" if _missing(v) else str(v)).where(named, fallback)


def _others_extreme(values: np.ndarray, codes: np.ndarray, smallest: bool) -> np.ndarray:
    """For each row i, the smallest (or largest) of `values` over the rows after i whose article code differs
    from row i's (+inf, or -inf, when there is none): one pass from the end, keeping the best value and the
    best among other articles than the best's."""
    sign = 1.0 if smallest else -1.0
    out = np.empty(len(values))
    best = second = np.inf
    best_code = -1
    for k in range(len(values) - 1, -1, -1):
        out[k] = sign * (best if codes[k] != best_code else second)
        value, code = sign * values[k], codes[k]
        if value < best:
            if code != best_code:
                second = best
            best, best_code = value, code
        elif code != best_code and value < second:
            second = value
    return out


def _first_clash(lows, highs, articles) -> Optional[tuple[int, int]]:
    """The first pair (i, j), i < j in row order, of figures from two articles whose intervals do not overlap
    (`_overlap`). Rows that might start one are found in one pass (a later row of another article ends at or
    below this one's start, or starts at or above its end); each is then checked against all later rows at
    once. Linear in the rows, where trying every pair was quadratic."""
    codes = pd.factorize(pd.Series(articles, dtype="object"))[0]
    below = _others_extreme(highs, codes, smallest=True) <= lows  # some later high <= this low
    above = _others_extreme(lows, codes, smallest=False) >= highs  # some later low >= this high
    for i in np.flatnonzero(below | above):
        lo, hi = lows[i + 1:], highs[i + 1:]
        overlap = ((lows[i] < hi) & (lo < highs[i])) | ((lo == lows[i]) & (hi == highs[i]))
        hits = np.flatnonzero((codes[i + 1:] != codes[i]) & ~overlap)
        if len(hits):
            return int(i), int(i + 1 + hits[0])
    return None


def compare_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The discrepancy table: one row per (category, unit, normalised period) with figures from two articles
    or more, lowest and highest values, who gives which, and whether they conflict once qualifiers are read.
    (The first conflicting pair of a group is found without trying every pair, `_first_clash`: tens of
    thousands of figures take a fraction of a second.)"""
    if figures is None or figures.empty or "value" not in figures.columns:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    df = figures.copy()
    for col in ("article_id", "outlet", "category", "unit", "qualifier", "period", "text", "value_high", "counted"):
        if col not in df.columns:
            df[col] = None
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df["value_high"] = pd.to_numeric(df["value_high"], errors="coerce")
    df = df[df["value"].notna()].copy()
    if df.empty:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    periods = df["period"].astype("object")
    df["_period"] = periods.map({p: normalise_period(p) for p in periods.drop_duplicates()})
    df["_unit"] = df["unit"].fillna("").astype(str)
    counted = df["counted"].astype("object")
    df["_counted"] = counted.map({c: counted_kind(c) for c in counted.drop_duplicates()})
    df["_category"] = df["category"].fillna("other").astype(str)
    df["_source"] = _sources(df)
    df["_article"] = df["article_id"].fillna(df["_source"]).astype(str)
    df["_top"] = df[["value", "value_high"]].max(axis=1)
    df["_qualifier"] = df["qualifier"].astype("object").map(lambda q: q if isinstance(q, str) and q else "exact")
    df["_text"] = df["text"].astype("object").map(lambda t: str(t).strip() if isinstance(t, str) else "")
    keys = [(float(v), q, None if _missing(h) else float(h))
            for v, q, h in zip(df["value"], df["_qualifier"], df["value_high"])]
    bounds_of = {key: figure_interval(*key) for key in set(keys)}
    intervals = [bounds_of[key] for key in keys]
    df["_low"] = [lo for lo, _ in intervals]
    df["_high"] = [hi for _, hi in intervals]
    df["_claim"] = [f"{source}: {text or _fmt(value)}"
                    for source, text, value in zip(df["_source"], df["_text"], df["value"])]

    rows = []
    for (category, unit, kind, period), group in df.groupby(["_category", "_unit", "_counted", "_period"],
                                                            sort=True):
        n_articles = group["_article"].nunique()
        if n_articles < 2:
            continue
        clash = _first_clash(group["_low"].to_numpy(float), group["_high"].to_numpy(float),
                             group["_article"].to_numpy(object))
        lowest = float(group["value"].min())
        highest = float(group["_top"].max())
        low_names = sorted(set(group.loc[group["value"] == lowest, "_source"]))
        high_names = sorted(set(group.loc[group["_top"] == highest, "_source"]))
        claims = group["_claim"].tolist()
        detail = "; ".join(sorted(set(claims)))
        if clash is not None:
            note = f"conflict: {claims[clash[0]]} vs {claims[clash[1]]} do not fit together"
        elif highest > lowest * (1 + MIN_TOLERANCE):
            bounds = group[group["_qualifier"] != "exact"]
            if len(bounds):
                note = "compatible: " + ", ".join(
                    f"'{text or _fmt(value)}' ({src}) is {qualifier}"
                    for text, value, src, qualifier in zip(bounds["text"].astype("object"), bounds["value"],
                                                           bounds["_source"], bounds["qualifier"])) \
                    + " - the figures fit together"
            else:
                note = "compatible: the figures differ only by rounding"
        else:
            note = "agree"
        rows.append({
            "category": category, "unit": unit, "counted": kind, "period": period, "n_sources": int(n_articles),
            "lowest": lowest, "highest": highest, "ratio": (highest / lowest) if lowest else None,
            "outlets_low": ", ".join(low_names), "outlets_high": ", ".join(high_names),
            "detail": detail, "conflict": clash is not None, "note": note,
        })
    out = pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)
    if out.empty:
        return out
    out["_r"] = out["ratio"].fillna(0)
    out = out.sort_values(["conflict", "_r", "category"], ascending=[False, False, True]).drop(columns="_r")
    return out.reset_index(drop=True)


def side_by_side(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per category and normalised period, one column per outlet holding its figures as written
    (several joined by "; "), for reading the coverage side by side."""
    if figures is None or figures.empty:
        return pd.DataFrame(columns=["category", "period"])
    df = figures.copy()
    for col in ("article_id", "outlet", "category", "period", "text"):
        if col not in df.columns:
            df[col] = None
    df["_source"] = _sources(df)
    periods = df["period"].astype("object")
    df["period"] = periods.map({p: normalise_period(p) for p in periods.drop_duplicates()})
    df["category"] = df["category"].fillna("other")
    df["text"] = df["text"].fillna("").astype(str)
    table = df.pivot_table(index=["category", "period"], columns="_source", values="text",
                           aggfunc=lambda s: "; ".join(dict.fromkeys(x for x in s if x)), fill_value="")
    table.columns.name = None
    return table.reset_index()
