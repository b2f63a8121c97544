"""The text of a parsed Doc, read once.

spaCy rebuilds `Doc.text` from every token on each access, so the extractors read it through `doc_text`, which
keeps it in `doc.user_data` (keyed by the token count: a retokenised Doc rebuilds it). `span_text` is a span's
text as a slice of that string (the same string as `Span.text`: a token's trailing whitespace is never part of
the next token). SpaCy-free: nothing here imports spaCy.

It lives in lib/extract/ because only the extractors read a parsed Doc's text; ingest hands them the Doc.
"""
from __future__ import annotations

_KEY = "lib.extract.doctext"


def doc_text(doc) -> str:
    """`doc.text`, built once per Doc."""
    n = len(doc)
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == n:
        return cached[1]
    text = doc.text
    doc.user_data[_KEY] = (n, text)
    return text


def span_text(span) -> str:
    """`span.text` without rebuilding it from the span's tokens."""
    if not len(span):
        return ""
    return doc_text(span.doc)[span.start_char:span.end_char]
