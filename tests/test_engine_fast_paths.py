"""The engine's shortcuts give exactly what the plain computation they skip would give.

Each fast path (a bound that settles a comparison without running it, a prefilter that
skips text a parser cannot match, a cache) is checked here against the slow path it
stands for, on generated inputs and on the corpus.
"""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from core.verdict import _changed_checkable_words, _checkable, _ratio, _Side, _Wording

# A small vocabulary, so that generated texts repeat words (where difflib's greedy
# matching depends on the order) and are often near-verbatim edits of each other.
_WORDS = ["the", "toll", "rose", "to", "12", "Musk", "said", "not", "on", "Monday", "OpenAI"]
_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)


def _slow_ratio(left: _Side, right: _Side) -> float:
    """difflib's ratio in both directions, matchers built afresh: what ``_ratio`` was."""
    a = [w for *_, w in left.words]
    b = [w for *_, w in right.words]
    if not a or not b:
        return 0.0
    forward = difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    backward = difflib.SequenceMatcher(a=b, b=a, autojunk=False).ratio()
    return min(forward, backward)


def _slow_changed(left: _Side, right: _Side) -> list[tuple[bool, int]]:
    a = [w for *_, w in left.words]
    b = [w for *_, w in right.words]
    if not a or not b:
        return []
    found = []
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        for side, lo, hi in ((left, i1, i2), (right, j1, j2)):
            for index in range(lo, hi):
                start, end, _ = side.words[index]
                if _checkable(side.text[start:end], first=index == 0):
                    found.append((side is left, start))
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXTS, _TEXTS, st.sampled_from([0.5, 0.85, 0.0, 1.0, 0.3]))
def test_ratio_bound_decides_as_difflib_does(left: str, right: str, threshold: float) -> None:
    a, b = _Side.of(left), _Side.of(right)
    slow = _slow_ratio(a, b)
    assert _Wording(a, b).ratio_at_least(threshold) == (slow >= threshold)
    assert _ratio(_Wording(a, b)) == slow


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS)
def test_changed_words_match_fresh_matchers(left: str, right: str) -> None:
    a, b = _Side.of(left), _Side.of(right)
    wording = _Wording(a, b)
    assert _changed_checkable_words(wording, True) == _slow_changed(a, b)
    assert _changed_checkable_words(wording, False) == _slow_changed(b, a)
