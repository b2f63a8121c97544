"""The dashboard's charts as Plotly figures, built from the page views (lib/views.py); no streamlit here, so each
chart is tested as data. What every chart keeps to:

- a point sits at its exact value or date; points that would cover each other are spread vertically about their
  row (lib/views.dodge), never sideways; categorical rows are drawn as numbered rows with their names as ticks;
- stance and sentiment axes are fixed at their full range, −1 … +1, whatever the filters select; counts have whole
  number ticks; colours come from lib/palette (they read on white and for colour-blind readers);
- hover text names an article by its headline, outlet and date, in words (never "published=null" or "size=1.04");
- every string that comes from an article, a file or a page (outlet, title, speaker, entity, label) is escaped
  for Plotly's label markup by `safe_figure`, the one helper every chart passes through (lib/app/widgets.chart).
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from lib.escape import plotly_escape
from lib.palette import CATEGORICAL, DIVERGING, EVENT_BAND, KIND_COLORS, SINGLE, STANCE_COLORS

TEMPLATE = "plotly_white"
# Every chart here uses TEMPLATE: as the default, a new Figure starts from it instead of loading Plotly's own
# default template first (a second template costs ~0.07 s of the dashboard's first render).
pio.templates.default = TEMPLATE

STANCE_ORDER = list(STANCE_COLORS)
FULL_RANGE = [-1.08, 1.08]  # a −1 … +1 axis with room for the points at its ends
SCORE_TICKS = dict(tickvals=[-1, -0.5, 0, 0.5, 1], ticktext=["−1", "−0.5", "0", "+0.5", "+1"])
MARKER_LINE = dict(width=1, color="#ffffff")
# Trace attributes that may hold text from the data, escaped by `safe_figure`.
TRACE_TEXT = ("x", "y", "z", "text", "hovertext", "customdata", "ids", "labels", "parents", "name", "legendgroup")
AXIS_TEXT = ("ticktext", "categoryarray")


# ------------------------------------------------------------------------------------------------ escaping

def _escaped(value):
    if isinstance(value, str):
        return plotly_escape(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "OUS":
            return np.vectorize(plotly_escape, otypes=[object])(value) if value.size else value
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_escaped(v) for v in value)
    return value


def safe_figure(fig: go.Figure) -> go.Figure:
    """Every data string of every trace (x, y, text, hover text, custom data, names) and every axis tick text
    escaped for Plotly's label markup (`<` `>` `&`): an outlet of `<span style=…>` or `<a href=…>` shows as
    written and can neither fetch anything nor link anywhere. Titles and annotations are the app's own."""
    for trace in fig.data:
        for attr in TRACE_TEXT:
            if attr in trace and trace[attr] is not None:
                trace[attr] = _escaped(trace[attr])
    for name in fig.layout:
        if name.startswith(("xaxis", "yaxis")):
            axis = fig.layout[name]
            for attr in AXIS_TEXT:
                if axis[attr] is not None:
                    axis[attr] = _escaped(axis[attr])
    return fig


# ------------------------------------------------------------------------------------------------ helpers

def count_axis(fig: go.Figure, axis: str, max_value: float) -> None:
    """A count axis: whole-number ticks only (every number up to 10, else Plotly's round steps), from zero."""
    settings = dict(tickformat=",d", rangemode="tozero", tick0=0)
    if max_value <= 10:
        settings.update(dtick=1, range=[0, max(1, max_value) + 0.4])
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**settings)


def _rows_axis(fig: go.Figure, rows: Sequence[str], axis: str = "y") -> None:
    """Categorical rows drawn at whole positions (the first row on top) with their names as ticks."""
    n = len(rows)
    settings = dict(tickvals=list(range(n)), ticktext=list(reversed(list(rows))), range=[-0.6, n - 0.4],
                    showgrid=True, gridcolor="#e5e5e5", zeroline=False, title_text="")
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(**settings)


def _layout(fig: go.Figure, title: str, height: Optional[int] = None) -> go.Figure:
    fig.update_layout(title=dict(text=title), template=TEMPLATE, hoverlabel=dict(align="left"),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
                      **({"height": height} if height else {}))
    return fig


def _custom(frame: pd.DataFrame, columns: Iterable[str]) -> np.ndarray:
    return frame[list(columns)].astype("object").to_numpy()


# ------------------------------------------------------------------------------------------------ articles

def article_strip(points: pd.DataFrame, rows: Sequence[str], x: str, x_title: str, title: str,
                  extra_hover: str = "") -> go.Figure:
    """One point per article on its outlet's row, at its exact `x` (a score on a fixed −1 … +1 axis), coloured by
    stance; customdata: article_id, headline, outlet, date, stance, score, sentiment, evidence."""
    fig = go.Figure()
    hover = ("<b>%{customdata[1]}</b><br>%{customdata[2]} · %{customdata[3]}<br>"
             "Stance: %{customdata[4]} (%{customdata[5]:+.2f})<br>Sentiment: %{customdata[6]:+.2f}"
             + extra_hover + "<extra></extra>")
    data = points.assign(_sentiment=points.get("polarity_adjusted", 0.0),
                         _evidence=points.get("hover_evidence", ""))
    for stance in STANCE_ORDER:
        part = data[data["stance"] == stance]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part[x], y=part["y"], mode="markers", name=stance, legendgroup=stance,
            marker=dict(size=14, color=STANCE_COLORS[stance], line=MARKER_LINE),
            customdata=_custom(part, ["article_id", "hover_headline", "outlet", "date_text", "stance",
                                      "stance_score", "_sentiment", "_evidence"]),
            hovertemplate=hover))
    _rows_axis(fig, rows)
    fig.update_xaxes(range=FULL_RANGE, zeroline=True, zerolinecolor="#999", title_text=x_title, **SCORE_TICKS)
    return _layout(fig, title)


def stance_over_time(long: pd.DataFrame, periods: Sequence[str], max_count: int, title: str) -> go.Figure:
    """Articles per stance and period, stacked, on a count axis."""
    fig = go.Figure()
    for stance in STANCE_ORDER:
        part = long[long["stance"] == stance]
        if part.empty:
            continue
        fig.add_trace(go.Bar(x=part["period"], y=part["articles"], name=stance, marker_color=STANCE_COLORS[stance],
                             customdata=_custom(part, ["stance"]),
                             hovertemplate="%{x}: %{y} %{customdata[0]} article(s)<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(periods), title_text="Published")
    fig.update_yaxes(title_text="Articles")
    count_axis(fig, "y", max_count)
    return _layout(fig, title)


# ------------------------------------------------------------------------------------------------ speakers

def _diverging_colorbar(title: str) -> dict:
    return dict(colorscale=DIVERGING, cmin=-1, cmax=1,
                colorbar=dict(title=dict(text=title), tickvals=[-1, 0, 1], ticktext=["−1", "0", "+1"]))


def speakers_bar(top: pd.DataFrame, title: str) -> go.Figure:
    """Quotes per speaker (a count axis), each bar coloured by the mean sentiment of their words on a fixed
    −1 … +1 scale that never fades to white."""
    top = top.iloc[::-1]  # the most quoted on top
    fig = go.Figure(go.Bar(
        x=top["n_quotes"], y=top["speaker"], orientation="h",
        marker=dict(color=top["polarity_adjusted"].fillna(0.0), line=dict(width=1, color="#555"),
                    **_diverging_colorbar("Sentiment")),
        customdata=_custom(top.assign(_tone=top["polarity_adjusted"].fillna(0.0)),
                           ["speaker", "lean", "n_articles", "_tone"]),
        hovertemplate="<b>%{customdata[0]}</b><br>%{x} quote(s) in %{customdata[2]} article(s)<br>"
                      "Lean: %{customdata[1]} · sentiment %{customdata[3]:+.2f}<extra></extra>"))
    fig.update_xaxes(title_text="Quotes")
    count_axis(fig, "x", int(top["n_quotes"].max()) if len(top) else 0)
    fig.update_yaxes(title_text="")
    return _layout(fig, title)


def quotes_per_speaker(per_speaker: pd.DataFrame, title: str) -> go.Figure:
    """Quotes per speaker, the most quoted on top; customdata: speaker, articles."""
    data = per_speaker.iloc[::-1]
    fig = go.Figure(go.Bar(x=data["quotes"], y=data["speaker"], orientation="h", marker_color=SINGLE,
                           customdata=_custom(data, ["speaker", "articles"]),
                           hovertemplate="<b>%{customdata[0]}</b>: %{x} quote(s)<br>%{customdata[1]}"
                                         "<extra></extra>"))
    fig.update_xaxes(title_text="Quotes")
    count_axis(fig, "x", int(per_speaker["quotes"].max()) if len(per_speaker) else 0)
    fig.update_yaxes(title_text="")
    return _layout(fig, title)


def speaker_outlet_grid(grid: pd.DataFrame, speakers: Sequence[str], title: str) -> go.Figure:
    """Speaker × outlet: a circle per pair sized by its quotes, coloured by their mean sentiment (−1 … +1)."""
    outlets = sorted(set(grid["outlet"]), key=lambda o: (o == "unknown", o.lower()))
    rows = list(speakers)
    data = grid.assign(_x=grid["outlet"].map({o: i for i, o in enumerate(outlets)}),
                       _y=grid["speaker"].map({s: len(rows) - 1 - i for i, s in enumerate(rows)}))
    size = 10 + 26 * np.sqrt(data["quotes"] / max(1, data["quotes"].max()))
    fig = go.Figure(go.Scatter(
        x=data["_x"], y=data["_y"], mode="markers",
        marker=dict(size=size, color=data["sentiment"], line=dict(width=1, color="#555"),
                    **_diverging_colorbar("Sentiment")),
        customdata=_custom(data, ["speaker", "outlet", "quotes", "sentiment", "articles"]),
        hovertemplate="<b>%{customdata[0]}</b> in %{customdata[1]}<br>%{customdata[2]} quote(s), mean sentiment "
                      "%{customdata[3]:+.2f}<br>%{customdata[4]}<extra></extra>"))
    _rows_axis(fig, rows)
    fig.update_xaxes(tickvals=list(range(len(outlets))), ticktext=outlets, range=[-0.6, len(outlets) - 0.4],
                     title_text="Outlet", showgrid=True, gridcolor="#e5e5e5")
    return _layout(fig, title)


# ------------------------------------------------------------------------------------------------ figures

def figures_by_source(by_source: pd.DataFrame, categories: Sequence[str], max_count: int, title: str) -> go.Figure:
    """Figures cited per category, one bar per outlet (colours in a fixed order); customdata: category, outlet,
    figures as written, articles."""
    fig = go.Figure()
    outlets = sorted(set(by_source["outlet"]), key=lambda o: (o == "unknown", o.lower()))
    for i, outlet in enumerate(outlets):
        part = by_source[by_source["outlet"] == outlet]
        fig.add_trace(go.Bar(x=part["category"], y=part["figures"], name=outlet,
                             marker_color=CATEGORICAL[i % len(CATEGORICAL)],
                             customdata=_custom(part, ["category", "outlet", "cited", "articles"]),
                             hovertemplate="<b>%{customdata[1]}</b>, %{customdata[0]}: %{y} figure(s)<br>"
                                           "%{customdata[2]}<br>%{customdata[3]}<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[c for c in categories
                                                                           if c in set(by_source["category"])],
                     title_text="Category")
    fig.update_yaxes(title_text="Figures cited")
    count_axis(fig, "y", max_count)
    return _layout(fig, title)


# ------------------------------------------------------------------------------------------------ timeline

def timeline(points: pd.DataFrame, events: pd.DataFrame, x_range: Sequence, rows: Sequence[str],
             title: str) -> go.Figure:
    """Articles (coloured by stance), figures and quotes, each at its exact publication date on its kind's row
    (spread vertically where several share a day); the talks' events as bands, labelled above the plot, clear
    of the data. customdata: article_id, label, headline, outlet, date."""
    colours = {**STANCE_COLORS, **KIND_COLORS}
    fig = go.Figure()
    for colour in [*STANCE_ORDER, *KIND_COLORS]:
        part = points[points["colour"] == colour]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["y"], mode="markers", name=colour if colour in KIND_COLORS else f"article: {colour}",
            marker=dict(size=11, color=colours[colour], line=MARKER_LINE),
            customdata=_custom(part, ["article_id", "hover_label", "hover_headline", "outlet", "date_text"]),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]} · %{customdata[4]}"
                          "<extra></extra>"))
    day = pd.Timedelta(days=1)
    for i, ev in enumerate(events.itertuples()):
        fig.add_vrect(x0=ev.start, x1=ev.end + day, fillcolor=EVENT_BAND, opacity=0.15, line_width=0, layer="below")
        fig.add_annotation(x=ev.start, y=1.0, yref="paper", xanchor="left", yanchor="bottom", yshift=2 + 16 * (i % 2),
                           text=plotly_escape(ev.label), showarrow=False, font=dict(size=11, color="#333"),
                           hovertext=plotly_escape(ev.description))
    _rows_axis(fig, [r + "s" for r in rows])
    fig.update_xaxes(range=list(x_range), title_text="Published", tickformat="%-d %b", dtick=86_400_000 * 2,
                     showgrid=True, gridcolor="#eeeeee")
    _layout(fig, title)
    fig.update_layout(legend=dict(y=-0.22, yanchor="top"), margin=dict(t=110))
    return fig


# ------------------------------------------------------------------------------------------------ entities

def entities_bar(top: pd.DataFrame, title: str) -> go.Figure:
    """Articles naming each entity (a count axis), coloured by kind; customdata: entity, kind, mentions,
    outlets."""
    data = top.iloc[::-1]
    groups = list(dict.fromkeys(top["group"]))
    fig = go.Figure()
    for i, group in enumerate(groups):
        part = data[data["group"] == group]
        fig.add_trace(go.Bar(x=part["articles"], y=part["entity"], orientation="h", name=group,
                             marker_color=CATEGORICAL[i % len(CATEGORICAL)],
                             customdata=_custom(part, ["entity", "group", "mentions", "outlets"]),
                             hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{x} article(s), "
                                           "%{customdata[2]} mention(s)<br>%{customdata[3]}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["entity"]), title_text="")
    fig.update_xaxes(title_text="Articles naming it")
    count_axis(fig, "x", int(top["articles"].max()) if len(top) else 0)
    return _layout(fig, title)


def entities_heatmap(matrix: pd.DataFrame, title: str) -> go.Figure:
    """Articles naming both (row × column), counts written in the cells."""
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=list(matrix.columns), y=list(matrix.index),
                               colorscale="Blues", texttemplate="%{z}", zmin=0,
                               colorbar=dict(title=dict(text="Articles")),
                               hovertemplate="%{y} and %{x}: %{z} article(s)<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title)
