"""Verdicts on linked passage pairs: what contradicts, what agrees, and mirror symmetry."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import Conflict, Settings
from core.verdict import Verdict, judge

SETTINGS = Settings()


def _judge(left: str, right: str, score: float = 0.9) -> Verdict:
    return judge(left, right, score=score, settings=SETTINGS)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Corpus 002 / 003 / 004 on OpenAI's valuation: hedged, differently written, agreeing.
        (
            "OpenAI is valued at over half a trillion dollars.",
            "OpenAI has a staggering valuation of $500 billion.",
        ),
        ("OpenAI is valued at over $500 billion.", "OpenAI is now worth more than $500 billion."),
        (
            "OpenAI is valued at over half a trillion dollars.",
            "OpenAI is now worth more than $500 billion.",
        ),
        (
            "Musk offered to buy OpenAI for nearly $100 billion.",
            "Musk offered $97.4 billion to buy OpenAI.",
        ),
        ("A dozen people died in the blast.", "12 people died in the blast."),
        ("About 200 people were arrested.", "Roughly 190 people were arrested."),
        ("Microsoft invested $13bn in OpenAI.", "Microsoft invested $13 billion in OpenAI."),
        ("Unemployment is 10 percent.", "Unemployment is 10%."),
        # A list of values contradicts nothing when one of them fits.
        (
            "Its private valuation surged to $100 billion, then soared to over $500 billion.",
            "The company now has a valuation of $500 billion.",
        ),
        # Different roles are different things.
        (
            "Microsoft invested $13 billion in OpenAI, now valued at $500 billion.",
            "OpenAI is valued at $500 billion.",
        ),
        (
            "The suspect, from Aventura, was arrested in Plantation.",
            "The suspect was arrested in Plantation, Florida.",
        ),
        ("Completion is slated for July 2026.", "Completion is slated for 2026."),
        ("Musk sued OpenAI in early 2024.", "Musk sued OpenAI in 2024."),
        (
            "Barack Obama cancels meeting over Edward Snowden.",
            "Barack Obama drops meeting over Ed Snowden affair.",
        ),
    ],
)
def test_agreeing_pairs_have_no_conflict(left: str, right: str) -> None:
    verdict = _judge(left, right)
    assert verdict.conflicts == ()
    # "agree" needs a checked claim pair or near-verbatim text; names alone are "related".
    assert verdict.status != "contradict"


@pytest.mark.parametrize(
    ("left", "right", "kind", "explanation"),
    [
        (
            "Microsoft has invested over $13 billion in OpenAI since 2019.",
            "Microsoft has invested $10 billion in OpenAI since 2019.",
            "money",
            "investment: over $13 billion ≠ $10 billion",
        ),
        (
            "Microsoft has invested $13 billion in OpenAI since 2019.",
            "Microsoft has invested $13 billion in OpenAI since 2020.",
            "date",
            "2019 ≠ 2020",
        ),
        (
            "At least 22 dead after China earthquake.",
            "At least 89 dead in China earthquake.",
            "number",
            "dead: At least 22 ≠ At least 89",
        ),
        (
            "14 people were killed and 3 injured.",
            "14 killed, 5 injured.",
            "number",
            "injured: 3 ≠ 5",
        ),
        (
            "Unemployment rose to 10 percent.",
            "Unemployment rose to 12%.",
            "percent",
            "unemployment: 10 percent ≠ 12%",
        ),
        (
            "Completion is slated for July 2026.",
            "Completion is slated for June 2026.",
            "date",
            "July 2026 ≠ June 2026",
        ),
        (
            "The suspect was arrested at 11:47 p.m.",
            "The suspect was arrested at 11:47 a.m.",
            "time",
            "arrest: 11:47 p.m. ≠ 11:47 a.m.",
        ),
        (
            "Musk has even taken legal action to block this shift.",
            "Musk has not taken legal action to block this shift.",
            "negation",
            "taken ≠ not taken",
        ),
        (
            "The two companies signed a non-binding agreement.",
            "The two companies signed a binding agreement.",
            "negation",
            "non-binding ≠ binding",
        ),
        (
            "Musk launched Grok under X (formerly known as Google), aiming to rival OpenAI.",
            "Musk launched Grok under X (formerly known as Twitter), aiming to rival OpenAI.",
            "organisation",
            "Google ≠ Twitter",
        ),
        (
            '"We will not back down," said Sanders.',
            '"We will not back down," said Pelosi.',
            "attribution",
            "speaker: Sanders ≠ Pelosi",
        ),
    ],
)
def test_changed_facts_contradict(left: str, right: str, kind: str, explanation: str) -> None:
    verdict = _judge(left, right)
    assert verdict.status == "contradict"
    assert [(c.kind, c.explanation) for c in verdict.conflicts] == [(kind, explanation)]


def test_conflict_spans_mark_the_words_in_each_text() -> None:
    left = "Microsoft has invested over $13 billion in OpenAI."
    right = "Microsoft has invested $10bn in OpenAI."
    (conflict,) = _judge(left, right).conflicts
    assert left[conflict.left_start : conflict.left_end] == conflict.left == "over $13 billion"
    assert right[conflict.right_start : conflict.right_end] == conflict.right == "$10bn"


def test_without_checked_claims_even_a_high_score_is_related() -> None:
    # A high word-overlap score is not a checked fact: only claims (or near-verbatim
    # wording) make a pair "agree".
    left, right = "Musk criticised the board.", "The board answered Musk's criticism."
    assert _judge(left, right, score=0.1).status == "related"
    assert _judge(left, right, score=0.99).status == "related"


def test_near_verbatim_text_agrees_without_claims() -> None:
    left = "Musk criticised the board on its handling of the matter."
    right = "Musk criticised the board over its handling of the matter."
    assert _judge(left, right, score=0.2).status == "agree"


def test_a_shared_value_makes_a_low_scored_pair_agree() -> None:
    verdict = _judge(
        "OpenAI is valued at $500 billion.", "Its valuation is $500 billion.", score=0.1
    )
    assert verdict.status == "agree"


def test_different_events_of_different_years_do_not_clash() -> None:
    # Corpus 000 and 004: a policy change in 2020 and a pivot in 2019 are two events.
    verdict = _judge(
        "In 2020, OpenAI changed its policies to allow military engagement.",
        "Altman and Musk diverged when OpenAI made its 2019 pivot from a nonprofit.",
    )
    assert verdict.conflicts == ()


def _mirrored(conflict: Conflict) -> tuple[object, ...]:
    return (
        conflict.kind,
        conflict.right,
        conflict.left,
        conflict.right_start,
        conflict.right_end,
        conflict.left_start,
        conflict.left_end,
    )


def _plain(conflict: Conflict) -> tuple[object, ...]:
    return (
        conflict.kind,
        conflict.left,
        conflict.right,
        conflict.left_start,
        conflict.left_end,
        conflict.right_start,
        conflict.right_end,
    )


def _assert_mirror(left: str, right: str) -> None:
    forward = _judge(left, right)
    backward = _judge(right, left)
    assert forward.status == backward.status
    assert sorted(map(_plain, forward.conflicts), key=repr) == sorted(
        map(_mirrored, backward.conflicts), key=repr
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Musk has even taken legal action.", "Musk has not taken legal action."),
        ("At least 22 dead, 19 hurt.", "89 dead and 17 hurt on Friday."),
        (
            "Musk launched Grok under X (formerly known as Google), aiming to rival OpenAI.",
            "Musk launched Grok under X (formerly known as Twitter), aiming to rival OpenAI.",
        ),
    ],
)
def test_judging_b_with_a_mirrors_a_with_b(left: str, right: str) -> None:
    _assert_mirror(left, right)


_NEWSY = st.lists(
    st.sampled_from(
        [
            "$13",
            "$10",
            "billion",
            "over",
            "nearly",
            "14",
            "15",
            "dead",
            "injured",
            "in",
            "2019",
            "2020",
            "May",
            "June",
            "Musk",
            "Altman",
            "said",
            "not",
            "binding",
            "non-binding",
            "valued",
            "at",
            "invested",
            "Google",
            "Twitter",
            ",",
            ".",
            '"',
            "the",
            "company",
            "a",
            "dozen",
            "12",
            "percent",
        ]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_NEWSY, _NEWSY)
def test_mirror_symmetry_holds_on_newsy_text(left: str, right: str) -> None:
    _assert_mirror(left, right)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=150), st.text(max_size=150), st.floats(0, 1))
def test_judge_never_crashes_and_spans_stay_inside(left: str, right: str, score: float) -> None:
    verdict = judge(left, right, score=score, settings=SETTINGS)
    assert verdict.status in ("agree", "related", "contradict")
    assert (verdict.status == "contradict") == bool(verdict.conflicts)
    for conflict in verdict.conflicts:
        assert left[conflict.left_start : conflict.left_end] == conflict.left
        assert right[conflict.right_start : conflict.right_end] == conflict.right
