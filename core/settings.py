"""Every threshold of the engine in one object, with its meaning.

``Settings`` is passed as a required keyword-only argument (``settings=``) to every
function that scores, assigns or judges, so that no function falls back on hidden
defaults.  Sessions save it; the command line and the window set it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Every threshold of the engine, with its meaning.  Defaults are documented in README."""

    # A pair of passages is linked when its combined score reaches this (0..1): no link
    # ever scores less.
    link_threshold: float = 0.25
    # ... and when it is within this fraction of the best score of either of its passages
    # (one passage may link to several counterparts when they are nearly as good).
    relative_margin: float = 0.5
    # A link that is not the best match of both its passages needs this much more score
    # than link_threshold (two passages that are each other's best match need none).
    one_sided_margin: float = 0.0
    # How much a sentence that refers back ("He", "The split") borrows the words of the
    # passage before it (0: not at all, 1: as its own).
    anaphora_weight: float = 0.3
    # How much the neighbours' scores (the pairs just before and after) add to a pair.
    context_weight: float = 0.15
    # Weights of the similarity signals in the combined score (they are renormalised).
    weight_distinctive_words: float = 0.8
    weight_fuzzy: float = 0.2
    weight_shared_facts: float = 0.1
    # How much a word's rarity in the story (both articles) decides its weight, beside its
    # rarity in English at large (0: English alone, 1: the story alone).
    story_rarity_weight: float = 1.0
    # Added to the combined score, times the caller's claim evidence (0..1) that two
    # passages state a claim about the same measure.
    weight_claim_evidence: float = 0.3
    # Optional sentence embeddings (core.semantic; 0 = off, the model is not loaded).  On,
    # their cosine is a feature of the learned scorer (its second fit), and the
    # hand-weighted part of the score (learned_scorer below 1) gets this weight times how
    # far the cosine is above semantic_floor (0..1).
    weight_semantic: float = 0.0
    semantic_floor: float = 0.6
    # With the embeddings on: two passages that are each other's nearest by embedding
    # cosine, at least this, are linked when their combined score reaches
    # semantic_mutual_min_score (1 = never: with the learned scorer reading the cosine,
    # these extra links lowered dev F1).
    semantic_mutual_cosine: float = 1.0
    semantic_mutual_min_score: float = 0.1
    # How loosely hedged values are read when facts are compared (fractions of the value):
    # "about 200" allows 200 give or take approximate_tolerance; "nearly 100" allows
    # 100*(1 - nearly_tolerance)..100; number words ("a dozen") allow number_word_tolerance.
    approximate_tolerance: float = 0.10
    nearly_tolerance: float = 0.10
    number_word_tolerance: float = 0.05
    # A headline or standfirst links to a body sentence only at this score or more.
    heading_threshold: float = 0.3
    # How much the scorer fitted on annotated articles (core/data/align_scorer.json)
    # decides a pair's score, beside the hand-weighted mean of the signals (0: not at all,
    # 1: alone).
    learned_scorer: float = 1.0
