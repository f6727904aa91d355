"""Normalised copies of text for matching, with a map back to the original offsets.

Matching works on the normalised copy (NFC, straight quotes, plain dashes, single spaces);
highlighting must land on what the user loaded, so every normalised character remembers
the index of the original character it came from.

>>> n = normalise("“Hi”  —  there")
>>> n.text
'"Hi" - there'
>>> n.original_span(5, 6)
(6, 7)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Characters that differ between outlets only in typography.
_TRANSLATE = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u00ad": "",
}


_TABLE = str.maketrans(_TRANSLATE)  # no ASCII character among its keys
_SPACES = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r"\s{2,}")
_SPACES_TO_COLLAPSE = re.compile(r"\s\s|[^\S ]")  # what _SPACES.sub(" ", ...) would change
# Characters whose translation is not exactly one character ("…" -> "...", zero-width -> "").
_RESIZED = re.compile("[" + "".join(k for k, v in _TRANSLATE.items() if len(v) != 1) + "]")


@dataclass(frozen=True)
class NormalisedText:
    """A normalised string and, for each of its characters, the original index."""

    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original of text[i]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original text."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self.original_length
            return pos, pos
        last = self.offsets[end - 1]
        # The original span ends where the next normalised character starts, so that a
        # character expanded or collapsed by normalisation is covered whole.
        stop = self.offsets[end] if end < len(self.offsets) else self.original_length
        return self.offsets[start], max(stop, last + 1)


def normalise(text: str) -> NormalisedText:
    """NFC, typographic quotes and dashes made plain, runs of whitespace made one space."""
    if not _is_simple(text):
        return _normalise_by_cluster(text)
    # No combining mark and no character that NFC changes: every cluster is one character,
    # so the work is a translation and a whitespace collapse, done by str and re in C.
    # The same result as _normalise_by_cluster (tests/test_normalize.py checks it), 2-3x
    # faster on sentences: fact extraction normalises every passage that can state a value.
    offsets: Sequence[int]
    if text.isascii() and _SPACE_RUNS.search(text) is None:  # most sentences
        return NormalisedText(_SPACES.sub(" ", text), tuple(range(len(text))), len(text))
    if _RESIZED.search(text) is None:  # every translation is one character for one
        translated = text.translate(_TABLE)
        offsets = range(len(text))
    else:
        parts: list[str] = []
        index_of: list[int] = []
        position = 0
        for match in _RESIZED.finditer(text):
            start = match.start()
            parts.append(text[position:start].translate(_TABLE))
            index_of.extend(range(position, start))
            replacement = _TRANSLATE[match.group()]
            parts.append(replacement)
            index_of.extend([start] * len(replacement))
            position = match.end()
        parts.append(text[position:].translate(_TABLE))
        index_of.extend(range(position, len(text)))
        translated, offsets = "".join(parts), index_of
    kept: list[int] = []
    position = 0
    for run in _SPACE_RUNS.finditer(translated):  # a run keeps its first character
        kept.extend(offsets[position : run.start() + 1])
        position = run.end()
    kept.extend(offsets[position:])
    return NormalisedText(_SPACES.sub(" ", translated), tuple(kept), len(text))


def _is_simple(text: str) -> bool:
    """No combining mark and no character that NFC would change, alone (the usual case)."""
    if text.isascii():
        return True
    return all(_simple_character(char) for char in set(text))


@lru_cache(maxsize=4096)
def _simple_character(char: str) -> bool:
    return char.isascii() or (
        not unicodedata.combining(char) and unicodedata.normalize("NFC", char) == char
    )


def _normalise_by_cluster(text: str) -> NormalisedText:
    """The reference: cluster by cluster (a character and its combining marks)."""
    out: list[str] = []
    offsets: list[int] = []
    previous_space = False
    for index, cluster in _clusters(text):
        for piece in unicodedata.normalize("NFC", cluster):
            if piece.isspace():
                if previous_space:
                    continue
                piece = " "
                previous_space = True
            else:
                previous_space = False
            out.append(piece)
            offsets.append(index)
    return NormalisedText("".join(out), tuple(offsets), len(text))


# At most this many combining marks join one cluster (Unicode's "stream-safe" format allows
# 30): a run of a million marks would otherwise make one cluster that takes minutes to
# build and normalise.  Further marks start clusters of their own.
MAX_CLUSTER_MARKS = 30


def _clusters(text: str) -> list[tuple[int, str]]:
    """Characters with their combining marks attached, translated, with their start index.

    NFC composes a base with the marks that follow it, so they must be normalised together.
    """
    clusters: list[tuple[int, list[str]]] = []
    for index, char in enumerate(text):
        if clusters and unicodedata.combining(char) and len(clusters[-1][1]) <= MAX_CLUSTER_MARKS:
            clusters[-1][1].append(char)
        else:
            clusters.append((index, [_TRANSLATE.get(char, char)]))
    return [(start, "".join(chars)) for start, chars in clusters]


def normalised_text(text: str) -> str:
    """The normalised text alone, without the offset map (for matching only)."""
    if text.isascii():  # most passages: no character to translate, NFC changes none
        # ... and most have single spaces alone, which the collapse would copy unchanged
        return text if _SPACES_TO_COLLAPSE.search(text) is None else _SPACES.sub(" ", text)
    out = unicodedata.normalize("NFC", text.translate(_TABLE))
    return _SPACES.sub(" ", out)


def fold(text: str) -> str:
    """The normalised text, lower-cased: the form compared by the fuzzy scorers."""
    return normalise(text).text.lower()


# English function words: they carry no event and no fact.  The aligner and the fact
# extractor each add a few of their own to this shared list.
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    even few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own s said same say
    says she should so some still such t than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when
    where which while who whom why will with would yet you your yours yourself
    yourselves
    """.split()  # noqa: SIM905
)

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-cased word ("sued" -> "sue"), cached: words repeat
    across passages and documents."""
    return str(_STEMMER.stemWord(word))
