"""The painted window: verdict formats, conflict marks, clicks, keyboard navigation, panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import make_window
from PySide6.QtCore import QPoint, Qt

from core.model import Comparison, Conflict, Document, Link, PassagePair, PassageRef, Source
from core.segment import segment
from gui import palette
from gui.main_window import MainWindow

# The offscreen platform says this whenever a top-level window is shown; it is harmless.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

FILLER = " ".join(f"Filler sentence number {n} says nothing of note." for n in range(60))

ref = PassageRef.parse  # tests name passages by their labels


def handmade(
    left_text: str,
    right_text: str,
    pairs: list[tuple[str, str, str]],
    conflicts: dict[tuple[str, str], tuple[str, str, str]] | None = None,
) -> Comparison:
    """A comparison with links chosen by the test, so verdicts are known in advance.

    ``conflicts`` maps a pair to (left words, right words, explanation); their document
    spans are found in the texts.
    """
    left_p, right_p = segment(left_text, "left"), segment(right_text, "right")
    comparison = Comparison(
        Document(left_text, source=Source(path="left.txt")),
        Document(right_text, source=Source(path="right.txt")),
        left_p,
        right_p,
        (),
    )
    links = []
    for left_id, right_id, status in pairs:
        found = ()
        if conflicts and (left_id, right_id) in conflicts:
            lw, rw, why = conflicts[(left_id, right_id)]
            ls = left_text.index(lw, comparison.passage(left_id).start)
            rs = right_text.index(rw, comparison.passage(right_id).start)
            found = (Conflict("money", lw, rw, why, ls, ls + len(lw), rs, rs + len(rw)),)
        links.append(Link(left_id, right_id, status, 0.8, found))  # type: ignore[arg-type]
    return Comparison(comparison.left, comparison.right, left_p, right_p, tuple(links))


LEFT = (
    "Musk sued OpenAI in March 2024. The deal was worth $13 billion. "
    "Only the left article says this. Altman replied on Friday. Another left-only remark.\n"
    "Tags: AI"
)
RIGHT = (
    "In March 2024, Musk sued OpenAI. The deal was worth $10 billion. "
    "Altman replied late on Friday. Only the right article has this."
)


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    return make_window(qtbot, tmp_path)


@pytest.fixture
def sample() -> Comparison:
    comparison = handmade(
        LEFT,
        RIGHT,
        [
            (ref("L0"), ref("R0"), "agree"),
            (ref("L1"), ref("R1"), "contradict"),
            (ref("L3"), ref("R2"), "related"),
        ],
        {(ref("L1"), ref("R1")): ("$13 billion", "$10 billion", "$13 billion ≠ $10 billion")},
    )
    # The test relies on every verdict being present.
    verdicts = {comparison.verdict(p.ref) for p in comparison.left_passages}
    assert verdicts == {"agree", "contradict", "missing", "related", "boilerplate"}
    return comparison


def test_painted_formats_match_the_verdicts(window: MainWindow, sample: Comparison) -> None:
    window.show_result(sample, window.edits, modified=False)
    for side in ("left", "right"):
        view = window.view(side)
        for passage in sample.passages(side):
            verdict = sample.verdict(passage.ref)
            for offset in (passage.start, (passage.start + passage.end) // 2):
                fmt = view.format_at(offset)
                assert fmt.property(palette.VERDICT_PROPERTY) == verdict, passage.ref
                assert fmt.property(palette.PASSAGE_PROPERTY) == passage.ref.label
                expected = palette.passage_format(verdict, passage.ref.label)
                if fmt.property(palette.CONFLICT_PROPERTY) is None:
                    assert fmt.background() == expected.background()
                    assert fmt.underlineStyle() == expected.underlineStyle()


def test_patterns_distinguish_verdicts_without_colour() -> None:
    # Colour is never the only signal: glyphs differ, and so do pattern/underline pairs.
    styles = [palette.style(v) for v in palette.LEGEND_ORDER]
    assert len({s.glyph for s in styles}) == len(styles)
    assert len({(s.pattern, s.underline, s.text) for s in styles}) == len(styles)


def test_conflicting_words_are_marked_with_the_explanation(
    window: MainWindow, sample: Comparison
) -> None:
    window.show_result(sample, window.edits, modified=False)
    left_start = LEFT.index("$13 billion")
    right_start = RIGHT.index("$10 billion")
    for side, start, length in (("left", left_start, 11), ("right", right_start, 11)):
        view = window.view(side)
        fmt = view.format_at(start + 2)
        assert fmt.property(palette.CONFLICT_PROPERTY) == "$13 billion ≠ $10 billion"
        assert fmt.toolTip() == "$13 billion ≠ $10 billion"
        assert fmt.property(palette.VERDICT_PROPERTY) == "contradict"
        # The words around the conflict are the passage, not the conflict.
        assert view.format_at(start - 3).property(palette.CONFLICT_PROPERTY) is None
        assert view.format_at(start + length + 1).property(palette.CONFLICT_PROPERTY) is None
    # Hovering the passage explains it too.
    view = window.view("left")
    rect = view.cursorRect(view_cursor(view, left_start + 2))
    assert "$13 billion ≠ $10 billion" in view.tooltip_at(rect.center())


def view_cursor(view, position: int):
    cursor = view.textCursor()
    cursor.setPosition(position)
    return cursor


def click_passage(qtbot, view, passage_id: str) -> None:
    passage = view.comparison.passage(passage_id)
    rect = view.cursorRect(view_cursor(view, passage.start + 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def test_clicking_a_passage_scrolls_the_other_side_to_its_counterpart(
    qtbot, window: MainWindow
) -> None:
    left = "The court hearing is set for spring 2026. " + FILLER
    right = FILLER + " The court hearing is set for spring 2026."
    comparison = handmade(left, right, [(ref("L0"), ref("R60"), "agree")])
    window.show_result(comparison, window.edits, modified=False)
    right_view = window.view("right")
    assert not right_view.is_passage_visible(ref("R60"))
    click_passage(qtbot, window.view("left"), ref("L0"))
    assert window.current == ref("L0")
    assert right_view.is_passage_visible(ref("R60"))
    assert right_view.highlighted == (ref("R60"),)
    assert window.view("left").highlighted == (ref("L0"),)
    # The details panel shows the pair.
    assert "L0 ↔ R60" in window.details.body.toPlainText()
    # The gutter draws the band of the selected pair, now that both ends are in view.
    assert [band.link.pair for band in window.gutter.bands()] == [
        PassagePair(ref("L0"), ref("R60"))
    ]
    assert window.gutter.selected == PassagePair(ref("L0"), ref("R60"))


def test_keyboard_visits_differences_in_reading_order(
    qtbot, window: MainWindow, sample: Comparison
) -> None:
    window.show_result(sample, window.edits, modified=False)
    window.activateWindow()
    window.view("left").setFocus()
    expected = [
        p.ref for p in sample.left_passages if sample.verdict(p.ref) in ("contradict", "missing")
    ]
    assert len(expected) >= 3
    visited = []
    for _ in expected:
        qtbot.keyClick(window.view("left"), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        visited.append(window.current)
    assert visited == expected
    qtbot.keyClick(window.view("left"), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.current == expected[-2]
    # At the end, it wraps around to the first difference and says so.
    window.go_difference(1)
    assert window.current == expected[-1]
    window.go_difference(1)
    assert window.current == expected[0]
    assert "wrapped around to the top" in window.messages[-1][1]
    window.go_difference(-1)
    assert window.current == expected[-1]
    assert "wrapped around to the bottom" in window.messages[-1][1]
    # Contradictions only (F8).
    window.current = None
    qtbot.keyClick(window.view("left"), Qt.Key.Key_F8)
    assert window.current == ref("L1")


def test_navigation_follows_the_side_last_clicked(
    qtbot, window: MainWindow, sample: Comparison
) -> None:
    window.show_result(sample, window.edits, modified=False)
    click_passage(qtbot, window.view("right"), ref("R0"))
    right_differences = [
        p.ref for p in sample.right_passages if sample.verdict(p.ref) in ("contradict", "missing")
    ]
    assert right_differences == [ref("R1"), ref("R3")]
    window.go_difference(1)
    assert window.current == ref("R1")
    window.go_difference(1)
    assert window.current == ref("R3")
    assert window.focus_side == "right"


def test_overview_click_jumps(qtbot, window: MainWindow) -> None:
    comparison = handmade(FILLER, FILLER, [(ref("L0"), ref("R0"), "agree")])
    window.show_result(comparison, window.edits, modified=False)
    strip = window.left.overview
    bar = window.view("left").verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(5, strip.height() - 2))
    assert bar.value() == bar.maximum()


def test_findings_list_filters_and_jumps(window: MainWindow, sample: Comparison) -> None:
    window.show_result(sample, window.edits, modified=False)
    panel = window.findings
    kinds = [(f.kind, f.side) for f in panel.visible_findings()]
    assert kinds.count(("contradict", "both")) == 1
    assert kinds.count(("missing", "left")) == len(sample.missing("left"))
    assert kinds.count(("missing", "right")) == len(sample.missing("right"))
    panel.set_filter(kind="contradict")
    [only] = panel.visible_findings()
    assert "$13 billion ≠ $10 billion" in only.summary
    panel.set_filter(kind="missing", side="right")
    assert [f.ref for f in panel.visible_findings()] == [p.ref for p in sample.missing("right")]
    panel.set_filter(text="another LEFT-only")
    assert [f.ref for f in panel.visible_findings()] == [ref("L4")]
    panel.choose(0)
    assert window.current == ref("L4")
    assert window.view("left").highlighted == (ref("L4"),)
