"""Independent voices on real copies: ../shared/corpora/negotiations marks 16 groups of pages that carry one story
(skipped when the corpus is absent; its text is read at run time, never kept in the project). The copy groups
that count as one voice (bench/voices.py ONE_VOICE_GROUPS: word for word, and the spinner's rewording) must be
found whole; no two distinct stories of one negotiation may be merged; edits seen in the wild must not break a
copy. `python bench/voices.py` prints the same measures with the threshold sweep."""
from __future__ import annotations

import itertools

import pytest

from bench import voices as bench
from lib import voices

REAL = bench.load_real()
pytestmark = pytest.mark.skipif(REAL is None, reason=f"{bench.CORPUS} not found")


@pytest.fixture(scope="module")
def real():
    articles, rows = REAL
    return articles, rows, {a.file: voices.shingles(a.text) for a in articles}


def test_no_page_of_the_excluded_topic_is_read(real):
    articles, rows, _ = real
    assert {rows[a.file]["negotiation"] for a in articles}.isdisjoint(bench.EXCLUDED_TOPICS)
    assert len(bench.copy_pairs(rows)) == 11  # g1-g8 and g16


def test_the_rule_finds_every_copy_pair_and_joins_no_distinct_stories(real):
    articles, rows, sets = real
    kinds = {"copy": [], "same story": [], "distinct": []}
    for a, b in itertools.combinations(sorted(sets), 2):
        if rows[a]["negotiation"] == rows[b]["negotiation"]:
            kinds[bench.pair_kind(a, b, rows)].append(voices.is_copy(sets[a], sets[b]))
    assert all(kinds["copy"])
    assert not any(kinds["distinct"]) and len(kinds["distinct"]) > 1500
    assert sum(kinds["same story"]) <= 1  # rewrites are their own voices: one write-through shares 47 %


def test_the_index_groups_the_real_copies(real):
    articles, rows, _ = real
    result = bench.score(bench.grouped_pairs(articles), rows)
    assert result["recall"] == 1.0, result["missed"]
    assert result["merged"] == []
    assert {rows[a]["syndication_group"] for pair in result["same_story"] for a in pair} <= bench.REWRITE_GROUPS


@pytest.mark.parametrize("name, edit", [e for e in bench.EDITS if "cut last 3" not in e[0]],
                         ids=[e[0] for e in bench.EDITS if "cut last 3" not in e[0]])
def test_edited_copies_stay_copies(real, name, edit):
    articles, rows, _ = real
    pairs = bench.edit_pairs(articles, rows)[name]
    assert all(voices.is_copy(a, b) for a, b in pairs)
    assert len(pairs) == 22 and all(a and b for a, b in pairs)


def test_a_copy_cut_to_its_first_paragraphs_is_where_the_rule_breaks(real):
    """Three of a short excerpt's last paragraphs cut: what remains is often the site's own lines and a quoted
    statement; most such copies are still found, none joins another story."""
    articles, rows, _ = real
    pairs = bench.edit_pairs(articles, rows)["cut last 3 paragraphs"]
    assert sum(voices.is_copy(a, b) for a, b in pairs) >= 0.9 * len(pairs)
    edited = bench.edited_corpus(articles, rows, lambda t: bench.cut_last(t, 3))
    assert bench.score(bench.grouped_pairs(edited), rows)["merged"] == []
