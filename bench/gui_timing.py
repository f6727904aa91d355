"""How fast the window answers: launch to the first painted comparison, drop to colours.

    python bench/gui_timing.py              # 5 launches, 10 drops (offscreen)
    python bench/gui_timing.py --runs 9 --drops 20

* launch: a fresh process starts the window as ``python main.py`` does (Qt start, the
  default pair chosen by comparing all ten corpus pairs, painting), timed from spawning the
  process until the window has painted the comparison; each launch uses a throwaway
  settings file.  ``main.py --screenshot`` is timed too (same work plus grabbing a PNG).
* drop: in one running window, a corpus file is dropped on the right article (a real
  DragEnter + Drop event); timed from the drop until the new comparison is painted.
  Two files alternate so that every drop changes the article.

Results are medians (with min and max); write them to docs/gui.md by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
sys.path.insert(0, str(ROOT))


def _window(settings_dir: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from gui.app import WINDOW_SIZE, make_application
    from gui.main_window import MainWindow

    app = make_application()
    window = MainWindow(
        store=QSettings(os.path.join(settings_dir, "s.ini"), QSettings.Format.IniFormat)
    )
    window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
    window.resize(*WINDOW_SIZE)
    return app, window


def _wait_painted(window) -> None:  # type: ignore[no-untyped-def]
    """Block until the window shows a new comparison, then paint it synchronously."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    window.comparison_shown.connect(loop.quit)
    window.runner.failed.connect(loop.quit)
    loop.exec()
    window.comparison_shown.disconnect(loop.quit)
    window.runner.failed.disconnect(loop.quit)
    window.repaint()


def child_launch() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FACTCOMPARE_DATA_DIR"] = folder
        _app, window = _window(folder)
        window.show()
        window.open_default()
        _wait_painted(window)
        print("PAINTED", flush=True)
        window.close()


def child_drops(count: int) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as folder:
        os.environ["FACTCOMPARE_DATA_DIR"] = folder
        _app, window = _window(folder)
        window.show()
        window.open_pair(str(CORPUS[0]), str(CORPUS[1]))
        _wait_painted(window)
        target = window.view("right").viewport()
        for number in range(count):
            mime = QMimeData()
            mime.setUrls([QUrl.fromLocalFile(str(CORPUS[2 + number % 2]))])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                enter = QDragEnterEvent(
                    QPoint(30, 30),
                    Qt.DropAction.CopyAction,
                    mime,
                    Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier,
                )
            drop = QDropEvent(
                QPointF(30, 30),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
            start = time.perf_counter()
            QApplication.sendEvent(target, enter)
            QApplication.sendEvent(target, drop)
            _wait_painted(window)
            print(f"DROP {time.perf_counter() - start:.6f}", flush=True)
        window.close()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def time_launches(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", "launch"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=_env(),
        )
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("PAINTED"):
                times.append(time.perf_counter() - start)
                break
        process.wait(timeout=120)
    return times


def time_screenshots(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        env = _env()
        env["FACTCOMPARE_DATA_DIR"] = folder
        env["XDG_CONFIG_HOME"] = folder  # keep the user's QSettings untouched
        for number in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "main.py", "--screenshot", os.path.join(folder, f"{number}.png")],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=120,
            )
            times.append(time.perf_counter() - start)
    return times


def time_drops(count: int) -> list[float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", "drops", str(count)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return [
        float(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("DROP")
    ]


def _row(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="launches to time")
    parser.add_argument("--drops", type=int, default=10, help="drops to time")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.child[0] == "launch":
            child_launch()
        else:
            child_drops(int(args.child[1]))
        return
    print("| measurement | runs | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    print(
        _row("launch to first painted comparison (python main.py)", time_launches(args.runs)),
        flush=True,
    )
    print(_row("main.py --screenshot, whole process", time_screenshots(args.runs)), flush=True)
    print(_row("drop a file to the coloured view", time_drops(args.drops)), flush=True)


if __name__ == "__main__":
    main()
