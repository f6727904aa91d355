"""Story sessions: the articles of one story and the settings, saved as versioned JSON.

Like pair sessions (:mod:`core.session`), a story file embeds every article's full text,
title and origin, so that it reopens without the original files; it holds data only, is
written atomically (the previous file stays whole until the new one is), and a damaged or
foreign file raises :class:`core.session.SessionError` and changes nothing.  The table
itself is not stored: it is computed again from the articles, so that a newer engine
gives its newer reading.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from typing import Any

from . import __version__
from .model import Document
from .session import (
    MAX_SESSION_BYTES,
    SessionError,
    _document_to_dict,
    _get,
    _now,
    _Reader,
    _write_atomically,
)
from .settings import Settings

STORY_SCHEMA_VERSION = 1
STORY_FILE_KIND = "factcompare-story"
STORY_SUFFIX = ".factstory"


@dataclass(frozen=True)
class StorySession:
    """The articles of one story, in the order they were given, and the settings."""

    documents: tuple[Document, ...]
    settings: Settings


def story_to_json(session: StorySession) -> str:
    data: dict[str, Any] = {
        "kind": STORY_FILE_KIND,
        "schema_version": STORY_SCHEMA_VERSION,
        "engine_version": __version__,
        "saved_at": _now(),
        "articles": [_document_to_dict(document) for document in session.documents],
        "settings": {f.name: getattr(session.settings, f.name) for f in fields(Settings)},
    }
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)


def story_from_json(text: str | bytes) -> StorySession:
    """The story a story file's text describes; SessionError if it is not one."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SessionError("not a story file (it is not text)") from error
    try:
        data = json.loads(text)
    except RecursionError as error:
        raise SessionError("not a story file (nested too deeply)") from error
    except ValueError as error:
        raise SessionError(
            f"the story file is damaged or incomplete (not valid JSON: {error})"
        ) from error
    if not isinstance(data, dict) or data.get("kind") != STORY_FILE_KIND:
        raise SessionError("not a story file of this app")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionError("the story file has no valid schema version")
    if version > STORY_SCHEMA_VERSION:
        raise SessionError(
            f"the story was saved by a newer version of the app (format {version}; this "
            f"version reads format {STORY_SCHEMA_VERSION} and older); please update the app"
        )
    reader = _Reader()
    items = _get(data, "articles", list, "articles")
    documents = []
    for number, item in enumerate(items):
        where = f"articles[{number}]"
        documents.append(reader.document({where: item}, where))
    settings = reader.settings(_get(data, "settings", dict, "settings"), "settings")
    return StorySession(tuple(documents), settings)


def save_story(path: str | os.PathLike[str], session: StorySession) -> None:
    """Write the story atomically (see :func:`core.session.save_session`)."""
    _write_atomically(os.fspath(path), story_to_json(session))


def load_story(path: str | os.PathLike[str]) -> StorySession:
    """Read a story file; SessionError (naming the file) if it cannot be used."""
    name = os.fspath(path)
    try:
        if os.path.isdir(name):
            raise SessionError(f"{name}: is a folder, not a story file")
        with open(name, "rb") as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError as error:
        raise SessionError(f"{name}: no such file") from error
    except OSError as error:
        raise SessionError(f"{name}: cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(f"{name}: too large to be a story file")
    try:
        return story_from_json(data)
    except SessionError as error:
        raise SessionError(f"{name}: {error}") from error
