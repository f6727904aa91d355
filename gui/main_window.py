"""The main window: widgets, and the wiring of actions to the session workflow.

What is open, what the user did, undo/redo, the save path and the dirty state live in a
Qt-free :class:`core.workspace.Workspace`; this window only shows its state and turns
actions into workspace steps.  Engine work (loading, comparing, applying kept edits to a
new result) runs through ``JobRunner`` off the GUI thread; a single hand edit judges at
most the one new pair, on the GUI thread.

Elsewhere: actions and menus in ``gui/actions.py``; difference stops and synchronised
scrolling in ``gui/navigation.py``; dialogs in ``gui/dialogs.py``; the per-window
recovery file in ``gui/recovery.py``; and, as mixins of this window, sessions (save,
open, recovery, closing, export) in ``gui/sessions.py``, replacing articles in
``gui/replacing.py``, moving through the comparison in ``gui/moving.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

import core
from core import edits as edit_ops
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
from core.session import (
    SessionError,
)
from core.settings import Settings
from core.workspace import Prepared, State, Workspace, prepare

from . import palette
from .actions import Actions
from .article_view import ArticleView, PassageText, dropped_paths, plural, set_drop_hint
from .details import DetailsPanel
from .dialogs import ShortcutsDialog, about_text
from .find_bar import FindBar
from .findings import Finding, FindingsPanel
from .link_gutter import LinkGutter
from .moving import KEY_SYNC, Moving
from .navigation import ScrollSync
from .recovery import RecoveryFile
from .replacing import KEY_SETTINGS, ArticleSource, Replacing, resolve
from .sessions import KEY_GEOMETRY, SessionHandling
from .worker import JobRunner

if TYPE_CHECKING:  # imported when a Story window opens: it needs the claims engine
    from .story_window import StoryWindow

APP_NAME = "FactCompare"
# The sample pair chosen at the last launch, and what the choice depended on (the
# comparison itself is kept in sample_cache_path(), read only when this key fits).
KEY_SAMPLE = "sample/chosen"
SAMPLE_CORPUS = Path(core.__file__).resolve().parent.parent / "corpus"
AUTOSAVE_MS = 20_000  # unsaved work is written to the recovery file at least this often
AUTOSAVE_AFTER_EDIT_MS = 3_000  # ... and this long after each change (debounced)
SAMPLE_CHOICE_DELAY_MS = 200  # the likely sample pair is painted before choosing starts
SAMPLE_CHOICE_WAIT_S = 10.0  # closing waits this long at most for that choice
RECOMPUTE_DEBOUNCE_MS = 350  # wait for the threshold to settle before recomputing


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


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


def sample_fingerprint(settings: Settings) -> str:
    """What the choice of the sample pair depends on: the engine's files (code and data),
    the corpus, the settings, the interpreter and the installed libraries (their folder
    changes when a package is installed, upgraded or removed).  A change to any of them
    (an edit, a checkout, other settings, an upgrade) chooses again."""
    import sysconfig

    libraries = []
    for key in ("purelib", "platlib"):
        with contextlib.suppress(OSError, KeyError):  # an unusual install: not counted
            libraries.append(os.stat(sysconfig.get_paths()[key]).st_mtime_ns)
    digest = hashlib.sha256(f"{settings!r}\n{sys.version}\n{libraries}\n".encode())
    engine = Path(core.__file__).resolve().parent
    for folder, pattern in ((engine, "**/*"), (SAMPLE_CORPUS, "*.txt")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                try:
                    stat = path.stat()
                except OSError:  # gone since the listing: it counts as changed
                    digest.update(b"gone")
                    continue
                name = path.relative_to(folder)
                digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def sample_cache_path() -> Path:
    """Where the sample comparison is kept between launches: beside the recovery folder."""
    from core.session import recovery_dir

    return Path(recovery_dir()).parent / "sample-cache.json"


def cached_sample(remembered: object, fingerprint: str) -> Comparison | None:
    """The sample comparison as the last launch computed it, read without the engine
    (no numpy, wordfreq...: a later launch paints it right after the first frame), if
    nothing it depends on changed since.  None when there is none that fits."""
    from core.session import SessionError, session_from_json

    try:
        kept, left, right = json.loads(str(remembered))
        cache = json.loads(sample_cache_path().read_text(encoding="utf-8"))
        if kept != fingerprint or cache["fingerprint"] != fingerprint:
            return None
        comparison = session_from_json(cache["session"]).comparison
    except (OSError, TypeError, ValueError, KeyError, SessionError):
        return None
    if comparison is None or (comparison.left.source.path, comparison.right.source.path) != (
        left,
        right,
    ):
        return None
    return comparison


def keep_sample(comparison: Comparison, fingerprint: str) -> None:
    """Write the sample comparison for the next launch (a cache: failing to is harmless)."""
    from core.session import Session, session_to_json

    session = Session(
        comparison.left, comparison.right, comparison.settings, UserEdits(), comparison
    )
    path = sample_cache_path()
    text = json.dumps({"fingerprint": fingerprint, "session": session_to_json(session)})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)  # a reader never sees half a file
    except OSError:
        pass


def remembered_sample(remembered: object, fingerprint: str, **options: Any) -> Comparison | None:
    """The sample pair chosen before, compared again, if nothing it depends on changed:
    one comparison instead of the ten that choosing takes (most of launch to the painted
    sample).  None when there is no such pair or it cannot be read."""
    from core.compare import compare
    from core.loading import LoadError, load_path

    try:
        kept, left, right = json.loads(str(remembered))
    except (TypeError, ValueError):
        return None
    if kept != fingerprint:
        return None
    try:
        return compare(load_path(left), load_path(right), **options)
    except LoadError:
        return None


def likely_sample(remembered: object, **options: Any) -> Comparison | None:
    """The comparison of the pair likely to be chosen: the one chosen at the last launch
    (under another fingerprint), else ``core.default_pair.EXPECTED_PAIR``.  None when
    neither is in the corpus."""
    from core.compare import compare
    from core.default_pair import expected_pair
    from core.loading import LoadError, load_path

    pair: tuple[Path, Path] | None = None
    with contextlib.suppress(TypeError, ValueError):
        _kept, left, right = json.loads(str(remembered))
        if all(Path(p).parent == SAMPLE_CORPUS and Path(p).is_file() for p in (left, right)):
            pair = (Path(left), Path(right))
    pair = pair or expected_pair(SAMPLE_CORPUS)
    if pair is None:
        return None
    try:
        return compare(load_path(str(pair[0])), load_path(str(pair[1])), **options)
    except LoadError:
        return None


def default_comparison(**options: Any) -> Comparison:
    """``core.default_pair.default_comparison``, imported when first called: jobs call it on
    the worker thread, so that the window's first frame does not wait for the engine and
    its libraries (numpy, scipy, wordfreq, ftfy: most of the time to the first frame)."""
    from core.default_pair import default_comparison as choose

    return choose(**options)


class MainWindow(SessionHandling, Replacing, Moving, QMainWindow):
    """Two articles side by side with the links between them."""

    comparison_shown = Signal()  # a new comparison (or new edits) is painted
    message_shown = Signal(str, str)  # level, text
    story_opened = Signal(object)  # the StoryWindow opened from this window
    # The sample pair chosen (None: choosing failed), the one shown, the fingerprint.
    sample_chosen = Signal(object, object, str)

    def __init__(self, store: QSettings | None = None) -> None:
        super().__init__()
        self.store = store if store is not None else QSettings()
        self.settings = stored_settings(self.store)  # what the next comparison will use
        self.workspace = Workspace(self.settings)
        self.recovery = RecoveryFile()
        self.messages: list[tuple[str, str]] = []
        self.story_windows: list[StoryWindow] = []  # Story windows opened from here
        self.picked: dict[Side, PassageRef | None] = {"left": None, "right": None}
        self.focus_side: Side = "left"
        self.current: PassageRef | None = None  # the passage last clicked or navigated to
        self.remember_geometry = True  # off for offscreen screenshots
        self.runner = JobRunner(self)
        self.runner.failed.connect(self._on_failed)
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.runner.cancelled.connect(self._on_cancelled)
        self.sample_chosen.connect(self._on_sample_chosen)
        self.sample_pending = False  # a likely sample pair is shown, the choice not yet made
        self._sample_thread: threading.Thread | None = None
        self._sample_result: tuple[Comparison, str] | None = None
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
        from core.loading import LoadError  # a failed job has imported the engine already

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
            from core.compare import compare  # on the worker: see default_comparison

            left, right = resolve(sources[0]), resolve(sources[1])
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
        """The sample comparison: the corpus pair with the most contradictions (chosen once,
        then kept, and read back at later launches, until the engine, the corpus or the
        settings change).  When it must be chosen, a likely pair (the one chosen last
        time, else ``core.default_pair.EXPECTED_PAIR``) is compared and shown first, and
        the choice is confirmed in the background (``_confirm_sample``): the first
        comparison costs most of choosing, the other nine pairs ~0.2 s more."""
        settings = self.settings
        remembered = self.store.value(KEY_SAMPLE)
        fingerprint: list[str] = []  # set on the worker, read by done()
        to_confirm: list[Comparison] = []  # the likely pair shown before the choice

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> Prepared:
            fingerprint.append(sample_fingerprint(settings))
            base = cached_sample(remembered, fingerprint[0])
            if base is None:
                options = {"settings": settings, "on_progress": on_progress}
                base = remembered_sample(
                    remembered, fingerprint[0], should_abort=should_abort, **options
                )
                if base is None and (
                    likely := likely_sample(remembered, should_abort=should_abort, **options)
                ):
                    to_confirm.append(base := likely)
                elif base is None:
                    base = default_comparison(should_abort=should_abort, **options)
                if not to_confirm and base.left.source.path and base.right.source.path:
                    keep_sample(base, fingerprint[0])
            return prepare(base, UserEdits())

        def done(prepared: Prepared) -> None:
            self._opened(None)(prepared)
            if to_confirm:
                self._confirm_sample(to_confirm[0], fingerprint[0])
            else:
                self._remember_sample(prepared.base, fingerprint[0])
            self._explain_sample(prepared.base)

        return self.runner.submit(job, done)

    def _confirm_sample(self, shown: Comparison, fingerprint: str) -> None:
        """Choose the sample pair off the GUI thread, ``shown`` already compared; then
        ``_sample_chosen`` keeps it, and shows it instead if it is another pair and the
        window still shows ``shown`` untouched."""
        settings = shown.settings

        def choose() -> None:
            try:
                best = default_comparison(settings=settings, known=shown)
                if best.left.source.path and best.right.source.path:
                    keep_sample(best, fingerprint)
                self._sample_result = (best, fingerprint)
                self.sample_chosen.emit(best, shown, fingerprint)
            except Exception:  # noqa: BLE001 - a corpus gone, a closed window: the next
                with contextlib.suppress(RuntimeError):  # launch chooses again
                    self.sample_chosen.emit(None, shown, fingerprint)

        def start() -> None:
            self._sample_thread = threading.Thread(target=choose, name="sample", daemon=True)
            self._sample_thread.start()

        self.sample_pending = True
        # After the comparison is painted: the thread would share the interpreter with it.
        QTimer.singleShot(SAMPLE_CHOICE_DELAY_MS, start)

    def _finish_sample_choice(self) -> None:
        """Closing: let a background choice finish (a fraction of a second) and remember
        it, so that the next launch reads the kept comparison."""
        if self._sample_thread is not None:
            self._sample_thread.join(SAMPLE_CHOICE_WAIT_S)
        if self.sample_pending and self._sample_result is not None:
            self.sample_pending = False
            self._remember_sample(*self._sample_result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        super().closeEvent(event)
        if event.isAccepted():
            self._finish_sample_choice()

    def _on_sample_chosen(
        self, best: Comparison | None, shown: Comparison, fingerprint: str
    ) -> None:
        self.sample_pending = False
        if best is None:  # the choice failed: the likely pair stays, nothing is kept
            return
        self._remember_sample(best, fingerprint)
        untouched = (
            self.workspace.base is shown and not self.workspace.can_undo and not self.runner.busy
        )
        if best is not shown and untouched:
            self._opened(None)(prepare(best, UserEdits()))
            self._explain_sample(best)

    def _remember_sample(self, base: Comparison, fingerprint: str) -> None:
        paths = (base.left.source.path, base.right.source.path)
        if all(paths):
            self.store.setValue(KEY_SAMPLE, json.dumps([fingerprint, *paths]))

    def _explain_sample(self, base: Comparison) -> None:
        if not base.contradictions():
            changed = sum(
                1 for link in base.links for c in link.conflicts if c.relation == "update"
            )
            updates = (
                f" {plural(changed, 'figure')} changed over time (marked "
                f"{palette.UPDATE_GLYPH}): updates, not contradictions."
                if changed
                else ""
            )
            text = (
                "The sample articles contradict each other nowhere the engine can see: "
                f"no contradiction found.{updates} Open two articles of your own (Ctrl+O, "
                "Ctrl+Shift+O) or drop two files here."
            )
            self.details.set_empty_text(text)
            self.notify(text)

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
                f"{plural(len(comparison.links), 'link')} · {plural(n_con, 'contradiction')} · "
                f"{len(comparison.missing('left'))} only left · "
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

    # ------------------------------------------------------------------ story

    def open_story(self, paths: Sequence[str]) -> StoryWindow:
        """The Story window on several articles (a folder stands for its articles): the
        fact table across outlets, built off the GUI thread in its own window."""
        from .story_window import StoryWindow

        story = StoryWindow(settings=self.settings)
        story.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.story_windows.append(story)
        story.destroyed.connect(lambda _obj=None, w=story: self._forget_story(w))
        story.resize(1600, 1000)
        story.show()
        story.open_files(list(paths))
        self.story_opened.emit(story)
        return story

    def _forget_story(self, story: object) -> None:
        if story in self.story_windows:
            self.story_windows.remove(story)  # type: ignore[arg-type]

    def ask_open_story(self) -> None:
        """File > Open Story…: several articles of one story."""
        from .story_window import FILTER as ARTICLE_FILTER

        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open the articles of one story", "", ARTICLE_FILTER
        )
        if paths:
            self.open_story(paths)

    def ask_open_story_folder(self) -> None:
        """File > Open Story Folder…: every article in a folder."""
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles on one story")
        if folder:
            self.open_story([folder])

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
