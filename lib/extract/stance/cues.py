"""The stance cues of one sentence (rule 2): multi-word phrases, single-word progress and failure cues with their
conditions, G2 classes; each then negated, softened and contrasted (`lib.extract.stance.modifiers`)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Span, Token

from lib.extract.negation import negated, negating_governor
from lib.extract.stance.classes import _absent_talks, _class_cue, _describes_other_noun
from lib.extract.stance.modifiers import (_SOFTENERS, _before_contrast, _contrast_factors, _contrast_marker,
                                          _contrast_opener, _rebuttal)
from lib.extract.stance.topic import (_describes_other, _is_over_predicate, _so_called, _word_starts_a_rule,
                                      is_about_talks, is_talk_term)
from lib.extract.stance.words import _caches, _keys_of, _lookup, _token_arrays, word_flags
from lib.lexicons import stance as L


@dataclass(frozen=True)
class Cue:
    """One stance cue found in a sentence: its words, base signed weight, the factors applied, final value."""

    text: str
    i: int  # token index (in the doc) of the cue's anchor
    base: float
    value: float
    notes: tuple[str, ...] = ()
    rule: str = ""  # the finder that found it (`CUE_FINDERS`, "phrase" or "implicit contrast")


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


@dataclass(frozen=True)
class Found:
    """What a cue finder made of a token: the cues it anchors (none: the token is the finder's case but counts
    nothing here), whether they hold their own negation ("no progress"), and the tokens no other cue may use."""

    cues: tuple[tuple[Token, str, float], ...] = ()  # (anchor token, text, signed base weight)
    self_negated: bool = False
    consumed: frozenset = frozenset()


_NOTHING = Found()


def _over(tok: Token) -> Optional[Found]:
    """"negotiations are over", "Talks 'Over'"."""
    return Found(((tok, tok.text, -L.OVER_WEIGHT),)) if _is_over_predicate(tok) else None


def _so_called_talks(tok: Token) -> Optional[Found]:
    """"the so-called peace process": scare quotes in words."""
    if tok.lower_ == "called" and tok.dep_ == "amod" and getattr(_so_called(tok.head), "i", -1) == tok.i \
            and (is_talk_term(tok.head) or tok.head.lemma_.lower() in L.SCARE_NOUNS):
        return Found(((tok, f"so-called {tok.head.text}", -L.SO_CALLED_WEIGHT),), self_negated=True)
    return None


def _no_talks(tok: Token) -> Optional[Found]:
    """"no fourth round scheduled", "ended without agreement"."""
    if not _absent_talks(tok):
        return None
    text = f"no {tok.text}" if tok.dep_ != "pobj" else f"{tok.head.text} {tok.text}"
    return Found(((tok, text, -L.ABSENT_TALKS_WEIGHT),), self_negated=True)


def _cue_class(tok: Token) -> Optional[Found]:
    """G2 classes (`lib.extract.stance.classes`): outcome verbs, prospects, wishes, endings, shadows."""
    g2 = _class_cue(tok)
    if g2 is None:
        return None
    if g2[0] is None:
        return _NOTHING
    anchor, text, base, used = g2
    return Found(((anchor, text, base),), consumed=frozenset(used))


def _other_noun(tok: Token) -> Optional[Found]:
    """"security failures": the cue noun names something else."""
    return _NOTHING if _describes_other_noun(tok) else None


def _talk_object(tok: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass", "attr") and is_talk_term(c) for c in tok.children)


def _progress_word(tok: Token) -> Optional[Found]:
    """A progress word (`PROGRESS_CUES`) with what its entry needs: a talk term as the object of its preposition,
    a tie to the talks, a talk subject ("the ceasefire holds", not "delegations are holding talks") or object."""
    key = _lookup(tok, L.PROGRESS_CUES)
    if key is None:
        return None
    if key in L.PREP_OBJECT_CUES:
        if not any(c.dep_ == "prep" and c.lower_ in L.PREP_OBJECT_CUES[key]
                   and any(g.dep_ == "pobj" and is_talk_term(g) for g in c.children) for c in tok.children):
            return _NOTHING
    elif key in L.PROGRESS_NEEDS_TARGET and not _linked_to_talks(tok):
        return _NOTHING
    if key in L.NEEDS_TALK_SUBJECT and (not _talk_subject(tok) or any(c.dep_ == "dobj" for c in tok.children)):
        return _NOTHING
    if key in L.NEEDS_TALK_OBJECT and not _talk_object(tok):
        return _NOTHING
    return Found(((tok, tok.text, L.PROGRESS_CUES[key]),))


def _failure_word(tok: Token) -> Optional[Found]:
    """A failure word (`FAILURE_CUES`) tied to the talks where its entry needs it, not an outcome the parse ties to
    something else ("brought the economy to a standstill")."""
    key = _lookup(tok, L.FAILURE_CUES)
    if key is None:
        return None
    if (key in L.FAILURE_NEEDS_TARGET and not _linked_to_talks(tok)) or (
            key in L.OUTCOME_TERMS and _describes_other(tok)) or (key in L.NEEDS_TALK_OBJECT and not _talk_object(tok)):
        return _NOTHING
    return Found(((tok, tok.text, -L.FAILURE_CUES[key]),))


# The single-token cue finders, tried in order on each token not taken by a phrase: (rule name, finder). The first
# finder that answers decides for the token, even when it finds no cue (a progress word without the talks).
CUE_FINDERS: tuple[tuple[str, Callable[[Token], Optional[Found]]], ...] = (
    ("over", _over),
    ("so-called", _so_called_talks),
    ("absent talks", _no_talks),
    ("cue class", _cue_class),
    ("noun names something else", _other_noun),
    ("progress word", _progress_word),
    ("failure word", _failure_word),
)


def find_cue(tok: Token) -> tuple[Optional[str], Found]:
    """(the name of the CUE_FINDERS rule that decided for `tok`, what it found); (None, nothing) when none did."""
    for name, finder in CUE_FINDERS:
        found = finder(tok)
        if found is not None:
            return name, found
    return None, _NOTHING


def _candidates(span: Span) -> tuple[list[tuple[Token, str, float, str]], set[int]]:
    """Every cue of the sentence before modifiers, (anchor, text, base, rule name), and the anchors that hold their
    own negation: multi-word phrases first, then each remaining token through CUE_FINDERS."""
    candidates: list[tuple[Token, str, float, str]] = []
    consumed: set[int] = set()
    self_negated: set[int] = set()
    for k0, k1, weight in _phrase_matches(span):
        words = span[k0:k1]
        candidates.append((words.root, words.text, weight, "phrase"))
        consumed.update(t.i for t in words)
        if any(t.lower_ in L.NEGATING_DETS for t in words):
            self_negated.add(words.root.i)
    doc, flags = span.doc, _cue_word_flags(span.doc)
    for i in range(span.start, span.end):
        if not flags[i] or i in consumed:  # no finder answers for a token without one of their words
            continue
        tok = doc[i]
        if tok.is_punct:
            continue
        name, found = find_cue(tok)
        candidates.extend((anchor, text, base, name) for anchor, text, base in found.cues)
        consumed.update(found.consumed)
        if found.self_negated:
            self_negated.add(tok.i)
    return candidates, self_negated


def _cue_word_flags(doc) -> list[bool]:
    """Per token of the Doc: it carries a word one of CUE_FINDERS starts from (`_finder_word`). Every finder
    answers None for any other token, so `find_cue` would find nothing there. Computed once per Doc (per topic)."""
    return word_flags(doc, _finder_word)


_CUE_KEYS = frozenset(L.PROGRESS_CUES) | frozenset(L.FAILURE_CUES) | L.PROSPECT_NOUNS
_CUE_LEMMAS = frozenset(L.OUTCOME_VERBS) | frozenset(L.WISH_VERBS) | L.SHADOW_NOUNS | L.ABSENT_TALKS_NOUNS | \
    L.ENDING_WORDS
_CUE_FORMS = L.ENDING_WORDS | {"over", "called"}


@functools.lru_cache(maxsize=65536)
def _finder_word(lemma: str, lower: str, venues: frozenset, terms: frozenset) -> bool:
    """A word some finder starts from: a progress, failure or prospect word (`_lookup`'s keys); an outcome verb, a
    wish, a shadow, an absent-talks noun or an ending (lemma); "over", "called" or an ending (form); or a word a
    talk term starts from (the absent talks: "no fourth round")."""
    return any(k in _CUE_KEYS for k in _keys_of(lemma, lower)) or lemma in _CUE_LEMMAS or lower in _CUE_FORMS or \
        _word_starts_a_rule(lemma, lower, venues, terms)


def _modified(tok: Token, base: float, self_negated: bool, governors_used: set[int],
              context: tuple) -> tuple[float, list[str]]:
    """A cue's value once negation, the softeners, contrast and a rebuttal apply, with a note for each."""
    contrast, opener, rebutted = context
    value, notes = base, []
    why = None if self_negated else negated(tok)
    if why is not None:
        value *= L.NEGATED_PROGRESS_FACTOR if base > 0 else L.NEGATED_FAILURE_FACTOR
        notes.append(f"negated ({why})")
        gov = negating_governor(tok)
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
    return value, notes


def _implicit_contrast(span: Span, cues: list[Cue]) -> Optional[Cue]:
    """A "but" after cues with nothing counted after it answers them: a cue of the opposite sign."""
    marker = _contrast_marker(span)
    if marker is None or not cues:
        return None
    scope = {u.i for u in _before_contrast(span, marker)}
    before = sum(c.value for c in cues if c.i in scope)
    if not before or any(c.i > marker.i for c in cues):
        return None
    sign = -1.0 if before > 0 else 1.0
    after = span.doc[marker.i + 1:span.end].text.strip()
    return Cue(text=f"{marker.text} {after}", i=marker.i, base=sign * L.IMPLICIT_CONTRAST,
               value=sign * L.IMPLICIT_CONTRAST, notes=("implicit contrast",), rule="implicit contrast")


def _sentence_cues(span: Span) -> list[Cue]:
    if not is_about_talks(span) or _is_question(span):
        return []
    candidates, self_negated = _candidates(span)
    if not candidates:  # nothing to modify, and an implicit contrast answers cues only
        return []
    context = (_contrast_factors(span), _contrast_opener(span), _rebuttal(span))
    governors_used: set[int] = set()
    cues = []
    for tok, text, base, rule in candidates:
        value, notes = _modified(tok, base, tok.i in self_negated, governors_used, context)
        cues.append(Cue(text=text, i=tok.i, base=base, value=value, notes=tuple(notes), rule=rule))
    # A negating governor ("refused", "unwilling") that flipped a cue is not counted a second time.
    cues = [c for c in cues if c.i not in governors_used]
    implicit = _implicit_contrast(span, cues)
    return cues + [implicit] if implicit is not None else cues


def explain_cues(span: Span) -> list[tuple[str, str, float, tuple[str, ...]]]:
    """Why the sentence carries its cue: (rule that found each cue, its words, its value, the modifiers applied)."""
    return [(c.rule, c.text, c.value, c.notes) for c in sentence_cues(span)]


def sentence_cue(span: Span) -> tuple[bool, float]:
    """(about the talks, signed stance cue in [-1, 1]) for one sentence: what `Sentence` rows carry."""
    about = is_about_talks(span)
    if not about:
        return False, 0.0
    total = float(sum(c.value for c in sentence_cues(span)))
    return True, max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))
