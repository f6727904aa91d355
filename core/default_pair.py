"""The comparison the window opens with: the sample pair most worth a first look.

Chosen by comparing every pair of the shipped corpus with the current engine and settings
(ten pairs for five articles, about a second), so the choice never goes stale when the
engine changes: the pair with the most contradictions, then the most links.

Most of that second is the first comparison (the engine's word lists and patterns are
read then); the other nine pairs add ~0.2 s.  So the window compares a likely pair
first and shows it, and confirms the choice in the background (``known`` below spares
comparing that pair again): the pair chosen at the last launch, else ``EXPECTED_PAIR``,
the choice on the shipped corpus with the default settings (a test checks it is).
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
# What default_comparison chooses on the shipped corpus with Settings() (tested).
EXPECTED_PAIR = ("000_36e78ae3939a95df.txt", "002_71621a2a535e6e24.txt")


def expected_pair(folder: Path = CORPUS) -> tuple[Path, Path] | None:
    """The two files of ``EXPECTED_PAIR`` in ``folder``, if it holds them."""
    left, right = (folder / name for name in EXPECTED_PAIR)
    return (left, right) if left.is_file() and right.is_file() else None


def default_comparison(
    *,
    settings: Settings,
    folder: Path = CORPUS,
    on_progress: Callable[[str, float], None] | None = None,
    should_abort: Callable[[], bool] | None = None,
    known: Comparison | None = None,
) -> Comparison:
    """The corpus pair with the most contradictions, then links (ties: first by name).
    ``known``: the comparison of one pair under ``settings``, already made (it is used,
    and returned if chosen, rather than compared again)."""
    files = sorted(folder.glob("*.txt"))
    if len(files) < 2:
        raise LoadError(f"{folder}: the sample corpus needs at least two articles")
    documents = [load_path(path) for path in files]
    pairs = list(combinations(documents, 2))
    if known is not None and known.settings != settings:
        known = None
    best: Comparison | None = None
    for number, (left, right) in enumerate(pairs, start=1):
        if known is not None and _paths(known) == (left.source.path, right.source.path):
            result = known
        else:
            result = compare(left, right, settings=settings, should_abort=should_abort)
        if best is None or _interest(result) > _interest(best):
            best = result
        if on_progress is not None:
            on_progress("choosing the sample pair", number / len(pairs))
    assert best is not None
    return best


def _paths(comparison: Comparison) -> tuple[str | None, str | None]:
    return comparison.left.source.path, comparison.right.source.path


def _interest(comparison: Comparison) -> tuple[int, int]:
    return (len(comparison.contradictions()), len(comparison.links))
