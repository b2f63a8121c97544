"""What is not a figure: `_rejected` (the surface says year, date, time, age, duration, measure, identifier, phone,
list number, compound) and `_keep` (whether an analyst would table what is left, given its category and noun)."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from lib.doctext import doc_text
from lib.extract.figures.category import _counts_captives, _people_noun
from lib.extract.figures.counted import _words_of
from lib.extract.figures.lexicon import _category_of_words, _lex
from lib.extract.figures.scan import (_AGE_BEFORE_RE, _HYPHEN_COMPOUND_RE, _LIST_AFTER_RE, _MONTH_AFTER_RE,
                                      _MONTH_BEFORE_RE, _NEXT_WORD_RE, _PHONE_RE, _TIME_AFTER_RE, _YEAR_RE, _Candidate)
from lib.lexicons import figures as L


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Digit groups that read as a telephone number: a leading + or 0, or three groups or more, 7+ digits."""
    spans = []
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        groups = len(re.findall(r"\d+", m.group()))
        if len(digits) >= 7 and (m.group().startswith(("+", "0", "(")) or groups >= 3):
            spans.append((m.start(), m.end()))
    return spans


def _rejected(c: _Candidate, text: str, doc: Doc, phones, date_ents) -> Optional[str]:
    """Why this candidate is not a figure (None when it is one)."""
    before = text[max(0, c.core_start - 40):c.core_start]
    if c.start < c.core_start:  # a qualifier stands before: look before it for labels and line starts
        before_all = text[max(0, c.start - 40):c.start]
    else:
        before_all = before
    after = text[c.end:c.end + 40]
    core_after = text[c.core_end:c.core_end + 40]
    if any(s < c.core_end and c.core_start < e for s, e in phones):
        return "phone"
    if _TIME_AFTER_RE.match(core_after):
        return "time"
    if _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(after.lstrip()):
        return "date"
    if c.plain_int:
        core = text[c.core_start:c.core_end]
        numbers = re.findall(r"\d+", core)
        if numbers and _YEAR_RE.match(numbers[0]) and (len(numbers) == 1 or len(numbers[1]) in (2, 4)):
            if not _counts_people_next(after):
                return "year"
        if len(numbers) == 1 and len(numbers[0]) >= 7:
            return "identifier"
    line_start = before_all[before_all.rfind("\n") + 1:] if "\n" in before_all else (
        before_all if c.start <= 40 else None)
    if line_start is not None and not line_start.strip() and _LIST_AFTER_RE.match(text[c.end:c.end + 2]):
        return "list number"
    prev_word = re.search(r"([^\s]+)\s*$", before_all)
    if prev_word and prev_word.group(1).lower().strip("(:") in L.ID_LABELS:
        return "identifier"
    if _AGE_BEFORE_RE.search(before_all):
        return "age"
    if _HYPHEN_COMPOUND_RE.match(core_after) and not c.percent:
        return "compound"
    if not c.currency and not c.percent:
        nxt = _NEXT_WORD_RE.match(core_after if not c.vague else after)
        word = nxt.group(1).lower() if nxt else ""
        if word in L.TIME_UNITS:
            return "duration"
        if word in L.MEASURE_UNITS or (c.short_scale and not c.currency):
            return "measure"
    if c.short_scale and not c.currency:
        return "measure"
    if _apposed_age(c, text, doc):
        return "age"
    if c.plain_int and c.qualifier == "exact":
        for s, e in date_ents:
            if s <= c.core_start and c.core_end <= e:
                return "date entity"
    return None


def _counts_people_next(after: str) -> bool:
    """"2000 refugees" is a count even though 2000 looks like a year."""
    m = re.match(r"\s+(?:[A-Za-z-]+\s+){0,2}?([A-Za-z]+)", after)
    if not m:
        return False
    word = m.group(1).lower()
    lex = _lex()
    return word in lex.person_nouns or any(word in nouns for nouns in lex.nouns.values())


def _apposed_age(c: _Candidate, text: str, doc: Doc) -> bool:
    """"Ahmad Khan, 25, said" — a small number between commas right after a person's name."""
    if c.value is None or c.value >= 120 or c.currency or c.percent or c.spelled:
        return False
    if not (re.search(r",\s*$", text[max(0, c.start - 3):c.start]) and re.match(r"\s*,", text[c.end:c.end + 3])):
        return False
    comma = text.rfind(",", 0, c.start)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.end_char <= comma and comma - ent.end_char <= 1:
            return True
    return False


def _keep(c: _Candidate, category: str, noun: Optional[Token], num: Optional[Token]) -> bool:
    """Whether an analyst would table it: main categories always; "other" only for sizeable, named counts."""
    if c.vague:
        if category == "other":
            return False
        core = doc_text(num.doc)[c.core_start:c.core_end].strip().lower() if num is not None else ""
        if " " not in core:
            # "Dozens of soldiers were killed", "hundreds of families expelled": a lone plural is an estimate
            # only of an event's victims or of the events; "thousands of trucks", "millions of people who live
            # along the frontier" are description.
            return category in ("casualties", "deportations", "incidents") and not (
                category != "casualties" and noun is not None and _category_of_words(_words_of(noun)) is None
                and not _people_noun(noun))
        return True
    if c.fraction and noun is not None and (noun.lemma_.lower() in L.TIME_FRACTION_NOUNS
                                            or noun.lower_ in L.TIME_FRACTION_NOUNS):
        return False  # "the first half of the year"
    if c.fraction and not c.percent and _category_of_words(_words_of(noun)) is None:
        # A share is tabled only of a category's own people or things ("more than half of the returnees"),
        # not of any group ("more than half of the new arrivals", "half of them").
        return False
    if noun is not None and not (c.currency or c.percent or c.fraction) and category != "casualties" \
            and (c.value or 0) < L.NARRATIVE_KIN_MAX and (
            noun.lemma_.lower() in L.KIN_NOUNS or noun.lower_ in L.KIN_NOUNS or (
            noun.lemma_.lower() == "member" and any(t.lower_ in ("family", "household") for t in noun.lefts))):
        return False  # "with 14 other relatives", "three family members": a human story, not data
    if c.spelled and c.followed_by_of and c.value == 1:
        return False  # "one of the soldiers" (but "nine of its soldiers were killed" is a count)
    if noun is not None and not (c.currency or c.percent or c.fraction) and (
            noun.lower_ in L.DISCOURSE_NOUNS or noun.lemma_.lower() in L.DISCOURSE_NOUNS) and not (
            noun.lemma_.lower() == "time" and category == "incidents"):
        return False  # "the two countries", "one diplomat", "three rounds": narrative, whatever the sentence
    captives = _counts_captives(num, noun) and not (c.spelled and c.value == 1)  # "one freed prisoner": a story
    if category != "other" or c.currency or c.percent or captives:
        if c.spelled and (c.value or 0) < 100 and not c.currency and not c.percent:
            # A small spelled-out count is a figure only when it directly counts something ("two soldiers"),
            # not when it stands for people named before ("the three signed a declaration").
            return noun is not None or (num is not None and num.dep_ in ("dobj", "nsubj", "nsubjpass")
                                        and not any(t.dep_ == "det" for t in num.children))
        return True
    if c.fraction:
        return noun is not None
    if c.spelled and (c.value or 0) < 100:
        return False
    if c.value is None or c.value < L.OTHER_MIN_VALUE:
        return False
    if noun is None:
        return False
    if noun.lower_ in L.DISCOURSE_NOUNS or noun.lemma_.lower() in L.DISCOURSE_NOUNS:
        return False
    return True
