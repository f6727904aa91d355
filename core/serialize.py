"""Comparisons as plain JSON-ready dicts (the ``compare --json`` format, version 1)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

from .model import Comparison, Conflict, Document, Link, Passage

FORMAT_VERSION = 1


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The documented JSON object: both sides' passages and the links between them."""
    with no_cycle_collection():
        return _comparison_dict(comparison)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while the block runs (here: while the output is
    built; the command line pauses it for a whole one-shot command).

    The output is tens of thousands of new dicts and lists, none in a cycle, and each
    batch of them set off a collection that walks every object the process holds (the
    engine's caches, both documents): at 100k words a side half of the output's time, and
    growing faster than the output itself.  Reference counting still frees everything;
    the collector resumes (if it was on) when the output is built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "engine": comparison.engine_version,
        "left": _side(comparison.left, comparison.left_passages),
        "right": _side(comparison.right, comparison.right_passages),
        "links": [link_to_dict(link) for link in comparison.links],
        "missing": {
            "left": [p.ref.label for p in comparison.missing("left")],
            "right": [p.ref.label for p in comparison.missing("right")],
        },
    }


def _side(document: Document, passages: tuple[Passage, ...]) -> dict[str, Any]:
    return {
        "path": document.source.path or document.source.url,
        "title": document.title,
        "sha256": document.source.sha256,
        "passages": [
            {"id": p.ref.label, "start": p.start, "end": p.end, "text": p.text, "kind": p.kind}
            for p in passages
        ],
    }


def link_to_dict(link: Link) -> dict[str, Any]:
    data: dict[str, Any] = {
        # Lists, for the version-1 format: a link joins one passage on each side.
        "left": [link.left.label],
        "right": [link.right.label],
        "status": link.status,
        "score": round(link.score, 4),
        "conflicts": [conflict_to_dict(c) for c in link.conflicts],
    }
    if link.origin != "auto":
        data["origin"] = link.origin
    if link.overridden:
        data["overridden"] = True
    if link.note:
        data["note"] = link.note
    return data


# Conflict's fields, read once: ``dataclasses.asdict`` looks them up and deep-copies every
# value on each call, which made it the largest cost of the JSON output at 100k words.
_CONFLICT_FIELDS = tuple(f.name for f in fields(Conflict))


def conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    """A conflict's fields, without the spans it does not have (-1)."""
    data = {name: getattr(conflict, name) for name in _CONFLICT_FIELDS}
    return {key: value for key, value in data.items() if value != -1}
