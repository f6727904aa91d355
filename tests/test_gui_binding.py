"""The Qt binding itself: a session of thousands of Qt calls must not corrupt Python.

PySide6 6.12.0 on Python 3.11 released a reference to None on every call of a Qt method
returning void, so a window aborted ("deallocating None") after a few thousand repaints.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setToolTip("y")
    assert sys.getrefcount(None) - before > -100
