"""The comparison the window opens with: the two corpus articles that share most events.

Chosen by comparing every pair with the current engine and settings (ten pairs for the five
shipped articles, well under a second), so the choice can never go stale when the engine
changes.  Pure Python: it runs on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from core.compare import compare
from core.loading import LoadError, load_path
from core.model import Comparison, Settings

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_comparison(
    settings: Settings,
    *,
    folder: Path = CORPUS,
    on_progress: Callable[[str, float], None] | None = None,
    should_abort: Callable[[], bool] | None = None,
) -> Comparison:
    """The comparison of the corpus pair with the most links (ties: first in name order)."""
    files = sorted(folder.glob("*.txt"))
    if len(files) < 2:
        raise LoadError(f"{folder}: the sample corpus needs at least two articles")
    documents = [load_path(path) for path in files]
    pairs = list(combinations(documents, 2))
    best: Comparison | None = None
    for number, (left, right) in enumerate(pairs, start=1):
        result = compare(left, right, settings, should_abort=should_abort)
        if best is None or len(result.links) > len(best.links):
            best = result
        if on_progress is not None:
            on_progress("choosing the sample pair", number / len(pairs))
    assert best is not None
    return best
