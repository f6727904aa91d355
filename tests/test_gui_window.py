"""The window as a user drives it: drops, bad files, superseded requests, settings, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import drop, make_window
from PySide6.QtCore import Qt

from core.model import Comparison
from gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))
WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    return make_window(qtbot, tmp_path)


def wait_idle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)


def open_pair(qtbot, window: MainWindow, left: Path, right: Path) -> Comparison:
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.open_pair(str(left), str(right))
    assert window.comparison is not None
    return window.comparison


def test_dropping_a_file_on_an_article_replaces_it(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        drop(window.view("right").viewport(), [ARTICLES[2]])
    comparison = window.comparison
    assert comparison is not None
    assert comparison.right.source.path == str(ARTICLES[2])
    assert comparison.left.source.path == str(ARTICLES[0])
    assert window.view("right").toPlainText() == comparison.right.text
    assert window.isWindowModified()
    # The new comparison is painted: every right passage carries its verdict.
    from gui import palette

    for passage in comparison.right_passages:
        fmt = window.view("right").format_at(passage.start)
        assert fmt.property(palette.VERDICT_PROPERTY) == comparison.verdict(passage.ref)


def test_dropping_two_files_on_the_window_loads_both(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        drop(window, [ARTICLES[3], ARTICLES[4]])
    assert window.comparison is not None
    assert window.comparison.left.source.path == str(ARTICLES[3])
    assert window.comparison.right.source.path == str(ARTICLES[4])
    assert window.left.header.source.text().startswith(str(ARTICLES[3]))


def test_a_failing_load_shows_a_message_and_keeps_the_comparison(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    before = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    shown_text = window.view("left").toPlainText()
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    for bad in (str(tmp_path / "no-such-file.txt"), str(empty)):
        with qtbot.waitSignal(window.message_shown, timeout=WAIT_MS) as signal:
            window.load_article("left", bad)
        level, text = signal.args
        assert level == "error"
        assert Path(bad).name in text
        wait_idle(qtbot, window)
        assert window.comparison is before
        assert window.view("left").toPlainText() == shown_text
        assert window.message_bar.isVisible()
    with qtbot.waitSignal(window.message_shown, timeout=WAIT_MS) as signal:
        window.paste_text("right", "")
    assert signal.args[0] == "error"
    assert window.comparison is before


def test_only_the_latest_request_is_shown(qtbot, window: MainWindow) -> None:
    shown: list[str | None] = []
    window.comparison_shown.connect(lambda: shown.append(window.comparison.left.source.path))  # type: ignore[union-attr]
    first = window.open_pair(str(ARTICLES[0]), str(ARTICLES[1]))
    second = window.open_pair(str(ARTICLES[2]), str(ARTICLES[3]))
    assert second > first
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == [str(ARTICLES[2])]
    assert window.comparison is not None
    assert window.comparison.right.source.path == str(ARTICLES[3])


def test_paste_as_article(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    text = window.comparison.document("left").text.split("\n\n")[0]  # type: ignore[union-attr]
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.paste_text("right", text)
    assert window.comparison is not None
    assert window.comparison.right.text.strip() == text.strip()
    assert window.comparison.links  # the pasted copy of the left text links to it


def test_threshold_recomputes_and_is_remembered(qtbot, window: MainWindow, tmp_path: Path) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.threshold_spin.setValue(0.9)
    assert window.comparison is not None
    assert window.comparison.settings.link_threshold == pytest.approx(0.9)
    assert all(link.score >= 0.9 for link in window.comparison.links)
    window.store.sync()
    again = make_window(qtbot, tmp_path)
    assert again.settings.link_threshold == pytest.approx(0.9)
    assert again.threshold_spin.value() == pytest.approx(0.9)


def test_swap_sides(qtbot, window: MainWindow) -> None:
    before = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        qtbot.keyClick(
            window,
            Qt.Key.Key_X,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    after = window.comparison
    assert after is not None
    assert after.left.text == before.right.text and after.right.text == before.left.text
    assert window.view("left").toPlainText() == before.right.text


def test_export_report(qtbot, window: MainWindow, tmp_path: Path) -> None:
    comparison = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    target = tmp_path / "report.html"
    assert window.export_report(str(target))
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"Only in the left article ({len(comparison.missing('left'))})" in html
    assert not window.export_report(str(tmp_path / "missing-folder" / "r.html"))
    assert window.messages[-1][0] == "error"
