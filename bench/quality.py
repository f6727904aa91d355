"""Alignment quality on hand-annotated article pairs: precision, recall, F1, missing passages.

    python bench/quality.py                    # every set: pipeline, align-only, before, naive
    python bench/quality.py --pairs            # per article pair as well
    python bench/quality.py --errors 002 004   # false links / missed links of one pair
    python bench/quality.py --set link_threshold=0.15   # the engine with other settings

Sets (each pair's section is read from its annotation file, "== A B" then snippet pairs):

* ``corpus-dev`` / ``corpus-held-out``: bench/annotations/corpus_alignment.txt, the ten
  pairs of the sample corpus; pairs with article 004 are held out.
* ``news-dev``: bench/annotations/news_alignment_dev.txt, real news from
  ../shared/eval/news (read in place).  Settings may be chosen looking at it.
* ``news-held-out``: bench/annotations/news_alignment.txt: four other real news pairs
  (pipe-bomb arrest, Mattis resignation), all four held out from alignment tuning (the
  file's own header splits them for another purpose).
* ``reworded-dev`` / ``reworded-held-out``: bench/reworded/*/alignment.txt, the invented
  reworded events (three outlet pairs each); brennock-fire and mensik-transfer are dev,
  port-senna-levy and velmora-quake held out.

Systems, all scored by the same code on the same segmentation in one run:

* ``pipeline``: core.compare.link_passages, what the app and the command line show: the
  aligner fed with claim evidence (claims paired across the two articles), plus links
  the claim pairs add for conflicts and updates;
* ``pipeline+semantic``: the same with the optional sentence embeddings on (see
  ``semantic_settings``), listed only when the model package is installed
  (core/semantic.py);
* ``align-only``: core.align alone (similarity then assign, no claim evidence) with
  default (or ``--set``) settings;
* ``hand-weighted``: the pipeline with the learned scorer off (``learned_scorer`` 0) and
  the link settings chosen for the hand-weighted score (``HAND_WEIGHTED``);
* ``before``: the aligner as it was before the rework, frozen in bench/align_before.py;
* ``baseline N``: each passage's best rapidfuzz ratio with the other article, linked when
  it is at least N (both directions).

"missing" counts passages (headings and text, not furniture) in no link: its precision is
the share of passages reported missing that truly have no counterpart in the annotation.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_before  # noqa: E402
import reworded  # noqa: E402

from core.align import assign, similarity  # noqa: E402
from core.compare import link_passages  # noqa: E402
from core.loading import load_path  # noqa: E402
from core.model import Passage, Settings  # noqa: E402
from core.normalize import fold  # noqa: E402
from core.segment import segment  # noqa: E402
from core.semantic import available as semantic_available  # noqa: E402

ANNOTATIONS = ROOT / "bench" / "annotations"
CORPUS_ANNOTATION = ANNOTATIONS / "corpus_alignment.txt"
NEWS_DEV_ANNOTATION = ANNOTATIONS / "news_alignment_dev.txt"
NEWS_HELD_OUT_ANNOTATION = ANNOTATIONS / "news_alignment.txt"
NEWS = ROOT.parent / "shared" / "eval" / "news"
REWORDED = ROOT / "bench" / "reworded"
HELD_OUT_ARTICLE = "004"
REWORDED_DEV_EVENTS = ("brennock-fire", "mensik-transfer")
SET_ORDER = (
    "corpus-dev",
    "news-dev",
    "reworded-dev",
    "corpus-held-out",
    "news-held-out",
    "reworded-held-out",
)
Pair = tuple[int, int]  # (left passage index, right passage index)
Passages = tuple[Passage, ...]
Linker = Callable[[Passages, Passages], frozenset[Pair]]


def read_annotation(path: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Sections of snippet pairs, keyed by the two article names of the "==" line."""
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


def corpus_file(number: str) -> Path:
    return next((ROOT / "corpus").glob(f"{number}_*.txt"))


def article_file(name: str) -> Path:
    """A corpus article by number ("004"), a reworded outlet by "event/outlet.txt", or a
    news article by file name."""
    if name.isdigit():
        return corpus_file(name)
    return REWORDED / name if "/" in name else NEWS / name


@cache
def passages_of(name: str, side: str) -> Passages:
    return segment(load_path(article_file(name)).text, side)


def passage_of(snippet: str, passages: Passages) -> int:
    """Index of the passage that contains the snippet.

    Snippets are copied from the files as they are on disk; the app shows repaired text
    (mojibake fixed), so the match is fuzzy on folded text, and must be near-exact.  A
    passage that contains the snippet exactly wins: a fuzzy partial ratio would also give
    100 to a one-character passage (a lone quote mark) found inside the snippet.
    """
    wanted = fold(snippet)
    folded = [fold(p.text) for p in passages]
    exact = [index for index, text in enumerate(folded) if wanted in text]
    if len(exact) == 1:
        return exact[0]
    candidates = [
        (index, text) for index, text in enumerate(folded) if len(text) >= 0.5 * len(wanted)
    ]
    best = process.extractOne(wanted, [text for _, text in candidates], scorer=fuzz.partial_ratio)
    if best is None or best[1] < 85:
        raise ValueError(f"snippet not found: {snippet!r}")
    return candidates[best[2]][0]


@dataclass(frozen=True)
class Case:
    """One annotated article pair, segmented, with its gold links."""

    name: str
    left: Passages
    right: Passages
    gold: frozenset[Pair]


def cases() -> dict[str, list[Case]]:
    """Every annotated pair, by set name (in SET_ORDER)."""
    sets: dict[str, list[Case]] = {}
    sources = [
        ("corpus", "", CORPUS_ANNOTATION),
        ("news-dev", "", NEWS_DEV_ANNOTATION),
        ("news-held-out", "", NEWS_HELD_OUT_ANNOTATION),
    ]
    for event in sorted(d for d in REWORDED.iterdir() if (d / "alignment.txt").exists()):
        kind = "reworded-dev" if event.name in REWORDED_DEV_EVENTS else "reworded-held-out"
        sources.append((kind, event.name + "/", event / "alignment.txt"))
    for kind, prefix, path in sources:
        for (a, b), snippets in read_annotation(path).items():
            a, b = prefix + a, prefix + b
            left, right = passages_of(a, "L"), passages_of(b, "R")
            gold = frozenset((passage_of(x, left), passage_of(y, right)) for x, y in snippets)
            if kind == "corpus":
                set_name = "corpus-held-out" if HELD_OUT_ARTICLE in (a, b) else "corpus-dev"
            else:
                set_name = kind
            sets.setdefault(set_name, []).append(Case(f"{a} {b}", left, right, gold))
    return {name: sets[name] for name in SET_ORDER if name in sets}


# ------------------------------------------------------------------------------ systems


def engine(settings: Settings) -> Linker:
    def links(left: Passages, right: Passages) -> frozenset[Pair]:
        scores = similarity(left, right, settings=settings)
        return frozenset((m.left, m.right) for m in assign(scores, left, right, settings=settings))

    return links


def pipeline(settings: Settings) -> Linker:
    """The whole linking step of core.compare: claim evidence, then conflict links."""

    def links(left: Passages, right: Passages) -> frozenset[Pair]:
        found = link_passages(left, right, settings=settings)
        return frozenset((link.left.index, link.right.index) for link in found)

    return links


def semantic_settings(settings: Settings) -> Settings:
    """``settings`` with the optional sentence embeddings on, as the dev sets chose."""
    return dataclasses.replace(
        settings, weight_semantic=0.3, semantic_floor=0.7, semantic_mutual_cosine=1.0
    )


# The link settings of the hand-weighted engine (learned scorer off), as they were chosen
# on the dev sets before the learned scorer: the "hand-weighted" system.
HAND_WEIGHTED = {
    "learned_scorer": 0.0,
    "link_threshold": 0.18,
    "relative_margin": 0.7,
    "one_sided_margin": 0.0,
    "heading_threshold": 0.3,
}


def before(left: Passages, right: Passages) -> frozenset[Pair]:
    return frozenset(align_before.links(left, right))


def baseline(threshold: float) -> Linker:
    """The naive peer: each passage's best rapidfuzz ratio, kept if above a threshold."""

    def links(left: Passages, right: Passages) -> frozenset[Pair]:
        li = [i for i, p in enumerate(left) if p.is_content]
        ri = [j for j, p in enumerate(right) if p.is_content]
        if not li or not ri:
            return frozenset()
        scores = process.cdist(
            [left[i].text.lower() for i in li],
            [right[j].text.lower() for j in ri],
            scorer=fuzz.ratio,
            workers=-1,
        )
        chosen: set[Pair] = set()
        for a in range(len(li)):  # best counterpart of each left passage
            b = int(np.argmax(scores[a]))
            if scores[a, b] >= threshold:
                chosen.add((li[a], ri[b]))
        for b in range(len(ri)):  # ... and of each right passage
            a = int(np.argmax(scores[:, b]))
            if scores[a, b] >= threshold:
                chosen.add((li[a], ri[b]))
        return frozenset(chosen)

    return links


# ------------------------------------------------------------------------------ scoring


# Precision/recall counters: the same as the reworded set's scorer.
Counts = reworded.Counts


def missing(case: Case, links: frozenset[Pair]) -> set[tuple[str, int]]:
    """Content passages (not furniture) in no link: reported missing from the other side."""
    left = {i for i, _ in links}
    right = {j for _, j in links}
    return {("L", i) for i, p in enumerate(case.left) if p.is_content and i not in left} | {
        ("R", j) for j, p in enumerate(case.right) if p.is_content and j not in right
    }


@dataclass
class Scores:
    align: Counts
    missing: Counts


def evaluate(
    linker: Linker, sets: dict[str, list[Case]], show_pairs: bool = False
) -> dict[str, Scores]:
    totals: dict[str, Scores] = {}
    for set_name, set_cases in sets.items():
        total = totals.setdefault(set_name, Scores(Counts(), Counts()))
        for case in set_cases:
            predicted = linker(case.left, case.right)
            total.align.add(predicted, case.gold)
            total.missing.add(missing(case, predicted), missing(case, case.gold))
            if show_pairs:
                one = Counts()
                one.add(predicted, case.gold)
                print(f"    {set_name:15} {case.name[:70]:70} {one.row()}")
    return totals


def print_errors(case: Case, settings: Settings) -> None:
    scores = similarity(case.left, case.right, settings=settings)
    predicted = engine(settings)(case.left, case.right)
    for title, pairs in (
        ("false links", predicted - case.gold),
        ("missed", case.gold - predicted),
        ("found", predicted & case.gold),
    ):
        print(f"\n{title}:")
        for i, j in sorted(pairs):
            print(f"  L{i}~R{j} {scores[i, j]:.3f}")
            print(f"     L: {case.left[i].text[:120]}")
            print(f"     R: {case.right[j].text[:120]}")


def parse_settings(assignments: Sequence[str]) -> Settings:
    """Settings() with "name=value" overrides (floats)."""
    settings = Settings()
    for item in assignments:
        name, value = item.split("=", 1)
        settings = dataclasses.replace(settings, **{name: float(value)})
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", action="store_true", help="also show each article pair")
    parser.add_argument("--errors", nargs=2, metavar=("A", "B"), help="list errors of a pair")
    parser.add_argument("--set", nargs="*", default=[], help="engine settings, name=value")
    parser.add_argument("--baseline-thresholds", default="40,50")
    parser.add_argument("--engine-only", action="store_true", help="no before, no baselines")
    parser.add_argument("--no-semantic", action="store_true", help="skip the embeddings")
    args = parser.parse_args()
    settings = parse_settings(args.set)
    sets = cases()
    if args.errors:
        wanted = " ".join(args.errors)
        for set_cases in sets.values():
            for case in set_cases:
                if wanted in case.name or all(a in case.name for a in args.errors):
                    print_errors(case, settings)
        return
    systems: list[tuple[str, Linker]] = [("pipeline", pipeline(settings))]
    if semantic_available() and settings.weight_semantic == 0 and not args.no_semantic:
        systems.append(("pipeline+semantic", pipeline(semantic_settings(settings))))
    systems.append(("align-only", engine(settings)))
    if settings.learned_scorer > 0:
        systems.append(("hand-weighted", pipeline(dataclasses.replace(settings, **HAND_WEIGHTED))))
    if not args.engine_only:
        systems.append(("before", before))
        systems += [
            (f"baseline {t:g}", baseline(t))
            for t in (float(t) for t in args.baseline_thresholds.split(","))
        ]
    results: dict[str, dict[str, Scores]] = {}
    for name, linker in systems:
        if args.pairs:
            print(f"{name}:")
        results[name] = evaluate(linker, sets, args.pairs)
    print_tables(results, sets)


def print_tables(results: dict[str, dict[str, Scores]], sets: dict[str, list[Case]]) -> None:
    """One table per set: a row per system, alignment P/R/F1 and missing precision."""
    for set_name, set_cases in sets.items():
        gold = sum(len(c.gold) for c in set_cases)
        print(f"\n{set_name}  ({len(set_cases)} pairs, {gold} gold links)")
        print(
            f"  {'system':18} {'P':>5} {'R':>5} {'F1':>5}   {'tp':>4} {'fp':>4} {'fn':>4}"
            f"   {'missing P':>9} {'missing R':>9}"
        )
        for system, by_set in results.items():
            a, m = by_set[set_name].align, by_set[set_name].missing
            print(
                f"  {system:18} {a.precision:5.2f} {a.recall:5.2f} {a.f1:5.2f}   "
                f"{a.tp:4} {a.fp:4} {a.fn:4}   {m.precision:9.2f} {m.recall:9.2f}"
            )


if __name__ == "__main__":
    main()
