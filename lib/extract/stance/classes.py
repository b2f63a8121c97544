"""G2 cue classes read from the parse: outcome verbs with the talks as subject, evaluated prospect nouns, wishes and
prayers, an ending of the fighting, shadows cast over the talks; and the absent talks ("no fourth round")."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from lib.extract.negation import negating_governor
from lib.extract.stance.topic import _ending_conflict, _pronoun_is_talks, _prospect_eval, is_talk_term
from lib.extract.stance.words import _lookup, _topic
from lib.lexicons import stance as L


# What a cue-class rule returns when `tok` is not of its class (the next class is tried).
_NOT_THIS = object()


def _prospect_class(tok: Token):
    """An evaluated prospect noun: "expectations are low", "slim hopes"."""
    ev = _prospect_eval(tok)
    if ev is None:
        return _NOT_THIS
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


def _outcome_class(tok: Token):
    """An outcome verb with the talks as subject or an outcome as object: "the talks succeed", "produce a deal"."""
    lemma = tok.lemma_.lower()
    if not (tok.pos_ in ("VERB", "AUX") and lemma in L.OUTCOME_VERBS):
        return _NOT_THIS
    if _wish_governor(tok) is not None:
        return (None,)  # the wish verb is the cue ("we pray the talks succeed")
    gov = negating_governor(tok)
    if gov is not None and _lookup(gov, L.FAILURE_CUES):
        return (None,)  # "failed to produce results": the failure verb is the cue, at its own weight
    obj = any(c.dep_ == "dobj" and (is_talk_term(c) or c.lemma_.lower() in L.OUTCOME_OBJECTS)
              for c in tok.children) and lemma != "succeed"
    if obj or _outcome_subject(tok):
        return tok, tok.text, L.OUTCOME_VERBS[lemma], {tok.i}
    return (None,)


def _wish_class(tok: Token):
    """A wish or prayer for the talks' outcome: "pray", "wish", "want" ... the talks succeed."""
    lemma = tok.lemma_.lower()
    if not (tok.pos_ == "VERB" and lemma in L.WISH_VERBS and lemma not in L.PROGRESS_CUES):
        return _NOT_THIS
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp") and (c.lemma_.lower() in L.OUTCOME_VERBS or
                                             _lookup(c, L.PROGRESS_CUES)) and _outcome_subject(c):
            return tok, f"{tok.text} ... {c.text}", L.WISH_VERBS[lemma], {tok.i}
    return None


def _ending_class(tok: Token):
    """An ending of the fighting, what the talks are for: "aim to end decades of conflict", "an end to the war"."""
    if not _ending_conflict(tok):
        return _NOT_THIS
    return tok, tok.text, L.ENDING_CONFLICT_WEIGHT, {tok.i}


def _shadow_class(tok: Token):
    """A shadow cast over the talks: "casts a shadow over the talks"."""
    if not (tok.lemma_.lower() in L.SHADOW_NOUNS and tok.pos_ == "NOUN"
            and tok.head.lemma_.lower() in L.SHADOW_VERBS):
        return _NOT_THIS
    preps = [c for c in list(tok.children) + list(tok.head.children) if c.dep_ == "prep"
             and c.lower_ in ("over", "on", "across")]
    if any(is_talk_term(g) for p in preps for g in p.subtree):
        return tok, f"{tok.head.text} a {tok.text}", -L.SHADOW_WEIGHT, {tok.i}
    return _NOT_THIS


# The G2 cue classes, tried in order: the first class `tok` belongs to decides.
CUE_CLASSES = (
    ("prospect evaluation", _prospect_class),
    ("outcome verb", _outcome_class),
    ("wish", _wish_class),
    ("ending the conflict", _ending_class),
    ("shadow over the talks", _shadow_class),
)


def class_cue_rule(tok: Token) -> tuple[str, object]:
    """(the name of the class that decided, its result as `_class_cue` returns it), or ("", None)."""
    for name, rule in CUE_CLASSES:
        result = rule(tok)
        if result is not _NOT_THIS:
            return name, result
    return "", None


def _class_cue(tok: Token):
    """G2 cue classes read from the parse (see `lib.lexicons.stance`, G2). Returns None when `tok` is none of
    them, (None, ...) when it is one that does not count here, else (anchor, text, signed base, consumed ids)."""
    return class_cue_rule(tok)[1]


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
