"""What the GUI tests share: a window with its settings in a temporary file, a drop."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from gui.main_window import MainWindow


def make_window(qtbot, tmp_path: Path, name: str = "settings.ini") -> MainWindow:
    """A shown main window whose remembered settings live in ``tmp_path``."""
    store = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    win = MainWindow(store=store)
    win.ask_unsaved = lambda: "discard"  # closing at teardown must not wait for a person
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def drop(target: QObject, paths: Sequence[str | Path]) -> None:
    """What a drag from a file manager delivers: DragEnter (choosing the target), then Drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # PySide marks the QPoint constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
