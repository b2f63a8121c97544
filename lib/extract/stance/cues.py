"""The stance cues of one sentence (rule 2): multi-word phrases, single-word progress and failure cues with their
conditions, G2 classes; each then negated, softened and contrasted (`lib.extract.stance.modifiers`)."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from lib.extract.negation import negated, negating_governor
from lib.extract.stance.classes import _absent_talks, _class_cue, _describes_other_noun
from lib.extract.stance.modifiers import (_SOFTENERS, _before_contrast, _contrast_factors, _contrast_marker,
                                          _contrast_opener, _rebuttal)
from lib.extract.stance.topic import _describes_other, _is_over_predicate, _so_called, is_about_talks, is_talk_term
from lib.extract.stance.words import _caches, _lookup, _token_arrays
from lib.lexicons import stance as L


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
        why = None if tok.i in self_negated else negated(tok)
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


def sentence_cue(span: Span) -> tuple[bool, float]:
    """(about the talks, signed stance cue in [-1, 1]) for one sentence: what `Sentence` rows carry."""
    about = is_about_talks(span)
    if not about:
        return False, 0.0
    total = float(sum(c.value for c in sentence_cues(span)))
    return True, max(-L.SENTENCE_CAP, min(L.SENTENCE_CAP, total))
