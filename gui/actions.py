"""The window's actions, menus and toolbars: what each command is called, its keys, where it sits.

``build_actions`` only creates and places QActions and connects them to the window's
slots; what a command does lives in the window (and, for the session workflow, in
``core.workspace``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QMenu, QSlider, QStyle

from .legend import Legend

if TYPE_CHECKING:
    from .main_window import MainWindow


class Actions:
    """Every QAction of the window, by name."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.all: list[QAction] = []
        w = window
        a = self._action
        self.open_left = a(
            "Open &Left…", lambda: w.ask_open("left"), "Ctrl+O", "Replace the left article"
        )
        self.open_right = a(
            "Open &Right…",
            lambda: w.ask_open("right"),
            "Ctrl+Shift+O",
            "Replace the right article",
        )
        self.open_url = a("Open &URL…", w.ask_url, "Ctrl+U", "Load an article from the web")
        self.open_session = a("Open &Session…", w.ask_open_session, "Ctrl+Alt+O")
        self.open_story = a(
            "Open S&tory…",
            w.ask_open_story,
            "Ctrl+Alt+T",
            "Compare several articles on one story in the Story window",
        )
        self.open_story_folder = a(
            "Open Story &Folder…",
            w.ask_open_story_folder,
            None,
            "Compare every article in a folder in the Story window",
        )
        self.reload = a(
            "Re&load Articles",
            w.reload_sources,
            "F5",
            "Load both articles again from their files (after they changed on disk)",
        )
        self.save = a("&Save Session", w.save, QKeySequence.StandardKey.Save)
        self.save_as = a("Save Session &As…", w.save_as, "Ctrl+Shift+S")
        self.export = a(
            "&Export Report…",
            w.ask_export,
            "Ctrl+E",
            "Write the contradictions and missing passages as HTML or Markdown",
        )
        self.quit = a("&Quit", w.close, QKeySequence.StandardKey.Quit)
        self.undo = a("&Undo", w.undo, "Ctrl+Z")
        self.redo = a("&Redo", w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.paste_left = a("Paste as &Left", lambda: w.paste_clipboard("left"), "Ctrl+Alt+V")
        self.paste_right = a(
            "Paste as &Right", lambda: w.paste_clipboard("right"), "Ctrl+Alt+Shift+V"
        )
        self.find = a("&Find…", w.open_find, QKeySequence.StandardKey.Find)
        self.find_next = a("Find &Next", lambda: w.find_again(backward=False), "F3")
        self.find_previous = a("Find Pre&vious", lambda: w.find_again(backward=True), "Shift+F3")
        self.next_diff = a(
            "&Next Difference",
            lambda: w.go_difference(1),
            "Alt+Down",
            "Next contradiction or missing passage (wraps around)",
        )
        self.prev_diff = a(
            "&Previous Difference",
            lambda: w.go_difference(-1),
            "Alt+Up",
            "Previous contradiction or missing passage (wraps around)",
        )
        self.next_con = a(
            "Next &Contradiction",
            lambda: w.go_difference(1, kinds=("contradict",)),
            ["F8", "Ctrl+Alt+Down"],
        )
        self.prev_con = a(
            "Previous C&ontradiction",
            lambda: w.go_difference(-1, kinds=("contradict",)),
            ["Shift+F8", "Ctrl+Alt+Up"],
        )
        self.next_passage = a(
            "Next Passage",
            lambda: w.step_passage(1),
            "Ctrl+Down",
            "Select the next passage of the article being read",
        )
        self.prev_passage = a("Previous Passage", lambda: w.step_passage(-1), "Ctrl+Up")
        self.other_side = a(
            "Go to the Other Side",
            w.go_other_side,
            ["Ctrl+Right", "Ctrl+Left"],
            "Select the counterpart of the selected passage in the other article",
        )
        self.next_pair = a(
            "Next Pair of the Passage",
            w.next_pair,
            "Alt+P",
            "A passage with several counterparts: select its next pair",
        )
        self.swap = a(
            "&Swap Sides",
            w.swap_sides,
            "Ctrl+Shift+X",
            "Put the left article on the right and vice versa",
        )
        self.sync_scroll = a(
            "S&ynchronise Scrolling",
            w.toggle_sync,
            "Ctrl+Shift+Y",
            "Scroll the other article along the links",
        )
        self.sync_scroll.setCheckable(True)
        self.sync_scroll.setChecked(True)
        self.zoom_in = a("Zoom &In", lambda: w.zoom(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out = a("Zoom &Out", lambda: w.zoom(-1), "Ctrl+-")
        self.zoom_reset = a("&Actual Size", lambda: w.zoom(0), "Ctrl+0")
        self.settings = a("Engine &Settings…", w.ask_settings, "Ctrl+,")
        self.cancel = a("Cancel Comparison", w.cancel, "Esc")
        self.link = a(
            "&Link Selected Passages",
            w.link_picked,
            "Ctrl+L",
            "Link the selected left and right passages by hand",
        )
        self.unlink = a("&Remove Link", w.unlink_current, "Ctrl+Shift+L")
        self.note = a("Edit &Note…", w.ask_note, "Ctrl+N")
        self.override = {
            status: a(
                f"Mark as {status.capitalize()}",
                lambda s=status: w.override_current(s),
                f"Ctrl+{number}",
            )
            for number, status in enumerate(("agree", "related", "contradict"), start=1)
        }
        self.engine_verdict = a(
            "Use the Engine's Verdict", lambda: w.override_current(None), "Ctrl+4"
        )
        self.shortcuts = a("&Keyboard Shortcuts", w.show_shortcuts, "Ctrl+F1")
        self.about = a("&About FactCompare", w.show_about)

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # shortcuts work wherever the focus is in the window
        self.all.append(action)
        return action

    # ------------------------------------------------------------------ placing

    def build_menus(self) -> QMenu:
        """The menu bar; returns the Open Recent menu (the window fills it)."""
        bar = self._window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.open_left, self.open_right, self.open_url])
        file.addSeparator()
        file.addActions([self.open_story, self.open_story_folder])
        file.addSeparator()
        file.addAction(self.open_session)
        recent = file.addMenu("Open &Recent")
        file.addActions([self.save, self.save_as, self.reload])
        file.addSeparator()
        file.addAction(self.export)
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.paste_left, self.paste_right])
        edit.addSeparator()
        edit.addActions([self.find, self.find_next, self.find_previous])
        edit.addSeparator()
        edit.addActions([self.link, self.unlink, self.note])
        verdict = edit.addMenu("Set &Verdict")
        verdict.addActions(list(self.override.values()))
        verdict.addSeparator()
        verdict.addAction(self.engine_verdict)
        edit.addSeparator()
        edit.addAction(self.settings)
        view = bar.addMenu("&View")
        view.addActions([self.next_diff, self.prev_diff, self.next_con, self.prev_con])
        view.addSeparator()
        view.addActions([self.next_passage, self.prev_passage, self.other_side, self.next_pair])
        view.addSeparator()
        view.addActions([self.swap, self.sync_scroll])
        view.addSeparator()
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])
        return recent

    def build_toolbars(self) -> tuple[QSlider, QDoubleSpinBox]:
        """Main toolbar and legend bar; returns the threshold slider and spin box."""
        window = self._window
        tools = window.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icon = window.style().standardIcon
        pixmap = QStyle.StandardPixmap
        for action, which in (
            (self.open_left, pixmap.SP_DialogOpenButton),
            (self.open_right, pixmap.SP_DialogOpenButton),
            (self.swap, pixmap.SP_BrowserReload),
            (self.prev_diff, pixmap.SP_ArrowUp),
            (self.next_diff, pixmap.SP_ArrowDown),
            (self.save, pixmap.SP_DialogSaveButton),
            (self.undo, pixmap.SP_ArrowBack),
            (self.redo, pixmap.SP_ArrowForward),
        ):
            action.setIcon(icon(which))
        tools.addActions([self.open_left, self.open_right, self.swap])
        tools.addSeparator()
        tools.addActions([self.prev_diff, self.next_diff])
        tools.addSeparator()
        tools.addActions([self.undo, self.redo])
        tools.addSeparator()
        label = QLabel("Match threshold ")
        label.setObjectName("toolbarLabel")
        label.setToolTip("How similar two passages must be to count as the same event")
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(5, 95)
        slider.setFixedWidth(120)
        slider.setAccessibleName("Match threshold")
        spin = QDoubleSpinBox()
        spin.setRange(0.05, 0.95)
        spin.setSingleStep(0.01)
        spin.setDecimals(2)
        spin.setAccessibleName("Match threshold")
        label.setBuddy(spin)
        for widget in (label, slider, spin):
            tools.addWidget(widget)
        window.addToolBarBreak()
        legend = window.addToolBar("Legend")
        legend.setObjectName("legendBar")
        legend.setMovable(False)
        title = QLabel("Legend:")
        title.setObjectName("legendTitle")
        legend.addWidget(title)
        legend.addWidget(Legend())
        return slider, spin
