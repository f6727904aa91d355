"""The one worker pattern: off the GUI thread, latest request wins, errors reported."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from core.compare import Cancelled
from gui.worker import JobRunner

WAIT_MS = 10_000


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    runner = JobRunner()
    threads: dict[str, object] = {}
    got: list[object] = []

    def job(*, should_abort, on_progress):
        threads["job"] = QThread.currentThread()
        on_progress("half", 0.5)
        return 42

    def done(value: object) -> None:
        threads["callback"] = QThread.currentThread()
        got.append(value)

    with qtbot.waitSignal(runner.progress, timeout=WAIT_MS) as progress:
        runner.submit(job, done)
    assert progress.args == ["half", 0.5]
    qtbot.waitUntil(lambda: got == [42], timeout=WAIT_MS)
    assert threads["callback"] is QThread.currentThread()
    assert threads["job"] is not threads["callback"]
    runner.shutdown()


def test_a_superseded_result_is_discarded(qtbot) -> None:
    runner = JobRunner()
    release = threading.Event()
    got: list[str] = []

    def slow(*, should_abort, on_progress):
        release.wait(WAIT_MS / 1000)  # ignores the abort flag on purpose
        return "old"

    def fast(*, should_abort, on_progress):
        return "new"

    first = runner.submit(slow, got.append)
    second = runner.submit(fast, got.append)
    qtbot.waitUntil(lambda: got == ["new"], timeout=WAIT_MS)
    with qtbot.waitSignal(runner.discarded, timeout=WAIT_MS) as discarded:
        release.set()
    assert discarded.args == [first]
    assert got == ["new"]
    assert runner.latest_request == second
    runner.shutdown()


def test_cancel_stops_a_job_and_drops_it(qtbot) -> None:
    runner = JobRunner()
    started = threading.Event()
    got: list[object] = []
    failures: list[object] = []
    runner.failed.connect(failures.append)

    def cooperative(*, should_abort, on_progress):
        started.set()
        while not should_abort():
            QThread.msleep(5)
        raise Cancelled("stopped")

    runner.submit(cooperative, got.append)
    assert started.wait(WAIT_MS / 1000)
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT_MS):
        runner.cancel()
    assert runner.wait(WAIT_MS)
    assert not runner.busy
    assert got == [] and failures == []


def test_errors_reach_the_gui_and_not_the_callback(qtbot) -> None:
    runner = JobRunner()
    got: list[object] = []

    def broken(*, should_abort, on_progress):
        raise ValueError("bad input")

    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as failed:
        runner.submit(broken, got.append)
    assert isinstance(failed.args[0], ValueError)
    assert got == []
    runner.shutdown()
