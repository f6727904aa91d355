"""The main window: menus, actions, drag-and-drop, status bar, and the user's workflow.

Every comparison runs through ``JobRunner`` (off the GUI thread); the window keeps the
engine's result without hand edits (``_base``) and shows ``apply_edits(_base, edits)``, so
a hand edit is instant and never re-runs the engine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSlider,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import edits as edit_ops
from core.compare import compare
from core.default_pair import default_comparison
from core.edits import apply_edits
from core.loading import LoadError, load_any, load_text
from core.model import (
    Comparison,
    Document,
    Link,
    LinkStatus,
    PassagePair,
    PassageRef,
    Side,
    UserEdits,
)
from core.report import render_html, render_markdown
from core.session import (
    SUFFIX as SESSION_SUFFIX,
)
from core.session import (
    Session,
    SessionError,
    discard_recovery,
    find_recovery,
    load_session,
    recovery_origin,
    save_session,
    write_recovery,
)
from core.settings import Settings

from .article_view import ArticleView, PassageText, dropped_paths
from .details import DetailsPanel
from .findings import FindingsPanel
from .legend import Legend
from .link_gutter import LinkGutter
from .worker import JobRunner

APP_NAME = "FactCompare"
SESSION_FILTER = f"FactCompare sessions (*{SESSION_SUFFIX});;All files (*)"
REPORT_FILTER = "HTML report (*.html);;Markdown report (*.md)"
RECENT_LIMIT = 8
AUTOSAVE_MS = 20_000  # how often unsaved work is written to the recovery file
RECOMPUTE_DEBOUNCE_MS = 350  # wait for the threshold to settle before recomputing
DIFFERENCES = ("contradict", "missing")
KEY_THRESHOLD = "engine/link_threshold"
KEY_RECENT = "sessions/recent"
KEY_GEOMETRY = "window/geometry"


@dataclass(frozen=True)
class ClipboardText:
    """Text pasted as an article; loaded on the worker thread like a file."""

    text: str


ArticleSource = Document | ClipboardText | str  # a str is a path or a URL


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def _origin_of(recovery_file: str) -> str | None:
    """The session file a recovery file belongs to, if it still exists."""
    try:
        origin = recovery_origin(recovery_file)
    except SessionError:
        return None
    return origin if origin and os.path.exists(origin) else None


def _resolve(source: ArticleSource) -> Document:
    """Load an article source (on the worker thread)."""
    if isinstance(source, Document):
        return source
    if isinstance(source, ClipboardText):
        return load_text(source.text, name="Clipboard")
    return load_any(source)


class MainWindow(QMainWindow):
    """Two articles side by side with the links between them."""

    comparison_shown = Signal()  # a new comparison (or new edits) is painted
    message_shown = Signal(str, str)  # level, text

    def __init__(self, store: QSettings | None = None) -> None:
        super().__init__()
        self.store = store if store is not None else QSettings()
        self.settings = Settings(
            link_threshold=float(self.store.value(KEY_THRESHOLD, Settings().link_threshold))
        )
        self.edits = UserEdits()
        self._base: Comparison | None = None
        self.comparison: Comparison | None = None
        self.session_path: str | None = None
        self._recovery_path: str | None = None
        self.messages: list[tuple[str, str]] = []
        self.picked: dict[Side, PassageRef | None] = {"left": None, "right": None}
        self.focus_side: Side = "left"
        self.current: PassageRef | None = None  # the passage last clicked or navigated to
        self.remember_geometry = True  # off for offscreen screenshots
        self.runner = JobRunner(self)
        self.runner.failed.connect(self._on_failed)
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.runner.cancelled.connect(lambda: self.notify("Comparison cancelled."))
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_recovery)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(RECOMPUTE_DEBOUNCE_MS)
        self.debounce.timeout.connect(self._apply_threshold)
        self.setAcceptDrops(True)
        self._build_views()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status()
        self._update_title()
        self._update_actions()
        geometry = self.store.value(KEY_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)

    # =============================================================== construction

    def _build_views(self) -> None:
        self.left = ArticleView("left")
        self.right = ArticleView("right")
        self.gutter = LinkGutter(self.left.text, self.right.text)
        self.details = DetailsPanel()
        self.findings = FindingsPanel()
        self.message_bar = QFrame()
        self.message_bar.setObjectName("messageBar")
        self.message_text = QLabel()
        self.message_text.setWordWrap(True)
        self.message_text.setObjectName("messageText")
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.message_bar.hide)
        bar = QHBoxLayout(self.message_bar)
        bar.setContentsMargins(12, 6, 6, 6)
        bar.addWidget(self.message_text, 1)
        bar.addWidget(close)
        self.message_bar.hide()

        articles = QWidget()
        articles.setObjectName("articles")
        row = QHBoxLayout(articles)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.left, 1)
        row.addWidget(self.gutter)
        row.addWidget(self.right, 1)
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("sidePanel")
        side.addWidget(self.details)
        side.addWidget(self.findings)
        side.setSizes([420, 480])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(articles)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1180, 420])
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        for view in (self.left, self.right):
            view.files_dropped.connect(self.drop_files)
            view.text.passage_clicked.connect(self.select_passage)
            view.text.scrolled.connect(self.gutter.update)
        self.gutter.link_clicked.connect(self._select_link)
        self.findings.passage_chosen.connect(self.select_passage)
        self.details.link_requested.connect(self.link_picked)
        self.details.unlink_requested.connect(self.unlink_current)
        self.details.override_requested.connect(self.override_current)
        self.details.note_requested.connect(self.note_current)

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work wherever the focus is in the window
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_open_left = a(
            "Open &Left…",
            lambda: self._ask_open("left"),
            "Ctrl+O",
            "Replace the left article with a file",
        )
        self.act_open_right = a(
            "Open &Right…",
            lambda: self._ask_open("right"),
            "Ctrl+Shift+O",
            "Replace the right article with a file",
        )
        self.act_open_url = a(
            "Open &URL…", self._ask_url, "Ctrl+U", "Load an article from a web address"
        )
        self.act_open_session = a("Open &Session…", self._ask_open_session, "Ctrl+Alt+O")
        self.act_save = a("&Save Session", self.save, QKeySequence.StandardKey.Save)
        self.act_save_as = a("Save Session &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.act_export = a(
            "&Export Report…",
            self._ask_export,
            "Ctrl+E",
            "Write the contradictions and missing passages as HTML",
        )
        self.act_quit = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_paste_left = a(
            "Paste as &Left", lambda: self.paste_clipboard("left"), "Ctrl+Alt+V"
        )
        self.act_paste_right = a(
            "Paste as &Right", lambda: self.paste_clipboard("right"), "Ctrl+Alt+Shift+V"
        )
        self.act_next_diff = a(
            "&Next Difference",
            lambda: self.go_difference(1),
            "Alt+Down",
            "Next contradiction or missing passage",
        )
        self.act_prev_diff = a(
            "&Previous Difference",
            lambda: self.go_difference(-1),
            "Alt+Up",
            "Previous contradiction or missing passage",
        )
        self.act_next_con = a(
            "Next &Contradiction",
            lambda: self.go_difference(1, kinds=("contradict",)),
            ["F8", "Ctrl+Alt+Down"],
        )
        self.act_prev_con = a(
            "Previous C&ontradiction",
            lambda: self.go_difference(-1, kinds=("contradict",)),
            ["Shift+F8", "Ctrl+Alt+Up"],
        )
        self.act_swap = a(
            "&Swap Sides",
            self.swap_sides,
            "Ctrl+Shift+X",
            "Put the left article on the right and vice versa",
        )
        self.act_cancel = a("Cancel Comparison", self.runner.cancel, "Esc")
        self.act_link = a(
            "&Link Selected Passages",
            self.link_picked,
            "Ctrl+L",
            "Link the selected left and right passages by hand",
        )
        self.act_unlink = a("&Remove Link", self.unlink_current, "Ctrl+Shift+L")
        self.act_note = a("Edit &Note…", self._ask_note, "Ctrl+N")
        self.act_override = {
            status: a(f"Mark as {status.capitalize()}", lambda s=status: self.override_current(s))
            for status in ("agree", "related", "contradict")
        }
        self.act_engine_verdict = a("Use the Engine's Verdict", lambda: self.override_current(None))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.act_open_left, self.act_open_right, self.act_open_url])
        file.addSeparator()
        file.addAction(self.act_open_session)
        self.recent_menu = file.addMenu("Open &Recent")
        file.addActions([self.act_save, self.act_save_as])
        file.addSeparator()
        file.addAction(self.act_export)
        file.addSeparator()
        file.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.act_paste_left, self.act_paste_right])
        edit.addSeparator()
        edit.addActions([self.act_link, self.act_unlink, self.act_note])
        verdict = edit.addMenu("Set &Verdict")
        verdict.addActions(list(self.act_override.values()))
        verdict.addSeparator()
        verdict.addAction(self.act_engine_verdict)
        view = bar.addMenu("&View")
        view.addActions(
            [self.act_next_diff, self.act_prev_diff, self.act_next_con, self.act_prev_con]
        )
        view.addSeparator()
        view.addAction(self.act_swap)
        self._rebuild_recent()

    def _build_toolbar(self) -> None:
        tools = self.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icon = self.style().standardIcon
        pixmap = QStyle.StandardPixmap
        for action, which in (
            (self.act_open_left, pixmap.SP_DialogOpenButton),
            (self.act_open_right, pixmap.SP_DialogOpenButton),
            (self.act_swap, pixmap.SP_BrowserReload),
            (self.act_prev_diff, pixmap.SP_ArrowUp),
            (self.act_next_diff, pixmap.SP_ArrowDown),
            (self.act_save, pixmap.SP_DialogSaveButton),
        ):
            action.setIcon(icon(which))
        tools.addActions([self.act_open_left, self.act_open_right, self.act_swap])
        tools.addSeparator()
        tools.addActions([self.act_prev_diff, self.act_next_diff])
        tools.addSeparator()
        label = QLabel("Match threshold ")
        label.setToolTip("How similar two passages must be to count as the same event")
        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(5, 95)
        self.threshold_slider.setFixedWidth(140)
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setRange(0.05, 0.95)
        self.threshold_spin.setSingleStep(0.01)
        self.threshold_spin.setDecimals(2)
        for widget in (label, self.threshold_slider, self.threshold_spin):
            tools.addWidget(widget)
        self._show_threshold(self.settings.link_threshold)
        self.threshold_slider.valueChanged.connect(lambda v: self.threshold_spin.setValue(v / 100))
        self.threshold_spin.valueChanged.connect(self.set_threshold)
        self.addToolBarBreak()
        legend = self.addToolBar("Legend")
        legend.setObjectName("legendBar")
        legend.setMovable(False)
        title = QLabel("Legend:")
        title.setObjectName("legendTitle")
        legend.addWidget(title)
        legend.addWidget(Legend())

    def _build_status(self) -> None:
        status = self.statusBar()
        self.progress_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(180)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.runner.cancel)
        for widget in (self.progress_label, self.progress, self.cancel_button):
            status.addPermanentWidget(widget)
            widget.hide()
        self.summary_label = QLabel("")
        status.addPermanentWidget(self.summary_label)

    def _show_threshold(self, value: float) -> None:
        for widget in (self.threshold_slider, self.threshold_spin):
            widget.blockSignals(True)
        self.threshold_spin.setValue(value)
        self.threshold_slider.setValue(round(value * 100))
        for widget in (self.threshold_slider, self.threshold_spin):
            widget.blockSignals(False)

    # ================================================================ messages

    def notify(self, text: str, level: str = "info") -> None:
        """Tell the user something without blocking: status bar, and a bar for problems."""
        self.messages.append((level, text))
        self.statusBar().showMessage(text, 12_000)
        if level in ("warning", "error"):
            self.message_bar.setProperty("level", level)
            self.message_text.setText(("⚠ " if level == "warning" else "✖ ") + text)
            self.message_bar.style().unpolish(self.message_bar)
            self.message_bar.style().polish(self.message_bar)
            self.message_bar.show()
        self.message_shown.emit(level, text)

    def _on_failed(self, error: object) -> None:
        if isinstance(error, (LoadError, SessionError)):
            self.notify(str(error), "error")
        else:  # a bug: say so, and keep the traceback for the report
            print(getattr(error, "__traceback_text__", repr(error)), file=sys.stderr)
            self.notify(f"Unexpected error ({type(error).__name__}): {error}", "error")

    def _on_busy(self, busy: bool) -> None:
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.progress_label.setText("Comparing…")
        self.act_cancel.setEnabled(busy)

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.progress_label.setText(f"Comparing: {stage}…")
        self.progress.setValue(round(fraction * 100))

    # ============================================================ comparisons

    def _run(
        self,
        sources: tuple[ArticleSource, ArticleSource],
        *,
        edits: UserEdits,
        modified: bool,
        session_path: str | None | bool = False,
    ) -> int:
        """Load (if needed) and compare two sources on the worker, then show the result.

        ``session_path`` False keeps the current session path; a str or None replaces it.
        """
        settings = self.settings

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> Comparison:
            left, right = _resolve(sources[0]), _resolve(sources[1])
            return compare(
                left, right, settings=settings, on_progress=on_progress, should_abort=should_abort
            )

        def done(base: Comparison) -> None:
            if session_path is not False:
                self.session_path = session_path  # type: ignore[assignment]
            self.show_result(base, edits, modified=modified)

        return self.runner.submit(job, done)

    def open_default(self) -> int:
        """The sample comparison: the corpus pair sharing the most events."""
        settings = self.settings

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> Comparison:
            return default_comparison(
                settings=settings, on_progress=on_progress, should_abort=should_abort
            )

        return self.runner.submit(
            job, lambda base: self.show_result(base, UserEdits(), modified=False)
        )

    def open_pair(self, left: str, right: str, *, modified: bool = False) -> int:
        return self._run((left, right), edits=UserEdits(), modified=modified, session_path=None)

    def show_result(self, base: Comparison, edits: UserEdits, *, modified: bool) -> None:
        """Show an engine result with the user's edits applied."""
        self._base = base
        self.edits = edits
        self.comparison = base if edit_ops.is_empty(edits) else apply_edits(base, edits)
        self.picked = {"left": None, "right": None}
        self.current = None
        self._refresh()
        self.set_modified(modified)

    def _refresh(self) -> None:
        comparison = self.comparison
        self.left.show_comparison(comparison)
        self.right.show_comparison(comparison)
        self.findings.show_comparison(comparison)
        self.gutter.selected = None
        self.gutter.update()
        if comparison is not None:
            n_con = len(comparison.contradictions())
            self.summary_label.setText(
                f"{len(comparison.links)} links · {n_con} contradictions · "
                f"{len(comparison.missing('left'))} only left · "
                f"{len(comparison.missing('right'))} only right"
            )
        self._show_selection()
        self._update_title()
        self._update_actions()
        self.comparison_shown.emit()

    def _document(self, side: Side) -> Document | None:
        return self.comparison.document(side) if self.comparison is not None else None

    # --------------------------------------------------------------- loading

    def load_article(self, side: Side, source: ArticleSource) -> int | None:
        """Replace one article; the hand edits belonged to the old pair and are dropped."""
        other = self._document(_other(side))
        if other is None:
            self.notify("Open the other article first (or drop two files at once).", "warning")
            return None
        sources = (source, other) if side == "left" else (other, source)
        return self._run(sources, edits=UserEdits(), modified=True)

    def drop_files(self, side: Side | None, paths: list[str]) -> int | None:
        """One file replaces the article it was dropped on; two files replace both."""
        if not paths:
            return None
        if len(paths) > 2:
            self.notify(f"Dropped {len(paths)} files; comparing the first two.", "warning")
        if len(paths) >= 2:
            return self._run((paths[0], paths[1]), edits=UserEdits(), modified=True)
        return self.load_article(side or "left", paths[0])

    def paste_clipboard(self, side: Side) -> int | None:
        return self.paste_text(side, QGuiApplication.clipboard().text())

    def paste_text(self, side: Side, text: str) -> int | None:
        return self.load_article(side, ClipboardText(text))

    def _ask_open(self, side: Side) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Open {side} article",
            self._last_folder(),
            "Articles (*.txt *.md *.html *.htm *.pdf *.docx);;All files (*)",
        )
        if path:
            self.store.setValue("paths/last_folder", os.path.dirname(path))
            self.load_article(side, path)

    def _ask_url(self) -> None:
        url, ok = QInputDialog.getText(self, "Open URL", "Web address of the article:")
        if ok and url.strip():
            side, ok = QInputDialog.getItem(
                self, "Open URL", "Show it on the:", ["left", "right"], 0, False
            )
            if ok:
                self.load_article(side, url.strip())  # type: ignore[arg-type]

    def _last_folder(self) -> str:
        return str(self.store.value("paths/last_folder", str(Path.home())))

    def swap_sides(self) -> int | None:
        if self.comparison is None:
            return None
        left, right = self.comparison.left, self.comparison.right
        return self._run((right, left), edits=edit_ops.mirrored(self.edits), modified=True)

    # -------------------------------------------------------------- settings

    def set_threshold(self, value: float) -> None:
        """Live preview: recompute with the new threshold once it stops changing."""
        self.threshold_slider.blockSignals(True)
        self.threshold_slider.setValue(round(value * 100))
        self.threshold_slider.blockSignals(False)
        self.settings = replace(self.settings, link_threshold=round(value, 2))
        self.store.setValue(KEY_THRESHOLD, self.settings.link_threshold)
        self.debounce.start()

    def _apply_threshold(self) -> None:
        if self.comparison is not None:
            self._run(
                (self.comparison.left, self.comparison.right), edits=self.edits, modified=True
            )

    # ================================================================ selection

    def view(self, side: Side) -> PassageText:
        return self.left.text if side == "left" else self.right.text

    def select_passage(self, ref: PassageRef) -> None:
        """Select a passage and its counterparts; scroll the other side level with it."""
        if self.comparison is None:
            return
        side, other = ref.side, _other(ref.side)
        counterparts = self.comparison.counterparts(ref)
        self.focus_side = side
        self.current = ref
        self.picked[side] = ref
        if counterparts:
            self.picked[other] = counterparts[0]
        here = self.view(side)
        if not here.is_passage_visible(ref):
            here.scroll_passage_to(ref)
        if counterparts:
            top, _ = here.passage_span_y((ref,))
            height = here.viewport().height()
            self.view(other).scroll_passage_to(counterparts[0], min(max(top, 0.0), height * 0.6))
        self._show_selection()

    def _select_link(self, link: Link) -> None:
        self.select_passage(link.left)
        self.picked["right"] = link.right
        self._show_selection()

    def current_link(self) -> Link | None:
        """The pair the details panel shows: the picked left/right pair, else the first."""
        if self.comparison is None or self.current is None:
            return None
        links = self.comparison.links_of(self.current)
        for link in links:
            if self.picked["left"] == link.left and self.picked["right"] == link.right:
                return link
        return links[0] if links else None

    def _can_link(self) -> bool:
        left, right = self.picked["left"], self.picked["right"]
        if self.comparison is None or left is None or right is None:
            return False
        return self.comparison.link(PassagePair(left, right)) is None

    def _show_selection(self) -> None:
        comparison = self.comparison
        link = self.current_link()
        if comparison is None or self.current is None:
            for side in ("left", "right"):
                self.view(side).highlight(())  # type: ignore[arg-type]
            self.details.show_selection(None, None, None, can_link=False)
            self.gutter.selected = None
            self.gutter.update()
            self._update_actions()
            return
        side = self.current.side
        other = _other(side)
        self.view(side).highlight((self.current,))
        counterparts = comparison.counterparts(self.current)
        picked_other = self.picked[other]
        self.view(other).highlight(counterparts or ((picked_other,) if picked_other else ()))
        self.gutter.selected = link.pair if link is not None else None
        self.gutter.update()
        label = ""
        if self.picked["left"] and self.picked["right"]:
            label = f"Link {self.picked['left'].label} ↔ {self.picked['right'].label}"
        self.details.show_selection(
            comparison, self.current, link, can_link=self._can_link(), link_label=label
        )
        self._update_actions()

    # -------------------------------------------------------------- navigation

    def go_difference(self, step: int, kinds: tuple[str, ...] = DIFFERENCES) -> PassageRef | None:
        """Select the next (step 1) or previous (-1) passage of the given verdicts.

        Follows the article the user is reading (the side last clicked, left at first).
        """
        if self.comparison is None:
            return None
        side = self.focus_side
        stops = [
            p for p in self.comparison.passages(side) if self.comparison.verdict(p.ref) in kinds
        ]
        here = self.current if self.current and self.current.side == side else None
        position = here.index if here else (-1 if step > 0 else 1 << 30)
        ahead = [p for p in stops if (p.ref.index - position) * step > 0]
        if not ahead:
            what = "contradiction" if kinds == ("contradict",) else "difference"
            self.notify(f"No {'next' if step > 0 else 'previous'} {what} in the {side} article.")
            return None
        target = ahead[0] if step > 0 else ahead[-1]
        self.select_passage(target.ref)
        self.view(side).scroll_passage_to(target.ref)
        self.select_passage(target.ref)  # re-level the other side after scrolling
        return target.ref

    # ================================================================== edits

    def _edit(self, edits: UserEdits, message: str) -> None:
        if self._base is None:
            return
        current, picked = self.current, dict(self.picked)
        self.edits = edits
        self.comparison = apply_edits(self._base, edits)
        self._refresh()
        self.current, self.picked = current, picked  # keep the selection across the edit
        self._show_selection()
        self.set_modified(True)
        self.notify(message)

    def link_picked(self) -> None:
        if not self._can_link():
            self.notify(
                "Select a left and a right passage first (click one on each side).", "warning"
            )
            return
        left, right = self.picked["left"], self.picked["right"]
        assert left is not None and right is not None
        self._edit(
            edit_ops.add_link(self.edits, PassagePair(left, right)),
            f"Linked {left.label} ↔ {right.label}.",
        )

    def unlink_current(self) -> None:
        link = self.current_link()
        if link is None:
            self.notify("The selected passage has no link to remove.", "warning")
            return
        self._edit(
            edit_ops.remove_link(self.edits, link),
            f"Removed the link {link.left.label} ↔ {link.right.label}.",
        )

    def override_current(self, status: LinkStatus | None) -> None:
        link = self.current_link()
        if link is None:
            self.notify("Select a linked passage to set its verdict.", "warning")
            return
        pair = link.pair
        what = f"marked {status}" if status else "given back to the engine"
        self._edit(
            edit_ops.override(self.edits, pair, status),
            f"{pair.left.label} ↔ {pair.right.label} {what}.",
        )

    def note_current(self, note: str) -> None:
        link = self.current_link()
        if link is None:
            self.notify("Select a linked passage to attach a note.", "warning")
            return
        pair = link.pair
        self._edit(
            edit_ops.set_note(self.edits, pair, note),
            f"Note saved on {pair.left.label} ↔ {pair.right.label}.",
        )

    def _ask_note(self) -> None:
        link = self.current_link()
        if link is None:
            self.notify("Select a linked passage to attach a note.", "warning")
            return
        note, ok = QInputDialog.getText(self, "Note", "Note on this pair:", text=link.note)
        if ok:
            self.note_current(note)

    # ================================================================ sessions

    def set_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)
        if modified:
            if not self.autosave.isActive():
                self.autosave.start()
        else:
            self.autosave.stop()
        self._update_title()

    def _session(self) -> Session:
        assert self.comparison is not None
        return Session(
            self.comparison.left, self.comparison.right, self.settings, self.edits, self.comparison
        )

    def save_session(self, path: str) -> bool:
        """Write the session; returns False (and says why) if it could not."""
        if self.comparison is None:
            self.notify("Nothing to save yet.", "warning")
            return False
        try:
            save_session(path, self._session())
        except SessionError as error:
            self.notify(str(error), "error")
            return False
        self.session_path = path
        self._add_recent(path)
        self._discard_recovery()
        self.set_modified(False)
        self.notify(f"Saved {os.path.basename(path)}.")
        return True

    def save(self) -> bool:
        if self.session_path:
            return self.save_session(self.session_path)
        return self.save_as()

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save session", self._last_folder(), SESSION_FILTER
        )
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += SESSION_SUFFIX
        return self.save_session(path)

    def open_session(self, path: str, *, modified: bool = False, keep_path: bool = True) -> int:
        """Reopen a session: its articles, settings and hand edits, recomputed on the worker.

        The engine runs again rather than trusting a cached result, so that the links are
        always those of the engine the user has now; the hand edits are applied on top.
        """

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> tuple[Session, Comparison]:
            session = load_session(path)
            base = compare(
                session.left,
                session.right,
                settings=session.settings,
                on_progress=on_progress,
                should_abort=should_abort,
            )
            return session, base

        def done(value: tuple[Session, Comparison]) -> None:
            session, base = value
            self.settings = session.settings
            self._show_threshold(self.settings.link_threshold)
            self.session_path = path if keep_path else restored_path
            if keep_path:
                self._add_recent(path)
            self.show_result(base, session.edits, modified=modified)

        restored_path = None if keep_path else _origin_of(path)
        return self.runner.submit(job, done)

    def _ask_open_session(self) -> None:
        if not self._may_discard():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Open session", self._last_folder(), SESSION_FILTER
        )
        if path:
            self.open_session(path)

    def recent_sessions(self) -> list[str]:
        value = self.store.value(KEY_RECENT, [])
        if isinstance(value, str):  # QSettings gives a bare string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def _add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        recent = [path] + [p for p in self.recent_sessions() if p != path]
        self.store.setValue(KEY_RECENT, recent[:RECENT_LIMIT])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_sessions()
        for path in recent:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self._open_recent(p))
        self.recent_menu.setEnabled(bool(recent))

    def _open_recent(self, path: str) -> None:
        if self._may_discard():
            self.open_session(path)

    # ---------------------------------------------------------------- recovery

    def write_recovery(self) -> str | None:
        """Autosave: unsaved work goes to a recovery file (not the user's session file)."""
        if not self.isWindowModified() or self.comparison is None:
            return None
        try:
            self._recovery_path = write_recovery(self._session(), self.session_path)
        except (SessionError, OSError) as error:
            self.statusBar().showMessage(f"Autosave failed: {error}", 8000)
            return None
        return self._recovery_path

    def _discard_recovery(self) -> None:
        if self._recovery_path:
            discard_recovery(self._recovery_path)
            self._recovery_path = None

    def offer_recovery(self) -> QMessageBox | None:
        """After a crash: offer (without blocking) to restore the newest recovery file."""
        found = find_recovery()
        if not found:
            return None
        path = found[0]
        origin = _origin_of(path)
        what = f"the changes to {os.path.basename(origin)}" if origin else "a comparison"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore unsaved work?",
            f"FactCompare closed without saving {what}. Restore it?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)

        def answered(_button: object) -> None:
            if box.clickedButton() is restore:
                self._recovery_path = path
                self.open_session(path, modified=True, keep_path=False)
            else:
                discard_recovery(path)

        box.buttonClicked.connect(answered)
        box.open()
        return box

    # ------------------------------------------------------------------ closing

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel' (a modal question; tests replace it)."""
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "Save the changes to this comparison before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(answer, "cancel")

    def _may_discard(self) -> bool:
        if not self.isWindowModified():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._discard_recovery()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.autosave.stop()
        if self.remember_geometry:
            self.store.setValue(KEY_GEOMETRY, self.saveGeometry())
        self.runner.shutdown()
        event.accept()

    # ------------------------------------------------------------------ export

    def export_report(self, path: str) -> bool:
        if self.comparison is None:
            self.notify("Nothing to export yet.", "warning")
            return False
        markdown = path.lower().endswith((".md", ".markdown"))
        text = render_markdown(self.comparison) if markdown else render_html(self.comparison)
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            self.notify(f"{path}: cannot write the report ({error.strerror or error})", "error")
            return False
        self.notify(f"Report written to {path}.")
        return True

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export report", self._last_folder(), REPORT_FILTER
        )
        if path:
            if not os.path.splitext(path)[1]:
                path += ".md" if "Markdown" in chosen else ".html"
            self.export_report(path)

    # ------------------------------------------------------------------ window

    def _update_title(self) -> None:
        if self.session_path:
            name = os.path.basename(self.session_path)
        elif self.comparison is not None:
            name = f"{self.left.source_name} ↔ {self.right.source_name}"
        else:
            name = "Untitled"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")

    def _update_actions(self) -> None:
        has = self.comparison is not None
        for action in (
            self.act_save,
            self.act_save_as,
            self.act_export,
            self.act_swap,
            self.act_next_diff,
            self.act_prev_diff,
            self.act_next_con,
            self.act_prev_con,
        ):
            action.setEnabled(has)
        has_link = self.current_link() is not None
        for action in (
            self.act_unlink,
            self.act_note,
            self.act_engine_verdict,
            *self.act_override.values(),
        ):
            action.setEnabled(has_link)
        self.act_link.setEnabled(self._can_link())
        self.act_cancel.setEnabled(self.runner.busy)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        x = event.position().x()
        self.drop_files("left" if x < self.width() / 2 else "right", paths)
