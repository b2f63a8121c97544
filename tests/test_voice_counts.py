"""lib/voice_counts.py: counts where a group of copies counts once, and the switch that gives today's per-article
counts back. Hand-built frames, the expected counts written out."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import brief, sources, voice_counts, voices

# A wire story (APP) carried by Dawn (the original, first published) and copied by Geo News and Pajhwok; an own
# story of Geo News; an AFP story carried only by TOLOnews (its one copy stands alone among the articles shown:
# the original, on AFP's own site, is not shown); an article of an unknown outlet.
ROWS = [  # article_id, file, outlet, published, added_at, stance, stance_score, polarity_adjusted, agency
    ("w1", "dawn.txt", "Dawn", "2025-11-08", "t1", "hopeful", 0.6, 0.2, "APP"),
    ("w2", "geo.txt", "Geo News", "2025-11-09", "t2", "hopeful", 0.5, 0.1, "APP"),
    ("w3", "pajhwok.txt", "Pajhwok", "2025-11-09", "t3", "hopeful", 0.55, 0.15, ""),
    ("g1", "geo-own.txt", "Geo News", "2025-11-09", "t4", "pessimistic", -0.4, -0.2, ""),
    ("a0", "afp.txt", "AFP", "2025-11-07", "t0", "mixed", 0.0, 0.0, "AFP"),
    ("a1", "tolo.txt", "TOLOnews", "2025-11-08", "t5", "mixed", 0.1, 0.0, "AFP"),
    ("u1", "x.txt", None, None, "t6", "insufficient evidence", 0.0, 0.0, ""),
]
LINKS = [("w1", "w2"), ("w2", "w3"), ("a0", "a1")]


def members() -> pd.DataFrame:
    return pd.DataFrame([r[:5] + (r[8],) for r in ROWS],
                        columns=["article_id", "file", "outlet", "published", "added_at", "agency"])


def articles(shown=None) -> pd.DataFrame:
    """The articles frame as a page has it (the store's columns, then the voices of the whole store)."""
    frame = pd.DataFrame([r[:8] for r in ROWS], columns=["article_id", "file", "outlet", "published", "added_at",
                                                          "stance", "stance_score", "polarity_adjusted"])
    frame["title"] = frame["file"]
    table = voices.assign_voices(members(), pd.DataFrame(LINKS, columns=["article_a", "article_b"]))
    frame = voices.attach_voices(frame, table)
    return frame if shown is None else frame[frame["article_id"].isin(shown)].reset_index(drop=True)


SHOWN = ["w1", "w2", "w3", "g1", "a1", "u1"]  # AFP's own page is filtered out


def quotes() -> pd.DataFrame:
    rows = [("w1", 0, "We will meet again in Istanbul.", False, "Dawn", "2025-11-08"),
            ("w2", 0, "We will meet again in Istanbul", False, "Geo News", "2025-11-09"),  # the same words
            ("w3", 0, "we will meet AGAIN in Istanbul!", False, "Pajhwok", "2025-11-09"),
            ("w3", 1, "Trade must resume.", False, "Pajhwok", "2025-11-09"),  # a paragraph only this copy has
            ("g1", 0, "We will meet again in Istanbul.", False, "Geo News", "2025-11-09"),  # another story
            ("a1", 0, "Nothing was agreed.", False, "TOLOnews", "2025-11-08"),
            ("w1", 1, "truce", True, "Dawn", "2025-11-08")]
    frame = pd.DataFrame(rows, columns=["article_id", "idx", "quote", "fragment", "outlet", "published"])
    return frame.assign(speaker="Khawaja Asif", speaker_origin="named", polarity_adjusted=0.1,
                        file=frame["article_id"] + ".txt")


def figures() -> pd.DataFrame:
    rows = [("w1", "incidents", 1500.0, None, "incidents", "1,500", "Dawn"),
            ("w1", "incidents", 1500.0, None, "incidents", "1,500", "Dawn"),  # stated twice in one article
            ("w2", "incidents", 1500.0, None, "incidents", "1,500", "Geo News"),
            ("w3", "incidents", 1500.0, None, "incidents", "1500", "Pajhwok"),
            ("w3", "refugees", 20000.0, None, "people", "20,000", "Pajhwok"),
            ("g1", "incidents", 1500.0, None, "incidents", "1,500", "Geo News")]
    return pd.DataFrame(rows, columns=["article_id", "category", "value", "value_high", "unit", "text", "outlet"])


def test_one_article_per_voice_the_original_first():
    arts = articles(SHOWN)
    kept = voice_counts.counted_articles(arts, True)
    assert sorted(kept["article_id"]) == ["a1", "g1", "u1", "w1"]
    assert voice_counts.counted_articles(arts, False) is arts  # off: today's frame, untouched
    # The original filtered out: the earliest copy shown stands for the group.
    assert sorted(voice_counts.counted_articles(articles(["w2", "w3"]))["article_id"]) == ["w2"]


def test_the_voice_columns_come_from_the_whole_store():
    arts = articles(SHOWN).set_index("article_id")
    assert arts.loc["a1", "voice_id"] == "a0" and arts.loc["a1", "copies"] == 2
    assert arts.loc["w3", "voice_source"] == "APP" and arts.loc["w1", "is_original"]
    assert arts.loc["g1", "voice_source"] == "Geo News" and arts.loc["u1", "voice_source"] == ""


def test_stance_by_outlet_counts_a_group_once_for_its_original_and_shows_the_copies():
    arts = articles(SHOWN)
    table = voice_counts.stance_by_outlet(arts, True).set_index("outlet")
    assert table.loc["Dawn", "articles"] == 1 and table.loc["Dawn", "hopeful"] == 1
    assert table.loc["Geo News", "articles"] == 1 and table.loc["Geo News", "pessimistic"] == 1
    assert table.loc["Geo News", "hopeful"] == 0 and table.loc["Geo News", "copies"] == 1
    assert table.loc["Geo News", "carries"] == "APP"
    assert table.loc["Pajhwok", "articles"] == 0 and table.loc["Pajhwok", "copies"] == 1  # only copies: shown
    assert table.loc["TOLOnews", "articles"] == 1 and table.loc["TOLOnews", "carries"] == "AFP"
    assert table.index[-1] == brief.UNKNOWN
    assert table["hopeful"].sum() == 1  # three copies of one hopeful story: one hopeful voice
    pd.testing.assert_frame_equal(voice_counts.stance_by_outlet(arts, False), brief.stance_per_outlet(arts))


def test_outlet_summary_with_the_switch_on_and_off():
    arts = articles(SHOWN)
    on = voice_counts.outlet_summary(arts, True).set_index("outlet")
    assert on["n_articles"].sum() == 4 and on.loc["Pajhwok", "n_articles"] == 0
    assert on.loc["Pajhwok", "copies"] == 1 and on.loc["Pajhwok", "carries"] == "APP"
    pd.testing.assert_frame_equal(voice_counts.outlet_summary(arts, False), sources.outlet_summary(arts))


def test_outlet_copies_counts_what_each_outlet_carried():
    table = voice_counts.outlet_copies(articles(SHOWN)).set_index("outlet")
    assert table.loc["Geo News"].to_dict() == {"articles": 2, "own": 1, "copies": 1, "carries": "APP"}
    assert table.loc["Dawn"].to_dict() == {"articles": 1, "own": 1, "copies": 0, "carries": ""}
    assert table.loc["TOLOnews", "copies"] == 1  # a copy of AFP's story, whose original is not shown
    many = articles(SHOWN)
    many.loc[many["article_id"] == "g1", ["voice_id", "voice_source"]] = ["a0", "AFP"]
    assert voice_counts.outlet_copies(many).set_index("outlet").loc["Geo News", "carries"] == "APP, AFP"


def test_quotes_repeated_by_copies_count_once_and_a_copys_own_quote_counts():
    arts, qs = articles(SHOWN), quotes()
    kept = voice_counts.counted_quotes(qs, arts, True)
    assert list(zip(kept["article_id"], kept["idx"])) == [("w1", 0), ("w3", 1), ("g1", 0), ("a1", 0), ("w1", 1)]
    assert voice_counts.counted_quotes(qs, arts, False) is qs
    # Without the quotes' words (the Sources page): the quotes of the article counted for each voice.
    scores = qs.drop(columns="quote")
    assert sorted(set(voice_counts.counted_quotes(scores, arts)["article_id"])) == ["a1", "g1", "w1"]


def test_figures_repeated_by_copies_count_once_and_an_article_stating_one_twice_keeps_both():
    arts, figs = articles(SHOWN), figures()
    kept = voice_counts.counted_figures(figs, arts, True)
    assert kept.index.tolist() == [0, 1, 4, 5]  # w1 twice, the refugees only w3 gives, g1's own story
    assert voice_counts.counted_figures(figs, arts, False) is figs


def test_overview_numbers():
    arts, qs, figs = articles(SHOWN), quotes(), figures()
    assert voice_counts.overview_numbers(arts, qs, figs, True) == {
        "articles": 6, "voices": 4, "copies": 2, "outlets": 5, "quotes": 4, "figures": 4}
    assert voice_counts.overview_numbers(arts, qs, figs, False) == {
        "articles": 6, "voices": 4, "copies": 2, "outlets": 5, "quotes": 6, "figures": 6}


def test_brief_sections_switch_off_is_todays_brief():
    arts, qs, figs = articles(SHOWN), quotes(), figures()
    off = voice_counts.brief_sections(arts, qs, figs, False, n_figures=5, n_quotes=5)
    today = brief.build_sections(arts, qs, figs, n_figures=5, n_quotes=5)
    assert off["numbers"] == today["numbers"]
    for name in ("stance", "figures", "quotes"):
        pd.testing.assert_frame_equal(off[name], today[name])
    on = voice_counts.brief_sections(arts, qs, figs, True, n_figures=5, n_quotes=5)
    assert on["numbers"]["articles"] == 6 and on["numbers"]["voices"] == 4 and on["numbers"]["quotes"] == 4
    assert "copies" in on["stance"].columns and on["stance"]["hopeful"].sum() == 1
    # Articles, outlets and dates of every article shown, counted as the brief counts them: named outlets, and
    # the articles naming none apart (not "unknown" as one more outlet).
    for key in ("articles", "outlets", "unknown_outlet", "dates", "undated"):
        assert on["numbers"][key] == today["numbers"][key], key
    assert brief.to_markdown(on)  # the brief still renders


@pytest.mark.parametrize("switch", [True, False])
def test_voice_weighted_gives_every_frame(switch):
    arts, qs, figs = articles(SHOWN), quotes(), figures()
    out = voice_counts.voice_weighted(arts, qs, figs, count_copies_once=switch)
    assert set(out) == {"articles", "quotes", "figures", "outlets", "numbers"}
    assert len(out["articles"]) == (4 if switch else 6)
    assert len(out["quotes"]) == (5 if switch else 7) and len(out["figures"]) == (4 if switch else 6)
    assert out["outlets"].set_index("outlet").loc["Pajhwok", "copies"] == 1  # shown either way
    assert out["numbers"]["voices"] == 4


def test_frames_without_voice_columns_or_rows_pass_through():
    plain = articles(SHOWN).drop(columns=voices.VOICE_COLUMNS)
    assert voice_counts.counted_articles(plain) is plain
    assert voice_counts.counted_quotes(quotes(), plain) is not None
    assert len(voice_counts.counted_quotes(quotes(), plain)) == 7
    empty = articles([])
    assert voice_counts.counted_articles(empty).empty
    assert voice_counts.voice_weighted(empty)["numbers"]["articles"] == 0
    assert voice_counts.outlet_copies(empty).empty
