"""The side panel for the selected pair: scores, status, conflicts, note; and hand edits."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.model import Comparison, Link, PassageRef

from . import palette

ENGINE_VERDICT = "engine"


def details_html(comparison: Comparison, ref: PassageRef, link: Link | None) -> str:
    """The selected passage, and the pair it belongs to, as rich text."""
    e = html.escape
    passage = comparison.passage(ref)
    verdict = comparison.verdict(ref)
    s = palette.style(verdict)
    side = ref.side
    parts = [
        f'<p><b style="color:{s.base}">{e(s.glyph)} {e(s.label)}</b>'
        f' &nbsp;<span style="color:#666">{e(ref.label)} · {side} article</span></p>',
        f'<p style="color:#333">{e(passage.text)}</p>',
    ]
    if link is None:
        other = "right" if side == "left" else "left"
        parts.append(f"<p><i>No counterpart in the {other} article.</i></p>")
        return "".join(parts)
    ls = palette.style(link.status)
    origin = "added by hand" if link.origin == "user" else "found by the engine"
    overridden = " · <b>verdict set by hand</b>" if link.overridden else ""
    parts.append(
        f"<hr><p><b>Pair {e(link.left.label)} ↔ {e(link.right.label)}</b><br>"
        f'Status: <b style="color:{ls.base}">{e(ls.glyph)} {e(link.status)}</b>{overridden}<br>'
        f"Same-event score: {link.score:.2f} (threshold "
        f"{comparison.settings.link_threshold:.2f}) · {origin}</p>"
    )
    other_text = comparison.passage(link.right if side == "left" else link.left).text
    parts.append(f'<p style="color:#333"><i>Counterpart:</i> {e(other_text)}</p>')
    if link.conflicts:
        parts.append("<p><b>Conflicts</b></p><ul>")
        parts.extend(
            f"<li><b>{e(c.kind)}</b>: {e(c.explanation)}"
            f" <span style='color:#666'>(left “{e(c.left)}”, right “{e(c.right)}”)</span></li>"
            for c in link.conflicts
        )
        parts.append("</ul>")
    if link.note:
        parts.append(f"<p><b>Note:</b> {e(link.note)}</p>")
    return "".join(parts)


class DetailsPanel(QWidget):
    """Shows the selection; its controls ask the window to edit the pair."""

    link_requested = Signal()
    unlink_requested = Signal()
    override_requested = Signal(object)  # status str, or None for the engine's verdict
    note_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        title = QLabel("Selected pair")
        title.setObjectName("panelTitle")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setPlaceholderText("Click a passage to see its pair, scores and conflicts.")
        self.verdict = QComboBox()
        self.verdict.addItem("Engine's verdict", ENGINE_VERDICT)
        for status in ("agree", "related", "contradict"):
            s = palette.style(status)
            self.verdict.addItem(f"{s.glyph} {s.label}", status)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note on this pair (Enter to save)")
        self.link_button = QPushButton("Link L ↔ R")
        self.link_button.setToolTip("Link the selected left and right passages")
        self.unlink_button = QPushButton("Remove link")
        form = QFormLayout()
        form.addRow("Verdict", self.verdict)
        form.addRow("Note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.body, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.link_button.clicked.connect(self.link_requested)
        self.unlink_button.clicked.connect(self.unlink_requested)
        self.verdict.activated.connect(self._verdict_chosen)
        self.note.returnPressed.connect(lambda: self.note_requested.emit(self.note.text()))
        self.show_selection(None, None, None, can_link=False)

    def show_selection(
        self,
        comparison: Comparison | None,
        ref: PassageRef | None,
        link: Link | None,
        *,
        can_link: bool,
        link_label: str = "",
    ) -> None:
        if comparison is None or ref is None:
            self.body.clear()
        else:
            self.body.setHtml(details_html(comparison, ref, link))
        has_link = link is not None
        self.verdict.setEnabled(has_link)
        self.note.setEnabled(has_link)
        self.unlink_button.setEnabled(has_link)
        self.link_button.setEnabled(can_link)
        self.link_button.setText(link_label or "Link L ↔ R")
        self.verdict.setCurrentIndex(
            self.verdict.findData(
                link.status if link is not None and link.overridden else ENGINE_VERDICT
            )
        )
        self.note.setText(link.note if link is not None else "")

    def _verdict_chosen(self, _index: int) -> None:
        data = self.verdict.currentData()
        self.override_requested.emit(None if data == ENGINE_VERDICT else data)
