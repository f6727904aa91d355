"""Every contradiction and every missing passage in one filterable list; click to jump."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.model import Comparison, PassagePair, PassageRef, Side

from . import palette


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


FindingKind = Literal["contradict", "update", "missing"]
FindingSide = Literal["left", "right", "both"]


@dataclass(frozen=True)
class Finding:
    """One line of the findings list."""

    kind: FindingKind
    side: FindingSide  # contradictions concern both articles
    ref: PassageRef  # where selecting the finding jumps
    summary: str  # the explanation, or the missing passage's text
    detail: str  # both quotes, for the tooltip
    pair: PassagePair | None = None  # the contradicting pair, selected with the row
    measure: str = ""  # what a conflict or update counts ("dead", "fee"), when known


def findings_of(comparison: Comparison) -> list[Finding]:
    """Conflicts grouped by measure ("dead", "injured", "fee"; unnamed ones last), then
    the figures that changed over time (updates, not contradictions), then each side's
    missing passages.  Within a measure, rows follow the left article's reading order."""
    conflicts: list[Finding] = []
    updates: list[Finding] = []
    for link in sorted(comparison.links, key=lambda k: k.pair):
        left = comparison.passage(link.left).text
        right = comparison.passage(link.right).text
        detail = f"Left: {left}\n\nRight: {right}"
        ids = f"{link.left.label} ↔ {link.right.label}"
        proper = [c for c in link.conflicts if c.relation != "update"]
        if link.status == "contradict":
            if not proper:
                conflicts.append(
                    Finding(
                        "contradict",
                        "both",
                        link.left,
                        f"{ids}: Marked as contradicting",
                        detail,
                        link.pair,
                    )
                )
            for c in proper:
                conflicts.append(
                    Finding(
                        "contradict",
                        "both",
                        link.left,
                        f"{ids}: {c.explanation}",
                        detail,
                        link.pair,
                        c.measure,
                    )
                )
        for c in link.conflicts:
            if c.relation == "update":
                updates.append(
                    Finding(
                        "update",
                        "both",
                        link.left,
                        f"{ids}: changed over time: {c.left} → {c.right} ({c.explanation})",
                        detail,
                        link.pair,
                        c.measure,
                    )
                )
    found = sorted(conflicts, key=_by_measure) + sorted(updates, key=_by_measure)
    sides: tuple[Side, Side] = ("left", "right")
    for side in sides:
        for passage in comparison.missing(side):
            found.append(
                Finding(
                    "missing",
                    side,
                    passage.ref,
                    f"{passage.ref.label}: {passage.text}",
                    passage.text,
                )
            )
    return found


def _by_measure(finding: Finding) -> tuple[bool, str, PassagePair | None]:
    """Named measures first, alphabetically; then the reading order (sorted is stable)."""
    return (not finding.measure, finding.measure.lower(), None)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written: Qt would render markup in a bare string."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def matches(finding: Finding, *, kind: str, side: str, text: str) -> bool:
    """Whether a finding passes the filter (kind/side "all" pass everything)."""
    if kind != "all" and finding.kind != kind:
        return False
    if side != "all" and finding.side not in (side, "both"):
        return False
    needle = text.strip().lower()
    return (
        not needle
        or needle in finding.summary.lower()
        or needle in finding.detail.lower()
        or needle in finding.measure.lower()
    )


class FindingsPanel(QWidget):
    """The list with its filters; emits the passage to jump to."""

    passage_chosen = Signal(object)  # PassageRef
    finding_chosen = Signal(object)  # Finding: the row the user selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self._findings: list[Finding] = []
        title = QLabel("Findings")
        title.setObjectName("panelTitle")
        self.count = QLabel("")
        self.count.setObjectName("panelCount")
        self.kind = QComboBox()
        self.kind.addItem("All kinds", "all")
        self.kind.addItem("Contradictions", "contradict")
        self.kind.addItem("Changed over time", "update")
        self.kind.addItem("Missing", "missing")
        self.side = QComboBox()
        self.side.addItem("Both sides", "all")
        self.side.addItem("Left", "left")
        self.side.addItem("Right", "right")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter text…")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["", "Side", "Measure", "Finding"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 28)
        self.tree.setColumnWidth(1, 52)
        self.tree.setColumnWidth(2, 80)
        self.tree.setWordWrap(False)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)

        self.kind.currentIndexChanged.connect(self._refilter)
        self.side.currentIndexChanged.connect(self._refilter)
        self.search.textChanged.connect(self._refilter)
        self.tree.currentItemChanged.connect(self._chosen)
        self.tree.itemClicked.connect(lambda item, _col: self._chosen(item, None))

    def show_comparison(self, comparison: Comparison | None) -> None:
        self._findings = findings_of(comparison) if comparison is not None else []
        self._refilter()

    def set_filter(self, *, kind: str = "all", side: str = "all", text: str = "") -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.side.setCurrentIndex(self.side.findData(side))
        self.search.setText(text)
        self._refilter()

    def visible_findings(self) -> list[Finding]:
        return [
            self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(self.tree.topLevelItemCount())
        ]

    def _refilter(self) -> None:
        kind, side = self.kind.currentData(), self.side.currentData()
        self.tree.blockSignals(True)
        self.tree.clear()
        shown = [
            f for f in self._findings if matches(f, kind=kind, side=side, text=self.search.text())
        ]
        for finding in shown:
            if finding.kind == "update":
                glyph, base = palette.UPDATE_GLYPH, palette.UPDATE_COLOUR
            else:
                s = palette.style(finding.kind)
                glyph, base = s.glyph, s.base
            measure = finding.measure or ("—" if finding.kind != "missing" else "")
            item = QTreeWidgetItem(
                [
                    glyph,
                    finding.side.capitalize() if finding.side != "both" else "L↔R",
                    measure,
                    finding.summary,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, finding)
            item.setForeground(0, QBrush(QColor(base)))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(0, palette.UPDATE_LABEL if finding.kind == "update" else "")
            item.setToolTip(3, plain_tooltip(finding.detail))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        n_con = sum(1 for f in self._findings if f.kind == "contradict")
        n_upd = sum(1 for f in self._findings if f.kind == "update")
        n_mis = len(self._findings) - n_con - n_upd
        changed = f" · {n_upd} changed over time" if n_upd else ""
        self.count.setText(
            f"{plural(n_con, 'contradiction')}{changed} · {n_mis} missing · {len(shown)} shown"
        )

    def _chosen(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            finding: Finding = item.data(0, Qt.ItemDataRole.UserRole)
            self.finding_chosen.emit(finding)
            self.passage_chosen.emit(finding.ref)

    def choose(self, row: int) -> None:
        """Select a row as a click would (used by keyboard and tests)."""
        self.tree.setCurrentItem(self.tree.topLevelItem(row))
