"""One article and its parsed Doc -> one Analysis. Pure: no I/O, no globals, so the CLI, the dashboard and a
Dask worker all call the same function. Bump ANALYSIS_VERSION whenever an extractor's output changes: stored
analyses of an older version are redone on the next ingest."""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from lib.entities import extract_entities
from lib.figures import extract_figures
from lib.loader import word_count
from lib.quotes import extract_quotes
from lib.records import Analysis, Article
from lib.sentiment import paragraph_rows, score_text, sentence_rows
from lib.stance import score_stance

ANALYSIS_VERSION = 1


def analyse(article: Article, doc: Doc) -> Analysis:
    """Every extractor on the one parsed Doc of `article`."""
    found_quotes = extract_quotes(doc)
    scored_quotes = []
    for quote in found_quotes:
        polarity, subjectivity, adjusted = score_text(quote.quote)
        scored_quotes.append(dataclasses.replace(quote, polarity=polarity, subjectivity=subjectivity,
                                                 polarity_adjusted=adjusted))
    sents = sentence_rows(doc, scored_quotes)
    stance = score_stance(doc, sents, scored_quotes, title=article.title)
    polarity, subjectivity, adjusted = score_text(article.text)
    return Analysis(
        article_id=article.article_id, analysis_version=ANALYSIS_VERSION, n_words=word_count(article.text),
        polarity=polarity, subjectivity=subjectivity, polarity_adjusted=adjusted, stance=stance,
        quotes=tuple(scored_quotes), figures=tuple(extract_figures(doc, scored_quotes)), sentences=tuple(sents),
        paragraphs=tuple(paragraph_rows(doc)), entities=tuple(extract_entities(doc)),
    )

