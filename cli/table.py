"""``python main.py table FILES_OR_DIR``: one story's fact table across its articles.

Prints the table readably, or ``--json`` one object; ``--csv FILE`` and ``-o FILE.html``
write the other formats.  Bad input prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import io
import json
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO

from core.matrix import SAME_STORY_THRESHOLD, article_paths
from core.settings import Settings

if TYPE_CHECKING:  # the engine is imported by run_table: `main.py --help` needs none of it
    from core.story import StoryCell, StoryRow, StoryTable

MIN_ARTICLES = 2


class TableInputError(Exception):
    """Input the user can fix (too few articles, an unwritable output file)."""


def add_table_parser(commands: Any) -> argparse.ArgumentParser:
    """Register the ``table`` subcommand on ``commands`` (argparse sub-parsers)."""
    table = commands.add_parser("table", help="one fact table across several articles")
    table.add_argument("inputs", nargs="+", metavar="FILES_OR_DIR", help="articles or a folder")
    table.add_argument("--json", action="store_true", help="print one JSON object")
    table.add_argument("--csv", help="also write the table as CSV to this file")
    table.add_argument("-o", "--output", help="also write the table as self-contained HTML")
    table.add_argument(
        "--hide-single", action="store_true", help="leave out facts only one article states"
    )
    table.add_argument(
        "--same-story",
        nargs="?",
        type=float,
        const=SAME_STORY_THRESHOLD,
        default=None,
        metavar="THRESHOLD",
        help="keep only the largest group of articles on the same story (as `matrix` "
        f"groups them; default threshold {SAME_STORY_THRESHOLD})",
    )
    return table  # type: ignore[no-any-return]


def input_paths(inputs: Sequence[str]) -> list[str]:
    """The article files named, a folder standing for its article files."""
    paths: list[str] = []
    for item in inputs:
        if os.path.isdir(item):
            paths.extend(article_paths(item))
        elif os.path.exists(item):
            paths.append(item)
        else:
            from core.loading import LoadError

            raise LoadError(f"{item}: no such file or folder")
    return list(dict.fromkeys(paths))


def same_story(paths: list[str], *, threshold: float, settings: Settings) -> list[str]:
    """The paths of the largest same-story group (``core.matrix.story_groups``)."""
    from core.matrix import compare_all, load_articles, story_groups

    articles, _problems = load_articles(paths, workers=1)
    pairs = list(compare_all(articles, settings=settings, workers=1))
    groups = story_groups([a.name for a in articles], pairs, threshold=threshold)
    if not groups:
        return []
    by_name = {os.path.basename(p): p for p in paths}
    return [by_name[name] for name in groups[0]]


def run_table(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from core.loading import load_path
    from core.story import build_story, story_to_dict

    paths = input_paths(args.inputs)
    if args.same_story is not None:
        if not 0.0 <= args.same_story <= 1.0:
            raise TableInputError(f"--same-story must be between 0 and 1, not {args.same_story}")
        paths = same_story(paths, threshold=args.same_story, settings=settings)
    if len(paths) < MIN_ARTICLES:
        where = ", ".join(args.inputs)
        raise TableInputError(
            f"{where}: a story table needs at least {MIN_ARTICLES} articles, found {len(paths)}"
        )
    documents = [load_path(path) for path in paths]
    table = build_story(documents, settings=settings)
    if args.hide_single:
        table = replace(table, rows=tuple(r for r in table.rows if r.status != "single"))
    if args.csv:
        _write(args.csv, render_csv(table))
    if args.output:
        _write(args.output, render_html(table))
    if args.json:
        json.dump(story_to_dict(table), out, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_text(table))
    return 0


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise TableInputError(f"{path}: cannot write ({error.strerror or error})") from error


# ================================================================================ text


def cell_text(cell: StoryCell) -> str:
    """A cell's value with its time and source, as a person reads it."""
    extra = [part for part in (cell.time, f"per {cell.source}" if cell.source else "") if part]
    if extra and cell.claim is not None and not cell.value.endswith("”"):
        return f"{cell.value} ({'; '.join(extra)})"
    return cell.value


def render_text(table: StoryTable, width: int = 100) -> str:
    """The table as text: articles, then one block per row."""

    def clip(text: str, size: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= size else text[: size - 1] + "…"

    counts = table.counts()
    lines = [
        f"Story table: {len(table.articles)} articles, {len(table.rows)} facts "
        f"({counts['disagree']} disagree, {counts['update']} update, "
        f"{counts['agree']} agree, {counts['single']} single source)",
        "",
    ]
    id_width = max(len(a.id) for a in table.articles)
    for article in table.articles:
        day = article.published or "date unknown"
        lines.append(f"  {article.id:<{id_width}}  {day:<12}  {clip(article.title, width - 20)}")
    lines.append("")
    for row in table.rows:
        label = row.status.upper() + (" + UPDATE" if row.also_update else "")
        scope = f" [{row.scope}]" if row.scope else ""
        lines.append(f"{label:<17} {row.kind}: {clip(row.measure, 50)}{scope}")
        for index, article in enumerate(table.articles):
            cells = row.cells_of(index)
            if not cells:
                continue
            values = "; ".join(dict.fromkeys(cell_text(c) for c in cells))
            refs = ",".join(dict.fromkeys(f"#{c.passage}" for c in cells))
            lines.append(
                f"    {article.id:<{id_width}}  {clip(values, width - id_width - 14)}  {refs}"
            )
        if row.status in ("disagree", "update"):
            lines.append(f"    ! {clip(row.explanation, width - 6)}")
    return "\n".join(lines) + "\n"


# ================================================================================= CSV


def render_csv(table: StoryTable) -> str:
    """One line per row: measure, scope, status, explanation, then a column per article."""
    import csv  # here: every command builds this module's parser, few write CSV

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["measure", "scope", "status", "explanation", *(a.id for a in table.articles)])
    for row in table.rows:
        values = [
            " | ".join(dict.fromkeys(cell_text(c) for c in row.cells_of(i)))
            for i in range(len(table.articles))
        ]
        writer.writerow([row.measure, row.scope, row.status, row.explanation, *values])
    return buffer.getvalue()


# ================================================================================ HTML

# The pair view's verdict colours (gui/palette.py), each with a pattern and a glyph, so
# that colour is never the only signal.
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1e1e1e;
       margin: 2em; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
td.fact { min-width: 12em; }
.glyph { font-weight: 700; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
         margin-right: .3em; }
.v-contradict { background: #FBDCC8; border-left: 4px solid #D55E00; }
.v-update { background: repeating-linear-gradient(90deg, #EAF5FC 0 6px, #d6ecf8 6px 8px);
            border-left: 4px dotted #3FA7E0; }
.v-agree { background: #D4E6F4; border-left: 4px solid #0072B2; }
.v-single { background: #ffffff; border-left: 4px double #7A7A7A; }
.v-missing { background: repeating-linear-gradient(45deg, #ffffff 0 5px, #d9d9d9 5px 7px);
             color: #555; }
.status { white-space: nowrap; font-weight: 600; }
.sentence { color: #444; font-size: .85em; display: block; margin-top: .2em; }
.ref { color: #777; font-size: .8em; font-family: ui-monospace, monospace; }
.explanation { color: #8a3100; font-size: .9em; }
.legend span { display: inline-block; padding: .2em .6em; margin-right: .5em; }
"""
_STATUS_VERDICT = {
    "disagree": "contradict",
    "update": "update",
    "agree": "agree",
    "single": "single",
}
_GLYPH = {"contradict": "≠", "update": "→", "agree": "=", "single": "1", "missing": "–"}
_LABEL = {
    "contradict": "disagree",
    "update": "update",
    "agree": "agree",
    "single": "single source",
    "missing": "not reported",
}


def render_html(table: StoryTable) -> str:
    """A self-contained page: no scripts (the CSP forbids them), every text escaped."""
    import html  # here: every command builds this module's parser, few write HTML

    e = html.escape
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; script-src 'none'\">\n"
        "<title>Story table</title>\n<style>" + _CSS + "</style></head><body>\n"
    )
    counts = table.counts()
    parts = [head, f"<h1>Story table: {len(table.articles)} articles</h1>\n"]
    parts.append(
        f"<p>{len(table.rows)} facts: {counts['disagree']} disagree, {counts['update']} "
        f"update, {counts['agree']} agree, {counts['single']} single source.</p>\n"
    )
    parts.append('<p class="legend">')
    for verdict in ("contradict", "update", "agree", "single", "missing"):
        parts.append(
            f'<span class="v-{verdict}"><span class="glyph">{_GLYPH[verdict]}</span>'
            f"{_LABEL[verdict]}</span>"
        )
    parts.append("</p>\n<table>\n<thead><tr><th>status</th><th>fact</th>")
    for article in table.articles:
        day = f"<br><small>{e(article.published)}</small>" if article.published else ""
        parts.append(f'<th title="{e(article.title)}">{e(article.id)}{day}</th>')
    parts.append("</tr></thead>\n<tbody>\n")
    for row in table.rows:
        parts.append(_html_row(table, row))
    parts.append("</tbody></table>\n</body></html>\n")
    return "".join(parts)


def _html_row(table: StoryTable, row: StoryRow) -> str:
    import html

    from core.story import cell_verdict

    e = html.escape
    verdict = _STATUS_VERDICT[row.status]
    status = row.status + (" + update" if row.also_update else "")
    out = [
        f'<tr><td class="status v-{verdict}"><span class="glyph">{_GLYPH[verdict]}</span>'
        f"{e(status)}</td>"
    ]
    scope = f"<br><small>{e(row.scope)}</small>" if row.scope else ""
    explanation = (
        f'<br><span class="explanation">{e(row.explanation)}</span>'
        if row.status in ("disagree", "update")
        else ""
    )
    out.append(f'<td class="fact">{e(row.kind)}: <b>{e(row.measure)}</b>{scope}{explanation}</td>')
    for index in range(len(table.articles)):
        cells = row.cells_of(index)
        if not cells:
            out.append(
                '<td class="v-missing"><span class="glyph">–</span>'
                '<span class="ref">not reported</span></td>'
            )
            continue
        cell_verdicts = [cell_verdict(row, c) for c in cells]
        worst = min(cell_verdicts, key=("contradict", "update", "agree", "single").index)
        items = []
        for cell in cells:
            items.append(
                f'{e(cell_text(cell))} <span class="ref">#{cell.passage}</span>'
                f'<span class="sentence">{e(cell.text)}</span>'
            )
        out.append(
            f'<td class="v-{worst}"><span class="glyph">{_GLYPH[worst]}</span>'
            + "<hr>".join(items)
            + "</td>"
        )
    out.append("</tr>\n")
    return "".join(out)
