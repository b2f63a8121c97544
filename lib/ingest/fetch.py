"""Articles by URL: polite, bounded fetching with address safety, then extraction with trafilatura.

`ingest_urls(engine, urls)` fetches each page, keeps the page's own metadata (origin `page`) and its HTML, and
analyses and stores what is new; every URL that cannot become an article is reported with its reason.

The fetcher is our own, on `http.client`, so that every limit is enforced here:
- only http and https; a host name is resolved once, EVERY address it resolves to is checked (private, loopback,
  link-local, multicast, reserved, unspecified and other non-public ranges are refused unless private addresses
  are allowed: `allow_private=True`, `--allow-private` or DASHBOARD_ALLOW_PRIVATE_URLS=1), and the connection is
  made to the checked address itself, so a second DNS answer cannot send it elsewhere (DNS rebinding);
- redirects are followed by hand, each hop checked again (scheme and address), at most `max_redirects`;
- timeouts on connect and on every read, plus a total deadline per URL (redirects and retries included);
- a size limit (Content-Length first, then counted while streaming: reading stops past the limit);
- a content-type check before the body is read (HTML for pages; RSS, Atom or XML for feeds);
- a User-Agent naming the tool, at most `per_host` requests in flight per host (process-wide);
- bounded retries with exponential backoff on 429 and 5xx, honouring Retry-After up to a cap;
- no proxy from the environment is used (a proxy would connect to addresses we never checked).
"""
from __future__ import annotations

import email.utils
import hashlib
import http.client
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional, Sequence
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from lib.ingest.loader import SkipFile, Skipped, build_article, decode_bytes, html_to_text
from lib.records import Article

ALLOW_PRIVATE_ENV = "DASHBOARD_ALLOW_PRIVATE_URLS"
USER_AGENT = "CeasefireCoverageDashboard/1.0 (news coverage analysis; python -m lib; polite, 2 requests per host)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
MAX_URL_CHARS = 2000
MB = 1024 * 1024

Progress = Callable[[int, int], None]  # (done, to do)


@dataclass(frozen=True)
class Limits:
    """How far one fetch may go. Tests pass small values; the defaults suit news sites."""

    connect_timeout: float = 10.0  # seconds to open the connection
    read_timeout: float = 10.0  # seconds any one read may wait
    deadline: float = 45.0  # seconds for the whole URL: redirects, retries and waits included
    max_bytes: int = 5 * MB  # body size limit, checked on Content-Length and while streaming
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 429 or 5xx
    backoff: float = 1.0  # first wait before a retry; doubles each time
    retry_after_cap: float = 30.0  # the longest Retry-After honoured
    per_host: int = 2  # requests in flight per host (process-wide)
    workers: int = 8  # URLs fetched at the same time (across hosts)


class FetchError(Exception):
    """A URL that cannot be fetched; `reason` is for stderr, skipped.csv and the UI. `transient` failures
    (timeouts, 429, 5xx, connection errors) may succeed later; the others will not."""

    def __init__(self, reason: str, transient: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 for a conditional request that found nothing new
    headers: dict = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    content_type: str = ""  # media type, lower case, without parameters
    charset: Optional[str] = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def allow_private_from_env() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


# ---------------------------------------------------------------------------------------------- address safety

def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Optional[str]:
    """Why an address is not a public one ("loopback", "private", ...), or None when it is public.
    A pure function on an ipaddress object: nothing is resolved or connected."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return address_refusal(embedded)
        if address.teredo:
            return address_refusal(address.teredo[1])
    for kind, flag in (("unspecified", "is_unspecified"), ("loopback", "is_loopback"),
                       ("link-local", "is_link_local"), ("multicast", "is_multicast"), ("private", "is_private"),
                       ("reserved", "is_reserved"), ("site-local", "is_site_local")):
        if getattr(address, flag, False):
            return kind
    if not address.is_global:
        return "non-public"
    return None


def check_address(address, allow_private: bool) -> None:
    """Raise FetchError("refused address (loopback 127.0.0.1)") for a non-public address unless allowed."""
    kind = address_refusal(address)
    if kind and not allow_private:
        raise FetchError(f"refused address ({kind} {address})")


def normalise_url(url: str) -> str:
    """The URL as fetched and remembered: http(s) only, lower-case scheme and host, no default port, no
    fragment, path and query percent-encoded. Raises FetchError (no network) when it cannot be fetched."""
    url = (url or "").strip()
    if len(url) > MAX_URL_CHARS:
        raise FetchError(f"URL too long (over {MAX_URL_CHARS} characters)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"unsupported scheme ({scheme or 'none'})")
    if parts.username is not None or parts.password is not None:
        raise FetchError("URL with a user name or password (not supported)")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchError("invalid URL (no host)")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise FetchError("invalid URL (host name)") from exc
    netloc = f"[{host}]" if ":" in host else host
    if port and port != (443 if scheme == "https" else 80):
        netloc += f":{port}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urlunsplit((scheme, netloc, path, query, ""))


def _resolve(host: str, port: int) -> list:
    """Every address the host resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host ({host})", transient=True) from exc
    addresses = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"cannot resolve host ({host})", transient=True)
    return addresses


# ---------------------------------------------------------------------------------------------- connections

def _connect(addresses: Sequence, port: int, timeout: float) -> socket.socket:
    """A TCP connection to the first checked address that answers (never to a fresh DNS answer)."""
    last: Optional[OSError] = None
    for address in addresses:
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect((str(address), port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, addresses: Sequence, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self):
        self.sock = _connect(self._addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, addresses: Sequence, timeout: float, context: ssl.SSLContext):
        super().__init__(host, port, timeout=timeout, context=context)
        self._addresses = addresses
        self._pinned_context = context

    def connect(self):
        sock = _connect(self._addresses, self.port, self.timeout)
        try:  # the certificate is checked against the host name, not the address
            self.sock = self._pinned_context.wrap_socket(sock, server_hostname=self.host)
        except Exception:
            sock.close()
            raise


_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


@contextmanager
def _host_slot(host: str, per_host: int, deadline: float):
    """At most `per_host` requests in flight to one host, across every Fetcher of the process."""
    with _SLOTS_LOCK:
        slot = _SLOTS.setdefault((host, per_host), threading.BoundedSemaphore(per_host))
    if not slot.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise FetchError("timeout", transient=True)
    try:
        yield
    finally:
        slot.release()


def _size_text(n: int) -> str:
    if n >= MB and n % MB == 0:
        return f"{n // MB} MB"
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def _retry_after(value: Optional[str]) -> Optional[float]:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


_FEED_START = re.compile(rb"^\s*(?:<\?xml|<rss\b|<feed\b|<rdf:RDF\b)", re.I)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)


def _type_ok(kind: str, content_type: str) -> bool:
    if kind == "html":
        return content_type in HTML_TYPES
    return content_type in FEED_TYPES or content_type.endswith("+xml")


def _sniff_ok(kind: str, body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf")
    return bool((_HTML_START if kind == "html" else _FEED_START).match(head))


def _type_refusal(kind: str, content_type: str) -> str:
    what = "HTML" if kind == "html" else "a feed"
    return f"not {what} ({content_type or 'no content type'})"


class Fetcher:
    """GET with every limit enforced. Thread-safe: one Fetcher may serve a pool of threads."""

    def __init__(self, limits: Optional[Limits] = None, allow_private: Optional[bool] = None,
                 user_agent: str = USER_AGENT, sleep: Callable[[float], None] = time.sleep):
        self.limits = limits or Limits()
        self.allow_private = allow_private_from_env() if allow_private is None else bool(allow_private)
        self.user_agent = user_agent
        self.sleep = sleep
        self._ssl = ssl.create_default_context()

    def fetch(self, url: str, kind: str = "html", headers: Optional[dict] = None) -> Response:
        """GET `url` (kind "html" or "feed"), following redirects. A 304 answer to conditional `headers`
        (If-None-Match, If-Modified-Since) comes back as a Response with status 304. Raises FetchError."""
        limits = self.limits
        deadline = time.monotonic() + limits.deadline
        asked = current = normalise_url(url)
        for _hop in range(limits.max_redirects + 1):
            status, head, body = self._with_retries(current, kind, headers or {}, deadline)
            if status in REDIRECT_STATUSES:
                location = head.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} (redirect without a location)")
                current = normalise_url(urljoin(current, location.strip()))  # each hop is checked again
                continue
            if status not in (200, 304):
                raise FetchError(f"HTTP {status}", transient=status in (408, 425))
            media, charset = _content_type(head.get("content-type", ""))
            return Response(url=asked, final_url=current, status=status, headers=head, body=body,
                            content_type=media, charset=charset)
        raise FetchError(f"too many redirects (over {limits.max_redirects})")

    def _with_retries(self, url: str, kind: str, headers: dict, deadline: float):
        limits = self.limits
        for attempt in range(limits.retries + 1):
            status, head, body = self._once(url, kind, headers, deadline)
            if status != 429 and status < 500:
                return status, head, body
            if attempt == limits.retries:
                break
            wait = limits.backoff * (2 ** attempt)
            after = _retry_after(head.get("retry-after"))
            if after is not None:
                wait = max(wait, min(after, limits.retry_after_cap))
            if time.monotonic() + wait >= deadline:
                break
            self.sleep(wait)
        raise FetchError(f"HTTP {status}", transient=True)

    def _once(self, url: str, kind: str, headers: dict, deadline: float):
        """One request: address check, pinned connection, status and headers, then the bounded body."""
        limits = self.limits
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = _resolve(host, port)
        for address in addresses:  # EVERY address must pass, before any connection is opened
            check_address(address, self.allow_private)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("timeout", transient=True)
        with _host_slot(host, limits.per_host, deadline):
            timeout = max(0.001, min(limits.connect_timeout, deadline - time.monotonic()))
            if parts.scheme == "https":
                conn = _PinnedHTTPSConnection(host, port, addresses, timeout, self._ssl)
            else:
                conn = _PinnedHTTPConnection(host, port, addresses, timeout)
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            accept = ("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" if kind == "html" else
                      "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1")
            request_headers = {"User-Agent": self.user_agent, "Accept": accept,
                               "Accept-Encoding": "gzip, identity", "Connection": "close", **headers}
            try:
                conn.request("GET", path, headers=request_headers)
                if conn.sock is not None:
                    conn.sock.settimeout(max(0.001, min(limits.read_timeout, deadline - time.monotonic())))
                response = conn.getresponse()
                head = {k.lower(): v for k, v in response.getheaders()}
                status = response.status
                if status != 200:  # redirects, 304, errors: the body is not needed
                    return status, head, b""
                body = self._read_body(conn, response, head, kind, deadline)
                return status, head, body
            except FetchError:
                raise
            except (socket.timeout, TimeoutError) as exc:
                raise FetchError("timeout", transient=True) from exc
            except ssl.SSLCertVerificationError as exc:
                raise FetchError(f"TLS certificate not valid ({exc.verify_message or exc})") from exc
            except ssl.SSLError as exc:
                raise FetchError(f"TLS error ({exc.reason or exc})", transient=True) from exc
            except ConnectionRefusedError as exc:
                raise FetchError("connection refused", transient=True) from exc
            except (http.client.HTTPException, OSError) as exc:
                raise FetchError(f"connection failed ({type(exc).__name__})", transient=True) from exc
            finally:
                conn.close()

    def _read_body(self, conn, response, head: dict, kind: str, deadline: float) -> bytes:
        limits = self.limits
        media, _ = _content_type(head.get("content-type", ""))
        if media and not _type_ok(kind, media) and not (kind == "feed" and media in ("text/html", "text/plain")):
            raise FetchError(_type_refusal(kind, media))  # refused before a byte of the body is read
        too_large = f"too large (over {_size_text(limits.max_bytes)})"
        length = head.get("content-length", "").strip()
        if length.isdigit() and int(length) > limits.max_bytes:
            raise FetchError(too_large)
        encoding = head.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", ""):
            raise FetchError(f"unsupported content encoding ({encoding})")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip") else None
        chunks: list[bytes] = []
        size = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError("timeout", transient=True)
            if conn.sock is not None:
                conn.sock.settimeout(max(0.001, min(limits.read_timeout, remaining)))
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                if inflate is not None:
                    tail = inflate.flush()
                    size += len(tail)
                    if size > limits.max_bytes:
                        raise FetchError(too_large)
                    chunks.append(tail)
                break
            if inflate is not None:  # the limit counts decompressed bytes: a small gzip bomb stops too
                chunk = inflate.decompress(chunk, limits.max_bytes + 1 - size)
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(too_large)
            chunks.append(chunk)
        body = b"".join(chunks)
        if not media or (kind == "feed" and media in ("text/html", "text/plain")):
            if not _sniff_ok(kind, body):  # no content type (or a feed served as text): look at the bytes
                raise FetchError(_type_refusal(kind, media))
        return body


def _content_type(value: str) -> tuple[str, Optional[str]]:
    media, _, params = (value or "").partition(";")
    charset = None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    if m:
        charset = m.group(1)
    return media.strip().lower(), charset


# ---------------------------------------------------------------------------------------------- page -> Article

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
    from lib.ingest.loader import canonical_outlet

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


# ---------------------------------------------------------------------------------------------- ingest

@dataclass
class LinkOutcome:
    """What became of one URL: the stored article, or the reason it was skipped."""

    url: str
    article_id: Optional[str] = None
    reason: Optional[str] = None
    transient: bool = False


def _fetch_article(fetcher: Fetcher, url: str, feed: Optional[FeedValues]) -> tuple[Response, Article]:
    response = fetcher.fetch(url, kind="html")
    return response, article_from_response(response, feed)


def ingest_links(engine, links: Sequence[tuple[str, Optional[FeedValues]]], progress: Optional[Progress] = None,
                 refresh: bool = False, allow_private: bool = False, nlp=None, fetcher: Optional[Fetcher] = None):
    """(IngestReport, {normalised url: LinkOutcome}) for (url, feed values or None) pairs. The shared core of
    `ingest_urls` and `lib.ingest.feeds.ingest_feeds`."""
    from lib import store
    from lib.ingest.pipeline import IngestReport, ingest_articles, pending

    if store.is_readonly():
        raise store.ReadOnlyError("The dashboard is read-only (DASHBOARD_READONLY=1): nothing can be added.")
    start = time.perf_counter()
    fetcher = fetcher or Fetcher(allow_private=allow_private or allow_private_from_env())
    report = IngestReport()
    outcomes: dict[str, LinkOutcome] = {}
    order: list[str] = []  # normalised URLs in input order, once each
    feed_of: dict[str, Optional[FeedValues]] = {}
    for raw, feed in links:
        try:
            url = normalise_url(raw)
        except FetchError as exc:
            report.skipped.append(Skipped((raw or "").strip() or "(empty URL)", exc.reason))
            continue
        if url not in outcomes:
            outcomes[url] = LinkOutcome(url)
            order.append(url)
            feed_of[url] = feed
    known = {} if refresh else store.known_urls(engine, order)
    to_fetch = [u for u in order if u not in known]
    for url in order:
        if url in known:
            outcomes[url].article_id = known[url]

    fetched: dict[str, tuple[Response, Article]] = {}
    done = 0
    if progress and to_fetch:
        progress(0, len(to_fetch))
    if to_fetch:
        workers = max(1, min(fetcher.limits.workers, len(to_fetch)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            futures = {pool.submit(_fetch_article, fetcher, url, feed_of[url]): url for url in to_fetch}
            for future in as_completed(futures):
                url = futures[future]
                try:
                    fetched[url] = future.result()
                except FetchError as exc:
                    outcomes[url].reason, outcomes[url].transient = exc.reason, exc.transient
                except SkipFile as exc:
                    outcomes[url].reason = exc.reason
                except Exception as exc:  # one broken page never stops the others
                    outcomes[url].reason = f"failed ({type(exc).__name__}: {exc})"
                done += 1
                if progress:
                    progress(done, len(to_fetch))

    # Texts: one article per text in this run; a text stored at the current analysis version is not stored again.
    new_articles: list[Article] = []
    first_url_of: dict[str, str] = {}
    for url in to_fetch:
        if url not in fetched:
            continue
        response, article = fetched[url]
        if article.article_id in first_url_of:
            first = first_url_of[article.article_id]
            outcomes[url].article_id = article.article_id  # remembered: the text is stored
            if response.final_url != fetched[first][0].final_url and article.url != fetched[first][1].url:
                outcomes[url].reason = f"duplicate of {first} (same text)"
            continue
        first_url_of[article.article_id] = url
        outcomes[url].article_id = article.article_id
        new_articles.append(article)
    to_ingest = list(new_articles) if refresh else pending(engine, new_articles)
    sub = ingest_articles(engine, to_ingest, progress=progress, nlp=nlp) if to_ingest else IngestReport()

    remember = []
    for url in to_fetch:
        outcome = outcomes[url]
        if outcome.article_id and url in fetched:  # duplicates included: their text is stored
            response, article = fetched[url]
            remember.extend((u, outcome.article_id) for u in (url, response.final_url, article.url))
    store.remember_urls(engine, remember)

    by_id = {a.article_id: a for a in to_ingest}
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
    report.analysed = sub.analysed
    report.reused = len(report.articles) - sub.analysed
    report.seconds = time.perf_counter() - start
    return report, outcomes


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
