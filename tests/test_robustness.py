"""Hostile input, crashes and concurrent use, with nothing lost.

1. hostile files through the CLI and through the upload path (iter_upload + ingest_articles);
3. injection: formula-safe CSV cells, SQL in filters, path traversal in upload names;
4. crashes: SIGKILL / SIGINT mid-ingest, a store that is not a database, schema migrations forward / too new;
5. concurrency: overlapping ingests (CLI + CLI, upload + CLI), dashboard sessions reading during an ingest.
(2, the property tests, live in tests/test_properties.py.)
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from lib import export, store
from lib.ingest import decode, loader, pipeline
from lib.ingest.skip import SkipFile
from tests import fixtures_hostile as fh
from tests.helpers import make_analysis, make_article

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
EXPORT_FILES = {f"{name}.csv" for name in export.CONTRACT}


def cli(*args, timeout=300, **kwargs):
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DEBUG"}
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env, **kwargs)


def _as_in_a_terminal() -> None:
    """In the child: Ctrl-C as a terminal delivers it. A shell without job control starts its background commands
    with SIGINT ignored, which a child inherits and Python keeps, so tests run that way would never interrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def popen_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lib", "ingest", str(corpus), "--db", str(db), "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_as_in_a_terminal)


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh_:
        return list(csv.DictReader(fh_))


def assert_formula_safe(path: Path) -> None:
    """No cell of the CSV would run in a spreadsheet: a formula start is either escaped or a plain number."""
    with open(path, newline="", encoding="utf-8") as fh_:
        for row in csv.reader(fh_):
            for cell in row:
                if cell.startswith(FORMULA_START):
                    assert PLAIN_NUMBER.match(cell.strip()), f"{path.name}: unsafe cell {cell[:60]!r}"


def count_ro(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    """A read-only look at the store (0 while it does not exist yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


# ================================================================================== 1. hostile files: the CLI

@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One CLI export over a folder holding one of each hostile file, plus good articles with odd names."""
    base = tmp_path_factory.mktemp("hostile")
    files = fh.hostile_set()
    files["huge.txt"] = fh.too_large(10.5)
    for i, name in enumerate(fh.ODD_NAMES):
        files[name] = fh.english_article(f"odd-{i}", 3).encode("utf-8")
    corpus = fh.write(base / "corpus", files)
    out, db = base / "out", base / "store.db"
    started = time.perf_counter()
    result = cli("export", str(corpus), "--out", str(out), "--db", str(db), "--quiet")
    seconds = time.perf_counter() - started
    skipped = {r["file"]: r["reason"] for r in read_csv(out / "skipped.csv")}
    stored = store.read_articles(store.open_store(str(db)), with_text=True).set_index("file")
    return dict(result=result, seconds=seconds, skipped=skipped, stored=stored, out=out, base=base, files=files)


def test_cli_hostile_run_finishes_without_traceback(hostile_run):
    result = hostile_run["result"]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert hostile_run["seconds"] < 90  # the 6 MB and 10.5 MB files must not mean a long parse
    assert {p.name for p in hostile_run["out"].iterdir()} == EXPORT_FILES  # nothing else is written


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("image.txt", "binary file"),
    ("noise.txt", "binary file"),
    ("noise_no_nul.txt", "undecodable"),  # random bytes without NUL: no encoding fits
    ("french.txt", "not English"),
    ("b_duplicate.txt", "duplicate of a_good.txt (same text)"),
    ("big.txt", "text too long"),
    ("huge.txt", "file too large"),
    ("tiny.txt", "too short to be an article"),
])
def test_cli_skips_with_a_clear_reason(hostile_run, name, reason):
    assert reason in hostile_run["skipped"][name]
    assert f"skipped {name}: " in hostile_run["result"].stderr  # also on stderr
    assert name not in hostile_run["stored"].index


@pytest.mark.parametrize("name", ["a_good.txt", "c_good_other.md", "cp1252.txt", "latin1.txt", "utf16.txt",
                                  "page.html"])
def test_cli_stores_good_files(hostile_run, name):
    assert name in hostile_run["stored"].index, hostile_run["skipped"].get(name)
    rows = read_csv(hostile_run["out"] / "articles.csv")
    assert name in {r["file"] for r in rows}


@pytest.mark.parametrize("name", ["cp1252.txt", "utf16.txt"])
def test_cli_decodes_encodings_right(hostile_run, name):
    text = hostile_run["stored"].loc[name, "text"]
    assert text.startswith(fh.ACCENTED)  # curly quotes, dash, é, ü all decoded as written
    assert "\ufffd" not in text and "\ufeff" not in text


def test_cli_decodes_latin1_right(hostile_run):
    text = hostile_run["stored"].loc["latin1.txt", "text"]
    assert "café" in text and "Zürich" in text and "résumé" in text and "Türkiye" in text


def test_cli_html_keeps_article_drops_scripts_and_navigation(hostile_run):
    row = hostile_run["stored"].loc["page.html"]
    assert "Report html: ceasefire talks" in row["text"]
    leaked = [junk for junk in fh.HTML_JUNK if junk in row["text"]]
    assert not leaked
    assert row["title"] == "Ceasefire extended after Istanbul talks"


@pytest.mark.parametrize("name", fh.ODD_NAMES)
def test_cli_odd_names_are_stored_under_their_own_name(hostile_run, name):
    # A corpus file's name is its path in the folder exactly as on disk (spaces kept: two names differing only
    # by them are two articles); only control characters are escaped (tests/test_loader.py).
    assert name in hostile_run["stored"].index


def test_cli_odd_names_run_nothing(hostile_run):
    assert not (ROOT / "pwned").exists() and not (hostile_run["base"] / "pwned").exists()
    for path in hostile_run["out"].glob("*.csv"):
        assert_formula_safe(path)
    files = {r["file"] for r in read_csv(hostile_run["out"] / "articles.csv")}
    assert "'=cmd|' -C calc'!A0.txt" in files and "'@at.txt" in files and "'-leading dash.txt" in files


def test_big_text_is_refused_quickly():
    """6 MB of English prose: 'text too long' in seconds, never a parse of millions of characters."""
    data = fh.big_text(6.0)
    assert 6 * 1024 * 1024 <= len(data) < decode.MAX_FILE_BYTES
    started = time.perf_counter()
    with pytest.raises(SkipFile, match="text too long"):
        loader.load_bytes("big.txt", data)
    assert time.perf_counter() - started < 20


def test_cli_thousands_of_tiny_files(tmp_path):
    corpus = tmp_path / "tiny"
    corpus.mkdir()
    for i in range(2000):
        (corpus / f"t{i:04d}.txt").write_bytes(fh.tiny(i))
    started = time.perf_counter()
    result = cli("export", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "s.db"), "--quiet")
    assert time.perf_counter() - started < 60
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    skipped = read_csv(tmp_path / "out" / "skipped.csv")
    assert len(skipped) == 2000 and len({r["file"] for r in skipped}) == 2000
    assert all(r["reason"].startswith("too short to be an article") for r in skipped)
    assert result.stderr.count("skipped t") == 2000
    assert read_csv(tmp_path / "out" / "articles.csv") == []


def test_cli_run_of_40000_quote_marks_takes_seconds_and_the_batch_is_stored(tmp_path):
    """Whole, such a run made the tokenizer quadratic (167 s for 40,000 marks, none of the batch stored until
    then); lib.ingest.parsetext blanks it for the parser."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(path, corpus)
    lead = "Pakistan and Afghanistan resumed talks in Istanbul on Thursday, officials said. " * 10
    (corpus / "marks.txt").write_text(lead + '"' * 40_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = cli("export", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "s.db"), "--quiet",
                 timeout=120)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert seconds < 60
    files = {r["file"] for r in read_csv(tmp_path / "out" / "articles.csv")}
    assert files == {p.name for p in (ROOT / "seeds").glob("*.txt")} | {"marks.txt"}


def test_a_sentence_of_thousands_of_quotes_is_analysed_in_seconds(nlp):
    """5,000 quoted words in one sentence took the quote extractor 97 s (each quote scanned its whole sentence
    and paragraph); the work per quote no longer grows with the sentence."""
    from lib.analyse import analyse

    article = loader.build_article("q.txt", "Pakistan and Afghanistan resumed talks in Istanbul, officials said. "
                                   * 10 + '"a" ' * 5000)
    doc = nlp(article.text)
    started = time.perf_counter()
    analysis = analyse(article, doc)
    assert time.perf_counter() - started < 20
    assert len(analysis.quotes) == 5000


# ================================================================================== 1. hostile files: upload

@pytest.fixture
def engine(tmp_path):
    return store.open_store(str(tmp_path / "upload.db"))


def test_upload_hostile_files(engine, nlp):
    files = fh.hostile_set()
    files["huge.txt"] = fh.too_large(10.5)
    files["photo.png"] = fh.png()
    results = list(loader.iter_upload(files.items()))
    assert [name for name, _, _ in results] == list(files)  # one answer per file, in order, none lost
    reasons = {name: reason for name, article, reason in results if article is None}
    articles = [article for _, article, _ in results if article is not None]
    assert set(reasons) == {"b_duplicate.txt", "empty.txt", "blank.txt", "image.txt", "noise.txt",
                            "noise_no_nul.txt", "french.txt", "big.txt", "huge.txt", "tiny.txt", "photo.png"}
    assert reasons["b_duplicate.txt"] == "duplicate of a_good.txt (same text)"
    assert "text too long" in reasons["big.txt"] and "file too large" in reasons["huge.txt"]
    assert "not English" in reasons["french.txt"] and "unsupported file type" in reasons["photo.png"]
    assert all(reasons.values())
    report = pipeline.ingest_articles(engine, articles, nlp=nlp)
    assert report.analysed == len(articles) == 6
    stored = store.read_articles(engine, with_text=True).set_index("file")
    assert stored.loc["cp1252.txt", "text"].startswith(fh.ACCENTED)
    assert stored.loc["utf16.txt", "text"].startswith(fh.ACCENTED)
    assert "Zürich" in stored.loc["latin1.txt", "text"]
    assert not [junk for junk in fh.HTML_JUNK if junk in stored.loc["page.html", "text"]]
    # the same upload again: nothing is analysed twice, nothing stored twice
    again = [a for _, a, _ in loader.iter_upload(files.items()) if a is not None]
    assert pipeline.ingest_articles(engine, again, nlp=nlp).reused == 6
    assert store.count_articles(engine) == 6


def test_upload_of_thousands_of_tiny_files_is_bounded():
    started = time.perf_counter()
    results = list(loader.iter_upload((f"t{i}.txt", fh.tiny(i)) for i in range(2000)))
    assert time.perf_counter() - started < 30
    assert len(results) == 2000 and all(article is None for _, article, _ in results)
    reasons = [reason for _, _, reason in results]
    limit = loader.MAX_UPLOAD_FILES
    assert all(r.startswith("too short") for r in reasons[:limit])
    assert all(r.startswith(f"not read: more than {limit:,} files") for r in reasons[limit:])
    assert [name for name, _, _ in results] == [f"t{i}.txt" for i in range(2000)]


# ================================================================================== 3. injection

def test_export_cells_are_formula_safe(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = fh.english_article("inject", 3)
    (corpus / "inject.txt").write_text(
        "Title: =HYPERLINK(\"http://evil.example\",\"click\")\nSource: @SUM(1+1)*cmd|' -C calc'!A0\n\n"
        "+The ceasefire between Pakistan and Afghanistan was discussed again in Istanbul on Thursday.\n\n"
        "“=2+5 is not a formula, and the talks will go on,” the minister said on Thursday in Islamabad.\n\n"
        "-A paragraph that starts with a dash says the border at Torkham stayed closed for the week.\n\n"
        + body, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("export", str(corpus), "--out", str(out), "--db", str(tmp_path / "s.db"), "--quiet")
    assert result.returncode == 0, result.stderr
    for name in EXPORT_FILES:
        assert_formula_safe(out / name)
    article = read_csv(out / "articles.csv")[0]
    assert article["title"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert article["outlet"].startswith("'@SUM(1+1)")
    sentences = [r["text"] for r in read_csv(out / "sentences.csv")]
    assert any(s.startswith("'+The ceasefire") for s in sentences)
    assert any(s.startswith("'-A paragraph") for s in sentences)
    for row in read_csv(out / "sentences.csv"):  # numbers stay numbers (negative polarity included)
        for col in ("start_char", "end_char", "polarity", "polarity_adjusted"):
            float(row[col])
    quotes = [r["quote"] for r in read_csv(out / "quotes.csv")]
    assert not any(q.startswith("=") for q in quotes)


def test_download_bytes_are_formula_safe(tmp_path):
    frame = pd.DataFrame({"quote": ["=1+1", "+cmd", "-x", "@a", "\tx", "\rx", "plain", None],
                          "number": ["-3.5", "+12", "1e5", "-0", ".5", "7", "-", "@"],
                          "value": [-1.5, 2.0, 0.0, -0.0, 1e9, 3.0, 4.0, 5.0]})
    path = tmp_path / "download.csv"
    path.write_bytes(export.to_csv_bytes(frame))
    assert_formula_safe(path)
    rows = read_csv(path)
    assert len(rows) == len(frame)  # a carriage return inside a cell never splits a row
    assert [r["quote"] for r in rows][:6] == ["'=1+1", "'+cmd", "'-x", "'@a", "'\tx", "'\nx"]
    assert [r["number"] for r in rows] == ["-3.5", "+12", "1e5", "-0", ".5", "7", "'-", "'@"]
    assert rows[0]["value"] == "-1.5"


HOSTILE_TEXT = ("Robert'); DROP TABLE articles; --", "' OR '1'='1", "\" OR \"\"=\"", "%", "_", "\\", "x' --",
                "1; DELETE FROM quotes", "O'Brien \"the\" Minister")


def test_filters_with_quotes_and_sql_are_plain_text(engine):
    for i, hostile in enumerate(HOSTILE_TEXT):
        art = make_article(f"a{i}.txt", f"Sentence number {i} of the test.", Outlet=hostile)
        store.save_analyses(engine, [(art, make_analysis(art, speaker=hostile))])
    total = len(HOSTILE_TEXT)
    outlets = store.read_articles(engine)["outlet"].tolist()  # as stored (and offered in the sidebar)
    assert len(set(outlets)) == total and "OR '1'='1" in outlets
    for outlet in outlets:
        assert len(store.read_articles(engine, outlets=[outlet])) == 1, outlet
        assert len(store.read_figures(engine, outlets=[outlet])) == 1, outlet
    assert len(store.read_articles(engine, outlets=["nobody' OR 1=1 --"])) == 0
    assert len(store.read_articles(engine, stances=["hopeful' OR '1'='1"])) == 0
    assert len(store.read_articles(engine, date_from="' OR 1=1 --")) == 0
    everyone = store.read_quotes(engine)
    assert len(everyone) == total
    for speaker in everyone["speaker"]:
        assert len(store.read_quotes(engine, speakers=[speaker])) >= 1
    assert len(store.read_quotes(engine, speakers=["' OR '1'='1"])) in (0, 1)  # only the row of that name
    assert len(store.read_articles(engine)) == total and len(store.read_quotes(engine)) == total


@pytest.mark.parametrize("name", fh.TRAVERSAL_NAMES + ("..", "../", "....//x.txt", "C:\\Windows\\evil.txt"))
def test_safe_file_name_keeps_only_a_base_name(name):
    safe = loader.safe_file_name(name)
    assert "/" not in safe and "\\" not in safe and safe not in ("", ".", "..")


def test_upload_cannot_write_outside_the_data_folder(tmp_path, monkeypatch, nlp):
    work = tmp_path / "a" / "b" / "c"
    data = work / "data"
    data.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("DASHBOARD_DB", str(data / "dashboard.db"))
    eng = store.open_store()
    before = files_under(tmp_path)
    uploads = [(name, fh.english_article(f"trav-{i}", 3).encode("utf-8"))
               for i, name in enumerate(fh.TRAVERSAL_NAMES)]
    results = list(loader.iter_upload(uploads))
    assert [name for name, _, _ in results] == ["evil.txt", "evil_win.txt", "evil_abs.txt", "evil_mixed.txt"]
    pipeline.ingest_articles(eng, [a for _, a, _ in results], nlp=nlp)
    new = files_under(tmp_path) - before
    assert all(p.parent == data and p.name.startswith("dashboard.db") for p in new), new
    assert not list(tmp_path.rglob("evil*")) and not Path("/etc/evil_abs.txt").exists()
    assert sorted(store.read_articles(eng)["file"]) == sorted(name for name, _, _ in results)


# ================================================================================== 4. crashes

@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory):
    """60 distinct articles long enough that an ingest takes a few seconds (two batches of SAVE_BATCH)."""
    folder = tmp_path_factory.mktemp("long") / "corpus"
    fh.corpus(folder, 60, paragraphs=4)
    return folder


def _wait_for_partial(proc: subprocess.Popen, db: Path, total: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        n = count_ro(db)
        if 0 < n < total:
            return n
        time.sleep(0.01)
    return count_ro(db)


def _assert_whole(db: Path) -> None:
    """Every stored article has its sentences and paragraphs; no child row lost its article."""
    assert count_ro(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM sentences s WHERE s.article_id = a.article_id)") == 0
    assert count_ro(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM paragraphs p WHERE p.article_id = a.article_id)") == 0
    for child in ("quotes", "figures", "sentences", "paragraphs", "entities"):
        assert count_ro(db, f"SELECT count(*) FROM {child} WHERE article_id NOT IN "
                            "(SELECT article_id FROM articles)") == 0, child
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_sigkill_midway_then_rerun_stores_everything_once(long_corpus, tmp_path):
    db = tmp_path / "killed.db"
    proc = popen_ingest(long_corpus, db)
    try:
        partial = _wait_for_partial(proc, db, 60)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < partial < 60, f"the ingest was not caught midway ({partial} stored)"
    stored = count_ro(db)
    assert 0 < stored < 60 and stored % pipeline.SAVE_BATCH == 0  # whole batches only
    _assert_whole(db)
    result = cli("ingest", str(long_corpus), "--db", str(db), "--quiet")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"{60 - stored} analysed, {stored} already stored" in result.stderr
    assert count_ro(db) == 60
    assert count_ro(db, "SELECT count(DISTINCT article_id) FROM articles") == 60
    _assert_whole(db)


def test_sigint_midway_says_what_happened(long_corpus, tmp_path):
    db = tmp_path / "interrupted.db"
    proc = popen_ingest(long_corpus, db)
    partial = _wait_for_partial(proc, db, 60)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert 0 < partial < 60
    assert count_ro(db) < 60, "the ingest ran to its end: the interrupt was not delivered or came too late"
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr
    assert "interrupted: articles written so far are stored whole" in stderr
    _assert_whole(db)


@pytest.mark.parametrize("kind", ["garbage", "png", "truncated", "directory"])
def test_store_that_is_not_a_database(tmp_path, kind):
    bad = tmp_path / "bad.db"
    if kind == "garbage":
        bad.write_bytes(fh.random_bytes(8192))
    elif kind == "png":
        bad.write_bytes(fh.png())
    elif kind == "truncated":  # the first page of a real store: the header is right, the rest is gone
        good = tmp_path / "good.db"
        eng = store.open_store(str(good))
        art = make_article("a.txt")
        store.save_analyses(eng, [(art, make_analysis(art))])
        eng.dispose()
        bad.write_bytes(good.read_bytes()[:4096])
    else:
        bad.mkdir()
    with pytest.raises(store.StoreError, match="move it aside|another path"):
        store.open_store(str(bad))
    result = cli("ingest", str(ROOT / "seeds"), "--db", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith("error: The store at") and "DASHBOARD_DB" in result.stderr
    assert "Traceback" not in result.stderr


def test_dashboard_on_a_store_that_is_not_a_database(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    bad = tmp_path / "garbage.db"
    bad.write_bytes(b"this is not a database\x00" * 400)
    monkeypatch.setenv("DASHBOARD_DB", str(bad))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "move it aside" in at.error[0].value


def _one_stored_article(db: Path):
    eng = store.open_store(str(db))
    art = make_article("a.txt")
    store.save_analyses(eng, [(art, make_analysis(art))])
    eng.dispose()


def test_schema_migrates_forward_and_keeps_rows(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    _one_stored_article(db)
    old = store.SCHEMA_VERSION
    monkeypatch.setattr(store.connect, "SCHEMA_VERSION", old + 1)
    monkeypatch.setattr(store.connect, "MIGRATIONS", {**store.MIGRATIONS,
                                              old + 1: ["ALTER TABLE articles ADD COLUMN robustness_note TEXT"]})
    eng = store.open_store(str(db))
    assert store.current_version(eng) == old + 1
    assert "robustness_note" in {c["name"] for c in sa.inspect(eng).get_columns("articles")}
    assert len(store.read_articles(eng)) == 1 and len(store.read_quotes(eng)) == 1
    assert store.migrate(eng) == old + 1  # a second open migrates nothing


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    _one_stored_article(db)
    old = store.SCHEMA_VERSION
    with monkeypatch.context() as m:
        m.setattr(store.connect, "SCHEMA_VERSION", old + 1)
        m.setattr(store.connect, "MIGRATIONS", {**store.MIGRATIONS,
                                        old + 1: ["ALTER TABLE articles ADD COLUMN half_done TEXT", "NOT SQL AT ALL"]})
        with pytest.raises(store.StoreError):
            store.open_store(str(db))
    eng = store.open_store(str(db))
    assert store.current_version(eng) == old
    assert "half_done" not in {c["name"] for c in sa.inspect(eng).get_columns("articles")}
    assert len(store.read_articles(eng)) == 1


def test_store_newer_than_the_code(tmp_path):
    db = tmp_path / "new.db"
    _one_stored_article(db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'future')",
                 (store.SCHEMA_VERSION + 3,))
    conn.commit()
    conn.close()
    with pytest.raises(store.StoreError, match="newer than this program"):
        store.open_store(str(db))
    result = cli("ingest", str(ROOT / "seeds"), "--db", str(db))
    assert result.returncode == 1 and "newer than this program" in result.stderr
    assert "Traceback" not in result.stderr
    assert count_ro(db) == 1  # untouched


# ================================================================================== 5. concurrency

@pytest.fixture(scope="module")
def short_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("short") / "all"
    return sorted(fh.corpus(folder, 60, paragraphs=3))


def _subset(paths: list[Path], folder: Path) -> Path:
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def test_two_cli_ingests_with_overlapping_corpora(short_corpus, tmp_path):
    db = tmp_path / "shared.db"
    first = _subset(short_corpus[:30], tmp_path / "first")
    second = _subset(short_corpus[15:45], tmp_path / "second")
    procs = [popen_ingest(first, db), popen_ingest(second, db)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert not any("Traceback" in err for _, err in results)
    assert count_ro(db) == 45 and count_ro(db, "SELECT count(DISTINCT article_id) FROM articles") == 45
    _assert_whole(db)


def test_a_new_store_waits_for_a_writer_that_holds_it_instead_of_failing(tmp_path):
    # Two programs creating one new store: the second's switch to WAL is refused at once (no busy handler)
    # while the first holds the write lock in rollback mode; it must wait, not report a damaged store.
    db = tmp_path / "new.db"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE placeholder (x)")
    release = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        engine = store.open_store(str(db))
    finally:
        release.join()
        holder.close()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert store.count_articles(engine) == 0
    engine.dispose()


def test_upload_while_the_cli_ingests(short_corpus, tmp_path, nlp):
    db = tmp_path / "shared.db"
    store.open_store(str(db)).dispose()  # the schema exists before either writer starts
    proc = popen_ingest(_subset(short_corpus[20:], tmp_path / "cli"), db)
    try:
        eng = store.open_store(str(db))
        uploads = [(p.name, p.read_bytes()) for p in short_corpus[:40]]
        articles = [a for _, a, _ in loader.iter_upload(uploads)]
        report = pipeline.ingest_articles(eng, articles, nlp=nlp, batch_size=8)
        assert report.analysed + report.reused == 40
    finally:
        _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "Traceback" not in stderr, stderr
    assert store.count_articles(eng) == 60
    assert store.read_articles(eng)["article_id"].is_unique
    _assert_whole(db)


def test_dashboard_serves_two_sessions_while_an_ingest_writes(short_corpus, tmp_path, monkeypatch, nlp):
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "live.db"
    eng = store.open_store(str(db))
    seeds, _ = loader.load_folder(ROOT / "seeds")
    pipeline.ingest_articles(eng, seeds, nlp=nlp)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    proc = popen_ingest(short_corpus[0].parent, db)
    seen, during = [], 0
    try:
        sessions = [AppTest.from_file(APP, default_timeout=120) for _ in range(2)]
        rounds = 0
        while rounds < 2 or (proc.poll() is None and rounds < 6):
            for at in sessions:
                during += proc.poll() is None
                at.run()
                assert not at.exception, [e.value for e in at.exception]
                seen.append(int(at.metric[0].value))
            rounds += 1
    finally:
        _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert during >= 2, "no session ran while the ingest was writing"
    assert all(5 <= n <= 65 for n in seen), seen
    assert store.count_articles(eng) == 65
