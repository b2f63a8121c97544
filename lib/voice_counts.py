"""Counts in which a group of copies of one story counts once (independent voices), for the pages and the brief.
Pure pandas over the store's frames: no streamlit, no SQL, no NLP.

Inputs
- articles: the store's articles frame with the voice columns, `voices.with_voices(engine, articles)` (voice_id,
  copies, voice_source, is_original; groups span the whole store, so a copy whose original is filtered out still
  counts once with the copies shown);
- quotes / figures: `store.read_quotes` / `store.read_figures` of the same filters (article_id per row).

Every function takes `count_copies_once`, the page's "count copies once" switch (on by default); off, it gives
today's per-article counts exactly (the same frames `lib/brief.py`, `lib/sources.py` and `lib/views.py` compute
now). `voice_weighted(articles, quotes, figures, count_copies_once)` gives all of them at once.

Counting once
- An article-level count (stance, sentiment, articles per day) keeps one article per voice: the group's
  original when it is shown, else its earliest-published copy shown (`one_per_voice`).
- A quote or a figure repeated by the copies of a group counts once: rows of one voice with the same key (a
  figure's category, value, upper value and unit; a quote's words) are one, and a row a copy adds (a paragraph
  the original lacks) still counts. An article quoting a figure twice keeps both. Quotes read without their
  words (the Sources page reads only their scores) keep the rows of the article counted for each voice.
- The outlet list says how many copies of other outlets' or agencies' stories each outlet carried (`copies`)
  and whose (`carries`), so an outlet that only copies is shown as carrying its source.

How a page uses it (the lead wires the switch, bound to the URL like the other filters):

    arts = voices.with_voices(engine, store.read_articles(engine, **filters))
    Sources:  voice_counts.stance_by_outlet(arts, on) / voice_counts.outlet_summary(arts, on) for the outlet
              tables; views.sources_page(voice_counts.counted_articles(arts, on), quotes) for the rest
    Figures:  views.figures_page(voice_counts.counted_figures(figures, arts, on))
    Quotes:   views.quotes_page(voice_counts.counted_quotes(quotes, arts, on), search, low, high, fragments)
    Overview: qs = voice_counts.counted_quotes(store.read_quotes(engine, columns=["quote"], **filters), arts, on)
              views.overview(voice_counts.counted_articles(arts, on), voice_counts.quote_dates(qs), latest,
                             voice_counts.counted_figures(figures, arts, on)), and
              voice_counts.overview_numbers(arts, qs, figures, on) for the headline numbers (voices, copies)
    Brief:    brief.to_markdown(voice_counts.brief_sections(arts, quotes, figures, on))
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from lib import brief, sources, voices

UNKNOWN = brief.UNKNOWN
FIGURE_KEY = ("category", "value", "value_high", "unit")  # one figure, whichever copy states it


# ------------------------------------------------------------------------------------------------ rows

def _has_voices(articles: pd.DataFrame) -> bool:
    return articles is not None and "voice_id" in articles.columns and len(articles) > 0


def one_per_voice(articles: pd.DataFrame) -> pd.DataFrame:
    """One article per voice among the rows given (their order kept): the original when it is among them, else the
    earliest-published copy. Without voice columns the frame is returned as it is."""
    if not _has_voices(articles):
        return articles
    ranked = _ranked(articles)
    keep = ranked.drop_duplicates("voice_id").index
    return articles.loc[articles.index.isin(keep)]


def _ranked(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles originals first, then original-first order (voices.original_first)."""
    ordered = voices.original_first(articles)
    original = ordered["is_original"].astype(bool) if "is_original" in ordered else \
        ordered["article_id"] == ordered["voice_id"]
    return pd.concat([ordered[original.to_numpy()], ordered[~original.to_numpy()]])


def counted_articles(articles: pd.DataFrame, count_copies_once: bool = True) -> pd.DataFrame:
    """The articles an article-level count reads: one per voice, or all of them with the switch off."""
    return one_per_voice(articles) if count_copies_once else articles


def _once_per_voice(rows: pd.DataFrame, articles: pd.DataFrame, key: Callable[[pd.DataFrame], pd.Series]) \
        -> pd.DataFrame:
    """Rows of articles (quotes, figures) with the repeats of a voice dropped: within a voice the n-th row of a
    key counts once, taken from the best-ranked article that has it (the original first). Order kept."""
    if rows is None or rows.empty or not _has_voices(articles):
        return rows
    rank = {aid: i for i, aid in enumerate(_ranked(articles)["article_id"])}
    voice = dict(zip(articles["article_id"], articles["voice_id"]))
    ids = rows["article_id"]
    work = pd.DataFrame({"voice": [voice.get(a, a) for a in ids], "key": key(rows).to_numpy(),
                         "article": ids.to_numpy(), "rank": [rank.get(a, len(rank)) for a in ids],
                         "pos": range(len(rows))})
    work["nth"] = work.groupby(["article", "key"], sort=False).cumcount()
    kept = work.sort_values(["rank", "pos"], kind="stable").drop_duplicates(["voice", "key", "nth"])["pos"]
    return rows.iloc[sorted(kept)]


def _figure_key(figures: pd.DataFrame) -> pd.Series:
    parts = [figures[c].astype("object").map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v))
                                             else str(v)) if c in figures else pd.Series("", index=figures.index)
             for c in FIGURE_KEY]
    return pd.Series(["|".join(p) for p in zip(*parts)], index=figures.index)


def _quote_key(quotes: pd.DataFrame) -> pd.Series:
    texts = quotes["quote"] if "quote" in quotes else pd.Series("", index=quotes.index)
    return texts.map(lambda q: " ".join(voices.words(q)) if isinstance(q, str) else "")


def counted_figures(figures: pd.DataFrame, articles: pd.DataFrame, count_copies_once: bool = True) -> pd.DataFrame:
    """The figures a figure table counts: a figure the copies of one story repeat counts once (the original's
    row, with its sentence), or every row with the switch off."""
    return _once_per_voice(figures, articles, _figure_key) if count_copies_once else figures


def counted_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, count_copies_once: bool = True) -> pd.DataFrame:
    """The quotes a quote count reads: the same words quoted by the copies of one story count once (punctuation
    and case aside), or every row with the switch off. Without the `quote` column: the quotes of the article
    counted for each voice (`one_per_voice`)."""
    if not count_copies_once or quotes is None or quotes.empty or not _has_voices(articles):
        return quotes
    if "quote" not in quotes.columns:
        return quotes[quotes["article_id"].isin(set(one_per_voice(articles)["article_id"]))]
    return _once_per_voice(quotes, articles, _quote_key)


def quote_dates(quotes: pd.DataFrame) -> pd.DataFrame:
    """Full quotes (not fragments) per publication date, as `store.quote_dates` gives them: published, n."""
    if quotes is None or quotes.empty:
        return pd.DataFrame({"published": pd.Series(dtype="object"), "n": pd.Series(dtype="int64")})
    full = quotes[~quotes["fragment"].astype(bool)] if "fragment" in quotes else quotes
    published = full["published"].astype("object").where(full["published"].notna(), None)
    counts = published.value_counts(dropna=False)
    return pd.DataFrame({"published": list(counts.index), "n": counts.to_numpy(dtype="int64")})


# ------------------------------------------------------------------------------------------------ outlets

def _outlets(frame: pd.DataFrame) -> pd.Series:
    return frame["outlet"].astype("object").map(lambda v: v.strip() if isinstance(v, str) and v.strip()
                                                else UNKNOWN)


def outlet_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles (all it carried), own (originals and stories alone), copies (copies of a story whose
    original is another's), carries (the sources of those copies, most carried first). Most articles first,
    "unknown" last."""
    cols = ["outlet", "articles", "own", "copies", "carries"]
    if not _has_voices(articles):
        return pd.DataFrame(columns=cols)
    is_copy = (articles["article_id"] != articles["voice_id"]).to_numpy()
    work = pd.DataFrame({"outlet": _outlets(articles).to_numpy(), "copy": is_copy,
                         "source": articles["voice_source"].map(lambda v: v if isinstance(v, str) and v
                                                                else UNKNOWN).to_numpy()})
    rows = []
    for outlet, group in work.groupby("outlet", sort=False):
        carried = group.loc[group["copy"], "source"].value_counts()
        rows.append({"outlet": outlet, "articles": len(group), "own": int((~group["copy"]).sum()),
                     "copies": int(group["copy"].sum()),
                     "carries": brief.names_cell([f"{s} ({n})" if n > 1 else s for s, n in carried.items()])})
    out = pd.DataFrame(rows, columns=cols)
    out["_unknown"] = out["outlet"] == UNKNOWN
    out = out.sort_values(["_unknown", "articles", "outlet"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


def _with_copies(table: pd.DataFrame, articles: pd.DataFrame, count_column: str) -> pd.DataFrame:
    """An outlet table of counted articles, with every outlet of `articles` (one that only copies gets zero
    counts) and the copies / carries columns at the end."""
    copies = outlet_copies(articles)[["outlet", "copies", "carries"]]
    merged = table.merge(copies, on="outlet", how="outer")
    numeric = [c for c in table.columns if c != "outlet" and pd.api.types.is_integer_dtype(table[c])]
    for col in [count_column, *numeric]:
        if col in merged:
            merged[col] = merged[col].fillna(0).astype(int)
    merged["copies"] = merged["copies"].fillna(0).astype(int)
    merged["carries"] = merged["carries"].fillna("")
    merged["_unknown"] = merged["outlet"] == UNKNOWN
    merged = merged.sort_values(["_unknown", count_column, "copies", "outlet"], ascending=[True, False, False, True])
    return merged.drop(columns="_unknown").reset_index(drop=True)


def stance_by_outlet(articles: pd.DataFrame, count_copies_once: bool = True) -> pd.DataFrame:
    """`brief.stance_per_outlet` where a group counts once (for its original's outlet), with `copies` and
    `carries` per outlet; with the switch off, today's table exactly."""
    if not count_copies_once or not _has_voices(articles):
        return brief.stance_per_outlet(articles)
    return _with_copies(brief.stance_per_outlet(one_per_voice(articles)), articles, "articles")


def outlet_summary(articles: pd.DataFrame, count_copies_once: bool = True) -> pd.DataFrame:
    """`sources.outlet_summary` where a group counts once, with `copies` and `carries`; off: today's table."""
    if not count_copies_once or not _has_voices(articles):
        return sources.outlet_summary(articles)
    return _with_copies(sources.outlet_summary(one_per_voice(articles)), articles, "n_articles")


# ------------------------------------------------------------------------------------------------ overview, brief

def overview_numbers(articles: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame,
                     count_copies_once: bool = True) -> dict:
    """The headline numbers: articles (all shown), voices (independent stories among them), copies (articles -
    voices), outlets, quotes (full quotes) and figures, the last two counted once per voice with the switch on."""
    n_articles = 0 if articles is None else len(articles)
    n_voices = int(articles["voice_id"].nunique()) if _has_voices(articles) else n_articles
    qs = counted_quotes(quotes, articles, count_copies_once)
    full = 0 if qs is None else int((~qs["fragment"].astype(bool)).sum()) if "fragment" in qs else len(qs)
    figs = counted_figures(figures, articles, count_copies_once)
    return {"articles": n_articles, "voices": n_voices, "copies": n_articles - n_voices,
            "outlets": int(_outlets(articles).nunique()) if n_articles else 0,
            "quotes": full, "figures": 0 if figs is None else len(figs)}


def brief_sections(articles: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame,
                   count_copies_once: bool = True, **limits) -> dict:
    """`brief.build_sections` where a group counts once: stance by outlet with the copies each carried, key
    figures and top quotes without the copies' repeats; the numbers keep every article shown and add `voices` and
    `copies`. With the switch off, today's sections exactly. `limits`: n_figures, n_quotes."""
    if not count_copies_once or not _has_voices(articles):
        return brief.build_sections(articles, quotes, figures, **limits)
    sections = brief.build_sections(one_per_voice(articles), counted_quotes(quotes, articles),
                                    counted_figures(figures, articles), **limits)
    numbers = overview_numbers(articles, quotes, figures, True)
    # Articles, outlets and dates as the brief counts them (named outlets, articles naming none apart), of every
    # article shown: the copies are articles the filters select; the tables count them once.
    sections["numbers"].update(brief.article_numbers(articles), voices=numbers["voices"], copies=numbers["copies"])
    sections["stance"] = stance_by_outlet(articles, True)
    return sections


# ------------------------------------------------------------------------------------------------ all at once

def voice_weighted(articles: pd.DataFrame, quotes: pd.DataFrame | None = None, figures: pd.DataFrame | None = None,
                   count_copies_once: bool = True) -> dict:
    """The frames a page counts, where a group of copies counts once (the switch on), or the frames as given
    (off: today's per-article counts). `articles` with the voice columns (`voices.with_voices`); `quotes` and
    `figures` as the store reads them for the same filters (None: left out). Returns
    articles (one per voice), quotes, figures (a repeat of a voice's copies dropped), outlets (per outlet:
    articles, own, copies carried and whose: `outlet_copies`, computed either way) and numbers
    (`overview_numbers`)."""
    return {"articles": counted_articles(articles, count_copies_once),
            "quotes": counted_quotes(quotes, articles, count_copies_once),
            "figures": counted_figures(figures, articles, count_copies_once),
            "outlets": outlet_copies(articles),
            "numbers": overview_numbers(articles, quotes, figures, count_copies_once)}
