"""Files and bytes in, Documents out; every problem a user can cause becomes a LoadError."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

import charset_normalizer
import ftfy

from .model import Document, Source

MAX_BYTES = 20 * 1024 * 1024  # larger than any article; protects memory and the UI


class LoadError(Exception):
    """A file that cannot be read as an article; the message is for a person."""


def load_path(path: str | os.PathLike[str]) -> Document:
    """Read a file from disk into a Document."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise LoadError(f"{name}: no such file")
    if os.path.isdir(name):
        raise LoadError(f"{name}: is a folder, not a file")
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise LoadError(f"{name}: cannot be read ({error.strerror or error})") from error
    return load_bytes(data, name=name)


def load_bytes(data: bytes, *, name: str) -> Document:
    """Decode the bytes of a text file, repairing mojibake."""
    if len(data) > MAX_BYTES:
        raise LoadError(f"{name}: too large for an article (over {MAX_BYTES // 2**20} MB)")
    if not data.strip():
        raise LoadError(f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise LoadError(f"{name}: looks like a binary file, not text")
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise LoadError(f"{name}: the text encoding could not be recognised")
    text = ftfy.fix_text(str(best), normalization="NFC")
    source = Source(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        loaded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        format="text",
        encoding=best.encoding,
    )
    return Document(text=text, title=None, source=source)
