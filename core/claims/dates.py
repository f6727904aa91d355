"""Date and time-of-day claims: the date or hour of an event, with its zone when stated.

Dates and times are found by :mod:`core.facts`; this module types them and finds the
event they are the date of, from the event words that govern them ("postponed to March 3",
"will leave on January 1", "struck at 6:40 a.m.").  Times with a zone are converted to UTC
with the standard library's zoneinfo, so "6:40 a.m. local (0440 GMT)" and "1:40 p.m. in
Tokyo" are the same moment.  Zone rules need a date for summer time; when the text gives
none, a fixed winter date is assumed (the zones named in news mostly keep one offset).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from ..facts import DateParts, DateValue, Decade, Fact, Hedge, TimeOfDay, Weekday
from ..facts.model import WEEKDAY_KEYS
from .text import clause_bounds, clause_names, content_stems, names_in, title_case, words_in
from .types import Bound, ClaimContext, DateClaim, PartialDate, Span, TimeClaim
from .vocabulary import vocabulary

_WEEKDAY_RE = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)
_EVENT_BEFORE = 70  # characters before a date searched for the event it dates
_EVENT_AFTER = 30
_LOCAL_AFTER = re.compile(r"\s*(?:on\s+\w+\s+)?local\b", re.IGNORECASE)
_UTC_ASIDE = re.compile(r"\s*\(\s*(\d{1,2}):?(\d{2})\s*(?:GMT|UTC|Z)\s*\)", re.IGNORECASE)
_DATE_BOUNDS: dict[Hedge | None, Bound] = {
    None: "exact",
    Hedge.UNDER: "at_most",
    Hedge.OVER: "at_least",
    Hedge.ABOUT: "approximate",
}
# A Monday in January: the day zone rules are read on when the text names no date.
_REFERENCE_MONDAY = datetime(2024, 1, 1)


def date_claims(text: str, facts: tuple[Fact, ...]) -> list[DateClaim]:
    claims = []
    dated = [f for f in facts if f.kind in ("date", "time")]
    for fact in facts:
        if fact.kind != "date" or not isinstance(fact.value, DateParts | Decade | Weekday):
            continue
        date = _partial_date(fact.value)
        hit = _event_match(text, fact.start, fact.end)
        event, event_text, actor = _described(text, fact, hit)
        claims.append(
            DateClaim(
                span=Span(fact.start, fact.end, fact.text),
                date=date,
                bound=_DATE_BOUNDS.get(fact.hedge, "exact"),
                event=event,
                event_text=event_text,
                names=clause_names(text, fact.start, fact.end),
                actor=actor,
                announced=_announced(text, fact, hit, event, dated),
            )
        )
    return claims


def _announced(
    text: str, fact: Fact, hit: re.Match[str] | None, event: str | None, dated: list[Fact]
) -> frozenset[str]:
    """What a statement made known, as content stems: "announced Sunday that Mattis will be
    leaving" -> the first words after the event word; "his decision about Syria, which
    Mr. Trump announced on Wednesday" and "the deal was announced" -> the last words before
    ", which" or before the passive verb.  The words of dates (``dated``) are no part of it.
    Two dates of one speaker's announcements are one announcement's only if these meet."""
    vocab = vocabulary()
    if hit is None or event not in vocab.statement_events:
        return frozenset()
    lo, hi = clause_bounds(text, fact.start, fact.end)
    relative = _RELATIVE.search(text, lo, hit.start())
    passive = _PASSIVE_BEFORE.search(text, lo, hit.start())
    if relative and relative.group(1).lower() in vocab.statement_relatives:
        first = text.rfind(",", lo, relative.start()) + 1 or lo
        before = _content_words(text, max(lo, first), relative.start(), dated)
    elif passive and passive.group(1).lower() in vocab.statement_passives:
        before = _content_words(text, lo, passive.start(), dated)
    else:
        after = _content_words(text, hit.end(), hi, dated)
        return frozenset(after[: vocab.statement_object_words])
    return frozenset(before[-vocab.statement_relative_object_words :])


# ", which Mr. Trump announced": a relative clause whose object stands before its comma.
_RELATIVE = re.compile(r",\s*(\w+)\b[^,]*$")
# "the deal was announced": a passive verb, whose object is its subject.
_PASSIVE_BEFORE = re.compile(r"\b(\w+)\s+$")


def _content_words(text: str, start: int, end: int, dated: list[Fact]) -> list[str]:
    """The content stems of ``text[start:end]`` in reading order, but for dates' words."""
    return [
        stem
        for word in words_in(text, start, end)
        if not any(d.start <= word.start() < d.end for d in dated)
        for stem in content_stems(word.group())
    ]


def _partial_date(value: DateValue) -> PartialDate:
    """A fact's date as the fields a claim compares."""
    if isinstance(value, Weekday):
        return PartialDate(weekday=value.index)
    if isinstance(value, Decade):
        return PartialDate(year=value.first_year, decade=True)
    return PartialDate(year=value.year, month=value.month, day=value.day)


def _event(text: str, start: int, end: int) -> tuple[str | None, str, str]:
    """The event word governing a date or time (nearest before it in the clause, else
    after), as (event, words as written, actor)."""
    return _described(text, Span(start, end, text[start:end]), _event_match(text, start, end))


def _described(
    text: str, where: Fact | Span, hit: re.Match[str] | None
) -> tuple[str | None, str, str]:
    """(event, words as written, actor) of the event word ``hit`` governing a value."""
    if hit is None:
        return None, "", ""
    lo, _ = clause_bounds(text, where.start, where.end)
    return vocabulary().events.key(hit.group()), hit.group(), _actor(text, lo, hit.start())


def _event_match(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where ``_event``'s event word is in ``text``, or None."""
    vocab = vocabulary()
    lo, hi = clause_bounds(text, start, end)
    before = [
        m
        for m in vocab.events.pattern.finditer(text, max(lo, start - _EVENT_BEFORE), start)
        if not re.search(r"\d", text[m.end() : start])
        and not _another_verb_between(text, m.end(), start)
    ]
    if before:
        return before[-1]
    after = vocab.events.pattern.search(text, end, min(hi, end + _EVENT_AFTER))
    if after and not re.search(r"\d", text[end : after.start()]):
        return after
    return None


# ", a retired general who was one of Trump's picks,", "-- the first in 40 years --": an
# aside about someone, whose names are not who acted.
_ASIDE = re.compile(r",\s[^,]*,|\s(?:--|—|–)\s.*?\s(?:--|—|–)\s")
# A name after the article that opens a sentence, which ``names_in`` leaves out there.
_ARTICLE_AND_NAME = re.compile(r"\s*(?:The|A|An)\s+((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*)\b")


def _another_verb_between(text: str, start: int, end: int) -> bool:
    """ "the deadline would play out until late Monday": a modal verb after the event word
    starts another verb, which the date belongs to.  So does a speech verb: in "a DNA
    sample from a previous arrest in Florida, officials said Friday" Friday is when
    officials spoke, not when the arrest was made."""
    vocab = vocabulary()
    breaks = vocab.event_breaks
    words = [word.lower() for word in text[start:end].split()]
    if any(word.strip(",.;:'\"’”") in vocab.speech_verbs for word in words):
        return True
    # "his final day will be Feb. 28": a modal before "be" says what the event's date is.
    following = [*words[1:], ""] if words else []
    return any(
        word in breaks and next_word not in ("be", "have")
        for word, next_word in zip(words, following, strict=True)
    )


def _actor(text: str, lo: int, event_start: int) -> str:
    """The last name before the event word in its clause, by its last word ("President
    Donald Trump ... declared" -> "trump"): who did what the date is the date of.  None in a
    Title Case headline, where every word looks like a name."""
    if title_case(text):
        return ""
    vocab = vocabulary()
    ignore = vocab.not_places | set(vocab.time_zones)
    asides = [m.span() for m in _ASIDE.finditer(text, lo, event_start)]
    runs = [
        match.group()
        for match in names_in(text, lo, event_start)
        if not any(start < match.start() < end for start, end in asides)
    ]
    opening = _ARTICLE_AND_NAME.match(text, lo, event_start)
    if opening and not runs:
        runs = [opening.group(1)]  # "The House Judiciary Committee announced Friday"
    for run in reversed(runs):
        words = [
            word.lower().removesuffix("'s").removesuffix("’s").strip(",.'’") for word in run.split()
        ]
        kept = [word for word in words if word and word not in ignore]
        if kept:
            return kept[-1]
    return ""


# ---------------------------------------------------------------------------------------
# Times of day


def time_claims(
    text: str, facts: tuple[Fact, ...], context: ClaimContext | None
) -> list[TimeClaim]:
    claims = []
    for fact in facts:
        if fact.kind != "time" or not isinstance(fact.value, TimeOfDay):
            continue
        total, half_day_unknown = _half_day(text, fact, fact.value)
        weekday, end = _weekday_of(text, fact)
        if fact.text.lower() == "midnight" and weekday is not None:
            weekday = (weekday + 1) % 7  # "midnight Tuesday" ends Tuesday: 00:00 Wednesday
        zone, zone_end = _zone_after(text, max(end, fact.end), context)
        aside = _UTC_ASIDE.match(text, fact.end if zone_end < 0 else zone_end)
        # "10:30 a.m. local (0830 GMT)", "6:40 a.m. (2240 GMT)": the written time is the
        # local one, kept to compare with times that give no zone.
        said_local = _LOCAL_AFTER.match(text, max(end, fact.end)) is not None
        local = total if aside or said_local else None
        if aside:
            utc = int(aside.group(1)) * 60 + int(aside.group(2))
            weekday = _shift_weekday(weekday, total, utc)
            total, zone_name, end = utc, "UTC", aside.end()
        elif zone is not None:
            utc_total, weekday = _to_utc(total, weekday, zone)
            total, zone_name, end = utc_total, "UTC", max(end, zone_end)
        else:
            zone_name = None
        half_day_unknown = half_day_unknown and zone_name is None and local is None
        event, event_text, actor = _event(text, fact.start, fact.end)
        claims.append(
            TimeClaim(
                span=Span(fact.start, max(end, fact.end), text[fact.start : max(end, fact.end)]),
                minutes=total,
                weekday=weekday,
                zone=zone_name,
                approximate=fact.hedge is not None,
                local_minutes=local,
                event=event,
                event_text=event_text,
                names=clause_names(text, fact.start, fact.end),
                actor=actor,
                half_day_unknown=half_day_unknown,
            )
        )
    return claims


_TWELVE_HOUR = re.compile(r"(?:[1-9]|1[0-2]):[0-5]\d")  # "2:40": not "02:40", not "14:40"


def _half_day(text: str, fact: Fact, value: TimeOfDay) -> tuple[int, bool]:
    """Minutes after midnight, and whether the half of the day is unknown: "2:40" with no
    a.m. or p.m. is 2:40 or 14:40, unless its clause names the part of the day ("on Monday
    afternoon at 2:40")."""
    if not _TWELVE_HOUR.fullmatch(fact.text):
        return value.minutes, False
    lo, hi = clause_bounds(text, fact.start, fact.end)
    parts = vocabulary().day_parts
    halves = {
        parts[w.group().lower()] for w in words_in(text, lo, hi) if w.group().lower() in parts
    }
    if halves == {"pm"} and value.hour < 12:
        return value.minutes + 720, False
    if halves == {"am"}:
        return value.minutes % 720, False
    return value.minutes, True


def _weekday_of(text: str, fact: Fact) -> tuple[int | None, int]:
    """A weekday right after the time ("12:01 a.m. Wednesday") or in its clause."""
    after = re.match(
        r",?\s+(?:on\s+)?((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", text[fact.end :]
    )
    if after:
        return WEEKDAY_KEYS.index(after.group(1)[:3].lower()), fact.end + after.end()
    lo, hi = clause_bounds(text, fact.start, fact.end)
    found = _WEEKDAY_RE.search(text, lo, hi)
    if found:
        return WEEKDAY_KEYS.index(found.group(1)[:3].lower()), fact.end
    return None, fact.end


def _zone_after(
    text: str, position: int, context: ClaimContext | None
) -> tuple[tzinfo | None, int]:
    """The zone named right after a time ("GMT", "in Tokyo", "local"), and where it ends."""
    vocab = vocabulary()
    window = text[position : position + 24]
    zones, zone_pattern = _zone_words()
    match = zone_pattern.match(window)
    if match and match.lastindex:
        return _tz(vocab.time_zones[zones[match.lastindex - 1]]), position + match.end()
    local = _local_words().match(window)
    if local:
        zone = _tz(context.dateline_zone) if context and context.dateline_zone else None
        return zone, position + local.end()
    return None, -1


# The zone and local-time words, longest first, each kind in one pattern (compiled once,
# not one pattern per word: ~60 at first use).  The first word whose own pattern would
# match is the first alternative that matches: every word starts with a letter or digit,
# so the spaces and parenthesis before it are taken whole whichever word follows.
@lru_cache(maxsize=1)
def _zone_words() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The zone words, longest first, and a pattern whose group k is word k (from 1)."""
    words = tuple(sorted(vocabulary().time_zones, key=len, reverse=True))
    assert all(word[:1].isalnum() for word in words)
    alternatives = "|".join(f"({re.escape(word)})" for word in words)
    return words, re.compile(rf"\s*\(?(?:{alternatives})\)?(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _local_words() -> re.Pattern[str]:
    words = sorted(vocabulary().local_time_words, key=len, reverse=True)
    assert all(word[:1].isalnum() for word in words)
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"\s*\(?(?:{alternatives})\b\)?", re.IGNORECASE)


def _tz(spec: str | float) -> tzinfo:
    if isinstance(spec, str):
        from zoneinfo import ZoneInfo  # here: few passages name a time zone (~5 ms import)

        return ZoneInfo(spec)
    return timezone(timedelta(hours=spec))


def _to_utc(minutes: int, weekday: int | None, zone: tzinfo) -> tuple[int, int | None]:
    day = _REFERENCE_MONDAY + timedelta(days=weekday or 0)
    local = day.replace(hour=minutes // 60, minute=minutes % 60, tzinfo=zone)
    utc = local.astimezone(timezone.utc)
    shifted = None if weekday is None else utc.weekday()
    return utc.hour * 60 + utc.minute, shifted


def _shift_weekday(weekday: int | None, local: int, utc: int) -> int | None:
    """The UTC weekday of a local time whose UTC time an aside gives ("6:40 a.m. (2240 GMT)")."""
    if weekday is None:
        return None
    if utc - local > 12 * 60:
        return (weekday - 1) % 7
    if local - utc > 12 * 60:
        return (weekday + 1) % 7
    return weekday
