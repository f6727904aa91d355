"""What a value is about (its *role*), from the words near it.

A value is compared only with a value playing the same role; the role words favour those
news uses for checkable figures.  A date or time is about an event, so only event words
name its role: in "announced the tariffs on March 8" the date is the announcement's, not
the tariffs'.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..normalize import stem
from .collector import Collector
from .model import Fact
from .vocabulary import facts_vocabulary
from .words import STOPWORDS, alternation

_VOCAB = facts_vocabulary()
_EVENT_ROLES = _VOCAB.event_roles

# Each role's words as a named group; the word boundary they all start at, and the letters
# they can start with, are tested once, before the alternatives: at a position inside a
# word, at the end of one or before another letter every role then fails at once rather
# than one after another (the same matches, ~3x faster to search).
_ROLE_FIRST_LETTERS = sorted({word[0] for words in _VOCAB.roles.values() for word in words})


@cache
def _role_re() -> re.Pattern[str]:
    return re.compile(
        f"\\b(?=[{re.escape(''.join(_ROLE_FIRST_LETTERS))}])(?:"
        + "|".join(
            f"(?P<{role}>(?:{alternation(role_words)})\\b)"
            for role, role_words in _VOCAB.roles.items()
        )
        + ")",
        re.IGNORECASE,
    )


# Verbs of change ("surged to", "rose to") say a value moved, not what it measures: they
# are a role only when no word in the window says more ("valuation surged to $100 billion").
_WEAK_ROLES = _VOCAB.weak_roles
_ROLE_WINDOW_BEFORE = 48  # characters before a value searched for a role word
_ROLE_WINDOW_AFTER = 32  # ... and after it
# A semicolon, a colon not inside a time, or a full stop that ends a word of two letters or
# more ("p.m. on Thursday" and "U.S. troops" go on).
_CLAUSE_END = re.compile(r";|:(?!\d)|(?<=[a-z]{2})\.\s")
_ROLE_KINDS = ("money", "number", "percent", "date", "time", "duration")


@cache
def _role_filler_re() -> re.Pattern[str]:
    return re.compile(rf" (?:{alternation(_VOCAB.role_fillers)}) ")


@cache
def _counted_noun_re() -> re.Pattern[str]:
    return re.compile(rf"\s(?:(?:{alternation(_VOCAB.counted_noun_modifiers)})\s)?([a-z][a-z-]+)")


def with_role(fact: Fact, found: Collector) -> Fact:
    """``fact`` with the role the words around it give, if it has none yet."""
    if fact.kind not in _ROLE_KINDS or fact.role is not None:
        return fact
    allowed = _EVENT_ROLES if fact.kind in ("date", "time") else None
    role = _role_after(found.text, fact.end) or _role_near(
        found.text, fact.start, fact.end, allowed=allowed
    )
    if role is None or role in _WEAK_ROLES:
        role = _inherited_role(fact, found) or role
    if role is None and fact.kind == "number":
        role = _counted_noun(found.text, fact.end)
    if role is None:
        return fact
    return replace(fact, role=role)


def _role_near(
    text: str, start: int, end: int, *, allowed: frozenset[str] | None = None
) -> str | None:
    """The role word nearest a value, within its clause, before or after it."""
    lo = max(0, start - _ROLE_WINDOW_BEFORE)
    hi = min(len(text), end + _ROLE_WINDOW_AFTER)
    # A clause boundary (semicolon, colon, full stop) ends the search; a comma does not,
    # since "valued, as of June, at $500 billion" is common in news.
    for boundary in _CLAUSE_END.finditer(text, lo, hi):
        if boundary.end() <= start:
            lo = boundary.end()
        elif boundary.start() >= end:
            hi = boundary.start()
            break
    best: tuple[int, str] | None = None
    for match in _role_re().finditer(text, lo, hi):
        if start <= match.start() < end:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        # A role word before the value is a better guide than one after it: "valued at $X"
        # and "invested $X" are the usual order, so words after count a little further.
        distance = distance if match.end() <= start else distance + 8
        role = match.lastgroup
        if allowed is not None and role not in allowed:
            continue
        if role in _WEAK_ROLES:
            distance += _ROLE_WINDOW_BEFORE + _ROLE_WINDOW_AFTER
        if role is not None and (best is None or distance < best[0]):
            best = (distance, role)
    return best[1] if best else None


def _role_after(text: str, end: int) -> str | None:
    """A role word just after a value wins: "14 killed and 3 injured" -> 3 is "injured"."""
    match = _role_re().match(text, end + 1) if text[end : end + 1] == " " else None
    if match is None:
        match = _role_filler_re().match(text, end)
        match = _role_re().match(text, match.end()) if match else None
    return match.lastgroup if match else None


def _inherited_role(fact: Fact, found: Collector) -> str | None:
    """A value listed after another of its kind plays its role ("$100 billion, then $500")."""
    previous = [f for f in found.facts if f.kind == fact.kind and f.end <= fact.start]
    if not previous:
        return None
    before = max(previous, key=lambda f: f.end)
    between = found.text[before.end : fact.start]
    if len(between) > 40 or any(mark in between for mark in (";", ". ")):
        return None
    return _role_near(found.text, before.start, before.end)


def _counted_noun(text: str, end: int) -> str | None:
    """What a count counts: the noun after it ("14 dead" -> dead, "300 migrants")."""
    match = _counted_noun_re().match(text, end)
    if not match or match.group(1) in STOPWORDS:
        return None
    return "of:" + stem(match.group(1))
