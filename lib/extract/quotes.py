"""Direct quotes in a parsed article: finding the quoted spans, joining split and multi-paragraph quotes, telling
full quotes from scare-quote fragments, and attributing each to a speaker through its speech cue.

`extract_quotes(doc)` is the only entry point. It reads the Doc it is given (tokens, parse, entities, sentences)
and never parses again. Steps, each one pass:
  1. `quoted_spans` scans the text for quotation marks, paragraph by paragraph (curly, straight, single quotes
     told apart from apostrophes; a quote left open at a paragraph end and reopened in the next continues).
  2. Consecutive spans are grouped: `“A,” he said, “B.”` and quotes carried over paragraphs become one quote.
  3. Each group is classified (`classify_quote`, an ordered table of named rules): a clause or sentence is a full
     quote; a speaker's words of five words or more lifted into the writer's sentence are a partial quote
     (`thanked them for their “efforts toward an amicable and peaceful resolution”`); a few embedded words, a title
     or a name are a fragment (nobody's statement).
  4. Each group gets its speaker (lib/extract/speakers.py): the speech cue in its own sentence (`X said`, `said X`,
     `stating,` after a clause, `according to X`, `per X`, a colon or dash), else the sentence around it, else
     (a quote standing alone as its paragraph) the speech verb's subject in the paragraph before, or with no
     speech verb there the person or role that is the subject of its last sentence (`X was blunt.`). `X told Y:`
     is X's, never the addressee's. A `he said`
     cue that fits nobody leaves the quote without a speaker rather than guessing from the sentence before.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from lib.extract.doctext import doc_text
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS, reporting_lemma
from lib.lexicons.speakers import (
    BORROW_SUBJECT_DEPS, INVERTED_SPEAKER_DEPS, PERSON_PRONOUNS, ROLE_NOUNS, SUBJECT_DEPS,
)
from lib.records import Quote
from lib.extract.speakers import NO_SPEAKER, ArticleSpeakers, Speaker, is_headline_like

PARAGRAPH_SEPARATOR = "\n\n"

# Double quotation marks: opening mark -> the marks that may close it. Straight and curly marks are mixed in
# pasted copy, so either double closer closes either opener.
DOUBLE_CLOSERS = {"“": "”\"", "\"": "\"”", "«": "»", "„": "“”\""}
DOUBLE_MARKS = frozenset("“”\"«»„")
# Single marks open a quote only at a word start and close it only at a word end; an apostrophe inside a word
# ("won’t", "Pakistan’s") is neither.
# A backtick stands for a single mark in some newsrooms' copy (`more work to be done`, `Rwanda`s`).
SINGLE_OPENERS = frozenset("‘'`")
SINGLE_CLOSERS = frozenset("’'`")
# What may stand right before an opening single mark.
BEFORE_SINGLE_OPENER = frozenset(" \t\n([{—–-\"“:")
# Elisions written with a leading apostrophe ("’90s", "’tis"), never an opening mark.
LEADING_ELISION = re.compile(r"(\d0s|\d\d\b|tis\b|twas\b|em\b|n\b|cause\b)", re.I)

# Gap between the parts of a split quote (`“A,” he said, “B.”`): at most this many words, holding a speech cue.
MAX_SPLIT_GAP_WORDS = 8
# Characters that show the second part of `“A,” Asif said. “b...”` carries on the same sentence.
CONTINUATION_STARTS = ("…", "...", "—", "–", "-")

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
# How far (in tokens) after a closing mark a speech verb still introduces the quote (`,” one senior official said`).
CUE_AFTER_WINDOW = 6
INTRODUCING_PUNCT = (":", ",", "—", "–")
# How far left of a noun a possessive ("Asif’s 29 October warning") may stand.
MAX_POSSESSIVE_LOOKBACK = 6
# How many heads up from the word before a colon or dash the clause subject is looked for.
MAX_CLAUSE_CLIMB = 4
# What may stand between a closing mark and its speech verb: punctuation and the speaker's noun phrase
# (`,” the senior official said`), never a conjunction or another verb (`,” and warned`).
SUBJECT_PHRASE_POS = frozenset({"PUNCT", "DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})
# Dependents that tie the word before an opening mark to a noun inside the quote: the quote opens in the middle of
# the writer's noun phrase (`that a "treaty has been finalised"`), so it is a lifted piece of reported speech.
MID_PHRASE_DEPS = frozenset({"det", "predet", "poss", "amod", "nummod", "compound"})
# A verb that heads a phrase under a speech verb (`told reporters before [departing] Bangkok:`): the addressee
# chain climbs past it to the speech verb.
VERB_PHRASE_UNDER_CUE_DEPS = frozenset({"pcomp", "advcl", "xcomp", "acl"})
# Tags of relative pronouns (who, which, that), which stand for the noun their clause modifies.
RELATIVE_PRONOUN_TAGS = frozenset({"WP", "WDT"})
# Words that introduce a quoted span as the name of a thing (`the so-called “Quad”`, `an operation dubbed “…”`).
NAMING_CUE_BEFORE = re.compile(
    r"\b(so-called|so called|dubbed|titled|entitled|nicknamed|code-?named|known as|named)\s+(the\s+|a\s+|an\s+)?$",
    re.I)
# Links from the word before a colon up to a speech verb that make that word the verb's addressee or a place
# (`told [Daily Sabah]:`, `told reporters in [Islamabad]:`), not its speaker.
ADDRESSEE_CHAIN_DEPS = frozenset({"dobj", "dative", "pobj", "prep", "compound", "npadvmod", "appos", "nmod"})


@dataclass
class QuotedSpan:
    """Text between one pair of quotation marks (offsets exclude the marks)."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: Optional[int]  # offset of the closing mark; None when the paragraph ended first
    paragraph: int


@dataclass
class _Group:
    """One quote in the making: one or more quoted spans (split or carried across paragraphs)."""

    parts: list[QuotedSpan] = field(default_factory=list)
    across_paragraphs: bool = False

    @property
    def first(self) -> QuotedSpan:
        return self.parts[0]

    @property
    def last(self) -> QuotedSpan:
        return self.parts[-1]


# ------------------------------------------------------------------------------------------------ step 1

def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, as `text.split("\\n\\n")` would cut it."""
    bounds, start = [], 0
    while True:
        cut = text.find(PARAGRAPH_SEPARATOR, start)
        if cut < 0:
            bounds.append((start, len(text)))
            return bounds
        bounds.append((start, cut))
        start = cut + len(PARAGRAPH_SEPARATOR)


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted span in `text`, in order. Single-quoted spans inside double quotes (nested quotes)
    are part of the outer quote; a double quote inside single quotes (British style) is part of the outer one."""
    spans: list[QuotedSpan] = []
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        doubles = _double_spans(text, p_start, p_end, index)
        singles = _single_spans(text, p_start, p_end, index)
        kept = [s for s in singles if not any(_overlaps(s, d) and not _contains(s, d) for d in doubles)]
        doubles = [d for d in doubles if not any(_contains(s, d) for s in kept)]
        spans.extend(sorted(doubles + kept, key=lambda s: s.open_at))
    return [s for s in spans if text[s.start:s.end].strip()]


def _overlaps(a: QuotedSpan, b: QuotedSpan) -> bool:
    return a.open_at < _close(b) and b.open_at < _close(a)


def _contains(outer: QuotedSpan, inner: QuotedSpan) -> bool:
    return outer.open_at < inner.open_at and _close(inner) <= _close(outer)


def _close(span: QuotedSpan) -> int:
    return span.close_at if span.close_at is not None else span.end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, p_start: int, p_end: int, paragraph: int) -> list[QuotedSpan]:
    spans = []
    open_at: Optional[int] = None
    for i in range(p_start, p_end):
        mark = text[i]
        if mark not in DOUBLE_MARKS:
            continue
        if open_at is None:
            if mark in DOUBLE_CLOSERS:
                open_at = i
            continue
        if mark in DOUBLE_CLOSERS[text[open_at]]:
            spans.append(QuotedSpan(*_trimmed(text, open_at + 1, i), open_at, i, paragraph))
            open_at = None
        elif mark in DOUBLE_CLOSERS:  # a new opener: the previous quote lost its closing mark
            spans.append(QuotedSpan(*_trimmed(text, open_at + 1, i), open_at, None, paragraph))
            open_at = i
    if open_at is not None:
        spans.append(QuotedSpan(*_trimmed(text, open_at + 1, p_end), open_at, None, paragraph))
    return spans


def _single_spans(text: str, p_start: int, p_end: int, paragraph: int) -> list[QuotedSpan]:
    spans = []
    i = p_start
    while i < p_end:
        if text[i] in SINGLE_OPENERS and _opens_single(text, i, p_start, p_end):
            close = _single_closer(text, i + 1, p_end)
            if close is not None:
                spans.append(QuotedSpan(*_trimmed(text, i + 1, close), i, close, paragraph))
                i = close + 1
                continue
        i += 1
    return spans


def _opens_single(text: str, i: int, p_start: int, p_end: int) -> bool:
    before_ok = i == p_start or text[i - 1] in BEFORE_SINGLE_OPENER
    after = text[i + 1] if i + 1 < p_end else " "
    return before_ok and (after.isalnum() or after in "…") and not LEADING_ELISION.match(text, i + 1)


def _single_closer(text: str, start: int, p_end: int) -> Optional[int]:
    """The closing single mark: at a word end, not inside a word. A mark after a plural "s" followed by a
    lower-case word ("the talks’ end") is most likely a possessive: used only when nothing better closes."""
    weak = None
    for j in range(start, p_end):
        if weak is not None and text[j] == "‘" and text[j - 1].isspace():
            return weak  # a new quote opens: the possessive-looking mark before it closed this one
        if text[j] not in SINGLE_CLOSERS or text[j - 1].isspace():
            continue
        after = text[j + 1] if j + 1 < p_end else " "
        if after.isalnum():
            continue  # an apostrophe inside a word
        possessive = text[j - 1] in "sS" and after == " " and j + 2 < p_end and text[j + 2].islower()
        if not possessive:
            return j
        if weak is None:
            weak = j
    return weak


# ------------------------------------------------------------------------------------------------ step 2

def _group_spans(text: str, spans: list[QuotedSpan], doc: Doc, token_at,
                 opens_sentence: Callable[[int], bool]) -> list[_Group]:
    """Join a quote carried over paragraphs, and the two parts of a split quote, into one group each."""
    paragraphs = paragraph_bounds(text)
    groups: list[_Group] = []
    for span in spans:
        previous = groups[-1] if groups else None
        if previous is not None and _continues_from_paragraph(text, previous.last, span, paragraphs):
            previous.parts.append(span)
            previous.across_paragraphs = True
        elif previous is not None and _split_quote_gap(text, previous.last, span, doc, token_at) and \
                _stands_as_statement(text, previous.first, opens_sentence):
            previous.parts.append(span)
        else:
            groups.append(_Group([span]))
    return groups


def _continues_from_paragraph(text: str, before: QuotedSpan, span: QuotedSpan,
                              paragraphs: list[tuple[int, int]]) -> bool:
    """A quote left open at a paragraph's end continues when the next paragraph opens with a quotation mark."""
    if before.close_at is not None or span.paragraph != before.paragraph + 1:
        return False
    p_start = paragraphs[span.paragraph][0]
    return not text[p_start:span.open_at].strip()


def _split_quote_gap(text: str, before: QuotedSpan, span: QuotedSpan, doc: Doc, token_at) -> bool:
    """`“A,” he said, “B.”` (a short cue between two parts, the first ending on a comma) is one quote; so is
    `“A,” Asif said. “b…”` when the second part visibly goes on with the same sentence."""
    if before.close_at is None or before.paragraph != span.paragraph:
        return False
    gap = text[before.close_at + 1:span.open_at].strip()
    first_ends_open = text[before.start:before.end].rstrip().endswith(",") or gap.startswith(",")
    if not gap or not first_ends_open:
        return False
    words = [t for t in _tokens_between(doc, token_at, before.close_at + 1, span.open_at) if t.is_alpha]
    if not words or len(words) > MAX_SPLIT_GAP_WORDS:
        return False
    if not any(is_speech_verb(t) for t in words):
        return False
    if gap.endswith((",", ":")):
        # `“A,” Rubio said. He added, “B.”`: a new sentence introduces a quote of its own.
        return not re.search(r"[.!?]\s+\S", gap)
    second = text[span.start:span.end]
    return gap.endswith(".") and (second[:1].islower() or second.startswith(CONTINUATION_STARTS))


def _stands_as_statement(text: str, span: QuotedSpan, opens_sentence: Callable[[int], bool]) -> bool:
    """A quote whose first part opens its sentence or follows a colon, comma or dash: the first half of a split
    quote. Words lifted into the writer's sentence (`took place in a “friendly atmosphere”, adding: “…”`) are
    not; the quote after them is a quote of its own."""
    return text[:span.open_at].rstrip().endswith(INTRODUCING_PUNCT) or opens_sentence(span.open_at)


def _tokens_between(doc: Doc, token_at, start: int, end: int) -> list[Token]:
    if end <= start:
        return []
    first, last = token_at(start), token_at(max(start, end - 1))
    return [t for t in doc[first:last + 1] if start <= t.idx < end]


# ------------------------------------------------------------------------------------------------ step 3

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


def _shape(group: _Group, tokens: list[Token], inside: set[int], text: str, paragraphs: list[tuple[int, int]],
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
        opens_mid_phrase=opens_mid_phrase, has_clause=_has_clause(tokens, inside), introduced=introduced,
        embedded=embedded)


def _has_clause(tokens: list[Token], inside: set[int]) -> bool:
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


# ------------------------------------------------------------------------------------------------ step 4

@dataclass(frozen=True)
class _Attribution:
    speaker: Speaker
    cue: str


NO_ATTRIBUTION = _Attribution(NO_SPEAKER, "")


class _Attributor:
    """Finds the speech cue of a quote and asks ArticleSpeakers who its subject is."""

    def __init__(self, doc: Doc, speakers: ArticleSpeakers, inside_quote: list[bool]):
        self.doc = doc
        self.speakers = speakers
        self.inside_quote = inside_quote

    def cue_subject(self, verb: Token) -> Optional[Token]:
        """The speaker token of a speech verb: its subject; for `said X` the name after it; for a participle
        with no subject (`..., stating, “...”`) the subject of the clause it hangs from."""
        current = verb
        for _ in range(4):
            agent = self._passive_agent(current)
            if agent is not None:
                return agent
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS and not self.inside_quote[child.i]:
                    # The subject of a passive speech verb is who was spoken to (`the delegation was asked by
                    # the hosts to stay`), never the speaker.
                    if child.dep_ == "nsubjpass" and current.i == verb.i:
                        return None
                    # `Rubio, who acknowledged …`: a relative pronoun stands for the noun its clause hangs from.
                    if child.tag_ in RELATIVE_PRONOUN_TAGS and current.dep_ == "relcl" and \
                            not self.inside_quote[current.head.i]:
                        return current.head
                    return child
            if current.i == verb.i:
                for child in verb.rights:
                    if child.dep_ in INVERTED_SPEAKER_DEPS and not self.inside_quote[child.i] and \
                            (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
                        return child
            if current.dep_ in BORROW_SUBJECT_DEPS and current.head.i != current.i:
                current = current.head
            else:
                break
        # A parse that lost the verb's subject ("… Foreign Minister Ishaq Dar said, “…”" with "said" taken for an
        # auxiliary): the name standing right before the verb speaks.
        left = verb.i - 1
        if left >= 0 and not self.inside_quote[left] and \
                (self.doc[left].ent_type_ in ("PERSON", "ORG") or self.doc[left].pos_ == "PROPN"):
            return self.doc[left]
        return None

    def _passive_agent(self, verb: Token) -> Optional[Token]:
        """The speaker of a passive speech verb: the object of its `by` phrase (`was asked by the hosts`)."""
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and not self.inside_quote[obj.i]:
                        return obj
        return None

    def from_verb(self, verb: Token) -> _Attribution:
        subject = self.cue_subject(verb)
        if subject is None:
            return NO_ATTRIBUTION
        speaker = self.speakers.for_subject(subject)
        return _Attribution(speaker, verb.text) if speaker.name else NO_ATTRIBUTION

    def from_phrase(self, token: Token) -> _Attribution:
        """`according to X`, `per X`, `as per X`, `citing X`, `quoting X`: X is the source."""
        word = token.text.lower()
        if word == "according":
            nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
            if nxt is None or nxt.text.lower() != "to":
                return NO_ATTRIBUTION
            heads, cue = (token, nxt), "according to"
        else:
            heads, cue = (token,), word
            if word == "per" and token.i > 0 and token.nbor(-1).text.lower() == "as":
                cue = "as per"
        for head in heads:
            for child in head.children:
                if child.dep_ in ("pobj", "dobj") and not self.inside_quote[child.i]:
                    speaker = self.speakers.for_subject(child)
                    if speaker.name:
                        return _Attribution(speaker, cue)
        return NO_ATTRIBUTION

    def _possessor(self, noun: Token) -> Optional[Token]:
        """Whose word it is: "Asif’s 29 October warning" -> Asif. Read off the tokens, not only the parse: the
        parser often hangs the possessive elsewhere."""
        j = noun.i
        while j > 0 and noun.i - j <= MAX_POSSESSIVE_LOOKBACK and not self.doc[j].is_punct and \
                self.doc[j].pos_ not in ("VERB", "AUX") and not self.inside_quote[j]:
            token = self.doc[j]
            if token.tag_ == "POS" and not self.inside_quote[j - 1]:
                return self.doc[j - 1]
            if token.dep_ == "poss" and token.pos_ in ("PROPN", "NOUN"):
                return token
            j -= 1
        return None

    def _object_of_a_speaking_clause(self, possessor: Token) -> bool:
        """ "Asif summarised Islamabad's view:": a place's or body's view, the object of a verb whose subject is a
        named person, is voiced by that person. A person's words stay theirs ("Critics recalled Dar's warning:")."""
        owned = possessor.head
        if owned.dep_ != "dobj" or owned.head.pos_ != "VERB" or \
                self.speakers.for_subject(possessor).origin == "named":
            return False
        return any(c.dep_ in SUBJECT_DEPS and not self.inside_quote[c.i] and
                   self.speakers.for_subject(c).origin == "named" for c in owned.head.children)

    def from_colon(self, before: Token, mark: str) -> _Attribution:
        """`He said: “…”`, `Asif’s warning: “…”`, `Asif: “…”`, `Asif was blunt — “…”`."""
        if is_speech_verb(before):
            found = self.from_verb(before)
            return _Attribution(found.speaker, found.cue) if found.speaker.name else NO_ATTRIBUTION
        # Whose words: "Asif’s warning:", also past a trailing modifier ("Dar’s warning in October:").
        possessor = self._possessor(before)
        if possessor is not None and not self._object_of_a_speaking_clause(possessor):
            speaker = self.speakers.for_subject(possessor)
            if speaker.name:
                return _Attribution(speaker, mark)
        # `X told Y:`, `X told reporters in Islamabad:`: the word before the mark is the addressee (or a place)
        # under the speech verb, never the speaker; the verb's subject speaks.
        verb = self._speech_verb_above(before)
        if verb is not None:
            found = self.from_verb(verb)
            if found.speaker.name:
                return _Attribution(found.speaker, mark)
        if before.ent_type_ in ("PERSON", "ORG") or before.pos_ == "PROPN":
            speaker = self.speakers.for_subject(before)
            if speaker.name:
                return _Attribution(speaker, mark)
        # The clause before the mark: its subject speaks ("Asif was blunt —"). Climb from the word before the
        # mark to the first verb with a subject outside the quote.
        current = before
        for _ in range(MAX_CLAUSE_CLIMB):
            if self.inside_quote[current.i] or current.i > before.i + 1:
                break
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS and not self.inside_quote[child.i] and child.i < before.i:
                    speaker = self.speakers.for_subject(child)
                    return _Attribution(speaker, mark) if speaker.name else NO_ATTRIBUTION
            if current.head.i == current.i:
                break
            current = current.head
        return NO_ATTRIBUTION


    def _speech_verb_above(self, token: Token) -> Optional[Token]:
        """The speech verb `token` hangs from as its object, dative or a phrase under them ("told [BBC Pashto]",
        "told reporters in [Islamabad]"), or None (a subject, or no speech verb within a few heads)."""
        current = token
        for _ in range(MAX_CLAUSE_CLIMB + 1):
            if current.dep_ not in ADDRESSEE_CHAIN_DEPS | VERB_PHRASE_UNDER_CUE_DEPS or current.head.i == current.i or \
                    self.inside_quote[current.head.i]:
                return None
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                if is_speech_verb(current):
                    return current
                # `told reporters before departing [Bangkok]:`: a verb of a phrase under the speech verb
                if current.dep_ not in VERB_PHRASE_UNDER_CUE_DEPS:
                    return None
        return None


def is_speech_verb(token: Token) -> bool:
    """A reporting verb ("said", "warned"); also when the tagger took it for an auxiliary ("Dar said, …" parsed
    with "said" as AUX): the lemma and a verb tag decide, the coarse part of speech may be wrong."""
    if token.pos_ == "VERB":
        return token.lemma_.lower() in REPORTING_VERBS
    return token.tag_.startswith("VB") and bool(reporting_lemma(token.text))


def _is_cue_token(token: Token) -> bool:
    low = token.text.lower()
    if is_speech_verb(token):
        return True
    return low == "according" or low in ATTRIBUTION_PHRASES and token.pos_ in ("ADP", "VERB", "SCONJ")


# ------------------------------------------------------------------------------------------------ entry point

def extract_quotes(doc: Doc) -> list[Quote]:
    """Every direct quote and scare-quote fragment in `doc`, speakers resolved within the article."""
    text = doc_text(doc)
    spans = quoted_spans(text)
    if not spans or len(doc) == 0:
        return []
    token_starts = [t.idx for t in doc]

    def token_at(char: int) -> int:
        return max(0, bisect.bisect_right(token_starts, char) - 1)

    inside_quote = [False] * len(doc)
    for span in spans:
        for i in range(token_at(span.start), len(doc)):
            if doc[i].idx >= span.end:
                break
            if doc[i].idx >= span.start:
                inside_quote[i] = True
    sentences = list(doc.sents)
    sentence_of = [0] * len(doc)
    for index, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            sentence_of[i] = index

    speakers = ArticleSpeakers(doc, inside_quote, sentence_of)
    attributor = _Attributor(doc, speakers, inside_quote)
    # Looked up once per article, not once per quote: a sentence of thousands of tokens holding thousands of
    # quotes (hostile input) must not make each quote scan the whole sentence.
    cue_tokens = [i for i in range(len(doc)) if not inside_quote[i] and _is_cue_token(doc[i])]
    first_words = [_first_word(sent) for sent in sentences]
    paragraphs = paragraph_bounds(text)

    def opens_sentence_at(char: int) -> bool:
        """Nothing but punctuation or a bullet stands between the sentence start and the mark at `char`."""
        open_token = token_at(char)
        return open_token <= first_words[sentence_of[open_token]]

    groups = _group_spans(text, spans, doc, token_at, opens_sentence_at)

    quotes: list[Quote] = []
    attributions: list[tuple[_Attribution, int, int]] = []  # per quote: attribution, first and last sentence
    for group in groups:
        tokens = [t for part in group.parts for t in _tokens_between(doc, token_at, part.start, part.end)]
        if not tokens:
            continue
        inside = {t.i for t in tokens}
        open_token = token_at(group.first.open_at)
        close_token = token_at(group.last.close_at) if group.last.close_at is not None else tokens[-1].i
        introducer = _introducer(doc, text, group.first.open_at, open_token, inside_quote)
        cue_after = _cue_after(doc, close_token, inside_quote)
        # `“…,” he said` shows speech only when the quote opens its sentence; after words of the writer's own
        # (`… risk “repeating the mistakes”, analysts say`) the cue attributes the whole sentence.
        opens_sentence = open_token <= first_words[sentence_of[open_token]]
        kind, _rule = classify_quote(_shape(
            group, tokens, inside, text, paragraphs,
            introduced=introducer is not None or cue_after is not None and opens_sentence,
            embedded=introducer is None and not opens_sentence,
            opens_mid_phrase=_opens_mid_phrase(doc, open_token, inside, inside_quote)))
        fragment = kind == FRAGMENT

        first_sentence = sentence_of[open_token]
        last_sentence = sentence_of[min(close_token + 1, len(doc) - 1)] if cue_after is not None \
            else sentence_of[close_token]
        attribution = NO_ATTRIBUTION
        if kind == PARTIAL:
            attribution = _attribute_by_governing_verb(doc, attributor, tokens, inside_quote)
        if not attribution.speaker.name:
            attribution = _attribute_in_frame(doc, attributor, cue_tokens, sentences, first_sentence,
                                              last_sentence, open_token, close_token, introducer)
        if not attribution.speaker.name and not fragment and \
                not _has_person_pronoun_cue(doc, attributor, introducer, cue_after):
            attribution = _attribute_from_context(
                attributor, speakers, sentences, quotes, attributions, group, first_sentence, last_sentence,
                inside_quote, text, paragraphs)
        frame_start = sentences[first_sentence].start_char
        frame_end = sentences[max(last_sentence, sentence_of[close_token])].end_char
        quotes.append(Quote(
            quote=" ".join(text[p.start:p.end] for p in group.parts),
            start_char=group.first.start,
            end_char=group.last.end,
            spans=tuple((p.start, p.end) for p in group.parts),
            sentence=text[frame_start:frame_end].strip(),
            speaker=attribution.speaker.name,
            speaker_origin=attribution.speaker.origin if attribution.speaker.name else "none",
            cue=attribution.cue if attribution.speaker.name else "",
            fragment=fragment,
            partial=kind == PARTIAL,
            paragraph=group.first.paragraph,
        ))
        attributions.append((attribution, first_sentence, max(last_sentence, sentence_of[close_token])))
    return quotes


def _has_person_pronoun_cue(doc: Doc, attributor: _Attributor, introducer: Optional[Token],
                            cue_after: Optional[Token]) -> bool:
    """The quote's own cue is `he said` / `she said`: when no person fits the pronoun, the sentence before
    (most often a group or a body) is not who "he" stands for, so the quote keeps no speaker."""
    verbs = [cue_after] if cue_after is not None else []
    if introducer is not None and introducer.i > 0:
        verbs.append(doc[introducer.i - 1])
    for verb in verbs:
        if is_speech_verb(verb):
            subject = attributor.cue_subject(verb)
            if subject is not None and subject.text.lower() in PERSON_PRONOUNS:
                return True
    return False


def _opens_mid_phrase(doc: Doc, open_token: int, inside: set[int], inside_quote: list[bool]) -> bool:
    """The word right before the opening mark is a determiner or modifier of a word inside the quote."""
    j = open_token - 1
    if j < 0 or inside_quote[j] or doc[j].is_punct:
        return False
    return doc[j].dep_ in MID_PHRASE_DEPS and doc[j].head.i in inside


def _first_word(sent) -> int:
    """The index of the sentence's first word (a token that is alphabetic, not punctuation nor space), or the
    sentence's end when it has none: a quote opening at or before it opens its sentence (nothing but
    punctuation or a bullet stands between the sentence start and the opening mark)."""
    for t in sent:
        if t.is_alpha and not t.is_punct and not t.is_space:
            return t.i
    return sent.end


def _introducer(doc: Doc, text: str, open_at: int, open_token: int, inside_quote: list[bool]) -> Optional[Token]:
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


def _cue_after(doc: Doc, close_token: int, inside_quote: list[bool]) -> Optional[Token]:
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


def _attribute_by_governing_verb(doc: Doc, attributor: _Attributor, tokens: list[Token],
                                 inside_quote: list[bool]) -> _Attribution:
    """A partial quote is the speaker's words inside the writer's clause: the speech verb that governs that
    clause speaks (`Officials warn that the Taliban risk “repeating …”, analysts say` is the officials')."""
    top = next((t for t in tokens if not inside_quote[t.head.i] or t.head.i == t.i), None)
    current = top.head if top is not None else None
    for _ in range(MAX_CLAUSE_CLIMB + 2):
        if current is None or inside_quote[current.i]:
            break
        if is_speech_verb(current):
            return attributor.from_verb(current)
        if current.head.i == current.i:
            break
        current = current.head
    return NO_ATTRIBUTION


def _attribute_in_frame(doc: Doc, attributor: _Attributor, cue_tokens: list[int], sentences, first: int,
                        last: int, open_token: int, close_token: int,
                        introducer: Optional[Token]) -> _Attribution:
    """The speech cue nearest the quote in its own sentence(s). `cue_tokens`: the indices of the article's cue
    tokens outside quotes (`_is_cue_token`), in order."""
    if introducer is not None and introducer.text != "," and introducer.i > 0:
        found = attributor.from_colon(doc[introducer.i - 1], introducer.text)
        if found.speaker.name:
            return found
    lo = bisect.bisect_left(cue_tokens, sentences[first].start)
    hi = bisect.bisect_left(cue_tokens, sentences[last].end)
    candidates = []
    for i in cue_tokens[lo:hi]:
        distance = open_token - i if i < open_token else i - close_token
        candidates.append((distance, i))
    for _, i in sorted(candidates):
        token = doc[i]
        found = attributor.from_verb(token) if is_speech_verb(token) else attributor.from_phrase(token)
        if found.speaker.name:
            return found
    return NO_ATTRIBUTION


def _attribute_from_context(attributor: _Attributor, speakers: ArticleSpeakers, sentences, quotes: list[Quote],
                            attributions, group: _Group, first: int, last: int, inside_quote: list[bool],
                            text: str, paragraphs) -> _Attribution:
    """A quote with no cue of its own: the quote just before it (same speaker going on), else the subject of the
    sentence before it in the paragraph, else a cue in the sentence right after it."""
    paragraph = group.first.paragraph
    if quotes:
        previous_quote = quotes[-1]
        previous, _, previous_last = attributions[-1]
        near = first - previous_last <= 1 and (previous_quote.paragraph == paragraph or
                                               previous_quote.paragraph == paragraph - 1 and
                                               _opens_paragraph(text, group, paragraphs))
        if near and previous.speaker.name and not previous_quote.fragment:
            return _Attribution(Speaker(previous.speaker.name, "context"), previous.cue)
    p_start, p_end = paragraphs[paragraph]
    if first > 0 and sentences[first - 1].start_char >= p_start:
        # `Medinsky said Moscow would return the bodies. “Continuing the exchange …”`: the speaker of the sentence
        # before, else its last subject.
        for token in sentences[first - 1]:
            if not inside_quote[token.i] and is_speech_verb(token) and token.dep_ in ("ROOT", "conj"):
                found = attributor.from_verb(token)
                if found.speaker.name:
                    return _Attribution(Speaker(found.speaker.name, "context"), "")
        mention = speakers.last_subject_speaker(sentences[first].start, first - 1)
        if mention is not None:
            return _Attribution(Speaker(mention.name, "context"), "")
    if last + 1 < len(sentences) and sentences[last + 1].end_char <= p_end:
        for token in sentences[last + 1]:
            if not inside_quote[token.i] and is_speech_verb(token):
                found = attributor.from_verb(token)
                if found.speaker.name:
                    return _Attribution(Speaker(found.speaker.name, "context"), found.cue)
                break
    if _opens_paragraph(text, group, paragraphs) and _closes_paragraph(text, group, paragraphs):
        return _speaker_of_previous_paragraph(attributor, sentences, quotes, paragraph, first, inside_quote,
                                              paragraphs)
    return NO_ATTRIBUTION


def _closes_paragraph(text: str, group: _Group, paragraphs) -> bool:
    p_end = paragraphs[group.last.paragraph][1]
    close = group.last.close_at + 1 if group.last.close_at is not None else group.last.end
    return not text[close:p_end].strip()


def _speaker_of_previous_paragraph(attributor: _Attributor, sentences, quotes: list[Quote], paragraph: int,
                                   first: int, inside_quote: list[bool], paragraphs) -> _Attribution:
    """A quote standing alone as its own paragraph: the subject of the last speech verb in the paragraph just
    before (`Fatima, 34, ..., said police came at night.` ¶ `“We were given two days to leave.”`), unless a
    quote by someone else stands after that verb."""
    if paragraph == 0:
        return NO_ATTRIBUTION
    p_start, p_end = paragraphs[paragraph - 1]
    k = first - 1
    closing = None  # the previous paragraph's last sentence
    while k >= 0 and sentences[k].start_char >= p_start:
        if sentences[k].start_char >= p_end:
            k -= 1
            continue
        if closing is None:
            closing = sentences[k]
        for token in reversed(sentences[k]):
            if inside_quote[token.i] or not is_speech_verb(token):
                continue
            found = attributor.from_verb(token)
            if not found.speaker.name:
                continue
            later = [q for q in quotes if q.paragraph == paragraph - 1 and q.start_char > token.idx]
            if any(q.speaker != found.speaker.name for q in later):
                return NO_ATTRIBUTION
            return _Attribution(Speaker(found.speaker.name, "context"), "")
        k -= 1
    if closing is not None:
        return _person_subject_of(attributor, closing, inside_quote)
    return NO_ATTRIBUTION


def _person_subject_of(attributor: _Attributor, sentence, inside_quote: list[bool]) -> _Attribution:
    """A paragraph that introduces a speaker without a speech verb (`A former ambassador, who asked not to be
    named, sees that leverage differently.`, `Aziz Khan, a retired general, was blunt.`): the subject of its last
    sentence's main verb, when that subject is a person or a role (a name, a role noun, he/she), never a body, a
    place or a thing (`The crossing has been closed.`); origin context."""
    if any(inside_quote[t.i] for t in sentence):
        return NO_ATTRIBUTION
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or root.pos_ not in ("VERB", "AUX"):
        return NO_ATTRIBUTION
    speaker = attributor.speakers.for_subject(subject)
    if not speaker.name:
        return NO_ATTRIBUTION
    low = subject.text.lower()
    # A name the NER took for an organisation is a person when a role is set beside it ("X, a trader at
    # Torkham, was furious").
    person = low in PERSON_PRONOUNS if subject.pos_ == "PRON" else (
        speaker.origin in ("named", "title") or speaker.origin == "role" and low in ROLE_NOUNS or
        any(c.dep_ == "appos" and c.text.lower() in ROLE_NOUNS for c in subject.children))
    return _Attribution(Speaker(speaker.name, "context"), "") if person else NO_ATTRIBUTION


def _opens_paragraph(text: str, group: _Group, paragraphs) -> bool:
    p_start = paragraphs[group.first.paragraph][0]
    return not text[p_start:group.first.open_at].strip()
