"""Who gives a figure: the speaker of an enclosing quote, "according to" / "per" phrases, bodies that record counts
("IOM recorded ..."), and the subject of a reporting verb ("..., officials said")."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from lib.extract.doctext import doc_text
from lib.extract.figures.lexicon import _alt
from lib.extract.figures.scan import _Candidate
from lib.lexicons import figures as L
from lib.lexicons.reporting import ATTRIBUTION_PHRASES, REPORTING_VERBS
from lib.records import Quote

_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "which",
                       "who"})
_ATTRIB_RE = re.compile(rf"\b(?:{_alt(ATTRIBUTION_PHRASES)})\s+", re.I)


_SOURCE_ADJECTIVES = frozenset({"latest", "new", "provisional", "released", "recent", "preliminary"})


def _clean_source(tokens: list[Token]) -> str:
    """Trim a source phrase: no article, no possessive tail ("the World Bank's latest report" -> "World
    Bank"), no trailing document noun ("Interior Ministry figures" -> "Interior Ministry")."""
    out = list(tokens)
    for k, t in enumerate(tokens):
        if t.text in ("'s", "’s", "'", "’"):
            tail = tokens[k + 1:]
            # "the World Bank's latest report" -> the owner; "Afghanistan's Taliban government" stays whole.
            if all(x.lower_ in L.SOURCE_DOCUMENT_NOUNS or x.pos_ in ("ADJ", "DET") for x in tail):
                out = tokens[:k]
            break
    while out and (out[0].pos_ in ("DET", "PUNCT") or out[0].lower_ in _SOURCE_ADJECTIVES):
        out = out[1:]
    while out and (out[-1].lower_ in L.SOURCE_DOCUMENT_NOUNS or out[-1].pos_ in ("PUNCT", "ADP", "CCONJ", "DET")
                   or out[-1].lower_ in _SOURCE_ADJECTIVES):
        out = out[:-1]
    if not out and tokens:
        return ""
    text = "".join(t.text_with_ws for t in out).strip()
    return re.sub(r"\s+([-–])\s+", r"\1", text).replace(" - ", "-").strip()


def _from_enclosing_quote(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token],
                          quotes: Sequence[Quote]) -> str:
    """The speaker of a quote the figure stands in."""
    for q in quotes:
        spans = q.spans or ((q.start_char, q.end_char),)
        if q.speaker and any(s <= c.start and c.end <= e for s, e in spans):
            return q.speaker
    return ""


def _phrase_source(c: _Candidate, doc: Doc, sent: Span, m: re.Match) -> str:
    """The source named after one "according to" / "per" phrase, or "" when what follows is no source."""
    text = doc_text(doc)
    phrase = m.group().strip().lower()
    rest = doc.char_span(m.end(), sent.end_char, alignment_mode="expand")
    if rest is None or not len(rest):
        return ""
    if phrase == "per" and (rest[0].lower_ in L.PER_NOT_SOURCE or rest[0].like_num):
        return ""
    if phrase == "per" and m.start() > 0 and text[m.start() - 1:m.start()].isdigit():
        return ""
    tokens = []
    for t in rest:
        if t.is_punct and t.text not in ("-", "–", "’s", "'s") or t.pos_ in ("VERB", "AUX") \
                or t.lower_ in ("who", "which", "that", "as", "when", "while", "since", "by", "in", "on"):
            break
        if c.core_start <= t.idx < c.end:
            break
        tokens.append(t)
        if len(tokens) >= 8:
            break
    return _clean_source(tokens)


def _from_attribution_phrase(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token],
                             quotes: Sequence[Quote]) -> str:
    """"according to UNHCR", "per Inter-Services Public Relations data": the nearest such phrase in the sentence."""
    best, best_dist = "", None
    for m in _ATTRIB_RE.finditer(doc_text(doc), sent.start_char, sent.end_char):
        if c.start <= m.start() < c.end:
            continue
        source = _phrase_source(c, doc, sent, m)
        if not source:
            continue
        dist = abs(m.start() - c.start)
        if best_dist is None or dist < best_dist:
            best, best_dist = source, dist
    return best


def _in_contrasting_clause(num: Token, via: Token) -> bool:
    """"X estimates ..., while the KP government puts its loss at Rs 3bn": the figure's own clause has a subject
    of its own after a contrast mark, so nothing above it gives the figure."""
    return via is not num and via.pos_ in ("VERB", "AUX") and via.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _CONTRAST_MARKS for m in via.children) and any(
        x.dep_ in ("nsubj", "nsubjpass") and num.i not in {y.i for y in x.subtree} for x in via.children)


def _recording_subject(num: Token, anc: Token, via: Token, doc: Doc, sent: Span) -> str:
    """"IOM recorded nearly 80,000 deportations", "the government puts its loss at Rs 3bn"."""
    if not (anc.pos_ in ("VERB", "AUX") and anc.lemma_.lower() in L.RECORDING_VERBS and via.dep_ in _OBJECT_DEPS):
        return ""
    subjects = [x for x in anc.children if x.dep_ == "nsubj" and num.i not in {y.i for y in x.subtree}]
    if subjects and _is_source_body(subjects[0]):
        return _subject_source(subjects[0], doc, sent)
    return ""


def _reporting_subject(num: Token, anc: Token, doc: Doc, sent: Span) -> str:
    """The subject (or the "by" agent) of a reporting verb above the figure: "..., officials said"."""
    for child in anc.children:
        if child.dep_ in ("nsubj", "csubj") and num.i not in {t.i for t in child.subtree}:
            source = _subject_source(child, doc, sent)
            if source:
                return source
        if child.dep_ == "agent":
            objs = [t for t in child.children if t.dep_ == "pobj"]
            if objs:
                source = _clean_source([t for t in objs[0].subtree if t.i <= objs[0].i])
                if source:
                    return source
    return ""


def _from_governing_verb(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token],
                         quotes: Sequence[Quote]) -> str:
    """"The World Bank estimates ...", "..., officials said", "... were reported by ISPR": up the figure's heads."""
    if num is None:
        return ""
    below = num
    for anc in num.ancestors:
        via, below = below, anc
        if _in_contrasting_clause(num, via):
            break
        source = _recording_subject(num, anc, via, doc, sent)
        if source:
            return source
        lemma = anc.lemma_.lower()
        if anc.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS:
            if lemma in L.AMBIGUOUS_SPEECH_VERBS and via.dep_ not in ("ccomp", "parataxis", "advcl", "xcomp"):
                continue
            source = _reporting_subject(num, anc, doc, sent)
            if source:
                return source
    return ""


def _from_trailing_speech_verb(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token],
                               quotes: Sequence[Quote]) -> str:
    """"At least 23 soldiers were martyred ..., the military's media wing said": the parse often hangs the speech
    verb off the main clause instead of above it."""
    if num is None:
        return ""
    text = doc_text(doc)
    for t in sent:
        lemma = t.lemma_.lower()
        if t.i <= num.i or t.pos_ != "VERB" or lemma not in REPORTING_VERBS or lemma in L.AMBIGUOUS_SPEECH_VERBS:
            continue
        subjects = [x for x in t.lefts if x.dep_ == "nsubj" and x.pos_ != "PRON" and num.i not in
                    {y.i for y in x.subtree}]
        if subjects and text[sent.start_char:subjects[-1].left_edge.idx].rstrip().endswith((",", "—", "–")):
            source = _subject_source(subjects[-1], doc, sent)
            if source:
                return source
        if not any(x.dep_ in ("nsubj", "nsubjpass") for x in t.children):
            # ", the Inter-Services Public Relations (ISPR) said": the name hung elsewhere by the parse
            source = _comma_phrase_before(t)
            if source:
                return source
    return ""


# Who gives a figure, tried in order; the first rule that names a source decides.
ATTRIBUTION_RULES = (
    ("enclosing quote", _from_enclosing_quote),
    ("according-to phrase", _from_attribution_phrase),
    ("governing verb", _from_governing_verb),
    ("trailing speech verb", _from_trailing_speech_verb),
)


def attribution_rule(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token],
                     quotes: Sequence[Quote]) -> tuple[str, str]:
    """(source, the name of the rule that found it), or ("", "") when no rule names one."""
    for name, rule in ATTRIBUTION_RULES:
        source = rule(c, doc, sent, num, quotes)
        if source:
            return source, name
    return "", ""


def _attribution(c: _Candidate, doc: Doc, sent: Span, num: Optional[Token], quotes: Sequence[Quote]) -> str:
    return attribution_rule(c, doc, sent, num, quotes)[0]


_CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though", "but"})
_OBJECT_DEPS = frozenset({"dobj", "prep", "attr", "oprd", "dative", "npadvmod"})
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
_NAME_LINKS = frozenset({"of", "for", "in", "on", "and", "&"})


def _is_source_body(subject: Token) -> bool:
    """A subject that can be a source of a recorded count: a name, an organisation or a body of people."""
    if subject.pos_ == "PRON":
        return subject.lower_ in _PERSONAL_PRONOUNS
    return subject.pos_ == "PROPN" or bool(subject.ent_type_) or subject.lemma_.lower() in L.SOURCE_BODY_NOUNS \
        or any(t.pos_ == "PROPN" for t in subject.lefts)


def _subject_source(child: Token, doc: Doc, sent: Span) -> str:
    """The source named by a subject: its head with left modifiers, a name's right-hand part ("United Nations
    Assistance Mission in Afghanistan"), never its bracketed acronym; "she"/"he" as the last named person before
    the sentence; a parse that took "Aid" for a verb ("Aid workers ... said") read as the noun phrase it is."""
    if child.pos_ == "PRON" or child.lower_ in _PRONOUNS:
        if child.lower_ in _PERSONAL_PRONOUNS:
            return _previous_person(doc, sent)
        return ""
    if child.dep_ == "csubj" or child.pos_ == "VERB":
        objs = [t for t in child.children if t.dep_ == "dobj" and t.i == child.i + 1 and t.pos_ == "NOUN"]
        if not objs:
            return ""
        return _clean_source([child, objs[0]])
    tokens = [t for t in child.subtree if t.i <= child.i]
    if child.pos_ == "PROPN":
        subtree = {t.i for t in child.subtree}
        k = child.i + 1
        while k < len(doc) and k in subtree:
            t = doc[k]
            if t.pos_ == "PROPN" or (t.lower_ in _NAME_LINKS and k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN"):
                tokens.append(t)
                k += 1
                continue
            break
    return _clean_source(tokens)


def _previous_person(doc: Doc, sent: Span) -> str:
    """The last named person before `sent` (within a few sentences): who "she" or "he" most likely is."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= sent.start_char
              and sent.start_char - e.end_char < 700]
    return people[-1].text.strip() if people else ""


def _comma_phrase_before(verb: Token) -> str:
    """", the Inter-Services Public Relations (ISPR) said": the noun phrase between a comma and the verb."""
    tokens: list[Token] = []
    k = verb.i - 1
    while k >= verb.sent.start:
        t = verb.doc[k]
        if t.text in (",", "—", "–"):
            break
        if not (t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PART", "CCONJ") or t.text in ("(", ")", "-")
                or t.lower_ in _NAME_LINKS):
            return ""
        tokens.insert(0, t)
        k -= 1
    if k < verb.sent.start or not any(t.pos_ in ("PROPN", "NOUN") for t in tokens):
        return ""
    cut = next((n for n, t in enumerate(tokens) if t.text == "("), len(tokens))
    return _clean_source(tokens[:cut])
