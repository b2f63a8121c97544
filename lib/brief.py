"""The one-page meeting brief (stance per outlet, key figures with their sources, top quotes) as Markdown, as plain
text and as a standalone HTML page with one chart (stance by outlet, an SVG image), plus the entity tables the
Entities page and the brief share. Pure: DataFrames in, text and DataFrames out; no streamlit, no NLP.

An article is named by its headline (lib/labels), never by its file name. Every value from an article (titles,
outlets, quotes, sentences, names) is untrusted: the Markdown escapes what could start markup (lib/escape), the
plain text is plain, and the HTML passes every value through `html.escape`.
"""
from __future__ import annotations

import html
from typing import Optional

import numpy as np
import pandas as pd

from lib import labels, svgchart
from lib.escape import md_escape

UNKNOWN = "unknown"
CATEGORY_ORDER = ("refugees", "deportations", "incidents", "casualties", "economy", "other")
STANCE_ORDER = ("hopeful", "mixed", "pessimistic", "insufficient evidence")
# Speaker origins that name a person or a body (a quote from "sources" or a pronoun with no antecedent is weaker).
NAMED_ORIGINS = ("named", "title", "statement")
ENTITY_GROUPS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places",
                 "NORP": "groups", "EVENT": "events"}


# ------------------------------------------------------------------------------------------------ escaping

def _h(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def fmt_value(value) -> str:
    """A figure's value for reading: 1400000 -> 1.4 million."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return ""
    if pd.isna(value):
        return ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:g}"


# ------------------------------------------------------------------------------------------------ sections

def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    """The column as text: a missing value as "", anything else through str()."""
    if col not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype="object")
    column = frame[col]
    if isinstance(column.dtype, pd.StringDtype):  # text already: only the missing values to replace
        return column.fillna("")
    return column.astype("object").map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v))
                                       else str(v))


def stance_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """outlet, articles, hopeful, mixed, pessimistic, insufficient evidence, mean score (labelled articles)."""
    cols = ["outlet", "articles", *STANCE_ORDER, "mean score"]
    if articles is None or articles.empty:
        return pd.DataFrame(columns=cols)
    work = pd.DataFrame({"outlet": _text(articles, "outlet").replace("", UNKNOWN),
                         "stance": _text(articles, "stance").replace("", "insufficient evidence"),
                         "score": pd.to_numeric(articles.get("stance_score"), errors="coerce")})
    counts = pd.crosstab(work["outlet"], work["stance"]).reindex(columns=list(STANCE_ORDER), fill_value=0)
    labelled = work[work["stance"] != "insufficient evidence"]
    out = counts.assign(articles=counts.sum(axis=1),
                        **{"mean score": labelled.groupby("outlet")["score"].mean().reindex(counts.index).round(2)})
    out = out.reset_index()
    out["_unknown"] = out["outlet"] == UNKNOWN
    out = out.sort_values(["_unknown", "articles", "outlet"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


def _headline(frame: pd.DataFrame) -> pd.Series:
    """Each row's article headline: the `headline` column when the frame has one, else the title; never the
    file name."""
    if "headline" in frame.columns:
        return _text(frame, "headline").replace("", "Untitled article")
    return _text(frame, "title").map(lambda t: labels.headline(t, None))


def key_figures(figures: pd.DataFrame, limit: int = 12) -> pd.DataFrame:
    """The figures a meeting asks about first (refugees, deportations, incidents, then the rest), one per
    distinct claim, each with its source: category, figure, value, qualifier, period, attributed_to, outlet,
    headline (its article), file, sentence."""
    cols = ["category", "figure", "value", "qualifier", "period", "attributed_to", "outlet", "headline", "file",
            "sentence"]
    if figures is None or figures.empty:
        return pd.DataFrame(columns=cols)
    work = figures.copy()
    work["headline"] = _headline(work)
    work["figure"] = _text(work, "text")
    work["outlet"] = _text(work, "outlet").replace("", UNKNOWN)
    for col in ("qualifier", "period", "attributed_to", "file", "sentence", "category"):
        work[col] = _text(work, col)
    work["value"] = pd.to_numeric(work.get("value"), errors="coerce")
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    work["_rank"] = work["category"].map(lambda c: rank.get(c, len(rank)))
    work["_known"] = work["value"].notna()
    work = work.sort_values(["_rank", "_known", "value"], ascending=[True, False, False], kind="stable")
    work = work.drop_duplicates(["category", "figure", "outlet"])
    return work[cols].head(limit).reset_index(drop=True)


def top_quotes(quotes: pd.DataFrame, limit: int = 8) -> pd.DataFrame:
    """Quotes (full and partial, not scare-quote fragments) from named speakers first, the most strongly worded
    first: speaker, quote, outlet, published, headline (its article), file."""
    cols = ["speaker", "quote", "outlet", "published", "headline", "file"]
    if quotes is None or quotes.empty:
        return pd.DataFrame(columns=cols)
    work = quotes.copy()
    work["headline"] = _headline(work)
    if "fragment" in work.columns:
        work = work[~work["fragment"].astype(bool)]
    for col in ("speaker", "quote", "outlet", "published", "file", "speaker_origin"):
        work[col] = _text(work, col)
    work["outlet"] = work["outlet"].replace("", UNKNOWN)
    work["speaker"] = work["speaker"].replace("", UNKNOWN)
    work["_named"] = work["speaker_origin"].isin(NAMED_ORIGINS) & (work["speaker"] != UNKNOWN)
    strength = pd.to_numeric(work.get("polarity_adjusted", work.get("polarity")), errors="coerce").abs().fillna(0)
    work["_strength"] = strength + work["quote"].str.len().clip(upper=200) / 2000
    work = work.sort_values(["_named", "_strength"], ascending=[False, False], kind="stable")
    work = work.drop_duplicates(["speaker", "quote"])
    return work[cols].head(limit).reset_index(drop=True)


def article_numbers(articles: pd.DataFrame) -> dict:
    """The brief's numbers of articles: articles, outlets (named ones), unknown_outlet (articles naming none),
    dates ("first to last", or "unknown") and undated."""
    dates = sorted(d for d in _text(articles, "published") if d) if articles is not None else []
    outlets = _text(articles, "outlet").str.strip() if articles is not None else pd.Series(dtype="object")
    return {"articles": 0 if articles is None else len(articles),
            "outlets": int(outlets[outlets != ""].nunique()),
            "unknown_outlet": int((outlets == "").sum()),
            "dates": f"{dates[0]} to {dates[-1]}" if dates else "unknown",
            "undated": 0 if articles is None else int((_text(articles, "published") == "").sum())}


def build_sections(articles: pd.DataFrame, quotes: pd.DataFrame, figures: pd.DataFrame,
                   n_figures: int = 12, n_quotes: int = 8) -> dict:
    """The brief's content: headline numbers and the three tables. Outlets are the named ones (articles naming
    none are counted apart, `unknown_outlet`); quotes are the rows that are not fragments, full or partial."""
    n_full = int((~quotes["fragment"].astype(bool)).sum()) if quotes is not None and "fragment" in quotes else (
        len(quotes) if quotes is not None else 0)
    return {
        "numbers": {**article_numbers(articles), "quotes": n_full, "figures": 0 if figures is None else len(figures)},
        "stance": stance_per_outlet(articles),
        "figures": key_figures(figures, n_figures),
        "quotes": top_quotes(quotes, n_quotes),
    }


# ------------------------------------------------------------------------------------------------ Markdown

def _headed(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with plain-English headers (lib/labels) for reading."""
    return frame.rename(columns=labels.header)


def _md_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "_None._\n"
    head = "| " + " | ".join(md_escape(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body]) + "\n"


def to_markdown(sections: dict, title: str = "Ceasefire talks coverage: meeting brief",
                scope: str = "", generated: str = "") -> str:
    """The brief as Markdown (every article-derived value escaped)."""
    n = sections["numbers"]
    lines = [f"# {md_escape(title)}", ""]
    if generated or scope:
        lines += [md_escape(" · ".join(x for x in (generated, scope) if x)), ""]
    lines += [_numbers_line(n, strong=lambda t: f"**{md_escape(t)}**", plain=md_escape), ""]
    lines += ["## Stance toward the talks, by outlet", "", _md_table(_headed(sections["stance"]))]
    figs = sections["figures"].copy()
    lines += ["## Key figures and their sources", ""]
    if figs.empty:
        lines += ["_None._", ""]
    for row in figs.itertuples(index=False):
        source = ", ".join(x for x in (row.attributed_to, row.outlet) if x)
        extra = ", ".join(x for x in (row.qualifier if row.qualifier not in ("", "exact") else "", row.period) if x)
        lines.append(f"- **{md_escape(row.category)}: {md_escape(row.figure)}**"
                     + (f" ({md_escape(extra)})" if extra else "")
                     + f" — {md_escape(source)}. _{md_escape(row.headline)}_: “{md_escape(row.sentence)}”")
    lines += ["", "## Top quotes", ""]
    if sections["quotes"].empty:
        lines += ["_None._"]
    for row in sections["quotes"].itertuples(index=False):
        lines.append(f"- “{md_escape(row.quote)}” — **{md_escape(row.speaker)}**, {md_escape(row.outlet)}"
                     + (f", {md_escape(row.published)}" if row.published else "") + f" (_{md_escape(row.headline)}_)")
    return "\n".join(lines).rstrip() + "\n"


def _numbers_line(n: dict, strong=lambda t: t, plain=lambda t: t) -> str:
    """"**5 articles** from **2 outlets** (3 articles naming none), published … (3 undated); 25 quotes and 12
    figures.", the two counts through `strong` and the rest through `plain` (each format's escaping)."""
    plain = _spaced(plain)
    line = strong(labels.plural(n["articles"], "article")) + plain(" from ") + \
        strong(labels.plural(n["outlets"], "outlet"))
    rest = f" ({labels.plural(n['unknown_outlet'], 'article')} naming none)" if n.get("unknown_outlet") else ""
    rest += f", published {n['dates']}" + (f" ({n['undated']} undated)" if n["undated"] else "")
    rest += f"; {labels.plural(n['quotes'], 'quote')} and {labels.plural(n['figures'], 'figure')}."
    if "voices" in n:  # counted with the switch on (voice_counts.brief_sections): say so
        rest += f" Copies counted once: {labels.plural(n['voices'], 'independent voice')}."
    return line + plain(rest)


def _copies_text(row: dict) -> str:
    """"; 2 copies of APP" for an outlet's stance row counted with copies once (voice_counts), else ""."""
    n = int(row.get("copies") or 0)
    return f"; {labels.plural(n, 'copy', 'copies')} of {row.get('carries') or 'others'}" if n else ""


def _spaced(escape):
    """`escape` keeping the text's leading and trailing spaces (Markdown escaping trims them)."""
    def spaced(text: str) -> str:
        return text[:len(text) - len(text.lstrip())] + escape(text.strip()) + text[len(text.rstrip()):]

    return spaced


def to_text(sections: dict, title: str = "Ceasefire talks coverage: meeting brief", scope: str = "",
            generated: str = "") -> str:
    """The brief as plain text, to paste into an e-mail or a note: no markup, no escapes."""
    n = sections["numbers"]
    lines = [title, "=" * len(title), ""]
    if generated or scope:
        lines += [" · ".join(x for x in (generated, scope) if x), ""]
    lines += [_numbers_line(n), "", "Stance toward the talks, by outlet", "-" * 34]
    stance = sections["stance"]
    if stance.empty:
        lines.append("None.")
    for row in stance.to_dict("records"):
        counts = ", ".join(f"{row[label]} {label}" for label in STANCE_ORDER if row.get(label))
        score = row["mean score"]
        lines.append(f"{row['outlet']}: {labels.plural(int(row['articles']), 'article')}"
                     + ("" if row.get("copies") and not counts else f" ({counts})")  # an outlet that only copies
                     + ("" if pd.isna(score) else f", mean score {score:+.2f}")
                     + _copies_text(row))
    lines += ["", "Key figures and their sources", "-" * 29]
    if sections["figures"].empty:
        lines.append("None.")
    for row in sections["figures"].itertuples(index=False):
        source = ", ".join(x for x in (row.attributed_to, row.outlet) if x)
        extra = ", ".join(x for x in (row.qualifier if row.qualifier not in ("", "exact") else "", row.period) if x)
        lines.append(f"- {row.category}: {row.figure}" + (f" ({extra})" if extra else "") + f" — {source}."
                     + f" {row.headline}: “{' '.join(row.sentence.split())}”")
    lines += ["", "Top quotes", "-" * 10]
    if sections["quotes"].empty:
        lines.append("None.")
    for row in sections["quotes"].itertuples(index=False):
        lines.append(f"- “{' '.join(row.quote.split())}” — {row.speaker}, {row.outlet}"
                     + (f", {row.published}" if row.published else "") + f" ({row.headline})")
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------------------------------------ HTML

_CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;"
        "padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}"
        "blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #0072B2}.src{color:#555;font-size:.9em}")


def _html_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p><em>None.</em></p>"
    head = "".join(f"<th>{_h(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{_h(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(sections: dict, title: str = "Ceasefire talks coverage: meeting brief",
            scope: str = "", generated: str = "") -> str:
    """The brief as one standalone HTML page; every value goes through html.escape, no script, no link; the
    stance by outlet drawn as an SVG image (a data: URI)."""
    n = sections["numbers"]
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{_h(title)}</title><style>{_CSS}</style></head><body>", f"<h1>{_h(title)}</h1>"]
    if generated or scope:
        parts.append(f'<p class="src">{_h(" · ".join(x for x in (generated, scope) if x))}</p>')
    parts.append(f"<p>{_numbers_line(n, strong=lambda t: f'<strong>{_h(t)}</strong>', plain=_h)}</p>")
    svg = svgchart.stance_by_outlet_svg(sections["stance"])
    parts += ["<h2>Stance toward the talks, by outlet</h2>",
              f'<p><img src="{svgchart.data_uri(svg)}" alt="Stance toward the talks, by outlet: bar chart of '
              f'the table below" width="640"></p>', _html_table(_headed(sections["stance"]))]
    parts.append("<h2>Key figures and their sources</h2>")
    figs = sections["figures"]
    if figs.empty:
        parts.append("<p><em>None.</em></p>")
    else:
        parts.append("<ul>")
        for row in figs.itertuples(index=False):
            source = ", ".join(x for x in (row.attributed_to, row.outlet) if x)
            extra = ", ".join(x for x in (row.qualifier if row.qualifier not in ("", "exact") else "", row.period)
                              if x)
            parts.append(f"<li><strong>{_h(row.category)}: {_h(row.figure)}</strong>"
                         + (f" ({_h(extra)})" if extra else "") + f" — {_h(source)}"
                         + f'<br><span class="src"><em>{_h(row.headline)}</em>: “{_h(row.sentence)}”</span></li>')
        parts.append("</ul>")
    parts.append("<h2>Top quotes</h2>")
    if sections["quotes"].empty:
        parts.append("<p><em>None.</em></p>")
    for row in sections["quotes"].itertuples(index=False):
        parts.append(f"<blockquote>“{_h(row.quote)}”<br><span class=\"src\">— <strong>{_h(row.speaker)}</strong>, "
                     f"{_h(row.outlet)}" + (f", {_h(row.published)}" if row.published else "")
                     + f" (<em>{_h(row.headline)}</em>)</span></blockquote>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------------------------------------ entities

# A cell listing file names names at most this many (then "… and 9,980 more"): an entity named in 10,000
# articles must not put 10,000 names into a table cell or a chart's hover text.
NAMES_SHOWN = 20
MENTION_COLUMNS = ["article_id", "entity", "label", "mentions", "outlet", "file"]


def names_cell(names, total: Optional[int] = None, limit: int = NAMES_SHOWN, sep: str = ", ") -> str:
    """The first `limit` of `names` joined by `sep`, then how many more there are (of `total`, default all):
    "a.txt, b.txt, … and 9,980 more"."""
    names = list(names)
    total = len(names) if total is None else total
    listed = min(limit, len(names))
    shown = sep.join(str(n) for n in names[:listed])
    return shown + (f"{sep}… and {total - listed:,} more" if total > listed else "")


def entity_mentions(entities: pd.DataFrame) -> pd.DataFrame:
    """Entity rows (one per mention) counted per article: article_id, entity (canonical name, else the name as
    written), label, mentions, outlet, file; what `store.entity_mentions` computes in the database."""
    if entities is None or entities.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    work = pd.DataFrame({"article_id": entities["article_id"].values,
                         "entity": _text(entities, "canonical").where(_text(entities, "canonical") != "",
                                                                      _text(entities, "text")).values,
                         "label": entities["label"].values, "outlet": entities["outlet"].values,
                         "file": entities["file"].values})
    out = work.groupby(["article_id", "entity", "label"], dropna=False, sort=True).agg(
        mentions=("file", "size"), outlet=("outlet", "first"), file=("file", "first")).reset_index()
    return out[MENTION_COLUMNS]


def _grouped_mentions(mentions: pd.DataFrame, groups: Optional[tuple[str, ...]], names: str = "file") -> pd.DataFrame:
    """The mentions of the groups asked for, with `group`, `outlet` labelled, and `file` holding what the cells
    list for an article: the column `names` (the file name, or the article's headline on the dashboard)."""
    work = mentions.copy()
    work["group"] = work["label"].map(ENTITY_GROUPS).fillna("other")
    if groups:
        work = work[work["group"].isin(groups)]
    work["outlet"] = _text(work, "outlet").replace("", UNKNOWN)
    work["file"] = _text(work, names)
    return work


def entity_counts_from_mentions(mentions: pd.DataFrame, groups: Optional[tuple[str, ...]] = None,
                                names: str = "file") -> pd.DataFrame:
    """`entity_counts` from the per-article counts of `entity_mentions` (or of `store.entity_mentions`); the
    `files` cell lists each article's `names` column (its file, or its headline)."""
    cols = ["entity", "group", "mentions", "articles", "outlets", "files"]
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=cols)
    work = _grouped_mentions(mentions, groups, names)
    if work.empty:
        return pd.DataFrame(columns=cols)
    keys = ["entity", "group"]
    out = work.groupby(keys).agg(mentions=("mentions", "sum"), articles=("article_id", "nunique"))
    outlets = work[[*keys, "outlet"]].drop_duplicates().sort_values([*keys, "outlet"])
    out["outlets"] = outlets.groupby(keys)["outlet"].agg(", ".join)
    files = work[[*keys, "file"]].drop_duplicates().sort_values([*keys, "file"])
    n_files = files.groupby(keys).size()
    first = files.groupby(keys).head(NAMES_SHOWN).groupby(keys)["file"].agg(list)
    out["files"] = [names_cell(first[k], n_files[k]) for k in out.index]
    out = out.reset_index()
    out["mentions"] = out["mentions"].astype(int)
    return out.sort_values(["articles", "mentions", "entity"], ascending=[False, False, True])[cols] \
        .reset_index(drop=True)


def entity_counts(entities: pd.DataFrame, groups: Optional[tuple[str, ...]] = None) -> pd.DataFrame:
    """Per canonical entity: group (people, organisations, places, groups, events), mentions, articles, outlets,
    files (the first NAMES_SHOWN, then how many more). Most articles first."""
    return entity_counts_from_mentions(entity_mentions(entities), groups)


def cooccurrence_from_mentions(mentions: pd.DataFrame, top: int = 15, groups: Optional[tuple[str, ...]] = None,
                               counts: Optional[pd.DataFrame] = None, names: str = "file") -> pd.DataFrame:
    """`cooccurrence` from the per-article counts of `entity_mentions` (`counts`: their `entity_counts`, when
    already made). An article × entity table of the `top` entities, so 10,000 articles take milliseconds."""
    cols = ["entity_a", "entity_b", "articles", "files"]
    if counts is None:
        counts = entity_counts_from_mentions(mentions, groups)
    if counts.empty:
        return pd.DataFrame(columns=cols)
    keep = set(counts["entity"].head(top))
    work = mentions[mentions["entity"].isin(keep)]  # the entity's articles under any label, as named
    if work.empty:
        return pd.DataFrame(columns=cols)
    work = work.assign(file=_text(work, names))
    article_file = work.groupby("article_id", sort=True)["file"].first().sort_values(kind="stable")
    named = sorted(set(work["entity"]))
    row = pd.Series(np.arange(len(article_file)), index=article_file.index)[work["article_id"]].to_numpy()
    col = pd.Series(np.arange(len(named)), index=named)[work["entity"]].to_numpy()
    table = np.zeros((len(article_file), len(named)), dtype=bool)  # article (in file order) × entity
    table[row, col] = True
    present = {name: table[:, j] for j, name in enumerate(named)}
    files = article_file.to_numpy()
    rows = []
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            both = present[a] & present[b]
            n = int(both.sum())
            if n:
                shared = files[both]
                rows.append({"entity_a": a, "entity_b": b, "articles": n,
                             "files": names_cell(shared[:NAMES_SHOWN], n)})
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(rows, columns=cols).sort_values(["articles", "entity_a", "entity_b"],
                                                        ascending=[False, True, True]).reset_index(drop=True)


def cooccurrence(entities: pd.DataFrame, top: int = 15, groups: Optional[tuple[str, ...]] = None) -> pd.DataFrame:
    """Who appears with whom: pairs of the `top` entities (by articles) named in the same article, with the
    number of shared articles and their files (the first NAMES_SHOWN, then how many more). Most shared first."""
    return cooccurrence_from_mentions(entity_mentions(entities), top, groups)


def cooccurrence_matrix(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pair table as a symmetric entity × entity matrix of shared articles (for a heatmap)."""
    if pairs is None or pairs.empty:
        return pd.DataFrame()
    names = sorted(set(pairs["entity_a"]) | set(pairs["entity_b"]))
    matrix = pd.DataFrame(0, index=names, columns=names)
    for row in pairs.itertuples(index=False):
        matrix.loc[row.entity_a, row.entity_b] = row.articles
        matrix.loc[row.entity_b, row.entity_a] = row.articles
    return matrix
