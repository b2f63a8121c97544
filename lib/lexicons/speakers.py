"""Words that shape speaker attribution: titles and honorifics stripped from names, role nouns that stand for a
person (resolved to a named holder or kept as the role), pronoun classes, and the dependency labels the rules
read. Used by lib/extract/speakers/ and lib/extract/quotes/; the speech verbs themselves live in
lib/lexicons/reporting.py.
"""

# Honorifics in front of a name: dropped from the speaker, never part of a role ("Mr. Asif" -> "Asif").
HONORIFICS = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor", "sir", "dame",
    "sheikh", "shaikh", "sheikha", "mullah", "maulana", "maulvi", "hafiz", "haji", "syed", "sayed", "hon",
    "hon.", "honourable", "honorable", "excellency", "lt", "lt.", "gen", "gen.", "col", "col.", "maj", "maj.",
    "capt", "capt.", "brig", "brig.", "adm", "adm.", "sen", "sen.", "rep", "rep.", "amb", "amb.",
})

# Nouns naming a position held by a person. A subject headed by one of them is a role ("the defence minister",
# "a senior security official"); a capitalised run of them in front of a name is a title and is stripped from the
# name ("Defence Minister Khawaja Asif" -> "Khawaja Asif", role "defence minister").
ROLE_NOUNS = frozenset({
    "minister", "ministers", "premier", "president", "vice-president", "chancellor", "secretary", "spokesman",
    "spokesmen", "spokeswoman", "spokesperson", "spokespersons", "official", "officials", "diplomat", "diplomats",
    "envoy", "envoys", "ambassador", "ambassadors", "representative", "representatives", "adviser", "advisers",
    "advisor", "advisors", "aide", "aides", "chief", "chiefs", "head", "commander", "commanders", "general",
    "governor", "leader", "leaders", "lawmaker", "lawmakers", "legislator", "senator", "senators", "negotiator",
    "negotiators", "mediator", "mediators", "officer", "officers", "source", "sources", "analyst", "analysts",
    "expert", "experts", "observer", "observers", "critic", "critics", "director", "director-general", "dg",
    "chairman", "chairperson", "chair", "member", "members", "delegate", "delegates", "emir", "amir", "king",
    "prince", "mayor", "judge", "justice", "prosecutor", "attorney", "commissioner", "deputy", "counsellor",
    "counselor", "consul", "attaché", "attache", "militant", "militants", "commander-in-chief", "resident",
    "residents", "witness", "witnesses", "villager", "villagers", "trader", "traders", "driver", "drivers",
    "refugee", "refugees", "elder", "elders", "activist", "activists", "journalist", "journalists", "scholar",
    "professor", "researcher", "economist", "insider", "insiders", "figure", "figures", "person", "people",
    "man", "woman", "men", "women", "citizen", "citizens", "politician", "politicians", "cleric", "clerics",
    "ulema", "policeman", "soldier", "soldiers",
})

# Roles that only ever name a person (not a crowd or an anonymous group): an unresolved definite one
# ("the defence minister") may be bound to the person named just before it in the article.
PERSONAL_ROLE_HEADS = frozenset({
    "minister", "premier", "president", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "envoy", "ambassador", "adviser", "advisor", "chief", "commander", "general", "governor", "leader",
    "chairman", "chairperson", "director", "director-general", "emir", "amir", "king", "prince", "mayor",
    "judge", "prosecutor", "commissioner", "consul",
})

# Words of a title that may stand in front of a name next to the role noun ("Foreign Office spokesman",
# "Interior Minister", "Prime Minister", "Chief of Army Staff"): stripped from names, kept in the role.
# Words of ministers' portfolios, written inside a title before the holder's name ("Minister for Planning and
# Development Ahsan Iqbal", "Minister for Narcotics Control Mohsin Naqvi"): never part of a person's name.
PORTFOLIO_WORDS = frozenset({
    "development", "narcotics", "control", "human", "rights", "overseas", "maritime", "industries", "production",
    "climate", "change", "privatisation", "privatization", "housing", "works", "communications", "energy",
    "power", "science", "technology", "textile", "food", "kashmir", "states", "frontier", "regions", "poverty",
    "alleviation", "heritage", "culture", "aviation", "economic", "revenue", "investment", "board",
    "repatriation", "tribal", "minority", "minorities", "harmony", "interfaith", "labour", "employment",
    "resources", "transport", "agriculture", "tourism", "sports", "telecommunication", "telecommunications",
    "coordination", "reforms", "accountability", "parliamentary",
})

TITLE_MODIFIERS = PORTFOLIO_WORDS | frozenset({
    "prime", "foreign", "defence", "defense", "interior", "information", "finance", "federal", "provincial",
    "deputy", "acting", "caretaker", "former", "senior", "junior", "chief", "general", "state", "national",
    "security", "army", "military", "office", "ministry", "affairs", "of", "the", "staff", "vice", "assistant",
    "special", "foreign-office", "education", "commerce", "trade", "health", "law", "justice", "religious",
    "planning", "petroleum", "water", "railways", "minister", "advisor", "adviser", "spokesman", "spokesperson",
    "director", "inter-services", "public", "relations", "broadcasting", "parliamentary", "opposition",
    "president", "senator", "governor", "ambassador", "envoy", "secretary", "inspector", "field", "marshal",
    "admiral", "brigadier", "colonel", "lieutenant", "police",
}) | ROLE_NOUNS

# Small words inside a capitalised title before the holder's name ("Minister for Information and Broadcasting
# Attaullah Tarar", "Ambassador to Türkiye Yousaf Junaid", "Inspector General of Police X").
TITLE_CONNECTORS = frozenset({"of", "the", "and", "for", "to"})

# Verbs of a relative clause that gives a role's name ("who identified himself as X", "introduced himself as X");
# "who gave his name as X" is read from the object "name".
NAMING_VERBS = frozenset({"identify", "introduce"})

# Nationality words that may open a title ("Turkish Foreign Minister X"): stripped from names, kept (capitalised)
# in roles. The parties' own demonyms come from the topic profile (`demonyms`).
NATIONALITY_WORDS = frozenset({
    "turkish", "qatari", "indian", "american", "chinese", "iranian", "saudi", "emirati", "russian", "british",
    "ukrainian", "israeli", "palestinian", "egyptian", "french", "german", "omani", "malaysian", "thai",
    "cambodian", "congolese", "rwandan", "armenian", "azerbaijani", "sudanese", "yemeni", "lebanese", "syrian",
    "iraqi", "jordanian", "european", "african", "us", "u.s.", "un", "u.n.", "eu",
})

# Determiners that mark a role as someone new and anonymous: never bound to a named person.
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another", "some", "several", "two", "three", "many"})

# Quantifiers that make a noun no single person a pronoun can stand for ("neither leader took questions").
QUANTIFIER_DETERMINERS = frozenset({"neither", "no", "each", "every", "both", "either", "any", "all"})

# Pronouns, by what they can stand for.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})  # a document or body mentioned just before ("it stated")
SELF_PRONOUNS = frozenset({"i", "we", "me", "us"})  # the writer or a quoted voice: never resolved

# Entity labels a speaker can carry when it is a body rather than a person.
BODY_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP"})

# Dependency labels.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A participle cue with no subject of its own ("..., stating, “...”") borrows its head's subject along these.
BORROW_SUBJECT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "prep", "pobj"})
# Where a parser puts the speaker of an inverted cue ("“...,” said Asif") when it is not the nsubj.
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "dative", "oprd", "nsubj", "nsubjpass"})
# Modifiers of a role or document noun that belong in its phrase ("senior security official", "joint statement").
PHRASE_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})

# Nouns naming an institution rather than a person: as a speaker they are a body (origin "statement"), kept as
# their phrase ("the army said" -> "army", "the Taliban government said" -> "Taliban government").
BODY_NOUNS = frozenset({
    "army", "military", "ministry", "government", "office", "embassy", "police", "department", "committee",
    "council", "commission", "agency", "administration", "authorities", "authority", "regime", "cabinet",
    "parliament", "senate", "assembly", "secretariat", "directorate", "wing", "mission", "consulate",
    "delegation", "court", "party", "movement", "group", "organisation", "organization", "coalition", "alliance",
    "force", "forces", "establishment", "presidency", "palace", "spokesperson's office",
})

# Title words that are also common given names: kept as part of a name when a given name and a surname still
# follow them ("Amir Khan Muttaqi" stays whole; "Amir Haibatullah" loses the title).
GIVEN_NAME_TITLES = frozenset({"amir", "emir"})

# Words right before a proper-noun run that mark it as a person's name even when the NER tags it as an
# organisation or a place ("Foreign Office spokesperson Tahir Andrabi" with "Tahir Andrabi" as ORG).
PERSON_NAME_CUES = PERSONAL_ROLE_HEADS | HONORIFICS | frozenset({
    "analyst", "expert", "official", "diplomat", "researcher", "economist", "journalist", "activist",
    "negotiator", "mediator", "representative", "deputy", "officer", "lawmaker", "senator", "cleric", "scholar",
    "professor", "spokesperson", "spokesman", "spokeswoman", "inspector", "colonel", "brigadier",
    "lieutenant",
})

# Pronouns by grammatical gender: a person already referred to as "she" is not the antecedent of "he".
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Subject pronouns whose binding records the gender of the person they stand for.
GENDER_BINDING_PRONOUNS = frozenset({"he", "she"})
# Words beside a name that show the person's gender: honorifics before it ("Mrs Khan"), nouns set beside it by
# apposition ("Fatima, 34, a mother of five"), gendered titles ("spokeswoman").
FEMININE_WORDS = frozenset({
    "mrs", "mrs.", "ms", "ms.", "miss", "dame", "sheikha", "begum", "spokeswoman", "chairwoman", "congresswoman",
    "businesswoman", "woman", "mother", "wife", "widow", "daughter", "sister", "grandmother", "girl", "lady",
    "actress", "housewife",
})
MASCULINE_WORDS = frozenset({
    "mr", "mr.", "sir", "spokesman", "chairman", "congressman", "businessman", "man", "father", "husband",
    "widower", "son", "brother", "grandfather", "boy",
})

# Heads whose object is the source of what is reported ("according to X", "per X", "citing X").
CITED_SOURCE_HEADS = frozenset({"per", "citing", "quoting"})
