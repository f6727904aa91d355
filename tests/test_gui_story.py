"""The Story window: files in, a table out, a click opens the pair view on the passages."""

from __future__ import annotations

from pathlib import Path

import pytest

# The core tests run with Qt blocked (.ci/run); this module is the window's, so it skips.
pytest.importorskip("PySide6.QtWidgets")

from gui_support import drop
from PySide6.QtCore import QSettings, Qt

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
    with qtbot.waitSignal(window.table_shown, timeout=WAIT_MS):
        drop(window, files)
    assert len(window.table.articles) == 3


def test_a_folder_stands_for_its_articles(qtbot, window, files):
    _shown(qtbot, window, lambda: window.open_files([str(Path(files[0]).parent)]))
    assert [a.id for a in window.table.articles] == ["wire", "blog", "local"]


# ------------------------------------------------------------- from the main window


@pytest.fixture
def main_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from gui_support import make_window

    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    win = make_window(qtbot, tmp_path)
    errors: list[object] = []
    win.runner.failed.connect(errors.append)
    win.message_shown.connect(lambda level, text: errors.append(text) if level == "error" else None)
    yield win
    for story in list(win.story_windows):
        story.close()
    assert errors == []  # the error signal never fired


def _story_of(qtbot, window, start) -> StoryWindow:
    """Start opening a story from the main window; the Story window once its table shows."""
    with qtbot.waitSignal(window.story_opened, timeout=WAIT_MS) as opened:
        start()
    story: StoryWindow = opened.args[0]
    story_errors: list[object] = []
    story.runner.failed.connect(story_errors.append)
    qtbot.waitUntil(lambda: story.table is not None, timeout=WAIT_MS)
    assert story_errors == []
    assert story.isVisible() and story in window.story_windows
    return story


def test_file_open_story_opens_the_story_window(qtbot, main_window, files, monkeypatch):
    import gui.main_window as main_module

    monkeypatch.setattr(main_module.QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
    menu_texts = [a.text() for a in main_window.menuBar().actions()[0].menu().actions()]
    assert "Open S&tory…" in menu_texts and "Open Story &Folder…" in menu_texts
    story = _story_of(qtbot, main_window, main_window.act.open_story.trigger)
    assert len(story.table.articles) == 3
    assert main_window.comparison is None  # the pair view is left as it was


def test_file_open_story_folder_opens_the_story_window(qtbot, main_window, files, monkeypatch):
    import gui.main_window as main_module

    folder = str(Path(files[0]).parent)
    monkeypatch.setattr(main_module.QFileDialog, "getExistingDirectory", lambda *a, **k: folder)
    story = _story_of(qtbot, main_window, main_window.act.open_story_folder.trigger)
    assert sorted(a.id for a in story.table.articles) == ["blog", "local", "wire"]


def test_dropping_three_files_on_the_main_window_opens_the_story(qtbot, main_window, files):
    story = _story_of(qtbot, main_window, lambda: drop(main_window, files))
    assert len(story.table.articles) == 3
    assert main_window.comparison is None
    assert not main_window.runner.busy  # no pair comparison was started


def test_dropping_a_folder_on_an_article_opens_the_story(qtbot, main_window, files):
    folder = str(Path(files[0]).parent)
    viewport = main_window.view("left").viewport()
    story = _story_of(qtbot, main_window, lambda: drop(viewport, [folder]))
    assert len(story.table.articles) == 3
    assert main_window.comparison is None
