"""An aligned pair of passages judged: do they agree, contradict, or merely relate?

``judge`` is called on passages the aligner already holds to speak of the same event, so
the question is only whether their facts clash.  A false alarm costs a fact-checker time
and trust, so every rule leans towards silence:

* values are compared only when they play the same *role* (a valuation with a valuation,
  a death toll with a death toll) or stand in the same slot of near-identical wording;
* hedges and written precision widen a value into a range ("over $500 billion", "nearly
  $100 billion", "$13 billion" = 12.5-13.5 billion) and two ranges that overlap agree;
* a passage listing several values of one role contradicts the other only when *none* of
  them fits ("$100 billion, then over $500 billion" does not contradict "$500 billion");
* a name clashes only with a name in the same slot that neither passage mentions
  elsewhere; a negation only when the other passage states the same word unnegated.

>>> from core.model import Settings
>>> v = judge("Musk sued in 2024.", "Musk sued in 2023.", score=0.9, settings=Settings())
>>> v.status, v.conflicts[0].explanation
('contradict', '2024 ≠ 2023')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import product

from .facts import (
    TOLERANCES,
    Tolerances,
    extract_facts,
    interval,
    is_content_word,
    stem,
    words,
)
from .model import Conflict, Fact, FactKind, LinkStatus, Settings

_NUMERIC_KINDS: tuple[FactKind, ...] = ("money", "number", "percent", "duration")
_NAME_KINDS: tuple[FactKind, ...] = ("person", "organisation", "place")
_SLOT_WORDS = 3  # words each side of a value that make up its slot
_SLOT_SHARED = 3  # shared slot words that make two values "the same slot"
_NAME_SLOT_SHARED = 4  # names need more: "launched Grok" and "launched Gemini" are no clash
_OWNER_REACH = 100  # characters before a value searched for whose value it is
_SAME_WORDING = 0.5  # share of content words two passages must have for a speaker clash
_NAME_JOINERS = frozenset({"of", "the", "de", "for", "and", "van", "von", "al", "bin"})
_TIME_TOLERANCE_MINUTES = 30  # "about 11 p.m." and "10:45 p.m." agree


@dataclass(frozen=True)
class Verdict:
    """The status of a pair and, when they contradict, the conflicting facts.

    Conflict spans index the two texts given to ``judge``.
    """

    status: LinkStatus
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class _Side:
    """One passage: its text, its facts, and its words for slot and presence checks."""

    text: str
    facts: tuple[Fact, ...]
    words: tuple[tuple[int, int, str], ...]
    stems: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Side:
        found = words(text)
        return cls(text, extract_facts(text), found, frozenset(stem(w) for *_, w in found))

    def of_kind(self, *kinds: FactKind) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]


def judge(left_text: str, right_text: str, *, score: float, settings: Settings) -> Verdict:
    """Judge a linked pair from its texts and its same-event score.

    "contradict" when some fact clashes; otherwise "agree" when the pair shares a fact or
    its score reaches ``settings.agree_threshold``; otherwise "related".
    """
    left, right = _Side.of(left_text), _Side.of(right_text)
    tolerances = Tolerances(
        approximate=settings.approximate_tolerance,
        nearly=settings.nearly_tolerance,
        words=settings.number_word_tolerance,
    )
    conflicts = find_conflicts(left, right, tolerances=tolerances)
    if conflicts:
        return Verdict("contradict", conflicts)
    if score >= settings.agree_threshold or _share_a_fact(left, right):
        return Verdict("agree")
    return Verdict("related")


def find_conflicts(
    left: _Side, right: _Side, *, tolerances: Tolerances = TOLERANCES
) -> tuple[Conflict, ...]:
    """Every clash between two passages, in the left passage's reading order."""
    found: list[Conflict] = []
    for kind in _NUMERIC_KINDS:
        found += _value_conflicts(left, right, kind, tolerances)
    found += _value_conflicts(left, right, "date", tolerances)
    found += _value_conflicts(left, right, "time", tolerances)
    speakers = _attribution_conflicts(left, right)
    found += speakers
    # A speaker clash is reported once, as an attribution, not again as a name clash.
    found += [c for c in _name_conflicts(left, right) if not any(_overlaps(c, s) for s in speakers)]
    found += _negation_conflicts(left, right)
    return tuple(sorted(found, key=lambda c: (c.left_start, c.right_start, c.kind)))


# ---------------------------------------------------------------------------------------
# Values: amounts, counts, percentages, durations, dates, times


def _value_conflicts(
    left: _Side, right: _Side, kind: FactKind, tolerances: Tolerances
) -> list[Conflict]:
    """One conflict per role whose values on the two sides share no possible value."""
    left_facts, right_facts = left.of_kind(kind), right.of_kind(kind)
    if not left_facts or not right_facts:
        return []
    conflicts = []
    for l_group, r_group in _comparable_groups(left, left_facts, right, right_facts):
        l_group = [a for a in l_group if _owner_known(left, a, right)]
        r_group = [b for b in r_group if _owner_known(right, b, left)]
        if not l_group or not r_group:
            continue
        if len(l_group) == len(r_group) > 1:
            # Two lists of one role ("$100 billion, then $500 billion") pair up in order.
            clash = next(
                (
                    (a, b)
                    for a, b in zip(l_group, r_group, strict=True)
                    if not _values_agree(a, b, tolerances)
                ),
                None,
            )
        elif any(_values_agree(a, b, tolerances) for a, b in product(l_group, r_group)):
            clash = None  # one of the listed values fits the other passage's
        else:
            clash = (l_group[0], r_group[0])
        if clash:
            conflicts.append(_conflict(kind, *clash))
    return conflicts


def _comparable_groups(
    left: _Side, left_facts: list[Fact], right: _Side, right_facts: list[Fact]
) -> list[tuple[list[Fact], list[Fact]]]:
    """Facts of the two sides grouped by role; unroled facts pair up by their slot."""
    groups = []
    roles = sorted({f.role for f in left_facts if f.role} & {f.role for f in right_facts if f.role})
    for role in roles:
        groups.append(
            ([f for f in left_facts if f.role == role], [f for f in right_facts if f.role == role])
        )
    # A value both passages state was not changed, so it is nobody's counterpart.
    left_values, right_values = {f.value for f in left_facts}, {f.value for f in right_facts}
    pairs = [
        (a, b)
        for a, b in product(left_facts, right_facts)
        # A role on both sides decides: different roles are different things.
        if not (a.role in roles or b.role in roles or (a.role and b.role))
        and a.value not in right_values
        and b.value not in left_values
        and _same_slot(left, a, right, b)
    ]
    groups += [([a], [b]) for a, b in _one_to_one(pairs)]
    return groups


def _one_to_one(pairs: list[tuple[Fact, Fact]]) -> list[tuple[Fact, Fact]]:
    """The pairs whose two members have no other partner: a substitution, not a list."""
    return [
        (a, b)
        for a, b in pairs
        if sum(x is a for x, _ in pairs) == 1 and sum(y is b for _, y in pairs) == 1
    ]


def _owner_known(side: _Side, fact: Fact, other: _Side) -> bool:
    """Whether the other passage speaks of whoever the value belongs to.

    The owner is the nearest person or organisation named just before the value: in
    "xAI was on track to achieve a $230 billion valuation" the valuation is xAI's, and a
    passage that never names xAI cannot contradict it with OpenAI's $500 billion.
    """
    names = [
        f
        for f in side.of_kind("person", "organisation")
        if f.end <= fact.start
        and fact.start - f.end <= _OWNER_REACH
        and not side.text[max(0, f.start - 13) : f.start].lower().endswith("according to ")
    ]
    if not names:
        return True
    owner = max(names, key=lambda f: f.end)
    # One shared word is enough ("James Mattis" and "Mattis", "Defense Department" and
    # "Department of Defense"): the rule only stops values of plainly different owners.
    tokens = [w for *_, w in words(owner.value) if len(w) > 1]
    return not tokens or any(stem(w) in other.stems for w in tokens)


def _values_agree(a: Fact, b: Fact, tolerances: Tolerances) -> bool:
    if a.kind == "date":
        return _dates_agree(a, b)
    if a.kind == "time":
        return _times_agree(a, b)
    if a.kind == "money" and a.value.split(" ")[0] != b.value.split(" ")[0]:
        return True  # dollars against euros: a conversion, not a claim we can check
    if a.qualifier == b.qualifier and a.qualifier in ("over", "under", "nearly"):
        # "more than $500 billion" against "more than $300 billion": both could be true, but
        # the outlets report different figures, and that is what a fact-checker wants to see.
        a, b = replace(a, qualifier=None), replace(b, qualifier=None)
    span_a, span_b = interval(a, tolerances=tolerances), interval(b, tolerances=tolerances)
    if span_a is None or span_b is None:
        return True
    # Ranges that merely touch ("14" = 13.5-14.5 and "15" = 14.5-15.5) do not agree.
    return max(span_a[0], span_b[0]) < min(span_a[1], span_b[1])


def _dates_agree(a: Fact, b: Fact) -> bool:
    """Dates agree when every field both state (year, month, day, weekday) fits."""
    weekday_a, weekday_b = a.value.isalpha(), b.value.isalpha()
    if weekday_a or weekday_b:
        return not (weekday_a and weekday_b) or a.value == b.value
    fields_a, fields_b = a.value.split("-"), b.value.split("-")
    if not _years_agree(fields_a[0], a.qualifier, fields_b[0], b.qualifier):
        return False
    if a.qualifier in ("over", "under") or b.qualifier in ("over", "under"):
        return True  # "by July" and "in June" can both be true
    return all(x == y for x, y in zip(fields_a[1:], fields_b[1:], strict=False))


def _years_agree(a: str, hedge_a: str | None, b: str, hedge_b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    if hedge_a == hedge_b:
        return False  # "by 2014" and "by 2015": two outlets, two deadlines
    if a.endswith("x") or b.endswith("x"):  # "the 2010s"
        return a[:3] == b[:3]
    low_a, high_a = _year_range(int(a), hedge_a)
    low_b, high_b = _year_range(int(b), hedge_b)
    return max(low_a, low_b) <= min(high_a, high_b)


def _year_range(year: int, hedge: str | None) -> tuple[float, float]:
    if hedge == "under":
        return (-math.inf, year)
    if hedge == "over":
        return (year, math.inf)
    return (year, year)


def _times_agree(a: Fact, b: Fact) -> bool:
    minutes_a, minutes_b = _minutes(a.value), _minutes(b.value)
    gap = min(abs(minutes_a - minutes_b), 1440 - abs(minutes_a - minutes_b))
    hedged = a.qualifier is not None or b.qualifier is not None
    return gap == 0 or (hedged and gap <= _TIME_TOLERANCE_MINUTES)


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


# ---------------------------------------------------------------------------------------
# Slots: the words around a value


def _slot(side: _Side, fact: Fact) -> tuple[list[str], list[str]]:
    before = [w for s, e, w in side.words if e <= fact.start][-_SLOT_WORDS:]
    after = [w for s, e, w in side.words if s >= fact.end][:_SLOT_WORDS]
    return before, after


def _same_slot(
    left: _Side,
    a: Fact,
    right: _Side,
    b: Fact,
    *,
    shared_needed: int = _SLOT_SHARED,
    both_adjacent: bool = False,
) -> bool:
    """Two values stand in the same place of near-identical wording.

    "under X (formerly known as Google), aiming" and "under X (formerly known as Twitter),
    aiming": three words before and after agree, and one next to the value does.
    """
    before_a, after_a = _slot(left, a)
    before_b, after_b = _slot(right, b)
    shared = len(set(before_a) & set(before_b)) + len(set(after_a) & set(after_b))
    same_before = before_a[-1:] == before_b[-1:]
    same_after = after_a[:1] == after_b[:1]
    if both_adjacent:
        adjacent = same_before and same_after
    else:
        adjacent = (bool(before_a) and same_before) or (bool(after_a) and same_after)
    content = any(is_content_word(w) for w in (set(before_a + after_a) & set(before_b + after_b)))
    return adjacent and content and shared >= shared_needed


# ---------------------------------------------------------------------------------------
# Names and attributions


def _name_conflicts(left: _Side, right: _Side) -> list[Conflict]:
    """A name on each side, in the same slot, each absent from the other passage."""
    left_names = [f for f in left.of_kind(*_NAME_KINDS) if not _mentioned(f, right)]
    right_names = [f for f in right.of_kind(*_NAME_KINDS) if not _mentioned(f, left)]
    pairs = [
        (a, b)
        for a, b in product(left_names, right_names)
        if _differ_as_names(a, b)
        and _same_slot(left, a, right, b, shared_needed=_NAME_SLOT_SHARED, both_adjacent=True)
    ]
    return [_conflict(_name_kind(a, b), a, b) for a, b in _one_to_one(pairs)]


def _differ_as_names(a: Fact, b: Fact) -> bool:
    """ "Edward Snowden" and "Ed Snowden", "Spain" and "Spanish" are the same name."""
    for short, long in ((a.value, b.value), (b.value, a.value)):
        if " " not in short and short == "".join(w[0] for w in long.split() if w):
            return False  # "PNG" and "Papua New Guinea"
    words_a, words_b = a.value.split(), b.value.split()
    if words_a[-1] == words_b[-1]:
        # Same surname: "Ed" is "Edward", but "Elon Musk" is not "Kimbal Musk".
        return words_a[0][:2] != words_b[0][:2] and len(words_a) == len(words_b)
    return not (words_a[-1].startswith(words_b[-1][:4]) or words_b[-1].startswith(words_a[-1][:4]))


def _mentioned(name: Fact, other: _Side) -> bool:
    """Whether the other passage has every word of a name ("Musk" is in "Elon Musk")."""
    tokens = [w for *_, w in words(name.value) if len(w) > 1 and w not in _NAME_JOINERS]
    return all(stem(w) in other.stems for w in tokens)


def _name_kind(a: Fact, b: Fact) -> FactKind:
    """The kind of a name clash, the same whichever side is left (mirror symmetry)."""
    for kind in _NAME_KINDS:
        if kind in (a.kind, b.kind):
            return kind
    return a.kind


def _attribution_conflicts(left: _Side, right: _Side) -> list[Conflict]:
    """The same statement put in the mouths of two different people."""
    conflicts = []
    for a, b in product(left.of_kind("attribution"), right.of_kind("attribution")):
        if a.value == b.value or _mentioned(a, right) or _mentioned(b, left):
            continue
        if a.role == b.role == "statement":
            same = _overlap(_content_stems(left, a), _content_stems(right, b)) >= _SAME_WORDING
        else:
            same = _overlap(_quote_stems(a), _quote_stems(b)) >= _SAME_WORDING
        if same:
            conflicts.append(_conflict("attribution", a, b))
    return conflicts[:1]


def _content_stems(side: _Side, speaker: Fact) -> set[str]:
    return {
        stem(w)
        for s, e, w in side.words
        if is_content_word(w) and not (s >= speaker.start and e <= speaker.end)
    }


def _quote_stems(fact: Fact) -> set[str]:
    return {stem(w) for w in (fact.role or "").removeprefix("quote:").split()}


def _overlap(a: Iterable[str], b: Iterable[str]) -> float:
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / min(len(set_a), len(set_b))


# ---------------------------------------------------------------------------------------
# Negation


def _negation_conflicts(left: _Side, right: _Side) -> list[Conflict]:
    """A word negated on one side and stated plainly on the other."""
    conflicts = []
    for negated, plain, negated_is_left in ((left, right, True), (right, left, False)):
        for fact in negated.of_kind("negation"):
            occurrence = _plain_occurrence(fact, negated, plain)
            if occurrence is None:
                continue
            if negated_is_left:
                conflicts.append(_conflict("negation", fact, occurrence))
            else:
                conflicts.append(_conflict("negation", occurrence, fact))
    return conflicts


def _plain_occurrence(fact: Fact, negated: _Side, plain: _Side) -> Fact | None:
    """Where the other passage states the negated word without a negation, if it does."""
    if any(f.value == fact.value for f in plain.of_kind("negation")):
        return None
    if _states_plainly(negated, fact.value, outside=fact):
        return None  # "from a non-profit to a profit-driven": the contrast is in one passage
    for start, end, word in plain.words:
        if stem(word) != fact.value or _negated_before(plain.text, start):
            continue
        if not _shares_context(fact, negated, plain, start, end):
            continue
        return Fact(
            "negation", plain.text[start:end], fact.value, start, end, fact.role, "affirmed"
        )
    return None


def _states_plainly(side: _Side, value: str, *, outside: Fact) -> bool:
    return any(
        value in {stem(part) for part in word.split("-")}  # "profit-driven" states "profit"
        and not (start >= outside.start and end <= outside.end)
        and not _negated_before(side.text, start)
        for start, end, word in side.words
    )


def _negated_before(text: str, start: int) -> bool:
    """ "non-binding": the plain-looking word is itself prefixed with a negation."""
    return text[max(0, start - 4) : start].lower() == "non-"


def _shares_context(fact: Fact, negated: _Side, plain: _Side, start: int, end: int) -> bool:
    """A content word next to the negated phrase also stands next to the plain word."""
    near_negated = _window_stems(negated, fact.start, fact.end, 4)
    near_plain = _window_stems(plain, start, end, 4)
    return bool(near_negated & near_plain)


def _window_stems(side: _Side, start: int, end: int, count: int) -> set[str]:
    before = [w for s, e, w in side.words if e <= start][-count:]
    after = [w for s, e, w in side.words if s >= end][:count]
    return {stem(w) for w in before + after if is_content_word(w)}


# ---------------------------------------------------------------------------------------


def _conflict(kind: FactKind, a: Fact, b: Fact) -> Conflict:
    return Conflict(
        kind=kind,
        left=a.text,
        right=b.text,
        explanation=f"{a.text} ≠ {b.text}",
        left_start=a.start,
        left_end=a.end,
        right_start=b.start,
        right_end=b.end,
    )


def _overlaps(a: Conflict, b: Conflict) -> bool:
    return a.left_start < b.left_end and b.left_start < a.left_end


def _share_a_fact(left: _Side, right: _Side) -> bool:
    """Both passages state the same value in the same role (beyond names)."""
    kinds: Sequence[FactKind] = (*_NUMERIC_KINDS, "date", "time")
    for kind in kinds:
        for l_group, r_group in _comparable_groups(
            left, left.of_kind(kind), right, right.of_kind(kind)
        ):
            if any(a.value == b.value for a, b in product(l_group, r_group)):
                return True
    return False
