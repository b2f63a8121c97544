"""What the URL and feed readers remember: addresses already fetched (and the article each gave), feeds' validators
for conditional requests, and entries already read."""
from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from lib.records import Article
from lib.store.schema import articles, feed_entries, feeds, fetched_urls
from lib.store.connect import _guard, _now


def known_urls(engine: Engine, urls: Iterable[str]) -> dict[str, str]:
    """url -> article_id for the addresses that already gave a stored article (the address asked for, the one
    redirected to, or the canonical one in articles.url). Deleted articles count: they are not fetched again."""
    urls = [u for u in dict.fromkeys(urls) if u]
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for start in range(0, len(urls), 500):
            chunk = urls[start:start + 500]
            rows = conn.execute(sa.select(fetched_urls.c.url, fetched_urls.c.article_id)
                                .join(articles, articles.c.article_id == fetched_urls.c.article_id)
                                .where(fetched_urls.c.url.in_(chunk)))
            found.update({r.url: r.article_id for r in rows})
            rows = conn.execute(sa.select(articles.c.url, articles.c.article_id).where(articles.c.url.in_(chunk)))
            for r in rows:
                found.setdefault(r.url, r.article_id)
    return found


def remember_urls(engine: Engine, pairs: Sequence[tuple[str, str]]) -> None:
    """Record (url, article_id) pairs: these addresses are not fetched again (unless a refresh is asked)."""
    _guard(None)
    pairs = list({url: aid for url, aid in pairs if url and len(url) <= 2000}.items())
    if not pairs:
        return
    with engine.begin() as conn:
        conn.execute(fetched_urls.delete().where(fetched_urls.c.url.in_([u for u, _ in pairs])))
        conn.execute(fetched_urls.insert(), [dict(url=u, article_id=a, fetched_at=_now()) for u, a in pairs])


def stored_article_records(engine: Engine, ids: Iterable[str]) -> list[Article]:
    """Stored articles as Article records (text and raw HTML included), in the order of `ids`."""
    ids = list(dict.fromkeys(ids))
    by_id: dict[str, Article] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            for r in conn.execute(sa.select(articles).where(articles.c.article_id.in_(ids[start:start + 500]))):
                m = r._mapping
                by_id[m["article_id"]] = Article(
                    article_id=m["article_id"], file=m["file"], text=m["text"], title=m["title"],
                    title_origin=m["title_origin"] or "unknown", outlet=m["outlet"],
                    outlet_origin=m["outlet_origin"] or "unknown", published=m["published"],
                    published_origin=m["published_origin"] or "unknown", url=m["url"],
                    url_origin=m["url_origin"] or "unknown", author=m["author"], language=m["language"] or "en",
                    stripped=tuple(json.loads(m["stripped"]) if m["stripped"] else ()), raw_html=m["raw_html"])
    return [by_id[i] for i in ids if i in by_id]


def feed_state(engine: Engine, feed_url: str) -> Optional[dict]:
    """The feed's stored validators and title ({etag, last_modified, title, checked_at}); None if never read."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(feeds).where(feeds.c.feed_url == feed_url)).first()
    return dict(row._mapping) if row is not None else None


def seen_entries(engine: Engine, feed_url: str) -> set[str]:
    """Entry ids of the feed already read."""
    with engine.connect() as conn:
        return {r.entry_id for r in conn.execute(sa.select(feed_entries.c.entry_id)
                                                 .where(feed_entries.c.feed_url == feed_url))}


def save_feed(engine: Engine, feed_url: str, etag: Optional[str], last_modified: Optional[str],
              title: Optional[str], entries: Sequence[tuple[str, Optional[str], Optional[str]]] = ()) -> None:
    """In one transaction: the feed's validators and title, and the (entry_id, link, article_id) entries read."""
    _guard(None)
    with engine.begin() as conn:
        conn.execute(feeds.delete().where(feeds.c.feed_url == feed_url))
        conn.execute(feeds.insert().values(feed_url=feed_url, etag=etag, last_modified=last_modified, title=title,
                                           checked_at=_now()))
        rows = list({e[0]: e for e in entries}.values())
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            conn.execute(feed_entries.delete().where(feed_entries.c.feed_url == feed_url)
                         .where(feed_entries.c.entry_id.in_([e[0] for e in chunk])))
            conn.execute(feed_entries.insert(), [dict(feed_url=feed_url, entry_id=e, link=link, article_id=aid,
                                                      seen_at=_now()) for e, link, aid in chunk])
