"""Rules as data for naming entities once across articles (lib/entity_names.py): country-name variants and the
words that mark a headline's or a section heading's words rather than a name (a topic's places are in its
profile). Add a row to add a rule; nothing else changes.
"""

# One spelling per country: every variant (lower case) -> the name shown.
COUNTRY_NAMES = {
    "türkiye": "Türkiye", "turkiye": "Türkiye", "turkey": "Türkiye", "republic of türkiye": "Türkiye",
    "republic of turkiye": "Türkiye", "republic of turkey": "Türkiye",
    "pakistan": "Pakistan", "islamic republic of pakistan": "Pakistan",
    "afghanistan": "Afghanistan",
    "qatar": "Qatar", "state of qatar": "Qatar",
    "iran": "Iran", "islamic republic of iran": "Iran",
    "india": "India", "republic of india": "India",
    "china": "China", "people's republic of china": "China", "prc": "China",
    "russia": "Russia", "russian federation": "Russia",
    "saudi arabia": "Saudi Arabia", "kingdom of saudi arabia": "Saudi Arabia", "ksa": "Saudi Arabia",
    "united arab emirates": "United Arab Emirates", "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
    "united states": "United States", "united states of america": "United States", "us": "United States",
    "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
}

# Words that close a headline after a name ("Khawaja Asif Declares …", "Mujahid Rejects …"): trailing words of a
# person's or organisation's name that are one of these are cut off. Beside the reporting verbs' -s and -ed
# forms (lib/lexicons/reporting.py), the verbs headlines use most.
HEADLINE_VERBS = frozenset({
    "slams", "rejects", "rules", "dismisses", "seeks", "eyes", "backs", "blasts", "lauds", "terms", "sees",
    "says", "vows", "urges", "warns", "calls", "hails", "welcomes", "meets", "visits", "signs", "agrees",
    "optimistic", "hopeful", "pessimistic", "upbeat", "confident",
})

# Words of a section heading or a headline phrase that a model took for a name ("Background", "Future Outlook",
# "Firm Position on Cross-Border Militancy", "Islamabad's Red Lines"): an entity holding one is dropped.
HEADING_WORDS = frozenset({
    "background", "outlook", "position", "lines", "analysis", "conclusion", "summary", "context", "update",
    "updates", "reaction", "reactions", "overview", "timeline", "takeaways", "implications", "prospects",
    "highlights", "explainer", "recap", "editorial", "opinion",
})

# Endings of a common noun: a one-word "name" with one of them is a noun a model took for a name
# ("Deportations" tagged PERSON).
COMMON_NOUN_ENDINGS = ("ations", "itions", "sions", "ments", "nesses", "ities", "isms", "ation", "ition")
