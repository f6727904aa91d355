"""One article: a header (title, source, word count) and its text painted by verdict.

The view reads everything from the Comparison: which passages exist, their spans, their
verdicts and the conflicting words.  It computes nothing; it reports clicks and drops as
signals and lets the window decide.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from core.model import Comparison, Passage, PassageRef, Side

from . import palette
from .findings import plain_tooltip
from .overview import OverviewStrip

MARGIN_WIDTH = 22  # px of margin marks left of the text
READING_FONTS = ["Noto Serif", "DejaVu Serif", "Georgia", "Times New Roman", "serif"]
READING_POINT_SIZE = 11
MIN_POINT_SIZE, MAX_POINT_SIZE = 6, 40
PARAGRAPH_SPACING = 8  # px below each paragraph
LINE_HEIGHT_PERCENT = 115


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
    """Local files carried by a drag, in order."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def tooltip_for(comparison: Comparison, ref: PassageRef) -> str:
    """What hovering a passage explains: its verdict, conflicts and notes."""
    verdict = comparison.verdict(ref)
    s = palette.style(verdict)
    lines = [f"<b>{s.glyph} {s.label}</b> — {s.description}"]
    for link in comparison.links_of(ref):
        other = link.right if ref.side == "left" else link.left
        extra = " (set by hand)" if link.overridden or link.origin == "user" else ""
        lines.append(f"{link.status} with {other.label}, score {link.score:.2f}{extra}")
        for c in link.conflicts:
            if c.relation == "update":
                lines.append(
                    f"&nbsp;&nbsp;{palette.UPDATE_GLYPH} {palette.UPDATE_LABEL.lower()}: "
                    f"{_escape(c.explanation)}"
                )
            else:
                lines.append(f"&nbsp;&nbsp;≠ {_escape(c.explanation)}")
        if link.note:
            lines.append(f"&nbsp;&nbsp;Note: {_escape(link.note)}")
    return "<br>".join(lines)


def _value_format(explanation: str, relation: str) -> QTextCharFormat:
    if relation == "update":
        return palette.update_format(explanation)
    return palette.conflict_format(explanation)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def describe_claims(text: str) -> tuple[tuple[int, int, str], ...]:
    """``core.claims.describe_claims``, imported on first use (a tooltip): importing it with
    this module would import the claims engine (wordfreq, the fact patterns) before the
    window's first frame."""
    from core.claims import describe_claims as describe

    return describe(text)


class PassageText(QTextEdit):
    """The read-only article text, with verdict formats and a margin of marks."""

    passage_clicked = Signal(object)  # PassageRef
    files_dropped = Signal(list)  # local paths
    scrolled = Signal()

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.comparison: Comparison | None = None
        self._passages: tuple[Passage, ...] = ()
        self._starts: list[int] = []
        self._highlighted: tuple[PassageRef, ...] = ()
        self._painted_text: str | None = None  # what is painted now, to repaint only changes
        self._painted: list[str] = []
        self._painted_conflicts: set[tuple[int, int, str, str]] = set()
        self._readings: dict[str, tuple[tuple[int, int, str], ...]] = {}  # by passage text
        self.updated: frozenset[PassageRef] = frozenset()  # passages with a changed figure
        self._detached: QTextDocument | None = None  # a new text being formatted, not shown
        self._range_cache: tuple[tuple[int, ...], range] | None = None
        # Each passage's top and bottom in document coordinates, kept while the layout is
        # the same (asked per band and per mark at every scroll step).
        self._span_key: tuple[object, ...] | None = None
        self._spans: dict[PassageRef, tuple[float, float]] = {}
        self.setReadOnly(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        font = QFont()
        font.setFamilies(READING_FONTS)
        font.setPointSize(READING_POINT_SIZE)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(14)
        self.setObjectName(f"{side}Text")
        self.setViewportMargins(MARGIN_WIDTH, 0, 0, 0)
        self.margin = MarginMarks(self)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.setPlaceholderText(f"Drop an article here, or use File ▸ Open {side.capitalize()}…")

    # ------------------------------------------------------------------ content

    def show_comparison(self, comparison: Comparison | None) -> None:
        """Show the side's document and paint every passage by its verdict.

        When only the verdicts changed (a hand edit, an undo), only the passages whose
        verdict or conflicts changed are painted again: an edit costs what it changed.
        """
        self.comparison = comparison
        self._highlighted = ()
        if comparison is None:
            self._passages, self._starts = (), []
            self._painted_text, self._painted, self._painted_conflicts = None, [], set()
            self.clear()
            self.margin.update()
            return
        text = comparison.document(self.side).text
        passages = comparison.passages(self.side)
        same_text = self._painted_text is not None and self._painted_text == text
        same_passages = same_text and [(p.start, p.end) for p in passages] == [
            (p.start, p.end) for p in self._passages
        ]
        if not same_text:
            self._readings.clear()
            self._fresh_document(text)
        self._passages = passages
        self._starts = [p.start for p in passages]
        verdicts = [comparison.verdict(p.ref) for p in passages]
        conflicts = self._conflict_spans(comparison)
        self.updated = frozenset(
            link.end(self.side)
            for link in comparison.links
            if any(c.relation == "update" for c in link.conflicts)
        )
        if same_passages:
            self._repaint_changes(verdicts, conflicts)
        else:
            self._paint_all(verdicts, conflicts, fresh=not same_text)
        self._painted_text = text
        self._painted, self._painted_conflicts = verdicts, conflicts
        self.setExtraSelections([])
        self.margin.update()
        self.viewport().update()

    def _conflict_spans(self, comparison: Comparison) -> set[tuple[int, int, str, str]]:
        """(start, end, explanation, relation) of each marked value: the conflicts of
        contradicting links, and the updates (changed over time) of every link."""
        limit = len(comparison.document(self.side).text)
        spans = set()
        for link in comparison.links:
            for conflict in link.conflicts:
                update = conflict.relation == "update"
                if not update and link.status != "contradict":
                    continue
                start, end = (
                    (conflict.left_start, conflict.left_end)
                    if self.side == "left"
                    else (conflict.right_start, conflict.right_end)
                )
                if 0 <= start < end <= limit:
                    spans.add((start, end, conflict.explanation, conflict.relation))
        return spans

    def _paint_all(
        self, verdicts: list[str], conflicts: set[tuple[int, int, str, str]], *, fresh: bool
    ) -> None:
        doc = self._working()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        if not fresh:  # text set just now has no formats to clear
            self._select(cursor, 0, doc.characterCount() - 1)
            cursor.setCharFormat(QTextCharFormat())
        dark = palette.is_dark()
        for passage, verdict in zip(self._passages, verdicts, strict=True):
            self._select(cursor, passage.start, passage.end)
            cursor.setCharFormat(palette.passage_format(verdict, passage.ref.label, dark=dark))
        for start, end, explanation, relation in sorted(conflicts):
            self._select(cursor, start, end)
            cursor.mergeCharFormat(_value_format(explanation, relation))
        cursor.endEditBlock()
        self._attach()

    def _working(self) -> QTextDocument:
        """The document being prepared (before it is shown), else the one shown."""
        return self._detached if self._detached is not None else self.document()

    def _repaint_changes(
        self, verdicts: list[str], conflicts: set[tuple[int, int, str, str]]
    ) -> None:
        changed = {
            i
            for i, (old, new) in enumerate(zip(self._painted, verdicts, strict=True))
            if old != new
        }
        for start, *_ in conflicts ^ self._painted_conflicts:
            found = self.passage_at(start)
            if found is not None:
                changed.add(found.ref.index)
        if not changed:
            return
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for index in sorted(changed):
            passage = self._passages[index]
            self._select(cursor, passage.start, passage.end)
            cursor.setCharFormat(palette.passage_format(verdicts[index], passage.ref.label))
            for start, end, explanation, relation in sorted(conflicts):
                if passage.start <= start < passage.end:
                    self._select(cursor, start, end)
                    cursor.mergeCharFormat(_value_format(explanation, relation))
        cursor.endEditBlock()

    def _fresh_document(self, text: str) -> None:
        """A new document for a new text, formatted before the view sees it.

        The text, paragraph spacing and (next) verdict formats are set on a document not
        yet shown, so the layout runs once, when it is attached, instead of after each
        pass over the whole text.
        """
        old = self.document()
        doc = QTextDocument(self)
        doc.setDefaultFont(old.defaultFont())
        doc.setDocumentMargin(old.documentMargin())
        doc.setUndoRedoEnabled(False)
        doc.setPlainText(text)
        self._detached = doc
        self._space_paragraphs()

    def _attach(self) -> None:
        doc = self._detached
        if doc is None:
            return
        self._detached = None
        self.setDocument(doc)  # the old document, a child of this view, is deleted

    def _space_paragraphs(self) -> None:
        """A little air between paragraphs: articles often put one per line."""
        doc = self._working()
        cursor = QTextCursor(doc)
        # Positions, not select(Document): selecting by movement asks the layout, which is
        # slow on a long article before it is laid out.
        self._select(cursor, 0, doc.characterCount() - 1)
        block = QTextBlockFormat()
        block.setBottomMargin(PARAGRAPH_SPACING)
        block.setLineHeight(LINE_HEIGHT_PERCENT, 1)  # 1 = ProportionalHeight
        cursor.mergeBlockFormat(block)

    @staticmethod
    def _select(cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)

    def format_at(self, position: int) -> QTextCharFormat:
        """The character format painted at a document offset (the character after it)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position + 1, self.document().characterCount() - 1))
        return cursor.charFormat()

    def passages(self) -> tuple[Passage, ...]:
        return self._passages

    def verdicts(self) -> list[str]:
        """The verdict painted on each passage, in order (read by the overview strip)."""
        return self._painted

    def passage_at(self, position: int) -> Passage | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        passage = self._passages[index]
        return passage if position < passage.end else None

    def passage_at_point(self, point: QPoint) -> Passage | None:
        return self.passage_at(self.cursorForPosition(point).position())

    def visible_range(self) -> range:
        """Indexes of the passages in view, found by bisecting the passage starts.

        Only two hit tests of the layout and two bisections, whatever the article's length,
        so painting the margin and the gutter costs what is on screen, not the article.
        """
        if not self._passages:
            return range(0)
        viewport = self.viewport()
        key = (
            self.verticalScrollBar().value(),
            viewport.width(),
            viewport.height(),
            self.document().revision(),
            id(self._passages),
        )
        if self._range_cache is not None and self._range_cache[0] == key:
            return self._range_cache[1]  # asked by the margin, the gutter, the sync, ...
        span = self._visible_range(viewport)
        self._range_cache = (key, span)
        return span

    def _visible_range(self, viewport: QWidget) -> range:
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(
            QPoint(viewport.width() - 1, viewport.height() - 1)
        ).position()
        first = max(bisect.bisect_right(self._starts, top) - 1, 0)
        last = bisect.bisect_right(self._starts, bottom)
        return range(first, min(max(last, first + 1), len(self._passages)))

    def visible_passages(self) -> tuple[Passage, ...]:
        span = self.visible_range()
        return self._passages[span.start : span.stop]

    # ----------------------------------------------------------------- zoom, find

    def zoom(self, steps: int) -> None:
        """Larger (steps > 0) or smaller text, keeping the reading font family."""
        font = self.document().defaultFont()
        size = min(max(font.pointSizeF() + steps, MIN_POINT_SIZE), MAX_POINT_SIZE)
        font.setPointSizeF(size)
        self.document().setDefaultFont(font)
        self.margin.update()
        self.scrolled.emit()

    def reset_zoom(self) -> None:
        font = self.document().defaultFont()
        font.setPointSizeF(READING_POINT_SIZE)
        self.document().setDefaultFont(font)
        self.margin.update()
        self.scrolled.emit()

    def point_size(self) -> float:
        return self.document().defaultFont().pointSizeF()

    def find_text(self, needle: str, *, backward: bool = False) -> tuple[bool, bool]:
        """Select the next (or previous) occurrence of ``needle``, wrapping around the end.

        Returns (found, wrapped)."""
        if not needle:
            return False, False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(needle, flags):
            return True, False
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.setTextCursor(cursor)
        found = self.find(needle, flags)
        return found, found

    # ------------------------------------------------------------------ geometry

    def doc_y(self, position: int, *, bottom: bool = False) -> float:
        """Vertical position of a character in document coordinates."""
        doc = self.document()
        block = doc.findBlock(position)
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position()) if layout else None
        if line is None or not line.isValid():
            return rect.bottom() if bottom else rect.top()
        return rect.top() + line.y() + (line.height() if bottom else 0.0)

    def doc_spans(self) -> Callable[[PassageRef], tuple[float, float]]:
        """Top and bottom of a passage in document coordinates, cached per layout: the
        layout is checked once here, and each lookup after is a dict read (the gutter asks
        for hundreds of band ends per scroll step)."""
        doc = self.document()
        size = doc.size()
        key = (
            id(doc),
            doc.revision(),
            size.width(),
            size.height(),
            doc.defaultFont().pointSizeF(),
            id(self.comparison),
        )
        if key != self._span_key:
            self._span_key = key
            self._spans = {}
        spans = self._spans
        comparison = self.comparison
        assert comparison is not None

        def span(ref: PassageRef) -> tuple[float, float]:
            found = spans.get(ref)
            if found is None:
                passage = comparison.passage(ref)
                found = spans[ref] = (
                    self.doc_y(passage.start),
                    self.doc_y(max(passage.end - 1, passage.start), bottom=True),
                )
            return found

        return span

    def passage_span_y(self, refs: Sequence[PassageRef]) -> tuple[float, float]:
        """Top and bottom of some passages, in viewport coordinates."""
        assert self.comparison is not None
        offset = self.verticalScrollBar().value()
        lookup = self.doc_spans()
        spans = [lookup(ref) for ref in refs]
        if len(spans) == 1:
            top, bottom = spans[0]
        else:
            top = min(span[0] for span in spans)
            bottom = max(span[1] for span in spans)
        return top - offset, bottom - offset

    def document_height(self) -> float:
        return self.document().size().height()

    def scroll_passage_to(self, ref: PassageRef, viewport_y: float | None = None) -> None:
        """Scroll so that a passage's top sits at ``viewport_y`` (default: a third down)."""
        if viewport_y is None:
            viewport_y = self.viewport().height() / 3
        top, _ = self.passage_span_y((ref,))
        bar = self.verticalScrollBar()
        bar.setValue(int(bar.value() + top - viewport_y))

    def is_passage_visible(self, ref: PassageRef) -> bool:
        top, bottom = self.passage_span_y((ref,))
        return bottom > 0 and top < self.viewport().height()

    # ----------------------------------------------------------------- selection

    def highlight(self, refs: tuple[PassageRef, ...]) -> None:
        """Mark the selected passages (over their verdict colours)."""
        self._highlighted = refs
        selections = []
        if self.comparison is not None:
            for ref in refs:
                passage = self.comparison.passage(ref)
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                self._select(cursor, passage.start, passage.end)
                selection.cursor = cursor
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(palette.SELECTION_FILL))
                fmt.setProperty(palette.PASSAGE_PROPERTY, ref.label)
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)
        self.margin.update()

    @property
    def highlighted(self) -> tuple[PassageRef, ...]:
        return self._highlighted

    # -------------------------------------------------------------------- events

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return  # a drag to select words for copying is not a click on a passage
        passage = self.passage_at_point(event.position().toPoint())
        if passage is not None:
            self.passage_clicked.emit(passage.ref)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.comparison is not None:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            text = self.tooltip_at(help_event.pos())
            if not text:
                QToolTip.hideText()
            else:
                QToolTip.showText(help_event.globalPos(), text, self)
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip text hovering ``point`` (viewport coordinates) would show."""
        passage = self.passage_at_point(point)
        if passage is None or self.comparison is None:
            return ""
        text = tooltip_for(self.comparison, passage.ref)
        reading = self.reading_at(self.cursorForPosition(point).position())
        if reading:
            text = f"<b>Read as:</b> {_escape(reading)}<hr>" + text
        return text

    def readings(self, passage: Passage) -> tuple[tuple[int, int, str], ...]:
        """What the engine took each value of a passage to count (offsets in the passage);
        worked out once per passage text, on the first hover, never while painting."""
        found = self._readings.get(passage.text)
        if found is None:
            found = self._readings[passage.text] = describe_claims(passage.text)
        return found

    def reading_at(self, position: int) -> str:
        """What the value (a number, date, quote) at a document position was read as."""
        passage = self.passage_at(position)
        if passage is None:
            return ""
        offset = position - passage.start
        for start, end, description in self.readings(passage):
            if start <= offset < end or (offset == end and end > start):
                return description
        return ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            set_drop_hint(self, True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        set_drop_hint(self, False)
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        set_drop_hint(self, False)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.margin.setGeometry(QRect(rect.left(), rect.top(), MARGIN_WIDTH, rect.height()))
        self.scrolled.emit()

    def _on_scroll(self, _value: int) -> None:
        self.margin.update()
        self.scrolled.emit()


class MarginMarks(QWidget):
    """Bars and glyphs left of the text: the verdict of each passage without colour alone."""

    def __init__(self, text: PassageText) -> None:
        super().__init__(text)
        self._text = text
        self.setObjectName("marginMarks")

    def paintEvent(self, _event: QPaintEvent) -> None:
        text = self._text
        comparison = text.comparison
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        if comparison is None:
            return
        font = painter.font()
        font.setPointSize(9)
        font.setBold(True)
        painter.setFont(font)
        outline = self.palette().color(QPalette.ColorRole.WindowText)
        for passage in text.visible_passages():
            top, bottom = text.passage_span_y((passage.ref,))
            verdict = comparison.verdict(passage.ref)
            s = palette.style(verdict)
            bar = QRect(MARGIN_WIDTH - 7, int(top) + 1, 5, max(int(bottom - top) - 2, 3))
            painter.fillRect(bar, QColor("#FFFFFF"))
            painter.fillRect(bar, palette.bar_brush(verdict))
            if passage.ref in text.highlighted:
                painter.setPen(QPen(outline, 2))
                painter.drawRect(bar.adjusted(-1, -1, 1, 1))
            painter.setPen(QColor(s.base))
            glyph_box = QRect(0, int(top), MARGIN_WIDTH - 8, 16)
            painter.drawText(glyph_box, Qt.AlignmentFlag.AlignCenter, s.glyph)
            if passage.ref in text.updated and bottom - top >= 30:
                # A figure here changed over time: its own mark, not the contradiction's.
                painter.setPen(QColor(palette.UPDATE_COLOUR))
                painter.drawText(
                    glyph_box.translated(0, 15), Qt.AlignmentFlag.AlignCenter, palette.UPDATE_GLYPH
                )
        painter.end()


class ArticleHeader(QFrame):
    """Title, source and word count above an article; also a drop target."""

    files_dropped = Signal(list)

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.setAcceptDrops(True)
        self.side_label = QLabel(side.upper())
        self.side_label.setObjectName("sideLabel")
        self.title = ElidedLabel("No article")
        self.title.setObjectName("articleTitle")
        self.title.setWordWrap(False)
        # Long titles must not widen the article: the two sides share the width equally.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = ElidedLabel("")
        self.source.setObjectName("articleSource")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.side_label)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.source)

    def show_document(self, comparison: Comparison | None, side: Side) -> None:
        if comparison is None:
            self.title.setText("No article")
            self.source.setText("")
            return
        doc = comparison.document(side)
        where = doc.source.path or doc.source.url or doc.source.format
        title = " ".join((doc.title or _first_text(comparison, side) or doc.name).split())
        self.title.setText(title)
        self.title.setToolTip(plain_tooltip(title))
        n_passages = len(comparison.passages(side))
        self.source.setText(
            f"{where}  ·  {plural(doc.word_count, 'word')}  ·  {plural(n_passages, 'passage')}"
        )
        self.source.setToolTip(plain_tooltip(where))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            set_drop_hint(self, True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        set_drop_hint(self, False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        set_drop_hint(self, False)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)


def plural(count: int, noun: str) -> str:
    """ "1 word", "2 words", "1,200 words".

    >>> plural(1, "word"), plural(0, "passage"), plural(1200, "word")
    ('1 word', '0 passages', '1,200 words')
    """
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def set_drop_hint(widget: QWidget, on: bool) -> None:
    """Mark a drop target while files are dragged over it (a style-sheet property)."""
    if bool(widget.property("dropTarget")) == on:
        return
    widget.setProperty("dropTarget", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in "…" when too narrow (full text as tooltip)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        width = max(self.width(), 40)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


def _first_text(comparison: Comparison, side: Side) -> str:
    """The first passage that is not page furniture: usually the headline."""
    for passage in comparison.passages(side):
        if passage.is_content:
            return passage.text.strip()
    return ""


class ArticleView(QWidget):
    """Header over (overview strip + text); the strip sits on the window's outer edge."""

    files_dropped = Signal(str, list)  # side, paths

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Article")
        self.header = ArticleHeader(side)
        self.text = PassageText(side)
        self.overview = OverviewStrip(self.text)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        if side == "left":
            body.addWidget(self.overview)
            body.addWidget(self.text, 1)
        else:
            body.addWidget(self.text, 1)
            body.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.text.files_dropped.connect(lambda paths: self.files_dropped.emit(side, paths))
        self.header.files_dropped.connect(lambda paths: self.files_dropped.emit(side, paths))

    def show_comparison(self, comparison: Comparison | None) -> None:
        self.header.show_document(comparison, self.side)
        self.text.show_comparison(comparison)
        self.overview.invalidate()

    @property
    def source_name(self) -> str:
        comparison = self.text.comparison
        if comparison is None:
            return ""
        return Path(comparison.document(self.side).name).name
