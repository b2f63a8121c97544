"""Untrusted text (an article's words, a title, an outlet, a speaker, a file name) made inert for each place that
shows it: Markdown (`md_escape`), Plotly's label markup (`plotly_escape`), and a plain line of text
(`printable`). Pure strings: no streamlit, no plotly.

- Markdown: every character that can start Markdown, HTML, LaTeX, a link, an emoji code or a table cell boundary
  is backslash-escaped (`:`, `&`, `#`, `-`, `+` and list numbers only where they would start something, so that
  the text reads without backslashes elsewhere), and bare web addresses are kept from becoming live links.
  GitHub-flavoured Markdown turns `http://…`, `www.…` and `name@host.org` into links after the escapes are read
  (a backslash or an entity does not stop it), so an invisible WORD JOINER (U+2060) is put where the link pattern
  would start.
- Plotly renders `<b>`, `<span style=…>`, `<a href=…>` and `<br>` in every axis label, legend entry and hover
  text; its own entity decoding shows `&lt;`, `&gt;` and `&amp;` as the characters, so escaping those three
  keeps the text as written and the markup dead.
- A plain line (st.text, a caption, a terminal): control characters (ESC, BEL, newlines, C1 controls, DEL) are
  written as visible escapes (`\\x1b`, `\\n`), so a name can neither retitle a terminal nor forge a line.
"""
from __future__ import annotations

import math
import re

WORD_JOINER = "\u2060"
_MD_ALWAYS = re.compile(r"([\\`*_\[\]{}<>|$~])")
# Characters that start markup only in some places, escaped only there, so that the text reads without
# backslashes wherever Markdown shows them as written ("Asif: talks", "Q&A", "#1", "Wow!").
_MD_IN_CONTEXT = (
    (re.compile(r":(?=[\w+\-])"), r"\\:"),  # an emoji code or a colour directive: ":smile:", ":red["
    (re.compile(r"&(?=#|[A-Za-z]\w*;)"), r"\\&"),  # an HTML entity: "&amp;", "&#60;"
    (re.compile(r"^(\s*)([#+\-=])"), r"\1\\\2"),  # a heading, a list item or a rule at the start
    (re.compile(r"^(\s*\d+)([.)])(?=\s|$)"), r"\1\\\2"),  # a numbered list item at the start
)
# Where an autolink would start: a scheme before "://", "www" before its dot, the "@" of an e-mail address.
_AUTOLINK_STARTS = (
    (re.compile(r"(?i)\b(https?|ftp)(?=\\?:\s*/)"), "\\1" + WORD_JOINER),
    (re.compile(r"(?i)\b(www)(?=\\?\.)"), "\\1" + WORD_JOINER),
    (re.compile(r"(?<=\w)(?=@\w)"), WORD_JOINER),
    (re.compile(r"(?i)\b(mailto|xmpp)(?=\\?:)"), "\\1" + WORD_JOINER),
)
_PLOTLY_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PLOTLY_RE = re.compile("[&<>]")
_PLOTLY_BACK = re.compile("&(amp|lt|gt);")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED_CONTROLS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def break_autolinks(text: str) -> str:
    """`text` with a WORD JOINER where Markdown would start an automatic link (http://, www., a@b)."""
    for pattern, replacement in _AUTOLINK_STARTS:
        text = pattern.sub(replacement, text)
    return text


def md_escape(value) -> str:
    """Text safe to place in Markdown: whitespace collapsed to single spaces, every character that could start
    markup backslash-escaped, and bare addresses kept from becoming links. None and NaN give ""."""
    if _missing(value):
        return ""
    text = _MD_ALWAYS.sub(r"\\\1", " ".join(str(value).split()))
    for pattern, replacement in _MD_IN_CONTEXT:
        text = pattern.sub(replacement, text)
    return break_autolinks(text)


def plotly_escape(value):
    """A string for a Plotly label or hover text, shown as written: `&`, `<` and `>` as entities. Anything that
    is not a string (a number, a date, None) comes back as it is."""
    if not isinstance(value, str):
        return value
    return _PLOTLY_RE.sub(lambda m: _PLOTLY_SPECIAL[m.group()], value)


def plotly_unescape(value):
    """The text `plotly_escape` was given (for a value a chart selection hands back)."""
    if not isinstance(value, str):
        return value
    return _PLOTLY_BACK.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)], value)


def printable(value) -> str:
    """Text for one plain line: every control character written as a visible escape (`\\n`, `\\x1b`, `\\x07`),
    so it cannot move the cursor, retitle a terminal or start a new line. None and NaN give ""."""
    if _missing(value):
        return ""
    return _CONTROL.sub(lambda m: _NAMED_CONTROLS.get(m.group(), f"\\x{ord(m.group()):02x}"), str(value))
