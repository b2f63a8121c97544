"""Batches of articles -> lib.ingest.nlp.parse_many -> analyse -> store, with progress. Articles whose current
analysis is already stored are not parsed again (keyed by content hash and analysis version). spaCy and the extractors
(`lib.analyse`) are imported only when something needs analysing, so a run with nothing new starts fast."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from sqlalchemy.engine import Engine

from lib import store, voices
from lib.ingest.loader import iter_upload, load_folder
from lib.ingest.skip import Skipped
from lib.records import ANALYSIS_VERSION, Analysis, Article

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
    """The articles whose current analysis is not yet stored: never stored, stored by an older analysis
    version, or analysed under another version of the topic profile in force (what the analysis reads of it)."""
    from lib.topic import active_topic

    key = active_topic().key
    stored = store.stored_analysis_keys(engine, [a.article_id for a in articles])
    return [a for a in articles if not is_current(stored.get(a.article_id), key)]


def is_current(stored: Optional[tuple[int, Optional[str]]], topic_key: str) -> bool:
    """Whether a stored (analysis_version, topic_key) is what this program would store now; an analysis stored
    before analyses were keyed by topic (key None) counts as current until the version changes."""
    return stored is not None and stored[0] == ANALYSIS_VERSION and stored[1] in (None, topic_key)


def plan(engine: Engine, articles: Sequence[Article]) -> tuple[IngestReport, list[Article]]:
    """The start of every ingest (here and on Dask, lib/ingest/distributed.py): a report that counts what is reused, the
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
    parsing (a warm start of the dashboard never loads it). An article whose analysis or write fails is
    skipped with the reason (in `report.skipped`); the others of its batch are stored."""
    start = time.perf_counter()
    report, todo = plan(engine, articles)
    if todo:
        from lib.ingest.nlp import parse_many  # spaCy: imported only when there is something to analyse

        if nlp is None:
            from lib.ingest.nlp import load_model as default_loader

            nlp = (load_model or default_loader)()
        docs = parse_many((a.text for a in todo), nlp, n_process=n_process, batch_size=batch_size)
        done = 0
        if progress:
            progress(0, len(todo))
        for chunk in _batches(todo, batch_size):
            analysed, failed = analyse_each(chunk, docs)
            written, refused = save_each(engine, analysed)
            report.skipped += failed + refused
            report.analysed += written
            done += len(chunk)
            if progress:
                progress(done, len(todo))
    report.seconds = time.perf_counter() - start
    return report


def analyse_each(articles: Sequence[Article], docs: Iterator) -> tuple[list[tuple[Article, Analysis]],
                                                                        list[Skipped]]:
    """Each article analysed on its Doc (the next of `docs`); one that could not be parsed or whose analysis
    fails is skipped with the reason and the others go on."""
    from lib.analyse import analyse, needs_title_doc
    from lib.ingest.nlp import parse

    analysed, failed = [], []
    for article in articles:
        doc = next(docs)
        if isinstance(doc, Exception):  # the model failed on this text (lib.ingest.nlp.parse_many)
            failed.append(Skipped(article.file, f"could not be parsed ({type(doc).__name__}: {doc})"[:300]))
            continue
        try:
            # a title apart from the text is parsed here, as the text was: analyse itself loads no model
            title_doc = parse(article.title.strip()) if needs_title_doc(article, doc) else None
            analysed.append((article, analyse(article, doc, title_doc=title_doc)))
        except Exception as exc:  # an extractor's bug on one text must not stop the others
            failed.append(Skipped(article.file, f"could not be analysed ({type(exc).__name__}: {exc})"[:300]))
    return analysed, failed


def save_each(engine: Engine, analysed: Sequence[tuple[Article, Analysis]]) -> tuple[int, list[Skipped]]:
    """The batch written in one transaction, or article by article when the database refuses something in it
    (`store.save_analyses_each`): (articles written, the refused ones as Skipped with the reason)."""
    if not analysed:
        return 0, []
    written, refused = store.save_analyses_each(engine, analysed)
    refused_ids = {article.article_id for article, _ in refused}
    # The stored ones join the near-duplicate index (lib/voices.py), here and on Dask workers alike.
    voices.index_articles(engine, [article for article, _ in analysed if article.article_id not in refused_ids])
    return written, [Skipped(article.file, reason) for article, reason in refused]


def ingest_folder(engine: Engine, folder: Path | str, progress: Optional[Progress] = None,
                  n_process: int = 1) -> IngestReport:
    """Load a corpus folder (skipping what cannot be an article) and ingest it."""
    start = time.perf_counter()
    loaded, skipped = load_folder(folder)
    report = ingest_articles(engine, loaded, progress=progress, n_process=n_process)
    report.skipped = skipped
    report.seconds = time.perf_counter() - start
    return report


def ingest_upload(engine: Engine, files: Iterable[tuple[str, bytes]], progress: Optional[Progress] = None,
                  nlp=None, load_model: Optional[Callable] = None) -> tuple[IngestReport, list[Article]]:
    """The dashboard's upload: (name, bytes) pairs read (`loader.iter_upload`), analysed and stored like any other
    articles, each one stored logged as an upload. (report, the articles stored); `report.skipped` holds the files
    that could not be read, then what analysis or the store refused."""
    loaded, unread = [], []
    for name, article, reason in iter_upload(files):
        if article is not None:
            loaded.append(article)
        else:
            unread.append(Skipped(name, reason))
    report = ingest_articles(engine, loaded, progress=progress, nlp=nlp, load_model=load_model)
    refused = {item.file for item in report.skipped}  # analysis or the store refused them
    stored = [a for a in loaded if a.file not in refused]
    for article in stored:
        store.log_upload(engine, article.article_id, article.file)
    report.skipped = unread + report.skipped
    return report, stored
