"""What a speaker is (`Speaker`, `Mention`), and reading names, roles and documents off one parsed article
(`NameReading`, a part of `ArticleSpeakers`): the NER's person names put right, a PERSON entity as a bare name, the
fullest name the article uses, titles and roles beside a name, the issuer of a statement.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from lib.aliases import _POSSESSIVE_TAIL, _is_title_word, nationality_words, strip_titles, tidy_name
from lib.extract.doctext import doc_text
from lib.lexicons.speakers import (
    BODY_ENTITY_LABELS, BODY_NOUNS, PERSON_NAME_CUES, PHRASE_MODIFIER_DEPS, QUANTIFIER_DETERMINERS, ROLE_NOUNS,
    SUBJECT_DEPS, TITLE_CONNECTORS, TITLE_MODIFIERS,
)

# Prepositions before a place: a "PERSON" after them is most likely a mis-tagged place name.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into"})
# Prepositions that name the issuer of a document ("a statement from the Foreign Office").
ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})
# How many sentences back a pronoun or a bare "the statement" may look for what it stands for. A person pronoun
# looks further: news copy keeps "he" for the main speaker across paragraphs.
PERSON_PRONOUN_LOOKBACK_SENTENCES = 12
OTHER_PRONOUN_LOOKBACK_SENTENCES = 3
# A definite role ("the defence minister") with no named holder binds to a person named this few sentences back.
ROLE_BINDING_LOOKBACK_SENTENCES = 1
# Longest proper-noun run after a title cue taken as a person's name when the NER tagged it as something else.
MAX_RETAGGED_NAME_WORDS = 4
# How many tokens a title may run on before its holder's name ("Inspector General of Police Sajjad Khan Niazi").
MAX_TITLE_TAIL_TOKENS = 8


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the name as the article gives it and how it was found (records.SPEAKER_ORIGINS)."""

    name: str
    origin: str


NO_SPEAKER = Speaker("", "none")


@dataclass(frozen=True)
class Mention:
    """Someone or something the article mentions outside quotes, in text order, for pronouns to refer back to."""

    sentence: int
    name: str
    kind: str  # person, group (plural people), body (organisation, country, document)
    origin: str  # how `name` was found: named, title, role, statement
    is_subject: bool


# ------------------------------------------------------------------------------------------ within one article

def is_headline_like(text: str) -> bool:
    """A line with no sentence-final punctuation (a headline, subhead or label), where quoted words are titles."""
    stripped = text.strip().rstrip("”’\"'")
    # At most 26 words are split off: a paragraph of thousands of words is not read whole once per quote.
    return bool(stripped) and stripped[-1] not in ".!?…:;" and len(stripped.split(None, 25)) <= 25


def _quantified(token: Token) -> bool:
    """A noun under a quantifier ("neither leader", "each delegation", "both ministers")."""
    return any(c.dep_ in ("det", "predet", "preconj") and c.lower_ in QUANTIFIER_DETERMINERS for c in token.children)



class NameReading:
    """Names, roles and documents read off the article's tokens. A part of `ArticleSpeakers`, which sets `doc`,
    `inside_quote`, `full_names` and `_ent_of`."""

    doc: Doc
    inside_quote: list[bool]
    full_names: dict[str, str]
    _ent_of: dict[int, Span]

    def _corrected_entities(self) -> list[Span]:
        """The NER's entities with person names put right: a PERSON widened to the proper nouns of the same name
        it left out ("Hassan Abbas" + "Raza", "Sajjad" + "Khan Niazi"), and a proper-noun run tagged as an
        organisation or place right after a personal title taken as a person ("spokesperson Tahir Andrabi")."""
        doc = self.doc
        taken = {t for ent in doc.ents for t in range(ent.start, ent.end)}
        corrected = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start, end = ent.start, ent.end
                while end < len(doc) and self._joins_name(doc[end], taken) and \
                        doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end:
                    end += 1
                while start > 0 and self._joins_name(doc[start - 1], taken) and \
                        doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end:
                    start -= 1
                taken.update(range(start, end))
                corrected.append(ent if (start, end) == (ent.start, ent.end) else
                                 Span(doc, start, end, label="PERSON"))
                continue
            titled = self._titled_name(ent)
            corrected.append(titled if titled is not None else ent)
        return corrected

    def _joins_name(self, token: Token, taken: set[int]) -> bool:
        """A proper noun the NER left out of the name next to it."""
        return token.pos_ == "PROPN" and token.i not in taken and token.text[:1].isupper() and \
            not self.inside_quote[token.i] and not _is_title_word(token.text) and \
            token.text.lower() not in BODY_NOUNS

    def _titled_name(self, ent: Span) -> Optional[Span]:
        """The part of a non-PERSON entity that is a person's name: the proper nouns after a personal title,
        whether the title stands just before the entity or the NER folded it in ("spokesperson Tahir Andrabi")."""
        if ent.label_ not in BODY_ENTITY_LABELS | {"FAC", "LOC"}:
            return None
        doc = self.doc
        cue = ent.end - 1
        while cue >= ent.start and not _is_title_word(doc[cue].text) and doc[cue].text.lower() not in BODY_NOUNS:
            cue -= 1
        if cue >= 0 and cue == ent.start - 1 and doc[cue].text.lower() in TITLE_CONNECTORS and \
                _is_title_word(doc[cue].head.text):
            # "Ambassador to [Qatar Imran Siddiqui]": the place the title is for, then the holder's name.
            places = [t.i for t in ent if t.dep_ == "pobj" and t.head.i == cue]
            if not places:
                return None
            cue = max(places)
        elif cue < 0 or doc[cue].is_punct or doc[cue].text.lower() not in PERSON_NAME_CUES:
            return None
        words = doc[cue + 1:ent.end]
        if not 1 <= len(words) <= MAX_RETAGGED_NAME_WORDS:
            return None
        if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or t.tag_ == "POS" or
               t.text.lower() in nationality_words() for t in words):
            return None
        return Span(doc, cue + 1, ent.end, label="PERSON")

    def _label(self, token: Token) -> str:
        """The (corrected) entity label of a token, or ""."""
        ent = self._ent_of.get(token.i)
        return ent.label_ if ent is not None else ""


    def _person_name(self, ent: Span) -> str:
        """A PERSON entity as a bare name: titles and possessives dropped, trailing non-names cut."""
        words = list(ent)
        while words and (words[-1].pos_ not in ("PROPN", "NOUN") or words[-1].tag_ == "POS"):
            words.pop()
        if not words:
            return ""
        # The text as written, so "al-Ansari" keeps its hyphen without spaces.
        name = strip_titles(doc_text(self.doc)[words[0].idx:words[-1].idx + len(words[-1].text)])
        return _POSSESSIVE_TAIL.sub("", name) if name.endswith(("’s", "'s")) else name

    def full_name(self, name: str) -> str:
        """The fullest name the article uses for the same person ("Asif" -> "Khawaja Asif")."""
        name = strip_titles(name)
        words = name.split()
        if not words:
            return name
        known = self.full_names.get(words[-1].lower())
        if known and len(known.split()) > len(words) and all(w in known.split() for w in words):
            return known
        return name

    def _title_before(self, ent: Span) -> str:
        """Role words written in front of a name ("Defence Minister", "Foreign Office spokesman")."""
        words = []
        j = ent.start - 1
        while j >= 0 and not self.doc[j].is_punct and self.doc[j].tag_ != "POS" and \
                self.doc[j].text.lower() in TITLE_MODIFIERS and self.doc[j].text.lower() not in ("of", "the"):
            words.append(self.doc[j].text.lower())
            j -= 1
        # Titles the NER folded into the entity ("Defence Minister Khawaja Asif" as one PERSON).
        inner = []
        for t in ent:
            if t.text.lower() in TITLE_MODIFIERS and t.i < ent.end - 1:
                inner.append(t.text.lower())
            else:
                break
        words = list(reversed(words)) + inner
        if not any(w in ROLE_NOUNS for w in words):
            return ""
        return " ".join(words)

    def _apposed_role(self, head: Token) -> str:
        """A role set beside a name by apposition: "Asif, the defence minister," or "the minister, Asif,"."""
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.text.lower() in ROLE_NOUNS:
                return self._role_words(child)
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.text.lower() in ROLE_NOUNS:
            return self._role_words(head.head)
        return ""

    def _register_role(self, role: str, holder: str, at: int) -> None:
        """Remember who holds a role, and from which token on; a role two named people hold ("defence minister"
        on both sides) stays ambiguous and is resolved to neither."""
        first = self._role_at.setdefault(role, {})
        first[holder] = min(first.get(holder, at), at)
        self.roles[role] = holder

    def _phrase_tokens(self, noun: Token) -> list[Token]:
        """The noun with its left-hand modifiers (no determiner, possessor or number)."""
        keep = []
        for t in noun.subtree:
            if t.i > noun.i:
                break
            if t.dep_ in ("det", "poss", "case", "nummod", "punct", "predet") or t.like_num:
                continue
            if t.head.dep_ == "poss" or t.i < noun.i and t.dep_ not in PHRASE_MODIFIER_DEPS and t.head == noun:
                continue
            keep.append(t)
        return keep

    def _noun_phrase(self, noun: Token) -> str:
        return " ".join(t.text if self._keeps_case(t) else t.text.lower() for t in self._phrase_tokens(noun))

    @staticmethod
    def _keeps_case(token: Token) -> bool:
        """Proper words keep their capitals in a phrase ("Qatari statement"); title words are lower-cased so that
        "Defence Minister" and "defence minister" are one role."""
        if token.text.lower() in TITLE_MODIFIERS:
            return False
        return token.pos_ == "PROPN" or bool(token.ent_type_) or token.text[:1].isupper() and not token.is_sent_start

    def _role_words(self, noun: Token) -> str:
        """A role's words for matching: common words only, lower-cased ("Pakistani defence minister" ->
        "defence minister"), so nationality adjectives do not block a match."""
        return " ".join(t.text.lower() for t in self._phrase_tokens(noun)
                        if t.text.lower() in TITLE_MODIFIERS or
                        t.pos_ != "PROPN" and t.ent_type_ not in ("NORP", "GPE"))

    def _issuer(self, noun: Token) -> str:
        """Who issued a document: "a statement from X", "X's statement", "the ISPR statement"."""
        for child in noun.children:
            if child.dep_ == "prep" and child.text.lower() in ISSUER_PREPOSITIONS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
                        return self._entity_text(obj)
                    if obj.dep_ == "pobj" and obj.text.lower() in BODY_NOUNS | ROLE_NOUNS:
                        return self._noun_phrase(obj)  # "a statement from the Qatari foreign ministry"
            if child.dep_ in ("poss", "compound") and child.ent_type_ in ("ORG", "GPE", "PERSON"):
                return self._entity_text(child)
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            return self._issuer(noun.head)
        # "The ISPR said in a statement": the subject of the verb the document hangs from.
        prep = noun.head
        if noun.dep_ == "pobj" and prep.text.lower() in ("in", "through", "via") and prep.head.pos_ == "VERB":
            for child in prep.head.children:
                if child.dep_ in SUBJECT_DEPS and child.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
                    return self._entity_text(child)
        return ""

    def _entity_text(self, token: Token) -> str:
        ent = self._ent_of.get(token.i)
        if ent is None:
            return tidy_name(token.text)
        if ent.label_ == "PERSON":
            return self.full_name(self._person_name(ent))
        text = tidy_name(ent.text)
        return _POSSESSIVE_TAIL.sub("", text) if text.endswith(("’s", "'s")) else text

    # -- answering
