"""Quote claims: the words put between quotation marks, whom they are attributed to, and
on what occasion."""

from __future__ import annotations

import re

from .text import clause_bounds, find_source
from .types import QuoteClaim, Source, Span
from .vocabulary import vocabulary

_QUOTE = re.compile(r'"([^"]+)"|“([^”]+)”|‘([^’]{12,})’')
_QUOTE_WORD = re.compile(r"[\w'’]+|\d[\d,.]*")
_MIN_WORDS = 3  # shorter quoted words are scare quotes or titles, not remarks
_COLON_SPEAKER = re.compile(r"([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})\s*:\s*$")


def quote_claims(text: str) -> list[QuoteClaim]:
    claims = []
    for match in _QUOTE.finditer(text):
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        quoted = match.group(group).rstrip(" ,.;:!?")
        words = tuple(w.lower().replace("’", "'") for w in _QUOTE_WORD.findall(quoted))
        if len(words) < _MIN_WORDS:
            continue
        claims.append(
            QuoteClaim(
                span=Span(match.start(group), match.start(group) + len(quoted), quoted),
                words=words,
                speaker=_speaker(text, match.start(), match.end()),
                occasion=_occasion(text, match.start(), match.end()),
            )
        )
    return claims


def _speaker(text: str, start: int, end: int) -> Source | None:
    """ "...," said X / "...," X said / X said: "..." / X: "..." / according to X."""
    _, hi = clause_bounds(text, end, end)
    after = find_source(text, end, hi) if hi > end else None
    if after is not None:
        return after
    colon = _COLON_SPEAKER.search(text[max(0, start - 60) : start])
    if colon:
        name = colon.group(1)
        begin = max(0, start - 60) + colon.start(1)
        return Source(name.split()[-1].lower(), name, Span(begin, begin + len(name), name))
    # Before the quote, the speaker may stand before a colon ("The minister said:"), which
    # ends a clause, so the whole sentence before the quote is searched.
    lo = max(text.rfind(mark, 0, start) for mark in (".", "!", "?")) + 1
    return find_source(text, lo, start, before_quote=True) if start > lo else None


def _occasion(text: str, start: int, end: int) -> str | None:
    vocab = vocabulary()
    lo = text.rfind(".", 0, start) + 1
    hi = text.find(".", end)
    match = vocab.quote_occasions.pattern.search(text, lo, hi if hi >= 0 else len(text))
    return match.group().lower() if match else None
