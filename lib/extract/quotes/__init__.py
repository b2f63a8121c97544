"""Direct quotes in a parsed article: finding the quoted spans, joining split and multi-paragraph quotes, telling
full quotes from scare-quote fragments, and attributing each to a speaker through its speech cue.

`extract_quotes(doc)` is the only entry point. It reads the Doc it is given (tokens, parse, entities, sentences)
and never parses again. Steps, each one pass:
  1. `quoted_spans` scans the text for quotation marks, paragraph by paragraph (curly, straight, single quotes
     told apart from apostrophes; a quote left open at a paragraph end and reopened in the next continues).
  2. Consecutive spans are grouped: `“A,” he said, “B.”` and quotes carried over paragraphs become one quote.
  3. Each group is classified (`classify_quote`, an ordered table of named rules): a clause or sentence is a full
     quote; a speaker's words of five words or more lifted into the writer's sentence are a partial quote
     (`thanked them for their “efforts toward an amicable and peaceful resolution”`); a few embedded words, a title
     or a name are a fragment (nobody's statement).
  4. Each group gets its speaker (lib/extract/speakers/) by an ordered table of named rules
     (`ATTRIBUTION_RULES`): the speech cue in its own sentence (`X said`, `said X`, `stating,` after a clause,
     `according to X`, `per X`, a colon or dash), else the sentence around it, else (a quote standing alone as its
     paragraph) the speech verb's subject in the paragraph before, or with no speech verb there the person or role
     that is the subject of its last sentence (`X was blunt.`). `X told Y:` is X's, never the addressee's. A `he
     said` cue that fits nobody leaves the quote without a speaker rather than guessing from the sentence before.

The modules, one layer each: spans.py (steps 1 and 2), kinds.py (step 3), cues.py (the speech cues around a quote),
attributor.py (who is the subject of a cue), attribution.py (step 4: where the cue is looked for), context.py (what
is looked up once per article), article.py (the entry point).
"""
from lib.extract.quotes.article import extract_quotes
from lib.extract.quotes.attribution import ATTRIBUTION_RULES, attribute
from lib.extract.quotes.cues import is_speech_verb
from lib.extract.quotes.kinds import QUOTE_KIND_RULES, QuoteShape, classify_quote
from lib.extract.quotes.spans import QuotedSpan, paragraph_bounds, quoted_spans

__all__ = ["ATTRIBUTION_RULES", "QUOTE_KIND_RULES", "QuoteShape", "QuotedSpan", "attribute", "classify_quote",
           "extract_quotes", "is_speech_verb", "paragraph_bounds", "quoted_spans"]
