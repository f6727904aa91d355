"""Why the pipeline misses gold links: each missed link of the DEV sets, by cause.

    python bench/align_misses.py            # counts per dev set and cause
    python bench/align_misses.py --list     # also every missed link, with its figures

Only the dev sets of bench/quality.py are read (corpus-dev, news-dev, reworded-dev).
The scores are the pipeline's (claim evidence, learned scorer, default settings).  Each
missed link gets the first cause that applies, in this order:

* ``furniture``: one passage is not content (never linked);
* ``no shared word``: the two passages share no content word (a paraphrase: out of reach
  of every word signal);
* ``heading``: a headline or standfirst is one side (its own competition, own threshold);
* ``weak overlap``: under ``link_threshold``, sharing one or two content words, none of
  them rare in the story (near-paraphrases: what they share, every pair of the story
  shares);
* ``below threshold, best``: under ``link_threshold`` though the best of its row or column;
* ``below threshold``: under ``link_threshold`` and the best of neither;
* ``margin, one-to-many in gold``: over the threshold, cut by the relative margin, and a
  passage's better pair is also a gold link (the text supports one-to-many);
* ``margin, taken by a false link``: cut by the margin for a pair that is not gold;
* ``one-sided``: within the margin but neither passage's best, under the one-sided bar.

Besides, for every miss: whether one of its passages has several gold links (the two
articles split the fact differently), whether the sentence before or after one of its
passages was linked to the other (a fact told in two sentences, one found), and whether
it is the best of its row / column.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402

from core import align  # noqa: E402
from core.compare import claim_evidence, claims_across, link_passages  # noqa: E402
from core.model import Settings  # noqa: E402

DEV = ("corpus-dev", "news-dev", "reworded-dev")
CAUSES = (
    "furniture",
    "no shared word",
    "heading",
    "weak overlap",
    "below threshold, best",
    "below threshold",
    "margin, one-to-many in gold",
    "margin, taken by a false link",
    "one-sided",
    "other",
)


def pipeline_scores(case: quality.Case, settings: Settings) -> np.ndarray:
    """The score matrix that core.compare.link_passages assigns from."""
    across = claims_across(case.left, case.right, settings=settings)
    evidence = claim_evidence(across, len(case.left), len(case.right))
    return align.similarity(case.left, case.right, settings=settings, evidence=evidence)


def cause(
    case: quality.Case,
    scores: np.ndarray,
    shared: dict[str, np.ndarray],
    pair: tuple[int, int],
    s: Settings,
) -> str:
    i, j = pair
    if not (case.left[i].is_content and case.right[j].is_content):
        return "furniture"
    if shared["shared_words"][i, j] == 0:
        return "no shared word"
    head_left = align.headline_roles(case.left)
    head_right = align.headline_roles(case.right)
    if head_left[i] or head_right[j]:
        return "heading"
    # The body competition: headline rows and columns out.
    body = scores.copy()
    body[head_left, :] = 0
    body[:, head_right] = 0
    value = body[i, j]
    row_best, col_best = body[i].max(), body[:, j].max()
    best = value >= row_best - 1e-6 or value >= col_best - 1e-6
    weak = shared["shared_words"][i, j] <= 2 and shared["shared_story_rare"][i, j] == 0
    if value < s.link_threshold and weak:
        return "weak overlap"
    if value < s.link_threshold:
        return "below threshold, best" if best else "below threshold"
    margin = s.relative_margin
    if value < margin * row_best and value < margin * col_best:
        better = {(i, int(c)) for c in np.flatnonzero(body[i] > value)} | {
            (int(r), j) for r in np.flatnonzero(body[:, j] > value)
        }
        return (
            "margin, one-to-many in gold" if better & case.gold else "margin, taken by a false link"
        )
    mutual = value >= row_best - 1e-6 and value >= col_best - 1e-6
    if not mutual and value < s.link_threshold + s.one_sided_margin:
        return "one-sided"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--list", action="store_true", help="print every missed link")
    parser.add_argument("--set", nargs="*", default=[], help="engine settings, name=value")
    args = parser.parse_args()
    settings = quality.parse_settings(args.set)
    table: dict[str, Counter[str]] = {}
    split: dict[str, Counter[str]] = {}
    for set_name, cases in quality.cases().items():
        if set_name not in DEV:
            continue
        counts = table.setdefault(set_name, Counter())
        extra = split.setdefault(set_name, Counter())
        for case in cases:
            found = {
                (k.left.index, k.right.index)
                for k in link_passages(case.left, case.right, settings=settings)
            }
            scores = pipeline_scores(case, settings)
            terms_left = [align.terms_of(p.text) for p in case.left]
            terms_right = [align.terms_of(p.text) for p in case.right]
            shared = align.shared_counts(terms_left, terms_right)
            degree_left = Counter(i for i, _ in case.gold)
            degree_right = Counter(j for _, j in case.gold)
            extra["gold"] += len(case.gold)
            extra["found"] += len(case.gold & found)
            for i, j in sorted(case.gold - found):
                why = cause(case, scores, shared, (i, j), settings)
                counts[why] += 1
                if degree_left[i] > 1 or degree_right[j] > 1:
                    extra["missed, a passage with several gold links"] += 1
                beside = {(i, j - 1), (i, j + 1), (i - 1, j), (i + 1, j)}
                if beside & case.gold & found:
                    extra["missed, beside a found link of one passage"] += 1
                if scores[i, j] >= scores[i].max() - 1e-6:
                    extra["missed, best of its row"] += 1
                if scores[i, j] >= scores[:, j].max() - 1e-6:
                    extra["missed, best of its column"] += 1
                if args.list:
                    print(
                        f"{set_name} {case.name[:60]} L{i}~R{j} {scores[i, j]:.3f} "
                        f"(row best {scores[i].max():.3f}, column best {scores[:, j].max():.3f},"
                        f" shared {int(shared['shared_words'][i, j])}) {why}\n"
                        f"    L: {case.left[i].text[:110]}\n    R: {case.right[j].text[:110]}"
                    )
    print(f"{'cause':32}" + "".join(f"{name:>14}" for name in table) + f"{'all':>8}")
    for why in CAUSES:
        row = [table[name][why] for name in table]
        if any(row):
            print(f"{why:32}" + "".join(f"{n:14}" for n in row) + f"{sum(row):8}")
    for key in sorted({k for c in split.values() for k in c}):
        row = [split[name][key] for name in split]
        print(f"{key:32}" + "".join(f"{n:14}" for n in row) + f"{sum(row):8}")


if __name__ == "__main__":
    main()
