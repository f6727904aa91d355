"""The checkable facts a passage states: amounts, counts, percentages, dates, times,
durations, names, negations and attributions, each normalised so that equal things compare
equal and tagged with what it is about (its *role*).

Extraction is rule-based and fast (a sentence takes well under a millisecond) because
``judge`` runs on every linked pair and on thousands of sentence pairs in ``main.py pairs``.
Libraries were tried and set aside: ``dateparser.search`` takes ~3 ms a sentence and
reads "early 2024" as 23 November 2024 and "11:47 p.m." as 11:47; quantulum3 and
number-parser bring a classifier or a slow generic grammar for what a few regular
expressions do here.

>>> facts = extract_facts("Microsoft invested over $13bn.")
>>> [(f.kind, f.value, f.role, f.hedge) for f in facts if f.kind == "money"]
[('money', Amount(value=13000000000.0, half_unit=500000000.0, unit='USD', in_words=False), \
'investment', <Hedge.OVER: 'over'>)]

Values are typed (:mod:`core.facts.model`): an amount keeps its written precision
("13e9" against "13.2e9") so that :func:`interval` can tell a rounding from a
disagreement, and a date keeps only the parts the text gives.

The package is split by concern: :mod:`.quantities`, :mod:`.dates`, :mod:`.names`,
:mod:`.negation` and :mod:`.roles` each find one kind of fact, with the word lists of
:mod:`.vocabulary` (read from ``core/data/facts.json``).  This is the fast parsing layer:
:mod:`core.claims` builds typed claims on these facts (what a number counts, its bound,
scope and time), and verdicts compare claims.  The aligner keeps using
:func:`stated_values` (the values of :func:`extract_facts` without the later passes) and
:func:`states_quantities` directly.
"""

from .extract import extract_facts, stated_values, states_quantities
from .model import (
    Amount,
    DateParts,
    DateValue,
    Decade,
    Fact,
    FactValue,
    Hedge,
    Interval,
    QuantityValue,
    TimeOfDay,
    Weekday,
)
from .quantities import interval, written_amount
from .words import is_content_word, stem, words

__all__ = [
    "Amount",
    "DateParts",
    "DateValue",
    "Decade",
    "Fact",
    "FactValue",
    "Hedge",
    "Interval",
    "QuantityValue",
    "TimeOfDay",
    "Weekday",
    "extract_facts",
    "interval",
    "is_content_word",
    "states_quantities",
    "stated_values",
    "stem",
    "words",
    "written_amount",
]
