"""Step 3 of finding quotes: the kind of a quoted group, full quote, partial quote or fragment, decided by an
ordered table of named rules (`QUOTE_KIND_RULES`) over a `QuoteShape` read off the parse once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Token

from lib.extract.quotes.spans import QuoteGroup
from lib.extract.speakers import is_headline_like

# Fragment rules: fewer words than this is always a fragment (a scare quote); a quoted span with its own subject
# and verb, or one introduced by a speech cue, is a quote from this many words; an embedded span with neither is
# a (partial) quote from MIN_PARTIAL_QUOTE_WORDS: a speaker's words lifted into the writer's sentence.
MIN_QUOTE_WORDS = 3
MIN_INTRODUCED_QUOTE_WORDS = 4
MIN_PARTIAL_QUOTE_WORDS = 5
# Share of capitalised words above which a short quoted span is a title ("Afghans Support Pakistan’s Stance").
TITLE_CASE_SHARE = 0.6
# ... and a name that ends on a comma or full stop (American punctuation: “Agreement on Establishment of Peace and
# Inter-State relations,”) when this share of its content words is capitalised and it has no finite verb (a
# sentence has one: “Harboring the TTP now could isolate Kabul,”).
TITLE_BEFORE_COMMA_SHARE = 0.75
FINITE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
MAX_TITLE_WORDS = 12
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A subject-verb pair under one of these heads is a modifier of a quoted noun ("peace that lasts"), not a clause.
NON_CLAUSE_HEAD_DEPS = frozenset({"relcl", "acl", "amod"})
# Words that introduce a quoted span as the name of a thing (`the so-called “Quad”`, `an operation dubbed “…”`).
NAMING_CUE_BEFORE = re.compile(
    r"\b(so-called|so called|dubbed|titled|entitled|nicknamed|code-?named|known as|named)\s+(the\s+|a\s+|an\s+)?$",
    re.I)


FULL, PARTIAL, FRAGMENT = "full", "partial", "fragment"


@dataclass(frozen=True)
class QuoteShape:
    """What classifying a quoted group looks at, read off the parse once."""

    words: int  # words and numbers inside the marks
    in_headline: bool  # the quote stands in a headline or subhead (a line without final punctuation)
    across_paragraphs: bool  # carried over a paragraph break
    title_case: bool  # a short span in title case that does not end a sentence: a title
    named: bool  # introduced as a name ("so-called", "dubbed", "known as")
    opens_mid_phrase: bool  # opens inside the writer's noun phrase (`warned of a “dangerous …”`)
    has_clause: bool  # the quote's own main verb has its subject inside the marks
    introduced: bool  # a speech cue introduces it (`said: “`, `— “`) or follows it at a sentence start
    embedded: bool  # opens inside the writer's sentence, with no introducing punctuation


# Ordered rules: the first that applies gives the kind of a quoted group (`classify_quote` names it). A partial
# quote is a speaker's words lifted into the writer's sentence; a fragment is nobody's statement (a scare quote,
# a title, a name).
QUOTE_KIND_RULES: tuple[tuple[str, Callable[[QuoteShape], bool], str], ...] = (
    ("fewer than three words", lambda q: q.words < MIN_QUOTE_WORDS, FRAGMENT),
    ("a few words of a headline",
     lambda q: q.in_headline and not q.across_paragraphs and q.words < MIN_PARTIAL_QUOTE_WORDS, FRAGMENT),
    ("carried across paragraphs", lambda q: q.across_paragraphs and q.words >= MIN_INTRODUCED_QUOTE_WORDS, FULL),
    ("short and carried across paragraphs", lambda q: q.across_paragraphs, FRAGMENT),
    ("a title in title case", lambda q: q.title_case, FRAGMENT),
    ("introduced as a name", lambda q: q.named, FRAGMENT),
    ("lifted from the writer's phrase",
     lambda q: q.opens_mid_phrase and q.words >= MIN_PARTIAL_QUOTE_WORDS, PARTIAL),
    ("a few words of the writer's phrase", lambda q: q.opens_mid_phrase, FRAGMENT),
    ("a clause inside the writer's sentence", lambda q: q.has_clause and q.embedded, PARTIAL),
    ("a clause of its own", lambda q: q.has_clause, FULL),
    ("introduced by a speech cue",
     lambda q: q.introduced and q.words >= MIN_INTRODUCED_QUOTE_WORDS, FULL),
    ("words lifted into the writer's sentence", lambda q: q.words >= MIN_PARTIAL_QUOTE_WORDS, PARTIAL),
    ("a few embedded words", lambda q: True, FRAGMENT),
)


def classify_quote(shape: QuoteShape) -> tuple[str, str]:
    """(kind, the name of the rule that decided): full, partial or fragment."""
    for name, applies, kind in QUOTE_KIND_RULES:
        if applies(shape):
            return kind, name
    raise AssertionError("the last rule always applies")


def quote_shape(group: QuoteGroup, tokens: list[Token], inside: set[int], text: str, paragraphs: list[tuple[int, int]],
           introduced: bool, embedded: bool, opens_mid_phrase: bool) -> QuoteShape:
    words = [t for t in tokens if t.is_alpha or t.like_num]
    p_start, p_end = paragraphs[group.first.paragraph]
    # Titles leave their short function words in lower case ("Declaration of Principles for a Truce").
    content = [t for t in words if not (t.is_stop and t.text.islower())] or words
    capitalised = sum(1 for t in content if t.text[:1].isupper())
    inner = text[group.last.start:group.last.end].rstrip()
    share = capitalised / len(content) if content else 0.0
    # A name keeps its capitals even before a comma (“Trump Route for International Peace and Prosperity,”).
    title_case = bool(words) and len(words) <= MAX_TITLE_WORDS and (
        share >= TITLE_CASE_SHARE and not inner.endswith((".", "?", "!", ",")) or
        share >= TITLE_BEFORE_COMMA_SHARE and len(content) >= 3 and not inner.endswith(("?", "!")) and
        not any(t.tag_ in FINITE_VERB_TAGS for t in tokens))
    return QuoteShape(
        # A page cut off mid-sentence ends on a paragraph without final punctuation: it is no headline.
        words=len(words), in_headline=is_headline_like(text[p_start:p_end]) and p_end < len(text.rstrip()),
        across_paragraphs=group.across_paragraphs, title_case=title_case,
        named=bool(NAMING_CUE_BEFORE.search(text, max(0, group.first.open_at - 40), group.first.open_at)),
        opens_mid_phrase=opens_mid_phrase, has_clause=is_clause(tokens, inside), introduced=introduced,
        embedded=embedded)


def is_clause(tokens: list[Token], inside: set[int]) -> bool:
    """The quote's own main verb has its subject inside the quote: the quote is a clause, not a phrase lifted
    out of the writer's sentence ("... efforts “cannot go on if Kabul does not change”" has a subordinate
    clause, but its main verb's subject stands outside the marks)."""
    for t in tokens:
        head = t.head
        if t.dep_ not in CLAUSE_SUBJECT_DEPS or head.i not in inside or head.pos_ not in ("VERB", "AUX"):
            continue
        if head.dep_ in NON_CLAUSE_HEAD_DEPS:
            continue
        # The verb heads the quote (its own head is outside the marks, or it is the root), or is joined to
        # such a verb ("we came ... and we leave ...").
        top = head.head if head.dep_ == "conj" and head.head.i in inside else head
        if top.head.i == top.i or top.head.i not in inside or top.dep_ in ("ccomp", "parataxis"):
            return True
    return False
