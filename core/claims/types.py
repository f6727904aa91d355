"""The typed claims a passage states, and how two of them relate.

Every value is typed (an amount with its currency and written precision, a bound, a date,
a time of day with its zone) so that no module re-parses a string.  Spans (``start`` /
``end``) index the text given to :func:`core.claims.extract_claims`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..facts.model import WEEKDAY_KEYS

# How a number is bounded by the words before it.  "nearly" is at most the value and close
# to it ("nearly 100" = 90..100 at the default tolerance); "at_most" reaches down to zero.
Bound = Literal["exact", "at_least", "at_most", "nearly", "approximate", "range"]
UnitKind = Literal["count", "money", "percent", "duration"]
Relation = Literal["agree", "conflict", "update", "not_comparable"]
ScopeKind = Literal["national", "part", "place", "object", "subject"]


@dataclass(frozen=True)
class Span:
    """Characters ``start``..``end`` of the passage, and the words there as written."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Amount:
    """A number as written: ``low``..``high`` is what the written digits allow.

    "13 billion" is 12.5e9..13.5e9 (rounded to the billion); "3,145" is 3144.5..3145.5;
    "20-30" is 20..30.  ``words`` is true for number words ("a dozen"), which are rounder.
    """

    value: float
    low: float
    high: float
    words: bool = False


@dataclass(frozen=True)
class Unit:
    """What the number is in: a count, money in ``currency``, a percentage, days."""

    kind: UnitKind
    currency: str | None = None  # ISO code for money ("USD"), else None


@dataclass(frozen=True)
class Scope:
    """Where or of what a figure is: the whole ("nationwide"), a part ("at the collapsed
    tower"), a named place ("in Kessa"), what a rate or sum is on or from ("on imported
    steel", "from military construction projects"), or whose it is (the name just before
    it: "xAI's valuation")."""

    kind: ScopeKind
    key: str  # normalised: lower case, content words only
    text: str  # as written


TimeKind = Literal["weekday", "date", "month", "year", "phrase"]


@dataclass(frozen=True)
class TimeAnchor:
    """When a figure held: a weekday, a date, a month, a year or a relative phrase.

    ``kind`` says which, so no reader has to guess it from the shape of ``key``; ``key`` is
    only compared for equality (two figures at the same time) and sorted within a kind.
    """

    kind: TimeKind
    key: str  # "mon".."sun", "2024-03-05", "05" (May), "2019", or "last fiscal year"
    text: str

    @property
    def order(self) -> tuple[int, str]:
        """Sort key in reading order of time: weekdays Monday first, then the rest by key."""
        if self.kind == "weekday":
            return (0, str(WEEKDAY_KEYS.index(self.key)))
        return (1, self.key)


@dataclass(frozen=True)
class Source:
    """Whom the figure or remark is attributed to ("the information minister said")."""

    key: str  # surname or head noun, lower case
    text: str
    span: Span | None = None  # where the speaker is named, when known


@dataclass(frozen=True)
class QuantityClaim:
    """A number and what it counts: "at least 2,046 people were killed on Monday"."""

    span: Span
    amount: Amount
    unit: Unit
    bound: Bound
    bound_text: str  # the bounding words as written ("tops", "just shy of"), or ""
    measure: str | None  # what it counts, normalised ("dead", "injured", "price")
    measure_text: str  # the governing words as written ("were killed"), or ""
    governed: bool  # True when the measure came from a governing word, not a bare noun
    scope: Scope | None = None
    time: TimeAnchor | None = None
    source: Source | None = None
    # Content-word stems of the clause (the number's own words left out): what else the
    # clause speaks of, for pairing figures across whole articles.
    context: frozenset[str] = frozenset()
    # "up" or "down" when the text says the count moved to this value ("has risen to 14"),
    # "current" when its clause claims it is the newest ("the latest count").
    change: str | None = None
    # What a sum is for, as content stems ("for border security" -> border, secur): a
    # spending bill's money for one purpose is not a department's money for another.
    purpose: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PartialDate:
    """A date with the fields the text gives: "March 3" has no year, "Monday" a weekday."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    decade: bool = False  # "the 2010s"


@dataclass(frozen=True)
class DateClaim:
    """The date of an event or step: "postponed to March 3", "will leave on January 1"."""

    span: Span
    date: PartialDate
    bound: Bound  # "before 2020" = at_most, "after 2020" = at_least, "early 2024" = approximate
    event: str | None  # what happened on it, normalised ("postponement", "departure")
    event_text: str
    names: frozenset[str] = frozenset()  # names in its clause, lower case: whose event
    # Who did it: the last name before the event word in its clause, lower case ("trump" in
    # "President Trump declared on Friday"); "" when none is named there.
    actor: str = ""
    # For a statement ("announced"): the content stems of what it made known, the words
    # after the event word or the noun phrase before ", which ... announced"; empty when
    # the event is no statement or the clause says nothing more.
    announced: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TimeClaim:
    """A time of day: minutes after midnight of ``weekday`` in UTC when the zone is known,
    else local minutes with ``zone`` None.  "midnight Tuesday" is 00:00 of Wednesday."""

    span: Span
    minutes: int  # 0..1439
    weekday: int | None  # 0 = Monday, after any zone shift
    zone: str | None  # "UTC" when converted; None when the zone is unknown
    approximate: bool
    event: str | None
    event_text: str
    names: frozenset[str] = frozenset()  # names in its clause, lower case: whose event
    # The written local time (minutes), when the text says it is local or gives UTC beside
    # it ("10:30 a.m. local (0830 GMT)"): comparable with a time that names no zone.
    local_minutes: int | None = None
    actor: str = ""  # as DateClaim.actor
    # "at 2:40" with no a.m. or p.m. and no word for the part of the day: 2:40 or 14:40.
    half_day_unknown: bool = False


@dataclass(frozen=True)
class QuoteClaim:
    """Quoted words and whom they are put in the mouth of."""

    span: Span  # the quoted words, without the quotation marks
    words: tuple[str, ...]  # lower-cased words of the quote, in order
    speaker: Source | None
    occasion: str | None  # "in an interview", "at a press conference"


@dataclass(frozen=True)
class RoleClaim:
    """A name filling a role: "chief justice Maria Ortiz", "Alves, the previous record signing"."""

    span: Span  # the name
    name: str  # normalised: lower case, titles dropped
    role: str  # normalised role key from the vocabulary ("spokesperson")
    role_text: str
    qualifier: str  # whose role it is, normalised ("ministry"), or ""
    name_kind: Literal["person", "organisation", "place"] = "person"


@dataclass(frozen=True)
class PolarityClaim:
    """A decision or outcome about an object, with its polarity: "struck down the law"."""

    span: Span  # the decision words
    decision: str  # the antonym pair it belongs to ("ruling") or "negation:<stem>"
    positive: bool
    object_key: frozenset[str]  # content-word stems of the object ("law", "timber")
    object_text: str
    when: str = ""  # the date or period the passage states it for ("Thursday", "for weeks")
    asserted: bool = True  # False for a request or a condition ("urged it not to approve")
    frame: tuple[str, ...] = ()  # the words before it, negations left out ("if", "anyone")


Claim = QuantityClaim | DateClaim | TimeClaim | QuoteClaim | RoleClaim | PolarityClaim


@dataclass(frozen=True)
class ClaimContext:
    """What the passage inherits from its article: the text before it (for a time or a
    source stated once for a paragraph) and a dateline place ("ISTANBUL --")."""

    preceding: str = ""
    dateline_zone: str | None = None  # IANA zone of the dateline place, for "local" times


@dataclass(frozen=True)
class ClaimPair:
    """Two claims of the same thing, one per side, and how they relate.

    ``explanation`` names the measure, its scope or time where known, and both values as
    written: "injured (tuesday): 2,402 ≠ 2,310".
    """

    left: Claim
    right: Claim
    relation: Relation
    label: str  # the measure, role, speaker or decision compared ("dead", "quote")
    explanation: str


@dataclass(frozen=True)
class ArticleClaimPair:
    """A comparable pair across two articles, with the passage index of each claim."""

    left_passage: int
    right_passage: int
    pair: ClaimPair
