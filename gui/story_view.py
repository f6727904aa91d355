"""The story table as a widget: one row per fact, one column per article.

Cells use the pair view's verdict colours and patterns (gui/palette.py), each with a
glyph so that colour is never the only signal: ≠ disagree (vermillion), → update (sky
blue, dotted), = agree (blue), 1 single source, – not reported (grey hatching).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from core.story import StoryCell, StoryRow, StoryTable, cell_verdict

from .palette import STYLES, TEXT_COLOUR

GLYPHS = {"contradict": "≠", "update": "→", "agree": "=", "single": "1", "missing": "–"}
STATUS_VERDICT = {
    "disagree": "contradict",
    "update": "update",
    "agree": "agree",
    "single": "single",
}
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # (row index, article index) of a value cell
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2  # the verdict painted, for tests and tools
FIXED_COLUMNS = 2  # status, fact
MAX_CELL_CHARS = 160  # longer values (quotations) are cut; the tooltip has them whole


def verdict_brush(verdict: str) -> QBrush:
    """The background of a cell: the pair view's fill, with its pattern."""
    if verdict == "contradict":
        return QBrush(QColor(STYLES["contradict"].fill))
    if verdict == "update":
        return QBrush(QColor(STYLES["related"].base), Qt.BrushStyle.Dense6Pattern)
    if verdict == "agree":
        return QBrush(QColor(STYLES["agree"].fill))
    if verdict == "missing":
        return QBrush(QColor(STYLES["missing"].fill), Qt.BrushStyle.BDiagPattern)
    return QBrush(QColor("#FFFFFF"))


def cell_label(cell: StoryCell) -> str:
    extra = [p for p in (cell.time, f"per {cell.source}" if cell.source else "") if p]
    if extra and not cell.value.endswith("”"):
        return f"{cell.value} ({'; '.join(extra)})"
    return cell.value


class StoryView(QTableWidget):
    """The table; ``cell_chosen(row, article)`` when the user clicks a value cell."""

    cell_chosen = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.table: StoryTable | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setVisible(False)
        self.cellClicked.connect(self._clicked)

    def show_table(self, table: StoryTable | None) -> None:
        self.table = table
        self.clear()
        if table is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        headers = ["Status", "Fact"] + [
            f"{a.id}\n{a.published or 'date unknown'}" for a in table.articles
        ]
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        for column, article in enumerate(table.articles, start=FIXED_COLUMNS):
            header = self.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(article.title)
        self.setRowCount(len(table.rows))
        for index, row in enumerate(table.rows):
            self._fill_row(index, row)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 260)
        for column in range(FIXED_COLUMNS, self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.resizeRowsToContents()

    def _fill_row(self, index: int, row: StoryRow) -> None:
        assert self.table is not None
        verdict = STATUS_VERDICT[row.status]
        status = row.status + (" + update" if row.also_update else "")
        item = QTableWidgetItem(f"{GLYPHS[verdict]}  {status}")
        item.setBackground(verdict_brush(verdict))
        item.setData(VERDICT_ROLE, verdict)
        item.setToolTip(row.explanation)
        self.setItem(index, 0, item)
        scope = f"\n{row.scope}" if row.scope else ""
        fact = QTableWidgetItem(f"{row.measure}{scope}")
        fact.setToolTip(row.explanation)
        if row.status in ("disagree", "update"):
            explanation = row.explanation
            if len(explanation) > MAX_CELL_CHARS:
                explanation = explanation[: MAX_CELL_CHARS - 1] + "…"
            fact.setText(f"{row.measure}{scope}\n{explanation}")
        self.setItem(index, 1, fact)
        for article in range(len(self.table.articles)):
            cells = row.cells_of(article)
            if not cells:
                empty = QTableWidgetItem(f"{GLYPHS['missing']}  not reported")
                empty.setBackground(verdict_brush("missing"))
                empty.setForeground(QColor("#555555"))
                empty.setData(VERDICT_ROLE, "missing")
                self.setItem(index, FIXED_COLUMNS + article, empty)
                continue
            verdicts = [cell_verdict(row, c) for c in cells]
            worst = min(verdicts, key=("contradict", "update", "agree", "single").index)
            text = "; ".join(dict.fromkeys(cell_label(c) for c in cells))
            if len(text) > MAX_CELL_CHARS:
                text = text[: MAX_CELL_CHARS - 1] + "…"
            value = QTableWidgetItem(f"{GLYPHS[worst]}  {text}")
            value.setBackground(verdict_brush(worst))
            value.setForeground(QColor(TEXT_COLOUR))
            value.setData(VERDICT_ROLE, worst)
            value.setData(CELL_ROLE, (index, article))
            value.setToolTip(
                "\n\n".join(f"#{c.passage}: {c.text}" for c in cells)
                + "\n\nClick: compare with the outlet that differs most"
            )
            self.setItem(index, FIXED_COLUMNS + article, value)

    def _clicked(self, row: int, column: int) -> None:
        if self.table is not None and column >= FIXED_COLUMNS:
            item = self.item(row, column)
            if item is not None and item.data(CELL_ROLE) is not None:
                self.cell_chosen.emit(row, column - FIXED_COLUMNS)
