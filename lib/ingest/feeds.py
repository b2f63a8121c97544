"""Articles by news feed: RSS and Atom, read with feedparser from bytes fetched by lib/ingest/fetcher.py (feedparser
never fetches anything itself), each entry's link fetched and stored as a URL article (`fetch.ingest_links`).

A feed read before is asked conditionally (If-None-Match / If-Modified-Since from its stored ETag and
Last-Modified; a 304 means nothing new), and only entries it has not seen are fetched. An entry whose link failed
for good (HTTP 404, not HTML, extraction empty, ...) is remembered too; one that failed for now (timeout, 429,
5xx) is not, and the feed's validators are then kept as they were, so the next run asks again.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional
from urllib.parse import urljoin

from lib.ingest.fetch import LinkOutcome, Progress, ingest_links
from lib.ingest.fetcher import FetchError, Fetcher, Response, allow_private_from_env, normalise_url
from lib.ingest.page import FeedValues
from lib.ingest.skip import Skipped

MAX_ENTRY_ID_CHARS = 500  # longer entry ids are remembered by their SHA-256


def _entry_id(entry, link: Optional[str]) -> Optional[str]:
    value = entry.get("id") or entry.get("guid") or link or entry.get("title")
    if not value:
        return None
    value = str(value).strip()
    if len(value) > MAX_ENTRY_ID_CHARS:
        value = "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()
    return value


def _entry_date(entry) -> Optional[str]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
            except (ValueError, AttributeError):
                continue
    return None


def parse_feed(body: bytes, base_url: str, content_type: str = "application/xml"):
    """(feed title, [(entry_id, link, FeedValues)]) from feed bytes. Entries without an id or link are left
    out; an id seen twice counts once. Raises FetchError when the bytes are not a feed."""
    import feedparser

    # Bytes only (a URL string would make feedparser fetch it); no base given, so entry ids stay as written.
    parsed = feedparser.parse(body, response_headers={"content-type": content_type})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FetchError(f"not a readable feed ({type(problem).__name__ if problem else 'no RSS or Atom found'})")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    entries = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        link = urljoin(base_url, link) if link else None
        entry_id = _entry_id(entry, link)
        if not entry_id or entry_id in seen:
            continue
        seen.add(entry_id)
        values = FeedValues(title=(entry.get("title") or "").strip() or None, published=_entry_date(entry),
                            outlet=feed_title, author=(entry.get("author") or "").strip() or None)
        entries.append((entry_id, link, values))
    return feed_title, entries


def ingest_feeds(engine, feed_urls: Iterable[str], progress: Optional[Progress] = None, refresh: bool = False,
                 allow_private: bool = False, nlp=None, fetcher: Optional[Fetcher] = None):
    """Read each feed (RSS or Atom) and ingest the entries not seen before; returns an IngestReport (the
    articles of the new entries, plus Skipped(feed or entry URL, reason) for what failed). `refresh` asks every
    feed unconditionally and fetches every entry again. Private addresses as in lib.ingest.fetch.ingest_urls."""
    from lib import store

    if store.is_readonly():
        raise store.ReadOnlyError("The dashboard is read-only (DASHBOARD_READONLY=1): nothing can be added.")
    start = time.perf_counter()
    fetcher = fetcher or Fetcher(allow_private=allow_private or allow_private_from_env())
    skipped: list[Skipped] = []
    jobs = [job for raw in dict.fromkeys(feed_urls) if (job := _read_feed(engine, fetcher, raw, refresh, skipped))]
    links = [(link, values) for job in jobs for _id, link, values in job.fresh if link]
    report, outcomes = ingest_links(engine, links, progress=progress, refresh=refresh, nlp=nlp, fetcher=fetcher)
    for job in jobs:
        _remember_entries(engine, job, outcomes, skipped)
    report.skipped = skipped + report.skipped
    report.seconds = time.perf_counter() - start
    return report


@dataclass
class _FeedRead:
    """One feed read now: its address, the response, its title, its stored state, the entries not seen before."""

    feed_url: str
    response: Response
    title: Optional[str]
    state: Optional[dict]
    fresh: list


def _read_feed(engine, fetcher: Fetcher, raw: str, refresh: bool, skipped: list[Skipped]) -> Optional[_FeedRead]:
    """The feed at `raw` read (conditionally, from its stored validators), or None: the address refused, the feed
    unchanged since the last read (a 304: its state saved as it was), or not fetched or not a feed (skipped)."""
    from lib import store

    try:
        feed_url = normalise_url(raw)
    except FetchError as exc:
        skipped.append(Skipped((raw or "").strip() or "(empty URL)", exc.reason))
        return None
    state = None if refresh else store.feed_state(engine, feed_url)
    try:
        response = fetcher.fetch(feed_url, kind="feed", headers=_conditional_headers(state))
        if response.not_modified:  # nothing new since the last read
            store.save_feed(engine, feed_url, state.get("etag") if state else None,
                            state.get("last_modified") if state else None, state.get("title") if state else None)
            return None
        title, entries = parse_feed(response.body, response.final_url,
                                    response.headers.get("content-type", "application/xml"))
    except FetchError as exc:
        skipped.append(Skipped(feed_url, exc.reason))
        return None
    seen = set() if refresh else store.seen_entries(engine, feed_url)
    return _FeedRead(feed_url, response, title, state, [e for e in entries if e[0] not in seen])


def _conditional_headers(state: Optional[dict]) -> dict:
    """If-None-Match and If-Modified-Since from a feed's stored ETag and Last-Modified."""
    headers = {}
    if state and state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state and state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    return headers


RETRY_LATER = None  # an entry not remembered: its link failed for now, the next run fetches it again


def entry_memory(feed_url: str, entry_id: str, link: Optional[str], outcomes: dict[str, LinkOutcome],
                 skipped: list[Skipped]) -> Optional[tuple]:
    """What the store remembers of one fresh entry, (entry id, link, article id or None), or RETRY_LATER. In
    order: an entry without a link (skipped, remembered); a link refused at once (a file:// link: for good); a
    link that failed for now (timeout, 429, 5xx) or was not reached; else its outcome (stored or failed for good)."""
    if not link:
        skipped.append(Skipped(f"{feed_url} entry {entry_id}", "feed entry without a link"))
        return entry_id, None, None
    try:
        outcome = outcomes.get(normalise_url(link))
    except FetchError:
        return entry_id, link, None
    if outcome is None or outcome.transient:
        return RETRY_LATER
    return entry_id, link, outcome.article_id


def _remember_entries(engine, job: _FeedRead, outcomes: dict[str, LinkOutcome], skipped: list[Skipped]) -> None:
    """The feed's entries remembered and its validators saved; when an entry is to be tried again the old
    validators are kept (or none), so that the next run reads the feed again."""
    from lib import store

    memories = [entry_memory(job.feed_url, entry_id, link, outcomes, skipped) for entry_id, link, _ in job.fresh]
    remembered = [m for m in memories if m is not RETRY_LATER]
    retry_later = len(remembered) < len(memories)
    if retry_later and job.state is not None:
        etag, modified = job.state.get("etag"), job.state.get("last_modified")
    elif retry_later:
        etag = modified = None
    else:
        etag, modified = job.response.headers.get("etag"), job.response.headers.get("last-modified")
    store.save_feed(engine, job.feed_url, etag, modified, job.title, remembered)
