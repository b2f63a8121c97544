"""Per-source aggregations for the Sources page: outlets, speakers, and stance over time. Pure pandas, no NLP.

Inputs follow the export contract:
- articles: article_id, file, title, outlet, published, polarity, subjectivity, polarity_adjusted, stance,
  stance_score
- quotes: article_id, speaker, quote, polarity, subjectivity, polarity_adjusted, fragment (and, when the export
  carries it, stance_cue)

Conventions: a missing / blank outlet, speaker or date is grouped as UNKNOWN ("unknown"), never dropped.
Mean stance scores leave out "insufficient evidence" articles (their score 0 means "no evidence", not
"neutral"); they are still counted in n_articles and in their own label column.
"""
from __future__ import annotations

import pandas as pd

UNKNOWN = "unknown"
STANCE_LABELS = ("hopeful", "mixed", "pessimistic", "insufficient evidence")
LABEL_COLUMNS = {"hopeful": "n_hopeful", "mixed": "n_mixed", "pessimistic": "n_pessimistic",
                 "insufficient evidence": "n_insufficient"}
# A speaker leans hopeful / pessimistic when the mean stance cue of their quotes passes +/-SPEAKER_CUE_LEAN,
# or, when no stance cue is available, the mean adjusted polarity passes +/-SPEAKER_POLARITY_LEAN.
SPEAKER_CUE_LEAN = 0.3
SPEAKER_POLARITY_LEAN = 0.1
TIME_FREQS = {"D": "D", "W": "W-SUN", "M": "M"}  # W-SUN: weeks ending Sunday, i.e. starting Monday


def _key(series: pd.Series) -> pd.Series:
    """Blank / missing values as UNKNOWN, everything else as stripped text."""
    out = series.astype("object").where(series.notna(), None)
    return out.map(lambda v: UNKNOWN if v is None or not str(v).strip() or str(v).strip().lower() in
                   {"nan", "none", "null"} else str(v).strip())


def _num(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame.columns:
        return pd.Series([float("nan")] * len(frame), index=frame.index, dtype="float64")
    return pd.to_numeric(frame[col], errors="coerce")


def _stance_table(frame: pd.DataFrame, key: pd.Series, key_name: str) -> pd.DataFrame:
    labels = frame["stance"].fillna("insufficient evidence").astype(str).str.strip().str.lower() \
        if "stance" in frame.columns else pd.Series("insufficient evidence", index=frame.index)
    score = _num(frame, "stance_score").where(labels != "insufficient evidence")
    work = pd.DataFrame({
        key_name: key.values,
        "article_id": frame["article_id"].values if "article_id" in frame.columns else range(len(frame)),
        "stance_score": score.values,
        "polarity": _num(frame, "polarity").values,
        "polarity_adjusted": _num(frame, "polarity_adjusted").values,
        "subjectivity": _num(frame, "subjectivity").values,
        "label": labels.values,
    })
    grouped = work.groupby(key_name, sort=False, dropna=False)
    out = grouped.agg(n_articles=("article_id", "size"), stance_score=("stance_score", "mean"),
                      polarity=("polarity", "mean"), polarity_adjusted=("polarity_adjusted", "mean"),
                      subjectivity=("subjectivity", "mean"))
    counts = pd.crosstab(work[key_name], work["label"])
    for label, col in LABEL_COLUMNS.items():
        out[col] = counts[label].reindex(out.index).fillna(0).astype(int) if label in counts.columns else 0
    return out.reset_index()


def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: n_articles, mean stance_score (labelled articles only), mean polarity / polarity_adjusted /
    subjectivity, and the count of each stance label. Most articles first, then by name; "unknown" last."""
    columns = ["outlet", "n_articles", "stance_score", "polarity", "polarity_adjusted", "subjectivity",
               *LABEL_COLUMNS.values()]
    if articles is None or articles.empty:
        return pd.DataFrame(columns=columns)
    key = _key(articles["outlet"]) if "outlet" in articles.columns else pd.Series(UNKNOWN, index=articles.index)
    out = _stance_table(articles, key, "outlet")
    out["_unknown"] = out["outlet"] == UNKNOWN
    out = out.sort_values(["_unknown", "n_articles", "outlet"], ascending=[True, False, True])
    return out[columns].reset_index(drop=True)


def _lean(cue: float, polarity: float) -> str:
    if pd.notna(cue):
        return "hopeful" if cue >= SPEAKER_CUE_LEAN else "pessimistic" if cue <= -SPEAKER_CUE_LEAN else "mixed"
    if pd.notna(polarity):
        return ("positive" if polarity >= SPEAKER_POLARITY_LEAN
                else "negative" if polarity <= -SPEAKER_POLARITY_LEAN else "neutral")
    return UNKNOWN


def speaker_stance(quotes: pd.DataFrame, include_fragments: bool = False) -> pd.DataFrame:
    """Per speaker: n_quotes, n_articles, mean adjusted polarity, mean stance cue of their quotes (when the frame
    has a `stance_cue` column; NaN otherwise) and a lean: hopeful / mixed / pessimistic from the stance cue, or
    positive / neutral / negative from the adjusted polarity when no cue is available. Scare-quote fragments are
    left out unless `include_fragments`. Most quotes first; "unknown" last."""
    columns = ["speaker", "n_quotes", "n_articles", "polarity_adjusted", "stance_cue", "lean"]
    if quotes is None or quotes.empty:
        return pd.DataFrame(columns=columns)
    frame = quotes
    if not include_fragments and "fragment" in frame.columns:
        frag = frame["fragment"].map(lambda v: str(v).strip().lower() in {"1", "true", "yes", "t"})
        frame = frame[~frag]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    key = _key(frame["speaker"]) if "speaker" in frame.columns else pd.Series(UNKNOWN, index=frame.index)
    work = pd.DataFrame({
        "speaker": key.values,
        "article_id": frame["article_id"].values if "article_id" in frame.columns else range(len(frame)),
        "polarity_adjusted": _num(frame, "polarity_adjusted").values,
        "stance_cue": _num(frame, "stance_cue").values,
    })
    out = work.groupby("speaker", sort=False).agg(
        n_quotes=("article_id", "size"), n_articles=("article_id", "nunique"),
        polarity_adjusted=("polarity_adjusted", "mean"), stance_cue=("stance_cue", "mean")).reset_index()
    out["lean"] = [_lean(c, p) for c, p in zip(out["stance_cue"], out["polarity_adjusted"])]
    out["_unknown"] = out["speaker"] == UNKNOWN
    out = out.sort_values(["_unknown", "n_quotes", "speaker"], ascending=[True, False, True])
    return out[columns].reset_index(drop=True)


def stance_over_time(articles: pd.DataFrame, freq: str = "D") -> pd.DataFrame:
    """Per publication period (freq "D" day, "W" week starting Monday, "M" month; column `period` as ISO date of
    the period start, or "unknown" for undated articles, listed last): n_articles, mean stance_score (labelled
    articles only), mean polarity / polarity_adjusted / subjectivity, and label counts."""
    columns = ["period", "n_articles", "stance_score", "polarity", "polarity_adjusted", "subjectivity",
               *LABEL_COLUMNS.values()]
    if articles is None or articles.empty:
        return pd.DataFrame(columns=columns)
    if freq not in TIME_FREQS:
        raise ValueError(f"freq must be one of {sorted(TIME_FREQS)}, not {freq!r}")
    raw = articles["published"] if "published" in articles.columns else pd.Series(None, index=articles.index)
    dates = pd.to_datetime(raw.astype("object").map(lambda v: str(v)[:10] if pd.notna(v) else None),
                           errors="coerce", format="%Y-%m-%d")
    if freq == "D":
        periods = dates.dt.strftime("%Y-%m-%d")
    else:
        periods = dates.dt.to_period(TIME_FREQS[freq]).dt.start_time.dt.strftime("%Y-%m-%d")
    key = periods.where(dates.notna(), UNKNOWN).fillna(UNKNOWN)
    out = _stance_table(articles, key, "period")
    out["_unknown"] = out["period"] == UNKNOWN
    out = out.sort_values(["_unknown", "period"])
    return out[columns].reset_index(drop=True)
