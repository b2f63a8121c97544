"""Articles by feed: RSS and Atom from a local server on 127.0.0.1 (the only address any test talks to), the
feed filling in what the page lacks (origin `feed`), remembered entries, conditional requests (304), refusals."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lib import store
from lib.ingest import fetcher
from lib.ingest.feeds import ingest_feeds, parse_feed
from lib.ingest.fetcher import Fetcher, Limits
from tests.webserver import LocalServer, Route

ROOT = Path(__file__).resolve().parent.parent
FAST = Limits(connect_timeout=2, read_timeout=1, deadline=5, backoff=0.01, retries=1)

BODY = ("Pakistan and Afghanistan agreed on Thursday to extend the ceasefire after talks in Istanbul, officials "
        "said, and the mediators from Qatar and Türkiye welcomed the result of the meeting. ")


def page(topic: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{BODY}The {topic} envoy met reporters about item {i} in the city.</p>"
                         for i in range(3))
    return f"<html><head>{head}</head><body><div>{paragraphs}</div></body></html>"


def rss(base: str, items: list[tuple[str, str, str, str]]) -> str:
    entries = "".join(f"<item><title>{title}</title><link>{base}{path}</link><guid>{guid}</guid>"
                      f"<pubDate>{date}</pubDate><author>desk@example.com (News Desk)</author></item>"
                      for guid, path, title, date in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Frontier Post</title>"
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>")


def atom(base: str, entries: list[tuple[str, str, str, str]]) -> str:
    body = "".join(f"<entry><id>{eid}</id><title>{title}</title><link href='{path}'/><updated>{date}</updated>"
                   f"</entry>" for eid, path, title, date in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Kabul Monitor</title><id>urn:kabul</id><updated>2025-11-07T00:00:00Z</updated>"
            f"<link href='{base}/'/>{body}</feed>")


RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml"


@pytest.fixture
def engine(tmp_path):
    return store.open_store(str(tmp_path / "store.db"))


@pytest.fixture
def server():
    with LocalServer() as srv:
        base = f"http://127.0.0.1:{srv.port}"
        srv.page("/story-1.html", page("Pakistani"))  # no metadata: the feed fills it in
        srv.page("/story-2.html", page("Afghan", "<title>Page title wins</title>"
                                                 "<meta property='article:published_time' content='2025-11-03'>"))
        srv.page("/story-3.html", page("Qatari"))
        srv.page("/rss.xml", rss(base, [
            ("urn:story-1", "/story-1.html", "Truce extended in Istanbul", "Wed, 05 Nov 2025 08:00:00 GMT"),
            ("urn:story-1", "/story-1.html", "Truce extended in Istanbul", "Wed, 05 Nov 2025 08:00:00 GMT"),
            ("urn:dead", "/gone.html", "A story that was taken down", "Wed, 05 Nov 2025 09:00:00 GMT"),
            ("urn:story-2", "/story-2.html", "Feed title loses", "Tue, 04 Nov 2025 09:00:00 GMT"),
        ]), content_type=RSS_TYPE, etag='"rss-v1"', last_modified="Wed, 05 Nov 2025 10:00:00 GMT")
        srv.page("/atom.xml", atom(base, [  # relative links; story 1 again under another id
            ("tag:kabul,2025:1", "/story-1.html", "Same story in another feed", "2025-11-05T08:00:00Z"),
            ("tag:kabul,2025:3", "/story-3.html", "Mediators welcome the talks", "2025-11-06T12:00:00Z"),
        ]), content_type=ATOM_TYPE)
        yield srv


def allowed() -> Fetcher:
    return Fetcher(FAST, allow_private=True)


def test_parse_feed_reads_rss_and_atom_from_bytes():
    base = "http://news.example"
    title, entries = parse_feed(rss(base, [("g1", "/a", "A", "Wed, 05 Nov 2025 08:00:00 GMT"),
                                          ("g1", "/a", "A", "Wed, 05 Nov 2025 08:00:00 GMT")]).encode(),
                                base + "/rss.xml")
    assert title == "Frontier Post"
    assert [(e, link, v.title, v.published, v.outlet) for e, link, v in entries] == [
        ("g1", "http://news.example/a", "A", "2025-11-05", "Frontier Post")]  # a repeated entry counts once
    title, entries = parse_feed(atom(base, [("t1", "/b", "B", "2025-11-06T12:00:00Z")]).encode(),
                                base + "/feeds/atom.xml", ATOM_TYPE)
    assert title == "Kabul Monitor" and entries[0][1] == "http://news.example/b"
    with pytest.raises(fetcher.FetchError) as err:
        parse_feed(b"<html><body>not a feed</body></html>", base)
    assert err.value.reason.startswith("not a readable feed")


def test_feeds_ingest_then_nothing_new(server, engine, nlp):
    feeds_ = [server.url("/rss.xml"), server.url("/atom.xml")]
    report = ingest_feeds(engine, feeds_, nlp=nlp, fetcher=allowed())
    assert [(s.file, s.reason) for s in report.skipped] == [(server.url("/gone.html"), "HTTP 404")]
    assert report.analysed == 3 and len(report.articles) == 3
    assert server.hits("/story-1.html") == 1  # repeated in the RSS feed and present in the Atom feed: fetched once

    rows = store.read_articles(engine).set_index("url")
    one = rows.loc[server.url("/story-1.html")]
    assert (one.title, one.title_origin) == ("Truce extended in Istanbul", "feed")
    assert (one.published, one.published_origin) == ("2025-11-05", "feed")
    assert (one.outlet, one.outlet_origin) == ("Frontier Post", "feed")
    two = rows.loc[server.url("/story-2.html")]  # the page's own metadata comes first
    assert (two.title, two.title_origin) == ("Page title wins", "page")
    assert (two.published, two.published_origin) == ("2025-11-03", "page")
    three = rows.loc[server.url("/story-3.html")]
    assert (three.title_origin, three.outlet, three.published) == ("feed", "Kabul Monitor", "2025-11-06")

    state = store.feed_state(engine, server.url("/rss.xml"))
    assert state["etag"] == '"rss-v1"' and state["title"] == "Frontier Post"
    assert store.seen_entries(engine, server.url("/rss.xml")) == {"urn:story-1", "urn:dead", "urn:story-2"}

    before = {path: server.hits(path) for path in ("/story-1.html", "/story-2.html", "/story-3.html",
                                                  "/gone.html", "/rss.xml", "/atom.xml")}
    again = ingest_feeds(engine, feeds_, nlp=nlp, fetcher=allowed())
    assert again.articles == [] and again.skipped == [] and again.analysed == 0
    assert server.hits("/rss.xml") == before["/rss.xml"] + 1 and server.hits("/atom.xml") == before["/atom.xml"] + 1
    for path in ("/story-1.html", "/story-2.html", "/story-3.html", "/gone.html"):
        assert server.hits(path) == before[path], path  # no entry fetched again, the dead link neither
    asked = server.requests_for("/rss.xml")[-1]
    assert asked["if-none-match"] == '"rss-v1"' and asked["if-modified-since"] == "Wed, 05 Nov 2025 10:00:00 GMT"


def test_new_entry_is_the_only_one_fetched(server, engine, nlp):
    ingest_feeds(engine, [server.url("/atom.xml")], nlp=nlp, fetcher=allowed())
    base = f"http://127.0.0.1:{server.port}"
    server.page("/story-4.html", page("Turkish"))
    server.page("/atom.xml", atom(base, [
        ("tag:kabul,2025:4", "/story-4.html", "Fourth round announced", "2025-11-08T12:00:00Z"),
        ("tag:kabul,2025:1", "/story-1.html", "Same story in another feed", "2025-11-05T08:00:00Z"),
        ("tag:kabul,2025:3", "/story-3.html", "Mediators welcome the talks", "2025-11-06T12:00:00Z"),
    ]), content_type=ATOM_TYPE)
    hits = server.hits()
    report = ingest_feeds(engine, [server.url("/atom.xml")], nlp=nlp, fetcher=allowed())
    assert [a.title for a in report.articles] == ["Fourth round announced"]
    assert server.hits() == hits + 2  # the feed and the new entry

    refreshed = ingest_feeds(engine, [server.url("/atom.xml")], nlp=nlp, fetcher=allowed(), refresh=True)
    assert len(refreshed.articles) == 3 and refreshed.analysed == 0  # fetched again, same texts: not re-analysed


def test_transient_failure_is_retried_next_run(server, engine, nlp):
    base = f"http://127.0.0.1:{server.port}"
    good = page("Iranian").encode()
    server.routes["/busy.html"] = Route(handler=lambda _r, hit: Route(status=503, body=b"busy") if hit <= 2
                                        else Route(body=good))
    server.page("/busy-feed.xml",
                rss(base, [("urn:busy", "/busy.html", "Busy story", "Thu, 06 Nov 2025 08:00:00 GMT")]),
                content_type=RSS_TYPE, etag='"busy-v1"')
    first = ingest_feeds(engine, [server.url("/busy-feed.xml")], nlp=nlp, fetcher=allowed())
    assert [(s.file, s.reason) for s in first.skipped] == [(server.url("/busy.html"), "HTTP 503")]
    assert store.seen_entries(engine, server.url("/busy-feed.xml")) == set()
    assert store.feed_state(engine, server.url("/busy-feed.xml"))["etag"] is None  # so no 304 next time
    second = ingest_feeds(engine, [server.url("/busy-feed.xml")], nlp=nlp, fetcher=allowed())
    assert [a.title for a in second.articles] == ["Busy story"] and not second.skipped


def test_feed_failures_are_reported(server, engine):
    server.page("/not-a-feed", page("html"))
    server.page("/feed.pdf", b"%PDF-1.4", content_type="application/pdf")
    report = ingest_feeds(engine, [server.url("/not-a-feed"), server.url("/feed.pdf"), server.url("/no-feed.xml"),
                                   "file:///etc/passwd"], fetcher=allowed())
    assert {s.file: s.reason for s in report.skipped} == {
        server.url("/not-a-feed"): "not a feed (text/html)",
        server.url("/feed.pdf"): "not a feed (application/pdf)",
        server.url("/no-feed.xml"): "HTTP 404",
        "file:///etc/passwd": "unsupported scheme (file)",
    }


def test_feed_on_loopback_refused_with_setting_off(server, engine, monkeypatch):
    monkeypatch.delenv(fetcher.ALLOW_PRIVATE_ENV, raising=False)
    report = ingest_feeds(engine, [server.url("/rss.xml")])
    assert [(s.file, s.reason) for s in report.skipped] == [
        (server.url("/rss.xml"), "refused address (loopback 127.0.0.1)")]
    assert server.hits() == 0


def test_feed_never_fetches_by_itself(monkeypatch):
    """feedparser is only ever given bytes: a URL-looking string would make it fetch."""
    import feedparser

    seen = []
    real = feedparser.parse
    monkeypatch.setattr(feedparser, "parse", lambda data, **kw: seen.append(type(data)) or real(data, **kw))
    parse_feed(atom("http://x.example", []).encode(), "http://x.example/atom.xml")
    assert seen == [bytes]


def test_cli_ingest_feed(server, tmp_path):
    env = {k: v for k, v in __import__("os").environ.items() if k != fetcher.ALLOW_PRIVATE_ENV}
    result = subprocess.run([sys.executable, "-m", "lib", "ingest", "--feed", server.url("/atom.xml"),
                             "--allow-private", "--db", str(tmp_path / "s.db"), "--quiet"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    assert "2 articles: 2 analysed" in result.stderr and "Traceback" not in result.stderr


def test_entry_memory_cases_in_order():
    """What the store remembers of a fresh entry, case by case (lib.ingest.feeds.entry_memory)."""
    from lib.ingest.feeds import RETRY_LATER, entry_memory
    from lib.ingest.fetch import LinkOutcome

    feed = "https://news.example/feed.xml"
    outcomes = {"https://news.example/a": LinkOutcome("https://news.example/a", article_id="abc"),
                "https://news.example/b": LinkOutcome("https://news.example/b", reason="timeout", transient=True),
                "https://news.example/c": LinkOutcome("https://news.example/c", reason="HTTP 404")}
    skipped = []
    assert entry_memory(feed, "e0", None, outcomes, skipped) == ("e0", None, None)
    assert [s.reason for s in skipped] == ["feed entry without a link"]
    assert entry_memory(feed, "e1", "file:///etc/passwd", outcomes, skipped) == ("e1", "file:///etc/passwd", None)
    assert entry_memory(feed, "e2", "https://news.example/b", outcomes, skipped) is RETRY_LATER
    assert entry_memory(feed, "e3", "https://news.example/z", outcomes, skipped) is RETRY_LATER  # not reached
    assert entry_memory(feed, "e4", "https://news.example/c", outcomes, skipped) == ("e4", "https://news.example/c",
                                                                                    None)
    assert entry_memory(feed, "e5", "https://news.example/a", outcomes, skipped) == ("e5", "https://news.example/a",
                                                                                    "abc")
