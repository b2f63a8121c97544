"""The text notions the extractors share, each defined once: paragraphs (blocks between blank lines, the loader's
normalised layout), the headline (the title found at the top of the text; a headline-like paragraph), month names
and numbers, and the stems an English inflection may hide."""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

# --- Paragraphs -------------------------------------------------------------------------------------------------

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph, stripped of surrounding whitespace."""
    out, pos = [], 0
    for m in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else len(text)
    return out


def paragraph_of(start: int, paragraphs: Sequence[tuple[int, int]]) -> int:
    """The paragraph a stretch starting at `start` belongs to (the first one that ends after it)."""
    for k, (_a, b) in enumerate(paragraphs):
        if start < b:
            return k
    return max(0, len(paragraphs) - 1)


# Blank-line runs as the figure extractor counts them: any whitespace between the two line breaks, so a run of
# several blank lines (or one holding a form feed) is one break.
BLANK_LINES = re.compile(r"\n\s*\n")


def blank_line_paragraphs(text: str) -> list[str]:
    """The text cut at every run of blank lines, blank pieces included (their index is a paragraph number)."""
    return BLANK_LINES.split(text)


def blank_line_paragraph(text: str, pos: int) -> int:
    """The number of the `blank_line_paragraphs` piece that holds position `pos`."""
    return len(BLANK_LINES.findall(text[:pos]))


# --- The headline -----------------------------------------------------------------------------------------------

def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def headline_range(text: str, title: Optional[str]) -> Optional[tuple[int, int]]:
    """Where the title stands at the top of the text (within its length and 300 characters), or the first line when
    it reads the same but for spacing and case; None when the title is not in the text."""
    if not title or not title.strip():
        return None
    head = text[: len(title) + 300]
    pos = head.find(title.strip())
    if pos >= 0:
        return pos, pos + len(title.strip())
    first_line = text.split("\n", 1)[0]
    if _squeezed(first_line) == _squeezed(title):
        return 0, len(first_line)
    return None


def headline_paragraphs(text: str) -> set[int]:
    """Paragraphs (`blank_line_paragraphs` numbers) that read as a headline: the first, when it has no final full
    stop or is short, and any other one-line paragraph without a final full stop (a cross-head)."""
    out = set()
    for k, para in enumerate(blank_line_paragraphs(text)):
        para = para.strip()
        if not para:
            continue
        no_stop = not para.rstrip("\"'”’)").endswith((".", "!", "?"))
        short = len(para.split())
        if (k == 0 and (no_stop or short <= 12)) or (no_stop and "\n" not in para and short <= 20):
            out.add(k)
    return out


# --- Months -----------------------------------------------------------------------------------------------------

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# Full name, three-letter abbreviation and "sept" -> month number.
MONTH_NUMBERS: dict[str, int] = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
MONTH_NUMBERS.update({m[:3]: i for m, i in list(MONTH_NUMBERS.items())})
MONTH_NUMBERS["sept"] = 9
# Every written month as it stands capitalised in prose ("January", "Jan", "Sept").
MONTH_WORDS = tuple(m.capitalize() for m in MONTH_NUMBERS)


# --- Stems ------------------------------------------------------------------------------------------------------

# The suffixes an inflection adds, with what stood before them, tried in order (collapsed -> collapse, talks -> talk).
INFLECTIONS = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", ""), ("ing", "e"))


@functools.lru_cache(maxsize=65536)
def stems(word: str, inflections: tuple[tuple[str, str], ...] = INFLECTIONS) -> tuple[str, ...]:
    """The stems a lowercase word's inflection may hide, in `inflections` order (the word itself not included)."""
    return tuple(word[: -len(suffix)] + repl for suffix, repl in inflections
                 if word.endswith(suffix) and len(word) > len(suffix) + 2)
