"""Typed claims read from passages: what a number counts, how it is bounded, where and
when it holds, who said it; quotes, roles, decisions, dates and times of day.

Sentences are invented, in the styles of wire copy, tabloids and local papers."""

from __future__ import annotations

import pytest

from core.claims import (
    ClaimContext,
    DateClaim,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    TimeClaim,
    describe_claims,
    extract_claims,
)


def _quantities(text: str, context: ClaimContext | None = None) -> list[QuantityClaim]:
    return [c for c in extract_claims(text, context=context) if isinstance(c, QuantityClaim)]


def _one_quantity(text: str) -> QuantityClaim:
    (claim,) = _quantities(text)
    return claim


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Flooding in the delta has killed 214 people, the civil defence agency said.", "dead"),
        ("The regional toll rose to 1,208 by nightfall.", "dead"),
        ("A toll that has now passed 640 is expected to climb further.", "dead"),
        ("Hospitals treated 877 people who were hurt in the stampede.", "injured"),
        ("Injured: 1,306 (provincial health bureau)", "injured"),
        ("Some 3,900 residents were wounded, medics told reporters.", "injured"),
        ("At least 41 climbers remain missing after the avalanche.", "missing"),
        ("More than 60,000 people have been displaced by the fighting.", "displaced"),
        ("Police said 38 protesters were arrested outside parliament.", "arrests"),
        ("The club agreed a fee of £62m for the winger.", "price"),
        ("The council set a budget of $4.2 billion for the coming year.", "budget"),
        ("The measure passed with 218 votes in the lower house.", "votes"),
        ("The tremor had a magnitude of 6.1, seismologists said.", "magnitude"),
    ],
)
def test_the_measure_comes_from_the_words_that_govern_the_number(text: str, measure: str) -> None:
    claims = [c for c in _quantities(text) if c.measure is not None]
    assert claims and claims[0].measure == measure


def test_each_count_in_a_toll_sentence_keeps_its_own_measure() -> None:
    text = "The blast killed 17 people and injured 52, while 4 remain missing."
    assert [c.measure for c in _quantities(text)] == ["dead", "injured", "missing"]


def test_a_count_after_a_destroyed_noun_is_not_read_as_the_dead_before_it() -> None:
    text = "The storm killed 9 people and flattened 1,400 homes along the coast."
    measures = [c.measure for c in _quantities(text)]
    assert measures[0] == "dead" and measures[1] != "dead"


def test_the_nearest_name_does_not_decide_the_measure() -> None:
    # The name stands nearer the number than any word, but "injured" governs it.
    claim = _one_quantity("Speaking beside Governor Ortiz, officials said 312 were injured.")
    assert claim.measure == "injured"


@pytest.mark.parametrize(
    ("text", "bound", "low", "high"),
    [
        ("The death toll tops 2,000.", "at_least", 2000, float("inf")),
        ("More than 450 people died.", "at_least", 450, float("inf")),
        ("The toll crossed 900 on Sunday.", "at_least", 900, float("inf")),
        ("Up to 35 people may have died.", "at_most", 0, 35),
        ("The club paid just shy of $80m for the midfielder.", "nearly", 72e6, 80e6),
        ("Nearly 200 people were injured.", "nearly", 180, 200),
        ("About 300 people were evacuated.", "approximate", 270, 330),
        ("Roughly 1,500 houses were destroyed.", "approximate", 1350, 1650),
        ("Between 20 and 30 people died.", "range", 20, 30),
        ("20-30 people were hurt.", "range", 20, 30),
        ("The quake killed 3,145 people.", "exact", 3144.5, 3145.5),
    ],
)
def test_bounds_are_read_from_the_words_before_the_number(
    text: str, bound: str, low: float, high: float
) -> None:
    from core.claims.compare import quantity_interval
    from core.settings import Settings

    claim = [c for c in _quantities(text) if c.measure is not None][0]
    assert claim.bound == bound
    got_low, got_high = quantity_interval(claim, settings=Settings())
    assert got_low == pytest.approx(low) and got_high == pytest.approx(high)


def test_money_keeps_its_currency_and_written_precision() -> None:
    claim = _one_quantity("The stadium deal is worth €1.25 billion.")
    assert claim.unit.kind == "money" and claim.unit.currency == "EUR"
    assert claim.amount.low == pytest.approx(1.245e9) and claim.amount.high == pytest.approx(
        1.255e9
    )


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("Nationwide, 2,210 people have died.", "national", "national"),
        ("Rescuers recovered 48 bodies at the collapsed market in Kessa.", "part", None),
        (
            "In the first round, 61 percent of voters backed the mayor.",
            "part",
            "in the first round",
        ),
    ],
)
def test_scope_says_where_or_of_what(text: str, kind: str, key: str | None) -> None:
    claim = [c for c in _quantities(text) if c.measure is not None][0]
    assert claim.scope is not None and claim.scope.kind == kind
    if key is not None:
        assert claim.scope.key == key


def test_time_anchor_and_source_are_typed() -> None:
    claim = _one_quantity(
        "The death toll stood at 412 on Thursday, according to the health ministry."
    )
    assert claim.time is not None and claim.time.key == "thu"
    assert claim.source is not None and claim.source.key == "ministry"


def test_a_figure_inherits_the_time_of_the_sentence_before_it() -> None:
    context = ClaimContext(preceding="Officials gave an update on Friday morning.")
    (claim,) = _quantities("The toll rose to 530.", context)
    assert claim.time is not None and claim.time.key == "fri"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We are not leaving this city," Mayor Ana Duarte said.', "duarte"),
        ('"Every family will be housed by winter," said Tomas Reyes.', "reyes"),
        ('Coach Malik Osei: "We were the better side tonight."', "osei"),
        ('The minister said: "No school will stay closed past Monday."', "minister"),
    ],
)
def test_quotes_know_their_speaker(text: str, speaker: str) -> None:
    (quote,) = [c for c in extract_claims(text) if isinstance(c, QuoteClaim)]
    assert quote.speaker is not None and quote.speaker.key == speaker
    assert text[quote.span.start : quote.span.end] == quote.span.text


def test_a_quote_knows_its_occasion() -> None:
    text = '"We will appeal," the club\'s lawyer said at a press conference.'
    (quote,) = [c for c in extract_claims(text) if isinstance(c, QuoteClaim)]
    assert quote.occasion == "at a press conference"


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("Chief Justice Helena Marsh wrote for the majority.", "chief justice", "helena marsh"),
        ("The previous record signing, Okafor, cost half as much.", "record signing", "okafor"),
        (
            "Ivo Brandt, spokesman for the ministry, declined to comment.",
            "spokesperson",
            "ivo brandt",
        ),
        ("The winning goal was scored by Lena Fischer.", "author", "lena fischer"),
    ],
)
def test_roles_are_filled_by_names(text: str, role: str, name: str) -> None:
    roles = [c for c in extract_claims(text) if isinstance(c, RoleClaim)]
    assert [(r.role, r.name) for r in roles] == [(role, name)]


def test_a_spokesman_for_an_organisation_keeps_the_organisation() -> None:
    (role,) = [
        c
        for c in extract_claims("Ivo Brandt, spokesman for the ministry, declined to comment.")
        if isinstance(c, RoleClaim)
    ]
    assert role.qualifier == "ministri"


@pytest.mark.parametrize(
    ("text", "decision", "positive"),
    [
        ("The high court struck down the curfew law on Friday.", "ruling", False),
        ("Judges upheld the curfew law.", "ruling", True),
        ("The levy applies to imported timber.", "coverage", True),
        ("The new levy exempts timber.", "coverage", False),
        ("The council did not approve the parking plan.", "approval", False),
        ("Lawmakers rejected the parking plan.", "approval", False),
    ],
)
def test_decisions_have_a_polarity(text: str, decision: str, positive: bool) -> None:
    (claim,) = [c for c in extract_claims(text) if isinstance(c, PolarityClaim)]
    assert (claim.decision, claim.positive) == (decision, positive)


def test_a_passive_decision_finds_its_object_before_it() -> None:
    (claim,) = [
        c for c in extract_claims("The curfew law was struck down.") if isinstance(c, PolarityClaim)
    ]
    assert "curfew" in claim.object_key


def test_dates_know_their_event() -> None:
    (claim,) = [
        c for c in extract_claims("The trial was postponed to March 3.") if isinstance(c, DateClaim)
    ]
    assert claim.event == "postponement"
    assert (claim.date.month, claim.date.day) == (3, 3)


def _time(text: str, context: ClaimContext | None = None) -> TimeClaim:
    (claim,) = [c for c in extract_claims(text, context=context) if isinstance(c, TimeClaim)]
    return claim


def test_a_time_with_a_utc_aside_is_that_utc_time() -> None:
    claim = _time("The quake struck at 6:40 a.m. local (0440 GMT).")
    assert (claim.zone, claim.minutes) == ("UTC", 4 * 60 + 40)


def test_a_time_in_a_named_city_is_converted_to_utc() -> None:
    claim = _time("The quake struck at 1:40 p.m. in Tokyo.")
    assert (claim.zone, claim.minutes) == ("UTC", 4 * 60 + 40)


def test_local_time_uses_the_dateline_zone() -> None:
    claim = _time(
        "The dam gave way at 9:15 p.m. local time.",
        ClaimContext(dateline_zone="Asia/Kolkata"),
    )
    assert (claim.zone, claim.minutes) == ("UTC", 15 * 60 + 45)


def test_midnight_of_a_day_is_the_start_of_the_next() -> None:
    midnight = _time("The curfew ends at midnight Tuesday.")
    after = _time("The curfew ends at 12:01 a.m. Wednesday.")
    assert midnight.weekday == after.weekday == 2
    assert (midnight.minutes, after.minutes) == (0, 1)


def test_describe_claims_says_what_a_value_counts() -> None:
    text = "More than 2,300 people were hurt, the ministry said."
    ((start, end, description),) = describe_claims(text)
    assert text[start:end] == "More than 2,300"
    assert description.startswith("hurt, More than 2,300")
    assert "per the ministry" in description or "per ministry" in description


def test_spans_index_the_text_given() -> None:
    text = "Officials said some 1,150 homes were damaged; 84 people died on Monday."
    for claim in extract_claims(text):
        assert text[claim.span.start : claim.span.end] == claim.span.text
