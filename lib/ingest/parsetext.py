"""What the parser is given: an article's text made cheap to tokenize, cut into pieces of bounded size, and the
pieces grouped into batches of bounded size. No spaCy here (`lib.ingest.nlp.parse_many` does the parsing).

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free chunk one at a time, copying the rest each
time, so a chunk of 40,000 quote marks costs minutes; and the parser holds memory in proportion to the text it
is given at once (3 GB for a 1,000,000-character text parsed whole). Hence:

- `parser_text` blanks, character for character, what no extractor needs (`PARSER_BLANKS`). The length is kept,
  so every character offset found in the parsed text indexes the stored text, which itself is never changed.
- `pieces` cuts a text longer than PIECE_CHARS into consecutive pieces (at paragraph breaks where it can), each
  parsed on its own; `lib.ingest.nlp` joins them into one Doc with `Doc.from_docs`.
- `batches` groups pieces so that no batch holds more than BATCH_CHARS characters (nor more than a count).
"""
from __future__ import annotations

import re
from collections import deque
from typing import Iterable, Iterator, Optional

# Blanked in the parser's copy of the text, in this order, each match replaced by as many spaces. No reader needs
# a separator line parsed, and no English word is longer than a few dozen characters; runs below these lengths
# tokenize in linear time (a 300-character chunk costs well under a millisecond).
PARSER_BLANKS: tuple[tuple[str, re.Pattern], ...] = (
    ("run of punctuation or symbols", re.compile(r"(?:[^\w\s]|_){10,}")),  # """"…, ----------, ★★★★★★★★★★
    ("unbroken run of characters", re.compile(r"\S{301,}")),  # 'a'a'a'a… , a data blob, a 400-character URL
)

PIECE_CHARS = 20_000  # a longer text is parsed in pieces (most news articles are shorter and parse whole)
BATCH_CHARS = 80_000  # characters parsed at once, at most: about 300 MB of parser memory above the model
BATCH_COUNT = 32  # texts parsed at once, at most

# Where a long text may be cut, best first: the cut goes right after the last match inside the piece's limit.
PIECE_BREAKS: tuple[tuple[str, re.Pattern], ...] = (
    ("paragraph break", re.compile(r"\n\n")),
    ("line break", re.compile(r"\n")),
    ("end of a sentence", re.compile(r"[.!?…][\"”’)\]]*\s")),
    ("space", re.compile(r"\s")),
)


def parser_text(text: str) -> str:
    """`text` with every match of PARSER_BLANKS replaced by as many spaces (same length, same offsets)."""
    for _name, pattern in PARSER_BLANKS:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def pieces(text: str, limit: Optional[int] = None) -> list[str]:
    """`text` as consecutive pieces of at most `limit` (default PIECE_CHARS) characters that join back into it:
    cut after the last paragraph break within the limit, else the last line break, sentence end or space, else
    at the limit."""
    limit = limit or PIECE_CHARS
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((m.end() for _name, pattern in PIECE_BREAKS for m in _last(pattern, window)), limit)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def _last(pattern: re.Pattern, window: str) -> list[re.Match]:
    """The last match of `pattern` in `window` (as a list of none or one)."""
    return list(deque(pattern.finditer(window), maxlen=1))


def batches(texts: Iterable[str], max_count: Optional[int] = None,
            max_chars: Optional[int] = None) -> Iterator[list[str]]:
    """`texts` in order, grouped: a group holds at most `max_count` texts (default BATCH_COUNT) and `max_chars`
    characters (default BATCH_CHARS; a longer text is a group of its own)."""
    max_count, max_chars = max_count or BATCH_COUNT, max_chars or BATCH_CHARS
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) >= max_count or size + len(text) > max_chars):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group
