"""The dense paths of core.align for small inputs give the sparse paths' values bit for bit."""

import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import python_output
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import align
from core.model import Settings
from core.segment import segment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

TERMS = [f"t{i}" for i in range(30)]
bags = st.lists(
    st.dictionaries(st.sampled_from(TERMS), st.floats(0.15, 1.5), min_size=0, max_size=12),
    min_size=1,
    max_size=12,
)


def _sparse(left: list[dict[str, float]], right: list[dict[str, float]], w: float) -> np.ndarray:
    return align._all_pairs(align._vectors(left, right, w))


@hypothesis_settings(max_examples=300, deadline=None)
@given(bags, bags, st.sampled_from([0.3, 0.5, 1.0]))
def test_dense_all_pairs_equals_sparse(left, right, weight):
    dense = align.all_pairs_of(left, right, weight)
    assert dense.dtype == np.float32 and dense.shape == (len(left), len(right))
    assert np.array_equal(dense, _sparse(left, right, weight))


def test_dense_all_pairs_equals_sparse_on_articles():
    from speed import build_articles

    s = Settings()
    articles = [segment(text, "left") for text in build_articles(4, 1400, seed=3)]
    for left in articles:
        for right in articles:
            lt = [align.terms_of(p.text) for p in left]
            rt = [align.terms_of(p.text) for p in right]
            pairs = [
                (align._in_context(left, lt, 0.5), align._in_context(right, rt, 0.5)),
                (align._fact_bags(lt), align._fact_bags(rt)),
            ]
            for lb, rb in pairs:
                dense = align.all_pairs_of(lb, rb, s.story_rarity_weight)
                assert np.array_equal(dense, _sparse(lb, rb, s.story_rarity_weight))


def test_large_inputs_take_the_sparse_path(monkeypatch: pytest.MonkeyPatch):
    left = [{"a": 1.0, "b": 0.5}, {"b": 1.0}]
    right = [{"a": 0.7}, {"c": 1.0, "b": 0.2}]
    expected = align.all_pairs_of(left, right, 0.5)
    monkeypatch.setattr(align, "_SPARSE_FROM_PRODUCTS", 0)
    assert np.array_equal(align.all_pairs_of(left, right, 0.5), expected)


word_lists = st.lists(st.lists(st.sampled_from(TERMS), unique=True, max_size=10), max_size=10)


def _terms(words: list[str], numbers: list[str]) -> align.PassageTerms:
    return align.PassageTerms({}, frozenset(), "", tuple(words), tuple(numbers))


@hypothesis_settings(max_examples=300, deadline=None)
@given(word_lists, word_lists, word_lists, word_lists)
def test_dense_shared_counts_equal_sparse(left_words, right_words, left_nums, right_nums):
    left = [_terms(w, n) for w, n in zip(left_words, left_nums, strict=False)]
    right = [_terms(w, n) for w, n in zip(right_words, right_nums, strict=False)]
    dense = align.shared_counts(left, right)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_SPARSE_FROM_PRODUCTS", 0)
        sparse = align.shared_counts(left, right)
    assert dense.keys() == sparse.keys()
    for name, value in dense.items():
        assert value.dtype == np.float32
        assert np.array_equal(value, sparse[name]), name


def test_similarity_with_coded_articles_equals_the_sparse_path():
    from speed import build_articles

    s = Settings()
    articles = [segment(text, "left") for text in build_articles(5, 1400, seed=8)]
    pairs = [(left, right) for left in articles for right in articles if left is not right]
    fast = [align.similarity(left, right, settings=s) for left, right in pairs]
    again = [align.similarity(left, right, settings=s) for left, right in pairs]  # cached
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_SPARSE_FROM_PRODUCTS", 0)
        slow = [align.similarity(left, right, settings=s) for left, right in pairs]
    for one, two, three in zip(fast, again, slow, strict=True):
        assert np.array_equal(one, three) and np.array_equal(two, three)


def test_many_products_take_the_sparse_path(monkeypatch: pytest.MonkeyPatch):
    left = [{"a": 1.0, "b": 0.5}, {"b": 1.0}]
    right = [{"a": 0.7}, {"c": 1.0, "b": 0.2}]
    # Three products: "a" once on each side, "b" twice on the left and once on the right.
    monkeypatch.setattr(align, "_SPARSE_FROM_PRODUCTS", 4)
    assert align._dense_pairs(align._code(left), align._code(right), 0.5) is not None
    monkeypatch.setattr(align, "_SPARSE_FROM_PRODUCTS", 3)
    assert align._dense_pairs(align._code(left), align._code(right), 0.5) is None
    assert np.array_equal(align.all_pairs_of(left, right, 0.5), _sparse(left, right, 0.5))


pairs_lists = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=30)


@hypothesis_settings(max_examples=300, deadline=None)
@given(pairs_lists)
def test_distinct_pairs_equal_numpy_unique(pairs):
    found = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    expected = np.unique(found, axis=0)
    got = align._distinct_pairs(found)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-5, 40), max_size=40))
def test_distinct_equals_numpy_unique(values):
    found = np.array(values, dtype=np.int64)
    expected = np.unique(found)
    got = align._distinct(found)
    assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_many_passages_and_terms_take_the_numpy_path():
    # Hundreds of passages a side over thousands of terms: passages x vocabulary is far
    # beyond what a dense matrix should hold, the products of shared terms are not.
    rng = np.random.default_rng(5)
    terms = [f"w{i}" for i in range(6000)]

    def side(count: int) -> list[dict[str, float]]:
        return [
            {terms[k]: float(rng.uniform(0.15, 1.5)) for k in rng.integers(0, 6000, 25)}
            for _ in range(count)
        ]

    left, right = side(700), side(650)
    coded = align._dense_pairs(align._code(left), align._code(right), 0.6)
    assert coded is not None
    assert np.array_equal(coded, _sparse(left, right, 0.6))


@pytest.mark.parametrize(
    "words", [20000, pytest.param(50000, marks=pytest.mark.slow)], ids=["20k", "50k"]
)
def test_a_long_comparison_needs_neither_scipy_nor_numpy_ma(words: int):
    # Importing scipy.sparse costs ~0.15 s of CPU and numpy.ma ~0.07 s, more than aligning
    # two articles of 20,000 words a side: that alignment, and its claim evidence, run on
    # numpy alone, as do those of 50,000 words a side.
    script = f"""
import sys
sys.path.insert(0, "bench")
from speed import build_pair
from core.align import assign, similarity
from core.compare import claim_evidence, claims_across
from core.segment import segment
from core.settings import Settings
left, right = build_pair({words}, seed={words})
lp, rp = segment(left, "left"), segment(right, "right")
s = Settings()
evidence = claim_evidence(claims_across(lp, rp, settings=s), len(lp), len(rp))
assert evidence is not None
links = assign(similarity(lp, rp, settings=s, evidence=evidence), lp, rp, settings=s)
assert links
print(sorted(m for m in ("scipy.sparse", "numpy.ma") if m in sys.modules))
"""
    assert python_output(script) == "[]"


# ------------------------------------------------- products listed a block at a time

entry_rows = st.lists(st.integers(0, 9), max_size=40).map(sorted)


@hypothesis_settings(max_examples=300, deadline=None)
@given(entry_rows, st.data(), st.integers(1, 12), st.one_of(st.none(), st.integers(1, 4)))
def test_blocks_cut_whole_rows_within_their_budget(rows, data, budget, max_rows):
    rows = np.array(rows, dtype=np.int64)
    products = np.array(
        data.draw(st.lists(st.integers(0, 5), min_size=len(rows), max_size=len(rows))),
        dtype=np.int64,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_PRODUCTS_AT_ONCE", budget)
        blocks = align._blocks(rows, products, max_rows)
    # In order, nothing left out, never splitting a row.
    stops = [0, *(stop for _, stop in blocks)]
    assert [start for start, _ in blocks] == stops[:-1] and stops[-1] == rows.size
    for start, stop in blocks:
        assert start < stop
        assert start == 0 or rows[start - 1] != rows[start]
        one_row = rows[start] == rows[stop - 1]
        assert one_row or products[start:stop].sum() <= budget
        assert max_rows is None or one_row or rows[stop - 1] - rows[start] < max_rows


@hypothesis_settings(max_examples=200, deadline=None)
@given(bags, bags, st.sampled_from([0.3, 0.5, 1.0]), st.integers(1, 9))
def test_products_in_small_blocks_equal_sparse(left, right, weight, budget):
    a, b = align._vectors(left, right, weight)
    expected = align._Sparse.of(a @ b.T)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_PRODUCTS_AT_ONCE", budget)
        dense = align._dense_pairs(align._code(left), align._code(right), weight)
        entries = align._pair_entries(align._code(left), align._code(right), weight)
    assert dense is not None and entries is not None
    assert dense.tobytes() == align._all_pairs((a, b)).tobytes()
    # The same entries (each pair once; a sparse product leaves a row's columns unsorted).
    shape = (len(left), len(right))
    assert entries.values.size == expected.values.size
    assert entries.dense(shape).tobytes() == expected.dense(shape).tobytes()


@hypothesis_settings(max_examples=200, deadline=None)
@given(word_lists, word_lists, st.integers(1, 9), st.integers(1, 3))
def test_shared_counts_in_small_blocks_equal_sparse(left_words, right_words, budget, rows):
    left = [_terms(w, []) for w in left_words]
    right = [_terms(w, []) for w in right_words]
    if not left or not right:
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_SPARSE_FROM_PRODUCTS", 0)
        sparse = align._shared_count_features(left, right)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "_PRODUCTS_AT_ONCE", budget)
        patch.setattr(align, "_PRODUCT_BLOCK", rows)
        blocked = align._shared_count_features(left, right)
        for name, build in blocked.items():
            start = np.linspace(-1, 1, len(left) * len(right), dtype=np.float32)
            added, expected = start.reshape(len(left), len(right)), start.reshape(len(left), -1)
            added, expected = added.copy(), expected.copy()
            build().add_to(added, np.float32(0.7))
            sparse[name]().add_to(expected, np.float32(0.7))
            assert added.tobytes() == expected.tobytes(), name
            shape = (len(left), len(right))
            assert (
                align._dense(build(), shape).tobytes()
                == align._dense(sparse[name](), shape).tobytes()
            )


def test_evidence_entries_score_as_the_dense_evidence():
    from speed import build_articles

    s = Settings()
    left, right = (segment(text, "left") for text in build_articles(2, 1400, seed=11))
    rng = np.random.default_rng(3)
    dense = (rng.random((len(left), len(right))) < 0.05).astype(np.float32)
    rows, cols = np.nonzero(dense)
    entries = align.EvidenceEntries(rows, cols, dense[rows, cols], dense.shape)
    assert entries.toarray().tobytes() == dense.tobytes()
    expected = align.similarity(left, right, settings=s, evidence=dense)
    got = align.similarity(left, right, settings=s, evidence=entries)
    assert got.tobytes() == expected.tobytes()
    wrong = align.EvidenceEntries(rows, cols, dense[rows, cols], (len(left) + 1, len(right)))
    with pytest.raises(ValueError, match="shape"):
        align.similarity(left, right, settings=s, evidence=wrong)
