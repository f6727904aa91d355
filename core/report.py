"""A comparison as a report a fact-checker can file: HTML (self-contained) or Markdown.

The report lists the contradictions with both quotes and their explanations, the passages
each article has that the other lacks, and summary counts.  All article text is escaped:
articles come from the web and must not inject markup into the report.

>>> from core.compare import compare
>>> from core.model import Document
>>> html = render_html(compare(Document("It rained."), Document("It snowed.")))
>>> html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from .model import Comparison, Conflict, Document, Link, Side

_SIDES: tuple[Side, Side] = ("left", "right")
# The HTML report's Content-Security-Policy: no scripts, frames, fonts or remote loads of
# any kind; only its own inline style and data: images.  Even markup that escaped the
# escaping could not run or call home.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True)
class Summary:
    """The counts at the top of a report."""

    left_passages: int
    right_passages: int
    links: int
    agree: int
    related: int
    contradict: int
    missing_left: int
    missing_right: int
    user_edits: int


def summarise(comparison: Comparison) -> Summary:
    statuses = Counter(link.status for link in comparison.links)
    return Summary(
        left_passages=len(comparison.left_passages),
        right_passages=len(comparison.right_passages),
        links=len(comparison.links),
        agree=statuses["agree"],
        related=statuses["related"],
        contradict=statuses["contradict"],
        missing_left=len(comparison.missing("left")),
        missing_right=len(comparison.missing("right")),
        user_edits=sum(
            1 for link in comparison.links if link.origin == "user" or link.overridden or link.note
        ),
    )


def _quote(comparison: Comparison, ids: tuple[str, ...]) -> str:
    return " ".join(comparison.passage(pid).text for pid in ids)


def _in_reading_order(links: tuple[Link, ...]) -> list[Link]:
    return sorted(links, key=lambda link: (int(link.left[0][1:]), int(link.right[0][1:])))


def _where(document: Document) -> str:
    return document.source.path or document.source.url or document.source.format


# ------------------------------------------------------------------------------ HTML

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       max-width: 70em; margin: 2em auto; padding: 0 1em; color: #1e1e1e; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { border-bottom: 2px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d0d0; padding: .45em .6em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sources td:first-child { width: 6em; font-weight: 600; }
.contradiction { border-left: 5px solid #D55E00; background: #fff7f2; padding: .6em 1em;
                 margin: 1em 0; }
.contradiction blockquote { margin: .3em 0 .6em 0; padding-left: .8em;
                            border-left: 3px solid #ccc; }
.contradiction .label { font-size: .85em; color: #555; text-transform: uppercase; }
.explanation { font-weight: 600; color: #8a3100; }
mark { background: #F3A56F; padding: 0 .1em; }
.note { font-style: italic; color: #444; }
.missing li { margin: .3em 0; }
.ids { color: #777; font-size: .85em; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
footer { margin-top: 3em; color: #777; font-size: .85em; }
"""


def _marked(text: str, base: int, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` (starting at document offset ``base``), wrapping spans in <mark>."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        start, end = max(start - base, cursor), min(end - base, len(text))
        if start >= end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f"<mark>{html.escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def _side_quote_html(
    comparison: Comparison, ids: tuple[str, ...], side: Side, conflicts: tuple[Conflict, ...]
) -> str:
    spans = [
        (c.left_start, c.left_end) if side == "left" else (c.right_start, c.right_end)
        for c in conflicts
    ]
    spans = [(s, e) for s, e in spans if s >= 0 and e > s]
    parts = []
    for pid in ids:
        passage = comparison.passage(pid)
        parts.append(_marked(passage.text, passage.start, spans))
    return " ".join(parts)


def render_html(comparison: Comparison) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources)."""
    e = html.escape
    s = summarise(comparison)
    left, right = comparison.left, comparison.right
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        f"<title>Comparison: {e(left.name)} vs {e(right.name)}</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Article comparison</h1>",
        '<table class="sources">',
    ]
    for label, doc in (("Left", left), ("Right", right)):
        out.append(
            f"<tr><td>{label}</td><td><strong>{e(doc.name)}</strong><br>"
            f'<span class="ids">{e(_where(doc))} · {doc.word_count} words</span></td></tr>'
        )
    out.append("</table>")
    out.append("<h2>Summary</h2><table>")
    rows = [
        ("Passages (left / right)", f"{s.left_passages} / {s.right_passages}"),
        ("Linked pairs", s.links),
        ("Agree", s.agree),
        ("Related", s.related),
        ("Contradictions", s.contradict),
        ("Only in the left article", s.missing_left),
        ("Only in the right article", s.missing_right),
        ("Pairs edited by hand", s.user_edits),
    ]
    out.extend(f'<tr><th>{e(k)}</th><td class="num">{e(str(v))}</td></tr>' for k, v in rows)
    out.append("</table>")

    out.append(f"<h2>Contradictions ({s.contradict})</h2>")
    contradictions = _in_reading_order(comparison.contradictions())
    if not contradictions:
        out.append("<p>No contradictions found.</p>")
    for link in contradictions:
        out.append('<section class="contradiction">')
        out.append(
            f'<div class="ids">{e("+".join(link.left))} ↔ {e("+".join(link.right))} · '
            f"score {link.score:.2f}"
            f"{' · set by hand' if link.overridden or link.origin == 'user' else ''}</div>"
        )
        sides: tuple[tuple[Side, tuple[str, ...]], ...] = (
            ("left", link.left),
            ("right", link.right),
        )
        for side, ids in sides:
            doc = comparison.document(side)
            quote = _side_quote_html(comparison, ids, side, link.conflicts)
            out.append(
                f'<div class="label">{side.capitalize()}: {e(doc.name)}</div>'
                f"<blockquote>{quote}</blockquote>"
            )
        if link.conflicts:
            out.append("<ul>")
            out.extend(
                f'<li class="explanation">{e(c.explanation)} <span class="ids">({e(c.kind)})'
                "</span></li>"
                for c in link.conflicts
            )
            out.append("</ul>")
        if link.note:
            out.append(f'<p class="note">Note: {e(link.note)}</p>')
        out.append("</section>")

    for side in _SIDES:
        other = "right" if side == "left" else "left"
        missing = comparison.missing(side)
        out.append(
            f"<h2>Only in the {side} article ({len(missing)})</h2>"
            f"<p>Reported by <em>{e(comparison.document(side).name)}</em>, absent from the "
            f"{other} article.</p>"
        )
        if missing:
            out.append('<ul class="missing">')
            out.extend(f'<li><span class="ids">{e(p.id)}</span> {e(p.text)}</li>' for p in missing)
            out.append("</ul>")
        else:
            out.append("<p>Nothing.</p>")
    out.append(
        f"<footer>Engine {e(comparison.engine_version or 'unknown')} · link threshold "
        f"{comparison.settings.link_threshold:.2f}</footer>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# -------------------------------------------------------------------------- Markdown

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|"})


def _md(text: str) -> str:
    """Escape Markdown (and inline HTML) so quoted article text renders as plain text."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def render_markdown(comparison: Comparison) -> str:
    """The same report as Markdown, for pasting into notes or tickets."""
    s = summarise(comparison)
    left, right = comparison.left, comparison.right
    out = [
        "# Article comparison",
        "",
        f"- **Left:** {_md(left.name)} ({_md(_where(left))}, {left.word_count} words)",
        f"- **Right:** {_md(right.name)} ({_md(_where(right))}, {right.word_count} words)",
        "",
        "## Summary",
        "",
        "| | |",
        "|---|---:|",
        f"| Passages (left / right) | {s.left_passages} / {s.right_passages} |",
        f"| Linked pairs | {s.links} |",
        f"| Agree | {s.agree} |",
        f"| Related | {s.related} |",
        f"| Contradictions | {s.contradict} |",
        f"| Only in the left article | {s.missing_left} |",
        f"| Only in the right article | {s.missing_right} |",
        f"| Pairs edited by hand | {s.user_edits} |",
        "",
        f"## Contradictions ({s.contradict})",
        "",
    ]
    contradictions = _in_reading_order(comparison.contradictions())
    if not contradictions:
        out += ["No contradictions found.", ""]
    for number, link in enumerate(contradictions, start=1):
        out.append(f"### {number}. {'+'.join(link.left)} ↔ {'+'.join(link.right)}")
        out.append("")
        out.append(f"> **Left:** {_md(_quote(comparison, link.left))}")
        out.append(">")
        out.append(f"> **Right:** {_md(_quote(comparison, link.right))}")
        out.append("")
        out.extend(f"- {_md(c.explanation)} ({c.kind})" for c in link.conflicts)
        if link.note:
            out.append(f"- *Note:* {_md(link.note)}")
        out.append("")
    for side in _SIDES:
        missing = comparison.missing(side)
        out.append(f"## Only in the {side} article ({len(missing)})")
        out.append("")
        out.extend(f"- `{p.id}` {_md(p.text)}" for p in missing)
        if not missing:
            out.append("Nothing.")
        out.append("")
    return "\n".join(out)
