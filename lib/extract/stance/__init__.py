"""Stance toward the Pakistan-Afghanistan talks: hopeful, mixed, pessimistic, or "insufficient evidence".

Method (all rules read the spaCy dependency parse; the word lists and numbers live in `lib.lexicons.stance`):

1. **About the talks.** A sentence is about the talks when one of its lemmas is a talk term (talks, negotiation,
   dialogue, ceasefire, truce, mediation, mediator, delegation, agreement, accord, round (noun), peace/mediation
   process, deadlock, breakthrough ...), a "so-called" peace / process, or a process declared over. Only those
   sentences are scored. An outcome word the parse ties to something else is neither topic nor cue ("brought the
   town's economy to a standstill": the object of the verb is not a talk term; `OUTCOME_TERMS`).
2. **Cues.** Progress cues (agreed, continue, constructive, hope, optimistic, breakthrough, extend, "positive
   outcome", momentum, resumption, welcome ...) add their weight; failure cues (collapsed, "are over", concluded,
   stalled, deadlock, "no results", failed, "walked out", setback, "threat of war", indefinite, suspended ...)
   subtract theirs. Loose cues ("continue", "end", "hold", "over") count only when the parse ties them to a talk
   term ("talks continue", not "deportations continue"; "negotiations are over", not "tensions over militancy"),
   searched within the cue's own clause (not through advcl / relcl / ccomp / conj: "Deportation drive resumes as
   talks hit impasse" is no progress). Absent talks are failure: a talk noun under "no" / "without" ("no fourth
   round scheduled", "ended without agreement", "no plan for a fourth round") x ABSENT_TALKS_WEIGHT (0.8).
3. **Negation** flips a cue: a `neg` child on the cue or on the verb it is the complement of ("talks are not
   over", "have not yet resumed"), a "no"/"without" determiner or preposition ("no breakthrough", "without any
   disruption"), a "no" / "neither" subject ("Neither Türkiye nor Qatar has ended its mediation"), or a negating
   governor ("refused to agree", "unwilling to sign"). A negated progress cue counts
   x NEGATED_PROGRESS_FACTOR (-0.7), a negated failure cue x NEGATED_FAILURE_FACTOR (-0.5): "not over" is weak hope.
4. **Hedges** dampen: a hedge word modifying the cue or its head ("a small ray of hope", "provisional agreement",
   "cautiously optimistic") x HEDGE_FACTOR (0.5); a modal or conditional ("could help revive", "if they agree")
   x MODAL_FACTOR (0.7); "for now" / "for the time being" hedges too ("the ceasefire is, for now, still in place").
   A hope in the past perfect ("Aid groups had hoped that the ceasefire would ...") was not met: it and the cues
   it governs count x UNMET_HOPE_FACTOR (-0.5). A past-tense cue whose subject is a named earlier round ("The
   second round agreed in principle ..." when a third round is mentioned; "Previous mediations faltered") is a
   background recap: x RECAP_FACTOR (0.5). So is a body sentence whose every named day ("October 19", "Oct. 30")
   lies BACKGROUND_DAYS (5) or more before the publication date, when that is known: x BACKGROUND_FACTOR (0.5)
   ("on October 19 the two sides agreed", in a story of 8 November about the breakdown).
5. **Contrast.** Before "but / however / yet" x BEFORE_CONTRAST_FACTOR (0.5); inside a concession ("although",
   "while", "despite ...") x CONCESSION_FACTOR (0.5). The clause after the contrast keeps full weight. A sentence
   followed in its paragraph by one that opens with "Instead," / "But" / "However," is discounted the same way
   (`CONTRAST_OPENERS`), except a disappointed hope, which the contrast confirms.
6. A sentence's cue is the clipped sum, in [-1, 1] (`Sentence.stance_cue`).
7. **Position.** Headline sentences x HEADLINE_WEIGHT (2.0), the first LEAD_SENTENCES (2) body sentences of at least
   LEAD_MIN_WORDS words x LEAD_WEIGHT (1.5). The headline is the `title` when it is found at the top of the text;
   otherwise the title, parsed on its own by the caller (`title_needs_parse`), is scored as an extra sentence.
   Repeated identical sentences (a title printed twice by the scraper) count once, and so does a lead sentence that
   restates a headline of the same sign (it holds HEADLINE_ECHO_SHARE (0.5) of the headline's content words, at
   least HEADLINE_ECHO_MIN_WORDS (3)).
8. **Voice.** A sentence is "quoted" when most of it lies inside a quote span (`Sentence.voice`), or when it is
   attributed speech (a reporting verb from `lib.lexicons.reporting` with a subject: "Asif said the talks ...",
   "according to sources ..."); otherwise it is the outlet's narration. `outlet_score` and `quoted_score` are the
   weighted means within each voice; the article `score` combines them with OUTLET_WEIGHT (1.0) and QUOTED_WEIGHT
   (0.8) as extra sentence weights, then shrinks toward 0 by n / (n + SHRINK) (SHRINK = 1), n = cue sentences.
9. **Label.** Fewer than MIN_EVIDENCE_SENTENCES (2) cue-bearing talk sentences, or a total absolute weighted cue
   below MIN_EVIDENCE_WEIGHT (1.0): the G3 fallback (below), or "insufficient evidence" (score 0) -- except one
   sentence with a weighted cue of at least SINGLE_SENTENCE_MIN_WEIGHT (1.6), i.e. a headline with a clear cue
   (|cue| >= 0.8), which labels the article on its own (a lone lead or body sentence, at most 1.5, does not).
   Otherwise score >= HOPEFUL_MIN (0.3): hopeful; score <= PESSIMISTIC_MAX (-0.3): pessimistic; in between: mixed.
10. **Evidence.** The EVIDENCE_TOP (3) sentences with the largest weighted positive / negative contribution.

Generalisation rules (G1-G3; word lists and weights in `lib.lexicons.stance`, section G):

G1. **Stand-ins for the talks.** A venue (Istanbul, Doha ...) is a talk term as subject / object / recipient of an
   outcome verb or "give ... a chance", or as the modifier of "process" ("Give Istanbul a chance", "the Istanbul
   process"); "peace" as the object of a pursuit verb, of "a chance for", or "within reach"; "framework" /
   "settlement" unless a noun modifier names something else; a bare "the process" when at least
   PROCESS_CONTEXT_MIN (2) sentences of the article hold a talk term. A sentence whose "they" / "it" subject of an
   outcome verb, or whose evaluated prospect noun ("expectations are low"), names no object continues the topic
   of the previous sentence of its paragraph. The verb "according (to)" is not an accord (NOUN_ONLY_TALK_TERMS).
G2. **Cue classes.** Outcome verbs with the talks as subject (succeed 0.8, produce / deliver / yield 0.6, survive
   0.5; the subject read through xcomp / acomp, wish objects and paragraph pronouns); prospect nouns judged by an
   evaluative predicate or modifier (expectations / prospects / outlook / hopes / chances + low 0.8, bleak 0.9,
   slim 0.8 ... or high 0.6, bright 0.8 ...); modality ("unlikely / doubtful to" negates the governed cue like
   "refused to"); proximity ("within reach" 0.8, "a step closer" 0.7, "close to" a talk term 0.6, a chance given
   to / for the talks 0.6); shadow metaphors (a shadow / cloud / pall cast over the talks 0.7, "overshadow" 0.6);
   prayer / wish ("pray" 0.7, "wish" 0.6, "want" 0.5 that the talks succeed: the wish is the cue, the outcome verb
   is not counted again); a negation carried by a governor ("neither wants to see its mediation fail", "does not
   think the process is doomed"); a noun cue whose noun modifier names something else ("security failures") is no
   cue; a past cue in an "after / since / before" clause on a main clause about something else is background
   (x RECAP_FACTOR); a sentence rejected by a short next sentence ("That would be a mistake.") is flipped like a
   negation; "only once / when" is conditional (x MODAL_FACTOR).
G3. **Fallback.** Where rule 9 finds too little cue evidence but the article has at least
   FALLBACK_MIN_TALK_SENTENCES (2) sentences about the talks, the score is (1 - FALLBACK_WEIGHT) x the shrunk cue
   score (0 without cues) + FALLBACK_WEIGHT (0.3) x the position / voice weighted mean domain-adjusted sentiment
   (`Sentence.polarity_adjusted`) of all talk sentences, labelled with the same thresholds. Only an article with
   fewer than 2 talk sentences is "insufficient evidence" (score 0).
"""
from __future__ import annotations

from lib.extract.stance.cues import Cue, sentence_cue, sentence_cues
from lib.extract.stance.score import (ScoredSentence, is_background, quote_cue, score_stance, scored_sentences,
                                      sentence_dates, stance_label, title_needs_parse)
from lib.extract.stance.sentences import sentence_rows
from lib.extract.stance.topic import is_about_talks, is_talk_term
from lib.extract.stance.voice import QUOTED_SHARE, is_attributed, quote_ranges, quoted_share

__all__ = ["QUOTED_SHARE", "Cue", "ScoredSentence", "is_about_talks", "is_attributed", "is_background", "is_talk_term",
           "quote_cue", "quote_ranges", "quoted_share", "score_stance", "scored_sentences", "sentence_cue",
           "sentence_cues", "sentence_dates", "sentence_rows", "stance_label", "title_needs_parse"]
