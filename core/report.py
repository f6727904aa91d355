"""A comparison as a report a fact-checker can file: HTML (self-contained) or Markdown.

The report lists the contradictions with both quotes and their explanations, the passages
each article has that the other lacks, and summary counts.  All article text is escaped:
articles come from the web and must not inject markup into the report.

>>> from core.compare import compare
>>> from core.model import Document
>>> from core.settings import Settings
>>> html = render_html(compare(Document("It rained."), Document("It snowed."), settings=Settings()))
>>> html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

from .claims import describe
from .model import Comparison, Conflict, Document, Link, PassageRef, Side
from .verdict import judge

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
    updates: int = 0  # figures that changed over time (not contradictions)


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
        updates=sum(len(updates_of(link)) for link in comparison.links),
    )


def _quote(comparison: Comparison, ref: PassageRef) -> str:
    return comparison.passage(ref).text


def _in_reading_order(links: tuple[Link, ...]) -> list[Link]:
    return sorted(links, key=lambda link: link.pair)


def _where(document: Document) -> str:
    return document.source.path or document.source.url or document.source.format


def _made(made: datetime | None) -> str:
    """When the report was made, to the minute, in UTC."""
    moment = (made or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


# How each claim pair's relation is written: an update is "changed over time", never a
# contradiction.
VERDICT_WORDS = {
    "agree": "agree",
    "conflict": "conflict",
    "update": "changed over time",
    "not_comparable": "not comparable",
}


@dataclass(frozen=True)
class ClaimRow:
    """One claim pair of a link as the views list it: what was compared, both values as
    written, and the verdict on them."""

    measure: str  # "dead", "fee", "quote"; "" when paired by identical wording
    left: str
    right: str
    relation: str  # "agree", "conflict", "update" or "not_comparable"
    explanation: str
    scope: str = ""
    time: str = ""
    left_reading: str = ""  # what the engine took the left value to count
    right_reading: str = ""

    @property
    def verdict(self) -> str:
        return VERDICT_WORDS.get(self.relation, self.relation)

    @property
    def change(self) -> str:
        """An update as "left value → right value"."""
        return f"{self.left} → {self.right}"


def _row_of(conflict: Conflict) -> ClaimRow:
    return ClaimRow(
        conflict.measure,
        conflict.left,
        conflict.right,
        conflict.relation,
        conflict.explanation,
        conflict.scope,
        conflict.time,
    )


def conflicts_of(link: Link) -> tuple[Conflict, ...]:
    """The link's conflicts proper (relation "conflict"), not its updates."""
    return tuple(c for c in link.conflicts if c.relation != "update")


def updates_of(link: Link) -> tuple[Conflict, ...]:
    """The link's updates: the same figure at two stated times."""
    return tuple(c for c in link.conflicts if c.relation == "update")


def claim_rows(comparison: Comparison, link: Link) -> tuple[ClaimRow, ...]:
    """Every claim pair of a link: its conflicts and updates as the engine found them, then
    the pairs that agree (or could not be compared), judged again from the two passages.

    This runs the verdict on one pair of passages: call it for a selected link or while
    writing a report, never while painting.
    """
    rows = [_row_of(c) for c in conflicts_of(link)] + [_row_of(c) for c in updates_of(link)]
    seen = {(r.left, r.right) for r in rows}
    left_text = comparison.passage(link.left).text
    right_text = comparison.passage(link.right).text
    verdict = judge(left_text, right_text, score=link.score, settings=comparison.settings)
    for pair in verdict.claim_pairs:
        if pair.relation in ("conflict", "update"):
            continue  # the link's own conflicts (found across the articles) stand for these
        left, right = pair.left.span.text, pair.right.span.text
        if (left, right) in seen:
            continue
        seen.add((left, right))
        rows.append(
            ClaimRow(
                pair.label,
                left,
                right,
                pair.relation,
                pair.explanation,
                left_reading=describe(pair.left),
                right_reading=describe(pair.right),
            )
        )
    return tuple(rows)


def dismissed(comparison: Comparison) -> list[Link]:
    """Pairs the engine found conflicting that the user judged agree or related by hand."""
    return [
        link
        for link in _in_reading_order(comparison.links)
        if link.conflicts and link.overridden and link.status != "contradict"
    ]


def noted(comparison: Comparison) -> list[Link]:
    """Every pair with a note, whatever its verdict (overridden ones too)."""
    return [link for link in _in_reading_order(comparison.links) if link.note]


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
.update { color: #00694d; font-style: italic; }
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
    comparison: Comparison, ref: PassageRef, side: Side, conflicts: tuple[Conflict, ...]
) -> str:
    spans = [
        (c.left_start, c.left_end) if side == "left" else (c.right_start, c.right_end)
        for c in conflicts
    ]
    spans = [(s, e) for s, e in spans if s >= 0 and e > s]
    passage = comparison.passage(ref)
    return _marked(passage.text, passage.start, spans)


def _claims_table_html(comparison: Comparison) -> list[str]:
    """Every claim pair of every link: measure, both values, verdict, scope and time."""
    e = html.escape
    rows = [
        (link, row)
        for link in _in_reading_order(comparison.links)
        for row in claim_rows(comparison, link)
    ]
    out = [f"<h2>Claims compared ({len(rows)})</h2>"]
    if not rows:
        return [*out, "<p>No comparable claims.</p>"]
    out.append(
        "<table><tr><th>Pair</th><th>Measure</th><th>Left</th><th>Right</th><th>Verdict</th>"
        "<th>Scope · time</th></tr>"
    )
    for link, row in rows:
        verdict = row.verdict if row.relation != "update" else f"{row.verdict}: {row.change}"
        where = " · ".join(x for x in (row.scope, row.time) if x)
        out.append(
            f'<tr><td class="ids">{e(link.left.label)} ↔ {e(link.right.label)}</td>'
            f"<td>{e(row.measure or '—')}</td><td>{e(row.left)}</td><td>{e(row.right)}</td>"
            f"<td>{e(verdict)}</td><td>{e(where)}</td></tr>"
        )
    out.append("</table>")
    return out


def render_html(comparison: Comparison, *, made: datetime | None = None) -> str:
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
        f'<p class="ids">Made {e(_made(made))}</p>',
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
        ("Changed over time (not contradictions)", s.updates),
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
            f'<div class="ids">{e(link.left.label)} ↔ {e(link.right.label)} · '
            f"score {link.score:.2f}"
            f"{' · set by hand' if link.overridden or link.origin == 'user' else ''}</div>"
        )
        for side in _SIDES:
            doc = comparison.document(side)
            quote = _side_quote_html(comparison, link.end(side), side, link.conflicts)
            out.append(
                f'<div class="label">{side.capitalize()}: {e(doc.name)}</div>'
                f"<blockquote>{quote}</blockquote>"
            )
        if link.conflicts:
            out.append("<ul>")
            out.extend(
                f'<li class="explanation">{e(c.explanation)} <span class="ids">'
                f"({e(c.measure or c.kind)})</span></li>"
                for c in conflicts_of(link)
            )
            out.extend(
                f'<li class="update">Δ changed over time: {e(c.measure or c.kind)} '
                f'{e(c.left)} → {e(c.right)} <span class="ids">({e(c.explanation)})</span></li>'
                for c in updates_of(link)
            )
            out.append("</ul>")
        if link.note:
            out.append(f'<p class="note">Note: {e(link.note)}</p>')
        out.append("</section>")

    changed = [(link, c) for link in _in_reading_order(comparison.links) for c in updates_of(link)]
    out.append(f"<h2>Changed over time ({len(changed)})</h2>")
    out.append(
        "<p>The same figure stated for two different times: an update, not a contradiction.</p>"
    )
    if changed:
        out.append('<ul class="updates">')
        out.extend(
            f'<li><span class="ids">{e(link.left.label)} ↔ {e(link.right.label)}</span> '
            f"<strong>{e(c.measure or c.kind)}</strong>: {e(c.left)} → {e(c.right)} "
            f'<span class="ids">({e(c.explanation)})</span></li>'
            for link, c in changed
        )
        out.append("</ul>")
    else:
        out.append("<p>Nothing.</p>")
    out.extend(_claims_table_html(comparison))

    gone = dismissed(comparison)
    if gone:
        out.append(f"<h2>Conflicts dismissed by hand ({len(gone)})</h2>")
        out.append("<p>The engine saw these as conflicting; the user judged otherwise.</p><ul>")
        for link in gone:
            why = "; ".join(c.explanation for c in link.conflicts)
            out.append(
                f'<li><span class="ids">{e(link.left.label)} ↔ {e(link.right.label)}</span> '
                f"dismissed, marked {e(link.status)} (engine: {e(why)})"
                + (f' — <span class="note">Note: {e(link.note)}</span>' if link.note else "")
                + "</li>"
            )
        out.append("</ul>")
    notes = noted(comparison)
    out.append(f"<h2>Notes ({len(notes)})</h2>")
    if notes:
        out.append("<ul>")
        out.extend(
            f'<li><span class="ids">{e(link.left.label)} ↔ {e(link.right.label)} · '
            f"{e(link.status)}{' (set by hand)' if link.overridden else ''}</span> "
            f'<span class="note">{e(link.note)}</span></li>'
            for link in notes
        )
        out.append("</ul>")
    else:
        out.append("<p>No notes.</p>")
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
            out.extend(
                f'<li><span class="ids">{e(p.ref.label)}</span> {e(p.text)}</li>' for p in missing
            )
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


def render_markdown(comparison: Comparison, *, made: datetime | None = None) -> str:
    """The same report as Markdown, for pasting into notes or tickets."""
    s = summarise(comparison)
    left, right = comparison.left, comparison.right
    out = [
        "# Article comparison",
        "",
        f"Made {_made(made)}",
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
        f"| Changed over time (not contradictions) | {s.updates} |",
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
        out.append(f"### {number}. {link.left.label} ↔ {link.right.label}")
        out.append("")
        out.append(f"> **Left:** {_md(_quote(comparison, link.left))}")
        out.append(">")
        out.append(f"> **Right:** {_md(_quote(comparison, link.right))}")
        out.append("")
        out.extend(
            f"- {_md(c.explanation)} ({_md(c.measure or c.kind)})" for c in conflicts_of(link)
        )
        out.extend(
            f"- Δ changed over time: {_md(c.measure or c.kind)} {_md(c.left)} → {_md(c.right)}"
            f" ({_md(c.explanation)})"
            for c in updates_of(link)
        )
        if link.note:
            out.append(f"- *Note:* {_md(link.note)}")
        out.append("")
    changed = [(link, c) for link in _in_reading_order(comparison.links) for c in updates_of(link)]
    out += [
        f"## Changed over time ({len(changed)})",
        "",
        "The same figure stated for two different times: an update, not a contradiction.",
        "",
    ]
    out.extend(
        f"- `{link.left.label} ↔ {link.right.label}` **{_md(c.measure or c.kind)}**: "
        f"{_md(c.left)} → {_md(c.right)} ({_md(c.explanation)})"
        for link, c in changed
    )
    out += ["Nothing.", ""] if not changed else [""]
    rows = [
        (link, row)
        for link in _in_reading_order(comparison.links)
        for row in claim_rows(comparison, link)
    ]
    out += [f"## Claims compared ({len(rows)})", ""]
    if rows:
        out += [
            "| Pair | Measure | Left | Right | Verdict | Scope · time |",
            "|---|---|---|---|---|---|",
        ]
        for link, row in rows:
            verdict = row.verdict if row.relation != "update" else f"{row.verdict}: {row.change}"
            where = " · ".join(x for x in (row.scope, row.time) if x)
            out.append(
                f"| {link.left.label} ↔ {link.right.label} | {_md(row.measure or '—')} | "
                f"{_md(row.left)} | {_md(row.right)} | {_md(verdict)} | {_md(where)} |"
            )
        out.append("")
    else:
        out += ["No comparable claims.", ""]
    gone = dismissed(comparison)
    if gone:
        out += [f"## Conflicts dismissed by hand ({len(gone)})", ""]
        for link in gone:
            why = "; ".join(c.explanation for c in link.conflicts)
            note = f" Note: {_md(link.note)}" if link.note else ""
            out.append(
                f"- `{link.left.label} ↔ {link.right.label}` dismissed, marked {link.status} "
                f"(engine: {_md(why)}).{note}"
            )
        out.append("")
    notes = noted(comparison)
    out += [f"## Notes ({len(notes)})", ""]
    out.extend(
        f"- `{link.left.label} ↔ {link.right.label}` ({link.status}"
        f"{', set by hand' if link.overridden else ''}): {_md(link.note)}"
        for link in notes
    )
    out += ["No notes.", ""] if not notes else [""]
    for side in _SIDES:
        missing = comparison.missing(side)
        out.append(f"## Only in the {side} article ({len(missing)})")
        out.append("")
        out.extend(f"- `{p.ref.label}` {_md(p.text)}" for p in missing)
        if not missing:
            out.append("Nothing.")
        out.append("")
    return "\n".join(out)
