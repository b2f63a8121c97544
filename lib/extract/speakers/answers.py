"""Answering "who is this subject?" (`Answers`, a part of `ArticleSpeakers`): a name, a title or role resolved to
its named holder or kept as the role, a pronoun bound to the last person mentioned, a document to its issuer.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from lib.aliases import _is_title_word, strip_titles
from lib.extract.speakers.names import (
    MAX_TITLE_TAIL_TOKENS, NO_SPEAKER, OTHER_PRONOUN_LOOKBACK_SENTENCES, PERSON_PRONOUN_LOOKBACK_SENTENCES,
    PLACE_PREPOSITIONS, ROLE_BINDING_LOOKBACK_SENTENCES, Mention, NameReading, Speaker, _quantified,
)
from lib.lexicons.reporting import STATEMENT_NOUNS
from lib.lexicons.speakers import (
    BODY_ENTITY_LABELS, BODY_NOUNS, GROUP_PRONOUNS, INDEFINITE_DETERMINERS, PERSON_PRONOUNS, PERSONAL_ROLE_HEADS,
    PRONOUN_GENDER, ROLE_NOUNS, THING_PRONOUNS, TITLE_CONNECTORS, TITLE_MODIFIERS,
)


class Answers(NameReading):
    """Who a subject is, read from what the scan of the article recorded (mentions, roles, statements, genders)."""

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
        # A common noun that describes the proper name set right after it names that body ("the Congolese
        # newspaper Le Potentiel", "the state news agency Bernama").
        described = self._described_name(token)
        if described:
            return Speaker(described, "statement")
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
            words = self._apposed_words(token, child)
            if len(words) < 2 or any(_is_title_word(t.text) or t.text.lower() in BODY_NOUNS for t in words):
                return ""
            return self.full_name(strip_titles(words.text))
        return ""

    def _apposed_words(self, head: Token, appos: Token):
        """The appositive name after `head` with the proper nouns compounded to it ("Le Potentiel")."""
        start = appos.i
        while start - 1 > head.i and self.doc[start - 1].dep_ == "compound" and \
                self.doc[start - 1].head.i == appos.i and self.doc[start - 1].pos_ == "PROPN":
            start -= 1
        return self.doc[start:appos.i + 1]

    def _described_name(self, noun: Token) -> str:
        """The proper name in apposition right after a common noun, with no punctuation between, that is not a
        person's (persons are `_apposed_person`'s): its words and the proper nouns compounded to it."""
        if noun.pos_ != "NOUN":
            return ""
        for child in noun.rights:
            if child.dep_ != "appos" or child.pos_ != "PROPN" or self.inside_quote[child.i] or \
                    self._label(child) == "PERSON" or _is_title_word(child.text):
                continue
            if any(t.is_punct for t in self.doc[noun.i + 1:child.i]):
                return ""
            return self._apposed_words(noun, child).text
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
        for _, _lemma, s_phrase, s_issuer in reversed(earlier):
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
