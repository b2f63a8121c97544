"""The entry point: every direct quote and scare-quote fragment of one parsed article (`extract_quotes`). Reads the
Doc it is given and never parses again: spans found, grouped, classified, attributed, made `Quote` records."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from lib.extract.doctext import doc_text
from lib.extract.quotes.attribution import attribute
from lib.extract.quotes.context import ArticleQuotes, QuoteAt
from lib.extract.quotes.cues import find_cue_after, find_introducer, starts_mid_phrase
from lib.extract.quotes.kinds import FRAGMENT, PARTIAL, classify_quote, quote_shape
from lib.extract.quotes.spans import QuoteGroup, group_spans, quoted_spans, tokens_between
from lib.records import Quote


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every direct quote and scare-quote fragment in `doc`, speakers resolved within the article."""
    text = doc_text(doc)
    spans = quoted_spans(text)
    if not spans or len(doc) == 0:
        return []
    article = ArticleQuotes.read(doc, text, spans)
    for group in group_spans(text, spans, doc, article.token_at, article.opens_sentence_at):
        at = quote_at(article, group)
        if at is None:
            continue
        attribution, _rule = attribute(article, at)
        article.quotes.append(_quote(article, at, attribution))
        article.attributions.append((attribution, at.first_sentence, at.frame_last))
    return article.quotes


def quote_at(article: ArticleQuotes, group: QuoteGroup) -> Optional[QuoteAt]:
    """The group placed in its article and classified; None when no token stands inside its marks."""
    doc, text, sentence_of = article.doc, article.text, article.sentence_of
    tokens = [t for part in group.parts for t in tokens_between(doc, article.token_at, part.start, part.end)]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    open_token = article.token_at(group.first.open_at)
    close_token = article.token_at(group.last.close_at) if group.last.close_at is not None else tokens[-1].i
    introducer = find_introducer(doc, text, group.first.open_at, open_token, article.inside_quote)
    cue_after = find_cue_after(doc, close_token, article.inside_quote)
    # `“…,” he said` shows speech only when the quote opens its sentence; after words of the writer's own
    # (`… risk “repeating the mistakes”, analysts say`) the cue attributes the whole sentence.
    opens_sentence = article.opens_sentence(open_token)
    kind, rule = classify_quote(quote_shape(
        group, tokens, inside, text, article.paragraphs,
        introduced=introducer is not None or cue_after is not None and opens_sentence,
        embedded=introducer is None and not opens_sentence,
        opens_mid_phrase=starts_mid_phrase(doc, open_token, inside, article.inside_quote)))
    last_sentence = sentence_of[min(close_token + 1, len(doc) - 1)] if cue_after is not None \
        else sentence_of[close_token]
    return QuoteAt(group=group, tokens=tokens, open_token=open_token, close_token=close_token,
                   introducer=introducer, cue_after=cue_after, kind=kind, kind_rule=rule,
                   first_sentence=sentence_of[open_token], last_sentence=last_sentence,
                   frame_last=max(last_sentence, sentence_of[close_token]))


def _quote(article: ArticleQuotes, at: QuoteAt, attribution) -> Quote:
    text, group = article.text, at.group
    frame_start = article.sentences[at.first_sentence].start_char
    frame_end = article.sentences[at.frame_last].end_char
    named = bool(attribution.speaker.name)
    return Quote(
        quote=" ".join(text[p.start:p.end] for p in group.parts),
        start_char=group.first.start,
        end_char=group.last.end,
        spans=tuple((p.start, p.end) for p in group.parts),
        sentence=text[frame_start:frame_end].strip(),
        speaker=attribution.speaker.name,
        speaker_origin=attribution.speaker.origin if named else "none",
        cue=attribution.cue if named else "",
        fragment=at.kind == FRAGMENT,
        partial=at.kind == PARTIAL,
        paragraph=group.first.paragraph,
    )
