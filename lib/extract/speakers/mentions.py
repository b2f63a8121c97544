"""Who is who in one parsed article (`ArticleSpeakers`): built once per Doc by one scan of its tokens, which
records the people, groups, bodies and documents mentioned outside quotes by an ordered table of named rules
(`MENTION_RULES`: the first that applies at a token records it); the answering is in answers.py, the reading of
names, roles and documents in names.py.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from lib.aliases import _is_title_word, tidy_name
from lib.extract.doctext import span_text
from lib.extract.speakers.answers import Answers
from lib.extract.speakers.names import PERSON_PRONOUN_LOOKBACK_SENTENCES, Mention, is_headline_like
from lib.lexicons.reporting import STATEMENT_NOUNS
from lib.lexicons.speakers import (
    BODY_ENTITY_LABELS, BODY_NOUNS, CITED_SOURCE_HEADS, FEMININE_WORDS, GENDER_BINDING_PRONOUNS, MASCULINE_WORDS,
    NAMING_VERBS, PRONOUN_GENDER, ROLE_NOUNS, SUBJECT_DEPS,
)


# ------------------------------------------------------------------------------------------ the mention rules
# Each rule: (name, applies(speakers, token, ent), take(speakers, token, ent) -> the index the scan goes on from).
# `ent` is the (corrected) entity starting at `token`, or None; tokens inside quotes are never scanned.

def _is_known_surname(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> bool:
    return speakers.is_known_name(token) and (ent is None or ent.label_ != "PERSON")


def _take_known_surname(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    # A surname the article has given in full, even where the NER missed it ("Asif's" as ORG).
    speakers._add_mention(token, speakers.full_name(token.text), "person", "named")
    return ent.end if ent is not None and ent.start == token.i else token.i + 1


def _take_person(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    name = speakers._person_name(ent)
    if name and speakers.sentence_of[token.i] not in speakers._headline_sentences:
        full = speakers.full_name(name)
        speakers._add_mention(ent.root, full, "person", "named")
        gender = speakers._gender_cue(ent)
        if gender:
            speakers.gender.setdefault(full, gender)
    return ent.end


def _take_body(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    if ent.root.dep_ in SUBJECT_DEPS:
        kind = "group" if ent.label_ == "NORP" else "body"
        speakers._add_mention(ent.root, tidy_name(ent.text), kind, "statement")
    return ent.end


def _take_statement(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    phrase = speakers._noun_phrase(token)
    issuer = speakers._issuer(token)
    speakers.statements.append((token.i, token.lemma_.lower(), phrase.lower(), issuer))
    speakers._add_mention(token, issuer or phrase, "body", "statement")
    return token.i + 1


def _take_body_noun(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    # "Iran's foreign ministry said …. It said …": the body, not the country that owns it, is what "it" stands for.
    speakers._add_mention(token, speakers._noun_phrase(token), "body", "statement")
    return token.i + 1


def _is_body_noun_subject(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> bool:
    return ent is None and token.pos_ in ("NOUN", "PROPN") and token.dep_ in SUBJECT_DEPS and \
        token.text.lower() in BODY_NOUNS and speakers._ent_of.get(token.i) is None


def _take_pronoun(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    speakers._bind_pronoun(token)
    return token.i + 1


def _take_role(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    named = speakers._apposed_person(token)
    holder = speakers.full_name(speakers._name_at(named)) if named is not None else \
        speakers._name_after_title(token)
    if holder:  # "Federal Minister for Information ... Attaullah Tarar, ..., termed": the person
        speakers._add_mention(token, holder, "person", "named")
    else:
        speaker = speakers._role_speaker(token)
        if speaker.name:
            plural = token.tag_ in ("NNS", "NNPS")
            speakers._add_mention(token, speaker.name, "group" if plural else "person", speaker.origin)
    return token.i + 1


def _take_untagged_name(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> int:
    # A capitalised subject the NER left untagged is most often a person's name.
    name = speakers.full_name(speakers._name_at(token))
    speakers._add_mention(token, name, "person", "named")
    role = speakers._apposed_role(token)
    if role:
        speakers._register_role(role, name, token.i)
    return token.i + 1


MentionRule = tuple[str, Callable[["ArticleSpeakers", Token, Optional[Span]], bool],
                    Callable[["ArticleSpeakers", Token, Optional[Span]], int]]
MENTION_RULES: tuple[MentionRule, ...] = (
    ("a surname the article gives in full", _is_known_surname, _take_known_surname),
    ("a person's name", lambda s, token, ent: ent is not None and ent.label_ == "PERSON", _take_person),
    ("a body, country or group", lambda s, token, ent: ent is not None and ent.label_ in BODY_ENTITY_LABELS,
     _take_body),
    ("a document (statement, communique)",
     lambda s, token, ent: token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS, _take_statement),
    ("a body noun as subject", _is_body_noun_subject, _take_body_noun),
    ("a he or she as subject",
     lambda s, token, ent: token.pos_ == "PRON" and token.text.lower() in GENDER_BINDING_PRONOUNS and
     token.dep_ in SUBJECT_DEPS, _take_pronoun),
    ("a role as subject", lambda s, token, ent: token.dep_ in SUBJECT_DEPS and s._is_role_noun(token), _take_role),
    ("a capitalised subject the NER left untagged",
     lambda s, token, ent: token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and ent is None and token.is_title,
     _take_untagged_name),
)


def mention_rule(speakers: ArticleSpeakers, token: Token, ent: Optional[Span]) -> Optional[MentionRule]:
    """The first mention rule that applies at `token` (outside quotes), or None: the token records nothing."""
    return next((rule for rule in MENTION_RULES if rule[1](speakers, token, ent)), None)


# ------------------------------------------------------------------------------------------ the article

class ArticleSpeakers(Answers):
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
        pos = self.doc.to_array(POS).tolist() if len(self.doc) else []
        for token in (self.doc[i] for i, p in enumerate(pos) if p == PROPN):  # only proper nouns need a Token
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
        """People, groups, bodies and documents mentioned outside quotes, in text order (`MENTION_RULES`)."""
        ents_by_start = {ent.start: ent for ent in self.ents}
        i = 0
        while i < len(self.doc):
            if self.inside_quote[i]:
                i += 1
                continue
            token, ent = self.doc[i], ents_by_start.get(i)
            rule = mention_rule(self, token, ent)
            i = rule[2](self, token, ent) if rule is not None else i + 1

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
