"""Bands between the two texts, from each left passage to its right counterparts.

As in Meld's link map, the gutter holds no matching logic: it asks the Comparison for the
links whose passages are in view and paints those, repainting whenever either text scrolls.
Bands that cross show content the two articles tell in a different order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from core.model import Comparison, Link, PassagePair, PassageRef

from . import palette
from .article_view import PassageText

GUTTER_WIDTH = 84
SMOOTH_BANDS = 12  # antialiased bands up to this many in view
OUTLINED_BANDS = 40  # outlined bands up to this many in view


class Band(NamedTuple):
    """Where one link's band starts and ends, in gutter coordinates (a tuple: hundreds are
    made per scroll step, and a frozen dataclass costs several times as much to build)."""

    link: Link
    left_top: float
    left_bottom: float
    right_top: float
    right_bottom: float


def visible_links(
    comparison: Comparison, left_visible: Sequence[PassageRef], right_visible: Sequence[PassageRef]
) -> tuple[Link, ...]:
    """Links with a passage in view on either side, asked of the comparison's index."""
    found: dict[PassagePair, Link] = {}
    for ref in (*left_visible, *right_visible):
        for link in comparison.links_of(ref):
            found[link.pair] = link
    return tuple(found.values())


class LinkGutter(QWidget):
    """Paints a curved band per visible link between two PassageText views."""

    link_clicked = Signal(object)  # Link

    def __init__(
        self, left: PassageText, right: PassageText, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkGutter")
        self.setFixedWidth(GUTTER_WIDTH)
        self._left = left
        self._right = right
        self.selected: PassagePair | None = None
        left.scrolled.connect(self.update)
        right.scrolled.connect(self.update)
        self.setToolTip("Links between the articles; click a band to select the pair")

    def _to_gutter_y(self, view: PassageText, y: float) -> float:
        origin = view.viewport().mapTo(self.window(), view.viewport().rect().topLeft())
        mine = self.mapTo(self.window(), self.rect().topLeft())
        return y + origin.y() - mine.y()

    def _visible_refs(self, view: PassageText) -> list[PassageRef]:
        """The passages in view, by bisection (never a walk over the whole article)."""
        return [passage.ref for passage in view.visible_passages()]

    def bands(self) -> list[Band]:
        """The bands to paint now: one per link in view."""
        comparison = self._left.comparison
        if comparison is None or self._right.comparison is not comparison:
            return []
        links = visible_links(
            comparison, self._visible_refs(self._left), self._visible_refs(self._right)
        )
        result = []
        left_shift = self._to_gutter_y(self._left, 0.0)
        right_shift = self._to_gutter_y(self._right, 0.0)
        # An end out of view is drawn at the edge of the texts: the band still points there,
        # painting it costs what is on screen, not the distance, and no clipping is needed.
        low, high = left_shift, left_shift + self._left.viewport().height()

        def clamp(y: float) -> float:
            return min(max(y, low), high)

        # Document coordinates from the views' span caches (one layout check per side).
        left_span, right_span = self._left.doc_spans(), self._right.doc_spans()
        left_shift -= self._left.verticalScrollBar().value()
        right_shift -= self._right.verticalScrollBar().value()
        for link in links:
            lt, lb = left_span(link.left)
            rt, rb = right_span(link.right)
            result.append(
                Band(
                    link,
                    clamp(lt + left_shift),
                    clamp(lb + left_shift),
                    clamp(rt + right_shift),
                    clamp(rb + right_shift),
                )
            )
        return result

    def _path(self, band: Band) -> QPainterPath:
        path = QPainterPath()
        self._add_band(path, band)
        return path

    def _add_band(self, path: QPainterPath, band: Band) -> None:
        """One band as a closed subpath of ``path``."""
        w = float(self.width())
        mid = w / 2
        path.moveTo(0, band.left_top)
        path.cubicTo(mid, band.left_top, mid, band.right_top, w, band.right_top)
        path.lineTo(w, band.right_bottom)
        path.cubicTo(mid, band.right_bottom, mid, band.left_bottom, 0, band.left_bottom)
        path.closeSubpath()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint(painter)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        bands = self.bands()
        # Smooth edges while the bands are few; past that, crisp ones keep scrolling fluid.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(bands) <= SMOOTH_BANDS)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        outlined = len(bands) <= OUTLINED_BANDS
        # All bands of one verdict go into one path, filled (and outlined) in one call: the
        # cost of a scroll step is then a few draw calls, not one per band. Winding fill, so
        # that overlapping bands of a verdict stay filled (odd-even would cut holes).
        paths: dict[str, QPainterPath] = {}
        selected: list[Band] = []
        # Links whose ends are both out of view on the same edges draw the same shape (a
        # passage linked to several far-off ones): one copy of each shape is enough.
        drawn: set[tuple[str, float, float, float, float]] = set()
        for band in bands:
            if band.link.pair == self.selected:
                selected.append(band)
                continue
            shape = (
                band.link.status,
                band.left_top,
                band.left_bottom,
                band.right_top,
                band.right_bottom,
            )
            if shape in drawn:
                continue
            drawn.add(shape)
            path = paths.get(band.link.status)
            if path is None:
                path = paths[band.link.status] = QPainterPath()
                path.setFillRule(Qt.FillRule.WindingFill)
            self._add_band(path, band)
        for status, path in paths.items():
            s = palette.style(status)
            painter.setBrush(QBrush(palette.colour(s.base, 70)))
            # A crowded gutter is drawn as fills only (the selected band keeps its outline):
            # the outlines would be clutter there, and they double the cost of a scroll step.
            painter.setPen(self._pen(status, selected=False) if outlined else Qt.PenStyle.NoPen)
            painter.drawPath(path)
        # Selected band last, so that it is drawn on top of the others.
        for band in selected:
            s = palette.style(band.link.status)
            painter.setBrush(QBrush(palette.colour(s.base, 150)))
            painter.setPen(self._pen(band.link.status, selected=True))
            painter.drawPath(self._path(band))
        badges: set[tuple[str, str, float]] = set()  # the same badge at the same place once
        for band in bands:
            badge = self._badge(band)
            if badge is not None and band.link.pair != self.selected and badge not in badges:
                badges.add(badge)
                self._paint_badge(painter, badge)
        for band in selected:
            badge = self._badge(band)
            if badge is not None:
                self._paint_badge(painter, badge)

    def _pen(self, status: str, *, selected: bool) -> QPen:
        s = palette.style(status)
        outline = self.palette().color(QPalette.ColorRole.WindowText)
        # A thin cosmetic outline is drawn as plain lines; a wider one needs a stroker.
        pen = QPen(outline if selected else QColor(s.base), 2.2 if selected else 1.0)
        pen.setCosmetic(True)
        if status == "related":
            pen.setStyle(Qt.PenStyle.DashLine)  # not colour alone: the outline differs too
        return pen

    def _badge(self, band: Band) -> tuple[str, str, float] | None:
        """(status, label, centre y) of the band's badge, if it has one."""
        status = band.link.status
        if status == "contradict" or band.link.origin == "user" or band.link.overridden:
            label = palette.style(status).glyph if status == "contradict" else "✎"
            y = (band.left_top + band.left_bottom + band.right_top + band.right_bottom) / 4
            return status, label, y
        return None

    def _paint_badge(self, painter: QPainter, badge: tuple[str, str, float]) -> None:
        status, label, y = badge
        centre = QPointF(self.width() / 2, y)
        painter.setPen(QColor("#FFFFFF"))
        painter.setBrush(QColor(palette.style(status).base))
        painter.drawEllipse(centre, 8, 8)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(
            QRectF(centre.x() - 8, centre.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, label
        )

    def link_at(self, point: QPointF) -> Link | None:
        for band in reversed(self.bands()):
            if self._path(band).contains(point):
                return band.link
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        link = self.link_at(event.position())
        if link is not None:
            self.link_clicked.emit(link)
