"""The comparison the window opens with: the sample pair most worth a first look.

Chosen by comparing every pair of the shipped corpus with the current engine and settings
(ten pairs for five articles, about a second), so the choice never goes stale when the
engine changes: the pair with the most contradictions, then the most links.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from .compare import compare
from .loading import LoadError, load_path
from .model import Comparison
from .settings import Settings

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def default_comparison(
    *,
    settings: Settings,
    folder: Path = CORPUS,
    on_progress: Callable[[str, float], None] | None = None,
    should_abort: Callable[[], bool] | None = None,
) -> Comparison:
    """The corpus pair with the most contradictions, then links (ties: first by name)."""
    files = sorted(folder.glob("*.txt"))
    if len(files) < 2:
        raise LoadError(f"{folder}: the sample corpus needs at least two articles")
    documents = [load_path(path) for path in files]
    pairs = list(combinations(documents, 2))
    best: Comparison | None = None
    for number, (left, right) in enumerate(pairs, start=1):
        result = compare(left, right, settings=settings, should_abort=should_abort)
        if best is None or _interest(result) > _interest(best):
            best = result
        if on_progress is not None:
            on_progress("choosing the sample pair", number / len(pairs))
    assert best is not None
    return best


def _interest(comparison: Comparison) -> tuple[int, int]:
    return (len(comparison.contradictions()), len(comparison.links))
