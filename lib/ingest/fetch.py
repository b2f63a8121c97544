"""Articles by URL: each page fetched (lib/ingest/fetcher.py: polite, bounded, address-safe), made an Article
(lib/ingest/page.py: trafilatura's text, the page's own metadata with origin `page`, its HTML kept), then analysed
and stored by the one ingest path (`lib.ingest.pipeline.ingest_articles`); every URL that cannot become an article
is reported with its reason.

`ingest_links` is the shared core of `ingest_urls` and `lib.ingest.feeds.ingest_feeds`, in steps: the links
normalised (once each), those already stored set aside (unless `refresh`), the rest fetched in parallel, one
article kept per text, the new ones analysed and stored, every address remembered, and the outcome of each link
reported in input order.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from lib.ingest.fetcher import FetchError, Fetcher, Response, allow_private_from_env, normalise_url
from lib.ingest.page import FeedValues, article_from_response
from lib.ingest.skip import SkipFile, Skipped
from lib.records import Article

Progress = Callable[[int, int], None]  # (done, to do)


@dataclass
class LinkOutcome:
    """What became of one URL: the stored article, or the reason it was skipped."""

    url: str
    article_id: Optional[str] = None
    reason: Optional[str] = None
    transient: bool = False


# Ordered rules for a link whose fetch or extraction failed: (the failure, the outcome's reason and transience).
FAILURE_RULES: tuple[tuple[type, Callable[[Exception], tuple[str, bool]]], ...] = (
    (FetchError, lambda exc: (exc.reason, exc.transient)),
    (SkipFile, lambda exc: (exc.reason, False)),
    (Exception, lambda exc: (f"failed ({type(exc).__name__}: {exc})", False)),  # one broken page never stops the rest
)


def failure_outcome(exc: Exception) -> tuple[str, bool]:
    """(reason, transient) for a link that could not become an article (`FAILURE_RULES`, first match)."""
    return next(describe(exc) for kind, describe in FAILURE_RULES if isinstance(exc, kind))


def ingest_links(engine, links: Sequence[tuple[str, Optional[FeedValues]]], progress: Optional[Progress] = None,
                 refresh: bool = False, allow_private: bool = False, nlp=None, fetcher: Optional[Fetcher] = None):
    """(IngestReport, {normalised url: LinkOutcome}) for (url, feed values or None) pairs. The shared core of
    `ingest_urls` and `lib.ingest.feeds.ingest_feeds`."""
    from lib import store
    from lib.ingest.pipeline import IngestReport, ingest_articles

    if store.is_readonly():
        raise store.ReadOnlyError("The dashboard is read-only (DASHBOARD_READONLY=1): nothing can be added.")
    start = time.perf_counter()
    fetcher = fetcher or Fetcher(allow_private=allow_private or allow_private_from_env())
    report = IngestReport()
    outcomes, feed_of = _normalised_links(links, report.skipped)
    order = list(outcomes)  # normalised URLs in input order, once each
    to_fetch = _not_stored(engine, outcomes, refresh)
    fetched = _fetch_all(fetcher, to_fetch, feed_of, outcomes, progress)
    to_ingest = _to_analyse(engine, _one_article_per_text(to_fetch, fetched, outcomes), refresh)
    sub = ingest_articles(engine, to_ingest, progress=progress, nlp=nlp) if to_ingest else IngestReport()
    store.remember_urls(engine, _addresses_to_remember(to_fetch, fetched, outcomes))
    _report_links(engine, report, order, outcomes, to_ingest)
    report.analysed = sub.analysed
    report.reused = len(report.articles) - sub.analysed
    report.seconds = time.perf_counter() - start
    return report, outcomes


def _normalised_links(links, skipped: list[Skipped]) -> tuple[dict[str, LinkOutcome], dict[str, Optional[FeedValues]]]:
    """One outcome per normalised URL, in input order, and the feed values of each; a URL that does not
    normalise is skipped with the reason."""
    outcomes: dict[str, LinkOutcome] = {}
    feed_of: dict[str, Optional[FeedValues]] = {}
    for raw, feed in links:
        try:
            url = normalise_url(raw)
        except FetchError as exc:
            skipped.append(Skipped((raw or "").strip() or "(empty URL)", exc.reason))
            continue
        if url not in outcomes:
            outcomes[url] = LinkOutcome(url)
            feed_of[url] = feed
    return outcomes, feed_of


def _not_stored(engine, outcomes: dict[str, LinkOutcome], refresh: bool) -> list[str]:
    """The URLs to fetch: those no stored article was read from (all of them with `refresh`). The stored ones
    take their article id."""
    from lib import store

    order = list(outcomes)
    known = {} if refresh else store.known_urls(engine, order)
    for url in order:
        if url in known:
            outcomes[url].article_id = known[url]
    return [u for u in order if u not in known]


def _fetch_article(fetcher: Fetcher, url: str, feed: Optional[FeedValues]) -> tuple[Response, Article]:
    response = fetcher.fetch(url, kind="html")
    return response, article_from_response(response, feed)


def _fetch_all(fetcher: Fetcher, to_fetch: list[str], feed_of: dict, outcomes: dict[str, LinkOutcome],
               progress: Optional[Progress]) -> dict[str, tuple[Response, Article]]:
    """Each URL fetched and made an Article, `fetcher.limits.workers` at a time; a failure is its outcome's reason."""
    fetched: dict[str, tuple[Response, Article]] = {}
    if not to_fetch:
        return fetched
    if progress:
        progress(0, len(to_fetch))
    workers = max(1, min(fetcher.limits.workers, len(to_fetch)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
        futures = {pool.submit(_fetch_article, fetcher, url, feed_of[url]): url for url in to_fetch}
        for done, future in enumerate(as_completed(futures), start=1):
            url = futures[future]
            try:
                fetched[url] = future.result()
            except Exception as exc:
                outcomes[url].reason, outcomes[url].transient = failure_outcome(exc)
            if progress:
                progress(done, len(to_fetch))
    return fetched


def _one_article_per_text(to_fetch: list[str], fetched: dict, outcomes: dict[str, LinkOutcome]) -> list[Article]:
    """The fetched articles, one per text in this run (the first URL's). A later URL with the same text takes its
    article id; it is reported a duplicate unless it is the same page (same final address or canonical URL)."""
    articles: list[Article] = []
    first_url_of: dict[str, str] = {}
    for url in (u for u in to_fetch if u in fetched):
        response, article = fetched[url]
        outcomes[url].article_id = article.article_id
        first = first_url_of.setdefault(article.article_id, url)
        if first == url:
            articles.append(article)
        elif response.final_url != fetched[first][0].final_url and article.url != fetched[first][1].url:
            outcomes[url].reason = f"duplicate of {first} (same text)"
    return articles


def _to_analyse(engine, articles: list[Article], refresh: bool) -> list[Article]:
    """What goes to the pipeline: every new text with `refresh` (its stored metadata brought up to date from the
    page), else only those whose current analysis is not stored."""
    from lib.ingest.pipeline import pending

    return list(articles) if refresh else pending(engine, articles)


def _addresses_to_remember(to_fetch: list[str], fetched: dict, outcomes: dict[str, LinkOutcome]) -> list:
    """(address, article id) for the address asked, the final one and the canonical one of each fetched link
    whose text is stored (duplicates included)."""
    remember = []
    for url in to_fetch:
        outcome = outcomes[url]
        if outcome.article_id and url in fetched:
            response, article = fetched[url]
            remember.extend((u, outcome.article_id) for u in (url, response.final_url, article.url))
    return remember


def _report_links(engine, report, order: list[str], outcomes: dict[str, LinkOutcome], analysed: list[Article]):
    """Each link's outcome in input order: skipped with its reason, or its article (once per article; the stored
    record for an article not analysed now)."""
    from lib import store

    by_id = {a.article_id: a for a in analysed}
    stored_ids = [outcomes[u].article_id for u in order if outcomes[u].article_id and
                  outcomes[u].article_id not in by_id]
    by_id.update({a.article_id: a for a in store.stored_article_records(engine, stored_ids)})
    seen_ids: set[str] = set()
    for url in order:
        outcome = outcomes[url]
        if outcome.reason:
            report.skipped.append(Skipped(url, outcome.reason))
        elif outcome.article_id in by_id and outcome.article_id not in seen_ids:
            seen_ids.add(outcome.article_id)
            report.articles.append(by_id[outcome.article_id])


def ingest_urls(engine, urls: Iterable[str], progress: Optional[Progress] = None, refresh: bool = False,
                allow_private: bool = False, nlp=None, fetcher: Optional[Fetcher] = None):
    """Fetch, extract, analyse and store the articles at `urls`; returns an IngestReport whose `skipped` holds
    Skipped(url, reason) for every URL that could not become an article. A URL (asked, redirected to or
    canonical) or a text already stored is not fetched or stored again unless `refresh`. `progress(done,
    total)` is called while fetching, then again (from 0) while analysing. Private addresses are refused
    unless `allow_private` (or DASHBOARD_ALLOW_PRIVATE_URLS=1)."""
    report, _ = ingest_links(engine, [(u, None) for u in urls], progress=progress, refresh=refresh,
                             allow_private=allow_private, nlp=nlp, fetcher=fetcher)
    return report


def read_url_list(text: str) -> list[str]:
    """URLs from a list file: one a line; blank lines and `#` comments ignored."""
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line.split()[0])  # "URL  # a note" keeps the URL
    return urls


def merge_reports(reports: Sequence):
    """One IngestReport from several (a corpus folder, URLs, feeds in one command)."""
    from lib.ingest.pipeline import IngestReport

    merged = IngestReport()
    seen: set[str] = set()
    for r in reports:
        for article in r.articles:
            if article.article_id not in seen:
                seen.add(article.article_id)
                merged.articles.append(article)
        merged.skipped.extend(r.skipped)
        merged.analysed += r.analysed
        merged.reused += r.reused
        merged.seconds += r.seconds
    return merged
