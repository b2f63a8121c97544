"""lib/ingest/pipeline.py: how many processes an ingest runs by default, the same rows in the store whether one
process analyses or a pool of forked or spawned workers does, and the dashboard's upload through the same path
(read, analysed, stored and logged like the CLI's corpus; what cannot be read or analysed reported, in order)."""
from __future__ import annotations

import os
import threading

import pytest

from lib import store
from lib.ingest import pipeline
from lib.ingest.pipeline import MIN_WORDS_PER_PROCESS as MIN


@pytest.mark.parametrize("n_articles, n_words, cpus, expected", [
    (0, 0, 2, 1),  # nothing to do: still one
    (1, 50_000, 8, 1),  # one article is one process, however long
    (5, 2_822, 2, 1),  # the five seeds: below the threshold, no worker is worth its start
    (10, 2 * MIN - 1, 2, 1),  # just below two processes' worth
    (10, 2 * MIN, 2, 2),  # from two processes' worth on: both CPUs
    (300, 93_923, 2, 2),  # the 300 articles: every CPU
    (300, 93_923, 1, 1),  # a process allowed one CPU runs one
    (3, 100 * MIN, 16, 3),  # never more processes than articles
    (100, 5 * MIN, 16, 5),  # one process per MIN words at most
])
def test_default_jobs(n_articles, n_words, cpus, expected):
    assert pipeline.default_jobs(n_articles, n_words, cpus) == expected


def test_default_jobs_takes_its_own_threshold():
    assert pipeline.default_jobs(10, 10_000, 2, min_words=10_000) == 1
    assert pipeline.default_jobs(10, 20_000, 2, min_words=10_000) == 2


def test_usable_cpus_is_the_affinity_mask():
    assert pipeline.usable_cpus() == len(os.sched_getaffinity(0))
    assert pipeline.default_jobs(10_000, 10**7) == min(pipeline.usable_cpus(), 10_000)


def test_jobs_default_on_the_command_line():
    from lib.__main__ import _parser

    assert _parser().parse_args(["ingest", "corpus"]).jobs is None  # the CPUs, capped by the threshold
    assert _parser().parse_args(["export", "corpus", "--out", "o", "--jobs", "1"]).jobs == 1


def _rows(engine, ids):
    from lib import export

    frames = export.export_frames(engine, ids, {i: i for i in ids}, [])
    return {name: frame.to_csv(index=False) for name, frame in frames.items()}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, seed_articles, nlp):
    """The seeds analysed by one process: the rows every other way must store."""
    articles = list(seed_articles.values())
    engine = store.open_store(str(tmp_path_factory.mktemp("one") / "one.db"))
    report = pipeline.ingest_articles(engine, articles, nlp=nlp, n_process=1)
    assert report.analysed == len(articles)
    return articles, _rows(engine, [a.article_id for a in articles])


def test_a_forked_pool_stores_the_same_rows(tmp_path, one_process, nlp):
    articles, expected = one_process
    engine = store.open_store(str(tmp_path / "pool.db"))
    seen = []
    report = pipeline.ingest_articles(engine, articles, nlp=nlp, n_process=2, progress=lambda d, t: seen.append(d))
    assert report.analysed == len(articles) and not report.skipped
    assert seen[0] == 0 and seen[-1] == len(articles) and seen == sorted(seen)
    assert _rows(engine, [a.article_id for a in articles]) == expected


def test_a_pool_started_from_a_thread_spawns_and_stores_the_same_rows(tmp_path, one_process):
    """What the dashboard does (lib/ingest/background.py): a process with threads never forks; spawned workers load
    the model themselves."""
    articles, expected = one_process
    engine = store.open_store(str(tmp_path / "spawned.db"))
    out = {}

    def run():
        out["fork"] = pipeline._can_fork()
        out["report"] = pipeline.ingest_articles(engine, articles, n_process=2)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(600)
    assert out["fork"] is False
    assert out["report"].analysed == len(articles)
    assert _rows(engine, [a.article_id for a in articles]) == expected


def test_one_failing_article_in_a_pool_is_skipped_with_its_reason(tmp_path, seed_articles, nlp, monkeypatch):
    import dataclasses

    articles = list(seed_articles.values())
    broken = dataclasses.replace(articles[1], title=object())  # the stance scorer cannot read this title
    engine = store.open_store(str(tmp_path / "fail.db"))
    report = pipeline.ingest_articles(engine, [articles[0], broken, *articles[2:]], nlp=nlp, n_process=2)
    assert report.analysed == len(articles) - 1
    assert [s.file for s in report.skipped] == [broken.file]
    assert report.skipped[0].reason.startswith("could not be analysed")


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


def test_titles_read_apart_are_parsed_with_the_texts_as_parse_gives_them(seed_articles, nlp):
    import dataclasses

    from lib.analyse import needs_title_doc
    from lib.ingest.nlp import parse

    articles = list(seed_articles.values())
    # One headline not in its text (read apart), the others as the seeds have them (found at the top, or none).
    apart = dataclasses.replace(articles[2], title="Mediators say the Istanbul round stalled over guarantees")
    chunk = [articles[0], articles[1], apart, *articles[3:]]
    ((got, docs, titles),) = pipeline.parsed_chunks([chunk], nlp, batch_size=4)
    assert got == chunk and [d.text for d in docs] == [parse(a.text, nlp).text for a in chunk]
    wanted = {k for k, (a, d) in enumerate(zip(chunk, docs)) if needs_title_doc(a, d)}
    assert 2 in wanted and set(titles) == wanted  # exactly the titles the analysis reads apart

    def reading(doc):
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]

    assert all(reading(titles[k]) == reading(parse(chunk[k].title.strip(), nlp)) for k in wanted)


def test_pool_tasks_shrink_in_the_last_rounds_and_keep_the_order():
    items = list(range(300))
    sizes = [len(t) for t in pipeline.tasks(items, 8, 2)]
    assert [x for t in pipeline.tasks(items, 8, 2) for x in t] == items  # every article once, in order
    assert sizes[:30] == [8] * 30 and sizes == sorted(sizes, reverse=True)
    # the last rounds: a quarter of what is left, down to MIN_CHUNK, so neither worker ends a whole task alone
    assert sizes[-6:] == [4, 3, 2, 2, 2, 2] and sum(sizes[-6:]) == 15
    assert [len(t) for t in pipeline.tasks(list(range(5)), 8, 2)] == [2, 2, 1]
