"""Batches of articles -> lib.ingest.nlp.parse_many -> analyse -> store, with progress. Articles whose current
analysis is already stored are not parsed again (keyed by content hash and analysis version). spaCy and the extractors
(`lib.analyse`) are imported only when something needs analysing, so a run with nothing new starts fast.

How many processes: `default_jobs` (the CPUs this process may use, fewer for a small batch, one below
MIN_WORDS_PER_PROCESS words each). With one process, this process parses and analyses. With more, a pool of worker
processes each parses and analyses a chunk of articles (parse_many + analyse: no Doc crosses a process boundary,
only the Analysis records), and this process writes the chunks to the store in their order, one transaction each.
The pool forks when this process runs a single thread (the workers share the loaded model) and spawns otherwise
(a dashboard server: forking a threaded process can hang; each spawned worker loads the model itself)."""
from __future__ import annotations

import os
import threading
import time
from collections import deque
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

# Words of articles to analyse per process, at least: below it one more process does not pay for itself (starting
# a worker and handing it its chunks). Measured with `python bench/jobs.py` (and `--spawn`) on 2 CPUs: two forked
# processes lose up to 2,430 words (4 articles, 0.98x) and win from 5,020 (8 articles, 1.11x); see the README's
# Performance section.
MIN_WORDS_PER_PROCESS = 2_500  # forked workers (the CLI): they share the model already loaded
MIN_WORDS_PER_SPAWNED_PROCESS = 10_000  # spawned workers (the dashboard): each imports spaCy and loads the model
# A worker's task: TASK_ARTICLES articles, fewer on a short run (CHUNKS_PER_WORKER tasks each at least) and in the
# last rounds (`tasks`). Small tasks keep both workers busy to the end (the last task runs alone: 32 articles were
# ~4 s of one core idle); the writes are still grouped SAVE_BATCH articles a transaction.
MIN_CHUNK, CHUNKS_PER_WORKER, TASK_ARTICLES = 2, 4, 8
IN_FLIGHT_PER_WORKER = 6  # chunks queued per worker: bounds the memory of finished chunks waiting to be written


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask: a container or `taskset` may allow fewer than the
    machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_jobs(n_articles: int, n_words: int, cpus: Optional[int] = None, min_words: Optional[int] = None) -> int:
    """Processes worth running for `n_articles` articles of `n_words` words in all: one per usable CPU (`cpus`),
    but no more than the articles, and one per `min_words` words at most (default MIN_WORDS_PER_PROCESS; one
    process below that)."""
    cpus = usable_cpus() if cpus is None else max(1, cpus)
    return max(1, min(cpus, n_articles, n_words // max(1, min_words or MIN_WORDS_PER_PROCESS)))


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


def tasks(items: Sequence, size: int, workers: int) -> Iterator[list]:
    """`items` in order as the pool's tasks: `size` items each until the last rounds, then a share of what is left
    (a 2*workers-th, at least MIN_CHUNK): the workers finish together instead of one finishing a whole task
    alone while the others wait (guided scheduling)."""
    start = 0
    while start < len(items):
        left = len(items) - start
        n = max(MIN_CHUNK, min(size, -(-left // (2 * workers))))
        yield list(items[start:start + n])
        start += n


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
                    n_process: Optional[int] = 1, batch_size: int = SAVE_BATCH, nlp=None,
                    load_model: Optional[Callable] = None) -> IngestReport:
    """Analyse and store what is missing; reuse what is stored. The model is loaded only if something needs
    parsing (a warm start of the dashboard never loads it). An article whose analysis or write fails is
    skipped with the reason (in `report.skipped`); the others of its batch are stored. `n_process` None: as many
    as `default_jobs` finds worth it for the articles to analyse."""
    start = time.perf_counter()
    report, todo = plan(engine, articles)
    if todo and n_process is None:
        n_process = default_jobs(len(todo), sum(len(a.text.split()) for a in todo),
                                 min_words=MIN_WORDS_PER_PROCESS if _can_fork() else MIN_WORDS_PER_SPAWNED_PROCESS)
    if todo and n_process > 1:
        _ingest_in_pool(engine, todo, report, progress, n_process, nlp, load_model)
    elif todo:  # spaCy is imported only here, when there is something to analyse
        if nlp is None:
            from lib.ingest.nlp import load_model as default_loader

            nlp = (load_model or default_loader)()
        done = 0
        if progress:
            progress(0, len(todo))
        for chunk, docs, titles in parsed_chunks(_batches(todo, batch_size), nlp, batch_size):
            analysed, failed = analyse_each(chunk, docs, titles)
            written, refused = save_each(engine, analysed)
            report.skipped += failed + refused
            report.analysed += written
            done += len(chunk)
            if progress:
                progress(done, len(todo))
    report.seconds = time.perf_counter() - start
    return report


# ------------------------------------------------------------------------------------------------ the pool

_POOL_MODEL = None  # the model a worker uses: inherited when forked, loaded by `_start_worker` when spawned


def _can_fork() -> bool:
    """Forking is safe here: a POSIX system and this process runs one thread only (a forked child would inherit
    the locks other threads hold)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _start_worker(nlp) -> None:
    """In each worker, once: the model, and a watch that ends the worker when the process that started it is gone
    (killed: a worker waiting for its next chunk would otherwise wait for ever, holding its memory)."""
    global _POOL_MODEL
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if nlp is None:
        from lib.ingest.nlp import load_model

        nlp = load_model()
    _POOL_MODEL = nlp


def _analyse_chunk(chunk: Sequence[Article]) -> tuple[list[tuple[int, Analysis]], list[Skipped]]:
    """In a worker: a chunk parsed and analysed; (position in the chunk, Analysis) of each article analysed,
    and the ones that failed, with the reason."""
    ((_, docs, titles),) = parsed_chunks([chunk], _POOL_MODEL, batch_size=len(chunk))
    analysed, failed = analyse_each(chunk, docs, titles)
    position = {id(article): n for n, article in enumerate(chunk)}
    return [(position[id(article)], analysis) for article, analysis in analysed], failed


def _ingest_in_pool(engine: Engine, todo: Sequence[Article], report: IngestReport, progress: Optional[Progress],
                    n_process: int, nlp=None, load_model: Optional[Callable] = None) -> None:
    """`todo` parsed and analysed by `n_process` worker processes, written here chunk by chunk in their order.
    A given model (or loader) is used when the workers are forked; spawned workers load the default model."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = _can_fork()
    if fork and nlp is None:
        from lib.ingest.nlp import load_model as default_loader

        nlp = (load_model or default_loader)()  # loaded once here, shared by the forked workers
    context = multiprocessing.get_context("fork" if fork else "spawn")
    size = max(MIN_CHUNK, min(TASK_ARTICLES, len(todo) // (n_process * CHUNKS_PER_WORKER)))
    chunks = tasks(todo, size, n_process)
    done = 0
    if progress:
        progress(0, len(todo))
    # Forked workers inherit the model with the initializer's arguments (nothing is pickled); spawned ones load it.
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker,
                             initargs=(nlp if fork else None,)) as pool:
        queue: deque = deque()
        for chunk in islice(chunks, n_process * IN_FLIGHT_PER_WORKER):
            queue.append((chunk, pool.submit(_analyse_chunk, chunk)))
        pending_write: list[tuple[Article, Analysis]] = []
        while queue:
            chunk, future = queue.popleft()
            analysed, failed = future.result()
            nxt = next(chunks, None)
            if nxt is not None:
                queue.append((nxt, pool.submit(_analyse_chunk, nxt)))
            report.skipped += failed
            pending_write += [(chunk[n], analysis) for n, analysis in analysed]
            done += len(chunk)
            # Written SAVE_BATCH articles a transaction, as with one process: a killed ingest keeps whole batches.
            while len(pending_write) >= SAVE_BATCH or (pending_write and not queue):
                batch, pending_write = pending_write[:SAVE_BATCH], pending_write[SAVE_BATCH:]
                written, refused = save_each(engine, batch)
                report.skipped += refused
                report.analysed += written
            if progress:
                progress(done, len(todo))


def parsed_chunks(chunks: Iterable[Sequence[Article]], nlp, batch_size: int) \
        -> Iterator[tuple[Sequence[Article], list, dict]]:
    """(chunk, its Docs in order, {position: parsed title}) for each chunk of articles, the texts and the titles the
    stance reads apart (`title_apart`) parsed in one stream: a title parsed in a batch of its own costs the
    parser's per-batch overhead for a dozen tokens (a title parsed here is the Doc `lib.ingest.nlp.parse` gives).
    A text the model fails on comes as the exception in place of its Doc; a title it fails on is left out."""
    from lib.ingest.nlp import parse_many

    plans: deque = deque()  # (chunk, positions of its titles), filled as the parser reads ahead

    def texts() -> Iterator[str]:
        for chunk in chunks:
            wanted = [k for k, article in enumerate(chunk) if title_apart(article)]
            plans.append((chunk, wanted))
            yield from (article.text for article in chunk)
            yield from (chunk[k].title.strip() for k in wanted)

    docs = parse_many(texts(), nlp, batch_size=batch_size)
    for first in docs:
        chunk, wanted = plans.popleft()
        chunk_docs = [first, *(next(docs) for _ in range(len(chunk) - 1))]
        titles = {k: next(docs) for k in wanted}
        yield chunk, chunk_docs, {k: title for k, title in titles.items() if not isinstance(title, Exception)}


def title_apart(article: Article) -> bool:
    """Whether the analysis will read the article's title parsed apart (`lib.analyse.needs_title_doc`), decided on
    the text the parser is given, before parsing; False when the check fails (the analysis meets that failure)."""
    from lib.extract.stance import title_needs_parse
    from lib.ingest.parsetext import parser_text

    try:
        return title_needs_parse(parser_text(article.text), article.title)
    except Exception:
        return False


def analyse_each(articles: Sequence[Article], docs: Sequence, titles: dict) \
        -> tuple[list[tuple[Article, Analysis]], list[Skipped]]:
    """Each article analysed on its Doc (as `parsed_chunks` gives them, with {position: parsed title} of the titles
    the analysis reads apart); one that could not be parsed or whose analysis fails is skipped with the reason and
    the others go on."""
    from lib.analyse import analyse, needs_title_doc
    from lib.ingest.nlp import parse

    analysed, failed = [], []
    for k, (article, doc) in enumerate(zip(articles, docs)):
        if isinstance(doc, Exception):  # the model failed on this text (lib.ingest.nlp.parse_many)
            failed.append(Skipped(article.file, f"could not be parsed ({type(doc).__name__}: {doc})"[:300]))
            continue
        try:
            # a title read apart comes parsed with the texts (else it is parsed here): analyse itself loads no model
            title_doc = titles[k] if k in titles else \
                parse(article.title.strip()) if needs_title_doc(article, doc) else None
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
                  n_process: Optional[int] = None) -> IngestReport:
    """Load a corpus folder (skipping what cannot be an article) and ingest it."""
    start = time.perf_counter()
    loaded, skipped = load_folder(folder)
    report = ingest_articles(engine, loaded, progress=progress, n_process=n_process)
    report.skipped = skipped
    report.seconds = time.perf_counter() - start
    return report


def read_upload(files: Iterable[tuple[str, bytes]]) -> tuple[list[Article], list[Skipped]]:
    """An upload's (name, bytes) pairs read (`loader.iter_upload`): the articles, and the files that could not be
    read with the reason."""
    loaded, unread = [], []
    for name, article, reason in iter_upload(files):
        if article is not None:
            loaded.append(article)
        else:
            unread.append(Skipped(name, reason))
    return loaded, unread


def log_stored_uploads(engine: Engine, loaded: Sequence[Article], report: IngestReport,
                       user: Optional[str] = None) -> list[Article]:
    """Each uploaded article that analysis and the store accepted, logged as an upload in the edit log; returns
    them. `user` is read by the caller: an ingest on a thread of its own has no session to read it from."""
    refused = {item.file for item in report.skipped}  # analysis or the store refused them
    stored = [a for a in loaded if a.file not in refused]
    for article in stored:
        store.log_upload(engine, article.article_id, article.file, user=user)
    return stored


def ingest_upload(engine: Engine, files: Iterable[tuple[str, bytes]], progress: Optional[Progress] = None,
                  nlp=None, load_model: Optional[Callable] = None,
                  user: Optional[str] = None) -> tuple[IngestReport, list[Article]]:
    """An upload in this thread, as the dashboard runs it on a thread of its own: read, analysed and stored like any
    other articles, each one stored logged as an upload. (report, the articles stored); `report.skipped` holds the
    files that could not be read, then what analysis or the store refused."""
    loaded, unread = read_upload(files)
    report = ingest_articles(engine, loaded, progress=progress, nlp=nlp, load_model=load_model)
    stored = log_stored_uploads(engine, loaded, report, user=user)
    report.skipped = unread + report.skipped
    return report, stored
