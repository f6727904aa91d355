"""How two claims relate: agree, conflict, update (the same figure at two times), or not
comparable at all.

Only claims *of the same thing* are compared: the same measure (never the injured with the
dead), a compatible scope (a national toll is not one building's), the same event, role,
speaker or decision.  Two values of the same thing at two stated times are an "update",
not a conflict.  The rules are symmetric: swapping the two claims mirrors the result.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from functools import lru_cache
from itertools import chain

from ..normalize import stem
from ..settings import Settings
from .polarity import changed_stance
from .text import content_stems
from .types import (
    ArticleClaimPair,
    Claim,
    ClaimPair,
    DateClaim,
    PartialDate,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    Relation,
    RoleClaim,
    Scope,
    TimeClaim,
)
from .vocabulary import vocabulary

_SAME_REMARK = 0.6  # share of the shorter quote's content words that makes one remark
_MIN_REMARK_WORDS = 2  # fewer content words cannot tell two remarks apart
_TIME_SLACK_MINUTES = 1  # "midnight" and "12:01 a.m." are the same moment in news usage
_HEDGED_TIME_MINUTES = 30  # "about 11 p.m." and "10:45 p.m." agree
_WEEK_MINUTES = 7 * 1440


def compare_claims(a: Claim, b: Claim, *, settings: Settings) -> ClaimPair | None:
    """How claim ``a`` (left) relates to claim ``b`` (right); None when they are not
    claims of the same thing (different measure, scope, event, role, speaker or object).

    >>> from core.claims import extract_claims
    >>> a, = extract_claims("The death toll stood at 3,145.")
    >>> b, = extract_claims("3,085 people were killed.")
    >>> compare_claims(a, b, settings=Settings()).explanation
    'dead: 3,145 ≠ 3,085'
    """
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        if a.measure is None or a.measure != b.measure or _two_people(a, b):
            return None
        return compare_quantities(a, b, settings=settings)
    if isinstance(a, DateClaim) and isinstance(b, DateClaim):
        if a.event is None or a.event != b.event or _two_statements(a, b):
            return None
        return compare_dates(a, b)
    if isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        if a.event is None or a.event != b.event:
            return None
        return compare_times(a, b)
    if isinstance(a, QuoteClaim) and isinstance(b, QuoteClaim):
        return _compare_quotes(a, b)
    if isinstance(a, RoleClaim) and isinstance(b, RoleClaim):
        return _compare_roles(a, b)
    if isinstance(a, PolarityClaim) and isinstance(b, PolarityClaim):
        return compare_polarity(a, b)
    return None


# ---------------------------------------------------------------------------------------
# Quantities


def compare_quantities(
    a: QuantityClaim, b: QuantityClaim, *, settings: Settings
) -> ClaimPair | None:
    """Two numbers taken to count the same thing (the caller has decided they do)."""
    if a.unit != b.unit or not scopes_compatible(a.scope, b.scope):
        return None
    if a.purpose and b.purpose and not a.purpose & b.purpose:
        return None  # two sums for two purposes: two pots, whatever their measure word
    label = a.measure_text if not a.governed and a.measure else (a.measure or "")
    context = _context(a, b)
    two_times = a.time is not None and b.time is not None and a.time.key != b.time.key
    # "more than 5,000 by Monday" and "9,000 by Wednesday": bounds that both hold are still
    # two figures at two times.
    moved = two_times and a.amount.value != b.amount.value
    if not moved and _amounts_overlap(a, b, settings):
        return ClaimPair(a, b, "agree", label, _explain(label, context, a, b, "="))
    if two_times:
        assert a.time is not None and b.time is not None
        text = f"{label}: {a.span.text} ({a.time.text}) → {b.span.text} ({b.time.text})"
        return ClaimPair(a, b, "update", label, text.lstrip(": "))
    if _moved_on(a, b) or _moved_on(b, a):
        earlier, later = (b, a) if _moved_on(a, b) else (a, b)
        text = f"{label}: {earlier.span.text} → {later.span.text} ({later.change})"
        return ClaimPair(a, b, "update", label, text.lstrip(": "))
    return ClaimPair(a, b, "conflict", label, _explain(label, context, a, b, "≠"))


def _moved_on(later: QuantityClaim, earlier: QuantityClaim) -> bool:
    """ "has risen to 14" against "nine": the count moved on from the other figure, in the
    direction the text says, and no stated time says the two figures held at once."""
    if later.change not in ("up", "down") or earlier.change is not None:
        return False
    if later.time is not None and earlier.time is not None:
        return False  # both dated: the same time (else an update already)
    rose = later.amount.value > earlier.amount.value
    return rose if later.change == "up" else not rose


def quantity_interval(claim: QuantityClaim, *, settings: Settings) -> tuple[float, float]:
    """The values a number allows, its bound and written precision included.

    "3,145" allows 3144.5..3145.5; "tops 2,000" 2,000 and up; "just shy of 80" 72..80 at
    the default nearly_tolerance; "about 200" 180..220 at the default approximate_tolerance.
    """
    amount = claim.amount
    value = amount.value
    half = (amount.high - amount.low) / 2
    if amount.words:
        half = max(half, value * settings.number_word_tolerance)
    if claim.bound == "range":
        return (amount.low, amount.high)
    if claim.bound == "at_least":
        return (value, math.inf)
    if claim.bound == "at_most":
        return (0.0, value)
    if claim.bound == "nearly":
        return (value * (1 - settings.nearly_tolerance), value)
    if claim.bound == "approximate":
        spread = max(half, value * settings.approximate_tolerance)
        return (value - spread, value + spread)
    return (value - half, value + half)


def _amounts_overlap(a: QuantityClaim, b: QuantityClaim, settings: Settings) -> bool:
    if a.bound == b.bound and a.bound in ("at_least", "at_most", "nearly"):
        # "more than 500" against "more than 300": both could be true, but the outlets give
        # different figures, and that is what a fact-checker wants to see.
        low_a, high_a = a.amount.low, a.amount.high
        low_b, high_b = b.amount.low, b.amount.high
    else:
        low_a, high_a = quantity_interval(a, settings=settings)
        low_b, high_b = quantity_interval(b, settings=settings)
    # Ranges that merely touch ("14" = 13.5-14.5 and "15" = 14.5-15.5) do not agree, but a
    # bound meets its value ("tops 2,000" and "2,000").
    # Written precision comes from floats ("12.1" - 0.05): ends that meet to within rounding
    # error touch, they do not overlap.
    slack = 1e-9 * max(abs(a.amount.value), abs(b.amount.value), 1.0)
    if max(low_a, low_b) < min(high_a, high_b) - slack:
        return True
    return (
        a.bound in ("at_least", "at_most", "nearly") or b.bound in ("at_least", "at_most", "nearly")
    ) and (_touch_at_value(a, b))


def _touch_at_value(a: QuantityClaim, b: QuantityClaim) -> bool:
    """ "over 2,000" and "2,000" do not contradict each other outright; "nearly 80" and
    "beyond 80" do (one is below the value, the other above)."""
    bounds = {a.bound, b.bound}
    if bounds == {"at_least", "nearly"} or bounds == {"at_least", "at_most"}:
        return False
    return a.amount.value == b.amount.value


def scopes_compatible(a: Scope | None, b: Scope | None) -> bool:
    """Same scope, or one unstated; the whole is never a part, and two names never one."""
    if a is None and b is None:
        return True
    if a is None or b is None:
        stated = a or b
        return stated is not None and stated.kind != "part"
    if a.kind == b.kind == "object":
        # "from military construction projects" and "from the military construction
        # budget" name one pot: objects that share a word are the same object.
        # "on imported steel" and "on imported aluminum" share only a modifier: the words
        # shared must be most of the shorter object.
        stems_a, stems_b = set(a.key.split()), set(b.key.split())
        return 2 * len(stems_a & stems_b) > min(len(stems_a), len(stems_b))
    if a.kind == b.kind == "place":
        # "in India" and "in India Building Collapse" (a headline's capitals): one name
        # that begins the other is the same place; "New York" and "New Delhi" are not.
        words_a, words_b = a.key.split(), b.key.split()
        shorter = min(len(words_a), len(words_b))
        return words_a[:shorter] == words_b[:shorter]
    if a.kind == b.kind:
        return a.key == b.key
    # A named place or an owner does not make a figure a part of the whole: "in Kessa" and
    # "nationwide" may both speak of the one toll of a story.
    return "part" not in (a.kind, b.kind)


def _context(a: QuantityClaim, b: QuantityClaim) -> str:
    """Scope and time, as written, for the explanation: "(nationwide, Tuesday)"."""
    parts = []
    scope = a.scope or b.scope
    if scope is not None and scope.kind not in ("subject", "place", "object"):
        parts.append(scope.text)
    if scope is not None and a.measure == vocabulary().age_measure:
        parts.append(scope.text)  # whose age: "age (Cesar Sayoc): 56 ≠ 57"
    time = a.time if a.time is not None and (b.time is None or a.time.key == b.time.key) else None
    time = time or (b.time if a.time is None else None)
    if time is not None:
        parts.append(time.text)
    return f" ({', '.join(parts)})" if parts else ""


def _explain(label: str, context: str, a: Claim, b: Claim, sign: str) -> str:
    head = f"{label}{context}: " if label else ""
    return f"{head}{a.span.text} {sign} {b.span.text}"


# ---------------------------------------------------------------------------------------
# Dates and times


def compare_dates(a: DateClaim, b: DateClaim) -> ClaimPair:
    """Dates agree when every field both give (year, month, day, weekday) fits.  Two dates
    with no field in common ("Thursday" and "the 1970s") agree vacuously: across whole
    articles that still says both date one event, but a verdict must not call it
    agreement (``compared_something``)."""
    relation: Relation = "agree" if _dates_agree(a, b) else "conflict"
    sign = "=" if relation == "agree" else "≠"
    return ClaimPair(a, b, relation, a.event or "", _explain(a.event or "", "", a, b, sign))


def _two_people(a: QuantityClaim, b: QuantityClaim) -> bool:
    """Two ages not both of one named person: "Jose Cazares, 31" and "his 18-year-old
    brother" are two people; so may be "the 57-year-old" and "Sayoc, 56"."""
    if a.measure != vocabulary().age_measure:
        return False
    return a.scope is None or b.scope is None or a.scope.key != b.scope.key


def _two_statements(a: DateClaim, b: DateClaim) -> bool:
    """Two announcements that made known different things: "announced Sunday that Mattis
    will be leaving" and "his decision about Syria, which Trump announced on Wednesday"
    are two statements, and their two dates contradict nothing."""
    return bool(a.announced) and bool(b.announced) and not a.announced & b.announced


def compared_something(pair: ClaimPair) -> bool:
    """False for two dates that give no field in common (nothing was compared), and for
    two dates or times that agree on the day of two actors' events.

    An agreement needs one event on both sides, actor and action: "Trump declared on
    Friday" and "the House committee announced Friday" both fall on a Friday, but nothing
    about either announcement was checked.  Two dates that differ are still reported when
    their actors differ (outlets name a spokesperson for one side and the minister for the
    other), so this applies to agreement only: a false "agree" is the costlier mistake."""
    a, b = pair.left, pair.right
    if isinstance(a, DateClaim) and isinstance(b, DateClaim) and not _common_fields(a.date, b.date):
        return False
    if pair.relation == "agree" and isinstance(a, DateClaim | TimeClaim):
        assert isinstance(b, DateClaim | TimeClaim)
        return not (a.actor and b.actor and a.actor != b.actor)
    return True


def _common_fields(a: PartialDate, b: PartialDate) -> bool:
    return any(
        getattr(a, name) is not None and getattr(b, name) is not None
        for name in ("year", "month", "day", "weekday")
    )


def _dates_agree(a: DateClaim, b: DateClaim) -> bool:
    da, db = a.date, b.date
    if da.weekday is not None or db.weekday is not None:
        return da.weekday is None or db.weekday is None or da.weekday == db.weekday
    if da.year is not None and db.year is not None and da.year != db.year:
        if da.decade or db.decade:
            return da.year // 10 == db.year // 10
        if a.bound == b.bound:
            return False  # "by 2014" and "by 2015": two outlets, two deadlines
        return _open_years_meet(a, b)
    if "at_least" in (a.bound, b.bound) or "at_most" in (a.bound, b.bound):
        return True  # "by July" and "in June" can both be true
    months_differ = da.month is not None and db.month is not None and da.month != db.month
    if months_differ:
        return False
    days_differ = da.day is not None and db.day is not None and da.day != db.day
    if days_differ and "approximate" in (a.bound, b.bound):
        return da.day is None or db.day is None or abs(da.day - db.day) <= 3
    return not days_differ


def _open_years_meet(a: DateClaim, b: DateClaim) -> bool:
    def span(claim: DateClaim) -> tuple[float, float]:
        year = float(claim.date.year or 0)
        if claim.bound == "at_most":
            return (-math.inf, year)
        if claim.bound == "at_least":
            return (year, math.inf)
        return (year, year)

    (low_a, high_a), (low_b, high_b) = span(a), span(b)
    return max(low_a, low_b) <= min(high_a, high_b)


def compare_times(a: TimeClaim, b: TimeClaim) -> ClaimPair | None:
    """Times of day agree within a minute (a hedge allows half an hour); a time with a zone
    and one without are not compared, since the second may be anyone's local time."""
    if (a.zone is None) != (b.zone is None):
        # A time with a zone and one without: comparable in local time when the zoned one
        # also gives its local time ("10:30 a.m. local (0830 GMT)" and "shortly after 11").
        zoned = a if a.zone is not None else b
        if zoned.local_minutes is None:
            return None
        gap = abs(_local(a) - _local(b))
        gap = min(gap % 1440, 1440 - gap % 1440)
    else:
        gap = abs(_week_minutes(a, b) - _week_minutes(b, a))
        gap = (
            min(gap, _WEEK_MINUTES - gap)
            if a.weekday is not None and b.weekday is not None
            else (min(gap % 1440, 1440 - gap % 1440))
        )
    if a.half_day_unknown or b.half_day_unknown:
        gap = min(gap % 720, 720 - gap % 720)  # "at 2:40" is 2:40 or 14:40
    slack = _HEDGED_TIME_MINUTES if a.approximate or b.approximate else _TIME_SLACK_MINUTES
    relation: Relation = "agree" if gap <= slack else "conflict"
    sign = "=" if relation == "agree" else "≠"
    explanation = _explain(a.event or "", "", a, b, sign)
    # An equal time of which one half of the day is a guess confirms nothing: unlabelled,
    # it makes no link "agree"; it is no clash either.
    unsure = relation == "agree" and (a.half_day_unknown or b.half_day_unknown)
    return ClaimPair(a, b, relation, "" if unsure else a.event or "", explanation)


def _local(claim: TimeClaim) -> int:
    return claim.local_minutes if claim.local_minutes is not None else claim.minutes


def _week_minutes(claim: TimeClaim, other: TimeClaim) -> int:
    if claim.weekday is None or other.weekday is None:
        return claim.minutes
    return claim.weekday * 1440 + claim.minutes


# ---------------------------------------------------------------------------------------
# Quotes, roles, polarity


def _quote_stems(claim: QuoteClaim) -> frozenset[str]:
    return _stems_of_quoted(claim.words)


@lru_cache(maxsize=8192)
def _stems_of_quoted(words: tuple[str, ...]) -> frozenset[str]:
    """A quote's content stems, once per quote: a quote is compared with every quote of
    the other article that shares a stem, and was stemmed afresh for each."""
    ignore = vocabulary().quote_function_words
    return frozenset(stem(w) for w in words if w not in ignore)


def _compare_quotes(a: QuoteClaim, b: QuoteClaim) -> ClaimPair | None:
    """The same remark put in two mouths is an attribution conflict; the same speaker's
    remark reworded so that its content changes is a misquote; a trimmed quote is neither."""
    stems_a, stems_b = _quote_stems(a), _quote_stems(b)
    smaller = min(len(stems_a), len(stems_b))
    if smaller < _MIN_REMARK_WORDS or len(stems_a & stems_b) / smaller < _SAME_REMARK:
        return None
    if a.speaker is not None and b.speaker is not None and a.speaker.key != b.speaker.key:
        explanation = f"speaker: {a.speaker.text} ≠ {b.speaker.text}"
        return ClaimPair(a, b, "conflict", "speaker", explanation)
    if a.occasion and b.occasion and a.occasion != b.occasion:
        return None  # two occasions: the speaker may well have said it twice, differently
    if _is_trimmed(a.words, b.words) or _changes_nothing(a.words, b.words):
        return ClaimPair(a, b, "agree", "quote", f"quote: {a.span.text} = {b.span.text}")
    if a.speaker is None or b.speaker is None:
        return None  # whose words they are is unknown: a misquote cannot be told
    return ClaimPair(a, b, "conflict", "quote", f"quote: “{a.span.text}” ≠ “{b.span.text}”")


def _is_trimmed(a: Sequence[str], b: Sequence[str]) -> bool:
    """One quote is the other with words left out (at either end or inside, "...")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    negations = _negation_words()
    position = 0
    for word in long:
        if position < len(short) and short[position] == word:
            position += 1
        elif 0 < position < len(short) and (
            word in negations or any(char.isdigit() for char in word)
        ):
            return False  # a "not" or a number dropped from inside changes what was said
    return position == len(short)


@lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:  # once per process, not once per quote pair
    return frozenset(w for phrase in vocabulary().negations.key_of for w in phrase.split())


def _changes_nothing(a: Sequence[str], b: Sequence[str]) -> bool:
    """Only function words differ ("the" for "a"): the same content, told the same way."""
    ignore = vocabulary().quote_function_words
    matcher = difflib.SequenceMatcher(a=list(a), b=list(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed = [*a[i1:i2], *b[j1:j2]]
        if any(w not in ignore or w in ("not", "never", "no") for w in changed):
            return False
    return True


def _compare_roles(a: RoleClaim, b: RoleClaim) -> ClaimPair | None:
    if a.role != b.role or (a.qualifier and b.qualifier and a.qualifier != b.qualifier):
        return None
    same = _same_person(a.name, b.name)
    relation: Relation = "agree" if same else "conflict"
    sign = "=" if same else "≠"
    return ClaimPair(a, b, relation, a.role, _explain(a.role, "", a, b, sign))


def _same_person(a: str, b: str) -> bool:
    """The same surname is taken as the same person ("James Mattis", "Jim Mattis"): a
    nickname is not worth a false alarm."""
    return a.split()[-1] == b.split()[-1]


def compare_polarity(a: PolarityClaim, b: PolarityClaim) -> ClaimPair | None:
    """The same decision about the same object, gone opposite ways, conflicts."""
    if a.decision != b.decision or not a.object_key & b.object_key:
        return None
    if not (a.asserted and b.asserted) and a.frame != b.frame:
        # A request or a condition states no decision, unless both passages frame it alike
        # (one sentence, its negation edited).
        return None
    relation: Relation = "agree" if a.positive == b.positive else "conflict"
    label = a.decision.removeprefix("negation:")
    if relation == "conflict" and changed_stance(a.when, b.when):
        # "for weeks ... did not approve" and "on Tuesday ... approved": a stance that
        # changed over time, not two outlets disagreeing.
        text = f"{label}: {a.span.text} ({a.when}) → {b.span.text} ({b.when})"
        return ClaimPair(a, b, "update", label, text.lstrip(": "))
    sign = "=" if relation == "agree" else "≠"
    return ClaimPair(a, b, relation, label, _explain(label, "", a, b, sign))


# ---------------------------------------------------------------------------------------
# Whole articles


def pair_claims(
    left: Sequence[tuple[int, Claim]],
    right: Sequence[tuple[int, Claim]],
    *,
    settings: Settings,
) -> tuple[ArticleClaimPair, ...]:
    """Every comparable pair of claims across two articles, with its relation.

    Claims are bucketed by what they are about (measure, event, role, decision; a quote by
    its content words), so only claims of one bucket are compared: the work grows with
    the claims that share a subject, not with the product of the two articles.  Numbers
    whose measure is only a bare noun ("55 miles") are left out here: across whole
    articles a noun alone does not make two numbers the same fact.
    """
    common = _common_context(left, right)
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for j, (_, claim) in enumerate(right):
        for key in _keys(claim):
            buckets[key].append(j)
    found: list[ArticleClaimPair] = []
    # A passage read twice with the same context yields the very same claim objects
    # (extraction is cached per text), so a repeated sentence pairs its claims with the
    # same others again: each pair of claim objects is decided once.  Both sequences
    # hold their claims for the whole call, so their ids stay theirs.
    decided: dict[tuple[int, int], ClaimPair | None] = {}
    stem_counts = [len(_quote_stems(c)) if isinstance(c, QuoteClaim) else 0 for _, c in right]
    for left_passage, claim in left:
        for j in _bucket_mates(claim, buckets, stem_counts):
            right_passage, other = right[j]
            both = (id(claim), id(other))
            if both not in decided:
                decided[both] = _article_pair(claim, other, common, settings)
            pair = decided[both]
            if pair is not None:
                found.append(ArticleClaimPair(left_passage, right_passage, pair))
    figures_left, figures_right = _figures_by_passage(left), _figures_by_passage(right)
    return _thinned_by_passage(
        [
            item
            for item in found
            if not settled_by_an_equal_figure(
                item.pair,
                figures_left.get(item.left_passage, ()),
                figures_right.get(item.right_passage, ()),
                settings=settings,
            )
        ]
    )


def _bucket_mates(
    claim: Claim, buckets: dict[Hashable, list[int]], stem_counts: Sequence[int]
) -> list[int]:
    """The other article's claims (their indices) that share a bucket with ``claim``, in
    the order the buckets list them (first bucket first), each once.

    A quote shares a bucket with every quote that has one of its content stems; those
    with too few in common for ``_compare_quotes`` to take them for one remark (its first
    test) are left out here, by counting the buckets they share (a claim is in each of
    its buckets once, so that is the number of stems they share) rather than by
    intersecting their stems once per pair.  ``stem_counts``: each other claim's number
    of content stems (0 for one not a quote)."""
    shared = Counter(chain.from_iterable(buckets.get(key, ()) for key in _keys(claim)))
    if not isinstance(claim, QuoteClaim):
        return list(shared)
    own = len(_quote_stems(claim))
    return [
        j
        for j, count in shared.items()
        if (smaller := min(own, stem_counts[j])) >= _MIN_REMARK_WORDS
        and not count / smaller < _SAME_REMARK
    ]


def figures_of(claims: Iterable[Claim]) -> tuple[QuantityClaim, ...]:
    return tuple(c for c in claims if isinstance(c, QuantityClaim))


def settled_by_an_equal_figure(
    pair: ClaimPair,
    left_figures: Sequence[QuantityClaim],
    right_figures: Sequence[QuantityClaim],
    *,
    settings: Settings,
) -> bool:
    """Whether a conflict or update of two figures compares two different things: the
    other passage also states, with no measure of its own, a figure that one of them could
    be and that nothing else of its side could be.  That figure is its counterpart ("£2.1
    million for barriers" against "with £2.1 million for barriers, about £9 million in
    all" is not £2.1 million against £9 million)."""
    a, b = pair.left, pair.right
    if pair.relation not in ("conflict", "update"):
        return False
    if not isinstance(a, QuantityClaim) or not isinstance(b, QuantityClaim):
        return False
    return _counterpart_among(a, left_figures, right_figures, settings) or _counterpart_among(
        b, right_figures, left_figures, settings
    )


def _counterpart_among(
    figure: QuantityClaim,
    ours: Sequence[QuantityClaim],
    theirs: Sequence[QuantityClaim],
    settings: Settings,
) -> bool:
    """Whether ``theirs`` holds an unlabelled figure (what it counts is unknown) that
    ``figure`` could be and no other figure of ``ours`` could be."""
    for other in theirs:
        if other.measure is not None or not _could_be(figure, other, settings):
            continue
        if not any(_could_be(mine, other, settings) for mine in ours if mine is not figure):
            return True
    return False


def _could_be(a: QuantityClaim, b: QuantityClaim, settings: Settings) -> bool:
    """Whether two figures could be one: the same unit, and values that overlap with their
    hedges and written precision ("$3.5 billion" and "about $3.6 billion").  An open bound
    ("more than $1 million") counts as its written value, not as everything above it."""
    if a.unit != b.unit:
        return False
    if a.amount.value == b.amount.value:
        return True
    low_a, high_a = _closed_interval(a, settings)
    low_b, high_b = _closed_interval(b, settings)
    slack = 1e-9 * max(abs(a.amount.value), abs(b.amount.value), 1.0)
    return max(low_a, low_b) < min(high_a, high_b) - slack


def _closed_interval(claim: QuantityClaim, settings: Settings) -> tuple[float, float]:
    if claim.bound in ("at_least", "at_most"):
        return claim.amount.low, claim.amount.high
    return quantity_interval(claim, settings=settings)


def _figures_by_passage(
    claims: Sequence[tuple[int, Claim]],
) -> dict[int, tuple[QuantityClaim, ...]]:
    by_passage: dict[int, list[Claim]] = defaultdict(list)
    for passage, claim in claims:
        by_passage[passage].append(claim)
    return {passage: figures_of(found) for passage, found in by_passage.items()}


def _article_pair(
    claim: Claim, other: Claim, common: frozenset[str], settings: Settings
) -> ClaimPair | None:
    """The pair two claims of two whole articles make, if they are comparable there."""
    if not _same_story_thread(claim, other, common):
        return None
    pair = compare_claims(claim, other, settings=settings)
    if pair is None or pair.relation == "not_comparable":
        return None
    if _bare_count(claim) and not _bare_update(pair, common):
        return None
    return pair


def _bare_count(claim: Claim) -> bool:
    return isinstance(claim, QuantityClaim) and not claim.governed


def _bare_update(pair: ClaimPair, common: frozenset[str]) -> bool:
    """Across articles, counts of a bare noun pair only as an update at two stated times
    that share a word of their clauses besides the noun."""
    a, b = pair.left, pair.right
    if pair.relation != "update" or not isinstance(a, QuantityClaim):
        return False
    if not isinstance(b, QuantityClaim) or a.time is None or b.time is None:
        return False
    noun = content_stems(a.measure_text + " " + b.measure_text) | {a.measure or ""}
    return bool((a.context & b.context) - noun - common)


_COMMON_SHARE = 0.2  # a word in more than this share of the figures' clauses is the story's


def _common_context(
    left: Sequence[tuple[int, Claim]], right: Sequence[tuple[int, Claim]]
) -> frozenset[str]:
    """Words so frequent around the figures (and names so frequent around the dates) of
    both articles that sharing them says nothing ("wall" in a story about a border wall,
    "Trump" in a story about his cabinet)."""
    claims = [c for _, c in (*left, *right)]
    contexts = [c.context for c in claims if isinstance(c, QuantityClaim)]
    names = [c.names for c in claims if isinstance(c, DateClaim | TimeClaim)]
    return _frequent(contexts) | _frequent(names)


def _frequent(bags: Sequence[frozenset[str]]) -> frozenset[str]:
    counts: dict[str, int] = defaultdict(int)
    for bag in bags:
        for word in bag:
            counts[word] += 1
    limit = max(2.0, _COMMON_SHARE * len(bags))
    return frozenset(word for word, count in counts.items() if count > limit)


def _same_story_thread(a: Claim, b: Claim, common: frozenset[str]) -> bool:
    """Across whole articles, claims far apart need a sign that they speak of one thing:
    figures of a broad measure (money, groups of people) a shared word in their clauses,
    dates and times a shared name (whose departure, whose announcement)."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        if a.measure in vocabulary().broad_measures:
            measure_words = content_stems(a.measure_text + " " + b.measure_text)
            return bool((a.context & b.context) - measure_words - common)
        return True
    if isinstance(a, DateClaim | TimeClaim) and isinstance(b, DateClaim | TimeClaim):
        names_a, names_b = a.names - common, b.names - common
        return not names_a or not names_b or bool(names_a & names_b)
    return True


def _thinned_by_passage(found: list[ArticleClaimPair]) -> tuple[ArticleClaimPair, ...]:
    """Within each pair of passages, the rules ``judge`` applies: a claim that agrees with
    one of the other passage's claims conflicts with none of them, lists pair in order."""
    by_passages: dict[tuple[int, int], list[ArticleClaimPair]] = defaultdict(list)
    for item in found:
        by_passages[(item.left_passage, item.right_passage)].append(item)
    kept: list[ArticleClaimPair] = []
    for (left_passage, right_passage), items in by_passages.items():
        survivors = thin([item.pair for item in items])
        kept += [ArticleClaimPair(left_passage, right_passage, pair) for pair in survivors]
    return tuple(kept)


def thin(pairs: Sequence[ClaimPair]) -> tuple[ClaimPair, ...]:
    """Within one subject (measure, event, role...): a claim that agrees with one of the
    other side's claims conflicts with none of them ("$100 billion, then $500 billion"
    against "$500 billion"), and each claim takes part in one conflict at most.  The order
    is symmetric in the two sides, so judging b with a mirrors a with b."""
    if len(pairs) <= 1:
        return tuple(pairs)  # one pair is its own group, agreeing with nothing else: kept
    return _thinned(pairs)


def _thinned(pairs: Sequence[ClaimPair]) -> tuple[ClaimPair, ...]:
    """``thin`` without the shortcut for a single pair (most passage pairs have one)."""
    groups: dict[Hashable, list[ClaimPair]] = defaultdict(list)
    for pair in pairs:
        groups[_group(pair)].append(pair)
    kept: list[ClaimPair] = []
    for group in map(_lists_in_order, groups.values()):
        agreeing = {id(p.left) for p in group if p.relation == "agree"}
        agreeing |= {id(p.right) for p in group if p.relation == "agree"}
        used: set[int] = set()
        ordered = sorted(group, key=_symmetric_order)
        for pair in ordered:
            if pair.relation in ("conflict", "update"):
                if id(pair.left) in agreeing or id(pair.right) in agreeing:
                    continue
                if id(pair.left) in used or id(pair.right) in used:
                    continue
                used |= {id(pair.left), id(pair.right)}
            kept.append(pair)
    return tuple(kept)


def _lists_in_order(group: list[ClaimPair]) -> list[ClaimPair]:
    """Two lists of one subject, as long as each other ("150 migrants ... once 1,200" and
    "90 migrants ... once 1,200"), pair up in reading order: the first with the first."""
    lefts = sorted({id(p.left): p.left for p in group}.values(), key=lambda c: c.span.start)
    rights = sorted({id(p.right): p.right for p in group}.values(), key=lambda c: c.span.start)
    if len(lefts) != len(rights) or len(lefts) < 2:
        return group
    rank_left = {id(c): i for i, c in enumerate(lefts)}
    rank_right = {id(c): i for i, c in enumerate(rights)}
    return [p for p in group if rank_left[id(p.left)] == rank_right[id(p.right)]]


def _group(pair: ClaimPair) -> Hashable:
    return (type(pair.left).__name__, pair.label)


def _symmetric_order(pair: ClaimPair) -> tuple[int, int, int]:
    a, b = pair.left.span.start, pair.right.span.start
    return (a + b, min(a, b), max(a, b))


def _keys(claim: Claim) -> Iterable[Hashable]:
    """The buckets a claim is compared within."""
    if isinstance(claim, QuantityClaim):
        if claim.measure is not None and claim.governed:
            yield ("quantity", claim.measure, claim.unit)
        elif claim.measure is not None and claim.time is not None:
            # "5,000 signatures by Monday", "9,000 signatures by Wednesday": a bare noun
            # counted at two stated times may be an update (never a clash, see below).
            yield ("counted", claim.measure, claim.unit)
    elif isinstance(claim, DateClaim | TimeClaim):
        if claim.event is not None:
            yield (type(claim).__name__, claim.event)
    elif isinstance(claim, QuoteClaim):
        yield from (("quote", s) for s in sorted(_quote_stems(claim)))
    elif isinstance(claim, RoleClaim):
        yield ("role", claim.role)
    elif isinstance(claim, PolarityClaim):
        yield ("polarity", claim.decision)
