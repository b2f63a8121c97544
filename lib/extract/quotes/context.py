"""What finding quotes reads of one article, looked up once (`ArticleQuotes`): the text and its quoted spans, which
tokens stand inside quotes, sentences, their first words and paragraphs, the speech-cue tokens, the article's
speakers; the quotes found so far. And what the steps after classifying read of one quote (`QuoteAt`).

Looked up once per article, not once per quote: a sentence of thousands of tokens holding thousands of quotes
(hostile input) must not make each quote scan the whole sentence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from lib.extract.quotes import cues
from lib.extract.quotes.attributor import Attribution, Attributor
from lib.extract.quotes.spans import QuotedSpan, QuoteGroup, paragraph_bounds
from lib.extract.speakers import ArticleSpeakers
from lib.records import Quote


@dataclass
class ArticleQuotes:
    """One article's lookups for its quotes, and the quotes found so far (a quote may take its speaker from the
    quote before it)."""

    doc: Doc
    text: str
    token_starts: list[int]
    inside_quote: list[bool]
    sentences: list
    sentence_of: list[int]
    first_words: list[int]
    paragraphs: list[tuple[int, int]]
    speakers: ArticleSpeakers
    attributor: Attributor
    cue_tokens: list[int]  # indices of the speech-cue tokens outside quotes, in order
    quotes: list[Quote] = field(default_factory=list)
    # per quote found: its attribution, its first and last sentence
    attributions: list[tuple[Attribution, int, int]] = field(default_factory=list)

    @classmethod
    def read(cls, doc: Doc, text: str, spans: list[QuotedSpan]) -> ArticleQuotes:
        token_starts = doc.to_array(IDX).tolist() if len(doc) else []
        inside_quote = [False] * len(doc)
        for span in spans:
            for i in range(_token_at(token_starts, span.start), len(doc)):
                if token_starts[i] >= span.end:
                    break
                if token_starts[i] >= span.start:
                    inside_quote[i] = True
        sentences = list(doc.sents)
        sentence_of = [0] * len(doc)
        for index, sent in enumerate(sentences):
            for i in range(sent.start, sent.end):
                sentence_of[i] = index
        speakers = ArticleSpeakers(doc, inside_quote, sentence_of)
        return cls(
            doc=doc, text=text, token_starts=token_starts, inside_quote=inside_quote, sentences=sentences,
            sentence_of=sentence_of, first_words=[cues.first_word(sent) for sent in sentences],
            paragraphs=paragraph_bounds(text), speakers=speakers,
            attributor=Attributor(doc, speakers, inside_quote),
            cue_tokens=[i for i in range(len(doc)) if not inside_quote[i] and cues.is_cue_token(doc[i])])

    def token_at(self, char: int) -> int:
        """The index of the token at (or last starting before) character `char`."""
        return _token_at(self.token_starts, char)

    def opens_sentence(self, token: int) -> bool:
        """Nothing but punctuation or a bullet stands between the sentence start and token `token`."""
        return token <= self.first_words[self.sentence_of[token]]

    def opens_sentence_at(self, char: int) -> bool:
        return self.opens_sentence(self.token_at(char))


def _token_at(token_starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(token_starts, char) - 1)


@dataclass(frozen=True)
class QuoteAt:
    """One quoted group placed in its article: its tokens, marks, cues, kind and sentences."""

    group: QuoteGroup
    tokens: list[Token]
    open_token: int
    close_token: int
    introducer: Optional[Token]  # the punctuation that introduces it (`said, “`, `warning: “`, `— “`)
    cue_after: Optional[Token]  # a speech verb right after its closing mark (`,” he said`)
    kind: str  # full, partial or fragment (lib/extract/quotes/kinds.py)
    kind_rule: str  # the name of the kind rule that decided
    first_sentence: int
    last_sentence: int  # the sentence of the cue after it, when there is one
    frame_last: int  # the last sentence of its frame (its own last sentence, or the cue's)
