"""Stance toward the talks as data: what counts as the talks, which words signal progress or failure, what
negates, hedges or contrasts a cue, and the weights and thresholds `lib.extract.stance` applies.

Every cue is keyed by its lowercase lemma (spaCy) and also matched on the lowercase word form, so that
Title-Case headlines ("Talks Boost Diplomatic Hopes", where spaCy keeps "Hopes" as a proper noun) still match.
Weights are the unsigned strength of a cue on a 0-1.2 scale: 1.0 is an unambiguous statement about the talks
("collapsed", "breakthrough"); 0.4-0.6 is a cue that leans but is often used loosely ("engaged", "hard").
"""
from __future__ import annotations

# --- What the talks are ----------------------------------------------------------------------------------------
# Lemmas that make a sentence "about the talks". Process-intrinsic outcomes (deadlock, breakthrough) are talk
# terms too: nobody reports a deadlock without meaning the negotiations.
TALK_TERMS = frozenset({
    "talk", "negotiation", "negotiate", "negotiator", "dialogue", "dialog", "discussion", "parley",  # the talks
    "ceasefire", "cease-fire", "truce", "armistice",  # what the talks produced / protect
    "mediation", "mediate", "mediator", "facilitator", "broker",  # the Türkiye / Qatar role
    "delegation", "delegate", "envoy",  # who sits at the table
    "agreement", "accord", "deal", "understanding", "pact",  # what they may sign
    "meeting", "summit", "diplomacy",  # the sessions themselves
    "deadlock", "impasse", "stalemate", "breakthrough", "standstill",  # outcomes that only talks have
    "treaty", "declaration", "roadmap", "memorandum",  # the documents talks produce ("a joint declaration")
})
# ... except when the parse ties the outcome to something else: "brought the economy to a standstill", "trade
# came to a standstill" (the outcome is the object of a preposition on a verb whose object / subject is not a
# talk term). Then it is neither a talk term nor a cue.
OUTCOME_TERMS = frozenset({"deadlock", "impasse", "stalemate", "standstill", "breakthrough", "halt"})
# Talk terms that only count as a noun ("round" of talks, not "all-round"; "deal" the noun, not "deal with").
NOUN_ONLY_TALK_TERMS = frozenset({"round", "deal", "meeting", "understanding", "broker",
                                  "accord"})  # "according to the ISPR" is not an accord
# "process" is about the talks only when it is the peace / mediation / dialogue process.
PROCESS_MODIFIERS = frozenset({"peace", "mediation", "dialogue", "negotiation", "negotiating", "talk", "political"})

# --- Cues of progress (signed +) ---------------------------------------------------------------------------------
PROGRESS_CUES: dict[str, float] = {
    # agreement reached or kept
    "agree": 0.8, "consent": 0.7, "accept": 0.5, "sign": 0.7, "finalise": 0.5, "finalize": 0.5,
    # continuation, extension, resumption of the process
    "continue": 0.6, "continuation": 0.6, "extend": 0.8, "extension": 0.8, "resume": 0.7, "resumption": 0.7,
    "maintain": 0.5, "hold": 0.5, "restore": 0.5, "revive": 0.5, "reach": 0.7,
    # evaluative words officials and reporters use about the talks
    "constructive": 0.9, "productive": 0.9, "fruitful": 0.9, "positive": 0.5, "cordial": 0.5, "amicable": 0.5,
    "hope": 0.7, "hopeful": 0.8, "optimistic": 0.9, "optimism": 0.9, "welcome": 0.7, "appreciation": 0.4,
    "breakthrough": 1.0, "progress": 0.8, "success": 0.7, "successful": 0.8, "milestone": 0.8,
    "momentum": 0.8, "engage": 0.4, "engaged": 0.4, "engagement": 0.4, "ready": 0.4, "pave": 0.5,
    "restart": 0.7, "reconvene": 0.6,  # talks starting again
    "work": 0.5,  # "working on a fourth round", "working towards an agreement" (see PREP_OBJECT_CUES)
    # G2: support and survival of the process ("endorsed the talks", "keeps the process alive"), proximity
    # ("close to a deal", "a chance for peace"), good will at the table
    "endorse": 0.6, "alive": 0.6, "goodwill": 0.5, "close": 0.6, "chance": 0.6,
    # a deal carried out: captives freed under it, its terms implemented, a deal hailed as historic
    "release": 0.6, "free": 0.6, "swap": 0.6, "implement": 0.6, "implementation": 0.5, "historic": 0.6,
    "hail": 0.6, "praise": 0.5, "celebrate": 0.5, "commit": 0.5, "commitment": 0.5,
    # what the talks achieve, and taking part in them ("nothing has been achieved", "the army did not attend")
    "achieve": 0.6, "attend": 0.4,
}
# Cues that count only when a talk term is the object of one of these prepositions on the cue ("working on a
# fourth round", not "working on the economy"; "the delegation worked late" is no cue).
PREP_OBJECT_CUES: dict[str, frozenset] = {"work": frozenset({"on", "towards", "toward", "for"}),
                                          "close": frozenset({"to"})}  # "close to a deal", not "close the border"
# Progress cues that count only when syntactically tied to a talk term ("talks continue", not
# "deportations continue"; "ceasefire holds", not "holds a view"; "reached an agreement").
PROGRESS_NEEDS_TARGET = frozenset({"continue", "extend", "resume", "maintain", "hold", "restore", "revive", "reach",
                                   "accept", "sign", "finalise", "finalize", "positive", "ready", "pave", "restart",
                                   "reconvene", "endorse", "alive", "goodwill", "chance", "release", "free",
                                   "swap", "implement", "implementation", "historic", "hail", "praise",
                                   "celebrate", "commit", "commitment", "achieve", "attend"})
# Cues that need the talk term as their object ("reached an agreement" / "an agreement was reached", not "the
# delegation reached the airport"; "signed the accord"; "extended the ceasefire").
NEEDS_TALK_OBJECT = frozenset({"reach", "sign", "extend", "accept",
                               "reject"})  # failure side: "rejected the deal", not "rejected Kabul's claims"

# --- Cues of failure (signed -) ----------------------------------------------------------------------------------
FAILURE_CUES: dict[str, float] = {
    # the process ended or broke
    "collapse": 1.0, "breakdown": 1.0, "fail": 0.9, "failure": 0.9, "falter": 0.8, "derail": 0.9,
    "stall": 0.9, "deadlock": 1.0, "impasse": 1.0, "stalemate": 1.0, "standstill": 1.0, "walkout": 1.0,
    "suspend": 0.9, "suspension": 0.9, "halt": 0.7, "end": 0.6, "conclude": 0.4, "abandon": 0.9,
    "indefinite": 0.7, "indefinitely": 0.7,  # "entered an indefinite phase"
    "setback": 0.9, "stumble": 0.7, "jeopardy": 0.7, "jeopardise": 0.7, "jeopardize": 0.7,
    # one side blocks
    "refuse": 0.7, "reject": 0.6, "unwilling": 0.6, "reluctant": 0.5, "reluctance": 0.5, "balk": 0.6,
    "frustrate": 0.5, "disagreement": 0.6, "disruption": 0.4, "violation": 0.5, "violate": 0.5,
    # difficulty and distrust
    "hard": 0.4, "difficult": 0.4, "uncertain": 0.5, "uncertainty": 0.5, "distrust": 0.6, "mistrust": 0.6,
    "acrimonious": 0.7, "unacceptable": 0.5,
    # the mirror of "optimistic" / "optimism" on the hopeful side
    "pessimistic": 0.9, "pessimism": 0.9, "sceptical": 0.7, "skeptical": 0.7, "scepticism": 0.7,
    "skepticism": 0.7, "gloomy": 0.7,
    # reservations: progress made conditional ("success depends entirely on ...", "conditional on Kabul's action")
    "depend": 0.4, "hinge": 0.4, "contingent": 0.4, "conditional": 0.4,
    # what would break the process ("could shatter the ceasefire", "threatens to unravel the truce")
    "shatter": 0.9, "wreck": 0.9, "torpedo": 0.9, "scuttle": 0.9, "unravel": 0.8, "undermine": 0.6,
    # G2: shadow / cloud metaphors as verbs ("attacks overshadowed the talks"), a process declared doomed
    "overshadow": 0.6, "doom": 0.9, "doomed": 0.9,
    # talks put off, boycotted, or a deal's commitments not met
    "pause": 0.6, "postpone": 0.7, "postponement": 0.7, "delay": 0.5, "boycott": 0.9, "unfulfilled": 0.6,
    "unmet": 0.6, "unresolved": 0.6,
    # threats on the eve of a round ("repeated military threats", "threatens military action")
    "threat": 0.5,
}
# Failure cues that count only when tied to a talk term ("talks ended", not "end terrorism").
FAILURE_NEEDS_TARGET = frozenset({"end", "conclude", "halt", "suspend", "suspension", "abandon", "reject",
                                  "shatter", "wreck", "torpedo", "scuttle", "unravel", "undermine",
                                  "overshadow", "doom", "doomed", "pause", "postpone", "postponement", "delay"})
# Cues that count only when their grammatical subject is a talk term ("the ceasefire holds"; "talks will be
# held in Istanbul" is scheduling, not progress).
NEEDS_TALK_SUBJECT = frozenset({"hold"})
# A cue's link to a talk term is searched in its own clause: not through these dependents (an adverbial, relative,
# complement or coordinated clause): "Deportation drive resumes at Chaman as Istanbul talks hit impasse".
CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "conj", "parataxis"})
# "over" is a failure cue only as a predicate of the talks ("negotiations are over", "Talks 'Over'"), never as a
# preposition with an object ("tensions over militancy").
OVER_WEIGHT = 1.0
OVER_HEADS = frozenset({"be", "declare", "call", "pronounce", "seem", "look"})
# Nouns whose "over" predicate means the talks ended even without a peace/mediation modifier ("With the Istanbul
# process over", "Islamabad had declared the process over"): a process that is over is the talks in this domain.
OVER_SUBJECTS = frozenset({"process"})
# Absent talks: a talk-term noun under "no" ("no fourth round scheduled", "no agreement was reached") or one of
# these nouns under "no" whose of/for-object is a talk term ("there is no plan for a fourth round") is a failure
# cue of this weight, unless the talk term is itself a cue ("no breakthrough" is the negated progress cue).
ABSENT_TALKS_WEIGHT = 0.8
ABSENT_TALKS_NOUNS = frozenset({"plan", "date", "sign", "prospect", "schedule", "timetable"})
# Talk terms that name who takes part, not the process: "no delegation has left" is not an absence of talks.
TALK_PARTICIPANTS = frozenset({"negotiator", "mediator", "facilitator", "broker", "delegation", "delegate", "envoy",
                               "negotiate", "mediate"})
# "so-called" before one of these nouns ("a so-called “peace”", "the so-called ceasefire") is a scare quote on the
# process: it makes the sentence about the talks and is a failure cue of SO_CALLED_WEIGHT.
SCARE_NOUNS = frozenset({"peace", "arrangement", "process"})
SO_CALLED_WEIGHT = 0.6

# Multi-word cues, matched on lemma sequences; they replace the single-word cues they contain.
PHRASE_CUES: dict[tuple[str, ...], float] = {
    ("positive", "outcome"): 1.0, ("positive", "result"): 1.0,  # the wished-for outcome
    ("turning", "point"): 0.8, ("good", "faith"): 0.5,
    ("lasting", "peace"): 0.5, ("durable", "peace"): 0.5, ("enduring", "peace"): 0.5,
    ("no", "result"): -1.0, ("no", "outcome"): -1.0, ("no", "progress"): -1.0,  # a result that did not come
    ("move", "forward"): 0.6, ("step", "forward"): 0.6,  # "talks can move forward"
    ("walk", "out"): -1.0, ("break", "down"): -1.0, ("break", "off"): -1.0, ("call", "off"): -1.0,
    ("threat", "of", "war"): -1.0, ("sticking", "point"): -0.6, ("trust", "deficit"): -0.6,
    ("under", "threat"): -0.7, ("under", "strain"): -0.6,  # "the ceasefire is under threat"
    ("in", "no", "hurry"): -0.6,  # "in no hurry to resume the talks"
    ("tie", "to"): -0.4,  # "reopening was tied to the outcome of the talks": a condition, like "depends on"
    ("in", "place"): 0.5,  # "the ceasefire is still in place", "remains in place"
    ("take", "effect"): 0.7, ("come", "into", "effect"): 0.7, ("come", "into", "force"): 0.7,  # the truce starts
    ("go", "into", "effect"): 0.7, ("enter", "into", "force"): 0.7,
    ("military", "action"): -0.5, ("yet", "to"): -0.5,  # "threatens military action"; "has yet to meet"
    # G2 proximity and support: "peace is within reach", "a step closer to a deal", "threw its weight behind"
    ("within", "reach"): 0.8, ("step", "closer"): 0.7, ("weight", "behind"): 0.6,
}
# Phrases whose word at a position must carry one of these parts of speech ("tied to" the verb, not "ties to").
PHRASE_POS: dict[tuple[str, ...], dict[int, frozenset]] = {("tie", "to"): {0: frozenset({"VERB"})}}
# Phrases that do not count when followed by one of these words ("in place of signatures").
PHRASE_NOT_BEFORE: dict[tuple[str, ...], frozenset] = {("in", "place"): frozenset({"of"})}

# --- Modifiers ---------------------------------------------------------------------------------------------------
# Verbs / adjectives that negate the cue in their complement ("refused to agree", "unwilling to sign",
# "failed to reach"). The governed cue is flipped and the negating word itself is then not counted again.
NEGATING_GOVERNORS = frozenset({"refuse", "fail", "decline", "unwilling", "reluctant", "reject", "balk", "stop",
                                "unlikely", "doubtful", "improbable"})  # G2 modality: "unlikely to produce a deal"
# Governors that put a cue at risk or avert it ("keep the process from collapsing", "threatens to derail"): the
# cue keeps its sign (the danger is real) at RISK_FACTOR of its weight.
RISK_GOVERNORS = frozenset({"prevent", "avert", "avoid", "keep", "save", "stop", "risk", "threaten", "verge", "brink"})
RISK_FACTOR = 0.5
# Determiners / prepositions that negate a noun cue ("no breakthrough", "without any disruption").
NEGATING_DETS = frozenset({"no", "without", "never", "neither", "nor", "lack"})
# A cue whose subject (or the noun it modifies) is determined by one of these is negated: "Neither Türkiye nor
# Qatar has ended its mediation", "no side walked out", "no round scheduled".
NEGATING_SUBJECT_DETS = frozenset({"no", "neither"})
# Pronouns that negate as a subject: "nothing has been achieved so far", "none of the sides has agreed".
NEGATING_PRONOUNS = frozenset({"nothing", "none", "nobody", "neither"})
# A negated progress cue is evidence of failure, a little weaker than the plain failure word ("not agreed").
NEGATED_PROGRESS_FACTOR = -0.7
# A negated failure cue is weak hope: "talks are not over" is better than over, not a breakthrough.
NEGATED_FAILURE_FACTOR = -0.5

# Hedges: a cue (or its head noun) modified by one of these is dampened ("a small ray of hope",
# "cautiously optimistic", "provisional agreement", "fragile ceasefire").
HEDGES = frozenset({
    "small", "slight", "faint", "glimmer", "ray", "flicker", "modest", "limited", "some", "partial",
    "fragile", "cautious", "cautiously", "provisional", "tentative", "conditional", "preliminary", "shaky",
    "initial",
    # a ceasefire that holds only in name ("nominally holds", "holds loosely", "barely holding")
    "loosely", "nominally", "barely", "precariously", "tenuous", "tenuously", "uneasy", "uneasily",
})
# Multi-word hedges attached (as a prepositional phrase) to the cue or its verb: "The ceasefire is, for now,
# still in place".
HEDGE_PHRASES = frozenset({("for", "now"), ("for", "the", "time", "being")})
HEDGE_FACTOR = 0.5
# Modal auxiliaries and conditionals: "could help revive", "may resume", "if they agree".
MODALS = frozenset({"could", "might", "may", "would"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "until"})  # a clause of this kind on the cue makes it conditional
ONLY_WHEN = frozenset({"when", "once", "after"})  # conditional together with "only" ("can only move forward when")
# A cue inside the subject of these is conditional ("the agreement's success depends on ...").
CONDITIONAL_PREDICATES = frozenset({"depend", "hinge", "rest", "rely", "contingent", "conditional"})
MODAL_FACTOR = 0.7
# Disappointed hope: a hope verb in the past perfect ("Aid groups had hoped that the ceasefire would ease the
# pressure", "had expected a deal") reports a hope that was not met. The hope cue and every cue it governs count
# x UNMET_HOPE_FACTOR: weak failure, like a negated progress cue but weaker (the failure is implied, not stated).
UNMET_HOPE_VERBS = frozenset({"hope", "expect", "anticipate", "want", "wish", "optimistic", "hopeful"})
UNMET_HOPE_FACTOR = -0.5
# Background recap: a past-tense cue (simple past or past perfect) whose subject is a named earlier round ("The
# second round in Istanbul agreed in principle ...", "Previous mediations faltered", "Talks collapsed earlier")
# reports history, not the present state of the talks: x RECAP_FACTOR. A round is named earlier by an ordinal
# lower than the highest round ordinal in the document, or by one of RECAP_MODIFIERS.
RECAP_MODIFIERS = frozenset({"earlier", "previous", "prior", "past", "former", "previously", "initial"})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "1st": 1,
            "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
RECAP_FACTOR = 0.5
# G2. A past-tense cue in a temporal clause ("three weeks after the two sides agreed to a truce", "since the talks
# collapsed") on a main clause that is not about the talks is background too: x RECAP_FACTOR.
BACKGROUND_MARKS = frozenset({"after", "since", "before"})

# Contrast: the clause after "but / however / yet" carries the speaker's point; the clause before it, and the
# concession after "although / though / while / despite", is discounted.
CONTRAST_COORD = frozenset({"but", "however", "yet", "nevertheless", "nonetheless", "still"})
CONCESSIVE_MARKS = frozenset({"although", "though", "while", "whilst", "despite", "notwithstanding"})
BEFORE_CONTRAST_FACTOR = 0.5
CONCESSION_FACTOR = 0.5
# "not only ... but also" is addition, not contrast.
NOT_CONTRAST_AFTER = frozenset({"also"})
# An after-clause with no cue of its own still answers the clause before it ("Hope shines in talks, but trust
# awaits guarantees"): it counts as a reservation of this weight, with the opposite sign of the before-clause.
IMPLICIT_CONTRAST = 0.3
# A sentence that opens with one of these continues the previous sentence's topic ("However, violations are
# still occurring."), so it is about the talks when the previous sentence of its paragraph is.
TOPIC_CONTINUERS = frozenset({"however", "but", "yet", "still", "meanwhile", "nevertheless", "nonetheless",
                              "moreover", "also", "besides", "instead"})
# A sentence that opens with one of these answers the previous sentence of its paragraph, as an in-sentence "but"
# answers its first clause: the previous sentence's cues count x BEFORE_CONTRAST_FACTOR ("Aid groups hoped ...
# Instead, ..."). A disappointed hope is not discounted again: the contrast is what it anticipated.
CONTRAST_OPENERS = frozenset({"however", "but", "yet", "instead", "nevertheless", "nonetheless"})

# --- G. Generalisation: what stands for the talks, and cue classes read from the parse ----------------------------
# G1. Stand-ins for the talks. A venue names the talks when the parse makes it the subject of an outcome verb, the
# recipient of "give ... a chance", or the modifier of "process" ("Give Istanbul a chance", "Doha delivered", "the
# Istanbul process"); "peace" is the talks' goal when it is the object of a pursuit verb, sits "within reach", or is
# the object of "chance for / step towards" ("seek peace", "a chance for peace"). "framework" / "settlement" are what
# the talks may sign unless a noun modifier says otherwise ("refugee settlement").
# The venues themselves are the topic's (`venues` in the topic profile, topics/*.toml).
VENUE_HEADS = frozenset({"give", "succeed", "fail", "collapse", "falter", "stall", "deliver", "produce", "yield",
                         "survive", "work", "process", "round", "format", "track", "chance"})
PEACE_HEADS = frozenset({"seek", "achieve", "secure", "bring", "build", "pursue", "make", "deliver", "restore",
                         "reach", "chance", "step", "path", "road", "hope", "prospect", "close", "closer", "want"})
FRAME_TERMS = frozenset({"framework", "settlement"})
# "the process" (bare, definite, no noun modifier) is the talks in an article that is about the talks: at least
# this many sentences hold an explicit talk term.
PROCESS_CONTEXT_MIN = 2

# G2. Ending the conflict: a verb or noun of ending whose object is the fighting ("aim to end decades of conflict",
# "agreed to halt hostilities", "an end to the war") is what the talks are for: progress of this weight, never the
# failure cue "end".
ENDING_WORDS = frozenset({"end", "halt", "stop", "cease", "conclude", "resolve"})
CONFLICT_NOUNS = frozenset({
    "war", "conflict", "fighting", "fight", "hostility", "hostilities", "violence", "bloodshed", "confrontation",
    "clash", "attack", "offensive", "shelling", "firing", "fire", "combat", "crisis", "standoff", "dispute",
    "aggression", "strike", "airstrike", "bombing", "enmity", "warfare", "killing",
})
ENDING_CONFLICT_WEIGHT = 0.7

# G2. Outcome verbs whose subject is the talks: success (+) / failure (-) keyed by lemma. The subject is read through
# the parse: the verb's own subject, the subject of the predicate it completes ("the talks are unlikely to produce
# a deal"), the object of a wish verb ("we want these talks to succeed"), or a "they" / "it" whose antecedent is the
# talk-term subject of the previous sentence in the paragraph ("... talks succeed. If they fail, ...").
OUTCOME_VERBS: dict[str, float] = {"succeed": 0.8, "deliver": 0.6, "produce": 0.6, "yield": 0.6, "survive": 0.5}
# "produce" / "deliver" / "yield" also count with one of these as their object ("produce a deal", "yield results").
OUTCOME_OBJECTS = frozenset({"deal", "agreement", "accord", "result", "breakthrough", "outcome", "settlement",
                             "peace", "progress", "framework"})
OUTCOME_PRONOUNS = frozenset({"they", "it"})

# G2. Prospect nouns with an evaluative predicate or modifier: "expectations are low", "prospects look bleak",
# "slim hopes", "the outlook is bright". The pair is one cue (the noun's own "hope" weight is replaced).
PROSPECT_NOUNS = frozenset({"prospect", "expectation", "outlook", "hope", "chance", "odds", "optimism"})
PROSPECT_GOOD: dict[str, float] = {"high": 0.6, "bright": 0.8, "good": 0.6, "strong": 0.6, "promising": 0.8,
                                   "rise": 0.6, "grow": 0.6, "improve": 0.7, "brighten": 0.8}
PROSPECT_BAD: dict[str, float] = {"low": 0.8, "bleak": 0.9, "dim": 0.8, "slim": 0.8, "poor": 0.7, "grim": 0.9,
                                  "remote": 0.8, "fade": 0.8, "dwindle": 0.8, "recede": 0.7, "dampen": 0.7,
                                  "modest": 0.5, "muted": 0.6, "limited": 0.5}
# A sentence whose prospect noun is evaluated but names no object ("Officials concede that expectations are low")
# continues the topic of the previous sentence of its paragraph, like "However, ...".

# G2. Modality: "unlikely to produce a deal" negates the governed cue ("unlikely", "doubtful", "improbable" are in
# NEGATING_GOVERNORS); "likely to" keeps it.

# G2. Proximity: "within reach", "close(r) to a deal" (PREP_OBJECT_CUES), "a step closer", "a chance for peace",
# "give Istanbul / diplomacy a chance" (a chance given to, or for, a talk term): "close" and "chance" are in
# PROGRESS_CUES.
# G2. Shadow / cloud metaphors: a shadow / cloud / pall cast over the talks, or talks "overshadowed" / "clouded".
SHADOW_NOUNS = frozenset({"shadow", "cloud", "pall"})
SHADOW_VERBS = frozenset({"cast", "throw", "hang", "loom", "put"})
SHADOW_WEIGHT = 0.7
# G2. Prayer / wish: a speaker who prays, wishes or wants the talks to succeed is a hopeful voice (the wish verb is
# the cue when its complement clause is about the talks; the outcome verb in it is not counted twice).
WISH_VERBS: dict[str, float] = {"pray": 0.7, "wish": 0.6, "want": 0.5, "hope": 0.7}
# G2. Belief verbs that carry a negation to their complement ("does not think the process is doomed").
NEG_RAISING_VERBS = frozenset({"think", "believe", "expect", "suppose", "feel"})
# G2. A noun cue with a noun modifier that is not the talks describes that thing ("security failures",
# "deportation progress"): no cue. Modifiers naming the talks (peace, process, talk terms) keep it.

# G3. Fallback: fewer than MIN_EVIDENCE_SENTENCES cue sentences (or too little cue weight) but at least
# FALLBACK_MIN_TALK_SENTENCES sentences about the talks: score = (1 - FALLBACK_WEIGHT) x the (shrunk) cue score +
# FALLBACK_WEIGHT x the position / voice weighted mean domain-adjusted sentiment (`Sentence.polarity_adjusted`) of
# the talk sentences, labelled with the same thresholds. Fewer talk sentences: "insufficient evidence".
FALLBACK_MIN_TALK_SENTENCES = 2
FALLBACK_WEIGHT = 0.3

# G2. Rebuttal: a sentence answered by a short next sentence of its paragraph that rejects it ("The temptation is to
# declare the process a failure. That would be a mistake.") has its cues flipped like a negation
# (NEGATED_PROGRESS_FACTOR / NEGATED_FAILURE_FACTOR).
REBUTTAL_WORDS = frozenset({"mistake", "error", "wrong", "premature", "misguided", "misreading", "exaggeration",
                            "overstatement", "folly", "unfair", "untrue", "false"})
REBUTTAL_MAX_WORDS = 8

# A sentence's signed cue sum is clipped to [-SENTENCE_CAP, SENTENCE_CAP].
SENTENCE_CAP = 1.0

# --- Article-level weights and thresholds (see lib/stance.py) -----------------------------------------------------
HEADLINE_WEIGHT = 2.0  # the headline is the outlet's framing of the whole story
LEAD_WEIGHT = 1.5  # the first body sentences (inverted pyramid)
LEAD_SENTENCES = 2  # how many body sentences make the lead
LEAD_MIN_WORDS = 6  # shorter lines (a dateline "at 5:27 PM") are not the lead
OUTLET_WEIGHT = 1.0  # the outlet's own narration
QUOTED_WEIGHT = 0.8  # quoted or attributed officials: positional statements, slightly discounted
MIN_EVIDENCE_SENTENCES = 2  # fewer cue-bearing talk sentences than this: "insufficient evidence"
MIN_EVIDENCE_WEIGHT = 1.0  # ... or a total absolute weighted cue below this
# ... unless a single sentence carries at least this weighted cue: a headline (x2.0) with a clear cue (|cue| >=
# 0.8) is the outlet's framing of the whole story and labels an article on its own; a lone lead or body sentence
# (at most 1.5) does not.
SINGLE_SENTENCE_MIN_WEIGHT = 1.6
# A lead sentence that restates the headline (it holds at least this share of the headline's content lemmas,
# and at least HEADLINE_ECHO_MIN_WORDS of them) is the same statement told twice: it counts once, as the headline.
HEADLINE_ECHO_SHARE = 0.5
HEADLINE_ECHO_MIN_WORDS = 3
SHRINK = 1.0  # score * n / (n + SHRINK): a handful of sentences cannot give a full +/-1
HOPEFUL_MIN = 0.3  # score >= this: hopeful
PESSIMISTIC_MAX = -0.3  # score <= this: pessimistic; in between: mixed
EVIDENCE_TOP = 3  # sentences kept per side as evidence

# Background: a body sentence whose every named day lies this many days or more before the publication date tells
# an earlier stage of the story ("on October 19 the two sides agreed", in a piece of 28 October): x this factor.
BACKGROUND_DAYS = 5
BACKGROUND_FACTOR = 0.5
