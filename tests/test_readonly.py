"""Read-only meeting mode (DASHBOARD_READONLY=1): every change is refused in lib/ itself, on both stores, and
the CLI says so without a traceback."""
from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib import store
from lib.ingest.loader import load_folder
from tests.helpers import BODY, make_analysis, make_article
from tests.pg import engine, pg_server, store_db  # noqa: F401  (fixtures: both stores)

ROOT = Path(__file__).resolve().parent.parent



@pytest.fixture
def stored(engine):
    art = make_article("a.txt", Outlet="Dawn")
    store.save_analyses(engine, [(art, make_analysis(art))], readonly=False)
    return art


def _snapshot(engine):
    with engine.connect() as conn:
        counts = {name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                  for name, table in store.metadata.tables.items()}
    return store.revision(engine), counts, store.read_articles(engine, include_deleted=True).to_dict("records")


def _mutations(engine, art):
    other = make_article("b.txt", "Another round of talks.")
    return {
        "save_analyses": lambda **kw: store.save_analyses(engine, [(other, make_analysis(other))], **kw),
        "correct_article": lambda **kw: store.correct_article(engine, art.article_id, "outlet", "Geo", **kw),
        "delete_article": lambda **kw: store.delete_article(engine, art.article_id, **kw),
        "restore_article": lambda **kw: store.restore_article(engine, art.article_id, **kw),
        "set_alias": lambda **kw: store.set_alias(engine, "the minister", "Khawaja Asif", **kw),
        "log_upload": lambda **kw: store.log_upload(engine, art.article_id, "a.txt", **kw),
        "correct": lambda **kw: store.correct(engine, "article", art.article_id, "stance", "mixed", **kw),
    }


@pytest.mark.parametrize("name", ["save_analyses", "correct_article", "delete_article", "restore_article",
                                  "set_alias", "log_upload", "correct"])
def test_every_change_is_refused_in_readonly_mode(engine, stored, monkeypatch, name):
    before = _snapshot(engine)
    monkeypatch.setenv(store.READONLY_ENV, "1")
    with pytest.raises(store.ReadOnlyError, match="read-only"):
        _mutations(engine, stored)[name]()
    monkeypatch.delenv(store.READONLY_ENV)
    with pytest.raises(store.ReadOnlyError):  # the argument says it too, whatever the environment
        _mutations(engine, stored)[name](readonly=True)
    assert _snapshot(engine) == before  # nothing changed, nothing logged


def test_refresh_metadata_is_skipped_in_readonly_mode(engine, stored, monkeypatch):
    newer = make_article("a.txt", Outlet="The Express Tribune")
    assert newer.article_id == stored.article_id
    before = _snapshot(engine)
    monkeypatch.setenv(store.READONLY_ENV, "1")
    assert store.refresh_metadata(engine, [newer]) == 0
    assert _snapshot(engine) == before
    monkeypatch.delenv(store.READONLY_ENV)
    assert store.refresh_metadata(engine, [newer]) == 1  # outside meeting mode the same call writes


def test_readonly_values(monkeypatch):
    for value in ("1", "true", "yes", "on", " TRUE "):
        monkeypatch.setenv(store.READONLY_ENV, value)
        assert store.is_readonly()
    for value in ("", "0", "no", "off"):
        monkeypatch.setenv(store.READONLY_ENV, value)
        assert not store.is_readonly()


NOT_CHANGES = {"migrate"}  # creating or migrating the schema is how a reader opens a store


def _writers():
    for name, fn in vars(store).items():
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != store.__name__:
            continue
        if ".begin()" in inspect.getsource(fn) and name not in NOT_CHANGES:
            yield pytest.param(name, id=name)


@pytest.mark.parametrize("name", list(_writers()))
def test_every_writing_store_function_checks_readonly(name):
    """A store function that writes must call _guard (or, for a silent skip, is_readonly)."""
    source = inspect.getsource(getattr(store, name))
    assert "_guard(" in source or "is_readonly()" in source, f"store.{name} writes without the read-only check"


def test_cli_ingest_in_readonly_mode_is_a_clear_error(tmp_path):
    db = tmp_path / "ro.db"
    env = {**os.environ, store.READONLY_ENV: "1"}
    done = subprocess.run([sys.executable, "-m", "lib", "ingest", str(ROOT / "seeds"), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1
    assert "read-only" in done.stderr and store.READONLY_ENV in done.stderr
    assert "Traceback" not in done.stderr
    assert not db.exists()  # not even a schema was created


def test_cli_export_in_readonly_mode(store_db, tmp_path):
    """In meeting mode an export of stored articles works; one that would need to analyse is refused clearly."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(BODY + "The first article.")
    (corpus / "b.txt").write_text(BODY + "The second article.")
    loaded, _ = load_folder(corpus)
    engine = store.open_store(store_db)
    store.save_analyses(engine, [(a, make_analysis(a)) for a in loaded], readonly=False)
    engine.dispose()
    env = {**os.environ, store.READONLY_ENV: "1"}

    def export(folder, out):
        return subprocess.run([sys.executable, "-m", "lib", "export", str(folder), "--out", str(out), "--db",
                               store_db, "--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)

    done = export(corpus, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "0 analysed, 2 already stored" in done.stderr
    (corpus / "c.txt").write_text(BODY + "A third article nobody has analysed yet.")
    done = export(corpus, tmp_path / "out2")
    assert done.returncode == 1
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


# ------------------------------------------------------------------------ read-only never creates nor migrates

def _table_names(url: str) -> set[str]:
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_readonly_never_creates_a_store(store_db, tmp_path):
    target = str(tmp_path / "new" / "store.db") if "://" not in store_db else store_db  # PG: an empty database
    with pytest.raises(store.StoreError, match="read-only"):
        store.open_store(target, readonly=True)
    if "://" in target:
        assert _table_names(target) == set()
    else:
        assert not (tmp_path / "new").exists()  # neither the file nor its folder


def test_readonly_never_migrates_an_older_store(store_db, monkeypatch):
    store.open_store(store_db).dispose()  # a store of this version...
    old = store.SCHEMA_VERSION
    monkeypatch.setattr(store.connect, "SCHEMA_VERSION", old + 1)  # ...is older than a newer program's
    monkeypatch.setattr(store.connect, "MIGRATIONS", {**store.MIGRATIONS,
                                              old + 1: ["ALTER TABLE articles ADD COLUMN newer_column TEXT"]})
    with pytest.raises(store.StoreError, match=f"schema version {old}, older than this program's"):
        store.open_store(store_db, readonly=True)
    monkeypatch.setattr(store.connect, "SCHEMA_VERSION", old)
    engine = store.open_store(store_db, readonly=True)  # the program it was made with opens it read-only
    try:
        assert store.current_version(engine) == old
        assert "newer_column" not in {c["name"] for c in sa.inspect(engine).get_columns("articles")}
    finally:
        engine.dispose()


def test_cli_export_in_readonly_mode_with_a_new_store_path_creates_nothing(tmp_path):
    db = tmp_path / "ro" / "new.db"
    env = {**os.environ, store.READONLY_ENV: "1"}
    done = subprocess.run([sys.executable, "-m", "lib", "export", str(ROOT / "seeds"), "--out", str(tmp_path / "out"),
                           "--db", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 1
    assert "never creates one" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ro").exists()
