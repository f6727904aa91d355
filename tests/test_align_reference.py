"""The vectorised scorer against a slow, plain reference written here, pair by pair.

``core.align`` computes every signal as sparse-matrix products over all pairs at once; the
reference below computes the same score for one pair at a time with dictionaries and
loops, straight from the definitions.  Hypothesis generates the articles and the settings.
Tokenisation (``terms_of``) is shared: what is checked is the arithmetic of the score.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import core.align
from core.align import _ANAPHORA, pair_scores, similarity, terms_of
from core.model import Passage, Settings
from core.segment import segment

SCORER_FILE = Path(__file__).resolve().parent.parent / "core" / "data" / "align_scorer.json"

WORDS = [
    "Musk", "OpenAI", "sued", "lawsuit", "the", "caravan", "border", "Tijuana", "reached",
    "tariffs", "steel", "delayed", "June", "Trump", "Donald", "founded", "valuation",
    "$13 billion", "400", "2024", "migrants", "He", "It", "officials", "said", "killed",
    "Rodney", "Scott", "CBP", "AI", "quickly", "rain",
]  # fmt: skip


def reference_weighted_cosine(x: dict[str, float], y: dict[str, float]) -> float:
    dot = sum(x[t] * y[t] for t in x if t in y)
    nx = math.sqrt(sum(v * v for v in x.values()))
    ny = math.sqrt(sum(v * v for v in y.values()))
    return dot / (nx * ny) if nx and ny else 0.0


def reference_story_weights(bags: list[dict[str, float]], share: float) -> dict[str, float]:
    """Each term's factor: (1 - share) + share * log(1 + N/df) / log(1 + N)."""
    total = len(bags)
    df: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            df[term] = df.get(term, 0) + 1
    return {
        term: (1 - share) + share * math.log1p(total / n) / math.log1p(total)
        for term, n in df.items()
    }


def reference_bags(passages: tuple[Passage, ...], weight: float) -> list[dict[str, float]]:
    bags = []
    for index, passage in enumerate(passages):
        bag = dict(terms_of(passage.text).words)
        if (
            weight > 0
            and index > 0
            and passages[index - 1].is_content
            and _ANAPHORA.match(passage.text)
        ):
            for term, value in terms_of(passages[index - 1].text).words.items():
                bag[term] = max(bag.get(term, 0.0), weight * value)
        bags.append(bag)
    return bags


def reference_fuzzy(a: str, b: str) -> float:
    raw = fuzz.token_sort_ratio(a, b) / 100
    return min(1.0, max(0.0, (raw - 0.3) / 0.7))


def reference_combined(word: float, fuzzy: float, facts: float, s: Settings, ev: float) -> float:
    total = s.weight_distinctive_words + s.weight_fuzzy + s.weight_shared_facts
    score = (
        word * s.weight_distinctive_words + fuzzy * s.weight_fuzzy + facts * s.weight_shared_facts
    ) / total
    if s.weight_claim_evidence > 0:
        score = min(1.0, score + s.weight_claim_evidence * ev)
    return score


def is_among_best(value: float, scores: list[float], k: int) -> bool:
    """Whether value is among the k best of scores, ties included."""
    return value >= sorted(scores, reverse=True)[min(k, len(scores)) - 1]


def near_a_cut(word: np.ndarray, k: int) -> bool:
    """Whether a word cosine is within float32 noise of, but not equal to, a row's or a
    column's k-th best: there the float32 path and this float64 reference may rank it
    differently, so the example says nothing about the arithmetic."""
    for scores in (*word, *word.T):
        cut = sorted(scores, reverse=True)[min(k, len(scores)) - 1]
        if any(0 < abs(v - cut) < 1e-5 for v in scores):
            return True
    return False


def reference_word(
    left: tuple[Passage, ...], right: tuple[Passage, ...], s: Settings
) -> np.ndarray:
    left_bags = reference_bags(left, s.anaphora_weight)
    right_bags = reference_bags(right, s.anaphora_weight)
    factor = reference_story_weights(left_bags + right_bags, s.story_rarity_weight)
    return np.array(
        [
            [
                reference_weighted_cosine(
                    {t: v * factor[t] for t, v in x.items()},
                    {t: v * factor[t] for t, v in y.items()},
                )
                for y in right_bags
            ]
            for x in left_bags
        ]
    ).reshape(len(left), len(right))


def reference_similarity(
    left: tuple[Passage, ...],
    right: tuple[Passage, ...],
    s: Settings,
    evidence: np.ndarray,
    k: int,
) -> np.ndarray:
    word = reference_word(left, right, s)
    fact_bags = [dict.fromkeys(terms_of(p.text).facts, 1.0) for p in (*left, *right)]
    fact_factor = reference_story_weights(fact_bags, s.story_rarity_weight)
    base = np.zeros((len(left), len(right)))
    for i, p in enumerate(left):
        for j, q in enumerate(right):
            fx = {t: fact_factor[t] for t in fact_bags[i]}
            fy = {t: fact_factor[t] for t in fact_bags[len(left) + j]}
            candidate = word[i, j] > 0 and (
                is_among_best(word[i, j], list(word[i, :]), k)
                or is_among_best(word[i, j], list(word[:, j]), k)
            )
            fuzzy = terms_of(p.text).sorted_content, terms_of(q.text).sorted_content
            base[i, j] = reference_combined(
                word[i, j],
                reference_fuzzy(*fuzzy) if candidate else 0.0,
                reference_weighted_cosine(fx, fy),
                s,
                float(evidence[i, j]),
            )
    out = base.copy()
    if s.context_weight > 0 and min(base.shape) >= 2:
        for i in range(len(left)):
            for j in range(len(right)):
                before = base[i - 1, j - 1] if i and j else 0.0
                after = base[i + 1, j + 1] if i + 1 < len(left) and j + 1 < len(right) else 0.0
                out[i, j] = min(1.0, base[i, j] + s.context_weight / 2 * (before + after))
    for i, p in enumerate(left):
        for j, q in enumerate(right):
            if not (p.is_content and q.is_content):
                out[i, j] = 0.0
    mix = min(1.0, max(0.0, s.learned_scorer))
    if mix > 0:
        learned = reference_learned(left, right, out)
        for i, p in enumerate(left):
            for j, q in enumerate(right):
                if p.is_content and q.is_content:
                    out[i, j] = (1 - mix) * out[i, j] + mix * learned[i, j]
    return out


def reference_learned(
    left: tuple[Passage, ...], right: tuple[Passage, ...], score: np.ndarray
) -> np.ndarray:
    """The logistic regression of core/data/align_scorer.json, read here, pair by pair."""
    model = json.loads(SCORER_FILE.read_text(encoding="utf-8"))
    words = [
        {t for t in terms_of(p.text).words if not t.startswith("concept:")} for p in (*left, *right)
    ]
    numbers = [{f for f in terms_of(p.text).facts if f.startswith("num:")} for p in (*left, *right)]
    frequency: dict[str, int] = {}
    for bag in words:
        for term in bag:
            frequency[term] = frequency.get(term, 0) + 1
    limit = max(model["story_rare_min"], model["story_rare_share"] * len(words))
    cap = model["count_cap"]

    def mutual(i: int, j: int) -> bool:
        inside = 0 <= i < len(left) and 0 <= j < len(right)
        return bool(
            inside
            and score[i, j] > 0
            and score[i, j] >= max(score[i, :])
            and score[i, j] >= max(score[:, j])
        )

    first_left = min((i for i, p in enumerate(left) if p.is_content), default=-1)
    first_right = min((j for j, q in enumerate(right) if q.is_content), default=-1)
    out = np.zeros(score.shape)
    for i in range(len(left)):
        for j in range(len(right)):
            x, y = words[i], words[len(left) + j]
            shared = x & y
            beside = ((i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j))
            features = {
                "score": score[i, j],
                "shared_words": min(cap, len(shared)),
                "shared_story_rare": min(cap, sum(1 for t in shared if frequency[t] <= limit)),
                "shared_numbers": min(cap, len(numbers[i] & numbers[len(left) + j])),
                "mutual_best": float(mutual(i, j)),
                "beside_mutual": float(any(mutual(a, b) for a, b in beside)),
                "opening_pair": float((i, j) == (first_left, first_right)),
            }
            logit = model["intercept"] + sum(
                c * (features[name] - m) / sd
                for name, m, sd, c in zip(
                    model["features"], model["mean"], model["scale"], model["coef"], strict=True
                )
            )
            out[i, j] = 1 / (1 + math.exp(-logit))
    return out


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(
    lambda words: " ".join(words) + "."
)
articles = st.lists(
    st.lists(sentences, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4
).map("\n\n".join)
# Zero, or a weight float32 can hold: 1e-140 underflows to 0 in the vectorised float32
# path, not in the float64 reference.
unit = st.one_of(st.just(0.0), st.floats(0.001, 1.0))
all_settings = st.builds(
    Settings,
    anaphora_weight=unit,
    context_weight=st.floats(0.0, 0.5),
    weight_distinctive_words=st.floats(0.1, 1.0),
    weight_fuzzy=st.floats(0.0, 1.0),
    weight_shared_facts=st.floats(0.0, 1.0),
    story_rarity_weight=unit,
    weight_claim_evidence=unit,
    learned_scorer=unit,
)


@hypothesis_settings(max_examples=150, deadline=None)
@given(articles, articles, all_settings, st.randoms(use_true_random=False), st.integers(1, 13))
def test_similarity_matches_the_reference(a, b, s, rnd, k):
    # k: how many best pairs of a row or column get the fuzzy signal (13 > every article
    # here: all pairs).
    left, right = segment(a, "left"), segment(b, "right")
    assume(not near_a_cut(reference_word(left, right, s), k))
    evidence = np.array(
        [[rnd.choice([0.0, 0.0, 0.5, 1.0]) for _ in right] for _ in left], dtype=np.float32
    ).reshape(len(left), len(right))
    # The learned scorer reads whether a pair is the best of its row and column: skip the
    # examples where that is within float32 noise too.
    plain = dataclasses.replace(s, learned_scorer=0.0)
    assume(not near_a_cut(reference_similarity(left, right, plain, evidence, k), 1))
    saved = core.align.FUZZY_CANDIDATES
    core.align.FUZZY_CANDIDATES = k
    try:
        fast = similarity(left, right, settings=s, evidence=evidence)
    finally:
        core.align.FUZZY_CANDIDATES = saved
    slow = reference_similarity(left, right, s, evidence, k)
    assert fast.shape == slow.shape
    assert np.allclose(fast, slow, atol=1e-4), (fast, slow)


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(sentences, sentences), min_size=1, max_size=6), all_settings)
def test_pair_scores_match_the_reference(pairs, s):
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    evidence = np.linspace(0, 1, len(pairs))
    fast = pair_scores(a, b, settings=s, evidence=evidence)
    slow = []
    for k, (x, y) in enumerate(pairs):
        tx, ty = terms_of(x), terms_of(y)
        word = reference_weighted_cosine(tx.words, ty.words)
        slow.append(
            reference_combined(
                word,
                reference_fuzzy(tx.sorted_content, ty.sorted_content) if word > 0 else 0.0,
                reference_weighted_cosine(
                    dict.fromkeys(tx.facts, 1.0), dict.fromkeys(ty.facts, 1.0)
                ),
                s,
                float(evidence[k]),
            )
        )
    assert np.allclose(fast, slow, atol=1e-4)


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=5))
def test_pair_scores_agree_with_similarity_without_article_signals(texts):
    # One scoring path: with the whole-article signals (and the learned scorer, which reads
    # the story) off, a 1x1 similarity is a pair score.
    s = Settings(
        story_rarity_weight=0.0, context_weight=0.0, anaphora_weight=0.0, learned_scorer=0.0
    )
    for x in texts:
        for y in texts[:2]:
            left, right = segment(x, "left"), segment(y, "right")
            if (
                len(left) != 1
                or len(right) != 1
                or not (left[0].is_content and right[0].is_content)
            ):
                continue
            one = similarity(left, right, settings=s)[0, 0]
            assert np.isclose(one, pair_scores([x], [y], settings=s)[0], atol=1e-5)
