"""Reporting (speech) verbs and phrases: shared by quote attribution, figure attribution and stance voice."""

# Lemmas of verbs that introduce or attribute speech.
REPORTING_VERBS = frozenset({
    "say", "tell", "add", "state", "warn", "claim", "insist", "note", "stress", "remark", "announce", "declare",
    "affirm", "assert", "confirm", "explain", "reiterate", "emphasize", "emphasise", "argue", "caution",
    "comment", "continue", "write", "post", "tweet", "observe", "acknowledge", "admit", "reply", "respond",
    "answer", "ask", "urge", "reveal", "report", "describe", "call", "vow", "pledge", "promise", "suggest",
    "predict", "conclude", "deny", "accuse", "allege", "maintain", "underline", "underscore", "highlight",
    "reflect", "quip", "recall", "mention", "point", "clarify", "contend", "counter", "estimate",
    "brief", "inform", "assure", "concede", "lament", "demand", "threaten", "praise", "hail", "thank",
    "express", "voice", "agree", "boast", "tout", "complain", "retort", "exclaim", "plead", "recount",
    "speak", "commend",  # "X spoke of a “…”", "X commended the mediators for their “…”"
    "show", "indicate",  # "IOM data show ...": a document as the subject attributes a figure
})

# Reporting verbs that say what something contains or what parties settled on rather than who uttered words (`the
# truce reflected “…”`, `both sides agreed to “…”`): when a speech verb governs their clause (`X said the truce
# reflected “…”`), the quoted words are what that verb's subject put out.
CONTENT_VERBS = frozenset({"agree", "reflect", "show", "indicate"})

# Verbs whose object is the speaker of the speech verb under them: `the agency quoted the minister as saying`.
QUOTING_VERBS = frozenset({"quote", "cite"})

# Verbs that report words only with a document as their subject (`“…,” the statement read`; a person who reads
# something says nothing by it).
DOCUMENT_SPEECH_VERBS = frozenset({"read"})

# Past and present forms of the reporting verbs whose past is not lemma + "ed"/"d", read when the tagger took
# the verb for an auxiliary and gave it no lemma ("Dar said, …" with "said" tagged AUX).
IRREGULAR_REPORTING_FORMS = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write"}


def reporting_lemma(word: str) -> str:
    """The reporting verb a word form belongs to ("warned" -> "warn", "said" -> "say"), or "" for none."""
    word = word.lower()
    if word in REPORTING_VERBS:
        return word
    if word in IRREGULAR_REPORTING_FORMS:
        return IRREGULAR_REPORTING_FORMS[word]
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in REPORTING_VERBS:
            return word[: -len(suffix)] + replacement
    return ""


# Multi-word attributions that name the source after them ("according to X", "per X").
ATTRIBUTION_PHRASES = ("according to", "per", "as per", "quoting", "citing")

# Nouns that, as subject, stand for a document or body rather than a person ("a joint statement").
STATEMENT_NOUNS = frozenset({
    "statement", "communique", "communiqué", "release", "readout", "report", "declaration", "letter",
    "notification", "notice", "memo", "document", "post", "tweet", "briefing",
})
