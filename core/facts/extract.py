"""All the facts of a text, each kind found by its module, in reading order."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..normalize import normalise
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
    clean = normalise(text)
    found = Collector(clean.text)
    # The order matters: a kind found earlier claims its characters ("May 3, 2024" is a
    # date before "3" and "2024" can be read as counts).
    find_times(found)
    find_dates(found)
    find_vague_quantities(found)
    find_quantities(found)
    find_names(found)
    find_negations(found)
    find_attributions(found)
    facts = []
    for fact in sorted(found.facts, key=lambda f: (f.start, f.end, f.kind)):
        start, end = clean.original_span(fact.start, fact.end)
        facts.append(_placed(with_role(fact, found), start, end, text[start:end]))
    return tuple(facts)


def _placed(fact: Fact, start: int, end: int, written: str) -> Fact:
    """``fact`` with its span and words in the original text: the fact itself when they
    are already its own (a text that normalising left alone), without a copy."""
    if fact.start == start and fact.end == end and fact.text == written:
        return fact
    return replace(fact, start=start, end=end, text=written)
