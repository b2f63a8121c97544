"""lib/ingest/background.py: an ingest off the caller's thread with its progress readable, and the dashboard's first
start running its ingest there (never on the Streamlit script thread)."""
from __future__ import annotations

import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.ingest import background, pipeline
from lib import store

ROOT = Path(__file__).resolve().parent.parent


def test_a_job_runs_on_its_own_thread_and_reports(tmp_path, seed_articles, nlp):
    articles = list(seed_articles.values())
    engine = store.open_store(str(tmp_path / "job.db"))
    threads, after = [], []
    real = pipeline.ingest_articles

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, nlp=nlp, **kwargs)

    pipeline.ingest_articles, saved = spy, pipeline.ingest_articles
    try:
        job = background.IngestJob(engine, articles, after=lambda report: after.append(report.analysed)).start()
        assert job.total == len(articles)
        report = job.result()
    finally:
        pipeline.ingest_articles = saved
    assert threads == [background.THREAD_NAME] and threading.current_thread().name != background.THREAD_NAME
    assert report.analysed == len(articles) and after == [len(articles)]
    assert job.finished and job.done == job.total == len(articles) and job.fraction == 1.0
    assert store.count_articles(engine) == len(articles)


def test_a_failed_job_raises_on_result(tmp_path, seed_articles):
    engine = store.open_store(str(tmp_path / "ro.db"))
    job = background.IngestJob(engine, list(seed_articles.values()),
                               after=lambda report: (_ for _ in ()).throw(RuntimeError("after failed")))
    job.articles = []  # nothing to analyse: the failure is the after-hook's
    job.start()
    try:
        job.result()
    except RuntimeError as exc:
        assert "after failed" in str(exc)
    else:
        raise AssertionError("the job's failure must reach result()")


def test_the_first_start_ingests_off_the_script_thread(monkeypatch, tmp_path, nlp):
    """An empty store and a default corpus: the dashboard analyses it on the ingest thread, polling its progress,
    and shows the stored articles on the same run."""
    calls = []
    real = pipeline.ingest_articles

    def spy(engine, articles, *args, **kwargs):
        calls.append((threading.current_thread().name, kwargs.get("n_process", "unset"), len(articles)))
        return real(engine, articles, *args, nlp=nlp, **kwargs)

    monkeypatch.setattr(pipeline, "ingest_articles", spy)
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "fresh.db"))
    monkeypatch.setenv("DASHBOARD_READONLY", "")
    monkeypatch.setenv("DASHBOARD_CORPUS", str(ROOT / "seeds"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
    assert not at.exception, [e.value for e in at.exception]
    assert calls == [(background.THREAD_NAME, None, 5)]  # the default jobs (one: 5 seeds are below the threshold)
    assert store.count_articles(store.open_store(str(tmp_path / "fresh.db"))) == 5
    assert [m.value for m in at.metric][:1] == ["5"]  # the overview counts them on the same run
