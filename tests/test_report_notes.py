"""Report content for a working day: who and when, every note, dismissed conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from core.model import Comparison, Conflict, Document, Link, PassageRef, Source
from core.report import render_html, render_markdown
from core.segment import segment

ref = PassageRef.parse
LEFT = "The deal was worth $13 billion. The talks began in May. A third point."
RIGHT = "The deal was worth $10 billion. The talks began in May. Another point."
MADE = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)


def comparison(*links: Link) -> Comparison:
    return Comparison(
        Document(LEFT, "Le Monde <b>story</b>", Source(path="/news/a.txt")),
        Document(RIGHT, "Reuters story", Source(url="https://example.org/b")),
        segment(LEFT, "left"),
        segment(RIGHT, "right"),
        links,
    )


CONFLICT = Conflict("money", "$13 billion", "$10 billion", "$13 billion ≠ $10 billion")


def test_names_both_articles_by_title_and_source_with_the_date() -> None:
    for text in (
        render_html(comparison(), made=MADE),
        render_markdown(comparison(), made=MADE),
    ):
        assert "2026-11-29 09:30 UTC" in text
        assert "/news/a.txt" in text and "https://example.org/b" in text
        assert "Reuters story" in text
    html = render_html(comparison(), made=MADE)
    assert "Le Monde &lt;b&gt;story&lt;/b&gt;" in html  # a title is text, never markup


def test_notes_on_every_pair_overridden_ones_too() -> None:
    links = (
        Link(ref("L1"), ref("R1"), "agree", 0.8, note="Same date in both"),
        Link(ref("L2"), ref("R2"), "contradict", 0.4, overridden=True, note="Checked: differs"),
    )
    for text in (render_html(comparison(*links)), render_markdown(comparison(*links))):
        assert "Same date in both" in text
        assert "Checked: differs" in text
        assert "Notes (2)" in text


def test_a_dismissed_conflict_is_shown_as_dismissed_not_as_a_conflict() -> None:
    engine = Link(ref("L0"), ref("R0"), "contradict", 0.9, (CONFLICT,))
    dismissed = replace(engine, status="agree", overridden=True, note="Rounding")
    html = render_html(comparison(dismissed))
    assert "Contradictions (0)" in html
    assert "Conflicts dismissed by hand (1)" in html
    assert "dismissed, marked agree" in html
    markdown = render_markdown(comparison(dismissed))
    assert "## Contradictions (0)" in markdown
    assert "dismissed, marked agree" in markdown
    # Not dismissed: listed as a contradiction, no dismissed section.
    assert "dismissed by hand" not in render_html(comparison(engine))
