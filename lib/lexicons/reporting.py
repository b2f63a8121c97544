"""Reporting (speech) verbs and phrases: shared by quote attribution, figure attribution and stance voice."""

# Lemmas of verbs that introduce or attribute speech.
REPORTING_VERBS = frozenset({
    "say", "tell", "add", "state", "warn", "claim", "insist", "note", "stress", "remark", "announce", "declare",
    "affirm", "assert", "confirm", "explain", "reiterate", "emphasize", "emphasise", "argue", "caution",
    "comment", "continue", "write", "post", "tweet", "observe", "acknowledge", "admit", "reply", "respond",
    "answer", "ask", "urge", "reveal", "report", "describe", "call", "vow", "pledge", "promise", "suggest",
    "predict", "conclude", "deny", "accuse", "allege", "maintain", "underline", "underscore", "highlight",
    "reflect", "quip", "recall", "tell", "mention", "point", "clarify", "contend", "counter", "estimate",
    "brief", "inform", "assure", "concede", "lament", "demand", "threaten", "praise", "hail", "thank",
    "express", "voice", "agree",
    "show", "indicate",  # "IOM data show ...": a document as the subject attributes a figure
})

# Multi-word attributions that name the source after them ("according to X", "per X").
ATTRIBUTION_PHRASES = ("according to", "per", "as per", "quoting", "citing")

# Nouns that, as subject, stand for a document or body rather than a person ("a joint statement").
STATEMENT_NOUNS = frozenset({
    "statement", "communique", "communiqué", "release", "readout", "report", "declaration", "letter",
    "notification", "notice", "memo", "document", "post", "tweet", "briefing",
})
