"""The whole article at a glance: a thin strip coloured by verdict, click to jump.

Each passage is drawn at its position in the laid-out document, so the strip matches what
scrolling shows; a frame marks the part currently in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from . import palette

if TYPE_CHECKING:
    from .article_view import PassageText

STRIP_WIDTH = 16
EXACT_LIMIT = 300  # passages up to which the strip follows the layout exactly


class OverviewStrip(QWidget):
    """Verdict colours of one article, top to bottom; clicking scrolls the text there."""

    jumped = Signal(float)  # fraction of the document height

    def __init__(self, text: PassageText) -> None:
        super().__init__()
        self._text = text
        self._cache: tuple[tuple[int, int, float], QPixmap] | None = None
        self.setObjectName("overviewStrip")
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole article by verdict; click to jump there")
        text.scrolled.connect(self.update)

    def _exact(self) -> bool:
        """Short articles are drawn from the laid-out text (and not stretched); long ones by
        character offsets, which needs no layout of the whole article."""
        return len(self._text.passages()) <= EXACT_LIMIT

    def _scale(self) -> float:
        # A short article is not stretched: the strip maps the scrollable height.
        height = max(self._text.document_height(), self._text.viewport().height())
        return self.height() / height if height > 0 else 0.0

    def _length(self) -> int:
        comparison = self._text.comparison
        return max(len(comparison.document(self._text.side).text), 1) if comparison else 1

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self._text
        if text.comparison is None:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Mid))
            return
        painter.drawPixmap(0, 0, self._strip())
        # The visible part of the article.
        if self._exact():
            scale = self._scale()
            view_top = text.verticalScrollBar().value() * scale
            view_height = text.viewport().height() * scale
        else:
            shown = text.visible_passages()
            first = shown[0].start if shown else 0
            last = shown[-1].end if shown else 0
            view_top = first / self._length() * self.height()
            view_height = max((last - first) / self._length() * self.height(), 4.0)
        frame = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(frame, 1))
        frame.setAlpha(40)
        painter.setBrush(frame)
        painter.drawRect(QRectF(0.5, view_top, self.width() - 1.0, view_height))
        painter.end()

    def _spans(self) -> list[tuple[float, float]]:
        """Top and bottom of every passage, in strip pixels."""
        text = self._text
        if not self._exact():
            scale = self.height() / self._length()
            return [(p.start * scale, p.end * scale) for p in text.passages()]
        scale = self._scale()
        return [
            (
                text.doc_y(p.start) * scale,
                text.doc_y(max(p.end - 1, p.start), bottom=True) * scale,
            )
            for p in text.passages()
        ]

    def invalidate(self) -> None:
        """Forget the drawn strip (a new comparison, new verdicts, a new zoom)."""
        self._cache = None
        self.update()

    def _strip(self) -> QPixmap:
        """The verdict colours, drawn once per comparison and size; then reused.

        Scrolling only moves the frame, so a scroll step never walks the whole article.
        """
        text = self._text
        comparison = text.comparison
        key = (self.width(), self.height(), text.document_height() if self._exact() else 0.0)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        pixmap = QPixmap(max(self.width(), 1), max(self.height(), 1))
        pixmap.fill(self.palette().color(QPalette.ColorRole.Mid))
        painter = QPainter(pixmap)
        if comparison is not None:
            white = QColor("#FFFFFF")
            for verdict, (top, bottom) in zip(text.verdicts(), self._spans(), strict=True):
                rect = QRectF(2, top, self.width() - 4, max(bottom - top, 2.0))
                painter.fillRect(rect, white)
                painter.fillRect(rect, palette.bar_brush(verdict))
        painter.end()
        self._cache = (key, pixmap)
        return pixmap

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.jump_to(event.position().y() / max(self.height(), 1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.jump_to(event.position().y() / max(self.height(), 1))

    def jump_to(self, fraction: float) -> None:
        """Centre the text on the point ``fraction`` of the way down the article."""
        fraction = min(max(fraction, 0.0), 1.0)
        text = self._text
        if self._exact():
            y = fraction * text.document_height()
        else:
            y = text.doc_y(min(int(fraction * self._length()), self._length() - 1))
        target = y - text.viewport().height() / 2
        text.verticalScrollBar().setValue(int(target))
        self.jumped.emit(fraction)
