"""Alignment quality on the hand-annotated corpus: precision, recall, F1, and missing passages.

    python bench/quality.py                 # engine vs naive baseline, dev and held-out
    python bench/quality.py --pairs         # per article pair as well
    python bench/quality.py --errors 002 004   # list false positives / negatives of a pair

The annotation (bench/annotations/corpus_alignment.txt) marks sentence pairs by exact
snippets; a snippet names the passage that contains it.  Pairs involving article 004 are
held out: the engine's settings were chosen looking at the other six pairs only.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.compare import compare  # noqa: E402
from core.loading import load_path  # noqa: E402
from core.model import Comparison, Passage, Settings  # noqa: E402
from core.normalize import fold  # noqa: E402

ANNOTATION = ROOT / "bench" / "annotations" / "corpus_alignment.txt"
HELD_OUT_ARTICLE = "004"
Pair = tuple[str, str]  # (left passage id, right passage id)


@dataclass(frozen=True)
class Gold:
    articles: tuple[str, str]
    pairs: frozenset[Pair]


def corpus_file(number: str) -> Path:
    return next((ROOT / "corpus").glob(f"{number}_*.txt"))


def read_annotation(path: Path = ANNOTATION) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Sections of snippet pairs, keyed by the two article numbers."""
    sections: dict[tuple[str, str], list[tuple[str, str]]] = {}
    current: tuple[str, str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            a, b = line[2:].split()
            current = (a, b)
            sections[current] = []
        elif line == "(none)":
            continue
        elif current is not None and "||" in line:
            left, right = line.split("||", 1)
            sections[current].append((left.strip(), right.strip()))
    return sections


def passage_of(snippet: str, passages: tuple[Passage, ...], text: str) -> str:
    """The passage that contains the snippet.

    Snippets are copied from the files as they are on disk; the app shows repaired text
    (mojibake fixed), so the match is fuzzy on folded text, and must be near-exact.
    """
    wanted = fold(snippet)
    best = process.extractOne(wanted, [fold(p.text) for p in passages], scorer=fuzz.partial_ratio)
    if best is None or best[1] < 85:
        raise ValueError(f"snippet not found: {snippet!r}")
    return passages[best[2]].id


def gold_pairs(comparison: Comparison, snippets: list[tuple[str, str]]) -> frozenset[Pair]:
    return frozenset(
        (
            passage_of(left, comparison.left_passages, comparison.left.text),
            passage_of(right, comparison.right_passages, comparison.right.text),
        )
        for left, right in snippets
    )


def predicted_pairs(comparison: Comparison) -> frozenset[Pair]:
    return frozenset(
        (l_id, r_id) for link in comparison.links for l_id in link.left for r_id in link.right
    )


def baseline_pairs(comparison: Comparison, threshold: float) -> frozenset[Pair]:
    """The naive peer: each passage's best rapidfuzz ratio, kept if above a threshold."""
    left = [p for p in comparison.left_passages if p.is_content]
    right = [p for p in comparison.right_passages if p.is_content]
    if not left or not right:
        return frozenset()
    scores = process.cdist(
        [p.text.lower() for p in left],
        [p.text.lower() for p in right],
        scorer=fuzz.ratio,
        workers=-1,
    )
    chosen: set[Pair] = set()
    for i in range(len(left)):  # best counterpart of each left passage
        j = int(np.argmax(scores[i]))
        if scores[i, j] >= threshold:
            chosen.add((left[i].id, right[j].id))
    for j in range(len(right)):  # ... and of each right passage
        i = int(np.argmax(scores[:, j]))
        if scores[i, j] >= threshold:
            chosen.add((left[i].id, right[j].id))
    return frozenset(chosen)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: frozenset[Pair] | set[str], gold: frozenset[Pair] | set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return (
            f"P {self.precision:.2f}  R {self.recall:.2f}  F1 {self.f1:.2f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def missing_ids(comparison: Comparison, linked: frozenset[Pair]) -> set[str]:
    """Passages (not furniture) in no pair: missing from the other side."""
    in_pairs = {pid for pair in linked for pid in pair}
    every = comparison.left_passages + comparison.right_passages
    return {
        p.id + ("" if p.id[0] == "L" else "")
        for p in every
        if p.is_content and p.id not in in_pairs
    }


@dataclass
class Scores:
    align: Counts
    missing: Counts


def evaluate(
    settings: Settings,
    baseline: float | None,
    show_pairs: bool = False,
    errors: tuple[str, str] | None = None,
) -> dict[str, Scores]:
    sections = read_annotation()
    totals = {name: Scores(Counts(), Counts()) for name in ("dev", "held-out", "all")}
    docs = {n: load_path(corpus_file(n)) for pair in sections for n in pair}
    for (a, b), snippets in sections.items():
        comparison = compare(docs[a], docs[b], settings)
        gold = gold_pairs(comparison, snippets)
        predicted = (
            baseline_pairs(comparison, baseline)
            if baseline is not None
            else predicted_pairs(comparison)
        )
        split = "held-out" if HELD_OUT_ARTICLE in (a, b) else "dev"
        pair_counts = Counts()
        pair_counts.add(predicted, gold)
        for name in (split, "all"):
            totals[name].align.add(predicted, gold)
            totals[name].missing.add(
                missing_ids(comparison, predicted), missing_ids(comparison, gold)
            )
        if show_pairs:
            print(f"  {a}-{b} [{split:8}] {pair_counts.row()}")
        if errors == (a, b):
            _print_errors(comparison, predicted, gold)
    return totals


def _print_errors(
    comparison: Comparison, predicted: frozenset[Pair], gold: frozenset[Pair]
) -> None:
    scores = {link.left[0] + link.right[0]: link.score for link in comparison.links}
    for title, pairs in (("false positives", predicted - gold), ("missed", gold - predicted)):
        print(f"\n{title}:")
        for l_id, r_id in sorted(pairs, key=lambda p: int(p[0][1:])):
            score = scores.get(l_id + r_id)
            print(f"  {l_id}~{r_id} {score if score is not None else '-'}")
            print(f"     L: {comparison.passage(l_id).text[:110]}")
            print(f"     R: {comparison.passage(r_id).text[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", action="store_true", help="also show each article pair")
    parser.add_argument("--errors", nargs=2, metavar=("A", "B"), help="list errors of a pair")
    parser.add_argument("--baseline-thresholds", default="50,60,70,80")
    args = parser.parse_args()
    print("Engine (default settings):")
    engine = evaluate(Settings(), None, args.pairs, tuple(args.errors) if args.errors else None)
    for name, scores in engine.items():
        print(f"  {name:9} align   {scores.align.row()}")
        print(f"  {name:9} missing {scores.missing.row()}")
    for threshold in (float(t) for t in args.baseline_thresholds.split(",")):
        print(f"Naive baseline: best rapidfuzz ratio per sentence >= {threshold:g}")
        base = evaluate(Settings(), threshold, args.pairs)
        for name, scores in base.items():
            print(f"  {name:9} align   {scores.align.row()}")
            print(f"  {name:9} missing {scores.missing.row()}")


if __name__ == "__main__":
    main()
