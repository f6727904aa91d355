"""Claim pairs in the report and the command-line summary: each claim pair of a link, and
updates (the same figure at two stated times) shown as changes over time, never as
contradictions.  Qt-free: the window's tests reuse ``claims_comparison``."""

from __future__ import annotations

import pytest

from cli.commands import summary
from core.model import Comparison, Conflict, Document, Link, PassageRef, Source
from core.report import claim_rows, render_html, render_markdown
from core.segment import segment

LEFT = (
    "Quake kills hundreds\n\n"
    "The earthquake killed 300 people on Monday, officials said. "
    "At least 1,200 people were injured, according to the health ministry. "
    "Another 40 people were injured in the aftershock. "
    "The entry fee was $5."
)
RIGHT = (
    "Quake toll rises\n\n"
    "The earthquake killed 412 people by Thursday, officials said. "
    "At least 1,200 people were injured, according to the health ministry. "
    "Another 45 people were injured in the aftershock. "
    "The entry fee was $7."
)


def _conflict(measure: str, lw: str, rw: str, why: str, relation: str, **extra: str) -> Conflict:
    ls, rs = LEFT.index(lw), RIGHT.index(rw)
    return Conflict(
        "number",
        lw,
        rw,
        why,
        ls,
        ls + len(lw),
        rs,
        rs + len(rw),
        measure=measure,
        relation=relation,
        **extra,
    )


def _ref(passages, words: str) -> PassageRef:
    return next(p.ref for p in passages if words in p.text)


def claims_comparison() -> Comparison:
    """Known links: an update only (dead), an agreeing pair (injured), and two conflicts
    whose measures sort against reading order (injured before fee in the text)."""
    lp, rp = segment(LEFT, "left"), segment(RIGHT, "right")
    dead = (_ref(lp, "killed"), _ref(rp, "killed"))
    same = (_ref(lp, "1,200"), _ref(rp, "1,200"))
    after = (_ref(lp, "aftershock"), _ref(rp, "aftershock"))
    fee = (_ref(lp, "fee"), _ref(rp, "fee"))
    links = (
        Link(
            *dead,
            "related",
            0.9,
            (
                _conflict(
                    "dead",
                    "300",
                    "412",
                    "dead: 300 (Monday) → 412 (Thursday)",
                    "update",
                    time="Monday",
                ),
            ),
        ),
        Link(*same, "agree", 0.95),
        Link(
            *after,
            "contradict",
            0.9,
            (_conflict("injured", "40", "45", "injured: 40 ≠ 45", "conflict"),),
        ),
        Link(*fee, "contradict", 0.9, (_conflict("fee", "$5", "$7", "fee: $5 ≠ $7", "conflict"),)),
    )
    return Comparison(
        Document(LEFT, source=Source(path="left.txt")),
        Document(RIGHT, source=Source(path="right.txt")),
        lp,
        rp,
        links,
    )


@pytest.fixture
def comparison() -> Comparison:
    return claims_comparison()


def test_report_and_summary_show_updates_as_changes_over_time(comparison: Comparison) -> None:
    markdown = render_markdown(comparison)
    contradictions = markdown.split("## Contradictions")[1].split("## Changed over time")[0]
    assert "300" not in contradictions  # the update is not a contradiction
    changed = markdown.split("## Changed over time (1)")[1].split("## Claims compared")[0]
    assert "**dead**: 300 → 412" in changed
    claims = markdown.split("## Claims compared")[1].split("## Notes")[0]
    assert "| dead | 300 | 412 | changed over time: 300 → 412 | Monday |" in claims
    assert "| fee | $5 | $7 | conflict |" in claims
    assert "injured | At least 1,200 | At least 1,200 | agree" in claims
    html = render_html(comparison)
    assert "<h2>Changed over time (1)</h2>" in html and "300 → 412" in html
    text = summary(comparison)
    assert "~ update: dead: 300 (Monday) → 412 (Thursday) (changed over time)" in text
    assert "! number: fee: $5 ≠ $7" in text
    assert not any(line.strip().startswith("!") and "300" in line for line in text.splitlines())


def test_claim_rows_list_conflicts_updates_and_agreeing_pairs(comparison: Comparison) -> None:
    dead, same, after, fee = comparison.links
    [update] = claim_rows(comparison, dead)
    assert (update.measure, update.relation, update.verdict, update.change, update.time) == (
        "dead",
        "update",
        "changed over time",
        "300 → 412",
        "Monday",
    )
    agreeing = claim_rows(comparison, same)
    assert [(r.measure, r.left, r.right, r.verdict) for r in agreeing] == [
        ("injured", "At least 1,200", "At least 1,200", "agree")
    ]
    assert "injured" in agreeing[0].left_reading
    assert [(r.measure, r.verdict) for r in claim_rows(comparison, fee)] == [("fee", "conflict")]
