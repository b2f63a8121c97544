"""The one ingest path (lib/ingest/pipeline.py): the dashboard's upload through `ingest_upload` reads, analyses,
stores and logs each file like the CLI's corpus; what cannot be read or analysed is reported, in order."""
from __future__ import annotations

from lib import store
from lib.ingest import pipeline

STORY = ("Pakistan and Afghanistan agreed on Sunday to extend the ceasefire for another week, the mediators said "
         "after a second round of talks in Doha. Both delegations said the border crossing at Torkham would reopen "
         "for trade while the talks go on, and that prisoners would be exchanged before the next round.")


def test_upload_is_read_analysed_stored_and_logged(tmp_path, nlp):
    engine = store.open_store(str(tmp_path / "upload.db"))
    files = [("talks.txt", STORY.encode()), ("notes.pdf", b"%PDF-1.4"), ("again.txt", STORY.encode()),
             ("stub.txt", b"Too short to be an article.")]
    report, stored = pipeline.ingest_upload(engine, files, nlp=nlp)
    assert [a.file for a in stored] == ["talks.txt"] and report.analysed == 1 and report.reused == 0
    assert [(s.file, s.reason.split(" (")[0]) for s in report.skipped] == [
        ("notes.pdf", "unsupported file type"), ("again.txt", "duplicate of talks.txt"),
        ("stub.txt", "too short to be an article")]
    log = store.read_edit_log(engine)
    assert log["action"].tolist() == ["upload"] and log["article_id"].tolist() == [stored[0].article_id]

    report, stored = pipeline.ingest_upload(engine, files[:1], nlp=nlp)  # the same file again: reused
    assert (report.analysed, report.reused, [a.file for a in stored]) == (0, 1, ["talks.txt"])


def test_upload_loads_the_model_only_when_something_needs_analysing(tmp_path, nlp):
    engine = store.open_store(str(tmp_path / "lazy.db"))
    loads = []
    pipeline.ingest_upload(engine, [("talks.txt", STORY.encode())], load_model=lambda: loads.append(1) or nlp)
    pipeline.ingest_upload(engine, [("talks.txt", STORY.encode())], load_model=lambda: loads.append(1) or nlp)
    pipeline.ingest_upload(engine, [("stub.txt", b"Too short.")], load_model=lambda: loads.append(1) or nlp)
    assert loads == [1]
