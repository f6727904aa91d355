"""Moving through the comparison from the keyboard: differences, passages, pairs, find, zoom.

A mixin of ``MainWindow``; the pure part (``next_stop``) and synchronised scrolling are in
``gui/navigation.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from core.model import Link, PassageRef, Side

from .navigation import next_stop

DIFFERENCES = ("contradict", "missing")
KEY_SYNC = "view/sync_scroll"


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


if TYPE_CHECKING:
    _Base = QMainWindow
else:
    _Base = object


class Moving(_Base):
    """Differences with wrap-around, passage by passage, pair by pair, find and zoom."""

    def go_difference(self, step: int, kinds: tuple[str, ...] = DIFFERENCES) -> PassageRef | None:
        """Select the next (step 1) or previous (-1) passage of the given verdicts, wrapping
        around the end.  Follows the article being read (the side last clicked)."""
        if self.comparison is None:
            return None
        side = self.focus_side
        what = "contradiction" if kinds == ("contradict",) else "difference"
        target, wrapped = next_stop(self.comparison, side, self.current, step, kinds)
        if target is None:
            self.notify(f"No {what} in the {side} article.")
            return None
        self._go(target)
        if wrapped:
            where = "top" if step > 0 else "bottom"
            self.notify(
                f"No {'next' if step > 0 else 'previous'} {what} in the {side} article; "
                f"wrapped around to the {where}."
            )
        return target

    def _go(self, ref: PassageRef) -> None:
        with self.sync.suspended():
            self.select_passage(ref)
            self.view(ref.side).scroll_passage_to(ref)
        self.select_passage(ref)  # re-level the other side after scrolling

    def step_passage(self, step: int) -> PassageRef | None:
        """Select the next or previous passage of the article being read (keyboard)."""
        comparison = self.comparison
        if comparison is None:
            return None
        side = self.focus_side
        passages = comparison.passages(side)
        if not passages:
            return None
        here = self.current.index if self.current and self.current.side == side else None
        index = (0 if step > 0 else len(passages) - 1) if here is None else here + step
        index = min(max(index, 0), len(passages) - 1)
        self._go(passages[index].ref)
        return passages[index].ref

    def go_other_side(self) -> PassageRef | None:
        """Select the counterpart (or the picked passage) on the other side (keyboard)."""
        if self.current is None:
            return None
        other = _other(self.current.side)
        target = self.picked[other]
        if target is None:
            self.focus_side = other
            self.notify(f"Now reading the {other} article.")
            return None
        pair = self.current_link()
        self.select_passage(target, pair.pair if pair is not None else None)
        return target

    def next_pair(self) -> Link | None:
        """Select the next pair of a passage that has several counterparts."""
        comparison = self.comparison
        if comparison is None or self.current is None:
            return None
        links = comparison.links_of(self.current)
        if not links:
            return None
        link = self.current_link()
        index = links.index(link) if link in links else -1
        chosen = links[(index + 1) % len(links)]
        self.select_passage(self.current, chosen.pair)
        return chosen

    def toggle_sync(self) -> None:
        self.sync.enabled = self.act.sync_scroll.isChecked()
        self.store.setValue(KEY_SYNC, self.sync.enabled)
        state = "on" if self.sync.enabled else "off"
        self.notify(f"Synchronised scrolling {state}.")

    def zoom(self, steps: int) -> None:
        """Ctrl++ / Ctrl+- on both articles (steps 0: back to the normal size)."""
        for side in ("left", "right"):
            view = self.view(side)  # type: ignore[arg-type]
            if steps == 0:
                view.reset_zoom()
            else:
                view.zoom(steps)
        self.left.overview.invalidate()
        self.right.overview.invalidate()
        self.gutter.update()

    # ------------------------------------------------------------------ find

    def open_find(self) -> None:
        self.find_bar.open()

    def find(self, text: str, *, backward: bool = False) -> bool:
        """Find ``text`` in the article being read, wrapping around; says what happened."""
        if not text:
            return False
        side = self.focus_side
        found, wrapped = self.view(side).find_text(text, backward=backward)
        if not found:
            message = f"“{text}” is not in the {side} article."
        elif wrapped:
            message = f"Wrapped around the {side} article."
        else:
            message = ""
        self.find_bar.status.setText(message)
        if message:
            self.statusBar().showMessage(message, 6000)
        return found

    def find_again(self, *, backward: bool) -> bool:
        if not self.find_bar.field.text():
            self.open_find()
            return False
        return self.find(self.find_bar.field.text(), backward=backward)
