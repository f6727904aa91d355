"""Sessions in the window: hand edits saved and restored, title mark, recovery, closing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_support import make_window
from PySide6.QtWidgets import QMessageBox

from core.model import Comparison, Link
from core.session import find_recovery
from core.settings import Settings
from gui.main_window import MainWindow

SETTINGS = Settings()

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))
WAIT_MS = 30_000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(folder))
    return folder


def open_pair(qtbot, window: MainWindow, left: Path, right: Path) -> Comparison:
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.open_pair(str(left), str(right))
    assert window.comparison is not None
    return window.comparison


def richest_pair() -> tuple[Path, Path]:
    """Two corpus articles with at least two links, so that edits have something to edit."""
    from core.compare import compare
    from core.loading import load_path

    for i, left in enumerate(ARTICLES):
        for right in ARTICLES[i + 1 :]:
            if len(compare(load_path(left), load_path(right), settings=SETTINGS).links) >= 2:
                return left, right
    raise AssertionError("no corpus pair has two links")


def pair(link: Link) -> tuple[str, str]:
    return (link.left, link.right)


def edit_everything(window: MainWindow) -> dict[str, tuple[str, str]]:
    """Override one link, note it, remove another, add one by hand; what was done."""
    comparison = window.comparison
    assert comparison is not None
    first, second = comparison.links[0], comparison.links[1]
    window.select_passage(first.left)
    window.picked["right"] = first.right
    window.override_current("contradict")
    window.note_current("Checked with the court filing")
    window.select_passage(second.left)
    window.picked["right"] = second.right
    window.unlink_current()
    lonely_left = comparison.missing("left")[0].ref
    lonely_right = comparison.missing("right")[0].ref
    window.select_passage(lonely_left)
    window.select_passage(lonely_right)
    assert window.picked == {"left": lonely_left, "right": lonely_right}
    window.link_picked()
    return {
        "overridden": pair(first),
        "removed": pair(second),
        "added": (lonely_left, lonely_right),
    }


def check_edits(comparison: Comparison, done: dict[str, tuple[str, str]]) -> None:
    links = {pair(link): link for link in comparison.links}
    overridden = links[done["overridden"]]
    assert overridden.status == "contradict" and overridden.overridden
    assert overridden.note == "Checked with the court filing"
    assert done["removed"] not in links
    assert links[done["added"]].origin == "user"
    assert comparison.verdict(done["added"][0]) != "missing"


def test_save_and_reopen_restores_articles_links_overrides_and_notes(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    left, right = richest_pair()
    open_pair(qtbot, window, left, right)
    window.set_modified(False)
    done = edit_everything(window)
    assert window.isWindowModified()
    check_edits(window.comparison, done)  # type: ignore[arg-type]
    shown_left = window.view("left").toPlainText()
    path = str(tmp_path / "work.factcompare")
    assert window.save_session(path)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("work.factcompare")
    assert window.recent_sessions() == [os.path.abspath(path)]

    again = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(again.comparison_shown, timeout=WAIT_MS):
        again.open_session(path)
    assert again.comparison is not None
    assert again.view("left").toPlainText() == shown_left
    assert again.comparison.right.text == window.comparison.right.text  # type: ignore[union-attr]
    check_edits(again.comparison, done)
    assert not again.isWindowModified()
    assert again.session_path == path
    # The recent list (shared settings) offers the session.
    assert [a.text() for a in again.recent_menu.actions()] == ["work.factcompare"]


def test_a_bad_session_file_keeps_the_current_comparison(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    before = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    bad = tmp_path / "bad.factcompare"
    bad.write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(window.message_shown, timeout=WAIT_MS) as signal:
        window.open_session(str(bad))
    assert signal.args[0] == "error" and "bad.factcompare" in signal.args[1]
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    assert window.comparison is before


def test_title_marks_unsaved_changes(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    assert not window.isWindowModified()
    assert "[*]" in window.windowTitle()  # Qt shows it as "*" only while modified
    link = window.comparison.links[0]  # type: ignore[union-attr]
    window.select_passage(link.left)
    window.note_current("a note")
    assert window.isWindowModified()


def test_autosave_and_recovery_after_a_crash(qtbot, tmp_path: Path, data_dir: Path) -> None:
    window = make_window(qtbot, tmp_path)
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    link = window.comparison.links[0]  # type: ignore[union-attr]
    window.select_passage(link.left)
    window.note_current("unsaved thought")
    assert window.autosave.isActive()
    recovery = window.write_recovery()
    assert recovery is not None and find_recovery() == [recovery]
    assert str(data_dir) in recovery

    # A new run (the old window "crashed": it is simply not closed) offers the work back.
    fresh = make_window(qtbot, tmp_path)
    box = fresh.offer_recovery()
    assert isinstance(box, QMessageBox)
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    with qtbot.waitSignal(fresh.comparison_shown, timeout=WAIT_MS):
        restore.click()
    assert fresh.isWindowModified()
    notes = [ln.note for ln in fresh.comparison.links]  # type: ignore[union-attr]
    assert "unsaved thought" in notes
    # Saving the restored work removes the recovery file.
    assert fresh.save_session(str(tmp_path / "saved.factcompare"))
    assert find_recovery() == []


def test_declining_recovery_discards_it(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    window.set_modified(True)
    assert window.write_recovery() is not None
    fresh = make_window(qtbot, tmp_path)
    box = fresh.offer_recovery()
    assert box is not None
    next(b for b in box.buttons() if b.text() == "Discard").click()
    assert find_recovery() == []
    assert fresh.offer_recovery() is None


def test_closing_with_unsaved_changes_asks_first(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    window.set_modified(True)
    window.write_recovery()
    asked: list[str] = []

    def answer(reply: str):
        def ask() -> str:
            asked.append(reply)
            return reply

        return ask

    window.ask_unsaved = answer("cancel")
    assert not window.close()
    assert window.isVisible() and asked == ["cancel"]
    window.ask_unsaved = answer("discard")
    assert window.close()
    assert asked == ["cancel", "discard"]
    assert find_recovery() == []  # discarded work leaves no recovery file behind


def test_cancel_stops_opening_a_session(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Opening a session passes the abort check to load_session, so Cancel stops it."""
    import threading

    import gui.sessions as sessions
    from core.compare import Cancelled

    window = make_window(qtbot, tmp_path)
    before = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    started = threading.Event()
    seen: list[bool] = []

    def slow_load(path, *, should_abort=None):
        assert should_abort is not None, "load_session was not given the abort check"
        started.set()
        while not should_abort():  # stands for a long recomputation of a stale cache
            threading.Event().wait(0.01)
        seen.append(True)
        raise Cancelled()

    monkeypatch.setattr(sessions, "load_session", slow_load)
    failures: list[object] = []
    window.runner.failed.connect(failures.append)
    window.open_session(str(tmp_path / "any.factcompare"))
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    with qtbot.waitSignal(window.runner.cancelled, timeout=WAIT_MS):
        window.cancel()
    assert window.runner.wait(WAIT_MS)
    qtbot.waitUntil(lambda: seen == [True], timeout=WAIT_MS)
    assert failures == []  # a cancel is not an error
    assert window.comparison is before
    assert window.session_path != str(tmp_path / "any.factcompare")
