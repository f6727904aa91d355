"""The whole article at a glance: a thin strip coloured by verdict, click to jump.

Each passage is drawn at its position in the laid-out document, so the strip matches what
scrolling shows; a frame marks the part currently in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from . import palette

if TYPE_CHECKING:
    from .article_view import PassageText

STRIP_WIDTH = 16


class OverviewStrip(QWidget):
    """Verdict colours of one article, top to bottom; clicking scrolls the text there."""

    jumped = Signal(float)  # fraction of the document height

    def __init__(self, text: PassageText) -> None:
        super().__init__()
        self._text = text
        self.setObjectName("overviewStrip")
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole article by verdict; click to jump there")
        text.scrolled.connect(self.update)

    def _scale(self) -> float:
        # A short article is not stretched: the strip maps the scrollable height.
        height = max(self._text.document_height(), self._text.viewport().height())
        return self.height() / height if height > 0 else 0.0

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ECECEA"))
        text = self._text
        comparison = text.comparison
        if comparison is None:
            return
        scale = self._scale()
        for passage in text.passages():
            verdict = comparison.verdict(passage.ref)
            top = text.doc_y(passage.start) * scale
            bottom = text.doc_y(max(passage.end - 1, passage.start), bottom=True) * scale
            rect = QRectF(2, top, self.width() - 4, max(bottom - top, 2.0))
            painter.fillRect(rect, QColor("#FFFFFF"))
            painter.fillRect(rect, palette.bar_brush(verdict))
        # The visible part of the article.
        bar = text.verticalScrollBar()
        view_top = bar.value() * scale
        view_height = text.viewport().height() * scale
        painter.setPen(QPen(QColor(0, 0, 0, 150), 1))
        painter.setBrush(QColor(0, 0, 0, 25))
        painter.drawRect(QRectF(0.5, view_top, self.width() - 1.0, view_height))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.jump_to(event.position().y() / max(self.height(), 1))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.jump_to(event.position().y() / max(self.height(), 1))

    def jump_to(self, fraction: float) -> None:
        """Centre the text on the point ``fraction`` of the way down the article."""
        fraction = min(max(fraction, 0.0), 1.0)
        text = self._text
        target = fraction * text.document_height() - text.viewport().height() / 2
        text.verticalScrollBar().setValue(int(target))
        self.jumped.emit(fraction)
