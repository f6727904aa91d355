"""The pipeline: two Documents in, one Comparison out.

>>> from core.model import Document
>>> from core.settings import Settings
>>> result = compare(
...     Document("Musk sued OpenAI in 2024."), Document("In 2024, Musk sued OpenAI."),
...     settings=Settings(),
... )
>>> [(link.left.label, link.right.label, link.status) for link in result.links]
[('L0', 'R0', 'agree')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from . import __version__
from .align import assign, similarity
from .model import Comparison, Conflict, Document, Link, LinkOrigin, Passage, PassageRef
from .segment import segment
from .settings import Settings
from .verdict import judge

ProgressCallback = Callable[[str, float], None]  # (stage name, fraction done 0..1)
AbortCheck = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside ``compare`` when ``should_abort`` returns True."""


def compare(
    left: Document,
    right: Document,
    *,
    settings: Settings,
    on_progress: ProgressCallback | None = None,
    should_abort: AbortCheck | None = None,
) -> Comparison:
    """Align two documents and judge every link (hand edits: ``core.edits.apply_edits``)."""

    def step(stage: str, fraction: float) -> None:
        if should_abort is not None and should_abort():
            raise Cancelled(stage)
        if on_progress is not None:
            on_progress(stage, fraction)

    step("segment", 0.0)
    left_passages = segment(left.text, "left")
    right_passages = segment(right.text, "right")
    step("align", 0.3)
    links = link_passages(left_passages, right_passages, settings=settings)
    step("done", 1.0)
    return Comparison(
        left=left,
        right=right,
        left_passages=left_passages,
        right_passages=right_passages,
        links=links,
        settings=settings,
        engine_version=__version__,
    )


def link_passages(
    left: tuple[Passage, ...], right: tuple[Passage, ...], *, settings: Settings
) -> tuple[Link, ...]:
    """Align two segmented documents and judge every link: the heart of ``compare``.

    Corpus mode calls it directly on passages segmented once per article.  Links name
    passages by their position, so any two passage tuples can be paired.
    """
    matches = assign(similarity(left, right, settings=settings), left, right, settings=settings)
    return tuple(
        judged_link(
            left[m.left],
            right[m.right],
            score=m.score,
            settings=settings,
            refs=(PassageRef("left", m.left), PassageRef("right", m.right)),
        )
        for m in matches
    )


def judged_link(
    left: Passage,
    right: Passage,
    *,
    score: float,
    settings: Settings,
    origin: LinkOrigin = "auto",
    refs: tuple[PassageRef, PassageRef] | None = None,
) -> Link:
    """A link between two passages, judged by the engine."""
    verdict = judge(left.text, right.text, score=score, settings=settings)
    left_ref, right_ref = refs or (left.ref, right.ref)
    return Link(
        left=left_ref,
        right=right_ref,
        status=verdict.status,
        score=round(score, 4),
        conflicts=tuple(_in_document(c, left, right) for c in verdict.conflicts),
        origin=origin,
    )


def _in_document(conflict: Conflict, left: Passage, right: Passage) -> Conflict:
    """Shift a conflict's spans from passage offsets to document offsets."""

    def shift(offset: int, base: int) -> int:
        return offset + base if offset >= 0 else -1

    return replace(
        conflict,
        left_start=shift(conflict.left_start, left.start),
        left_end=shift(conflict.left_end, left.start),
        right_start=shift(conflict.right_start, right.start),
        right_end=shift(conflict.right_end, right.start),
    )
