"""One article and its parsed Doc -> one Analysis. Pure: no I/O, no globals, so the CLI, the dashboard and a
Dask worker all call the same function. Bump ANALYSIS_VERSION (defined in lib/records.py, re-exported here)
whenever an extractor's output changes: stored analyses of an older version are redone on the next ingest."""
from __future__ import annotations

import dataclasses
from typing import Optional

from spacy.tokens import Doc

from lib.extract.doctext import doc_text
from lib.extract.entities import extract_entities
from lib.extract.figures import extract_figures
from lib.extract.sentiment import document_sentiment, paragraph_rows, score_doc_span
from lib.extract.stance import quote_cue, score_stance, sentence_rows, title_needs_parse
from lib.ingest.loader import word_count
from lib.extract.quotes import extract_quotes
from lib.records import (
    ANALYSIS_VERSION as ANALYSIS_VERSION,  # re-exported; the one number lives in lib.records
)
from lib.records import Analysis, Article
from lib.topic import Topic, using_topic


def analyse(article: Article, doc: Doc, topic: Optional[Topic] = None, title_doc: Optional[Doc] = None) -> Analysis:
    """Every extractor on the one parsed Doc of `article`, under `topic` (the default profile when None).
    `title_doc` is the article's title parsed apart, which the stance reads when `needs_title_doc` says so."""
    with using_topic(topic) as in_force:
        return _analyse(article, doc, in_force, title_doc)


def needs_title_doc(article: Article, doc: Doc) -> bool:
    """Whether `analyse` reads the title parsed apart: it is not found at the top of the article's text."""
    return title_needs_parse(doc_text(doc), article.title)


def _analyse(article: Article, doc: Doc, topic: Topic, title_doc: Optional[Doc]) -> Analysis:
    scored_quotes = [_with_sentiment(doc, quote) for quote in extract_quotes(doc)]
    sents = sentence_rows(doc, scored_quotes)
    stance = score_stance(doc, sents, scored_quotes, title=article.title, published=article.published,
                          title_doc=title_doc)
    # From the sentence scores TextBlob already computed: the whole text is not scored a second time.
    polarity, subjectivity, adjusted = document_sentiment(doc)
    return Analysis(
        article_id=article.article_id, analysis_version=ANALYSIS_VERSION, n_words=word_count(article.text),
        polarity=polarity, subjectivity=subjectivity, polarity_adjusted=adjusted, stance=stance,
        quotes=tuple(scored_quotes), figures=tuple(extract_figures(doc, scored_quotes)), sentences=tuple(sents),
        paragraphs=tuple(paragraph_rows(doc)), entities=tuple(extract_entities(doc)),
        topic=topic.slug, topic_key=topic.key,
    )



def _with_sentiment(doc: Doc, quote):
    """The quote with its sentiment (each quoted part scored on the parsed Doc, names masked, weighted by
    length so a split quote's attribution in the middle does not count) and its stance cue."""
    parts = [(b - a, score_doc_span(doc, a, b)) for a, b in (quote.spans or ((quote.start_char, quote.end_char),))]
    total = sum(n for n, _ in parts) or 1
    polarity, subjectivity, adjusted = (round(sum(n * s[i] for n, s in parts) / total, 4) for i in range(3))
    return dataclasses.replace(quote, polarity=polarity, subjectivity=subjectivity, polarity_adjusted=adjusted,
                               stance_cue=quote_cue(doc, quote))
