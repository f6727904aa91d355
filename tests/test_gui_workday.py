"""The window for a working day: work never lost, undo, find, zoom, sync, plain text, help."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import pytest
from gui_support import make_window
from PySide6.QtCore import QMimeData, QPoint, QRect, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
from PySide6.QtWidgets import QApplication, QLabel

from core import __version__
from core.model import Comparison, Document, PassagePair, Source
from core.session import load_session
from core.settings import Settings
from gui import dialogs
from gui.main_window import MainWindow, fit_rect

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))
WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    return make_window(qtbot, tmp_path)


def open_pair(qtbot, window: MainWindow, left: Path, right: Path) -> Comparison:
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.open_pair(str(left), str(right))
    assert window.comparison is not None
    return window.comparison


def errors_of(window: MainWindow) -> list[str]:
    return [text for level, text in window.messages if level == "error"]


def richest(qtbot, window: MainWindow) -> Comparison:
    """Open the corpus pair with the most links (two at least, and missing passages)."""
    from core.compare import compare
    from core.loading import load_path

    best = max(
        ((a, b) for i, a in enumerate(ARTICLES) for b in ARTICLES[i + 1 :]),
        key=lambda ab: len(compare(load_path(ab[0]), load_path(ab[1]), settings=Settings()).links),
    )
    return open_pair(qtbot, window, *best)


def note_first_link(window: MainWindow, text: str) -> PassagePair:
    comparison = window.comparison
    assert comparison is not None
    link = comparison.links[0]
    window.select_passage(link.left, link.pair)
    window.note_current(text)
    return link.pair


# ------------------------------------------------------------------ work never lost


def test_replacing_an_article_after_edits_asks_first_and_cancel_keeps_everything(
    qtbot, window: MainWindow
) -> None:
    richest(qtbot, window)
    note_first_link(window, "checked")
    asked: list[str] = []
    window.ask_replace = lambda what: (asked.append(what), "cancel")[1]  # type: ignore[method-assign]
    before, requests = window.comparison, window.runner.latest_request
    assert window.load_article("right", str(ARTICLES[0])) is None
    assert asked and "right" in asked[0]
    assert window.comparison is before
    assert window.runner.latest_request == requests  # nothing was even started


def test_a_replaced_pair_is_untitled_keeps_edits_and_never_overwrites_the_session(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = richest(qtbot, window)
    pair = note_first_link(window, "keep this note")
    session = tmp_path / "work.factcompare"
    assert window.save_session(str(session))
    saved = session.read_bytes()
    window.ask_replace = lambda what: "replace"  # type: ignore[method-assign]
    new_right = next(p for p in ARTICLES if str(p) != comparison.right.source.path)
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.load_article("right", str(new_right))
    assert window.session_path is None  # a new, untitled comparison
    assert "work.factcompare" not in window.windowTitle()
    assert window.isWindowModified()
    # The note's passages still exist (same indices), so the note is kept.
    assert [n.pair for n in window.edits.notes] == [pair]
    # Ctrl+S cannot reach the old session: it asks for a new name (here: declined).
    monkeypatch.setattr(
        "gui.sessions.QFileDialog.getSaveFileName", staticmethod(lambda *a, **k: ("", ""))
    )
    assert window.save() is False
    assert session.read_bytes() == saved
    assert load_session(session).edits.notes[0].text == "keep this note"


def test_undo_and_redo_cover_hand_edits_and_replacements(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    comparison = richest(qtbot, window)
    session = tmp_path / "s.factcompare"
    pair = note_first_link(window, "first")
    assert window.save_session(str(session))
    window.ask_replace = lambda what: "replace"  # type: ignore[method-assign]
    other = next(p for p in ARTICLES if str(p) != comparison.right.source.path)
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.load_article("right", str(other))
    assert window.comparison.right.source.path == str(other)  # type: ignore[union-attr]
    # Ctrl+Z: the old pair, its note, and its session file come back, clean.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.comparison.right.source.path == comparison.right.source.path  # type: ignore[union-attr]
    assert window.session_path == str(session)
    assert not window.isWindowModified()
    assert window.comparison.link(pair).note == "first"  # type: ignore[union-attr]
    assert window.view("right").toPlainText() == comparison.right.text
    # Ctrl+Z again: the note goes; Ctrl+Shift+Z: it is back.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.comparison.link(pair).note == ""  # type: ignore[union-attr]
    assert window.isWindowModified()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.comparison.link(pair).note == "first"  # type: ignore[union-attr]
    assert "Undo" in window.act.undo.text() and window.act.redo.isEnabled()


def test_autosave_runs_shortly_after_each_edit(qtbot, window: MainWindow) -> None:
    richest(qtbot, window)
    window.autosave_soon.setInterval(50)
    note_first_link(window, "typed just before a crash")
    assert window.autosave_soon.isActive()
    qtbot.waitUntil(lambda: window.recovery.written is not None, timeout=5000)
    restored = load_session(window.recovery.written)  # type: ignore[arg-type]
    assert [n.text for n in restored.edits.notes] == ["typed just before a crash"]


def test_two_untitled_windows_never_share_a_recovery_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    other = make_window(qtbot, tmp_path, "other.ini")
    assert window.recovery.path != other.recovery.path
    for each in (window, other):
        open_pair(qtbot, each, ARTICLES[0], ARTICLES[1])
        each.set_modified(True)
    first, second = window.write_recovery(), other.write_recovery()
    assert first and second and first != second


# ------------------------------------------------------------------ conventions


def test_synchronised_scrolling_follows_the_links_and_can_be_switched_off(
    qtbot, window: MainWindow
) -> None:
    comparison = richest(qtbot, window)
    left, right = window.view("left"), window.view("right")
    window.resize(1400, 500)
    QApplication.processEvents()
    bar = left.verticalScrollBar()
    assert bar.maximum() > 0
    right.verticalScrollBar().setValue(0)
    # Scroll the left article to the link whose right passage is furthest down (the middle
    # of the left article may show a passage linked to the right article's opening).
    deepest = max(comparison.links, key=lambda link: link.right.index)
    left.scroll_passage_to(deepest.left, 0)
    assert bar.value() > 0
    assert right.verticalScrollBar().value() > 0  # the right article followed
    window.act.sync_scroll.trigger()
    assert not window.sync.enabled
    followed = right.verticalScrollBar().value()
    bar.setValue(0)
    assert right.verticalScrollBar().value() == followed


def test_find_in_the_article_with_wrap_around(qtbot, window: MainWindow) -> None:
    comparison = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    word = next(w for w in comparison.left.text.split() if len(w) > 5 and w.isalpha())
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.field.setText(word)
    assert window.find(word)
    first = window.view("left").textCursor().selectionStart()
    assert window.view("left").textCursor().selectedText() == word
    count = comparison.left.text.count(word)
    for _ in range(count):
        qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.view("left").textCursor().selectionStart() == first  # back at the start
    assert "Wrapped" in window.find_bar.status.text()
    assert not window.find("no-such-word-anywhere")
    assert "not in the left article" in window.find_bar.status.text()


def test_zoom_both_articles_keeping_the_font_family(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    family = window.view("left").document().defaultFont().family()
    size = window.view("left").point_size()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    for side in ("left", "right"):
        assert window.view(side).point_size() == size + 1  # type: ignore[arg-type]
        assert window.view(side).document().defaultFont().family() == family  # type: ignore[arg-type]
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view("right").point_size() == size - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view("left").point_size() == size


def test_reload_when_a_source_file_changed_on_disk(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text(ARTICLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    right.write_text(ARTICLES[1].read_text(encoding="utf-8"), encoding="utf-8")
    open_pair(qtbot, window, left, right)
    assert window.changed_sources() == []
    window.reload_sources()
    assert "nothing to reload" in window.messages[-1][1]
    right.write_text("A wholly new right article. It says other things.", encoding="utf-8")
    assert window.changed_sources() == ["right"]
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.comparison.right.text.startswith("A wholly new right article")  # type: ignore[union-attr]
    assert window.view("right").toPlainText().startswith("A wholly new right article")
    assert errors_of(window) == []


def test_help_about_and_keyboard_shortcuts(qtbot, window: MainWindow) -> None:
    box = window.show_about()
    assert __version__ in box.text()
    box.close()
    dialog = window.show_shortcuts()
    rows = dialogs.shortcuts_of(window.act.all)
    names = {what for what, _keys in rows}
    assert {"Undo", "Find", "Zoom In", "Next Difference", "Reload Articles"} <= names
    assert dialog.table.rowCount() == len(rows)
    dialog.close()


def test_settings_dialog_has_every_engine_setting_with_its_meaning(
    qtbot, window: MainWindow
) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    dialog = window.ask_settings()
    names = [field.name for field in dataclasses.fields(Settings)]
    for name in names:
        editor = dialog.editor(name)
        assert editor.toolTip() == dialogs.setting_help(name)
        assert "No description" not in editor.toolTip(), name
    # Every help line is shown in the dialog, not only as a tooltip.
    shown = {label.text() for label in dialog.findChildren(QLabel)}
    assert all(dialogs.setting_help(name) in shown for name in names)
    dialog.editor("context_weight").setValue(0.5)  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        dialog.accept()
    assert window.comparison.settings.context_weight == pytest.approx(0.5)  # type: ignore[union-attr]
    assert window.settings.context_weight == pytest.approx(0.5)


def test_the_settings_dialog_says_when_the_embeddings_are_not_installed(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.semantic

    for installed in (False, True):
        monkeypatch.setattr(core.semantic, "available", lambda installed=installed: installed)
        dialog = window.ask_settings()
        shown = {label.text() for label in dialog.findChildren(QLabel)}
        assert (dialogs.EMBEDDINGS_MISSING in shown) is not installed
        dialog.reject()


def test_the_settings_dialog_reads_fields_generically() -> None:
    # A setting with no help yet still gets an editor and says it is undocumented.
    assert "No description" in dialogs.setting_help("a_future_setting")
    assert dialogs.setting_label("link_threshold") == "Link threshold"


# ------------------------------------------------------------- the selected pair


def test_a_passage_with_several_links_lists_all_of_them(qtbot, window: MainWindow) -> None:
    from test_gui_view import handmade, ref

    comparison = handmade(
        "Musk sued OpenAI in March. It was a big case.",
        "Musk sued OpenAI. It happened in March. Another sentence.",
        [(ref("L0"), ref("R0"), "agree"), (ref("L0"), ref("R1"), "related")],
    )
    window.show_result(comparison, window.edits, modified=False)
    window.select_passage(ref("L0"))
    text = window.details.body.toPlainText()
    assert "L0 ↔ R0" in text and "L0 ↔ R1" in text and "2 pairs" in text
    assert window.current_link().pair == PassagePair(ref("L0"), ref("R0"))  # type: ignore[union-attr]
    # Choosing the other pair (a click in the panel, or Alt+P) makes it THE pair.
    window.details.pair_chosen.emit(PassagePair(ref("L0"), ref("R1")))
    assert window.current_link().pair == PassagePair(ref("L0"), ref("R1"))  # type: ignore[union-attr]
    assert window.gutter.selected == PassagePair(ref("L0"), ref("R1"))
    window.override_current("contradict")
    changed = window.comparison.link(PassagePair(ref("L0"), ref("R1")))  # type: ignore[union-attr]
    untouched = window.comparison.link(PassagePair(ref("L0"), ref("R0")))  # type: ignore[union-attr]
    assert changed.status == "contradict" and untouched.status == "agree"  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert window.current_link().pair == PassagePair(ref("L0"), ref("R0"))  # type: ignore[union-attr]


def test_a_findings_row_selects_exactly_its_pair(qtbot, window: MainWindow) -> None:
    from test_gui_view import handmade, ref

    left = "Musk sued OpenAI. The deal was worth $13 billion. Filler here."
    right = "The deal was worth $13 billion. Musk sued. The deal was worth $10 billion."
    comparison = handmade(
        left,
        right,
        [(ref("L1"), ref("R0"), "agree"), (ref("L1"), ref("R2"), "contradict")],
        {(ref("L1"), ref("R2")): ("$13 billion", "$10 billion", "$13 billion ≠ $10 billion")},
    )
    window.show_result(comparison, window.edits, modified=False)
    window.findings.set_filter(kind="contradict")
    window.findings.choose(0)
    assert window.current_link().pair == PassagePair(ref("L1"), ref("R2"))  # type: ignore[union-attr]
    assert "▶ Pair L1 ↔ R2" in window.details.body.toPlainText()
    window.override_current("agree")  # acts on the row's pair, not the first link
    assert window.comparison.link(PassagePair(ref("L1"), ref("R2"))).overridden  # type: ignore[union-attr]
    assert not window.comparison.link(PassagePair(ref("L1"), ref("R0"))).overridden  # type: ignore[union-attr]


def test_a_hand_added_link_is_judged_by_the_engine(qtbot, window: MainWindow) -> None:
    comparison = richest(qtbot, window)
    left, right = comparison.missing("left")[0].ref, comparison.missing("right")[0].ref
    window.select_passage(left)
    window.select_passage(right)
    window.link_picked()
    link = window.comparison.link(PassagePair(left, right))  # type: ignore[union-attr]
    assert link is not None and link.origin == "user"
    assert link.score < 1.0
    assert f"{link.score:.2f}" in window.details.body.toPlainText()


# ------------------------------------------------------------------ messages


def test_an_error_bar_disappears_when_the_next_load_succeeds(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    with qtbot.waitSignal(window.message_shown, timeout=WAIT_MS):
        window.load_article("left", str(tmp_path / "missing.txt"))
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    assert window.message_bar.isVisible()
    errors: list[str] = []
    window.message_shown.connect(
        lambda level, text: errors.append(text) if level == "error" else None
    )
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.load_article("left", str(ARTICLES[2]))
    assert not window.message_bar.isVisible()
    assert errors == []  # success: no error signal


def test_cancel_says_cancelled_and_restores_the_threshold(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    shown = window.comparison.settings.link_threshold  # type: ignore[union-attr]
    window.threshold_spin.setValue(0.6)
    window.debounce.stop()
    window._apply_threshold()
    assert window.runner.busy
    window.cancel()
    assert "cancelled" in window.messages[-1][1]
    assert window.threshold_spin.value() == pytest.approx(shown)
    assert window.settings.link_threshold == pytest.approx(shown)


def test_header_counts_are_singular_for_one(qtbot, window: MainWindow) -> None:
    from core.compare import compare

    one = compare(Document("Hello."), Document("Hello there."), settings=Settings())
    window.show_result(one, window.edits, modified=False)
    assert "1 word " in window.left.header.source.full_text()
    assert "1 passage" in window.left.header.source.full_text()
    assert "2 words" in window.right.header.source.full_text()


def test_titles_are_plain_text_elided_with_a_tooltip(qtbot, window: MainWindow) -> None:
    from core.compare import compare

    title = "<b>Bold</b> <font color=red>red</font> <img src=x> " + "very long title " * 20
    left = Document("It rained today.", title, Source(path="/tmp/<i>odd</i>.txt"))
    comparison = compare(left, Document("It snowed today.", "Plain"), settings=Settings())
    window.show_result(comparison, window.edits, modified=False)
    label = window.left.header.title
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text().endswith("…") and label.text().startswith("<b>Bold</b>")
    assert "&lt;b&gt;Bold&lt;/b&gt;" in label.toolTip()  # shown as written, not as bold
    assert "very long title very long title" in label.toolTip()
    assert window.left.header.source.textFormat() == Qt.TextFormat.PlainText
    # The window title names the two articles (no session yet).
    assert window.windowTitle().startswith("<b>Bold</b>")
    assert "Plain" in window.windowTitle()
    # An error naming a file with markup shows it as written.
    window.notify("cannot read <b>x</b>.txt", "error")
    assert window.message_text.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x</b>" in window.message_text.text()


def test_the_window_title_shows_the_session_name(qtbot, window: MainWindow, tmp_path: Path) -> None:
    comparison = open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    assert comparison.left.name in window.windowTitle()
    assert window.save_session(str(tmp_path / "case.factcompare"))
    assert window.windowTitle().startswith("case.factcompare")


def test_drop_targets_are_highlighted_while_dragging(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    target = window.view("right")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ARTICLES[2]))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(target.viewport(), enter)
    assert target.property("dropTarget") is True
    QApplication.sendEvent(target.viewport(), QDragLeaveEvent())
    assert not target.property("dropTarget")


# ------------------------------------------------------------ screen and system


def test_a_saved_geometry_larger_than_the_screen_is_fitted(qtbot, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "big.ini"), QSettings.Format.IniFormat)
    big = MainWindow(store=store)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 4000, 3000)
    store.setValue("window/geometry", big.saveGeometry())
    again = MainWindow(store=store)
    qtbot.addWidget(again)
    available = again.screen().availableGeometry()
    assert again.width() <= available.width() and again.height() <= available.height()
    assert fit_rect(QRect(100, 100, 1600, 1000), QRect(0, 0, 1366, 738)) == QRect(0, 0, 1366, 738)


def test_on_a_small_screen_the_side_panel_and_status_bar_fit(qtbot, window: MainWindow) -> None:
    open_pair(qtbot, window, ARTICLES[0], ARTICLES[1])
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    window.resize(1366, 700)
    QApplication.processEvents()
    assert window.statusBar().geometry().bottom() < window.height()
    assert window.side_panel.isVisible() and window.side_panel.width() >= 200
    assert window.splitter.geometry().right() < window.width()


def test_everything_with_the_keyboard_including_an_agreeing_passage(
    qtbot, window: MainWindow
) -> None:
    comparison = richest(qtbot, window)
    agreeing = next(
        p.ref for p in comparison.left_passages if comparison.verdict(p.ref) in ("agree", "related")
    )
    window.view("left").setFocus()
    for _ in range(agreeing.index + 1):
        qtbot.keyClick(window.view("left"), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.current == agreeing
    assert window.view("left").highlighted == (agreeing,)
    assert window.current_link() is not None
    qtbot.keyClick(window.view("left"), Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.current is not None and window.current.side == "right"
    qtbot.keyClick(window.view("right"), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_link().overridden  # type: ignore[union-attr]
    # The text views show where the keyboard focus is.
    assert window.view("left").focusPolicy() != Qt.FocusPolicy.NoFocus


def test_the_empty_state_says_honestly_when_nothing_contradicts(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.compare import compare
    from core.loading import load_path

    plain = compare(load_path(ARTICLES[0]), load_path(ARTICLES[1]), settings=Settings())
    plain = dataclasses.replace(
        plain, links=tuple(k for k in plain.links if k.status != "contradict")
    )
    monkeypatch.setattr("gui.main_window.default_comparison", lambda **_kw: plain)
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):
        window.open_default()
    assert "no contradiction found" in window.details.body.placeholderText()
    assert errors_of(window) == []


def test_the_legend_names_each_kind_of_passage_not_compared(window: MainWindow) -> None:
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    for name in ("Page furniture", "Photo caption", "Byline", "Timestamp", "Cut-off line"):
        assert name in texts


def test_recovery_of_a_window_still_running_elsewhere_is_not_offered(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    from gui.sessions import _in_use

    folder = tmp_path / "data" / "recovery"
    folder.mkdir(parents=True)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = folder / f"window-{alive.pid}-1.recovery.json"
        running.write_text("{}", encoding="utf-8")
        assert _in_use(str(running))
        assert window.offer_recovery() is None
    finally:
        alive.kill()
        alive.wait()
    assert not _in_use(str(running))
    assert not _in_use(str(folder / "untitled.recovery.json"))
    assert not _in_use(str(folder / f"window-{os.getpid()}-9.recovery.json"))
