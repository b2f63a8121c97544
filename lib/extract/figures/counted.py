"""What a number counts, through the dependency parse: the counted noun, the head of its phrase, the phrase as
written, an act counted without a noun, and a unit shared with a sibling number under a verb of change."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from lib.extract.figures.lexicon import _lex
from lib.lexicons import figures as L


def _noun_it_modifies(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """ "1,500 [terrorist incidents]": the noun the number modifies, after it and outside the figure's own words."""
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod") \
            and head.i not in span_tokens and head.pos_ in ("NOUN", "PROPN") and head.i > num.i:
        return head
    return None


def _noun_past_an_adjective(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """ "Two dozen cross-border ceasefire violations": the parser hangs the count on the adjective."""
    head = num.head
    if not (num.dep_ in ("nummod", "quantmod") and head.pos_ == "ADJ" and head.dep_ == "amod" and head.i > num.i
            and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i):
        return None
    noun = head.head
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
        noun = noun.head
    return noun


def _object_of_its_of(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """ "hundreds of lives", "80 per cent of exports", "a third of refugees": the object of its "of"."""
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [t for t in child.children if t.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _noun_after_of(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """ "of" right after the number, whatever the parse made of it: the first noun after it that ends a phrase."""
    doc = num.doc
    nxt = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of" or nxt.i + 1 >= len(doc):
        return None
    for t in doc[nxt.i + 1: nxt.i + 6]:
        if t.pos_ in ("NOUN", "PROPN"):
            if t.i + 1 < len(doc) and doc[t.i + 1].pos_ in ("NOUN", "PROPN"):
                continue
            return t
        if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP"):
            break
    return None


def _what_a_numbering_verb_describes(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """Through a restating verb: "Deportations of undocumented Afghans, numbering over 500,000", "rose to 45"
    (the number hangs off a preposition under the verb)."""
    head = num.head
    anchor = head if head.pos_ == "ADP" else num
    verb = anchor.head if anchor is not num or num.dep_ in ("pobj", "dobj", "attr", "npadvmod") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in L.NUMBERING_VERBS:
        return None
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


def _predicate_noun(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """ "500,000 were PoR card holders": the predicate noun of "be" with the number as subject."""
    if num.dep_ in ("nsubj", "nsubjpass") and num.head.lemma_ == "be":
        attrs = [t for t in num.head.children if t.dep_ == "attr" and t.pos_ in ("NOUN", "PROPN")]
        if attrs:
            return attrs[0]
    return None


def _money_in(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """Money: "PKR 500 million in annual costs", "costing PKR 2.5 billion daily in lost revenue"."""
    holders = [num] + ([num.head] if num.dep_ == "dobj" else [])
    for child in (c for h in holders for c in h.children if c.i > num.i):
        if child.dep_ == "prep" and child.lower_ == "in":
            objs = [t for t in child.children if t.dep_ == "pobj" and t.pos_ == "NOUN"]
            if objs:
                return objs[0]
    return None


# Where the counted noun is found, tried in order: the first finder that finds one decides.
COUNTED_NOUN_FINDERS = (
    ("noun it modifies", _noun_it_modifies),
    ("noun past an adjective", _noun_past_an_adjective),
    ("object of its of", _object_of_its_of),
    ("noun after of", _noun_after_of),
    ("what a numbering verb describes", _what_a_numbering_verb_describes),
    ("predicate noun", _predicate_noun),
    ("money in", _money_in),
)


def counted_noun_rule(num: Token, span_tokens: set[int]) -> tuple[Optional[Token], str]:
    """(the counted noun, the finder that found it), or (None, "")."""
    for name, finder in COUNTED_NOUN_FINDERS:
        noun = finder(num, span_tokens)
        if noun is not None:
            return noun, name
    return None, ""


def _counted_noun(num: Token, span_tokens: set[int]) -> Optional[Token]:
    """The noun the number counts: "1,500 [terrorist incidents]", "hundreds of [lives]", "numbering 500,000"
    -> what the verb describes, "PKR 500 million in [annual costs]"."""
    return counted_noun_rule(num, span_tokens)[0]


def _np_head(noun: Token) -> Token:
    """The head of the counted phrase when the parse stops at a name inside it: in "3.5 lakh Proof of
    Registration (PoR) card holders" the number hangs on "Proof", but the phrase counts "holders". A capitalised
    name with "of" whose object is a common noun with its own modifiers (and no article) is a modifier of that
    noun."""
    if not (noun.pos_ == "PROPN" or noun.text[:1].isupper()):
        return noun
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in (t for t in prep.children if t.dep_ == "pobj"):
            lefts = list(obj.lefts)
            if obj.pos_ == "NOUN" and obj.text.islower() and obj.i > noun.i \
                    and not any(t.dep_ in ("det", "poss") for t in lefts) \
                    and any(t.dep_ in ("compound", "nmod") for t in lefts):
                return obj
    return noun


def _counted_act(num: Token, category: str) -> str:
    """With no noun, the act is what is counted: "deported 1.7 million", "including 350,000 deported"."""
    verbs = _lex().verbs.get(category, frozenset())
    for t in num.children:
        if t.dep_ in ("acl", "amod", "relcl") and t.lemma_.lower() in verbs:
            return t.text
    if num.head.pos_ == "VERB" and num.head.lemma_.lower() in verbs:
        return num.head.text
    return ""


def _phrase(noun: Token, span_tokens: set[int], head: Optional[Token] = None) -> str:
    """The counted noun with its left modifiers ("registered Afghan refugees", "PoR card holders"), without the
    number, its qualifier or an article; through `head` when the phrase's true head lies further right."""
    subtree = {t.i for t in noun.subtree}
    start = noun.i
    while start - 1 >= 0:
        t = noun.doc[start - 1]
        if t.i in span_tokens or t.i not in subtree or t.pos_ in ("NUM", "DET", "ADP", "PRON") or (
                t.is_punct and t.text not in ("-", "–")):
            break
        start -= 1
    end = head.i if head is not None and head.i > noun.i else noun.i
    text = "".join(t.text_with_ws for t in noun.doc[start:end + 1]).strip()
    return text


def _words_of(noun: Optional[Token]) -> list[str]:
    """The counted noun and its modifiers, lower-case forms and lemmas."""
    if noun is None:
        return []
    tokens = [noun] + [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")
                       and t.lemma_.lower() not in L.HEAD_ONLY_CATEGORY_WORDS]
    tokens += [t for x in tokens[1:] for t in x.lefts if t.dep_ == "compound"]
    if noun.lower_ in L.HOLDER_NOUNS or noun.lemma_.lower() in L.HOLDER_NOUNS:
        # "holders of Proof of Registration (PoR) cards": what they hold says who they are
        tokens += [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree]
    return [w for t in tokens for w in (t.lower_, t.lemma_.lower())]


def _shared_unit_donor(num: Token, others: list[tuple[Token, Optional[Token]]]) -> Optional[Token]:
    """"dropped to 1,200 containers in October from 4,800 in September": a bare number under a verb of change
    ("from", "to", "by") counts what its sibling number under the same verb counts. Returns that noun."""
    def anchor(tok: Token) -> Optional[Token]:
        """The verb of change a number hangs on through "from"/"to"/"by" (directly or through its noun)."""
        for t in (tok, tok.head):
            if t.dep_ == "pobj" and t.head.lower_ in ("from", "to", "by") and t.head.head.pos_ in ("VERB", "AUX") \
                    and t.head.head.lemma_.lower() in (L.CHANGE_VERBS | L.NUMBERING_VERBS):
                return t.head.head
        return None
    if num.dep_ in ("quantmod", "compound", "nmod") and num.head.like_num:
        # "climbed from 40 to 65 incidents": the parse hangs the first reading on the second
        for other, noun in others:
            if other.i == num.head.i and noun is not None:
                return noun
    verb = anchor(num)
    if verb is None:
        return None
    for other, noun in others:
        other_verb = anchor(other)
        if other.i != num.i and noun is not None and other_verb is not None and other_verb.i == verb.i:
            return noun
    return None
