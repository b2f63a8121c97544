"""Sentence, paragraph and article sentiment: TextBlob's raw score plus a domain-adjusted polarity.

TextBlob (pattern lexicon) is blind to this domain: "ceasefire", "truce", "collapsed", "treachery", "deported"
score 0, while "more" (+0.5 in "one more chance"), "first", "significant" or a headline-cased name ("Khawaja Asif
Positive Outcome") move the score for no reason. The adjusted polarity therefore:

1. starts from TextBlob's own per-word assessments (polarity = mean of the assessments, as TextBlob computes it);
2. drops assessments of masked tokens: numbers and PERSON / ORG / GPE entity tokens (figures and names carry no
   sentiment; an outlet or a person named "Positive" must not move the score);
3. drops TextBlob's assessment of every word in the domain lexicon (`lib/lexicons/sentiment_domain.csv`) and adds
   the lexicon's own polarity instead (0 = neutral: the word simply leaves the average). Negation of a lexicon word
   is read from the dependency parse (a `neg` child on the word or on the verb it completes, or a "no"/"without")
   and multiplies its polarity by -0.5, TextBlob's own negation rule;
4. averages and clips to [-1, 1].

Cost: TextBlob runs exactly once per sentence (about 1 ms). The raw and adjusted scores come from that one run.
Paragraph and article scores are aggregated from the sentence runs, weighting each sentence by its number of
assessments, which is exactly TextBlob's own mean over a longer text (bar modifiers spanning a sentence break).
Scores are cached on `doc.user_data`, so `paragraph_rows` after `sentence_rows` costs no TextBlob call; nothing
re-parses the text with spaCy.

Paragraphs are the blocks separated by a blank line (`lib.extract.text.paragraph_spans`). The sentence rows, which
add the stance cue and voice to these scores, are built in `lib.extract.stance.sentences`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text, span_text
from lib.extract.negation import negated
from lib.extract.text import INFLECTIONS, paragraph_of, paragraph_spans, stems
from lib.lazy_import import submodule

LEXICON_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "sentiment_domain.csv"
MASKED_ENTITIES = frozenset({"PERSON", "ORG", "GPE"})  # names carry no sentiment
NEGATION_FACTOR = -0.5  # TextBlob's own factor for a negated word
_INFLECTIONS = INFLECTIONS + (("d", ""),)  # the domain lexicon also matches a word without its final "d"
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.:/]*")
_STRING_NEGATORS = frozenset({"not", "no", "never", "without", "n't", "cannot", "nor"})
_CACHE_KEY = "lib.extract.sentiment"
# What TextBlob(text).sentiment_assessments runs (`textblob.en.sentiment`), imported without NLTK.
_ANALYSER = submodule("textblob", "en").sentiment


@functools.lru_cache(maxsize=1)
def domain_lexicon() -> dict[str, float]:
    """term -> polarity from the CSV (columns term, polarity, why; lines starting with # are comments; the why is
    everything after the second comma)."""
    out: dict[str, float] = {}
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("term,"):
            continue
        term, value, _why = (line.split(",", 2) + ["", ""])[:3]
        out[term.strip().lower()] = float(value)
    return out


@functools.lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    """A lowercase word and the stems an English inflection may hide (collapsed -> collapse, talks -> talk)."""
    w = word.lower().strip("'’")
    return (w,) + stems(w, _INFLECTIONS)


def _domain_value(word: str, lemma: str = "") -> Optional[float]:
    lex = domain_lexicon()
    if lemma and lemma.lower() in lex:
        return lex[lemma.lower()]
    for form in _forms(word):
        if form in lex:
            return lex[form]
    return None


def _assess(text: str) -> list[tuple[str, float, float]]:
    """TextBlob's assessments as (scored word, polarity, subjectivity); the scored word is the last of its words.

    `TextBlob(text).sentiment_assessments.assessments` is exactly `textblob.en.sentiment(text).assessments` (its
    default PatternAnalyzer), but TextBlob also lower-strips the text, runs the pattern analyser a second time for
    the polarity and builds a namedtuple class on every call; the assessments alone cost half as much."""
    return [(words[-1].lower(), float(p), float(s)) for words, p, s, _ in _ANALYSER(text).assessments]


@dataclass(frozen=True)
class _Scores:
    polarity: float
    subjectivity: float
    adjusted: float
    n_raw: int  # TextBlob assessments (the weight of this span in a longer text's raw mean)
    n_adj: int  # assessments left after masking and the domain lexicon


def _combine(raw: list[tuple[str, float, float]], drop: set[str],
             domain: list[float]) -> _Scores:
    pol = sum(p for _, p, _ in raw) / len(raw) if raw else 0.0
    subj = sum(s for _, _, s in raw) / len(raw) if raw else 0.0
    kept = [p for w, p, _ in raw if w not in drop] + domain
    adj = sum(kept) / len(kept) if kept else 0.0
    clip = lambda v: max(-1.0, min(1.0, v))  # noqa: E731
    return _Scores(clip(pol), max(0.0, min(1.0, subj)), clip(adj), len(raw), len(kept))


def _score_string(text: str) -> _Scores:
    raw = _assess(text)
    words = _WORD_RE.findall(text)
    drop: set[str] = set()
    domain: list[float] = []
    for k, w in enumerate(words):
        if w[0].isdigit():
            drop.add(w.lower())
            continue
        value = _domain_value(w)
        if value is None:
            continue
        drop.update(_forms(w))
        if value:
            flipped = any(x.lower() in _STRING_NEGATORS or x.lower().endswith("n't") for x in words[max(0, k - 3):k])
            domain.append(value * NEGATION_FACTOR if flipped else value)
    return _combine(raw, drop, domain)


def _masked(tok: Token) -> bool:
    return tok.like_num or tok.ent_type_ in MASKED_ENTITIES


def _score_span(span: Span) -> _Scores:
    raw = _assess(span_text(span))
    drop: set[str] = set()
    masked_words: set[str] = set()
    domain: list[float] = []
    for tok in span:
        if tok.is_punct or tok.is_space:
            continue
        if _masked(tok):
            masked_words.update(_forms(tok.text))
            continue
        value = _domain_value(tok.text, tok.lemma_)
        if value is None:
            continue
        drop.update(_forms(tok.text))
        if value:
            domain.append(value * NEGATION_FACTOR if negated(tok) else value)
    # A word that is masked in one place (the name "Positive") but scored elsewhere in the sentence is still
    # masked: TextBlob's assessments carry no positions. Rare, and erring toward neutral.
    return _combine(raw, drop | masked_words, domain)


def score_text(text: str) -> tuple[float, float, float]:
    """(raw TextBlob polarity, raw subjectivity, domain-adjusted polarity in [-1, 1]) of a plain text.

    Without a parse, numbers are masked and the domain lexicon applied on word forms, with negation read from the
    three preceding words; names cannot be masked here (use `sentence_rows` on a Doc for that).
    """
    s = _score_string(text)
    return s.polarity, s.subjectivity, s.adjusted


def sentence_scores(doc: Doc) -> list[tuple[Span, _Scores]]:
    """Every non-blank sentence with its scores, computed once per Doc and cached in doc.user_data."""
    n_chars = len(doc_text(doc))
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None and cached[0] == n_chars:
        return [(doc[a:b], s) for a, b, s in cached[1]]
    pairs = [(s, _score_span(s)) for s in doc.sents if span_text(s).strip()]
    doc.user_data[_CACHE_KEY] = (n_chars, [(s.start, s.end, sc) for s, sc in pairs])
    return pairs


def _aggregate(scores: Sequence[_Scores]) -> tuple[float, float, float]:
    """TextBlob's mean over a longer text, rebuilt from its sentences: each weighted by its assessment count."""
    n_raw = sum(s.n_raw for s in scores)
    n_adj = sum(s.n_adj for s in scores)
    pol = sum(s.polarity * s.n_raw for s in scores) / n_raw if n_raw else 0.0
    subj = sum(s.subjectivity * s.n_raw for s in scores) / n_raw if n_raw else 0.0
    adj = sum(s.adjusted * s.n_adj for s in scores) / n_adj if n_adj else 0.0
    return round(pol, 4), round(subj, 4), round(adj, 4)


def paragraph_rows(doc: Doc) -> list[dict]:
    """One dict per paragraph: index, start_char, end_char, polarity, subjectivity, polarity_adjusted, aggregated
    from the (cached) sentence scores of the sentences that start inside it."""
    text = doc_text(doc)
    paragraphs = paragraph_spans(text)
    groups: dict[int, list[_Scores]] = {k: [] for k in range(len(paragraphs))}
    for span, sc in sentence_scores(doc):
        raw = text[span.start_char:span.end_char]
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        groups.setdefault(paragraph_of(start, paragraphs), []).append(sc)
    rows = []
    for k, (a, b) in enumerate(paragraphs):
        pol, subj, adj = _aggregate(groups.get(k, []))
        rows.append(dict(index=k, start_char=a, end_char=b, polarity=pol, subjectivity=subj, polarity_adjusted=adj))
    return rows


def document_sentiment(doc: Doc) -> tuple[float, float, float]:
    """(polarity, subjectivity, polarity_adjusted) of the whole article, from the cached sentence scores."""
    return _aggregate([sc for _, sc in sentence_scores(doc)])


def score_doc_span(doc: Doc, start_char: int, end_char: int) -> tuple[float, float, float]:
    """`score_text` for a stretch of an already parsed Doc (a quote): same triple, but with PERSON / ORG / GPE
    tokens masked and negation read from the parse. No re-parse."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not span_text(span).strip():
        return 0.0, 0.0, 0.0
    s = _score_span(span)
    return s.polarity, s.subjectivity, s.adjusted
