"""Negation read from the dependency parse: a `neg` child, "no" / "without", a negated subject, a negating governor
("refused to"), a negated belief verb. Shared by the stance cues and the domain-adjusted sentiment."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from lib.lexicons import stance as L


def _neg_child(tok: Token) -> Optional[str]:
    """A `neg` child: "not hopeful"."""
    return "neg" if any(c.dep_ == "neg" for c in tok.children) else None


def _negating_word(tok: Token) -> Optional[str]:
    """A negating determiner or adverb on it: "no progress"."""
    if any(c.lower_ in L.NEGATING_DETS and c.dep_ in ("det", "advmod", "neg", "amod") for c in tok.children):
        return "no"
    return None


_COMPLETES_HEAD = ("acomp", "advmod", "attr", "oprd", "prep", "prt", "dobj", "nsubjpass")


def _negated_head(tok: Token) -> Optional[str]:
    """The verb it completes is negated ("is not optimistic"), or it follows "without" ("without any disruption")."""
    head = tok.head
    if tok.dep_ not in (*_COMPLETES_HEAD, "xcomp", "pobj") or head.i == tok.i:
        return None
    if tok.dep_ in _COMPLETES_HEAD and any(c.dep_ == "neg" for c in head.children):
        return "neg"
    if head.lower_ in L.NEGATING_DETS:
        return "without"
    return None


def _lack_of(tok: Token) -> Optional[str]:
    """ "a lack of progress"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.head.i != head.i and head.lower_ == "of" and head.head.lemma_.lower() == "lack":
        return "lack of"
    return None


def _without_above(tok: Token) -> Optional[str]:
    """ "without detailing optimism", "without reaching an agreement": "without" or "lack" up to three heads up."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("dobj", "pcomp", "pobj", "xcomp", "attr"):
            break
        t = t.head
        if t.lower_ in ("without", "lack"):
            return t.lower_
    return None


def _governed(tok: Token) -> Optional[str]:
    """A negating governor: "refused to", "unwilling to"."""
    gov = negating_governor(tok)
    return f"{gov.lemma_.lower()} to" if gov is not None else None


def _negated_complement(tok: Token) -> Optional[str]:
    """G2: the clause is the complement of a negated subject ("neither wants to see its mediation fail") or of a
    negated belief verb ("does not think the process is doomed")."""
    t = tok
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            break
        t = t.head
        if any(c.lower_ in L.NEGATING_SUBJECT_DETS and c.dep_ in ("preconj", "nsubj", "det") for c in t.children) \
                or any(c.dep_ == "nsubj" and _negating_det(c) for c in t.children):
            return "no subject"
        if t.lemma_.lower() in L.NEG_RAISING_VERBS and any(c.dep_ == "neg" for c in t.children):
            return f"not {t.lemma_.lower()}"
    return None


def negated(tok: Token) -> Optional[str]:
    """Why `tok` is negated, or None: a neg child (on it, or on the verb it completes), a 'no'/'without', or a
    negating governor such as 'refused to' / 'unwilling to'. The rules of NEGATION_RULES, in order."""
    for _, rule in NEGATION_RULES:
        why = rule(tok)
        if why is not None:
            return why
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


def negating_governor(tok: Token) -> Optional[Token]:
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


# Why a word is negated, tried in order: the first rule that answers decides (its answer is the reason).
NEGATION_RULES = (
    ("neg child", _neg_child),
    ("negating word", _negating_word),
    ("negated subject", _negated_subject),
    ("negated head", _negated_head),
    ("lack of", _lack_of),
    ("without above", _without_above),
    ("negating governor", _governed),
    ("negated complement", _negated_complement),
)
