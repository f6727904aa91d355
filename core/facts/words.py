"""Words, stems and the regular-expression helpers the fact modules share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..normalize import FUNCTION_WORDS
from ..normalize import stem as _stem
from .vocabulary import facts_vocabulary

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]|\d[\d,.:]*")
STOPWORDS = FUNCTION_WORDS | facts_vocabulary().modal_stopwords


def alternation(words: Iterable[str]) -> str:
    """A regular expression alternation of literal words, longest first.

    Words that start with the same character are one alternative, that character and
    then the rest of each, longest first: at a place where none of them can start they
    all fail at once, where the regular expression engine tried each word in turn.  Words
    whose first characters differ never match at the same place, with or without
    IGNORECASE, when those characters are ASCII and no two are one letter in two cases:
    then the grouping changes no match and no order of trying.  Otherwise each word is an
    alternative of its own.
    """
    ordered = sorted(words, key=len, reverse=True)
    firsts = {word[:1] for word in ordered}
    if "" in firsts or not all(c.isascii() for c in firsts):
        return "|".join(re.escape(word) for word in ordered)
    if len({c.lower() for c in firsts}) < len(firsts):
        return "|".join(re.escape(word) for word in ordered)
    groups: dict[str, list[str]] = {}
    for word in ordered:
        groups.setdefault(word[0], []).append(word)
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(word[1:]) for word in group) + ")"
        for first, group in groups.items()
    )


def stem(word: str) -> str:
    """The snowball stem of a lower-cased word ("taken" -> "taken", "sued" -> "sue")."""
    return _stem(word.lower())


def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a text as (start, end, lower-cased word)."""
    return _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text))


def is_content_word(word: str) -> bool:
    """True for words that carry meaning of their own (not "the", "has", "of")."""
    return word not in STOPWORDS and not word[0].isdigit() and len(word) > 1
