"""One recovery file per window: autosaves of unsaved work that survive a crash.

Each window writes its own file (named by process and window number), so two untitled
windows never write over each other's work.  The file is a session file with
``recovery_of`` naming the session it belongs to (absent while untitled).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from pathlib import Path

from core.session import (
    Session,
    SessionError,
    discard_recovery,
    recovery_dir,
    session_to_json,
)

_windows = itertools.count(1)
SUFFIX = ".recovery.json"


class RecoveryFile:
    """Where one window autosaves; written atomically, removed when the work is safe."""

    def __init__(self) -> None:
        self.name = f"window-{os.getpid()}-{next(_windows)}{SUFFIX}"
        self.written: str | None = None  # the path, once something was written

    @property
    def path(self) -> str:
        return os.path.join(recovery_dir(), self.name)

    def write(self, session: Session, save_path: Path | None) -> str:
        path = self.path
        origin = str(save_path) if save_path is not None else None
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            text = session_to_json(session, recovery_of=origin)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except OSError as error:
            raise SessionError(f"{path}: cannot write ({error.strerror or error})") from error
        self.written = path
        return path

    def adopt(self, path: str) -> None:
        """Take over a recovery file restored from an earlier run (removed once saved)."""
        self.discard()
        self.written = path

    def discard(self) -> None:
        if self.written:
            with contextlib.suppress(SessionError):
                discard_recovery(self.written)
            self.written = None
