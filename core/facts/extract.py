"""All the facts of a text, each kind found by its module, in reading order."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..normalize import NormalisedText, normalise
from .collector import Collector
from .dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, find_dates, find_times
from .model import Fact
from .names import find_attributions, find_names
from .negation import find_negations
from .quantities import SCALES, find_quantities, find_vague_quantities
from .roles import with_role
from .vocabulary import facts_vocabulary

_VOCAB = facts_vocabulary()
# Every word that can start or carry an amount, count, date, time or duration.
_QUANTITY_WORDS = frozenset(
    [
        *_VOCAB.units,
        *_VOCAB.tens,
        *SCALES,
        *_VOCAB.vague,
        *MONTHS,
        *MONTH_ABBREVIATIONS,
        *WEEKDAYS,
        *(unit + "s" for unit in _VOCAB.duration_units),
        *_VOCAB.duration_units,
        *_VOCAB.clock_words,
        *_VOCAB.quantity_words,
    ]
)
_LOWER_WORD = re.compile(r"[a-z]+")


def states_quantities(text: str) -> bool:
    """Whether ``text`` can state an amount, count, date, time or duration at all.

    A cheap test that never says no to a text where ``extract_facts`` finds such a value
    (checked on the corpus and the evaluation sets): a digit or a number, month, weekday
    or duration word.  The aligner uses it to skip full extraction for most sentences.

    >>> states_quantities("Musk sued OpenAI."), states_quantities("It cost half a trillion.")
    (False, True)
    """
    if any(map(str.isdigit, text)):
        return True
    return not _QUANTITY_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


@lru_cache(maxsize=65536)
def extract_facts(text: str) -> tuple[Fact, ...]:
    """The facts stated in ``text``, in reading order, with spans into ``text``.

    >>> [f.value.key for f in extract_facts("In early 2024, 14 people died at 11:47 p.m.")]
    ['2024', '14', '23:47']
    """
    clean, values = _values_found(text)
    found = values.copy()  # the cached values stay as they are
    find_names(found)
    find_negations(found)
    find_attributions(found)
    facts = []
    for fact in sorted(found.facts, key=lambda f: (f.start, f.end, f.kind)):
        start, end = clean.original_span(fact.start, fact.end)
        facts.append(_placed(with_role(fact, found), start, end, text[start:end]))
    return tuple(facts)


def stated_values(text: str) -> tuple[Fact, ...]:
    """The times, dates, amounts, counts and durations of ``text`` as ``extract_facts``
    finds them (the same kinds and values), in the order found, without their roles and
    with spans into the normalised text: what the aligner compares, without the names,
    negations, attributions and roles that only claims and verdicts read.

    >>> [f.value.key for f in stated_values("In early 2024, 14 people died at 11:47 p.m.")]
    ['23:47', '2024', '14']
    """
    return tuple(_values_found(text)[1].facts)


@lru_cache(maxsize=65536)
def _values_found(text: str) -> tuple[NormalisedText, Collector]:
    """``text`` normalised, and the values found in it: the first passes of
    ``extract_facts``, kept for it when the aligner asked first (the later passes only add
    facts of other kinds, and cannot change these)."""
    clean = normalise(text)
    found = Collector(clean.text)
    # The order matters: a kind found earlier claims its characters ("May 3, 2024" is a
    # date before "3" and "2024" can be read as counts).
    find_times(found)
    find_dates(found)
    find_vague_quantities(found)
    find_quantities(found)
    return clean, found


def _placed(fact: Fact, start: int, end: int, written: str) -> Fact:
    """``fact`` with its span and words in the original text: the fact itself when they
    are already its own (a text that normalising left alone), without a copy."""
    if fact.start == start and fact.end == end and fact.text == written:
        return fact
    return replace(fact, start=start, end=end, text=written)
