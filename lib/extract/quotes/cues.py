"""The speech cues around a quote: reporting verbs, the punctuation that introduces a quote, the verb right after
its closing mark, and where a quote opens in its sentence. Read off the parse; no decision about kind or speaker.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from lib.lexicons.reporting import (
    ATTRIBUTION_PHRASES,
    DOCUMENT_SPEECH_VERBS,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
    reporting_lemma,
)

# How far (in tokens) after a closing mark a speech verb still introduces the quote (`,” one senior official said`).
CUE_AFTER_WINDOW = 6
INTRODUCING_PUNCT = (":", ",", "—", "–")
# What may stand between a closing mark and its speech verb: punctuation and the speaker's noun phrase
# (`,” the senior official said`), never a conjunction or another verb (`,” and warned`).
SUBJECT_PHRASE_POS = frozenset({"PUNCT", "DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})
# Dependents that tie the word before an opening mark to a noun inside the quote: the quote opens in the middle of
# the writer's noun phrase (`that a "treaty has been finalised"`), so it is a lifted piece of reported speech.
MID_PHRASE_DEPS = frozenset({"det", "predet", "poss", "amod", "nummod", "compound"})


def is_speech_verb(token: Token) -> bool:
    """A reporting verb ("said", "warned"); also when the tagger took it for an auxiliary ("Dar said, …" parsed
    with "said" as AUX): the lemma and a verb tag decide, the coarse part of speech may be wrong."""
    if _is_document_speech(token):
        return True
    if token.pos_ == "VERB":
        return token.lemma_.lower() in REPORTING_VERBS
    return token.tag_.startswith("VB") and bool(reporting_lemma(token.text))


def _is_document_speech(token: Token) -> bool:
    """`“…,” the RSF statement read`: a verb of DOCUMENT_SPEECH_VERBS whose subject is a document
    (lib.lexicons.reporting.STATEMENT_NOUNS); the tagger often takes the last word for a noun, the parse still
    gives it the subject."""
    low = token.lower_
    if low not in DOCUMENT_SPEECH_VERBS and not (low.endswith("s") and low[:-1] in DOCUMENT_SPEECH_VERBS):
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in STATEMENT_NOUNS for c in token.children)


def is_cue_token(token: Token) -> bool:
    low = token.text.lower()
    if is_speech_verb(token):
        return True
    return low == "according" or low in ATTRIBUTION_PHRASES and token.pos_ in ("ADP", "VERB", "SCONJ")



def starts_mid_phrase(doc: Doc, open_token: int, inside: set[int], inside_quote: list[bool]) -> bool:
    """The word right before the opening mark is a determiner or modifier of a word inside the quote."""
    j = open_token - 1
    if j < 0 or inside_quote[j] or doc[j].is_punct:
        return False
    return doc[j].dep_ in MID_PHRASE_DEPS and doc[j].head.i in inside


def first_word(sent) -> int:
    """The index of the sentence's first word (a token that is alphabetic, not punctuation nor space), or the
    sentence's end when it has none: a quote opening at or before it opens its sentence (nothing but
    punctuation or a bullet stands between the sentence start and the opening mark)."""
    for t in sent:
        if t.is_alpha and not t.is_punct and not t.is_space:
            return t.i
    return sent.end


def find_introducer(doc: Doc, text: str, open_at: int, open_token: int, inside_quote: list[bool]) -> Optional[Token]:
    """The punctuation that introduces a quote (`said, “`, `warning: “`, `— “`), or None."""
    before = text[:open_at].rstrip()
    if not before.endswith(INTRODUCING_PUNCT):
        return None
    j = open_token - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or not doc[j].is_punct or inside_quote[j]:
        return None
    punct = doc[j]
    if punct.text == ",":  # a comma introduces only after a speech verb (`stating, “`), not in a list
        prev = doc[j - 1] if j > 0 else None
        if prev is None or not (is_speech_verb(prev)):
            return None
    return punct


def find_cue_after(doc: Doc, close_token: int, inside_quote: list[bool]) -> Optional[Token]:
    """A speech verb right after the closing mark (`,” he said`, `,” said Asif`, `,” the statement noted`)."""
    for i in range(close_token + 1, min(len(doc), close_token + 1 + CUE_AFTER_WINDOW)):
        token = doc[i]
        if inside_quote[i] or token.text in (".", ":", "“", "\"") or "\n" in token.text:
            return None
        if is_speech_verb(token):
            return token
        if token.pos_ not in SUBJECT_PHRASE_POS:
            return None
    return None
