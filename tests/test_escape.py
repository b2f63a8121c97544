"""lib/escape.py: untrusted text made inert for Markdown (links broken too), Plotly's label markup, and a plain
line of text (control characters visible)."""
from __future__ import annotations

import re

import pytest

from lib.escape import WORD_JOINER, break_autolinks, md_escape, plotly_escape, plotly_unescape, printable


@pytest.mark.parametrize("text", [
    "see http://example.com/x now", "see https://example.com now", "see www.example.com now",
    "mail bob@example.com now", "HTTP://EXAMPLE.COM", "WWW.EXAMPLE.COM", "ftp://files.example.com",
    "mailto:bob@example.com"])
def test_bare_addresses_cannot_become_links(text):
    """GitHub-flavoured Markdown links these after reading escapes (checked in Chromium: a backslash or an
    entity does not stop it, a WORD JOINER does); md_escape puts one where each link pattern starts."""
    escaped = md_escape(text)
    assert WORD_JOINER in escaped
    assert not re.search(r"(?i)\b(https?|ftp)\\?:", escaped)
    assert not re.search(r"(?i)\bwww\.", escaped)
    assert not re.search(r"\w@\w", escaped)
    assert escaped.replace(WORD_JOINER, "").replace("\\", "") == text  # nothing else changes what it reads


@pytest.mark.parametrize("text", ["The talks resumed on 7 November.", "Over 1.4 million refugees",
                                  "a.b.c is not a link", "email me later", "http is a protocol"])
def test_plain_text_gets_no_word_joiner(text):
    assert WORD_JOINER not in md_escape(text)
    assert break_autolinks(text) == text


def test_markdown_special_characters_are_escaped():
    assert md_escape("<b>[x](y) $z$ :red[w]") == r"\<b\>\[x\](y) \$z\$ \:red\[w\]"
    assert md_escape(None) == "" and md_escape(float("nan")) == ""


@pytest.mark.parametrize("text, escaped", [
    ('<span style="background-image:url(http://h/x)">X</span>', '&lt;span style="background-image:url(http://h/x)"&gt;X&lt;/span&gt;'),
    ('<a href="http://h/">Outlet</a>', '&lt;a href="http://h/"&gt;Outlet&lt;/a&gt;'),
    ("Dawn & Geo <b>", "Dawn &amp; Geo &lt;b&gt;"),
    ("&lt; already", "&amp;lt; already"),
    ("Dawn", "Dawn")])
def test_plotly_escape_and_back(text, escaped):
    assert plotly_escape(text) == escaped
    assert plotly_unescape(plotly_escape(text)) == text


def test_plotly_escape_leaves_other_values():
    assert plotly_escape(1.5) == 1.5 and plotly_escape(None) is None


@pytest.mark.parametrize("name, shown", [
    ("a\x1b]0;PWNED\x07\x1b[2Jb.txt", "a\\x1b]0;PWNED\\x07\\x1b[2Jb.txt"),
    ("c\nskipped x.txt: all good.txt", "c\\nskipped x.txt: all good.txt"),
    ("tab\there\r", "tab\\there\\r"),
    ("del\x7f c1\x9b", "del\\x7f c1\\x9b"),
    ("Türkiye – ok.txt", "Türkiye – ok.txt"),
    (None, "")])
def test_printable_shows_control_characters_as_escapes(name, shown):
    assert printable(name) == shown
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", printable(name))
