"""What makes a sentence about the talks (rule 1 and G1 of the package docstring): talk terms, stand-ins (venues,
"peace", "the process"), a process declared over, an ending of the fighting, a sentence continuing its paragraph's
topic; and the evaluated prospect nouns ("expectations are low") both this and the cues read."""
from __future__ import annotations

import functools
from typing import Optional

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text, span_text
from lib.extract.stance.words import _caches, _keys_of, _lookup, _topic, word_flags
from lib.lexicons import stance as L


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
    key = "lib.extract.stance.explicit_talk_sentences"
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
        doc = span.doc
        answer = cache[key] = any(is_talk_term(t) or _is_over_predicate(t) or _ending_conflict(t)
                                  for t in _candidate_tokens(doc, span.start, span.end)) or _continues_topic(span)
    return answer


def _candidate_tokens(doc: Doc, start: int, end: int):
    """The tokens of doc[start:end] that carry a word `is_talk_term`, `_is_over_predicate` or `_ending_conflict`
    starts from (each answers False for any other token): only these are worth a Token and the rules."""
    flags = _starts_a_rule(doc)
    return (doc[i] for i in range(start, end) if flags[i])


def _starts_a_rule(doc: Doc) -> list[bool]:
    """Per token: one of its keys is a talk term or "round"; its lemma a scare noun, "process", "peace", a frame
    term or an ending word; its form a venue, "over" or an ending word. Computed once per Doc (per topic)."""
    return word_flags(doc, _word_starts_a_rule)


@functools.lru_cache(maxsize=65536)
def _word_starts_a_rule(lemma: str, lower: str, venues: frozenset, terms: frozenset) -> bool:
    keys = _keys_of(lemma, lower)
    return any(k in terms or k == "round" for k in keys) or lemma in _LEMMA_STARTS or lower in venues or \
        lower == "over" or lower in L.ENDING_WORDS


_LEMMA_STARTS = L.SCARE_NOUNS | L.FRAME_TERMS | L.ENDING_WORDS | {"process", "peace"}


def _continues_topic(span: Span) -> bool:
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    if first is None or span.start == 0:
        return False
    if first.lower_ not in L.TOPIC_CONTINUERS and not _anaphoric_hook(span):
        return False
    prev = _previous_in_paragraph(span)
    return prev is not None and any(is_talk_term(t) for t in _candidate_tokens(span.doc, prev.start, prev.end))


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
