"""Batches of articles -> nlp.pipe -> analyse -> store, with progress. Articles whose current analysis is
already stored are not parsed again (keyed by content hash and analysis version). spaCy and the extractors
(`lib.analyse`) are imported only when something needs analysing, so a run with nothing new starts fast."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from sqlalchemy.engine import Engine

from lib import store, voices
from lib.loader import Skipped, load_folder
from lib.records import ANALYSIS_VERSION, Article

Progress = Callable[[int, int], None]  # (articles done, articles to do)

SAVE_BATCH = 32  # articles per transaction: a crash loses at most one batch, never half an article


@dataclass
class IngestReport:
    articles: list[Article] = field(default_factory=list)  # every article of the input (new and stored)
    skipped: list[Skipped] = field(default_factory=list)
    analysed: int = 0  # parsed and stored now
    reused: int = 0  # already stored with the current analysis version
    seconds: float = 0.0

    @property
    def words(self) -> int:
        return sum(len(a.text.split()) for a in self.articles)


def _batches(items: Sequence, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def pending(engine: Engine, articles: Sequence[Article]) -> list[Article]:
    """The articles whose current analysis is not yet stored."""
    versions = store.stored_versions(engine, [a.article_id for a in articles])
    return [a for a in articles if versions.get(a.article_id) != ANALYSIS_VERSION]


def plan(engine: Engine, articles: Sequence[Article]) -> tuple[IngestReport, list[Article]]:
    """The start of every ingest (here and on Dask, lib/distributed.py): a report that counts what is reused, the
    articles still to analyse, and the stored metadata of the reused ones brought up to date (a corrected
    manifest must not wait for a new analysis version)."""
    report = IngestReport(articles=list(articles))
    todo = pending(engine, articles)
    report.reused = len(articles) - len(todo)
    todo_ids = {a.article_id for a in todo}
    store.refresh_metadata(engine, [a for a in articles if a.article_id not in todo_ids])
    voices.index_stored(engine)  # stored articles the near-duplicate index lacks (lib/voices.py)
    return report, todo


def ingest_articles(engine: Engine, articles: Sequence[Article], progress: Optional[Progress] = None,
                    n_process: int = 1, batch_size: int = SAVE_BATCH, nlp=None,
                    load_model: Optional[Callable] = None) -> IngestReport:
    """Analyse and store what is missing; reuse what is stored. The model is loaded only if something needs
    parsing (a warm start of the dashboard never loads it)."""
    start = time.perf_counter()
    report, todo = plan(engine, articles)
    if todo:
        from lib.analyse import analyse  # spaCy: imported only when there is something to analyse

        if nlp is None:
            from lib.nlp import load_model as default_loader

            nlp = (load_model or default_loader)()
        docs = nlp.pipe((a.text for a in todo), batch_size=batch_size, n_process=n_process)
        done = 0
        if progress:
            progress(0, len(todo))
        for chunk in _batches(todo, batch_size):
            analysed = [(article, analyse(article, next(docs))) for article in chunk]
            store.save_analyses(engine, analysed)
            voices.index_articles(engine, chunk)
            done += len(chunk)
            report.analysed += len(chunk)
            if progress:
                progress(done, len(todo))
    report.seconds = time.perf_counter() - start
    return report


def ingest_folder(engine: Engine, folder: Path | str, progress: Optional[Progress] = None,
                  n_process: int = 1) -> IngestReport:
    """Load a corpus folder (skipping what cannot be an article) and ingest it."""
    start = time.perf_counter()
    loaded, skipped = load_folder(folder)
    report = ingest_articles(engine, loaded, progress=progress, n_process=n_process)
    report.skipped = skipped
    report.seconds = time.perf_counter() - start
    return report
