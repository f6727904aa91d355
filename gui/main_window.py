"""The main window: widgets, and the wiring of actions to the session workflow.

What is open, what the user did, undo/redo, the save path and the dirty state live in a
Qt-free :class:`core.workspace.Workspace`; this window only shows its state and turns
actions into workspace steps.  Engine work (loading, comparing, applying kept edits to a
new result) runs through ``JobRunner`` off the GUI thread; a single hand edit judges at
most the one new pair, on the GUI thread.  Actions and menus are in ``gui/actions.py``,
difference navigation and synchronised scrolling in ``gui/navigation.py``, dialogs in
``gui/dialogs.py``, the per-window recovery file in ``gui/recovery.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import edits as edit_ops
from core.compare import compare
from core.default_pair import default_comparison
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
from core.session import SUFFIX as SESSION_SUFFIX
from core.session import (
    Session,
    SessionError,
    discard_recovery,
    find_recovery,
    load_session,
    recovery_origin,
    save_session,
)
from core.settings import Settings
from core.workspace import Prepared, State, Workspace, prepare

from .actions import Actions
from .article_view import ArticleView, PassageText, dropped_paths, set_drop_hint
from .details import DetailsPanel
from .dialogs import SettingsDialog, ShortcutsDialog, about_text
from .find_bar import FindBar
from .findings import Finding, FindingsPanel
from .link_gutter import LinkGutter
from .navigation import ScrollSync, next_stop
from .recovery import RecoveryFile
from .worker import JobRunner

APP_NAME = "FactCompare"
SESSION_FILTER = f"FactCompare sessions (*{SESSION_SUFFIX});;All files (*)"
REPORT_FILTER = "HTML report (*.html);;Markdown report (*.md)"
RECENT_LIMIT = 8
AUTOSAVE_MS = 20_000  # unsaved work is written to the recovery file at least this often
AUTOSAVE_AFTER_EDIT_MS = 3_000  # ... and this long after each change (debounced)
RECOMPUTE_DEBOUNCE_MS = 350  # wait for the threshold to settle before recomputing
DIFFERENCES = ("contradict", "missing")
KEY_THRESHOLD = "engine/link_threshold"
KEY_SETTINGS = "engine/"
KEY_RECENT = "sessions/recent"
KEY_GEOMETRY = "window/geometry"
KEY_SYNC = "view/sync_scroll"


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


def _file_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def stored_settings(store: QSettings) -> Settings:
    """The engine settings remembered between runs (unknown or bad values: the default)."""
    values: dict[str, Any] = {}
    default = Settings()
    for field in dataclasses.fields(Settings):
        key = KEY_SETTINGS + field.name
        raw = store.value(key)
        if raw is None:
            continue
        kind = type(getattr(default, field.name))
        try:
            values[field.name] = str(raw).lower() in ("1", "true") if kind is bool else kind(raw)
        except (TypeError, ValueError):
            continue
    return Settings(**values)


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` moved and shrunk to lie within ``available`` (a screen's free area)."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    left = min(max(rect.left(), available.left()), available.right() - width + 1)
    top = min(max(rect.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)


class MainWindow(QMainWindow):
    """Two articles side by side with the links between them."""

    comparison_shown = Signal()  # a new comparison (or new edits) is painted
    message_shown = Signal(str, str)  # level, text

    def __init__(self, store: QSettings | None = None) -> None:
        super().__init__()
        self.store = store if store is not None else QSettings()
        self.settings = stored_settings(self.store)  # what the next comparison will use
        self.workspace = Workspace(self.settings)
        self.recovery = RecoveryFile()
        self.messages: list[tuple[str, str]] = []
        self.picked: dict[Side, PassageRef | None] = {"left": None, "right": None}
        self.focus_side: Side = "left"
        self.current: PassageRef | None = None  # the passage last clicked or navigated to
        self.remember_geometry = True  # off for offscreen screenshots
        self.runner = JobRunner(self)
        self.runner.failed.connect(self._on_failed)
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.runner.cancelled.connect(self._on_cancelled)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave_soon = QTimer(self)
        self.autosave_soon.setSingleShot(True)
        self.autosave_soon.setInterval(AUTOSAVE_AFTER_EDIT_MS)
        self.autosave_soon.timeout.connect(self.write_recovery)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(RECOMPUTE_DEBOUNCE_MS)
        self.debounce.timeout.connect(self._apply_threshold)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._source_changed)
        self.setAcceptDrops(True)
        self._build_views()
        self.act = Actions(self)
        self.recent_menu = self.act.build_menus()
        self.threshold_slider, self.threshold_spin = self.act.build_toolbars()
        self._show_threshold(self.settings.link_threshold)
        self.threshold_slider.valueChanged.connect(lambda v: self.threshold_spin.setValue(v / 100))
        self.threshold_spin.valueChanged.connect(self.set_threshold)
        sync = self.store.value(KEY_SYNC, True)
        self.act.sync_scroll.setChecked(str(sync).lower() not in ("false", "0"))
        self.sync.enabled = self.act.sync_scroll.isChecked()
        self._build_status()
        self._rebuild_recent()
        self._update_title()
        self._update_actions()
        geometry = self.store.value(KEY_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.fit_to_screen()

    # =============================================================== construction

    def _build_views(self) -> None:
        self.left = ArticleView("left")
        self.right = ArticleView("right")
        self.gutter = LinkGutter(self.left.text, self.right.text)
        self.sync = ScrollSync(self.left.text, self.right.text)
        self.details = DetailsPanel()
        self.findings = FindingsPanel()
        self.find_bar = FindBar()
        self.find_bar.find_requested.connect(lambda text, back: self.find(text, backward=back))
        self.message_bar = QFrame()
        self.message_bar.setObjectName("messageBar")
        self.message_text = QLabel()
        self.message_text.setWordWrap(True)
        self.message_text.setTextFormat(Qt.TextFormat.PlainText)  # names and errors as written
        self.message_text.setObjectName("messageText")
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName("Close message")
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
        column_widget = QWidget()
        column_layout = QVBoxLayout(column_widget)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(articles, 1)
        column_layout.addWidget(self.find_bar)
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("sidePanel")
        side.addWidget(self.details)
        side.addWidget(self.findings)
        side.setSizes([420, 480])
        side.setMinimumWidth(220)
        self.side_panel = side
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(column_widget)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([1180, 420])
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        for widget in (self.details, self.findings):
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)

        for view in (self.left, self.right):
            view.files_dropped.connect(self.drop_files)
            view.text.passage_clicked.connect(self.select_passage)
            view.text.scrolled.connect(self.gutter.update)
        self.gutter.link_clicked.connect(self._select_link)
        self.findings.finding_chosen.connect(self.select_finding)
        self.details.link_requested.connect(self.link_picked)
        self.details.unlink_requested.connect(self.unlink_current)
        self.details.override_requested.connect(self.override_current)
        self.details.note_requested.connect(self.note_current)
        self.details.pair_chosen.connect(self.select_pair)

    def _build_status(self) -> None:
        status = self.statusBar()
        self.progress_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.progress_label, self.progress, self.cancel_button):
            status.addPermanentWidget(widget)
            widget.hide()
        self.summary_label = QLabel("")
        self.summary_label.setObjectName("summaryLabel")
        status.addPermanentWidget(self.summary_label)

    def _show_threshold(self, value: float) -> None:
        for widget in (self.threshold_slider, self.threshold_spin):
            widget.blockSignals(True)
        self.threshold_spin.setValue(value)
        self.threshold_slider.setValue(round(value * 100))
        for widget in (self.threshold_slider, self.threshold_spin):
            widget.blockSignals(False)

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area (a geometry saved on a bigger screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w = max(frame.width() - self.width(), 0)
        extra_h = max(frame.height() - self.height(), 0)
        inner = QRect(
            available.left(),
            available.top(),
            available.width() - extra_w,
            available.height() - extra_h,
        )
        fitted = fit_rect(self.geometry(), inner)
        if fitted != self.geometry():
            self.setGeometry(fitted)

    # ================================================================ state

    @property
    def comparison(self) -> Comparison | None:
        return self.workspace.comparison

    @property
    def edits(self) -> UserEdits:
        return self.workspace.edits

    @property
    def session_path(self) -> str | None:
        path = self.workspace.save_path
        return str(path) if path is not None else None

    # ================================================================ messages

    def notify(self, text: str, level: str = "info") -> None:
        """Tell the user something without blocking: status bar, and a bar for problems."""
        self.messages.append((level, text))
        self.statusBar().showMessage(text, 12_000)
        if level in ("warning", "error"):
            self.message_bar.setProperty("level", level)
            self.message_text.setText(("⚠ " if level == "warning" else "✖ ") + text)
            for widget in (self.message_bar, *self.message_bar.findChildren(QWidget)):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            self.message_bar.show()
        self.message_shown.emit(level, text)

    def clear_problem(self) -> None:
        """A load succeeded: the bar about the last failure has nothing more to say."""
        self.message_bar.hide()

    def _on_failed(self, error: object) -> None:
        if isinstance(error, (LoadError, SessionError)):
            self.notify(str(error), "error")
        else:  # a bug: say so, and keep the traceback for the report
            print(getattr(error, "__traceback_text__", repr(error)), file=sys.stderr)
            self.notify(f"Unexpected error ({type(error).__name__}): {error}", "error")
        self._restore_shown_settings()

    def _on_busy(self, busy: bool) -> None:
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.progress.setValue(0)
            self.progress_label.setText("Comparing…")
        self.act.cancel.setEnabled(busy)

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.progress_label.setText(f"Comparing: {stage}…")
        self.progress.setValue(round(fraction * 100))

    def cancel(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
        elif self.find_bar.isVisible():
            self.find_bar.hide()

    def _on_cancelled(self) -> None:
        self.debounce.stop()
        self._restore_shown_settings()
        self.notify("Comparison cancelled; the previous result is still shown.")

    def _restore_shown_settings(self) -> None:
        """The settings of the comparison on screen (a cancelled or failed re-run)."""
        shown = self.comparison
        if shown is not None and self.settings != shown.settings:
            self.settings = shown.settings
            self._show_threshold(self.settings.link_threshold)
            self._remember_settings()

    # ============================================================ comparisons

    def _run(
        self,
        sources: tuple[ArticleSource, ArticleSource],
        *,
        edits: UserEdits,
        done: Callable[[Prepared], None],
    ) -> int:
        """Load (if needed) and compare two sources on the worker; apply the kept edits there
        too; then ``done(prepared)`` on the GUI thread."""
        settings = self.settings

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> Prepared:
            left, right = _resolve(sources[0]), _resolve(sources[1])
            base = compare(
                left, right, settings=settings, on_progress=on_progress, should_abort=should_abort
            )
            return prepare(base, edits)

        return self.runner.submit(job, done)

    def _replaced(self, description: str, *, same_session: bool) -> Callable[[Prepared], None]:
        def done(prepared: Prepared) -> None:
            self.workspace.replace(prepared, description, same_session=same_session)
            self._show_state(keep_selection=False)
            self.clear_problem()
            if prepared.dropped:
                self.notify(
                    f"{prepared.dropped} hand edit(s) named passages that no longer exist and "
                    "were dropped; Undo (Ctrl+Z) brings the previous comparison back.",
                    "warning",
                )
            else:
                self.notify(f"{description}. Undo (Ctrl+Z) brings the previous one back.")

        return done

    def _opened(self, save_path: Path | None) -> Callable[[Prepared], None]:
        def done(prepared: Prepared) -> None:
            self.workspace.open(prepared, save_path=save_path)
            self._show_state(keep_selection=False)
            self.clear_problem()

        return done

    def open_default(self) -> int:
        """The sample comparison: the corpus pair with the most contradictions."""
        settings = self.settings

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> Prepared:
            base = default_comparison(
                settings=settings, on_progress=on_progress, should_abort=should_abort
            )
            return prepare(base, UserEdits())

        def done(prepared: Prepared) -> None:
            self._opened(None)(prepared)
            if not prepared.base.contradictions():
                text = (
                    "The sample articles contradict each other nowhere the engine can see: "
                    "no contradiction found. Open two articles of your own (Ctrl+O, "
                    "Ctrl+Shift+O) or drop two files here."
                )
                self.details.set_empty_text(text)
                self.notify(text)

        return self.runner.submit(job, done)

    def open_pair(self, left: str, right: str, *, modified: bool = False) -> int:
        """Two articles as a new, untitled comparison (no history: a fresh start)."""

        def done(prepared: Prepared) -> None:
            self._opened(None)(prepared)
            if modified:
                self.set_modified(True)

        return self._run((left, right), edits=UserEdits(), done=done)

    def show_result(self, base: Comparison, edits: UserEdits, *, modified: bool) -> None:
        """Show an engine result with the user's edits applied (a fresh start)."""
        self.workspace.open(prepare(base, edits), save_path=self.workspace.save_path)
        if modified:
            self.workspace.mark_dirty()
        self._show_state(keep_selection=False)

    def _show_state(self, *, keep_selection: bool) -> None:
        """Paint the workspace's current state; keep the selection across an edit."""
        comparison = self.comparison
        if not keep_selection or comparison is None:
            self.picked = {"left": None, "right": None}
            self.current = None
        else:
            for side in ("left", "right"):
                ref = self.picked[side]  # type: ignore[index]
                if ref is not None and not comparison.has_passage(ref):
                    self.picked[side] = None  # type: ignore[index]
            if self.current is not None and not comparison.has_passage(self.current):
                self.current = None
        if comparison is not None and comparison.settings != self.settings:
            self.settings = comparison.settings
            self._show_threshold(self.settings.link_threshold)
            self._remember_settings()
        self._refresh()
        self._watch_sources()
        self._after_change()

    def _refresh(self) -> None:
        comparison = self.comparison
        self.left.show_comparison(comparison)
        self.right.show_comparison(comparison)
        self.findings.show_comparison(comparison)
        self.gutter.update()
        if comparison is not None:
            n_con = len(comparison.contradictions())
            self.summary_label.setText(
                f"{len(comparison.links)} links · {n_con} contradiction"
                f"{'' if n_con == 1 else 's'} · {len(comparison.missing('left'))} only left · "
                f"{len(comparison.missing('right'))} only right"
            )
        else:
            self.summary_label.setText("")
        self._show_selection()
        self._update_title()
        self._update_actions()
        self.comparison_shown.emit()

    def _document(self, side: Side) -> Document | None:
        return self.comparison.document(side) if self.comparison is not None else None

    # --------------------------------------------------------------- loading

    def ask_replace(self, what: str) -> str:
        """'replace', 'save' or 'cancel' before replacing articles that carry hand edits
        (a modal question; tests replace it)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace the articles?",
            f"This comparison has hand edits. {what} starts a new, untitled comparison: "
            "edits on passages that still exist are kept, the session file is not "
            "overwritten, and Undo (Ctrl+Z) brings this comparison back.",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        save = box.addButton("Save First", QMessageBox.ButtonRole.AcceptRole)
        go = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "replace" if clicked is go else "cancel"

    def _may_replace(self, what: str) -> bool:
        if not self.workspace.has_edits:
            return True
        answer = self.ask_replace(what)
        if answer == "save":
            return self.save()
        return answer == "replace"

    def load_article(self, side: Side, source: ArticleSource) -> int | None:
        """Replace one article: a new untitled comparison keeping the edits that still apply."""
        other = self._document(_other(side))
        if other is None:
            self.notify("Open the other article first (or drop two files at once).", "warning")
            return None
        what = f"Replacing the {side} article"
        if not self._may_replace(what):
            return None
        sources = (source, other) if side == "left" else (other, source)
        return self._run(
            sources,
            edits=self.edits,
            done=self._replaced(f"Replaced the {side} article", same_session=False),
        )

    def drop_files(self, side: Side | None, paths: list[str]) -> int | None:
        """One file replaces the article it was dropped on; two files replace both."""
        if not paths:
            return None
        if len(paths) > 2:
            self.notify(f"Dropped {len(paths)} files; comparing the first two.", "warning")
        if len(paths) >= 2:
            if self.comparison is None:
                return self.open_pair(paths[0], paths[1])
            if not self._may_replace("Replacing both articles"):
                return None
            return self._run(
                (paths[0], paths[1]),
                edits=self.edits,
                done=self._replaced("Replaced both articles", same_session=False),
            )
        return self.load_article(side or "left", paths[0])

    def paste_clipboard(self, side: Side) -> int | None:
        return self.paste_text(side, QGuiApplication.clipboard().text())

    def paste_text(self, side: Side, text: str) -> int | None:
        return self.load_article(side, ClipboardText(text))

    def ask_open(self, side: Side) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            f"Open {side} article",
            self._last_folder(),
            "Articles (*.txt *.md *.html *.htm *.pdf *.docx);;All files (*)",
        )
        if path:
            self.store.setValue("paths/last_folder", os.path.dirname(path))
            self.load_article(side, path)

    def ask_url(self) -> None:
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
        return self._run(
            (right, left),
            edits=edit_ops.mirrored(self.edits),
            done=self._replaced("Swapped the sides", same_session=True),
        )

    # ---------------------------------------------------------- sources on disk

    def _watch_sources(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        comparison = self.comparison
        if comparison is None:
            return
        paths = [d.source.path for d in (comparison.left, comparison.right) if d.source.path]
        existing = [p for p in paths if os.path.exists(p)]
        if existing:
            self.watcher.addPaths(existing)

    def changed_sources(self) -> list[Side]:
        """The sides whose file on disk differs from what was loaded."""
        comparison = self.comparison
        if comparison is None:
            return []
        changed: list[Side] = []
        for side in ("left", "right"):
            source = comparison.document(side).source  # type: ignore[arg-type]
            if source.path and source.sha256 and _file_hash(source.path) != source.sha256:
                changed.append(side)  # type: ignore[arg-type]
        return changed

    def _source_changed(self, _path: str) -> None:
        changed = self.changed_sources()
        if changed:
            names = " and ".join(changed)
            self.notify(
                f"The {names} article changed on disk; Reload (F5) compares it again.", "warning"
            )

    def reload_sources(self) -> int | None:
        """Load the articles again from their files (F5); the session keeps its file."""
        comparison = self.comparison
        if comparison is None:
            return None
        changed = self.changed_sources()
        if not changed:
            self.notify("Neither article changed on disk; nothing to reload.")
            return None
        sources: list[ArticleSource] = []
        for side in ("left", "right"):
            doc = comparison.document(side)  # type: ignore[arg-type]
            sources.append(doc.source.path if side in changed and doc.source.path else doc)
        return self._run(
            (sources[0], sources[1]),
            edits=self.edits,
            done=self._replaced("Reloaded the changed article", same_session=True),
        )

    # -------------------------------------------------------------- settings

    def set_threshold(self, value: float) -> None:
        """Live preview: recompute with the new threshold once it stops changing."""
        self.threshold_slider.blockSignals(True)
        self.threshold_slider.setValue(round(value * 100))
        self.threshold_slider.blockSignals(False)
        self.settings = replace(self.settings, link_threshold=round(value, 2))
        self._remember_settings()
        self.debounce.start()

    def _remember_settings(self) -> None:
        for field in dataclasses.fields(Settings):
            self.store.setValue(KEY_SETTINGS + field.name, getattr(self.settings, field.name))

    def _apply_threshold(self) -> None:
        self.apply_settings(self.settings)

    def apply_settings(self, settings: Settings) -> int | None:
        """Compare the same articles again with new settings (one undoable step)."""
        self.settings = settings
        self._show_threshold(settings.link_threshold)
        self._remember_settings()
        comparison = self.comparison
        if comparison is None or comparison.settings == settings:
            return None
        return self._run(
            (comparison.left, comparison.right),
            edits=self.edits,
            done=self._replaced("Changed the engine settings", same_session=True),
        )

    def ask_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.open()
        return dialog

    # ================================================================ selection

    def view(self, side: Side) -> PassageText:
        return self.left.text if side == "left" else self.right.text

    def select_passage(self, ref: PassageRef, pair: PassagePair | None = None) -> None:
        """Select a passage (and one of its pairs); scroll the other side level with it."""
        comparison = self.comparison
        if comparison is None or not comparison.has_passage(ref):
            return
        side, other = ref.side, _other(ref.side)
        counterparts = comparison.counterparts(ref)
        self.focus_side = side
        self.current = ref
        self.picked[side] = ref
        if pair is not None and comparison.link(pair) is not None:
            self.picked[other] = pair.right if side == "left" else pair.left
        elif counterparts:
            self.picked[other] = counterparts[0]
        here = self.view(side)
        with self.sync.suspended():
            if not here.is_passage_visible(ref):
                here.scroll_passage_to(ref)
            target = self.picked[other] if counterparts else None
            if target is not None:
                top, _ = here.passage_span_y((ref,))
                height = here.viewport().height()
                self.view(other).scroll_passage_to(target, min(max(top, 0.0), height * 0.6))
        self._show_selection()

    def select_pair(self, pair: PassagePair) -> None:
        """Select one pair of the passage being read (e.g. from the details panel)."""
        side = self.current.side if self.current is not None else "left"
        self.select_passage(pair.left if side == "left" else pair.right, pair)

    def select_finding(self, finding: Finding) -> None:
        """A findings row: select exactly its pair (a contradiction) or its passage."""
        self.select_passage(finding.ref, finding.pair)

    def _select_link(self, link: Link) -> None:
        self.select_passage(link.left, link.pair)

    def current_link(self) -> Link | None:
        """The pair the details panel shows and the edit actions act on."""
        comparison = self.comparison
        if comparison is None or self.current is None:
            return None
        left, right = self.picked["left"], self.picked["right"]
        if left is not None and right is not None and self.current in (left, right):
            link = comparison.link(PassagePair(left, right))
            if link is not None:
                return link
        links = comparison.links_of(self.current)
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
        if link is not None:  # the picked pair IS the pair shown and acted on
            self.picked = {"left": link.left, "right": link.right}
        side = self.current.side
        other = _other(side)
        self.view(side).highlight((self.current,))
        counterparts = comparison.counterparts(self.current)
        picked_other = self.picked[other]
        self.view(other).highlight(counterparts or ((picked_other,) if picked_other else ()))
        self.gutter.selected = link.pair if link is not None else None
        self.gutter.update()
        label = ""
        left, right = self.picked["left"], self.picked["right"]
        if left is not None and right is not None:
            label = f"Link {left.label} ↔ {right.label}"
        self.details.show_selection(
            comparison, self.current, link, can_link=self._can_link(), link_label=label
        )
        self._update_actions()

    # -------------------------------------------------------------- navigation

    def go_difference(self, step: int, kinds: tuple[str, ...] = DIFFERENCES) -> PassageRef | None:
        """Select the next (step 1) or previous (-1) passage of the given verdicts, wrapping
        around the end.  Follows the article being read (the side last clicked)."""
        if self.comparison is None:
            return None
        side = self.focus_side
        what = "contradiction" if kinds == ("contradict",) else "difference"
        target, wrapped = next_stop(self.comparison, side, self.current, step, kinds)
        if target is None:
            self.notify(f"No {what} in the {side} article.")
            return None
        self._go(target)
        if wrapped:
            where = "top" if step > 0 else "bottom"
            self.notify(
                f"No {'next' if step > 0 else 'previous'} {what} in the {side} article; "
                f"wrapped around to the {where}."
            )
        return target

    def _go(self, ref: PassageRef) -> None:
        with self.sync.suspended():
            self.select_passage(ref)
            self.view(ref.side).scroll_passage_to(ref)
        self.select_passage(ref)  # re-level the other side after scrolling

    def step_passage(self, step: int) -> PassageRef | None:
        """Select the next or previous passage of the article being read (keyboard)."""
        comparison = self.comparison
        if comparison is None:
            return None
        side = self.focus_side
        passages = comparison.passages(side)
        if not passages:
            return None
        here = self.current.index if self.current and self.current.side == side else None
        index = (0 if step > 0 else len(passages) - 1) if here is None else here + step
        index = min(max(index, 0), len(passages) - 1)
        self._go(passages[index].ref)
        return passages[index].ref

    def go_other_side(self) -> PassageRef | None:
        """Select the counterpart (or the picked passage) on the other side (keyboard)."""
        if self.current is None:
            return None
        other = _other(self.current.side)
        target = self.picked[other]
        if target is None:
            self.focus_side = other
            self.notify(f"Now reading the {other} article.")
            return None
        pair = self.current_link()
        self.select_passage(target, pair.pair if pair is not None else None)
        return target

    def next_pair(self) -> Link | None:
        """Select the next pair of a passage that has several counterparts."""
        comparison = self.comparison
        if comparison is None or self.current is None:
            return None
        links = comparison.links_of(self.current)
        if not links:
            return None
        link = self.current_link()
        index = links.index(link) if link in links else -1
        chosen = links[(index + 1) % len(links)]
        self.select_passage(self.current, chosen.pair)
        return chosen

    def toggle_sync(self) -> None:
        self.sync.enabled = self.act.sync_scroll.isChecked()
        self.store.setValue(KEY_SYNC, self.sync.enabled)
        state = "on" if self.sync.enabled else "off"
        self.notify(f"Synchronised scrolling {state}.")

    def zoom(self, steps: int) -> None:
        """Ctrl++ / Ctrl+- on both articles (steps 0: back to the normal size)."""
        for side in ("left", "right"):
            view = self.view(side)  # type: ignore[arg-type]
            if steps == 0:
                view.reset_zoom()
            else:
                view.zoom(steps)
        self.left.overview.invalidate()
        self.right.overview.invalidate()
        self.gutter.update()

    # ------------------------------------------------------------------ find

    def open_find(self) -> None:
        self.find_bar.open()

    def find(self, text: str, *, backward: bool = False) -> bool:
        """Find ``text`` in the article being read, wrapping around; says what happened."""
        if not text:
            return False
        side = self.focus_side
        found, wrapped = self.view(side).find_text(text, backward=backward)
        if not found:
            message = f"“{text}” is not in the {side} article."
        elif wrapped:
            message = f"Wrapped around the {side} article."
        else:
            message = ""
        self.find_bar.status.setText(message)
        if message:
            self.statusBar().showMessage(message, 6000)
        return found

    def find_again(self, *, backward: bool) -> bool:
        if not self.find_bar.field.text():
            self.open_find()
            return False
        return self.find(self.find_bar.field.text(), backward=backward)

    # ================================================================== edits

    def _edit(self, edits: UserEdits, message: str) -> None:
        if self.comparison is None:
            return
        self.workspace.edit(edits, message.rstrip("."))
        self._refresh_after_edit()
        self.notify(message)

    def _refresh_after_edit(self) -> None:
        current, picked = self.current, dict(self.picked)
        self._refresh()
        self.current, self.picked = current, picked  # keep the selection across the edit
        self._show_selection()
        self._after_change()

    def undo(self) -> None:
        self._step(self.workspace.undo, "Undid")

    def redo(self) -> None:
        self._step(self.workspace.redo, "Redid")

    def _step(self, move: Callable[[], State | None], verb: str) -> None:
        before = self.workspace.state
        after = move()
        if after is None or before is None:
            self.notify(f"Nothing to {verb[:-1].lower()}.")
            return
        described = before.description if verb == "Undid" else after.description
        same_pair = after.base is before.base
        self._show_state(keep_selection=same_pair)
        self.notify(f"{verb}: {described or 'the last step'}.")

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

    def ask_note(self) -> None:
        link = self.current_link()
        if link is None:
            self.notify("Select a linked passage to attach a note.", "warning")
            return
        note, ok = QInputDialog.getText(self, "Note", "Note on this pair:", text=link.note)
        if ok:
            self.note_current(note)

    # ================================================================ sessions

    def set_modified(self, modified: bool) -> None:
        if modified:
            self.workspace.mark_dirty()
        else:
            self.workspace.mark_clean()
        self._after_change()

    def _after_change(self) -> None:
        """Title, actions and autosave after any step (edit, replace, undo, save)."""
        dirty = self.workspace.dirty
        self.setWindowModified(dirty)
        if dirty:
            if not self.autosave.isActive():
                self.autosave.start()
            self.autosave_soon.start()  # debounced: a few seconds after the last change
        else:
            self.autosave.stop()
            self.autosave_soon.stop()
        self._update_title()
        self._update_actions()

    def _session(self) -> Session:
        comparison = self.comparison
        assert comparison is not None
        return Session(
            comparison.left, comparison.right, comparison.settings, self.edits, comparison
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
        self.workspace.saved(Path(path))
        self._add_recent(path)
        self.recovery.discard()
        self._after_change()
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
        ) -> Prepared:
            session = load_session(path)
            base = compare(
                session.left,
                session.right,
                settings=session.settings,
                on_progress=on_progress,
                should_abort=should_abort,
            )
            return prepare(base, session.edits)

        restored = None if keep_path else _origin_of(path)

        def done(prepared: Prepared) -> None:
            target = Path(path) if keep_path else (Path(restored) if restored else None)
            self.workspace.open(prepared, save_path=target)
            if keep_path:
                self._add_recent(path)
            if modified:
                self.workspace.mark_dirty()
            self._show_state(keep_selection=False)
            self.clear_problem()

        return self.runner.submit(job, done)

    def ask_open_session(self) -> None:
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
        """Autosave: unsaved work goes to this window's recovery file (never the session)."""
        if not self.workspace.dirty or self.comparison is None:
            return None
        try:
            return self.recovery.write(self._session(), self.workspace.save_path)
        except (SessionError, OSError) as error:
            self.statusBar().showMessage(f"Autosave failed: {error}", 8000)
            return None

    def _discard_recovery(self) -> None:
        self.recovery.discard()

    def offer_recovery(self) -> QMessageBox | None:
        """After a crash: offer (without blocking) to restore the newest recovery file."""
        mine = self.recovery.written
        found = [path for path in find_recovery() if path != mine]
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
        box.setTextFormat(Qt.TextFormat.PlainText)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)

        def answered(_button: object) -> None:
            if box.clickedButton() is restore:
                self.recovery.adopt(path)
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
        if not self.workspace.dirty:
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
        self.autosave_soon.stop()
        if not self.workspace.dirty:
            self._discard_recovery()
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

    def ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export report", self._last_folder(), REPORT_FILTER
        )
        if path:
            if not os.path.splitext(path)[1]:
                path += ".md" if "Markdown" in chosen else ".html"
            self.export_report(path)

    # ------------------------------------------------------------------ help

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_NAME}")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_text())
        box.open()
        return box

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.act.all, self)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ window

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.workspace.title()}[*] — {APP_NAME}")

    def _update_actions(self) -> None:
        act = self.act
        has = self.comparison is not None
        for action in (
            act.save,
            act.save_as,
            act.export,
            act.swap,
            act.reload,
            act.next_diff,
            act.prev_diff,
            act.next_con,
            act.prev_con,
            act.next_passage,
            act.prev_passage,
        ):
            action.setEnabled(has)
        has_link = self.current_link() is not None
        for action in (act.unlink, act.note, act.engine_verdict, *act.override.values()):
            action.setEnabled(has_link)
        act.link.setEnabled(self._can_link())
        act.cancel.setEnabled(True)  # Esc also closes the find bar
        ws = self.workspace
        act.undo.setEnabled(ws.can_undo)
        act.redo.setEnabled(ws.can_redo)
        act.undo.setText(f"&Undo {ws.undo_text}" if ws.undo_text else "&Undo")
        act.redo.setText(f"&Redo {ws.redo_text}" if ws.redo_text else "&Redo")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            set_drop_hint(self.centralWidget(), True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        set_drop_hint(self.centralWidget(), False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        set_drop_hint(self.centralWidget(), False)
        paths = dropped_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        x = event.position().x()
        self.drop_files("left" if x < self.width() / 2 else "right", paths)
