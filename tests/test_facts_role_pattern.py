"""The role words' pattern, with its word boundary and first letters tested once and its words
grouped by first letter (core.facts.words.alternation), finds what one boundary per role and
one alternative per word find."""

import re

from conftest import CORPUS
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.facts import roles


def _alternation(words):
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


PLAIN = re.compile(
    "|".join(
        f"(?P<{role}>\\b(?:{_alternation(role_words)})\\b)"
        for role, role_words in roles._VOCAB.roles.items()
    ),
    re.IGNORECASE,
)
ROLE_WORDS = sorted({w for words in roles._VOCAB.roles.values() for w in words})


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_the_same_matches_on_the_corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _matches(roles._role_re(), text) == _matches(PLAIN, text)
        assert _matches(PLAIN, text)  # role words are found at all


pieces = st.one_of(
    st.sampled_from(ROLE_WORDS),
    st.sampled_from(["", " ", "-", "s", "ed", "un", "X", "$5", ",", " of ", "\u212a", "\u017f"]),
)


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=12), st.integers(0, 10))
def test_the_same_matches_and_prefix_matches_on_role_words(parts, at):
    text = "".join(parts)
    assert _matches(roles._role_re(), text) == _matches(PLAIN, text)
    mine, plain = roles._role_re().match(text, at), PLAIN.match(text, at)
    assert (mine and (mine.span(), mine.lastgroup)) == (plain and (plain.span(), plain.lastgroup))
