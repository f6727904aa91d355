"""Under a dark palette every label, row and text stays readable (no white on white)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_support import make_window
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from gui.app import apply_look
from gui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def dark(qapp) -> Iterator[None]:
    style = qapp.style().name()
    apply_look(qapp, dark=True)
    yield
    qapp.setStyleSheet("")
    qapp.setPalette(qapp.style().standardPalette())
    qapp.setStyle(style)


def contrast(widget: QWidget) -> int:
    """How far the widget's inked pixels stand from its background, in lightness (0..255)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    lightness = Counter(
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    background = lightness.most_common(1)[0][0]
    inked = [value for value in lightness if lightness[value] >= 3]
    return max(abs(value - background) for value in inked)


def test_dark_palette_keeps_every_part_readable(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dark: None
) -> None:
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(tmp_path / "data"))
    window: MainWindow = make_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.comparison_shown, timeout=30_000):
        window.open_pair(str(ARTICLES[0]), str(ARTICLES[1]))
    comparison = window.comparison
    assert comparison is not None
    window.select_passage(comparison.links[0].left)
    QApplication.processEvents()
    toolbar_label = next(
        w for w in window.findChildren(QWidget) if w.objectName() == "toolbarLabel"
    )
    legend = next(w for w in window.findChildren(QWidget) if w.objectName() == "legend")
    parts = {
        "toolbar label": toolbar_label,
        "legend": legend,
        "details text": window.details.body.viewport(),
        "findings rows": window.findings.tree.viewport(),
        "status bar": window.summary_label,
        "article header": window.left.header,
        "left text": window.view("left").viewport(),
    }
    for name, widget in parts.items():
        assert contrast(widget) >= 100, name
    # The page itself is dark, as the palette asks.
    assert window.view("left").palette().base().color().lightness() < 80
    out = tmp_path / "dark.png"
    assert window.grab().save(str(out))
