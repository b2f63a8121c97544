"""lib/brief.py: the meeting brief as Markdown and HTML (every value escaped), and the entity tables."""
from __future__ import annotations

import base64
import html
import re

import pandas as pd
import pytest

from lib import brief

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) $x$ :red[y] | **b**'


def frames(hostile: str = ""):
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"], "file": ["a.txt", "b.txt", f"{hostile}c.txt"],
        "title": ["A", None, hostile or "C"], "outlet": ["Dawn", "Dawn", hostile or None],
        "published": ["2025-11-07", "2025-11-08", None],
        "stance": ["hopeful", "pessimistic", "insufficient evidence"], "stance_score": [0.6, -0.4, 0.0]})
    quotes = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a3"], "speaker": ["Khawaja Asif", "sources", "Zabihullah Mujahid", "X"],
        "speaker_origin": ["named", "role", "named", "named"],
        "quote": ["We will talk again.", "no", f"The talks are over {hostile}", "fragment words"],
        "fragment": [False, False, False, True], "polarity_adjusted": [0.2, 0.0, -0.5, 0.9],
        "outlet": ["Dawn", "Dawn", "Dawn", None], "published": ["2025-11-07", "2025-11-07", "2025-11-08", None],
        "file": ["a.txt", "a.txt", "b.txt", "c.txt"]})
    figures = pd.DataFrame({
        "article_id": ["a1", "a2", "a2"], "category": ["economy", "refugees", "deportations"],
        "text": ["PKR 2.5 billion", "over 1.4 million", "1.7 million"], "value": [2.5e9, 1.4e6, 1.7e6],
        "qualifier": ["exact", "at least", "exact"], "period": ["daily", "", "by September 2025"],
        "attributed_to": ["", "UNHCR", hostile], "outlet": ["Dawn", "Dawn", "Dawn"],
        "file": ["a.txt", "b.txt", "b.txt"], "sentence": ["s1", "s2", f"s3 {hostile}"]})
    return articles, quotes, figures


def test_stance_per_outlet_counts_labels_and_puts_unknown_last():
    articles, _, _ = frames()
    table = brief.stance_per_outlet(articles)
    assert table["outlet"].tolist() == ["Dawn", "unknown"]
    dawn = table.iloc[0]
    assert (dawn["articles"], dawn["hopeful"], dawn["pessimistic"], dawn["mixed"]) == (2, 1, 1, 0)
    assert dawn["mean score"] == pytest.approx(0.1)
    assert pd.isna(table.iloc[1]["mean score"])  # insufficient evidence is not a score of 0


def test_key_figures_put_refugees_and_deportations_first():
    _, _, figures = frames()
    assert brief.key_figures(figures)["category"].tolist() == ["refugees", "deportations", "economy"]
    assert brief.key_figures(figures, limit=1)["figure"].tolist() == ["over 1.4 million"]


def test_top_quotes_leave_out_fragments_and_prefer_named_speakers():
    _, quotes, _ = frames()
    top = brief.top_quotes(quotes)
    assert "fragment words" not in top["quote"].tolist()
    assert top["speaker"].tolist()[:2] == ["Zabihullah Mujahid", "Khawaja Asif"]  # strongest named first
    assert top["speaker"].tolist()[-1] == "sources"


def test_markdown_has_the_sections_and_numbers():
    md = brief.to_markdown(brief.build_sections(*frames()), scope="All articles")
    assert "## Stance toward the talks, by outlet" in md and "## Key figures" in md and "## Top quotes" in md
    # one outlet named; the article naming none is counted apart, not as an outlet called "unknown"
    assert "**3 articles** from **1 outlet** (1 article naming none), published 2025-11-07 to 2025-11-08 " \
        "(1 undated); 3 quotes and 3 figures." in md
    assert "over 1.4 million" in md and "UNHCR" in md and "We will talk again." in md


def test_markdown_escapes_every_markup_character_of_article_text():
    md = brief.to_markdown(brief.build_sections(*frames(HOSTILE)))
    assert not re.search(r"(?<!\\)[<>\[\]$]", md), "an unescaped markup character"
    assert "\\<script\\>" in md
    assert "[link](javascript" not in md and "\\[link\\]" in md
    assert "$x$" not in md and ":red[" not in md
    # a | inside a value never splits a table cell: every table row keeps the header's number of cells
    table = [line for line in md.splitlines() if line.startswith("| ")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table}
    assert len(widths) == 1


def test_html_escapes_every_value_and_has_no_markup_from_text():
    page = brief.to_html(brief.build_sections(*frames(HOSTILE)))
    assert page.startswith("<!DOCTYPE html>")
    # the one image is the stance chart, an SVG as a data: URI; nothing from the text is markup in the page
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 1 and 'src="data:image/svg+xml;base64,' in images[0]
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", images[0]).group(1)).decode()
    assert "<script" not in svg and html.escape("<script>", quote=True) in svg  # the hostile outlet, as text
    page = page.replace(images[0], "")
    assert "<script" not in page and "<img" not in page and "href" not in page
    assert html.escape("<script>alert(1)</script>") in page
    assert html.escape("<img src=x onerror=alert(2)>") in page


@pytest.mark.parametrize("value, expected", [(1400000, "1.4 million"), (2.5e9, "2.5 billion"), (1500, "1,500"),
                                             (None, ""), (float("nan"), ""), (80, "80")])
def test_fmt_value(value, expected):
    assert brief.fmt_value(value) == expected


def test_md_escape_is_plain_for_plain_text():
    assert brief.md_escape("Over 1.4 million  refugees\nleft.") == "Over 1.4 million refugees left."
    assert brief.md_escape(None) == ""


def entities_frame():
    rows = [("a1", "a.txt", "Dawn", "Khawaja Asif", "PERSON"), ("a1", "a.txt", "Dawn", "Khawaja Asif", "PERSON"),
            ("a1", "a.txt", "Dawn", "Qatar", "GPE"), ("a1", "a.txt", "Dawn", "Zabihullah Mujahid", "PERSON"),
            ("a2", "b.txt", None, "Khawaja Asif", "PERSON"), ("a2", "b.txt", None, "Qatar", "GPE"),
            ("a3", "c.txt", "Geo", "TTP", "ORG")]
    return pd.DataFrame(rows, columns=["article_id", "file", "outlet", "canonical", "label"]).assign(
        text=lambda f: f["canonical"])


def test_entity_counts_by_group():
    counts = brief.entity_counts(entities_frame())
    asif = counts[counts["entity"] == "Khawaja Asif"].iloc[0]
    assert (asif["group"], asif["mentions"], asif["articles"], asif["files"]) == ("people", 3, 2, "a.txt, b.txt")
    assert asif["outlets"] == "Dawn, unknown"
    assert counts.iloc[0]["entity"] in {"Khawaja Asif", "Qatar"}
    people = brief.entity_counts(entities_frame(), ("people",))
    assert set(people["entity"]) == {"Khawaja Asif", "Zabihullah Mujahid"}


def test_cooccurrence_pairs_and_matrix():
    pairs = brief.cooccurrence(entities_frame())
    top = pairs.iloc[0]
    assert (top["entity_a"], top["entity_b"], top["articles"], top["files"]) == (
        "Khawaja Asif", "Qatar", 2, "a.txt, b.txt")
    assert not ((pairs["entity_a"] == "TTP") | (pairs["entity_b"] == "TTP")).any()  # alone in its article
    matrix = brief.cooccurrence_matrix(pairs)
    assert matrix.loc["Qatar", "Khawaja Asif"] == matrix.loc["Khawaja Asif", "Qatar"] == 2
    assert brief.cooccurrence(entities_frame().iloc[0:0]).empty


def test_articles_are_named_by_headline_never_by_file():
    articles, quotes, figures = frames()
    quotes = quotes.assign(headline=["Talks resume", "Talks resume", "Talks are over", "Untitled"])
    figures = figures.assign(headline=["Talks resume", "Talks are over", "Talks are over"])
    sections = brief.build_sections(articles, quotes, figures)
    for text in (brief.to_markdown(sections), brief.to_html(sections), brief.to_text(sections)):
        assert "Talks are over" in text and "Talks resume" in text
        assert not re.search(r"\b[abc]\.txt\b", text), "a file name stands in for an article"
    titled = brief.build_sections(*frames())  # no headline column: the title, never the file
    assert "b.txt" not in brief.to_markdown(titled) and "Untitled article" in brief.to_markdown(titled)


def test_plain_text_brief_has_no_markdown_escapes():
    text = brief.to_text(brief.build_sections(*frames()))
    assert "\\" not in text and "**" not in text and "| " not in text
    assert HOSTILE in brief.to_text(brief.build_sections(*frames(HOSTILE)))  # plain text: written as it is
    assert "3 articles from 1 outlet (1 article naming none)" in text
    assert "Dawn: 2 articles (1 hopeful, 1 pessimistic), mean score +0.10" in text


def test_markdown_reads_without_needless_backslashes():
    """Colons, ampersands and exclamation marks in running text need no escape: the Markdown file reads as
    written in a text editor."""
    articles, quotes, figures = frames()
    quotes.loc[0, "quote"] = "Talks: resumed! Q&A at 10 am."
    md = brief.to_markdown(brief.build_sections(articles, quotes, figures))
    assert "“Talks: resumed! Q&A at 10 am.”" in md


def test_stance_chart_svg_has_a_bar_per_outlet_with_whole_number_ticks():
    from lib import svgchart

    stance = brief.stance_per_outlet(frames()[0])
    svg = svgchart.stance_by_outlet_svg(stance)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<title>") == 3  # one bar segment per (outlet, label) with articles: Dawn ×2, unknown ×1
    ticks = re.findall(r'font-size:11px" fill="#555">([^<]+)<', svg)
    assert ticks == ["0", "1", "2"]
