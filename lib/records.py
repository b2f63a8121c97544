"""Typed records at the core of the analysis: Article, Quote, Figure, Sentence, Stance, Entity, Analysis.

Every extractor returns these frozen dataclasses; they turn into rows once, at the edge (the store writes
them). Character offsets always index into `Article.text`, the normalised text that is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# How a quote's speaker was found.
SPEAKER_ORIGINS = ("named", "title", "pronoun", "role", "statement", "context", "none")

STANCE_LABELS = ("hopeful", "mixed", "pessimistic", "insufficient evidence")

# The version of the analysis (lib/analyse.py): bump it whenever an extractor's output changes; stored analyses of
# an older version are redone on the next ingest. Kept here, free of spaCy, so that checking what is already
# stored (lib/ingest/pipeline.py) needs no model; re-exported as lib.analyse.ANALYSIS_VERSION.
ANALYSIS_VERSION = 9


@dataclass(frozen=True)
class Article:
    """One loaded article: its normalised text and metadata, each value with its origin."""

    article_id: str  # sha256 hex of `text`
    file: str  # path relative to the corpus folder (`a/report.txt`), an upload's base name, or a name from the URL
    text: str
    title: Optional[str] = None
    title_origin: str = "unknown"
    outlet: Optional[str] = None
    outlet_origin: str = "unknown"
    published: Optional[str] = None  # ISO YYYY-MM-DD
    published_origin: str = "unknown"
    url: Optional[str] = None
    url_origin: str = "unknown"
    author: Optional[str] = None
    language: str = "en"
    stripped: tuple[str, ...] = ()  # boilerplate lines removed from the text, kept for audit
    raw_html: Optional[str] = None  # the original HTML when the article came from a page
    warnings: tuple[str, ...] = ()  # what was dropped on the way in (a URL that does not parse, ...); not stored


@dataclass(frozen=True)
class Quote:
    """A direct quote. `spans` holds every quoted part (a split quote has two); `quote` is their joined text."""

    quote: str
    start_char: int  # start of the first quoted part (inside the marks)
    end_char: int  # end of the last quoted part
    spans: tuple[tuple[int, int], ...]
    sentence: str  # the sentence (or sentences) holding the quote
    speaker: str = ""  # as resolved within the article ("" when nobody is attributable)
    speaker_origin: str = "none"
    cue: str = ""  # the speech verb or phrase ("said", "according to", ":")
    fragment: bool = False  # quoted words that are nobody's statement: a scare quote, a title, a name
    partial: bool = False  # a speaker's words lifted into the writer's sentence (five words or more)
    paragraph: int = 0
    polarity: float = 0.0
    subjectivity: float = 0.0
    polarity_adjusted: float = 0.0
    stance_cue: float = 0.0  # the stance the quote's own words carry toward the talks ([-1, 1])


@dataclass(frozen=True)
class Figure:
    """A number an analyst would table, normalised, with what it counts and who gave it."""

    text: str  # the figure as written ("over 500,000")
    start_char: int
    end_char: int
    sentence: str
    category: str = "other"
    value: Optional[float] = None  # None for "tens of thousands"
    unit: str = ""
    qualifier: str = "exact"  # exact, at least, at most, approximately, range
    value_high: Optional[float] = None  # upper end of a range like 20,000-25,000
    period: str = ""
    attributed_to: str = ""
    counted: str = ""  # the noun phrase being counted ("registered Afghan refugees")
    paragraph: int = 0


@dataclass(frozen=True)
class Sentence:
    """One sentence with its raw TextBlob sentiment and the domain-adjusted polarity."""

    index: int
    start_char: int
    end_char: int
    paragraph: int
    text: str
    polarity: float = 0.0
    subjectivity: float = 0.0
    polarity_adjusted: float = 0.0
    about_talks: bool = False
    stance_cue: float = 0.0  # this sentence's contribution to the stance (signed, before weights)
    voice: str = "outlet"  # outlet (narration) or quoted


@dataclass(frozen=True)
class Stance:
    """The article's stance toward the talks, with the sentences it rests on."""

    label: str = "insufficient evidence"
    score: float = 0.0  # [-1, 1], higher = more hopeful
    n_sentences: int = 0  # sentences about the talks that carried a cue
    outlet_score: Optional[float] = None  # narration only
    quoted_score: Optional[float] = None  # quoted officials only
    evidence_hopeful: tuple[str, ...] = ()
    evidence_pessimistic: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, EVENT, FAC
    start_char: int
    end_char: int
    canonical: str = ""


@dataclass(frozen=True)
class Analysis:
    """Everything derived from one article and its parsed Doc."""

    article_id: str
    analysis_version: int
    n_words: int
    polarity: float
    subjectivity: float
    polarity_adjusted: float
    stance: Stance
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    paragraphs: tuple[dict, ...] = field(default=())  # {index, start_char, end_char, polarity, ...}
    entities: tuple[Entity, ...] = ()
    topic: str = ""  # the slug of the topic profile the analysis ran under (topics/<slug>.toml)
    topic_key: str = ""  # lib.topic.Topic.key: changes when what the analysis reads of the profile does

