"""Corpus mode (``main.py matrix``): the table, the CSV and JSON files, the story groups,
and the one-line errors for folders it cannot use."""

from __future__ import annotations

import contextlib
import csv
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import matrix_table
from cli.commands import run_command
from core.matrix import PairSummary, compare_all, load_articles, story_groups
from core.model import Settings

# Two events, three outlets each, written apart: the same facts in different words, with
# some content only one outlet carries.
BRIDGE = (
    "Bridge collapse in Millbrook\n"
    "The Harlan Street bridge in Millbrook collapsed on Tuesday evening, injuring 14 people. "
    "Engineers had warned the council in March that corrosion was weakening the steel "
    "girders. Mayor Ellen Ruiz ordered an inspection of 30 other bridges. Traffic on Route 9 "
    "was diverted for at least two weeks.",
    "Millbrook bridge falls, 14 hurt\n"
    "Fourteen people were hurt when the Harlan Street bridge collapsed in Millbrook on Tuesday. "
    "A report given to the council in March had warned of corroded steel girders. "
    "Mayor Ellen Ruiz said 30 more bridges will be inspected. Route 9 traffic will be "
    "diverted for two weeks or more. Local schools closed on Wednesday.",
    "Inspections ordered after Harlan Street bridge collapse\n"
    "After the Harlan Street bridge came down in Millbrook on Tuesday, injuring 14, Mayor "
    "Ellen Ruiz ordered inspections of 30 bridges. Council members admitted they had seen "
    "the March warning about corrosion in the girders. Drivers on Route 9 face a detour.",
)
BANK = (
    "Central bank raises rates\n"
    "The Northland central bank raised its main interest rate by half a point to 4.5 percent "
    "on Thursday, its third increase this year. Governor Tomas Berg said inflation of 6.2 "
    "percent was too high. Mortgage lenders are expected to follow within days.",
    "Northland lifts interest rate to 4.5%\n"
    "Northland's central bank lifted its benchmark rate to 4.5 percent on Thursday, the third "
    "rise of the year. Inflation at 6.2 percent remains too high, Governor Tomas Berg told "
    "reporters. Banks will likely pass the increase on to mortgage holders.",
    "Berg defends third rate rise\n"
    "Governor Tomas Berg defended the central bank's decision on Thursday to raise the rate "
    "to 4.5 percent, pointing to inflation of 6.2 percent. Northland's mortgage lenders are "
    "set to raise their own rates. Exporters criticised the move.",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    for prefix, texts in (("bridge", BRIDGE), ("bank", BANK)):
        for index, text in enumerate(texts):
            (target / f"{prefix}_{index}.txt").write_text(text + "\n", encoding="utf-8")
    (target / "notes.json").write_text("{}", encoding="utf-8")  # not an article: ignored
    return target


def test_matrix_prints_table_writes_files_and_finds_the_two_events(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path, json_path = tmp_path / "m.csv", tmp_path / "m.json"
    code = run_command(
        ["matrix", str(folder), "--csv", str(csv_path), "--json", str(json_path), "--workers", "1"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "links  contradict  missing L  missing R  similarity" in out
    assert "Story groups" in out
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 15  # 6 articles, every pair once
    assert {"left", "right", "links", "contradictions", "similarity"} <= rows[0].keys()
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 6 and len(data["pairs"]) == 15
    groups = sorted(sorted(group) for group in data["groups"])
    assert groups == [
        ["bank_0.txt", "bank_1.txt", "bank_2.txt"],
        ["bridge_0.txt", "bridge_1.txt", "bridge_2.txt"],
    ]
    same = [p["similarity"] for p in data["pairs"] if p["left"][:4] == p["right"][:4]]
    other = [p["similarity"] for p in data["pairs"] if p["left"][:4] != p["right"][:4]]
    assert min(same) > max(other)
    for pair in data["pairs"]:
        assert 0.0 <= pair["similarity"] <= 1.0
        assert pair["links"] >= pair["contradictions"] >= 0


def test_worker_processes_give_the_serial_result(folder: Path) -> None:
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    articles, _ = load_articles(paths, workers=1)
    serial = list(compare_all(articles, settings=Settings(), workers=1))
    pooled = list(compare_all(articles, settings=Settings(), workers=2))
    assert pooled == serial
    assert [(p.left, p.right) for p in serial][:2] == [
        ("bank_0.txt", "bank_1.txt"),
        ("bank_0.txt", "bank_2.txt"),
    ]


def test_average_linkage_does_not_chain_two_stories() -> None:
    # a-b and c-d are close; one weak a-c pair above the threshold must not join them.
    names = ["a", "b", "c", "d"]

    def pair(left: str, right: str, value: float) -> PairSummary:
        return PairSummary(left, right, 0, 0, 0, 0, value)

    pairs = [pair("a", "b", 0.9), pair("c", "d", 0.8), pair("b", "c", 0.1)]
    assert story_groups(names, pairs, threshold=0.08) == (("a", "b"), ("c", "d"))
    assert story_groups(names, pairs, threshold=0.01) == (("a", "b", "c", "d"),)


@pytest.mark.parametrize("setup", ["missing", "empty", "one article"])
def test_unusable_folder_exits_2_with_one_line(
    setup: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "in"
    if setup != "missing":
        target.mkdir()
    if setup == "one article":
        (target / "a.txt").write_text(BRIDGE[0], encoding="utf-8")
        (target / "b.txt").write_bytes(b"  \n")  # empty: cannot be loaded
    code = run_command(["matrix", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[-1].startswith("error: ") and str(target) in lines[-1]
    if setup == "one article":
        assert lines[0].startswith("warning: skipped") and "b.txt" in lines[0]
        assert len(lines) == 2
    else:
        assert len(lines) == 1


def test_unwritable_csv_exits_2(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_command(["matrix", str(folder), "--csv", str(tmp_path), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_dask_engine_without_dask_is_a_one_line_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(matrix_table, "_dask_available", lambda: False)
    assert run_command(["matrix", str(folder), "--engine", "dask"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "dask" in err.lower() and err.count("\n") == 1


@contextlib.contextmanager
def port_taken(port: int) -> Iterator[None]:
    """``port`` on the loopback busy for the block, as another program (another Dask
    cluster) would keep it; already busy is as good."""
    with socket.socket() as holder:
        with contextlib.suppress(OSError):  # in use elsewhere: taken all the same
            holder.bind(("127.0.0.1", port))
            holder.listen()
        yield


def test_dask_engine_matches_local_processes(folder: Path) -> None:
    pytest.importorskip("dask.distributed")
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    articles, _ = load_articles(paths, workers=1)
    local = list(compare_all(articles, settings=Settings(), workers=1))
    # Dask's usual dashboard port is held, as when another cluster runs on the machine:
    # the local cluster must not ask for it (Dask's warning is an error in this suite).
    with port_taken(8787):
        on_dask = list(compare_all(articles, settings=Settings(), workers=2, engine="dask"))
    assert on_dask == local


def test_same_story_threshold_is_an_option(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    json_path = tmp_path / "strict.json"
    code = run_command(
        ["matrix", str(folder), "--json", str(json_path), "--workers", "1", "--same-story", "1.0"]
    )
    assert code == 0, capsys.readouterr().err
    data = json.loads(json_path.read_text(encoding="utf-8"))
    # Nothing is that similar: every article stands alone.
    assert len(data["groups"]) == 6


def test_folder_notes_are_not_articles_and_a_glob_chooses_files(folder: Path) -> None:
    from core.matrix import article_paths

    (folder / "README.md").write_text("# About these articles\nCollected in May.\n")
    names = [Path(p).name for p in article_paths(str(folder))]
    assert "README.md" not in names and len(names) == 6
    chosen = [Path(p).name for p in article_paths(str(folder), "bank_*.txt")]
    assert chosen == ["bank_0.txt", "bank_1.txt", "bank_2.txt"]


def test_loading_on_worker_processes_gives_the_serial_articles(tmp_path: Path) -> None:
    """With enough files for a pool, the first is read in this process (warming what
    the forked workers inherit) and the rest on the workers: the same articles, in order."""
    from core.matrix import MIN_FILES_FOR_POOL

    texts = [*BRIDGE, *BANK, *BRIDGE[:2], *BANK[:2]]
    assert len(texts) >= MIN_FILES_FOR_POOL
    for index, text in enumerate(texts):
        (tmp_path / f"a{index:02d}.txt").write_text(text.replace("14", str(index)), "utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("*.txt"))
    serial, _ = load_articles(paths, workers=1)
    pooled, _ = load_articles(paths, workers=2)
    assert [a.name for a in pooled] == [f"a{i:02d}.txt" for i in range(len(texts))]
    assert pooled == serial
    assert all(a.claims for a in pooled)
