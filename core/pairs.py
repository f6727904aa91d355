"""Sentence pairs judged one by one, with the same scoring as ``compare`` minus the
signals that need whole articles (passage frequencies, neighbours)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .align import Bag, _combine, _fact_bag, _fuzzy_pairs, _semantic, distinct_objects, terms_of
from .model import Conflict
from .settings import Settings
from .verdict import judge

PairStatus = Literal["agree", "related", "contradict", "unrelated"]


@dataclass(frozen=True)
class PairResult:
    score: float
    status: PairStatus
    conflicts: tuple[Conflict, ...] = ()


def judge_pairs(
    rows: Sequence[Mapping[str, Any]], settings: Settings, *, parallel: bool = False
) -> list[PairResult]:
    """Score and judge rows ``{"a": ..., "b": ...}``; a pair below the threshold is unrelated.

    A row that repeats an earlier one (same two texts, hence the same score) is given the
    earlier row's result rather than judged again: ``judge`` is most of the command's time
    past its imports, and rows taken from one corpus repeat pairs.  With ``parallel``, a
    forked process judges part of the pairs (:func:`_judged_in_two`).
    """
    a = [str(row["a"]) for row in rows]
    b = [str(row["b"]) for row in rows]
    scores = pair_scores(a, b, settings=settings).tolist()
    known: dict[tuple[str, str, float], PairResult] = {}
    for text_a, text_b, score in zip(a, b, scores, strict=True):
        if score >= settings.link_threshold:
            known.setdefault((text_a, text_b, score), _UNJUDGED)
    judged = _judged_in_two(list(known), settings) if parallel else None
    for key, result in zip(known, judged or map(_judge_one(settings), known), strict=True):
        known[key] = result
    return [
        known[(text_a, text_b, score)]
        if score >= settings.link_threshold
        else PairResult(score, "unrelated")
        for text_a, text_b, score in zip(a, b, scores, strict=True)
    ]


_UNJUDGED = PairResult(0.0, "unrelated")  # a placeholder, replaced before it is returned


def _judge_one(settings: Settings) -> Callable[[tuple[str, str, float]], PairResult]:
    def judged(key: tuple[str, str, float]) -> PairResult:
        text_a, text_b, score = key
        verdict = judge(text_a, text_b, score=score, settings=settings)
        return PairResult(score, verdict.status, verdict.conflicts)

    return judged


# Judging in two processes pays only past this many pairs: forking, and sending the
# results back, cost ~10-20 ms.
_PARALLEL_FROM = 400
# ... and only when the pairs split into two halves of similar work: the larger half
# may hold at most this share of it.
_MAX_SHARE = 0.65
# A text's first judgement (reading its claims) costs about as much as judging this
# many pairs of texts already read.
_TEXT_COST_IN_PAIRS = 10


def _judged_in_two(
    keys: list[tuple[str, str, float]], settings: Settings
) -> list[PairResult] | None:
    """Each pair's result, judged by this process and a forked one, in order; None where
    that cannot pay (one core, no fork, few pairs, pairs that do not split).

    The pairs are split so that a text is read by one process only (:func:`_two_halves`).
    The child sends its results back pickled; if it fails, this process judges its half.
    """
    if len(keys) < _PARALLEL_FROM or not hasattr(os, "fork") or _usable_cores() < 2:
        return None
    halves = _two_halves([(a, b) for a, b, _ in keys])
    if halves is None:
        return None
    mine, theirs = halves
    one = _judge_one(settings)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: judge its half, send it, end without any clean-up
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump([one(keys[k]) for k in theirs], pipe, pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    results: list[PairResult | None] = [None] * len(keys)
    for k in mine:
        results[k] = one(keys[k])
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child, 0)
    sent = pickle.loads(data) if status == 0 and data else [one(keys[k]) for k in theirs]
    for k, result in zip(theirs, sent, strict=True):
        results[k] = result
    return [r for r in results if r is not None]


def _usable_cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _two_halves(pairs: list[tuple[str, str]]) -> tuple[list[int], list[int]] | None:
    """The indices of ``pairs`` in two groups of similar work, no text in both: the
    groups of pairs linked by shared texts, largest first, each to the lighter half.
    None when the larger half would hold more than ``_MAX_SHARE`` of the work."""
    parent: dict[str, str] = {}

    def root(text: str) -> str:
        while (up := parent.setdefault(text, text)) != text:
            parent[text] = parent.setdefault(up, up)
            text = up
        return text

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[int]] = {}
    for k, (a, _) in enumerate(pairs):
        groups.setdefault(root(a), []).append(k)
    texts: dict[str, int] = {}
    for text in parent:
        texts[root(text)] = texts.get(root(text), 0) + 1
    work = {r: len(ks) + _TEXT_COST_IN_PAIRS * texts[r] for r, ks in groups.items()}
    halves: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for r in sorted(groups, key=lambda r: -work[r]):
        side = 0 if loads[0] <= loads[1] else 1
        halves[side].extend(groups[r])
        loads[side] += work[r]
    if max(loads) > _MAX_SHARE * sum(loads):
        return None
    return sorted(halves[0]), sorted(halves[1])


def pair_scores(a: Sequence[str], b: Sequence[str], *, settings: Settings) -> np.ndarray:
    """``core.align.pair_scores(a, b, settings=settings)``, the same float32 values bit for
    bit, without scipy.sparse.

    align builds scipy.sparse matrices for the two cosines, and importing scipy.sparse
    (with the parts of numpy it pulls in) costs ~0.25 s, a quarter of the whole command
    on 10,000 rows; the row-by-row cosines need only a few numpy calls
    (:func:`row_cosines`).  ``tests/test_pairs.py`` checks both give the same scores.
    """
    if len(a) != len(b):
        raise ValueError("a and b must have the same length")
    if not a:
        return np.zeros(0, dtype=np.float32)
    ta = [terms_of(text) for text in a]
    tb = [terms_of(text) for text in b]
    # One fact bag per distinct passage (the same object for a repeated sentence), so
    # that row_cosines reads it once.
    fact_bags: dict[int, Bag] = {}
    for t in (*ta, *tb):
        if id(t) not in fact_bags:
            fact_bags[id(t)] = _fact_bag(t)
    word = row_cosines([t.words for t in ta], [t.words for t in tb])
    # As align: no fuzzy credit without a shared word.
    fuzzy = _fuzzy_pairs([t.sorted_content for t in ta], [t.sorted_content for t in tb])
    facts = row_cosines([fact_bags[id(t)] for t in ta], [fact_bags[id(t)] for t in tb])
    return _combine(
        word, fuzzy * (word > 0), facts, settings, None, _semantic(a, b, settings, pairs=True)
    )


@dataclass(frozen=True)
class _UnitRows:
    """Distinct bags as unit vectors, CSR-like: row r's entries are ``columns[start[r]:
    start[r] + count[r]]`` (ascending) and their float32 ``values``."""

    start: np.ndarray
    count: np.ndarray
    columns: np.ndarray
    values: np.ndarray
    width: int  # columns in all


def row_cosines(left: Sequence[Bag], right: Sequence[Bag]) -> np.ndarray:
    """Cosine of ``left[k]`` with ``right[k]`` for each k, as float32: what align computes
    as ``_row_pairs(_vectors(left, right, 0.0))`` with scipy.sparse, bit for bit.

    The last bit of a score can decide a row's status at the threshold, so the float32
    arithmetic is scipy's, in scipy's order: columns numbered by first use over the bags
    (left's, then right's), each value cast to float32; a row's norm the square root of
    its squares summed with ``np.add.reduceat`` in column order; each value multiplied by
    its row's float32 inverse norm; a pair's products of shared columns, float32, summed
    with ``np.add.reduceat`` in column order.  Products and squares that are zero are
    dropped, as scipy drops them from its results.
    """
    positions, unit = _unit_rows((*left, *right))
    lp, rp = positions[: len(left)], positions[len(left) :]
    lkeys, lentries = _pair_entries(unit, lp)
    rkeys, rentries = _pair_entries(unit, rp)
    out = np.zeros(len(left), dtype=np.float32)
    shared, li, ri = np.intersect1d(lkeys, rkeys, assume_unique=True, return_indices=True)
    products = unit.values[lentries[li]] * unit.values[rentries[ri]]
    kept = products != 0
    pairs, products = shared[kept] // max(unit.width, 1), products[kept]
    _sum_runs(pairs, products, out)
    return out


def _unit_rows(bags: Sequence[Bag]) -> tuple[np.ndarray, _UnitRows]:
    """Each bag's row among the distinct bags (the same object is one row), and those rows
    as unit vectors."""
    distinct, positions = distinct_objects(bags)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, bag in enumerate(distinct):
        for term, value in bag.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            vals.append(value)
    row_of = np.asarray(rows, dtype=np.int64)
    columns = np.asarray(cols, dtype=np.int64)
    order = np.lexsort((columns, row_of))
    row_of, columns = row_of[order], columns[order]
    values = np.asarray(vals, dtype=np.float32)[order]
    count = np.bincount(row_of, minlength=len(distinct))
    start = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    squares = values * values
    kept = squares != 0
    norms = np.zeros(len(distinct), dtype=np.float32)
    _sum_runs(row_of[kept], squares[kept], norms)
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    values = (1.0 / norms).astype(np.float32)[row_of] * values
    unit = _UnitRows(start, count, columns, values, len(vocabulary))
    return np.asarray(positions, dtype=np.int64), unit


def _pair_entries(unit: _UnitRows, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the pairs whose side is ``unit``'s row ``rows[k]``: a key per entry (pair k and
    column, unique, ascending) and the entry's index in ``unit``."""
    counts = unit.count[rows]
    total = int(counts.sum())
    pair = np.repeat(np.arange(rows.size, dtype=np.int64), counts)
    offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    entries = np.repeat(unit.start[rows], counts) + offset
    return pair * max(unit.width, 1) + unit.columns[entries], entries


def _sum_runs(groups: np.ndarray, values: np.ndarray, out: np.ndarray) -> None:
    """``out[g]`` = the float32 sum of the values of group g, whose values lie together in
    ``values`` (``groups`` ascending), added with ``np.add.reduceat`` as scipy.sparse sums
    a row; groups without values keep their zero."""
    if not groups.size:
        return
    starts = np.flatnonzero(np.concatenate([[True], groups[1:] != groups[:-1]]))
    out[groups[starts]] = np.add.reduceat(values, starts)
