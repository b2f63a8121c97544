"""A fetched page made an Article: its bytes decoded, its text extracted with trafilatura, its own metadata kept
(origin `page`), its canonical URL, a file name made from the URL, and what a feed says filled in where the page
says nothing (origin `feed`)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Optional
from urllib.parse import unquote, urljoin, urlsplit

from lib.ingest.decode import decode_bytes, html_to_text
from lib.ingest.fetcher import FetchError, Response, normalise_url
from lib.ingest.loader import build_article
from lib.ingest.skip import SkipFile
from lib.records import Article

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def decode_page(body: bytes, charset: Optional[str] = None) -> str:
    """Page bytes as text: the header's charset, then the page's <meta charset>, then detection."""
    candidates = [charset] if charset else []
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_bytes(body)


def url_file_name(url: str) -> str:
    """A safe file name made from a URL: host, path slug, ".html" ("dawn.com_news-1950000-talks.html")."""
    parts = urlsplit(url)
    host = (parts.hostname or "page").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port:
        host += f"_{parts.port}"
    slug = re.sub(r"[^a-z0-9]+", "-", unquote(parts.path).lower()).strip("-")
    slug = re.sub(r"-(html?|php|aspx?|jsp)$", "", slug)
    if parts.query:
        slug = (slug + "-" if slug else "") + hashlib.sha1(parts.query.encode()).hexdigest()[:8]
    slug = slug[:100].strip("-")
    name = f"{host}_{slug}" if slug else host
    return re.sub(r"[^A-Za-z0-9._-]", "-", name)[:150] + ".html"


_CANONICAL_XPATH = ("//link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href"
                    " | //meta[@property='og:url']/@content")


def _canonical(found: Optional[str], final_url: str, html: str = "") -> str:
    """The page's canonical URL (trafilatura's, else <link rel=canonical> or og:url, relative ones resolved)
    when it gives a usable one, else the address it was fetched from."""
    candidates = [found] if found else []
    if html:
        import lxml.html

        try:
            candidates += [str(v) for v in lxml.html.fromstring(html).xpath(_CANONICAL_XPATH)]
        except Exception:  # broken markup: no canonical from it
            pass
    for candidate in candidates:
        if candidate and candidate.strip():
            try:
                return normalise_url(urljoin(final_url, candidate.strip()))
            except FetchError:
                continue
    return final_url


@dataclass(frozen=True)
class FeedValues:
    """What a feed says about one of its entries: used only where the page says nothing (origin `feed`)."""

    title: Optional[str] = None
    published: Optional[str] = None  # ISO date
    outlet: Optional[str] = None  # the feed's own title
    author: Optional[str] = None


def fill_from_feed(article: Article, values: Optional[FeedValues]) -> Article:
    """The article with the feed's title, date and outlet where the page gave none (inferred or unknown)."""
    if values is None:
        return article
    from lib.ingest.infer import canonical_outlet

    changes: dict = {}
    for name, value in (("title", values.title), ("published", values.published),
                        ("outlet", canonical_outlet(values.outlet) if values.outlet else None)):
        if value and getattr(article, f"{name}_origin") in ("inferred", "unknown"):
            changes[name], changes[f"{name}_origin"] = value, "feed"
    if values.author and not article.author:
        changes["author"] = values.author
    return replace(article, **changes) if changes else article


def article_from_response(response: Response, feed: Optional[FeedValues] = None) -> Article:
    """A fetched page as an Article: trafilatura's text, the page's own metadata (origin `page`), the canonical
    URL (or the address fetched), the original HTML kept. Raises SkipFile with the reason."""
    html = decode_page(response.body, response.charset)
    text, meta = html_to_text(html)
    if not text.strip():
        raise SkipFile("extraction empty")
    page_meta = {k: v for k, v in meta.items() if k in ("title", "sitename", "date", "author")}
    page_meta["url"] = _canonical(meta.get("url"), response.final_url, html)
    try:
        article = build_article(url_file_name(page_meta["url"]), text, page_meta=page_meta, raw_html=html)
    except SkipFile as exc:
        if exc.reason.startswith("no article text"):
            raise SkipFile("extraction empty") from exc
        raise
    return fill_from_feed(article, feed)
