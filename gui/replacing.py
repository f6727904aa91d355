"""Replacing articles in the window: open, drop, paste, URL, swap, reload, new settings.

A mixin of ``MainWindow``.  Every replacement is a new engine run on the worker thread
that keeps the hand edits whose passages still exist, and one undoable workspace step;
replacing articles that carry hand edits asks first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from core import edits as edit_ops
from core.model import Document, Side
from core.settings import Settings

from .dialogs import SettingsDialog

KEY_SETTINGS = "engine/"

if TYPE_CHECKING:
    _Base = QMainWindow
else:
    _Base = object


@dataclass(frozen=True)
class ClipboardText:
    """Text pasted as an article; loaded on the worker thread like a file."""

    text: str


ArticleSource = Document | ClipboardText | str  # a str is a path or a URL


def _other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def resolve(source: ArticleSource) -> Document:
    """Load an article source (on the worker thread, which imports the loader: the window's
    first frame does not wait for it)."""
    from core.loading import load_any, load_text

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


class Replacing(_Base):
    """Open / drop / paste / URL / swap / reload / settings for ``MainWindow``."""

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
        """One file replaces the article it was dropped on; two files replace both; three
        or more files, or a folder, open the Story window on them."""
        if not paths:
            return None
        if len(paths) > 2 or any(os.path.isdir(path) for path in paths):
            self.open_story(paths)
            return None
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
