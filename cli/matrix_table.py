"""``main.py matrix FOLDER``: every pair of a folder's articles, as a table and story groups.

The engine part (loading, pairing, grouping) is ``core.matrix``; this module parses nothing
but prints the table and writes the CSV and JSON files.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, TextIO

from core.loading import LoadError
from core.matrix import (
    SAME_STORY_THRESHOLD,
    Article,
    MatrixResult,
    PairSummary,
    article_paths,
    compare_all,
    load_articles,
    story_groups,
)
from core.settings import Settings

from .exit_codes import EXIT_USER_ERROR


def _dask_available() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def run_matrix(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    """The ``matrix`` subcommand: table, groups, and the CSV / JSON files asked for."""
    err = sys.stderr
    if args.engine == "dask" and not _dask_available():
        print("error: --engine dask needs Dask: pip install 'factcompare[cluster]'", file=err)
        return EXIT_USER_ERROR
    workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
    try:
        paths = article_paths(args.folder, getattr(args, "glob", None))
    except OSError as error:  # e.g. a folder without permission to list it
        raise LoadError(
            f"{args.folder}: the folder cannot be read ({error.strerror or error})"
        ) from error
    articles, problems = load_articles(paths, workers=workers)
    for problem in problems:
        print(f"warning: skipped {problem}", file=err)
    if len(articles) < 2:
        raise LoadError(
            f"{args.folder}: needs at least two readable articles, found {len(articles)}"
        )
    width = max(len(str(len(articles))), 2)
    out.write(_article_list(articles, width))
    out.write(_table_header(width))
    pairs: list[PairSummary] = []
    number = {a.name: i + 1 for i, a in enumerate(articles)}
    for pair in compare_all(articles, settings=settings, workers=workers, engine=args.engine):
        pairs.append(pair)
        out.write(_table_row(pair, number, width))
        out.flush()
    threshold = getattr(args, "same_story", SAME_STORY_THRESHOLD)
    groups = story_groups([a.name for a in articles], pairs, threshold=threshold)
    result = MatrixResult(articles, tuple(pairs), groups, threshold)
    out.write(_groups_text(result, number))
    try:
        if args.csv:
            write_csv(result, args.csv)
        if args.json_out:
            write_json(result, args.json_out)
    except OSError as error:
        print(f"error: {error.filename}: cannot write ({error.strerror or error})", file=err)
        return EXIT_USER_ERROR
    return 0


# ------------------------------------------------------------------------------ output


def _article_list(articles: Sequence[Article], width: int) -> str:
    lines = [f"Articles ({len(articles)}):"]
    lines += [
        f"  {i:>{width}}  {a.name}  ({a.content} passages)" for i, a in enumerate(articles, 1)
    ]
    return "\n".join(lines) + "\n\n"


def _table_header(width: int) -> str:
    pair = "pair".ljust(2 * width + 3)
    return (
        f"{pair}  links  contradict  missing L  missing R  similarity\n"
        f"{'-' * len(pair)}  -----  ----------  ---------  ---------  ----------\n"
    )


def _table_row(pair: PairSummary, number: dict[str, int], width: int) -> str:
    label = f"{number[pair.left]:>{width}} × {number[pair.right]:<{width}}"
    return (
        f"{label}  {pair.links:>5}  {pair.contradictions:>10}  {pair.missing_left:>9}  "
        f"{pair.missing_right:>9}  {pair.similarity:>10.2f}\n"
    )


def _groups_text(result: MatrixResult, number: dict[str, int]) -> str:
    lines = ["", f"Story groups (average similarity ≥ {result.threshold:g}): {len(result.groups)}"]
    for index, group in enumerate(result.groups, 1):
        members = ", ".join(str(number[name]) for name in group)
        lines.append(f"  group {index}: {members}")
        lines += [f"      {name}" for name in group]
    return "\n".join(lines) + "\n"


def _group_of(result: MatrixResult) -> dict[str, int]:
    return {name: i for i, group in enumerate(result.groups, 1) for name in group}


def write_csv(result: MatrixResult, path: str) -> None:
    """One row per pair, with the story group of each article."""
    group = _group_of(result)
    fields = [*PairSummary.__dataclass_fields__, "left_group", "right_group"]
    # backslashreplace: a file name that is not valid UTF-8 is written as "\udcff"
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for pair in result.pairs:
            writer.writerow(
                {**asdict(pair), "left_group": group[pair.left], "right_group": group[pair.right]}
            )


def matrix_to_dict(result: MatrixResult) -> dict[str, Any]:
    """The JSON form: articles, pairs, groups and the threshold that drew them."""
    group = _group_of(result)
    return {
        "version": 1,
        "same_story_threshold": result.threshold,
        "articles": [
            {
                "name": a.name,
                "passages": len(a.passages),
                "content_passages": a.content,
                "group": group[a.name],
            }
            for a in result.articles
        ],
        "pairs": [asdict(pair) for pair in result.pairs],
        "groups": [list(g) for g in result.groups],
    }


def write_json(result: MatrixResult, path: str) -> None:
    text = json.dumps(matrix_to_dict(result), ensure_ascii=False, indent=1)
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(text + "\n")
