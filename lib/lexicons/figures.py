"""Figures: the words that make a number, qualify it, give its unit and period, and tell what it counts.

`lib.extract.figures` compiles these into its scanner and classifier; a reader changes a rule here without reading the
algorithm. Regular-expression fragments are plain strings (no groups), so they can be combined freely.
"""

# --- Numbers --------------------------------------------------------------------------------------------------

# Spelled-out cardinals. Ordinals ("third round", "the sixth of next month") are deliberately absent: they are
# positions and dates, never amounts.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

# Multipliers written after a number. South Asian press writes lakh (1e5) and crore (1e7); "arab" is 1e9.
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7, "arab": 1e9,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}
# One-letter abbreviations ("Rs500m", "$3b", "10k") are read as scales only next to a currency: alone,
# "500m" is more often metres.
SHORT_SCALES = {"m": 1e6, "b": 1e9, "k": 1e3}

# Fractions written as words ("a third of the refugees"): the value is a share, not a count.
FRACTION_WORDS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}

# Amounts that are real but not numbers: kept as rows with value None so an analyst sees them, never counted.
VAGUE_AMOUNTS = (
    r"tens\s+of\s+thousands", r"hundreds\s+of\s+thousands", r"tens\s+of\s+millions", r"hundreds\s+of\s+millions",
    r"(?:several|a\s+few|many)\s+(?:hundred|thousand|million|billion|lakh|crore)s?",
    r"(?:dozens|scores|hundreds|thousands|millions|billions|lakhs|crores)",
)

# --- Qualifiers -----------------------------------------------------------------------------------------------

# Words before a number -> the Figure.qualifier. Longest phrases are tried first (the scanner sorts them).
QUALIFIERS_BEFORE = {
    "at least": "at least", "more than": "at least", "over": "at least", "well over": "at least",
    "just over": "at least", "above": "at least", "upwards of": "at least", "upward of": "at least",
    "in excess of": "at least", "no fewer than": "at least", "no less than": "at least", "exceeding": "at least",
    "not less than": "at least", "a minimum of": "at least",
    "up to": "at most", "nearly": "at most", "almost": "at most", "under": "at most", "just under": "at most",
    "less than": "at most", "fewer than": "at most", "below": "at most", "close to": "at most",
    "as many as": "at most", "as much as": "at most", "not more than": "at most", "a maximum of": "at most",
    "about": "approximately", "around": "approximately", "some": "approximately", "roughly": "approximately",
    "an estimated": "approximately", "estimated": "approximately", "approximately": "approximately",
    "approx.": "approximately", "nearly about": "approximately", "circa": "approximately",
    "an approximate": "approximately", "in the region of": "approximately",
}

# Words after a number ("1,000-plus", "500,000 or more").
QUALIFIERS_AFTER = {
    "+": "at least", "-plus": "at least", " plus": "at least", " or more": "at least", " and above": "at least",
    " or so": "approximately", " odd": "approximately", "-odd": "approximately",
}

# --- Units ----------------------------------------------------------------------------------------------------

# Currency as written -> ISO-like unit. Prefixes come before the number, suffixes after it. A word several
# currencies share ("Rs", "rupees") has the unit RS (rupees) unless the topic profile names the currency it means
# there (`figures.currencies`).
CURRENCY_PREFIXES = {
    "PKR": "PKR", "Rs.": "RS", "Rs": "RS", "Rupees": "RS",
    "US$": "USD", "USD": "USD", "$": "USD",
    "AFN": "AFN", "Afs.": "AFN", "Afs": "AFN",
    "INR": "INR", "EUR": "EUR", "€": "EUR", "GBP": "GBP", "£": "GBP",
}
CURRENCY_SUFFIXES = {
    "rupees": "RS", "rupee": "RS", "PKR": "PKR", "Pakistani rupees": "PKR",
    "dollars": "USD", "US dollars": "USD", "USD": "USD", "dollar": "USD",
    "afghanis": "AFN", "Afghanis": "AFN", "afghani": "AFN", "Afghani": "AFN", "AFN": "AFN",
    "euros": "EUR", "pounds": "GBP", "Indian rupees": "INR",
}

# Percentages are kept (unit "percent") so the page can show them; the scorer does not count them.
PERCENT_SUFFIX = r"(?:\s?%|\s?per\s?cent\b|\s?percent\b|\s+percentage\s+points?\b)"

# Physical measures: a border's length or a dam's capacity is background, not a figure an analyst tables
# beside refugee counts or losses, so a number followed by one of these is dropped.
MEASURE_UNITS = frozenset({
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre", "metres",
    "meter", "meters", "m", "ft", "feet", "foot", "inch", "inches", "cm", "mm", "kg", "kgs", "kilogram",
    "kilograms", "acre", "acres", "hectare", "hectares", "sq", "square", "mw", "megawatt", "megawatts", "gw",
    "degrees", "degree", "°c", "°", "kph", "mph", "km/h", "litres", "liters", "cusecs", "maf",
})

# Time units: "four days", "two decades", "a 72-hour ceasefire" are durations, not amounts.
TIME_UNITS = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries", "yr", "yrs", "hrs",
})

# Labels that make the number after them an identifier, not an amount ("Article 245", "Resolution 2593").
ID_LABELS = frozenset({
    "article", "section", "clause", "resolution", "chapter", "no", "no.", "number", "page", "point", "item",
    "annex", "paragraph", "para", "flight", "route", "highway", "phase", "version", "room", "gate", "channel",
    "act", "ordinance", "rule", "block", "sector", "street", "road", "tel", "tel.", "phone", "ph", "ph.", "fax",
    "mobile", "cell", "whatsapp", "pin", "code", "ext", "ext.", "unit", "group", "squadron", "brigade", "corps",
    "division", "battalion", "wing", "level", "grade", "class", "bps", "scale", "pp", "p.", "vol", "vol.",
})

# Words before a number that make it an age.
AGE_CUES_BEFORE = r"\b(?:aged|age|ages|age\s+of)\s*$"

# Verbs of change: "rose from 20,000 to 25,000" is two readings over time, not a range.
CHANGE_VERBS = frozenset({
    "rise", "increase", "grow", "jump", "climb", "fall", "drop", "decline", "decrease", "surge", "soar", "plunge",
    "swell", "shrink", "double", "triple", "go", "reduce", "cut", "raise",
})

# --- What is counted ------------------------------------------------------------------------------------------

# Armed people: a verb of refuge ("sheltering 6,000 fighters", "300 militants fled") makes no refugees of them.
COMBATANT_NOUNS = frozenset({
    "militant", "militants", "terrorist", "terrorists", "insurgent", "insurgents", "fighter", "fighters",
    "soldier", "soldiers", "troop", "troops", "combatant", "combatants", "gunman", "gunmen", "rebel", "rebels",
})

# Nouns that are people (the unit of a count of them is "people"); by themselves they say nothing about the
# category, the verb does ("Afghans face repatriation", "soldiers killed").
# (The parties' demonyms come from the topic profile; any NORP entity counts as people too.)
PERSON_NOUNS = frozenset({
    "people", "person", "persons", "individual", "individuals",
    "national", "nationals", "civilian", "civilians", "soldier", "soldiers", "troop", "troops", "personnel",
    "militant", "militants", "terrorist", "terrorists", "insurgent", "insurgents", "fighter", "fighters",
    "child", "children", "woman", "women", "man", "men", "citizen", "citizens", "resident", "residents",
    "worker", "workers", "student", "students", "prisoner", "prisoners", "detainee", "detainees", "member",
    "members", "officer", "officers", "policeman", "policemen", "police", "villager", "villagers", "tribesman",
    "tribesmen", "labourer", "labourers", "laborer", "laborers", "family", "families", "household", "households",
    "holder", "holders", "cardholder", "cardholders", "migrant", "migrants", "immigrant", "immigrants",
    "foreigner", "foreigners", "undocumented", "passenger", "passengers", "pilgrim", "pilgrims", "trader",
    "traders", "driver", "drivers", "guard", "guards", "cadet", "cadets", "jawan", "jawans", "others", "those",
})

# Category -> nouns (lower-case lemma or form) that name what is counted. The head noun decides first.
CATEGORY_NOUNS = {
    "refugees": frozenset({
        "refugee", "refugees", "asylum", "asylum-seeker", "asylum-seekers", "camp-dweller",
        "displaced", "displacement", "idp", "idps", "evacuee", "evacuees", "homeless",
    }),
    "deportations": frozenset({
        "deportation", "deportations", "deportee", "deportees", "returnee", "returnees", "expulsion", "expulsions",
        "repatriation", "repatriations", "return", "returns", "eviction", "evictions", "removal", "removals",
        "expellee", "expellees", "pushback", "pushbacks",
    }),
    "incidents": frozenset({
        "attack", "attacks", "incident", "incidents", "violation", "violations", "strike", "strikes", "airstrike",
        "airstrikes", "clash", "clashes", "raid", "raids", "ambush", "ambushes", "bombing", "bombings",
        "blast", "blasts", "explosion", "explosions", "skirmish", "skirmishes", "assault", "assaults",
        "infiltration", "infiltrations", "shelling", "firing", "incursion", "incursions",
        "targets",  # "26 military targets": each one struck
    }),
    "casualties": frozenset({
        "life", "lives", "death", "deaths", "dead", "fatality", "fatalities", "casualty", "casualties", "body",
        "bodies", "martyr", "martyrs", "martyrdom", "injured", "wounded", "victim", "victims", "killing",
        "killings", "toll", "injury", "injuries", "deceased", "slain",
    }),
    "economy": frozenset({
        "trade", "revenue", "revenues", "loss", "losses", "cost", "costs", "export", "exports", "import", "imports",
        "commerce", "investment", "investments", "aid", "budget", "debt", "loan", "loans", "tariff", "tariffs",
        "duty", "duties", "truck", "trucks", "container", "containers", "vehicle", "vehicles", "consignment",
        "consignments", "tonne", "tonnes", "ton", "tons", "goods", "price", "prices", "income", "earnings",
        "gdp", "transit", "business", "economy", "funding", "fund", "funds", "assistance", "bill", "deficit",
    }),
}

# Category -> verb lemmas that, governing the number or the counted people, give the category.
CATEGORY_VERBS = {
    "casualties": frozenset({
        "kill", "die", "martyr", "injure", "wound", "slay", "massacre", "murder", "perish", "behead",
        "hurt", "maim",
        # military wording for killing: "200 militants were neutralized", "eliminated", "gunned down"
        "neutralize", "neutralise", "neutralized", "neutralised", "eliminate", "gun",
        # adjectives that predicate death or injury of the counted: "26 people were shot dead"
        "dead", "injured", "wounded",
    }),
    "deportations": frozenset({
        "deport", "repatriate", "expel", "evict", "return", "send", "push", "remove", "oust", "forcibly",
        "exit", "leave",
    }),
    "refugees": frozenset({"host", "shelter", "register", "flee", "live", "reside", "seek", "settle", "displace",
                           "uproot", "evacuate"}),
    "incidents": frozenset({"attack", "strike", "violate", "target", "bomb", "shell", "ambush", "infiltrate"}),
    "economy": frozenset({"cost", "lose", "earn", "spend", "invest", "trade", "export", "import", "pay", "fund"}),
}

# Category words that name what is counted only as the head of the counted phrase: "800 lives" are casualties,
# "250 people serving life sentences" are not.
HEAD_ONLY_CATEGORY_WORDS = frozenset({"life"})

# Captives: hostages, prisoners and detainees are counted as what they are (category "other" unless a topic names
# them), whatever verb acts on them ("killing 1,200 and taking 251 hostage", "return 18 captured soldiers").
CAPTIVE_NOUNS = frozenset({"hostage", "hostages", "captive", "captives", "prisoner", "prisoners", "detainee",
                           "detainees", "abductee", "abductees", "pow", "pows"})
# ... and people described by one of these states ("18 soldiers currently held", "captured soldiers").
CAPTIVE_STATES = frozenset({"captured", "abducted", "kidnapped", "detained", "held", "imprisoned", "jailed",
                            "capture", "abduct", "kidnap", "detain", "hold", "imprison", "jail"})
# Arrests and detentions count as deportations only of migrants ("4,000 Afghans detained", "migrants arrested"):
# arresting militants is no deportation.
DETENTION_VERBS = frozenset({"arrest", "detain", "apprehend", "round"})
MIGRANT_NOUNS = frozenset({"migrant", "migrants", "immigrant", "immigrants", "national", "nationals",
                           "foreigner", "foreigners", "undocumented", "alien", "aliens"})

# Verbs that only bring about a state named after their object ("left 1.2 million people displaced", "left 30
# dead"): the state, not the verb, says what is counted.
CAUSATIVE_VERBS = frozenset({"leave", "render", "make", "keep"})

# Generic counted nouns: "an average of 5,900 people a day" says nothing by itself, so such a count takes the
# category of a counted figure in the sentence before it (same paragraph).
GENERIC_COUNTED_NOUNS = frozenset({"people", "person", "persons", "individual", "individuals"})

# Categories a generic count of people (or a count with no noun) may take over from the sentence before.
PEOPLE_CATEGORIES = ("casualties", "deportations", "refugees")

# Categories of people on the move: a generic count of people crossing or arriving, right after a sentence about
# one of these, counts its people ("stepped up deportations. Nearly 6,000 people crossed at Torkham").
MOVING_PEOPLE_CATEGORIES = ("deportations", "refugees")

# Nouns counted by what they hold: the "of" phrase tells what they are ("holders of PoR cards" -> refugees).
HOLDER_NOUNS = frozenset({"holder", "holders", "cardholder", "cardholders", "bearer", "bearers"})

# Event verbs under which a count with no noun ("Of these, some 4.6 lakh crossed in 2025 alone") counts the
# thing the sentence before counted: the categories' verbs and verbs of crossing and arriving.
ANTECEDENT_EVENT_VERBS = frozenset({"cross", "arrive", "enter", "come", "go", "flee", "return", "leave"})

# Words that open an aside between a count and its verb or a sub-count of it ("including 98 personnel").
SUBCOUNT_HEADS = frozenset({"including", "among", "incl", "incl."})

# Longest aside (in tokens) skipped between a counted noun and its verb ("2,100 families, comprising about
# 11,000 individuals, returned").
MAX_ASIDE_TOKENS = 10

# Order in which categories are tried when several cues appear in the context of one number. Casualties first:
# "attacks killed 30" counts deaths; deportations before refugees: "refugees deported" counts deportations.
CATEGORY_PRIORITY = ("casualties", "deportations", "incidents", "refugees", "economy")

# Verbs that only restate a count ("numbering 500,000", "totalling", "reaching"): look at what they describe.
# Change verbs count too: "the death toll rose to 45" counts deaths.
NUMBERING_VERBS = frozenset({
    "number", "total", "reach", "exceed", "stand", "top", "cross", "surpass", "hit", "rise", "climb", "jump",
    "increase", "grow", "soar", "surge", "mount", "swell", "fall", "drop", "decline", "decrease", "go",
})

# Counted nouns that never make a tabled figure when category stays "other" ("two sides", "one diplomat").
DISCOURSE_NOUNS = frozenset({
    "side", "sides", "country", "countries", "nation", "nations", "neighbour", "neighbours", "neighbor",
    "neighbors", "party", "parties", "delegation", "delegations", "round", "rounds", "session", "sessions",
    "meeting", "meetings", "talk", "talks", "time", "times", "way", "ways", "point", "points", "issue", "issues",
    "option", "options", "step", "steps", "chance", "chances", "man", "woman", "diplomat", "diplomats",
    "official", "officials", "minister", "ministers", "leader", "leaders", "state", "states", "province",
    "provinces", "government", "governments", "mediator", "mediators", "day", "another", "thing",
    "things", "word", "words", "question", "questions", "demand", "demands", "proposal", "proposals", "front",
    "fronts", "term", "terms", "goal", "goals", "level", "levels",
})

# A figure in category "other" is tabled only from this size up (or with a currency or percent): small counts
# of unnamed things ("3 options") are narrative, not data.
OTHER_MIN_VALUE = 10

# Reporting verbs that are also ordinary verbs ("claiming 800 lives", "deportations continue", "added 500 jobs"):
# they attribute a figure only when the figure sits in their clausal complement, never as their object.
AMBIGUOUS_SPEECH_VERBS = frozenset({
    "claim", "continue", "add", "post", "call", "point", "reflect", "express", "voice", "answer", "record",
    "describe", "maintain", "demand", "praise", "hail", "thank", "agree", "promise", "pledge", "vow",
})

# --- Periods --------------------------------------------------------------------------------------------------

# Frequencies after (or just before) a number -> a normalised period.
FREQUENCIES = {
    r"daily|a\s+day|per\s+day|each\s+day|every\s+day|a\s+single\s+day": "daily",
    r"weekly|a\s+week|per\s+week|each\s+week|every\s+week": "weekly",
    r"monthly|a\s+month|per\s+month|each\s+month|every\s+month": "monthly",
    r"annual(?:ly)?|a\s+year|per\s+year|per\s+annum|each\s+year|every\s+year|yearly|a\s+yearly": "annual",
}

# Prepositions that make a date a period of a figure ("since September 2023", "by mid-2025", "in 2024-2025").
PERIOD_PREPOSITIONS = ("since", "by", "in", "as of", "until", "till", "through", "during", "between", "from",
                       "over", "so far in", "within", "throughout", "for")

# Dates that are a period on their own, without a preposition ("last year", "this year", "so far this year").
RELATIVE_PERIOD = r"^(?:so\s+far\s+)?(?:this|last|the\s+past|the\s+last|past|previous|the\s+previous)\b"

# DATE entities that are points in a week, not periods ("on Tuesday", "today").
NOT_PERIODS = r"^(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|" \
              r"yesterday|tomorrow|now|recently|earlier|later)\b"

# --- Attribution ----------------------------------------------------------------------------------------------

# Trailing words of an attributed source that are the document, not the source ("per Interior Ministry figures").
SOURCE_DOCUMENT_NOUNS = frozenset({
    "data", "figures", "figure", "statistics", "stats", "estimates", "estimate", "report", "reports", "records",
    "record", "numbers", "tally", "count", "census", "survey", "findings", "assessment", "calculations",
    "analysis", "database", "dataset", "update", "bulletin",
})

# After "per", these make a rate, not a source ("per day", "per cent").
PER_NOT_SOURCE = frozenset({
    "cent", "day", "week", "month", "year", "annum", "capita", "person", "head", "hour", "unit", "kg", "litre",
    "liter", "tonne", "ton", "family", "household", "month,", "se",
})

# --- Narrative counts, hosting, recording ---------------------------------------------------------------------

# Kin and companions: "with 14 other relatives", "his three brothers" are part of a human story, not data. A count
# of them below NARRATIVE_KIN_MAX is dropped unless it is a casualty count ("killed along with 12 relatives").
KIN_NOUNS = frozenset({
    "relative", "relatives", "sibling", "siblings", "brother", "brothers", "sister", "sisters", "cousin",
    "cousins", "son", "sons", "daughter", "daughters", "grandchild", "grandchildren", "nephew", "nephews",
    "niece", "nieces", "companion", "companions", "kin", "kinsmen", "uncle", "uncles", "aunt", "aunts",
    "grandson", "grandsons", "granddaughter", "granddaughters", "in-law", "in-laws",
})
NARRATIVE_KIN_MAX = 20

# "is home to 3 million Afghans": a noun that, with "to", hosts like the verb "host".
HOSTING_NOUNS = frozenset({"home", "host", "haven", "refuge", "shelter"})

# Verbs whose subject gives the count it takes as object: "IOM recorded nearly 80,000 deportations", "the
# government puts its loss at Rs 3bn". Unlike speech verbs they attribute their object, not only a complement.
RECORDING_VERBS = frozenset({
    "record", "document", "log", "count", "tally", "put", "estimate", "report", "register", "verify", "confirm",
    "track", "monitor", "compile", "publish", "calculate", "peg", "place",
})

# Nouns of an event that make "since the ..." a period ("since the closure", "since the ceasefire").
EVENT_NOUNS = frozenset({
    "closure", "closures", "ceasefire", "truce", "clashes", "clash", "takeover", "fighting", "talks", "crackdown",
    "deadline", "agreement", "deal", "shutdown", "start", "beginning", "launch", "war", "offensive", "operation",
    "drive", "campaign", "border closure", "flare-up", "escalation", "collapse", "breakdown", "suspension",
    "hostilities", "violence", "attacks", "attack", "strikes", "airstrikes", "floods", "earthquake",
})

# Time nouns: a fraction of one of these is a time expression ("the first half of the year"), not a figure.
TIME_FRACTION_NOUNS = frozenset({
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades", "century",
    "hour", "hours", "minute", "minutes", "season", "term", "session", "quarter", "fiscal",
    "morning", "afternoon", "evening", "night", "match", "game",
})

# Heads of a subject that make it a body able to record a count ("the police recorded", "the ministry logged").
SOURCE_BODY_NOUNS = frozenset({
    "government", "ministry", "agency", "police", "department", "authority", "authorities", "official",
    "officials", "data", "report", "survey", "chamber", "association", "office", "commission", "bank", "mission",
    "organisation", "organization", "group", "monitor", "watchdog", "army", "military", "centre", "center",
    "institute", "council", "committee", "body", "wing", "spokesman", "spokesperson", "customs", "un", "agencies",
})
