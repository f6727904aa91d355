"""The one way the window runs long work: a function off the GUI thread, then a callback.

A ``Worker`` is a QRunnable paired with a small QObject of signals (started, progress,
result, error, finished) and an abort flag, as in superqt/napari.  ``JobRunner`` numbers
requests: a newer request aborts the older one, and results of superseded requests are
dropped, so the window only ever shows the answer to the latest question.

The background function must never touch widgets: it receives ``should_abort`` and
``on_progress`` callables and returns a value; the callback given to ``submit`` runs on the
GUI thread with that value.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# fn(should_abort=..., on_progress=...) -> value; runs on a pool thread.
BackgroundFn = Callable[..., Any]
ResultCallback = Callable[[Any], None]


class WorkerSignals(QObject):
    """Signals of one background job; each carries the job's request id."""

    started = Signal(int)
    progress = Signal(int, str, float)  # request id, stage, fraction 0..1
    result = Signal(int, object)
    error = Signal(int, object)  # the exception
    finished = Signal(int)


class Worker(QRunnable):
    """Runs one background function, reporting through ``signals``."""

    def __init__(self, request_id: int, fn: BackgroundFn) -> None:
        super().__init__()
        # The runner keeps the Python object alive; Qt must not delete it under us.
        self.setAutoDelete(False)
        self.request_id = request_id
        self.signals = WorkerSignals()
        self._fn = fn
        self._abort = threading.Event()

    def abort(self) -> None:
        self._abort.set()

    @property
    def aborted(self) -> bool:
        return self._abort.is_set()

    def run(self) -> None:
        rid = self.request_id
        self.signals.started.emit(rid)
        try:
            value = self._fn(
                should_abort=self._abort.is_set,
                on_progress=lambda stage, fraction: self.signals.progress.emit(
                    rid, stage, float(fraction)
                ),
            )
        except Exception as error:  # noqa: BLE001 - reported to the GUI thread, not lost
            # Imported here, on the pool thread: the window shows its first frame before
            # the engine (numpy, wordfreq...) is imported, and a job that raised Cancelled
            # has imported core.compare already.
            from core.compare import Cancelled

            if isinstance(error, Cancelled):
                return  # the user (or a newer request) asked for this; nothing to report
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.error.emit(rid, error)
        else:
            # Emitted even if aborted: the runner drops it by request id, which also
            # covers functions that never look at the abort flag.
            self.signals.result.emit(rid, value)
        finally:
            self.signals.finished.emit(rid)


class JobRunner(QObject):
    """Submits background jobs; only the latest request's result reaches its callback."""

    busy_changed = Signal(bool)
    progress = Signal(str, float)
    failed = Signal(object)  # exception of the latest request
    discarded = Signal(int)  # request id whose result arrived too late and was dropped
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._latest = 0
        self._workers: dict[int, Worker] = {}
        self._callbacks: dict[int, ResultCallback] = {}

    @property
    def latest_request(self) -> int:
        return self._latest

    @property
    def busy(self) -> bool:
        return self._latest in self._workers

    def submit(self, fn: BackgroundFn, on_result: ResultCallback) -> int:
        """Run ``fn`` off the GUI thread; call ``on_result(value)`` if still the latest."""
        for worker in self._workers.values():
            worker.abort()  # superseded: stop wasting the CPU on it
        self._latest += 1
        rid = self._latest
        worker = Worker(rid, fn)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.result.connect(self._on_result)
        worker.signals.error.connect(self._on_error)
        worker.signals.finished.connect(self._on_finished)
        self._workers[rid] = worker
        self._callbacks[rid] = on_result
        self.busy_changed.emit(True)
        self._pool.start(worker)
        return rid

    def cancel(self) -> None:
        """Abort the running request; its result, if it still comes, is dropped."""
        worker = self._workers.get(self._latest)
        if worker is not None:
            worker.abort()
            self._latest += 1  # whatever it returns is now stale
            self.busy_changed.emit(False)
            self.cancelled.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job has ended (for shutdown); returns False on timeout."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        for worker in self._workers.values():
            worker.abort()
        self._pool.waitForDone(10000)

    def _on_progress(self, rid: int, stage: str, fraction: float) -> None:
        if rid == self._latest:
            self.progress.emit(stage, fraction)

    def _on_result(self, rid: int, value: object) -> None:
        callback = self._callbacks.pop(rid, None)
        if rid != self._latest or callback is None:
            self.discarded.emit(rid)
            return
        callback(value)

    def _on_error(self, rid: int, error: object) -> None:
        if rid == self._latest:
            self.failed.emit(error)
        else:
            self.discarded.emit(rid)

    def _on_finished(self, rid: int) -> None:
        self._workers.pop(rid, None)
        self._callbacks.pop(rid, None)
        if rid == self._latest:
            self.busy_changed.emit(False)
