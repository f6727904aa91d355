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
    """Score and judge rows ``{"a": ..., "b": ...}``; a pair below the threshold is unrelated.

    A row that repeats an earlier one (same two texts, hence the same score) is given the
    earlier row's result rather than judged again: ``judge`` is most of the command's time
    past its imports, and rows taken from one corpus repeat pairs.
    """
    a = [str(row["a"]) for row in rows]
    b = [str(row["b"]) for row in rows]
    scores = pair_scores(a, b, settings=settings)
    known: dict[tuple[str, str, float], PairResult] = {}
    results = []
    for text_a, text_b, score in zip(a, b, scores.tolist(), strict=True):
        if score < settings.link_threshold:
            results.append(PairResult(score, "unrelated"))
            continue
        key = (text_a, text_b, score)
        result = known.get(key)
        if result is None:
            verdict = judge(text_a, text_b, score=score, settings=settings)
            result = known[key] = PairResult(score, verdict.status, verdict.conflicts)
        results.append(result)
    return results
