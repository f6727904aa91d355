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
import re
import secrets
import stat
import tempfile
import time
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, get_args

from . import __version__
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

if TYPE_CHECKING:  # compare and loading are imported where used: the window's first frame
    from .compare import AbortCheck  # needs this module, not numpy, wordfreq or ftfy


def compare(left: Document, right: Document, **options: Any) -> Comparison:
    """``core.compare.compare``, imported on first use (a stale cache), not with this
    module: the window imports it before its first frame."""
    from .compare import compare as run

    return run(left, right, **options)


SCHEMA_VERSION = 1
FILE_KIND = "factcompare-session"
SUFFIX = ".factcompare"
DATA_DIR_ENV = "FACTCOMPARE_DATA_DIR"
# A session file larger than this is not one of ours (two articles are at most a few MB).
MAX_SESSION_BYTES = 64 * 1024 * 1024
# Each setting must lie in this range (all of them are thresholds, weights or fractions);
# the three signal weights must not all be 0 (they are divided by their sum).
SETTING_RANGE = (0.0, 1.0)
# Temporary files of an interrupted save (``.<name>.XXXXXXXX.tmp``) older than this are
# deleted by the next save into the same folder; a younger one may be another save's.
STALE_TEMPORARY_SECONDS = 15 * 60


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
    try:
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        raise SessionError(f"the session cannot be written ({error})") from error
    # A lone surrogate (a file name that is not valid UTF-8) cannot be encoded as UTF-8;
    # written as a JSON escape it reads back as the same character.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def session_from_json(text: str | bytes, *, should_abort: AbortCheck | None = None) -> Session:
    """The session a session file's text describes; :class:`SessionError` if it is not one.

    A cached comparison made by this engine version is used as is; one made by another
    version (or one that does not hold together) is computed again from the articles,
    settings and edits, and ``should_abort`` can stop that as it stops ``compare``
    (:class:`core.compare.Cancelled`).
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SessionError("not a session file (it is not text)") from error
    if len(text) > MAX_SESSION_BYTES:
        raise SessionError("too large to be a session file")
    try:
        data = json.loads(text)
    except RecursionError as error:
        raise SessionError("not a session file (nested too deeply)") from error
    except ValueError as error:  # also a number of more than 4,300 digits
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
            comparison = apply_edits(
                compare(left, right, settings=settings, should_abort=should_abort), edits
            )
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
        from .loading import MAX_TEXT_CHARS, stream_safe

        part = _get(data, side, dict, side)
        text = _get(part, "text", str, f"{side}.text")
        if len(text) > MAX_TEXT_CHARS:
            raise SessionError(
                f"the {side} article is too long (over {MAX_TEXT_CHARS:,} characters)"
            )
        title = _optional_str(part, "title", f"{side}.title")
        raw = _get(part, "source", dict, f"{side}.source")
        where = f"{side}.source"
        repairs = raw.get("repairs", [])
        if not isinstance(repairs, list) or not all(isinstance(r, str) for r in repairs):
            raise SessionError(f"the session file has a wrong value for '{where}.repairs'")
        # A lone surrogate is not a character: nothing could show, save or export it.  It
        # becomes U+FFFD (one character for one, so the passages' offsets still fit).
        text, bad = _LONE_SURROGATE.subn("\ufffd", text)
        if title is not None:
            title, bad_title = _LONE_SURROGATE.subn("\ufffd", title)
            bad += bad_title
        if bad:
            repairs = [*repairs, f"replaced {bad} invalid character(s) (lone surrogates) with �"]
        text, runs = stream_safe(text)  # a million combining marks would take hours
        if runs:
            repairs = [*repairs, f"broke {runs} over-long run(s) of combining marks"]
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
        engine) keeps its default, so older sessions still open.  Every number must lie
        in SETTING_RANGE, and the signal weights must not all be 0."""
        defaults = Settings()
        values: dict[str, Any] = {}
        low, high = SETTING_RANGE
        for field in fields(Settings):
            if field.name not in raw:
                continue
            value = raw[field.name]
            default = getattr(defaults, field.name)
            if not _same_kind(value, default):
                raise SessionError(f"the session file has a wrong value for '{where}.{field.name}'")
            if isinstance(default, float):
                value = float(value)
                if not low <= value <= high:
                    raise SessionError(
                        f"the session file has '{where}.{field.name}' = {_short(value)}; "
                        f"it must be between {low:g} and {high:g}"
                    )
            values[field.name] = value
        settings = Settings(**values)
        weights = [
            getattr(settings, f.name) for f in fields(Settings) if f.name.startswith("weight_")
        ]
        if weights and not sum(weights) > 0:
            raise SessionError(f"the session file sets every weight in '{where}' to 0")
        return settings

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
        if isinstance(value, int):
            return abs(value) <= 2**53  # a larger integer is no setting (nor a float)
        return isinstance(value, float) and math.isfinite(value)
    return type(value) is type(default)


def _short(value: float) -> str:
    text = f"{value:g}"
    return text if len(text) <= 20 else text[:19] + "…"


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
    except (
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
        OverflowError,  # a huge integer where a score should be
        RecursionError,
        SessionError,
    ):
        return None
    left_refs = {p.ref for p in left_passages}
    right_refs = {p.ref for p in right_passages}
    for link in links:
        # Every link names one passage of each side, of that side, that exists.
        if link.left not in left_refs or link.right not in right_refs:
            return None
        if not all(_span_fits(c, len(left.text), len(right.text)) for c in link.conflicts):
            return None
    return Comparison(
        left, right, left_passages, right_passages, links, settings, engine_version=__version__
    )


def _span_fits(conflict: Conflict, left_length: int, right_length: int) -> bool:
    """Whether a conflict's highlighted spans are absent (-1) or inside their texts."""
    for start, end, length in (
        (conflict.left_start, conflict.left_end, left_length),
        (conflict.right_start, conflict.right_end, right_length),
    ):
        if (start, end) != (-1, -1) and not 0 <= start <= end <= length:
            return False
    return True


def _passages(side: Any, paragraphs: Any, document: Document, which: Side) -> tuple[Passage, ...]:
    if side["sha256"] != document.source.sha256 or side["title"] != document.title:
        raise ValueError("the cache is of another document")
    raw = side["passages"]
    if len(raw) != len(paragraphs):
        raise ValueError("paragraph list does not match")
    kinds = get_args(PassageKind)
    passages = []
    for index, (item, paragraph) in enumerate(zip(raw, paragraphs, strict=False)):
        if item["id"] != PassageRef(which, index).label:
            raise ValueError("the passages are not numbered in order")
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
    if not math.isfinite(float(score)):
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
    then replaces the old file in one step (``os.replace``).  A symbolic link is written
    through: its target is replaced and the link stays.  Temporary files that an earlier,
    interrupted save left behind are deleted.  Any failure raises :class:`SessionError`.
    """
    name = os.fspath(path)
    try:
        text = session_to_json(session)
    except SessionError as error:
        raise SessionError(f"{name}: {error}") from error
    _write_atomically(name, text)


def _write_atomically(path: str, text: str) -> None:
    # Through symbolic links: replacing the link itself would turn it into a plain file.
    target = os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path)
    folder = os.path.dirname(target)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise SessionError(f"{path}: could not be saved (the text cannot be encoded)") from error
    _remove_stale_temporaries(folder, os.path.basename(target))
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as error:
        raise SessionError(f"{path}: cannot save here ({error.strerror or error})") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_mode(target, temporary)
        os.replace(temporary, target)
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


def _remove_stale_temporaries(folder: str, base: str) -> None:
    """Delete what an interrupted save of ``base`` left: only files named like our own
    temporary files (``.<base>.XXXXXXXX.tmp``, mkstemp's pattern), only plain files of
    this user, only older than STALE_TEMPORARY_SECONDS (a younger one may be another
    save in progress)."""
    pattern = re.compile(re.escape(f".{base}.") + r"[a-z0-9_]{8}\.tmp")
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for entry in names:
        if not pattern.fullmatch(entry):
            continue
        candidate = os.path.join(folder, entry)
        with contextlib.suppress(OSError):
            info = os.lstat(candidate)
            mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
            if stat.S_ISREG(info.st_mode) and mine and info.st_mtime < cutoff:
                os.remove(candidate)


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


def load_session(
    path: str | os.PathLike[str], *, should_abort: AbortCheck | None = None
) -> Session:
    """Read a session file; :class:`SessionError` (naming the file) if it cannot be used.

    ``should_abort`` stops the comparison that a stale or damaged cache makes necessary
    (:class:`core.compare.Cancelled`), as it stops ``compare``.
    """
    name = os.fspath(path)
    data = _read_file(name, "session file")
    try:
        session = session_from_json(data, should_abort=should_abort)
    except SessionError as error:
        raise SessionError(f"{name}: {error}") from error
    _note_adopted(name)
    return session


def _read_file(name: str, what: str) -> bytes:
    """The bytes of a session or recovery file: a regular file of at most MAX_SESSION_BYTES
    (a named pipe or device is refused before it is opened, so reading never waits)."""
    from .loading import NotAFileError, open_regular_file

    try:
        if os.path.isdir(name):
            raise SessionError(f"{name}: is a folder, not a {what}")
        with open_regular_file(name) as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError as error:
        raise SessionError(f"{name}: no such file") from error
    except NotAFileError as error:
        raise SessionError(f"{name}: {error.kind}, not a {what}") from error
    except OSError as error:
        raise SessionError(f"{name}: cannot be read ({error.strerror or error})") from error
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(f"{name}: too large to be a {what}")
    return data


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


# This process's untitled recovery files are named for it, so that two windows (or two
# running copies of the app) never write, restore or delete each other's.
_PROCESS_TOKEN = secrets.token_hex(4)
_UNTITLED = re.compile(r"untitled-(\d+)-[0-9a-f]{8}(?:-[A-Za-z0-9_]+)?")


def recovery_path(session_path: str | None, *, window: str | None = None) -> str:
    """Where the autosave of a session is kept: one file per session file; for untitled
    work one per process (and per ``window`` when a process has several).

    >>> os.path.basename(recovery_path(None)).startswith(f"untitled-{os.getpid()}-")
    True
    """
    if session_path is None:
        stem = f"untitled-{os.getpid()}-{_PROCESS_TOKEN}"
        if window:
            stem += "-" + "".join(c if c.isalnum() or c == "_" else "_" for c in window)[:40]
    else:
        absolute = os.path.abspath(session_path)
        digest = hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        base = os.path.splitext(os.path.basename(absolute))[0] or "session"
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in base)[:40]
        stem = f"{safe}-{digest}"
    return os.path.join(recovery_dir(), stem + _RECOVERY_SUFFIX)


def write_recovery(session: Session, session_path: str | None, *, window: str | None = None) -> str:
    """Autosave ``session`` (unsaved work on ``session_path``, None if untitled); its path."""
    path = recovery_path(session_path, window=window)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except OSError as error:
        raise SessionError(
            f"{path}: cannot create the recovery folder ({error.strerror or error})"
        ) from error
    try:
        text = session_to_json(session, recovery_of=session_path)
    except SessionError as error:
        raise SessionError(f"{path}: {error}") from error
    _write_atomically(path, text)
    global _adopted
    if session_path is None and _adopted not in (None, path):
        # The untitled work restored from an earlier run now lives on in this file.
        with contextlib.suppress(SessionError):
            discard_recovery(_adopted)
        _adopted = None
    return path


# An untitled recovery file of an earlier run that this process restored (opened with
# load_session): the next untitled autosave replaces it, so it is not offered again.
_adopted: str | None = None


def _note_adopted(path: str) -> None:
    global _adopted
    name = os.path.basename(path)
    folder = os.path.dirname(os.path.realpath(path))
    if (
        name.endswith(_RECOVERY_SUFFIX)
        and _UNTITLED.fullmatch(name[: -len(_RECOVERY_SUFFIX)])
        and folder == os.path.realpath(recovery_dir())
    ):
        _adopted = path


_DAMAGED_SUFFIX = ".damaged"


def find_recovery(problems: list[str] | None = None) -> list[str]:
    """Recovery files left by an earlier run (newest first), e.g. after a crash.

    Untitled work of a process that is still running (another window) is not listed.  A
    recovery file that cannot be read is never offered: it is renamed ``*.damaged`` (kept,
    not deleted) and a sentence about it is added to ``problems``.
    """
    folder = recovery_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        if not name.endswith(_RECOVERY_SUFFIX):
            continue
        untitled = _UNTITLED.fullmatch(name[: -len(_RECOVERY_SUFFIX)])
        if untitled and _running(int(untitled.group(1))):
            continue
        path = os.path.join(folder, name)
        try:
            recovery_origin(path)
        except SessionError as error:
            with contextlib.suppress(OSError):
                os.replace(path, path + _DAMAGED_SUFFIX)
            if problems is not None:
                problems.append(f"{error}; it was set aside as {name}{_DAMAGED_SUFFIX}")
            continue
        found.append(path)
    return sorted(found, key=_mtime, reverse=True)


def _running(pid: int) -> bool:
    """Whether another process ``pid`` is running (POSIX; elsewhere assumed not)."""
    if pid == os.getpid():
        return False  # this process's own files: left by a window that is gone
    if pid <= 0 or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except PermissionError:
        return True  # it exists, as another user's
    except OSError:
        return False
    return True


def _mtime(path: str) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0


def recovery_origin(path: str) -> str | None:
    """The session file a recovery file holds unsaved work for (None: an untitled session);
    :class:`SessionError` if it is not a readable recovery file."""
    data = _read_file(path, "recovery file")
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as error:  # not JSON, or nested too deeply
        raise SessionError(f"{path}: cannot be read as a recovery file") from error
    if not isinstance(parsed, dict) or parsed.get("kind") != FILE_KIND:
        raise SessionError(f"{path}: is not a recovery file of this app")
    origin = parsed.get("recovery_of")
    return origin if isinstance(origin, str) else None


def discard_recovery(path: str) -> None:
    """Delete a recovery file (after the work was saved, or the user declined it)."""
    folder = os.path.realpath(recovery_dir())
    target = os.path.realpath(path)
    if os.path.dirname(target) != folder or not target.endswith(_RECOVERY_SUFFIX):
        raise SessionError(f"{path}: is not a recovery file")
    with contextlib.suppress(FileNotFoundError):
        os.remove(target)
