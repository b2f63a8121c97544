"""The sentence rows of an article: each sentence's sentiment (`lib.extract.sentiment`), whether it is about the
talks, its stance cue and its voice, as the `Sentence` records the store keeps and the article score reads."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from lib.extract.doctext import doc_text
from lib.extract.sentiment import sentence_scores
from lib.extract.stance.cues import sentence_cue
from lib.extract.stance.voice import QUOTED_SHARE, quote_ranges, quoted_share
from lib.extract.text import paragraph_of, paragraph_spans
from lib.records import Quote, Sentence


def sentence_rows(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Sentence]:
    """One `Sentence` per non-blank sentence: offsets into doc.text (whitespace trimmed), paragraph index, raw and
    adjusted sentiment, whether it is about the talks, its stance cue (`sentence_cue`) and its voice:
    "quoted" when more than half its words lie inside a span of `quotes` (or, when `quotes` is empty, between
    quotation marks in the text), else "outlet"."""
    text = doc_text(doc)
    paragraphs = paragraph_spans(text)
    ranges = quote_ranges(doc, quotes)
    rows = []
    for k, (span, sc) in enumerate(sentence_scores(doc)):
        raw = text[span.start_char:span.end_char]  # span.text, without rebuilding it from the tokens
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        end = span.end_char - (len(raw) - len(raw.rstrip()))
        about, cue = sentence_cue(span)
        voice = "quoted" if quoted_share(span, ranges) > QUOTED_SHARE else "outlet"
        rows.append(Sentence(index=k, start_char=start, end_char=end, paragraph=paragraph_of(start, paragraphs),
                             text=text[start:end], polarity=round(sc.polarity, 4),
                             subjectivity=round(sc.subjectivity, 4), polarity_adjusted=round(sc.adjusted, 4),
                             about_talks=about, stance_cue=round(cue, 4), voice=voice))
    return rows


