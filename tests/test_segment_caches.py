"""The kinds segmentation remembers per paragraph and per sentence are the kinds it would
compute afresh: the caches key on the whole text and nothing else decides a kind."""

from __future__ import annotations

import sys
from pathlib import Path

from core import segment as seg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _texts() -> list[str]:
    from speed import build_pair

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    return [*texts, *build_pair(3000, seed=7)]


def test_remembered_kinds_are_fresh_kinds() -> None:
    rules = seg.furniture_rules()
    for text in _texts():
        blocks = [text[start:end] for start, end in seg._paragraphs(text)]
        for block in blocks + blocks:  # the second time from the caches
            assert seg._paragraph_kind(block) == seg._paragraph_kind.__wrapped__(block)
            fresh = seg._appeal(block, rules, require_strong=True)
            assert seg._strong_appeal(block) == fresh
            assert seg._block_has_trigger(block) == seg._has_trigger(block.lower(), rules)
            for start, end in seg._sentences(block, 0):
                sentence = block[start:end]
                expected = seg.sentence_furniture_kind.__wrapped__(sentence)
                assert seg.sentence_furniture_kind(sentence) == expected


def test_segmentation_with_cold_and_warm_caches_agrees() -> None:
    for text in _texts():
        for cached in (
            seg._paragraph_kind,
            seg.sentence_furniture_kind,
            seg._strong_appeal,
            seg._block_has_trigger,
        ):
            cached.cache_clear()
        cold = seg.segment(text, "left")
        assert seg.segment(text, "left") == cold
