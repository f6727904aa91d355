"""What a fact is, and the typed values it carries.

A value says what the text states in fields, so that consumers read fields instead of
splitting strings: an amount keeps its written precision ("$13 billion" is rounded to the
billion, "$13.2 billion" to a hundred million), a date keeps only the parts the text gives.
A point value (an amount, a date, a time) has a ``key``: a string, equal for equal values,
used where facts are compared as terms (the aligner's shared facts).  Keys are produced,
never parsed back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias

from ..model import FactKind


class Hedge(Enum):
    """How a word before a value bounds it: "over $500 billion", "nearly 100", "by 2020"."""

    OVER = "over"  # the value or more ("more than", "after 2020")
    UNDER = "under"  # the value or less ("up to", "before 2020")
    NEARLY = "nearly"  # a little less than the value ("almost", "close to")
    ABOUT = "about"  # near the value on either side ("roughly", "early 2024")


@dataclass(frozen=True, kw_only=True)
class Amount:
    """A number as written: "$13 billion", "14 people", "10%", "three years".

    ``half_unit`` is half the last written unit ("13.2e9" is rounded to 0.1e9, so 0.05e9):
    how far the true figure may be from a rounded one.
    """

    value: float
    half_unit: float
    unit: str | None = None  # the currency code of money ("USD"), "days" for a duration
    # Written in words ("fourteen"), which news rounds more loosely than digits.  Only
    # recorded when no hedge bounds the value: a hedge's tolerance already covers it.
    in_words: bool = False

    @property
    def key(self) -> str:
        """The value to six significant digits: "$13bn" and "$13 billion" share it."""
        return f"{self.value:.6g}"


@dataclass(frozen=True, kw_only=True)
class Interval:
    """A range a word names rather than a point: "hundreds of" is 100 to 1,000."""

    low: float
    high: float
    unit: str | None = None  # as for :class:`Amount`


@dataclass(frozen=True, kw_only=True)
class DateParts:
    """A date with only the parts the text gives: "2024", "July 2026", "May 3"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def key(self) -> str:
        """ISO-like, with "-" for a missing year: "2024", "2026-07", "--05-03"."""
        parts = [str(self.year) if self.year is not None else "-"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)


@dataclass(frozen=True, kw_only=True)
class Decade:
    """ "the 2010s": the decade that starts in ``first_year``."""

    first_year: int

    @property
    def key(self) -> str:
        return f"{self.first_year // 10}x"


WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, kw_only=True)
class Weekday:
    """A day of the week named as a date ("on Thursday"); 0 is Monday."""

    index: int

    @property
    def key(self) -> str:
        return WEEKDAY_KEYS[self.index]


@dataclass(frozen=True, kw_only=True, order=True)
class TimeOfDay:
    """A clock time on a 24-hour clock: "11:47 p.m." is 23:47."""

    hour: int
    minute: int

    @property
    def key(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @property
    def minutes(self) -> int:
        """Minutes after midnight."""
        return self.hour * 60 + self.minute


DateValue: TypeAlias = DateParts | Decade | Weekday
QuantityValue: TypeAlias = Amount | Interval
# Names, negations and attributions are words: a lower-case name ("elon musk"), the stem
# of the negated word ("profit"), a speaker's surname ("sanders").
FactValue: TypeAlias = Amount | Interval | DateParts | Decade | Weekday | TimeOfDay | str


@dataclass(frozen=True, kw_only=True)
class Fact:
    """A comparable fact stated in a passage: an amount, a date, a name, a negation.

    ``value`` is the typed, normalised value (equal facts compare equal); ``text`` is the
    fact as written; ``start``/``end`` index the passage's text.
    """

    kind: FactKind
    text: str
    value: FactValue
    start: int
    end: int
    role: str | None = None  # what the value is about ("valuation", "investment", ...)
    hedge: Hedge | None = None  # "over $500 billion", "before 2020", "about 3 p.m."

    @property
    def word(self) -> str:
        """The value of a name, negation or attribution, which is words."""
        if not isinstance(self.value, str):
            raise TypeError(f"a {self.kind} fact's value is not words: {self.value!r}")
        return self.value
