"""Role claims: a name filling a role that one person fills in a story.

Three forms: a title before the name ("chief justice Maria Ortiz"), an apposition
("the previous record signing, Alves"; "Ahmed Karimi, spokesman for the ministry"), and
an agent phrase ("the goal scored by Ruiz").  Roles come from the vocabulary only: a
generic title ("President") is not a role here, since a story names several presidents.
"""

from __future__ import annotations

import re

from .text import content_stems, title_case
from .types import RoleClaim, Span
from .vocabulary import vocabulary

_NAME = r"[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.-]*|de|van|von|da|dos))*"
_AGENT_ROLE = "author"


def role_claims(text: str) -> list[RoleClaim]:
    vocab = vocabulary()
    claims: list[RoleClaim] = []
    for match in vocab.roles.pattern.finditer(text):
        role = vocab.roles.key(match.group()) or ""
        claim = (
            _agent(text, match, role)
            if role == _AGENT_ROLE
            else _title(text, match, role) or _apposition(text, match, role)
        )
        if claim is not None:
            claims.append(claim)
    return claims


def _title(text: str, match: re.Match[str], role: str) -> RoleClaim | None:
    """ "chief justice Maria Ortiz", "Coach Ruiz": the name right after the role words."""
    name = re.match(rf"\s+({_NAME})", text[match.end() :])
    if name is None or title_case(text):
        return None  # in a Title Case headline every word looks like a name
    start = match.end() + name.start(1)
    return _claim(
        text, start, start + len(name.group(1)), role, match, _qualifier_before(text, match)
    )


def _apposition(text: str, match: re.Match[str], role: str) -> RoleClaim | None:
    """ "the previous record signing, Alves," and "Karimi, spokesman for the ministry"."""
    after = re.match(rf",\s+({_NAME})", text[match.end() :])
    if after:
        start = match.end() + after.start(1)
        return _claim(text, start, start + len(after.group(1)), role, match, "")
    before = re.search(
        rf"({_NAME}),\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){{0,2}}$", text[: match.start()]
    )
    if before is None:
        return None
    qualifier = re.match(
        r"\s+(?:of|for|at)\s+(?:the\s+)?((?:[\w'’-]+\s?){1,3})", text[match.end() :]
    )
    key = " ".join(sorted(content_stems(qualifier.group(1)))) if qualifier else ""
    return _claim(text, before.start(1), before.end(1), role, match, key)


def _agent(text: str, match: re.Match[str], role: str) -> RoleClaim | None:
    """ "the goal scored by Ruiz": who did the thing named just before the phrase."""
    name = re.match(rf"\s+({_NAME})", text[match.end() :])
    thing = re.search(r"([a-z][\w-]*)\s+(?:was\s+|were\s+)?$", text[: match.start()])
    if name is None or thing is None:
        return None
    start = match.end() + name.start(1)
    qualifier = " ".join(sorted(content_stems(thing.group(1))))
    return _claim(text, start, start + len(name.group(1)), role, match, qualifier)


def _qualifier_before(text: str, match: re.Match[str]) -> str:
    """ "the ministry's spokesman": whose role it is, when a possessive says."""
    owner = re.search(r"([\w-]+)['’]s\s+$", text[: match.start()])
    return " ".join(sorted(content_stems(owner.group(1)))) if owner else ""


def _is_vocabulary_word(name: str) -> bool:
    """ "Defense Secretary Resigns": a capitalised verb of the vocabulary is not a name."""
    vocab = vocabulary()
    return any(
        pattern.fullmatch(word)
        for word in name.split()
        for pattern in (vocab.events.pattern, vocab.measures.pattern, vocab.polarity.pattern)
    )


def _claim(
    text: str, start: int, end: int, role: str, match: re.Match[str], qualifier: str
) -> RoleClaim | None:
    name = text[start:end].replace("’", "'").removesuffix("'s")
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1]  # the sentence's full stop, not an initial
    end = start + len(name)
    if len(name) < 2 or _is_vocabulary_word(name):
        return None
    return RoleClaim(
        span=Span(start, end, text[start:end]),
        name=name.lower(),
        role=role,
        role_text=match.group(),
        qualifier=qualifier,
    )
