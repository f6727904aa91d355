"""Same-event scores on public benchmarks: ROC-AUC of ``main.py pairs`` against their labels.

    python bench/public.py              # MSRP test and ECB+ test sentence pairs
    python bench/public.py --limit 500  # a quick look

Runs the real command line (`python main.py pairs FILE`) on the files in ../shared/eval,
read in place, and reports the time it took.  ECB+ is scored twice: against all
negatives, and against the cross-sub-topic negatives only (same type of event, different
real-world event: the "same topic, not the same event" test).
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
from scipy.stats import rankdata

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    positives = labels == 1
    n_pos, n_neg = int(positives.sum()), int((~positives).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def run_pairs(path: Path, limit: int | None) -> tuple[list[dict], dict[str, dict], float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if limit:
        rows = rows[:limit]
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
    args = parser.parse_args()

    rows, results, elapsed = run_pairs(EVAL / "msrp_test.jsonl", args.limit)
    scores = np.array([results[r["id"]]["score"] for r in rows])
    labels = np.array([int(r["label"]) for r in rows])
    print(f"MSRP test: {len(rows)} pairs in {elapsed:.1f} s (process start included)")
    print(f"  ROC-AUC {roc_auc(scores, labels):.3f}")

    rows, results, elapsed = run_pairs(EVAL / "ecbplus_test_sentence_pairs.jsonl", args.limit)
    scores = np.array([results[r["id"]]["score"] for r in rows])
    labels = np.array([int(r["label"]) for r in rows])
    same = np.array([bool(r.get("same_subtopic")) for r in rows])
    print(f"ECB+ test: {len(rows)} pairs in {elapsed:.1f} s (process start included)")
    print(f"  ROC-AUC all pairs                              {roc_auc(scores, labels):.3f}")
    cross = (labels == 1) | ~same
    cross_auc = roc_auc(scores[cross], labels[cross])
    print(f"  ROC-AUC positives vs cross-sub-topic negatives {cross_auc:.3f}")
    same_auc = roc_auc(scores[same], labels[same])
    print(f"  ROC-AUC within the same sub-topic              {same_auc:.3f}")
    statuses: dict[str, int] = {}
    for r in results.values():
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print(f"  statuses: {statuses}")


if __name__ == "__main__":
    main()
