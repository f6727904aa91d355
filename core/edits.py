"""The user's hand edits: typed records changed by pure functions, and applied to a Comparison.

A pair is named by a :class:`~core.model.PassagePair`.  Edits never mutate: each function
returns new ``UserEdits``, so an undo stack is a list of values.

>>> from core.model import PassagePair, PassageRef
>>> pair = PassagePair(PassageRef("left", 0), PassageRef("right", 2))
>>> edits = set_note(add_link(UserEdits(), pair), pair, "  check the date ")
>>> [n.text for n in edits.notes], is_empty(edits)
(['check the date'], False)
"""

from __future__ import annotations

from dataclasses import replace

from .model import (
    Comparison,
    Link,
    LinkOrigin,
    LinkStatus,
    Note,
    Override,
    PassagePair,
    UserEdits,
)


def add_link(edits: UserEdits, pair: PassagePair) -> UserEdits:
    """Link two passages by hand (or bring back an engine link the user removed)."""
    removed = tuple(p for p in edits.removed_links if p != pair)
    added = edits.added_links if pair in edits.added_links else (*edits.added_links, pair)
    return replace(edits, added_links=added, removed_links=removed)


def remove_link(edits: UserEdits, link: Link) -> UserEdits:
    """Undo a hand-made link, or hide an engine link; its override and note go with it."""
    pair = link.pair
    edits = _without_pair_extras(edits, pair)
    if link.origin == "user":
        return replace(edits, added_links=tuple(p for p in edits.added_links if p != pair))
    if pair in edits.removed_links:
        return edits
    return replace(edits, removed_links=(*edits.removed_links, pair))


def override(edits: UserEdits, pair: PassagePair, status: LinkStatus | None) -> UserEdits:
    """Set a pair's verdict by hand; ``None`` gives it back to the engine."""
    kept = tuple(o for o in edits.overrides if o.pair != pair)
    if status is not None:
        kept = (*kept, Override(pair, status))
    return replace(edits, overrides=kept)


def set_note(edits: UserEdits, pair: PassagePair, note: str) -> UserEdits:
    """Attach a note to a pair; an empty note removes it."""
    kept = tuple(n for n in edits.notes if n.pair != pair)
    if note.strip():
        kept = (*kept, Note(pair, note.strip()))
    return replace(edits, notes=kept)


def _without_pair_extras(edits: UserEdits, pair: PassagePair) -> UserEdits:
    return replace(
        edits,
        overrides=tuple(o for o in edits.overrides if o.pair != pair),
        notes=tuple(n for n in edits.notes if n.pair != pair),
    )


def mirrored(edits: UserEdits) -> UserEdits:
    """The same edits after the two articles swap sides."""
    return UserEdits(
        added_links=tuple(p.mirrored() for p in edits.added_links),
        removed_links=tuple(p.mirrored() for p in edits.removed_links),
        overrides=tuple(Override(o.pair.mirrored(), o.status) for o in edits.overrides),
        notes=tuple(Note(n.pair.mirrored(), n.text) for n in edits.notes),
    )


def is_empty(edits: UserEdits) -> bool:
    return edits == UserEdits()


def kept_edits(edits: UserEdits, comparison: Comparison) -> UserEdits:
    """The edits whose passages still exist in ``comparison`` (after a replace or a re-run)."""

    def exists(pair: PassagePair) -> bool:
        return comparison.has_passage(pair.left) and comparison.has_passage(pair.right)

    return UserEdits(
        added_links=tuple(p for p in edits.added_links if exists(p)),
        removed_links=tuple(p for p in edits.removed_links if exists(p)),
        overrides=tuple(o for o in edits.overrides if exists(o.pair)),
        notes=tuple(n for n in edits.notes if exists(n.pair)),
    )


# ------------------------------------------------------------------------- applying


def apply_edits(comparison: Comparison, edits: UserEdits) -> Comparison:
    """The comparison with the user's hand-made links, removals, overrides and notes.

    A hand-made link is judged by the engine like any other, with the pair's own
    same-event score.  Edits that name passages the comparison does not have (say, after a
    source changed) are ignored rather than fatal.
    """
    edits = kept_edits(edits, comparison)
    removed = set(edits.removed_links)
    links = [link for link in comparison.links if link.pair not in removed]
    present = {link.pair for link in links}
    for pair in edits.added_links:
        if pair not in present:
            links.append(judged_pair(comparison, pair, origin="user"))
            present.add(pair)
    overrides = {o.pair: o.status for o in edits.overrides}
    notes = {n.pair: n.text for n in edits.notes}
    edited = []
    for link in links:
        if link.pair in overrides:
            link = replace(link, status=overrides[link.pair], overridden=True)
        if link.pair in notes:
            link = replace(link, note=notes[link.pair])
        edited.append(link)
    return replace(comparison, links=tuple(edited))


def judged_pair(comparison: Comparison, pair: PassagePair, *, origin: LinkOrigin) -> Link:
    """A link between two passages of ``comparison``, scored and judged by the engine."""
    from .align import pair_scores  # here: the window imports this module before its first frame
    from .compare import judged_link

    left, right = comparison.passage(pair.left), comparison.passage(pair.right)
    settings = comparison.settings
    score = float(pair_scores([left.text], [right.text], settings=settings)[0])
    return judged_link(left, right, score=score, settings=settings, origin=origin)
