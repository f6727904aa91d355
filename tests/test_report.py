"""The HTML and Markdown reports: contradictions with quotes, missing passages, counts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from core.model import Comparison, Conflict, Document, Link, PassageRef, Source
from core.report import render_html, render_markdown, summarise
from core.segment import segment

ROOT = Path(__file__).resolve().parent.parent

LEFT = (
    "The deal was worth $13 billion. <script>alert('x')</script> was in the page. "
    "Only the left says Altman laughed."
)
RIGHT = "The deal was worth $10 billion. Only the right mentions Tuesday & Friday."

ref = PassageRef.parse  # tests name passages by their labels


def sample() -> Comparison:
    left_p, right_p = segment(LEFT, "left"), segment(RIGHT, "right")
    ls, rs = LEFT.index("$13 billion"), RIGHT.index("$10 billion")
    conflict = Conflict(
        "money", "$13 billion", "$10 billion", "$13 billion ≠ $10 billion", ls, ls + 11, rs, rs + 11
    )
    links = (Link(ref("L0"), ref("R0"), "contradict", 0.9, (conflict,), note="Ask the <editor>"),)
    return Comparison(
        Document(LEFT, source=Source(path="a.txt")),
        Document(RIGHT, source=Source(path="b.txt")),
        left_p,
        right_p,
        links,
    )


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_has_quotes_explanations_missing_and_counts() -> None:
    comparison = sample()
    page = render_html(comparison)
    parsed = _Collector()
    parsed.feed(page)
    text = " ".join("".join(parsed.text).split())
    assert "script" not in parsed.tags  # article text never becomes markup
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "The deal was worth $13 billion." in text
    assert "The deal was worth $10 billion." in text
    assert "$13 billion ≠ $10 billion" in text
    assert "Note: Ask the <editor>" in text
    # The conflicting words are marked inside the quotes.
    assert page.count("<mark>$13 billion</mark>") == 1
    assert page.count("<mark>$10 billion</mark>") == 1
    summary = summarise(comparison)
    assert summary.contradict == 1
    for side in ("left", "right"):
        missing = comparison.missing(side)
        assert missing
        assert f"Only in the {side} article ({len(missing)})" in text
        for passage in missing:
            assert " ".join(passage.text.split()) in text
    # Self-contained: no external resources, no scripts.
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)


def test_markdown_report_matches_the_html_one() -> None:
    comparison = sample()
    md = render_markdown(comparison)
    assert "## Contradictions (1)" in md
    assert r"\<script\>" in md and "<script>" not in md
    assert "- $13 billion ≠ $10 billion (money)" in md
    assert f"## Only in the right article ({len(comparison.missing('right'))})" in md


def test_report_command_writes_the_file(tmp_path: Path) -> None:
    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    out = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "main.py", "report", str(corpus[0]), str(corpus[1]), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2>Summary</h2>" in page


class _Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.metas: list[dict[str, str | None]] = []
        self.head_order: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.head_order.append(tag)
        if tag == "meta":
            self.metas.append(dict(attrs))


def test_html_report_forbids_scripts_and_remote_loads() -> None:
    parsed = _Metas()
    parsed.feed(render_html(sample()))
    policies = [
        m["content"]
        for m in parsed.metas
        if (m.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = {
        part.split()[0]: part.split()[1:] for part in (policies[0] or "").split(";") if part.strip()
    }
    assert directives["default-src"] == ["'none'"]  # scripts, frames, fetches, fonts: nothing
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert directives["img-src"] == ["data:"]
    assert "script-src" not in directives and "connect-src" not in directives
    # The policy comes before anything it governs: right after the charset, before <style>.
    assert parsed.head_order.index("meta") < parsed.head_order.index("style")
    assert parsed.head_order.index("style") < parsed.head_order.index("body")


def test_report_on_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.txt")
    with open(odd, "wb") as handle:
        handle.write(corpus[0].read_bytes())
    for suffix in ("html", "md"):
        out = tmp_path / f"report.{suffix}"
        result = subprocess.run(
            [sys.executable, "main.py", "report", os.fsdecode(odd), str(corpus[1]), "-o", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        page = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
        assert "\\udce9" in page and "\\udcff" in page  # the bytes named, as escapes
