"""The long-document path of core.align gives what the plain dense computation gives, bit
for bit.

For documents of thousands of passages ``similarity`` and ``assign`` avoid whole-matrix
temporaries: the k-th best of each row and column without ``np.partition``, sparse
signals added where they are not zero, the neighbours' context added in place, the
learned scorer's sparse features added entry by entry, the body competition without a
copy of the matrix.  The reference below is the computation as it was written before
those shortcuts, one dense matrix per step; the shortcuts are forced on small generated
articles (by lowering their size limits) and compared with it, and so are the sample
corpus and a generated long document.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import align, compare
from core.compare import claim_evidence, claims_across
from core.model import Passage, Settings
from core.segment import segment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

WORDS = [
    "Musk", "OpenAI", "sued", "lawsuit", "the", "caravan", "border", "Tijuana", "reached",
    "tariffs", "steel", "delayed", "June", "Trump", "founded", "$13 billion", "400", "2024",
    "migrants", "He", "It", "officials", "said", "killed", "CBP", "quickly",
]  # fmt: skip
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(
    lambda words: " ".join(words) + "."
)
articles = st.lists(
    st.lists(sentences, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6
).map("\n\n".join)
unit = st.one_of(st.just(0.0), st.floats(0.001, 1.0))
all_settings = st.builds(
    Settings,
    anaphora_weight=unit,
    context_weight=st.floats(0.0, 0.5),
    weight_fuzzy=st.floats(0.0, 1.0),
    weight_shared_facts=st.floats(0.0, 1.0),
    story_rarity_weight=st.one_of(unit, st.just(1.0)),
    weight_claim_evidence=unit,
    learned_scorer=st.one_of(unit, st.just(1.0)),
    link_threshold=st.floats(0.0, 0.6),
    one_sided_margin=st.floats(0.0, 0.3),
    relative_margin=st.floats(0.5, 1.0),
    heading_threshold=st.floats(0.0, 0.8),
)


# ------------------------------------------------------------- the plain computation


def plain_fuzzy_candidates(word: np.ndarray, k: int) -> np.ndarray:
    rows, cols = word.shape
    if k >= cols:
        row_ok = np.ones_like(word, dtype=bool)
    else:
        kth = np.partition(word, cols - k, axis=1)[:, cols - k : cols - k + 1]
        row_ok = word >= kth
    if k >= rows:
        col_ok = np.ones_like(word, dtype=bool)
    else:
        kth = np.partition(word, rows - k, axis=0)[rows - k : rows - k + 1, :]
        col_ok = word >= kth
    return np.asarray((row_ok | col_ok) & (word > 0))


def plain_combine(word, fuzzy, facts, s, evidence):
    total = s.weight_distinctive_words + s.weight_fuzzy + s.weight_shared_facts
    out = np.multiply(word, s.weight_distinctive_words / total, dtype=np.float32)
    out += np.float32(s.weight_fuzzy / total) * fuzzy.astype(np.float32, copy=False)
    out += np.float32(s.weight_shared_facts / total) * facts.astype(np.float32, copy=False)
    if evidence is not None and s.weight_claim_evidence > 0:
        out += np.float32(s.weight_claim_evidence) * np.clip(evidence, 0, 1).astype(np.float32)
    if evidence is not None:
        np.clip(out, 0.0, 1.0, out=out)
    return out


def plain_context(scores: np.ndarray, weight: float) -> np.ndarray:
    if weight <= 0 or min(scores.shape) < 2:
        return scores
    out = scores.copy()
    half = weight / 2.0
    out[1:, 1:] += half * scores[:-1, :-1]
    out[:-1, :-1] += half * scores[1:, 1:]
    return np.clip(out, 0.0, 1.0, out=out)


def plain_learned(score: np.ndarray, features: dict[str, np.ndarray]) -> np.ndarray:
    model = align.scorer()
    features = {"score": score, **features}
    constant = model.intercept - sum(
        c * m / sd for c, m, sd in zip(model.coef, model.mean, model.scale, strict=True)
    )
    logit = np.full(score.shape, -constant, dtype=np.float32)
    term = np.empty_like(logit)
    for name, scale, coef in zip(model.features, model.scale, model.coef, strict=True):
        np.multiply(features[name], np.float32(-coef / scale), out=term)
        logit += term
    np.exp(logit, out=logit)
    logit += np.float32(1.0)
    return np.reciprocal(logit, out=logit)


def plain_similarity(
    left: Sequence[Passage], right: Sequence[Passage], s: Settings, evidence: np.ndarray | None
) -> np.ndarray:
    """core.align.similarity as it was: every step a dense matrix (no embeddings)."""
    lt = [align.terms_of(p.text) for p in left]
    rt = [align.terms_of(p.text) for p in right]
    story = s.story_rarity_weight
    word = align._all_pairs(
        align._vectors(
            align._in_context(left, lt, s.anaphora_weight),
            align._in_context(right, rt, s.anaphora_weight),
            story,
        )
    )
    candidates = plain_fuzzy_candidates(word, align.FUZZY_CANDIDATES)
    fuzzy = np.zeros(candidates.shape, dtype=np.float32)
    rows, cols = np.nonzero(candidates)
    if rows.size:
        fuzzy[rows, cols] = align._fuzzy_pairs(
            [lt[i].sorted_content for i in rows], [rt[j].sorted_content for j in cols]
        )
    facts = align._all_pairs(align._vectors(align._fact_bags(lt), align._fact_bags(rt), story))
    scores = plain_combine(word, fuzzy, facts, s, evidence)
    scores = plain_context(scores, s.context_weight)
    usable_left = np.array([p.is_content for p in left])
    usable_right = np.array([p.is_content for p in right])
    scores = np.asarray(scores * usable_left[:, None] * usable_right[None, :])
    learned = min(1.0, max(0.0, s.learned_scorer))
    if learned > 0:
        features = {
            **align.shared_counts(lt, rt),
            **align.ranks(scores),
            "opening_pair": align.opening_pair(left, right).dense(scores.shape),
        }
        probability = plain_learned(scores, features)
        scores = np.asarray((1.0 - learned) * scores + learned * probability, dtype=np.float32)
        scores = np.asarray(scores * usable_left[:, None] * usable_right[None, :])
    return scores


def plain_links_within(scores, threshold, one_sided_threshold, margin):
    if scores.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    best_of_left = scores.max(axis=1, keepdims=True)
    best_of_right = scores.max(axis=0, keepdims=True)
    chosen = (scores >= margin * best_of_left) | (scores >= margin * best_of_right)
    chosen &= scores >= max(threshold, 1e-9)
    if one_sided_threshold > threshold:
        mutual = (scores >= best_of_left) & (scores >= best_of_right)
        chosen &= mutual | (scores >= one_sided_threshold)
    return np.argwhere(chosen)


def plain_assign(scores, left, right, s: Settings) -> list[align.Match]:
    if scores.size == 0:
        return []
    head_left = np.flatnonzero(align.headline_roles(left))
    head_right = np.flatnonzero(align.headline_roles(right))
    body_left = np.flatnonzero(~align.headline_roles(left))
    body_right = np.flatnonzero(~align.headline_roles(right))
    low = s.link_threshold
    one_sided = low + s.one_sided_margin
    heading = max(low, s.heading_threshold)
    body = scores.copy()
    body[head_left, :] = 0
    body[:, head_right] = 0
    found = [plain_links_within(body, low, one_sided, s.relative_margin)]
    for rows, cols in ((head_left, head_right), (head_left, body_right), (body_left, head_right)):
        block = scores[np.ix_(rows, cols)]
        pairs = plain_links_within(block, heading, heading + s.one_sided_margin, s.relative_margin)
        found.append(np.column_stack([rows[pairs[:, 0]], cols[pairs[:, 1]]]))
    chosen = np.unique(np.concatenate(found), axis=0)
    return [align.Match(int(i), int(j), float(scores[i, j])) for i, j in chosen]


# ------------------------------------------------------------------------------ tests


@pytest.fixture
def shortcuts_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every long-document shortcut taken on small articles, blocks of a few rows."""
    monkeypatch.setattr(align, "_CODED_MAX_PASSAGES", 0)
    monkeypatch.setattr(align, "_KTH_BY_PARTITION_BELOW", 0)
    monkeypatch.setattr(align, "_KTH_BLOCK", 2)
    monkeypatch.setattr(align, "_CONTEXT_BLOCK", 2)
    monkeypatch.setattr(align, "_PRODUCT_BLOCK", 3)
    monkeypatch.setattr(align, "_NONZERO_BLOCK", 2)


def assert_same_alignment(left, right, s: Settings, evidence) -> None:
    fast = align.similarity(left, right, settings=s, evidence=evidence)
    if evidence is not None and not isinstance(evidence, np.ndarray):
        evidence = evidence.toarray()  # the sparse evidence of long documents
    slow = plain_similarity(left, right, s, evidence)
    assert fast.dtype == slow.dtype == np.float32
    assert fast.tobytes() == slow.tobytes()
    before = fast.copy()
    assert align.assign(fast, left, right, settings=s) == plain_assign(slow, left, right, s)
    assert fast.tobytes() == before.tobytes()  # the body competition restored the matrix


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.floats(0.0, 1.0, width=32), min_size=1, max_size=6),
    st.integers(1, 5),
)
def test_kth_largest_is_partitions_value(rows, cols, values, k) -> None:
    matrix = np.resize(np.array(values, dtype=np.float32), (rows, cols))
    for limit in (0, 10**9):  # the kept-best path, then np.partition's
        saved = align._KTH_BY_PARTITION_BELOW, align._KTH_BLOCK
        align._KTH_BY_PARTITION_BELOW, align._KTH_BLOCK = limit, 2
        try:
            for axis in (0, 1):
                n = matrix.shape[axis]
                if k > n:
                    continue
                expected = np.take(np.partition(matrix, n - k, axis=axis), [n - k], axis=axis)
                found = align.kth_largest(matrix, k, axis)
                assert found.shape == expected.shape and np.array_equal(found, expected)
        finally:
            align._KTH_BY_PARTITION_BELOW, align._KTH_BLOCK = saved


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.sampled_from([0.0, 0.0, 0.25, 0.5, 0.75, 1.0]), min_size=1, max_size=7),
)
def test_pairs_beside_a_mutual_best_as_entries_equal_the_dense_feature(rows, cols, values) -> None:
    scores = np.resize(np.array(values, dtype=np.float32), (rows, cols))
    dense = align.ranks(scores)["beside_mutual"]
    beside = align._beside(align._mutual_best(scores), scores.shape)
    assert np.array_equal(beside.dense(scores.shape), dense)
    # Each pair once: entries are added, not stored.
    assert len({*zip(beside.rows.tolist(), beside.cols.tolist(), strict=True)}) == beside.rows.size


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.sampled_from([0.0, 0.0, 0.25, 0.5, 0.75, 1.0]), min_size=1, max_size=7),
    st.integers(1, 10),
    st.integers(1, 4),
)
def test_candidate_pairs_are_the_candidates_matrix(rows, cols, values, k, block) -> None:
    word = np.resize(np.array(values, dtype=np.float32), (rows, cols))
    saved = align._NONZERO_BLOCK, align._KTH_BY_PARTITION_BELOW
    align._NONZERO_BLOCK, align._KTH_BY_PARTITION_BELOW = block, 0
    try:
        found = align.candidate_pairs(word, k)
    finally:
        align._NONZERO_BLOCK, align._KTH_BY_PARTITION_BELOW = saved
    expected = np.nonzero(plain_fuzzy_candidates(word, k))
    assert np.array_equal(found[0], expected[0]) and np.array_equal(found[1], expected[1])
    assert np.array_equal(align.fuzzy_candidates(word, k), plain_fuzzy_candidates(word, k))


TERMS = [f"t{i}" for i in range(20)]
bags = st.lists(
    st.dictionaries(st.sampled_from(TERMS), st.floats(0.15, 1.5), max_size=8),
    min_size=1,
    max_size=10,
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(bags, bags, st.sampled_from([0.0, 0.5, 1.0]), st.integers(1, 4))
def test_blocked_product_equals_the_whole_product(left, right, weight, block) -> None:
    vectors = align._vectors(left, right, weight)
    saved = align._PRODUCT_BLOCK
    align._PRODUCT_BLOCK = block
    try:
        blocked = align._blocked_all_pairs(vectors)
    finally:
        align._PRODUCT_BLOCK = saved
    assert blocked.tobytes() == align._all_pairs(vectors).tobytes()


# The fixture only sets module limits, the same for every example.
@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(articles, articles, all_settings, st.randoms(use_true_random=False))
def test_long_path_equals_the_plain_computation(
    shortcuts_everywhere: None, a: str, b: str, s: Settings, rnd
) -> None:
    left, right = segment(a, "left"), segment(b, "right")
    evidence = None
    if rnd.random() < 0.7:
        evidence = np.array(
            [[rnd.choice([0.0, 0.0, 0.0, 0.5, 1.0, 1.5]) for _ in right] for _ in left],
            dtype=np.float32,
        ).reshape(len(left), len(right))
        if rnd.random() < 0.5:
            from scipy import sparse

            evidence = sparse.csr_matrix(evidence)
    assert_same_alignment(left, right, s, evidence)


def _corpus_pairs() -> list[tuple[tuple[Passage, ...], tuple[Passage, ...]]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    return [
        (segment(texts[i], "left"), segment(texts[j], "right"))
        for i in range(len(texts))
        for j in range(len(texts))
        if i != j
    ]


@pytest.mark.parametrize("forced", [False, True])
def test_corpus_alignment_equals_the_plain_computation(
    monkeypatch: pytest.MonkeyPatch, forced: bool
) -> None:
    if forced:
        monkeypatch.setattr(align, "_CODED_MAX_PASSAGES", 0)
        monkeypatch.setattr(align, "_KTH_BY_PARTITION_BELOW", 0)
        monkeypatch.setattr(compare, "_SPARSE_EVIDENCE_FROM", 0)
    s = Settings()
    for left, right in _corpus_pairs():
        across = claims_across(left, right, settings=s)
        assert_same_alignment(left, right, s, claim_evidence(across, len(left), len(right)))
    plain = dataclasses.replace(s, learned_scorer=0.0, context_weight=0.0)
    left, right = _corpus_pairs()[0]
    assert_same_alignment(left, right, plain, None)


def test_long_generated_document_equals_the_plain_computation() -> None:
    from speed import build_pair

    a, b = build_pair(26000, seed=26000)
    left, right = segment(a, "left"), segment(b, "right")
    assert max(len(left), len(right)) > align._CODED_MAX_PASSAGES  # the long path itself
    s = Settings()
    across = claims_across(left, right, settings=s)
    evidence = claim_evidence(across, len(left), len(right))
    assert evidence is not None and not isinstance(evidence, np.ndarray)  # sparse
    assert_same_alignment(left, right, s, evidence)


def test_sparse_claim_evidence_holds_the_dense_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings()
    for left, right in _corpus_pairs()[:4]:
        across = claims_across(left, right, settings=s)
        dense = claim_evidence(across, len(left), len(right))
        monkeypatch.setattr(compare, "_SPARSE_EVIDENCE_FROM", 0)
        sparse_evidence = claim_evidence(across, len(left), len(right))
        monkeypatch.undo()
        if dense is None:
            assert sparse_evidence is None
            continue
        assert isinstance(dense, np.ndarray) and not isinstance(sparse_evidence, np.ndarray)
        assert sparse_evidence.toarray().tobytes() == dense.tobytes()


def test_learned_score_over_the_scores_equals_a_fresh_matrix() -> None:
    rng = np.random.default_rng(5)
    scores = rng.random((30, 40), dtype=np.float32)
    counts = {
        name: np.floor(rng.random((30, 40), dtype=np.float32) * 6)
        for name in ("shared_words", "shared_story_rare", "shared_numbers")
    }
    opening = np.zeros((30, 40), dtype=np.float32)
    opening[0, 0] = 1.0
    features = {**counts, **align.ranks(scores), "opening_pair": opening}
    fresh = align.learned_score(scores, features)
    assert fresh.tobytes() == plain_learned(scores, features).tobytes()
    over = align.learned_score(scores.copy(), features, overwrite_score=True)
    assert over.tobytes() == fresh.tobytes()


def plain_words(text: str) -> list[tuple[str, float]]:
    """A passage's word bag as terms_of built it before tokens' terms were cached."""
    from core.concepts import concept_of
    from core.normalize import normalised_text
    from core.normalize import stem as stem_of

    words: dict[str, float] = {}
    for token in align._WORD.findall(normalised_text(text)):
        lower = token.lower().removesuffix("'s").strip("'-")
        if not lower or lower[0].isdigit() or lower[0] == "$":
            continue
        for word in align._word_forms(lower):
            if word in align.STOPWORDS or len(word) < 2:
                continue
            stem = stem_of(word)
            words[stem] = max(words.get(stem, 0.0), align._rarity(word))
            concept = concept_of(word)
            if concept:
                words["concept:" + concept] = align._CONCEPT_WEIGHT
    return list(words.items())


_TOKENS = [*WORDS, "co-founder", "non-profit", "Musk's", "killings", "dead", "-", "'s", "it's"]


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12).map(" ".join))
def test_cached_token_terms_build_the_same_bags(text: str) -> None:
    assert list(align.terms_of.__wrapped__(text).words.items()) == plain_words(text)


def test_cached_token_terms_on_the_corpus() -> None:
    for left, right in _corpus_pairs()[:4]:
        for passage in (*left, *right):
            found = align.terms_of(passage.text).words
            assert list(found.items()) == plain_words(passage.text)


def plain_names(tokens: list[str]) -> set[str]:
    """names_of as it was, a run closed at every word that is not part of a name."""
    from core.normalize import stem as stem_of

    names: set[str] = set()
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= 2 and min(align._zipf(w) for w in run) <= align._NAME_RUN_MAX_ZIPF:
            names.add("name:" + " ".join(stem_of(w) for w in run))
        run.clear()

    for position, token in enumerate(tokens):
        bare = token.removesuffix("'s").strip("'-")
        if not bare or not bare[0].isupper():
            close_run()
            continue
        lower = bare.lower()
        if lower in align.STOPWORDS:
            close_run()
            continue
        run.append(lower)
        if bare.isupper() and len(bare) > 1:
            if align._zipf(lower) <= align._ACRONYM_MAX_ZIPF:
                names.add("name:" + lower)
        elif position > 0 and align._zipf(lower) <= align._NAME_MAX_ZIPF:
            names.add("name:" + stem_of(lower))
    close_run()
    return names


def test_names_on_the_corpus_are_the_same() -> None:
    for left, right in _corpus_pairs()[:4]:
        for passage in (*left, *right):
            tokens = align._WORD.findall(align.normalised_text(passage.text))
            assert align.names_of(tokens) == plain_names(tokens)


_NAME_TOKENS = [*_TOKENS, "Donald", "Trump", "South", "Korea", "The", "NAFTA", "AI", "Scott's"]


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_TOKENS), max_size=12))
def test_names_without_empty_run_closing_are_the_same(tokens: list[str]) -> None:
    assert align.names_of(tokens) == plain_names(tokens)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=6), max_size=8))
def test_numbering_by_lookup_is_the_numbering_by_setdefault(lists: list[list[str]]) -> None:
    """Terms numbered in order of first use, as the setdefault comprehension did."""
    from itertools import chain

    known = {"z": 0, "b": 1}
    number = known.setdefault
    expected = [number(term, len(known)) for term in chain.from_iterable(lists)]
    numbers = align.Numbering({"z": 0, "b": 1})
    assert align._numbered(lists, numbers).tolist() == expected
    assert list(numbers.items()) == list(known.items())
    assert align._numbered([], align.Numbering()).dtype == np.int64
