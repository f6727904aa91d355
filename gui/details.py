"""The side panel for the selected pair: scores, status, conflicts, note; and hand edits."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

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

from core.model import Comparison, Link, PassagePair, PassageRef

from . import palette

if TYPE_CHECKING:
    from core.report import ClaimRow

ENGINE_VERDICT = "engine"


def claim_rows(comparison: Comparison, link: Link) -> tuple[ClaimRow, ...]:
    """``core.report.claim_rows``, imported on first use (a click, long after the first
    frame): importing it with this module would import the claims engine before the window
    is shown."""
    from core.report import claim_rows as rows

    return rows(comparison, link)


def pair_anchor(pair: PassagePair) -> str:
    """The href of a pair in the details text: clicking it selects that pair."""
    return f"pair:{pair.left.label}:{pair.right.label}"


def parse_anchor(href: str) -> PassagePair | None:
    parts = href.split(":")
    if len(parts) != 3 or parts[0] != "pair":
        return None
    try:
        return PassagePair(PassageRef.parse(parts[1]), PassageRef.parse(parts[2]))
    except ValueError:
        return None


def details_html(
    comparison: Comparison,
    ref: PassageRef,
    link: Link | None,
    rows: tuple[ClaimRow, ...] | None = None,
) -> str:
    """The selected passage and EVERY pair it takes part in; ``link`` is the selected one.

    All article text is escaped (it is plain text, whatever markup it contains); colours
    come from the verdict styles only, so the text keeps the palette's own colours.
    """
    e = html.escape
    passage = comparison.passage(ref)
    verdict = comparison.verdict(ref)
    s = palette.style(verdict)
    side = ref.side
    what = s.label if passage.is_content else palette.kind_label(passage.kind)
    parts = [
        f'<p><b style="color:{s.base}">{e(s.glyph)} {e(what)}</b>'
        f" &nbsp;<small>{e(ref.label)} · {side} article</small></p>",
        f"<p>{e(passage.text)}</p>",
    ]
    links = comparison.links_of(ref)
    if not links:
        other = "right" if side == "left" else "left"
        if passage.is_content:
            parts.append(f"<p><i>No counterpart in the {other} article.</i></p>")
        else:
            parts.append(f"<p><i>{e(what)}: not compared.</i></p>")
        return "".join(parts)
    if len(links) > 1:
        parts.append(
            f"<p><b>{len(links)} pairs</b> — the selected one is marked ▶; "
            "click another to select it.</p>"
        )
    # The selected pair first, with its claims: it is what the user asked about.
    for each in sorted(links, key=lambda k: k != link):
        chosen = each == link
        parts.append(_pair_html(comparison, each, side, selected=chosen, many=len(links) > 1))
        if chosen:
            shown = rows if rows is not None else claim_rows(comparison, each)
            parts.append(
                claims_html(shown, dismissed=each.overridden and each.status != "contradict")
            )
    return "".join(parts)


# How each verdict on a claim pair is marked: a glyph and a word, not colour alone.
_RELATION_MARKS = {
    "agree": ("=", "agree"),
    "conflict": ("≠", "contradict"),
    "update": (palette.UPDATE_GLYPH, ""),
    "not_comparable": ("?", ""),
}


def claims_html(rows: tuple[ClaimRow, ...], *, dismissed: bool = False) -> str:
    """The selected pair's claim pairs: measure, both values as written, the verdict, and
    the scope and time where known."""
    e = html.escape
    if not rows:
        return "<p><i>No comparable claims (numbers, dates, quotes, names) in this pair.</i></p>"
    title = "Claims compared" + (" (conflicts dismissed by hand)" if dismissed else "")
    parts = [
        f"<p><b>{title}</b></p>",
        '<table cellspacing="0" cellpadding="3" border="1" style="border-collapse:collapse">',
        "<tr><th>Measure</th><th>Left</th><th>Right</th><th>Verdict</th><th>Scope · time</th></tr>",
    ]
    for row in rows:
        glyph, style_name = _RELATION_MARKS.get(row.relation, ("?", ""))
        colour = (
            palette.UPDATE_COLOUR
            if row.relation == "update"
            else palette.style(style_name).base
            if style_name
            else ""
        )
        verdict = f"{e(glyph)} {e(row.verdict)}"
        if colour:
            verdict = f'<b style="color:{colour}">{verdict}</b>'
        if row.relation == "update":
            verdict += f"<br><small>{e(row.change)}</small>"
        where = " · ".join(x for x in (row.scope, row.time) if x)
        parts.append(
            f"<tr><td>{e(row.measure or '—')}</td><td>“{e(row.left)}”</td>"
            f"<td>“{e(row.right)}”</td><td>{verdict}</td><td>{e(where)}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _pair_html(comparison: Comparison, link: Link, side: str, *, selected: bool, many: bool) -> str:
    e = html.escape
    ls = palette.style(link.status)
    origin = "added by hand" if link.origin == "user" else "found by the engine"
    overridden = " · <b>verdict set by hand</b>" if link.overridden else ""
    name = f"{e(link.left.label)} ↔ {e(link.right.label)}"
    if many and not selected:
        name = f'<a href="{pair_anchor(link.pair)}">{name}</a>'
    marker = "▶ " if selected and many else ""
    parts = [
        f"<hr><p><b>{marker}Pair {name}</b><br>"
        f'Status: <b style="color:{ls.base}">{e(ls.glyph)} {e(link.status)}</b>{overridden}<br>'
        f"Same-event score: {link.score:.2f} (threshold "
        f"{comparison.settings.link_threshold:.2f}) · {origin}</p>"
    ]
    other_text = comparison.passage(link.right if side == "left" else link.left).text
    parts.append(f"<p><i>Counterpart:</i> {e(other_text)}</p>")
    proper = [c for c in link.conflicts if c.relation != "update"]
    updates = [c for c in link.conflicts if c.relation == "update"]
    if proper and not selected:
        dismissed = link.overridden and link.status != "contradict"
        title = "Conflicts (dismissed by hand)" if dismissed else "Conflicts"
        parts.append(f"<p><b>{title}</b></p><ul>")
        parts.extend(
            f"<li><b>{e(c.measure or c.kind)}</b>: {e(c.explanation)}"
            f" <small>(left “{e(c.left)}”, right “{e(c.right)}”)</small></li>"
            for c in proper
        )
        parts.append("</ul>")
    if updates and not selected:
        parts.append(
            f"<p><b>{palette.UPDATE_GLYPH} Changed over time</b> (not a contradiction)</p><ul>"
        )
        parts.extend(
            f"<li><b>{e(c.measure or c.kind)}</b>: {e(c.left)} → {e(c.right)}"
            f" <small>({e(c.explanation)})</small></li>"
            for c in updates
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
    pair_chosen = Signal(object)  # PassagePair: another pair of the selected passage

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPanel")
        title = QLabel("Selected pair")
        title.setObjectName("panelTitle")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._anchor)
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
        # Claim pairs of the selected link, judged once per link (never per paint).
        self._rows: dict[tuple[str, str, Link, object], tuple[ClaimRow, ...]] = {}
        self.show_selection(None, None, None, can_link=False)

    def rows_for(self, comparison: Comparison, link: Link) -> tuple[ClaimRow, ...]:
        """The claim pairs of a link, worked out on first selection and kept."""
        key = (
            comparison.passage(link.left).text,
            comparison.passage(link.right).text,
            link,
            comparison.settings,
        )
        rows = self._rows.get(key)
        if rows is None:
            if len(self._rows) > 256:
                self._rows.clear()
            rows = self._rows[key] = claim_rows(comparison, link)
        return rows

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
            rows = self.rows_for(comparison, link) if link is not None else None
            self.body.setHtml(details_html(comparison, ref, link, rows))
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

    def _anchor(self, url: object) -> None:
        pair = parse_anchor(url.toString())  # type: ignore[attr-defined]
        if pair is not None:
            self.pair_chosen.emit(pair)

    def set_empty_text(self, text: str) -> None:
        """What the panel says while nothing is selected."""
        self.body.setPlaceholderText(text)

    def _verdict_chosen(self, _index: int) -> None:
        data = self.verdict.currentData()
        self.override_requested.emit(None if data == ENGINE_VERDICT else data)
