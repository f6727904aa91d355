"""The session workflow of one window, without Qt: what is open, what was done, what is saved.

A :class:`Workspace` holds the current pair of documents as the engine's result (``base``),
the user's hand edits, the comparison shown (``base`` with the edits applied), where the
work is saved (``save_path``: a ``Path``, or ``None`` while untitled), and an undo/redo
history.  Every change is a :class:`State` pushed on that history: a hand edit (link,
unlink, verdict, note) and a replacement of the articles alike, so that undo brings back
both.  The workspace is dirty while the state shown is not the one last saved.

Heavy work stays off the GUI thread: :func:`prepare` (keeping the edits that still name
existing passages, judging hand-added links) is a pure function the window runs on its
worker after ``compare``; the GUI thread only calls :meth:`Workspace.replace`.  A single
hand edit judges at most the one new pair (:meth:`Workspace.edit`).

>>> from core.compare import compare
>>> from core.model import Document, PassagePair, PassageRef
>>> from core.settings import Settings
>>> left, right = Document("It rained.", "Rain"), Document("It snowed.", "Snow")
>>> base = compare(left, right, settings=Settings())
>>> ws = Workspace()
>>> ws.open(prepare(base, UserEdits()), save_path=None)
>>> ws.title(), ws.dirty
('Rain ↔ Snow', False)
>>> pair = PassagePair(PassageRef("left", 0), PassageRef("right", 0))
>>> _ = ws.edit(edit_ops.set_note(ws.edits, pair, "check"), "Note")
>>> ws.dirty, ws.can_undo, ws.undo_text
(True, True, 'Note')
>>> _ = ws.undo()
>>> ws.dirty
False
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import edits as edit_ops
from .edits import judged_pair, kept_edits
from .model import Comparison, Link, PassagePair, UserEdits
from .settings import Settings

UNDO_LIMIT = 100  # states kept for undo; older ones are dropped
_ids = itertools.count(1)


@dataclass(frozen=True)
class Prepared:
    """An engine result with the hand edits that still apply, ready to be shown."""

    base: Comparison
    edits: UserEdits
    comparison: Comparison  # base with the edits applied
    dropped: int = 0  # edits that named passages the new comparison lacks
    judged: Mapping[PassagePair, Link] = field(default_factory=dict)  # hand links as judged


@dataclass(frozen=True)
class State:
    """One step of the history: what the window shows after it."""

    base: Comparison
    edits: UserEdits
    comparison: Comparison
    save_path: Path | None
    description: str = ""  # what led here ("Link L1 ↔ R2"), for Undo/Redo menu texts
    judged: Mapping[PassagePair, Link] = field(default_factory=dict, repr=False)
    id: int = field(default_factory=lambda: next(_ids))


def _count(edits: UserEdits) -> int:
    return (
        len(edits.added_links) + len(edits.removed_links) + len(edits.overrides) + len(edits.notes)
    )


def apply_with(
    base: Comparison, edits: UserEdits, judged: Mapping[PassagePair, Link] | None = None
) -> tuple[Comparison, dict[PassagePair, Link]]:
    """``base`` with ``edits`` applied, and the engine's judgement of each hand-added pair.

    Like :func:`core.edits.apply_edits`, but a hand-added pair found in ``judged`` is not
    judged again, so that one more edit costs one judgement, not one per hand link.
    """
    edits = kept_edits(edits, base)
    removed = {(p.left, p.right) for p in edits.removed_links}
    links = [link for link in base.links if (link.left, link.right) not in removed]
    present = {(link.left, link.right) for link in links}
    known = judged or {}
    used: dict[PassagePair, Link] = {}
    for pair in edits.added_links:
        if (pair.left, pair.right) not in present:
            link = known.get(pair) or judged_pair(base, pair, origin="user")
            used[pair] = link
            links.append(link)
            present.add((pair.left, pair.right))
    # Keys as plain tuples: building a PassagePair per link would cost more than the edit.
    overrides = {(o.pair.left, o.pair.right): o.status for o in edits.overrides}
    notes = {(n.pair.left, n.pair.right): n.text for n in edits.notes}
    result = links
    if overrides or notes:
        result = []
        for link in links:
            key = (link.left, link.right)
            if key in overrides:
                link = replace(link, status=overrides[key], overridden=True)
            if key in notes:
                link = replace(link, note=notes[key])
            result.append(link)
    return replace(base, links=tuple(result)), used


def prepare(base: Comparison, edits: UserEdits) -> Prepared:
    """Keep the edits whose passages exist in ``base`` and apply them (worker thread)."""
    kept = kept_edits(edits, base)
    comparison, judged = (base, {}) if edit_ops.is_empty(kept) else apply_with(base, kept)
    return Prepared(base, kept, comparison, _count(edits) - _count(kept), judged)


class Workspace:
    """One window's work: current comparison, hand edits, history, save path, dirty state."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings()
        self._undo: list[State] = []  # states before the current one
        self._redo: list[State] = []
        self._state: State | None = None
        self._saved_id: int | None = None  # the state last saved (or opened)

    # ------------------------------------------------------------------ reading

    @property
    def state(self) -> State | None:
        return self._state

    @property
    def base(self) -> Comparison | None:
        return self._state.base if self._state else None

    @property
    def comparison(self) -> Comparison | None:
        return self._state.comparison if self._state else None

    @property
    def edits(self) -> UserEdits:
        return self._state.edits if self._state else UserEdits()

    @property
    def save_path(self) -> Path | None:
        return self._state.save_path if self._state else None

    @property
    def dirty(self) -> bool:
        """Whether the state shown differs from the one last saved or opened."""
        return self._state is not None and self._state.id != self._saved_id

    @property
    def has_edits(self) -> bool:
        return not edit_ops.is_empty(self.edits)

    def title(self) -> str:
        """The session's file name, else the two article names, else "Untitled comparison"."""
        if self._state is None:
            return "Untitled comparison"
        if self._state.save_path is not None:
            return self._state.save_path.name
        comparison = self._state.comparison
        return f"{comparison.left.name} ↔ {comparison.right.name}"

    # ------------------------------------------------------------------ history

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_text(self) -> str:
        return self._state.description if self._state and self._undo else ""

    @property
    def redo_text(self) -> str:
        return self._redo[-1].description if self._redo else ""

    def undo(self) -> State | None:
        """Go back one step (a hand edit or a replacement); the state now shown."""
        if not self._undo or self._state is None:
            return None
        self._redo.append(self._state)
        self._state = self._undo.pop()
        self.settings = self._state.base.settings
        return self._state

    def redo(self) -> State | None:
        if not self._redo or self._state is None:
            return None
        self._undo.append(self._state)
        self._state = self._redo.pop()
        self.settings = self._state.base.settings
        return self._state

    def _push(self, state: State) -> None:
        if self._state is not None:
            self._undo.append(self._state)
            del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._state = state

    # ------------------------------------------------------------------ changes

    def open(self, prepared: Prepared, *, save_path: Path | None) -> None:
        """Start afresh (a new window, an opened session): no history, nothing unsaved."""
        self._undo.clear()
        self._redo.clear()
        self._state = State(
            prepared.base, prepared.edits, prepared.comparison, save_path, "", prepared.judged
        )
        self._saved_id = self._state.id
        self.settings = prepared.base.settings

    def replace(self, prepared: Prepared, description: str, *, same_session: bool = False) -> State:
        """Show a new engine result (new articles, new settings, swapped sides); undoable.

        New articles make a new untitled comparison (``same_session`` False), so that a save
        never writes them over the session the old pair came from.  A re-run of the same
        pair (new settings, swapped sides) keeps the session's file.
        """
        path = self.save_path if same_session else None
        state = State(
            prepared.base, prepared.edits, prepared.comparison, path, description, prepared.judged
        )
        self._push(state)
        self.settings = prepared.base.settings
        return state

    def edit(self, edits: UserEdits, description: str) -> State | None:
        """Apply new hand edits to the current result; undoable.  None if nothing is open."""
        if self._state is None:
            return None
        if edits == self._state.edits:
            return self._state
        comparison, judged = apply_with(self._state.base, edits, self._state.judged)
        state = State(
            self._state.base, edits, comparison, self._state.save_path, description, judged
        )
        self._push(state)
        return state

    def saved(self, path: Path) -> None:
        """The current state was written to ``path``: it is now that session, and clean.

        The steps of the same pair that led here (or follow it) belong to that session too,
        so that after an undo, Save still writes to ``path``.
        """
        state = self._state
        if state is None:
            return
        old, left, right = state.save_path, state.base.left, state.base.right
        if old != path:

            def moved(other: State) -> State:
                same_pair = other.base.left is left and other.base.right is right
                return (
                    replace(other, save_path=path)
                    if same_pair and other.save_path == old
                    else other
                )

            self._undo = [moved(s) for s in self._undo]
            self._redo = [moved(s) for s in self._redo]
            state = self._state = replace(state, save_path=path)
        self._saved_id = state.id

    def mark_dirty(self) -> None:
        """Something outside the history changed (e.g. restored from a recovery file)."""
        self._saved_id = None

    def mark_clean(self) -> None:
        self._saved_id = self._state.id if self._state else None
