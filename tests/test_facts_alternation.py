"""``alternation`` groups words by first character without changing a match."""

import re

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.facts.words import alternation

# Few characters, so that words share first letters and prefixes and differ in case.
word = st.text(alphabet="abAB .$-é", min_size=1, max_size=5)
text = st.text(alphabet="abAB .$-éx", max_size=30)


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _matches(pattern: str, flags: int, subject: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, subject, flags)]


@hypothesis_settings(max_examples=600, deadline=None)
@given(st.lists(word, min_size=1, max_size=8, unique=True), text, st.data())
def test_the_same_matches_as_one_alternative_per_word(words, subject, data):
    # The words themselves, in either case, between other characters: where they match.
    pieces = st.one_of(st.sampled_from(words), st.sampled_from(words).map(str.swapcase), text)
    subject += "".join(data.draw(st.lists(pieces, max_size=6)))
    grouped, plain = alternation(words), _plain(words)
    # Alone, and followed by what makes a shorter word the match ("ab" before "b").
    for template in ("(?:{})", r"(?:{})\b", "(?:{})b", r"\b(?:{})(?: a)?(?=\s|$)"):
        for flags in (0, re.IGNORECASE):
            assert _matches(template.format(grouped), flags, subject) == _matches(
                template.format(plain), flags, subject
            ), (template, flags)


def test_words_are_grouped_only_when_their_first_letters_cannot_meet():
    assert alternation(["valuation", "value", "stake"]) == r"v(?:aluation|alue)|s(?:take)"
    # "Value" and "valuation" would both match "VALU..." without case: not grouped.
    assert alternation(["Value", "valuation"]) == "valuation|Value"
    assert alternation(["€uro", "ecu"]) == r"€uro|ecu"


def test_a_longer_word_in_another_case_still_matches_first():
    # Grouped by first letter, "a" would be tried before "Ab" and match "ab" short.
    words = ["abcd", "Ab", "a"]
    assert _matches(alternation(words), re.IGNORECASE, "ab") == [(0, 2)]
