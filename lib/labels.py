"""How the dashboard names things for people: an article by its headline (its first words when it has none),
its outlet and its date, never by its file name; a missing value as "—" or "not stated", never None, null or
NaN; a date as "2 Nov 2025"; and every table column by a plain-English header with a line of help (the CSV
downloads keep the columns' own names, the contract's). Pure: no streamlit.
"""
from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

MISSING = "—"  # an empty cell: nothing to say
NOT_STATED = "not stated"  # a value the article did not give (a date, an outlet)
UNKNOWN_OUTLET = "unknown"  # the outlet of an article that names none (a filter value too: store.UNKNOWN)
HEADLINE_WORDS = 12  # a headline made of an article's first words has at most this many
HEADLINE_LINE_WORDS = 18  # a first line this short is taken whole, as the article's own headline

# A dateline before the first words: "ISLAMABAD:", "Islamabad, November 8, 2025 –", "KABUL (Reuters) -".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'’-]{2,40}(?:\([^)]{1,40}\))?\s*[:—–-]\s+"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s+(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+,? \d{4})\s*[:—–-]\s+)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9”\"’)])[.!?](?=\s|$)")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def text_or(value, default: str = MISSING) -> str:
    """`value` as one line of text, or `default` when it is missing or blank (None and NaN are not text)."""
    if _missing(value):
        return default
    text = " ".join(str(value).split())
    return text or default


def headline(title, opening) -> str:
    """An article's headline: its title; else its first line when that line is short (a headline the loader
    did not take as the title); else its first words (up to the end of the first sentence, at most
    HEADLINE_WORDS, "…" when cut), a dateline ("ISLAMABAD:") left out. "Untitled article" when there is no text."""
    title = text_or(title, "")
    if title:
        return title
    text = "" if _missing(opening) else str(opening)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first_line:
        return "Untitled article"
    line = _DATELINE.sub("", first_line, count=1).strip() or first_line
    words = line.split()
    if len(words) <= HEADLINE_LINE_WORDS and not _SENTENCE_END.search(line[:-1]):
        return " ".join(words)
    end = _SENTENCE_END.search(line)
    sentence = line[:end.start()].split() if end else words
    if len(sentence) <= HEADLINE_WORDS:
        return " ".join(sentence) + ("…" if len(sentence) < len(words) and not end else "")
    return " ".join(sentence[:HEADLINE_WORDS]) + "…"


def human_date(value, default: str = NOT_STATED) -> str:
    """An ISO date (or a date) as "2 Nov 2025"; `default` when missing or not a date."""
    if isinstance(value, (pd.Timestamp, date)) and not _missing(value):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value)[:10])
        except (TypeError, ValueError):
            return default
    return f"{day.day} {day:%b %Y}"


def plural(n: int, word: str, many: str = "") -> str:
    """"1 article", "2 articles", "0 quotes" (`many` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def outlet_name(value) -> str:
    """An outlet as shown: "unknown" for an article that names none."""
    return text_or(value, UNKNOWN_OUTLET)


def article_label(headline_text, outlet, published) -> str:
    """An article as a card, a hover or a choice names it: "Headline — Outlet, 2 Nov 2025"."""
    return f"{text_or(headline_text, 'Untitled article')} — {outlet_name(outlet)}, " \
           f"{human_date(published, 'date not stated')}"


def copies_caption(n_articles: int, n_voices: int) -> str:
    """What a count read with the "count copies once" switch on: "12 articles, 9 independent voices; copies
    counted once"."""
    return f"{plural(n_articles, 'article')}, {plural(n_voices, 'independent voice')}; copies counted once"


# ------------------------------------------------------------------------------------------------ columns
# Every column a table shows: (header, help). The CSV downloads keep the names on the left.
COLUMNS: dict[str, tuple[str, str]] = {
    "article": ("Article", "The article's headline (its first words when it has none)"),
    "headline": ("Article", "The article's headline (its first words when it has none)"),
    "title": ("Title", "The title the article or its page gives"),
    "outlet": ("Outlet", "Who published it; “unknown” when the article does not say"),
    "outlet_origin": ("Outlet from", "Where the outlet was read: manifest, header, page, feed, inferred from the "
                                     "text, or corrected by a person"),
    "published": ("Published", "Publication date (YYYY-MM-DD); “not stated” when the article gives none"),
    "published_origin": ("Date from", "Where the date was read: manifest, header, page, feed, inferred, or "
                                      "corrected by a person"),
    "url": ("Original", "A link to the article where it was published"),
    "file": ("File", "The file the article was loaded from"),
    "stance": ("Stance", "Hopeful, mixed or pessimistic toward the talks, or insufficient evidence"),
    "stance_origin": ("Stance from", "analysis, or corrected by a person"),
    "stance_score": ("Stance score", "From −1 (pessimistic) to +1 (hopeful)"),
    "evidence": ("Evidence", "How many sentences speak for each side"),
    "top evidence": ("Strongest evidence", "The sentence that weighs most for the article's stance"),
    "polarity_adjusted": ("Sentiment", "Tone of the words, from −1 (negative) to +1 (positive), adjusted for the "
                                       "vocabulary of conflict reporting"),
    "polarity": ("Sentiment (raw)", "TextBlob polarity, from −1 to +1"),
    "subjectivity": ("Subjectivity", "From 0 (factual) to 1 (opinion)"),
    "sentiment": ("Sentiment", "Tone of the quote, from −1 (negative) to +1 (positive)"),
    "n_words": ("Words", "Length of the article's text"),
    "speaker": ("Speaker", "Who said it (one name per person, through the alias table)"),
    "speaker_in_article": ("Named in the article as", "The speaker's name as this article writes it"),
    "speaker_origin": ("Speaker found by", "named, title, pronoun, role, statement or context; corrected when a "
                                          "person set it"),
    "quote": ("Quote", "The quoted words"),
    "quote_kind": ("Kind", "full: a whole-sentence quote; partial: a speaker's words of five or more inside a "
                           "sentence; fragment: quoted words that are nobody's statement"),
    "partial": ("Partial", "A speaker's words of five or more quoted inside the writer's sentence"),
    "fragment": ("Fragment", "Quoted words that are nobody's statement (a scare quote, a title, a name)"),
    "sentence": ("Sentence", "The sentence it came from"),
    "category": ("Category", "refugees, deportations, incidents, casualties, economy or other"),
    "figure": ("Figure", "The number as written"),
    "reads": ("Value", "The number read as a value (1.4 million)"),
    "value": ("Value", "The number read as a value"),
    "value_origin": ("Value from", "analysis, or corrected by a person"),
    "category_origin": ("Category from", "analysis, or corrected by a person"),
    "unit": ("Unit", "What the number counts in"),
    "qualifier": ("Qualifier", "exact, at least (“over”), at most (“nearly”), approximately (“about”), or a range"),
    "period": ("Period", "The time the figure covers"),
    "attributed_to": ("Given by", "Who the article says gave the figure"),
    "counted": ("Counts", "What the number counts"),
    "articles": ("Articles", "How many articles"),
    "n_articles": ("Articles", "How many articles"),
    "copies": ("Copies carried", "Articles that copy another outlet's or an agency's story (with “count copies "
                                 "once” on, counted once under the original, not here)"),
    "carries": ("Copies of", "Whose stories those copies are, most carried first"),
    "own": ("Own stories", "Originals and stories no other article copies"),
    "n_quotes": ("Quotes", "How many quotes (full and partial)"),
    "quotes": ("Quotes", "How many quotes (full and partial)"),
    "figures": ("Figures", "How many figures"),
    "cited": ("Cited as", "The figures as written"),
    "n_hopeful": ("Hopeful", "Articles labelled hopeful"),
    "n_mixed": ("Mixed", "Articles labelled mixed"),
    "n_pessimistic": ("Pessimistic", "Articles labelled pessimistic"),
    "n_insufficient": ("Insufficient evidence", "Articles with too little evidence for a label"),
    "hopeful": ("Hopeful", "Articles labelled hopeful"),
    "mixed": ("Mixed", "Articles labelled mixed"),
    "pessimistic": ("Pessimistic", "Articles labelled pessimistic"),
    "insufficient evidence": ("Insufficient evidence", "Articles with too little evidence for a label"),
    "mean score": ("Mean stance score", "Mean of the labelled articles' stance scores, −1 … +1"),
    "stance_cue": ("Stance of their words", "Mean stance their quotes carry toward the talks, −1 … +1"),
    "lean": ("Lean", "hopeful / mixed / pessimistic from their words' stance; positive / neutral / negative "
                     "from sentiment when no stance cue is found"),
    "period_start": ("Period", "Day or week (starting Monday)"),
    "entity": ("Name", "One name per person, organisation or place"),
    "group": ("Kind", "people, organisations, places, groups or events"),
    "mentions": ("Mentions", "How many times the articles name it"),
    "outlets": ("Outlets", "Outlets that name it"),
    "article_list": ("In articles", "Headlines of the articles (the first 20)"),
    "entity_a": ("Name", "One of the pair"),
    "entity_b": ("Named with", "The other of the pair"),
    "kind": ("Kind", "article, figure or quote"),
    "date": ("Date", "Publication date"),
    "label": ("Item", "What it is: a headline, a figure or a quote"),
    "detail": ("Detail", "The full text"),
    "start": ("From", "First day"),
    "end": ("To", "Last day"),
    "description": ("What happened", ""),
    "alias": ("Written as", "A name as articles write it"),
    "canonical": ("One name", "The name every page counts it under"),
    "at": ("When", "Date and time (UTC)"),
    "user_name": ("Who", "The dashboard user, or the login name"),
    "action": ("Change", "upload, correct, delete, restore or alias"),
    "field": ("Field", "What was changed"),
    "old_value": ("Before", ""),
    "new_value": ("After", ""),
    "n_sources": ("Articles", "How many articles give a figure"),
    "lowest": ("Lowest", "The lowest value given"),
    "highest": ("Highest", "The highest value given"),
    "ratio": ("Highest ÷ lowest", ""),
    "outlets_low": ("Lowest from", ""),
    "outlets_high": ("Highest from", ""),
    "conflict": ("Conflict", "The values cannot all be true once qualifiers and rounding are read"),
    "note": ("Reading", "Why the figures do or do not fit together"),
    "deleted_at": ("Deleted", "When the article was deleted"),
    "latest": ("On the latest day", ""),
    "previous": ("The day before", ""),
    "change": ("Change", ""),
}


def header(column: str) -> str:
    """The plain-English header of a column (the column's own name, capitalised, when none is set)."""
    return COLUMNS.get(column, (str(column).replace("_", " ").capitalize(), ""))[0]


def help_text(column: str) -> str:
    return COLUMNS.get(column, ("", ""))[1]
