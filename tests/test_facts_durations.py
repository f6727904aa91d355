"""Long durations ("200,000 years ago") are read without breaking the number's written form."""

import pytest

from core.claims import extract_claims
from core.facts import extract_facts, interval
from core.settings import Settings


@pytest.mark.parametrize(
    "text",
    [
        "Humans left Africa some 200,000 years ago.",
        "The universe formed 13.7 billion years ago.",
        "The tree is 4,000 years old and the rock 2.5 million years old.",
    ],
)
def test_long_durations_are_read(text: str) -> None:
    durations = [f for f in extract_facts(text) if f.kind == "duration"]
    assert durations, text
    for fact in durations:
        low, high = interval(fact, settings=Settings())
        assert 0 < low <= high
    extract_claims(text)  # and the claims built on them do not fail


def test_a_long_duration_keeps_its_size() -> None:
    (fact,) = [f for f in extract_facts("It began 200,000 years ago.") if f.kind == "duration"]
    low, high = interval(fact, settings=Settings())
    assert 7.0e7 < low <= high < 7.4e7  # 200,000 years in days
