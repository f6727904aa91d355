"""Sessions in the window: save, open, recent files, autosave and recovery, closing, export.

A mixin of ``MainWindow``: the state it saves is the window's ``core.workspace.Workspace``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

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
from core.workspace import Prepared, prepare

from .findings import plain_tooltip

SESSION_FILTER = f"FactCompare sessions (*{SESSION_SUFFIX});;All files (*)"
REPORT_FILTER = "HTML report (*.html);;Markdown report (*.md)"
RECENT_LIMIT = 8
KEY_RECENT = "sessions/recent"
KEY_GEOMETRY = "window/geometry"

if TYPE_CHECKING:
    _Base = QMainWindow
else:
    _Base = object


def _in_use(recovery_file: str) -> bool:
    """Whether a recovery file belongs to a window of a FactCompare still running."""
    parts = os.path.basename(recovery_file).split("-")
    if len(parts) < 3 or parts[0] != "window" or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False  # this process offers recovery only at start, before it wrote any
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _origin_of(recovery_file: str) -> str | None:
    """The session file a recovery file belongs to, if it still exists."""
    try:
        origin = recovery_origin(recovery_file)
    except SessionError:
        return None
    return origin if origin and os.path.exists(origin) else None


class SessionHandling(_Base):
    """Save / open / recent / recovery / close / export for ``MainWindow``."""

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
            from core.compare import compare  # on the worker, as every engine import

            session = load_session(path, should_abort=should_abort)
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
            action.setToolTip(plain_tooltip(path))
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
        found = [path for path in find_recovery() if path != mine and not _in_use(path)]
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
        from core.report import render_html, render_markdown

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
