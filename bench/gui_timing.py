"""How fast the window answers on long articles: drop to painted, one scroll step, one click.

    python bench/gui_timing.py                    # 1k, 20k and 50k words a side
    python bench/gui_timing.py --words 20000 --runs 5

Articles of the asked length are made from the corpus: copies of its articles, each copy's
names made distinct (so that copy k of the left article matches copy k of the right one,
as two versions of one long story would), the right side with some paragraphs dropped and
some numbers changed.  For each size, in one offscreen window (1600×1000):

* engine: ``compare`` alone (what the worker thread does), the yardstick; timed once,
  cold (repeated runs of the same pair find the engine's caches warm);
* drop to painted: from the engine's result arriving on the GUI thread until both texts,
  the gutter, the overview strips and the findings are painted (``show_result`` plus the
  paint events it causes);
* scroll step: three lines down in the left article, until painted (with synchronised
  scrolling on, so the right article and the gutter follow);
* click: selecting a passage in the middle (details, highlights, the other side scrolled);
* edit: a note on the selected pair (the comparison with the edit, repainted).

Medians (with min and max) of ``--runs`` repetitions, in wall-clock time and in CPU time
of the GUI thread (``time.thread_time``: on a shared, busy machine the wall time also
counts waiting for a CPU); write them to docs/gui.md by hand.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))
sys.path.insert(0, str(ROOT))
LETTERS = "bcdfghjklmnpqrstvwxz"


def _tag(number: int) -> str:
    out, number = "", number + 1
    while number:
        number, rest = divmod(number, len(LETTERS))
        out += LETTERS[rest]
    return out


def article_pair(words: int, seed: int = 1) -> tuple[str, str]:
    """Two long articles of about ``words`` words each (see the module's docstring)."""
    texts = [path.read_text(encoding="utf-8") for path in CORPUS]
    left: list[str] = []
    count = 0
    while count < words:
        suffix = _tag(len(left))
        text = re.sub(
            r"\b([A-Z][a-z]{2,})\b",
            lambda m, s=suffix: m.group(1) + s,
            texts[len(left) % len(texts)],
        )
        left.append(text)
        count += len(text.split())
    rnd = random.Random(seed)
    right = []
    for text in left:
        kept = [p for p in text.split("\n\n") if rnd.random() > 0.15]
        kept = [
            re.sub(r"\d+", lambda m: str(int(m.group()) + 1), p) if rnd.random() < 0.1 else p
            for p in kept
        ]
        right.append("\n\n".join(kept))
    return "\n\n".join(left), "\n\n".join(right)


def _median_row(name: str, words: int, times: list[tuple[float, float]]) -> str:
    wall = [t[0] * 1000 for t in times]
    cpu = [t[1] * 1000 for t in times]
    return (
        f"| {name} | {words:,} | {len(wall)} | {statistics.median(cpu):.1f} | "
        f"{statistics.median(wall):.1f} | {min(wall):.1f} | {max(wall):.1f} |"
    )


def measure(words: int, runs: int) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from core.compare import compare
    from core.model import Document
    from core.settings import Settings
    from gui.app import WINDOW_SIZE, make_application
    from gui.main_window import MainWindow

    app = make_application()
    assert isinstance(app, QApplication)
    left_text, right_text = article_pair(words)
    left, right = Document(left_text, "Left"), Document(right_text, "Right")
    folder = tempfile.mkdtemp()
    os.environ["FACTCOMPARE_DATA_DIR"] = folder
    window = MainWindow(store=QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
    window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()

    def timed(action: Callable[[], object]) -> tuple[float, float]:
        """(wall, CPU of this thread) seconds: on a busy machine the CPU time is what the
        work costs, the wall time what the user waited."""
        start, cpu = time.perf_counter(), time.thread_time()
        action()
        app.processEvents()  # the paint events the action caused
        return time.perf_counter() - start, time.thread_time() - cpu

    engine: list[tuple[float, float]] = []
    shown: list[tuple[float, float]] = []
    scroll: list[tuple[float, float]] = []
    click: list[tuple[float, float]] = []
    edit: list[tuple[float, float]] = []
    base = None
    for run in range(runs):
        start, cpu = time.perf_counter(), time.thread_time()
        base = compare(left, right, settings=Settings())
        if run == 0:  # later runs find the engine's caches warm: not what a drop costs
            engine.append((time.perf_counter() - start, time.thread_time() - cpu))
        window.show_result(base, window.edits, modified=False)  # the text is new each time:
        window.left.text._painted_text = None  # forget it, as a drop of new files would
        window.right.text._painted_text = None
        window.show_result(compare(right, left, settings=Settings()), window.edits, modified=False)
        app.processEvents()
        shown.append(timed(lambda b=base: window.show_result(b, window.edits, modified=False)))
    assert base is not None
    # Qt lays a long text out in idle chunks after it is shown; let that finish first, so
    # that a scroll step is timed alone (the first second's scrolling shares the CPU).
    for side in ("left", "right"):
        window.view(side).document_height()  # type: ignore[arg-type]
    app.processEvents()
    bar = window.view("left").verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    app.processEvents()
    for _ in range(max(runs, 10)):
        scroll.append(timed(lambda: bar.setValue(bar.value() + 3 * bar.singleStep())))
    middle = base.links[len(base.links) // 2] if base.links else None
    for number in range(runs):
        if middle is not None:
            click.append(timed(lambda m=middle: window.select_passage(m.left)))
            edit.append(timed(lambda n=number: window.note_current(f"checked {n}")))
    window.set_modified(False)
    window.close()
    rows = [
        _median_row("engine (compare, worker thread, cold)", words, engine),
        _median_row("result to painted (GUI thread)", words, shown),
        _median_row("scroll step, synchronised", words, scroll),
    ]
    if click:
        rows.append(_median_row("click a passage", words, click))
        rows.append(_median_row("hand edit (note)", words, edit))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 20000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print("| measurement | words a side | runs | median CPU ms | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for words in args.words:
        for row in measure(words, args.runs):
            print(row, flush=True)


if __name__ == "__main__":
    main()
