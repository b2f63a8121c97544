"""A figure's category (from the topic's order), its unit, and the signals read around the number: governing verbs
and their objects, captives, migrants, caused states, and the context of a count its own clause leaves open."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from lib.extract.figures.counted import _words_of
from lib.extract.figures.lexicon import _category_of_verbs, _category_of_words, _lex
from lib.extract.figures.scan import _Candidate
from lib.lexicons import figures as L
from lib.records import Figure


def _is_clause_verb(tok: Token, came_from: Token) -> bool:
    """A verb on the way up, or a predicate adjective, or a root "noun" with a direct object (a verb the tagger
    missed: "Pakistan hosts 3 million")."""
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("amod", "acomp")) or (
        tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and came_from.dep_ == "dobj")


def _heads_up_the_clause(num: Token, start: Token) -> tuple[list[Token], list[str], list[str]]:
    """(verbs, nouns, hosting cues) met going up from the counted thing to its clause: the governing verbs,
    nouns it is linked to through "of"-like prepositions, and "home to"."""
    verbs: list[Token] = []
    nouns: list[str] = []
    hosting: list[str] = []
    tok, came_from, steps = start, start, 0
    while tok.head is not tok and steps < 6:
        if came_from.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and came_from.pos_ in ("VERB", "AUX"):
            break  # a sibling clause's verb says nothing of this count ("killing 1,200 and capturing 250 hostages")
        tok = tok.head
        steps += 1
        linked_by_prep = tok.pos_ in ("NOUN", "PROPN") and came_from.dep_ == "prep"
        if _is_clause_verb(tok, came_from):
            # "left 2,000 families homeless": a causative verb of the counted thing is no departure (its state,
            # `_caused_state`, or the thing itself says what is counted)
            if not (came_from.dep_ == "dobj" and tok.lemma_.lower() in L.CAUSATIVE_VERBS):
                verbs.append(tok)
            if len([v for v in verbs if v.pos_ == "VERB"]) >= 2 or tok.dep_ in ("ROOT", "ccomp", "advcl"):
                break
        elif linked_by_prep and came_from.lower_ == "to" and tok.lemma_.lower() in L.HOSTING_NOUNS:
            hosting.append("host")  # "is home to 3 million Afghans"
        elif linked_by_prep and came_from.pos_ == "ADP":
            # Only through "of"-like links ("deportations of 500,000 Afghans"), not through lists ("trucks
            # and half a million Afghans").
            nouns += [tok.lower_, tok.lemma_.lower()]
        came_from = tok
    return verbs, nouns, hosting


def _verbs_that_say_what_happened(noun: Optional[Token], verbs: list[Token]) -> list[Token]:
    """Verbs describing the counted noun ("soldiers killed", "Afghans living in"), complement verbs ("were forced
    to leave", "began to return") and predicate adjectives ("were shot dead", "left injured")."""
    more: list[Token] = []
    if noun is not None:
        more += [t for t in noun.children if t.dep_ in ("acl", "relcl") and t.pos_ in ("VERB", "ADJ")]
        more += [t for t in noun.rights if t.dep_ == "amod" and t.pos_ in ("VERB", "ADJ")]
    described = verbs + more
    more += [x for v in described for x in v.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
    described = verbs + more
    more += [x for v in described for x in v.children if x.dep_ in ("acomp", "oprd", "xcomp") and x.pos_ == "ADJ"]
    return more


def _object_words(child: Token) -> list[str]:
    """The nouns of a verb's object, lower-case and lemma (no more than 12 words)."""
    return [w for t in child.subtree if t.i >= child.left_edge.i and t.pos_ in ("NOUN", "PROPN")
            and not (t.dep_ == "compound" and t.lemma_.lower() in L.HEAD_ONLY_CATEGORY_WORDS)
            for w in (t.lower_, t.lemma_.lower())][:12]


def _objects_of_what_happens(num: Token, noun: Optional[Token], start: Token, verbs: list[Token]) -> list[str]:
    """Objects of a verb tell what happens to its subject ("600,000 Afghans face repatriation"): read only when
    the counted thing is that subject, or the verb describes it ("Afghans facing deportation")."""
    subjects_of = {start.head.i} if start.dep_ in ("nsubj", "nsubjpass") else set()
    subjects_of |= {x.i for x in start.head.children if x.dep_ == "xcomp"} if subjects_of else set()
    describing = {t.i for t in verbs if t.head.i == start.i}
    nouns: list[str] = []
    for v in verbs:
        if v.i not in subjects_of and v.i not in describing:
            continue
        for child in v.children:
            if child.dep_ in ("dobj", "attr", "oprd") and child.i != num.i and (noun is None or child.i != noun.i):
                nouns += _object_words(child)
            elif child.dep_ == "prep":
                nouns += [t.lemma_.lower() for t in child.children if t.dep_ == "pobj"]
    return nouns


def _governing_cues(num: Token, noun: Optional[Token]) -> tuple[list[str], list[str]]:
    """(verb lemmas, object nouns) around the number: its governing verbs up to the clause, verbs that
    describe the counted noun ("soldiers killed", "Afghans living in"), and their objects ("face
    repatriation")."""
    start = noun if noun is not None else num
    verbs, nouns, hosting = _heads_up_the_clause(num, start)
    verbs += _verbs_that_say_what_happened(noun, verbs)
    nouns += _objects_of_what_happens(num, noun, start, verbs)
    lemmas = [v.lemma_.lower() for v in verbs] + [v.lower_ for v in verbs] + hosting
    return lemmas, nouns


@dataclass(frozen=True)
class _Signals:
    """What a figure's category is read from: the candidate, its number and counted noun, and the categories their
    words give (the noun's, its governing verbs', the verbs' objects'), with the verbs' lemmas."""

    c: _Candidate
    num: Optional[Token]
    noun: Optional[Token]
    noun_cat: Optional[str]
    verb_cat: Optional[str]
    chain_cat: Optional[str]
    lemmas: tuple[str, ...]


def _signals(c: _Candidate, num: Optional[Token], noun: Optional[Token]) -> _Signals:
    noun_cat = _category_of_words(_words_of(noun))
    verb_cat = chain_cat = None
    lemmas: list[str] = []
    if num is not None:
        lemmas, objects = _governing_cues(num, noun)
        verb_cat = _category_of_verbs(lemmas)
        chain_cat = _category_of_words(objects)
    if verb_cat == "refugees" and noun is not None and (not _people_noun(noun) or _is_combatant(noun)):
        # "the expo hosts 300 companies", "sheltering 6,000 fighters": refuge makes refugees only of civilians
        verb_cat = None
    if verb_cat == "economy" and noun is not None and _people_noun(noun):
        # "they lost nine fighters" counts the dead; "exported 40 workers" is no economic figure
        verb_cat = "casualties" if "lose" in lemmas else None
    return _Signals(c, num, noun, noun_cat, verb_cat, chain_cat, tuple(lemmas))


def _subject_of_a_generic_count(s: _Signals) -> Optional[str]:
    """ "Returns from Pakistan averaged about 4,500 people per day": the verb's subject says what is counted."""
    noun = s.noun
    if not (s.noun_cat is None and s.chain_cat is None and s.verb_cat is None and noun is not None
            and noun.lower_ in L.GENERIC_COUNTED_NOUNS and noun.dep_ in ("dobj", "attr")):
        return None
    subjects = [t for t in noun.head.children if t.dep_ in ("nsubj", "nsubjpass")]
    subject_cat = _category_of_words(_words_of(subjects[0])) if subjects else None
    return subject_cat if subject_cat in L.PEOPLE_CATEGORIES else None


def _captives(s: _Signals) -> Optional[str]:
    """Hostages, prisoners, detainees (dead hostages and bodies of hostages stay casualties)."""
    if _counts_captives(s.num, s.noun) and "casualties" not in (s.noun_cat, s.chain_cat):
        return _lex().captives
    return None


def _detained_migrants(s: _Signals) -> Optional[str]:
    """ "4,000 Afghans were detained": migrants held to be sent back."""
    if s.noun is not None and _is_migrant(s.noun) and s.num is not None and \
            any(v in L.DETENTION_VERBS for v in s.lemmas):
        return "deportations"
    return None


def _times_violated(s: _Signals) -> Optional[str]:
    """ "violated the truce 17 times": each time is an incident."""
    if s.noun is not None and s.noun.lemma_.lower() == "time" and s.verb_cat == "incidents":
        return "incidents"
    return None


def _what_is_done_to_people(s: _Signals) -> Optional[str]:
    """A people noun says nothing by itself; "refugees deported" / "refugees killed" counts the action, and
    "returned the bodies of four hostages" counts bodies, whatever the verb does with them."""
    acts = ("casualties", "deportations")
    if not (s.noun_cat in (None, "refugees") and (s.verb_cat in acts or s.chain_cat in acts)):
        return None
    if s.chain_cat == "casualties":
        return s.chain_cat
    return s.verb_cat if s.verb_cat in acts else s.chain_cat


def _words_in_order(s: _Signals) -> Optional[str]:
    """The counted noun's own words, else the verbs' objects, else the verbs; else "other"."""
    return s.noun_cat or s.chain_cat or s.verb_cat or "other"


# What a figure counts, tried in order: the first rule that names a category decides.
CATEGORY_RULES = (
    ("subject of a generic count", _subject_of_a_generic_count),
    ("caused state", lambda s: _caused_state(s.noun if s.noun is not None else s.num)),
    ("captives", _captives),
    ("detained migrants", _detained_migrants),
    ("times violated", _times_violated),
    ("what is done to people", _what_is_done_to_people),
    ("noun, objects, verbs", _words_in_order),
)


def category_rule(c: _Candidate, num: Optional[Token], noun: Optional[Token]) -> tuple[str, str]:
    """(the category, the rule that gave it)."""
    if c.currency:
        return "economy", "currency"
    signals = _signals(c, num, noun)
    for name, rule in CATEGORY_RULES:
        category = rule(signals)
        if category is not None:
            return category, name
    return "other", ""  # not reached: the last rule always names one


def _categorise(c: _Candidate, num: Optional[Token], noun: Optional[Token]) -> str:
    """What the figure counts, by the head noun first and the governing verbs second."""
    return category_rule(c, num, noun)[0]


def _counts_captives(num: Optional[Token], noun: Optional[Token]) -> bool:
    """Hostages, prisoners, detainees: "250 hostages", "18 soldiers currently held", "251 taken hostage"."""
    if noun is not None:
        if noun.lower_ in L.CAPTIVE_NOUNS or noun.lemma_.lower() in L.CAPTIVE_NOUNS:
            return True
        if _people_noun(noun) and not _is_migrant(noun) and any(
                c.dep_ in ("amod", "acl") and (c.lower_ in L.CAPTIVE_STATES or c.lemma_.lower() in L.CAPTIVE_STATES)
                for c in noun.children):
            return True
    if num is not None:  # "… and 251 taken hostage": read the words after the count, whatever the parse made of them
        after = [t.lower_ for t in num.doc[num.i + 1: num.i + 4]]
        if any(w in ("taken", "held") and i + 1 < len(after) and after[i + 1] in L.CAPTIVE_NOUNS
               for i, w in enumerate(after)):
            return True
    holder = noun if noun is not None else num
    if holder is None:
        return False
    # "taken hostage", "held captive": a predicate noun under a verb that describes the count
    return any(g.lower_ in L.CAPTIVE_NOUNS for v in holder.children if v.dep_ in ("acl", "relcl")
               for g in v.children if g.dep_ in ("oprd", "dobj", "attr", "npadvmod", "advmod"))


def _is_migrant(noun: Token) -> bool:
    return noun.lower_ in L.MIGRANT_NOUNS or noun.lemma_.lower() in L.MIGRANT_NOUNS or noun.ent_type_ == "NORP" \
        or _category_of_words(_words_of(noun)) == "refugees"


def _caused_state(noun: Optional[Token]) -> Optional[str]:
    """"left 1.2 million people displaced", "leaving three dead and 12 injured", "left 2,000 families homeless":
    the object of a causative verb (or a count joined to it, or a count of the state itself), with the state it
    is left in. (The causative verb itself says nothing of the category: `_heads_up_the_clause` skips it.)"""
    if noun is None:
        return None
    obj, states = noun, []
    while obj.dep_ == "conj" and obj.head.i != obj.i:
        obj = obj.head
    if obj.dep_ == "nummod" and obj.head.pos_ == "ADJ":  # "leaving three dead": the state is the object
        obj = obj.head
        states.append(obj.lemma_.lower())
    if obj.dep_ != "dobj" or obj.head.lemma_.lower() not in L.CAUSATIVE_VERBS:
        return None
    states += [t.lemma_.lower() for t in noun.children if t.dep_ in ("acl", "amod", "oprd") and t.i > noun.i]
    states += [t.lemma_.lower() for t in obj.head.children if t.dep_ in ("oprd", "xcomp", "acomp")]
    return _category_of_verbs(states) or _category_of_words(states)


def _is_combatant(noun: Token) -> bool:
    return noun.lower_ in L.COMBATANT_NOUNS or noun.lemma_.lower() in L.COMBATANT_NOUNS


def _people_noun(noun: Token) -> bool:
    people = _lex().person_nouns
    return noun.lower_ in people or noun.lemma_.lower() in people or noun.ent_type_ == "NORP" \
        or _category_of_words(_words_of(noun)) == "refugees"


def _unit(c: _Candidate, category: str, noun: Optional[Token]) -> str:
    if c.currency:
        return c.currency
    if c.percent:
        return "percent"
    if c.fraction:
        return "fraction"
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in ("family", "household"):
        return {"family": "families", "household": "households"}[lemma]
    if category in ("refugees", "deportations", "casualties"):
        return "people"
    if category == "incidents":
        return "incidents"
    if noun is not None and (lemma in _lex().person_nouns or noun.lower_ in _lex().person_nouns):
        return "people"
    return noun.lower_ if noun is not None else ""


def _sub_count(num: Token, noun: Optional[Token], sent: Span, figures: list[Figure],
               figure_sents: list[int]) -> Optional[str]:
    """A sub-count ("..., including 98 security personnel") inherits the head figure of its sentence."""
    holder = noun if noun is not None else num
    if holder.dep_ == "pobj" and holder.head.lower_ in L.SUBCOUNT_HEADS:
        same = [f for f, s in zip(figures, figure_sents) if s == sent.start and f.category != "other"]
        if same:
            return same[-1].category
    return None


def _previous_sentence(num: Token, sent: Span, text: str) -> Optional[Span]:
    """The sentence before, when it is in the same paragraph."""
    if sent.start == 0:
        return None
    before = num.doc[sent.start - 1].sent
    if re.search(r"\n\s*\n", text[before.start_char:sent.start_char]):
        return None
    return before


def _people_moving_after_a_topic(noun: Optional[Token], before: Span) -> Optional[str]:
    """ "... since Pakistan stepped up deportations. Nearly 6,000 people crossed at Torkham": people moving,
    counted right after a sentence about deportations (or refugees), are those people."""
    if noun is not None and noun.lower_ in L.GENERIC_COUNTED_NOUNS and noun.dep_ == "nsubj" and \
            noun.head.lemma_.lower() in L.ANTECEDENT_EVENT_VERBS:
        topic = _category_of_words([t.lemma_.lower() for t in before if t.pos_ == "NOUN"])
        if topic in L.MOVING_PEOPLE_CATEGORIES:
            return topic
    return None


def _bare_count_of_an_event(num: Token) -> bool:
    """The count is the subject of an event verb ("some 4.6 lakh crossed"), or the parse hangs the verb on it
    ("around 6 lakh left in 2025" as a reduced clause)."""
    verbs = [num.head] if num.dep_ in ("nsubj", "nsubjpass") else []
    verbs += [t for t in num.children if t.dep_ in ("acl", "relcl") and t.i > num.i]
    return any(v.pos_ == "VERB" and (v.lemma_.lower() in L.ANTECEDENT_EVENT_VERBS or any(
        v.lemma_.lower() in words for words in _lex().verbs.values())) for v in verbs)


def _category_from_context(num: Token, noun: Optional[Token], sent: Span, figures: list[Figure],
                           figure_sents: list[int], text: str) -> tuple[str, Optional[Figure]]:
    """The category of a count its own clause leaves open, read from around it, and the figure it was taken from
    when the count has no noun of its own:
    - an aside between the counted people and their verb ("2,100 families, comprising about 11,000 individuals,
      returned from Pakistan": both returned);
    - a sub-count ("..., including 98 security personnel") inherits the head figure of its sentence;
    - a generic count of people ("an average of 5,900 people a day") or a count with no noun under an event verb
      ("Of these, some 4.6 lakh crossed") takes the category of the counted figure in the sentence before, in the
      same paragraph."""
    category = _aside_verb_category(noun) if noun is not None and _people_noun(noun) else None
    category = category or _sub_count(num, noun, sent, figures, figure_sents)
    if category:
        return category, None
    before = _previous_sentence(num, sent, text)
    if before is None:
        return "other", None
    previous = [f for f, s in zip(figures, figure_sents) if s == before.start and f.category in L.PEOPLE_CATEGORIES]
    if not previous:
        return _people_moving_after_a_topic(noun, before) or "other", None
    if noun is not None and (noun.lower_ in L.GENERIC_COUNTED_NOUNS or noun.lemma_.lower() in L.GENERIC_COUNTED_NOUNS):
        return previous[-1].category, None
    if noun is None and _bare_count_of_an_event(num):
        return previous[-1].category, previous[-1]
    return "other", None


def _aside_verb_category(noun: Token) -> Optional[str]:
    """The category of the verb that follows the counted people across a comma-delimited aside: the count closes
    the aside ("comprising about 11,000 individuals, returned") or an aside follows it ("2,100 families,
    comprising ..., returned")."""
    doc, end = noun.doc, noun.sent.end
    k = noun.i + 1
    while k < end and k - noun.i <= 6 and doc[k].text != "," and noun in doc[k].ancestors:
        k += 1  # the noun's own right-hand phrase ("families from Kunar")
    if k >= end or doc[k].text != ",":
        return None
    starts = [k + 1]
    for m in range(k + 1, min(end, k + 1 + L.MAX_ASIDE_TOKENS)):
        if doc[m].text == ",":
            starts.append(m + 1)
            break
        if doc[m].text in (".", ";", ":", "—", "–"):
            break
    for j in starts:
        while j < end and doc[j].pos_ in ("AUX", "PART"):
            j += 1  # "were deported", "have been sent back"
        if j < end and doc[j].pos_ == "VERB" and doc[j].tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            category = _category_of_verbs([doc[j].lemma_.lower()])
            if category:
                return category
    return None
