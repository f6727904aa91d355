"""The legend: each verdict's colour, pattern and glyph with its meaning."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from . import palette


class Swatch(QWidget):
    """A small sample of a verdict: light fill, pattern bar and glyph, as the text shows it."""

    def __init__(self, verdict: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = verdict
        self.setFixedSize(30, 18)

    def paintEvent(self, _event: QPaintEvent) -> None:
        s = palette.style(self.verdict)
        painter = QPainter(self)
        box = QRect(0, 1, 29, 16)
        painter.fillRect(box, QColor("#FFFFFF"))
        painter.fillRect(box, palette.fill_brush(self.verdict))
        painter.fillRect(QRect(0, 1, 5, 16), palette.bar_brush(self.verdict))
        painter.setPen(QColor(s.base))
        painter.drawRect(box)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box.adjusted(5, 0, 0, 0), Qt.AlignmentFlag.AlignCenter, s.glyph)
        painter.end()


class Legend(QWidget):
    """One swatch and label per verdict, plus the marked-conflict sample."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        for verdict in palette.LEGEND_ORDER:
            s = palette.style(verdict)
            swatch = Swatch(verdict)
            text, tip = s.label, s.description
            if verdict == "boilerplate":
                # Captions, bylines, timestamps and cut-off lines are not compared either.
                text = " · ".join(palette.KIND_LABELS.values())
                tip = "Not compared: " + ", ".join(
                    label.lower() for label in palette.KIND_LABELS.values()
                )
            label = QLabel(text)
            label.setObjectName("legendLabel")
            for widget in (swatch, label):
                widget.setToolTip(tip)
            layout.addWidget(swatch)
            layout.addWidget(label)
            layout.addSpacing(8)
        conflict = QLabel("$1 bn")
        conflict.setObjectName("legendConflict")
        conflict.setStyleSheet(
            f"background:{palette.CONFLICT_FILL}; font-weight:bold; padding:0 4px;"
            f"border-bottom:2px dotted {palette.CONFLICT_UNDERLINE};"
        )
        conflict.setToolTip("The conflicting words inside a contradiction; hover for why")
        layout.addWidget(conflict)
        label = QLabel("Conflicting words")
        label.setObjectName("legendLabel")
        layout.addWidget(label)
        layout.addSpacing(8)
        update = QLabel(f"{palette.UPDATE_GLYPH} 412")
        update.setObjectName("legendUpdate")
        update.setStyleSheet(
            f"background:{palette.UPDATE_FILL}; color:{palette.TEXT_COLOUR}; font-style:italic;"
            f" padding:0 4px; border-bottom:2px dashed {palette.UPDATE_COLOUR};"
        )
        tip = (
            "A figure that changed over time (the same measure at two stated times):"
            " not a contradiction"
        )
        update.setToolTip(tip)
        layout.addWidget(update)
        label = QLabel(palette.UPDATE_LABEL)
        label.setObjectName("legendLabel")
        label.setToolTip(tip)
        layout.addWidget(label)
