"""Polarity claims: a decision or outcome about an object, and which way it went.

"struck down the law" and "upheld the law" are the two sides of one decision; a negation
just before the decision words flips it ("did not approve" = rejected).  The antonym
pairs are data (vocabulary.json, "polarity").
"""

from __future__ import annotations

import re

from .text import clause_bounds, content_stems
from .types import PolarityClaim, Span
from .vocabulary import vocabulary

_OBJECT_WORDS = 5  # words after (or before, in the passive) the decision that name its object
_PASSIVE = re.compile(r"\s*(?:was|were|has been|have been|had been|is|are|been)\s*$")


def polarity_claims(text: str) -> list[PolarityClaim]:
    vocab = vocabulary()
    claims = []
    for match in vocab.polarity.pattern.finditer(text):
        decision, _, sign = (vocab.polarity.key(match.group()) or "").partition(":")
        if not decision or _in_a_name(text, match.start()):
            continue
        positive = (sign == "+") != _negated(text, match.start())
        object_text = _object(text, match)
        key = content_stems(object_text)
        if not key:
            continue
        claims.append(
            PolarityClaim(
                span=Span(match.start(), match.end(), match.group()),
                decision=decision,
                positive=positive,
                object_key=key,
                object_text=object_text,
            )
        )
    return claims


def _in_a_name(text: str, start: int) -> bool:
    """A capitalised decision word inside a sentence is part of a name ("the Rose Garden",
    "Cut Bank"), not the verb."""
    before = text[:start].rstrip().rstrip("\"'“‘(")
    return text[start].isupper() and bool(before) and before[-1] not in ".!?:;"


def _negated(text: str, start: int) -> bool:
    """A negation in the three words before the decision ("did not approve")."""
    vocab = vocabulary()
    before = text[max(0, start - 24) : start]
    return any(
        not before[m.end() :].strip() or len(before[m.end() :].split()) <= 1
        for m in vocab.negations.pattern.finditer(before)
    )


def _object(text: str, match: re.Match[str]) -> str:
    """What the decision is about: the words after it, or before it in the passive."""
    lo, hi = clause_bounds(text, match.start(), match.end())
    before = text[lo : match.start()]
    passive = _PASSIVE.search(before)
    if passive:
        words = before[: passive.start()].split()[-_OBJECT_WORDS:]
        return " ".join(words)
    after = re.split(r"[,;:()]| by | in | on | after | because ", text[match.end() : hi])[0]
    return " ".join(after.split()[:_OBJECT_WORDS])
