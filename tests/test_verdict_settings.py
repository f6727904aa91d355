"""The hedge tolerances are user settings: the verdict follows them."""

from core.model import Settings
from core.verdict import judge

A = "About 200 people died in the flood."
B = "Roughly 190 people died in the flood."


def test_default_tolerance_reads_hedged_counts_as_agreeing():
    assert judge(A, B, score=0.5, settings=Settings()).status == "agree"


def test_a_tight_tolerance_turns_them_into_a_contradiction():
    tight = Settings(approximate_tolerance=0.01)
    verdict = judge(A, B, score=0.5, settings=tight)
    assert verdict.status == "contradict"
    assert verdict.conflicts[0].kind == "number"
