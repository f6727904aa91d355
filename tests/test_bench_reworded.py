"""The reworded test set (bench/reworded/) is well formed: every snippet of its truth,
alignment and furniture occurs exactly once in its article, kinds are known, articles
have the documented layout.  Nothing here runs the engine or depends on its quality."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import ROOT, bench_module

SET = ROOT / "bench" / "reworded"
EVENTS = sorted(p for p in SET.iterdir() if p.is_dir())
STATUSES = {"disagree", "update", "agree", "single"}


scorer = bench_module("reworded")


def _articles(event):
    return {name: (event / name).read_text(encoding="utf-8") for name in scorer.OUTLETS}


def _sentence_of(text: str, snippet: str) -> str:
    """The line holding the snippet (articles keep one paragraph per line)."""
    start = text.index(snippet)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start : line_end if line_end >= 0 else len(text)]


def test_there_are_at_least_four_events():
    assert len(EVENTS) >= 4


@pytest.mark.parametrize("event", EVENTS, ids=lambda p: p.name)
def test_articles_have_the_documented_layout(event):
    for name, text in _articles(event).items():
        lines = text.splitlines()
        assert lines[0].startswith("Title: "), name
        assert lines[1].startswith("Source: "), name
        assert lines[2] == "", name
        words = len(text.split())
        assert 300 <= words <= 700, (name, words)


@pytest.mark.parametrize("event", EVENTS, ids=lambda p: p.name)
def test_every_truth_snippet_occurs_exactly_once(event):
    articles = _articles(event)
    entries, furniture = scorer.read_truth(event / "truth.txt")
    assert entries and furniture
    for e in entries:
        assert e.left_from in articles and e.right_from in articles, e
        assert e.left_from != e.right_from, e
        for name, snippet in ((e.left_from, e.left), (e.right_from, e.right)):
            assert articles[name].count(snippet) == 1, (name, snippet)
            assert "\n" not in snippet
            line = _sentence_of(articles[name], snippet)
            inner = line[line.index(snippet) : line.index(snippet) + len(snippet)]
            # within one sentence: no sentence end followed by a capital inside the snippet
            assert not re.search(r"(?<![ap]\.m)[.!?]\s+[A-Z]", inner.rstrip(".")), (name, snippet)
    for f in furniture:
        assert articles[f.article].count(f.text) == 1, f


@pytest.mark.parametrize("event", EVENTS, ids=lambda p: p.name)
def test_truth_kinds_and_fields_are_valid(event):
    entries, _ = scorer.read_truth(event / "truth.txt")
    for e in entries:
        assert e.kind in scorer.KINDS and e.kind != "furniture", e
        assert e.note, e
        if e.kind in ("quantity", "update"):
            assert e.measure, e
        if e.kind == "trap":
            assert e.trap in scorer.TRAP_KINDS, e
        else:
            assert not e.trap, e


def test_the_set_plants_every_kind():
    kinds, traps = set(), set()
    for event in EVENTS:
        entries, _ = scorer.read_truth(event / "truth.txt")
        kinds |= {e.kind for e in entries}
        traps |= {e.trap for e in entries if e.kind == "trap"}
    assert set(scorer.DISAGREEMENTS) | {"update", "agree", "trap"} <= kinds
    assert set(scorer.TRAP_KINDS) <= traps


@pytest.mark.parametrize("event", EVENTS, ids=lambda p: p.name)
def test_alignment_snippets_occur_exactly_once_and_skip_furniture(event):
    articles = _articles(event)
    _, furniture = scorer.read_truth(event / "truth.txt")
    furniture_lines = {(f.article, f.text) for f in furniture}
    sections = scorer.read_alignment(event / "alignment.txt")
    assert set(sections) == set(itertools.combinations(scorer.OUTLETS, 2))
    for (a, b), pairs in sections.items():
        assert len(pairs) == len(set(pairs)), (a, b)
        for left, right in pairs:
            for name, snippet in ((a, left), (b, right)):
                assert articles[name].count(snippet) == 1, (name, snippet)
                line = _sentence_of(articles[name], snippet)
                assert not any(
                    article == name and text in line for article, text in furniture_lines
                ), (name, snippet)


@pytest.mark.parametrize("event", EVENTS, ids=lambda p: p.name)
def test_table_rows_are_well_formed(event):
    rows = [
        line
        for line in (event / "table.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rows
    for row in rows:
        fields = [f.strip() for f in row.split("|")]
        assert len(fields) == 6, row
        assert all(fields), row
        statuses = {s.strip() for s in fields[2].split(",")}
        assert statuses <= STATUSES, row
