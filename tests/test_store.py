"""Store: idempotent ingest, duplicates, version bump, atomic writes, concurrent writers, safe queries."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib import store
from lib.ingest import pipeline
from tests.helpers import BODY, make_analysis, make_article
from tests.pg import engine, pg_server, store_db  # noqa: F401  (fixtures: both stores)

ROOT = Path(__file__).resolve().parent.parent



def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_schema_version_recorded(engine):
    assert store.current_version(engine) == store.SCHEMA_VERSION
    assert store.migrate(engine) == store.SCHEMA_VERSION  # a second open migrates nothing


def test_save_is_idempotent_and_replaces_whole(engine):
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    store.save_analyses(engine, [(art, make_analysis(art, stance="mixed", score=0.0))])
    assert _count(engine, store.articles) == 1 and _count(engine, store.quotes) == 1
    assert store.read_articles(engine)["stance"].tolist() == ["mixed"]


def test_ingest_twice_analyses_once_and_version_bump_reanalyses(engine, nlp, monkeypatch):
    arts = [make_article("a.txt"), make_article("b.txt", "The truce collapsed later.")]
    first = pipeline.ingest_articles(engine, arts, nlp=nlp)
    second = pipeline.ingest_articles(engine, arts, nlp=nlp)
    assert (first.analysed, first.reused) == (2, 0)
    assert (second.analysed, second.reused) == (0, 2)
    monkeypatch.setattr(pipeline, "ANALYSIS_VERSION", pipeline.ANALYSIS_VERSION + 1)
    monkeypatch.setattr("lib.analyse.ANALYSIS_VERSION", pipeline.ANALYSIS_VERSION)
    third = pipeline.ingest_articles(engine, arts, nlp=nlp)
    assert third.analysed == 2
    assert set(store.read_articles(engine)["analysis_version"]) == {pipeline.ANALYSIS_VERSION}


def test_failed_batch_writes_nothing(engine):
    good = make_article("good.txt")
    bad = make_article("bad.txt", "Another sentence.")
    broken = make_analysis(bad)
    object.__setattr__(broken, "quotes", ("not a record",))  # asdict fails midway through the transaction
    with pytest.raises(Exception):  # noqa: B017 - whatever asdict raises on a bad record, nothing may be written
        store.save_analyses(engine, [(good, make_analysis(good)), (bad, broken)])
    assert _count(engine, store.articles) == 0 and _count(engine, store.quotes) == 0


def test_not_a_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(store.StoreError, match="move it aside"):
        store.open_store(str(path))


def test_filters_are_parameters_not_sql(engine):
    hostile = "Robert'); DROP TABLE articles; SELECT ('x"
    art = make_article("a.txt", Outlet=hostile)
    store.save_analyses(engine, [(art, make_analysis(art))])
    found = store.read_articles(engine, outlets=[hostile])
    assert len(found) == 1
    assert len(store.read_articles(engine, outlets=["' OR '1'='1"])) == 0
    assert _count(engine, store.articles) == 1


def test_unknown_outlet_filter(engine):
    known, unknown = make_article("k.txt", Outlet="Dawn"), make_article("u.txt", "Other text here.")
    store.save_analyses(engine, [(known, make_analysis(known)), (unknown, make_analysis(unknown))])
    assert store.read_articles(engine, outlets=["unknown"])["file"].tolist() == ["u.txt"]


def test_correction_delete_restore_are_logged(engine):
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    store.correct_article(engine, art.article_id, "outlet", "Dawn", user="tester")
    row = store.read_articles(engine).iloc[0]
    assert (row["outlet"], row["outlet_origin"]) == ("Dawn", "corrected")
    with pytest.raises(ValueError):
        store.correct_article(engine, art.article_id, "published", "not a date")
    store.delete_article(engine, art.article_id)
    assert store.read_articles(engine).empty
    store.restore_article(engine, art.article_id)
    assert len(store.read_articles(engine)) == 1
    log = store.read_edit_log(engine)
    assert log["action"].tolist() == ["restore", "delete", "correct"]
    assert log.iloc[-1][["old_value", "new_value", "user_name"]].tolist() == [None, "Dawn", "tester"]


def test_corrected_value_survives_reingest(engine, nlp):
    art = make_article("a.txt")
    pipeline.ingest_articles(engine, [art], nlp=nlp)
    store.correct_article(engine, art.article_id, "published", "2025-11-05")
    pipeline.ingest_articles(engine, [make_article("a.txt", Published="2025-11-01")], nlp=nlp)
    assert store.read_articles(engine)["published"].tolist() == ["2025-11-05"]


def test_readonly_refuses_changes(engine, monkeypatch):
    art = make_article("a.txt")
    monkeypatch.setenv(store.READONLY_ENV, "1")
    with pytest.raises(store.ReadOnlyError):
        store.save_analyses(engine, [(art, make_analysis(art))])
    with pytest.raises(store.ReadOnlyError):
        store.delete_article(engine, art.article_id)


def test_revision_grows_with_writes(engine):
    before = store.revision(engine)
    art = make_article("a.txt")
    store.save_analyses(engine, [(art, make_analysis(art))])
    assert store.revision(engine) > before


def test_two_processes_ingest_into_one_store(tmp_path):
    """Two CLI ingests at once, into one SQLite file: both finish, every article stored exactly once."""
    db = tmp_path / "shared.db"
    corpora = []
    for n in range(2):
        folder = tmp_path / f"corpus{n}"
        folder.mkdir()
        for i in range(4):
            (folder / f"{n}_{i}.txt").write_text(BODY + f"Article {n}-{i} adds its own sentence number {i}.")
        (folder / "shared.txt").write_text(BODY + "Both corpora hold this same article.")
        corpora.append(folder)
    procs = [subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(c), "--db", str(db), "--quiet"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in corpora]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    engine = store.open_store(str(db))
    frame = store.read_articles(engine)
    assert len(frame) == 9 and frame["article_id"].is_unique


# ------------------------------------------------------------------------ one article never takes its batch down

def _refused_by_every_database(name: str):
    """An article whose text no database driver can encode (a lone surrogate: the loader never makes one)."""
    import dataclasses

    art = make_article(name, f"Its own sentence for {name}.")
    return dataclasses.replace(art, text=art.text + " \ud800", article_id=name.ljust(64, "0")[:64])


def test_a_batch_the_database_refuses_is_written_article_by_article(engine):
    good, other = make_article("good.txt"), make_article("other.txt", "A second article.")
    bad = _refused_by_every_database("bad.txt")
    items = [(good, make_analysis(good)), (bad, make_analysis(bad)), (other, make_analysis(other))]
    written, refused = store.save_analyses_each(engine, items)
    assert written == 2
    assert [(a.file, reason.split(" (")[0]) for a, reason in refused] == [("bad.txt", "could not be stored")]
    assert "surrogates not allowed" in refused[0][1] and "INSERT" not in refused[0][1]
    assert sorted(store.read_articles(engine)["file"]) == ["good.txt", "other.txt"]
    assert _count(engine, store.quotes) == 2


def test_a_nul_byte_that_reaches_the_store_costs_only_its_article(engine):
    """The loader removes NUL; an article that still holds one (made by hand here) is refused by PostgreSQL
    alone and stored by SQLite; either way the rest of the batch is stored."""
    import dataclasses

    good = make_article("good.txt")
    art = make_article("nul.txt", "Text with a NUL.")
    nul = dataclasses.replace(art, text=art.text + "\x00", article_id="1" * 64)
    written, refused = store.save_analyses_each(engine, [(good, make_analysis(good)), (nul, make_analysis(nul))])
    if engine.dialect.name == "postgresql":
        assert written == 1 and "cannot contain NUL" in refused[0][1]
    else:
        assert written == 2 and refused == []
    assert "good.txt" in set(store.read_articles(engine)["file"])


def test_a_failure_of_the_store_itself_is_raised_not_skipped(engine):
    good = make_article("good.txt")
    with pytest.raises(store.ReadOnlyError):
        store.save_analyses_each(engine, [(good, make_analysis(good))], readonly=True)


def test_the_ingest_skips_the_refused_article_with_its_reason(engine, nlp):
    import dataclasses

    good, other = make_article("good.txt"), make_article("other.txt", "A second article.")
    # a value no database driver takes (a dict for the text column `author`): the write is refused, not the parse
    refused = dataclasses.replace(make_article("refused.txt", "Refused by the store."), author={"not": "text"})
    unparsable = _refused_by_every_database("unparsable.txt")  # the tokenizer cannot take a lone surrogate
    report = pipeline.ingest_articles(engine, [good, refused, unparsable, other], nlp=nlp)
    assert report.analysed == 2
    assert sorted((s.file, s.reason.split(" (")[0]) for s in report.skipped) == [
        ("refused.txt", "could not be stored"), ("unparsable.txt", "could not be parsed")]
    assert sorted(store.read_articles(engine)["file"]) == ["good.txt", "other.txt"]


def test_an_article_whose_analysis_fails_is_skipped_and_its_batch_stored(engine, nlp, monkeypatch):
    import lib.analyse

    real = lib.analyse.analyse

    def broken_on_one(article, doc, **given):
        if article.file == "bad.txt":
            raise RuntimeError("extractor bug")
        return real(article, doc, **given)

    monkeypatch.setattr(lib.analyse, "analyse", broken_on_one)
    arts = [make_article("good.txt"), make_article("bad.txt", "Broken."), make_article("other.txt", "Another.")]
    report = pipeline.ingest_articles(engine, arts, nlp=nlp)
    assert report.analysed == 2
    assert [(s.file, s.reason) for s in report.skipped] == [
        ("bad.txt", "could not be analysed (RuntimeError: extractor bug)")]
    assert sorted(store.read_articles(engine)["file"]) == ["good.txt", "other.txt"]
