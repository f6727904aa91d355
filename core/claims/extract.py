"""``extract_claims``: every typed claim of a passage, in reading order."""

from __future__ import annotations

from copy import copy
from dataclasses import replace
from functools import lru_cache

from ..facts import extract_facts
from .dates import date_claims, time_claims
from .polarity import polarity_claims
from .quantities import inherited_anchor, quantity_claims
from .quotes import quote_claims
from .roles import role_claims
from .types import (
    Claim,
    ClaimContext,
    DateClaim,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    TimeAnchor,
    TimeClaim,
)


def extract_claims(text: str, *, context: ClaimContext | None = None) -> tuple[Claim, ...]:
    """The claims ``text`` states, ordered by where they start.

    ``context`` carries what the passage inherits from its article (the text before it,
    for a time stated once for a paragraph; a dateline zone for "local" times).

    >>> [(c.measure, c.bound, c.amount.value) for c in extract_claims(
    ...     "The death toll tops 2,000, officials said.") if isinstance(c, QuantityClaim)]
    [('dead', 'at_least', 2000.0)]
    """
    return _extract(text, context)


@lru_cache(maxsize=16384)
def _extract(text: str, context: ClaimContext | None) -> tuple[Claim, ...]:
    """The claims of ``text`` read with ``context``: the same text and context give the
    very same objects (cached), another context other objects, as ``pair_claims`` and
    ``claims_across`` tell claims apart by identity."""
    if context is not None and context.dateline_zone is not None:
        return _read(text, context)  # a dateline zone changes local times: read afresh
    # Otherwise the paragraph before a passage only gives a time to a figure that states
    # none of its own, so a sentence repeated in several paragraphs is read once.
    inherited = _Inherited(context)
    return tuple(inherited.given_to(claim) for claim in _read_alone(text))


class _Inherited:
    """The time a context gives to a figure with none of its own, read at most once."""

    def __init__(self, context: ClaimContext | None) -> None:
        self._context = context
        self._anchor: TimeAnchor | None = None
        self._read = False

    def anchor(self) -> TimeAnchor | None:
        if not self._read:
            self._anchor, self._read = inherited_anchor(self._context), True
        return self._anchor

    def given_to(self, claim: Claim) -> Claim:
        """A new object equal to ``claim`` as read with the context."""
        if isinstance(claim, QuantityClaim) and claim.time is None:
            anchor = self.anchor()
            if anchor is not None:
                return replace(claim, time=anchor)
        return copy(claim)


@lru_cache(maxsize=16384)
def _read_alone(text: str) -> tuple[Claim, ...]:
    """The claims of ``text`` read without a context, once per text."""
    return _read(text, None)


def _read(text: str, context: ClaimContext | None) -> tuple[Claim, ...]:
    """Every claim of ``text``, read with ``context``: the slow path ``_extract`` spares."""
    facts = extract_facts(text)
    found: list[Claim] = [
        *quantity_claims(text, facts, context),
        *date_claims(text, facts),
        *time_claims(text, facts, context),
        *quote_claims(text),
        *role_claims(text),
        *polarity_claims(text),
    ]
    return tuple(sorted(found, key=lambda c: (c.span.start, c.span.end)))


def describe_claims(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, description) of each claim: what a value was taken to count, for a
    tooltip.  "at least 2,000" -> "dead, at least 2,000, per officials"."""
    return tuple((c.span.start, c.span.end, describe(c)) for c in extract_claims(text))


def describe(claim: Claim) -> str:
    """One line saying what a claim was read as."""
    if isinstance(claim, QuantityClaim):
        parts = [claim.measure_text or claim.measure or "(unknown measure)", claim.span.text]
        if claim.scope is not None:
            parts.append(claim.scope.text)
        if claim.time is not None:
            parts.append(claim.time.text)
        if claim.source is not None:
            parts.append("per " + claim.source.text)
        return ", ".join(parts)
    if isinstance(claim, DateClaim):
        return f"date of {claim.event or '(unknown event)'}: {claim.span.text}"
    if isinstance(claim, TimeClaim):
        zone = "UTC" if claim.zone else "local"
        clock = f"{claim.minutes // 60:02d}:{claim.minutes % 60:02d}"
        return f"time of {claim.event or '(unknown event)'}: {clock} {zone}"
    if isinstance(claim, QuoteClaim):
        who = claim.speaker.text if claim.speaker else "(unknown speaker)"
        return f"quote by {who}" + (f" {claim.occasion}" if claim.occasion else "")
    if isinstance(claim, RoleClaim):
        return f"{claim.role}: {claim.span.text}"
    if isinstance(claim, PolarityClaim):
        sign = "yes" if claim.positive else "no"
        return f"{claim.decision} ({sign}): {claim.object_text}"
    raise TypeError(claim)
