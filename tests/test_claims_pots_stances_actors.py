"""Invented coverage of one story by three outlets (a wire, an aggregator, a local paper),
with planted agreements, disagreements and traps for four mechanisms:

* money: a spending bill's sum, a sum diverted from another pot, and sums for different
  purposes are different amounts, though all are "money for the project";
* stances: a denial that is a request ("urged her not to close") or a condition ("drivers
  who don't pass"), or that was stated for another time, is no contradiction;
* dates: two events on the same day agree only when the same actor did them;
* names and speakers: "EU" is "E.U.", and "said in its statement Monday" names no speaker.

Each trap has a guard beside it: the same wording with a real disagreement, which must
still be reported.
"""

from __future__ import annotations

import pytest
from conftest import judged

from core.claims import QuantityClaim, QuoteClaim, extract_claims
from core.compare import compare
from core.model import Document
from core.settings import Settings

SETTINGS = Settings()

# ---------------------------------------------------------------------------------------
# Money: which pot a sum is


def _money(text: str) -> list[QuantityClaim]:
    return [c for c in extract_claims(text) if isinstance(c, QuantityClaim)]


WIRE_BILL = (
    "Governor Elena Marsh said Friday she is declaring a drought emergency, moving to divert "
    "billions toward new reservoirs even as she signs a spending bill that includes just "
    "$2.1 billion for flood defences."
)
AGGREGATOR_DIVERSION = (
    "The emergency order lets the governor divert $4.8 billion from highway maintenance "
    "projects to the reservoirs, along with another $900 million the water agency had "
    "allocated for school repairs, her chief of staff told reporters."
)
LOCAL_DIVERSION = (
    "The order, according to state officials, allows Marsh to divert $4.8 billion from "
    "highway maintenance projects to the reservoirs."
)


@pytest.mark.parametrize("other", [AGGREGATOR_DIVERSION, LOCAL_DIVERSION])
def test_a_bills_sum_and_a_diverted_sum_are_two_pots(other: str) -> None:
    verdict = judged(WIRE_BILL, other)
    assert verdict.conflicts == (), [c.explanation for c in verdict.conflicts]


def test_money_unlocked_from_a_budget_is_diverted_money_not_the_budget() -> None:
    (claim,) = _money(
        "By declaring the emergency, Marsh would also unlock money from the transport "
        "department's highway maintenance budget, to the tune of $4.5 billion."
    )
    assert claim.measure == "diverted"


def test_two_diverted_sums_from_one_pot_still_conflict() -> None:
    # Guard: the wire's $4.5 billion and the paper's $4.8 billion are one diversion.
    verdict = judged(
        "By declaring the emergency, Marsh would also unlock money from the transport "
        "department's highway maintenance budget, to the tune of $4.5 billion.",
        LOCAL_DIVERSION,
    )
    assert [c.explanation for c in verdict.conflicts] == ["diverted: $4.5 billion ≠ $4.8 billion"]


def test_sums_for_two_purposes_are_not_compared() -> None:
    verdict = judged(
        "The bill includes $2.1 billion for flood defences.",
        "The agency had allocated another $900 million for school repairs.",
    )
    assert verdict.conflicts == ()


def test_sums_for_the_same_purpose_still_conflict_and_agree() -> None:
    guard = judged(
        "The spending bill includes $2.1 billion for flood defences.",
        "Lawmakers approved a budget with $2.6 billion for flood defences.",
    )
    assert [c.kind for c in guard.conflicts] == ["money"]
    agree = judged(
        "The spending bill includes $2.1 billion for flood defences.",
        "Lawmakers approved a budget with $2.1bn for flood defences.",
    )
    assert agree.status == "agree"


def test_a_purpose_is_what_follows_for_not_a_duration() -> None:
    (bill,) = _money("The bill sets aside $2.1 billion for flood defences.")
    assert bill.purpose == frozenset({"flood", "defenc"})
    (years,) = _money("The state has spent $2.1 billion for years on the dams.")
    assert years.purpose == frozenset()


def test_across_whole_articles_the_pots_stay_apart() -> None:
    wire = Document(
        "Marsh declares drought emergency\n\n" + WIRE_BILL + "\n\n"
        "But by declaring an emergency, Marsh would also seek to unlock money from the "
        "transport department's highway maintenance budget, to the tune of $4.5 billion.",
        title="wire",
    )
    paper = Document(
        "Governor orders reservoirs built\n\n" + LOCAL_DIVERSION + "\n\n"
        "The spending bill, passed Thursday, includes $2.1 billion for flood defences.",
        title="paper",
    )
    result = compare(wire, paper, settings=SETTINGS)
    explanations = sorted(c.explanation for link in result.links for c in link.conflicts)
    # The one real disagreement (the diversion's size); the bill's $2.1 billion is neither
    # $4.5 nor $4.8 billion.
    assert explanations == ["diverted: $4.5 billion ≠ $4.8 billion"]


# ---------------------------------------------------------------------------------------
# Stances: requests, conditions, and a position at two times

MARSH_THURSDAY = (
    "Senate leader Tom Adler announced Thursday on the Senate floor that Marsh planned to "
    "sign the bill and declare an emergency at the same time, adding that he supported "
    "the decision."
)
ADLER_FOR_WEEKS = (
    "For weeks, senators led by Tom Adler of Westbrook urged Ms. Marsh not to declare an "
    "emergency, but the governor opted to go ahead anyway."
)


def test_a_stance_at_two_times_changed_over_time() -> None:
    verdict = judged(MARSH_THURSDAY, ADLER_FOR_WEEKS)
    assert verdict.conflicts == ()
    (update,) = verdict.updates
    assert "Thursday" in update.explanation and "For weeks" in update.explanation


def test_a_request_is_no_statement_of_fact() -> None:
    verdict = judged(
        "Residents urged the council not to close the library on Elm Street.",
        "The council voted to close the library on Elm Street.",
    )
    assert verdict.status != "contradict"


@pytest.mark.parametrize(
    "plain",
    [
        "If they pass the eyesight test, older drivers keep their licence for five years.",
        '"We only send people who we think will pass the eyesight test," the instructor said.',
    ],
)
def test_a_condition_is_no_statement_of_fact(plain: str) -> None:
    verdict = judged(
        plain, "Drivers who don't pass the eyesight test, the first check, lose their licence."
    )
    assert verdict.conflicts == ()


@pytest.mark.parametrize(
    ("denied", "stated"),
    [
        ("The minister did not sign the treaty.", "The minister signed the treaty."),
        (
            "On Monday the firm did not confirm the layoffs at its Leeds plant.",
            "On Monday the firm confirmed the layoffs at its Leeds plant.",
        ),
        (
            "Adler told reporters the council did not close the bridge.",
            "The council closed the bridge, Adler told reporters.",
        ),
    ],
)
def test_a_plain_denial_still_conflicts(denied: str, stated: str) -> None:
    # Guards: the same time (or none), no request, no condition.
    assert judged(denied, stated).status == "contradict"
    assert judged(stated, denied).status == "contradict"


# ---------------------------------------------------------------------------------------
# Dates: one event, one actor


def test_the_same_day_of_two_actors_events_is_no_agreement() -> None:
    verdict = judged(
        "Governor Elena Marsh on Friday declared a drought emergency across the state.",
        "The Senate Ethics Committee announced Friday that it would investigate the order.",
    )
    assert verdict.status == "related"
    assert verdict.conflicts == ()


def test_the_same_day_of_one_actors_event_agrees() -> None:
    verdict = judged(
        "Governor Elena Marsh declared a drought emergency on Friday.",
        "WESTBROOK — Ms. Marsh on Friday declared a drought emergency in the north.",
    )
    assert verdict.status == "agree"


def test_a_name_in_an_aside_is_not_who_acted() -> None:
    verdict = judged(
        "Marsh said on Thursday that Water Commissioner Paul Okafor, a former judge who was "
        "one of Marsh's first picks, would be retiring at the end of March.",
        "Ms. Marsh said that Mr. Okafor, 64, will leave at the end of March.",
    )
    assert verdict.status == "agree"


def test_two_actors_dates_of_one_step_still_conflict() -> None:
    # Guard: outlets name whoever told them; the step is the same, its date is not.
    verdict = judged(
        "Spokeswoman Lina Berg said production resumed on Tuesday at the Westbrook plant.",
        "Minister Tom Hale said production resumed on Wednesday at the Westbrook plant.",
    )
    assert [c.kind for c in verdict.conflicts] == ["date"]


def test_an_actor_the_other_passage_never_names_confirms_nothing() -> None:
    # One side names who left, the other does not: the other passage never mentions
    # Okafor, so nothing says the two departures in March are one event.
    trap = judged(
        "Also on Monday, the mayor said the harbour master -- the first woman to run the "
        "port in a century -- was leaving in March.",
        "Water Commissioner Paul Okafor announced his resignation in March.",
    )
    assert trap.status == "related"
    guard = judged(
        "Also on Monday, the mayor said Okafor -- the first woman to run the port in a "
        "century -- was leaving in March.",
        "Water Commissioner Paul Okafor announced his resignation in March.",
    )
    assert guard.status == "agree"


def test_two_passive_dates_of_one_event_still_agree() -> None:
    # Guard: neither side names an actor ("was arrested", "made an arrest").
    verdict = judged(
        "The man was arrested in Dayton on Tuesday.",
        "Federal agents made an arrest on Tuesday in the case.",
    )
    assert verdict.status == "agree"


def test_a_date_after_a_speech_verb_is_when_it_was_said() -> None:
    # "an earlier arrest ..., prosecutors said Tuesday": Tuesday dates the statement.
    trap = judged(
        "Police arrested the man in Dayton on Tuesday.",
        "Detectives matched his fingerprints to a sample from an earlier arrest in Ohio, "
        "prosecutors said Tuesday.",
    )
    assert trap.status == "related"
    guard = judged(
        "Police arrested the man in Dayton on Tuesday.",
        "Detectives arrested him on Tuesday in Dayton, prosecutors said.",
    )
    assert guard.status == "agree"


def test_two_announcements_of_different_things_are_two_statements() -> None:
    # One speaker, one action word, two days: what each made known differs.
    trap = judged(
        "Governor Marsh announced Sunday that the water commissioner will step down, weeks "
        "earlier than planned.",
        "Aides said the commissioner made a last attempt to reverse her decision on the dam, "
        "which Marsh announced on Wednesday over the objections of her advisers.",
    )
    assert trap.conflicts == ()
    guard = judged(
        "Governor Marsh announced Sunday that the Westbrook dam will close for repairs.",
        "Governor Marsh announced on Wednesday that the Westbrook dam will close.",
    )
    assert [c.kind for c in guard.conflicts] == ["date"]
    relative_guard = judged(
        "Governor Marsh announced Sunday that the Westbrook dam will close for repairs.",
        "Shippers fear the closure of the Westbrook dam, which Marsh announced on Wednesday.",
    )
    assert [c.kind for c in relative_guard.conflicts] == ["date"]


def test_a_value_two_statements_made_known_clashes_with_the_day_of_each() -> None:
    # Two announcements on two days, each with its own reopening date: the clash to show
    # is the reopening date, with the day of each statement, not "Sunday ≠ Thursday".
    verdict = judged(
        "Governor Marsh announced Sunday that the Westbrook dam will reopen on March 1, "
        "weeks earlier than planned.",
        "Governor Marsh announced on Thursday that the Westbrook dam would reopen at the "
        "end of April.",
    )
    assert [c.explanation for c in verdict.conflicts] == [
        "resumption: March 1 ≠ the end of April (stated Sunday / Thursday)"
    ]
    # Guard: the same thing made known on two days is still a clash of the days.
    guard = judged(
        "Governor Marsh announced Sunday that the Westbrook dam will reopen on March 1.",
        "Governor Marsh announced on Thursday that the Westbrook dam will reopen on March 1.",
    )
    assert [c.explanation for c in guard.conflicts] == ["announcement: Sunday ≠ Thursday"]


def test_the_days_of_an_update_are_no_second_clash() -> None:
    verdict = judged(
        "The death toll rose to 300 on Monday, Governor Elena Marsh said.",
        "The death toll rose to 412 on Thursday, Governor Elena Marsh said.",
    )
    assert verdict.conflicts == ()
    assert [u.explanation for u in verdict.updates] == ["dead: 300 (Monday) → 412 (Thursday)"]
    assert verdict.status == "related"
    bounded = judged(
        "Health Minister Ana Ruiz said 300 people had died by Monday.",
        "Health Minister Ana Ruiz said 412 people had died by Thursday.",
    )
    assert bounded.conflicts == ()
    # Guard: another event's days in the same passage still clash.
    guard = judged(
        "The death toll rose to 300 on Monday, and the bridge reopened on Monday.",
        "The death toll rose to 412 on Thursday, and the bridge reopened on Tuesday.",
    )
    assert [c.explanation for c in guard.conflicts] == ["resumption: Monday ≠ Tuesday"]


def test_a_link_with_a_value_that_changed_over_time_is_never_agree() -> None:
    # The role agrees, the count changed between two days: the reader must weigh it.
    verdict = judged(
        "Health Minister Ana Ruiz said on Monday that 300 people had died, and the port "
        "reopened on May 2.",
        "Health Minister Ana Ruiz said on Thursday that 412 people had died, and the port "
        "reopened on May 2.",
    )
    assert [u.explanation for u in verdict.updates] == ["dead: 300 (Monday) → 412 (Thursday)"]
    assert verdict.conflicts == ()
    assert verdict.status == "related"


def test_figures_both_sides_state_but_nobody_compared_leave_the_link_unconfirmed() -> None:
    # The verb and the day agree; the rates (the news) were not compared, one being the
    # capital's: no "agree".
    trap = judged(
        "ORLEN, Westmark (NWS) - The Bank of Westmark raised its main interest rate to 3.25% "
        "on Tuesday, saying prices were rising too fast.",
        "Homeowners across Orlen are bracing for higher bills after the Bank of Westmark "
        "raised the key rate to 3.5% in the capital on Tuesday.",
    )
    assert trap.conflicts == ()
    assert trap.status == "related"
    # Guard: the same figures compared and equal still agree.
    guard = judged(
        "The Bank of Westmark raised its main interest rate to 3.5% on Tuesday.",
        "The Bank of Westmark raised the key rate to 3.5% on Tuesday.",
    )
    assert guard.status == "agree"


# ---------------------------------------------------------------------------------------
# Names and speakers


def test_an_abbreviation_with_and_without_stops_is_one_name() -> None:
    verdict = judged(
        "White House delays tariffs on EU, Canada, Mexico ahead of talks",
        "White House Delays Tariffs on E.U., Canada and Mexico for 30 Days.",
    )
    assert verdict.conflicts == ()


def test_two_names_in_one_slot_still_conflict() -> None:
    verdict = judged(
        "The ministry delayed the tariffs on Canada for another 30 days on Monday.",
        "The ministry delayed the tariffs on Mexico for another 30 days on Monday.",
    )
    assert verdict.status == "contradict"


QUOTE = '"We will restore the line within a week and compensate every commuter,"'


def test_an_occasion_after_the_speech_verb_is_not_the_speaker() -> None:
    left = f"{QUOTE} Northline Rail said in its statement Monday evening."
    (quote,) = [c for c in extract_claims(left) if isinstance(c, QuoteClaim)]
    assert quote.speaker is not None and quote.speaker.text == "Northline Rail"
    verdict = judged(left, f"{QUOTE} Northline Rail added.")
    assert verdict.conflicts == ()


def test_a_remark_given_to_two_speakers_still_conflicts() -> None:
    verdict = judged(
        f"{QUOTE} said transport minister Kai Lund.", f"{QUOTE} said operator chief Mia Roe."
    )
    assert [c.kind for c in verdict.conflicts] == ["attribution"]


# ---------------------------------------------------------------------------------------
# Who a count counts


def test_a_count_naming_its_own_noun_is_not_the_earlier_groups() -> None:
    verdict = judged(
        "Between 150 and 200 refugees plan to file asylum claims in the coming days.",
        '"We wish the state could take more than a few hundred refugees at a time, since it '
        'can detain more than 1,000 people in a single raid," the lawyer said.',
    )
    assert verdict.conflicts == ()


def test_two_counts_of_one_group_still_conflict() -> None:
    verdict = judged(
        "Between 150 and 200 refugees crossed the bridge on Sunday.",
        "About 400 refugees crossed the bridge on Sunday.",
    )
    assert [c.kind for c in verdict.conflicts] == ["number"]


def test_a_measure_word_in_a_from_phrase_does_not_govern_a_later_figure() -> None:
    verdict = judged(
        "Korea won its exemption from steel tariffs by agreeing to quotas that will cut its "
        "steel shipments by about 30 percent from 2017 levels.",
        "The 25 percent tariffs on steel were set to take effect on Tuesday.",
    )
    assert verdict.conflicts == ()
    guard = judged(
        "The 20 percent tariffs on steel were set to take effect on Tuesday.",
        "The 25 percent tariffs on steel were set to take effect on Tuesday.",
    )
    assert [c.kind for c in guard.conflicts] == ["percent"]


def test_an_expected_decision_does_not_agree_with_one_taken() -> None:
    trap = judged(
        "Marsh is also expected to approve the legislature's spending bill.",
        "Barely a day after the legislature passed the spending bill, Marsh spoke.",
    )
    assert trap.status == "related"
    guard = judged(
        "Marsh approved the legislature's spending bill on Friday.",
        "On Friday the governor approved the spending bill.",
    )
    assert guard.status == "agree"


# ---------------------------------------------------------------------------------------
# Which verb a date belongs to


def test_a_date_after_another_verb_is_not_the_event_words() -> None:
    trap = judged(
        "Shippers were left in suspense about how the quota deadline would play out until "
        "late Monday.",
        "The temporary exemptions were set to expire Tuesday.",
    )
    assert trap.conflicts == ()
    guard = judged(
        "The minister's letter indicates his final day in office will be March 31.",
        "The minister will leave the cabinet on April 15.",
    )
    assert [c.kind for c in guard.conflicts] == ["date"]


def test_two_plain_dates_of_one_decision_stay_a_clash() -> None:
    verdict = judged(
        "The appeals court on Monday upheld the ban on night flights.",
        "The appeals court on Tuesday struck down the ban on night flights.",
    )
    assert verdict.status == "contradict"
    assert verdict.updates == ()
