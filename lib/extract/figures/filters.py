"""What is not a figure: `_rejected` (the surface says year, date, time, age, duration, measure, identifier, phone,
list number, compound) and `_keep` (whether an analyst would table what is left, given its category and noun)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from spacy.tokens import Doc, Token

from lib.extract.doctext import doc_text
from lib.extract.figures.category import _counts_captives, _people_noun
from lib.extract.figures.counted import _words_of
from lib.extract.figures.lexicon import _category_of_verbs, _category_of_words, _lex
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


@dataclass(frozen=True)
class Surround:
    """A scanned candidate with what the rejection rules read around it."""

    c: _Candidate
    text: str
    doc: Doc
    phones: Sequence[tuple[int, int]] = ()
    date_ents: Sequence[tuple[int, int]] = ()

    @property
    def before(self) -> str:
        """Up to 40 characters before the number itself."""
        return self.text[max(0, self.c.core_start - 40):self.c.core_start]

    @property
    def before_all(self) -> str:
        """Up to 40 characters before the qualifier when one stands before (labels and line starts), else `before`."""
        c = self.c
        return self.text[max(0, c.start - 40):c.start] if c.start < c.core_start else self.before

    @property
    def after(self) -> str:
        return self.text[self.c.end:self.c.end + 40]

    @property
    def core_after(self) -> str:
        return self.text[self.c.core_end:self.c.core_end + 40]

    def numbers(self) -> list[str]:
        return re.findall(r"\d+", self.text[self.c.core_start:self.c.core_end])

    def next_word(self) -> str:
        """The word after the number (after the whole match for a vague amount), "of" skipped."""
        nxt = _NEXT_WORD_RE.match(self.core_after if not self.c.vague else self.after)
        return nxt.group(1).lower() if nxt else ""


def _phone(s: Surround) -> bool:
    return any(a < s.c.core_end and s.c.core_start < b for a, b in s.phones)


def _time(s: Surround) -> bool:
    return bool(_TIME_AFTER_RE.match(s.core_after))


def _date(s: Surround) -> bool:
    return bool(_MONTH_BEFORE_RE.search(s.before) or _MONTH_AFTER_RE.match(s.after.lstrip()))


def _year(s: Surround) -> bool:
    """A plain four-digit year ("in 2023", "2024-25"), unless people are counted next ("2000 refugees")."""
    numbers = s.numbers() if s.c.plain_int else []
    return bool(numbers and _YEAR_RE.match(numbers[0]) and (len(numbers) == 1 or len(numbers[1]) in (2, 4))
                and not _counts_people_next(s.after))


def _long_number(s: Surround) -> bool:
    numbers = s.numbers() if s.c.plain_int else []
    return len(numbers) == 1 and len(numbers[0]) >= 7


def _list_number(s: Surround) -> bool:
    before_all, c = s.before_all, s.c
    line_start = before_all[before_all.rfind("\n") + 1:] if "\n" in before_all else (
        before_all if c.start <= 40 else None)
    return line_start is not None and not line_start.strip() and bool(_LIST_AFTER_RE.match(s.text[c.end:c.end + 2]))


def _labelled(s: Surround) -> bool:
    prev_word = re.search(r"([^\s]+)\s*$", s.before_all)
    return bool(prev_word and prev_word.group(1).lower().strip("(:") in L.ID_LABELS)


def _age_cue(s: Surround) -> bool:
    return bool(_AGE_BEFORE_RE.search(s.before_all))


def _compound(s: Surround) -> bool:
    return bool(_HYPHEN_COMPOUND_RE.match(s.core_after)) and not s.c.percent


def _duration(s: Surround) -> bool:
    return not s.c.currency and not s.c.percent and s.next_word() in L.TIME_UNITS


def _measure(s: Surround) -> bool:
    c = s.c
    return (c.short_scale and not c.currency) or (not c.currency and not c.percent
                                                  and s.next_word() in L.MEASURE_UNITS)


def _apposed(s: Surround) -> bool:
    return _apposed_age(s.c, s.text, s.doc)


def _date_entity(s: Surround) -> bool:
    c = s.c
    return c.plain_int and c.qualifier == "exact" and any(a <= c.core_start and c.core_end <= b
                                                          for a, b in s.date_ents)


# What is not an amount, tried in order: (the reason reported, the test). The first that holds rejects.
REJECT_RULES: tuple[tuple[str, Callable[[Surround], bool]], ...] = (
    ("phone", _phone),  # "+92 51 111 222"
    ("time", _time),  # "10:30", "9 pm"
    ("date", _date),  # "October 19", "19th of October"
    ("year", _year),  # "in 2023", "2024-25"
    ("identifier", _long_number),  # seven digits or more
    ("list number", _list_number),  # "1. " at a line start
    ("identifier", _labelled),  # "Article 245", "Resolution 2593"
    ("age", _age_cue),  # "aged 25"
    ("compound", _compound),  # "a 10-member delegation"
    ("duration", _duration),  # "four days"
    ("measure", _measure),  # "2,600 km", "5m"
    ("age", _apposed),  # "Ahmad Khan, 25, said"
    ("date entity", _date_entity),  # a plain number inside the parser's DATE or TIME entity
)


def _rejected(c: _Candidate, text: str, doc: Doc, phones, date_ents) -> Optional[str]:
    """Why this candidate is not a figure: the name of the first rule of REJECT_RULES that holds (None: a figure)."""
    around = Surround(c, text, doc, phones, date_ents)
    return next((name for name, holds in REJECT_RULES if holds(around)), None)


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


@dataclass(frozen=True)
class Reading:
    """A candidate that passed the rejection rules, read through the parse: what the keep rules judge."""

    c: _Candidate
    category: str
    noun: Optional[Token]  # the counted noun (None: no noun)
    num: Optional[Token]  # the number's root token

    def lemma_or_form_in(self, words) -> bool:
        return self.noun is not None and (self.noun.lemma_.lower() in words or self.noun.lower_ in words)

    @property
    def plain_count(self) -> bool:
        """No currency, percent or fraction: a count of things."""
        return not (self.c.currency or self.c.percent or self.c.fraction)


def _vague_amount(r: Reading) -> Optional[bool]:
    """"Dozens of soldiers were killed", "hundreds of families expelled": a lone plural is an estimate only of an
    event's victims or of the events; "thousands of trucks", "millions of people who live along the frontier" are
    description. "Tens of thousands" is kept in any category but "other"."""
    c, category, noun = r.c, r.category, r.noun
    if not c.vague:
        return None
    if category == "other":
        return False
    core = doc_text(r.num.doc)[c.core_start:c.core_end].strip().lower() if r.num is not None else ""
    if " " in core:
        return True
    return category in ("casualties", "deportations", "incidents") and not (
        category != "casualties" and noun is not None and _category_of_words(_words_of(noun)) is None
        and not _people_noun(noun))


def _share_of_time(r: Reading) -> Optional[bool]:
    """"the first half of the year"."""
    return False if r.c.fraction and r.lemma_or_form_in(L.TIME_FRACTION_NOUNS) else None


def _share_of_no_category(r: Reading) -> Optional[bool]:
    """A share is tabled only of a category's own people or things ("more than half of the returnees"), not of any
    group ("more than half of the new arrivals", "half of them")."""
    c = r.c
    return False if c.fraction and not c.percent and _category_of_words(_words_of(r.noun)) is None else None


def _kin(r: Reading) -> Optional[bool]:
    """"with 14 other relatives", "three family members": a human story, not data."""
    noun = r.noun
    if noun is None or not r.plain_count or r.category == "casualties" or (r.c.value or 0) >= L.NARRATIVE_KIN_MAX:
        return None
    family_member = noun.lemma_.lower() == "member" and any(t.lower_ in ("family", "household") for t in noun.lefts)
    return False if r.lemma_or_form_in(L.KIN_NOUNS) or family_member else None


def _one_of(r: Reading) -> Optional[bool]:
    """"one of the soldiers" (but "nine of its soldiers were killed" is a count)."""
    c = r.c
    return False if c.spelled and c.followed_by_of and c.value == 1 else None


def _discourse(r: Reading) -> Optional[bool]:
    """"the two countries", "one diplomat", "three rounds": narrative, whatever the sentence ("17 times" an
    incident happened stays)."""
    if r.noun is None or not r.plain_count or not r.lemma_or_form_in(L.DISCOURSE_NOUNS):
        return None
    return None if r.noun.lemma_.lower() == "time" and r.category == "incidents" else False


def _small_spelled_in_category(r: Reading) -> Optional[bool]:
    """A small spelled-out count in a category is a figure only when it directly counts something ("two
    soldiers"), not when it stands for people named before ("the three signed a declaration")."""
    c, num = r.c, r.num
    if not (_in_category(r) and c.spelled and (c.value or 0) < 100 and not c.currency and not c.percent):
        return None
    if num is not None and num.dep_ == "nummod" and _category_of_verbs([num.head.lemma_.lower()]):
        return True  # "left three dead": the number counts the people in that state
    return r.noun is not None or (num is not None and num.dep_ in ("dobj", "nsubj", "nsubjpass")
                                  and not any(t.dep_ == "det" for t in num.children))


def _in_category(r: Reading) -> bool:
    """A category, money, a percentage or captives ("one freed prisoner" is a story, not captives)."""
    c = r.c
    return r.category != "other" or bool(c.currency or c.percent) or (
        _counts_captives(r.num, r.noun) and not (c.spelled and c.value == 1))


def _categorised(r: Reading) -> Optional[bool]:
    return True if _in_category(r) else None


def _uncategorised_share(r: Reading) -> Optional[bool]:
    return (r.noun is not None) if r.c.fraction else None


def _small_spelled(r: Reading) -> Optional[bool]:
    return False if r.c.spelled and (r.c.value or 0) < 100 else None


def _small_value(r: Reading) -> Optional[bool]:
    return False if r.c.value is None or r.c.value < L.OTHER_MIN_VALUE else None


def _no_noun(r: Reading) -> Optional[bool]:
    return False if r.noun is None else None


def _named_count(r: Reading) -> Optional[bool]:
    """A sizeable count of named things ("1,500 terrorist incidents"), unless the noun is narrative."""
    return not r.lemma_or_form_in(L.DISCOURSE_NOUNS)


# Whether an analyst would table a reading, tried in order: (rule name, judge). A judge answers True (keep),
# False (drop) or None (not its case: the next rule is asked). Main categories are kept; "other" only for sizeable,
# named counts. The last rule always answers.
KEEP_RULES: tuple[tuple[str, Callable[[Reading], Optional[bool]]], ...] = (
    ("vague amount", _vague_amount),
    ("share of a time span", _share_of_time),
    ("share of no category", _share_of_no_category),
    ("kin", _kin),
    ("one of", _one_of),
    ("discourse noun", _discourse),
    ("small spelled count", _small_spelled_in_category),
    ("category", _categorised),
    ("share", _uncategorised_share),
    ("small spelled, other", _small_spelled),
    ("small value, other", _small_value),
    ("no noun, other", _no_noun),
    ("named count, other", _named_count),
)


def keep_decision(c: _Candidate, category: str, noun: Optional[Token], num: Optional[Token]) -> tuple[bool, str]:
    """(kept?, the name of the KEEP_RULES rule that decided)."""
    reading = Reading(c, category, noun, num)
    for name, judge in KEEP_RULES:
        verdict = judge(reading)
        if verdict is not None:
            return verdict, name
    raise AssertionError("the last keep rule always answers")


def _keep(c: _Candidate, category: str, noun: Optional[Token], num: Optional[Token]) -> bool:
    """Whether an analyst would table it (`keep_decision`)."""
    return keep_decision(c, category, noun, num)[0]
