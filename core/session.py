"""Sessions: two articles, the settings and the user's work, saved as versioned JSON.

A session file holds everything needed to reopen a comparison without the original files:
both articles' full text and title, where each came from (path or URL, hash of the original
bytes, when it was loaded, format, encoding, repairs), every setting, and the user's edits
(added and removed links, status overrides, notes).  It may also cache the computed
comparison; the cache is used only if it was made by the same engine version, otherwise the
comparison is computed again.  Files are data only (JSON, no pickle, no code) and are
written atomically, so that a crash or a full disk during a save never destroys the
previous file.  A damaged or foreign file raises :class:`SessionError` and changes nothing.

Recovery files (autosaves of unsaved work) live in a per-user data folder, or in
``$FACTCOMPARE_DATA_DIR/recovery`` when that variable is set.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import Any, get_args

from . import __version__
from .compare import compare
from .edits import apply_edits
from .model import (
    Comparison,
    Conflict,
    Document,
    FactKind,
    Link,
    LinkOrigin,
    LinkStatus,
    Note,
    Override,
    Passage,
    PassageKind,
    PassagePair,
    PassageRef,
    Side,
    Source,
    UserEdits,
)
from .serialize import comparison_to_dict
from .settings import Settings

SCHEMA_VERSION = 1
FILE_KIND = "factcompare-session"
SUFFIX = ".factcompare"
DATA_DIR_ENV = "FACTCOMPARE_DATA_DIR"
# A session file larger than this is not one of ours (two articles are at most a few MB).
MAX_SESSION_BYTES = 64 * 1024 * 1024


class SessionError(Exception):
    """A session file that cannot be read or written; the message is for a person."""


@dataclass(frozen=True)
class Session:
    """Two articles, the settings used, what the user did, and (optionally) the result."""

    left: Document
    right: Document
    settings: Settings
    edits: UserEdits
    comparison: Comparison | None = None  # cached computed result, if any


# ===================================================================== to JSON


def session_to_json(session: Session, *, recovery_of: str | None = None) -> str:
    """The session as the JSON text of a session file (``recovery_of``: for autosaves)."""
    data: dict[str, Any] = {
        "kind": FILE_KIND,
        "schema_version": SCHEMA_VERSION,
        "engine_version": __version__,
        "saved_at": _now(),
        "left": _document_to_dict(session.left),
        "right": _document_to_dict(session.right),
        "settings": {f.name: getattr(session.settings, f.name) for f in fields(Settings)},
        "edits": {
            "added_links": [_labels(pair) for pair in session.edits.added_links],
            "removed_links": [_labels(pair) for pair in session.edits.removed_links],
            "overrides": [[*_labels(o.pair), o.status] for o in session.edits.overrides],
            "notes": [[*_labels(n.pair), n.text] for n in session.edits.notes],
        },
        "comparison": _comparison_cache(session.comparison),
    }
    if recovery_of is not None:
        data["recovery_of"] = recovery_of
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)


def _labels(pair: PassagePair) -> list[str]:
    return [pair.left.label, pair.right.label]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _document_to_dict(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "title": document.title,
        "text": document.text,
        "source": {
            "path": source.path,
            "url": source.url,
            "sha256": source.sha256,
            "loaded_at": source.loaded_at,
            "format": source.format,
            "encoding": source.encoding,
            "repairs": list(source.repairs),
            "outlet": source.outlet,
            "published": source.published,
        },
    }


def _comparison_cache(comparison: Comparison | None) -> dict[str, Any] | None:
    """The documented comparison JSON, plus what it leaves out that a Comparison needs."""
    if comparison is None:
        return None
    data = comparison_to_dict(comparison)
    data["paragraphs"] = {
        "left": [p.paragraph for p in comparison.left_passages],
        "right": [p.paragraph for p in comparison.right_passages],
    }
    # Scores are rounded in the documented form; keep them exactly for a faithful cache.
    data["scores"] = [link.score for link in comparison.links]
    data["settings"] = {f.name: getattr(comparison.settings, f.name) for f in fields(Settings)}
    return data


# =================================================================== from JSON


def session_from_json(text: str | bytes) -> Session:
    """The session a session file's text describes; :class:`SessionError` if it is not one.

    A cached comparison made by this engine version is used as is; one made by another
    version is computed again from the articles, settings and edits.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SessionError("not a session file (it is not text)") from error
    try:
        data = json.loads(text)
    except RecursionError as error:
        raise SessionError("not a session file (nested too deeply)") from error
    except ValueError as error:
        raise SessionError(
            f"the session file is damaged or incomplete (not valid JSON: {error})"
        ) from error
    if not isinstance(data, dict) or data.get("kind") != FILE_KIND:
        raise SessionError("not a session file of this app")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SessionError("the session file has no valid schema version")
    if version > SCHEMA_VERSION:
        raise SessionError(
            f"the session was saved by a newer version of the app (format "
            f"{version}; this version reads format {SCHEMA_VERSION} and "
            "older); please update the app"
        )
    if version < 1:
        raise SessionError(f"unknown session format {version}")
    reader = _Reader()
    left = reader.document(data, "left")
    right = reader.document(data, "right")
    settings = reader.settings(_get(data, "settings", dict, "settings"), "settings")
    edits = reader.edits(_get(data, "edits", dict, "edits"))
    cache = data.get("comparison")
    comparison: Comparison | None = None
    if cache is not None:
        comparison = _cached_comparison(cache, left, right, settings)
        if comparison is None:
            comparison = apply_edits(compare(left, right, settings=settings), edits)
    return Session(left, right, settings, edits, comparison)


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise SessionError(f"the session file is missing '{where}'")
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise SessionError(f"the session file has a wrong value for '{where}'")
    return value


def _optional_str(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise SessionError(f"the session file has a wrong value for '{where}'")
    return value


def _strings(value: Any, size: int, where: str) -> tuple[str, ...]:
    if not (
        isinstance(value, list)
        and len(value) == size
        and all(isinstance(item, str) for item in value)
    ):
        raise SessionError(f"the session file has a wrong entry in '{where}'")
    return tuple(value)


class _Reader:
    """Checks each part of a session file's data and builds the model from it."""

    def document(self, data: dict[str, Any], side: str) -> Document:
        part = _get(data, side, dict, side)
        text = _get(part, "text", str, f"{side}.text")
        title = _optional_str(part, "title", f"{side}.title")
        raw = _get(part, "source", dict, f"{side}.source")
        where = f"{side}.source"
        repairs = raw.get("repairs", [])
        if not isinstance(repairs, list) or not all(isinstance(r, str) for r in repairs):
            raise SessionError(f"the session file has a wrong value for '{where}.repairs'")
        source = Source(
            path=_optional_str(raw, "path", f"{where}.path"),
            url=_optional_str(raw, "url", f"{where}.url"),
            sha256=_get(raw, "sha256", str, f"{where}.sha256"),
            loaded_at=_get(raw, "loaded_at", str, f"{where}.loaded_at"),
            format=_get(raw, "format", str, f"{where}.format"),
            encoding=_optional_str(raw, "encoding", f"{where}.encoding"),
            repairs=tuple(repairs),
            outlet=_optional_str(raw, "outlet", f"{where}.outlet"),  # absent in older files
            published=_optional_str(raw, "published", f"{where}.published"),
        )
        return Document(text=text, title=title, source=source)

    def settings(self, raw: dict[str, Any], where: str) -> Settings:
        """Settings as saved; a setting the file lacks (added in a later release of the
        engine) keeps its default, so older sessions still open."""
        defaults = Settings()
        values: dict[str, Any] = {}
        for field in fields(Settings):
            if field.name not in raw:
                continue
            value = raw[field.name]
            default = getattr(defaults, field.name)
            if not _same_kind(value, default):
                raise SessionError(f"the session file has a wrong value for '{where}.{field.name}'")
            values[field.name] = float(value) if isinstance(default, float) else value
        return Settings(**values)

    def edits(self, raw: dict[str, Any]) -> UserEdits:
        overrides = []
        for item in _get(raw, "overrides", list, "edits.overrides"):
            left, right, status = _strings(item, 3, "edits.overrides")
            overrides.append(Override(_pair_of(left, right, "edits.overrides"), _status(status)))
        notes = []
        for item in _get(raw, "notes", list, "edits.notes"):
            left, right, text = _strings(item, 3, "edits.notes")
            notes.append(Note(_pair_of(left, right, "edits.notes"), text))
        return UserEdits(
            added_links=tuple(
                _pair(item, "edits.added_links")
                for item in _get(raw, "added_links", list, "edits.added_links")
            ),
            removed_links=tuple(
                _pair(item, "edits.removed_links")
                for item in _get(raw, "removed_links", list, "edits.removed_links")
            ),
            overrides=tuple(overrides),
            notes=tuple(notes),
        )


def _status(status: str) -> LinkStatus:
    for known in get_args(LinkStatus):
        if status == known:
            return known  # type: ignore[no-any-return]
    raise SessionError(f"the session file has an unknown link status '{status}'")


def _pair(item: Any, where: str) -> PassagePair:
    left, right = _strings(item, 2, where)
    return _pair_of(left, right, where)


def _pair_of(left: str, right: str, where: str) -> PassagePair:
    """A pair from its two labels ("L3", "R5"): the left label first."""
    try:
        pair = PassagePair(PassageRef.parse(left), PassageRef.parse(right))
    except ValueError as error:
        raise SessionError(f"the session file has a wrong passage in '{where}'") from error
    if pair.left.side != "left" or pair.right.side != "right":
        raise SessionError(f"the session file has a wrong passage in '{where}'")
    return pair


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and math.isfinite(value)
    return type(value) is type(default)


# ------------------------------------------------------------- the comparison cache


def _cached_comparison(
    cache: Any, left: Document, right: Document, settings: Settings
) -> Comparison | None:
    """The cached comparison, or None when it must be computed again.

    The cache is derived data: one made by another engine version, for other settings or
    other texts, or that does not hold together is recomputed rather than refused.
    """
    if not isinstance(cache, dict) or cache.get("engine") != __version__:
        return None
    try:
        if _Reader().settings(cache["settings"], "comparison.settings") != settings:
            return None
        left_passages = _passages(cache["left"], cache["paragraphs"]["left"], left, "left")
        right_passages = _passages(cache["right"], cache["paragraphs"]["right"], right, "right")
        scores = cache["scores"]
        if len(scores) != len(cache["links"]):
            return None
        links = tuple(_link(raw, score) for raw, score in zip(cache["links"], scores, strict=False))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, SessionError):
        return None
    known = {p.ref for p in left_passages} | {p.ref for p in right_passages}
    if any(not {link.left, link.right} <= known for link in links):
        return None
    return Comparison(
        left, right, left_passages, right_passages, links, settings, engine_version=__version__
    )


def _passages(side: Any, paragraphs: Any, document: Document, which: Side) -> tuple[Passage, ...]:
    if side["sha256"] != document.source.sha256 or side["title"] != document.title:
        raise ValueError("the cache is of another document")
    raw = side["passages"]
    if len(raw) != len(paragraphs):
        raise ValueError("paragraph list does not match")
    kinds = get_args(PassageKind)
    passages = []
    for index, (item, paragraph) in enumerate(zip(raw, paragraphs, strict=False)):
        start, end = item["start"], item["end"]
        if not all(type(v) is int for v in (start, end, paragraph)) or item["kind"] not in kinds:
            raise ValueError("bad passage")
        if not 0 <= start <= end <= len(document.text) or document.text[start:end] != item["text"]:
            raise ValueError("the passage is not in the text")
        passages.append(
            Passage(
                ref=PassageRef(which, index),
                start=start,
                end=end,
                text=item["text"],
                kind=item["kind"],
                paragraph=paragraph,
            )
        )
    return tuple(passages)


def _link(raw: dict[str, Any], score: Any) -> Link:
    if raw["status"] not in get_args(LinkStatus) or raw.get("origin", "auto") not in get_args(
        LinkOrigin
    ):
        raise ValueError("bad link")
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        raise ValueError("bad score")
    return Link(
        left=_only(raw["left"], "left"),
        right=_only(raw["right"], "right"),
        status=raw["status"],
        score=float(score),
        conflicts=tuple(_conflict(item) for item in raw["conflicts"]),
        origin=raw.get("origin", "auto"),
        note=str(raw.get("note", "")),
        overridden=bool(raw.get("overridden", False)),
    )


def _only(labels: Any, side: Side) -> PassageRef:
    """The one passage a cached link names on one side; a ValueError otherwise."""
    if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
        raise ValueError("bad link")
    ref = PassageRef.parse(labels[0])
    if ref.side != side:
        raise ValueError("bad link")
    return ref


def _conflict(raw: dict[str, Any]) -> Conflict:
    if raw["kind"] not in get_args(FactKind):
        raise ValueError("bad conflict kind")
    spans = []
    for key in ("left_start", "left_end", "right_start", "right_end"):
        value = raw.get(key, -1)
        if type(value) is not int:
            raise ValueError("bad span")
        spans.append(value)
    relation = str(raw.get("relation", "conflict"))
    if relation not in ("conflict", "update"):
        raise ValueError("bad conflict relation")
    left_start, left_end, right_start, right_end = spans
    return Conflict(
        kind=raw["kind"],
        left=str(raw["left"]),
        right=str(raw["right"]),
        explanation=str(raw["explanation"]),
        left_start=left_start,
        left_end=left_end,
        right_start=right_start,
        right_end=right_end,
        measure=str(raw.get("measure", "")),
        relation=relation,
        scope=str(raw.get("scope", "")),
        time=str(raw.get("time", "")),
    )


# ================================================================== files on disk


def save_session(path: str | os.PathLike[str], session: Session) -> None:
    """Write ``session`` to ``path`` atomically: the old file stays whole until the new one is.

    The text goes to a temporary file in the same folder, is flushed to the disk, and only
    then replaces the old file in one step (``os.replace``).
    """
    _write_atomically(os.fspath(path), session_to_json(session))


def _write_atomically(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    data = text.encode("utf-8")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
    except OSError as error:
        raise SessionError(f"{path}: cannot save here ({error.strerror or error})") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise SessionError(
                f"{path}: could not be saved ({error.strerror or error}); "
                "the previous file is unchanged"
            ) from error
        raise
    _sync_folder(folder)


def _copy_mode(path: str, temporary: str) -> None:
    """Give the new file the old one's permissions (mkstemp makes it private to the user)."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable where the system allows it (POSIX)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read a session file; :class:`SessionError` (naming the file) if it cannot be used."""
    name = os.fspath(path)
    try:
        if os.path.isdir(name):
            raise SessionError(f"{name}: is a folder, not a session file")
        with open(name, "rb") as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError as error:
        raise SessionError(f"{name}: no such file") from error
    except OSError as error:
        raise SessionError(f"{name}: cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(f"{name}: too large to be a session file")
    try:
        return session_from_json(data)
    except SessionError as error:
        raise SessionError(f"{name}: {error}") from error


# ====================================================================== recovery

_RECOVERY_SUFFIX = ".recovery.json"


def recovery_dir() -> str:
    """The folder of recovery files: ``$FACTCOMPARE_DATA_DIR/recovery`` or the user's data
    folder (``~/.local/share/factcompare/recovery`` on Linux)."""
    base = os.environ.get(DATA_DIR_ENV)
    if not base:
        from platformdirs import user_data_dir

        base = user_data_dir("factcompare", appauthor=False)
    return os.path.join(base, "recovery")


def recovery_path(session_path: str | None) -> str:
    """Where the autosave of a session is kept: one file per session file, one for untitled.

    >>> os.path.basename(recovery_path(None))
    'untitled.recovery.json'
    """
    if session_path is None:
        stem = "untitled"
    else:
        absolute = os.path.abspath(session_path)
        digest = hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        base = os.path.splitext(os.path.basename(absolute))[0] or "session"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in base)[:40]
        stem = f"{safe}-{digest}"
    return os.path.join(recovery_dir(), stem + _RECOVERY_SUFFIX)


def write_recovery(session: Session, session_path: str | None) -> str:
    """Autosave ``session`` (unsaved work on ``session_path``, None if untitled); its path."""
    path = recovery_path(session_path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError as error:
        raise SessionError(
            f"{path}: cannot create the recovery folder ({error.strerror or error})"
        ) from error
    _write_atomically(path, session_to_json(session, recovery_of=session_path))
    return path


def find_recovery() -> list[str]:
    """Recovery files left by an earlier run (newest first), e.g. after a crash."""
    folder = recovery_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = [os.path.join(folder, n) for n in names if n.endswith(_RECOVERY_SUFFIX)]
    return sorted(found, key=_mtime, reverse=True)


def _mtime(path: str) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0


def recovery_origin(path: str) -> str | None:
    """The session file a recovery file holds unsaved work for (None: an untitled session)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as error:
        raise SessionError(f"{path}: cannot be read as a recovery file") from error
    origin = data.get("recovery_of") if isinstance(data, dict) else None
    return origin if isinstance(origin, str) else None


def discard_recovery(path: str) -> None:
    """Delete a recovery file (after the work was saved, or the user declined it)."""
    folder = os.path.realpath(recovery_dir())
    target = os.path.realpath(path)
    if os.path.dirname(target) != folder or not target.endswith(_RECOVERY_SUFFIX):
        raise SessionError(f"{path}: is not a recovery file")
    with contextlib.suppress(FileNotFoundError):
        os.remove(target)
