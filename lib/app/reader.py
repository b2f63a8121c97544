"""An article's text as the reader and the quote cards show it: paragraphs of escaped Markdown (never HTML, no live
link from a bare address) with quotes, figures and stance evidence highlighted by Streamlit colour directives.
"""
from __future__ import annotations

from typing import Optional

import streamlit as st

from lib.app import data
from lib.escape import md_escape

# Kinds of highlighted span, their Streamlit colour directive, and the legend's words.
MARK_STYLES = {"quote": ("blue", "quote"), "fragment": ("gray", "fragment (not a quote)"),
               "figure": ("orange", "figure"), "hopeful": ("green", "hopeful evidence"),
               "pessimistic": ("red", "pessimistic evidence")}


def highlight_segments(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, Optional[str]]]:
    """Split `text` into (segment, kind) pieces: kind None for plain text, else the kind of the mark covering it.
    Marks are (start, end, kind) character offsets; an overlapping later mark is cut to what is left."""
    pieces: list[tuple[str, Optional[str]]] = []
    pos = 0
    for start, end, kind in sorted((max(0, int(s)), min(len(text), int(e)), k) for s, e, k in marks if e > s):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], kind))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def reader_markdown(pieces: list[tuple[str, Optional[str]]]) -> list[str]:
    """Paragraphs of Markdown for the reader: every piece escaped, marked pieces wrapped in a colour directive.
    Article text is never rendered as HTML (st.markdown without unsafe_allow_html, and the text escaped)."""
    paragraphs, current = [], []
    for segment, kind in pieces:
        chunks = segment.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                paragraphs.append("".join(current))
                current = []
            escaped = md_escape(chunk)  # whitespace collapsed and trimmed: the spaces around it are put back
            if not escaped:
                if chunk and current:
                    current.append(" ")
                continue
            lead = " " if chunk[:1].isspace() and current else ""
            trail = " " if chunk[-1:].isspace() else ""
            if kind:
                escaped = f":{MARK_STYLES.get(kind, ('gray', kind))[0]}-background[{escaped}]"
            current.append(lead + escaped + trail)
    paragraphs.append("".join(current))
    return [p.strip() for p in paragraphs if p.strip()]


def reader_legend(kinds=None) -> str:
    return "  ".join(f":{colour}-background[{words}]" for kind, (colour, words) in MARK_STYLES.items()
                     if kinds is None or kind in kinds)


def paragraph_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The paragraph (newline-delimited) holding text[start:end], and its offset in `text`."""
    begin = text.rfind("\n", 0, max(0, start)) + 1
    stop = text.find("\n", max(end, start))
    return text[begin: stop if stop >= 0 else len(text)], begin


def show_in_context(article_id: str, start, end, kind: str, fallback: str = "") -> None:
    """The paragraph around a quote or figure, the span highlighted, all of it escaped text."""
    text = data.article_text(article_id)
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        start = end = -1
    if not text or start < 0 or end > len(text):
        st.text(fallback)
        return
    para, offset = paragraph_around(text, start, end)
    for line in reader_markdown(highlight_segments(para, [(start - offset, end - offset, kind)])):
        st.markdown(line)
