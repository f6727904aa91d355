"""Claim pairs in the window: details per claim pair, findings by measure, updates shown as
changes over time (never as contradictions), and what a hovered value was read as."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import make_window
from test_report_claims import LEFT, RIGHT, claims_comparison

import gui.article_view as article_view
import gui.details as details
from core.model import Comparison, Link
from core.report import claim_rows
from gui import palette
from gui.main_window import MainWindow


@pytest.fixture
def comparison() -> Comparison:
    return claims_comparison()


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    win = make_window(qtbot, tmp_path)
    errors: list[object] = []
    win.runner.failed.connect(errors.append)
    yield win
    assert errors == []  # the error signal never fired


def _show(window: MainWindow, comparison: Comparison) -> None:
    window.show_result(comparison, window.edits, modified=False)


# ------------------------------------------------------------------ 1. details per claim


def test_details_list_each_claim_pair_of_the_selected_link(
    window: MainWindow, comparison: Comparison
) -> None:
    _show(window, comparison)
    dead, same, _after, fee = comparison.links
    window.select_passage(dead.left)
    text = window.details.body.toPlainText()
    assert "Claims compared" in text
    assert "dead" in text and "“300”" in text and "“412”" in text
    assert "changed over time" in text and "300 → 412" in text and "Monday" in text
    assert "contradict" not in text.split("Claims compared")[1]  # an update is no conflict
    window.select_passage(same.left)
    text = window.details.body.toPlainText()
    assert "injured" in text and "“At least 1,200”" in text and "agree" in text
    window.select_passage(fee.left)
    text = window.details.body.toPlainText()
    assert "fee" in text and "“$5”" in text and "“$7”" in text and "≠ conflict" in text


def test_claim_pairs_are_judged_for_the_selected_link_only_and_once(
    window: MainWindow, comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Link] = []

    def counting(comp: Comparison, link: Link):
        calls.append(link)
        return claim_rows(comp, link)

    monkeypatch.setattr(details, "claim_rows", counting)
    _show(window, comparison)
    for side in ("left", "right"):
        window.view(side).viewport().repaint()
    assert calls == []  # painting never judges claims
    same = comparison.links[1]
    window.select_passage(same.left)
    window.select_passage(comparison.links[0].left)
    window.select_passage(same.left)
    assert calls == [same, comparison.links[0]]  # the second visit used the cache


# ------------------------------------------------------------------ 2. findings by measure


def test_findings_group_conflicts_by_measure_and_list_updates_apart(
    window: MainWindow, comparison: Comparison
) -> None:
    _show(window, comparison)
    panel = window.findings
    rows = [(f.kind, f.measure) for f in panel.visible_findings()]
    assert rows[:3] == [("contradict", "fee"), ("contradict", "injured"), ("update", "dead")]
    assert all(kind == "missing" for kind, _ in rows[3:])
    # The measure has its own column; the update is marked with its own glyph.
    top = panel.tree.topLevelItem(0)
    assert top.text(2) == "fee"
    update_item = panel.tree.topLevelItem(2)
    assert update_item.text(0) == palette.UPDATE_GLYPH != palette.style("contradict").glyph
    assert "changed over time: 300 → 412" in update_item.text(3)
    assert "2 contradictions · 1 changed over time" in panel.count.text()
    panel.set_filter(kind="update")
    assert [f.measure for f in panel.visible_findings()] == ["dead"]
    panel.set_filter(kind="contradict")
    assert [f.measure for f in panel.visible_findings()] == ["fee", "injured"]
    panel.set_filter(text="fee")
    assert [f.measure for f in panel.visible_findings()] == ["fee"]
    panel.set_filter(kind="contradict", text="injured")
    assert [f.measure for f in panel.visible_findings()] == ["injured"]
    panel.set_filter(kind="update")
    panel.choose(0)
    assert window.current == comparison.links[0].left


# ------------------------------------------------------------------ 3. hover a value


def test_hovering_a_value_says_what_it_was_read_as(
    window: MainWindow, comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = article_view.describe_claims

    def counting(text: str):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(article_view, "describe_claims", counting)
    _show(window, comparison)
    view = window.view("left")
    assert calls == []  # nothing is read until the mouse asks
    at = LEFT.index("300") + 1
    reading = view.reading_at(at)
    assert "300" in reading and "Monday" in reading
    cursor = view.textCursor()
    cursor.setPosition(at)
    tip = view.tooltip_at(view.cursorRect(cursor).center())
    assert "Read as:" in tip and "300" in tip
    # A word that is no value has no reading; the passage tooltip stays.
    assert view.reading_at(LEFT.index("earthquake") + 2) == ""
    assert len(calls) == 1  # once per passage, however often it is hovered


# ------------------------------------------------------------------ 4. updates everywhere


def test_pair_view_marks_updates_apart_from_conflicts(
    window: MainWindow, comparison: Comparison
) -> None:
    _show(window, comparison)
    for side, text in (("left", LEFT), ("right", RIGHT)):
        view = window.view(side)
        value = "300" if side == "left" else "412"
        fmt = view.format_at(text.index(value) + 1)
        assert fmt.property(palette.UPDATE_PROPERTY) == "dead: 300 (Monday) → 412 (Thursday)"
        assert fmt.property(palette.CONFLICT_PROPERTY) is None
        assert fmt.background().color().name().upper() != palette.CONFLICT_FILL.upper()
        assert fmt.underlineStyle() != palette.conflict_format("x").underlineStyle()
        assert "Changed over time" in fmt.toolTip()
        fee = view.format_at(text.index("$") + 1)
        assert fee.property(palette.CONFLICT_PROPERTY) is not None
        assert fee.property(palette.UPDATE_PROPERTY) is None
    assert comparison.links[0].left in window.view("left").updated


# ------------------------------------------------------------------ 7. the sample pair


def test_a_sample_with_only_updates_says_no_contradiction_and_counts_the_changes(
    qtbot, window: MainWindow, comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    only_update = dataclasses.replace(comparison, links=comparison.links[:2])
    assert not only_update.contradictions()
    monkeypatch.setattr("gui.main_window.default_comparison", lambda **_kw: only_update)
    monkeypatch.setattr("gui.main_window.likely_sample", lambda *_a, **_kw: None)
    with qtbot.waitSignal(window.comparison_shown, timeout=30_000):
        window.open_default()
    said = window.details.body.placeholderText()
    assert "no contradiction found" in said
    assert "1 figure changed over time" in said and "not contradictions" in said
    assert window.messages and window.messages[-1][1] == said


def test_the_real_sample_is_honest_about_its_contradictions(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.comparison_shown, timeout=120_000):
        window.open_default()
    shown = window.comparison
    assert shown is not None
    said = window.details.body.placeholderText()
    if shown.contradictions():
        assert "no contradiction found" not in said
        assert window.findings.visible_findings()[0].kind == "contradict"
    else:
        assert "no contradiction found" in said
