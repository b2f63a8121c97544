"""The export of the project's own corpora (the seeds and tests/heldout*) is byte for byte what
tests/expected/ holds: a change of structure (modules moved, rules rewritten as tables, speed-ups) must not change
one cell. When a change of the output is intended, `python tests/expected/update.py` writes the new expectation,
and the difference is committed with the change that made it."""
from __future__ import annotations

import difflib

import pytest

from tests.expected.update import CORPORA, HERE, export


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_export_is_unchanged(name, tmp_path):
    export(CORPORA[name], tmp_path / name)
    expected_files = sorted(p.name for p in (HERE / name).iterdir())
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == expected_files
    for file in expected_files:
        want = (HERE / name / file).read_text(encoding="utf-8")
        got = (tmp_path / name / file).read_text(encoding="utf-8")
        if got != want:
            diff = "".join(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"expected/{file}",
                                                     f"now/{file}", n=0))[:40])
            pytest.fail(f"{name}/{file} changed (python tests/expected/update.py if intended):\n{diff}")
