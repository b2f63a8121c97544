"""TextBlob sentiment per sentence (first version: the stance issue adds the domain lexicon)."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc
from textblob import TextBlob

from lib.records import Quote, Sentence


def score_text(text: str) -> tuple[float, float, float]:
    """(raw polarity, raw subjectivity, domain-adjusted polarity) of a text span."""
    s = TextBlob(text).sentiment
    return float(s.polarity), float(s.subjectivity), float(s.polarity)


def sentence_rows(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Sentence]:
    rows = []
    for i, sent in enumerate(s for s in doc.sents if s.text.strip()):
        pol, subj, adj = score_text(sent.text)
        rows.append(Sentence(index=i, start_char=sent.start_char, end_char=sent.end_char, paragraph=0,
                             text=sent.text.strip(), polarity=pol, subjectivity=subj, polarity_adjusted=adj))
    return rows


def paragraph_rows(doc: Doc) -> list[dict]:
    return []
