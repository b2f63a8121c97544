"""The edit log, on both stores: every correction of an outlet or a date, every deletion and every upload is
recorded (when, what, old and new value, who), and a deleted article is restored from the log."""
from __future__ import annotations

import types
from datetime import datetime

import pytest

from lib import store
from tests.helpers import make_analysis, make_article
from tests.pg import engine, pg_server, store_db  # noqa: F401  (fixtures: both stores)



def test_full_cycle_upload_correct_delete_restore(engine):
    art = make_article("talks.txt", Outlet="Dawn", Published="2025-10-30")
    other = make_article("other.txt", "A second article about the Doha truce.")
    store.save_analyses(engine, [(art, make_analysis(art)), (other, make_analysis(other))])
    store.log_upload(engine, art.article_id, "talks.txt", user="amina")
    store.correct_article(engine, art.article_id, "outlet", "The Express Tribune", user="bilal")
    store.correct_article(engine, art.article_id, "published", "31 October 2025", user="bilal")
    store.delete_article(engine, art.article_id, user="amina")
    assert store.read_articles(engine)["file"].tolist() == ["other.txt"]

    log = store.read_edit_log(engine)  # newest first: what the Articles page shows
    assert log["action"].tolist() == ["delete", "correct", "correct", "upload"]
    assert log["article_id"].tolist() == [art.article_id] * 4
    assert log["user_name"].tolist() == ["amina", "bilal", "bilal", "amina"]
    rows = [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in log.to_dict("records")]
    assert (rows[3]["field"], rows[3]["old_value"], rows[3]["new_value"]) == ("file", None, "talks.txt")
    assert (rows[2]["field"], rows[2]["old_value"], rows[2]["new_value"]) == ("outlet", "Dawn", "The Express Tribune")
    assert (rows[1]["field"], rows[1]["old_value"], rows[1]["new_value"]) == ("published", "2025-10-30",
                                                                              "2025-10-31")
    for row in rows:  # when: an ISO timestamp with its time zone
        assert datetime.fromisoformat(row["at"]).tzinfo is not None

    # Restore from the log: the newest delete entry names the article.
    deleted = log[log["action"] == "delete"].iloc[0]["article_id"]
    store.restore_article(engine, deleted, user="chen")
    restored = store.read_articles(engine).set_index("file")
    assert sorted(restored.index) == ["other.txt", "talks.txt"]
    assert (restored.loc["talks.txt", "outlet"], restored.loc["talks.txt", "outlet_origin"]) == \
        ("The Express Tribune", "corrected")
    assert (restored.loc["talks.txt", "published"], restored.loc["talks.txt", "published_origin"]) == \
        ("2025-10-31", "corrected")
    assert len(store.read_quotes(engine)) == 2  # its analysis came back with it
    log = store.read_edit_log(engine)
    assert log.iloc[0][["action", "article_id", "user_name"]].tolist() == ["restore", art.article_id, "chen"]
    assert len(log) == 5


def test_deleted_article_stays_deleted_on_reingest_until_restored(engine, nlp):
    from lib.ingest import pipeline

    art = make_article("a.txt")
    pipeline.ingest_articles(engine, [art], nlp=nlp)
    store.delete_article(engine, art.article_id, user="amina")
    pipeline.ingest_articles(engine, [art], nlp=nlp)  # stored already (deleted included): not brought back
    assert store.read_articles(engine).empty
    store.restore_article(engine, art.article_id)
    assert len(store.read_articles(engine)) == 1


def test_log_limit_and_order(engine):
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    for outlet in ("A", "B", "C"):
        store.correct_article(engine, art.article_id, "outlet", outlet, user="t")
    log = store.read_edit_log(engine, limit=2)
    assert log["new_value"].tolist() == ["C", "B"]


def test_user_defaults_to_the_os_login(engine):
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    store.delete_article(engine, art.article_id)
    assert store.read_edit_log(engine).iloc[0]["user_name"] == store._os_user()


def test_user_comes_from_streamlit_when_it_knows_one(engine, monkeypatch):
    """Inside a dashboard run `st.user` names the signed-in user: the log records that name (email otherwise)."""
    pytest.importorskip("streamlit")
    import streamlit.runtime.scriptrunner as runner

    from lib.app import data

    assert store.editlog._user_source is data.signed_in_user  # the display layer tells the store who edits
    fake = types.SimpleNamespace(user={"email": "amina@example.org"})
    monkeypatch.setattr(data, "st", fake)
    monkeypatch.setattr(runner, "get_script_run_ctx", lambda suppress_warning=False: object())
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    store.correct_article(engine, art.article_id, "outlet", "Dawn")
    fake.user = {"name": "Amina Khan", "email": "amina@example.org"}
    store.delete_article(engine, art.article_id)
    store.restore_article(engine, art.article_id, user="given")  # an explicit user wins
    assert store.read_edit_log(engine)["user_name"].tolist() == ["given", "Amina Khan", "amina@example.org"]
