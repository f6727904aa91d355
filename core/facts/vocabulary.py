"""The word lists of :mod:`core.facts`, read once from ``core/data/facts.json``.

The lists are data so that one file says what the fact extractor knows; this module only
types them (a hedge word's side becomes a :class:`Hedge`, a clock word's time a
:class:`TimeOfDay`).  The modules of :mod:`core.facts` build their regular expressions
from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .model import Hedge, TimeOfDay

# The data lives with core's other data files (package data of core).
_PATH = Path(__file__).parent.parent / "data" / "facts.json"


@dataclass(frozen=True)
class FactsVocabulary:
    units: dict[str, int]  # "one" -> 1 ... "nineteen" -> 19
    tens: dict[str, int]  # "twenty" -> 20 ...
    fractions: dict[str, float]  # "half a" -> 0.5, "a dozen" -> 12
    scale_words: dict[str, int]  # "million" -> 6 (a power of ten)
    scale_abbreviations: dict[str, int]  # "bn" -> 9
    scale_letters: dict[str, int]  # "m" -> 6
    vague: dict[str, tuple[int, int]]  # "hundreds" -> (100, 1000)
    currency_symbols: dict[str, str]  # "$" -> "USD"
    currency_words: dict[str, str]  # "euros" -> "EUR"
    months: dict[str, int]  # "january" -> 1
    month_abbreviations: dict[str, int]  # "jan" -> 1, "sept" -> 9
    weekdays: tuple[str, ...]
    duration_units: dict[str, float]  # "week" -> 7 (days)
    hedges: dict[str, Hedge]  # "more than" -> Hedge.OVER
    date_hedges: dict[str, Hedge]  # "before" -> Hedge.UNDER
    roles: dict[str, tuple[str, ...]]  # role -> its words, in matching order
    event_roles: frozenset[str]
    weak_roles: frozenset[str]
    role_fillers: tuple[str, ...]  # "3 people injured": between a count and its role word
    counted_noun_modifiers: tuple[str, ...]  # "300 new homes"
    month_context: tuple[str, ...]
    year_prepositions: frozenset[str]
    titles: frozenset[str]
    organisation_cues: frozenset[str]
    place_cues: frozenset[str]
    place_prepositions: frozenset[str]
    name_joiners: tuple[str, ...]  # "Bank of America"
    not_last_in_name: frozenset[str]
    label_nouns: tuple[str, ...]  # "page 3"
    speech_verbs: tuple[str, ...]
    negation_cues: tuple[str, ...]
    false_negation_prefixes: tuple[str, ...]  # "not only", "not just"
    false_negation_words: tuple[str, ...]  # "not far" (whole words)
    negation_skip: frozenset[str]
    negatable_function_words: frozenset[str]
    modal_stopwords: frozenset[str]
    quantity_words: frozenset[str]
    clock_words: dict[str, TimeOfDay]  # "noon" -> 12:00


def _entries(section: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in section.items() if not key.startswith("_")}


def _hedges(section: dict[str, Any]) -> dict[str, Hedge]:
    return {word: Hedge(side) for word, side in _entries(section).items()}


def _clock(time: str) -> TimeOfDay:
    """A clock word's time as the data file writes it, "12:00"."""
    hour, minute = time.split(":")
    return TimeOfDay(hour=int(hour), minute=int(minute))


def raw_sections() -> dict[str, Any]:
    """The file as loaded, for tests that check every entry is used."""
    data: dict[str, Any] = json.loads(_PATH.read_text(encoding="utf-8"))
    return data


@cache
def facts_vocabulary() -> FactsVocabulary:
    """The vocabulary, loaded once per process."""
    raw = raw_sections()
    numbers, scales, months = raw["number_words"], raw["scales"], raw["months"]
    negation, names = raw["negation"], raw["names"]
    month_numbers = {name: i for i, name in enumerate(months["names"], start=1)}
    abbreviations = {name[:3]: i for name, i in month_numbers.items()}
    return FactsVocabulary(
        units=dict(numbers["units"]),
        tens=dict(numbers["tens"]),
        fractions=dict(numbers["fractions"]),
        scale_words=dict(scales["words"]),
        scale_abbreviations=dict(scales["abbreviations"]),
        scale_letters=dict(scales["letters"]),
        vague={word: (low, high) for word, (low, high) in _entries(raw["vague_amounts"]).items()},
        currency_symbols=dict(raw["currencies"]["symbols"]),
        currency_words=dict(raw["currencies"]["words"]),
        months=month_numbers,
        month_abbreviations=abbreviations | dict(months["extra_abbreviations"]),
        weekdays=tuple(months["weekdays"]),
        duration_units=_entries(raw["duration_units"]),
        hedges=_hedges(raw["hedges"]),
        date_hedges=_hedges(raw["date_hedges"]),
        roles={role: tuple(words) for role, words in _entries(raw["roles"]).items()},
        event_roles=frozenset(raw["role_kinds"]["event"]),
        weak_roles=frozenset(raw["role_kinds"]["weak"]),
        role_fillers=tuple(raw["role_fillers"]["words"]),
        counted_noun_modifiers=tuple(raw["counted_noun_modifiers"]["words"]),
        month_context=tuple(raw["dates"]["month_context"]),
        year_prepositions=frozenset(raw["dates"]["year_prepositions"]),
        titles=frozenset(names["titles"]),
        organisation_cues=frozenset(names["organisation_cues"]),
        place_cues=frozenset(names["place_cues"]),
        place_prepositions=frozenset(names["place_prepositions"]),
        name_joiners=tuple(names["joiners"]),
        not_last_in_name=frozenset(names["not_last"]),
        label_nouns=tuple(raw["label_nouns"]["words"]),
        speech_verbs=tuple(raw["attribution"]["speech_verbs"]),
        negation_cues=tuple(negation["cues"]),
        false_negation_prefixes=tuple(negation["false_followers"]["prefixes"]),
        false_negation_words=tuple(negation["false_followers"]["whole_words"]),
        negation_skip=frozenset(negation["skip"]),
        negatable_function_words=frozenset(negation["negatable_function_words"]),
        modal_stopwords=frozenset(raw["modal_stopwords"]["words"]),
        quantity_words=frozenset(raw["quantity_words"]["words"]),
        clock_words={word: _clock(time) for word, time in _entries(raw["clock_words"]).items()},
    )
