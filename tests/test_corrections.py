"""Corrections of the analysis by a person, on both stores: a stance label, a quote's speaker or fragment flag, a
figure's value or category. Each is kept with who and when (the edit log), shows with origin `corrected`, survives
a re-analysis of the same text, and the export carries it (new columns at the end, the contract's untouched)."""
from __future__ import annotations

import pytest

from lib import export, store
from tests.helpers import make_analysis, make_article
from tests.pg import engine, pg_server, store_db  # noqa: F401  (fixtures: both stores)


@pytest.fixture
def stored(engine):
    art = make_article("a.txt", Outlet="Dawn")
    store.save_analyses(engine, [(art, make_analysis(art, stance="hopeful", score=0.5))])
    return art


def _quote(engine):
    return store.read_quotes(engine).iloc[0]


def _figure(engine):
    return store.read_figures(engine).iloc[0]


def _correct_everything(engine, art):
    q, f = _quote(engine), _figure(engine)
    store.correct(engine, "article", art.article_id, "stance", "pessimistic", user="amina")
    store.correct(engine, "quote", art.article_id, "speaker", "Mujahid", q.start_char, q.end_char, user="bilal")
    store.correct(engine, "quote", art.article_id, "fragment", True, q.start_char, q.end_char, user="bilal")
    store.correct(engine, "figure", art.article_id, "value", "1,600", f.start_char, f.end_char, user="chen")
    store.correct(engine, "figure", art.article_id, "category", "casualties", f.start_char, f.end_char, user="chen")


def _assert_corrected(engine):
    a = store.read_articles(engine).iloc[0]
    assert (a["stance"], a["stance_origin"]) == ("pessimistic", "corrected")  # the score stays the analysis's
    q = _quote(engine)
    assert (q["speaker"], q["speaker_in_article"], q["speaker_origin"]) == ("Zabihullah Mujahid", "Mujahid",
                                                                            "corrected")
    assert (bool(q["fragment"]), q["fragment_origin"]) == (True, "corrected")
    f = _figure(engine)
    assert (f["value"], f["value_origin"], f["category"], f["category_origin"]) == (1600.0, "corrected", "casualties",
                                                                                    "corrected")


def test_corrections_show_as_corrected_and_are_logged(engine, stored):
    assert store.read_articles(engine).iloc[0]["stance_origin"] == "analysis"
    assert _quote(engine)["fragment_origin"] == "analysis" and _figure(engine)["value_origin"] == "analysis"
    _correct_everything(engine, stored)
    _assert_corrected(engine)
    log = store.read_edit_log(engine)
    assert log["field"].tolist() == ["figure category", "figure value", "quote fragment", "quote speaker", "stance"]
    assert log["user_name"].tolist() == ["chen", "chen", "bilal", "bilal", "amina"]
    assert log.iloc[-1][["old_value", "new_value"]].tolist() == ["hopeful", "pessimistic"]
    assert log.iloc[1][["old_value", "new_value"]].tolist() == ["1500.0", "1600.0"]
    assert log.iloc[3][["old_value", "new_value"]].tolist() == ["Khawaja Asif", "Mujahid"]
    assert len(store.read_corrections(engine)) == 5


def test_corrections_survive_a_reanalysis_of_the_same_text(engine, stored):
    store.correct_article(engine, stored.article_id, "outlet", "Geo News", user="amina")
    _correct_everything(engine, stored)
    store.delete_article(engine, stored.article_id, user="amina")
    store.restore_article(engine, stored.article_id, user="amina")
    # The same text analysed again (a new analysis version): its rows are replaced, the corrections applied again.
    store.save_analyses(engine, [(stored, make_analysis(stored, stance="mixed", score=0.1, version=99))])
    _assert_corrected(engine)
    a = store.read_articles(engine).iloc[0]
    assert (a["outlet"], a["outlet_origin"], a["analysis_version"], a["stance_score"]) == ("Geo News", "corrected",
                                                                                         99, 0.1)


def test_a_deleted_article_stays_deleted_when_reanalysed(engine, stored):
    store.delete_article(engine, stored.article_id, user="amina")
    store.save_analyses(engine, [(stored, make_analysis(stored, version=99))])
    assert store.read_articles(engine).empty and len(store.read_deleted_articles(engine)) == 1


def test_a_later_correction_replaces_an_earlier_one(engine, stored):
    store.correct(engine, "article", stored.article_id, "stance", "pessimistic", user="a")
    store.correct(engine, "article", stored.article_id, "stance", "mixed", user="b")
    assert store.read_articles(engine).iloc[0]["stance"] == "mixed"
    assert store.read_corrections(engine)["value"].tolist() == ["mixed"]
    store.save_analyses(engine, [(stored, make_analysis(stored))])
    assert store.read_articles(engine).iloc[0]["stance"] == "mixed"


@pytest.mark.parametrize("target, field, value, reason", [
    ("article", "stance", "great", "a stance is one of"),
    ("figure", "value", "many", "is not a number"),
    ("figure", "value", "-5", "zero or more"),
    ("figure", "category", "weather", "a category is one of"),
    ("article", "outlet", "Dawn", "cannot be corrected"),
    ("quote", "speaker", "x" * 201, "at most 200"),
])
def test_bad_corrections_are_refused_with_a_reason(engine, stored, target, field, value, reason):
    q = _figure(engine) if target == "figure" else _quote(engine)
    with pytest.raises(ValueError, match=reason):
        store.correct(engine, target, stored.article_id, field, value, q.start_char, q.end_char)
    assert store.read_corrections(engine).empty and store.read_edit_log(engine).empty


def test_a_quote_that_is_not_there_is_refused(engine, stored):
    with pytest.raises(ValueError, match="no such quote"):
        store.correct(engine, "quote", stored.article_id, "speaker", "X", 9999, 10000)


def test_the_export_carries_corrections_in_columns_added_at_the_end(engine, stored):
    before = export.export_frames(engine)
    _correct_everything(engine, stored)
    frames = export.export_frames(engine)
    for name in ("articles", "quotes", "figures"):
        cols = list(frames[name].columns)
        assert cols[:len(export.CONTRACT[name])] == export.CONTRACT[name]
        assert list(before[name].columns) == cols
    # topic came after the corrections (schema 6), the voice columns after topic (schema 7)
    assert export.EXTRA["articles"][-5:] == ["stance_origin", "topic", "voice_id", "copies", "voice_source"]
    assert export.EXTRA["quotes"][-1] == "fragment_origin"
    assert export.EXTRA["figures"][-2:] == ["value_origin", "category_origin"]
    a, q, f = (frames[n].iloc[0] for n in ("articles", "quotes", "figures"))
    assert (a["stance"], a["stance_origin"]) == ("pessimistic", "corrected")
    assert (q["speaker"], q["speaker_origin"], q["fragment"], q["fragment_origin"]) == (
        "Zabihullah Mujahid", "corrected", "true", "corrected")
    assert (f["value"], f["value_origin"], f["category"], f["category_origin"]) == (1600.0, "corrected", "casualties",
                                                                                    "corrected")
    assert before["articles"].iloc[0]["stance_origin"] == "analysis"
