"""lib/app/plots.py and lib/palette.py: the charts as data. Untrusted text never reaches Plotly as markup; points
sit at their exact value or date (spread vertically, never sideways); stance and sentiment axes are fixed at
−1 … +1; counts have whole-number ticks; colours read on white; hover text has no raw internals."""
from __future__ import annotations

import functools
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from lib import palette, timeline, views
from lib.app import plots

EVIL = '<span style="background-image:url(http://127.0.0.1:9/x)">Evil</span> <a href="http://127.0.0.1:9/">Outlet</a>'


def articles(outlets=("Dawn", EVIL, None), scores=(0.5, -0.4, 0.02), dates=("2025-11-02", "2025-11-08", None)):
    n = len(outlets)
    return pd.DataFrame({
        "article_id": [f"{i:064x}" for i in range(n)], "file": [f"00{i}_96652117fce664ee.txt" for i in range(n)],
        "title": [f"Talks {i} <b>bold</b>" for i in range(n)], "headline": [f"Talks {i} <b>bold</b>" for i in range(n)],
        "outlet": list(outlets), "published": list(dates), "stance": ["hopeful", "pessimistic", "mixed"][:n],
        "stance_score": list(scores), "polarity_adjusted": [0.05, -0.1, 0.0][:n], "polarity": [0.0] * n,
        "subjectivity": [0.3] * n, "evidence_hopeful": [["We hope."], [], []][:n],
        "evidence_pessimistic": [[], ["It is over <i>now</i>."], []][:n]})


def quotes(frame):
    return pd.DataFrame({
        "article_id": frame["article_id"].repeat(2).values, "file": frame["file"].repeat(2).values,
        "title": frame["title"].repeat(2).values, "headline": frame["headline"].repeat(2).values,
        "outlet": frame["outlet"].repeat(2).values, "published": frame["published"].repeat(2).values,
        "speaker": [EVIL, "Khawaja Asif"] * len(frame), "quote": ["We will <a href='x'>talk</a>.", "No."] * len(frame),
        "fragment": [False, True] * len(frame), "partial": [False] * 2 * len(frame),
        "polarity_adjusted": [0.2, -0.3] * len(frame), "polarity": [0.1, -0.1] * len(frame),
        "stance_cue": [0.5, -0.5] * len(frame), "sentence": ["s"] * 2 * len(frame)})


def figures(frame):
    return pd.DataFrame({
        "article_id": frame["article_id"].values, "file": frame["file"].values, "title": frame["title"].values,
        "headline": frame["headline"].values, "outlet": frame["outlet"].values, "published": frame["published"].values,
        "category": ["refugees", "refugees", "economy"][:len(frame)],
        "text": ["1.4 million <b>x</b>", "3", "9"][:len(frame)],
        "value": [1.4e6, 3.0, 9.0][:len(frame)], "value_high": [None] * len(frame), "unit": ["people"] * len(frame),
        "qualifier": ["exact"] * len(frame), "period": [""] * len(frame), "counted": ["refugees"] * len(frame),
        "attributed_to": [EVIL] * len(frame), "sentence": ["s"] * len(frame), "start_char": [1] * len(frame),
        "end_char": [2] * len(frame)})


CHARTS = ("overview", "sources", "over_time", "speakers", "per_speaker", "grid", "figures", "timeline", "entities",
          "heatmap")


def chart(name: str) -> go.Figure:
    """One chart of the pages, built from views of hostile data (a fresh copy: safe_figure changes a figure)."""
    return go.Figure(_charts()[name])


@functools.lru_cache(maxsize=1)
def _charts():
    arts = articles()
    q, f = quotes(arts), figures(arts)
    over = views.overview(arts, pd.DataFrame({"published": ["2025-11-02"], "n": [1]}), q, f)
    src = views.sources_page(arts, q)
    tl = views.timeline_page(arts, f, q, timeline.KINDS)
    fig_view = views.figures_page(f)
    qv = views.quotes_page(q)
    mentions = pd.DataFrame({"article_id": arts["article_id"], "entity": [EVIL, "Qatar", "Qatar"],
                             "label": ["ORG", "GPE", "GPE"], "mentions": [1, 2, 1], "outlet": arts["outlet"],
                             "file": arts["file"], "headline": arts["headline"]})
    ent = views.entities_page(mentions, ("organisations", "places"))
    pairs = views.entity_pairs(mentions, ("organisations", "places"), 5)
    return {
        "overview": plots.article_strip(over["points"], over["rows"], "stance_score", "x", "t"),
        "sources": plots.article_strip(src["points"], src["rows"], "polarity_adjusted", "x", "t"),
        "over_time": plots.stance_over_time(src["over_time"]["D"]["long"], src["over_time"]["D"]["periods"],
                                            src["over_time"]["D"]["max"], "t"),
        "speakers": plots.speakers_bar(src["speakers"], "t"),
        "per_speaker": plots.quotes_per_speaker(qv["per_speaker"], "t"),
        "grid": plots.speaker_outlet_grid(qv["grid"], qv["per_speaker"]["speaker"].tolist(), "t"),
        "figures": plots.figures_by_source(fig_view["by_source"], views.CATEGORY_ORDER, fig_view["max_bar"], "t"),
        "timeline": plots.timeline(tl["points"], timeline.events_frame(), tl["x_range"], tl["rows"], "t"),
        "entities": plots.entities_bar(ent["counts"], "t"),
        "heatmap": plots.entities_heatmap(pairs["matrix"], "t"),
    }


@pytest.mark.parametrize("name", CHARTS)
def test_no_chart_carries_markup_from_the_data(name):
    fig = chart(name)
    raw = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    assert "<span style" in raw or "<a href" in raw or "<b>bold" in raw or name in ("over_time", "heatmap") \
        or "<i>" in raw  # the markup is there before the helper (the test would pass for nothing otherwise)
    spec = json.dumps(json.loads(plots.safe_figure(fig).to_json()), ensure_ascii=False)
    for markup in ("<span style", "<a href", "<b>bold", "<i>now", "<a href='x'>"):
        assert markup not in spec, (name, markup)
    if name in ("overview", "sources", "figures", "grid"):
        assert "&lt;span style" in spec  # the outlet is still there, as text


def test_safe_figure_escapes_each_string_once():
    fig = plots.safe_figure(chart("overview"))
    ticks = list(fig.layout.yaxis.ticktext)
    assert any(t.startswith("&lt;span") for t in ticks) and "&amp;lt;" not in json.dumps(ticks)


def test_timeline_points_sit_on_their_dates():
    arts = articles(dates=("2025-11-02", "2025-11-08", "2025-11-08"))
    q, f = quotes(arts), figures(arts)
    view = views.timeline_page(arts, f, q, timeline.KINDS)
    fig = plots.timeline(view["points"], timeline.events_frame(), view["x_range"], view["rows"], "t")
    expected = {}
    for _, item in view["points"].iterrows():
        expected.setdefault(item["article_id"], set()).add(item["date"])
    rows = {"article": 2, "figure": 1, "quote": 0}
    seen = 0
    for trace in fig.data:
        assert trace.type == "scatter"  # not a strip (box) trace, which Plotly jitters sideways as it draws
        for x, y, custom in zip(trace.x, trace.y, trace.customdata):
            assert pd.Timestamp(x) in expected[custom[0]]  # exactly on its article's date, never moved sideways
            assert pd.Timestamp(x) == pd.Timestamp(x).normalize()
            assert min(abs(y - r) for r in rows.values()) <= 0.4  # on its kind's row
            seen += 1
    assert seen == len(view["points"])
    # two articles on 8 Nov share a day: spread vertically, both still on 8 Nov
    on_8 = view["points"][(view["points"]["kind"] == "article") & (view["points"]["date"] == "2025-11-08")]
    assert len(on_8) == 2 and on_8["y"].nunique() == 2 and set(on_8["date"]) == {pd.Timestamp("2025-11-08")}


def test_event_labels_sit_above_the_data():
    view = views.timeline_page(articles(), figures(articles()), quotes(articles()), timeline.KINDS)
    fig = plots.timeline(view["points"], timeline.events_frame(), view["x_range"], view["rows"], "t")
    for note in fig.layout.annotations:
        assert note.yref == "paper" and note.y >= 1.0 and note.yanchor == "bottom"


@pytest.mark.parametrize("scores", [(0.5, -0.4, 0.02), (0.01, 0.02, 0.03), (-0.1, -0.15, -0.12)])
def test_score_axes_keep_their_full_range(scores):
    arts = articles(scores=scores)
    over = views.overview(arts, pd.DataFrame({"published": [], "n": []}), quotes(arts), figures(arts))
    src = views.sources_page(arts, quotes(arts))
    for fig in (plots.article_strip(over["points"], over["rows"], "stance_score", "x", "t"),
                plots.article_strip(src["points"], src["rows"], "polarity_adjusted", "x", "t")):
        assert list(fig.layout.xaxis.range) == plots.FULL_RANGE
    for fig in (plots.speakers_bar(src["speakers"], "t"),):
        assert (fig.data[0].marker.cmin, fig.data[0].marker.cmax) == (-1, 1)


@pytest.mark.parametrize("name, axis", [("over_time", "yaxis"), ("speakers", "xaxis"), ("per_speaker", "xaxis"),
                                        ("figures", "yaxis"), ("entities", "xaxis")])
def test_count_axes_have_whole_number_ticks(name, axis):
    layout = _charts()[name].layout[axis]
    assert layout.tickformat == ",d" and layout.dtick == 1 and layout.tick0 == 0


def test_count_axis_of_large_counts_lets_plotly_pick_round_steps():
    fig = plots.quotes_per_speaker(pd.DataFrame({"speaker": ["a"], "quotes": [250], "articles": ["x"]}), "t")
    assert fig.layout.xaxis.dtick is None and fig.layout.xaxis.tickformat == ",d"


def _colours(fig) -> set[str]:
    found = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if marker is not None and isinstance(marker.color, str):
            found.add(marker.color)
        if marker is not None and marker.colorscale is not None:
            found |= {c for _, c in marker.colorscale}
    return found


def test_every_colour_reads_on_white():
    used = set().union(*(_colours(fig) for name, fig in _charts().items() if name != "heatmap"))
    assert used and "#F0E442" not in used and "#EEEEEE" not in {c.upper() for c in used}
    for colour in used | set(palette.CATEGORICAL) | set(palette.STANCE_COLORS.values()):
        if colour.startswith("#"):
            assert palette.contrast_with_white(colour) >= 2.0, colour
    assert palette.contrast_with_white("#EEEEEE") < 2.0  # the old middle of the sentiment scale: near-white


@pytest.mark.parametrize("name", CHARTS)
def test_hover_text_is_words_not_internals(name):
    for trace in _charts()[name].data:
        template = trace.hovertemplate or ""
        assert template, (name, "every trace says what it shows")
        assert "=%{" not in template and "size=" not in template and "null" not in template


def test_overview_points_sit_on_their_outlet_rows():
    arts = articles(outlets=("Dawn", "Dawn", "Geo"), scores=(0.5, 0.51, 0.5))
    over = views.overview(arts, pd.DataFrame({"published": [], "n": []}), quotes(arts), figures(arts))
    points = over["points"].set_index("outlet")
    assert over["rows"] == ["Dawn", "Geo"]
    dawn = points.loc["Dawn", "y"].tolist()
    assert sorted(dawn) != [1.0, 1.0] and all(abs(y - 1) <= 0.4 for y in dawn)  # collided: spread about row 1
    assert points.loc["Geo", "y"] == 0.0  # alone: on its row's line
    assert points["stance_score"].tolist() == [0.5, 0.51, 0.5]  # x never moved
