"""Extraction and normalisation of facts: amounts, counts, dates, names, negations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.facts import (
    Amount,
    DateParts,
    Hedge,
    TimeOfDay,
    Weekday,
    extract_facts,
    interval,
)
from core.settings import Settings


def _only(text: str, kind: str):
    facts = [f for f in extract_facts(text) if f.kind == kind]
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "value", "half_unit", "currency"),
    [
        ("Microsoft invested $13 billion.", 13e9, 0.5e9, "USD"),
        ("Microsoft invested $13bn.", 13e9, 0.5e9, "USD"),
        ("Microsoft invested 13 billion dollars.", 13e9, 0.5e9, "USD"),
        ("It is valued at half a trillion dollars.", 0.5e12, 0.05e12, "USD"),
        ("It raised €2.5 million.", 2.5e6, 0.05e6, "EUR"),
    ],
)
def test_money_has_currency_scale_and_written_precision(
    text: str, value: float, half_unit: float, currency: str
) -> None:
    amount = _only(text, "money").value
    assert isinstance(amount, Amount)
    assert (amount.value, amount.unit) == (value, currency)
    assert amount.half_unit == pytest.approx(half_unit)


def test_equal_amounts_written_differently_have_equal_ranges() -> None:
    short = _only("Microsoft invested $13bn.", "money")
    long = _only("Microsoft invested 13 billion dollars.", "money")
    assert (
        interval(short, settings=Settings())
        == interval(long, settings=Settings())
        == (12.5e9, 13.5e9)
    )


def test_fact_spans_point_at_the_words_as_written() -> None:
    text = "Musk, in “early 2024”, sued — and offered nearly $100 billion."
    for fact in extract_facts(text):
        assert text[fact.start : fact.end] == fact.text
    assert _only(text, "money").text == "nearly $100 billion"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("valued at over $500 billion", 500e9, math.inf),
        ("valued at more than $500 billion", 500e9, math.inf),
        ("nearly $100 billion", 90e9, 100e9),
        ("up to $50 billion", 0.0, 50e9),
        ("about 200 people", 180.0, 220.0),
        ("roughly 190 people", 171.0, 209.0),
        ("14 people", 13.5, 14.5),
        ("$97.4 billion", 97.35e9, 97.45e9),
    ],
)
def test_hedges_and_precision_make_ranges(text: str, low: float, high: float) -> None:
    fact = next(f for f in extract_facts(text) if f.kind in ("money", "number"))
    got = interval(fact, settings=Settings())
    assert got is not None
    assert got[0] == pytest.approx(low) and got[1] == pytest.approx(high)


@pytest.mark.parametrize(
    ("text", "value", "in_words"),
    [
        ("fourteen people died", 14, True),
        ("a dozen people died", 12, True),
        ("twenty-one people died", 21, True),
        ("14 dead", 14, False),
    ],
)
def test_counts_in_digits_and_words(text: str, value: int, in_words: bool) -> None:
    assert _only(text, "number").value == Amount(value=value, half_unit=0.5, in_words=in_words)


def test_a_hedged_number_in_words_is_bounded_by_its_hedge() -> None:
    fact = _only("about fourteen people died", "number")
    assert fact.hedge is Hedge.ABOUT
    assert fact.value == Amount(value=14, half_unit=0.5, in_words=False)


@pytest.mark.parametrize(
    ("text", "hours"),
    [("It took half an hour.", 0.5), ("It took a quarter of an hour.", 0.25)],
)
def test_a_fraction_is_written_with_an_too(text: str, hours: float) -> None:
    duration = _only(text, "duration").value
    assert isinstance(duration, Amount)
    assert duration.value == pytest.approx(hours / 24, rel=1e-4)


def test_percent_in_both_spellings() -> None:
    assert _only("a 10 percent rise", "percent").value == _only("a 10% rise", "percent").value


@pytest.mark.parametrize(
    ("text", "value", "hedge"),
    [
        ("Completion is slated for July 2026.", DateParts(year=2026, month=7), None),
        ("Musk sued in early 2024.", DateParts(year=2024), Hedge.ABOUT),
        ("The talks ended in May.", DateParts(month=5), None),
        ("He resigned on Thursday.", Weekday(index=3), None),
        ("It was signed on May 24, 2013.", DateParts(year=2013, month=5, day=24), None),
        ("It was signed on 2013-05-24.", DateParts(year=2013, month=5, day=24), None),
        ("OpenAI made its 2019 pivot from a nonprofit.", DateParts(year=2019), None),
        ("It must be done by 2026.", DateParts(year=2026), Hedge.UNDER),
    ],
)
def test_dates(text: str, value: object, hedge: Hedge | None) -> None:
    fact = _only(text, "date")
    assert (fact.value, fact.hedge) == (value, hedge)


def test_may_the_verb_is_not_a_date() -> None:
    assert not [
        f for f in extract_facts("Microsoft may not be able to meet demand.") if f.kind == "date"
    ]


def test_times_and_durations() -> None:
    assert _only("The blast came at 11:47 p.m. local time.", "time").value == TimeOfDay(
        hour=23, minute=47
    )
    duration = _only("They signed a three-year deal.", "duration").value
    assert isinstance(duration, Amount) and duration.unit == "days"


def test_a_count_of_people_is_not_a_year() -> None:
    assert _only("Trump will pull 2000 troops out.", "number").value == Amount(
        value=2000, half_unit=0.5
    )
    assert _only("Shipments fall from 2017 levels.", "date").value == DateParts(year=2017)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("OpenAI is valued at $500 billion.", "valuation"),
        ("Microsoft invested over $13 billion in OpenAI since 2019.", "investment"),
        ("At least 22 dead after the earthquake.", "dead"),
        ("Musk offered to buy OpenAI for nearly $100 billion.", "price"),
    ],
)
def test_roles_come_from_the_words_around_a_value(text: str, role: str) -> None:
    assert next(f for f in extract_facts(text) if f.kind in ("money", "number")).role == role


def test_a_listed_value_inherits_the_role_of_the_list() -> None:
    text = "Its private valuation surged to $100 billion, then soared to over $500 billion."
    assert [f.role for f in extract_facts(text) if f.kind == "money"] == ["valuation"] * 2


def test_a_killed_and_injured_toll_keep_their_roles() -> None:
    text = "14 people were killed and 3 injured."
    assert [f.role for f in extract_facts(text) if f.kind == "number"] == ["dead", "injured"]


def test_numbers_that_name_things_are_not_counts() -> None:
    assert not [
        f
        for f in extract_facts("After Google launched Gemini 3, OpenAI replied.")
        if f.kind == "number"
    ]


def test_names_skip_sentence_openers_and_titles() -> None:
    facts = extract_facts("But Sen. Bernie Sanders met Microsoft in Memphis, Tennessee.")
    names = {(f.kind, f.value) for f in facts if f.kind in ("person", "organisation", "place")}
    assert ("person", "bernie sanders") in names
    assert ("organisation", "microsoft") in names
    assert ("place", "memphis") in names
    assert not any(value == "but" for _, value in names)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Musk has not taken legal action.", "taken"),
        ("The agreement is non-binding.", "bind"),
        ("Microsoft may not be able to meet demand.", "abl"),
        ("He didn't sue.", "sue"),
    ],
)
def test_negations_name_the_negated_word(text: str, negated: str) -> None:
    assert _only(text, "negation").value == negated


@pytest.mark.parametrize(
    "text",
    ["It is not only fast but cheap.", "Not one to sit on the sidelines, Musk launched Grok."],
)
def test_idioms_with_not_negate_nothing(text: str) -> None:
    assert not [f for f in extract_facts(text) if f.kind == "negation"]


def test_attribution_names_the_speaker() -> None:
    fact = _only('"We will not back down," said Sen. Bernie Sanders.', "attribution")
    assert fact.value == "sanders"
    assert fact.role is not None and "back" in fact.role


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_extraction_never_crashes_and_spans_stay_inside(text: str) -> None:
    for fact in extract_facts(text):
        assert 0 <= fact.start <= fact.end <= len(text)
        assert text[fact.start : fact.end] == fact.text
        interval(fact, settings=Settings())


_NEWSY = st.lists(
    st.sampled_from(
        [
            "$13",
            "billion",
            "over",
            "about",
            "14",
            "dead",
            "in",
            "2019",
            "May",
            "Musk",
            "said",
            "not",
            "non-binding",
            "July",
            "11:47",
            "p.m.",
            ",",
            ".",
            "Sen.",
            "Bernie",
            "Sanders",
            "a",
            "dozen",
            "percent",
            "%",
            '"',
            "-",
        ]
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY)
def test_extraction_never_crashes_on_newsy_text(text: str) -> None:
    for fact in extract_facts(text):
        assert text[fact.start : fact.end] == fact.text
