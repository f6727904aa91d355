"""Find in an article (Ctrl+F, F3 / Shift+F3): a bar under the articles, as in Meld."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QFrame):
    """The search field; the window does the searching in the article being read."""

    find_requested = Signal(str, bool)  # text, backward

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in the article (Enter: next, Shift+Enter: previous)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.status = QLabel("")
        previous = QToolButton()
        previous.setText("▲ Previous")
        following = QToolButton()
        following.setText("▼ Next")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(previous)
        row.addWidget(following)
        row.addWidget(self.status)
        row.addWidget(close)
        self.field.returnPressed.connect(lambda: self.find_requested.emit(self.field.text(), False))
        previous.clicked.connect(lambda: self.find_requested.emit(self.field.text(), True))
        following.clicked.connect(lambda: self.find_requested.emit(self.field.text(), False))
        close.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_requested.emit(self.field.text(), True)
            return
        super().keyPressEvent(event)
