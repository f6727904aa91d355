"""The typed values of facts: their fields, their keys, and how facts are built."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.facts import (
    Amount,
    DateParts,
    Decade,
    Fact,
    Hedge,
    Interval,
    TimeOfDay,
    Weekday,
    extract_facts,
    interval,
)
from core.settings import Settings


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (DateParts(year=2024), "2024"),
        (DateParts(year=2026, month=7), "2026-07"),
        (DateParts(year=2013, month=5, day=24), "2013-05-24"),
        (DateParts(month=5), "--05"),
        (DateParts(month=5, day=3), "--05-03"),
        (Decade(first_year=2010), "201x"),
        (Weekday(index=3), "thu"),
        (TimeOfDay(hour=9, minute=5), "09:05"),
        (Amount(value=13e9, half_unit=0.5e9, unit="USD"), "1.3e+10"),
    ],
)
def test_each_value_has_a_key(value: DateParts | Decade | Weekday | TimeOfDay, key: str) -> None:
    assert value.key == key


_DATE_PARTS = st.builds(
    DateParts,
    year=st.none() | st.integers(1900, 2099),
    month=st.none() | st.integers(1, 12),
    day=st.none() | st.integers(1, 31),
).filter(lambda d: d.day is None or d.month is not None)


@given(_DATE_PARTS, _DATE_PARTS)
def test_date_keys_are_equal_exactly_when_the_dates_are(a: DateParts, b: DateParts) -> None:
    assert (a.key == b.key) == (a == b)


_TIMES = st.builds(TimeOfDay, hour=st.integers(0, 23), minute=st.integers(0, 59))


@given(_TIMES, _TIMES)
def test_times_order_as_their_minutes_and_keys_do(a: TimeOfDay, b: TimeOfDay) -> None:
    assert (a < b) == (a.minutes < b.minutes) == (a.key < b.key)


@given(st.integers(1, 999), st.sampled_from([("thousand", 3), ("million", 6), ("billion", 9)]))
def test_a_written_amount_keeps_its_scale_and_precision(
    number: int, scale: tuple[str, int]
) -> None:
    word, power = scale
    (fact,) = [f for f in extract_facts(f"It cost ${number} {word}.") if f.kind == "money"]
    assert isinstance(fact.value, Amount)
    assert fact.value.unit == "USD"
    assert fact.value.value == pytest.approx(number * 10.0**power)
    assert fact.value.half_unit == pytest.approx(0.5 * 10.0**power)
    assert fact.value.key == f"{number * 10.0**power:.6g}"


def test_equal_amounts_written_differently_share_a_key() -> None:
    short, long = (
        next(f for f in extract_facts(text) if f.kind == "money").value
        for text in ("It cost $13bn.", "It cost 13 billion dollars.")
    )
    assert isinstance(short, Amount) and isinstance(long, Amount)
    assert short == long and short.key == long.key


def test_a_vague_amount_is_an_interval_with_its_currency() -> None:
    (fact,) = [
        f for f in extract_facts("They spent hundreds of millions of dollars.") if f.kind == "money"
    ]
    assert fact.value == Interval(low=1e8, high=1e9, unit="USD")
    assert interval(fact, settings=Settings()) == (1e8, 1e9)


def test_a_number_in_words_is_read_more_loosely_than_digits() -> None:
    settings = Settings()
    (words,) = [f for f in extract_facts("Fourteen people died.") if f.kind == "number"]
    (digits,) = [f for f in extract_facts("14 people died.") if f.kind == "number"]
    low_words, high_words = interval(words, settings=settings) or (0.0, 0.0)
    low_digits, high_digits = interval(digits, settings=settings) or (0.0, 0.0)
    assert low_words < low_digits and high_digits < high_words


def test_a_hedge_is_typed() -> None:
    (fact,) = [f for f in extract_facts("It cost more than $5 million.") if f.kind == "money"]
    assert fact.hedge is Hedge.OVER
    assert interval(fact, settings=Settings()) == (5e6, float("inf"))


def test_facts_are_built_with_keywords() -> None:
    with pytest.raises(TypeError):
        Fact("money", "$5", Amount(value=5.0, half_unit=0.5), 0, 2)  # type: ignore[misc]


def test_only_a_fact_of_words_has_a_word() -> None:
    name = Fact(kind="person", text="Musk", value="musk", start=0, end=4)
    count = Fact(kind="number", text="14", value=Amount(value=14.0, half_unit=0.5), start=0, end=2)
    assert name.word == "musk"
    with pytest.raises(TypeError):
        _ = count.word
