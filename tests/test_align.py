"""The same-event score: distinctive words, concepts, shared facts, context, assignment."""

from dataclasses import replace

import numpy as np
import pytest
from rapidfuzz import fuzz

from core.align import assign, pair_scores, similarity, terms_of
from core.model import Settings
from core.segment import segment


def test_numbers_are_normalised_by_scale():
    short = terms_of("Microsoft invested $13bn.").facts
    assert any(term.startswith("num:money") for term in short)
    assert short == terms_of("Microsoft invested $13 billion.").facts
    assert terms_of("worth half a trillion dollars").facts == terms_of("worth $500 billion").facts


def test_hyphenated_forms_meet_joined_forms():
    a = terms_of("OpenAI left its non-profit roots.").words
    b = terms_of("OpenAI left its nonprofit roots.").words
    assert "nonprofit" in a and "nonprofit" in b


def test_event_concepts_link_different_wording():
    words = terms_of("Musk sued OpenAI.").words
    assert "concept:legal" in terms_of("Musk took legal action against OpenAI.").words
    assert "concept:legal" in words


def test_concepts_fire_on_their_own_sense_only():
    # "found" is the past of "find"; "split off", "the stakes", "left" have other senses.
    assert "concept:found" not in terms_of("Police found the device.").words
    assert "concept:found" in terms_of("Musk founded OpenAI.").words
    for text in ("The group split off.", "The stakes are high.", "He turned left."):
        assert not any(term.startswith("concept:") for term in terms_of(text).words)


def test_names_are_real_names():
    facts = terms_of("The Defense Department said AI was key, Mattis told CBP and Donald Trump.")
    names = {term for term in facts.facts if term.startswith("name:")}
    assert "name:matti" in names or "name:mattis" in names
    assert "name:cbp" in names
    assert any(" " in name for name in names)  # "Donald Trump" as one name
    assert not any(part in names for part in ("name:defens", "name:depart", "name:ai"))
    # A capitalised first word is not a name.
    assert not terms_of("Officials met.").facts


def test_same_event_beats_same_topic():
    event = "Musk, a co-founder of OpenAI, departed the company years ago."
    same_event = "Elon Musk, once a co-founder of OpenAI, parted ways with the organization."
    same_topic = "OpenAI and Musk are rivals in the AI race, and OpenAI is growing fast."
    scores = pair_scores([event, event], [same_event, same_topic], settings=Settings())
    assert scores[0] > scores[1]


def test_common_words_count_less_than_rare_ones():
    # Both candidates share three words with the query, but the first shares rare ones.
    left = segment("Anthropic reached a valuation of $350 billion.", "left")
    right = segment(
        "Anthropic's valuation hit $350 billion.\nThe company said it was a year.", "right"
    )
    scores = similarity(left, right, settings=Settings())
    assert scores[0, 0] > scores[0, 1]


def test_boilerplate_never_scores():
    left = segment("Leave a Reply\nMusk sued OpenAI in 2024.", "left")
    right = segment("Leave a Reply\nIn 2024 Musk sued OpenAI.", "right")
    scores = similarity(left, right, settings=Settings())
    assert scores[0, 0] == 0 and scores[1, 1] > 0


def test_one_passage_may_link_to_several():
    left = segment("Musk sued OpenAI and Altman in 2024 for fraud.", "left")
    right = segment(
        "In 2024 Musk sued OpenAI for fraud.\n\nThe weather was mild.\n\n"
        "Musk's 2024 fraud suit named Altman and OpenAI.",
        "R",
    )
    matches = assign(similarity(left, right, settings=Settings()), left, right, settings=Settings())
    assert {(m.left, m.right) for m in matches} == {(0, 0), (0, 2)}


def test_reordered_passages_align():
    a = "Musk sued OpenAI in 2024.\n\nAnthropic raised $350 billion.\n\nGrok rivals ChatGPT."
    b = (
        "Grok is a rival of ChatGPT.\n\nMusk filed a lawsuit against OpenAI in 2024.\n\n"
        "Anthropic was valued at $350 billion."
    )
    left, right = segment(a, "left"), segment(b, "right")
    matches = assign(similarity(left, right, settings=Settings()), left, right, settings=Settings())
    assert {(m.left, m.right) for m in matches} == {(0, 1), (1, 2), (2, 0)}


def test_threshold_is_respected():
    left = segment("Musk sued OpenAI in 2024.", "left")
    right = segment("In 2024 Musk sued OpenAI.", "right")
    scores = similarity(left, right, settings=Settings())
    assert (
        assign(
            scores,
            left,
            right,
            settings=Settings(link_threshold=float(scores.max()) + 0.01),
        )
        == []
    )
    assert (
        len(assign(scores, left, right, settings=Settings(link_threshold=float(scores.max())))) == 1
    )


def test_fuzzy_signal_matches_a_slow_reference():
    # The fast path sorts each passage's content words once; check it against
    # rapidfuzz's own token_sort_ratio computed pair by pair.
    from core.align import _fuzzy

    a, b = terms_of("Musk sued OpenAI today"), terms_of("Today OpenAI was sued by Musk")
    fast = _fuzzy([a.sorted_content], [b.sorted_content])[0, 0]
    slow = fuzz.token_sort_ratio(a.sorted_content, b.sorted_content) / 100
    assert np.isclose(fast, max(0.0, (slow - 0.3) / 0.7), atol=1e-4)


def test_heading_does_not_take_a_body_link_away():
    # The lede's true counterpart is the other lede, even though the headline scores high.
    a = "Title: Trump delays steel tariffs\n\nTrump delayed the steel tariffs until June 1."
    b = (
        "Title: Steel tariffs delayed until June\n\nPresident Trump delayed the steel "
        "tariffs on Monday until June 1."
    )
    left, right = segment(a, "left"), segment(b, "right")
    settings = Settings()
    links = {
        (m.left, m.right)
        for m in assign(similarity(left, right, settings=settings), left, right, settings=settings)
    }
    assert (1, 1) in links and (0, 0) in links


def test_mutual_best_links_need_less_than_one_sided_ones():
    left = segment("Musk sued OpenAI.\n\nRain fell.", "left")
    right = segment("Musk sued OpenAI.\n\nSnow fell.", "right")
    scores = np.array([[0.9, 0.0], [0.0, 0.15]], dtype=np.float32)
    strict = Settings(link_threshold=0.2, one_sided_margin=0.0)
    loose = Settings(link_threshold=0.1, one_sided_margin=0.1)
    assert {(m.left, m.right) for m in assign(scores, left, right, settings=strict)} == {(0, 0)}
    assert {(m.left, m.right) for m in assign(scores, left, right, settings=loose)} == {
        (0, 0),
        (1, 1),
    }


@pytest.mark.parametrize("shared_words", [1, 2, 3])
def test_with_the_shipped_scorer_mutual_best_links_need_a_lower_score(shared_words):
    """The default settings leave ``one_sided_margin`` at 0: it is the learned scorer that
    links a mutual best match at a lower hand-weighted score than a one-sided pair with the
    same shared words, by reading ``mutual_best`` as a feature."""
    from core.align import learned_score

    grid = np.linspace(0.0, 1.0, 2001, dtype=np.float32)

    def lowest_linked_score(mutual: float) -> float:
        counts = {
            "shared_words": np.full_like(grid, shared_words),
            "shared_story_rare": np.zeros_like(grid),
            "shared_numbers": np.zeros_like(grid),
            "mutual_best": np.full_like(grid, mutual),
            "opening_pair": np.zeros_like(grid),
            "beside_mutual": np.zeros_like(grid),
        }
        linked = learned_score(grid.copy(), counts) >= Settings().link_threshold
        assert linked.any() and linked[-1]
        return float(grid[np.argmax(linked)])

    assert lowest_linked_score(1.0) < lowest_linked_score(0.0) - 0.02


def test_claim_evidence_adds_with_its_weight():
    left = segment("The caravan reached Tijuana.\n\nOfficials counted 400 people.", "left")
    right = segment("About 400 migrants are waiting.\n\nRain fell in the city.", "right")
    # The hand-weighted mean (the learned scorer reads it as one of its features).
    settings = Settings(context_weight=0.0, learned_scorer=0.0)
    plain = similarity(left, right, settings=settings)
    evidence = np.zeros_like(plain)
    evidence[1, 0] = 1.0
    boosted = similarity(left, right, settings=settings, evidence=evidence)
    expected = min(1.0, plain[1, 0] + settings.weight_claim_evidence)
    assert np.isclose(boosted[1, 0], expected, atol=1e-6)
    assert np.allclose(np.delete(boosted.ravel(), 2), np.delete(plain.ravel(), 2))
    off = similarity(
        left,
        right,
        settings=Settings(context_weight=0.0, weight_claim_evidence=0.0, learned_scorer=0.0),
        evidence=evidence,
    )
    assert np.allclose(off, plain)
    pairs = pair_scores(
        ["Officials counted 400 people."],
        ["About 400 migrants are waiting."],
        settings=settings,
        evidence=np.array([1.0]),
    )
    base = pair_scores(
        ["Officials counted 400 people."], ["About 400 migrants are waiting."], settings=settings
    )
    assert np.isclose(pairs[0], min(1.0, base[0] + settings.weight_claim_evidence), atol=1e-6)


def test_semantic_channel_is_off_by_default_and_never_loaded():
    import core.semantic

    core.semantic.load.cache_clear()
    left = segment("Musk sued OpenAI in 2024.", "left")
    right = segment("In 2024 Musk sued OpenAI.", "right")
    similarity(left, right, settings=Settings())
    assert core.semantic.load.cache_info().currsize == 0


def test_semantic_channel_matches_the_published_model():
    pytest.importorskip("tokenizers")
    import core.semantic

    if not core.semantic.available():
        pytest.skip("optional model package not installed")
    vectors = core.semantic.embed(
        [
            "A man is eating food.",
            "A man is eating a piece of bread.",
            "The girl is carrying a baby.",
        ]
    )
    cosine = vectors @ vectors.T
    # sentence-transformers' all-MiniLM-L6-v2 gives 0.7553 for the first pair.
    assert abs(cosine[0, 1] - 0.7553) < 2e-3
    assert cosine[0, 2] < 0.1
    settings = Settings(weight_semantic=0.3, semantic_floor=0.6)
    a = ["Trump has decided to push back his decision on the tariffs until June 1."]
    b = ["Trump delayed the steel and aluminum tariffs on Monday."]
    with_semantic = pair_scores(a, b, settings=settings)[0]
    assert with_semantic >= pair_scores(a, b, settings=Settings())[0]


def test_the_encoders_erf_is_exact_to_float32():
    import math

    from core.semantic import _erf, _gelu

    x = np.linspace(-7, 7, 2801, dtype=np.float32)
    exact = np.array([math.erf(float(v)) for v in x])
    assert np.abs(_erf(x) - exact).max() < 1e-6
    gelu = np.array([0.5 * float(v) * (1 + math.erf(float(v) / math.sqrt(2))) for v in x])
    assert np.abs(_gelu(x) - gelu).max() < 1e-5


def test_mutual_nearest_embeddings_add_a_link(monkeypatch):
    """With embeddings on, two passages that are each other's nearest by cosine (at least
    semantic_mutual_cosine) link when their score reaches semantic_mutual_min_score."""
    import core.semantic

    left = segment("The vote was postponed until June.\n\nShares rose.", "left")
    right = segment("Lawmakers delayed the ballot by a month.\n\nIt rained.", "right")
    vectors = {
        left[0].text: [1.0, 0.0, 0.0],
        left[1].text: [0.0, 1.0, 0.0],
        right[0].text: [0.9, 0.0, 0.43588989],
        right[1].text: [0.0, 0.0, 1.0],
    }
    monkeypatch.setattr(core.semantic, "available", lambda: True)
    monkeypatch.setattr(
        core.semantic, "embed", lambda texts: np.array([vectors[t] for t in texts], np.float32)
    )
    scores = np.zeros((len(left), len(right)), dtype=np.float32)
    scores[0, 0] = 0.12  # below link_threshold: words alone do not link them
    on = Settings(weight_semantic=0.3, semantic_mutual_cosine=0.7, semantic_mutual_min_score=0.1)
    linked = {(m.left, m.right) for m in assign(scores, left, right, settings=on)}
    assert linked == {(0, 0)}
    assert assign(scores, left, right, settings=Settings()) == []  # embeddings off
    never = Settings(weight_semantic=0.3, semantic_mutual_cosine=1.0)
    assert assign(scores, left, right, settings=never) == []
    strict = Settings(
        weight_semantic=0.3, semantic_mutual_cosine=0.7, semantic_mutual_min_score=0.2
    )
    assert assign(scores, left, right, settings=strict) == []
    # With the learned scorer reading the cosine, these links are off unless asked for.
    assert assign(scores, left, right, settings=Settings(weight_semantic=0.3)) == []


def _embeddings_of(monkeypatch, vectors: dict[str, list[float]]) -> None:
    import core.semantic

    monkeypatch.setattr(core.semantic, "available", lambda: True)
    monkeypatch.setattr(
        core.semantic, "embed", lambda texts: np.array([vectors[t] for t in texts], np.float32)
    )


def test_with_embeddings_on_the_learned_scorer_reads_their_cosine(monkeypatch):
    left = segment("The vote was postponed until June.\n\nShares rose on Monday.", "left")
    right = segment("Lawmakers delayed the ballot by a month.\n\nIt rained in Leeds.", "right")
    near = {left[0].text: [1.0, 0.0], left[1].text: [0.0, 1.0]}
    near |= {right[0].text: [0.95, 0.31224990], right[1].text: [0.0, 1.0]}
    far = near | {right[0].text: [0.0, 1.0]}
    on = Settings(weight_semantic=0.3)
    _embeddings_of(monkeypatch, near)
    close = similarity(left, right, settings=on)
    # The scorer reads the score without the embeddings: the floor of the hand-weighted
    # part changes nothing when the learned scorer decides alone.
    assert np.array_equal(close, similarity(left, right, settings=replace(on, semantic_floor=0.9)))
    _embeddings_of(monkeypatch, far)
    apart = similarity(left, right, settings=on)
    assert close[0, 0] > apart[0, 0]
    assert close[0, 0] > similarity(left, right, settings=Settings())[0, 0]


def test_the_scorer_with_cosine_reads_only_features_the_engine_computes():
    from core.align import ranks, scorer, shared_counts, terms_of

    known = {
        "score",
        "opening_pair",
        *shared_counts([terms_of("a")], [terms_of("b")]),
        *ranks(np.ones((1, 1))),
    }
    model = scorer(with_cosine=True)
    assert "cosine" in model.features
    assert set(model.features) <= known | {"cosine"}
    assert len(model.features) == len(model.mean) == len(model.scale) == len(model.coef)
    assert model.coef[model.features.index("cosine")] > 0


def test_the_learned_scorer_reads_only_features_the_engine_computes():
    from core.align import ranks, scorer, shared_counts, terms_of

    known = {
        "score",
        "opening_pair",
        *shared_counts([terms_of("a")], [terms_of("b")]),
        *ranks(np.ones((1, 1))),
    }
    model = scorer()
    assert set(model.features) <= known
    assert len(model.features) == len(model.mean) == len(model.scale) == len(model.coef)


def test_the_learned_scorer_prefers_the_same_fact_to_the_same_topic():
    left = segment(
        "The caravan of 400 migrants reached Tijuana on Sunday.\n\n"
        "Officials said the caravan was waiting at the border.",
        "left",
    )
    right = segment(
        "The caravan has drawn criticism from border officials.\n\n"
        "Some 400 migrants in the caravan arrived in Tijuana on Sunday.",
        "right",
    )
    settings = Settings()
    scores = similarity(left, right, settings=settings)
    assert scores[0, 1] > scores[0, 0]
    assert (0, 1) in {(m.left, m.right) for m in assign(scores, left, right, settings=settings)}


def test_scores_do_not_depend_on_the_hash_seed():
    """The same comparison gives the same scores, to the last bit, in every process: set
    iteration order (which changes with PYTHONHASHSEED) must not decide a summation order.
    (Before the fact bags were sorted, 4 of the 10 corpus pairs differed between seeds.)"""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import glob, hashlib\n"
        "from core.align import similarity\n"
        "from core.loading import load_path\n"
        "from core.segment import segment\n"
        "from core.settings import Settings\n"
        "f = sorted(glob.glob('corpus/*.txt'))\n"
        "for a in f:\n"
        "    for b in f:\n"
        "        if a < b:\n"
        "            s = similarity(segment(load_path(a).text, 'left'),\n"
        "                segment(load_path(b).text, 'right'), settings=Settings())\n"
        "            print(hashlib.sha256(s.tobytes()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parent.parent
    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        runs.append(out.stdout.split())
    assert len(runs[0]) == 10
    assert runs[0] == runs[1] == runs[2]


def test_the_opening_pair_is_the_two_first_content_passages():
    from core.align import opening_pair

    left = segment("Tariff decision delayed\n\nThe White House delayed its decision.", "left")
    right = segment("Exemptions extended for allies\n\nAllies got 30 more days.", "right")
    pair = opening_pair(left, right)
    assert (pair.rows.tolist(), pair.cols.tolist()) == ([0], [0])
    assert not opening_pair(left, ()).rows.size
