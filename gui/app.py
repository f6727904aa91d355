"""Start the window: ``run_app(args)`` is what ``python main.py [LEFT RIGHT]`` calls.

python main.py                          the sample comparison from corpus/
python main.py LEFT RIGHT               two files (or URLs)
python main.py --story FILES...       the Story window (also for three or more files)
python main.py [LEFT RIGHT] --screenshot FILE.png
                                        render offscreen, save the picture, exit
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
WINDOW_SIZE = (1600, 1000)
SCREENSHOT_TIMEOUT_MS = 60_000


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Compare two articles.")
    parser.add_argument(
        "files",
        nargs="*",
        metavar="LEFT RIGHT",
        help="two articles (files or URLs); none: the sample comparison",
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        help="render the window offscreen with the comparison, save, exit",
    )
    parser.add_argument("--session", metavar="FILE", help="open a saved session")
    parser.add_argument(
        "--dark", action="store_true", help="use a dark palette (whatever the desktop's)"
    )
    parser.add_argument(
        "--story", action="store_true", help="open the files in the Story window (3+ files do)"
    )
    parsed = parser.parse_args(args)
    parsed.story = parsed.story or len(parsed.files) > 2
    if not parsed.story and len(parsed.files) not in (0, 2):
        parser.error("give two articles (LEFT RIGHT), or none for the sample comparison")
    return parsed


def style_sheet() -> str:
    path = RESOURCES / "style.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def apply_look(app: object, *, dark: bool = False) -> None:
    """Fusion, the style sheet (palette roles only), and a dark palette if asked."""
    from PySide6.QtWidgets import QApplication

    from .palette import dark_palette

    assert isinstance(app, QApplication)
    app.setStyle("Fusion")  # the same look on every platform, and offscreen
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(style_sheet())


def make_application(*, dark: bool = False) -> object:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "factcompare"])
    app.setOrganizationName("FactCompare")
    app.setApplicationName("FactCompare")
    app.setApplicationDisplayName("FactCompare")
    icon = RESOURCES / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if dark:
        apply_look(app, dark=True)
    else:  # keep the desktop's palette (dark or light): the style sheet follows it
        app.setStyle("Fusion")
        app.setStyleSheet(style_sheet())
    return app


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's note that it cannot size windows: it is not the user's
    problem, and it would be the only line a successful --screenshot prints."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode: object, context: object, message: str) -> None:
        if "does not support propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def run_app(args: list[str]) -> int:
    parsed = parse_args(args)
    if parsed.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _quiet_offscreen_warnings()
    if parsed.story:
        from .story_window import run_story

        return run_story(make_application(dark=parsed.dark), parsed.files, parsed.screenshot)
    from .main_window import MainWindow

    app = make_application(dark=parsed.dark)
    window = MainWindow()
    if parsed.screenshot or window.store.value("window/geometry") is None:
        window.resize(*WINDOW_SIZE)
    if not parsed.screenshot:
        window.fit_to_screen()  # a 1366×768 screen shows the whole window, panels included
    window.remember_geometry = not parsed.screenshot
    if not parsed.screenshot:
        window.show()
        # The first frame before the first job: the job imports the engine on the worker
        # thread, and that import would hold the interpreter while the window is painted.
        app.processEvents()  # type: ignore[attr-defined]
    if parsed.session:
        window.open_session(parsed.session)
    elif parsed.files:
        window.open_pair(parsed.files[0], parsed.files[1])
    else:
        window.open_default()
    if parsed.screenshot:
        return screenshot(window, parsed.screenshot)
    offer_recovery(window)
    return app.exec()  # type: ignore[attr-defined, no-any-return]


def offer_recovery(window: object) -> None:
    """Offer unsaved work of an earlier run back; a recovery file that cannot be read is
    set aside and reported (stderr and status bar), and never stops the window starting."""
    from core.session import find_recovery

    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    problems: list[str] = []
    try:
        find_recovery(problems)  # sets damaged files aside before the window looks
        window.offer_recovery()
    except Exception as error:  # noqa: BLE001 - a bad file must not stop the start
        problems.append(f"unsaved work of an earlier run could not be offered ({error})")
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if problems:
        window.statusBar().showMessage(f"Recovery file skipped: {problems[0]}", 15000)


def screenshot(window: object, path: str) -> int:
    """Wait for the comparison, render the window to ``path``; 0 on success."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    loop = QEventLoop()
    outcome: dict[str, str] = {}
    window.comparison_shown.connect(loop.quit)
    window.message_shown.connect(
        lambda level, text: (outcome.update(error=text), loop.quit()) if level == "error" else None
    )
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    window.show()
    if window.comparison is None:
        loop.exec()
    if window.sample_pending:  # a likely sample pair is shown: picture the chosen one
        window.sample_chosen.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        loop.exec()
    if window.comparison is None:
        print(
            f"error: {outcome.get('error', 'the comparison did not finish in time')}",
            file=sys.stderr,
        )
        return 1
    _select_showcase(window)
    for _ in range(5):  # let layout and the gutter settle before grabbing
        QApplication.processEvents()
    if not window.grab().save(path):
        print(f"error: {path}: cannot write the picture", file=sys.stderr)
        return 1
    window.set_modified(False)  # nothing to save: the screenshot changed nothing
    window.close()
    return 0


def _select_showcase(window: object) -> None:
    """Select the pair most worth a look (a contradiction, else the best link)."""
    from .main_window import MainWindow

    assert isinstance(window, MainWindow) and window.comparison is not None
    links = window.comparison.contradictions() or tuple(
        sorted(window.comparison.links, key=lambda link: -link.score)
    )
    if links:
        window.select_passage(links[0].left, links[0].pair)  # that pair, not the first
