"""Articles by URL: the address check (pure), URL refusals, polite bounded fetching against a local server on
127.0.0.1 (the only address any test talks to), what is stored, what is skipped and why, no second fetch, CLI.
Covers lib/ingest/fetcher.py (the client), page.py (a response made an Article) and fetch.py (URL ingest).

Private addresses are allowed only for the local test server, through `Fetcher(allow_private=True)` or
`--allow-private`; the refusal tests run with the setting off and check the server saw no request.
"""
from __future__ import annotations

import csv
import ipaddress
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lib import store
from lib.ingest import fetch, fetcher, page
from lib.ingest.fetch import ingest_urls
from lib.ingest.fetcher import FetchError, Fetcher, Limits, address_refusal, normalise_url
from tests.webserver import LocalServer

ROOT = Path(__file__).resolve().parent.parent

BODY = ("Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks in Istanbul, officials "
        "said, and the mediators from Qatar and Türkiye welcomed the result of the meeting. ")


def body(topic: str, n: int = 3) -> str:
    """Distinct article text per page (the article id is the hash of the text)."""
    return "".join(f"<p>{BODY}The {topic} delegation spoke of paragraph {i} with the press in the city.</p>"
                   for i in range(n))


FULL = """<!doctype html><html><head><title>Talks resume | Example News</title>
<meta property="og:title" content="Ceasefire talks resume in Istanbul">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-11-06T10:00:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/2025/11/talks-resume">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire talks resume in Istanbul</h1>{body}</article></body></html>"""
BARE = "<html><body><div>{body}</div></body></html>"
NAV = ("<html><head></head><body><nav><ul>"
       + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(40))
       + "</ul></nav><footer><ul><li><a href='/about'>About</a></li></ul></footer></body></html>")
CANONICAL_TARGET = """<html><head><title>Border crossing reopens</title>
<link rel="canonical" href="/news/border-reopens"></head><body><article>{body}</article></body></html>"""

FAST = Limits(connect_timeout=2, read_timeout=0.5, deadline=5, max_bytes=256 * 1024, backoff=0.01,
              retry_after_cap=0.05)


@pytest.fixture
def engine(tmp_path):
    return store.open_store(str(tmp_path / "store.db"))


@pytest.fixture(scope="module")
def server():
    with LocalServer() as srv:
        srv.page("/a.html", FULL.format(body=body("Pakistani")))
        srv.page("/bare.html", BARE.format(body=body("Afghan")))
        srv.page("/nav.html", NAV)
        srv.page("/slow.html", BARE.format(body=body("slow")), delay=3)
        srv.page("/big.html", "<html><body>" + "<p>words and more words</p>" * 20000 + "</body></html>")
        srv.page("/big-stream.html", "<html><body>" + "<p>words and more words</p>" * 20000 + "</body></html>",
                 chunked=True)
        srv.page("/report.pdf", b"%PDF-1.4\n" + b"\x00" * 1000, content_type="application/pdf")
        srv.page("/news/border-reopens", CANONICAL_TARGET.format(body=body("Qatari")))
        srv.redirect("/old-link", "/news/border-reopens")
        srv.page("/untyped", BARE.format(body=body("Turkish")), content_type="")
        yield srv


def allowed() -> Fetcher:
    """A fetcher that may reach the local test server (private addresses on), with short limits."""
    return Fetcher(FAST, allow_private=True)


# ------------------------------------------------------------------------------------------ the address check

@pytest.mark.parametrize("address, kind", [
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("127.0.0.1", "loopback"), ("::1", "loopback"), ("fe80::1", "link-local"),
    ("fc00::1", "private"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "non-public"),
])
def test_non_public_addresses_are_refused(address, kind):
    ip = ipaddress.ip_address(address)
    assert address_refusal(ip) == kind
    with pytest.raises(FetchError) as err:
        fetcher.check_address(ip, allow_private=False)
    assert err.value.reason.startswith(f"refused address ({kind} ")
    fetcher.check_address(ip, allow_private=True)  # the setting lets it through


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(ipaddress.ip_address(address)) is None
    fetcher.check_address(ipaddress.ip_address(address), allow_private=False)


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "unsupported scheme (file)"), ("ftp://example.com/a.html", "unsupported scheme (ftp)"),
    ("gopher://example.com/", "unsupported scheme (gopher)"), ("example.com/a", "unsupported scheme (none)"),
    ("http://user:pw@example.com/", "URL with a user name or password (not supported)"),
    ("http:///nohost", "invalid URL (no host)"), ("http://x/" + "a" * 2100, "URL too long (over 2000 characters)"),
])
def test_unfetchable_urls_refused_without_network(url, reason):
    with pytest.raises(FetchError) as err:
        normalise_url(url)
    assert err.value.reason == reason


def test_normalise_url_and_file_name():
    assert normalise_url(" HTTPS://WWW.Dawn.com:443/news/1 talks#top ") == "https://www.dawn.com/news/1%20talks"
    assert normalise_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"
    assert page.url_file_name("https://www.dawn.com/news/1950000/pakistan-afghan-talks") == \
        "dawn.com_news-1950000-pakistan-afghan-talks.html"
    assert page.url_file_name("http://127.0.0.1:8080/a.html") == "127.0.0.1_8080_a.html"
    name = page.url_file_name("https://example.com/../../etc/passwd?x=1")
    assert "/" not in name and name.endswith(".html") and name.startswith("example.com_etc-passwd-")


def test_url_list_file():
    text = "# reading list\nhttps://a.example/1\n\n  https://b.example/2   # second\n#https://c.example/3\n"
    assert fetch.read_url_list(text) == ["https://a.example/1", "https://b.example/2"]


# ------------------------------------------------------------------------------------------ refusals, no request

def test_loopback_refused_with_setting_off_and_no_request(server, engine, monkeypatch):
    monkeypatch.delenv(fetcher.ALLOW_PRIVATE_ENV, raising=False)
    before = server.hits()
    report = ingest_urls(engine, [server.url("/a.html"), "file:///etc/passwd", "ftp://127.0.0.1/a.html"])
    reasons = {s.file: s.reason for s in report.skipped}
    assert reasons[server.url("/a.html")] == "refused address (loopback 127.0.0.1)"
    assert reasons["file:///etc/passwd"] == "unsupported scheme (file)"
    assert reasons["ftp://127.0.0.1/a.html"] == "unsupported scheme (ftp)"
    assert report.articles == [] and server.hits() == before  # the server saw nothing
    assert store.count_articles(engine) == 0


def test_every_resolved_address_is_checked(server, monkeypatch):
    """A host resolving to one public and one private address is refused before any connection."""
    monkeypatch.setattr(fetcher, "_resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34"),
                                                              ipaddress.ip_address("10.0.0.1")])
    connects = []
    monkeypatch.setattr(fetcher, "_connect", lambda *a: connects.append(a))
    with pytest.raises(FetchError) as err:
        Fetcher(FAST, allow_private=False).fetch("http://mixed.example/a.html")
    assert err.value.reason == "refused address (private 10.0.0.1)" and connects == []


def test_connection_goes_to_the_checked_address(server, monkeypatch):
    """The name is resolved once; the connection is made to that checked address (no second DNS lookup)."""
    monkeypatch.setattr(fetcher, "_resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    monkeypatch.setattr(fetcher.socket, "getaddrinfo", lambda *a, **k: pytest.fail("a second DNS lookup"))
    response = allowed().fetch(f"http://pinned.example:{server.port}/a.html")
    assert response.status == 200
    assert server.requests_for("/a.html")[-1]["host"] == f"pinned.example:{server.port}"


def test_redirect_hop_is_checked_again(server, monkeypatch):
    """A redirect from an allowed host to a private address is refused at the hop, without connecting."""
    real = fetcher.check_address

    def only_the_test_server(address, allow_private):
        if str(address) != "127.0.0.1":
            real(address, False)

    monkeypatch.setattr(fetcher, "check_address", only_the_test_server)
    server.redirect("/to-private", "http://10.0.0.1/admin")
    server.redirect("/to-file", "file:///etc/passwd")
    with pytest.raises(FetchError) as err:
        allowed().fetch(server.url("/to-private"))
    assert err.value.reason == "refused address (private 10.0.0.1)"
    with pytest.raises(FetchError) as err:
        allowed().fetch(server.url("/to-file"))
    assert err.value.reason == "unsupported scheme (file)"


# ------------------------------------------------------------------------------------------ fetching and storing

def test_url_ingest_stores_pages_and_skips_with_reasons(server, engine, nlp):
    urls = [server.url(p) for p in ("/a.html", "/bare.html", "/nav.html", "/missing.html", "/slow.html",
                                    "/big.html", "/big-stream.html", "/report.pdf", "/old-link", "/untyped")]
    progress = []
    report = ingest_urls(engine, urls + ["file:///etc/passwd"], nlp=nlp, fetcher=allowed(),
                         progress=lambda done, total: progress.append((done, total)))
    reasons = {s.file: s.reason for s in report.skipped}
    assert reasons == {
        server.url("/nav.html"): "extraction empty",
        server.url("/missing.html"): "HTTP 404",
        server.url("/slow.html"): "timeout",
        server.url("/big.html"): "too large (over 256 KB)",
        server.url("/big-stream.html"): "too large (over 256 KB)",
        server.url("/report.pdf"): "not HTML (application/pdf)",
        "file:///etc/passwd": "unsupported scheme (file)",
    }
    assert report.analysed == 4 and len(report.articles) == 4
    assert (10, 10) in progress and (4, 4) in progress  # fetching 10 URLs, then analysing 4 articles

    rows = store.read_articles(engine).set_index("url")
    full = rows.loc["https://news.example.com/2025/11/talks-resume"]  # the canonical URL, never fetched
    assert (full.title, full.title_origin) == ("Ceasefire talks resume in Istanbul", "page")
    assert (full.outlet, full.outlet_origin) == ("Example News", "page")
    assert (full.published, full.published_origin) == ("2025-11-06", "page")
    assert (full.author, full.url_origin) == ("Jane Reporter", "page")
    assert full.file == "news.example.com_2025-11-talks-resume.html"

    bare = rows.loc[server.url("/bare.html")]  # no metadata: the fetched address, inference for the rest
    assert bare.url_origin == "page" and bare.title_origin == "unknown" and bare.published_origin == "unknown"
    assert bare.outlet_origin in ("inferred", "unknown")

    moved = rows.loc[server.url("/news/border-reopens")]  # redirected, relative canonical resolved
    assert moved.title == "Border crossing reopens"
    assert moved.file == f"127.0.0.1_{server.port}_news-border-reopens.html"
    assert server.url("/untyped") in rows.index  # no content type: the bytes say HTML

    kept = {a.url: a for a in store.stored_article_records(engine, rows["article_id"])}
    assert "<link rel=\"canonical\"" in kept["https://news.example.com/2025/11/talks-resume"].raw_html


def test_second_run_fetches_nothing_new(server, engine, nlp):
    urls = [server.url(p) for p in ("/a.html", "/bare.html", "/old-link")]
    first = ingest_urls(engine, urls, nlp=nlp, fetcher=allowed())
    assert first.analysed == 3 and not first.skipped
    before = server.hits()
    again = ingest_urls(engine, urls + [server.url("/news/border-reopens")], nlp=nlp, fetcher=allowed())
    assert server.hits() == before  # asked, redirected-to and canonical addresses are all remembered
    assert again.analysed == 0 and again.reused == 3 and len(again.articles) == 3 and not again.skipped
    assert {a.article_id for a in again.articles} == {a.article_id for a in first.articles}

    refreshed = ingest_urls(engine, urls, nlp=nlp, fetcher=allowed(), refresh=True)
    assert server.hits() > before  # refresh fetches again; the same texts are not analysed again
    assert refreshed.analysed == 0 and len(refreshed.articles) == 3
    assert store.count_articles(engine) == 3


def test_same_text_at_two_addresses_is_stored_once(server, engine, nlp):
    page = BARE.format(body=body("copied"))
    server.page("/copy-1.html", page)
    server.page("/copy-2.html", page)
    report = ingest_urls(engine, [server.url("/copy-1.html"), server.url("/copy-2.html")], nlp=nlp,
                         fetcher=allowed())
    assert len(report.articles) == 1 and report.analysed == 1
    assert [(s.file, s.reason) for s in report.skipped] == [
        (server.url("/copy-2.html"), f"duplicate of {server.url('/copy-1.html')} (same text)")]


def test_retries_with_backoff_on_503_then_succeeds():
    waits = []
    with LocalServer() as srv:
        from tests.webserver import Route

        page = BARE.format(body=body("retried")).encode()
        srv.routes["/flaky.html"] = Route(handler=lambda _req, hit: Route(
            status=503, body=b"busy", headers={"Retry-After": "120"}) if hit < 3 else Route(body=page))
        srv.page("/busy.html", "slow down", status=429, content_type="text/plain")
        fetcher = Fetcher(FAST, allow_private=True, sleep=waits.append)
        assert fetcher.fetch(srv.url("/flaky.html")).status == 200
        assert srv.hits("/flaky.html") == 3
        assert waits == [0.05, 0.05]  # Retry-After honoured up to the cap
        with pytest.raises(FetchError) as err:
            fetcher.fetch(srv.url("/busy.html"))
        assert err.value.reason == "HTTP 429" and err.value.transient
        assert srv.hits("/busy.html") == FAST.retries + 1  # bounded
        assert waits[2:] == [0.01, 0.02]  # exponential backoff


def test_at_most_two_requests_in_flight_per_host():
    with LocalServer() as srv:
        for i in range(6):
            srv.page(f"/p{i}.html", BARE.format(body=body(f"parallel {i}")), delay=0.3)
        fetcher = allowed()
        threads = [threading.Thread(target=fetcher.fetch, args=(srv.url(f"/p{i}.html"),)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
        assert srv.hits() == 6 and srv.max_in_flight == 2


def test_gzip_body_is_inflated_within_the_limit():
    import gzip

    with LocalServer() as srv:
        html = BARE.format(body=body("compressed")).encode()
        srv.page("/gz.html", gzip.compress(html), headers={"Content-Encoding": "gzip"})
        bomb = gzip.compress(b"<html><body>" + b"a" * (2 * 1024 * 1024) + b"</body></html>")
        srv.page("/bomb.html", bomb, headers={"Content-Encoding": "gzip"})  # 2 KB that inflate to 2 MB
        assert allowed().fetch(srv.url("/gz.html")).body == html
        with pytest.raises(FetchError) as err:
            allowed().fetch(srv.url("/bomb.html"))
        assert err.value.reason == "too large (over 256 KB)"


def test_user_agent_names_the_tool(server):
    allowed().fetch(server.url("/bare.html"))
    assert server.requests_for("/bare.html")[-1]["user-agent"] == fetcher.USER_AGENT


def test_read_only_store_fetches_nothing(server, engine, monkeypatch):
    monkeypatch.setenv(store.READONLY_ENV, "1")
    before = server.hits()
    with pytest.raises(store.ReadOnlyError):
        ingest_urls(engine, [server.url("/a.html")], fetcher=allowed())
    assert server.hits() == before


# ------------------------------------------------------------------------------------------ CLI

def run_cli(*args):
    env = {k: v for k, v in __import__("os").environ.items() if k != fetcher.ALLOW_PRIVATE_ENV}
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_cli_export_by_url(server, tmp_path):
    out, db = tmp_path / "out", tmp_path / "s.db"
    result = run_cli("export", "--url", server.url("/a.html"), "--url", server.url("/missing.html"),
                     "--allow-private", "--out", str(out), "--db", str(db), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = read(out / "articles.csv")
    assert len(rows) == 1
    assert rows[0]["url"] == "https://news.example.com/2025/11/talks-resume"
    assert rows[0]["url_origin"] == "page" and rows[0]["outlet_origin"] == "page"
    assert rows[0]["published_origin"] == "page" and rows[0]["outlet"] == "Example News"
    assert read(out / "skipped.csv") == [{"file": server.url("/missing.html"), "reason": "HTTP 404"}]
    assert f"skipped {server.url('/missing.html')}: HTTP 404" in result.stderr


def test_cli_without_setting_refuses_loopback(server, tmp_path):
    before = server.hits()
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# list\n{server.url('/a.html')}\n")
    result = run_cli("ingest", "--urls", str(urls), "--db", str(tmp_path / "s.db"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "refused address (loopback 127.0.0.1)" in result.stderr and "--allow-private" in result.stderr
    assert server.hits() == before


def test_cli_needs_a_source(tmp_path):
    result = run_cli("ingest", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and "--url" in result.stderr
    result = run_cli("ingest", "--urls", str(tmp_path / "none.txt"), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2 and "cannot read the URL list" in result.stderr


@pytest.mark.parametrize("exc, outcome", [
    (FetchError("timeout", transient=True), ("timeout", True)),
    (FetchError("HTTP 404"), ("HTTP 404", False)),
    (__import__("lib.ingest.skip", fromlist=["SkipFile"]).SkipFile("extraction empty"), ("extraction empty", False)),
    (ValueError("bad markup"), ("failed (ValueError: bad markup)", False)),
])
def test_failure_rules_give_each_failed_link_its_reason(exc, outcome):
    assert fetch.failure_outcome(exc) == outcome
