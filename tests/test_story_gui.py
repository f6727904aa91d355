"""The Story window: files in, a table out, a click opens the pair view on the passages."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

# The core tests run with Qt blocked (.ci/run); this module is the window's, so it skips.
pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.app import parse_args
from gui.story_view import CELL_ROLE, FIXED_COLUMNS, VERDICT_ROLE
from gui.story_window import StoryWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WAIT_MS = 30_000

TEXTS = {
    "wire.txt": "Title: Quake\nDate: 2024-03-04\n\n"
    "The earthquake killed at least 41 people on Monday, the agency said.\n\n"
    "More than 300 people were injured on Monday.",
    "blog.txt": "Title: Quake news\nDate: 2024-03-05\n\n"
    "At least 47 people were killed on Monday, officials said.\n\n"
    "Over 300 people were injured on Monday.",
    "local.txt": "Title: Toll rises\nDate: 2024-03-07\n\nThe death toll rose to 58 on Thursday.",
}


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


@pytest.fixture
def window(qtbot, tmp_path: Path) -> StoryWindow:
    win = StoryWindow()
    win.pair_store = QSettings(str(tmp_path / "pair.ini"), QSettings.Format.IniFormat)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    return win


def _shown(qtbot, window: StoryWindow, open_fn) -> None:
    with qtbot.waitSignal(window.table_shown, timeout=WAIT_MS):
        open_fn()


def test_three_files_or_story_flag_choose_the_story_window():
    assert parse_args(["a", "b", "c"]).story
    assert parse_args(["--story", "a", "b"]).story
    assert not parse_args(["a", "b"]).story


def test_the_table_appears_with_verdict_patterns_and_glyphs(qtbot, window, files):
    _shown(qtbot, window, lambda: window.open_files(files))
    view = window.view
    assert window.table is not None
    assert view.rowCount() == len(window.table.rows)
    assert [view.horizontalHeaderItem(c).text().split("\n")[0] for c in range(2, 5)] == [
        "wire",
        "blog",
        "local",
    ]
    first = view.item(0, 0)
    assert first.data(VERDICT_ROLE) == "contradict" and first.text().startswith("≠")
    missing = [
        view.item(r, c)
        for r in range(view.rowCount())
        for c in range(FIXED_COLUMNS, view.columnCount())
        if view.item(r, c).data(VERDICT_ROLE) == "missing"
    ]
    assert missing and all(m.background().style() == Qt.BrushStyle.BDiagPattern for m in missing)


def test_a_click_opens_the_pair_view_on_the_differing_article(qtbot, window, files):
    _shown(qtbot, window, lambda: window.open_files(files))
    item = window.view.item(0, FIXED_COLUMNS)
    assert item.data(CELL_ROLE) == (0, 0)
    pair = window.open_cell(0, 0)
    assert pair is not None
    pair.ask_unsaved = lambda: "discard"
    qtbot.addWidget(pair)
    qtbot.waitUntil(lambda: pair.comparison is not None, timeout=WAIT_MS)
    assert Path(pair.comparison.left.source.path).name == "wire.txt"
    assert Path(pair.comparison.right.source.path).name == "blog.txt"
    qtbot.waitUntil(lambda: pair.current is not None, timeout=WAIT_MS)
    assert pair.current.side == "left"


def test_save_and_reopen_a_story(qtbot, window, files, tmp_path):
    _shown(qtbot, window, lambda: window.open_files(files))
    before = [(r.measure, r.status) for r in window.table.rows]
    path = str(tmp_path / "quake.factstory")
    assert window.save_story(path)
    for name in TEXTS:
        (tmp_path / name).unlink()  # the story file holds the texts
    _shown(qtbot, window, lambda: window.open_story_file(path))
    assert [(r.measure, r.status) for r in window.table.rows] == before
    assert window.story_path == path


def test_a_damaged_story_file_is_reported(qtbot, window, tmp_path):
    path = tmp_path / "bad.factstory"
    path.write_text("{", encoding="utf-8")
    with qtbot.waitSignal(window.message_shown) as signal:
        window.open_story_file(str(path))
    assert signal.args[0] == "error" and "damaged" in signal.args[1]


def test_dropping_files_builds_the_table(qtbot, window, files):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in files])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.table_shown, timeout=WAIT_MS):
        QApplication.sendEvent(window, drop)
    assert len(window.table.articles) == 3


def test_a_folder_stands_for_its_articles(qtbot, window, files):
    _shown(qtbot, window, lambda: window.open_files([str(Path(files[0]).parent)]))
    assert [a.id for a in window.table.articles] == ["wire", "blog", "local"]
