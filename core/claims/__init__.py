"""Claims, not words: the typed facts a passage states, and how two of them relate.

``extract_claims`` reads a passage into claims (a number and what it counts, a date and
its event, a quote and its speaker, a name in a role, a decision and its polarity);
``compare_claims`` says whether two claims agree, conflict, or are an update of one
another; ``pair_claims`` finds every comparable pair across two whole articles.
"""

from .compare import compare_claims, pair_claims
from .extract import describe, describe_claims, extract_claims
from .types import (
    Amount,
    ArticleClaimPair,
    Bound,
    Claim,
    ClaimContext,
    ClaimPair,
    DateClaim,
    PartialDate,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    Relation,
    RoleClaim,
    Scope,
    Source,
    Span,
    TimeAnchor,
    TimeClaim,
    Unit,
)

__all__ = [
    "Amount",
    "ArticleClaimPair",
    "Bound",
    "Claim",
    "ClaimContext",
    "ClaimPair",
    "DateClaim",
    "PartialDate",
    "PolarityClaim",
    "QuantityClaim",
    "QuoteClaim",
    "Relation",
    "RoleClaim",
    "Scope",
    "Source",
    "Span",
    "TimeAnchor",
    "TimeClaim",
    "Unit",
    "compare_claims",
    "describe",
    "describe_claims",
    "extract_claims",
    "pair_claims",
]
