"""Sentence pairs judged one by one, with the same scoring as ``compare`` minus the
signals that need whole articles (passage frequencies, neighbours)."""

from __future__ import annotations

import os
import pickle
import select
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, NoReturn

import numpy as np

from .align import (
    Bag,
    PassageTerms,
    _combine,
    _fact_bag,
    _fuzzy_pairs,
    _semantic,
    distinct_objects,
    terms_of,
)
from .model import Conflict
from .settings import Settings
from .verdict import judge, read_ahead

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
    forked process reads and judges part of the texts (:func:`_in_two_processes`).
    """
    a = [str(row["a"]) for row in rows]
    b = [str(row["b"]) for row in rows]
    if parallel:
        results = _in_two_processes(a, b, settings)
        if results is not None:
            return results
    scores = pair_scores(a, b, settings=settings).tolist()
    one = _judge_one(settings)
    return _results(a, b, scores, settings, lambda keys: [one(key) for key in keys])


Key = tuple[str, str, float]  # a pair's two texts and its score


def _results(
    a: Sequence[str],
    b: Sequence[str],
    scores: list[float],
    settings: Settings,
    judge_all: Callable[[list[Key]], list[PairResult]],
) -> list[PairResult]:
    """Each row's result: its score alone below the threshold, else the judgement of its
    pair, each distinct pair judged once (in order of first appearance) by ``judge_all``."""
    known: dict[Key, PairResult] = {}
    for text_a, text_b, score in zip(a, b, scores, strict=True):
        if score >= settings.link_threshold:
            known.setdefault((text_a, text_b, score), _UNJUDGED)
    keys = list(known)
    for key, result in zip(keys, judge_all(keys), strict=True):
        known[key] = result
    return [
        known[(text_a, text_b, score)]
        if score >= settings.link_threshold
        else PairResult(score, "unrelated")
        for text_a, text_b, score in zip(a, b, scores, strict=True)
    ]


_UNJUDGED = PairResult(0.0, "unrelated")  # a placeholder, replaced before it is returned


def _judge_one(settings: Settings) -> Callable[[Key], PairResult]:
    def judged(key: Key) -> PairResult:
        text_a, text_b, score = key
        verdict = judge(text_a, text_b, score=score, settings=settings)
        return PairResult(score, verdict.status, verdict.conflicts)

    return judged


# Two processes pay only past this many rows: the fork, the pickles through the pipes and
# the caches each process fills for itself cost ~0.1 s of CPU on the 10,000 bench rows.
_PARALLEL_FROM = 1000
# The share of the rows' work (reading texts, judging pairs) this process keeps: it also
# scores every row, which is about a fifth of what it does after the fork (the 10,000
# bench rows: 75 ms of scores, ~0.3 s reading and judging half of the texts).
_PARENT_SHARE = 0.4
# Two processes only when the rows split near those shares: neither half may hold more
# than this many times its share (the groups of rows linked by texts can be few).
_MAX_OVER_SHARE = 1.5
# Reading a text (its terms, facts and claims) costs about as much as scoring and
# judging this many rows of texts already read.
_TEXT_COST_IN_ROWS = 10


def _in_two_processes(
    a: Sequence[str], b: Sequence[str], settings: Settings
) -> list[PairResult] | None:
    """``judge_pairs``'s results, with a forked process reading the texts of about 60% of
    the rows and judging their pairs; None where that cannot pay (no idle core, no fork,
    few rows, rows that do not split, :func:`_two_halves`).

    The child sends the terms of its texts (this process scores every row: a score's last
    bit depends on the order of all rows' terms), receives the pairs of its texts to
    judge, and sends their results.  Everything the child sends is pickled; where the
    child fails, this process does its part.  The word list and the patterns are loaded
    before the fork, so that the child inherits them.
    """
    if len(a) < _PARALLEL_FROM or not hasattr(os, "fork") or not _a_core_is_idle():
        return None
    halves = _two_halves(list(zip(a, b, strict=True)))
    if halves is None:
        return None
    mine = list(dict.fromkeys(t for k in halves[0] for t in (a[k], b[k])))
    theirs = list(dict.fromkeys(t for k in halves[1] for t in (a[k], b[k])))
    one = _judge_one(settings)
    one((a[0], b[0], 0.0))  # the word list, the patterns: loaded once, for both processes
    terms_of(a[0])
    child_reads, parent_writes = os.pipe()
    parent_reads, child_writes = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(parent_writes)
        os.close(parent_reads)
        _child(theirs, settings, child_reads, child_writes)
    os.close(child_reads)
    os.close(child_writes)
    try:
        with (
            os.fdopen(parent_reads, "rb") as from_child,
            os.fdopen(parent_writes, "wb") as to_child,
        ):
            terms = {text: terms_of(text) for text in mine}
            _read_ahead_until(mine, from_child)  # while the child reads its own texts
            sent = _received(from_child)
            terms.update(zip(theirs, sent or [terms_of(text) for text in theirs], strict=True))
            scores = _scores(a, b, [terms[t] for t in a], [terms[t] for t in b], settings)
            theirs_set = set(theirs)

            def judge_all(keys: list[Key]) -> list[PairResult]:
                results: dict[int, PairResult] = {}
                asked = [k for k, key in enumerate(keys) if key[0] in theirs_set]
                child_alive = _sent(to_child, [keys[k] for k in asked])
                for k, key in enumerate(keys):
                    if key[0] not in theirs_set:
                        results[k] = one(key)
                answers = _received(from_child) if child_alive else None
                for k, result in zip(asked, answers or [one(keys[k]) for k in asked], strict=True):
                    results[k] = result
                return [results[k] for k in range(len(keys))]

            return _results(a, b, scores.tolist(), settings, judge_all)
    finally:
        os.waitpid(child, 0)


def _child(texts: list[str], settings: Settings, reads: int, writes: int) -> NoReturn:
    """The forked process: send the terms of ``texts``, receive pairs, send their results."""
    status = 1
    try:
        with os.fdopen(reads, "rb") as from_parent, os.fdopen(writes, "wb") as to_parent:
            pickle.dump([terms_of(text) for text in texts], to_parent, pickle.HIGHEST_PROTOCOL)
            to_parent.flush()
            _read_ahead_until(texts, from_parent)  # while the parent scores every row
            one = _judge_one(settings)
            keys = pickle.load(from_parent)
            pickle.dump([one(key) for key in keys], to_parent, pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no clean-up: the parent's files and buffers are its own


def _read_ahead_until(texts: Sequence[str], pipe: IO[bytes]) -> None:
    """Read ahead (``read_ahead``) the texts whose pairs this process will judge, until the
    other process has written to ``pipe`` (or closed it): time each would spend waiting
    for the other, spent on work it will do anyway.  ``pipe`` must hold nothing read into
    its buffer yet (what select sees is the pipe itself)."""
    for text in texts:
        if select.select([pipe], [], [], 0)[0]:
            return
        read_ahead(text)


def _sent(pipe: IO[bytes], value: object) -> bool:
    """Whether ``value`` was written, pickled, to ``pipe`` (False: its reader is gone)."""
    try:
        pickle.dump(value, pipe, pickle.HIGHEST_PROTOCOL)
        pipe.flush()
    except OSError:
        return False
    return True


def _received(pipe: IO[bytes]) -> Any:
    """The next value pickled to ``pipe``; None if the child ended without sending it."""
    try:
        return pickle.load(pipe)
    except Exception:  # a child that failed half-way: its part is done here instead
        return None


def _a_core_is_idle() -> bool:
    """Whether a second process would have a core of its own: two usable cores or more,
    and a load average (runnable processes, last minute) at least half a core below them.

    Two processes cost ~8-9% more CPU than one (each fills its own word caches, compiles
    the patterns its texts need, copies the pages it writes to); where the other jobs
    keep every core busy, they take longer than one (measured at a load of 9-10 on two
    cores: 3.2 s against 3.0 s).
    """
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    load = getattr(os, "getloadavg", None)
    return cores >= 2 and (load is None or load()[0] < cores - 0.5)


def _two_halves(pairs: list[tuple[str, str]]) -> tuple[list[int], list[int]] | None:
    """The indices of ``pairs`` in two groups, no text in both, the first holding about
    ``_PARENT_SHARE`` of the work: the groups of pairs linked by shared texts, the
    heaviest first, each to the half it leaves least over its share.  None when a half would
    hold more than ``_MAX_OVER_SHARE`` times its share."""
    # The groups: union-find over the texts numbered, halving paths as it goes.
    number: dict[str, int] = {}
    ends = [
        (number.setdefault(a, len(number)), number.setdefault(b, len(number))) for a, b in pairs
    ]
    up = list(range(len(number)))
    for x, y in ends:
        while (above := up[x]) != x:
            up[x] = up[above]
            x = up[x]
        while (above := up[y]) != y:
            up[y] = up[above]
            y = up[y]
        if x != y:
            up[x] = y
    roots = []
    for text in range(len(up)):
        root = text
        while up[root] != root:
            root = up[root]
        roots.append(root)
    # Keyed by root, in the order of each group's first pair (the sort below keeps it for
    # groups of equal work).
    groups: dict[int, list[int]] = {}
    for k, (x, _) in enumerate(ends):
        groups.setdefault(roots[x], []).append(k)
    texts = Counter(roots)
    work = {r: len(ks) + _TEXT_COST_IN_ROWS * texts[r] for r, ks in groups.items()}
    shares = (_PARENT_SHARE, 1.0 - _PARENT_SHARE)
    halves: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for r in sorted(groups, key=lambda r: -work[r]):
        side = 0 if (loads[0] + work[r]) / shares[0] <= (loads[1] + work[r]) / shares[1] else 1
        halves[side].extend(groups[r])
        loads[side] += work[r]
    total = sum(loads)
    if any(
        load > _MAX_OVER_SHARE * share * total for load, share in zip(loads, shares, strict=True)
    ):
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
    return _scores(a, b, [terms_of(text) for text in a], [terms_of(text) for text in b], settings)


def _scores(
    a: Sequence[str],
    b: Sequence[str],
    ta: Sequence[PassageTerms],
    tb: Sequence[PassageTerms],
    settings: Settings,
) -> np.ndarray:
    """``pair_scores`` from the texts' terms (one object per distinct text)."""
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
