"""The Dask engine: the same analysis as lib.ingest.pipeline, spread over Dask workers (one machine or many).

    python -m lib ingest CORPUS --engine dask [--scheduler tcp://HOST:8786] [--jobs N]

The client (the CLI process) loads the corpus, asks the store which articles still need analysing
(`pipeline.plan`: content hash + ANALYSIS_VERSION), and sends them to the workers in partitions. A worker loads
the spaCy model once per process (`lib.ingest.nlp.load_model` is cached at module level, so every later task on that
worker reuses it), parses its partition with `lib.ingest.nlp.parse_many` and runs `lib.analyse.analyse` on each Doc:
analysis is pure, so a worker needs neither the store nor any state. The Analysis records go back to the client,
which writes each partition to the store in one transaction as it arrives (`pipeline.save_each`: article by
article when the database refuses one) — or, when the store is a shared server database (PostgreSQL:
DASHBOARD_DB=postgresql+psycopg://…), each worker writes its own partition and only counts (and the articles
skipped, with their reasons) travel back.

Without --scheduler a LocalCluster of --jobs worker processes is started on 127.0.0.1 (no dashboard), used and
closed. Workers must be able to import `lib` (same code, same requirements.txt): start `dask worker` from the
project folder or with PYTHONPATH pointing at it.
"""
from __future__ import annotations

import functools
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Sequence

from sqlalchemy.engine import Engine

from lib import store
from lib.ingest.skip import Skipped
from lib.ingest.pipeline import IngestReport, Progress, _batches, analyse_each, parsed_chunks, plan, save_each
from lib.records import Analysis, Article

PARTITION = 32  # articles per task: big enough for nlp.pipe batching, small enough for steady progress
MAX_IN_FLIGHT_PER_WORKER = 4  # partitions queued per worker: bounds memory on the client and the workers


# ------------------------------------------------------------------------------------------------ worker side

def analyse_partition(articles: Sequence[Article], batch_size: int = PARTITION) \
        -> tuple[list[tuple[int, Analysis]], list[Skipped]]:
    """Parse and analyse one partition on a worker (the model is loaded once per worker process): (position in
    the partition, Analysis) of each article analysed, and the ones whose analysis failed, with the reason."""
    from lib.ingest.nlp import load_model

    ((_, docs, titles),) = parsed_chunks([articles], load_model(), batch_size=batch_size)
    analysed, failed = analyse_each(articles, docs, titles)
    position = {id(article): n for n, article in enumerate(articles)}
    return [(position[id(article)], analysis) for article, analysis in analysed], failed


@functools.lru_cache(maxsize=4)
def _worker_engine(url: str) -> Engine:
    return store.open_store(url)


def analyse_and_save_partition(articles: Sequence[Article], url: str, batch_size: int = PARTITION) \
        -> tuple[int, list[Skipped]]:
    """Analyse one partition and write it from the worker (a shared server store): (articles written, the
    ones skipped with the reason)."""
    analysed, failed = analyse_partition(articles, batch_size)
    written, refused = save_each(_worker_engine(url), [(articles[n], analysis) for n, analysis in analysed])
    return written, failed + refused


def _warm_model() -> str:
    """Load the model on a worker before the first partition arrives (run on every worker at start)."""
    from lib.ingest.nlp import load_model

    return ",".join(load_model().pipe_names)


# ------------------------------------------------------------------------------------------------ client side

def engine_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def shared_store(engine: Engine) -> bool:
    """True when workers on other machines can write to the store themselves (a server database)."""
    return not engine.url.get_backend_name().startswith("sqlite")


@contextmanager
def dask_client(scheduler: Optional[str] = None, n_workers: int = 1) -> Iterator:
    """A Dask client on `scheduler`, or on a LocalCluster of `n_workers` processes on 127.0.0.1."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=max(1, n_workers), threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def ingest_articles(engine: Engine, articles: Sequence[Article], progress: Optional[Progress] = None,
                    scheduler: Optional[str] = None, n_workers: int = 1, partition: int = PARTITION,
                    client=None, worker_writes: Optional[bool] = None) -> IngestReport:
    """`lib.ingest.pipeline.ingest_articles` on Dask: the same report, the same rows in the store.

    `client`: an existing distributed.Client (else one is made from `scheduler` / a LocalCluster).
    `worker_writes`: workers write to the store themselves; default: when the store is a server database."""
    start = time.perf_counter()
    report, todo = plan(engine, articles)
    if todo:
        if worker_writes is None:
            worker_writes = shared_store(engine)
        if client is not None:
            report.analysed = _run(client, engine, todo, progress, partition, worker_writes, report.skipped)
        else:
            with dask_client(scheduler, n_workers) as own:
                report.analysed = _run(own, engine, todo, progress, partition, worker_writes, report.skipped)
    report.seconds = time.perf_counter() - start
    return report


def _run(client, engine: Engine, todo: Sequence[Article], progress: Optional[Progress], partition: int,
         worker_writes: bool, skipped: list[Skipped]) -> int:
    """Articles written; the ones skipped (analysis or write failed) are added to `skipped`."""
    from distributed import as_completed

    client.run(_warm_model)  # every worker loads the model now, in parallel, not inside the first task
    url = engine_url(engine)
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    chunks = _batches(todo, partition)
    done = finished = 0  # articles written; articles through (written or skipped)
    if progress:
        progress(0, len(todo))

    def submit(chunk: list[Article]):
        if worker_writes:
            future = client.submit(analyse_and_save_partition, chunk, url, partition, pure=False)
        else:
            future = client.submit(analyse_partition, chunk, partition, pure=False)
        in_flight[future] = chunk
        return future

    in_flight: dict = {}
    first = [submit(c) for c in _take(chunks, n_workers * MAX_IN_FLIGHT_PER_WORKER)]
    queue = as_completed(first)
    for future in queue:
        chunk = in_flight.pop(future)
        result = future.result()  # a worker's exception is raised here, with its traceback
        if worker_writes:
            written, failed = result
        else:
            analysed, failed = result
            written, refused = save_each(engine, [(chunk[n], analysis) for n, analysis in analysed])
            failed = failed + refused
        done += written
        finished += len(chunk)
        skipped.extend(failed)
        future.release()
        nxt = next(chunks, None)
        if nxt is not None:
            queue.add(submit(nxt))
        if progress:
            progress(finished, len(todo))
    return done


def _take(iterator, n: int) -> list:
    out = []
    for _ in range(n):
        item = next(iterator, None)
        if item is None:
            break
        out.append(item)
    return out


def ingest_folder(engine: Engine, folder: Path | str, progress: Optional[Progress] = None,
                  scheduler: Optional[str] = None, n_workers: int = 1) -> IngestReport:
    """Load a corpus folder on the client and ingest it on Dask (see `ingest_articles`)."""
    from lib.ingest.loader import load_folder

    start = time.perf_counter()
    loaded, skipped = load_folder(folder)
    report = ingest_articles(engine, loaded, progress=progress, scheduler=scheduler, n_workers=n_workers)
    report.skipped = skipped
    report.seconds = time.perf_counter() - start
    return report

