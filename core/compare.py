"""The pipeline: two Documents in, one Comparison out.

>>> from core.model import Document
>>> result = compare(Document("Musk sued OpenAI in 2024."), Document("In 2024, Musk sued OpenAI."))
>>> [(link.left, link.right, link.status) for link in result.links]
[(('L0',), ('R0',), 'agree')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from . import __version__
from .align import assign, similarity
from .model import Comparison, Conflict, Document, Link, Passage, Settings, UserEdits
from .segment import segment
from .verdict import judge

ProgressCallback = Callable[[str, float], None]  # (stage name, fraction done 0..1)
AbortCheck = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside ``compare`` when ``should_abort`` returns True."""


def compare(
    left: Document,
    right: Document,
    settings: Settings | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    should_abort: AbortCheck | None = None,
    edits: UserEdits | None = None,
) -> Comparison:
    """Align two documents, judge every link, and apply the user's edits if any."""
    settings = settings or Settings()

    def step(stage: str, fraction: float) -> None:
        if should_abort is not None and should_abort():
            raise Cancelled(stage)
        if on_progress is not None:
            on_progress(stage, fraction)

    step("segment", 0.0)
    left_passages = segment(left.text, "L")
    right_passages = segment(right.text, "R")
    step("align", 0.3)
    links = link_passages(left_passages, right_passages, settings)
    step("done", 1.0)
    comparison = Comparison(
        left=left,
        right=right,
        left_passages=left_passages,
        right_passages=right_passages,
        links=links,
        settings=settings,
        engine_version=__version__,
    )
    return apply_edits(comparison, edits) if edits else comparison


def link_passages(
    left: tuple[Passage, ...], right: tuple[Passage, ...], settings: Settings
) -> tuple[Link, ...]:
    """Align two segmented documents and judge every link: the heart of ``compare``.

    Corpus mode calls it directly on passages segmented once per article.
    """
    matches = assign(similarity(left, right, settings=settings), left, right, settings=settings)
    return tuple(_judged_link(left[m.left], right[m.right], m.score, settings) for m in matches)


def _judged_link(left: Passage, right: Passage, score: float, settings: Settings) -> Link:
    verdict = judge(left.text, right.text, score=score, settings=settings)
    return Link(
        left=(left.id,),
        right=(right.id,),
        status=verdict.status,
        score=round(score, 4),
        conflicts=tuple(_in_document(c, left, right) for c in verdict.conflicts),
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


def apply_edits(comparison: Comparison, edits: UserEdits) -> Comparison:
    """The comparison with the user's hand-made links, removals, overrides and notes.

    Edits that name passages the comparison does not have (say, after a source changed)
    are ignored rather than fatal.
    """
    known = {p.id for p in comparison.left_passages} | {p.id for p in comparison.right_passages}
    removed = set(edits.removed_links)
    links = [link for link in comparison.links if _pair(link) not in removed]
    present = {_pair(link) for link in links}
    for left_id, right_id in edits.added_links:
        if (left_id, right_id) in present or not {left_id, right_id} <= known:
            continue
        left, right = comparison.passage(left_id), comparison.passage(right_id)
        verdict = judge(left.text, right.text, score=1.0, settings=comparison.settings)
        links.append(
            Link(
                left=(left_id,),
                right=(right_id,),
                status=verdict.status,
                score=1.0,
                conflicts=tuple(_in_document(c, left, right) for c in verdict.conflicts),
                origin="user",
            )
        )
        present.add((left_id, right_id))
    overrides = {(l_id, r_id): status for l_id, r_id, status in edits.overrides}
    notes = {(l_id, r_id): note for l_id, r_id, note in edits.notes}
    edited = []
    for link in links:
        pair = _pair(link)
        if pair in overrides:
            link = replace(link, status=overrides[pair], overridden=True)
        if pair in notes:
            link = replace(link, note=notes[pair])
        edited.append(link)
    return replace(comparison, links=tuple(edited))


def _pair(link: Link) -> tuple[str, str]:
    return (link.left[0], link.right[0])
