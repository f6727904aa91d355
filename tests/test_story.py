"""The story table: rows across several articles, their marks, and the command line."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

import main
from core.compare import Cancelled
from core.loading import load_path
from core.settings import Settings
from core.story import STATUS_ORDER, build_story, story_to_dict

# Invented coverage of an invented earthquake, by three invented outlets.
WIRE = """Title: Quake in Arlen kills at least 41
Date: 2024-03-04

The earthquake killed at least 41 people on Monday, the civil protection agency said.

More than 300 people were injured on Monday, officials said.

"We are racing against time to reach people under the rubble," said agency chief Ilse Varn.
"""
BLOG = """Title: Arlen earthquake: what we know
Date: 2024-03-05

At least 47 people were killed on Monday, officials said.

Over 300 people were injured on Monday.

"We are racing against time to reach people under the rubble," said Prime Minister Odo Lark.
"""
LOCAL = """Title: Arlen mourns its dead <script>alert(1)</script>
Published: March 7, 2024

The death toll rose to 58 on Thursday, the civil protection agency said.

In the town of Fenwick alone, 19 people died.
"""


@pytest.fixture
def story_files(tmp_path: Path) -> list[str]:
    # Given out of publication order, to check that columns follow the dates.
    paths = []
    for name, text in (("local.txt", LOCAL), ("wire.txt", WIRE), ("blog.txt", BLOG)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def table(story_files: list[str]):
    return build_story([load_path(p) for p in story_files], settings=Settings())


def _row(table, measure, kind="quantity"):
    rows = [r for r in table.rows if r.measure == measure and r.kind == kind and not r.scope]
    assert rows, [(r.kind, r.measure, r.scope) for r in table.rows]
    return rows[0]


def test_columns_follow_publication_dates(table):
    assert [a.id for a in table.articles] == ["wire", "blog", "local"]
    assert [a.published for a in table.articles] == ["2024-03-04", "2024-03-05", "2024-03-07"]


def test_conflicting_tolls_at_one_time_disagree_and_later_toll_is_an_update(table):
    dead = _row(table, "dead")
    assert dead.status == "disagree"
    assert dead.also_update
    values = {table.articles[c.article].id: c.value for c in dead.cells}
    assert values == {"wire": "at least 41", "blog": "At least 47", "local": "58"}
    assert "41" in dead.explanation and "47" in dead.explanation and "58" in dead.explanation
    # The headline ("Quake in Arlen kills at least 41") is a cell of its own now that
    # headlines are kept as text; the body sentence is the one with a time and a source.
    wire = next(c for c in dead.cells if "killed at least 41" in c.text)
    assert wire.bound == "at_least"
    assert wire.time == "Monday"
    assert wire.source == "civil protection agency"
    assert "killed at least 41 people" in wire.text


def test_same_figure_in_other_words_agrees(table):
    injured = _row(table, "injured")
    assert injured.status == "agree"
    assert len(injured.articles()) == 2


def test_a_part_of_the_story_is_its_own_row_and_never_disagrees_with_the_whole(table):
    dead = _row(table, "dead")
    assert all(c.value != "19" for c in dead.cells)


def test_a_quotation_given_to_two_speakers_is_a_disagreement(table):
    quotes = [r for r in table.rows if r.kind == "quote"]
    assert len(quotes) == 1
    assert quotes[0].status == "disagree"
    assert "Varn" in quotes[0].explanation and "Lark" in quotes[0].explanation


def test_rows_are_ordered_disagreements_updates_agreements_single(table):
    ranks = [STATUS_ORDER.index(row.status) for row in table.rows]
    assert ranks == sorted(ranks)
    assert table.rows[-1].status == "single"


def test_partner_is_the_cell_that_differs_most(table):
    dead = _row(table, "dead")
    wire = next(c for c in dead.cells if c.value == "at least 41")
    partner = dead.partner(wire)
    assert partner is not None and partner.value == "At least 47"


def test_progress_is_reported_and_cancellation_stops_the_work(story_files):
    documents = [load_path(p) for p in story_files]
    seen: list[tuple[str, float]] = []
    build_story(documents, settings=Settings(), on_progress=lambda s, f: seen.append((s, f)))
    assert seen[-1] == ("done", 1.0)
    assert [f for _, f in seen] == sorted(f for _, f in seen)
    with pytest.raises(Cancelled):
        build_story(documents, settings=Settings(), should_abort=lambda: True)


def test_the_table_does_not_depend_on_the_order_the_files_are_given(story_files):
    docs = [load_path(p) for p in story_files]
    one = story_to_dict(build_story(docs, settings=Settings()))
    two = story_to_dict(build_story(docs[::-1], settings=Settings()))
    assert one == two


def test_no_dates_keeps_the_given_order(tmp_path):
    paths = []
    for name, text in (("b.txt", "Ten people were killed."), ("a.txt", "Nine died.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    table = build_story([load_path(p) for p in paths], settings=Settings())
    assert [a.id for a in table.articles] == ["b", "a"]


def test_dates_come_from_news_file_names(tmp_path):
    paths = []
    for name in ("2020-05-02-flood__late.txt", "2020-05-01-flood__early.txt"):
        (tmp_path / name).write_text("Twelve people were killed.", encoding="utf-8")
        paths.append(str(tmp_path / name))
    table = build_story([load_path(p) for p in paths], settings=Settings())
    assert [a.id for a in table.articles] == ["early", "late"]
    assert table.rows[0].status == "agree"


# ------------------------------------------------------------------------ command line


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(list(args))
        except SystemExit as exit_:
            code = exit_.code
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def test_table_prints_a_readable_table(story_files):
    result = run("table", *story_files)
    assert result.returncode == 0, result.stderr
    assert "DISAGREE + UPDATE" in result.stdout
    assert "at least 41" in result.stdout


def test_table_of_a_folder_as_json(story_files):
    folder = str(Path(story_files[0]).parent)
    result = run("table", folder, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [a["id"] for a in data["articles"]] == ["wire", "blog", "local"]
    assert set(data["articles"][0]) >= {"id", "path", "title"}
    for row in data["rows"]:
        assert {"measure", "scope", "status", "cells"} <= set(row)
        assert row["status"] in ("disagree", "update", "agree", "single")
        for cell in row["cells"]:
            assert set(cell) == {"article", "passage", "text", "value", "bound", "time", "source"}
            assert cell["article"] in {"wire", "blog", "local"}


def test_csv_and_html_outputs(story_files, tmp_path):
    csv_path, html_path = tmp_path / "t.csv", tmp_path / "t.html"
    result = run("table", *story_files, "--csv", str(csv_path), "-o", str(html_path))
    assert result.returncode == 0, result.stderr
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["measure", "scope", "status", "explanation", "wire", "blog", "local"]
    page = html_path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "script-src 'none'" in page
    assert "<script" not in page  # the hostile title is escaped
    assert "&lt;script&gt;" in page
    assert "≠" in page and "v-missing" in page  # a glyph and a pattern, not colour alone


@pytest.mark.parametrize(
    "args",
    [
        ("table", "/no/such/file.txt", "/no/such/other.txt"),
        ("table", "ONE"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, story_files):
    args = tuple(story_files[0] if a == "ONE" else a for a in args)
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:")


def test_an_empty_folder_is_a_user_error(tmp_path):
    result = run("table", str(tmp_path))
    assert result.returncode == 2
    assert "at least 2 articles" in result.stderr


def test_unwritable_output_is_a_user_error(story_files, tmp_path):
    result = run("table", *story_files, "-o", str(tmp_path / "missing" / "t.html"))
    assert result.returncode == 2
    assert "cannot write" in result.stderr


def test_hide_single_leaves_out_single_source_facts(story_files):
    result = run("table", *story_files, "--json", "--hide-single")
    assert result.returncode == 0, result.stderr
    statuses = {row["status"] for row in json.loads(result.stdout)["rows"]}
    assert statuses and "single" not in statuses


def test_named_speakers_only_make_a_speaker_swap(tmp_path):
    texts = {
        "a.txt": '"We will rebuild every home in the valley," Governor Ana Rix said.',
        "b.txt": '"We will rebuild every home in the valley," he said.',
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = build_story([load_path(tmp_path / n) for n in texts], settings=Settings())
    quotes = [r for r in table.rows if r.kind == "quote"]
    assert quotes and all(r.status != "disagree" for r in quotes)


def test_two_figures_in_one_sentence_pair_with_the_matching_figures(tmp_path):
    texts = {
        "a.txt": "Title: Tariffs\n\nThe president imposed a 25 percent tariff on steel "
        "and a 10 percent tariff on aluminum.",
        "b.txt": "Title: Duties\n\nThe White House set tariffs of 25 percent on imported "
        "steel and 10 percent on imported aluminum.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = build_story([load_path(tmp_path / n) for n in texts], settings=Settings())
    # The rate on steel and the rate on aluminum are two facts: a row each, each agreeing.
    tariffs = [row for row in table.rows if row.measure == "tariff"]
    assert len(tariffs) == 2, [(r.scope, r.explanation) for r in tariffs]
    for row in tariffs:
        assert len(row.cells) == 2 and row.status == "agree", row.explanation
    assert {c.value for c in tariffs[0].cells} != {c.value for c in tariffs[1].cells}


def test_weekdays_alone_do_not_make_a_date_disagreement(tmp_path):
    texts = {
        "a.txt": "The president announced on Sunday that the minister would resign.",
        "b.txt": "The president announced on Wednesday that troops would leave.",
        "c.txt": "The president announced on March 3 that the minister would resign.",
        "d.txt": "The president announced on April 14 that the minister would resign.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = build_story([load_path(tmp_path / n) for n in texts], settings=Settings())
    dates = [row for row in table.rows if row.kind == "date"]
    conflicts = [
        {row.cells[link.first].value, row.cells[link.second].value}
        for row in dates
        for link in row.links
        if link.relation == "conflict"
    ]
    assert conflicts == [{"March 3", "April 14"}], [(r.explanation) for r in dates]


def test_another_years_figure_and_one_object_are_placed_as_a_reader_would(tmp_path):
    texts = {
        "a.txt": "Title: Mill fire\n\nThe fire forced the evacuation of 1,210 people from the "
        "mill.\n\nA smaller fire at the mill in 2017 injured four workers.\n\nSeven workers "
        "were injured, the fire service said.",
        "b.txt": "Title: Mill blaze\n\nMore than 1,200 people were evacuated.\n\nSeven workers "
        "were hurt, firefighters said.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = build_story([load_path(tmp_path / n) for n in texts], settings=Settings())
    displaced = [r for r in table.rows if r.measure == "displaced"]
    assert len(displaced) == 1 and displaced[0].status == "agree"
    injured = [r for r in table.rows if r.measure == "injured"]
    statuses = sorted((len(r.cells), r.status) for r in injured)
    assert statuses == [(1, "single"), (2, "agree")], statuses


def test_dates_of_one_step_by_other_people_are_not_pooled(tmp_path):
    texts = {
        "a.txt": "Title: Minister quits\n\nFinance Minister Lea Holt will leave office on "
        "March 3, the palace said.\n\nHer deputy, Omar Brandt, resigned in June.",
        "b.txt": "Title: Holt to go\n\nLea Holt will leave office on March 3.\n\nTrade "
        "chief Ivo Sarr is expected to leave in September.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = build_story([load_path(tmp_path / n) for n in texts], settings=Settings())
    departures = [r for r in table.rows if r.kind == "date" and "departure" in r.measure]
    assert not any(r.status == "disagree" for r in departures), [
        (r.status, [c.value for c in r.cells]) for r in departures
    ]
    assert any(r.status == "agree" for r in departures)


def test_a_story_table_imports_no_pair_engine(tmp_path: Path) -> None:
    """`main.py table` reads claims and never aligns: building a table (and cancelling
    nothing) imports neither core.compare nor what it brings (numpy, rapidfuzz, the
    aligner), ~0.15 s of the command."""
    import subprocess
    import sys

    for name, text in (("wire.txt", WIRE), ("blog.txt", BLOG)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    code = (
        "import sys, io, argparse\n"
        "from cli.table import run_table\n"
        "from core.settings import Settings\n"
        f"args = argparse.Namespace(inputs=[{str(tmp_path)!r}], json=True, csv=None,\n"
        "    output=None, hide_single=False, same_story=None)\n"
        "run_table(args, Settings(), io.StringIO())\n"
        "heavy = ('core.compare', 'core.align', 'numpy', 'rapidfuzz', 'scipy')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
