"""Same-event scores on public benchmarks: ROC-AUC of ``main.py pairs`` against their labels.

    python bench/public.py              # MSRP, ECB+ and STS-B test sentence pairs
    python bench/public.py --limit 500  # a quick look
    python bench/public.py --align-only # core.align.pair_scores in-process (no claims)

Runs the real command line (`python main.py pairs FILE`) on the files in ../shared/eval,
read in place, and reports the time it took.  ECB+ is scored twice: against all
negatives, and against the cross-sub-topic negatives only (same type of event, different
real-world event: the "same topic, not the same event" test).  STS-B (graded 0-5) is
scored by Spearman correlation, overall and on its news genre.  Each figure is followed by
the same figure for the aligner as it was before the rework (bench/align_before.py, run
in-process on the same pairs), so that before and after come from one run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.stats import rankdata, spearmanr

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import align_before  # noqa: E402


def before_scores(rows: list[dict]) -> np.ndarray:
    """Pair scores of the frozen pre-rework aligner."""
    return np.asarray(
        align_before.pair_scores(
            [r["a"] for r in rows], [r["b"] for r in rows], align_before.Settings()
        )
    )


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    positives = labels == 1
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def align_scores(rows: list[dict]) -> tuple[dict[str, dict], float]:
    """Scores of core.align.pair_scores alone, in-process: the aligner's part of ``pairs``
    (no claim evidence, no verdict; status "n/a")."""
    from core.align import pair_scores
    from core.settings import Settings

    started = time.perf_counter()
    scores = pair_scores([r["a"] for r in rows], [r["b"] for r in rows], settings=Settings())
    elapsed = time.perf_counter() - started
    results = {
        r["id"]: {"score": float(x), "status": "n/a"} for r, x in zip(rows, scores, strict=True)
    }
    return results, elapsed


def run_pairs(
    path: Path, limit: int | None, align_only: bool = False
) -> tuple[list[dict], dict[str, dict], float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if limit:
        rows = rows[:limit]
    if align_only:
        return (rows, *align_scores(rows))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({"id": row["id"], "a": row["a"], "b": row["b"]}) + "\n")
        subset = f.name
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "pairs", subset],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    Path(subset).unlink()
    results = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    return rows, results, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--align-only", action="store_true", help="core.align alone, in-process")
    args = parser.parse_args()

    rows, results, elapsed = run_pairs(EVAL / "msrp_test.jsonl", args.limit, args.align_only)
    scores = np.array([results[r["id"]]["score"] for r in rows])
    old = before_scores(rows)
    labels = np.array([int(r["label"]) for r in rows])
    print(f"MSRP test: {len(rows)} pairs in {elapsed:.1f} s (process start included)")
    print(f"  ROC-AUC {roc_auc(scores, labels):.3f}  (before {roc_auc(old, labels):.3f})")

    rows, results, elapsed = run_pairs(
        EVAL / "ecbplus_test_sentence_pairs.jsonl", args.limit, args.align_only
    )
    scores = np.array([results[r["id"]]["score"] for r in rows])
    old = before_scores(rows)
    labels = np.array([int(r["label"]) for r in rows])
    same = np.array([bool(r.get("same_subtopic")) for r in rows])
    cross = (labels == 1) | ~same
    print(f"ECB+ test: {len(rows)} pairs in {elapsed:.1f} s (process start included)")
    for title, subset in (
        ("all pairs                             ", np.ones(len(rows), dtype=bool)),
        ("positives vs cross-sub-topic negatives", cross),
        ("within the same sub-topic             ", same),
    ):
        now = roc_auc(scores[subset], labels[subset])
        then = roc_auc(old[subset], labels[subset])
        print(f"  ROC-AUC {title} {now:.3f}  (before {then:.3f})")
    statuses: dict[str, int] = {}
    for r in results.values():
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print(f"  statuses: {statuses}")

    rows, results, elapsed = run_pairs(EVAL / "stsb_test.jsonl", args.limit, args.align_only)
    scores = np.array([results[r["id"]]["score"] for r in rows])
    old = before_scores(rows)
    gold = np.array([float(r["label"]) for r in rows])
    news = np.array(["genre=main-news" in r.get("source", "") for r in rows])
    print(f"STS-B test: {len(rows)} pairs in {elapsed:.1f} s (process start included)")
    for title, subset in (("all pairs", np.ones(len(rows), dtype=bool)), ("news genre", news)):
        if subset.sum() < 3:
            continue
        now = spearmanr(scores[subset], gold[subset])[0]
        then = spearmanr(old[subset], gold[subset])[0]
        print(f"  Spearman {title:10} {now:.3f}  (before {then:.3f})")


if __name__ == "__main__":
    main()
