"""Who is speaking: names, titles, roles, pronouns and documents resolved within one article, and the alias table
that maps a person's many names to one canonical name across articles.

`ArticleSpeakers` is built once per parsed Doc (one pass over its tokens) and answers "who is this subject?" for
the quote extractor (lib/extract/quotes.py): a named person ("Mr. Asif" -> "Khawaja Asif", the fullest name the article
uses), a title or role ("the defence minister" -> the named holder, or kept as "senior security official"), a
pronoun ("he" -> the last person mentioned as a subject or cited with "according to", skipping anyone the
article already called "she"), or a body or document ("the statement" -> its issuer). The NER's person names are
put right first: names it cut short are widened ("Hassan Abbas" + "Raza"), and a proper-noun run it tagged as an
organisation right after a personal title is a person ("spokesperson Tahir Andrabi").
`default_aliases` and `canonical_speaker` are the cross-article step the store applies at read time; they live in
the spaCy-free lib/aliases.py (the store reads through them without loading spaCy) and are re-exported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.aliases import (  # noqa: F401  (re-exported: lib.extract.speakers.default_aliases, canonical_speaker, ...)
    _POSSESSIVE_TAIL, _is_title_word, canonical_speaker, default_aliases, nationality_words, strip_titles, tidy_name,
)
from lib.extract.doctext import doc_text, span_text
from lib.lexicons.reporting import STATEMENT_NOUNS
from lib.lexicons.speakers import (
    BODY_ENTITY_LABELS, BODY_NOUNS, CITED_SOURCE_HEADS, FEMININE_WORDS, GENDER_BINDING_PRONOUNS, GROUP_PRONOUNS,
    INDEFINITE_DETERMINERS, MASCULINE_WORDS, QUANTIFIER_DETERMINERS, NAMING_VERBS, PERSON_NAME_CUES,
    PERSON_PRONOUNS, PERSONAL_ROLE_HEADS, PHRASE_MODIFIER_DEPS, PRONOUN_GENDER, ROLE_NOUNS, SUBJECT_DEPS,
    THING_PRONOUNS, TITLE_CONNECTORS, TITLE_MODIFIERS,
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


class ArticleSpeakers:
    """Who is who in one parsed article. Built in one pass over the tokens; `inside_quote[i]` is True for tokens
    inside quotation marks, whose names belong to the quoted voice and never become speakers or antecedents."""

    def __init__(self, doc: Doc, inside_quote: Sequence[bool], sentence_of: Sequence[int]):
        self.doc = doc
        self.inside_quote = inside_quote
        self.sentence_of = sentence_of
        self.full_names: dict[str, str] = {}  # lower-cased surname -> fullest name the article uses
        self.roles: dict[str, str] = {}  # lower-cased role words ("defence minister") -> holder's full name
        # role words -> holder -> token index where the article first gives them that role: a bare "the minister"
        # looks only at holders introduced before it (a second minister named later does not make it ambiguous)
        self._role_at: dict[str, dict[str, int]] = {}
        self.statements: list[tuple[int, str, str, str]] = []  # (token index, lemma, phrase, issuer)
        self.mentions: list[tuple[int, Mention]] = []  # (token index, mention), in text order
        self.gender: dict[str, str] = {}  # person's name -> "m" or "f", from pronouns bound to them and cues
        self._bound: dict[int, Optional[Mention]] = {}  # he/she subject token -> what it was bound to in the scan
        self.ents: list[Span] = self._corrected_entities()
        self._ent_of: dict[int, Span] = {t: ent for ent in self.ents for t in range(ent.start, ent.end)}
        # Names in headlines are often run together with verbs by the NER ("Khawaja Asif Declares").
        self._headline_sentences = {i for i, sent in enumerate(doc.sents) if is_headline_like(span_text(sent))}
        self._register_names()
        self._scan_mentions()

    # -- building

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

    def _register_names(self) -> None:
        """Fullest name per surname, and the titles in front of names ("Defence Minister Khawaja Asif")."""
        for ent in self.ents:
            if ent.label_ != "PERSON" or self.inside_quote[ent.start]:
                continue
            name = self._person_name(ent)
            if not name:
                continue
            if self.sentence_of[ent.start] not in self._headline_sentences:
                self._register_full_name(name)
            role = self._title_before(ent) or self._apposed_role(ent.root)
            if role:
                self._register_role(role.lower(), self.full_name(name), ent.start)
        # A name of two words or more the NER missed, as the subject ("Prof Ayesha Siddiqa Malik ... sees").
        for token in self.doc:
            if token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and token.is_title and \
                    token.i not in self._ent_of and not self.inside_quote[token.i] and \
                    self.sentence_of[token.i] not in self._headline_sentences and \
                    not _is_title_word(token.text) and token.text.lower() not in BODY_NOUNS:
                name = self._name_at(token)
                if len(name.split()) >= 2 and not any(w.lower() in BODY_NOUNS for w in name.split()):
                    self._register_full_name(name)

    def _register_full_name(self, name: str) -> None:
        key = name.split()[-1].lower()
        known = self.full_names.get(key)
        if known is None or len(name.split()) > len(known.split()):
            self.full_names[key] = name

    def _scan_mentions(self) -> None:
        """People, groups, bodies and documents mentioned outside quotes, in text order."""
        doc = self.doc
        ents_by_start = {ent.start: ent for ent in self.ents}
        i = 0
        while i < len(doc):
            token = doc[i]
            if self.inside_quote[i]:
                i += 1
                continue
            ent = ents_by_start.get(i)
            if self.is_known_name(token) and (ent is None or ent.label_ != "PERSON"):
                # A surname the article has given in full, even where the NER missed it ("Asif's" as ORG).
                self._add_mention(token, self.full_name(token.text), "person", "named")
                i = ent.end if ent is not None and ent.start == i else i + 1
                continue
            if ent is not None and ent.label_ == "PERSON":
                name = self._person_name(ent)
                if name and self.sentence_of[i] not in self._headline_sentences:
                    full = self.full_name(name)
                    self._add_mention(ent.root, full, "person", "named")
                    gender = self._gender_cue(ent)
                    if gender:
                        self.gender.setdefault(full, gender)
                i = ent.end
                continue
            if ent is not None and ent.label_ in BODY_ENTITY_LABELS:
                if ent.root.dep_ in SUBJECT_DEPS:
                    kind = "group" if ent.label_ == "NORP" else "body"
                    self._add_mention(ent.root, tidy_name(ent.text), kind, "statement")
                i = ent.end
                continue
            if token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS:
                phrase = self._noun_phrase(token)
                issuer = self._issuer(token)
                self.statements.append((i, token.lemma_.lower(), phrase.lower(), issuer))
                self._add_mention(token, issuer or phrase, "body", "statement")
            elif token.pos_ == "PRON" and token.text.lower() in GENDER_BINDING_PRONOUNS and \
                    token.dep_ in SUBJECT_DEPS:
                self._bind_pronoun(token)
            elif token.dep_ in SUBJECT_DEPS and self._is_role_noun(token):
                named = self._apposed_person(token)
                holder = self.full_name(self._name_at(named)) if named is not None else \
                    self._name_after_title(token)
                if holder:  # "Federal Minister for Information ... Attaullah Tarar, ..., termed": the person
                    self._add_mention(token, holder, "person", "named")
                else:
                    speaker = self._role_speaker(token)
                    if speaker.name:
                        plural = token.tag_ in ("NNS", "NNPS")
                        self._add_mention(token, speaker.name, "group" if plural else "person", speaker.origin)
            elif token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and ent is None and token.is_title:
                # A capitalised subject the NER left untagged is most often a person's name.
                name = self.full_name(self._name_at(token))
                self._add_mention(token, name, "person", "named")
                role = self._apposed_role(token)
                if role:
                    self._register_role(role, name, token.i)
            i += 1

    def is_known_name(self, token: Token) -> bool:
        """A capitalised word the article uses as a person's surname."""
        return token.is_title and token.text.lower() in self.full_names and not token.is_sent_start or \
            token.is_title and token.text.lower() in self.full_names and token.pos_ in ("PROPN", "NOUN")

    def _is_role_noun(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN") and token.text.lower() in ROLE_NOUNS and \
            self._ent_of.get(token.i) is None

    def _add_mention(self, token: Token, name: str, kind: str, origin: str) -> None:
        """A mention counts as a subject (what "he said" refers back to first) when it is the subject, a name
        set beside the subject ("Another analyst, Fatima Rahimi, said"), the holder named after a subject title
        ("Inspector General of Police Sajjad Khan Niazi was blunt"), or a cited source ("according to X")."""
        is_subject = token.dep_ in SUBJECT_DEPS or token.head.dep_ in SUBJECT_DEPS and token.dep_ in (
            "compound", "appos") or self._is_cited_source(token) or self._holds_subject_title(token)
        self.mentions.append((token.i, Mention(self.sentence_of[token.i], name, kind, origin, is_subject)))

    def _is_cited_source(self, token: Token) -> bool:
        """The object of "according to", "per", "citing", "quoting"."""
        if token.dep_ not in ("pobj", "dobj") or token.head.i == token.i:
            return False
        head = token.head
        if head.text.lower() == "to":
            return head.i > 0 and self.doc[head.i - 1].text.lower() == "according"
        return head.text.lower() in CITED_SOURCE_HEADS

    def _holds_subject_title(self, token: Token) -> bool:
        """A name after "of" in a capitalised title that is the subject ("Inspector General of Police X")."""
        current = token
        for _ in range(4):
            if current.dep_ not in ("pobj", "prep", "compound") or current.head.i == current.i:
                return False
            current = current.head
            if current.dep_ in SUBJECT_DEPS:
                return self._name_after_title(current) != ""
        return False

    def _apposed_person(self, token: Token) -> Optional[Token]:
        """A person's name set beside a noun by apposition ("Another analyst, Fatima Rahimi,"), or given in a
        relative clause ("The official, who gave his name only as Hamidullah,"; "a commander, who identified
        himself as Mullah Rahim,")."""
        # "Ukraine's head negotiator and defence minister, Rustem Umerov,": the name may hang from the last of two
        # coordinated roles.
        holders = [token] + [c for c in token.children if c.dep_ == "conj" and self._is_role_noun(c)]
        for holder in holders:
            for child in holder.children:
                # A proper noun set beside a role ("the defence minister, Rustem Umerov,") is the holder's name
                # even where the NER took it for an organisation.
                if child.dep_ == "appos" and not self.inside_quote[child.i] and (
                        self._label(child) == "PERSON" or self.is_known_name(child) or
                        child.pos_ == "PROPN" and self._is_role_noun(holder) and child.text[:1].isupper()):
                    return child
                if child.dep_ == "relcl" and not self.inside_quote[child.i]:
                    named = self._name_given_in(child)
                    if named is not None:
                        return named
        return None

    def _name_given_in(self, clause: Token) -> Optional[Token]:
        """The proper noun after "as" in a clause that gives a name ("gave his name as X", "identified himself
        as X", "asked to be called X" is not covered: it names no one for sure)."""
        naming = clause.lemma_.lower() in NAMING_VERBS or any(
            t.dep_ == "dobj" and t.lemma_.lower() == "name" for t in clause.children)
        if not naming:
            return None
        for t in clause.subtree:
            if t.dep_ == "pobj" and t.head.text.lower() == "as" and t.pos_ == "PROPN" and t.text[:1].isupper() \
                    and not self.inside_quote[t.i]:
                return t
        return None

    def _label(self, token: Token) -> str:
        """The (corrected) entity label of a token, or ""."""
        ent = self._ent_of.get(token.i)
        return ent.label_ if ent is not None else ""

    def _gender_cue(self, ent: Span) -> str:
        """A person's gender shown beside the name: an honorific or gendered title in front ("Mrs", "spokeswoman"),
        or a noun set beside it ("Fatima, 34, a mother of five"). "" when nothing or both show."""
        words = [t.text.lower() for t in ent]
        if ent.start > 0:
            words.append(self.doc[ent.start - 1].text.lower())
        root = ent.root
        words += [c.lemma_.lower() for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            words.append(root.head.lemma_.lower())
        feminine = any(w in FEMININE_WORDS for w in words)
        masculine = any(w in MASCULINE_WORDS for w in words)
        return "f" if feminine and not masculine else "m" if masculine and not feminine else ""

    def _bind_pronoun(self, token: Token) -> None:
        """Bind a subject he/she while scanning, so that the gender it gives its person is known to the pronouns
        after it: once a person is "she", a later "he" looks past her."""
        gender = PRONOUN_GENDER[token.text.lower()]
        mention = self._last_mention(token, ("person",), PERSON_PRONOUN_LOOKBACK_SENTENCES, True, gender) or \
            self._last_mention(token, ("person",), PERSON_PRONOUN_LOOKBACK_SENTENCES, False, gender)
        self._bound[token.i] = mention
        if mention is not None and mention.origin in ("named", "title"):
            self.gender.setdefault(mention.name, gender)

    # -- names, roles, documents

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
                        if t.text.lower() in TITLE_MODIFIERS or t.pos_ != "PROPN" and t.ent_type_ not in ("NORP", "GPE"))

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

    def for_subject(self, token: Token) -> Speaker:
        """The speaker a subject (or "according to" object) stands for."""
        if token.pos_ == "PRON":
            return self.resolve_pronoun(token)
        if self.is_known_name(token):
            return Speaker(self.full_name(self._name_at(token)), "named")
        # The holder named after a long title ("Inspector General of Police Sajjad Khan Niazi ... was blunt").
        holder = self._name_after_title(token)
        if holder:
            return Speaker(holder, "named")
        # An appositive name beats the role ("the defence minister, Khawaja Asif, said"; "Another analyst,
        # Fatima Rahimi, said").
        apposed = self._apposed_person(token)
        if apposed is not None:
            return Speaker(self.full_name(self._name_at(apposed)), "named")
        if self._label(token) in BODY_ENTITY_LABELS and token.text.lower() not in ROLE_NOUNS:
            return Speaker(self._entity_text(token), "statement")
        if token.pos_ in ("NOUN", "PROPN") and token.text.lower() in BODY_NOUNS:
            return Speaker(self._noun_phrase(token), "statement")
        if self._is_role_noun(token):
            return self._role_speaker(token)
        if self._label(token) == "PERSON" or token.pos_ == "PROPN" and self._label(token) == "":
            name = self._name_at(token)
            return Speaker(self.full_name(name), "named") if name else NO_SPEAKER
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in STATEMENT_NOUNS:
            return self._statement_speaker(token)
        if self._label(token) in BODY_ENTITY_LABELS:
            return Speaker(self._entity_text(token), "statement")
        if token.pos_ == "NOUN":
            return self._role_speaker(token)
        return NO_SPEAKER

    def _name_after_title(self, token: Token) -> str:
        """The person a capitalised title names: the proper-noun run after the title's last word, past "of", "for",
        "to" (TITLE_CONNECTORS) ("Inspector General of Police Sajjad Khan Niazi" -> "Sajjad Khan Niazi"), else the
        name the parser sets in apposition to the title (`_apposed_name`). Not a possessor ("the Secretary of Imran
        Khan's party") and not across punctuation."""
        if self._label(token) == "PERSON" or token.text.lower() not in TITLE_MODIFIERS or \
                not token.text[:1].isupper():
            return ""
        for j in range(token.i + 1, min(len(self.doc), token.i + 1 + MAX_TITLE_TAIL_TOKENS)):
            t = self.doc[j]
            if self.inside_quote[j] or t.is_punct or t.is_space:
                break
            ent = self._ent_of.get(j)
            if ent is not None and ent.label_ == "PERSON":
                after = self.doc[ent.end] if ent.end < len(self.doc) else None
                if after is not None and after.tag_ == "POS" or ent.root.dep_ == "poss" or \
                        not token.is_ancestor(ent.root):
                    return ""
                return self.full_name(self._person_name(ent))
            if ent is None and self._starts_name_run(j):
                # The NER missed the name: the proper nouns right after the title's last word.
                k = j
                while k + 1 < len(self.doc) and self._starts_name_run(k + 1, within=True):
                    k += 1
                after = self.doc[k + 1] if k + 1 < len(self.doc) else None
                if k == j or after is not None and after.tag_ == "POS" or not token.is_ancestor(self.doc[k]):
                    return ""
                return self.full_name(strip_titles(self.doc[j:k + 1].text))
            if not (t.text[:1].isupper() or t.text in TITLE_CONNECTORS):
                break
        return self._apposed_name(token)

    def _apposed_name(self, token: Token) -> str:
        """The name the parser sets in apposition right after a title, with no comma between, when the NER
        folded it into a place or body ("Ambassador to Türkiye Yousaf Junaid", tagged ORG as one)."""
        for child in token.rights:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or self.inside_quote[child.i]:
                continue
            between = self.doc[token.i + 1:child.i]
            if any(t.is_punct for t in between):
                return ""
            start = child.i
            while start - 1 > token.i and self.doc[start - 1].dep_ == "compound" and \
                    self.doc[start - 1].head.i == child.i and self.doc[start - 1].pos_ == "PROPN":
                start -= 1
            words = self.doc[start:child.i + 1]
            if len(words) < 2 or any(_is_title_word(t.text) or t.text.lower() in BODY_NOUNS for t in words):
                return ""
            return self.full_name(strip_titles(words.text))
        return ""

    def _starts_name_run(self, j: int, within: bool = False) -> bool:
        """Token j is a proper noun of a name no entity covers, right after a title word (or, `within`, after
        another word of the same name)."""
        t = self.doc[j]
        if t.pos_ != "PROPN" or j in self._ent_of or self.inside_quote[j] or not t.text[:1].isupper() or \
                _is_title_word(t.text) or t.text.lower() in BODY_NOUNS:
            return False
        return within or _is_title_word(self.doc[j - 1].text)

    def _name_at(self, token: Token) -> str:
        ent = self._ent_of.get(token.i)
        if ent is not None and ent.label_ == "PERSON":
            return self._person_name(ent)
        words = [t.text for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token.text]
        return strip_titles(" ".join(words))

    def _role_speaker(self, noun: Token) -> Speaker:
        """A role noun: its named holder when the article names one and the role is definite, else the role."""
        phrase = self._noun_phrase(noun)
        words = self._role_words(noun)
        determiners = {t.text.lower() for t in noun.children if t.dep_ in ("det", "nummod")}
        plural = noun.tag_ in ("NNS", "NNPS")
        if plural or determiners & INDEFINITE_DETERMINERS:
            return Speaker(phrase, "role")
        holder = self._role_holder(words, noun.right_edge.i)
        if not holder and noun.text.lower() in PERSONAL_ROLE_HEADS and "the" in determiners:
            holder = self._bind_role(noun, words)
        return Speaker(holder, "title") if holder else Speaker(phrase, "role")

    def _role_holder(self, words: str, upto: Optional[int] = None) -> str:
        """The named holder of a role: an exact match, or a known role that holds all these words. With `upto`,
        only holders the article has introduced by that token count ("Defence Minister Khawaja Asif ... the
        minister said ... Information Minister Attaullah Tarar": "the minister" is Asif); two of them leave it
        unresolved."""
        if not words:
            return ""

        def holders_of(role: str) -> set[str]:
            return {h for h, at in self._role_at.get(role, {}).items() if upto is None or at <= upto}

        exact = holders_of(words)
        if exact:
            return exact.pop() if len(exact) == 1 else ""
        wanted = set(words.split())
        holders = {h for role in self._role_at if wanted <= set(role.split()) for h in holders_of(role)}
        return holders.pop() if len(holders) == 1 else ""

    def _bind_role(self, noun: Token, words: str) -> str:
        """Journalists name a person, then call them by their office ("Khawaja Asif ... The defence minister
        voiced hopes"): a definite personal role with no known holder is bound to the person named in the
        sentence before, or earlier in the same sentence, and remembered for the rest of the article."""
        sentence = self.sentence_of[noun.i]
        candidates: set[str] = set()
        for index, mention in reversed(self.mentions):
            if index >= noun.i:
                continue
            if sentence - mention.sentence > ROLE_BINDING_LOOKBACK_SENTENCES:
                break
            if mention.kind == "person" and mention.origin == "named":
                # "spoke in Sialkot": the NER now and then tags a place after "in" as a PERSON.
                token = self.doc[index]
                if token.dep_ == "pobj" and token.head.text.lower() in PLACE_PREPOSITIONS:
                    continue
                candidates.add(mention.name)
        # Only an unambiguous antecedent: with two people named just before, the office could be either's.
        if len(candidates) != 1:
            return ""
        holder = candidates.pop()
        if holder in self.roles.values():
            return ""  # that person already holds a different office
        self.roles[words] = holder
        self._role_at.setdefault(words, {}).setdefault(holder, noun.i)
        return holder

    def _statement_speaker(self, noun: Token) -> Speaker:
        """A document as speaker: its issuer when known (here or at an earlier mention of the same document),
        else its own phrase ("joint statement")."""
        issuer = self._issuer(noun)
        if issuer:
            return Speaker(issuer, "statement")
        own_phrase = self._noun_phrase(noun)
        phrase = own_phrase.lower()
        lemma = noun.lemma_.lower()
        earlier = [s for s in self.statements if s[0] < noun.i]
        for _, s_lemma, s_phrase, s_issuer in reversed(earlier):
            if s_issuer and (s_phrase == phrase or phrase in s_phrase):
                return Speaker(s_issuer, "statement")
        for _, s_lemma, s_phrase, s_issuer in reversed(earlier):
            if s_lemma == lemma and len(s_phrase) > len(phrase):
                return Speaker(s_issuer or s_phrase, "statement")
        return Speaker(own_phrase, "statement")

    def resolve_pronoun(self, token: Token) -> Speaker:
        """he/she -> the last person mentioned as a subject (else mentioned at all); they -> the last group or
        body; it -> the last document or body. Nothing fitting nearby -> no speaker."""
        word = token.text.lower()
        if word in PERSON_PRONOUNS:
            kinds, lookback = ("person",), PERSON_PRONOUN_LOOKBACK_SENTENCES
        elif word in GROUP_PRONOUNS:
            kinds, lookback = ("group", "body"), OTHER_PRONOUN_LOOKBACK_SENTENCES
        elif word in THING_PRONOUNS:
            kinds, lookback = ("body",), OTHER_PRONOUN_LOOKBACK_SENTENCES
        else:
            return NO_SPEAKER
        gender = PRONOUN_GENDER.get(word, "")
        if token.i in self._bound:
            mention = self._bound[token.i]
        else:
            mention = self._last_mention(token, kinds, lookback, True, gender) or \
                self._last_mention(token, kinds, lookback, False, gender)
        if mention is None:
            return NO_SPEAKER
        origin = "statement" if mention.kind == "body" else "pronoun"
        return Speaker(mention.name, origin)

    def _last_mention(self, token: Token, kinds: tuple[str, ...], lookback: int,
                      subjects_only: bool, gender: str = "") -> Optional[Mention]:
        """The last fitting mention before `token`; a person already referred to by the other gender's pronoun
        (or shown as such beside the name) does not fit."""
        sentence = self.sentence_of[token.i]
        for index, mention in reversed(self.mentions):
            if index >= token.i:
                continue
            if sentence - mention.sentence > lookback:
                return None
            if gender and mention.kind == "person" and self.gender.get(mention.name, gender) != gender:
                continue
            if _quantified(self.doc[index]):
                continue  # "neither leader", "both sides": no one person a "he" can stand for
            if mention.kind in kinds and (mention.is_subject or not subjects_only):
                return mention
        return None

    def last_subject_speaker(self, before_token: int, sentence: int) -> Optional[Mention]:
        """The last person or body mentioned as a subject in `sentence`, before token `before_token`."""
        for index, mention in reversed(self.mentions):
            if index >= before_token or mention.sentence > sentence:
                continue
            if mention.sentence < sentence:
                return None
            if mention.is_subject:
                return mention
        return None
