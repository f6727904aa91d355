"""Opening a file a user names, and the error a user can fix.

Apart from core.loading, which reads articles, so that a command that only needs to open
a file of its own (``pairs`` reads rows of JSON) does not import the readers of every
article format and what they need (~0.07 s).  core.loading exports the same names.
"""

from __future__ import annotations

import os
import stat
from typing import IO


class LoadError(Exception):
    """A file that cannot be read as an article; the message is for a person."""


class NotAFileError(OSError):
    """A path that names a named pipe, a device or a socket: reading it could wait forever."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISDIR(mode):
        return "is a folder"
    return "is not a regular file"


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def open_regular_file(name: str) -> IO[bytes]:
    """``name`` opened for reading in binary mode, if it is a regular file.

    A named pipe, device or socket raises :class:`NotAFileError` (an ``OSError``): reading
    one could wait forever (a FIFO nobody writes to) or never end (``/dev/zero``).  The file
    is checked before it is opened, opened without blocking, and checked again once open.
    """
    kind = _special_kind(os.stat(name).st_mode)
    if kind:
        raise NotAFileError(kind)
    handle = open(name, "rb", opener=_nonblocking)  # noqa: SIM115 - returned to the caller
    try:
        kind = _special_kind(os.fstat(handle.fileno()).st_mode)
        if kind:
            raise NotAFileError(kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle.fileno(), True)
    except BaseException:
        handle.close()
        raise
    return handle


def one_line(error: BaseException | str) -> str:
    """An exception's (or a log message's) text on one line, not too long, for a message."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"
