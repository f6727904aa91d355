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

import numpy as np

from . import __version__
from .align import EvidenceEntries, assign, similarity
from .claims import ArticleClaimPair, Claim, ClaimContext, ClaimPair, extract_claims, pair_claims
from .model import (
    Comparison,
    Conflict,
    Document,
    Link,
    LinkOrigin,
    Passage,
    PassageRef,
    Side,
)
from .segment import segment
from .settings import Settings
from .verdict import Verdict, conflict_of, judge

ProgressCallback = Callable[[str, float], None]  # (stage name, fraction done 0..1)
AbortCheck = Callable[[], bool]
# How much of the paragraph before a sentence its claims may inherit a time or source from.
_CONTEXT_CHARS = 400


# (passage index, claim) for every claim of a segmented document, in passage order.
PassageClaims = tuple[tuple[int, Claim], ...]


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
    left: tuple[Passage, ...],
    right: tuple[Passage, ...],
    *,
    settings: Settings,
    claims: tuple[PassageClaims, PassageClaims] | None = None,
) -> tuple[Link, ...]:
    """Align two segmented documents and judge every link: the heart of ``compare``.

    Claims are read from every passage first and paired across the two whole articles:
    two passages stating the same measure (a toll, a fee, the date of one step) are strong
    evidence that they report the same fact, so alignment gets that evidence; and a claim
    pair that conflicts, or was updated, is reported on its two passages even when their
    wording alone would not link them.  Corpus mode calls this directly on passages
    segmented once per article; links name passages by their position.  ``claims``: the
    two sides' ``passage_claims``, when the caller read them once for several pairs.
    """
    across = claims_across(left, right, settings=settings, claims=claims)
    evidence = claim_evidence(across, len(left), len(right))
    scores = similarity(left, right, settings=settings, evidence=evidence)
    matches = assign(scores, left, right, settings=settings)
    found = {(m.left, m.right): m.score for m in matches}
    for pair in across:
        key = (pair.left_passage, pair.right_passage)
        if pair.pair.relation != "agree" and key not in found:
            found[key] = float(scores[key])
    by_pair: dict[tuple[int, int], list[ClaimPair]] = {}
    for pair in across:
        by_pair.setdefault((pair.left_passage, pair.right_passage), []).append(pair.pair)
    link = _LinkJudge(left, right, settings)
    return tuple(
        link(i, j, score, tuple(by_pair.get((i, j), ()))) for (i, j), score in sorted(found.items())
    )


class _LinkJudge:
    """``judged_link`` of each link of two segmented documents, the same Link, with what
    the links of one comparison share read once.

    Long documents have ~9 links a passage (18,500 at 50,000 words a side) over a few
    thousand distinct pairs of texts: the per-link costs were as large as judging.  Here
    each passage's PassageRef is made once and shared by its links (a Comparison then
    finds them equal by identity when it indexes them), and each pair of texts is judged
    once, looked up by its two texts (``judge``'s own cache hashes the Settings, all of
    their fields, on every call).  ``tests/test_compare_fast_paths.py`` checks the links
    against ``judged_link``'s.
    """

    def __init__(
        self, left: tuple[Passage, ...], right: tuple[Passage, ...], settings: Settings
    ) -> None:
        self._left, self._right, self._settings = left, right, settings
        self._left_refs: dict[int, PassageRef] = {}
        self._right_refs: dict[int, PassageRef] = {}
        self._verdicts: dict[tuple[str, str], Verdict] = {}

    def __call__(self, i: int, j: int, score: float, article_pairs: tuple[ClaimPair, ...]) -> Link:
        left, right = self._left[i], self._right[j]
        left_ref = self._left_refs.get(i)
        if left_ref is None:
            left_ref = self._left_refs[i] = _ref_of(left, "left", i)
        right_ref = self._right_refs.get(j)
        if right_ref is None:
            right_ref = self._right_refs[j] = _ref_of(right, "right", j)
        texts = (left.text, right.text)
        verdict = self._verdicts.get(texts)
        if verdict is None:
            verdict = self._verdicts[texts] = judge(
                left.text, right.text, score=score, settings=self._settings
            )
        if not (verdict.conflicts or verdict.updates or article_pairs):
            # Most links: no conflict to add, sort or shift (``_link_of``'s first case).
            return Link(left_ref, right_ref, verdict.status, round(score, 4))
        return _link_of(verdict, left, right, score, "auto", left_ref, right_ref, article_pairs)


def claims_across(
    left: tuple[Passage, ...],
    right: tuple[Passage, ...],
    *,
    settings: Settings,
    claims: tuple[PassageClaims, PassageClaims] | None = None,
) -> tuple[ArticleClaimPair, ...]:
    """Comparable claim pairs of the two articles, with the passages that state them.

    A claim that agrees with some claim of the other article is confirmed there; the
    other article's differing figures for the same measure are then taken to be about
    something else (another place, another day) rather than a disagreement, so a conflict
    is kept only between two claims neither of which is confirmed.  Precision first: a
    false alarm across two whole articles is the hardest for a reader to dismiss.
    """
    left_claims, right_claims = claims or (passage_claims(left), passage_claims(right))
    pairs = pair_claims(left_claims, right_claims, settings=settings)
    confirmed = {id(p.pair.left) for p in pairs if p.pair.relation == "agree"} | {
        id(p.pair.right) for p in pairs if p.pair.relation == "agree"
    }
    return tuple(
        p
        for p in pairs
        if p.pair.relation == "agree"
        or (id(p.pair.left) not in confirmed and id(p.pair.right) not in confirmed)
    )


def passage_claims(passages: tuple[Passage, ...]) -> PassageClaims:
    """The claims of every content passage, each read with its paragraph before it, so
    that a time or a source stated once for a paragraph carries to its later sentences.

    They depend on the passages alone: corpus mode reads them once per article, not once
    per pair."""
    found: list[tuple[int, Claim]] = []
    before = ""
    paragraph = -1
    for index, passage in enumerate(passages):
        if passage.paragraph != paragraph:
            before, paragraph = "", passage.paragraph
        if passage.is_content:
            context = ClaimContext(preceding=before) if before else None
            found.extend((index, claim) for claim in extract_claims(passage.text, context=context))
        before = f"{before} {passage.text}".strip()[-_CONTEXT_CHARS:]
    return tuple(found)


# From this many passage pairs on, claim evidence is given as its entries: a dense matrix
# of two long documents (75 MB at 100,000 words a side) is nearly all zeros, and its pages
# and the scan for its few ones cost ~0.2 s (a scipy.sparse one, its import as much).
_SPARSE_EVIDENCE_FROM = 1_000_000


def claim_evidence(
    pairs: tuple[ArticleClaimPair, ...], rows: int, columns: int
) -> np.ndarray | EvidenceEntries | None:
    """1.0 where two passages state a claim about the same measure, else 0."""
    if not pairs:
        return None
    if rows * columns >= _SPARSE_EVIDENCE_FROM:
        cells = np.array(sorted({(pair.left_passage, pair.right_passage) for pair in pairs}))
        ones = np.ones(len(cells), dtype=np.float32)
        return EvidenceEntries(cells[:, 0], cells[:, 1], ones, (rows, columns))
    evidence = np.zeros((rows, columns), dtype=np.float32)
    for pair in pairs:
        evidence[pair.left_passage, pair.right_passage] = 1.0
    return evidence


def _ref_of(passage: Passage, side: Side, index: int) -> PassageRef:
    """``PassageRef(side, index)``: the passage's own ref object where it is that one (as
    ``segment`` makes them), so that a comparison's links and passages hold the same refs."""
    ref = passage.ref
    if ref.side == side and ref.index == index:
        return ref
    return PassageRef(side, index)


def judged_link(
    left: Passage,
    right: Passage,
    *,
    score: float,
    settings: Settings,
    origin: LinkOrigin = "auto",
    refs: tuple[PassageRef, PassageRef] | None = None,
    article_pairs: tuple[ClaimPair, ...] = (),
) -> Link:
    """A link between two passages, judged by the engine.

    ``article_pairs`` are claim pairs found across the whole articles on these two
    passages (claims read with their paragraph's context); a conflict or an update among
    them that the passage-level judgement did not see is added.
    """
    verdict = judge(left.text, right.text, score=score, settings=settings)
    left_ref, right_ref = refs or (left.ref, right.ref)
    return _link_of(verdict, left, right, score, origin, left_ref, right_ref, article_pairs)


def _link_of(
    verdict: Verdict,
    left: Passage,
    right: Passage,
    score: float,
    origin: LinkOrigin,
    left_ref: PassageRef,
    right_ref: PassageRef,
    article_pairs: tuple[ClaimPair, ...],
) -> Link:
    """The link ``judged_link`` makes of a pair's verdict."""
    conflicts = _conflicts_of(verdict, article_pairs)
    if not conflicts:  # most links: nothing to add, sort or shift
        return Link(
            left=left_ref,
            right=right_ref,
            status=verdict.status,
            score=round(score, 4),
            origin=origin,
        )
    status = verdict.status
    if any(c.relation == "conflict" for c in conflicts):
        status = "contradict"
    return Link(
        left=left_ref,
        right=right_ref,
        status=status,
        score=round(score, 4),
        conflicts=tuple(
            _in_document(c, left, right)
            for c in sorted(conflicts, key=lambda c: (c.left_start, c.right_start))
        ),
        origin=origin,
    )


def _conflicts_of(verdict: Verdict, article_pairs: tuple[ClaimPair, ...]) -> list[Conflict]:
    """The verdict's conflicts and updates, then those of the article's claim pairs on the
    same two passages that it did not report (by measure and where both values start)."""
    conflicts = [*verdict.conflicts, *verdict.updates]
    extra = [pair for pair in article_pairs if pair.relation in ("conflict", "update")]
    if not extra:
        return conflicts
    seen = {(c.measure, c.left_start, c.right_start) for c in conflicts}
    for pair in extra:
        conflict = conflict_of(pair)
        if (conflict.measure, conflict.left_start, conflict.right_start) not in seen:
            conflicts.append(conflict)
            seen.add((conflict.measure, conflict.left_start, conflict.right_start))
    return conflicts


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
