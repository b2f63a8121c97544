"""An ingest run off the caller's thread, its progress readable at any moment: how the dashboard analyses an upload
or its first-start corpus without parsing on the Streamlit script thread. The work is
`lib.ingest.pipeline.ingest_articles` as the CLI runs it (the same `default_jobs`); from a process that runs
threads, its worker processes are spawned, never forked, and `nlp.pipe(n_process>1)` is never called. No
streamlit here: the display layer polls the job.
"""
from __future__ import annotations

import threading
from typing import Callable, Optional, Sequence

from sqlalchemy.engine import Engine

from lib.records import Article

THREAD_NAME = "dashboard-ingest"


class IngestJob:
    """One ingest on a thread of its own. `done`/`total` follow its progress; `result()` waits for its
    IngestReport (or raises what the ingest raised). `after(report)`, when given, runs on the job's thread once
    the articles are stored, so that what must follow them (the upload log) happens even if nobody waits."""

    def __init__(self, engine: Engine, articles: Sequence[Article], n_process: Optional[int] = None,
                 after: Optional[Callable] = None):
        self.engine, self.articles, self.n_process, self.after = engine, list(articles), n_process, after
        self.done, self.total = 0, len(self.articles)
        self.report = None
        self.error: Optional[BaseException] = None
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)

    def start(self) -> "IngestJob":
        self._thread.start()
        return self

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def _run(self) -> None:
        from lib.ingest import pipeline

        try:
            self.report = pipeline.ingest_articles(self.engine, self.articles, progress=self._progress,
                                                   n_process=self.n_process)
            if self.after is not None:
                self.after(self.report)
        except BaseException as exc:  # handed to whoever asks for the result
            self.error = exc

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive()

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else (1.0 if self.finished else 0.0)

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait up to `timeout` seconds; True when the job has finished."""
        self._thread.join(timeout)
        return self.finished

    def result(self):
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.report
