"""The Story window: several articles on one story, one table of their facts.

Open articles with File > Open Story… or by dropping files on the window; the table is
built off the GUI thread (gui/worker.py) with progress and a Cancel button.  Clicking a
value opens the pairwise comparison of that article with the one whose value differs
most, on the two passages.  A story is saved and reopened as a story file
(core/story_session.py: versioned JSON, every text embedded, atomic save).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.loading import load_path
from core.matrix import article_paths
from core.model import Document, PassageRef
from core.session import SessionError
from core.settings import Settings
from core.story import StoryArticle, StoryTable, build_story
from core.story_session import STORY_SUFFIX, StorySession, load_story, save_story

from .story_view import StoryView
from .worker import JobRunner

FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;All files (*)"
STORY_FILTER = f"Story files (*{STORY_SUFFIX});;All files (*)"


class StoryWindow(QMainWindow):
    """A top-level window holding one story table."""

    table_shown = Signal()
    message_shown = Signal(str, str)  # level ("info" | "error"), text

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("FactCompare: Story")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.documents: tuple[Document, ...] = ()
        self.table: StoryTable | None = None
        self.story_path: str | None = None
        self.pair_windows: list[QMainWindow] = []
        self.pair_store: QSettings | None = None  # the pair windows' remembered settings
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self.runner = JobRunner(self)
        self.view = StoryView()
        self.view.cell_chosen.connect(self.open_cell)
        self.summary = QLabel(
            "Open several articles on one story (File > Open Story…) or drop them here."
        )
        self.summary.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        self.setCentralWidget(body)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.runner.progress.connect(self._on_progress)
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.failed.connect(lambda error: self.show_message("error", str(error)))
        self._make_menus()

    # ------------------------------------------------------------------------- menus

    def _make_menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        entries: list[tuple[str, QKeySequence | None, Callable[[], object]]] = [
            ("Open &Story…", QKeySequence(QKeySequence.StandardKey.Open), self.choose_files),
            ("Open Saved Story…", None, self.choose_story_file),
            ("&Save Story As…", QKeySequence(QKeySequence.StandardKey.SaveAs), self.choose_save),
            ("&Close", QKeySequence(QKeySequence.StandardKey.Close), self.close),
        ]
        for label, shortcut, slot in entries:
            action = QAction(label, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open the articles of one story", "", FILTER)
        if paths:
            self.open_files(paths)

    def choose_story_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a saved story", "", STORY_FILTER)
        if path:
            self.open_story_file(path)

    def choose_save(self) -> None:
        if not self.documents:
            self.show_message("error", "There is no story to save yet.")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the story", "", STORY_FILTER)
        if path:
            if not os.path.splitext(path)[1]:
                path += STORY_SUFFIX
            self.save_story(path)

    # ------------------------------------------------------------------------ opening

    def open_files(self, paths: Sequence[str]) -> int:
        """Load the articles (a folder stands for its articles) and build the table, off
        the GUI thread."""
        paths = [
            path
            for item in paths
            for path in (article_paths(item) if os.path.isdir(item) else [item])
        ]
        settings = self.settings

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> tuple[tuple[Document, ...], StoryTable]:
            documents = []
            for number, path in enumerate(paths):
                on_progress("loading articles", 0.1 * number / max(1, len(paths)))
                documents.append(load_path(path))
            table = build_story(
                documents, settings=settings, on_progress=on_progress, should_abort=should_abort
            )
            return tuple(documents), table

        return self.runner.submit(job, lambda result: self.show_story(*result, path=None))

    def open_documents(self, documents: Sequence[Document], *, path: str | None = None) -> int:
        settings = self.settings
        documents = tuple(documents)

        def job(
            *, should_abort: Callable[[], bool], on_progress: Callable[[str, float], None]
        ) -> StoryTable:
            return build_story(
                documents, settings=settings, on_progress=on_progress, should_abort=should_abort
            )

        return self.runner.submit(job, lambda table: self.show_story(documents, table, path=path))

    def open_story_file(self, path: str) -> int:
        try:
            session = load_story(path)
        except SessionError as error:
            self.show_message("error", str(error))
            return -1
        self.settings = session.settings
        return self.open_documents(session.documents, path=path)

    def save_story(self, path: str) -> bool:
        try:
            save_story(path, StorySession(self.documents, self.settings))
        except SessionError as error:
            self.show_message("error", str(error))
            return False
        self.story_path = path
        self.show_message("info", f"Saved {path}")
        return True

    def show_story(
        self, documents: tuple[Document, ...], table: StoryTable, *, path: str | None
    ) -> None:
        self.documents = documents
        self.table = table
        self.story_path = path
        self.view.show_table(table)
        counts = table.counts()
        self.summary.setText(
            f"{len(table.articles)} articles · {len(table.rows)} facts · "
            f"≠ {counts['disagree']} disagree · → {counts['update']} update · "
            f"= {counts['agree']} agree · 1 {counts['single']} single source.   "
            "Click a value to compare that article with the one that differs most."
        )
        self.table_shown.emit()

    # ------------------------------------------------------------------ pair windows

    def open_cell(self, row_index: int, article_index: int) -> QMainWindow | None:
        """Open the pair view: this article against the one whose value differs most."""
        if self.table is None:
            return None
        row = self.table.rows[row_index]
        cells = row.cells_of(article_index)
        if not cells:
            return None
        cell = cells[0]
        partner = row.partner(cell)
        if partner is None:
            self.show_message("info", "Only this article states this fact.")
            return None
        left = self._path_of(self.table.articles[cell.article])
        right = self._path_of(self.table.articles[partner.article])
        from .main_window import MainWindow

        window = MainWindow(store=self.pair_store) if self.pair_store else MainWindow()
        self.pair_windows.append(window)
        passage = cell.passage

        def select() -> None:
            window.select_passage(PassageRef("left", passage))

        window.comparison_shown.connect(select)
        window.open_pair(left, right)
        window.resize(1400, 900)
        window.show()
        return window

    def _path_of(self, article: StoryArticle) -> str:
        """The article's file, or a copy of its text when the file is gone (a story
        reopened from a story file on another machine)."""
        if article.path and os.path.isfile(article.path):
            return article.path
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="factcompare-story-")
        target = os.path.join(self._temp.name, f"{article.id}.txt")
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(article.document.text)
        return target

    # -------------------------------------------------------------------- feedback

    def show_message(self, level: str, text: str) -> None:
        self.message_shown.emit(level, text)
        if level == "error":
            self.statusBar().showMessage(f"Error: {text}", 15000)
            if self.isVisible() and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
                QMessageBox.warning(self, "FactCompare", text)
        else:
            self.statusBar().showMessage(text, 8000)

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.progress.setValue(int(100 * fraction))
        self.statusBar().showMessage(stage)

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if not busy:
            self.statusBar().clearMessage()

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        stories = [p for p in paths if p.endswith(STORY_SUFFIX)]
        if stories:
            self.open_story_file(stories[0])
        elif paths:
            self.open_files(paths)
        event.acceptProposedAction()

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        self.runner.shutdown()
        if self._temp is not None:
            self._temp.cleanup()
        super().closeEvent(event)  # type: ignore[arg-type]


def run_story(app: object, paths: Sequence[str], screenshot: str | None = None) -> int:
    """Show the Story window on ``paths`` (``python main.py --story FILES``); with
    ``screenshot``, render it offscreen to that picture once the table is shown, and exit."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    window = StoryWindow()
    window.resize(1600, 1000)
    if paths:
        window.open_files(paths)
    if not screenshot:
        window.show()
        return app.exec()  # type: ignore[attr-defined, no-any-return]
    loop = QEventLoop()
    window.table_shown.connect(loop.quit)
    window.runner.failed.connect(lambda error: loop.quit())
    QTimer.singleShot(60_000, loop.quit)
    window.show()
    if paths and window.table is None:
        loop.exec()
    for _ in range(5):
        QApplication.processEvents()
    window.view.resizeRowsToContents()  # the columns have their final widths only now
    for _ in range(5):
        QApplication.processEvents()
    ok = window.table is not None and window.grab().save(screenshot)
    window.close()
    return 0 if ok else 1
