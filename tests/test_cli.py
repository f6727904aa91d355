"""The command line as a user runs it: summaries, JSON, pairs, and one-line errors.

Most tests call the command line in-process (``run``): a new interpreter per test would add
seconds and test nothing more.  A few (``run_process``) start the real ``main.py``.
"""

import contextlib
import io
import json
import subprocess
import sys
from types import SimpleNamespace
from typing import get_args

import pytest
from conftest import CORPUS, ROOT

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
