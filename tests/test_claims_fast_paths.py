"""The shortcuts of claim reading and pairing give what the plain computations give."""

from __future__ import annotations

from conftest import CORPUS
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.claims import ClaimContext, QuantityClaim
from core.claims.extract import _extract, _read, _read_alone
from core.segment import segment


def _passages_with_contexts() -> list[tuple[str, ClaimContext | None]]:
    """Every corpus passage with the context ``passage_claims`` reads it with, and again
    after a paragraph whose time it may inherit (the same sentence, another context)."""
    found: list[tuple[str, ClaimContext | None]] = []
    lead = ClaimContext(preceding="The figures were released on Tuesday.")
    for path in sorted(CORPUS.glob("*.txt")):
        before, paragraph = "", -1
        for passage in segment(path.read_text(encoding="utf-8"), "left"):
            if passage.paragraph != paragraph:
                before, paragraph = "", passage.paragraph
            found.append((passage.text, ClaimContext(preceding=before) if before else None))
            found.append((passage.text, lead))
            before = f"{before} {passage.text}".strip()[-400:]
    return found


def test_claims_read_once_per_text_equal_claims_read_with_their_context() -> None:
    """A text read alone, then given its context's time, is what reading it with the
    context gives; some figures do take a time from their context here."""
    inherited = 0
    for text, context in _passages_with_contexts():
        assert _extract(text, context) == _read(text, context)
        alone = [c for c in _read_alone(text) if isinstance(c, QuantityClaim)]
        with_context = [c for c in _read(text, context) if isinstance(c, QuantityClaim)]
        inherited += sum(
            a.time is None and b.time is not None for a, b in zip(alone, with_context, strict=True)
        )
    assert inherited > 10


def test_a_dateline_zone_is_read_on_the_slow_path() -> None:
    text = "The quake struck at 6:40 a.m. local time, killing 12 people."
    zoned = ClaimContext(preceding="", dateline_zone="Asia/Tokyo")
    assert _extract(text, zoned) == _read(text, zoned)
    assert _extract(text, zoned) != _extract(text, None)


def test_claims_are_one_object_per_text_and_context() -> None:
    """The same text and context give the same objects, another context new ones: the
    article pairing tells claims apart by identity."""
    text = "At least 12 people were killed and 40 injured, officials said."
    first = ClaimContext(preceding="On Monday the storm hit.")
    second = ClaimContext(preceding="The storm hit the coast.")
    assert _extract(text, first) is _extract(text, first)
    ids = [{id(c) for c in _extract(text, context)} for context in (first, second, None)]
    assert all(ids) and not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    assert not {id(c) for c in _read_alone(text)} & (ids[0] | ids[1] | ids[2])


def _plain_pair_claims(left, right, settings):  # type: ignore[no-untyped-def]
    """``pair_claims`` as it was: every claim of a shared bucket through ``_article_pair``."""
    from collections import defaultdict

    from core.claims import compare

    common = compare._common_context(left, right)
    buckets = defaultdict(list)
    for j, (_, claim) in enumerate(right):
        for key in compare._keys(claim):
            buckets[key].append(j)
    found = []
    for left_passage, claim in left:
        seen: set[int] = set()
        for key in compare._keys(claim):
            for j in buckets.get(key, ()):
                if j not in seen:
                    seen.add(j)
                    pair = compare._article_pair(claim, right[j][1], common, settings)
                    if pair is not None:
                        found.append(compare.ArticleClaimPair(left_passage, right[j][0], pair))
    figures_left = compare._figures_by_passage(left)
    figures_right = compare._figures_by_passage(right)
    return compare._thinned_by_passage(
        [
            item
            for item in found
            if not compare.settled_by_an_equal_figure(
                item.pair,
                figures_left.get(item.left_passage, ()),
                figures_right.get(item.right_passage, ()),
                settings=settings,
            )
        ]
    )


def test_article_pairing_skips_only_quotes_that_could_not_be_one_remark() -> None:
    """pair_claims, which leaves out quotes sharing too few stems before comparing them,
    against every pair of a shared bucket compared, on every ordered pair of corpus
    articles; quotes of one remark are found, so the count is not too strict."""
    from core.claims import QuoteClaim, pair_claims
    from core.compare import passage_claims
    from core.settings import Settings

    settings = Settings()
    claims = [
        passage_claims(segment(path.read_text(encoding="utf-8"), "left"))
        for path in sorted(CORPUS.glob("*.txt"))
    ]
    claims.append(passage_claims(segment(" ".join(_QUOTED), "right")))
    quotes = 0
    for left in claims:
        for right in claims:
            found = pair_claims(left, right, settings=settings)
            assert found == _plain_pair_claims(left, right, settings)
            quotes += sum(isinstance(item.pair.left, QuoteClaim) for item in found)
    assert quotes > 5


# Quotes that share some stems, more or fewer than one remark needs.
_QUOTED = [
    '"We will rebuild every school in the valley," the governor said.',
    '"We will rebuild the schools," the mayor said.',
    '"Every school in the valley will be rebuilt by spring," Ortiz said.',
    '"The valley needs its schools and its roads back," Karimi said.',
]


_QUOTE_WORDS = ["rebuild", "school", "valley", "road", "bridge", "spring", "town", "river"]
_QUOTE = st.lists(st.sampled_from(_QUOTE_WORDS), min_size=3, max_size=7).map(
    lambda words: f'"{" ".join(words)}," Ortiz said.'
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(_QUOTE, min_size=1, max_size=4), st.lists(_QUOTE, min_size=1, max_size=4))
def test_article_pairing_of_generated_quotes(left: list[str], right: list[str]) -> None:
    """Quotes sharing every possible share of their stems, around the 0.6 a remark needs."""
    from core.claims import pair_claims
    from core.compare import passage_claims
    from core.settings import Settings

    left_claims = passage_claims(segment("\n\n".join(left), "left"))
    right_claims = passage_claims(segment("\n\n".join(right), "right"))
    settings = Settings()
    found = pair_claims(left_claims, right_claims, settings=settings)
    assert found == _plain_pair_claims(left_claims, right_claims, settings)
