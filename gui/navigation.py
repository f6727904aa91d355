"""Moving through the comparison: differences with wrap-around, and synchronised scrolling.

``next_stop`` is a pure function over the Comparison index; ``ScrollSync`` keeps the two
articles level along the links (as Meld does): when one side scrolls, the passage at its
top (or the nearest linked one below it) and its counterpart are brought to the same height.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QObject

from core.model import Comparison, PassageRef, Side

from .article_view import PassageText

LOOKAHEAD = 40  # passages searched below the top for one with a counterpart


def next_stop(
    comparison: Comparison,
    side: Side,
    here: PassageRef | None,
    step: int,
    kinds: tuple[str, ...],
) -> tuple[PassageRef | None, bool]:
    """The next (step 1) or previous (-1) passage of ``side`` whose verdict is in ``kinds``,
    wrapping around the article's end; and whether it wrapped.

    >>> from core.compare import compare
    >>> from core.model import Document
    >>> from core.settings import Settings
    >>> c = compare(Document("A cat sat."), Document("Dogs bark loud."), settings=Settings())
    >>> next_stop(c, "left", None, 1, ("missing",))
    (PassageRef(side='left', index=0), False)
    >>> next_stop(c, "left", PassageRef("left", 0), 1, ("missing",))
    (PassageRef(side='left', index=0), True)
    """
    stops = [p.ref for p in comparison.passages(side) if comparison.verdict(p.ref) in kinds]
    if not stops:
        return None, False
    position = here.index if here is not None and here.side == side else None
    if position is None:
        return (stops[0] if step > 0 else stops[-1]), False
    ahead = [r for r in stops if (r.index - position) * step > 0]
    if ahead:
        return (ahead[0] if step > 0 else ahead[-1]), False
    return (stops[0] if step > 0 else stops[-1]), True


class ScrollSync(QObject):
    """Scrolls the other article along the links whenever one is scrolled (if enabled)."""

    def __init__(self, left: PassageText, right: PassageText) -> None:
        super().__init__(left)
        self.views = {"left": left, "right": right}
        self.enabled = True
        self._busy = False
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.follow("left"))
        right.verticalScrollBar().valueChanged.connect(lambda _v: self.follow("right"))

    @contextlib.contextmanager
    def suspended(self) -> Iterator[None]:
        """Scroll programmatically (selection, jumps) without the other side following."""
        was, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = was

    def follow(self, side: Side) -> None:
        if not self.enabled or self._busy:
            return
        here = self.views[side]
        other = self.views["right" if side == "left" else "left"]
        comparison = here.comparison
        if comparison is None or other.comparison is not comparison:
            return
        bar = here.verticalScrollBar()
        if bar.value() <= bar.minimum():
            with self.suspended():
                other.verticalScrollBar().setValue(other.verticalScrollBar().minimum())
            return
        span = here.visible_range()
        for index in range(span.start, min(span.start + LOOKAHEAD, len(here.passages()))):
            ref = here.passages()[index].ref
            counterparts = comparison.counterparts(ref)
            if counterparts:
                top, _ = here.passage_span_y((ref,))
                with self.suspended():
                    other.scroll_passage_to(counterparts[0], top)
                return
