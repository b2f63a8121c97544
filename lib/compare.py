"""Cross-source comparison of figures: where outlets give different numbers for the same thing.

Pure pandas, no NLP. The input is the figures table (one row per `lib.records.Figure`, plus the article's
`article_id`, `outlet` and `published`). Two figures are "about the same thing" when they share category, unit and
normalised period: "over 500,000 since September 2023" and "1.7 million by September 2025" are two facts about
different periods, never a conflict.

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

import pandas as pd

# Reporters round: "1.4 million" stands for anything from 1.35 to 1.45 million, but never for more than this
# share either side of the value.
ROUNDING_TOLERANCE = 0.05
# Below this share two exact figures are one figure written differently (the scorer's 0.5 % as well).
MIN_TOLERANCE = 0.005
# "about 600,000", "an estimated 1.3 million": a hedge is worth this share either side.
APPROX_TOLERANCE = 0.15

DISCREPANCY_COLUMNS = ["category", "unit", "period", "n_sources", "lowest", "highest", "ratio", "outlets_low",
                       "outlets_high", "detail", "conflict", "note"]

_MONTHS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december",
}
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


def _source_name(row) -> str:
    outlet = row.get("outlet")
    if _missing(outlet) or not str(outlet).strip():
        return str(row.get("article_id", ""))[:8] or "unknown"
    return str(outlet)


def _fmt(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:g} billion"
    if value >= 1e6:
        return f"{value / 1e6:g} million"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _claim(row) -> str:
    text = str(row.get("text") or "").strip() or _fmt(row["value"])
    return f"{row['_source']}: {text}"


def compare_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The discrepancy table: one row per (category, unit, normalised period) with figures from two articles
    or more, lowest and highest values, who gives which, and whether they conflict once qualifiers are read."""
    if figures is None or figures.empty or "value" not in figures.columns:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    df = figures.copy()
    for col in ("article_id", "outlet", "category", "unit", "qualifier", "period", "text", "value_high"):
        if col not in df.columns:
            df[col] = None
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df["value_high"] = pd.to_numeric(df["value_high"], errors="coerce")
    df = df[df["value"].notna()].copy()
    if df.empty:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    df["_period"] = df["period"].map(normalise_period)
    df["_unit"] = df["unit"].fillna("").astype(str)
    df["_category"] = df["category"].fillna("other").astype(str)
    df["_source"] = df.apply(_source_name, axis=1)
    df["_article"] = df["article_id"].fillna(df["_source"]).astype(str)
    df["_top"] = df[["value", "value_high"]].max(axis=1)

    rows = []
    for (category, unit, period), group in df.groupby(["_category", "_unit", "_period"], sort=True):
        if group["_article"].nunique() < 2:
            continue
        claims = group.to_dict("records")
        intervals = [figure_interval(float(r["value"]), r.get("qualifier") or "exact", r.get("value_high"))
                     for r in claims]
        clashes = []
        for i in range(len(claims)):
            for j in range(i + 1, len(claims)):
                if claims[i]["_article"] != claims[j]["_article"] and not _overlap(intervals[i], intervals[j]):
                    clashes.append((claims[i], claims[j]))
        lowest = float(group["value"].min())
        highest = float(group["_top"].max())
        low_names = sorted(set(group.loc[group["value"] == lowest, "_source"]))
        high_names = sorted(set(group.loc[group["_top"] == highest, "_source"]))
        detail = "; ".join(sorted({_claim(r) for r in claims}))
        if clashes:
            a, b = clashes[0]
            note = f"conflict: {_claim(a)} vs {_claim(b)} do not fit together"
        elif highest > lowest * (1 + MIN_TOLERANCE):
            bounds = [r for r in claims if (r.get("qualifier") or "exact") != "exact"]
            if bounds:
                note = "compatible: " + ", ".join(
                    f"'{r.get('text') or _fmt(r['value'])}' ({r['_source']}) is {r.get('qualifier')}"
                    for r in bounds) + " - the figures fit together"
            else:
                note = "compatible: the figures differ only by rounding"
        else:
            note = "agree"
        rows.append({
            "category": category, "unit": unit, "period": period, "n_sources": int(group["_article"].nunique()),
            "lowest": lowest, "highest": highest, "ratio": (highest / lowest) if lowest else None,
            "outlets_low": ", ".join(low_names), "outlets_high": ", ".join(high_names),
            "detail": detail, "conflict": bool(clashes), "note": note,
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
    df["_source"] = df.apply(_source_name, axis=1)
    df["period"] = df["period"].map(normalise_period)
    df["category"] = df["category"].fillna("other")
    df["text"] = df["text"].fillna("").astype(str)
    table = df.pivot_table(index=["category", "period"], columns="_source", values="text",
                           aggfunc=lambda s: "; ".join(dict.fromkeys(x for x in s if x)), fill_value="")
    table.columns.name = None
    return table.reset_index()
