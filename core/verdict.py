"""An aligned pair of passages judged: do they agree, contradict, or merely relate?

``judge`` is called on passages the aligner already holds to speak of the same event, so
the question is whether their *claims* clash (core.claims): a number with a number that
counts the same thing in a compatible scope and time, a date with the date of the same
event, a quote with the same remark, a name with a name in the same role, a decision with
the same decision about the same object.  Statuses:

* "contradict" when any comparable pair of claims conflicts; every conflicting measure is
  reported, not one per kind;
* "agree" when at least one comparable pair of claims *of a known subject* (a measure,
  event, role, speaker or decision) was found and all pairs match, or when the two texts
  are near-verbatim (then there is nothing to check); the same bare weekday or year on
  both sides is reported as an agreeing pair but does not make the link agree;
* "related" otherwise: a high word overlap is not a checked fact.

An "update" (the same measure stated for two different times, "300 dead on Monday" and
"412 dead on Thursday") is neither agreement nor conflict: it is reported in
``Verdict.updates``; the link is then never "agree" (a value changed, and the reader must
weigh it), and "contradict" only when another pair conflicts.

Values with no known measure are compared only when they stand in the same place of
near-identical wording (a substitution: "since 2019" / "since 2020"), and so are names;
a negation is compared with the same word stated plainly in the same context.

>>> from core.settings import Settings
>>> v = judge("Musk sued in 2024.", "Musk sued in 2023.", score=0.9, settings=Settings())
>>> v.status, v.conflicts[0].explanation
('contradict', 'lawsuit: 2024 ≠ 2023')
>>> v = judge("The quake killed 3,145 people.", "The death toll is 3,085.", score=0.2,
...           settings=Settings())
>>> v.status, [(c.measure, c.explanation) for c in v.conflicts]
('contradict', [('dead', 'dead: 3,145 ≠ 3,085')])
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import product
from typing import Literal, TypeVar

from .claims import (
    Claim,
    ClaimPair,
    DateClaim,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    Span,
    TimeClaim,
    compare_claims,
    extract_claims,
)
from .claims.compare import (
    compare_dates,
    compare_quantities,
    compare_times,
    compared_something,
    figures_of,
    settled_by_an_equal_figure,
    thin,
)
from .claims.polarity import changed_stance, frame, stance_time, unasserted
from .claims.text import clause_bounds, content_stems
from .claims.vocabulary import vocabulary
from .facts import Fact, extract_facts, is_content_word, stem, words
from .model import Conflict, FactKind, LinkStatus
from .settings import Settings

NameKind = Literal["person", "organisation", "place"]
_NAME_KINDS: tuple[NameKind, ...] = ("person", "organisation", "place")
_SLOT_WORDS = 3  # words each side of a value that make up its slot
_SLOT_SHARED = 3  # shared slot words that make two values "the same slot"
_NAME_SLOT_SHARED = 4  # names need more: "launched Grok" and "launched Gemini" are no clash
_NAME_JOINERS = frozenset({"of", "the", "de", "for", "and", "van", "von", "al", "bin"})
_NEAR_VERBATIM = 0.85
# Wording this alike is one text edited: a changed name, number or negation in it that no
# claim pair accounts for keeps the pair from "agree".
_EDITED = 0.5  # word-sequence similarity above which two texts say the same thing
_UNIT_KINDS: dict[str, FactKind] = {
    "count": "number",
    "money": "money",
    "percent": "percent",
    "duration": "duration",
}


@dataclass(frozen=True)
class Verdict:
    """The status of a pair, its conflicts, and every claim pair that decided it.

    Conflict spans index the two texts given to ``judge``.  ``claim_pairs`` holds every
    comparable pair (agreeing, conflicting or updated); ``updates`` the updated ones as
    conflicts with relation "update", for views that show them apart.
    """

    status: LinkStatus
    conflicts: tuple[Conflict, ...] = ()
    claim_pairs: tuple[ClaimPair, ...] = ()
    updates: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class _Side:
    """One passage: its text, facts, claims, and words for slot and presence checks."""

    text: str
    facts: tuple[Fact, ...]
    claims: tuple[Claim, ...]
    words: tuple[tuple[int, int, str], ...]
    stems: frozenset[str]
    # The word sequence difflib compares, and its multiset (for the cheap upper bound of
    # the ratio): read once per passage rather than once per link and direction.
    sequence: tuple[str, ...] = field(default=(), compare=False, repr=False)
    counts: Counter[str] = field(default_factory=Counter, compare=False, repr=False)
    # Where each word starts and ends, ascending (words come in reading order and do not
    # overlap): the words before or after a value are found by bisection.
    starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    ends: tuple[int, ...] = field(default=(), compare=False, repr=False)
    # The facts every link of the passage asks for, picked once: its names, its negations.
    names: tuple[Fact, ...] = field(default=(), compare=False, repr=False)
    negations: tuple[Fact, ...] = field(default=(), compare=False, repr=False)
    # The words it has more than once (``_shared_count``).
    repeated: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @classmethod
    def of(cls, text: str) -> _Side:
        found = words(text)
        sequence = tuple(w for *_, w in found)
        facts = extract_facts(text)
        counts = Counter(sequence)
        return cls(
            text,
            facts,
            extract_claims(text),
            found,
            # Each distinct word stemmed once: a passage repeats its words.
            frozenset(map(stem, set(sequence))),
            sequence,
            counts,
            tuple(start for start, _, _ in found),
            tuple(end for _, end, _ in found),
            tuple(f for f in facts if f.kind in _NAME_KINDS),
            tuple(f for f in facts if f.kind == "negation"),
            _repeated(counts),
        )

    @cached_property
    def name_edges(self) -> tuple[tuple[list[str], list[str]], ...]:
        """Each name's word just before it and just after it (none at an end of the text),
        ``_slot``'s last word before and first word after: read once per passage, not once
        per link (see ``_name_substitutions``)."""
        return tuple((self.before(f.start, 1), self.after(f.end, 1)) for f in self.names)

    @cached_property
    def name_edge_keys(self) -> frozenset[tuple[tuple[str, ...], tuple[str, ...]]]:
        """``name_edges`` as a set: two passages none of whose names stand between the
        same two words have no name substitution to look for."""
        return frozenset((tuple(before), tuple(after)) for before, after in self.name_edges)

    @cached_property
    def values(self) -> tuple[_Values, ...]:
        """Its numbers, its dates and its times (``_substitutions``), read once."""
        return tuple(
            _Values.of([c for c in self.claims if isinstance(c, kind)])
            for kind in (QuantityClaim, DateClaim, TimeClaim)
        )

    @cached_property
    def figures(self) -> tuple[QuantityClaim, ...]:
        """``figures_of(self.claims)``, read once: every link of the passage asks."""
        return figures_of(self.claims)

    @cached_property
    def name_stems(self) -> tuple[tuple[str, ...], ...]:
        """The stems each name needs to be mentioned (``_name_stems``), read once."""
        return tuple(_name_stems(f.word) for f in self.names)

    def before(self, offset: int, count: int) -> list[str]:
        """The last ``count`` words that end at or before ``offset``."""
        stop = bisect_right(self.ends, offset)
        return list(self.sequence[max(0, stop - count) : stop])

    def after(self, offset: int, count: int) -> list[str]:
        """The first ``count`` words that start at or after ``offset``."""
        first = bisect_left(self.starts, offset)
        return list(self.sequence[first : first + count])


@lru_cache(maxsize=8192)
def _side(text: str) -> _Side:
    """A passage read once: a passage with several counterparts is judged in each of its
    links, and ``pairs`` sees the same sentence in many rows.  Frozen, so safe to share."""
    return _Side.of(text)


def read_ahead(text: str) -> None:
    """Read a passage's words, facts and claims now, as ``judge`` reads them (and keeps
    them): for a process with nothing else to do until it judges the passage's pairs."""
    _side(text)


def judge(left_text: str, right_text: str, *, score: float, settings: Settings) -> Verdict:
    """Judge a linked pair from its texts; ``score`` (how surely they speak of the same
    event) no longer decides agreement: only checked claims or near-verbatim text do."""
    del score  # kept in the signature: callers pass it, and a later rule may use it
    return _judged(left_text, right_text, settings)


@lru_cache(maxsize=16384)
def _judged(left_text: str, right_text: str, settings: Settings) -> Verdict:
    """``judge`` once per pair of texts and settings: the same two sentences linked again
    (a repeated paragraph, boilerplate, a re-run) get the same verdict, which is frozen."""
    left, right = _side(left_text), _side(right_text)
    pairs = claim_pairs(left, right, settings=settings)
    conflicts = tuple(
        sorted(
            (conflict_of(p) for p in pairs if p.relation == "conflict"),
            key=lambda c: (c.left_start, c.right_start, c.kind),
        )
    )
    updates = tuple(conflict_of(p) for p in pairs if p.relation == "update")
    status: LinkStatus
    wording = _Wording(left, right)
    if conflicts:
        status = "contradict"
    elif (
        (any(_agrees_on_the_news(p) for p in pairs) or _near_verbatim(wording))
        and not updates  # a value that changed over time is for the reader to weigh
        and not _figures_unchecked(left, right, pairs)
        and not _edit_unexplained(wording, pairs)
    ):
        status = "agree"
    else:
        status = "related"
    return Verdict(status, conflicts, pairs, updates)


def _agrees_on_the_news(pair: ClaimPair) -> bool:
    """An agreeing pair of a known subject that is news, not background: the same bare
    weekday (no label) or the same age of someone agrees on nothing that happened."""
    return (
        pair.relation == "agree"
        and bool(pair.label)
        and pair.label not in vocabulary().background_measures
    )


def claim_pairs(left: _Side, right: _Side, *, settings: Settings) -> tuple[ClaimPair, ...]:
    """Every comparable claim pair of two passages, conflicts thinned to one per claim."""
    pairs: list[ClaimPair] = []
    for a, b in product(left.claims, right.claims):
        pair = compare_claims(a, b, settings=settings)
        if pair is not None and _still_a_clash(pair, left, right):
            pairs.append(pair)
    compared = {(id(p.left), id(p.right)) for p in pairs}
    pairs += [
        p  # two values compared by their measure are not compared again by their slot
        for p in _substitutions(left, right, settings)
        if (id(p.left), id(p.right)) not in compared
    ]
    pairs += _dates_of_one_step(left, right, pairs)
    pairs += _name_substitutions(left, right)
    pairs += _negation_pairs(left, right)
    figures = left.figures, right.figures
    pairs = [
        p
        for p in pairs
        if compared_something(p)
        and not settled_by_an_equal_figure(p, *figures, settings=settings)
        and not _actor_unconfirmed(p, left, right)
    ]
    return _without_covered_misquotes(_without_update_times(_restated(thin(pairs))))


def _without_update_times(pairs: tuple[ClaimPair, ...]) -> tuple[ClaimPair, ...]:
    """ "300 dead on Monday" and "412 dead on Thursday" are an update, shown with both
    days; the two days are when each figure held, not a second clash ("Monday ≠
    Thursday")."""
    anchors = {
        (p.left.time.text.lower(), p.right.time.text.lower())
        for p in pairs
        if p.relation == "update"
        and isinstance(p.left, QuantityClaim)
        and isinstance(p.right, QuantityClaim)
        and p.left.time is not None
        and p.right.time is not None
    }
    if not anchors:
        return pairs

    def anchors_an_update(pair: ClaimPair) -> bool:  # "by Monday" holds the anchor "Monday"
        left, right = pair.left.span.text.lower(), pair.right.span.text.lower()
        return any(a in left and b in right for a, b in anchors)

    return tuple(
        p
        for p in pairs
        if not (p.relation == "conflict" and isinstance(p.left, DateClaim) and anchors_an_update(p))
    )


def _restated(pairs: tuple[ClaimPair, ...]) -> tuple[ClaimPair, ...]:
    """Two statements on two days: "Trump announced Sunday that Mattis will be leaving on
    January 1" and "Trump tweeted on Thursday that Mattis would be retiring at the end of
    February".  When the dates of two statements clash and so does a value each statement
    made known (after its date, in the same passage), the clash to show is the value's,
    with the day of each statement; the statements' days are no clash of their own."""
    statements = [p for p in pairs if p.relation == "conflict" and _of_a_statement(p)]
    if not statements:
        return pairs
    dropped: set[int] = set()
    out: list[ClaimPair] = []
    for pair in pairs:
        said = next((s for s in statements if _made_known(pair, s)), None)
        if said is None:
            out.append(pair)
            continue
        dropped.add(id(said))
        text = f"{pair.explanation} (stated {said.left.span.text} / {said.right.span.text})"
        out.append(ClaimPair(pair.left, pair.right, pair.relation, pair.label, text))
    return tuple(p for p in out if id(p) not in dropped)


def _of_a_statement(pair: ClaimPair) -> bool:
    """A pair of dates one of which dates a statement ("announced Sunday")."""
    events = vocabulary().statement_events
    return any(
        isinstance(claim, DateClaim) and claim.event in events for claim in (pair.left, pair.right)
    )


def _made_known(pair: ClaimPair, said: ClaimPair) -> bool:
    """Whether ``pair`` is a clash of values that stand after both dates of the clashing
    statements ``said``: what each statement made known."""
    return (
        pair is not said
        and pair.relation == "conflict"
        and not _of_a_statement(pair)
        and pair.left.span.start > said.left.span.end
        and pair.right.span.start > said.right.span.end
    )


def _actor_unconfirmed(pair: ClaimPair, left: _Side, right: _Side) -> bool:
    """An agreeing date or time whose actor only one side names, and the other passage
    never mentions: "Hicks announced her resignation in February" does not confirm that
    Mattis "was leaving in February".  One event needs one actor, and a passage that does
    not name the other's actor cannot be checked to speak of the same one."""
    if pair.relation != "agree" or not isinstance(pair.left, DateClaim | TimeClaim):
        return False
    assert isinstance(pair.right, DateClaim | TimeClaim)
    left_actor, right_actor = pair.left.actor, pair.right.actor
    if bool(left_actor) == bool(right_actor):
        return False  # both named (``compared_something`` compares them) or neither
    if left_actor:
        return left_actor not in right.counts
    return right_actor not in left.counts


def _without_covered_misquotes(pairs: tuple[ClaimPair, ...]) -> tuple[ClaimPair, ...]:
    """A misquote whose change is already reported (a number or date changed inside the
    quote) is not reported twice."""
    others = [p for p in pairs if p.relation == "conflict" and p.label != "quote"]

    def covered(pair: ClaimPair) -> bool:
        return any(
            pair.left.span.start <= o.left.span.start < pair.left.span.end
            and pair.right.span.start <= o.right.span.start < pair.right.span.end
            for o in others
        )

    return tuple(
        p
        for p in pairs
        if not (p.relation == "conflict" and isinstance(p.left, QuoteClaim) and p.label == "quote")
        or not covered(p)
    )


def _still_a_clash(pair: ClaimPair, left: _Side, right: _Side) -> bool:
    """A name clash is no clash when each passage also names the other's person."""
    if pair.relation != "conflict":
        return True
    a, b = pair.left, pair.right
    if isinstance(a, RoleClaim) and isinstance(b, RoleClaim):
        return not (_mentioned(a.name, right) or _mentioned(b.name, left))
    if isinstance(a, QuoteClaim) and isinstance(b, QuoteClaim) and pair.label == "speaker":
        assert a.speaker is not None and b.speaker is not None
        return not (_mentioned(a.speaker.text, right) or _mentioned(b.speaker.text, left))
    return True


class _Wording:
    """How alike the word sequences of one judged pair are, each part computed at most
    once per ``judge`` call: the near-verbatim and the edited checks ask the same ratio
    and the same opcodes, and most pairs are settled by a bound without difflib at all."""

    def __init__(self, left: _Side, right: _Side) -> None:
        self.left, self.right = left, right
        self._matchers: dict[bool, difflib.SequenceMatcher[str]] = {}
        self._shared: int | None = None

    def matcher(self, forward: bool) -> difflib.SequenceMatcher[str] | None:
        """difflib's matcher of left with right (``forward``) or right with left."""
        a, b = (self.left, self.right) if forward else (self.right, self.left)
        if not a.sequence or not b.sequence:
            return None
        if forward not in self._matchers:
            self._matchers[forward] = difflib.SequenceMatcher(
                a=a.sequence, b=b.sequence, autojunk=False
            )
        return self._matchers[forward]

    def ratio_at_least(self, threshold: float) -> bool:
        """Whether ``_ratio`` (the smaller of difflib's two ratios) reaches ``threshold``.

        difflib's ratio is 2·M / (|a| + |b|) where M counts words in matching blocks; M is
        at most the length of the shorter text and at most the multiset intersection of
        the two (what ``quick_ratio`` counts), so when either bound is below the threshold
        the ratio is too, computed with the same formula (hence the same rounding)."""
        a, b = self.left.sequence, self.right.sequence
        if not a or not b:
            return threshold <= 0.0
        if a == b:
            return threshold <= 1.0  # difflib's one block over the whole text: ratio 1.0
        total = len(a) + len(b)
        if 2.0 * min(len(a), len(b)) / total < threshold:
            return False
        if self._shared is None:
            left, right = self.left, self.right
            self._shared = _shared_count(left.counts, right.counts, left.repeated, right.repeated)
        if 2.0 * self._shared / total < threshold:
            return False
        return _ratio_at_least(self, threshold)


def _repeated(counts: Counter[str]) -> frozenset[str]:
    return frozenset(word for word, count in counts.items() if count > 1)


def _shared_count(
    a: Counter[str], b: Counter[str], repeated_a: frozenset[str], repeated_b: frozenset[str]
) -> int:
    """``sum((a & b).values())``, the multiset intersection's size, without building it:
    each word of both once (a set intersection, in C), and for a word both repeat
    (``_repeated`` of each: a sentence repeats few), the further times both have it."""
    shared = len(a.keys() & b.keys())
    for word in repeated_a & repeated_b:
        shared += min(a[word], b[word]) - 1
    return shared


def _near_verbatim(wording: _Wording) -> bool:
    """Nearly the same words in the same order, and no changed name, number or negation
    among the few that differ: then there is nothing left to check."""
    if not wording.ratio_at_least(_NEAR_VERBATIM):
        return False
    # The matcher aligns words greedily from one side; both directions are read so that
    # judging b with a mirrors a with b.
    return not _changed_checkable_words(wording, True) and not _changed_checkable_words(
        wording, False
    )


def _figures_unchecked(left: _Side, right: _Side, pairs: Sequence[ClaimPair]) -> bool:
    """Both passages state a figure in one unit (a percentage, a sum, a count) and no pair
    of such figures was compared: "raised the rate to 4.25% on Thursday" and "raised the
    key rate to 4.5% on Thursday" agree on the verb and the day, but the figures, which
    may be the news, went unchecked, so agreement cannot be claimed."""
    compared = {p.left.unit.kind for p in pairs if isinstance(p.left, QuantityClaim)}
    stated_left = {c.unit.kind for c in left.figures}
    stated_right = {c.unit.kind for c in right.figures}
    return bool((stated_left & stated_right) - compared)


def _edit_unexplained(wording: _Wording, pairs: Sequence[ClaimPair]) -> bool:
    """The two texts are one text edited, and a name, number or negation changed where no
    claim pair was compared: agreement cannot be claimed."""
    if not wording.ratio_at_least(_EDITED):
        return False
    for first_is_left in (True, False):
        for on_first, offset in _changed_checkable_words(wording, first_is_left):
            on_left = on_first == first_is_left
            spans = [p.left.span if on_left else p.right.span for p in pairs]
            if not any(span.start <= offset < span.end for span in spans):
                return True
    return False


def _ratio(wording: _Wording) -> float:
    """Word-sequence similarity, the same whichever side is read first (difflib's ratio
    depends on the order when words repeat)."""
    forward, backward = wording.matcher(True), wording.matcher(False)
    if forward is None or backward is None:
        return 0.0
    return min(forward.ratio(), backward.ratio())


def _ratio_at_least(wording: _Wording, threshold: float) -> bool:
    """``_ratio(wording) >= threshold``, with the backward matcher built only when the
    forward ratio reaches the threshold: the smaller of the two cannot, when one does not."""
    forward = wording.matcher(True)
    if forward is None:
        return threshold <= 0.0  # _ratio is 0.0 for an empty text
    return forward.ratio() >= threshold and _ratio(wording) >= threshold


def _changed_checkable_words(wording: _Wording, forward: bool) -> list[tuple[bool, int]]:
    """(on the first side?, offset) of each changed number, name or negation; the first
    side is the left one when ``forward``."""
    if wording.left.sequence == wording.right.sequence:
        return []  # difflib's opcodes for equal sequences: one "equal", nothing changed
    matcher = wording.matcher(forward)
    if matcher is None:
        return []
    first, second = (wording.left, wording.right) if forward else (wording.right, wording.left)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for side, lo, hi in ((first, i1, i2), (second, j1, j2)):
            for index in range(lo, hi):
                start, end, _ = side.words[index]
                if _checkable(side.text[start:end], first=index == 0):
                    found.append((side is first, start))
    return found


@lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:
    return frozenset(w for phrase in vocabulary().negations.key_of for w in phrase.split())


def _checkable(word: str, *, first: bool) -> bool:
    """A word whose change could change a fact: a number, a name, a negation."""
    lower = word.lower()
    return (
        any(char.isdigit() for char in word)
        or (word[:1].isupper() and not first)
        or lower in _negation_words()
        or lower.endswith("n't")
    )


# ---------------------------------------------------------------------------------------
# Substitutions: values and names in the same place of near-identical wording


def _substitutions(left: _Side, right: _Side, settings: Settings) -> list[ClaimPair]:
    """Numbers, dates and times whose measure or event is unknown on one side, compared
    when they stand in the same slot of near-identical wording."""
    found: list[ClaimPair] = []
    if not left.claims or not right.claims:
        return found  # pairs need a claim on each side
    for ours, theirs in zip(left.values, right.values, strict=True):
        if not ours.claims or not theirs.claims:
            continue  # no candidate, and no value shared by both sides
        candidates = [
            (a, b)
            for a, a_key, a_free in ours.claims
            # A value both passages state was not changed, so it is nobody's counterpart.
            if a_key not in theirs.keys
            for b, b_key, b_free in theirs.claims
            # One side at least must lack a subject: two subjects decide on their own.
            if (a_free or b_free)
            and b_key not in ours.keys
            and _same_slot(left, a.span, right, b.span)
        ]
        for a, b in _one_to_one(candidates):
            pair = _compare_unlabelled(a, b, settings)
            if pair is not None:
                found.append(pair)
        found += _shared_values(ours, theirs)
    return found


@dataclass(frozen=True)
class _Values:
    """The values of one kind (numbers, dates or times) of a passage, read once for all
    its links: each claim with its value key and whether it lacks a subject."""

    claims: tuple[tuple[Claim, Hashable, bool], ...]
    keys: frozenset[Hashable]
    # The claims without a subject, by value key, in reading order.
    unsubjected: dict[Hashable, list[Claim]]

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> _Values:
        read = tuple((c, _value_key(c), _unsubjected(c)) for c in claims)
        unsubjected: dict[Hashable, list[Claim]] = {}
        for claim, key, free in read:
            if free:
                unsubjected.setdefault(key, []).append(claim)
        return cls(read, frozenset(key for _, key, _ in read), unsubjected)


def _shared_values(ours: _Values, theirs: _Values) -> list[ClaimPair]:
    """The same value (amount and unit, date, time) stated once on each side: a checked
    agreement even when neither side says what it counts ("in 2024" and "in 2024").
    Only claims without a subject take part.  A value stated once is where its key first
    comes, so the pairs come in reading order of ``ours``."""
    found = []
    for key, mine in ours.unsubjected.items():
        same = theirs.unsubjected.get(key, ())
        if len(mine) == 1 and len(same) == 1:
            a, b = mine[0], same[0]
            found.append(ClaimPair(a, b, "agree", "", f"{a.span.text} = {b.span.text}"))
    return found


def _unsubjected(claim: Claim) -> bool:
    if isinstance(claim, QuantityClaim):
        return claim.measure is None or not claim.governed
    if isinstance(claim, DateClaim | TimeClaim):
        return claim.event is None
    return False


def _value_key(claim: Claim) -> Hashable:
    if isinstance(claim, QuantityClaim):
        return ("q", claim.amount, claim.unit)
    if isinstance(claim, DateClaim):
        return ("d", claim.date)
    if isinstance(claim, TimeClaim):
        return ("t", claim.minutes, claim.weekday, claim.zone)
    return id(claim)


_SHARED_FOR_A_STEP = 2  # content words two dates' clauses share to be dates of one step


def _dates_of_one_step(left: _Side, right: _Side, found: Sequence[ClaimPair]) -> list[ClaimPair]:
    """Two full dates (month and day) with no known event word on either side, whose clauses
    share at least two content words: "The viaduct was last inspected on March 14" and
    "the viaduct's last inspection took place on April 2" date one step, which the event
    vocabulary does not name.  Dates already compared are left as they are."""
    taken = {id(c) for p in found for c in (p.left, p.right)}
    ours = [c for c in _full_dates(left) if id(c) not in taken]
    theirs = [c for c in _full_dates(right) if id(c) not in taken]
    shared_of: dict[tuple[int, int], frozenset[str]] = {}
    for a, b in product(ours, theirs):
        if a.event is not None or b.event is not None:
            continue  # an event word on a side: compare_claims decided
        shared = _clause_words(left, a) & _clause_words(right, b)
        if len(shared) >= _SHARED_FOR_A_STEP:
            shared_of[id(a), id(b)] = shared
    candidates = [(a, b) for a, b in product(ours, theirs) if (id(a), id(b)) in shared_of]
    pairs = []
    for a, b in _one_to_one(candidates):
        pair = compare_dates(a, b)
        # A clash is labelled with the step's words; an equal date stays unlabelled, so it
        # does not make the link agree on words that only look like one step.
        shared = shared_of[id(a), id(b)]
        label = "" if pair.relation == "agree" else _step_words(left, a, shared)
        pairs.append(_relabelled(pair, label))
    return pairs


def _step_words(left: _Side, a: DateClaim, shared: frozenset[str]) -> str:
    """The words of ``a``'s clause whose stems are ``shared``, as written, in reading order."""
    lo, hi = clause_bounds(left.text, a.span.start, a.span.end)
    words = [w for s, e, w in left.words if lo <= s and e <= hi and stem(w) in shared]
    return " ".join(dict.fromkeys(words))


def _full_dates(side: _Side) -> list[DateClaim]:
    return [
        c
        for c in side.claims
        if isinstance(c, DateClaim) and c.date.month is not None and c.date.day is not None
    ]


def _clause_words(side: _Side, claim: DateClaim) -> frozenset[str]:
    """The content stems of a date's clause, but for dates and their words."""
    lo, hi = clause_bounds(side.text, claim.span.start, claim.span.end)
    around = side.text[lo : claim.span.start] + " " + side.text[claim.span.end : hi]
    return content_stems(around) - _date_stems()


@lru_cache(maxsize=1)
def _date_stems() -> frozenset[str]:
    """The months list's words (month and weekday names, and a few words kept with them) as
    stems: what a date says, not what it is the date of."""
    return frozenset(map(stem, vocabulary().not_places))


def _compare_unlabelled(a: Claim, b: Claim, settings: Settings) -> ClaimPair | None:
    """Compare two values paired by their wording; the label is the measure when only one
    side names it ("injured"), else empty."""
    if isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim):
        if a.governed and b.governed and a.measure != b.measure:
            return None
        pair = compare_quantities(a, b, settings=settings)
        if pair is None:
            return None
        label = a.measure if a.governed else b.measure if b.governed else None
        return _relabelled(pair, label or "")
    if isinstance(a, DateClaim) and isinstance(b, DateClaim):
        return _relabelled(compare_dates(a, b), a.event or b.event or "")
    if isinstance(a, TimeClaim) and isinstance(b, TimeClaim):
        pair = compare_times(a, b)
        return None if pair is None else _relabelled(pair, a.event or b.event or "")
    return None


def _relabelled(pair: ClaimPair, label: str) -> ClaimPair:
    sign = "≠" if pair.relation == "conflict" else "="
    explanation = f"{pair.left.span.text} {sign} {pair.right.span.text}"
    if pair.relation == "update":
        explanation = pair.explanation.split(": ", 1)[-1]
    head = f"{label}: " if label else ""
    return ClaimPair(pair.left, pair.right, pair.relation, label, head + explanation)


_Member = TypeVar("_Member")


def _one_to_one(pairs: Sequence[tuple[_Member, _Member]]) -> list[tuple[_Member, _Member]]:
    """The pairs whose two members have no other partner: a substitution, not a list.

    A member is the same object, not an equal one; each is counted once, rather than by
    a scan of all pairs for each pair."""
    if len(pairs) < 2:
        return list(pairs)  # no pair, or one: nothing else to partner with (most links)
    lefts = Counter(id(a) for a, _ in pairs)
    rights = Counter(id(b) for _, b in pairs)
    return [(a, b) for a, b in pairs if lefts[id(a)] == 1 and rights[id(b)] == 1]


def _slot(side: _Side, span: Span) -> tuple[list[str], list[str]]:
    return side.before(span.start, _SLOT_WORDS), side.after(span.end, _SLOT_WORDS)


def _same_slot(
    left: _Side,
    a: Span,
    right: _Side,
    b: Span,
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


def _name_substitutions(left: _Side, right: _Side) -> list[ClaimPair]:
    """A name on each side, in the same slot, each absent from the other passage."""
    if not left.names or not right.names:
        return []  # no name on one side: nothing to substitute
    if left.name_edge_keys.isdisjoint(right.name_edge_keys):
        return []  # no two names between the same words: no candidate below
    left_names = _unmentioned_names(left, right)
    right_names = _unmentioned_names(right, left)
    # _same_slot(both_adjacent=True) needs the same word just before both names and the
    # same just after: most pairs of names differ there, and are passed over before the
    # costlier checks (they were most of this function's time).
    candidates = [
        (a, b)
        for a, a_edges in left_names
        for b, b_edges in right_names
        if a_edges == b_edges
        and _differ_as_names(a.word, b.word)
        and _same_slot(
            left, _span(a), right, _span(b), shared_needed=_NAME_SLOT_SHARED, both_adjacent=True
        )
    ]
    pairs = []
    for a, b in _one_to_one(candidates):
        kind = _name_kind(a, b)
        claim_a = RoleClaim(_span(a), a.word, "", "", "", name_kind=kind)
        claim_b = RoleClaim(_span(b), b.word, "", "", "", name_kind=kind)
        pairs.append(ClaimPair(claim_a, claim_b, "conflict", "", f"{a.text} ≠ {b.text}"))
    return pairs


def _unmentioned_names(side: _Side, other: _Side) -> list[tuple[Fact, tuple[list[str], list[str]]]]:
    """The names of ``side`` that ``other`` does not mention, each with its edge words."""
    # As _mentioned(name.word, other), with the stems each name needs read once per side.
    named = zip(side.names, side.name_edges, side.name_stems, strict=True)
    return [
        (name, edges)
        for name, edges, stems in named
        if not (stems and other.stems.issuperset(stems))
    ]


def _span(fact: Fact) -> Span:
    return Span(fact.start, fact.end, fact.text)


def _differ_as_names(a: str, b: str) -> bool:
    """ "Edward Snowden" and "Ed Snowden", "Spain" and "Spanish", "EU" and "E.U." are the
    same name."""
    a, b = a.replace(".", ""), b.replace(".", "")  # abbreviations, with or without stops
    if a.lower() == b.lower():
        return False
    for short, long in ((a, b), (b, a)):
        if " " not in short and short == "".join(w[0] for w in long.split() if w):
            return False  # "PNG" and "Papua New Guinea"
    words_a, words_b = a.split(), b.split()
    if words_a[-1] == words_b[-1]:
        # Same surname: "Ed" is "Edward", but "Elon Musk" is not "Kimbal Musk".
        return words_a[0][:2] != words_b[0][:2] and len(words_a) == len(words_b)
    return not (words_a[-1].startswith(words_b[-1][:4]) or words_b[-1].startswith(words_a[-1][:4]))


def _mentioned(name: str, other: _Side) -> bool:
    """Whether the other passage has every word of a name ("Musk" is in "Elon Musk")."""
    stems = _name_stems(name)
    return bool(stems) and other.stems.issuperset(stems)


@lru_cache(maxsize=8192)
def _name_stems(name: str) -> tuple[str, ...]:
    """The stems a name needs to be mentioned: a name is looked for in every passage its
    own is judged with, so it is read once."""
    tokens = [w for *_, w in words(name.lower()) if len(w) > 1 and w not in _NAME_JOINERS]
    return tuple(stem(w) for w in tokens)


def _name_kind(a: Fact, b: Fact) -> NameKind:
    """The kind of a name clash, the same whichever side is left (mirror symmetry)."""
    for kind in _NAME_KINDS:
        if kind in (a.kind, b.kind):
            return kind
    return "person"


# ---------------------------------------------------------------------------------------
# Negation: a word denied on one side and stated plainly on the other


def _negation_pairs(left: _Side, right: _Side) -> list[ClaimPair]:
    """A word denied on one side and stated plainly on the other: a conflict, unless the
    two are stated for two different times (a stance that changed: an update) or either is
    no statement of fact (a request, a condition)."""
    pairs = []
    for negated, plain, negated_is_left in ((left, right, True), (right, left, False)):
        for fact in negated.negations:
            occurrence = _plain_occurrence(fact, negated, plain)
            if occurrence is None:
                continue
            denied = _polarity(fact, negated, positive=False)
            stated = _polarity(occurrence, plain, positive=True)
            a, b = (denied, stated) if negated_is_left else (stated, denied)
            when = (
                stance_time(negated.text, negated.facts, fact.start),
                stance_time(plain.text, plain.facts, occurrence.start),
            )
            if changed_stance(*when):
                time_a, time_b = when if negated_is_left else (when[1], when[0])
                text = f"{a.span.text} ({time_a}) → {b.span.text} ({time_b})"
                pairs.append(ClaimPair(a, b, "update", "", text))
                continue
            # The words up to and with the word itself, negations left out.
            framed_alike = frame(negated.text, fact.end) == frame(plain.text, occurrence.end)
            if not framed_alike and (
                unasserted(negated.text, fact.start, fact.text)
                or unasserted(plain.text, occurrence.start, occurrence.text)
            ):
                continue  # a request or a condition, framed otherwise on the other side
            pairs.append(ClaimPair(a, b, "conflict", "", f"{a.span.text} ≠ {b.span.text}"))
    return pairs


def _polarity(fact: Fact, side: _Side, *, positive: bool) -> PolarityClaim:
    context = frozenset(_window_stems(side, fact.start, fact.end, 4))
    return PolarityClaim(_span(fact), "negation:" + fact.word, positive, context, fact.text)


def _plain_occurrence(fact: Fact, negated: _Side, plain: _Side) -> Fact | None:
    """Where the other passage states the negated word without a negation, if it does."""
    if fact.word not in plain.stems:
        return None  # no word of the other passage has the stem: the loop below finds none
    if any(f.word == fact.word for f in plain.negations):
        return None
    if _states_plainly(negated, fact.word, outside=fact):
        return None  # "from a non-profit to a profit-driven": the contrast is in one passage
    for start, end, word in plain.words:
        if stem(word) != fact.word or _negated_before(plain.text, start):
            continue
        if not _shares_context(fact, negated, plain, start, end):
            continue
        # The plain statement, held as a fact of the same word to set against the negation.
        return Fact(
            kind="negation",
            text=plain.text[start:end],
            value=fact.word,
            start=start,
            end=end,
            role=fact.role,
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
    before, after = side.before(start, count), side.after(end, count)
    return {stem(w) for w in before + after if is_content_word(w)}


# ---------------------------------------------------------------------------------------
# Conflicts as the views show them


def conflict_of(pair: ClaimPair) -> Conflict:
    """A conflicting (or updated) claim pair as a Conflict: kind, both values as written,
    their spans, and what was compared."""
    a_span, b_span = _marked_span(pair, pair.left), _marked_span(pair, pair.right)
    scope, time = _scope_and_time(pair)
    return Conflict(
        kind=_kind(pair),
        left=a_span.text,
        right=b_span.text,
        explanation=pair.explanation,
        left_start=a_span.start,
        left_end=a_span.end,
        right_start=b_span.start,
        right_end=b_span.end,
        measure=pair.label,
        relation=pair.relation,
        scope=scope,
        time=time,
    )


def _marked_span(pair: ClaimPair, claim: Claim) -> Span:
    """The words to mark: the speaker for a swapped attribution, else the claim itself."""
    speaker = claim.speaker if isinstance(claim, QuoteClaim) else None
    if pair.label == "speaker" and speaker is not None and speaker.span is not None:
        return speaker.span
    return claim.span


def _kind(pair: ClaimPair) -> FactKind:
    claim = pair.left
    if isinstance(claim, QuantityClaim):
        return _UNIT_KINDS[claim.unit.kind]
    if isinstance(claim, DateClaim):
        return "date"
    if isinstance(claim, TimeClaim):
        return "time"
    if isinstance(claim, QuoteClaim) and isinstance(pair.right, QuoteClaim):
        return _misquote_kind(claim, pair.right) if pair.label == "quote" else "attribution"
    if isinstance(claim, RoleClaim):
        return claim.name_kind
    return "negation"


def _misquote_kind(a: QuoteClaim, b: QuoteClaim) -> FactKind:
    """What a misquote changed: a negation, a number, or other words (an attribution)."""
    changed = set(a.words) ^ set(b.words)
    if changed & _negation_words():
        return "negation"
    if any(char.isdigit() for word in changed for char in word):
        return "number"
    return "attribution"


def _scope_and_time(pair: ClaimPair) -> tuple[str, str]:
    a, b = pair.left, pair.right
    if not (isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim)):
        return "", ""
    scope = a.scope or b.scope
    time = a.time or b.time
    scope_text = scope.text if scope is not None and scope.kind != "subject" else ""
    return scope_text, time.text if time is not None else ""
