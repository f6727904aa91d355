"""Claims compared: same measure, compatible scope and time; bounds honoured; updates
apart from conflicts; quotes, roles and decisions; whole-article pairing; and the
verdict's promises (never "agree" while a pair conflicts, mirror symmetry)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.claims.compare as claims_compare
from core.claims import (
    Claim,
    ClaimPair,
    QuantityClaim,
    QuoteClaim,
    compare_claims,
    extract_claims,
    pair_claims,
)
from core.settings import Settings
from core.verdict import judge

SETTINGS = Settings()


def _pairs(left: str, right: str) -> list[ClaimPair]:
    found = []
    for a in extract_claims(left):
        for b in extract_claims(right):
            pair = compare_claims(a, b, settings=SETTINGS)
            if pair is not None:
                found.append(pair)
    return found


def _relations(left: str, right: str) -> list[str]:
    return [p.relation for p in _pairs(left, right)]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Different measures are never compared: the injured are not the dead.
        ("The crash killed 23 passengers.", "The crash injured 61 passengers."),
        ("Officials said 140 people died.", "Hospitals reported 2,090 people were hurt."),
        # A building's toll is not the national toll.
        (
            "Rescuers have pulled 31 bodies from the rubble at the collapsed hotel.",
            "Nationwide, the quake killed 1,870 people.",
        ),
        # Different roles, different remarks, different objects: nothing to compare.
        ("Coach Aldo Brun praised the fans.", "The referee, Jonas Pell, sent off two players."),
        ("The senate approved the budget.", "The senate rejected a motion to adjourn."),
        # Dollars and euros: a conversion, not a claim to check.
        ("The club paid $90m for the forward.", "The club paid €70m for the forward."),
        # The same sum paid for two different players is two purchases, not one fact.
        (
            "It tops the $40 million Oxley paid for winger Tomas Reid in 2021.",
            "The old record, the $40m Oxley paid for Marek Hale, stood for years.",
        ),
    ],
)
def test_claims_of_different_things_are_not_comparable(left: str, right: str) -> None:
    assert _relations(left, right) == []


@pytest.mark.parametrize(
    ("left", "right", "relation"),
    [
        ("The death toll tops 2,000.", "Officials say 2,046 people have died.", "agree"),
        ("The death toll passed 900 on Sunday.", "The quake has killed 874 people.", "conflict"),
        ("The fee was just shy of $80m.", "The fee went beyond $80m.", "conflict"),
        ("The fee was just shy of $80m.", "The fee was $78m.", "agree"),
        ("About 300 homes were destroyed.", "Some 320 homes were destroyed.", "agree"),
        ("Between 20 and 30 people died.", "Twenty-five people died.", "agree"),
        ("Between 20 and 30 people died.", "Forty people died.", "conflict"),
        ("Up to 35 people died.", "At least 50 people died.", "conflict"),
        ("The quake killed 3,145 people.", "The death toll is 3,085.", "conflict"),
        # Paid for the same player: the sums are compared.
        ("Oxley paid $40m for Tomas Reid.", "Oxley paid $45m for Tomas Reid.", "conflict"),
        ("Oxley paid $40m for Tomas Reid.", "The fee was $40 million.", "agree"),
    ],
)
def test_bounds_and_precision_decide(left: str, right: str, relation: str) -> None:
    assert _relations(left, right) == [relation]


def test_the_same_measure_at_two_stated_times_is_an_update() -> None:
    pairs = _pairs(
        "By Monday evening the flood had killed 64 people.",
        "The flood toll rose to 131 on Thursday.",
    )
    assert [p.relation for p in pairs] == ["update"]
    assert "Monday" in pairs[0].explanation and "Thursday" in pairs[0].explanation


def test_the_explanation_names_measure_time_and_both_values() -> None:
    (pair,) = _pairs(
        "On Tuesday, 2,402 people were listed as injured.",
        "Tuesday's figures showed 2,310 people were hurt.",
    )
    assert pair.relation == "conflict"
    assert pair.explanation.startswith("injured (")
    assert "Tuesday" in pair.explanation and "2,402 ≠ 2,310" in pair.explanation


@pytest.mark.parametrize(
    ("left", "right", "relation"),
    [
        (
            "The quake struck at 6:40 a.m. local (0440 GMT).",
            "The quake struck at 1:40 p.m. in Tokyo.",
            "agree",
        ),
        (
            "The quake struck at 6:40 a.m. local (0440 GMT).",
            "The quake struck at 2:40 p.m. in Tokyo.",
            "conflict",
        ),
        (
            "The ban takes effect at midnight Tuesday.",
            "The ban takes effect at 12:01 a.m. Wednesday.",
            "agree",
        ),
        (
            "The ban takes effect at midnight Tuesday.",
            "The ban takes effect at 12:01 a.m. Tuesday.",
            "conflict",
        ),
        ("The vote was postponed to March 3.", "The vote was postponed to April 14.", "conflict"),
        ("The vote was postponed to March 3.", "The vote was postponed to March 3, 2027.", "agree"),
    ],
)
def test_dates_and_times_of_the_same_event(left: str, right: str, relation: str) -> None:
    assert _relations(left, right) == [relation]


def test_a_time_with_a_zone_is_not_compared_with_one_without() -> None:
    assert _relations("The quake struck at 6:40 a.m. GMT.", "The quake struck at 9:40 a.m.") == []


QUOTE = "We will rebuild every clinic in the valley before the rains"


@pytest.mark.parametrize(
    ("left", "right", "relation", "label"),
    [
        # The same remark in two mouths: an attribution conflict.
        (
            f'"{QUOTE}," Governor Lea Santos said.',
            f'"{QUOTE}," said Marco Vidal.',
            "conflict",
            "speaker",
        ),
        # The same speaker, a word of content changed: a misquote.
        (
            f'"{QUOTE}," Santos said.',
            '"We will rebuild every school in the valley before the rains," Santos said.',
            "conflict",
            "quote",
        ),
        (
            f'"{QUOTE}," Santos said.',
            '"We will not rebuild every clinic in the valley before the rains," Santos said.',
            "conflict",
            "quote",
        ),
        # A trimmed quote is not a misquote.
        (
            f'"{QUOTE}," Santos said.',
            '"We will rebuild every clinic," Santos said.',
            "agree",
            "quote",
        ),
        (
            f'"{QUOTE}," Santos said.',
            '"We will rebuild every clinic ... before the rains," Santos said.',
            "agree",
            "quote",
        ),
    ],
)
def test_quotes(left: str, right: str, relation: str, label: str) -> None:
    (pair,) = _pairs(left, right)
    assert (pair.relation, pair.label) == (relation, label)


def test_different_remarks_are_not_compared() -> None:
    assert (
        _pairs('"The bridge is safe," Santos said.', '"Taxes will not rise this year," Vidal said.')
        == []
    )


@pytest.mark.parametrize(
    ("left", "right", "relation"),
    [
        (
            "The previous record signing, Okafor, cost £40m.",
            "The previous record signing, Adeyemi, cost £40m.",
            "conflict",
        ),
        (
            "Chief Justice Helena Marsh wrote the opinion.",
            "Chief Justice H. Marsh wrote the opinion.",
            "agree",
        ),
        (
            "Ivo Brandt, spokesman for the ministry, said the roads were open.",
            "Paula Kern, spokeswoman for the ministry, said the roads were open.",
            "conflict",
        ),
    ],
)
def test_roles(left: str, right: str, relation: str) -> None:
    roles = [p for p in _pairs(left, right) if p.label not in ("price",)]
    assert [p.relation for p in roles] == [relation]


def test_a_spokesman_of_another_body_is_another_role() -> None:
    left = "Ivo Brandt, spokesman for the ministry, said the roads were open."
    right = "Paula Kern, spokeswoman for the airport, said the roads were open."
    assert _pairs(left, right) == []


@pytest.mark.parametrize(
    ("left", "right", "relation"),
    [
        ("The court struck down the curfew law.", "The court upheld the curfew law.", "conflict"),
        ("The levy applies to imported timber.", "The levy exempts timber.", "conflict"),
        (
            "The council approved the parking plan.",
            "The council did not approve the parking plan.",
            "conflict",
        ),
        (
            "The council approved the parking plan.",
            "Councillors endorsed the parking plan.",
            "agree",
        ),
    ],
)
def test_polarity(left: str, right: str, relation: str) -> None:
    assert _relations(left, right) == [relation]


def test_a_decision_about_another_object_is_not_compared() -> None:
    assert (
        _relations("The court struck down the curfew law.", "The court upheld the fishing quota.")
        == []
    )


# ---------------------------------------------------------------------------------------
# The verdict


def test_a_conflict_between_sentences_sharing_few_words_is_found() -> None:
    verdict = judge(
        "Rescue teams worked through the night as the death toll climbed to 3,145.",
        "At least 3,085 people lost their lives, the disaster agency said in its latest count.",
        score=0.2,
        settings=SETTINGS,
    )
    # "lost their lives" is the dead; "at least 3,085" allows 3,145: no conflict here.
    assert verdict.status == "agree"
    verdict = judge(
        "Rescue teams worked through the night as the death toll climbed to 3,145.",
        "The disaster agency's latest count puts fatalities at 3,085.",
        score=0.2,
        settings=SETTINGS,
    )
    assert verdict.status == "contradict"
    assert [c.measure for c in verdict.conflicts] == ["dead"]


def test_every_conflicting_measure_is_reported() -> None:
    verdict = judge(
        "The storm killed 12 people, injured 40 and left 3 missing.",
        "The storm killed 15 people, injured 52 and left 3 missing.",
        score=0.9,
        settings=SETTINGS,
    )
    assert sorted(c.measure for c in verdict.conflicts) == ["dead", "injured"]


def test_an_update_alone_leaves_the_link_related_and_is_reported() -> None:
    verdict = judge(
        "By Monday evening the flood had killed 64 people.",
        "The flood toll rose to 131 on Thursday.",
        score=0.5,
        settings=SETTINGS,
    )
    assert verdict.status == "related"
    assert verdict.conflicts == ()
    assert [u.relation for u in verdict.updates] == ["update"]


def test_claim_pairs_carry_spans_in_both_texts() -> None:
    left, right = "The fee was £62m, the club said.", "The club paid a fee of £58m."
    verdict = judge(left, right, score=0.5, settings=SETTINGS)
    (pair,) = verdict.claim_pairs
    assert left[pair.left.span.start : pair.left.span.end] == "£62m"
    assert right[pair.right.span.start : pair.right.span.end] == "£58m"


MEASURES = {
    "killed": "dead",
    "injured": "injured",
    "arrested": "arrests",
    "evacuated": "displaced",
    "reported missing": "missing",
}
STYLES = [
    "{n} people were {verb} in the unrest, police said.",
    "Officials said {n} residents were {verb} in the town.",
    "SHOCK: {n} {verb} as chaos grips the town",
    "A total of {n} people were {verb}, the county sheriff's office confirmed.",
]
# Styles name no time: two figures of two stated times are an update, tested apart.


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(MEASURES)),
    st.sampled_from(STYLES),
    st.sampled_from(STYLES),
    st.integers(2, 5000),
    st.integers(2, 5000),
)
def test_never_agree_while_the_same_measure_disagrees(
    verb: str, style_a: str, style_b: str, n: int, m: int
) -> None:
    if abs(n - m) <= 1:
        m = n + 7
    left = style_a.format(n=f"{n:,}", verb=verb)
    right = style_b.format(n=f"{m:,}", verb=verb)
    verdict = judge(left, right, score=0.9, settings=SETTINGS)
    assert verdict.status == "contradict"
    assert MEASURES[verb] in {c.measure for c in verdict.conflicts}
    back = judge(right, left, score=0.9, settings=SETTINGS)
    assert back.status == "contradict"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STYLES), st.sampled_from(STYLES), st.integers(2, 5000))
def test_the_same_value_in_another_style_is_never_a_conflict(
    style_a: str, style_b: str, n: int
) -> None:
    left = style_a.format(n=f"{n:,}", verb="killed")
    right = style_b.format(n=f"{n:,}", verb="killed")
    verdict = judge(left, right, score=0.9, settings=SETTINGS)
    assert verdict.status == "agree"


_WORDS = st.sampled_from(
    [
        "the",
        "quake",
        "killed",
        "injured",
        "hurt",
        "12",
        "40",
        "3,145",
        "3,085",
        "people",
        "at",
        "least",
        "over",
        "about",
        "nearly",
        "Monday",
        "Thursday",
        "nationwide",
        "at",
        "the",
        "hotel",
        "said",
        "Santos",
        "Vidal",
        "approved",
        "rejected",
        "plan",
        "upheld",
        "struck",
        "down",
        "law",
        "$80m",
        "fee",
        ",",
        ".",
        '"',
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=20).map(" ".join), st.lists(_WORDS, max_size=20).map(" ".join))
def test_verdicts_mirror_and_never_agree_with_a_conflict(left: str, right: str) -> None:
    forward = judge(left, right, score=0.7, settings=SETTINGS)
    backward = judge(right, left, score=0.7, settings=SETTINGS)
    assert forward.status == backward.status
    assert (forward.status == "contradict") == bool(forward.conflicts)
    assert not (
        forward.status == "agree" and any(p.relation == "conflict" for p in forward.claim_pairs)
    )
    mirrored = sorted(
        (c.kind, c.right, c.left, c.right_start, c.left_start) for c in backward.conflicts
    )
    assert (
        sorted((c.kind, c.left, c.right, c.left_start, c.right_start) for c in forward.conflicts)
        == mirrored
    )


# ---------------------------------------------------------------------------------------
# Whole articles


def _article(sentences: list[str]) -> list[tuple[int, Claim]]:
    return [(i, c) for i, s in enumerate(sentences) for c in extract_claims(s)]


def test_pair_claims_finds_a_disagreement_anywhere_in_two_articles() -> None:
    left = _article(
        [
            "A powerful earthquake shook the north of the country before dawn.",
            "Officials said 1,210 people were killed nationwide.",
            "Schools will stay shut for a week.",
        ]
    )
    right = _article(
        [
            "Schools are closed.",
            "The quake left thousands homeless in mountain villages.",
            "Nationwide, the death toll reached 1,540, the interior ministry said.",
        ]
    )
    found = pair_claims(left, right, settings=SETTINGS)
    conflicts = [p for p in found if p.pair.relation == "conflict"]
    assert [(p.left_passage, p.right_passage, p.pair.label) for p in conflicts] == [(1, 2, "dead")]


def test_pair_claims_on_long_articles_weighs_only_figures_of_one_measure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The work grows with the claims that share a subject, not with the product of the
    two articles: counted in claim pairs decided, which a loaded machine does not change
    (a limit in seconds failed there)."""
    # About 40,000 words a side, figures of many measures, as a long live blog would have.
    templates = [
        "In the {i}th district, officials said {n} people were injured.",
        "Police arrested {n} people near the {i}th market.",
        "The council set aside a budget of ${n} million for ward {i}.",
        "Turnout in the {i}th ward was {n} percent of voters.",
        "Volunteers handed out {n} blankets in the {i}th camp.",
        "The {i}th convoy carried {n} tonnes of flour, the agency said.",
    ]
    sentences = [
        templates[i % len(templates)].format(i=i, n=(i * 37) % 900 + 5) + " " + "Word " * 60
        for i in range(600)
    ]
    left = _article(sentences)
    right = _article(sentences[::-1])
    decided: list[tuple[Claim, Claim]] = []
    decide = claims_compare._article_pair

    def counted(claim: Claim, other: Claim, *rest: Any) -> ClaimPair | None:
        decided.append((claim, other))
        return decide(claim, other, *rest)

    monkeypatch.setattr(claims_compare, "_article_pair", counted)
    found = pair_claims(left, right, settings=SETTINGS)
    assert found
    figures = [c for _, c in left if isinstance(c, QuantityClaim)]
    assert len(figures) >= 300  # a hundred of each of at least three measures
    assert all(_measure(a) == _measure(b) is not None for a, b in decided)
    on_left, on_right = (Counter(_measure(c) for _, c in side) for side in (left, right))
    same_measure = sum(on_left[m] * on_right[m] for m in on_left if m is not None)
    assert len(decided) <= same_measure < len(left) * len(right) // 5


def _measure(claim: Claim) -> str | None:
    return claim.measure if isinstance(claim, QuantityClaim) else None


def test_across_articles_two_pots_of_money_are_not_compared_without_a_shared_word() -> None:
    left = _article(
        [
            "The package sets aside $1.2 billion for new levees along the river.",
            "The storm flooded 40 towns.",
        ]
    )
    right = _article(
        [
            "Separately, the governor will divert $300 million from school repairs.",
            "Forecasters expect more rain.",
        ]
    )
    assert [
        p for p in pair_claims(left, right, settings=SETTINGS) if p.pair.relation == "conflict"
    ] == []


def test_across_articles_the_same_pot_of_money_is_compared() -> None:
    left = _article(["The package sets aside $1.2 billion for new levees along the river."])
    right = _article(["Lawmakers set aside $900 million for the levees, aides said."])
    conflicts = [
        p for p in pair_claims(left, right, settings=SETTINGS) if p.pair.relation == "conflict"
    ]
    assert [p.pair.label for p in conflicts] == ["budget"]


def test_across_articles_dates_of_different_people_are_not_compared() -> None:
    left = _article(["Finance Minister Rosa Ibarra will step down on March 31."])
    right = _article(["Central bank chief Tomas Keller will step down in June."])
    assert pair_claims(left, right, settings=SETTINGS) == ()


def test_rates_on_different_goods_are_not_compared() -> None:
    assert (
        _relations(
            "The levy is 25 percent on imported steel.", "The levy is 10 percent on aluminum."
        )
        == []
    )


def test_sums_from_the_same_pot_are_compared() -> None:
    assert _relations(
        "The plan diverts $3.2 billion from military construction projects.",
        "It would divert $2.8 billion from the military construction budget.",
    ) == ["conflict"]


# ---------------------------------------------------------------------------------------
# Updates: when a figure held, and a count that says it moved


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # A possessive weekday names the day of the event, not when the figure held.
        (
            "Eleven passengers were hurt, the rail operator said on Friday.",
            "The number hurt in Friday's derailment has climbed to 17, the operator said on "
            "Sunday.",
        ),
        (
            "Rescuers said on Monday that 23 people had died in the landslide.",
            "The toll from Monday's landslide reached 31 as of Wednesday, officials said.",
        ),
        # A count that moved on from a figure with no time of its own.
        ("Floods leave 12 dead in river valley", "River valley flood deaths rise to 20"),
        # Each figure dated by a year.
        (
            "In 2021, the storm destroyed 300 homes.",
            "The storm destroyed 450 homes in 2023.",
        ),
    ],
)
def test_a_figure_at_another_time_is_an_update(left: str, right: str) -> None:
    assert "update" in _relations(left, right)
    assert "conflict" not in _relations(left, right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Both dated the same day: a clash, even though one says the count rose.
        (
            "The toll rose to 40 on Tuesday, police said.",
            "Police said on Tuesday that 35 people had been killed.",
        ),
        # A count that says it rose, but to a lower value than the other: a clash.
        ("The death toll rose to 30.", "At least 45 people were killed."),
        # The other figure claims to be the latest: a clash, not an older figure.
        (
            "The death toll climbed to 3,145.",
            "The agency's latest count puts fatalities at 3,085.",
        ),
        # An occasion after a possessive weekday is when the figure held.
        (
            "Tuesday's briefing put the dead at 12.",
            "Officials said on Tuesday that 15 people were killed.",
        ),
    ],
)
def test_a_figure_of_the_same_time_still_conflicts(left: str, right: str) -> None:
    assert "conflict" in _relations(left, right)


def test_a_back_reference_to_a_count_is_not_a_figure() -> None:
    claims = extract_claims("Of the 14, three were firefighters treated for smoke.")
    assert [c.amount.value for c in claims if isinstance(c, QuantityClaim)] == [3]


# ---------------------------------------------------------------------------------------
# Local times, restarts, scopes of one part, owners of sums, speakers


def test_a_local_time_given_beside_utc_compares_with_a_time_without_a_zone() -> None:
    left = "The blast happened at 9:15 p.m. local (1915 GMT), police said."
    assert _relations(left, "The blast happened at 9:15 p.m., witnesses said.") == ["agree"]
    assert _relations(left, "The blast happened shortly after 10 p.m.") == ["conflict"]
    # A zone alone, with no local time beside it, still compares with nothing unzoned.
    assert _relations("The blast happened at 1915 GMT.", "The blast happened at 9 p.m.") == []


def test_a_restart_on_two_dates_conflicts() -> None:
    assert _relations(
        "The mill is expected to reopen on June 2.", "The mill should restart on June 16."
    ) == ["conflict"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("In Harrow alone, 12 people died.", "harrow"),
        ("In the village of Oster alone, 7 homes were destroyed.", "oster"),
    ],
)
def test_a_figure_of_one_place_alone_is_a_part(text: str, key: str) -> None:
    (claim,) = [c for c in extract_claims(text) if isinstance(c, QuantityClaim)]
    assert claim.scope is not None and (claim.scope.kind, claim.scope.key) == ("part", key)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            "NordCell announced plans to invest over $2 billion in new plants.",
            "With investments of up to $300 million, Larsen's project adds a port.",
        ),
        (
            "Quorra, which owns Beacon, has pledged around $900 million.",
            "Brix said it would invest $40 million.",
        ),
    ],
)
def test_sums_of_different_owners_are_not_compared(left: str, right: str) -> None:
    assert _relations(left, right) == []


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The tremor struck at 0440 GMT.", None),
        ("A magnitude 5.8 tremor killed 12 people.", "magnitude"),
    ],
)
def test_a_clock_time_or_a_magnitude_is_no_count_of_the_dead(
    text: str, measure: str | None
) -> None:
    first = next((c for c in extract_claims(text) if isinstance(c, QuantityClaim)), None)
    assert first is None if measure is None else first.measure == measure


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Chief executive Dana Roe said she was "proud of every single worker".', "roe"),
        ('"We will rebuild this town together," said Hollin mayor Petra Vask.', "vask"),
        ('"We are doing what we can," Regional governor Ida Moss said.', "moss"),
        ('"The water is safe to drink now," the county health department said.', "department"),
        ('"We will not give up on them," Thursday said.', None),
    ],
)
def test_a_speaker_is_a_name_or_a_role(text: str, speaker: str | None) -> None:
    quotes = [c for c in extract_claims(text) if isinstance(c, QuoteClaim)]
    assert [q.speaker.key if q.speaker else None for q in quotes] == [speaker]


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        ("Landslide In Pello Valley Kills 38, Injures Dozens", "dead", 38),
        ("Dam Flood Death Toll Tops 2,000", "dead", 2000),
        ("Mill fire: evacuation tops 1,500 as injured rise to 9", "displaced", 1500),
        ("A 5.4 earthquake shook the coast on Friday.", "magnitude", 5.4),
        ("The 7.2-magnitude quake was felt inland.", "magnitude", 7.2),
    ],
)
def test_headline_and_magnitude_figures_count_what_they_say(
    text: str, measure: str, value: float
) -> None:
    first = next(c for c in extract_claims(text) if isinstance(c, QuantityClaim))
    assert (first.measure, first.amount.value) == (measure, value)


def test_a_title_case_place_stops_at_the_verb() -> None:
    first = next(
        c
        for c in extract_claims("Landslide In Pello Valley Kills 38, Injures Dozens")
        if isinstance(c, QuantityClaim)
    )
    assert first.scope is not None and first.scope.key == "pello valley"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("At least 60 people died, according to figures from the state fire service.", "service"),
        (
            "At least 60 people died, according to Sunday's tally by the health ministry.",
            "ministry",
        ),
        ("According to police, 60 people died.", "police"),
    ],
)
def test_the_source_of_figures_is_who_they_come_from(text: str, source: str) -> None:
    first = next(c for c in extract_claims(text) if isinstance(c, QuantityClaim))
    assert first.source is not None and first.source.key == source
    assert first.scope is None or first.scope.kind != "part"


def test_a_verdict_with_repeated_words_mirrors() -> None:
    # difflib's ratio depends on which side is read first when words repeat.
    left, right = "Monday the approved the Monday approved", "Monday approved approved the"
    forward = judge(left, right, score=0.7, settings=SETTINGS)
    backward = judge(right, left, score=0.7, settings=SETTINGS)
    assert forward.status == backward.status


def test_a_bounded_figure_and_another_at_a_later_time_are_an_update() -> None:
    left = "The appeal had drawn more than 3,000 letters by Friday, the charity said."
    right = "The appeal had drawn 7,500 letters by Sunday, the charity said."
    assert _relations(left, right) == ["update"]


def test_part_of_a_count_is_not_the_count() -> None:
    assert (
        _relations(
            "She has scored 40 goals in 97 games for the club.",
            "She scored 33 of her goals in the cup.",
        )
        == []
    )


def test_before_a_quote_the_speaker_stands_before_the_verb() -> None:
    text = 'Fans protested, and mayor Ida Penn admitted the council "had no plan at all".'
    quotes = [c for c in extract_claims(text) if isinstance(c, QuoteClaim)]
    assert [q.speaker.key if q.speaker else None for q in quotes] == ["penn"]


# A figure whose counterpart the other passage states with no measure of its own


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # A wire report and a sports page: the $3 million is the wages on both sides.
        (
            "The club paid $12 million for the striker, and spent a further $3 million on wages.",
            "Including $3 million in wages, the club spent $15 million to land the striker.",
        ),
        # A government decree, told by a ministry release and by a newspaper.
        (
            "The decree lets the ministry divert €40 million from road projects to the hospital.",
            "The decree will allow the ministry to use about €40 million from road projects "
            "to finish the hospital, along with another €15 million the ministry had "
            "allocated for ambulances.",
        ),
        # A council story: the part in one, the part and the total in the other.
        (
            "The spending bill gives the council £2.1 million for flood barriers.",
            "Combined with £2.1 million authorised for barriers in the spending bill passed "
            "on Tuesday, the council would have about £9 million in all for flood defences.",
        ),
    ],
)
def test_a_figure_whose_counterpart_is_stated_unlabelled_conflicts_with_nothing(
    left: str, right: str
) -> None:
    for a, b in ((left, right), (right, left)):
        verdict = judge(a, b, score=0.9, settings=SETTINGS)
        assert verdict.conflicts == ()
        assert verdict.updates == ()


@pytest.mark.parametrize(
    ("left", "right", "explanation"),
    [
        # The other figure has a measure of its own: still a clash.
        (
            "The ministry will divert €40 million from road projects to the hospital.",
            "The ministry will divert €45 million from road projects to the hospital, along "
            "with another €15 million set aside for ambulances.",
            "diverted: €40 million ≠ €45 million",
        ),
        # The unlabelled figure is already the counterpart of one on the other side.
        (
            "Between 40 and 60 volunteers joined the search, while roughly another 40 waited "
            "at the harbour.",
            "Between 70 and 90 volunteers joined the search, while roughly another 40 waited "
            "at the harbour.",
            "volunteers (at the harbour): Between 40 and 60 ≠ Between 70 and 90",
        ),
    ],
)
def test_an_unlabelled_figure_settles_only_what_it_could_be(
    left: str, right: str, explanation: str
) -> None:
    verdict = judge(left, right, score=0.9, settings=SETTINGS)
    assert explanation in [c.explanation for c in verdict.conflicts]


def test_across_articles_an_unlabelled_equal_figure_is_the_counterpart() -> None:
    # Enough other figures that the flood story's own words are not everywhere.
    others = [
        "Floods last spring damaged 340 homes in the old town.",
        "Insurers paid out 96 claims to shop owners.",
        "The river rose 4 metres above its usual level.",
        "About 1,200 residents were moved to shelters.",
        "Rescuers pulled 18 people from cars.",
        "Schools in 7 villages stayed shut.",
        "The storm felled 52 trees along the coast road.",
        "Engineers inspected 23 bridges.",
        "The ferry carried 410 passengers.",
        "Bakers sold 900 loaves at the fair.",
        "The museum lent 14 paintings.",
        "Police closed 6 streets near the harbour.",
        "Volunteers filled 2,000 sandbags.",
        "The zoo moved 31 animals uphill.",
        "Farmers lost 75 cattle.",
        "The library saved 640 books.",
        "Nurses treated 44 patients overnight.",
    ]
    left = _article(
        [
            *others,
            "The spending bill grants the mayor $1.375 billion for the flood wall, as opposed "
            "to the $5.7 billion she initially demanded.",
        ]
    )
    right = _article(
        [
            *others[::-1],
            "Combined with $1.375 billion authorized for fencing in the spending package, the "
            "mayor would have about $8 billion in all for the flood wall, significantly more "
            "than the $5.7 billion she unsuccessfully demanded.",
        ]
    )
    found = pair_claims(left, right, settings=SETTINGS)
    assert [p.pair.explanation for p in found if p.pair.relation != "agree"] == []


def test_dates_with_no_field_in_common_are_not_compared() -> None:
    # A weekday and a decade: nothing was compared, so nothing may agree.
    left = "McConnell announced on Thursday that he supported the decision."
    right = "Presidents have declared emergencies under a law announced in the 1970s."
    verdict = judge(left, right, score=0.9, settings=SETTINGS)
    assert verdict.claim_pairs == ()
    assert verdict.status != "agree"
    # A weekday against a full date with a weekday is still compared.
    clash = judge(
        "The clubs announced the deal on Friday.",
        "The deal was announced on Saturday, May 3.",
        score=0.9,
        settings=SETTINGS,
    )
    assert clash.status == "contradict"
    assert [c.explanation for c in clash.conflicts] == ["announcement: Friday ≠ Saturday"]


def test_a_capitalised_decision_word_inside_a_sentence_is_part_of_a_name() -> None:
    left = "The mayor spoke in the Rose Garden about the new harbour plan."
    right = "In the Rose Garden, the mayor praised the harbour plan."
    assert [c for c in extract_claims(left) if type(c).__name__ == "PolarityClaim"] == []
    assert judge(left, right, score=0.9, settings=SETTINGS).status != "agree"
    # At the start of a sentence the word is still the verb.
    assert _relations("Rose sharply last year, the fares.", "Fell sharply last year, the fares.")
