"""What a figure is within its sentence: a change's size, a change's start, a classifier.

"raised the rate by a quarter point to 4.25% from 4%" holds three figures, and only one
of them is the rate; "the nine-member council voted 6-3" holds one count of votes.  Read
as the same measure, they clash with, or falsely agree with, the other outlet's rate or
vote.  Invented sentences; each trap beside a guard that must still conflict.
"""

from __future__ import annotations

import pytest
from conftest import judged

from core.claims import QuantityClaim, extract_claims
from core.claims.vocabulary import raw_sections
from core.settings import Settings

SETTINGS = Settings()
RAW = raw_sections()


def _measures(text: str) -> list[tuple[str | None, str]]:
    return [(c.measure, c.span.text) for c in extract_claims(text) if isinstance(c, QuantityClaim)]


@pytest.mark.parametrize("verb", RAW["changed_by"]["words"])
def test_every_change_verb_makes_the_figure_after_by_a_change(verb: str) -> None:
    (size, level) = _measures(f"The death toll {verb} by 20 to 1,200.")
    # (The measure itself may come from the verb: "grew" is growth.)
    assert size[0] is not None and size[0].endswith("change") and size[1] == "20"
    assert level[0] is not None and not level[0].endswith("change") and level[1] == "1,200"


def test_the_size_of_a_change_does_not_clash_with_the_new_value() -> None:
    trap = judged(
        "The Bank of Westmark raised its main interest rate by a quarter of a percentage "
        "point to 3.5% on Tuesday.",
        "The Bank of Westmark raised the key rate to 3.5% on Tuesday.",
    )
    assert trap.conflicts == ()
    guard = judged(
        "The Bank of Westmark raised its main interest rate by a quarter of a percentage "
        "point to 3.25% on Tuesday.",
        "The Bank of Westmark raised the key rate to 3.5% on Tuesday.",
    )
    assert [c.explanation for c in guard.conflicts] == ["interest rate (Tuesday): 3.25% ≠ 3.5%"]


def test_where_a_change_started_is_not_the_new_value() -> None:
    assert _measures("Unemployment fell to 5% from 6% in May.") == [
        ("unemployment", "5%"),
        ("unemployment before", "6%"),
    ]
    # "4 percent" (3.5 to 4.5 as written) is where the rate started; it must not agree
    # with the other outlet's 4.5% and hide the clash of the new rates.
    verdict = judged(
        "The Bank of Westmark lifted its benchmark rate to 4.25 percent from 4 percent on Tuesday.",
        "The Bank of Westmark raised the key rate to 4.5% on Tuesday.",
    )
    assert verdict.status == "contradict"
    assert [c.explanation for c in verdict.conflicts] == [
        "interest rate (Tuesday): 4.25 percent ≠ 4.5%"
    ]


def test_up_or_down_from_a_figure_is_where_it_started() -> None:
    assert _measures("Unemployment stood at 5%, down from 6% a year earlier.") == [
        ("unemployment", "5%"),
        ("unemployment before", "6%"),
    ]


def test_from_a_pot_is_still_no_change() -> None:
    # Guard: "from" before a pot, with no "to" and a figure, keeps its measure.
    assert _measures("The army diverted $3.6 billion from construction projects.") == [
        ("diverted", "$3.6 billion")
    ]


def test_a_count_joined_to_its_noun_classifies_it() -> None:
    assert _measures("The nine-member council voted 6-3 for the increase.") == [("votes", "6-3")]
    trap = judged(
        "The nine-member council voted 6-3 for the increase.",
        "The council backed the move by six votes to three.",
    )
    assert trap.conflicts == ()
    guard = judged(
        "The nine-member council voted 6-3 for the increase.",
        "The council backed the move by seven votes to two.",
    )
    assert guard.status == "contradict"


def test_two_generals_of_four_stars_agree_on_nothing() -> None:
    verdict = judged(
        "Among the names considered was four-star Army Gen. Jack Keane.",
        "Mr. Mattis, a retired four-star Marine general, was rebuffed.",
    )
    assert verdict.claim_pairs == ()
    assert verdict.status == "related"


@pytest.mark.parametrize("period", RAW["scopes"]["period_patterns"])
def test_a_period_far_from_a_figure_does_not_scope_it(period: str) -> None:
    reach = RAW["scopes"]["period_reach"]
    filler = " and".join([" the harbour"] * (reach // 10 + 1))
    far = f"Owners pay {period} bills{filler} after the council raised the fee to 3.5%."
    near = f"Owners pay 3.5% {period} after the council raised the fee."
    (claim,) = [c for c in extract_claims(far) if isinstance(c, QuantityClaim)]
    assert claim.scope is None or claim.scope.kind != "part"
    (claim,) = [c for c in extract_claims(near) if isinstance(c, QuantityClaim)]
    assert claim.scope is not None and claim.scope.kind == "part"


def test_two_full_dates_whose_clauses_tell_one_step_clash() -> None:
    # No event word names the step ("inspected", "inspection took place"): the clauses do.
    verdict = judged(
        "The dam was last inspected on March 14, officials said.",
        "Records show the dam's last inspection took place on April 2.",
    )
    assert [c.explanation for c in verdict.conflicts] == ["dam last inspected: March 14 ≠ April 2"]


def test_dates_whose_clauses_share_one_word_are_not_one_step() -> None:
    verdict = judged(
        "The levy was approved on March 3.",
        "Cruise lines will pay the levy from April 14.",
    )
    assert verdict.conflicts == ()


def test_a_date_with_an_event_word_is_left_to_the_event() -> None:
    # "imposed on March 23" against "through June 1 ... the levy the council imposed":
    # the second date is no date of the imposing.
    verdict = judged(
        "The council on March 23 imposed a 5 percent levy on cruise tickets.",
        "Cruise lines can sell tickets through June 1 without paying the 5% levy the "
        "council imposed this year.",
    )
    assert verdict.conflicts == ()


@pytest.mark.parametrize("marker", RAW["scopes"]["other_markers"])
def test_a_figure_of_another_thing_is_not_the_storys_own(marker: str) -> None:
    trap = judged(
        f"{marker.capitalize()} train, carrying about 80 passengers, was stopped safely.",
        "The derailed train was carrying 241 passengers.",
    )
    assert trap.conflicts == ()
    # Guard: the same other thing on both sides is still compared.
    guard = judged(
        f"{marker.capitalize()} train was carrying about 80 passengers.",
        f"{marker.capitalize()} train was carrying 120 passengers.",
    )
    assert [c.kind for c in guard.conflicts] == ["number"]


def test_two_values_compared_by_their_measure_clash_once() -> None:
    verdict = judged(
        "The train was carrying about 80 passengers.",
        "The train was carrying 120 passengers.",
    )
    assert [c.explanation for c in verdict.conflicts] == ["passengers: about 80 ≠ 120"]


@pytest.mark.parametrize(
    ("half", "word"), [(h, w) for h in ("am", "pm") for w in RAW["day_parts"][h]]
)
def test_every_day_part_sets_the_half_of_a_clock_time(half: str, word: str) -> None:
    written = "2:40 p.m." if half == "pm" else "2:40 a.m."
    verdict = judged(
        f"The fire started at {written} on Monday.",
        f"The fire started on Monday {word} at 2:40.",
    )
    assert verdict.conflicts == () and verdict.status == "agree"


def test_a_clock_time_of_neither_half_clashes_with_neither_and_confirms_nothing() -> None:
    verdict = judged(
        "The fire started at 2:40 p.m. on Monday.", "The fire started on Monday at 2:40."
    )
    assert verdict.conflicts == ()
    assert verdict.status == "related"
    # Guard: another minute is still a clash.
    guard = judged(
        "The fire started at 3:10 p.m. on Monday.", "The fire started on Monday at 2:40."
    )
    assert [c.kind for c in guard.conflicts] == ["time"]


def test_a_decision_after_remains_or_stays_has_its_object_before_it() -> None:
    trap_free = judged(
        "Camping is banned in all forests of the province until further notice.",
        "Camping remains allowed in the province's forests.",
    )
    assert [c.explanation for c in trap_free.conflicts] == ["permission: banned ≠ allowed"]
    guard = judged(
        "Camping is banned in all forests of the province.",
        "Camping stays banned in the province's forests.",
    )
    assert guard.conflicts == ()
