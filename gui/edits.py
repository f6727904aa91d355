"""The user's hand edits as pure functions on UserEdits (no Qt): add, remove, override, note.

A pair is named by its first left and first right passage id, as core.compare.apply_edits
does.
"""

from __future__ import annotations

from dataclasses import replace

from core.model import Link, LinkStatus, UserEdits

Pair = tuple[str, str]


def pair_of(link: Link) -> Pair:
    return (link.left[0], link.right[0])


def add_link(edits: UserEdits, left_id: str, right_id: str) -> UserEdits:
    pair = (left_id, right_id)
    removed = tuple(p for p in edits.removed_links if p != pair)
    added = edits.added_links if pair in edits.added_links else (*edits.added_links, pair)
    return replace(edits, added_links=added, removed_links=removed)


def remove_link(edits: UserEdits, link: Link) -> UserEdits:
    """Undo a hand-made link, or hide an engine link; its override and note go with it."""
    pair = pair_of(link)
    edits = _without_pair_extras(edits, pair)
    if link.origin == "user":
        return replace(edits, added_links=tuple(p for p in edits.added_links if p != pair))
    if pair in edits.removed_links:
        return edits
    return replace(edits, removed_links=(*edits.removed_links, pair))


def override(edits: UserEdits, pair: Pair, status: LinkStatus | None) -> UserEdits:
    """Set a pair's verdict by hand; ``None`` gives it back to the engine."""
    kept = tuple(o for o in edits.overrides if (o[0], o[1]) != pair)
    if status is not None:
        kept = (*kept, (pair[0], pair[1], status))
    return replace(edits, overrides=kept)


def set_note(edits: UserEdits, pair: Pair, note: str) -> UserEdits:
    kept = tuple(n for n in edits.notes if (n[0], n[1]) != pair)
    if note.strip():
        kept = (*kept, (pair[0], pair[1], note.strip()))
    return replace(edits, notes=kept)


def _without_pair_extras(edits: UserEdits, pair: Pair) -> UserEdits:
    return replace(
        edits,
        overrides=tuple(o for o in edits.overrides if (o[0], o[1]) != pair),
        notes=tuple(n for n in edits.notes if (n[0], n[1]) != pair),
    )


def _swap_id(passage_id: str) -> str:
    return ("R" if passage_id.startswith("L") else "L") + passage_id[1:]


def mirrored(edits: UserEdits) -> UserEdits:
    """The same edits after the two articles swap sides ("L3"/"R5" -> "L5"/"R3")."""

    def flip(pair: Pair) -> Pair:
        return (_swap_id(pair[1]), _swap_id(pair[0]))

    return UserEdits(
        added_links=tuple(flip(p) for p in edits.added_links),
        removed_links=tuple(flip(p) for p in edits.removed_links),
        overrides=tuple((*flip((o[0], o[1])), o[2]) for o in edits.overrides),
        notes=tuple((*flip((n[0], n[1])), n[2]) for n in edits.notes),
    )


def is_empty(edits: UserEdits) -> bool:
    return edits == UserEdits()
