"""Publication dates as pages give them (lib/ingest/pubdate.py): addresses, timestamp lines, leading timestamps,
datelines; and what is never a publication date. Hand-checked expectations on lines written for each rule."""
from __future__ import annotations

import pytest

from lib.ingest import pubdate
from lib.ingest.loader import build_article

BODY = ("Pakistan and Afghanistan resumed talks on Thursday, officials said, after a week of clashes along the "
        "border that closed the main crossings for trade and travel.")


@pytest.mark.parametrize("url, expected", [
    ("https://kathmandupost.com/editorial/2025/05/11/america-s-trump-card", "2025-05-11"),
    ("https://www.businesslive.co.za/bd/world/asia/2025-04-13-iran-talks-positive", "2025-04-13"),
    ("https://www.newindianexpress.com/world/2025/Apr/12/us-iran-hold-talks", "2025-04-12"),
    ("https://example.org/news/12-april-2025-talks-resume", "2025-04-12"),
    ("https://allafrica.com/stories/202509040001.html", "2025-09-04"),
    ("https://epaper.example.com/DetailImage.php?StoryImage=28_06_2025_011_002", "2025-06-28"),
    ("https://www.example-intl.com/en/202504129254", "2025-04-12"),  # a compact id ending the path
    # no full date: a year and month only, an id, a far-off year
    ("https://example.org/2024/11/ceasefire-agreed", None),
    ("https://example.org/news/911889-hamas-hands-over", None),
    ("https://example.org/article/18000101-archive", None),
    (None, None),
])
def test_date_in_url(url, expected):
    assert pubdate.date_in_url(url) == expected


@pytest.mark.parametrize("line, expected", [
    ("Sat, 28-Jun-2025", "2025-06-28"),
    ("13 May 2025 | 11:40 AM PKT", "2025-05-13"),
    ("Posted on May 10, 2025 by admin", "2025-05-10"),
    ("Sunday, 20 April, 2025 / Today, 10:27", "2025-04-20"),
    ("18/07/2025", "2025-07-18"),
    # prose, not a timestamp: a sentence, or too many words beside the date
    ("Joint Declaration of April 23, 2025.", None),
    ("The two sides met in Doha on 19 October 2025 to agree a truce", None),
    ("Today, 10:27", None),
    ("July 28", None),
])
def test_timestamp_lines(line, expected):
    assert pubdate._timestamp(line) == expected


def test_published_date_rules_in_order():
    # the address wins over a timestamp line, which is used when there is no address
    paragraphs = ["Sat, 28-Jun-2025", BODY]
    assert pubdate.published_date(paragraphs, [], "https://x.org/2025/06/27/talks") == ("2025-06-27",
                                                                                         "date in the address")
    assert pubdate.published_date(paragraphs, [], None) == ("2025-06-28", "timestamp near the top")
    assert pubdate.published_date([BODY], [], None) == (None, "")


def test_leading_timestamp_is_split_off_and_dates_the_article():
    article = build_article("p.txt", f" date 2025-10-13 By Nidal al-Mughrabi and Maayan Lubell\n\n{BODY}")
    assert (article.published, article.published_origin) == ("2025-10-13", "inferred")
    assert "date 2025-10-13" not in article.text and "date 2025-10-13" in article.stripped


@pytest.mark.parametrize("paragraph, stamp, rest", [
    ("date 2025-10-14 Israeli media also confirmed it.", "date 2025-10-14", "Israeli media also confirmed it."),
    ("2025-05-10 14:02 | Talks resumed on Saturday.", "2025-05-10 14:02 |", "Talks resumed on Saturday."),
    ("2025 was a year of talks.", None, "2025 was a year of talks."),
    ("The 2025-10-14 meeting was cancelled.", None, "The 2025-10-14 meeting was cancelled."),
])
def test_split_timestamp(paragraph, stamp, rest):
    assert pubdate.split_timestamp(paragraph) == (stamp, rest)


def test_url_date_has_its_own_origin():
    article = build_article("u.txt", BODY, header={"url": "https://example.org/2025/11/08/talks-end"})
    assert (article.published, article.published_origin) == ("2025-11-08", "url")


@pytest.mark.parametrize("first, url, published", [
    # a place with its country, and a dash before the full date
    ("Nairobi, Kenya – March 3, 2025 – The two delegations signed the truce.", None, "2025-03-03"),
    ("Islamabad, November 8, 2025 – Talks ended without a deal.", None, "2025-11-08"),
    # a place in capitals and a day, no agency: the year the article writes, else its address's in that month
    ("NAIROBI, Mar 3 — The two delegations signed the truce, the first of 2025.", None, "2025-03-03"),
    ("NAIROBI, Mar 3 — The two delegations signed the truce.", "https://example.com/en/2025/03/336878",
     "2025-03-03"),
    ("NAIROBI, Mar 3 — The two delegations signed the truce.", "https://example.com/en/2025/04/336878", None),
    ("NAIROBI, Mar 3 — The two delegations signed the truce.", None, None),
    # not datelines: prose that opens with a place
    ("Nairobi, the capital, hosted the talks on March 3, 2025 – a first.", None, None),
])
def test_datelines(first, url, published):
    assert pubdate.published_date([first], [], url)[0] == published
