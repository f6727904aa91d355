"""Dates and times of day: "May 3, 2024", "the 2010s", "on Thursday", "11:47 p.m."."""

from __future__ import annotations

import re
from functools import cache

from .collector import Collector
from .model import WEEKDAY_KEYS, DateParts, DateValue, Decade, Fact, Hedge, TimeOfDay, Weekday
from .quantities import HEDGE, HEDGES
from .vocabulary import facts_vocabulary
from .words import alternation

_VOCAB = facts_vocabulary()
MONTHS = _VOCAB.months
MONTH_ABBREVIATIONS = _VOCAB.month_abbreviations
WEEKDAYS = _VOCAB.weekdays
# A value's time words that leave its year or date open on one side.
_DATE_HEDGES = _VOCAB.date_hedges

_MONTH_NAME = (
    "(?:"
    + "|".join(name.capitalize() for name in MONTHS)
    + "|"
    + "|".join(
        re.escape(abbreviation.capitalize()) + r"\.?"
        for abbreviation in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)
        if abbreviation not in MONTHS
    )
    + ")"
)
_DATE_HEDGE = alternation(_DATE_HEDGES)
# A month named alone is a date only after a time word ("in May"; "may" is also a verb).
_MONTH_CONTEXT = "|".join(rf"(?<=\b{word}\ )" for word in _VOCAB.month_context)
_YEAR_PREPOSITIONS = _VOCAB.year_prepositions
# The hedges that open a date on one side also do so as a preposition ("before 2020").
_OPEN_DATE_HEDGE = alternation(h for h, side in _DATE_HEDGES.items() if side is not Hedge.ABOUT)
_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)


# A date starts with its hedge, a capital (a month or weekday) or a digit (of any script,
# as \d): the lookahead passes over every other position at once, where the alternatives
# below (the month-context lookbehinds above all) were tried one by one (the same matches,
# ~5x faster).
@cache
def _date_re() -> re.Pattern[str]:
    return re.compile(
        rf"""(?=[A-Z\d]|\b(?:{_DATE_HEDGE}))
        (?:\b(?P<hedge>{_DATE_HEDGE})(?:\ of)?[ -])?
        (?:(?P<m1>{_MONTH_NAME})\ (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\ (?P<y1>(?:19|20)\d\d))?
          |(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\ (?:of\ )?(?P<m2>{_MONTH_NAME})
            (?:,?\ (?P<y2>(?:19|20)\d\d))?
          |(?P<m3>{_MONTH_NAME})(?:\ of)?,?\ (?P<y3>(?:19|20)\d\d)
          |(?P<iso>(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d))
          |(?:{_MONTH_CONTEXT})(?P<m4>{_MONTH_NAME})
          |(?P<wd>{_WEEKDAY})
          |(?P<year>(?<![\w$€£.,-])(?:19|20)\d\d(?:s)?(?![\w,.%]\d|\ percent)))
        (?![\w])""",
        re.VERBOSE,
    )


@cache
def _time_re() -> re.Pattern[str]:
    return re.compile(
        r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b|AM\b|PM\b)"
        r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:?\d)"
        rf"|\b(?P<word>{alternation(_VOCAB.clock_words)})\b"
    )


def find_times(found: Collector) -> None:
    for match in _time_re().finditer(found.text):
        found.add(
            Fact(
                kind="time",
                text=match.group(),
                value=_time_value(match),
                start=match.start(),
                end=match.end(),
                hedge=_hedge_before(found.text, match.start()),
            )
        )


def _time_value(match: re.Match[str]) -> TimeOfDay:
    if match.group("word"):
        return _VOCAB.clock_words[match.group("word").lower()]
    if match.group("h24"):
        return TimeOfDay(hour=int(match.group("h24")), minute=int(match.group("m24")))
    hour = int(match.group("h")) % 12
    if match.group("ampm").lower().startswith("p"):
        hour += 12
    return TimeOfDay(hour=hour, minute=int(match.group("m") or 0))


def find_dates(found: Collector) -> None:
    text = found.text
    for match in _date_re().finditer(text):
        if not found.free(match.start(), match.end()):
            continue
        value = _date_value(match)
        if value is None or (match.group("year") and _counts_something(text, match)):
            continue
        hedge = match.group("hedge")
        bound = _DATE_HEDGES.get(hedge.lower()) if hedge else None
        found.add(
            Fact(
                kind="date",
                text=match.group(),
                value=value,
                start=match.start(),
                end=match.end(),
                hedge=bound or _date_preposition(text, match.start()),
            )
        )


def _counts_something(text: str, match: re.Match[str]) -> bool:
    """ "2000 people" counts people; "from 2017 levels" and "in 2019 talks" are years."""
    if not re.match(r" [a-z]+s\b", text[match.end() :]):
        return False
    before = text[max(0, match.start() - 9) : match.start()].lower().split()
    return not before or before[-1] not in _YEAR_PREPOSITIONS


def _date_value(match: re.Match[str]) -> DateValue | None:
    """The parts a date gives: "2024", "July 2026", "2013-05-24", "May 3", "Thursday"."""
    if match.group("iso"):
        return DateParts(
            year=int(match.group("iso_year")),
            month=int(match.group("iso_month")),
            day=int(match.group("iso_day")),
        )
    if match.group("wd"):
        return Weekday(index=WEEKDAY_KEYS.index(match.group("wd")[:3].lower()))
    if match.group("year"):
        year = match.group("year")
        if year.endswith("s"):
            return Decade(first_year=int(year[:3]) * 10)  # "the 2010s"
        return DateParts(year=int(year))
    month_name = match.group("m1") or match.group("m2") or match.group("m3") or match.group("m4")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2") or match.group("y3")
    if day and not 1 <= int(day) <= 31:
        return None
    return DateParts(
        year=int(year) if year else None,
        month=_month_number(month_name),
        day=int(day) if day else None,
    )


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key[:4] if key.startswith("sept") else key[:3]]


def _date_preposition(text: str, start: int) -> Hedge | None:
    """ "before 2020" leaves the year open below, "after 2020" above, "since" is a start."""
    match = re.search(
        rf"\b({_OPEN_DATE_HEDGE})\s$",
        text[max(0, start - 12) : start],
        re.IGNORECASE,
    )
    return _DATE_HEDGES[match.group(1).lower()] if match else None


def _hedge_before(text: str, start: int) -> Hedge | None:
    match = re.search(rf"(?:^|\s)({HEDGE})\s$", text[max(0, start - 16) : start], re.IGNORECASE)
    return HEDGES[match.group(1).lower()] if match else None
