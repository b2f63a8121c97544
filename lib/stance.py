"""Stance toward the Pakistan-Afghanistan talks: hopeful, mixed, pessimistic, or "insufficient evidence".

Method (all rules read the spaCy dependency parse; the word lists and numbers live in `lib.lexicons.stance`):

1. **About the talks.** A sentence is about the talks when one of its lemmas is a talk term (talks, negotiation,
   dialogue, ceasefire, truce, mediation, mediator, delegation, agreement, accord, round (noun), peace/mediation
   process, deadlock, breakthrough ...), a "so-called" peace / process, or a process declared over. Only those
   sentences are scored. An outcome word the parse ties to something else is neither topic nor cue ("brought the
   town's economy to a standstill": the object of the verb is not a talk term; `OUTCOME_TERMS`).
2. **Cues.** Progress cues (agreed, continue, constructive, hope, optimistic, breakthrough, extend, "positive
   outcome", momentum, resumption, welcome ...) add their weight; failure cues (collapsed, "are over", concluded,
   stalled, deadlock, "no results", failed, "walked out", setback, "threat of war", indefinite, suspended ...)
   subtract theirs. Loose cues ("continue", "end", "hold", "over") count only when the parse ties them to a talk
   term ("talks continue", not "deportations continue"; "negotiations are over", not "tensions over militancy"),
   searched within the cue's own clause (not through advcl / relcl / ccomp / conj: "Deportation drive resumes as
   talks hit impasse" is no progress). Absent talks are failure: a talk noun under "no" / "without" ("no fourth
   round scheduled", "ended without agreement", "no plan for a fourth round") x ABSENT_TALKS_WEIGHT (0.8).
3. **Negation** flips a cue: a `neg` child on the cue or on the verb it is the complement of ("talks are not
   over", "have not yet resumed"), a "no"/"without" determiner or preposition ("no breakthrough", "without any
   disruption"), a "no" / "neither" subject ("Neither Türkiye nor Qatar has ended its mediation"), or a negating
   governor ("refused to agree", "unwilling to sign"). A negated progress cue counts
   x NEGATED_PROGRESS_FACTOR (-0.7), a negated failure cue x NEGATED_FAILURE_FACTOR (-0.5): "not over" is weak hope.
4. **Hedges** dampen: a hedge word modifying the cue or its head ("a small ray of hope", "provisional agreement",
   "cautiously optimistic") x HEDGE_FACTOR (0.5); a modal or conditional ("could help revive", "if they agree")
   x MODAL_FACTOR (0.7); "for now" / "for the time being" hedges too ("the ceasefire is, for now, still in place").
   A hope in the past perfect ("Aid groups had hoped that the ceasefire would ...") was not met: it and the cues
   it governs count x UNMET_HOPE_FACTOR (-0.5). A past-tense cue whose subject is a named earlier round ("The
   second round agreed in principle ..." when a third round is mentioned; "Previous mediations faltered") is a
   background recap: x RECAP_FACTOR (0.5). So is a body sentence whose every named day ("October 19", "Oct. 30")
   lies BACKGROUND_DAYS (5) or more before the publication date, when that is known: x BACKGROUND_FACTOR (0.5)
   ("on October 19 the two sides agreed", in a story of 8 November about the breakdown).
5. **Contrast.** Before "but / however / yet" x BEFORE_CONTRAST_FACTOR (0.5); inside a concession ("although",
   "while", "despite ...") x CONCESSION_FACTOR (0.5). The clause after the contrast keeps full weight. A sentence
   followed in its paragraph by one that opens with "Instead," / "But" / "However," is discounted the same way
   (`CONTRAST_OPENERS`), except a disappointed hope, which the contrast confirms.
6. A sentence's cue is the clipped sum, in [-1, 1] (`Sentence.stance_cue`).
7. **Position.** Headline sentences x HEADLINE_WEIGHT (2.0), the first LEAD_SENTENCES (2) body sentences of at least
   LEAD_MIN_WORDS words x LEAD_WEIGHT (1.5). The headline is the `title` when it is found at the top of the text;
   otherwise the title is parsed on its own and scored as an extra sentence. Repeated identical sentences (a title
   printed twice by the scraper) count once, and so does a lead sentence that restates a headline of the same
   sign (it holds HEADLINE_ECHO_SHARE (0.5) of the headline's content words, at least HEADLINE_ECHO_MIN_WORDS (3)).
8. **Voice.** A sentence is "quoted" when most of it lies inside a quote span (`Sentence.voice`), or when it is
   attributed speech (a reporting verb from `lib.lexicons.reporting` with a subject: "Asif said the talks ...",
   "according to sources ..."); otherwise it is the outlet's narration. `outlet_score` and `quoted_score` are the
   weighted means within each voice; the article `score` combines them with OUTLET_WEIGHT (1.0) and QUOTED_WEIGHT
   (0.8) as extra sentence weights, then shrinks toward 0 by n / (n + SHRINK) (SHRINK = 1), n = cue sentences.
9. **Label.** Fewer than MIN_EVIDENCE_SENTENCES (2) cue-bearing talk sentences, or a total absolute weighted cue
   below MIN_EVIDENCE_WEIGHT (1.0): the G3 fallback (below), or "insufficient evidence" (score 0) -- except one sentence with a weighted cue
   of at least SINGLE_SENTENCE_MIN_WEIGHT (1.6), i.e. a headline with a clear cue (|cue| >= 0.8), which labels the
   article on its own (a lone lead or body sentence, at most 1.5, does not). Otherwise score >= HOPEFUL_MIN (0.3):
   hopeful; score <= PESSIMISTIC_MAX (-0.3): pessimistic; in between: mixed.
10. **Evidence.** The EVIDENCE_TOP (3) sentences with the largest weighted positive / negative contribution.

Generalisation rules (G1-G3; word lists and weights in `lib.lexicons.stance`, section G):

G1. **Stand-ins for the talks.** A venue (Istanbul, Doha ...) is a talk term as subject / object / recipient of an
   outcome verb or "give ... a chance", or as the modifier of "process" ("Give Istanbul a chance", "the Istanbul
   process"); "peace" as the object of a pursuit verb, of "a chance for", or "within reach"; "framework" /
   "settlement" unless a noun modifier names something else; a bare "the process" when at least
   PROCESS_CONTEXT_MIN (2) sentences of the article hold a talk term. A sentence whose "they" / "it" subject of an
   outcome verb, or whose evaluated prospect noun ("expectations are low"), names no object continues the topic
   of the previous sentence of its paragraph. The verb "according (to)" is not an accord (NOUN_ONLY_TALK_TERMS).
G2. **Cue classes.** Outcome verbs with the talks as subject (succeed 0.8, produce / deliver / yield 0.6, survive
   0.5; the subject read through xcomp / acomp, wish objects and paragraph pronouns); prospect nouns judged by an
   evaluative predicate or modifier (expectations / prospects / outlook / hopes / chances + low 0.8, bleak 0.9,
   slim 0.8 ... or high 0.6, bright 0.8 ...); modality ("unlikely / doubtful to" negates the governed cue like
   "refused to"); proximity ("within reach" 0.8, "a step closer" 0.7, "close to" a talk term 0.6, a chance given
   to / for the talks 0.6); shadow metaphors (a shadow / cloud / pall cast over the talks 0.7, "overshadow" 0.6);
   prayer / wish ("pray" 0.7, "wish" 0.6, "want" 0.5 that the talks succeed: the wish is the cue, the outcome verb
   is not counted again); a negation carried by a governor ("neither wants to see its mediation fail", "does not
   think the process is doomed"); a noun cue whose noun modifier names something else ("security failures") is no
   cue; a past cue in an "after / since / before" clause on a main clause about something else is background
   (x RECAP_FACTOR); a sentence rejected by a short next sentence ("That would be a mistake.") is flipped like a
   negation; "only once / when" is conditional (x MODAL_FACTOR).
G3. **Fallback.** Where rule 9 finds too little cue evidence but the article has at least
   FALLBACK_MIN_TALK_SENTENCES (2) sentences about the talks, the score is (1 - FALLBACK_WEIGHT) x the shrunk cue
   score (0 without cues) + FALLBACK_WEIGHT (0.3) x the position / voice weighted mean domain-adjusted sentiment
   (`Sentence.polarity_adjusted`) of all talk sentences, labelled with the same thresholds. Only an article with
   fewer than 2 talk sentences is "insufficient evidence" (score 0).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text, span_text
from lib.lexicons import stance as L
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from lib.records import Quote, Sentence, Stance
from lib.topic import active_topic

# Quotation marks used to find quoted spans when no Quote records are given.
_QUOTE_RE = re.compile(r"“([^”]{1,3000})”|\"([^\"\n]{1,3000})\"|«([^»]{1,3000})»")
QUOTED_SHARE = 0.5  # a sentence is "quoted" when more than this share of its words lies inside quote spans


# ----------------------------------------------------------------------------------------------------------------
# Per-Doc caches (speed only: every cached value is a pure function of the parsed Doc)
# ----------------------------------------------------------------------------------------------------------------
class _DocCaches:
    """What this module has worked out about one Doc: per token (`keys`, `talk`: `_keys`, `is_talk_term`), per
    span (`cues`, `about`: `sentence_cues`, `is_about_talks`), and whole-Doc arrays."""

    __slots__ = ("n_tokens", "keys", "talk", "cues", "about", "arrays", "bounds")

    def __init__(self, n_tokens: int):
        self.n_tokens = n_tokens
        self.keys: Optional[list[tuple[str, ...]]] = None
        self.talk: dict[int, bool] = {}
        self.cues: dict[tuple[int, int], tuple] = {}
        self.about: dict[tuple[int, int], bool] = {}
        self.arrays: Optional[tuple] = None
        self.bounds: Optional[list[tuple[int, int]]] = None


_CACHE_KEY = "lib.stance"


def _caches(doc: Doc) -> _DocCaches:
    """The Doc's caches, kept in `doc.user_data` (started afresh if the Doc was retokenised)."""
    caches = doc.user_data.get(_CACHE_KEY)
    if caches is None or caches.n_tokens != len(doc):
        caches = doc.user_data[_CACHE_KEY] = _DocCaches(len(doc))
    return caches


def _token_arrays(doc: Doc) -> tuple[list[str], list[str], list[str], list[str], list[int]]:
    """Per token of the Doc: lowercase lemma, lowercase form, the form without trailing "s", part of speech,
    character offset. Read once per Doc instead of once per phrase and position."""
    caches = _caches(doc)
    arrays = caches.arrays
    if arrays is None:
        lemmas, lowers, stripped, pos, idx = [], [], [], [], []
        for t in doc:
            lower = t.lower_
            lemmas.append(t.lemma_.lower())
            lowers.append(lower)
            stripped.append(lower.rstrip("s"))
            pos.append(t.pos_)
            idx.append(t.idx)
        arrays = caches.arrays = (lemmas, lowers, stripped, pos, idx)
    return arrays


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the sentence of each token (`Token.sent`), computed once per Doc."""
    caches = _caches(doc)
    bounds = caches.bounds
    if bounds is None:
        bounds = []
        for sent in doc.sents:
            bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        caches.bounds = bounds
    return bounds


# ----------------------------------------------------------------------------------------------------------------
# Word matching
# ----------------------------------------------------------------------------------------------------------------
def _keys(tok: Token) -> tuple[str, ...]:
    """The lowercase lemma and word form: both are tried against the lexicons (Title Case headlines)."""
    caches = _caches(tok.doc)
    keys = caches.keys
    if keys is None:  # every token's keys at once, from the lemma and form arrays
        lemmas, lowers = _token_arrays(tok.doc)[:2]
        keys = caches.keys = [_keys_of(lemma, lower) for lemma, lower in zip(lemmas, lowers)]
    return keys[tok.i]


@functools.lru_cache(maxsize=65536)
def _keys_of(lemma: str, lower: str) -> tuple[str, ...]:
    """`_keys` of a token with this lowercase lemma and lowercase form."""
    out = [lemma, lower]
    # Title-Case words lemmatised as proper nouns keep their inflection ("Hopes", "Collapsed", "Talks").
    for suffix, repl in (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", ""),
                         ("ing", "e")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            out.append(lower[: -len(suffix)] + repl)
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _topic_words(key: str, venues: frozenset, talk_terms: frozenset) -> tuple[frozenset, frozenset]:
    """(the topic's venues, every talk term: the general ones and the topic's own), per topic."""
    return venues, L.TALK_TERMS | talk_terms


def _topic() -> tuple[frozenset, frozenset]:
    topic = active_topic()
    return _topic_words(topic.key, topic.venues, topic.talk_terms)


def _lookup(tok: Token, table) -> Optional[str]:
    for key in _keys(tok):
        if key in table:
            return key
    return None


def is_talk_term(tok: Token) -> bool:
    """A talk term (see the module docstring), answered once per token of a Doc."""
    cache = _caches(tok.doc).talk
    i = tok.i
    answer = cache.get(i)
    if answer is None:
        answer = cache[i] = _is_talk_term(tok)
    return answer


def _is_talk_term(tok: Token) -> bool:
    key = _lookup(tok, _topic()[1])
    if key is None and tok.lemma_.lower() in L.SCARE_NOUNS and _so_called(tok) is not None:
        return True  # "a so-called “peace”"
    if key is not None and key in L.OUTCOME_TERMS and _describes_other(tok):
        return False  # "brought the economy to a standstill"
    if key is None:
        if _lookup(tok, {"round"}) and tok.pos_ == "NOUN":
            return True
        if tok.lemma_.lower() == "process":
            return any(c.lemma_.lower() in L.PROCESS_MODIFIERS for c in tok.children) or _stand_in_process(tok)
        return _stands_for_talks(tok)
    if key in L.NOUN_ONLY_TALK_TERMS and tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return True


def _explicit_talk_sentences(doc: Doc) -> int:
    """How many sentences of the Doc hold a word of TALK_TERMS (the lexicon only, no parse rules). Cached."""
    key = "lib.stance.explicit_talk_sentences"
    if key not in doc.user_data:
        terms = _topic()[1]
        doc.user_data[key] = sum(1 for s in doc.sents if any(_lookup(t, terms) for t in s))
    return doc.user_data[key]


def _stand_in_process(tok: Token) -> bool:
    """G1: "the Istanbul process" (a venue modifier), or a bare definite "the process" in an article about the
    talks (at least PROCESS_CONTEXT_MIN sentences with a talk term); not "the deportation process"."""
    if tok.pos_ != "NOUN":
        return False
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(c.lower_ in _topic()[0] for c in mods):
        return True
    if mods or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    return _explicit_talk_sentences(tok.doc) >= L.PROCESS_CONTEXT_MIN


def _stands_for_talks(tok: Token) -> bool:
    """G1: a venue, "peace" or a framework / settlement that the parse makes stand for the talks (see
    `lib.lexicons.stance`, G1)."""
    lower, lemma, head = tok.lower_, tok.lemma_.lower(), tok.head
    via = head.head if head.dep_ == "prep" and head.i != tok.i else head  # "a chance for peace" -> chance
    if lower in _topic()[0]:
        return tok.dep_ in ("nsubj", "nsubjpass", "dative", "dobj", "compound") and head.i != tok.i and \
            head.lemma_.lower() in L.VENUE_HEADS
    if lemma == "peace" and tok.pos_ in ("NOUN", "PROPN"):
        if head.i != tok.i and via.lemma_.lower() in L.PEACE_HEADS:
            return True
        # "A lasting peace ... is within reach"
        return tok.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "prep" and c.lower_ == "within" and any(g.lemma_.lower() == "reach" for g in c.children)
            for c in head.children)
    if lemma in L.FRAME_TERMS and tok.pos_ == "NOUN":
        return not any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() != "peace"
                       and not _lookup(c, _topic()[1]) for c in tok.children)
    return False


def _so_called(tok: Token) -> Optional[Token]:
    """The 'called' of a "so-called" modifying `tok`, or None."""
    for c in tok.children:
        if c.dep_ == "amod" and c.lower_ == "called" and any(g.lower_ == "so" for g in c.children):
            return c
    return None


def _describes_other(tok: Token) -> bool:
    """An outcome word ("standstill", "deadlock", "halt") that the parse ties to something other than the talks:
    it is the object of a preposition on a verb whose object (else subject) is not a talk term ("brought the
    town's economy to a standstill", "trade came to a standstill"; not "the talks came to a standstill")."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    verb = tok.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == tok.head.i:
        return False
    entity = next((c for c in verb.children if c.dep_ == "dobj"), None) or \
        next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if entity is None or entity.pos_ == "PRON" or entity.i == tok.i:
        return False
    return not (is_talk_term(entity) or _process_noun(entity))


def is_about_talks(span: Span) -> bool:
    """A talk term in the sentence, a process declared over ("With the Istanbul process over"), or a sentence that
    opens with "However," / "But" right after a sentence about the talks in the same paragraph (it continues that
    topic). Answered once per span of a Doc."""
    cache = _caches(span.doc).about
    key = (span.start, span.end)
    answer = cache.get(key)
    if answer is None:
        answer = cache[key] = any(is_talk_term(t) or _is_over_predicate(t) or _ending_conflict(t) for t in span) \
            or _continues_topic(span)
    return answer


def _continues_topic(span: Span) -> bool:
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    if first is None or span.start == 0:
        return False
    if first.lower_ not in L.TOPIC_CONTINUERS and not _anaphoric_hook(span):
        return False
    prev = _previous_in_paragraph(span)
    return prev is not None and any(is_talk_term(t) for t in prev)


def _previous_in_paragraph(span: Span) -> Optional[Span]:
    """The sentence before `span` when it is in the same paragraph (no line break between them), else None."""
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1].sent
    if "\n" in doc_text(span.doc)[prev.start_char:span.start_char].strip(" \t") or "\n" in span_text(prev).strip():
        return None
    return prev


def _anaphoric_hook(span: Span) -> bool:
    """G1: the sentence speaks of the talks without naming them: an evaluated prospect noun with no object of its
    own ("Officials concede that expectations are low"), or a "they" / "it" subject of an outcome verb ("If they
    fail, ..."). It then continues the topic of the previous sentence of its paragraph."""
    for t in span:
        if _prospect_eval(t) is not None and not any(c.dep_ == "prep" for c in t.children):
            return True
        if t.dep_ == "nsubj" and t.lower_ in L.OUTCOME_PRONOUNS and \
                (_lookup(t.head, L.OUTCOME_VERBS) or t.head.lemma_.lower() in ("fail", "collapse", "stall", "falter")):
            return True
    return False


def _pronoun_is_talks(pron: Token) -> bool:
    """G2: a "they" / "it" subject whose antecedent is the talks: the previous sentence of the paragraph (or an
    earlier clause of this one) has a talk-term subject."""
    if pron.lower_ not in L.OUTCOME_PRONOUNS:
        return False
    sent = pron.sent
    earlier = [t for t in sent if t.i < pron.i]
    prev = _previous_in_paragraph(sent)
    pool = earlier + (list(prev) if prev is not None else [])
    return any(t.dep_ in ("nsubj", "nsubjpass") and is_talk_term(t) for t in pool)


def _prospect_eval(tok: Token) -> Optional[tuple[float, str]]:
    """G2: (signed weight, evaluative word) when `tok` is a prospect noun ("expectations", "prospects", "hopes")
    that an evaluative predicate or modifier judges: "expectations are low", "prospects look bleak", "slim hopes",
    "hopes are fading"."""
    if tok.pos_ not in ("NOUN", "PROPN") or _lookup(tok, L.PROSPECT_NOUNS) is None:
        return None
    cands = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
        head = tok.head
        cands.append(head)  # "hopes are fading", "expectations dwindled"
        cands += [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")]  # "are low", "look bleak"
    for c in cands:
        lemma = c.lemma_.lower()
        for table, sign in ((L.PROSPECT_GOOD, 1.0), (L.PROSPECT_BAD, -1.0)):
            w = table.get(lemma, table.get(c.lower_))
            if w is not None:
                return sign * w, c.text
    return None


# ----------------------------------------------------------------------------------------------------------------
# Cues in one sentence
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    """One stance cue found in a sentence: its words, base signed weight, the factors applied, final value."""

    text: str
    i: int  # token index (in the doc) of the cue's anchor
    base: float
    value: float
    notes: tuple[str, ...] = ()


def _linked_to_talks(tok: Token, depth: int = 4) -> bool:
    """The cue is tied to a talk term: the talk term is in its subtree (a few levels down), is its head, or is a
    sibling subject/object of its head ("negotiations are over")."""
    frontier, seen = [tok], {tok.i}
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in L.CLAUSE_DEPS:  # not into another clause ("drive resumes as talks hit impasse")
                    continue
                if c.i not in seen:
                    seen.add(c.i)
                    if is_talk_term(c):
                        return True
                    nxt.append(c)
        frontier = nxt
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        if tok.dep_ == "relcl" and any(c.lower_ in ("that", "which") for c in subjects):
            return is_talk_term(tok.head)  # "the ceasefire that has held"
        return False  # the cue's own subject is no talk term: "the ceasefire holds, deportations continue"
    head = tok.head
    if head.i != tok.i:
        if is_talk_term(head):
            return True
        for sib in head.children:
            if sib.i != tok.i and sib.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "dative") and \
                    is_talk_term(sib):
                return True
            # "the talks' end" / "end of the talks": the sibling's own children
    return False


def _talk_subject(tok: Token) -> bool:
    """An active talk-term subject ("the ceasefire holds"), also through a relative pronoun ("one ceasefire that
    has mostly held"); a passive one ("talks will be held") is scheduling."""
    if tok.dep_ == "relcl" and is_talk_term(tok.head) and \
            any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in tok.children):
        return True
    return any(c.dep_ == "nsubj" and is_talk_term(c) for c in tok.children)


def _is_over_predicate(tok: Token) -> bool:
    """'over' as a predicate ("negotiations are over", headline "Talks 'Over'"), not a preposition with an
    object ("tensions over militancy", "over the past decades")."""
    if tok.lower_ != "over" or any(c.dep_ == "pobj" for c in tok.children):
        return False
    head = tok.head
    talkish = lambda t: is_talk_term(t) or _process_noun(t)  # noqa: E731
    if head.i != tok.i and talkish(head):  # "Talks 'Over'", "With the Istanbul process over"
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and talkish(c) for c in tok.children):  # "declared the process over"
        return True
    if head.lemma_.lower() in L.OVER_HEADS:
        return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and talkish(c) for c in head.children)
    return False


def _process_noun(tok: Token) -> bool:
    """A bare or place-named "process" ("the process", "the Istanbul process"), not "the deportation process"."""
    return tok.lemma_.lower() in L.OVER_SUBJECTS and tok.pos_ == "NOUN" and all(
        c.pos_ == "PROPN" or c.lemma_.lower() in L.PROCESS_MODIFIERS for c in tok.children if c.dep_ == "compound")


def _negated(tok: Token) -> Optional[str]:
    """Why `tok` is negated, or None: a neg child (on it, or on the verb it completes), a 'no'/'without', or a
    negating governor such as 'refused to' / 'unwilling to'."""
    if any(c.dep_ == "neg" for c in tok.children):
        return "neg"
    if any(c.lower_ in L.NEGATING_DETS and c.dep_ in ("det", "advmod", "neg", "amod") for c in tok.children):
        return "no"
    why = _negated_subject(tok)
    if why is not None:
        return why
    head = tok.head
    if tok.dep_ in ("acomp", "advmod", "attr", "oprd", "prep", "prt", "dobj", "nsubjpass", "xcomp", "pobj") \
            and head.i != tok.i:
        if tok.dep_ in ("acomp", "advmod", "attr", "oprd", "prep", "prt", "dobj", "nsubjpass") and \
                any(c.dep_ == "neg" for c in head.children):
            return "neg"
        if head.lower_ in L.NEGATING_DETS:  # "without any disruption"
            return "without"
    if tok.dep_ == "pobj" and head.head.i != head.i and head.lower_ == "of" and head.head.lemma_.lower() == "lack":
        return "lack of"
    t = tok  # "without detailing optimism", "without reaching an agreement"
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("dobj", "pcomp", "pobj", "xcomp", "attr"):
            break
        t = t.head
        if t.lower_ in ("without", "lack"):
            return t.lower_
    gov = _negating_governor(tok)
    if gov is not None:
        return f"{gov.lemma_.lower()} to"
    t = tok  # G2: the clause is the complement of a negated subject or of a negated belief verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            break
        t = t.head
        if any(c.lower_ in L.NEGATING_SUBJECT_DETS and c.dep_ in ("preconj", "nsubj", "det") for c in t.children) \
                or any(c.dep_ == "nsubj" and _negating_det(c) for c in t.children):
            return "no subject"  # "neither wants to see its mediation fail"
        if t.lemma_.lower() in L.NEG_RAISING_VERBS and any(c.dep_ == "neg" for c in t.children):
            return f"not {t.lemma_.lower()}"  # "does not think the process is doomed"
    return None


def _negating_det(noun: Token) -> bool:
    return any(d.lower_ in L.NEGATING_SUBJECT_DETS and d.dep_ in ("det", "preconj") for d in noun.children)


def _negated_subject(tok: Token) -> Optional[str]:
    """'Neither Türkiye nor Qatar has ended its mediation', 'no side walked out' (the subject of the cue, or of the
    copula the cue completes), 'no fourth round scheduled' (the noun a participle cue modifies)."""
    verbs = [tok] + ([tok.head] if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.i != tok.i else [])
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (_negating_det(c) or c.lower_ in L.NEGATING_PRONOUNS):
                return "no subject"
    if tok.dep_ in ("acl", "amod", "relcl") and tok.head.i != tok.i and _negating_det(tok.head):
        return "no"
    return None


def _negating_governor(tok: Token) -> Optional[Token]:
    """'refused to agree', 'was unwilling to sign': the governor of the cue's xcomp chain."""
    t = tok
    for _ in range(2):
        if t.dep_ in ("xcomp", "ccomp") and t.head.i != t.i:
            if t.head.lemma_.lower() in L.NEGATING_GOVERNORS:
                return t.head
            t = t.head
        else:
            break
    return None


def _at_risk(tok: Token) -> Optional[str]:
    """The cue is what someone tries to avert or threatens ("keep the process from collapsing", "prevent a
    breakdown", "threatens to derail the talks")."""
    t, via_from = tok, False
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("pcomp", "pobj", "prep", "xcomp", "dobj", "ccomp"):
            return None
        t = t.head
        via_from = via_from or t.lower_ == "from"
        lemma = t.lemma_.lower()
        if lemma in L.RISK_GOVERNORS and (via_from or lemma not in ("keep", "save", "stop")):
            return lemma
    return None


def _hedged(tok: Token) -> Optional[str]:
    """A hedge modifies the cue or a head noun it hangs from ("small ray of hope", "provisional agreement")."""
    chain = [tok]
    t = tok
    for _ in range(3):  # hope <- of <- ray <- small
        if t.head.i == t.i:
            break
        t = t.head
        chain.append(t)
        if t.pos_ in ("VERB", "AUX"):
            break
    # ... and the talk term a verb cue is about ("a provisional agreement has been reached")
    chain += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and is_talk_term(c)]
    for node in chain:
        if node is not tok and node.lower_ in L.HEDGES:
            return node.lower_
        for c in node.children:
            if c.dep_ in ("amod", "advmod", "det", "compound", "nummod") and c.lower_ in L.HEDGES:
                return c.lower_
            if c.dep_ == "prep":  # "for now", "for the time being"
                words = tuple(u.lower_ for u in c.subtree if not u.is_punct)
                if words in L.HEDGE_PHRASES:
                    return " ".join(words)
    return None


def _unmet_hope(tok: Token) -> Optional[str]:
    """The cue is, or is governed by, a hope in the past perfect ("had hoped that the ceasefire would ...",
    "had hoped for a breakthrough", "had been hopeful"): a hope that was not met."""
    t = tok
    for _ in range(6):
        if _lookup(t, L.UNMET_HOPE_VERBS):
            verb = t.head if t.dep_ in ("acomp", "attr") and t.head.i != t.i else t
            if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and \
                    not any(c.dep_ == "neg" for c in verb.children):
                return f"had {t.lower_}"
        if t.head.i == t.i:
            break
        t = t.head
    return None


def _latest_round(doc: Doc) -> int:
    """The highest ordinal of a round (or talks) mentioned as held: definite or bare ("the third round", "third
    Istanbul round"), not hypothetical ("a fourth round", "no fourth round"). Cached on the Doc."""
    key = "lib.stance.latest_round"
    if key not in doc.user_data:
        best = 0
        for t in doc:
            n = L.ORDINALS.get(t.lower_)
            if n and t.dep_ == "amod" and is_talk_term(t.head) and \
                    not any(d.dep_ == "det" and d.lower_ in ("a", "an", "another", "no") for d in t.head.children):
                best = max(best, n)
        doc.user_data[key] = best
    return doc.user_data[key]


def _recap(tok: Token) -> Optional[str]:
    """A past-tense cue (simple past or past perfect) about a named earlier round: its subject is a talk term
    modified by an ordinal lower than the latest round of the document, or by 'earlier' / 'previous' / 'prior'
    ("The second round in Istanbul agreed in principle ...", "Previous mediations faltered")."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    past = verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    if not past:
        return None
    if verb.dep_ == "advcl":  # G2: "The attacks come three weeks after the two sides agreed to a truce"
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in L.BACKGROUND_MARKS), None)
        if mark is not None and not is_talk_term(verb.head) and not any(
                c.dep_ in ("nsubj", "nsubjpass") and is_talk_term(c) for c in verb.head.children):
            return f"background ({mark.lower_} ...)"
    latest = _latest_round(tok.doc)
    for subj in verb.children:
        if subj.dep_ not in ("nsubj", "nsubjpass") or not is_talk_term(subj):
            continue
        for m in subj.children:
            n = L.ORDINALS.get(m.lower_)
            if m.dep_ == "amod" and n and n < latest:
                return f"{m.lower_} {subj.lower_}"
            if m.dep_ in ("amod", "advmod") and m.lower_ in L.RECAP_MODIFIERS:
                return f"{m.lower_} {subj.lower_}"
    return None


def _contrast_opener(span: Span) -> Optional[Token]:
    """The next sentence of the same paragraph opens with "Instead," / "But" / "However,": that token, else None."""
    doc = span.doc
    last = None  # the span's last word (not whitespace)
    for j in range(span.end - 1, span.start - 1, -1):
        t = doc[j]
        if not t.is_space and t.text.strip():
            last = t
            break
    k = span.end
    while k < len(doc) and (doc[k].is_space or not doc[k].text.strip()):
        k += 1
    if last is None or k >= len(doc) or "\n" in doc_text(doc)[last.idx + len(last.text):doc[k].idx]:
        return None  # the end of the text, or a paragraph / line break: not an answer to this sentence
    first = doc[k]
    if first.lower_ in L.CONTRAST_OPENERS and first.sent.start == first.i:
        return first
    return None


def _rebuttal(span: Span) -> Optional[str]:
    """G2: the next sentence of the same paragraph rejects this one ("That would be a mistake.", "This is wrong."):
    a short sentence whose subject is "that" / "this" and whose predicate is a REBUTTAL_WORDS noun or adjective."""
    doc = span.doc
    last = next((doc[j] for j in range(span.end - 1, span.start - 1, -1) if doc[j].text.strip()), None)
    k = span.end
    while k < len(doc) and (doc[k].is_space or not doc[k].text.strip()):
        k += 1
    if last is None or k >= len(doc) or "\n" in doc_text(doc)[last.idx + len(last.text):doc[k].idx]:
        return None  # the end of the text, or a paragraph / line break
    nxt = doc[k].sent
    words = [t for t in nxt if t.is_alpha]
    if len(words) > L.REBUTTAL_MAX_WORDS or not any(t.dep_ == "nsubj" and t.lower_ in ("that", "this")
                                                    for t in nxt):
        return None
    for t in nxt:
        if t.dep_ in ("attr", "acomp") and t.lemma_.lower() in L.REBUTTAL_WORDS:
            return span_text(nxt).strip()
    return None


def _modal(tok: Token) -> Optional[str]:
    """A modal auxiliary on the cue's verb, the cue inside (or governing) an if/unless/until clause, "only ...
    when", or the cue inside the subject of "depends on" / "hinges on"."""
    t = tok
    for _ in range(3):
        only = any(c.lower_ == "only" for c in t.children)
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in L.MODALS:
                return c.lower_
            if c.dep_ == "mark" and c.lower_ in L.CONDITIONAL_MARKS:
                return c.lower_
            if c.dep_ == "advmod" and c.lower_ == "long" and any(m.lower_ == "as" for m in c.children):
                return "as long as"  # "the ceasefire will hold as long as there is no attack"
            if c.dep_ == "mark" and only and c.lower_ in L.ONLY_WHEN:  # "only once the process produced ..."
                return f"only {c.lower_}"
            if c.dep_ == "advcl":
                for m in c.children:
                    if m.dep_ in ("mark", "advmod") and (m.lower_ in L.CONDITIONAL_MARKS
                                                         or only and m.lower_ in L.ONLY_WHEN):
                        return ("only " if only else "") + m.lower_
        if t.head.i == t.i or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "acomp"):
            break
        t = t.head
    t = tok
    for _ in range(3):  # "the agreement's success depends on ..."
        if t.head.i == t.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in L.CONDITIONAL_PREDICATES:
            return t.head.lemma_.lower()
        t = t.head
    return None


def _contrast_marker(span: Span) -> Optional[Token]:
    """The first 'but' / 'however' / 'yet' inside the sentence that opposes two clauses (not 'not only ... but
    also', not 'not yet', not sentence-initial)."""
    tokens = list(span)
    lowers = [t.lower_ for t in tokens]
    for k, t in enumerate(tokens):
        if k == 0 or t.lower_ not in L.CONTRAST_COORD or t.dep_ not in ("cc", "advmod", "punct", "prep", "mark"):
            continue
        if t.lower_ == "still" and t.dep_ != "cc":
            continue
        if t.lower_ == "yet" and tokens[k - 1].dep_ == "neg":  # "not yet" is not a contrast
            continue
        if k + 1 < len(tokens) and lowers[k + 1] in L.NOT_CONTRAST_AFTER:  # "but also"
            continue
        if t.lower_ == "but" and "only" in lowers[max(0, k - 12):k] and "not" in lowers[max(0, k - 12):k]:
            continue
        if all(u.is_punct or u.is_space for u in tokens[:k]):
            continue
        return t
    return None


def _before_contrast(span: Span, marker: Token) -> list[Token]:
    """The tokens the contrast answers: for a coordinating 'but', the first conjunct (the marker's head and its
    subtree before the marker), so a 'but' in a later clause does not discount an earlier quote; for 'however' /
    'yet' inside the sentence, everything before it."""
    if marker.dep_ == "cc" and marker.head.i != marker.i:
        return [u for u in marker.head.subtree if span.start <= u.i < marker.i]
    return list(span.doc[span.start:marker.i])


def _contrast_factors(span: Span) -> dict[int, tuple[float, str]]:
    """Token index -> (factor, note) for tokens before a 'but'/'however' and tokens inside a concession."""
    out: dict[int, tuple[float, str]] = {}
    marker = _contrast_marker(span)
    if marker is not None:
        for u in _before_contrast(span, marker):
            out[u.i] = (L.BEFORE_CONTRAST_FACTOR, f"before '{marker.lower_}'")
    for t in span:
        if t.lower_ in L.CONCESSIVE_MARKS and t.dep_ in ("mark", "prep"):
            clause = t.head if t.dep_ == "mark" else t
            for u in clause.subtree:
                if span.start <= u.i < span.end:
                    out[u.i] = (L.CONCESSION_FACTOR, f"concession '{t.lower_}'")
    return out


def _phrase_matches(span: Span) -> list[tuple[int, int, float]]:
    """(start, end, signed weight) of multi-word cues, longest first, non-overlapping.

    A token matches a phrase word by its lemma, its lowercase form, or that form without a trailing "s". Only
    the positions whose token can match a phrase's first word are tried (in order), which finds exactly what
    trying every position would."""
    all_lemmas, all_lowers, all_stripped, all_pos, _idx = _token_arrays(span.doc)
    lemmas = all_lemmas[span.start:span.end]
    lowers = all_lowers[span.start:span.end]
    stripped = all_stripped[span.start:span.end]
    tags = all_pos[span.start:span.end]
    starts: dict[str, list[int]] = {}  # word -> positions whose token matches it
    for k in range(len(lemmas)):
        for word in {lemmas[k], lowers[k], stripped[k]}:
            starts.setdefault(word, []).append(k)
    found, used = [], set()
    for phrase, weight in sorted(L.PHRASE_CUES.items(), key=lambda kv: -len(kv[0])):
        candidates = starts.get(phrase[0])
        if not candidates:
            continue
        n = len(phrase)
        pos = L.PHRASE_POS.get(phrase, {})
        not_before = L.PHRASE_NOT_BEFORE.get(phrase, ())
        for k in candidates:
            if k + n > len(lemmas):
                break
            if any(k + j in used for j in range(n)):
                continue
            if k + n < len(lowers) and lowers[k + n] in not_before:
                continue  # "in place of signatures" is not "in place"
            if all((lemmas[k + j] == phrase[j] or lowers[k + j] == phrase[j] or stripped[k + j] == phrase[j])
                   and tags[k + j] in pos.get(j, (tags[k + j],)) for j in range(n)):
                found.append((k, k + n, weight))
                used.update(range(k, k + n))
    return found


def sentence_cues(span: Span) -> list[Cue]:
    """Every stance cue in `span` with negation, hedges, modals and contrast applied. Empty unless the span is
    about the talks. Found once per span of a Doc (`sentence_cue` and `quote_cue` read the same sentences)."""
    cache = _caches(span.doc).cues
    key = (span.start, span.end)
    cues = cache.get(key)
    if cues is None:
        cues = cache[key] = tuple(_sentence_cues(span))
    return list(cues)


def _is_question(span: Span) -> bool:
    """A sentence that asks ("Can the talks succeed?", a reporter's question): it asserts nothing either way."""
    for tok in reversed(span):
        if tok.is_space or tok.is_quote or tok.text in ")]":
            continue
        return tok.text == "?"
    return False


def _sentence_cues(span: Span) -> list[Cue]:
    if not is_about_talks(span) or _is_question(span):
        return []
    contrast = _contrast_factors(span)
    cues: list[Cue] = []
    consumed: set[int] = set()
    governors_used: set[int] = set()

    candidates: list[tuple[Token, str, float]] = []  # (anchor token, text, signed base weight)
    self_negated: set[int] = set()  # phrases that hold their own negation ("no progress")
    for k0, k1, weight in _phrase_matches(span):
        words = span[k0:k1]
        anchor = words.root
        candidates.append((anchor, words.text, weight))
        consumed.update(t.i for t in words)
        if any(t.lower_ in L.NEGATING_DETS for t in words):
            self_negated.add(anchor.i)
    for tok in span:
        if tok.i in consumed or tok.is_punct:
            continue
        if _is_over_predicate(tok):
            candidates.append((tok, tok.text, -L.OVER_WEIGHT))
            continue
        if tok.lower_ == "called" and tok.dep_ == "amod" and getattr(_so_called(tok.head), "i", -1) == tok.i \
                and (is_talk_term(tok.head) or tok.head.lemma_.lower() in L.SCARE_NOUNS):
            candidates.append((tok, f"so-called {tok.head.text}", -L.SO_CALLED_WEIGHT))
            self_negated.add(tok.i)
            continue
        if _absent_talks(tok):
            candidates.append((tok, f"no {tok.text}" if tok.dep_ != "pobj" else f"{tok.head.text} {tok.text}",
                               -L.ABSENT_TALKS_WEIGHT))
            self_negated.add(tok.i)
            continue
        g2 = _class_cue(tok)
        if g2 is not None:
            if g2[0] is not None:
                anchor, text, base, used = g2
                candidates.append((anchor, text, base))
                consumed.update(used)
            continue
        if _describes_other_noun(tok):
            continue  # "security failures": the cue noun names something else
        key = _lookup(tok, L.PROGRESS_CUES)
        if key is not None:
            if key in L.PREP_OBJECT_CUES:
                if not any(c.dep_ == "prep" and c.lower_ in L.PREP_OBJECT_CUES[key]
                           and any(g.dep_ == "pobj" and is_talk_term(g) for g in c.children) for c in tok.children):
                    continue
            elif key in L.PROGRESS_NEEDS_TARGET and not _linked_to_talks(tok):
                continue
            if key in L.NEEDS_TALK_SUBJECT and (not _talk_subject(tok) or any(
                    c.dep_ == "dobj" for c in tok.children)):
                continue  # "the ceasefire holds" is progress; "delegations are holding talks" is scheduling
            if key in L.NEEDS_TALK_OBJECT and not any(
                    c.dep_ in ("dobj", "nsubjpass", "attr") and is_talk_term(c) for c in tok.children):
                continue
            if key == "hope" and tok.pos_ in ("VERB",) and any(c.dep_ == "neg" for c in tok.children):
                pass  # "do not hope": handled by negation below
            candidates.append((tok, tok.text, L.PROGRESS_CUES[key]))
            continue
        key = _lookup(tok, L.FAILURE_CUES)
        if key is not None:
            if key in L.FAILURE_NEEDS_TARGET and not _linked_to_talks(tok):
                continue
            if key in L.OUTCOME_TERMS and _describes_other(tok):
                continue
            if key in L.NEEDS_TALK_OBJECT and not any(
                    c.dep_ in ("dobj", "nsubjpass", "attr") and is_talk_term(c) for c in tok.children):
                continue
            candidates.append((tok, tok.text, -L.FAILURE_CUES[key]))

    opener = _contrast_opener(span)
    rebutted = _rebuttal(span) if candidates else None
    for tok, text, base in candidates:
        value, notes = base, []
        why = None if tok.i in self_negated else _negated(tok)
        if why is not None:
            value *= L.NEGATED_PROGRESS_FACTOR if base > 0 else L.NEGATED_FAILURE_FACTOR
            notes.append(f"negated ({why})")
            gov = _negating_governor(tok)
            if gov is not None:
                governors_used.add(gov.i)
        unmet = None
        for label, detect, factor, applies in _SOFTENERS:
            found = detect(tok)
            if found is None or not applies(base, value):
                continue
            value *= factor
            notes.append(f"{label} ({found})")
            if label == "unmet hope":
                unmet = found
        if tok.i in contrast:
            factor, note = contrast[tok.i]
            value *= factor
            notes.append(note)
        elif opener is not None and not (unmet is not None and base > 0):
            value *= L.BEFORE_CONTRAST_FACTOR
            notes.append(f"before '{opener.text}' (next sentence)")
        if rebutted is not None:
            value *= L.NEGATED_PROGRESS_FACTOR if base > 0 else L.NEGATED_FAILURE_FACTOR
            notes.append(f"rebutted ({rebutted})")
        cues.append(Cue(text=text, i=tok.i, base=base, value=value, notes=tuple(notes)))
    # A negating governor ("refused", "unwilling") that flipped a cue is not counted a second time.
    cues = [c for c in cues if c.i not in governors_used]
    marker = _contrast_marker(span)
    if marker is not None and cues:
        scope = {u.i for u in _before_contrast(span, marker)}
        before = sum(c.value for c in cues if c.i in scope)
        if before and not any(c.i > marker.i for c in cues):
            sign = -1.0 if before > 0 else 1.0
            after = span.doc[marker.i + 1:span.end].text.strip()
            cues.append(Cue(text=f"{marker.text} {after}", i=marker.i, base=sign * L.IMPLICIT_CONTRAST,
                            value=sign * L.IMPLICIT_CONTRAST, notes=("implicit contrast",)))
    return cues


def _always(base: float, value: float) -> bool:
    return True


# The modifiers that scale a cue once it is found, in the order they apply: (note, detector, factor, when it
# applies given the cue's base and current value). A hedge ("a small ray of hope") only weakens a cue that still
# reads as progress; an unmet hope only a progress cue.
_SOFTENERS = (
    ("at risk", _at_risk, L.RISK_FACTOR, _always),
    ("hedged", _hedged, L.HEDGE_FACTOR, lambda base, value: value > 0),
    ("modal", _modal, L.MODAL_FACTOR, _always),
    ("unmet hope", _unmet_hope, L.UNMET_HOPE_FACTOR, lambda base, value: base > 0),
    ("recap", _recap, L.RECAP_FACTOR, _always),
)


def _class_cue(tok: Token):
    """G2 cue classes read from the parse (see `lib.lexicons.stance`, G2). Returns None when `tok` is none of
    them, (None, ...) when it is one that does not count here, else (anchor, text, signed base, consumed ids)."""
    lemma = tok.lemma_.lower()
    ev = _prospect_eval(tok)  # "expectations are low", "slim hopes"
    if ev is not None:
        weight, word = ev
        pred = next((c for c in tok.head.children if c.text == word and c.dep_ in ("acomp", "attr", "oprd")), None) \
            if tok.dep_ in ("nsubj", "nsubjpass") else None
        anchor = pred if pred is not None else tok
        used = {c.i for c in tok.subtree if c.text == word} | {tok.i, anchor.i}
        # What was hoped for is judged with the hope: "Hopes of a breakthrough to end the war dimmed" carries no
        # breakthrough of its own.
        used |= {t.i for c in tok.children if c.dep_ in ("prep", "acl", "relcl") and c.lower_ != "among"
                 for t in c.subtree}
        return anchor, f"{tok.text} {word}", weight, used
    if tok.pos_ in ("VERB", "AUX") and lemma in L.OUTCOME_VERBS:  # "the talks succeed", "produce a deal"
        if _wish_governor(tok) is not None:
            return (None,)  # the wish verb is the cue ("we pray the talks succeed")
        gov = _negating_governor(tok)
        if gov is not None and _lookup(gov, L.FAILURE_CUES):
            return (None,)  # "failed to produce results": the failure verb is the cue, at its own weight
        obj = any(c.dep_ == "dobj" and (is_talk_term(c) or c.lemma_.lower() in L.OUTCOME_OBJECTS)
                  for c in tok.children) and lemma != "succeed"
        if obj or _outcome_subject(tok):
            return tok, tok.text, L.OUTCOME_VERBS[lemma], {tok.i}
        return (None,)
    if tok.pos_ == "VERB" and lemma in L.WISH_VERBS and lemma not in L.PROGRESS_CUES:  # "pray", "wish", "want"
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp") and (c.lemma_.lower() in L.OUTCOME_VERBS or
                                                 _lookup(c, L.PROGRESS_CUES)) and _outcome_subject(c):
                return tok, f"{tok.text} ... {c.text}", L.WISH_VERBS[lemma], {tok.i}
        return None
    if _ending_conflict(tok):  # "aim to end decades of conflict", "an end to the war"
        return tok, tok.text, L.ENDING_CONFLICT_WEIGHT, {tok.i}
    if lemma in L.SHADOW_NOUNS and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in L.SHADOW_VERBS:
        preps = [c for c in list(tok.children) + list(tok.head.children) if c.dep_ == "prep"
                 and c.lower_ in ("over", "on", "across")]
        if any(is_talk_term(g) for p in preps for g in p.subtree):
            return tok, f"{tok.head.text} a {tok.text}", -L.SHADOW_WEIGHT, {tok.i}
    return None


def _ending_conflict(tok: Token) -> bool:
    """An ending word whose object is the fighting: "end [decades of] conflict", "halt hostilities", "an end to the
    war", "bring an end to the war", "brought the fighting to an end". Such a sentence is about the talks."""
    if tok.lemma_.lower() not in L.ENDING_WORDS and tok.lower_ not in L.ENDING_WORDS:
        return False
    holders = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])  # "bring [an end] to the war"
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("to", "of")
                for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ == "pobj" and tok.head.lower_ == "to":  # "brought the fighting to an end"
        objects += [c for c in tok.head.head.children if c.dep_ == "dobj"]
    for obj in objects:
        # through "decades of", "years of", "the cycle of"
        nouns = [obj] + [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                         if g.dep_ == "pobj"]
        if any(n.lemma_.lower() in L.CONFLICT_NOUNS or n.lower_ in L.CONFLICT_NOUNS for n in nouns):
            return True
    return False


def _wish_governor(tok: Token) -> Optional[Token]:
    """The wish / prayer verb whose complement `tok` is ("we pray the talks succeed", "hope they produce a deal")."""
    head = tok.head
    if tok.dep_ in ("ccomp", "xcomp") and head.i != tok.i and head.lemma_.lower() in L.WISH_VERBS:
        return head
    return None


def _outcome_subject(tok: Token) -> bool:
    """G2: the talks are the subject of the outcome verb `tok`: its own subject, the subject of the predicate it
    completes ("the talks are unlikely to produce"), the object of a wish verb ("want the talks to succeed"), a
    relative clause on a talk term, or a "they" / "it" whose antecedent is the talks."""
    def talk_subj(v: Token) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass") and (is_talk_term(c) or _pronoun_is_talks(c))
                   for c in v.children)
    if talk_subj(tok):
        return True
    if tok.dep_ == "relcl" and is_talk_term(tok.head):
        return True
    t = tok
    for _ in range(3):
        if t.dep_ not in ("xcomp", "acomp", "ccomp") or t.head.i == t.i:
            break
        t = t.head
        if talk_subj(t) or any(c.dep_ == "dobj" and is_talk_term(c) for c in t.children):
            return True
    return False


def _describes_other_noun(tok: Token) -> bool:
    """G2: a noun cue with a noun modifier that names something other than the talks ("security failures",
    "economic progress" is an adjective and stays): no cue."""
    if tok.pos_ != "NOUN" or not (_lookup(tok, L.PROGRESS_CUES) or _lookup(tok, L.FAILURE_CUES)):
        return False
    for c in tok.children:
        if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and not is_talk_term(c) and \
                c.lemma_.lower() not in L.PROCESS_MODIFIERS and \
                c.lower_ not in _topic()[0] and not _lookup(c, L.PROGRESS_CUES) and not _lookup(c, L.FAILURE_CUES):
            return True
    return False


def _absent_talks(tok: Token) -> bool:
    """A talk-term noun (not itself a cue) under "no" or "without" ("no fourth round scheduled", "ended without
    agreement"), or "no plan / date for" a talk term ("there is no plan for a fourth round")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) or \
        (tok.dep_ == "pobj" and tok.head.lower_ == "without")
    if not negated:
        return False
    if is_talk_term(tok):  # the process, not its participants ("no delegation has left")
        return _lookup(tok, L.PROGRESS_CUES) is None and _lookup(tok, L.FAILURE_CUES) is None \
            and _lookup(tok, L.TALK_PARTICIPANTS) is None
    if tok.lemma_.lower() in L.ABSENT_TALKS_NOUNS:
        return any(c.dep_ == "prep" and c.lower_ in ("for", "of")
                   and any(g.dep_ == "pobj" and is_talk_term(g) for g in c.children) for c in tok.children)
    return False


def sentence_cue(span: Span) -> tuple[bool, float]:
    """(about the talks, signed stance cue in [-1, 1]) for one sentence: what `Sentence` rows carry."""
    about = is_about_talks(span)
    if not about:
        return False, 0.0
    total = float(sum(c.value for c in sentence_cues(span)))
    return True, max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))


# ----------------------------------------------------------------------------------------------------------------
# Voice
# ----------------------------------------------------------------------------------------------------------------
def quote_ranges(doc: Doc, quotes: Sequence[Quote] = ()) -> list[tuple[int, int]]:
    """Character ranges of quoted text: the Quote records' spans, or, when none are given, the text between
    quotation marks (so the voice split still works before / without the quote extractor)."""
    if quotes:
        ranges = []
        for q in quotes:
            ranges.extend(q.spans or ((q.start_char, q.end_char),))
        return sorted(ranges)
    out = []
    for m in _QUOTE_RE.finditer(doc_text(doc)):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        out.append((m.start(g), m.end(g)))
    return out


def quoted_share(span: Span, ranges: Sequence[tuple[int, int]]) -> float:
    """Share of the span's words that lie inside a quote range."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or not ranges:
        return 0.0
    # Only the ranges that overlap the span can hold one of its words (same count, fewer comparisons), merged
    # where they overlap, so that each word is looked up by bisection: a sentence of thousands of words and
    # quotes (hostile input) costs words × log(quotes), not words × quotes.
    first, last = span.start_char, span.end_char
    merged: list[list[int]] = []
    for a, b in sorted((a, b) for a, b in ranges if a < last and b > first):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if not merged:
        return 0.0
    starts = [a for a, _ in merged]
    inside = 0
    for t in words:
        k = bisect.bisect_right(starts, t.idx) - 1
        inside += k >= 0 and t.idx < merged[k][1]
    return inside / len(words)


def is_attributed(span: Span) -> bool:
    """Reported speech: a reporting verb (not itself a stance cue like 'agree') with a subject, or an
    'according to' / 'per' attribution. 'Asif said the talks would resume' is Asif's view, not the outlet's."""
    text = span_text(span)
    if any(re.search(rf"(^|\W){re.escape(p)}\s+[A-Z]", text, re.I) for p in ATTRIBUTION_PHRASES
           if p not in ("per",)) or re.search(r"(^|\W)per\s+(the\s+)?[A-Z]", text):
        return True
    for tok in span:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in REPORTING_VERBS:
            continue
        if lemma in L.PROGRESS_CUES or lemma in L.FAILURE_CUES:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return True
    return False


# ----------------------------------------------------------------------------------------------------------------
# Article stance
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoredSentence:
    text: str
    cue: float
    weight: float  # position x voice
    voice: str  # outlet or quoted (attributed speech counts as quoted)
    position: str  # headline, lead, body


def _headline_range(doc: Doc, title: Optional[str]) -> Optional[tuple[int, int]]:
    if not title or not title.strip():
        return None
    text = doc_text(doc)
    head = text[: len(title) + 300]
    norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    pos = head.find(title.strip())
    if pos >= 0:
        return pos, pos + len(title.strip())
    first_line = text.split("\n", 1)[0]
    if norm(first_line) == norm(title):
        return 0, len(first_line)
    return None


def _rows_from_doc(doc: Doc, quotes: Sequence[Quote]) -> list[Sentence]:
    """The sentence rows (with the domain-adjusted sentiment the fallback reads) when none were given."""
    from lib.sentiment import sentence_rows  # lazy: lib.sentiment imports this module

    return sentence_rows(doc, quotes)


def scored_sentences(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                     title: Optional[str] = None,
                     talk: Optional[list[tuple[float, float]]] = None,
                     published: Optional[str] = None) -> list[ScoredSentence]:
    """Each cue-bearing talk sentence with its cue, position and voice weight (the inputs of the article score).
    When a `talk` list is given, (domain-adjusted sentiment, position x voice weight) of every distinct talk
    sentence, cue or not, is appended to it (the fallback's input)."""
    rows = list(sentences) or _rows_from_doc(doc, quotes)
    headline = _headline_range(doc, title)
    out: list[ScoredSentence] = []
    seen: set[str] = set()
    lead_left = L.LEAD_SENTENCES
    head_words: set[tuple[str, ...]] = set()  # content words of a headline that carries a cue
    head_cue = 0.0
    if title and headline is None:  # the title is not in the text: parse and score it on its own
        from lib.ingest.nlp import parse  # as the article is parsed: runs of punctuation blanked, long text in pieces

        tdoc = parse(title.strip())
        about, cue = sentence_cue(tdoc[:])
        if about and talk is not None:
            from lib.sentiment import score_text

            talk.append((score_text(title.strip())[2], L.HEADLINE_WEIGHT))
        if about and cue:
            head_words, head_cue = _content_lemmas(tdoc[:]), cue
            voice = "quoted" if is_attributed(tdoc[:]) else "outlet"
            out.append(ScoredSentence(title.strip(), cue, _weight("headline", voice), voice, "headline"))
        seen.add(re.sub(r"\W+", " ", title).strip().lower())
    for row in rows:
        key = re.sub(r"\W+", " ", row.text).strip().lower()
        if not key or key in seen:  # a repeated line (title printed twice) counts once
            continue
        seen.add(key)
        if headline and row.start_char < headline[1] and row.end_char > headline[0]:
            position = "headline"
        elif lead_left > 0 and len(row.text.split()) >= L.LEAD_MIN_WORDS:
            position = "lead"
            lead_left -= 1
        else:
            position = "body"
        if row.about_talks and talk is not None:
            talk.append((row.polarity_adjusted, _weight(position, row.voice)))
        if not row.about_talks or not row.stance_cue:
            continue
        span = doc.char_span(row.start_char, row.end_char, alignment_mode="expand")
        if position == "headline" and span is not None:
            head_words, head_cue = head_words | _content_lemmas(span), row.stance_cue
        elif position == "lead" and span is not None and head_cue * row.stance_cue > 0 \
                and _echoes(head_words, _content_lemmas(span)):
            continue  # the lead restates the headline: the statement counts once, as the headline
        attributed = span is not None and is_attributed(span)
        voice = "quoted" if row.voice == "quoted" or attributed else "outlet"
        weight = _weight(position, voice)
        if position == "body" and is_background(row.text, published):
            weight *= L.BACKGROUND_FACTOR  # "on October 19 the two sides agreed", in a story of 28 October
        out.append(ScoredSentence(row.text, row.stance_cue, weight, voice, position))
    return out


def _weight(position: str, voice: str) -> float:
    """A sentence's weight: its position (headline, lead, body) times its voice (quoted, outlet)."""
    return {"headline": L.HEADLINE_WEIGHT, "lead": L.LEAD_WEIGHT}.get(position, 1.0) * \
        (L.QUOTED_WEIGHT if voice == "quoted" else L.OUTLET_WEIGHT)


_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                                  "oct", "nov", "dec"))}
_DAY_MONTH_RE = re.compile(r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[A-Z][a-z]{2,8})\.?"
                           r"|(?P<m2>[A-Z][a-z]{2,8})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)"
                           r"(?:,?\s+(?P<y>20\d\d))?")


def sentence_dates(text: str, published: date) -> list[date]:
    """The calendar days a sentence names ("October 19", "Oct. 30", "7 November 2025"); a day without a year takes
    the publication's year (the year before when that would put it after publication)."""
    days = []
    for m in _DAY_MONTH_RE.finditer(text):
        month = _MONTH_NUMBER.get((m.group("m1") or m.group("m2") or "")[:3].lower())
        if month is None:
            continue
        day = int(m.group("d1") or m.group("d2"))
        year = int(m.group("y")) if m.group("y") else published.year
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if not m.group("y") and found > published:
            try:
                found = date(year - 1, month, day)
            except ValueError:
                continue
        days.append(found)
    return days


def is_background(text: str, published: Optional[str]) -> bool:
    """A sentence about an earlier stage of the story: every day it names is at least BACKGROUND_DAYS before the
    publication date (unknown date, or no day named: not background)."""
    if not published:
        return False
    try:
        pub = date.fromisoformat(str(published)[:10])
    except ValueError:
        return False
    days = sentence_dates(text, pub)
    return bool(days) and all((pub - d).days >= L.BACKGROUND_DAYS for d in days)


def _content_lemmas(span: Span) -> set[tuple[str, ...]]:
    """The content words of a span, each as its lemma and word-form stems (`_keys`: a Title-Case headline's
    "talks" may be parsed as a verb or an auxiliary)."""
    return {_keys(t) for t in span if t.is_alpha and not t.is_stop and len(t.text) > 1
            and t.pos_ not in ("ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM")}


def _echoes(head: set[tuple[str, ...]], lead: set[tuple[str, ...]]) -> bool:
    """The lead holds at least HEADLINE_ECHO_SHARE of the headline's content words (and HEADLINE_ECHO_MIN_WORDS)."""
    lead_keys = {k for keys in lead for k in keys}
    shared = sum(1 for keys in head if any(k in lead_keys for k in keys))
    return bool(head) and shared >= L.HEADLINE_ECHO_MIN_WORDS and shared >= L.HEADLINE_ECHO_SHARE * len(head)


def _mean(items: Iterable[ScoredSentence]) -> Optional[float]:
    items = list(items)
    total = sum(s.weight for s in items)
    if not items or total <= 0:
        return None
    return sum(s.weight * s.cue for s in items) / total


def score_stance(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                 title: Optional[str] = None, published: Optional[str] = None) -> Stance:
    """The article's stance toward the talks (see the module docstring for the method and thresholds).

    `sentences` are the rows from `lib.sentiment.sentence_rows` (their `about_talks`, `stance_cue` and `voice`
    are used); when empty they are built from `doc`. `quotes` only matter in that fallback.
    """
    talk: list[tuple[float, float]] = []
    scored = scored_sentences(doc, sentences, quotes, title, talk=talk, published=published)
    n = len(scored)
    strength = sum(s.weight * abs(s.cue) for s in scored)
    outlet = _mean(s for s in scored if s.voice == "outlet")
    quoted = _mean(s for s in scored if s.voice == "quoted")
    pos = sorted((s for s in scored if s.cue > 0), key=lambda s: -s.weight * s.cue)
    neg = sorted((s for s in scored if s.cue < 0), key=lambda s: s.weight * s.cue)
    evidence = dict(evidence_hopeful=tuple(s.text for s in pos[: L.EVIDENCE_TOP]),
                    evidence_pessimistic=tuple(s.text for s in neg[: L.EVIDENCE_TOP]))
    rnd = lambda v: None if v is None else round(v, 4)  # noqa: E731
    single = n == 1 and strength >= L.SINGLE_SENTENCE_MIN_WEIGHT  # a headline with a clear cue
    if (n < L.MIN_EVIDENCE_SENTENCES and not single) or strength < L.MIN_EVIDENCE_WEIGHT:
        if len(talk) < L.FALLBACK_MIN_TALK_SENTENCES:
            return Stance(label="insufficient evidence", score=0.0, n_sentences=n, outlet_score=rnd(outlet),
                          quoted_score=rnd(quoted), **evidence)
        # G3 fallback: thin cue evidence, but the article is about the talks: blend in their sentiment
        cue_score = (_mean(scored) or 0.0) * n / (n + L.SHRINK)
        total_w = sum(w for _, w in talk)
        sentiment = sum(p * w for p, w in talk) / total_w if total_w > 0 else 0.0
        score = (1 - L.FALLBACK_WEIGHT) * cue_score + L.FALLBACK_WEIGHT * sentiment
        score = max(-1.0, min(1.0, score))
        return Stance(label=stance_label(score), score=round(score, 4), n_sentences=n, outlet_score=rnd(outlet),
                      quoted_score=rnd(quoted), **evidence)
    score = _mean(scored) * n / (n + L.SHRINK)
    score = max(-1.0, min(1.0, score))
    label = stance_label(score)
    return Stance(label=label, score=round(score, 4), n_sentences=n, outlet_score=rnd(outlet),
                  quoted_score=rnd(quoted), **evidence)


def stance_label(score: float) -> str:
    """hopeful / mixed / pessimistic from a score (evidence already checked)."""
    if score >= L.HOPEFUL_MIN:
        return "hopeful"
    if score <= L.PESSIMISTIC_MAX:
        return "pessimistic"
    return "mixed"


def quote_cue(doc: Doc, quote: Quote) -> float:
    """The stance cue carried by a quote's own words: cues of the sentence(s) holding it (negation, hedges and
    contrast read on the whole sentence) that fall inside the quote's spans, summed and clipped to [-1, 1].
    For a per-speaker stance (`lib.sources.speaker_stance` reads a `stance_cue` column when present)."""
    spans = quote.spans or ((quote.start_char, quote.end_char),)
    offsets = _token_arrays(doc)[4]
    bounds = _sentence_bounds(doc)
    sents = {}
    for a, b in spans:
        # the tokens starting inside [a, b), in order, and the sentence of each (as Token.sent gives it)
        for i in range(bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)):
            start, end = bounds[i]
            if start not in sents:
                sents[start] = doc[start:end]
    total = 0.0
    for sent in sents.values():
        for cue in sentence_cues(sent):
            idx = offsets[cue.i]
            if any(a <= idx < b for a, b in spans):
                total += cue.value
    return max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))
