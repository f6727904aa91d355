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
from core.edits import apply_edits
from core.loading import load_path
from core.model import (
    Document,
    Note,
    Override,
    PassagePair,
    PassageRef,
    Settings,
    Source,
    UserEdits,
)
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

SETTINGS = Settings()


def pair(left: int, right: int) -> PassagePair:
    return PassagePair(PassageRef("left", left), PassageRef("right", right))


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("FACTCOMPARE_DATA_DIR", str(folder))
    return folder


def corpus_session(*, with_comparison: bool = True) -> Session:
    left = load_path(CORPUS / "000_36e78ae3939a95df.txt")
    right = load_path(CORPUS / "002_71621a2a535e6e24.txt")
    # L0~R2: a pair the engine does not link, so that the added link is the user's.
    edits = UserEdits(
        added_links=(pair(0, 2),),
        removed_links=(pair(5, 7),),
        overrides=(Override(pair(0, 2), "contradict"),),
        notes=(Note(pair(0, 2), "check the “dates” – ünïcode"),),
    )
    settings_ = Settings(link_threshold=0.25)
    comparison = (
        apply_edits(compare(left, right, settings=settings_), edits) if with_comparison else None
    )
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
    assert data["edits"]["overrides"] == [["L0", "R2", "contradict"]]


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
_INDEX = st.integers(min_value=0, max_value=999)
_IDS = st.builds(
    PassagePair,
    st.builds(PassageRef, st.just("left"), _INDEX),
    st.builds(PassageRef, st.just("right"), _INDEX),
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
        st.builds(Override, _IDS, st.sampled_from(["agree", "related", "contradict"])),
        max_size=3,
    ).map(tuple),
    notes=st.lists(st.builds(Note, _IDS, _TEXT), max_size=3).map(tuple),
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
            comparison=apply_edits(
                compare(session.left, session.right, settings=session.settings), session.edits
            ),
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
    new = replace(old, edits=UserEdits(notes=(Note(pair(0, 0), "new work"),)))
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


# ------------------------------------------------------- hostile sessions and files


def _cached_json() -> dict[str, object]:
    return json.loads(session_to_json(corpus_session()))


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("link_threshold", -1e300, r"'settings.link_threshold' = -1e\+300; it must be between"),
        ("link_threshold", 1.5, "must be between 0 and 1"),
        ("context_weight", -0.1, "must be between 0 and 1"),
        ("weight_fuzzy", 10**400, "wrong value for 'settings.weight_fuzzy'"),
        ("context_weight", 2**60, "wrong value for 'settings.context_weight'"),
    ],
)
def test_settings_out_of_range_are_refused(setting: str, value: object, message: str) -> None:
    with pytest.raises(SessionError, match=message):
        session_from_json(_with(value, "settings", setting))


def test_every_weight_at_zero_is_refused() -> None:
    data = _valid()
    for name in (f.name for f in fields(Settings) if f.name.startswith("weight_")):
        data["settings"][name] = 0  # type: ignore[index]
    with pytest.raises(SessionError, match="every weight"):
        session_from_json(json.dumps(data))


def test_a_huge_number_anywhere_is_a_session_error_or_recomputed() -> None:
    data = _cached_json()
    data["comparison"]["scores"][0] = 10**400  # type: ignore[index]
    session = session_from_json(json.dumps(data))  # the cache is recomputed
    assert session.comparison is not None
    assert session.comparison.links[0].score <= 1.0
    with pytest.raises(SessionError, match="not valid JSON"):
        session_from_json('{"kind": "factcompare-session", "schema_version": ' + "9" * 5000 + "}")


def _expected(session: Session) -> object:
    return apply_edits(
        compare(session.left, session.right, settings=session.settings), session.edits
    )


@pytest.mark.parametrize(
    "damage",
    ["right id on the left", "missing passage", "no passages", "renumbered", "span outside"],
)
def test_a_cache_naming_passages_that_do_not_exist_is_recomputed(damage: str) -> None:
    data = _cached_json()
    cache = data["comparison"]
    link = cache["links"][0]  # type: ignore[index]
    if damage == "right id on the left":
        link["left"] = ["R0"]
    elif damage == "missing passage":
        link["right"] = ["R9999"]
    elif damage == "no passages":
        link["left"] = []
    elif damage == "renumbered":
        cache["left"]["passages"][0]["id"] = "L77"  # type: ignore[index]
    else:
        link["conflicts"] = [
            {
                "kind": "money",
                "left": "a",
                "right": "b",
                "explanation": "x",
                "left_start": 0,
                "left_end": 10**6,
                "right_start": -1,
                "right_end": -1,
            }
        ]
    session = session_from_json(json.dumps(data))
    assert session.comparison == _expected(session)
    from core.report import render_html, render_markdown

    render_html(session.comparison)  # the report works on what was loaded
    render_markdown(session.comparison)


def test_a_lone_surrogate_is_repaired_on_load_and_saves_work(tmp_path: Path) -> None:
    data = _valid()
    data["left"]["text"] = "Bad \ud800 character. " + data["left"]["text"]  # type: ignore[index]
    data["left"]["title"] = "Title \udfff"  # type: ignore[index]
    session = session_from_json(json.dumps(data))
    assert "\ud800" not in session.left.text and "Bad \ufffd character." in session.left.text
    assert session.left.title == "Title \ufffd"
    assert any("lone surrogates" in note for note in session.left.source.repairs)
    save_session(tmp_path / "s.factcompare", session)  # saving works
    assert load_session(tmp_path / "s.factcompare") == session
    assert write_recovery(session, None)


def test_a_file_name_that_is_not_utf8_saves_and_reads_back(tmp_path: Path) -> None:
    session = corpus_session(with_comparison=False)
    odd = replace(session.left.source, path="/news/caf\udce9.txt")
    session = replace(session, left=replace(session.left, source=odd))
    save_session(tmp_path / "s.factcompare", session)
    assert load_session(tmp_path / "s.factcompare").left.source.path == "/news/caf\udce9.txt"


def test_every_save_failure_is_a_session_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr(session_module.json, "dumps", broken)
    with pytest.raises(SessionError, match=r"s\.factcompare: the session cannot be written"):
        save_session(tmp_path / "s.factcompare", corpus_session(with_comparison=False))
    with pytest.raises(SessionError, match="the session cannot be written"):
        write_recovery(corpus_session(with_comparison=False), None)
    assert not (tmp_path / "s.factcompare").exists()


def test_a_session_with_a_text_too_long_is_refused() -> None:
    with pytest.raises(SessionError, match="the left article is too long"):
        session_from_json(_with("word " * 600_000, "left", "text"))


def test_loading_a_session_can_be_cancelled() -> None:
    from core.compare import Cancelled

    data = _cached_json()
    data["comparison"]["engine"] = "0.0.0-older"  # type: ignore[index]
    stale = json.dumps(data)  # its cache must be computed again
    with pytest.raises(Cancelled):
        session_from_json(stale, should_abort=lambda: True)
    assert session_from_json(stale, should_abort=lambda: False).comparison is not None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_a_session_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.factcompare"
    os.mkfifo(fifo)
    with pytest.raises(SessionError, match="is a named pipe"):
        load_session(fifo)
    with pytest.raises(SessionError, match="is a named pipe"):
        recovery_origin(str(fifo))


def test_saving_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "work.factcompare"
    real.parent.mkdir()
    link = tmp_path / "link.factcompare"
    session = corpus_session(with_comparison=False)
    save_session(real, session)
    link.symlink_to(real)
    changed = replace(session, settings=Settings(link_threshold=0.3))
    save_session(link, changed)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_session(real) == changed
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_stale_temporary_files_of_interrupted_saves_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "work.factcompare"
    old = time_ago = os.path.getmtime(tmp_path) - 2 * session_module.STALE_TEMPORARY_SECONDS
    stale = tmp_path / ".work.factcompare.ab12cd_9.tmp"
    young = tmp_path / ".work.factcompare.zz12cd34.tmp"
    other = tmp_path / ".other.factcompare.ab12cd34.tmp"
    odd = tmp_path / ".work.factcompare.ab12cd34.tmp.keep"
    for path in (stale, young, other, odd):
        path.write_bytes(b"x" * 1000)
    for path in (stale, other, odd):
        os.utime(path, (old, time_ago))
    linked = tmp_path / ".work.factcompare.lnk12345.tmp"  # a link, even an old one, stays
    linked.symlink_to(odd)
    save_session(target, corpus_session(with_comparison=False))
    assert not stale.exists()
    assert young.exists() and other.exists() and odd.exists() and linked.is_symlink()


def test_kill_during_save_leaves_nothing_that_the_next_save_keeps(tmp_path: Path) -> None:
    """A save killed with SIGKILL may leave its temporary file; once it is old, the next
    save removes it.

    The process kills itself at a known point of the save (the temporary written, not yet
    in place), so that a temporary is left every time: a kill after a fixed delay landed
    mid-save only by chance, and on a busy machine before any save had finished."""
    import signal
    import subprocess
    import sys

    target = tmp_path / "big.factcompare"
    code = (
        "import os, signal, core.session as s\n"
        "from core.model import Document, Settings, UserEdits\n"
        "d = Document('word ' * 20_000)\n"
        "session = s.Session(d, d, Settings(), UserEdits())\n"
        f"s.save_session({str(target)!r}, session)\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        f"s.save_session({str(target)!r}, session)\n"
    )
    root = Path(__file__).resolve().parent.parent
    for _ in range(2):
        killed = subprocess.run([sys.executable, "-c", code], cwd=root, timeout=120)
        assert killed.returncode == -signal.SIGKILL
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 2
    assert load_session(target).left.text == "word " * 20_000  # the last whole save
    old = os.path.getmtime(target) - 2 * session_module.STALE_TEMPORARY_SECONDS
    for path in leftovers:
        os.utime(path, (old, old))
    save_session(target, corpus_session(with_comparison=False))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_deeply_nested_recovery_file_is_set_aside(data_dir: Path) -> None:
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    bad = folder / "broken-0123456789ab.recovery.json"
    bad.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SessionError, match="cannot be read as a recovery file"):
        recovery_origin(str(bad))
    good = write_recovery(corpus_session(with_comparison=False), None)
    problems: list[str] = []
    assert find_recovery(problems) == [good]
    assert len(problems) == 1 and "set aside" in problems[0]
    assert not bad.exists() and (folder / (bad.name + ".damaged")).exists()  # kept, not lost
    assert find_recovery() == [good]


def test_window_start_up_survives_a_damaged_recovery_file(
    qtbot, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gui_support import make_window

    from gui.app import offer_recovery

    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    (folder / "broken-0123456789ab.recovery.json").write_text("[" * 100_000 + "]" * 100_000)
    window = make_window(qtbot, tmp_path)
    offer_recovery(window)  # the start-up step that used to exit with a RecursionError
    assert "warning:" in capsys.readouterr().err
    assert "Recovery file skipped" in window.statusBar().currentMessage()


def test_untitled_recovery_files_are_per_process(data_dir: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = "import core.session as s; print(s.recovery_path(None))"
    other = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    mine = recovery_path(None)
    assert other != mine and os.path.dirname(other) == os.path.dirname(mine)
    assert recovery_path(None, window="2") not in (mine, recovery_path(None, window="3"))


def test_another_running_windows_untitled_work_is_left_alone(data_dir: Path) -> None:
    import subprocess
    import sys

    session = corpus_session(with_comparison=False)
    mine = write_recovery(session, None)
    # Another copy of the app, still running, with its own untitled work.
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = Path(mine).with_name(f"untitled-{other.pid}-0123abcd.recovery.json")
        theirs.write_text(session_to_json(session, recovery_of=None))
        assert find_recovery() == [mine]  # not offered here while it runs
        save_session(data_dir / "saved.factcompare", session)
        discard_recovery(mine)  # what saving does in the window
        assert theirs.exists()
    finally:
        other.kill()
        other.wait()
    assert find_recovery() == [str(theirs)]  # once it is gone: a crash to recover from


def test_restored_untitled_work_is_not_offered_again(data_dir: Path) -> None:
    session = corpus_session(with_comparison=False)
    folder = data_dir / "recovery"
    folder.mkdir(parents=True)
    crashed = folder / "untitled-0-0123abcd.recovery.json"  # of no running process
    crashed.write_text(session_to_json(session, recovery_of=None))
    assert find_recovery() == [str(crashed)]
    restored = load_session(crashed)
    new = write_recovery(restored, None)  # the first autosave after restoring it
    assert find_recovery() == [new]
    assert not crashed.exists()


def test_zalgo_text_in_a_session_is_made_stream_safe() -> None:
    session = session_from_json(_with("a" + "\u0301\u0316" * 100_000 + " end.", "left", "text"))
    assert "\u034f" in session.left.text
    assert any("combining marks" in note for note in session.left.source.repairs)


def test_an_external_entity_in_a_session_stays_text(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER-1234")
    text = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]><p>&xxe;</p> Musk sued.'
    path = tmp_path / "xxe.factcompare"
    path.write_text(_with(text, "left", "text"), encoding="utf-8")
    session = load_session(path)
    assert session.left.text == text  # data only: nothing is parsed as markup or fetched
    assert "TOP-SECRET" not in session_to_json(session)
