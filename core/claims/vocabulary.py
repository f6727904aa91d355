"""The claim extractor's word lists, read once from ``vocabulary.json``.

The lists are data so that one file says what the engine knows; this module only turns
them into lookups and whole-word regular expressions (longest phrase first, so that "death
toll" wins over "toll").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_PATH = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True)
class Phrases:
    """Phrases mapped to a key, and one regular expression that finds any of them."""

    key_of: dict[str, str]
    pattern: re.Pattern[str]

    def key(self, phrase: str) -> str | None:
        return self.key_of.get(" ".join(phrase.lower().split()))


@dataclass(frozen=True)
class Vocabulary:
    measures: Phrases
    measure_nouns: frozenset[str]
    named_before: frozenset[str]
    after_decimal: dict[str, str]  # noun -> measure
    broad_measures: frozenset[str]
    money_measures: frozenset[str]
    story_place_nouns: frozenset[str]
    not_places: frozenset[str]
    count_fillers: frozenset[str]
    changed_by: frozenset[str]  # "raised ... by": the figure after "by" is a change
    changed_by_reach: int  # words at most between such a verb and "by"
    background_measures: frozenset[str]  # "age": agreeing on it makes no link agree
    age_measure: str  # "age": the measure of a person's age, compared for one person only
    age_after: tuple[str, ...]  # "-year-old": the number before is an age
    age_before: frozenset[str]  # "aged": the number after is an age
    age_apposition_max: int  # "Sayoc, 56,": a number this large at most is an age
    age_place_prepositions: frozenset[str]  # "in Chicago, 56,": a place, not a person
    auxiliaries: frozenset[str]
    bounds: Phrases
    national_scopes: Phrases
    part_scopes: Phrases
    other_markers: Phrases  # "another", "a second": a figure of another thing
    period_scopes: frozenset[str]  # "monthly": a part that scopes only a figure near it
    period_reach: int  # characters between such a word and its figure, at most
    part_prepositions: tuple[str, ...]
    anchor_phrases: Phrases
    anchor_occasions: Phrases
    speech_verbs: tuple[str, ...]
    listener_verbs: frozenset[str]  # "told": the word after it is who heard it
    according_to: tuple[str, ...]
    speaker_nouns: frozenset[str]
    data_nouns: frozenset[str]
    quote_occasions: Phrases
    roles: Phrases
    polarity: Phrases  # phrase -> "decision:+" or "decision:-"
    negations: Phrases
    events: Phrases
    event_breaks: frozenset[str]  # "would": another verb stands between an event and a date
    # "announcement": a date of a statement; its object says which statement it is
    statement_events: frozenset[str]
    statement_relatives: frozenset[str]  # ", which Trump announced": the object is before
    statement_passives: frozenset[str]  # "the deal was announced": the object is before
    statement_object_words: int
    statement_relative_object_words: int
    time_zones: dict[str, str | float]
    local_time_words: tuple[str, ...]
    day_parts: dict[str, str]  # "afternoon" -> "pm": a clock time's half of the day
    quote_function_words: frozenset[str]
    changes: Phrases  # phrase -> "up" or "down"
    current: Phrases  # "the latest count": a figure that claims to be the newest
    # "urged", "expected", "if", "who": what comes after is no statement of fact
    unasserting: Phrases
    stance_periods: Phrases  # "for weeks": when a stance held
    determiners: frozenset[str]  # "the judges who ...": a group named, not anyone who fits
    frame_skips: frozenset[str]  # "not", "did": left out of the words that frame a claim


def _entries(section: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in section.items() if not key.startswith("_")}


def phrases(mapping: dict[str, str]) -> Phrases:
    """Whole-word, case-insensitive matching of every phrase, longest first."""
    ordered = sorted(mapping, key=len, reverse=True)
    body = _alternatives(ordered)
    # A phrase may end in a non-word character ("magnitude-", "approx."): no \b after it.
    # "won't" is not "won": a phrase does not end before an apostrophe and a letter.
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?:(?<=\W)|(?![\w]|['’]\w))", re.IGNORECASE)
    return Phrases(dict(mapping), pattern)


def _alternatives(ordered: list[str]) -> str:
    """The phrases as one alternation, in their order, spaces matching any white space.

    Phrases that start with the same letter are one alternative, that letter and then the
    rest of each (in their order): at a word that starts with another letter they all fail
    at once, where the regular expression engine tried each phrase in turn (phrase lookups
    take half the time).  Two phrases whose first letters differ never match at the same
    place, so grouping changes no match; the first letters are ASCII, whose upper and
    lower cases are theirs alone (else the phrases stay one alternative each).
    """

    def escaped(phrase: str) -> str:
        return re.escape(phrase).replace(r"\ ", r"\s+")

    if not all(phrase[:1].isascii() and phrase for phrase in ordered):
        return "|".join(escaped(p) for p in ordered)
    groups: dict[str, list[str]] = {}
    for phrase in ordered:
        groups.setdefault(phrase[0].lower(), []).append(phrase)
    return "|".join(
        escaped(group[0][0]) + "(?:" + "|".join(escaped(p[1:]) for p in group) + ")"
        for group in groups.values()
    )


def _by_key(section: dict[str, Any]) -> dict[str, str]:
    return {phrase: key for key, words in _entries(section).items() for phrase in words}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, loaded and compiled once per process."""
    raw = json.loads(_PATH.read_text(encoding="utf-8"))
    polarity = {
        phrase: f"{decision}:{'+' if side == 'positive' else '-'}"
        for decision, sides in _entries(raw["polarity"]).items()
        for side, words in sides.items()
        for phrase in words
    }
    scopes = raw["scopes"]
    anchors = raw["anchors"]
    return Vocabulary(
        measures=phrases(_by_key(raw["measures"])),
        measure_nouns=frozenset(raw["measure_nouns"]["measures"]),
        named_before=frozenset(raw["named_before"]["measures"]),
        after_decimal=_by_key(raw["named_before"]["after_decimal"]),
        broad_measures=frozenset(raw["broad_measures"]["measures"]),
        money_measures=frozenset(raw["broad_measures"]["money"]),
        story_place_nouns=frozenset(raw["scopes"]["story_place_nouns"]),
        not_places=frozenset(raw["months"]["words"]),
        count_fillers=frozenset(raw["count_fillers"]["words"]),
        changed_by=frozenset(raw["changed_by"]["words"]),
        changed_by_reach=int(raw["changed_by"]["reach"]),
        background_measures=frozenset(raw["background_measures"]["measures"]),
        age_measure=str(raw["ages"]["measure"]),
        age_after=tuple(raw["ages"]["after"]),
        age_before=frozenset(raw["ages"]["before"]),
        age_apposition_max=int(raw["ages"]["apposition_max"]),
        age_place_prepositions=frozenset(raw["ages"]["place_prepositions"]),
        auxiliaries=frozenset(raw["auxiliaries"]["words"]),
        bounds=phrases(_by_key(raw["bounds"])),
        national_scopes=phrases(dict.fromkeys(scopes["national"], "national")),
        part_scopes=phrases({p: p for p in scopes["part_patterns"]}),
        other_markers=phrases({p: p for p in scopes["other_markers"]}),
        period_scopes=frozenset(scopes["period_patterns"]),
        period_reach=int(scopes["period_reach"]),
        part_prepositions=tuple(scopes["part_prepositions"]),
        anchor_phrases=phrases(dict(anchors["phrases"])),
        anchor_occasions=phrases({p: p for p in anchors["occasions"]}),
        speech_verbs=tuple(raw["sources"]["speech_verbs"]),
        listener_verbs=frozenset(raw["sources"]["listener_verbs"]),
        according_to=tuple(raw["sources"]["according_to"]),
        speaker_nouns=frozenset(raw["sources"]["speaker_nouns"]),
        data_nouns=frozenset(raw["sources"]["data_nouns"]),
        quote_occasions=phrases({p: p for p in raw["quote_occasions"]["phrases"]}),
        roles=phrases(_by_key(raw["roles"])),
        polarity=phrases(polarity),
        negations=phrases(dict.fromkeys(raw["negations"]["words"], "not")),
        events=phrases(_by_key(raw["events"])),
        event_breaks=frozenset(raw["event_breaks"]["words"]),
        statement_events=frozenset(raw["statement_events"]["events"]),
        statement_relatives=frozenset(raw["statement_events"]["relatives"]),
        statement_passives=frozenset(raw["statement_events"]["passives"]),
        statement_object_words=int(raw["statement_events"]["object_words"]),
        statement_relative_object_words=int(raw["statement_events"]["relative_object_words"]),
        time_zones=_entries(raw["time_zones"]),
        local_time_words=tuple(raw["local_time_words"]["words"]),
        day_parts={word: half for half in ("am", "pm") for word in raw["day_parts"][half]},
        quote_function_words=frozenset(raw["quote_function_words"]["words"]),
        changes=phrases(_by_key({k: v for k, v in raw["changes"].items() if k != "current"})),
        current=phrases(dict.fromkeys(raw["changes"]["current"], "current")),
        unasserting=phrases(
            {
                **dict.fromkeys(raw["unasserted"]["requests"], "request"),
                **dict.fromkeys(raw["unasserted"]["intentions"], "request"),
                **dict.fromkeys(raw["unasserted"]["conditions"], "condition"),
                **dict.fromkeys(raw["unasserted"]["relatives"], "relative"),
            }
        ),
        determiners=frozenset(raw["unasserted"]["determiners"]),
        stance_periods=phrases({p: p for p in raw["unasserted"]["periods"]}),
        frame_skips=frozenset(raw["unasserted"]["frame_skips"]),
    )


def raw_sections() -> dict[str, Any]:
    """The file as loaded, for tests that check every entry is exercised."""
    data: dict[str, Any] = json.loads(_PATH.read_text(encoding="utf-8"))
    return data
