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

    # A pair of passages is linked when its combined score reaches this (0..1).
    link_threshold: float = 0.2
    # ... and when it is within this fraction of the best score of both its passages,
    # so that a passage links to several counterparts only when they are nearly as good.
    relative_margin: float = 0.85
    # How much a sentence that refers back ("He", "The split") borrows the words of the
    # sentence before it in the same paragraph (0: not at all, 1: as its own).
    anaphora_weight: float = 0.3
    # How much the neighbours' scores (the pairs just before and after) add to a pair.
    context_weight: float = 0.15
    # A linked pair at or above this score, with no conflicts, is "agree"; below it "related".
    agree_threshold: float = 0.35
    # Weights of the similarity signals in the combined score (they are renormalised).
    weight_distinctive_words: float = 0.8
    weight_fuzzy: float = 0.1
    weight_shared_facts: float = 0.1
    # How loosely hedged values are read when facts are compared (fractions of the value):
    # "about 200" allows 200 give or take approximate_tolerance; "nearly 100" allows
    # 100*(1 - nearly_tolerance)..100; number words ("a dozen") allow number_word_tolerance.
    approximate_tolerance: float = 0.10
    nearly_tolerance: float = 0.10
    number_word_tolerance: float = 0.05
    # Headings link only to headings or to passages at this score or more.
    heading_threshold: float = 0.3
