"""CLI: exit codes, the CSV contract, skipped.csv, formula escaping, clear errors without tracebacks."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from lib.export import CONTRACT, EXTRA, safe_cell
from tests.helpers import BODY

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    db = out / "store.db"
    result = run_cli("export", str(ROOT / "seeds"), "--out", str(out), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    return out, db


def test_export_writes_contract_columns(seed_export):
    out, _ = seed_export
    for name, columns in CONTRACT.items():
        with open(out / f"{name}.csv", encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert header[:len(columns)] == columns, name


def test_export_articles_gain_voice_columns_at_the_end(seed_export):
    """Issue 22: voice_id, copies, voice_source are added after every earlier column (none renamed or dropped)."""
    out, _ = seed_export
    with open(out / "articles.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[-3:] == ["voice_id", "copies", "voice_source"]
    assert header[:-3] == CONTRACT["articles"] + EXTRA["articles"][:-3]
    for row in read(out / "articles.csv"):  # the five seeds are five distinct stories
        assert row["voice_id"] == row["article_id"] and row["copies"] == "1"
        assert row["voice_source"] == row["outlet"]


def test_export_articles_rows(seed_export):
    out, _ = seed_export
    rows = {r["file"]: r for r in read(out / "articles.csv")}
    assert len(rows) == 5
    assert rows["000_96652117fce664ee.txt"]["published"] == "2025-11-02"
    assert rows["000_96652117fce664ee.txt"]["outlet_origin"] == "inferred"
    assert rows["002_e8b81833522c92a9.txt"]["outlet_origin"] == "unknown"
    assert all(r["stance"] in {"hopeful", "mixed", "pessimistic", "insufficient evidence"} for r in rows.values())
    assert read(out / "skipped.csv") == []


def test_second_export_reuses_store(seed_export, tmp_path):
    _, db = seed_export
    result = run_cli("export", str(ROOT / "seeds"), "--out", str(tmp_path), "--db", str(db), "--quiet")
    assert result.returncode == 0
    assert "0 analysed, 5 already stored" in result.stderr


def test_skipped_files_exit_zero_and_are_listed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text("Title: =HYPERLINK(\"http://x\")\n\n" + BODY)
    (corpus / "empty.txt").write_text("")
    (corpus / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / "b_copy.txt").write_text(BODY)
    out = tmp_path / "out"
    result = run_cli("export", str(corpus), "--out", str(out), "--db", str(tmp_path / "s.db"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    skipped = {r["file"]: r["reason"] for r in read(out / "skipped.csv")}
    assert skipped["empty.txt"] == "empty file"
    assert "unsupported file type" in skipped["image.png"]
    assert skipped["b_copy.txt"] == "duplicate of a_good.txt (same text)"
    assert "skipped empty.txt: empty file" in result.stderr
    titles = [r["title"] for r in read(out / "articles.csv")]
    assert titles == ["'=HYPERLINK(\"http://x\")"]  # formula-safe


def test_missing_corpus_is_a_usage_error(tmp_path):
    result = run_cli("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert "corpus folder not found" in result.stderr and "Traceback" not in result.stderr


def test_broken_store_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    result = run_cli("ingest", str(ROOT / "seeds"), "--db", str(bad))
    assert result.returncode == 1
    assert "move it aside" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+cmd", "'+cmd"), ("-x", "'-x"), ("@foo", "'@foo"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-3.5", "-3.5"), ("+12", "+12"), ("plain", "plain"), (12, 12), (None, None),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# ------------------------------------------------------------------------ hostile input, round two (issue 24)

ARTICLE = " ".join([BODY] * 2)


def _export(corpus, tmp_path, *extra, env=None):
    out = tmp_path / "out"
    result = run_cli("export", str(corpus), "--out", str(out), "--db", str(tmp_path / "s.db"), "--quiet", *extra,
                     env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result, out


def test_file_names_reach_the_terminal_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\x1b]0;PWNED\x07\x1b[2Jb.txt").write_text("")
    (corpus / "c\nskipped x.txt: all good.txt").write_text("")
    result, out = _export(corpus, tmp_path)
    assert not any(ch in result.stderr for ch in "\x1b\x07")  # no retitled, no cleared terminal
    assert "\nskipped x.txt: all good" not in result.stderr  # no forged line
    assert "skipped a\\x1b]0;PWNED\\x07\\x1b[2Jb.txt: empty file\n" in result.stderr
    assert "skipped c\\nskipped x.txt: all good.txt: empty file\n" in result.stderr
    assert sorted(r["file"] for r in read(out / "skipped.csv")) == [
        "a\\x1b]0;PWNED\\x07\\x1b[2Jb.txt", "c\\nskipped x.txt: all good.txt"]


def test_a_malformed_manifest_row_is_reported_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE + " First.")
    (corpus / "b.txt").write_text(ARTICLE + " Second.")
    (corpus / "manifest.csv").write_text("file,title,outlet\na.txt,A title,Dawn,EXTRA\nb.txt,B title,Geo News\n"
                                         f'c.txt,"{"x" * 140_000}",X\n')
    result, out = _export(corpus, tmp_path)
    assert "skipped manifest.csv: line 2: 4 cells where the header has 3; row ignored" in result.stderr
    assert "skipped manifest.csv: line 4: unreadable row (field larger than field limit" in result.stderr
    rows = {r["file"]: r for r in read(out / "articles.csv")}
    assert set(rows) == {"a.txt", "b.txt"}
    assert (rows["b.txt"]["title"], rows["b.txt"]["outlet"]) == ("B title", "Geo News")
    assert rows["a.txt"]["outlet_origin"] != "manifest"


def test_a_bad_url_is_dropped_with_a_warning_and_the_article_stored(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "u.txt").write_text("Title: Talks resume\nURL: http://[bad\n\n" + ARTICLE)
    result, out = _export(corpus, tmp_path)
    rows = read(out / "articles.csv")
    assert [(r["file"], r["title"], r["url"]) for r in rows] == [("u.txt", "Talks resume", "")]
    assert ("warning u.txt: url from the header dropped: 'http://[bad' is not a valid URL (Invalid IPv6 URL)"
            in result.stderr)


def test_the_same_name_in_two_sub_folders_is_two_articles_with_their_own_values(tmp_path):
    corpus = tmp_path / "corpus"
    for folder, extra in (("a", "From a."), ("b", "From b.")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "report.txt").write_text(ARTICLE + " " + extra)
    (corpus / "manifest.csv").write_text("file,title,outlet\na/report.txt,A title,Dawn\n"
                                         "b/report.txt,B title,Geo News\n")
    result, out = _export(corpus, tmp_path)
    rows = {r["file"]: (r["title"], r["outlet"]) for r in read(out / "articles.csv")}
    assert rows == {"a/report.txt": ("A title", "Dawn"), "b/report.txt": ("B title", "Geo News")}
    quotes_or_sentences = {r["file"] for r in read(out / "sentences.csv")}
    assert quotes_or_sentences == {"a/report.txt", "b/report.txt"}


def test_a_link_out_of_the_corpus_is_not_ingested(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE + " Secretive words from outside the corpus.")
    (corpus / "link.txt").symlink_to(secret)
    result, out = _export(corpus, tmp_path)
    assert [r["file"] for r in read(out / "articles.csv")] == ["a.txt"]
    assert {r["file"]: r["reason"] for r in read(out / "skipped.csv")} == {
        "link.txt": "link leading outside the corpus folder (not followed)"}
    assert not any("Secretive" in r["text"] for r in read(out / "sentences.csv"))
