"""The shortcuts in core.verdict give what the plain computations they replace give."""

from collections import Counter
from itertools import product

from conftest import CORPUS
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import verdict
from core.claims import RoleClaim
from core.claims.types import ClaimPair
from core.segment import segment
from core.settings import Settings


def _plain_name_substitutions(left: verdict._Side, right: verdict._Side) -> list[ClaimPair]:
    """``_name_substitutions`` as it was: every pair of names through ``_same_slot``."""
    if not left.names or not right.names:
        return []
    left_names = [f for f in left.names if not verdict._mentioned(f.word, right)]
    right_names = [f for f in right.names if not verdict._mentioned(f.word, left)]
    candidates = [
        (a, b)
        for a, b in product(left_names, right_names)
        if verdict._differ_as_names(a.word, b.word)
        and verdict._same_slot(
            left,
            verdict._span(a),
            right,
            verdict._span(b),
            shared_needed=verdict._NAME_SLOT_SHARED,
            both_adjacent=True,
        )
    ]
    pairs = []
    for a, b in _plain_one_to_one(candidates):
        kind = verdict._name_kind(a, b)
        claim_a = RoleClaim(verdict._span(a), a.word, "", "", "", name_kind=kind)
        claim_b = RoleClaim(verdict._span(b), b.word, "", "", "", name_kind=kind)
        pairs.append(ClaimPair(claim_a, claim_b, "conflict", "", f"{a.text} ≠ {b.text}"))
    return pairs


def _plain_one_to_one(pairs):
    return [
        (a, b)
        for a, b in pairs
        if sum(x is a for x, _ in pairs) == 1 and sum(y is b for _, y in pairs) == 1
    ]


SWAPPED = [
    (
        "Fire chief Martin Brennock said on Monday that the blaze was under control.",
        "Fire chief Ruben Salas said on Monday that the blaze was under control.",
    ),
    (
        "The deal was signed in Geneva by Maria Ortiz and Ahmed Karimi on Tuesday.",
        "The deal was signed in Vienna by Maria Ortiz and Ahmed Karimi on Tuesday.",
    ),
    (
        "Shares of Tesla fell after Elon Musk spoke in Austin.",
        "Shares of Tesla fell after Kimbal Musk spoke in Austin.",
    ),
]


def _corpus_sentences() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        texts += [p.text for p in segment(path.read_text(encoding="utf-8"), "left")]
    return texts


def test_name_substitutions_equal_the_plain_computation():
    sentences = [t for pair in SWAPPED for t in pair] + _corpus_sentences()
    sides = [verdict._side(t) for t in sentences]
    with_names = [s for s in sides if s.names]
    found = 0
    for left, right in product(with_names, with_names):
        expected = _plain_name_substitutions(left, right)
        assert verdict._name_substitutions(left, right) == expected
        found += bool(expected)
    assert found >= len(SWAPPED)  # not a comparison of empty lists alone


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12))
def test_one_to_one_counts_members_by_identity(indexes):
    # Equal but distinct members: two objects that compare equal are different members.
    lefts = [[i] for i in range(6)] + [[0]]
    rights = [[i] for i in range(6)]
    pairs = [(lefts[i], rights[j]) for i, j in indexes] + [(lefts[6], rights[0])]
    assert verdict._one_to_one(pairs) == _plain_one_to_one(pairs)


words = st.lists(st.sampled_from(["a", "b", "c", "d", "the", "e"]), max_size=15)


@hypothesis_settings(max_examples=300, deadline=None)
@given(words, words)
def test_shared_count_is_the_multiset_intersection(a, b):
    left, right = Counter(a), Counter(b)
    assert verdict._shared_count(left, right) == sum((left & right).values())


def test_judging_the_swapped_names_finds_the_clash():
    for left, right in SWAPPED:
        result = verdict.judge(left, right, score=0.9, settings=Settings())
        assert result.status == "contradict", (left, right, result)
