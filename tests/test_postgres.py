"""PostgreSQL for real (tests/pg.py starts a server): the same schema and the same exported answers as SQLite,
concurrent writers ending with every article exactly once, and a killed ingest leaving no half-written batch."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from lib import store
from tests.helpers import BODY, make_analysis, make_article
from tests.pg import pg_server, pg_url, store_db  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


def _count(engine, table, where=None):
    stmt = sa.select(sa.func.count()).select_from(table)
    if where is not None:
        stmt = stmt.where(where)
    with engine.connect() as conn:
        return conn.execute(stmt).scalar()


def _corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(BODY + f"Article {name} adds its own closing sentence about round {name}.")
    return folder


def _assert_whole(engine, expected_ids=None):
    """Every stored article exactly once, each with a complete, unmixed set of sentences (idx 0..n-1)."""
    frame = store.read_articles(engine)
    assert frame["article_id"].is_unique
    if expected_ids is not None:
        assert set(frame["article_id"]) == set(expected_ids)
    sents = store.read_sentences(engine)
    for article_id, group in sents.groupby("article_id"):
        assert sorted(group["idx"]) == list(range(len(group))), article_id
    assert set(sents["article_id"]) == set(frame["article_id"])  # no article without its analysis rows
    return frame


# ------------------------------------------------------------------------------------------------ schema

def test_same_schema_on_both_stores(tmp_path, pg_url):
    lite, pg = store.open_store(str(tmp_path / "s.db")), store.open_store(pg_url)
    try:
        assert store.current_version(pg) == store.current_version(lite) == store.SCHEMA_VERSION
        a, b = sa.inspect(lite), sa.inspect(pg)
        assert set(a.get_table_names()) == set(b.get_table_names()) == set(store.metadata.tables)
        for table in store.metadata.tables:
            assert [c["name"] for c in a.get_columns(table)] == [c["name"] for c in b.get_columns(table)], table
        assert store.migrate(pg) == store.SCHEMA_VERSION  # a second open migrates nothing
    finally:
        lite.dispose()
        pg.dispose()


def test_two_processes_create_a_new_store_at_once(pg_url):
    """Two processes opening one empty PostgreSQL database at the same moment: the schema is made once."""
    code = "import sys; from lib import store; store.open_store(sys.argv[1]).dispose()"
    procs = [subprocess.Popen([sys.executable, "-c", code, pg_url], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    engine = store.open_store(pg_url)
    try:
        assert _count(engine, store.schema_version) == 1
        assert _count(engine, store.store_state) == 1
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------------------------ answers

def _read_csvs(folder: Path) -> dict[str, list[list[str]]]:
    out = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            out[path.name] = list(csv.reader(fh))
    return out


def test_seed_export_is_identical_on_sqlite_and_postgres(tmp_path, pg_url):
    """Ingest the seeds into each store; the exported CSVs match cell for cell (ids and numbers included)."""
    results = {}
    for name, db in (("sqlite", str(tmp_path / "seeds.db")), ("postgresql", pg_url)):
        out = tmp_path / name
        done = run_cli("export", str(SEEDS), "--out", str(out), "--db", db, "--quiet")
        assert done.returncode == 0, done.stderr
        assert "5 analysed" in done.stderr
        results[name] = _read_csvs(out)
    lite, pg = results["sqlite"], results["postgresql"]
    assert set(lite) == set(pg) and "articles.csv" in lite
    for name in lite:
        assert len(lite[name]) == len(pg[name]), name
        for i, (row_a, row_b) in enumerate(zip(lite[name], pg[name])):
            assert row_a == row_b, f"{name} row {i}"
    assert len(lite["articles.csv"]) == 6 and len(lite["quotes.csv"]) > 1


# ------------------------------------------------------------------------------------------------ concurrency

def test_concurrent_saves_of_the_same_articles(store_db):
    """Six writers saving the same ten articles at once: no primary-key failure, each article once, whole."""
    arts = [make_article(f"a{i}.txt", f"Round {i} of the talks.") for i in range(10)]
    items = [(a, make_analysis(a)) for a in arts]
    engine = store.open_store(store_db)
    errors, barrier = [], threading.Barrier(6)

    def writer(n):
        try:
            barrier.wait()
            for _ in range(3):
                store.save_analyses(engine, items[n % 2:] + items[:n % 2])  # two different orders
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert errors == []
        assert _count(engine, store.articles) == 10 and _count(engine, store.quotes) == 10
        _assert_whole(engine, [a.article_id for a in arts])
    finally:
        engine.dispose()


def test_two_cli_ingests_at_once_into_postgres(tmp_path, pg_url):
    """Two `python -m lib ingest` at once into one PostgreSQL database, mostly the same articles: both exit 0
    and every article is stored exactly once."""
    shared = [f"s{i}" for i in range(6)]
    corpora = [_corpus(tmp_path / "c0", shared + ["only0"]), _corpus(tmp_path / "c1", ["only1"] + shared)]
    procs = [subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(c), "--db", pg_url, "--quiet"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in corpora]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    engine = store.open_store(pg_url)
    try:
        frame = _assert_whole(engine)
        assert len(frame) == 8
    finally:
        engine.dispose()


def _ingest_shard(db: str, folder: str) -> int:
    from lib.ingest import pipeline

    engine = store.open_store(db)
    try:
        return pipeline.ingest_folder(engine, folder).analysed
    finally:
        engine.dispose()


def test_process_pool_ingest_into_postgres(tmp_path, pg_url):
    """Two worker processes (concurrent.futures) ingesting overlapping shards into PostgreSQL."""
    shared = [f"p{i}" for i in range(4)]
    shards = [_corpus(tmp_path / "w0", shared + ["w0"]), _corpus(tmp_path / "w1", shared + ["w1"])]
    with ProcessPoolExecutor(max_workers=2) as pool:
        analysed = list(pool.map(_ingest_shard, [pg_url, pg_url], [str(s) for s in shards]))
    assert sum(analysed) >= 6
    engine = store.open_store(pg_url)
    try:
        assert len(_assert_whole(engine)) == 6
    finally:
        engine.dispose()


def test_dask_ingest_into_postgres(tmp_path, pg_url):
    """`--engine dask` (a LocalCluster) writing into PostgreSQL: every article exactly once, also when a
    second, plain ingest of the same articles runs at the same time."""
    pytest.importorskip("distributed")
    names = [f"d{i}" for i in range(8)]
    corpus = _corpus(tmp_path / "dask", names)
    procs = [subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(corpus), "--db", pg_url, "--quiet",
                               *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for extra in (["--engine", "dask"], [])]
    results = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    engine = store.open_store(pg_url)
    try:
        assert len(_assert_whole(engine)) == 8
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------------------------ kills

KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from lib import store
    from tests.helpers import make_analysis, make_article

    db, ready = sys.argv[1], Path(sys.argv[2])
    engine = store.open_store(db)
    first = [make_article(f"first{i}.txt", f"First batch {i}.") for i in range(3)]
    store.save_analyses(engine, [(a, make_analysis(a)) for a in first])  # committed
    second = [make_article(f"second{i}.txt", f"Second batch {i}.") for i in range(3)]

    def stall(conn):  # every row of the second batch is written, the commit has not happened
        ready.write_text("in transaction")
        time.sleep(600)

    store.write._bump = stall  # the writer module's own reference
    store.save_analyses(engine, [(a, make_analysis(a)) for a in second])
""")


def test_killed_writer_leaves_no_half_written_batch(store_db, tmp_path):
    """SIGKILL while a batch's rows are written but not committed: the earlier batch is whole, the killed one
    absent, and the same articles can be written again at once (no lock left behind)."""
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, store_db, str(ready)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the writer never reached its transaction"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    engine = store.open_store(store_db)
    try:
        frame = _assert_whole(engine)
        assert sorted(frame["file"]) == ["first0.txt", "first1.txt", "first2.txt"]
        assert _count(engine, store.quotes) == 3 and _count(engine, store.figures) == 3
        again = [make_article(f"second{i}.txt", f"Second batch {i}.") for i in range(3)]
        start = time.monotonic()
        store.save_analyses(engine, [(a, make_analysis(a)) for a in again])
        assert time.monotonic() - start < 30
        assert len(_assert_whole(engine)) == 6
    finally:
        engine.dispose()


def test_cli_ingest_killed_midway_on_postgres(tmp_path, pg_url):
    """SIGKILL a real CLI ingest into PostgreSQL as soon as its first batch is stored: what is stored is
    whole batches of whole articles, and a second run completes the corpus."""
    from lib.ingest.pipeline import SAVE_BATCH

    names = [f"k{i:03d}" for i in range(SAVE_BATCH + 8)]
    corpus = _corpus(tmp_path / "kill", names)
    proc = subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(corpus), "--db", pg_url, "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    engine = None
    deadline = time.monotonic() + 300
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                engine = engine or store.open_store(pg_url)
                if store.count_articles(engine):
                    break
            except store.StoreError:  # the schema is being created
                pass
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        engine = engine or store.open_store(pg_url)
        stored = len(_assert_whole(engine))
        assert stored in (SAVE_BATCH, len(names)), stored  # whole batches only
        done = run_cli("ingest", str(corpus), "--db", pg_url, "--quiet")
        assert done.returncode == 0, done.stderr
        assert f"{len(names) - stored} analysed, {stored} already stored" in done.stderr
        assert len(_assert_whole(engine)) == len(names)
    finally:
        if proc.poll() is None:
            proc.kill()
        if engine is not None:
            engine.dispose()


# ------------------------------------------------------------------------ hostile input (issue 24)

def test_a_nul_byte_deep_in_an_article_does_not_fail_the_run_on_postgres(tmp_path, pg_url):
    """PostgreSQL refuses text holding NUL: the loader removes it, so the article and its batch are stored."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        (corpus / path.name).write_bytes(path.read_bytes())
    body = next(iter(sorted(SEEDS.glob("*.txt")))).read_text(encoding="utf-8")
    (corpus / "nul.txt").write_text(body[:5000] + "\x00" + body[5000:] + "\nMore.\n", encoding="utf-8")
    done = run_cli("export", str(corpus), "--out", str(tmp_path / "out"), "--db", pg_url, "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "INSERT" not in done.stderr
    engine = store.open_store(pg_url)
    try:
        frame = store.read_articles(engine, with_text=True)
        assert len(frame) == 6 and "nul.txt" in set(frame["file"])
        assert not frame["text"].str.contains("\x00").any()
    finally:
        engine.dispose()
