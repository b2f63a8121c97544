"""Figures in a parsed article: numbers an analyst would table, normalised, categorised and attributed.

How it works, in three passes over one already-parsed Doc (no second parse, no I/O):

1. **Scan** the text with one regular expression built from `lib.lexicons.figures`: qualifier ("over",
   "nearly"), currency ("PKR", "Rs.", "US$"), digits or spelled-out words, scale ("million", "bn", "lakh",
   "crore"), ranges ("20,000-25,000", "between 300 and 400"), percentages, fractions ("a third of") and vague
   amounts ("tens of thousands"). Surface forms are regular; spaCy's small model misses many of them (it tags
   "PKR 2.5 billion" as nothing at all), so the scan does not depend on NER.
2. **Reject** what is not an amount: years, dates (a month next to the number), times, ages, durations
   ("four days"), physical measures ("2,600 km"), identifiers ("Article 245"), phone numbers, list numbering,
   hyphenated compounds ("a 10-member delegation"), and small counts of narrative things ("two sides").
3. **Read the context** through the dependency parse: the noun the number modifies (or the noun after "of",
   or what a verb like "numbering" describes) gives `counted` and, with the governing verbs ("deported",
   "killed", "face repatriation"), the category; nearby text gives the period ("since September 2023",
   "daily") and the source ("according to UNHCR", "per Interior Ministry figures", "officials said", or the
   speaker of an enclosing quote).
   The counted phrase's head, not the word after the number, gives the unit ("3.5 lakh Proof of Registration
   (PoR) card holders" -> holders); a bare second reading under a verb of change shares its sibling's unit ("to
   1,200 containers ... from 4,800"); a source is read from the figure's own clause ("..., while the KP
   government puts its loss at Rs 3bn") and from bodies that record counts ("IOM recorded ...").
   A count its own clause leaves uncategorised reads its context: the verb past an aside ("2,100 families,
   comprising about 11,000 individuals, returned"), the head figure of an "including N" sub-count, and, for a
   generic noun ("5,900 people a day") or no noun ("Of these, some 4.6 lakh crossed"), the counted figure of the
   sentence before in the same paragraph. A share ("more than half of") is kept only of a category noun.
4. **Dedupe**: a figure in a headline-like line that the body states again is kept once, from the body; a count
   the body restates (same value, unit, category and counted noun) is kept once, the first, with a source.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from lib.extract.doctext import doc_text, span_text
from lib.extract.figures.attribution import _attribution
from lib.extract.figures.category import _categorise, _category_from_context, _unit
from lib.extract.figures.counted import _counted_act, _counted_noun, _np_head, _phrase, _shared_unit_donor
from lib.extract.figures.filters import _phone_spans, _rejected, keep_decision
from lib.extract.figures.period import _period
from lib.extract.figures.scan import _TAIL_PUNCT, _Candidate, _scan, _split_changes, parse_number
from lib.extract.text import blank_line_paragraph, headline_paragraphs
from lib.records import Figure, Quote

__all__ = ["explain_figures", "extract_figures", "parse_number"]


def _dedupe_headlines(figures: list[Figure], text: str) -> list[Figure]:
    """A figure in a headline-like line that the body states again (same value, unit and category; same period,
    or none in the headline) is dropped: the body occurrence, with its sentence and source, stays."""
    heads = headline_paragraphs(text)
    if not heads:
        return figures
    drop = set()
    for k, f in enumerate(figures):
        if f.paragraph not in heads or f.value is None:
            continue
        for g in figures:
            if g is not f and g.paragraph not in heads and g.value == f.value and g.unit == f.unit \
                    and g.category == f.category and (f.period in ("", g.period)):
                drop.add(k)
                break
    return [f for k, f in enumerate(figures) if k not in drop]


def _dedupe_repeats(figures: list[Figure]) -> list[Figure]:
    """A count the article states twice ("23 militants" in the lead and again in the ISPR paragraph) is one row:
    same value, unit and category, the same counted head noun (or none) and a compatible period. The first stays,
    with the other's source when it has none. Shares and vague amounts are left alone."""
    kept: list[Figure] = []
    for f in figures:
        twin = None
        if f.value is not None and f.unit not in ("percent", "fraction"):
            head = f.counted.split()[-1].lower() if f.counted else ""
            for k, g in enumerate(kept):
                g_head = g.counted.split()[-1].lower() if g.counted else ""
                if g.value == f.value and g.unit == f.unit and g.category == f.category and \
                        (not head or not g_head or head == g_head) and (not f.period or not g.period or
                                                                        f.period == g.period):
                    twin = k
                    break
        if twin is None:
            kept.append(f)
        elif not kept[twin].attributed_to and f.attributed_to:
            kept[twin] = replace(kept[twin], attributed_to=f.attributed_to)
    return kept


def _clean_value(value: Optional[float]) -> Optional[float]:
    """1.1 lakh is 110000, not 110000.00000000001; integral values come back as int."""
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def extract_figures(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Figure]:
    """Every tabled figure in `doc`; `quotes` lets a figure inside a quote be attributed to its speaker."""
    return _extract(doc, quotes, None)


def explain_figures(doc: Doc, quotes: Sequence[Quote] = ()) -> list[tuple[str, str, str]]:
    """Every scanned number with what decided its fate, in text order: (the number as written, "rejected" / "dropped"
    / "kept as <category>", the name of the deciding rule of `filters.REJECT_RULES` or `filters.KEEP_RULES`).
    Figures later merged as repeats are listed as kept."""
    trace: list[tuple[int, str, str, str]] = []
    _extract(doc, quotes, trace)
    return [(text, verdict, rule) for _, text, verdict, rule in sorted(trace, key=lambda t: t[0])]


def _readings(doc: Doc, text: str, trace: Optional[list]) -> tuple[list[_Candidate], list[tuple]]:
    """The candidates no rejection rule stops, and (index, candidate, number token, its tokens, counted noun) of
    each that the parse can read."""
    phones = _phone_spans(text)
    date_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    kept = []
    for c in _split_changes(_scan(text), text, doc):
        why = _rejected(c, text, doc, phones, date_ents)
        if why is None:
            kept.append(c)
        elif trace is not None:
            trace.append((c.start, text[c.start:c.end].strip(_TAIL_PUNCT), "rejected", why))
    read: list[tuple[int, _Candidate, Token, set[int], Optional[Token]]] = []
    for i, c in enumerate(kept):
        span = doc.char_span(c.core_start, max(c.core_end, c.parse_end), alignment_mode="expand")
        if span is None or not len(span):
            continue
        num = span.root
        noun = _counted_noun(num, {t.i for t in span})
        if noun is not None and noun.pos_ == "PRON":
            noun = None  # "of whom 1.5 million": the pronoun names nothing
        read.append((i, c, num, {t.i for t in span}, noun))
    return kept, read


def _counted_head(c: _Candidate, num: Token, noun: Optional[Token], sentence_pairs: list) -> Optional[Token]:
    """The counted noun, with a bare number beside a sibling that names its unit ("to 1,200 containers ... from
    4,800") counting what the sibling counts, before whatever the verb's subject is."""
    if not (c.currency or c.percent or c.fraction or c.vague) and (noun is None or noun.i != num.head.i):
        noun = _shared_unit_donor(num, [(n, x) for n, x in sentence_pairs if x is not None
                                        and x.i == n.head.i]) or noun
    return noun


def _extract(doc: Doc, quotes: Sequence[Quote], trace: Optional[list]) -> list[Figure]:
    text = doc_text(doc)
    kept, read = _readings(doc, text, trace)
    starts = [c.start for c in kept]
    # (number, counted noun) pairs by sentence (the first token's index): each figure looks at its own sentence's
    # pairs only, so an article of thousands of figures is not read once per figure.
    pairs_by_sentence: dict[int, list[tuple[Token, Optional[Token]]]] = {}
    for _, _, num, _, noun in read:
        pairs_by_sentence.setdefault(num.sent.start, []).append((num, noun))
    figures: list[Figure] = []
    figure_sents: list[int] = []  # per figure: its sentence's first token
    for i, c, num, span_tokens, noun in read:
        sent = num.sent
        phrase_start = noun = _counted_head(c, num, noun, pairs_by_sentence[sent.start])
        if noun is not None:
            noun = _np_head(noun)
        category = _categorise(c, num, noun)
        antecedent = None
        if category == "other" and not (c.currency or c.percent or c.fraction or c.vague):
            category, antecedent = _category_from_context(num, noun, sent, figures, figure_sents, text)
        keep, rule = keep_decision(c, category, noun, num)
        if trace is not None:
            trace.append((c.start, text[c.start:c.end].strip(_TAIL_PUNCT), f"kept as {category}" if keep else "dropped",
                          rule))
        if not keep:
            continue
        window = (max(sent.start_char, kept[i - 1].end if i > 0 else 0),
                  min(sent.end_char, starts[i + 1] if i + 1 < len(starts) else len(text)))
        counted = _phrase(phrase_start, span_tokens, noun) if noun is not None else ""
        if not counted and category in ("deportations", "casualties", "refugees"):
            counted = _counted_act(num, category) or (antecedent.counted if antecedent is not None else "")
        figure_sents.append(sent.start)
        figures.append(_figure(c, doc, num, noun, category, counted, window, quotes))
    return _dedupe_repeats(_dedupe_headlines(figures, text))


def _figure(c: _Candidate, doc: Doc, num: Token, noun: Optional[Token], category: str, counted: str,
            window: tuple[int, int], quotes: Sequence[Quote]) -> Figure:
    """The record of a kept figure; `window` is the stretch of its sentence between its neighbours, where its
    period is read."""
    text, sent = doc_text(doc), num.sent
    return Figure(
        text=text[c.start:c.end].strip(_TAIL_PUNCT),
        start_char=c.start,
        end_char=c.start + len(text[c.start:c.end].rstrip(_TAIL_PUNCT)),
        sentence=span_text(sent).strip(),
        category=category,
        value=None if c.vague else _clean_value(c.value),
        unit=_unit(c, category, noun),
        qualifier=c.qualifier,
        value_high=_clean_value(c.high),
        period=_period(c, text, sent, window[1], window[0], doc, num),
        attributed_to=_attribution(c, doc, sent, num, quotes),
        counted=counted,
        paragraph=blank_line_paragraph(text, c.start),
    )
