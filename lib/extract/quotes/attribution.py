"""Step 4 of finding quotes: the speaker of each quote, by an ordered table of named rules (`ATTRIBUTION_RULES`):
the speech verb governing a partial quote; else the cue in the quote's own sentence (`X said`, `said X`, `stating,`
after a clause, `according to X`, `per X`, a colon or dash); else its context: the quote just before it, the
sentence before or after it, or (a quote standing alone as its paragraph) the speech verb's subject in the paragraph
before, or with no speech verb there the person or role that is the subject of its last sentence (`X was blunt.`).
`X told Y:` is X's, never the addressee's. A `he said` cue that fits nobody leaves the quote without a speaker
rather than guessing from the sentence before. The first rule that names a speaker decides; `attribute` says which.
"""
from __future__ import annotations

import bisect
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from lib.extract.quotes.attributor import MAX_CLAUSE_CLIMB, NO_ATTRIBUTION, Attribution, Attributor
from lib.extract.quotes.context import ArticleQuotes, QuoteAt
from lib.extract.quotes.cues import is_speech_verb
from lib.extract.quotes.kinds import FRAGMENT, PARTIAL
from lib.extract.quotes.spans import QuoteGroup
from lib.extract.speakers import ArticleSpeakers, Speaker
from lib.lexicons.reporting import CONTENT_VERBS
from lib.lexicons.speakers import PERSON_PRONOUNS, ROLE_NOUNS, SUBJECT_DEPS
from lib.records import Quote


def by_governing_verb(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    return _attribute_by_governing_verb(article.doc, article.attributor, at.tokens, article.inside_quote,
                                        at.cue_after)


def by_cue_in_frame(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    return _attribute_in_frame(article.doc, article.attributor, article.cue_tokens, article.sentences,
                               at.first_sentence, at.last_sentence, at.open_token, at.close_token, at.introducer,
                               at.cue_after)


def by_context(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    return _attribute_from_context(article.attributor, article.speakers, article.sentences, article.quotes,
                                   article.attributions, at.group, at.first_sentence, at.last_sentence,
                                   article.inside_quote, article.text, article.paragraphs)


# The most words a cut-off attribution may have (`,” the Indian Army` / `,” she` at the very end of a page).
MAX_CUT_OFF_SPEAKER_TOKENS = 5


def _bare_speaker(article: ArticleQuotes, rest: list[Token]) -> Attribution:
    """The speaker named by a short bare noun phrase (`the Indian Army`, `she`, `IAEA`), or no attribution when the
    words are more than a name or resolve to words that are not theirs."""
    if not rest or len(rest) > MAX_CUT_OFF_SPEAKER_TOKENS:
        return NO_ATTRIBUTION
    # (a capitalised word is a name whatever the tagger made of it: "IAEA" alone on a line is read as a verb)
    if any(t.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ") and not t.text[:1].isupper() for t in rest):
        return NO_ATTRIBUTION  # a verb or punctuation: not a bare noun phrase
    head = next((t for t in reversed(rest) if t.pos_ in ("PROPN", "NOUN", "PRON") or t.text[:1].isupper()), None)
    if head is None:
        return NO_ATTRIBUTION
    speaker = article.speakers.for_subject(head)
    if not speaker.name and all(t.text[:1].isupper() and t.is_alpha for t in rest):
        speaker = Speaker(" ".join(t.text for t in rest), "statement")  # a name the parse does not know ("IAEA")
    # A role or a body is named by these words alone (the parse may hang the quote's words on them).
    if speaker.origin not in ("named", "pronoun") and \
            not set(speaker.name.lower().split()) <= {t.text.lower() for t in rest}:
        return NO_ATTRIBUTION
    return Attribution(speaker, "") if speaker.name else NO_ATTRIBUTION


def by_headline_credit(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    """A headline's credit: `‘Nuclear facilities intact, no radiation leak’: IAEA` — a quote, a colon and a short
    name ending the line."""
    doc = article.doc
    after = at.close_token + 1
    if after >= len(doc) or doc[after].text not in (":", "—", "–"):
        return NO_ATTRIBUTION
    rest = []
    for t in doc[after + 1:]:
        if "\n" in t.text or (t.i > after + 1 and "\n" in doc[t.i - 1].whitespace_):
            break
        if not t.is_space:
            rest.append(t)
        if len(rest) > MAX_CUT_OFF_SPEAKER_TOKENS:
            return NO_ATTRIBUTION
    end = rest[-1].idx + len(rest[-1]) if rest else 0
    line_end = article.text.find("\n", end)
    if not rest or article.text[end:line_end if line_end >= 0 else len(article.text)].strip(" ."):
        return NO_ATTRIBUTION
    return _bare_speaker(article, rest)


def by_cut_off_attribution(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    """A page cut off before its speech verb: `“…,” the Indian Army` or `“…,” she` as the last words of the text.
    The words after a quote that closes on a comma are the speaker's (a pronoun is resolved as a subject)."""
    doc = article.doc
    rest = [t for t in doc[at.close_token + 1:] if not t.is_space]
    closes_on_comma = at.close_token > 0 and doc[at.close_token - 1].text == ","
    if rest and rest[0].text == ",":
        rest = rest[1:]  # `”, the army` (the comma outside the mark)
    elif not closes_on_comma:
        return NO_ATTRIBUTION  # the quote does not close on a comma: no attribution was coming
    if not rest or article.text[rest[-1].idx + len(rest[-1]):].strip():
        return NO_ATTRIBUTION
    return _bare_speaker(article, rest)


# Marks that open the items of a list, as scraped pages keep them.
LIST_ITEM_MARKS = ("→", "•", "·", "▪", "►", "-", "–", "—", "*")


def _line_before(text: str, line_start: int) -> tuple[int, str]:
    """(start, stripped text) of the line before the line starting at `line_start`."""
    end = line_start - 1
    start = text.rfind("\n", 0, max(0, end)) + 1
    return start, text[start:max(start, end)].strip()


def _list_introducer(text: str, open_at: int) -> Optional[int]:
    """The offset of the colon ending the line that introduces the list a quote is in, or follows right after
    (`X named three results: / → … “…” / → … / “…”`); None when the quote is in no such list."""
    line_start = text.rfind("\n", 0, open_at) + 1
    in_list = text[line_start:open_at].lstrip().startswith(LIST_ITEM_MARKS)
    while line_start > 0:
        line_start, line = _line_before(text, line_start)
        if not line:
            continue
        if line.startswith(LIST_ITEM_MARKS):
            in_list = True
            continue
        if in_list and line.endswith(":"):
            return text.rfind(":", line_start, line_start + len(text[line_start:].split("\n", 1)[0]))
        return None
    return None


def by_list_introducer(article: ArticleQuotes, at: QuoteAt) -> Attribution:
    """A quote in a list (or right after one) whose introducing line names who speaks: "Vladimir Medinsky named
    three results of the meeting: / → … “took note of this request”": the subject of that line's verb."""
    colon = _list_introducer(article.text, at.group.first.open_at)
    if colon is None or colon < 0:
        return NO_ATTRIBUTION
    doc = article.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None:
        return NO_ATTRIBUTION
    verb = span[0].sent.root
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and not article.inside_quote[c.i]), None)
    if subject is None or verb.pos_ not in ("VERB", "AUX"):
        return NO_ATTRIBUTION
    # "The head of the delegation, advisor to the president, Vladimir Medinsky, named": the person set beside the
    # subject, down a chain of appositions
    named = next((t for t in subject.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None)
    speaker = article.speakers.for_subject(named if named is not None else subject)
    return Attribution(speaker, ":") if speaker.name else NO_ATTRIBUTION


def _context_may_speak(article: ArticleQuotes, at: QuoteAt) -> bool:
    """A fragment is nobody's statement; a quote whose own cue is `he said` keeps no speaker when no person fits."""
    return at.kind != FRAGMENT and not _has_person_pronoun_cue(article.doc, article.attributor, at.introducer,
                                                               at.cue_after)


# Ordered rules: (name, when it is tried, how it finds the speaker). The first that names a speaker decides.
ATTRIBUTION_RULES: tuple[tuple[str, Callable[[ArticleQuotes, QuoteAt], bool],
                               Callable[[ArticleQuotes, QuoteAt], Attribution]], ...] = (
    ("the speech verb governing a partial quote", lambda article, at: at.kind == PARTIAL, by_governing_verb),
    ("the speech cue in the quote's own sentences", lambda article, at: True, by_cue_in_frame),
    ("a page cut off before the speech verb", lambda article, at: at.kind != FRAGMENT, by_cut_off_attribution),
    ("a headline's credit after a colon", lambda article, at: at.kind not in (FRAGMENT, PARTIAL),
     by_headline_credit),
    ("the line that introduces a list", lambda article, at: at.kind != FRAGMENT, by_list_introducer),
    ("the context before or after the quote", _context_may_speak, by_context),
)


def attribute(article: ArticleQuotes, at: QuoteAt) -> tuple[Attribution, str]:
    """(the quote's attribution, the name of the rule that found its speaker, or "" when none did)."""
    for name, tried, find in ATTRIBUTION_RULES:
        if tried(article, at):
            found = find(article, at)
            if found.speaker.name:
                return found, name
    return NO_ATTRIBUTION, ""


def _has_person_pronoun_cue(doc: Doc, attributor: Attributor, introducer: Optional[Token],
                            cue_after: Optional[Token]) -> bool:
    """The quote's own cue is `he said` / `she said`: when no person fits the pronoun, the sentence before
    (most often a group or a body) is not who "he" stands for, so the quote keeps no speaker."""
    verbs = [cue_after] if cue_after is not None else []
    if introducer is not None and introducer.i > 0:
        verbs.append(doc[introducer.i - 1])
    for verb in verbs:
        if is_speech_verb(verb):
            subject = attributor.cue_subject(verb)
            if subject is not None and subject.text.lower() in PERSON_PRONOUNS:
                return True
    return False



def _attribute_by_governing_verb(doc: Doc, attributor: Attributor, tokens: list[Token],
                                 inside_quote: list[bool], cue_after: Optional[Token] = None) -> Attribution:
    """A partial quote is the speaker's words inside the writer's clause: the speech verb that governs that
    clause speaks (`Officials warn that the Taliban risk “repeating …”, analysts say` is the officials'). A verb
    of content (`agreed to “…”`, `reflected “…”`, lib.lexicons.reporting.CONTENT_VERBS) speaks only when no
    other speech verb governs it or follows the closing mark: `Anwar said both leaders agreed to “…”` and
    `Both leaders agreed to “…,” Anwar said` are Anwar's."""
    top = next((t for t in tokens if not inside_quote[t.head.i] or t.head.i == t.i), None)
    current = top.head if top is not None else None
    if top is not None and top.dep_ == "conj" and current.head.i != current.i:
        # a clause of its own coordinated with the verb before it (`X spoke for “…” and “the two sides agreed
        # …,” the ministry said`): that verb does not govern it; what governs both does
        current = current.head
    content_verb = None
    for _ in range(MAX_CLAUSE_CLIMB + 2):
        if current is None or inside_quote[current.i]:
            break
        if is_speech_verb(current):
            if current.lemma_.lower() not in CONTENT_VERBS:
                found = attributor.from_verb(current)
                if found.speaker.name or content_verb is None:
                    return found
                break
            content_verb = content_verb or current
        if current.head.i == current.i:
            break
        current = current.head
    if content_verb is None:
        return NO_ATTRIBUTION
    if cue_after is not None and is_speech_verb(cue_after) and cue_after.lemma_.lower() not in CONTENT_VERBS:
        found = attributor.from_verb(cue_after)
        if found.speaker.name:
            return found
    return attributor.from_verb(content_verb)


def _attribute_in_frame(doc: Doc, attributor: Attributor, cue_tokens: list[int], sentences, first: int,
                        last: int, open_token: int, close_token: int,
                        introducer: Optional[Token], cue_after: Optional[Token] = None) -> Attribution:
    """The speech cue nearest the quote in its own sentence(s). `cue_tokens`: the indices of the article's cue
    tokens outside quotes (`is_cue_token`), in order. A colon's speaker that is only a role or a body gives way to
    a name in the cue right after the quote (`The Armenian leader hailed it as a turning point: “…,” Pashinyan
    said`): the name is who the role stands for."""
    if introducer is not None and introducer.text != "," and introducer.i > 0:
        found = attributor.from_colon(doc[introducer.i - 1], introducer.text)
        if found.speaker.name:
            if found.speaker.origin in ("role", "statement") and cue_after is not None and \
                    is_speech_verb(cue_after):
                named = attributor.from_verb(cue_after)
                if named.speaker.origin == "named":
                    return named
            return found
    lo = bisect.bisect_left(cue_tokens, sentences[first].start)
    hi = bisect.bisect_left(cue_tokens, sentences[last].end)
    candidates = []
    for i in cue_tokens[lo:hi]:
        distance = open_token - i if i < open_token else i - close_token
        candidates.append((distance, i))
    for _, i in sorted(candidates):
        token = doc[i]
        found = attributor.from_verb(token) if is_speech_verb(token) else attributor.from_phrase(token)
        if found.speaker.name:
            return found
    return NO_ATTRIBUTION


def _attribute_from_context(attributor: Attributor, speakers: ArticleSpeakers, sentences, quotes: list[Quote],
                            attributions, group: QuoteGroup, first: int, last: int, inside_quote: list[bool],
                            text: str, paragraphs) -> Attribution:
    """A quote with no cue of its own: the quote just before it (same speaker going on), else the subject of the
    sentence before it in the paragraph, else a cue in the sentence right after it."""
    paragraph = group.first.paragraph
    if quotes:
        previous_quote = quotes[-1]
        previous, _, previous_last = attributions[-1]
        near = first - previous_last <= 1 and (previous_quote.paragraph == paragraph or
                                               previous_quote.paragraph == paragraph - 1 and
                                               _opens_paragraph(text, group, paragraphs))
        if near and previous.speaker.name and not previous_quote.fragment:
            return Attribution(Speaker(previous.speaker.name, "context"), previous.cue)
    p_start, p_end = paragraphs[paragraph]
    if first > 0 and sentences[first - 1].start_char >= p_start:
        # `Medinsky said Moscow would return the bodies. “Continuing the exchange …”`: the speaker of the sentence
        # before, else its last subject.
        for token in sentences[first - 1]:
            if not inside_quote[token.i] and is_speech_verb(token) and token.dep_ in ("ROOT", "conj"):
                found = attributor.from_verb(token)
                if found.speaker.name:
                    return Attribution(Speaker(found.speaker.name, "context"), "")
        mention = speakers.last_subject_speaker(sentences[first].start, first - 1)
        if mention is not None:
            return Attribution(Speaker(mention.name, "context"), "")
    if last + 1 < len(sentences) and sentences[last + 1].end_char <= p_end:
        for token in sentences[last + 1]:
            if not inside_quote[token.i] and is_speech_verb(token):
                found = attributor.from_verb(token)
                if found.speaker.name:
                    return Attribution(Speaker(found.speaker.name, "context"), found.cue)
                break
    if _opens_paragraph(text, group, paragraphs) and _closes_paragraph(text, group, paragraphs):
        return _speaker_of_previous_paragraph(attributor, sentences, quotes, paragraph, first, inside_quote,
                                              paragraphs)
    return NO_ATTRIBUTION


def _closes_paragraph(text: str, group: QuoteGroup, paragraphs) -> bool:
    p_end = paragraphs[group.last.paragraph][1]
    close = group.last.close_at + 1 if group.last.close_at is not None else group.last.end
    return not text[close:p_end].strip()


def _speaker_of_previous_paragraph(attributor: Attributor, sentences, quotes: list[Quote], paragraph: int,
                                   first: int, inside_quote: list[bool], paragraphs) -> Attribution:
    """A quote standing alone as its own paragraph: the subject of the last speech verb in the paragraph just
    before (`Fatima, 34, ..., said police came at night.` ¶ `“We were given two days to leave.”`), unless a
    quote by someone else stands after that verb."""
    if paragraph == 0:
        return NO_ATTRIBUTION
    p_start, p_end = paragraphs[paragraph - 1]
    k = first - 1
    closing = None  # the previous paragraph's last sentence
    while k >= 0 and sentences[k].start_char >= p_start:
        if sentences[k].start_char >= p_end:
            k -= 1
            continue
        if closing is None:
            closing = sentences[k]
        for token in reversed(sentences[k]):
            if inside_quote[token.i] or not is_speech_verb(token):
                continue
            found = attributor.from_verb(token)
            if not found.speaker.name:
                continue
            later = [q for q in quotes if q.paragraph == paragraph - 1 and q.start_char > token.idx]
            if any(q.speaker != found.speaker.name for q in later):
                return NO_ATTRIBUTION
            return Attribution(Speaker(found.speaker.name, "context"), "")
        k -= 1
    if closing is not None:
        return _person_subject_of(attributor, closing, inside_quote)
    return NO_ATTRIBUTION


def _person_subject_of(attributor: Attributor, sentence, inside_quote: list[bool]) -> Attribution:
    """A paragraph that introduces a speaker without a speech verb (`A former ambassador, who asked not to be
    named, sees that leverage differently.`, `Aziz Khan, a retired general, was blunt.`): the subject of its last
    sentence's main verb, when that subject is a person or a role (a name, a role noun, he/she), never a body, a
    place or a thing (`The crossing has been closed.`); origin context."""
    if any(inside_quote[t.i] for t in sentence):
        return NO_ATTRIBUTION
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or root.pos_ not in ("VERB", "AUX"):
        return NO_ATTRIBUTION
    speaker = attributor.speakers.for_subject(subject)
    if not speaker.name:
        return NO_ATTRIBUTION
    low = subject.text.lower()
    # A name the NER took for an organisation is a person when a role is set beside it ("X, a trader at
    # Torkham, was furious").
    person = low in PERSON_PRONOUNS if subject.pos_ == "PRON" else (
        speaker.origin in ("named", "title") or speaker.origin == "role" and low in ROLE_NOUNS or
        any(c.dep_ == "appos" and c.text.lower() in ROLE_NOUNS for c in subject.children))
    return Attribution(Speaker(speaker.name, "context"), "") if person else NO_ATTRIBUTION


def _opens_paragraph(text: str, group: QuoteGroup, paragraphs) -> bool:
    p_start = paragraphs[group.first.paragraph][0]
    return not text[p_start:group.first.open_at].strip()
