"""The corpus folder on disk (lib/ingest/corpus.py): printable names, which entries are read (links, special files),
and the reader that never blocks; hand-checked cases with negatives. How load_folder reports them: test_loader."""
from __future__ import annotations

import os

import pytest

from lib.ingest import corpus


@pytest.mark.parametrize("name, printable", [
    ("a\x1b]0;PWNED\x07\x1b[2Jb.txt", "a\\x1b]0;PWNED\\x07\\x1b[2Jb.txt"),
    ("c\nskipped x.txt: all good.txt", "c\\nskipped x.txt: all good.txt"),
    ("tab\there\r.txt", "tab\\there\\r.txt"),
    ("rtl\u202etxt.exe", "rtl\\u202etxt.exe"),  # a right-to-left override would show "exe.txt"
    ("c1\x9b31m.txt", "c1\\x9b31m.txt"),  # a C1 control sequence introducer
    ("bad\udcff.txt", "bad\\udcff.txt"),  # an undecodable byte of a Linux file name
    ("Zürich – talks ✓ 日本語.txt", "Zürich – talks ✓ 日本語.txt"),  # printable: unchanged
])
def test_printable_name_escapes_what_a_terminal_would_obey(name, printable):
    assert corpus.printable_name(name) == printable


def test_a_pipe_is_refused_by_the_reader_itself_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "swapped.txt")  # a file replaced by a pipe after the folder was listed
    with pytest.raises(corpus.Unreadable, match="not a regular file"):
        corpus.read_regular_file(tmp_path / "swapped.txt", 1024)


def test_entries_are_sorted_by_path_hidden_ones_and_ignored_names_left_out(tmp_path):
    for name in ("b.txt", "a/z.txt", "a/.hidden.txt", ".git/config", "MANIFEST.csv", "c\\d.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    entries = corpus.corpus_entries(tmp_path, ignored=("manifest.csv",))
    assert [e.key for e in entries] == ["a/z.txt", "b.txt", "c\\d.txt"]
    assert all(e.refusal is None for e in entries)


@pytest.mark.parametrize("make, reason", [
    (lambda d: (d / "f.txt").write_text("x"), None),
    (lambda d: os.symlink(d / "f.txt", d / "e.txt"), None),  # a link that stays inside
    (lambda d: os.symlink(os.devnull, d / "e.txt"), "link leading outside the corpus folder (not followed)"),
    (lambda d: os.symlink(d / "nowhere.txt", d / "e.txt"), "broken link (its target does not exist)"),
    (lambda d: os.symlink("e.txt", d / "e.txt"), "link loop (not followed)"),
    (lambda d: os.symlink(d / "sub", d / "e.txt"), "link to a folder (not followed)"),
    (lambda d: os.mkfifo(d / "e.txt"), "not a regular file (a named pipe)"),
])
def test_entry_refusal(tmp_path, make, reason):
    (tmp_path / "f.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    make(tmp_path)
    name = "f.txt" if reason is None and not (tmp_path / "e.txt").exists() else "e.txt"
    assert corpus.entry_refusal(tmp_path, tmp_path / name) == reason


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 3 * 1048576)
    with pytest.raises(corpus.Unreadable, match=r"file too large \(3.0 MB; the limit is 2 MB\)"):
        corpus.read_regular_file(tmp_path / "big.txt", 2 * 1048576)
    assert corpus.read_regular_file(tmp_path / "big.txt", 4 * 1048576) == b"x" * 3 * 1048576
