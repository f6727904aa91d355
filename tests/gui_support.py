"""What the GUI tests share: a window with its settings in a temporary file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

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
