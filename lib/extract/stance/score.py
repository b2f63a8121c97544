"""The article's stance (rules 6-10 and G3): sentences weighted by position and voice, repeated and echoed lines
counted once, background sentences discounted, the shrunk weighted mean labelled, with its evidence; a quote's cue."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span

from lib.extract.doctext import doc_text
from lib.extract.sentiment import score_text
from lib.extract.stance.cues import sentence_cue, sentence_cues
from lib.extract.stance.sentences import sentence_rows
from lib.extract.stance.voice import is_attributed
from lib.extract.stance.words import _keys, _sentence_bounds, _token_arrays
from lib.extract.text import MONTH_NUMBERS, headline_range
from lib.lexicons import stance as L
from lib.records import Quote, Sentence, Stance


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    cue: float
    weight: float  # position x voice
    voice: str  # outlet or quoted (attributed speech counts as quoted)
    position: str  # headline, lead, body


def title_needs_parse(text: str, title: Optional[str]) -> bool:
    """Whether the stance reads the title apart from the text: a title not found at the top of the text is parsed
    by the caller (as the article is: `lib.ingest.nlp.parse`) and scored as an extra headline sentence."""
    return bool(title and title.strip()) and headline_range(text, title) is None


def _title_sentence(title: str, title_doc: Doc, talk: Optional[list[tuple[float, float]]]) \
        -> Optional[ScoredSentence]:
    """The parsed title scored as a headline sentence (None without a cue); its sentiment joins `talk`."""
    about, cue = sentence_cue(title_doc[:])
    if about and talk is not None:
        talk.append((score_text(title.strip())[2], L.HEADLINE_WEIGHT))
    if not (about and cue):
        return None
    voice = "quoted" if is_attributed(title_doc[:]) else "outlet"
    return ScoredSentence(title.strip(), cue, _weight("headline", voice), voice, "headline")


def scored_sentences(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                     title: Optional[str] = None,
                     talk: Optional[list[tuple[float, float]]] = None,
                     published: Optional[str] = None, title_doc: Optional[Doc] = None) -> list[ScoredSentence]:
    """Each cue-bearing talk sentence with its cue, position and voice weight (the inputs of the article score).
    When a `talk` list is given, (domain-adjusted sentiment, position x voice weight) of every distinct talk
    sentence, cue or not, is appended to it (the fallback's input). `title_doc` is the parsed title, read when the
    title is not in the text (`title_needs_parse`); without it such a title is not scored."""
    rows = list(sentences) or sentence_rows(doc, quotes)
    headline = headline_range(doc_text(doc), title)
    out: list[ScoredSentence] = []
    seen: set[str] = set()
    lead_left = L.LEAD_SENTENCES
    head_words: set[tuple[str, ...]] = set()  # content words of a headline that carries a cue
    head_cue = 0.0
    if title and headline is None:  # the title is not in the text: its own parse is scored on its own
        scored = _title_sentence(title, title_doc, talk) if title_doc is not None else None
        if scored is not None:
            head_words, head_cue = _content_lemmas(title_doc[:]), scored.cue
            out.append(scored)
        seen.add(re.sub(r"\W+", " ", title).strip().lower())
    for row in rows:
        key = re.sub(r"\W+", " ", row.text).strip().lower()
        if not key or key in seen:  # a repeated line (title printed twice) counts once
            continue
        seen.add(key)
        if headline and row.start_char < headline[1] and row.end_char > headline[0]:
            position = "headline"
        elif lead_left > 0 and len(row.text.split()) >= L.LEAD_MIN_WORDS:
            position = "lead"
            lead_left -= 1
        else:
            position = "body"
        if row.about_talks and talk is not None:
            talk.append((row.polarity_adjusted, _weight(position, row.voice)))
        if not row.about_talks or not row.stance_cue:
            continue
        span = doc.char_span(row.start_char, row.end_char, alignment_mode="expand")
        if position == "headline" and span is not None:
            head_words, head_cue = head_words | _content_lemmas(span), row.stance_cue
        elif position == "lead" and span is not None and head_cue * row.stance_cue > 0 \
                and _echoes(head_words, _content_lemmas(span)):
            continue  # the lead restates the headline: the statement counts once, as the headline
        attributed = span is not None and is_attributed(span)
        voice = "quoted" if row.voice == "quoted" or attributed else "outlet"
        weight = _weight(position, voice)
        if position == "body" and is_background(row.text, published):
            weight *= L.BACKGROUND_FACTOR  # "on October 19 the two sides agreed", in a story of 28 October
        out.append(ScoredSentence(row.text, row.stance_cue, weight, voice, position))
    return out


def _weight(position: str, voice: str) -> float:
    """A sentence's weight: its position (headline, lead, body) times its voice (quoted, outlet)."""
    return {"headline": L.HEADLINE_WEIGHT, "lead": L.LEAD_WEIGHT}.get(position, 1.0) * \
        (L.QUOTED_WEIGHT if voice == "quoted" else L.OUTLET_WEIGHT)


_DAY_MONTH_RE = re.compile(r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Z][a-z]{2,8})\.?"
                           r"|(?P<m2>[A-Z][a-z]{2,8})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)"
                           r"(?:,?\s+(?P<y>20\d\d))?")


def sentence_dates(text: str, published: date) -> list[date]:
    """The calendar days a sentence names ("October 19", "Oct. 30", "7 November 2025"); a day without a year takes
    the publication's year (the year before when that would put it after publication)."""
    days = []
    for m in _DAY_MONTH_RE.finditer(text):
        month = MONTH_NUMBERS.get((m.group("m1") or m.group("m2") or "")[:3].lower())
        if month is None:
            continue
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else published.year
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if not m.group("y") and found > published:
            try:
                found = date(year - 1, month, day)
            except ValueError:
                continue
        days.append(found)
    return days


def is_background(text: str, published: Optional[str]) -> bool:
    """A sentence about an earlier stage of the story: every day it names is at least BACKGROUND_DAYS before the
    publication date (unknown date, or no day named: not background)."""
    if not published:
        return False
    try:
        pub = date.fromisoformat(str(published)[:10])
    except ValueError:
        return False
    days = sentence_dates(text, pub)
    return bool(days) and all((pub - d).days >= L.BACKGROUND_DAYS for d in days)


def _content_lemmas(span: Span) -> set[tuple[str, ...]]:
    """The content words of a span, each as its lemma and word-form stems (`_keys`: a Title-Case headline's
    "talks" may be parsed as a verb or an auxiliary)."""
    return {_keys(t) for t in span if t.is_alpha and not t.is_stop and len(t.text) > 1
            and t.pos_ not in ("ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM")}


def _echoes(head: set[tuple[str, ...]], lead: set[tuple[str, ...]]) -> bool:
    """The lead holds at least HEADLINE_ECHO_SHARE of the headline's content words (and HEADLINE_ECHO_MIN_WORDS)."""
    lead_keys = {k for keys in lead for k in keys}
    shared = sum(1 for keys in head if any(k in lead_keys for k in keys))
    return bool(head) and shared >= L.HEADLINE_ECHO_MIN_WORDS and shared >= L.HEADLINE_ECHO_SHARE * len(head)


def _mean(items: Iterable[ScoredSentence]) -> Optional[float]:
    items = list(items)
    total = sum(s.weight for s in items)
    if not items or total <= 0:
        return None
    return sum(s.weight * s.cue for s in items) / total


def score_stance(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                 title: Optional[str] = None, published: Optional[str] = None,
                 title_doc: Optional[Doc] = None) -> Stance:
    """The article's stance toward the talks (see the package docstring for the method and thresholds).

    `sentences` are the rows from `lib.extract.stance.sentence_rows` (their `about_talks`, `stance_cue` and `voice`
    are used); when empty they are built from `doc`. `quotes` only matter in that fallback. `title_doc` is the
    parsed title, needed only when `title_needs_parse` says so.
    """
    talk: list[tuple[float, float]] = []
    scored = scored_sentences(doc, sentences, quotes, title, talk=talk, published=published, title_doc=title_doc)
    n = len(scored)
    strength = sum(s.weight * abs(s.cue) for s in scored)
    outlet = _mean(s for s in scored if s.voice == "outlet")
    quoted = _mean(s for s in scored if s.voice == "quoted")
    pos = sorted((s for s in scored if s.cue > 0), key=lambda s: -s.weight * s.cue)
    neg = sorted((s for s in scored if s.cue < 0), key=lambda s: s.weight * s.cue)
    evidence = dict(evidence_hopeful=tuple(s.text for s in pos[: L.EVIDENCE_TOP]),
                    evidence_pessimistic=tuple(s.text for s in neg[: L.EVIDENCE_TOP]))
    rnd = lambda v: None if v is None else round(v, 4)  # noqa: E731
    single = n == 1 and strength >= L.SINGLE_SENTENCE_MIN_WEIGHT  # a headline with a clear cue
    if (n < L.MIN_EVIDENCE_SENTENCES and not single) or strength < L.MIN_EVIDENCE_WEIGHT:
        if len(talk) < L.FALLBACK_MIN_TALK_SENTENCES:
            return Stance(label="insufficient evidence", score=0.0, n_sentences=n, outlet_score=rnd(outlet),
                          quoted_score=rnd(quoted), **evidence)
        # G3 fallback: thin cue evidence, but the article is about the talks: blend in their sentiment
        cue_score = (_mean(scored) or 0.0) * n / (n + L.SHRINK)
        total_w = sum(w for _, w in talk)
        sentiment = sum(p * w for p, w in talk) / total_w if total_w > 0 else 0.0
        score = (1 - L.FALLBACK_WEIGHT) * cue_score + L.FALLBACK_WEIGHT * sentiment
        score = max(-1.0, min(1.0, score))
        return Stance(label=stance_label(score), score=round(score, 4), n_sentences=n, outlet_score=rnd(outlet),
                      quoted_score=rnd(quoted), **evidence)
    score = _mean(scored) * n / (n + L.SHRINK)
    score = max(-1.0, min(1.0, score))
    label = stance_label(score)
    return Stance(label=label, score=round(score, 4), n_sentences=n, outlet_score=rnd(outlet),
                  quoted_score=rnd(quoted), **evidence)


def stance_label(score: float) -> str:
    """hopeful / mixed / pessimistic from a score (evidence already checked)."""
    if score >= L.HOPEFUL_MIN:
        return "hopeful"
    if score <= L.PESSIMISTIC_MAX:
        return "pessimistic"
    return "mixed"


def quote_cue(doc: Doc, quote: Quote) -> float:
    """The stance cue carried by a quote's own words: cues of the sentence(s) holding it (negation, hedges and
    contrast read on the whole sentence) that fall inside the quote's spans, summed and clipped to [-1, 1].
    For a per-speaker stance (`lib.sources.speaker_stance` reads a `stance_cue` column when present)."""
    spans = quote.spans or ((quote.start_char, quote.end_char),)
    offsets = _token_arrays(doc)[4]
    bounds = _sentence_bounds(doc)
    sents = {}
    for a, b in spans:
        # the tokens starting inside [a, b), in order, and the sentence of each (as Token.sent gives it)
        for i in range(bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)):
            start, end = bounds[i]
            if start not in sents:
                sents[start] = doc[start:end]
    total = 0.0
    for sent in sents.values():
        for cue in sentence_cues(sent):
            idx = offsets[cue.i]
            if any(a <= idx < b for a, b in spans):
                total += cue.value
    return max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))
