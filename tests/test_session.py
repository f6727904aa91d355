"""Sessions: round trips, the comparison cache, atomic saves, bad files, recovery files."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.session as session_module
from core.compare import compare
from core.loading import load_path
from core.model import Document, Settings, Source, UserEdits
from core.session import (
    SCHEMA_VERSION,
    Session,
    SessionError,
    discard_recovery,
    find_recovery,
    load_session,
    recovery_origin,
    recovery_path,
    save_session,
    session_from_json,
    session_to_json,
    write_recovery,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(folder))
    return folder


def corpus_session(*, with_comparison: bool = True) -> Session:
    left = load_path(CORPUS / "000_36e78ae3939a95df.txt")
    right = load_path(CORPUS / "002_71621a2a535e6e24.txt")
    edits = UserEdits(
        added_links=(("L0", "R1"),),
        removed_links=(("L5", "R7"),),
        overrides=(("L0", "R1", "contradict"),),
        notes=(("L0", "R1", "check the “dates” – ünïcode"),),
    )
    settings_ = Settings(link_threshold=0.25)
    comparison = compare(left, right, settings_, edits=edits) if with_comparison else None
    return Session(left, right, settings_, edits, comparison)


# --------------------------------------------------------------------- round trips


def test_corpus_session_round_trips_with_its_cached_comparison(tmp_path: Path) -> None:
    session = corpus_session()
    path = tmp_path / "work.factcompare"
    save_session(path, session)
    loaded = load_session(path)
    assert loaded == session
    assert loaded.comparison is not None
    assert any(link.origin == "user" and link.note for link in loaded.comparison.links)
    assert loaded.left.source.repairs == session.left.source.repairs
    assert any("windows-1257" in r for r in loaded.right.source.repairs)


def test_opening_needs_no_original_files(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Musk sued OpenAI in 2024.\nThe case goes on.", encoding="utf-8")
    left = load_path(article)
    right = load_path(CORPUS / "003_2f95a7153f8881e3.txt")
    session = Session(left, right, Settings(), UserEdits())
    path = tmp_path / "s.factcompare"
    save_session(path, session)
    article.unlink()
    assert load_session(path).left.text == "Musk sued OpenAI in 2024.\nThe case goes on."


def test_the_file_holds_every_setting_and_source_field(tmp_path: Path) -> None:
    data = json.loads(session_to_json(corpus_session()))
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data["settings"]) == {f.name for f in fields(Settings)}
    assert set(data["left"]["source"]) == {f.name for f in fields(Source)}
    assert data["left"]["text"].startswith("Billion-Dollar Partnership")
    assert data["edits"]["overrides"] == [["L0", "R1", "contradict"]]


def test_stale_cache_is_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    session = corpus_session()
    data = json.loads(session_to_json(session))
    data["comparison"]["engine"] = "0.0.0-old"
    data["comparison"]["links"] = []  # whatever an old engine found is not trusted
    calls: list[int] = []
    real_compare = session_module.compare

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_compare(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "compare", counting)
    loaded = session_from_json(json.dumps(data))
    assert calls == [1]
    assert loaded.comparison == session.comparison


def test_current_cache_is_used_without_recomputing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = session_to_json(corpus_session())

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a current cache must not be recomputed")

    monkeypatch.setattr(session_module, "compare", refuse)
    assert session_from_json(text).comparison is not None


def test_cache_that_does_not_fit_the_text_is_recomputed() -> None:
    session = corpus_session()
    data = json.loads(session_to_json(session))
    data["comparison"]["left"]["passages"][0]["end"] += 5  # no longer the passage's text
    assert session_from_json(json.dumps(data)).comparison == session.comparison


def test_session_without_cache_loads_without_one() -> None:
    session = corpus_session(with_comparison=False)
    assert session_from_json(session_to_json(session)) == session


# Hypothesis: any session survives a save and a load unchanged.

_TEXT = st.text(max_size=200)
_IDS = st.tuples(
    st.from_regex(r"L[0-9]{1,3}", fullmatch=True), st.from_regex(r"R[0-9]{1,3}", fullmatch=True)
)
_SOURCES = st.builds(
    Source,
    path=st.none() | _TEXT,
    url=st.none() | _TEXT,
    sha256=st.text(alphabet="0123456789abcdef", max_size=64),
    loaded_at=_TEXT,
    format=st.sampled_from(["text", "markdown", "html", "pdf", "docx", "clipboard"]),
    encoding=st.none() | st.sampled_from(["utf-8", "cp1257", "utf-16"]),
    repairs=st.lists(_TEXT, max_size=3).map(tuple),
)
_DOCUMENTS = st.builds(
    Document, text=st.text(min_size=1, max_size=400), title=st.none() | _TEXT, source=_SOURCES
)
_FLOATS = st.floats(min_value=0, max_value=1, allow_nan=False)
_SETTINGS = st.builds(
    Settings, **{f.name: _FLOATS for f in fields(Settings) if isinstance(f.default, float)}
)
_EDITS = st.builds(
    UserEdits,
    added_links=st.lists(_IDS, max_size=3).map(tuple),
    removed_links=st.lists(_IDS, max_size=3).map(tuple),
    overrides=st.lists(
        st.tuples(_IDS, st.sampled_from(["agree", "related", "contradict"])).map(
            lambda item: (*item[0], item[1])
        ),
        max_size=3,
    ).map(tuple),
    notes=st.lists(st.tuples(_IDS, _TEXT).map(lambda item: (*item[0], item[1])), max_size=3).map(
        tuple
    ),
)
_SESSIONS = st.builds(
    Session,
    left=_DOCUMENTS,
    right=_DOCUMENTS,
    # every weight at 0 is refused (the weights are divided by their sum)
    settings=_SETTINGS.filter(
        lambda s: s.weight_distinctive_words + s.weight_fuzzy + s.weight_shared_facts > 0
    ),
    edits=_EDITS,
)


@given(session=_SESSIONS, with_comparison=st.booleans())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_session_round_trips(session: Session, with_comparison: bool, tmp_path: Path) -> None:
    if with_comparison:
        session = replace(
            session,
            comparison=compare(session.left, session.right, session.settings, edits=session.edits),
        )
    path = tmp_path / "round.factcompare"
    save_session(path, session)
    assert load_session(path) == session


# -------------------------------------------------------------------- atomic saves


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "work.factcompare"
    old = corpus_session(with_comparison=False)
    save_session(path, old)
    before = path.read_bytes()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, stream: object) -> None:
                self.stream = stream

            def __enter__(self) -> Failing:
                return self

            def __exit__(self, *exc: object) -> None:
                self.stream.close()  # type: ignore[attr-defined]

            def write(self, data: bytes) -> None:
                self.stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(
            session_module.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode))
        )
    else:
        monkeypatch.setattr(session_module.os, failing, disk_full)
    new = replace(old, edits=UserEdits(notes=(("L0", "R0", "new work"),)))
    with pytest.raises(SessionError, match="No space left on device") as caught:
        save_session(path, new)
    assert str(path) in str(caught.value)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_session(path) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work.factcompare"]


def test_save_keeps_the_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "work.factcompare"
    session = corpus_session(with_comparison=False)
    save_session(path, session)
    os.chmod(path, 0o640)
    save_session(path, session)
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_save_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="cannot save here"):
        save_session(tmp_path / "nowhere" / "s.factcompare", corpus_session(with_comparison=False))


# ----------------------------------------------------------------------- bad files


def _valid() -> dict[str, object]:
    return json.loads(session_to_json(corpus_session(with_comparison=False)))


def _without(*keys: str) -> str:
    data = _valid()
    target = data
    for key in keys[:-1]:
        target = target[key]  # type: ignore[assignment,index]
    del target[keys[-1]]  # type: ignore[attr-defined]
    return json.dumps(data)


def _with(value: object, *keys: str) -> str:
    data = _valid()
    target = data
    for key in keys[:-1]:
        target = target[key]  # type: ignore[assignment,index]
    target[keys[-1]] = value  # type: ignore[index]
    return json.dumps(data)


BAD_SESSIONS = {
    "truncated": (
        session_to_json(corpus_session(with_comparison=False))[:500],
        "damaged or incomplete",
    ),
    "not json": ("hello", "damaged or incomplete"),
    "a list": ("[1, 2, 3]", "not a session file"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a session file"),
    "other json": ('{"name": "something else"}', "not a session file"),
    "newer": (_with(SCHEMA_VERSION + 1, "schema_version"), "saved by a newer version"),
    "no version": (_without("schema_version"), "no valid schema version"),
    "no left": (_without("left"), "missing 'left'"),
    "no text": (_without("right", "text"), "missing 'right.text'"),
    "no edits": (_without("edits"), "missing 'edits'"),
    "no source hash": (_without("left", "source", "sha256"), "missing 'left.source.sha256'"),
    "text a number": (_with(5, "left", "text"), "wrong value for 'left.text'"),
    "bad setting": (
        _with("high", "settings", "link_threshold"),
        "wrong value for 'settings.link_threshold'",
    ),
    "bad status": (
        _with([["L0", "R0", "maybe"]], "edits", "overrides"),
        "unknown link status 'maybe'",
    ),
    "bad pair": (_with([["L0"]], "edits", "added_links"), "wrong entry in 'edits.added_links'"),
}


@pytest.mark.parametrize("case", sorted(BAD_SESSIONS))
def test_bad_session_files(case: str, tmp_path: Path) -> None:
    content, message = BAD_SESSIONS[case]
    path = tmp_path / "bad.factcompare"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = path.read_bytes()
    with pytest.raises(SessionError, match=message) as caught:
        load_session(path)
    assert str(caught.value).startswith(str(path))
    assert path.read_bytes() == before  # opening changes nothing


def test_missing_session_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "none.factcompare")
    with pytest.raises(SessionError, match="is a folder"):
        load_session(tmp_path)


def test_missing_settings_take_their_defaults() -> None:
    loaded = session_from_json(_without("settings", "context_weight"))
    assert loaded.settings.context_weight == Settings().context_weight


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@settings(max_examples=300, deadline=None)
def test_session_parser_never_crashes_on_bytes(data: bytes) -> None:
    with contextlib.suppress(SessionError):
        session_from_json(data)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    key=st.sampled_from(
        ["left", "right", "settings", "edits", "comparison", "kind", "schema_version"]
    ),
    value=_JSON,
)
@settings(max_examples=200, deadline=None)
def test_session_parser_never_crashes_on_damaged_parts(key: str, value: object) -> None:
    data = json.loads(session_to_json(corpus_session(with_comparison=False)))
    data[key] = value
    with contextlib.suppress(SessionError):
        session_from_json(json.dumps(data))


# ------------------------------------------------------------------------ recovery


def test_recovery_files(data_dir: Path, tmp_path: Path) -> None:
    session = corpus_session(with_comparison=False)
    assert find_recovery() == []
    named = write_recovery(session, str(tmp_path / "work.factcompare"))
    untitled = write_recovery(session, None)
    assert named.startswith(str(data_dir))
    assert named == recovery_path(str(tmp_path / "work.factcompare"))
    assert os.path.basename(untitled).startswith(f"untitled-{os.getpid()}-")
    assert set(find_recovery()) == {named, untitled}
    assert load_session(named) == session
    assert recovery_origin(named) == str(tmp_path / "work.factcompare")
    assert recovery_origin(untitled) is None
    discard_recovery(named)
    assert find_recovery() == [untitled]
    discard_recovery(named)  # already gone: nothing to do


def test_recovery_paths_differ_per_session(tmp_path: Path) -> None:
    assert recovery_path(str(tmp_path / "a" / "s.factcompare")) != recovery_path(
        str(tmp_path / "b" / "s.factcompare")
    )


def test_discard_recovery_refuses_other_files(tmp_path: Path) -> None:
    other = tmp_path / "precious.factcompare"
    other.write_text("keep me")
    with pytest.raises(SessionError, match="not a recovery file"):
        discard_recovery(str(other))
    assert other.read_text() == "keep me"
