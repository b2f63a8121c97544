"""What scales a cue once it is found (rules 3-5 and G2): risk, hedges, modals and conditions, unmet hopes, recaps of
earlier rounds, contrast inside the sentence and from the next one, and a rebuttal by the next sentence."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text, span_text
from lib.extract.stance.topic import is_talk_term
from lib.extract.stance.words import _lookup, _token_arrays
from lib.lexicons import stance as L


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
    key = "lib.extract.stance.latest_round"
    if key not in doc.user_data:
        best = 0
        lowers = _token_arrays(doc)[1]
        for i in (i for i, lower in enumerate(lowers) if lower in L.ORDINALS):  # only ordinals need a Token
            t, n = doc[i], L.ORDINALS[lowers[i]]
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
