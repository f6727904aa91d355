"""The shortcuts in core.verdict give what the plain computations they replace give."""

import re
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
    shared = verdict._shared_count(left, right, verdict._repeated(left), verdict._repeated(right))
    assert shared == sum((left & right).values())


def test_judging_the_swapped_names_finds_the_clash():
    for left, right in SWAPPED:
        result = verdict.judge(left, right, score=0.9, settings=Settings())
        assert result.status == "contradict", (left, right, result)


def _plain_occurrence(fact, negated, plain):
    """``_plain_occurrence`` as it was, without the check that the stem occurs at all."""
    if any(f.word == fact.word for f in plain.negations):
        return None
    if verdict._states_plainly(negated, fact.word, outside=fact):
        return None
    for start, end, word in plain.words:
        if verdict.stem(word) != fact.word or verdict._negated_before(plain.text, start):
            continue
        if verdict._shares_context(fact, negated, plain, start, end):
            return (start, end)
    return None


NEGATED = [
    ("The council did not approve the budget on Monday.", "The council approved the budget."),
    ("The ruling is non-binding, the court said.", "The court said the ruling is binding."),
    (
        "Officials in the northern province said on Tuesday that the old dam was not damaged.",
        "Officials in the northern province said on Tuesday that the old dam was damaged.",
    ),
]


def test_plain_occurrences_of_a_negated_word_equal_the_plain_search():
    """A negated word the other passage lacks is looked for no further, on every pair of
    corpus sentences with a negation; some pairs do state it plainly."""
    sentences = [t for pair in NEGATED for t in pair] + _corpus_sentences()
    sides = [verdict._side(t) for t in sentences]
    negated = [s for s in sides if s.negations]
    found = 0
    for side, other in product(negated, sides):
        for fact in side.negations:
            expected = _plain_occurrence(fact, side, other)
            occurrence = verdict._plain_occurrence(fact, side, other)
            assert (occurrence and (occurrence.start, occurrence.end)) == expected
            found += expected is not None
    assert found >= 3


def _plain_judged_link(left, right, *, score, settings, refs, article_pairs):
    """``judged_link`` as it was: every link through the merge, the sort and the shift."""
    from dataclasses import replace

    from core.model import Link

    result = verdict.judge(left.text, right.text, score=score, settings=settings)
    conflicts = list(result.conflicts) + list(result.updates)
    seen = {(c.measure, c.left_start, c.right_start) for c in conflicts}
    for pair in article_pairs:
        if pair.relation in ("conflict", "update"):
            extra = verdict.conflict_of(pair)
            if (extra.measure, extra.left_start, extra.right_start) not in seen:
                conflicts.append(extra)
                seen.add((extra.measure, extra.left_start, extra.right_start))
    status = result.status
    if any(c.relation == "conflict" for c in conflicts):
        status = "contradict"

    def shift(offset, base):
        return offset + base if offset >= 0 else -1

    return Link(
        left=refs[0],
        right=refs[1],
        status=status,
        score=round(score, 4),
        conflicts=tuple(
            replace(
                c,
                left_start=shift(c.left_start, left.start),
                left_end=shift(c.left_end, left.start),
                right_start=shift(c.right_start, right.start),
                right_end=shift(c.right_end, right.start),
            )
            for c in sorted(conflicts, key=lambda c: (c.left_start, c.right_start))
        ),
    )


def test_judged_links_equal_the_plain_merge_on_the_corpus():
    """Every link (and every article claim pair) of every ordered pair of corpus articles,
    judged with and without the shortcut for links with nothing to merge."""
    from core.compare import claims_across, judged_link
    from core.model import PassageRef

    settings = Settings()
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    docs = [segment(text, "left") for text in texts]
    # Each article again with its numbers changed: links with conflicts to merge.
    edited = [
        segment(re.sub(r"\d+", lambda m: str(int(m[0]) + 3), text), "right") for text in texts
    ]
    kinds = Counter()
    for left, right in [*product(docs, docs), *zip(docs, edited, strict=True)]:
        by_pair = {}
        for item in claims_across(left, right, settings=settings):
            by_pair.setdefault((item.left_passage, item.right_passage), []).append(item.pair)
        cells = set(by_pair) | {(i, i) for i in range(min(len(left), len(right), 12))}
        for i, j in sorted(cells):
            arguments = {
                "score": 0.61237,
                "settings": settings,
                "refs": (PassageRef("left", i), PassageRef("right", j)),
                "article_pairs": tuple(by_pair.get((i, j), ())),
            }
            link = judged_link(left[i], right[j], **arguments)
            assert link == _plain_judged_link(left[i], right[j], **arguments)
            kinds[bool(link.conflicts)] += 1
    assert kinds[True] and kinds[False]


def test_judged_links_with_only_updates_or_article_conflicts_keep_them():
    """A link whose verdict has an update and no conflict, and one whose only conflict
    comes from the article's claim pairs, against the plain merge."""
    from core.compare import judged_link
    from core.model import PassageRef

    settings = Settings()
    updated = segment(
        "300 dead on Monday, officials said. 412 dead on Thursday, officials said.", "left"
    )
    assert verdict.judge(updated[0].text, updated[1].text, score=1, settings=settings).updates
    clash = verdict.judge(
        "The quake killed 3,145 people.", "The death toll is 3,085.", score=1, settings=settings
    )
    calm = segment("The quake killed people. The toll is not known.", "left")
    for left, right, article_pairs in [
        (updated[0], updated[1], ()),
        (calm[0], calm[1], clash.claim_pairs),
        (updated[0], updated[1], clash.claim_pairs),
    ]:
        arguments = {
            "score": 0.5,
            "settings": settings,
            "refs": (PassageRef("left", 0), PassageRef("right", 1)),
            "article_pairs": article_pairs,
        }
        link = judged_link(left, right, **arguments)
        assert link.conflicts
        assert link == _plain_judged_link(left, right, **arguments)


def _plain_substitutions(left, right, settings):
    """``_substitutions`` as it was: each kind's claims, keys and subjects read per link."""
    found = []
    if not left.claims or not right.claims:
        return found
    key, free = verdict._value_key, verdict._unsubjected
    for kind in (verdict.QuantityClaim, verdict.DateClaim, verdict.TimeClaim):
        a_all = [c for c in left.claims if isinstance(c, kind)]
        b_all = [c for c in right.claims if isinstance(c, kind)]
        if not a_all or not b_all:
            continue
        left_values = {key(c) for c in a_all}
        right_values = {key(c) for c in b_all}
        candidates = [
            (a, b)
            for a, b in product(a_all, b_all)
            if (free(a) or free(b))
            and key(a) not in right_values
            and key(b) not in left_values
            and verdict._same_slot(left, a.span, right, b.span)
        ]
        for a, b in _plain_one_to_one(candidates):
            pair = verdict._compare_unlabelled(a, b, settings)
            if pair is not None:
                found.append(pair)
        a_free = [c for c in a_all if free(c)]
        b_free = [c for c in b_all if free(c)]
        for a in a_free:
            same = [b for b in b_free if key(b) == key(a)]
            if len(same) == 1 and sum(key(x) == key(a) for x in a_free) == 1:
                found.append(
                    ClaimPair(a, same[0], "agree", "", f"{a.span.text} = {same[0].span.text}")
                )
    return found


VALUES = [
    (
        "In 2019 the firm paid $5 million, then $7 million in 2020, on March 3 at 10 a.m.",
        "In 2019 the firm paid $5 million, then $9 million in 2020, on March 4 at 10 a.m.",
    ),
    ("Since 2019 the plant has run at 80 percent.", "Since 2020 the plant has run at 80 percent."),
    ("On Monday, 12 and 12 were seen; in 2024 and 2024.", "On Monday, 12 were seen in 2024."),
]


def test_substitutions_equal_the_plain_computation():
    """Values read once per passage, against each link reading them, on every pair of
    corpus sentences with values; some pairs are substitutions, some shared values."""
    settings = Settings()
    sentences = [t for pair in VALUES for t in pair] + _corpus_sentences()
    sides = [s for s in (verdict._side(t) for t in sentences) if s.figures or s.claims]
    relations = Counter()
    for left, right in product(sides, sides):
        expected = _plain_substitutions(left, right, settings)
        assert verdict._substitutions(left, right, settings) == expected
        relations.update(p.relation for p in expected)
    assert relations["agree"] > 10 and relations["conflict"] >= 2
