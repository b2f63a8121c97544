"""Polite, bounded fetching of one URL with address safety (`Fetcher.fetch`): what URL and feed ingest read pages
and feeds with (lib/ingest/fetch.py, lib/ingest/feeds.py).

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
import http.client
import ipaddress
import os
import re
import socket
import ssl
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

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
