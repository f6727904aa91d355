"""The per-link shortcuts of ``compare`` give what the plain computations they replace give."""

from __future__ import annotations

from dataclasses import fields

import pytest
from conftest import CORPUS

from core import compare as compare_module
from core.claims import ClaimPair
from core.compare import compare, judged_link, link_passages
from core.loading import load_path
from core.model import Comparison, Document, Link, Passage, PassagePair, PassageRef
from core.segment import segment
from core.settings import Settings

SETTINGS = Settings()

# Paragraphs that recur (wire copy, a repeated standfirst) with numbers and names that
# conflict across the two sides, so that links share texts and carry conflicts.
LEFT = """Floods killed 41 people in the province on Monday, officials said.

The governor, Maria Lopez, ordered an inquiry into the dam's collapse.

Floods killed 41 people in the province on Monday, officials said.

Rescuers searched for 12 missing villagers through the night.
"""
RIGHT = """Floods killed 38 people in the province on Monday, officials said.

Rescuers searched for 15 missing villagers through the night.

The governor, Maria Lopez, ordered an inquiry into the dam's collapse.

Floods killed 38 people in the province on Monday, officials said.

Rescuers searched for 12 missing villagers through the night.
"""


class _PlainLinks:
    """``_LinkJudge`` as it was: ``judged_link`` of each link, with its own refs."""

    def __init__(
        self, left: tuple[Passage, ...], right: tuple[Passage, ...], settings: Settings
    ) -> None:
        self.left, self.right, self.settings = left, right, settings

    def __call__(self, i: int, j: int, score: float, article_pairs: tuple[ClaimPair, ...]) -> Link:
        return judged_link(
            self.left[i],
            self.right[j],
            score=score,
            settings=self.settings,
            refs=(PassageRef("left", i), PassageRef("right", j)),
            article_pairs=article_pairs,
        )


def _documents() -> list[tuple[str, str]]:
    corpus = sorted(CORPUS.glob("*.txt"))
    texts = [load_path(path).text for path in corpus[:3]]
    return [(LEFT, RIGHT), (RIGHT, LEFT), (texts[0], texts[1]), (texts[1], texts[2])]


def _as_fields(link: Link) -> tuple[object, ...]:
    return tuple(getattr(link, f.name) for f in fields(Link))


@pytest.mark.parametrize("left_text, right_text", _documents())
def test_links_are_judged_link_of_each_pair(monkeypatch, left_text, right_text):
    left, right = segment(left_text, "left"), segment(right_text, "right")
    fast = link_passages(left, right, settings=SETTINGS)
    monkeypatch.setattr(compare_module, "_LinkJudge", _PlainLinks)
    plain = link_passages(left, right, settings=SETTINGS)
    assert [_as_fields(link) for link in fast] == [_as_fields(link) for link in plain]
    assert [vars(link) for link in fast] == [vars(link) for link in plain]


def test_the_example_exercises_both_paths():
    """The documents above have links with conflicts and links that share their texts, so
    the test above compares both of ``_LinkJudge``'s paths."""
    left, right = segment(LEFT, "left"), segment(RIGHT, "right")
    links = link_passages(left, right, settings=SETTINGS)
    assert any(link.conflicts for link in links)
    assert any(not link.conflicts for link in links)
    texts = [(left[link.left.index].text, right[link.right.index].text) for link in links]
    assert len(set(texts)) < len(texts)


def test_links_of_one_passage_share_its_ref():
    left, right = segment(LEFT, "left"), segment(RIGHT, "right")
    links = link_passages(left, right, settings=SETTINGS)
    for link in links:
        assert link.left is left[link.left.index].ref
        assert link.right is right[link.right.index].ref


def test_a_passage_segmented_for_the_other_side_gets_a_ref_of_its_own():
    """Corpus mode may pass one article's passages as either side: a link names the side
    it is on, never the one the passages were segmented for."""
    left, right = segment(RIGHT, "right"), segment(LEFT, "left")
    links = link_passages(left, right, settings=SETTINGS)
    assert links
    for link in links:
        assert (link.left.side, link.right.side) == ("left", "right")


def _comparison() -> Comparison:
    return compare(Document(LEFT), Document(RIGHT), settings=SETTINGS)


def test_link_by_pair_is_built_when_first_asked_and_finds_every_link():
    comparison = _comparison()
    assert comparison._link_by_pair is None
    for link in comparison.links:
        assert comparison.link(PassagePair(link.left, link.right)) is link
    assert comparison._link_by_pair == {link.pair: link for link in comparison.links}
    assert comparison.link(PassagePair(PassageRef("left", 99), PassageRef("right", 0))) is None


def test_a_comparison_equals_one_whose_pair_index_was_built():
    asked, fresh = _comparison(), _comparison()
    asked.link(asked.links[0].pair)
    assert asked == fresh
    assert repr(asked) == repr(fresh)
