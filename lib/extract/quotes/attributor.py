"""Who speaks a quote, given its cue: the subject of a speech verb (`X said`, `said X`, a passive's agent), the
source of a phrase (`according to X`), the speaker before a colon or dash (`Asif’s warning:`, `X told Y:`). The
speaker's name is resolved within the article by lib/extract/speakers/.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from lib.extract.quotes.cues import is_speech_verb
from lib.extract.speakers import NO_SPEAKER, ArticleSpeakers, Speaker
from lib.lexicons.reporting import QUOTING_VERBS
from lib.lexicons.speakers import BORROW_SUBJECT_DEPS, INVERTED_SPEAKER_DEPS, SUBJECT_DEPS

# How far left of a noun a possessive ("Asif’s 29 October warning") may stand.
MAX_POSSESSIVE_LOOKBACK = 6
# How many heads up from the word before a colon or dash the clause subject is looked for.
MAX_CLAUSE_CLIMB = 4
# A verb that heads a phrase under a speech verb (`told reporters before [departing] Bangkok:`): the addressee
# chain climbs past it to the speech verb.
VERB_PHRASE_UNDER_CUE_DEPS = frozenset({"pcomp", "advcl", "xcomp", "acl"})
# Tags of relative pronouns (who, which, that), which stand for the noun their clause modifies.
RELATIVE_PRONOUN_TAGS = frozenset({"WP", "WDT"})
# Links from the word before a colon up to a speech verb that make that word the verb's addressee or a place
# (`told [Daily Sabah]:`, `told reporters in [Islamabad]:`), not its speaker.
ADDRESSEE_CHAIN_DEPS = frozenset({"dobj", "dative", "pobj", "prep", "compound", "npadvmod", "appos", "nmod"})


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker
    cue: str


NO_ATTRIBUTION = Attribution(NO_SPEAKER, "")


class Attributor:
    """Finds the speech cue of a quote and asks ArticleSpeakers who its subject is."""

    def __init__(self, doc: Doc, speakers: ArticleSpeakers, inside_quote: list[bool]):
        self.doc = doc
        self.speakers = speakers
        self.inside_quote = inside_quote

    def cue_subject(self, verb: Token) -> Optional[Token]:
        """The speaker token of a speech verb: its subject; for `said X` the name after it; for a participle
        with no subject (`..., stating, “...”`) the subject of the clause it hangs from."""
        quoted = self._quoted_as_saying(verb)
        if quoted is not None:
            return quoted
        current = verb
        for _ in range(4):
            agent = self._passive_agent(current)
            if agent is not None:
                return agent
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS and not self.inside_quote[child.i]:
                    # The subject of a passive speech verb is who was spoken to (`the delegation was asked by
                    # the hosts to stay`), never the speaker.
                    if child.dep_ == "nsubjpass" and current.i == verb.i:
                        return None
                    # `Rubio, who acknowledged …`: a relative pronoun stands for the noun its clause hangs from.
                    if child.tag_ in RELATIVE_PRONOUN_TAGS and current.dep_ == "relcl" and \
                            not self.inside_quote[current.head.i]:
                        return current.head
                    return child
            if current.i == verb.i:
                for child in verb.rights:
                    if child.dep_ in INVERTED_SPEAKER_DEPS and not self.inside_quote[child.i] and \
                            (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
                        return child
            if current.dep_ == "conj":
                antecedent = self._relative_clause_continued(current)
                if antecedent is not None:
                    return antecedent
            if current.dep_ in BORROW_SUBJECT_DEPS and current.head.i != current.i:
                current = current.head
            else:
                break
        # A parse that lost the verb's subject ("… Foreign Minister Ishaq Dar said, “…”" with "said" taken for an
        # auxiliary): the name standing right before the verb speaks.
        left = verb.i - 1
        if left >= 0 and not self.inside_quote[left] and \
                (self.doc[left].ent_type_ in ("PERSON", "ORG") or self.doc[left].pos_ == "PROPN"):
            return self.doc[left]
        return None

    def _relative_clause_continued(self, verb: Token) -> Optional[Token]:
        """`…, Barrack, who acknowledged “…” but said “…”`: a verb right after a relative clause, joined by "but" or
        "and", continues that clause even when the parser coordinates it with the main verb; the noun the clause
        hangs from is its subject."""
        j = verb.i - 1
        if j < 1 or self.doc[j].lower_ not in ("but", "and"):
            return None
        end = j - 1  # the clause's last word, past closing quote marks (a comma closes the clause: `, who …, and`)
        while end > 0 and self.doc[end].is_punct:
            if self.doc[end].text in (",", ";", "(", ")"):
                return None
            end -= 1
        for clause in self.doc[verb.sent.start:end + 1]:
            if clause.dep_ == "relcl" and clause.head.i != verb.head.i and clause.i < end <= clause.right_edge.i + 1 \
                    and self.doc[end].i <= clause.right_edge.i and not self.inside_quote[clause.head.i] and \
                    any(c.dep_ in SUBJECT_DEPS and c.tag_ in RELATIVE_PRONOUN_TAGS for c in clause.children):
                return clause.head
        return None

    def _quoted_as_saying(self, verb: Token) -> Optional[Token]:
        """`the agency quoted the minister as saying`: the object of the quoting verb speaks, not its subject."""
        as_word = verb.head
        if verb.dep_ != "pcomp" or as_word.lower_ != "as" or as_word.head.i == as_word.i:
            return None
        quoting = as_word.head
        if quoting.lemma_.lower() not in QUOTING_VERBS:
            return None
        return next((c for c in quoting.children if c.dep_ == "dobj" and not self.inside_quote[c.i]), None)

    def _passive_agent(self, verb: Token) -> Optional[Token]:
        """The speaker of a passive speech verb: the object of its `by` phrase (`was asked by the hosts`)."""
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj" and not self.inside_quote[obj.i]:
                        return obj
        return None

    def from_verb(self, verb: Token) -> Attribution:
        subject = self.cue_subject(verb)
        if subject is None:
            return NO_ATTRIBUTION
        speaker = self.speakers.for_subject(subject)
        return Attribution(speaker, verb.text) if speaker.name else NO_ATTRIBUTION

    def from_phrase(self, token: Token) -> Attribution:
        """`according to X`, `per X`, `as per X`, `citing X`, `quoting X`: X is the source."""
        word = token.text.lower()
        if word == "according":
            nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
            if nxt is None or nxt.text.lower() != "to":
                return NO_ATTRIBUTION
            heads, cue = (token, nxt), "according to"
        else:
            heads, cue = (token,), word
            if word == "per" and token.i > 0 and token.nbor(-1).text.lower() == "as":
                cue = "as per"
        for head in heads:
            for child in head.children:
                if child.dep_ in ("pobj", "dobj") and not self.inside_quote[child.i]:
                    speaker = self.speakers.for_subject(child)
                    if speaker.name:
                        return Attribution(speaker, cue)
        return NO_ATTRIBUTION

    def _possessor(self, noun: Token) -> Optional[Token]:
        """Whose word it is: "Asif’s 29 October warning" -> Asif. Read off the tokens, not only the parse: the
        parser often hangs the possessive elsewhere."""
        j = noun.i
        while j > 0 and noun.i - j <= MAX_POSSESSIVE_LOOKBACK and not self.doc[j].is_punct and \
                self.doc[j].pos_ not in ("VERB", "AUX") and not self.inside_quote[j]:
            token = self.doc[j]
            if token.tag_ == "POS" and not self.inside_quote[j - 1]:
                return self.doc[j - 1]
            if token.dep_ == "poss" and token.pos_ in ("PROPN", "NOUN"):
                return token
            j -= 1
        return None

    def _object_of_a_speaking_clause(self, possessor: Token) -> bool:
        """ "Asif summarised Islamabad's view:": a place's or body's view, the object of a verb whose subject is a
        named person, is voiced by that person. A person's words stay theirs ("Critics recalled Dar's warning:")."""
        owned = possessor.head
        if owned.dep_ != "dobj" or owned.head.pos_ != "VERB" or \
                self.speakers.for_subject(possessor).origin == "named":
            return False
        return any(c.dep_ in SUBJECT_DEPS and not self.inside_quote[c.i] and
                   self.speakers.for_subject(c).origin == "named" for c in owned.head.children)

    def from_colon(self, before: Token, mark: str) -> Attribution:
        """`He said: “…”`, `Asif’s warning: “…”`, `Asif: “…”`, `Asif was blunt — “…”`."""
        if is_speech_verb(before):
            found = self.from_verb(before)
            return Attribution(found.speaker, found.cue) if found.speaker.name else NO_ATTRIBUTION
        # Whose words: "Asif’s warning:", also past a trailing modifier ("Dar’s warning in October:").
        possessor = self._possessor(before)
        if possessor is not None and not self._object_of_a_speaking_clause(possessor):
            speaker = self.speakers.for_subject(possessor)
            if speaker.name:
                return Attribution(speaker, mark)
        # `X told Y:`, `X told reporters in Islamabad:`: the word before the mark is the addressee (or a place)
        # under the speech verb, never the speaker; the verb's subject speaks.
        verb = self._speech_verb_above(before)
        if verb is not None:
            found = self.from_verb(verb)
            if found.speaker.name:
                return Attribution(found.speaker, mark)
        if before.ent_type_ in ("PERSON", "ORG") or before.pos_ == "PROPN":
            speaker = self.speakers.for_subject(before)
            if speaker.name:
                return Attribution(speaker, mark)
        # The clause before the mark: its subject speaks ("Asif was blunt —"). Climb from the word before the
        # mark to the first verb with a subject outside the quote.
        current = before
        for _ in range(MAX_CLAUSE_CLIMB):
            if self.inside_quote[current.i] or current.i > before.i + 1:
                break
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS and not self.inside_quote[child.i] and child.i < before.i:
                    speaker = self.speakers.for_subject(child)
                    return Attribution(speaker, mark) if speaker.name else NO_ATTRIBUTION
            if current.head.i == current.i:
                break
            current = current.head
        return NO_ATTRIBUTION


    def _speech_verb_above(self, token: Token) -> Optional[Token]:
        """The speech verb `token` hangs from as its object, dative or a phrase under them ("told [BBC Pashto]",
        "told reporters in [Islamabad]"), or None (a subject, or no speech verb within a few heads)."""
        current = token
        for _ in range(MAX_CLAUSE_CLIMB + 1):
            if current.dep_ not in ADDRESSEE_CHAIN_DEPS | VERB_PHRASE_UNDER_CUE_DEPS or current.head.i == current.i or \
                    self.inside_quote[current.head.i]:
                return None
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                if is_speech_verb(current):
                    return current
                # `told reporters before departing [Bangkok]:`: a verb of a phrase under the speech verb
                if current.dep_ not in VERB_PHRASE_UNDER_CUE_DEPS:
                    return None
        return None
