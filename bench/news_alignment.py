"""Sentence alignment on real news pairs: precision, recall, F1, and missing passages.

    python bench/news_alignment.py               # engine vs naive baseline, dev and held-out
    python bench/news_alignment.py --pairs       # per article pair as well
    python bench/news_alignment.py --errors      # list false links and missed links

The annotation (bench/annotations/news_alignment.txt) marks sentence pairs of articles in
../shared/eval/news/ (read in place) by exact snippets, with the rules of
corpus_alignment.txt; its header says which pairs are DEV and which are HELD-OUT.  The
baseline and the snippet-to-passage matching are those of bench/quality.py (imported,
not changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quality import (  # noqa: E402
    Counts,
    baseline_pairs,
    gold_pairs,
    missing_ids,
    predicted_pairs,
    read_annotation,
)

from core.compare import compare  # noqa: E402
from core.loading import load_path  # noqa: E402
from core.model import Settings  # noqa: E402

ANNOTATION = ROOT / "bench" / "annotations" / "news_alignment.txt"
NEWS = ROOT.parent / "shared" / "eval" / "news"
BASELINE_THRESHOLDS = (50.0, 60.0, 70.0)


def splits(path: Path = ANNOTATION) -> dict[tuple[str, str], str]:
    """Each annotated pair's split, read from the header lines under DEV / HELD-OUT."""
    split = ""
    found: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.lstrip("# ").strip()
        if text.startswith("- DEV"):
            split = "dev"
        elif text.startswith("- HELD-OUT"):
            split = "held-out"
        elif line.startswith("== "):
            break
        elif split and "~" in text:
            event, outlets = text.split(None, 1)
            a, b = (o.strip() for o in outlets.split("~"))
            found[(f"{event}__{a}.txt", f"{event}__{b}.txt")] = split
    return found


def evaluate(show_pairs: bool = False, show_errors: bool = False) -> dict[str, dict]:
    sections = read_annotation(ANNOTATION)
    split_of = splits()
    names = ("dev", "held-out", "all")
    engine = {n: (Counts(), Counts()) for n in names}
    base = {t: {n: (Counts(), Counts()) for n in names} for t in BASELINE_THRESHOLDS}
    for (a, b), snippets in sections.items():
        comparison = compare(load_path(NEWS / a), load_path(NEWS / b), settings=Settings())
        gold = gold_pairs(comparison, snippets)
        split = split_of.get((a, b), "dev")
        predicted = predicted_pairs(comparison)
        for n in (split, "all"):
            engine[n][0].add(predicted, gold)
            engine[n][1].add(missing_ids(comparison, predicted), missing_ids(comparison, gold))
            for t in BASELINE_THRESHOLDS:
                chosen = baseline_pairs(comparison, t)
                base[t][n][0].add(chosen, gold)
                base[t][n][1].add(missing_ids(comparison, chosen), missing_ids(comparison, gold))
        if show_pairs:
            counts = Counts()
            counts.add(predicted, gold)
            print(f"  [{split:8}] {a} ~ {b.split('__')[1]}: {counts.row()}")
        if show_errors:
            print(f"\n== {a} ~ {b.split('__')[1]}")
            for title, pairs in (("false link", predicted - gold), ("missed", gold - predicted)):
                for l_id, r_id in sorted(pairs, key=lambda p: (int(p[0][1:]), int(p[1][1:]))):
                    print(f"  {title} {l_id}~{r_id}")
                    print(f"     L: {comparison.passage(l_id).text[:100]}")
                    print(f"     R: {comparison.passage(r_id).text[:100]}")
    return {"engine": engine, **{f"baseline >= {t:g}": base[t] for t in BASELINE_THRESHOLDS}}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", action="store_true", help="also show each article pair")
    parser.add_argument("--errors", action="store_true", help="list false and missed links")
    args = parser.parse_args()
    results = evaluate(args.pairs, args.errors)
    for name, per_split in results.items():
        print(f"{name} (naive: best rapidfuzz ratio per sentence)" if "base" in name else name)
        for split, (align, missing) in per_split.items():
            print(f"  {split:9} align   {align.row()}")
            print(f"  {split:9} missing {missing.row()}")


if __name__ == "__main__":
    main()
