"""The date pattern, with its lookahead for the characters a date can start with, finds
what the pattern without it finds."""

import json
import re

from conftest import CORPUS, SHARED
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.facts import dates

LOOKAHEAD = r"(?=[A-Z\d]|\b(?:" + dates._DATE_HEDGE + r"))"
assert dates._date_re().pattern.startswith(LOOKAHEAD)
PLAIN = re.compile(dates._date_re().pattern.removeprefix(LOOKAHEAD), re.VERBOSE)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rows = SHARED / "eval" / "ecbplus_test_sentence_pairs.jsonl"
    if rows.exists():
        lines = rows.read_text(encoding="utf-8").splitlines()[:3000]
        texts += [json.loads(line)["a"] for line in lines]
    return texts


def test_the_same_dates_in_articles_and_sentences():
    found = 0
    for text in _texts():
        expected = _matches(PLAIN, text)
        assert _matches(dates._date_re(), text) == expected
        found += len(expected)
    assert found > 20


pieces = st.sampled_from(
    [
        *sorted(dates._DATE_HEDGES),
        *[m.capitalize() for m in dates.MONTHS],
        *[d.capitalize() for d in dates.WEEKDAYS],
        *sorted(dates._VOCAB.month_context),
        "May",
        "Sept.",
        "2024",
        "1990s",
        "3rd",
        "٣",
        "12",
        "2019-05-24",
        " ",
        ", ",
        " of ",
        "-",
        "in ",
        "x",
        "$",
        "%",
    ]
)


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=10))
def test_the_same_dates_in_runs_of_date_words(parts):
    text = "".join(parts)
    assert _matches(dates._date_re(), text) == _matches(PLAIN, text)


def test_dates_that_start_with_a_hedge_or_a_digit_of_another_script():
    for text in ("on ٣ May 2024", "by the beginning of May 2024", "in May", "on 2019-05-24"):
        expected = _matches(PLAIN, text)
        assert expected and _matches(dates._date_re(), text) == expected, text
