"""Quantity claims: a number, its bound, and what it counts, where, when and per whom.

The number itself is parsed by :mod:`core.facts` (fast regular expressions, written
precision kept).  This module decides what the number *counts* from the words that govern
it, in this order of trust:

1. a measure word right after it, past filler words ("2,310 people were hurt");
2. a label before it ("injured: 2,402");
3. a noun it counts, right after it ("destroyed 5,000 homes" counts homes, not the dead
   of an earlier clause);
4. the nearest measure word before it in its clause ("the toll rose to 3,145", "a toll
   that has now passed 900"), then after it ("$3 billion could be diverted").

A number whose governing words name no known measure takes its counted noun as the
measure ("55 miles") and is marked ``governed=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..facts import Amount as WrittenAmount
from ..facts import DateParts, Fact, FactValue, Interval, extract_facts, written_amount
from ..normalize import FUNCTION_WORDS, stem
from .text import (
    clause_bounds,
    content_stems,
    find_source,
    names_in,
    surname,
    title_case,
    words_in,
)
from .types import (
    Amount,
    Bound,
    ClaimContext,
    QuantityClaim,
    Scope,
    Span,
    TimeAnchor,
    Unit,
    UnitKind,
)
from .vocabulary import vocabulary

_NUMERIC = {"money": "money", "number": "count", "percent": "percent", "duration": "duration"}
_AFTER_WORDS = 5  # words after a number searched for its measure, past fillers
_BEFORE_REACH = 90  # characters before a number searched for a governing measure word
_AFTER_REACH = 40  # ... and after it, when nothing before governs it
_RANGE_TAIL = re.compile(r"\s?(?:-|–|to|and)\s?(\$|€|£)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WEEKDAY_RE = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|’s)?\b", re.IGNORECASE)


def quantity_claims(
    text: str, facts: tuple[Fact, ...], context: ClaimContext | None
) -> list[QuantityClaim]:
    """Every number of ``text`` that counts or amounts to something, as a typed claim."""
    numeric = [f for f in facts if f.kind in _NUMERIC]
    claims: list[QuantityClaim] = []
    skip_until = -1
    for fact in numeric:
        if fact.start < skip_until:
            continue
        claim = _claim(text, fact, facts, context)
        if claim is not None:
            if claims and claim.measure in (None, *_BARE_ROLES):
                claim = _inherit_measure(text, claims[-1], claim)
            claims.append(claim)
            skip_until = claim.span.end
    return claims


_LIST_GAP = 40  # characters between two listed values of one measure ("$100bn, then $500bn")
# What a figure is in a change, when its own clause names no measure: how much it moved
# ("by 200") or where it started ("from nine").
_BARE_ROLES = ("change", "before")


def _inherit_measure(text: str, before: QuantityClaim, claim: QuantityClaim) -> QuantityClaim:
    """A value listed right after another of its unit counts the same thing."""
    between = text[before.span.end : claim.span.start]
    if before.unit != claim.unit or len(between) > _LIST_GAP or re.search(r"[;.]\s", between):
        return claim
    measure, measure_text = before.measure, before.measure_text
    if claim.measure in _BARE_ROLES:
        # "to 4.25 percent from 4 percent": where the rate started, of the measure before.
        measure = f"{measure} {claim.measure}" if measure else claim.measure
        measure_text = f"{measure_text} {claim.measure}".strip()
    elif measure and measure.endswith(_BARE_ROLES) and re.search(r"\bto\b", between):
        # "rose by 200 to 1,200", "from nine to 14": then the new value of the measure.
        measure = measure.rsplit(" ", 1)[0] if " " in measure else None
        measure_text = measure_text.rsplit(" ", 1)[0] if " " in measure_text else ""
    return replace(claim, measure=measure, measure_text=measure_text, governed=before.governed)


def _claim(
    text: str, fact: Fact, facts: tuple[Fact, ...], context: ClaimContext | None
) -> QuantityClaim | None:
    written = written_amount(fact)
    if _clock_time(text, fact) or _classifier(text, fact):
        return None
    if written is None or (
        _BACK_REFERENCE.search(text, max(0, fact.start - 12), fact.start)
        and text[fact.end : fact.end + 1] == ","
    ):
        return None
    value, low, high = written
    number_start = _number_start(text, fact)
    bound, bound_start, bound_text = _bound(text, fact, number_start)
    if isinstance(fact.value, Interval):
        bound = "range"
    end = fact.end
    tail = _range_tail(text, fact)
    if tail is not None:
        end, second, factor = tail
        value, second = value * factor, second * factor
        low, high, bound = min(value, second), max(value, second), "range"
        if text[max(0, bound_start - 8) : bound_start].lower().endswith("between "):
            bound_start -= 8
    unit_kind: UnitKind = _NUMERIC[fact.kind]  # type: ignore[assignment]
    currency = _currency(fact)
    age = _age(text, fact, number_start, end)
    if age is not None:
        return _age_claim(text, age, bound_start, bound, bound_text, fact)
    measure, measure_text, governed = _measure(text, number_start, end, counts=unit_kind == "count")
    lo, hi = clause_bounds(text, number_start, end)
    if _size_of_a_change(text, lo, bound_start):
        # "raised the rate by a quarter point to 4.25%": the quarter point is how much it
        # moved, which is not what the rate is; two such sizes compare with each other.
        measure = f"{measure} change" if measure else "change"
        measure_text = f"{measure_text} change".strip()
    elif _value_before_a_change(text, lo, hi, bound_start):
        # "lifted its rate to 4.25 percent from 4 percent": 4 percent is what it was.
        measure = f"{measure} before" if measure else "before"
        measure_text = f"{measure_text} before".strip()
    return QuantityClaim(
        span=Span(bound_start, end, text[bound_start:end]),
        amount=Amount(value, low, high, words=_in_words(fact)),
        unit=Unit(unit_kind, currency),
        bound=bound,
        bound_text=bound_text,
        measure=measure,
        measure_text=measure_text,
        governed=governed,
        scope=_scope(text, number_start, end, lo, hi, measure if governed else None),
        time=_anchor(text, lo, hi, facts) or inherited_anchor(context),
        source=find_source(text, lo, hi),
        context=content_stems(text[lo:bound_start] + " " + text[end:hi]),
        change=_change(text, lo, hi, bound_start),
        purpose=_purpose(text, end, hi) if unit_kind == "money" else frozenset(),
    )


@dataclass(frozen=True)
class _Age:
    years: float
    end: int  # where the age's words end ("56-year-old")
    words: str  # "year-old", "aged", or "age" for a number between commas after a name
    person: Scope | None  # whose age: the name beside it, when one stands there


def _age_claim(
    text: str, age: _Age, start: int, bound: Bound, bound_text: str, fact: Fact
) -> QuantityClaim:
    """A person's age in years: whose it is (``scope``, the name beside it) and no time, as
    an age holds whatever day it is told."""
    lo, hi = clause_bounds(text, start, age.end)
    return QuantityClaim(
        span=Span(start, age.end, text[start : age.end]),
        amount=Amount(age.years, age.years - 0.5, age.years + 0.5, words=_in_words(fact)),
        unit=Unit("count", None),
        bound=bound,
        bound_text=bound_text,
        measure=vocabulary().age_measure,
        measure_text=age.words,
        governed=True,
        scope=age.person,
        source=find_source(text, lo, hi),
        context=content_stems(text[lo:start] + " " + text[age.end : hi]),
    )


# A name right before a comma (and "a"/"an"/"aged"): "Cesar Sayoc, " before "56,",
# "Olimpia Blanco, a " before "23-year-old".
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s)*[A-Z][\w.'’-]*),\s*(?:an?\s+|aged\s+)?$")
# A name right after the age: "18-year-old Karina Gomez".
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][\w'’-]*\s)*[A-Z][\w'’-]*)")


def _name_before(text: str, start: int) -> str | None:
    """The name right before ``start`` and its comma, unless a preposition makes it a place
    ("in Chicago, 56, were hurt")."""
    head = text[max(0, start - 60) : start]
    name = _NAME_BEFORE.search(head)
    if name is None:
        return None
    places = vocabulary().age_place_prepositions
    words = [*head[: name.start()].split(), *name.group(1).split()[:1]]
    if any(word.lower() in places for word in words[-2:]):
        return None
    return name.group(1)


def _person(name: str | None) -> Scope | None:
    """Whose age: a person's name as a subject scope, keyed by its last word."""
    last = surname(name) if name else ""
    return Scope("subject", last, name) if name and last else None


def _age(text: str, fact: Fact, start: int, end: int) -> _Age | None:
    """The age at ``start``..``end``, when the number is one: "56-year-old", "aged 56", or
    "Sayoc, 56," (a number alone between commas after a name)."""
    digits = re.match(r"\d{1,3}(?![\d,.])", text[start:end])  # "56", "56-year", "56 years"
    if digits is None:
        return None
    years = float(digits.group())
    vocab = vocabulary()
    number_end = start + len(digits.group())
    for words in vocab.age_after:
        if text.startswith(words, number_end):
            after = _NAME_AFTER.match(text, number_end + len(words))
            name = after.group(1) if after else _name_before(text, start)
            return _Age(years, number_end + len(words), words.strip(" -"), _person(name))
    before = text[max(0, start - 12) : start].split()
    if before and before[-1].lower() in vocab.age_before:  # "Sayoc, aged 56"
        return _Age(years, number_end, before[-1], _person(_name_before(text, start)))
    name = _name_before(text, start)
    if (
        fact.kind == "number"
        and years <= vocab.age_apposition_max
        and text.startswith(",", number_end)
        and name is not None
    ):
        return _Age(years, number_end, "age", _person(name))
    return None


# "$1.4 billion for border security", "$2.5 billion the department had allocated for
# counter-drug activities": "for" and what the sum pays for, a few words after it.
_FOR_PURPOSE = re.compile(
    r"(?:\s+[\w'’-]+){0,5}?\s+for\s+(?:(?:the|a|an|its|his|her|their)\s+)?"
    r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
)
_NOT_PURPOSE = frozenset({"years", "year", "months", "weeks", "days", "decades", "now", "first"})


def _purpose(text: str, end: int, hi: int) -> frozenset[str]:
    """What a sum of money is for, up to the first function word ("for construction of a
    wall" is for construction); empty when no "for" follows, or it says how long."""
    match = _FOR_PURPOSE.match(text, end, hi)
    if match is None or re.search(r"[,;:()]", match.group()):
        return frozenset()
    head: list[str] = []
    for word in match.group(1).split():
        if word in FUNCTION_WORDS:
            break
        head.append(word)
    if not head or head[0] in _NOT_PURPOSE:
        return frozenset()
    return content_stems(" ".join(head))


def _currency(fact: Fact) -> str | None:
    if fact.kind == "money" and isinstance(fact.value, WrittenAmount | Interval):
        return fact.value.unit
    return None


def _in_words(fact: Fact) -> bool:
    """Whether the number was written in words ("fourteen"), which news rounds loosely."""
    return isinstance(fact.value, WrittenAmount) and fact.value.in_words


_BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|nearly\s+|almost\s+|some\s+)?$", re.IGNORECASE)


def _size_of_a_change(text: str, lo: int, start: int) -> bool:
    """Whether the figure at ``start`` is the size of a change: "by" before it and a change
    word ("raised", "fell") just before that ("rose by 200 to 1,200")."""
    by = _BY_BEFORE.search(text, max(lo, start - 20), start)
    if by is None:
        return False
    vocab = vocabulary()
    words = [w.group().lower() for w in words_in(text, lo, by.start())]
    return any(word in vocab.changed_by for word in words[-vocab.changed_by_reach :])


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_UP_OR_DOWN_FROM = re.compile(r"\b(?:up|down)\s+from\s+$", re.IGNORECASE)
_TO_A_FIGURE = re.compile(r"\bto\s+(?:about\s+|nearly\s+|almost\s+)?[$€£]?\d", re.IGNORECASE)


def _value_before_a_change(text: str, lo: int, hi: int, start: int) -> bool:
    """Whether the figure at ``start`` is the value a change started from: "up from" or
    "down from" before it, or "from" with "to" and a figure in its clause ("to 4.25
    percent from 4 percent", "from nine to 14")."""
    if _UP_OR_DOWN_FROM.search(text, max(lo, start - 16), start):
        return True  # "Three are still missing, down from twelve"
    return bool(
        _FROM_BEFORE.search(text, max(lo, start - 8), start) and _TO_A_FIGURE.search(text, lo, hi)
    )


def _change(text: str, lo: int, hi: int, start: int) -> str | None:
    """ "has risen to 14", "fell to 30": the count moved to this value, up or down;
    "current" when its clause says it is the newest ("the latest count puts ...")."""
    vocab = vocabulary()
    for hit in vocab.changes.pattern.finditer(text, max(lo, start - 30), start):
        if not text[hit.end() : start].strip():
            return vocab.changes.key(hit.group())
    if vocab.current.pattern.search(text, lo, hi):
        return "current"
    return None


def _clock_time(text: str, fact: Fact) -> bool:
    """ "0440 GMT", "1730 hours": the number is a time of day, not a count."""
    after = re.match(r"\s*([A-Za-z]+)", text[fact.end : fact.end + 12])
    if after is None or not re.fullmatch(r"\d{4}", fact.text.strip()):
        return False
    word = after.group(1).lower()
    return word in vocabulary().time_zones or word in ("hours", "hrs", "local", "h")


# "Of the 14, three were firefighters": the number names a set counted before, not a
# figure of its own.
_BACK_REFERENCE = re.compile(r"\b[Oo]f\s+(?:the|those|these)\s+$")


def _number_start(text: str, fact: Fact) -> int:
    """Where the number starts inside a fact that includes its hedge ("over $13 billion")."""
    match = vocabulary().bounds.pattern.match(text, fact.start)
    if match and match.end() < fact.end and text[match.end() : match.end() + 1].isspace():
        return match.end() + 1
    return fact.start


def _bound(text: str, fact: Fact, number_start: int) -> tuple[Bound, int, str]:
    """The bound words just before the number, from the vocabulary, and where they start."""
    vocab = vocabulary()
    window_start = max(0, number_start - 30)
    best: re.Match[str] | None = None
    for match in vocab.bounds.pattern.finditer(text, window_start, number_start):
        if not text[match.end() : number_start].strip():
            best = match
    if best is None:
        if isinstance(fact.value, Interval):
            return "range", fact.start, ""
        return "exact", number_start, ""
    kind = vocab.bounds.key(best.group()) or "exact"
    return kind, best.start(), best.group()  # type: ignore[return-value]


def _range_tail(text: str, fact: Fact) -> tuple[int, float, float] | None:
    """ "20-30", "between 20 and 30", "20 to 30": where the range ends, its second number,
    and the scale word after it that applies to both ("20-30 million")."""
    match = _RANGE_TAIL.match(text, fact.end)
    if match is None:
        return None
    joiner = text[fact.end : match.start(2)].strip(" $€£")
    if joiner == "and" and not text[max(0, fact.start - 8) : fact.start].lower().endswith(
        "between "
    ):
        return None  # "14 killed and 3 injured" is two counts, not a range
    if joiner == "to" and (
        re.search(r"\bfrom\s+\S*$", text[: fact.start])
        or re.match(r"\s(?:people|\w+s)\b", text[match.end() :]) is None
    ):
        return None  # "rose from 12 to 30" is a change, "12 to 30 people" a range
    second = float(match.group(2).replace(",", ""))
    first = written_amount(fact)
    if first is None:
        return None
    # "20-30 million": the scale after the second number belongs to both; facts read the
    # first alone, so its value is scaled up here.
    scale = re.match(r"\s?(thousand|million|billion|trillion)\b", text[match.end() :])
    if scale:
        return match.end() + len(scale.group()), second, _SCALE_WORDS[scale.group(1)]
    return match.end(), second, 1.0


def _measure(text: str, start: int, end: int, *, counts: bool) -> tuple[str | None, str, bool]:
    """What the number at ``start``..``end`` counts: (measure, words as written, governed)."""
    vocab = vocabulary()
    lo, hi = clause_bounds(text, start, end)
    named = _measure_named_before(text, lo, start) or _measure_after_decimal(text, start, end)
    if named is not None:
        return named
    counted: re.Match[str] | None = None
    past_verb = False  # "were", "have been": what follows is a verb, not a counted noun
    for count, word in enumerate(words_in(text, end, hi)):
        if count >= _AFTER_WORDS or re.search(r"[,;:()]", text[end : word.start()]):
            break
        hit = vocab.measures.pattern.match(text, word.start())
        if hit:
            key = vocab.measures.key(hit.group()) or ""
            if key in vocab.measure_nouns:
                # "Five soldiers killed": the verb says what the count is of.
                verb = _measure_after_noun(text, hit.end(), hi)
                if verb is not None:
                    return verb
            return key, hit.group(), True
        lower = word.group().lower()
        if lower in vocab.count_fillers or _is_scope_word(text, word.start()):
            past_verb = past_verb or lower in FUNCTION_WORDS
            continue
        counted = None if past_verb else word
        # "41 climbers remain missing", "38 protesters were arrested": a measure word just
        # after the counted noun governs the count better than the noun does.
        if lower not in FUNCTION_WORDS:
            governing = _measure_after_noun(text, word.end(), hi)
            if governing is not None and not (counts and governing[0] in vocab.money_measures):
                return governing
            if not past_verb and word.group()[:1].isupper():
                # "at three Tijuana shelters": the number counts a thing named after it, so
                # a measure word further off does not govern it.
                return None, "", False
        break
    # A label ends its own clause ("Injured: 2,402"), so it is looked for before the clause.
    label = _label_pattern().search(text[max(0, start - 40) : start])
    if label:
        return vocab.measures.key(label.group(1)), label.group(1), True
    verb = _measure_just_before(text, lo, start)
    if verb is not None:
        return verb
    share = _share_of(text, end, hi) if not counts else None
    if share is not None:
        return share
    if counts and counted is not None and counted.group().lower() not in FUNCTION_WORDS:
        # A count names what it counts with a plural noun ("12 bodies", "55 miles"); an
        # amount of money or a percentage does not count the word after it.
        noun = counted.group().lower()
        if noun.isalpha() and len(noun) > 3 and noun.endswith("s") and not noun.endswith("ss"):
            return stem(noun), counted.group(), False
    before = [
        m
        for m in vocab.measures.pattern.finditer(text, max(lo, start - _BEFORE_REACH), start)
        if not _crosses_number(text, m.end(), start)
        and not _names_the_source(text, m.start())
        and not _counts_another_noun(text, m, end, hi)
    ]
    if before:
        hit = before[-1]
        return vocab.measures.key(hit.group()), hit.group(), True
    # After the number, a measure word governs it only across auxiliaries ("$3 billion
    # could be diverted"), not across a clause of its own ("fell 2 percent when the
    # tariffs were announced").
    hit = vocab.measures.pattern.search(text, end, min(hi, end + _AFTER_REACH))
    if hit and all(
        w.group().lower() in vocab.auxiliaries | vocab.count_fillers
        for w in words_in(text, end, hit.start())
    ):
        return vocab.measures.key(hit.group()), hit.group(), True
    return None, "", False


# A count joined to its noun by a hyphen ("nine-member", "four-star"): a word that says
# what kind of thing the noun after it is, not a figure the story reports.
_JOINED_NOUN = re.compile(r"-[a-z]{3,}\b(?!-)")


def _classifier(text: str, fact: Fact) -> bool:
    """ "the nine-member council voted 6-3", "a four-star general": nine and four classify
    the council and the general; read as counts they clashed with the votes, and agreed
    between two different generals."""
    joined = _JOINED_NOUN.match(text, fact.end) if fact.kind == "number" else None
    if joined is None or "." in fact.text:
        return False
    # "a 7.2-magnitude quake", "the magnitude-6 tremor": a measure word is what it counts.
    return vocabulary().measures.pattern.fullmatch(joined.group()[1:]) is None


_OBJECT = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:on|from)\s+(?:the\s+)?([a-z][\w'’-]+(?:\s+[a-z][\w-]+){0,2})"
)
# A figure followed, within three words, by "for" and a name ("$70m Varena paid for
# midfielder Leon Arbe"): what the sum bought.
_PAID_FOR = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+for\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
)
_NOUN_TO_VERB = 3  # words after a counted noun searched for the verb that governs it


def _measure_named_before(text: str, lo: int, start: int) -> tuple[str, str, bool] | None:
    """ "magnitude 6.9", "a magnitude-6.9 quake": a measure noun right before the number
    names it, whatever verb follows ("... killed 40")."""
    vocab = vocabulary()
    for hit in vocab.measures.pattern.finditer(text, max(lo, start - 20), start):
        key = vocab.measures.key(hit.group()) or ""
        if key in vocab.named_before and not text[hit.end() : start].strip(" -"):
            return key, hit.group(), True
    return None


def _measure_after_decimal(text: str, start: int, end: int) -> tuple[str, str, bool] | None:
    """ "a 6.1 earthquake", "the 6.1-magnitude quake": a decimal before such a noun."""
    if "." not in text[start:end]:
        return None
    noun = re.match(r"[\s-]([A-Za-z]+)", text[end : end + 16])
    if noun is None:
        return None
    measure = vocabulary().after_decimal.get(noun.group(1).lower())
    return (measure, noun.group(1), True) if measure else None


def _measure_after_noun(text: str, start: int, hi: int) -> tuple[str, str, bool] | None:
    vocab = vocabulary()
    for count, word in enumerate(words_in(text, start, hi)):
        if count >= _NOUN_TO_VERB or re.search(r"[,;:()]", text[start : word.start()]):
            return None
        hit = vocab.measures.pattern.match(text, word.start())
        if hit:
            return vocab.measures.key(hit.group()) or "", hit.group(), True
    return None


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    """ "Injured: 2,402": a measure word, a colon or equals sign, then the number."""
    return re.compile(rf"({vocabulary().measures.pattern.pattern})\s*[:=]\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _part_pattern() -> re.Pattern[str]:
    """ "at the collapsed tower in Bangkok": a part named after a preposition."""
    prepositions = "|".join(re.escape(p) for p in vocabulary().part_prepositions)
    return re.compile(
        rf"\b(?:{prepositions})\s+((?:[\w'’-]+\s?){{1,4}}?)(?=[,;.]|\s+(?:in|on|as|after|"
        rf"when|where|which|that|and|since|by)\b|$)"
    )


def _measure_just_before(text: str, lo: int, start: int) -> tuple[str, str, bool] | None:
    """ "killed 23 passengers", "injuring at least 40": a measure verb right before the
    number (bound words aside) governs it more surely than the noun after it."""
    vocab = vocabulary()
    for hit in vocab.measures.pattern.finditer(text, max(lo, start - 40), start):
        gap = text[hit.end() : start].strip()
        bound = vocab.bounds.pattern.fullmatch(gap) if gap else None
        if not gap or bound is not None:
            return vocab.measures.key(hit.group()) or "", hit.group(), True
    return None


def _share_of(text: str, end: int, hi: int) -> tuple[str, str, bool] | None:
    """ "61 percent of voters": a share of what the noun after "of" names."""
    match = re.match(r"\s+of\s+(?:the\s+|all\s+)?([a-z][a-z-]{2,})", text[end:hi])
    if match is None or match.group(1) in FUNCTION_WORDS:
        return None
    return "share of " + stem(match.group(1)), match.group(), False


def _is_scope_word(text: str, position: int) -> bool:
    """ "nationwide", "in total": words after a count that say where, not what."""
    vocab = vocabulary()
    return bool(
        vocab.national_scopes.pattern.match(text, position)
        or vocab.part_scopes.pattern.match(text, position)
        or vocab.anchor_phrases.pattern.match(text, position)
        or _WEEKDAY_RE.match(text, position)
    )


# "from the Defense Department's military construction budget": the pot a sum is taken
# from, a few words after "from".
_FROM_POT = re.compile(r"\bfrom\s+(?:[\w'’-]+\s+){0,5}$", re.IGNORECASE)


def _counts_another_noun(text: str, hit: re.Match[str], end: int, hi: int) -> bool:
    """ "a few hundred asylum seekers ... more than 1,000 people in a raid": a noun of who is
    counted ("migrants", "troops") before the number is another count's when the number
    names what it counts itself, right after it."""
    vocab = vocabulary()
    if vocab.measures.key(hit.group()) not in vocab.measure_nouns:
        return False
    own = next(iter(words_in(text, end, hi)), None)
    if own is None or text[end : own.start()].strip():
        return False
    word = own.group().lower()
    return word.isalpha() and word not in FUNCTION_WORDS and word not in _NOT_A_NOUN


_NOT_A_NOUN = frozenset({"more", "other", "others", "so", "now"})  # "1,000 more", "300 others"


def _names_the_source(text: str, position: int) -> bool:
    """A measure word inside a "from ..." phrase names where the money comes from, not what
    the figure is: "unlock money from the construction budget, to the tune of $3.5 billion"
    is money unlocked (diverted), not the budget itself."""
    return _FROM_POT.search(text, max(0, position - 60), position) is not None


def _crosses_number(text: str, start: int, end: int) -> bool:
    """Another number stands between a measure word and this one: it governs that one."""
    return bool(re.search(r"\d", text[start:end]))


def _scope(
    text: str, start: int, end: int, lo: int, hi: int, measure: str | None = None
) -> Scope | None:
    """A part ("at the collapsed tower"), the whole ("nationwide"), or whose figure it is."""
    vocab = vocabulary()
    subset = _SUBSET.match(text, end, hi)
    if subset:
        # "29 of his goals in the league": a part of a larger count, not the count.
        rest = text[subset.end() : hi]
        return Scope("part", "of " + " ".join(sorted(content_stems(rest))), subset.group() + rest)
    other = _another_thing(text, lo, start)
    if other is not None:
        return other
    alone = _ALONE.search(text, lo, hi)
    if alone:
        # "In Dunmere alone, 19 died": the figure of one part of the story's whole.
        name = alone.group(1).removesuffix("'s").removesuffix("’s")
        return Scope("part", name.lower(), alone.group())
    part = next(
        (
            m
            for m in vocab.part_scopes.pattern.finditer(text, lo, hi)
            if _near_enough(m, start, end)
        ),
        None,
    )
    if part:
        return Scope("part", part.group().lower(), part.group())
    place = _part_pattern().search(text[end:hi])
    if place and place.group(1).split()[-1].lower() in vocab.story_place_nouns:
        place = None  # "at the site", "at the scene": the story's own place
    if place and content_stems(place.group(1)):
        return Scope("part", " ".join(sorted(content_stems(place.group(1)))), place.group())
    target = _OBJECT.match(text, end, hi)
    if target and target.group(1).split()[-1].lower() in vocab.speaker_nouns | vocab.data_nouns:
        target = None  # "47 dead from the civil protection agency": a source, not a pot
    if target and content_stems(target.group(1)):
        # "a 25 percent tariff on imported steel", "$3.6 billion from construction projects":
        # a rate on one thing, or a sum from one pot, is not another's.
        key = " ".join(sorted(content_stems(target.group(1))))
        return Scope("object", key, target.group().strip())
    bought = _PAID_FOR.match(text, end, hi)
    if bought and not _WEEKDAY_RE.match(bought.group(1)) and content_stems(bought.group(1)):
        # "the $70m Varena paid for Jonas Pell": a sum paid for one named person or thing
        # is not the sum paid for another, however alike the two figures are.
        key = " ".join(sorted(content_stems(bought.group(1))))
        return Scope("object", key, bought.group().strip())
    national = vocab.national_scopes.pattern.search(text, lo, hi)
    if national:
        return Scope("national", "national", national.group())
    return _place(text, lo, hi) or _subject(text, start, lo, hi, measure)


def _another_thing(text: str, lo: int, start: int) -> Scope | None:
    """ "A second MRR train, carrying about 80 passengers": a figure of another thing than
    the story's own (the derailed train's 241), a part of its own keyed by the marker and
    the noun after it, so it meets only a figure of the same other thing."""
    marker = vocabulary().other_markers.pattern.search(text, lo, start)
    if marker is None:
        return None
    # The thing: the first plain word after the marker ("A second MRR train" -> train).
    words = words_in(text, marker.end(), start)
    head = next((w for w in words if w.group().isalpha() and w.group().islower()), None)
    if head is None:
        return Scope("part", marker.group().lower(), marker.group())
    key = f"{marker.group().lower()} {stem(head.group())}"
    return Scope("part", key, text[marker.start() : head.end()])


def _near_enough(part: re.Match[str], start: int, end: int) -> bool:
    """A period ("monthly", "a year") scopes only a figure near it: in "higher monthly bills
    after the bank raised the key rate to 4.5%" the rate is not monthly."""
    vocab = vocabulary()
    if part.group().lower() not in vocab.period_scopes:
        return True
    gap = start - part.end() if part.end() <= start else part.start() - end
    return gap <= vocab.period_reach


_SUBSET = re.compile(r"\s+of\s+(?:his|her|their|its|those|these|them|our)\b")
_ALONE = re.compile(
    r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+[a-z]+\s+of\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+alone\b"
)
_PLACE = re.compile(
    r"\b(?:[Ii]n|from)\s+(?:the\s+(?:town|city|village|district|county|province|region|state)\s+of\s+)?([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|de))*)"
)


def _place(text: str, lo: int, hi: int) -> Scope | None:
    """ "in Kessa", "in Afghan capital": the named place a figure is of, in its clause."""
    vocab = vocabulary()
    for match in _PLACE.finditer(text, lo, hi):
        name = match.group(1).removesuffix("'s").removesuffix("’s")
        if name.split()[0].lower() in vocab.not_places:
            continue
        shown = match.group()
        if title_case(text):
            # "Quake In Harrow Province Kills 38": in a Title Case headline the place ends
            # at a word that governs a figure or a verb.
            kept = []
            for word in name.split():
                lower = word.lower()
                if vocab.measures.key(lower) or vocab.bounds.key(lower) or lower in FUNCTION_WORDS:
                    break
                kept.append(word)
            if not kept:
                continue
            name = " ".join(kept)
            shown = shown[: shown.index(kept[-1]) + len(kept[-1])]
        return Scope("place", name.lower(), shown)
    return None


_OWNER_AFTER = re.compile(r"\b([A-Z][\w-]*(?:\s[A-Z][\w-]*)*)['’]s\s+[a-z]")
_RELATIVE = re.compile(r",\s+(?:which|who|whose|that)\b[^,]*,")


_NAME_WORD = re.compile(r"[A-Z][\w-]+")
_OPENING = re.compile(r"\s*([A-Z][\w-]+)\s+(\w+)")


def _opening_announcer(text: str, lo: int, start: int) -> list[re.Match[str]]:
    """A capitalised word opening the clause before a speech verb, when it is no common
    noun of a speaker ("Officials said" is not a name)."""
    vocab = vocabulary()
    match = _OPENING.match(text, lo, start)
    if match is None or match.group(2).lower() not in vocab.speech_verbs:
        return []
    word = match.group(1).lower()
    if word in vocab.speaker_nouns or word in FUNCTION_WORDS or word in vocab.not_places:
        return []
    name = _NAME_WORD.match(text, match.start(1))
    return [name] if name else []


def _in_relative_clause(text: str, position: int, start: int) -> bool:
    return any(m.start() < position < m.end() for m in _RELATIVE.finditer(text, 0, start))


def _subject(text: str, start: int, lo: int, hi: int, measure: str | None) -> Scope | None:
    """The name whose figure this is: the last name before it in its clause ("xAI's
    valuation", "Turkey's toll"), unless that name is the source ("police said")."""
    vocab = vocabulary()
    if title_case(text):
        return None  # in a Title Case headline every word looks like a name
    found = [
        m
        for m in names_in(text, lo, start)
        if not _WEEKDAY_RE.fullmatch(m.group().split()[0])
        and m.group().split()[0].lower() not in vocab.not_places
        # "Anthropic, which makes Claude, has pledged": a name inside a relative clause
        # is not whose figure it is.
        and not _in_relative_clause(text, m.start(), start)
    ]
    names = [m for m in found if not _is_source_name(text, m)]
    if not names and (measure is None or measure in vocab.broad_measures):
        # "OpenAI announced plans to invest $1.4 trillion", "Brix said it would cut 450
        # jobs": whoever announces a sum of money, or a count of a bare noun, is, with no
        # other name, whose it is.
        names = found or _opening_announcer(text, lo, start)
    if not names:
        owner = _OWNER_AFTER.search(text, start, hi)
        if owner is None or owner.group(1).split()[0].lower() in vocab.not_places:
            return None
        # "investments of up to $50 billion, Musk's plan ...": the owner named after it.
        key = owner.group(1).split()[-1].lower()
        return Scope("subject", key, owner.group())
    name = names[-1]
    key = name.group().split()[-1].lower().removesuffix("'s").removesuffix("’s")
    if key in vocab.count_fillers or key in FUNCTION_WORDS:
        return None
    return Scope("subject", key, name.group())


def _is_source_name(text: str, name: re.Match[str]) -> bool:
    vocab = vocabulary()
    before = text[max(0, name.start() - 14) : name.start()].lower()
    after = text[name.end() : name.end() + 12].lower().split()
    if any(before.rstrip().endswith(p) for p in vocab.according_to):
        return True
    return bool(after) and after[0].strip(",.") in vocab.speech_verbs


def _anchor(text: str, lo: int, hi: int, facts: tuple[Fact, ...]) -> TimeAnchor | None:
    """When the figure held: a weekday, a date, or a phrase such as "last fiscal year".

    A weekday in the possessive names the day of an event ("in Monday's earthquake"), not
    when the figure held, unless an occasion follows it ("Wednesday's update", "Monday's
    figures"); "on Thursday", "by Wednesday", "as of Friday" or "said Tuesday" say when.
    """
    vocab = vocabulary()
    phrase = vocab.anchor_phrases.pattern.search(text, lo, hi)
    weekday = _weekday_anchor(text, lo, hi)
    if weekday is not None:
        return weekday
    for fact in facts:
        inside = lo <= fact.start and fact.end <= hi
        anchor = _date_anchor(fact.value, fact.text) if inside and fact.kind == "date" else None
        if anchor is not None:
            return anchor
    if phrase:
        key = vocab.anchor_phrases.key(phrase.group()) or ""
        return TimeAnchor(kind="phrase", key=key, text=phrase.group())
    year = _YEAR_ANCHOR.search(text, lo, hi)
    if year:
        # "A smaller fire at the plant in 2019 injured three": a figure of that year.
        return TimeAnchor(kind="year", key=year.group(1), text=year.group())
    return None


def _date_anchor(value: FactValue, text: str) -> TimeAnchor | None:
    """The anchor of a date that says when a figure held.

    A full date anchors ("2013-05-24"), and so does a month named alone ("in May", "05").
    "May 3" without a year and "July 2026" do not: the anchor phrases and the year pattern
    read those clauses.
    """
    if not isinstance(value, DateParts) or value.month is None:
        return None
    if value.year is not None and value.day is not None:
        return TimeAnchor(kind="date", key=value.key, text=text)
    if value.year is None and value.day is None:
        return TimeAnchor(kind="month", key=f"{value.month:02d}", text=text)
    return None


_YEAR_ANCHOR = re.compile(r"\b(?:[Ii]n|[Dd]uring)\s+((?:19|20)\d\d)\b(?![-–/]\d)")


def _weekday_anchor(text: str, lo: int, hi: int) -> TimeAnchor | None:
    vocab = vocabulary()
    for weekday in _WEEKDAY_RE.finditer(text, lo, hi):
        key = weekday.group(1)[:3].lower()  # "Tues." and "Tuesday" both "tue"
        # "Tuesday briefing", "Wednesday's update": the occasion is part of when.
        occasion = vocab.anchor_occasions.pattern.match(text, weekday.end() + 1)
        spaced = weekday.end() < len(text) and text[weekday.end()] == " "
        if weekday.group().endswith(("'s", "’s")) and not (occasion and spaced):
            continue  # "Tuesday's fire": the event's day, not when the figure held
        end = occasion.end() if occasion and spaced else weekday.end()
        return TimeAnchor(kind="weekday", key=key, text=text[weekday.start() : end])
    return None


def inherited_anchor(context: ClaimContext | None) -> TimeAnchor | None:
    """A figure with no time of its own holds when the sentence before it says."""
    if context is None or not context.preceding:
        return None
    tail = context.preceding[-240:]
    sentences = re.split(r"(?<=[.!?])\s+", tail.strip())
    last = sentences[-1] if sentences else ""
    return _anchor(last, 0, len(last), extract_facts(last))
