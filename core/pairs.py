"""Sentence pairs judged one by one, with the same scoring as ``compare`` minus the
signals that need whole articles (passage frequencies, neighbours)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .align import pair_scores
from .model import Conflict
from .settings import Settings
from .verdict import judge

PairStatus = Literal["agree", "related", "contradict", "unrelated"]


@dataclass(frozen=True)
class PairResult:
    score: float
    status: PairStatus
    conflicts: tuple[Conflict, ...] = ()


def judge_pairs(rows: Sequence[Mapping[str, Any]], settings: Settings) -> list[PairResult]:
    """Score and judge rows ``{"a": ..., "b": ...}``; a pair below the threshold is unrelated."""
    a = [str(row["a"]) for row in rows]
    b = [str(row["b"]) for row in rows]
    scores = pair_scores(a, b, settings=settings)
    results = []
    for text_a, text_b, score in zip(a, b, scores.tolist(), strict=True):
        if score < settings.link_threshold:
            results.append(PairResult(score, "unrelated"))
            continue
        verdict = judge(text_a, text_b, score=score, settings=settings)
        results.append(PairResult(score, verdict.status, verdict.conflicts))
    return results
