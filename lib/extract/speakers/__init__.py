"""Who is speaking: names, titles, roles, pronouns and documents resolved within one article.

`ArticleSpeakers` is built once per parsed Doc (one pass over its tokens) and answers "who is this subject?" for
the quote extractor (lib/extract/quotes/): a named person ("Mr. Asif" -> "Khawaja Asif", the fullest name the
article uses), a title or role ("the defence minister" -> the named holder, or kept as "senior security official"),
a pronoun ("he" -> the last person mentioned as a subject or cited with "according to", skipping anyone the
article already called "she"), or a body or document ("the statement" -> its issuer). The NER's person names are
put right first: names it cut short are widened ("Hassan Abbas" + "Raza"), and a proper-noun run it tagged as an
organisation right after a personal title is a person ("spokesperson Tahir Andrabi").
The cross-article step (one canonical name per person: `default_aliases`, `canonical_speaker`) is lib/aliases.py,
spaCy-free, which the store reads through at read time.

The modules: names.py (what a speaker is; names, roles and documents read off the tokens), mentions.py (the scan
of the article by `MENTION_RULES`, and `ArticleSpeakers`), answers.py (who a subject is).
"""
from lib.extract.speakers.mentions import MENTION_RULES, ArticleSpeakers, mention_rule
from lib.extract.speakers.names import NO_SPEAKER, Mention, Speaker, is_headline_like

__all__ = ["MENTION_RULES", "NO_SPEAKER", "ArticleSpeakers", "Mention", "Speaker", "is_headline_like",
           "mention_rule"]
