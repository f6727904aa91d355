"""Verdict -> colour, pattern, underline and margin glyph, in one place.

Colour is never the only signal: every verdict also has a glyph (shown in the margin, the
gutter and the legend), a fill pattern and an underline style.  The hues come from the
Okabe-Ito palette, chosen to stay distinct under deuteranopia and protanopia: blue for
agree, sky blue for related, vermillion for contradict, grey hatching for missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QTextFormat,
)

# Custom QTextFormat properties, so that views (and tests) can read back what was painted.
VERDICT_PROPERTY = QTextFormat.Property.UserProperty + 1
PASSAGE_PROPERTY = QTextFormat.Property.UserProperty + 2
CONFLICT_PROPERTY = QTextFormat.Property.UserProperty + 3
UPDATE_PROPERTY = QTextFormat.Property.UserProperty + 4


@dataclass(frozen=True)
class VerdictStyle:
    """How one verdict looks everywhere in the window."""

    verdict: str
    label: str  # legend text
    description: str  # tooltip / legend help
    glyph: str  # margin and gutter mark, so colour is not the only signal
    base: str  # strong colour: margin bars, gutter outlines, overview
    fill: str  # light background behind the text
    pattern: Qt.BrushStyle  # fill pattern for bars and text background
    underline: QTextCharFormat.UnderlineStyle
    text: str | None = None  # text colour, when the verdict dims the text

    @property
    def fill_is_solid(self) -> bool:
        """Whether the fill hides the page behind the text (else the text keeps the page's
        own colours, so that it stays readable on a dark palette)."""
        return self.pattern in (Qt.BrushStyle.SolidPattern, Qt.BrushStyle.Dense4Pattern)


STYLES: dict[str, VerdictStyle] = {
    "agree": VerdictStyle(
        "agree",
        "Agree",
        "Both articles state this event the same way",
        "=",
        base="#0072B2",
        fill="#D4E6F4",
        pattern=Qt.BrushStyle.SolidPattern,
        underline=QTextCharFormat.UnderlineStyle.NoUnderline,
    ),
    "related": VerdictStyle(
        "related",
        "Related",
        "Same event, but too loosely matched to call it agreement",
        "≈",
        base="#3FA7E0",
        fill="#EAF5FC",
        pattern=Qt.BrushStyle.Dense4Pattern,
        underline=QTextCharFormat.UnderlineStyle.DotLine,
    ),
    "contradict": VerdictStyle(
        "contradict",
        "Contradicts",
        "The articles state different facts about this event",
        "≠",
        base="#D55E00",
        fill="#FBDCC8",
        pattern=Qt.BrushStyle.SolidPattern,
        underline=QTextCharFormat.UnderlineStyle.WaveUnderline,
    ),
    "missing": VerdictStyle(
        "missing",
        "Only here",
        "The other article does not report this",
        "+",
        base="#7A7A7A",
        fill="#B4B4B4",
        pattern=Qt.BrushStyle.BDiagPattern,
        underline=QTextCharFormat.UnderlineStyle.NoUnderline,
    ),
    "boilerplate": VerdictStyle(
        "boilerplate",
        "Page furniture",
        "Navigation, tags and similar text, not compared",
        "·",
        base="#B0B0B0",
        fill="#FFFFFF",
        pattern=Qt.BrushStyle.NoBrush,
        underline=QTextCharFormat.UnderlineStyle.NoUnderline,
        text="#9A9A9A",
    ),
}

LEGEND_ORDER = ("agree", "related", "contradict", "missing", "boilerplate")

# Passages that are never compared, painted like page furniture, each named for what it is.
KIND_LABELS: dict[str, str] = {
    "boilerplate": "Page furniture",
    "caption": "Photo caption",
    "byline": "Byline",
    "timestamp": "Timestamp",
    "truncated": "Cut-off line",
}


def kind_label(kind: str) -> str:
    """What a passage that is not compared is, for the legend, tooltips and details."""
    return KIND_LABELS.get(kind, kind.capitalize())


# The conflicting words inside a contradicting pair: stronger than the passage fill.
CONFLICT_FILL = "#F3A56F"
CONFLICT_UNDERLINE = "#A23B00"
# A figure that changed over time (the same measure at two stated times): not a
# contradiction, so not its colour; a dashed underline and the glyph "Δ" say it too.
UPDATE_GLYPH = "Δ"
UPDATE_LABEL = "Changed over time"
UPDATE_COLOUR = "#009E73"  # Okabe-Ito bluish green
UPDATE_FILL = "#CDEFE3"
# The passages the user selected, drawn over their verdict colour.
SELECTION_OUTLINE = "#1F1F1F"
SELECTION_FILL = "#FFE79A"
TEXT_COLOUR = "#1E1E1E"
DARK_HATCH = "#5E5E5E"  # the hatching of "only here" passages on a dark palette


def plain_text_colour() -> QColor:
    """The text colour of the application's palette (dark or light)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app.palette().color(QPalette.ColorRole.Text)
    return QColor(TEXT_COLOUR)


def is_dark(pal: QPalette | None = None) -> bool:
    """Whether a palette (default: the application's) draws light text on a dark base."""
    if pal is None:
        app = QGuiApplication.instance()
        pal = app.palette() if isinstance(app, QGuiApplication) else QPalette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def style(verdict: str) -> VerdictStyle:
    return STYLES[verdict]


def colour(name: str, alpha: int = 255) -> QColor:
    result = QColor(name)
    result.setAlpha(alpha)
    return result


def fill_brush(verdict: str) -> QBrush:
    """The background behind a passage's text: a light colour, or hatching for missing."""
    s = STYLES[verdict]
    if s.pattern == Qt.BrushStyle.BDiagPattern:
        # On a dark page the light hatching would sit over light text: darker lines there.
        hatch = QColor(DARK_HATCH) if is_dark() else QColor(s.fill)
        return QBrush(hatch, Qt.BrushStyle.BDiagPattern)
    if s.pattern == Qt.BrushStyle.NoBrush:
        return QBrush()
    return QBrush(QColor(s.fill))


_BAR_BRUSHES: dict[str, QBrush] = {}
_FORMATS: dict[tuple[str, bool], QTextCharFormat] = {}


def bar_brush(verdict: str) -> QBrush:
    """The brush for margin bars and the overview strip: strong colour with the pattern."""
    brush = _BAR_BRUSHES.get(verdict)
    if brush is None:
        brush = _BAR_BRUSHES[verdict] = _bar_brush(verdict)
    return brush


def _bar_brush(verdict: str) -> QBrush:
    s = STYLES[verdict]
    if s.pattern == Qt.BrushStyle.NoBrush:
        return QBrush(QColor(s.base), Qt.BrushStyle.Dense6Pattern)
    return QBrush(QColor(s.base), s.pattern)


def passage_format(verdict: str, passage_id: str, *, dark: bool | None = None) -> QTextCharFormat:
    """The character format of a passage's text, tagged with its verdict and id.

    ``dark``: whether the palette is dark (asked of the application when not given)."""
    key = (verdict, is_dark() if dark is None else dark)
    base = _FORMATS.get(key)
    if base is None:
        base = _FORMATS[key] = _verdict_format(verdict)
    fmt = QTextCharFormat(base)
    fmt.setProperty(PASSAGE_PROPERTY, passage_id)
    return fmt


def _verdict_format(verdict: str) -> QTextCharFormat:
    s = STYLES[verdict]
    fmt = QTextCharFormat()
    fmt.setBackground(fill_brush(verdict))
    if s.text:
        fmt.setForeground(QColor(s.text))
    else:
        fmt.setForeground(QColor(TEXT_COLOUR) if s.fill_is_solid else plain_text_colour())
    fmt.setUnderlineStyle(s.underline)
    if s.underline != QTextCharFormat.UnderlineStyle.NoUnderline:
        fmt.setUnderlineColor(QColor(s.base))
    if verdict == "boilerplate":
        fmt.setFontItalic(True)
    fmt.setProperty(VERDICT_PROPERTY, verdict)
    return fmt


def conflict_format(explanation: str) -> QTextCharFormat:
    """Merged over a contradicting passage at the conflicting words themselves."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(CONFLICT_FILL))
    fmt.setFontWeight(700)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(CONFLICT_UNDERLINE))
    fmt.setToolTip(explanation)
    fmt.setProperty(CONFLICT_PROPERTY, explanation)
    return fmt


def update_format(explanation: str) -> QTextCharFormat:
    """Merged over a figure that changed over time: a dashed underline, never the
    contradiction fill."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(UPDATE_FILL))
    fmt.setForeground(QColor(TEXT_COLOUR))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(QColor(UPDATE_COLOUR))
    fmt.setFontItalic(True)
    fmt.setToolTip(f"{UPDATE_GLYPH} {UPDATE_LABEL}: {explanation}")
    fmt.setProperty(UPDATE_PROPERTY, explanation)
    return fmt


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (what a dark desktop theme gives the window)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour_name in (
        (roles.Window, "#2B2B2B"),
        (roles.WindowText, "#EDEDED"),
        (roles.Base, "#1F1F1F"),
        (roles.AlternateBase, "#2A2A2A"),
        (roles.ToolTipBase, "#3A3A3A"),
        (roles.ToolTipText, "#EDEDED"),
        (roles.PlaceholderText, "#A0A0A0"),
        (roles.Text, "#EDEDED"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#EDEDED"),
        (roles.BrightText, "#FF6B6B"),
        (roles.Light, "#4A4A4A"),
        (roles.Midlight, "#3E3E3E"),
        (roles.Mid, "#555555"),
        (roles.Dark, "#1A1A1A"),
        (roles.Shadow, "#000000"),
        (roles.Highlight, "#3D8FD1"),
        (roles.HighlightedText, "#FFFFFF"),
        (roles.Link, "#7FB8F0"),
    ):
        pal.setColor(role, QColor(colour_name))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(disabled, role, QColor("#7A7A7A"))
    return pal
