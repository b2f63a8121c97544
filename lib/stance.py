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
   background recap: x RECAP_FACTOR (0.5).
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
   below MIN_EVIDENCE_WEIGHT (1.0): "insufficient evidence" (score 0) -- except one sentence with a weighted cue
   of at least SINGLE_SENTENCE_MIN_WEIGHT (1.6), i.e. a headline with a clear cue (|cue| >= 0.8), which labels the
   article on its own (a lone lead or body sentence, at most 1.5, does not). Otherwise score >= HOPEFUL_MIN (0.3):
   hopeful; score <= PESSIMISTIC_MAX (-0.3): pessimistic; in between: mixed.
10. **Evidence.** The EVIDENCE_TOP (3) sentences with the largest weighted positive / negative contribution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.lexicons import stance as L
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from lib.records import Quote, Sentence, Stance

# Quotation marks used to find quoted spans when no Quote records are given.
_QUOTE_RE = re.compile(r"“([^”]{1,3000})”|\"([^\"\n]{1,3000})\"|«([^»]{1,3000})»")
QUOTED_SHARE = 0.5  # a sentence is "quoted" when more than this share of its words lies inside quote spans


# ----------------------------------------------------------------------------------------------------------------
# Word matching
# ----------------------------------------------------------------------------------------------------------------
def _keys(tok: Token) -> tuple[str, ...]:
    """The lowercase lemma and word form: both are tried against the lexicons (Title Case headlines)."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    out = [lemma, lower]
    # Title-Case words lemmatised as proper nouns keep their inflection ("Hopes", "Collapsed", "Talks").
    for suffix, repl in (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", ""),
                         ("ing", "e")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            out.append(lower[: -len(suffix)] + repl)
    return tuple(out)


def _lookup(tok: Token, table) -> Optional[str]:
    for key in _keys(tok):
        if key in table:
            return key
    return None


def is_talk_term(tok: Token) -> bool:
    key = _lookup(tok, L.TALK_TERMS)
    if key is None and tok.lemma_.lower() in L.SCARE_NOUNS and _so_called(tok) is not None:
        return True  # "a so-called “peace”"
    if key is not None and key in L.OUTCOME_TERMS and _describes_other(tok):
        return False  # "brought the economy to a standstill"
    if key is None:
        if _lookup(tok, {"round"}) and tok.pos_ == "NOUN":
            return True
        if tok.lemma_.lower() == "process":
            return any(c.lemma_.lower() in L.PROCESS_MODIFIERS for c in tok.children)
        return False
    if key in L.NOUN_ONLY_TALK_TERMS and tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return True


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
    topic)."""
    return any(is_talk_term(t) or _is_over_predicate(t) for t in span) or _continues_topic(span)


def _continues_topic(span: Span) -> bool:
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    if first is None or first.lower_ not in L.TOPIC_CONTINUERS or span.start == 0:
        return False
    prev = span.doc[span.start - 1].sent
    if "\n" in span.doc.text[prev.start_char:span.start_char].strip(" \t") or "\n" in prev.text.strip():
        return False
    return any(is_talk_term(t) for t in prev)


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
    head = tok.head
    if head.i != tok.i:
        if is_talk_term(head):
            return True
        for sib in head.children:
            if sib.i != tok.i and sib.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and is_talk_term(sib):
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
    return None


def _negating_det(noun: Token) -> bool:
    return any(d.lower_ in L.NEGATING_SUBJECT_DETS and d.dep_ in ("det", "preconj") for d in noun.children)


def _negated_subject(tok: Token) -> Optional[str]:
    """'Neither Türkiye nor Qatar has ended its mediation', 'no side walked out' (the subject of the cue, or of the
    copula the cue completes), 'no fourth round scheduled' (the noun a participle cue modifies)."""
    verbs = [tok] + ([tok.head] if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.i != tok.i else [])
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and _negating_det(c):
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
    words = [t for t in span if not t.is_space and t.text.strip()]
    k = span.end
    while k < len(doc) and (doc[k].is_space or not doc[k].text.strip()):
        k += 1
    if not words or k >= len(doc) or "\n" in doc.text[words[-1].idx + len(words[-1].text):doc[k].idx]:
        return None  # the end of the text, or a paragraph / line break: not an answer to this sentence
    first = doc[k]
    if first.lower_ in L.CONTRAST_OPENERS and first.sent.start == first.i:
        return first
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
    """(start, end, signed weight) of multi-word cues, longest first, non-overlapping."""
    lemmas = [t.lemma_.lower() for t in span]
    lowers = [t.lower_ for t in span]
    found, used = [], set()
    for phrase, weight in sorted(L.PHRASE_CUES.items(), key=lambda kv: -len(kv[0])):
        n = len(phrase)
        for k in range(len(lemmas) - n + 1):
            if any(k + j in used for j in range(n)):
                continue
            pos = L.PHRASE_POS.get(phrase, {})
            if k + n < len(lowers) and lowers[k + n] in L.PHRASE_NOT_BEFORE.get(phrase, ()):
                continue  # "in place of signatures" is not "in place"
            if all((lemmas[k + j] == phrase[j] or lowers[k + j] == phrase[j]
                    or lowers[k + j].rstrip("s") == phrase[j]) and span[k + j].pos_ in pos.get(j, (span[k + j].pos_,))
                   for j in range(n)):
                found.append((k, k + n, weight))
                used.update(range(k, k + n))
    return found


def sentence_cues(span: Span) -> list[Cue]:
    """Every stance cue in `span` with negation, hedges, modals and contrast applied. Empty unless the span is
    about the talks."""
    if not is_about_talks(span):
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
        key = _lookup(tok, L.PROGRESS_CUES)
        if key is not None:
            if key in L.PREP_OBJECT_CUES:
                if not any(c.dep_ == "prep" and c.lower_ in L.PREP_OBJECT_CUES[key]
                           and any(g.dep_ == "pobj" and is_talk_term(g) for g in c.children) for c in tok.children):
                    continue
            elif key in L.PROGRESS_NEEDS_TARGET and not _linked_to_talks(tok):
                continue
            if key in L.NEEDS_TALK_SUBJECT and not _talk_subject(tok):
                continue
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
    for tok, text, base in candidates:
        value, notes = base, []
        why = None if tok.i in self_negated else _negated(tok)
        if why is not None:
            value *= L.NEGATED_PROGRESS_FACTOR if base > 0 else L.NEGATED_FAILURE_FACTOR
            notes.append(f"negated ({why})")
            gov = _negating_governor(tok)
            if gov is not None:
                governors_used.add(gov.i)
        risk = _at_risk(tok)
        if risk is not None:
            value *= L.RISK_FACTOR
            notes.append(f"at risk ({risk})")
        hedge = _hedged(tok)
        if hedge is not None and value > 0:
            value *= L.HEDGE_FACTOR
            notes.append(f"hedged ({hedge})")
        modal = _modal(tok)
        if modal is not None:
            value *= L.MODAL_FACTOR
            notes.append(f"modal ({modal})")
        unmet = _unmet_hope(tok)
        if unmet is not None and base > 0:
            value *= L.UNMET_HOPE_FACTOR
            notes.append(f"unmet hope ({unmet})")
        recap = _recap(tok)
        if recap is not None:
            value *= L.RECAP_FACTOR
            notes.append(f"recap ({recap})")
        if tok.i in contrast:
            factor, note = contrast[tok.i]
            value *= factor
            notes.append(note)
        elif opener is not None and not (unmet is not None and base > 0):
            value *= L.BEFORE_CONTRAST_FACTOR
            notes.append(f"before '{opener.text}' (next sentence)")
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
    for m in _QUOTE_RE.finditer(doc.text):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        out.append((m.start(g), m.end(g)))
    return out


def quoted_share(span: Span, ranges: Sequence[tuple[int, int]]) -> float:
    """Share of the span's words that lie inside a quote range."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or not ranges:
        return 0.0
    inside = sum(1 for t in words if any(a <= t.idx < b for a, b in ranges))
    return inside / len(words)


def is_attributed(span: Span) -> bool:
    """Reported speech: a reporting verb (not itself a stance cue like 'agree') with a subject, or an
    'according to' / 'per' attribution. 'Asif said the talks would resume' is Asif's view, not the outlet's."""
    if any(re.search(rf"(^|\W){re.escape(p)}\s+[A-Z]", span.text, re.I) for p in ATTRIBUTION_PHRASES
           if p not in ("per",)) or re.search(r"(^|\W)per\s+(the\s+)?[A-Z]", span.text):
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
    head = doc.text[: len(title) + 300]
    norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    pos = head.find(title.strip())
    if pos >= 0:
        return pos, pos + len(title.strip())
    first_line = doc.text.split("\n", 1)[0]
    if norm(first_line) == norm(title):
        return 0, len(first_line)
    return None


def _rows_from_doc(doc: Doc, quotes: Sequence[Quote]) -> list[Sentence]:
    ranges = quote_ranges(doc, quotes)
    rows = []
    for k, s in enumerate(x for x in doc.sents if x.text.strip()):
        about, cue = sentence_cue(s)
        voice = "quoted" if quoted_share(s, ranges) > QUOTED_SHARE else "outlet"
        rows.append(Sentence(index=k, start_char=s.start_char, end_char=s.end_char, paragraph=0,
                             text=s.text.strip(), about_talks=about, stance_cue=cue, voice=voice))
    return rows


def scored_sentences(doc: Doc, sentences: Sequence[Sentence], quotes: Sequence[Quote] = (),
                     title: Optional[str] = None) -> list[ScoredSentence]:
    """Each cue-bearing talk sentence with its cue, position and voice weight (the inputs of the article score)."""
    rows = list(sentences) or _rows_from_doc(doc, quotes)
    headline = _headline_range(doc, title)
    out: list[ScoredSentence] = []
    seen: set[str] = set()
    lead_left = L.LEAD_SENTENCES
    head_words: set[tuple[str, ...]] = set()  # content words of a headline that carries a cue
    head_cue = 0.0
    if title and headline is None:  # the title is not in the text: parse and score it on its own
        from lib.nlp import load_model

        tdoc = load_model()(title.strip())
        about, cue = sentence_cue(tdoc[:])
        if about and cue:
            head_words, head_cue = _content_lemmas(tdoc[:]), cue
            voice = "quoted" if is_attributed(tdoc[:]) else "outlet"
            w = L.HEADLINE_WEIGHT * (L.QUOTED_WEIGHT if voice == "quoted" else L.OUTLET_WEIGHT)
            out.append(ScoredSentence(title.strip(), cue, w, voice, "headline"))
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
        pos_w = {"headline": L.HEADLINE_WEIGHT, "lead": L.LEAD_WEIGHT}.get(position, 1.0)
        voice_w = L.QUOTED_WEIGHT if voice == "quoted" else L.OUTLET_WEIGHT
        out.append(ScoredSentence(row.text, row.stance_cue, pos_w * voice_w, voice, position))
    return out


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
                 title: Optional[str] = None) -> Stance:
    """The article's stance toward the talks (see the module docstring for the method and thresholds).

    `sentences` are the rows from `lib.sentiment.sentence_rows` (their `about_talks`, `stance_cue` and `voice`
    are used); when empty they are built from `doc`. `quotes` only matter in that fallback.
    """
    scored = scored_sentences(doc, sentences, quotes, title)
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
        return Stance(label="insufficient evidence", score=0.0, n_sentences=n, outlet_score=rnd(outlet),
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
    sents = {}
    for a, b in spans:
        for tok in doc:
            if a <= tok.idx < b:
                sents[tok.sent.start] = tok.sent
    total = 0.0
    for sent in sents.values():
        for cue in sentence_cues(sent):
            idx = doc[cue.i].idx
            if any(a <= idx < b for a, b in spans):
                total += cue.value
    return max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))
