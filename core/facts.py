"""The checkable facts a passage states: amounts, counts, percentages, dates, times,
durations, names, negations and attributions, each normalised so that equal things compare
equal and tagged with what it is about (its *role*).

Extraction is rule-based and fast (a sentence takes well under a millisecond) because
``judge`` runs on every linked pair and on thousands of sentence pairs in ``main.py pairs``.
Libraries were tried and set aside: ``dateparser.search`` takes ~3 ms a sentence and
reads "early 2024" as 23 November 2024 and "11:47 p.m." as 11:47; quantulum3 and
number-parser bring a classifier or a slow generic grammar for what a few regular
expressions do here.

>>> facts = extract_facts("Microsoft invested over $13bn.")
>>> [(f.kind, f.value, f.role, f.qualifier) for f in facts if f.kind == "money"]
[('money', 'USD 13e9', 'investment', 'over')]

Numbers keep their written precision in ``value`` ("13e9" against "13.2e9") so that
:func:`interval` can tell a rounding from a disagreement.

This module is the fast parsing layer: :mod:`core.claims` builds typed claims on these
facts (what a number counts, its bound, scope and time), and verdicts compare claims.
The aligner keeps using :func:`extract_facts` and :func:`states_quantities` directly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from wordfreq import zipf_frequency

from .facts_vocabulary import facts_vocabulary
from .model import Fact, FactKind
from .normalize import FUNCTION_WORDS, normalise
from .normalize import stem as _stem
from .settings import Settings

# ---------------------------------------------------------------------------------------
# Vocabulary: the word lists live in core/data/facts.json (see core.facts_vocabulary).

_VOCAB = facts_vocabulary()
_UNITS = _VOCAB.units
_TENS = _VOCAB.tens
_FRACTIONS = _VOCAB.fractions
_SCALES = _VOCAB.scale_words | _VOCAB.scale_abbreviations | _VOCAB.scale_letters
_VAGUE = _VOCAB.vague
_CURRENCY_SYMBOLS = _VOCAB.currency_symbols
_CURRENCY_WORDS = _VOCAB.currency_words
_MONTHS = _VOCAB.months
_MONTH_ABBR = _VOCAB.month_abbreviations
_WEEKDAYS = _VOCAB.weekdays
_DURATION_UNITS = _VOCAB.duration_units
# Hedges before a value, mapped to how the value is read (see :func:`interval`).
_HEDGES = _VOCAB.hedges
# A value's time words that leave its year or date open on one side.
_DATE_HEDGES = _VOCAB.date_hedges


def _alternation(words: Iterable[str]) -> str:
    """A regular expression alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Words near a value that say what it is about.  A value is compared only with a value
# playing the same role; the list favours words that news uses for checkable figures.
# A date or time is about an event, so only event words name its role: in "announced the
# tariffs on March 8" the date is the announcement's, not the tariffs'.
_EVENT_ROLES = _VOCAB.event_roles
_ROLE_RE = re.compile(
    "|".join(
        f"(?P<{role}>\\b(?:{_alternation(role_words)})\\b)"
        for role, role_words in _VOCAB.roles.items()
    ),
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

# ---------------------------------------------------------------------------------------
# Patterns (compiled once)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORD_NUMBER = (
    r"(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(k for k in _UNITS if _UNITS[k] < 10)
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
)
_WORD_QUANTITY = (
    # Fractions ending in "a" take "an" too ("half an hour"); "a"/"an" alone count only
    # before a scale word ("a million").
    r"(?:(?:"
    + _WORD_NUMBER
    + r")(?: hundred)?|"
    + "|".join(
        re.escape(phrase) + ("n?" if phrase.endswith(" a") else "")
        for phrase in _FRACTIONS
        if phrase not in ("a", "an")
    )
    + rf"|an?(?= (?:hundred|{'|'.join(_VOCAB.scale_words)})\b))"
)
_SCALE = (
    rf"(?: ?(?:{_alternation(_VOCAB.scale_words)})\b"
    rf"| ?(?:{_alternation(_VOCAB.scale_abbreviations)})\b"
    rf"|(?:{_alternation(_VOCAB.scale_letters)})\b)"
)
_CURRENCY_SYMBOL = f"(?:{_alternation(_CURRENCY_SYMBOLS)})"
_SYMBOL_CHARACTERS = "".join(re.escape(s) for s in _CURRENCY_SYMBOLS if len(s) == 1)
_CURRENCY_WORD = rf"(?:US )?(?:{_alternation(_CURRENCY_WORDS)})\b"
_PERCENT = r"(?: ?%| ?percent\b| per cent\b| percentage points?\b)"
_HEDGE = _alternation(_HEDGES)

_QUANTITY_RE = re.compile(
    rf"(?<![\w.{_SYMBOL_CHARACTERS}-])"
    rf"(?:(?P<hedge>{_HEDGE}) )?"
    rf"(?:(?P<cur>{_CURRENCY_SYMBOL}) ?)?"
    rf"(?P<num>{_DIGITS}|{_WORD_QUANTITY})"
    rf"(?P<scale>{_SCALE})?"
    rf"(?:(?P<pct>{_PERCENT})"
    rf"| (?:of )?(?P<curword>{_CURRENCY_WORD})"
    rf"|(?P<dur>[ -](?:{_alternation(_DURATION_UNITS)})s?\b))?"
    r"(?!\w)",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    rf"\b(?P<vague>{_alternation(_VAGUE)}) of "
    # A second plural scale word multiplies the first ("hundreds of millions of").
    rf"(?:(?P<vscale>{_alternation(w for w, (low, _) in _VAGUE.items() if low >= 1000)}) of )?"
    rf"(?:(?P<curword>{_CURRENCY_WORD})|(?P<noun>[a-z]+))",
    re.IGNORECASE,
)
_MONTH_NAME = (
    "(?:"
    + "|".join(name.capitalize() for name in _MONTHS)
    + "|"
    + "|".join(
        re.escape(abbreviation.capitalize()) + r"\.?"
        for abbreviation in sorted(_MONTH_ABBR, key=len, reverse=True)
        if abbreviation not in _MONTHS
    )
    + ")"
)
_DATE_HEDGE = _alternation(_DATE_HEDGES)
# A month named alone is a date only after a time word ("in May"; "may" is also a verb).
_MONTH_CONTEXT = "|".join(rf"(?<=\b{word}\ )" for word in _VOCAB.month_context)
_YEAR_PREPOSITIONS = _VOCAB.year_prepositions
# The hedges that open a date on one side also do so as a preposition ("before 2020").
_OPEN_DATE_HEDGE = _alternation(h for h, side in _DATE_HEDGES.items() if side != "about")
_WEEKDAY = "|".join(day.capitalize() for day in _WEEKDAYS)
_DATE_RE = re.compile(
    rf"""(?:\b(?P<hedge>{_DATE_HEDGE})(?:\ of)?[ -])?
    (?:(?P<m1>{_MONTH_NAME})\ (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\ (?P<y1>(?:19|20)\d\d))?
      |(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\ (?:of\ )?(?P<m2>{_MONTH_NAME})
        (?:,?\ (?P<y2>(?:19|20)\d\d))?
      |(?P<m3>{_MONTH_NAME})(?:\ of)?,?\ (?P<y3>(?:19|20)\d\d)
      |(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)
      |(?:{_MONTH_CONTEXT})(?P<m4>{_MONTH_NAME})
      |(?P<wd>{_WEEKDAY})
      |(?P<year>(?<![\w$€£.,-])(?:19|20)\d\d(?:s)?(?![\w,.%]\d|\ percent)))
    (?![\w])""",
    re.VERBOSE,
)
_TIME_RE = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b|AM\b|PM\b)"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:?\d)"
    rf"|\b(?P<word>{_alternation(_VOCAB.clock_words)})\b"
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]|\d[\d,.:]*")

# Names: runs of capitalised words, with a few lower-case joiners inside ("Bank of America").
_NAME_RE = re.compile(
    r"(?:(?:[A-Z][a-z]{0,3}\.\s)?[A-Z][\w'&.-]*[\w&]"
    rf"(?:\s(?:{'|'.join(re.escape(joiner) for joiner in _VOCAB.name_joiners)})\s(?=[A-Z]))?\s?)+"
    r"|\b[A-Z]\b"
)
_TITLES = _VOCAB.titles
_ORG_CUES = _VOCAB.organisation_cues
_PLACE_CUES = _VOCAB.place_cues
_PLACE_PREPOSITIONS = _VOCAB.place_prepositions
_SPEECH_VERBS = "|".join(re.escape(verb) for verb in _VOCAB.speech_verbs)
_ATTRIBUTION_RE = re.compile(
    rf"(?P<after>(?:[A-Z][\w'.-]+\s?){{1,4}})\s(?:{_SPEECH_VERBS})\b"
    rf"|\b(?:{_SPEECH_VERBS})\s(?:(?:the\s)?(?:[a-z]+\s){{0,2}})?(?P<before>(?:[A-Z][\w'.-]+\s?){{1,4}})"
    rf"|\baccording to\s(?:(?:the\s)?(?:[a-z]+\s){{0,2}})?(?P<acc>(?:[A-Z][\w'.-]+\s?){{1,4}})"
)
_LABEL_NOUN_RE = re.compile(
    rf"(?:{'|'.join(re.escape(noun) for noun in _VOCAB.label_nouns)})\s?$", re.IGNORECASE
)
_QUOTE_RE = re.compile(r'"([^"]{12,})"')

_NEGATION_RE = re.compile(
    rf"\b(?P<cue>{'|'.join(re.escape(cue) for cue in _VOCAB.negation_cues)})\b"
    r"|\b(?P<prefix>non)-(?=[a-z])",
    re.IGNORECASE,
)
# "not only ... but", "not just", "whether or not": a negation word that negates nothing.
_FALSE_NEGATION_RE = re.compile(
    "(?:"
    + "|".join(re.escape(start) for start in _VOCAB.false_negation_prefixes)
    + "|"
    + "|".join(rf"{re.escape(word)}\b" for word in _VOCAB.false_negation_words)
    + ")",
    re.IGNORECASE,
)
# Words between a negation and the word it negates ("has not yet been", "did not even").
_NEGATION_SKIP = _VOCAB.negation_skip
# Function words that can still be what a negation denies ("haven't said whether").
_NEGATABLE_FUNCTION_WORDS = _VOCAB.negatable_function_words
_STOPWORDS = FUNCTION_WORDS | _VOCAB.modal_stopwords


# ---------------------------------------------------------------------------------------
# Public API


# Every word that can start or carry an amount, count, date, time or duration.
_QUANTITY_WORDS = frozenset(
    [
        *_UNITS,
        *_TENS,
        *_SCALES,
        *_VAGUE,
        *_MONTHS,
        *_MONTH_ABBR,
        *_WEEKDAYS,
        *(unit + "s" for unit in _DURATION_UNITS),
        *_DURATION_UNITS,
        *_VOCAB.clock_words,
        *_VOCAB.quantity_words,
    ]
)
_LOWER_WORD = re.compile(r"[a-z]+")


def states_quantities(text: str) -> bool:
    """Whether ``text`` can state an amount, count, date, time or duration at all.

    A cheap test that never says no to a text where ``extract_facts`` finds such a value
    (checked on the corpus and the evaluation sets): a digit or a number, month, weekday
    or duration word.  The aligner uses it to skip full extraction for most sentences.

    >>> states_quantities("Musk sued OpenAI."), states_quantities("It cost half a trillion.")
    (False, True)
    """
    if any(char.isdigit() for char in text):
        return True
    return not _QUANTITY_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower()))


@lru_cache(maxsize=65536)
def extract_facts(text: str) -> tuple[Fact, ...]:
    """The facts stated in ``text``, in reading order, with spans into ``text``.

    >>> [f.value for f in extract_facts("In early 2024, 14 people died at 11:47 p.m.")]
    ['2024', '14e0', '23:47']
    """
    clean = normalise(text)
    found = _Collector(clean.text)
    _times(found)
    _dates(found)
    _vague_quantities(found)
    _quantities(found)
    _names(found)
    _negations(found)
    _attributions(found)
    facts = []
    for fact in sorted(found.facts, key=lambda f: (f.start, f.end, f.kind)):
        start, end = clean.original_span(fact.start, fact.end)
        facts.append(replace(_with_role(fact, found), start=start, end=end, text=text[start:end]))
    return tuple(facts)


def written_amount(fact: Fact) -> tuple[float, float, float] | None:
    """(value, low, high) of a numeric fact as written, hedges left aside.

    "$13 billion" is (13e9, 12.5e9, 13.5e9): rounded to the billion; "hundreds of" is the
    range it names.  ``None`` for dates, times and names.

    >>> written_amount(extract_facts("3,145 people")[0])
    (3145.0, 3144.5, 3145.5)
    """
    if fact.kind not in ("money", "number", "percent", "duration"):
        return None
    number = next(part for part in fact.value.split(" ") if part[:1].isdigit())
    if ".." in number:
        low, high = (_parse_scientific(part)[0] for part in number.split(".."))
        return (low, low, high)
    value, half_unit = _parse_scientific(number)
    return (value, value - half_unit, value + half_unit)


def interval(fact: Fact, *, settings: Settings) -> tuple[float, float] | None:
    """The range of values a numeric fact allows, hedges and written precision included.

    "$13 billion" allows 12.5-13.5 billion (it is rounded to the billion), "over $500
    billion" anything from 500 billion up, "nearly $100 billion" 90-100 billion.  Dates
    and times have no interval (``None``); they are compared field by field.  How loose a
    hedge is comes from ``settings`` (approximate_tolerance, nearly_tolerance,
    number_word_tolerance).

    >>> [round(x) for x in interval(extract_facts("about 200 people")[0], settings=Settings())]
    [180, 220]
    """
    written = written_amount(fact)
    if written is None:
        return None
    value, low, high = written
    if ".." in fact.value:
        return (low, high)
    half_unit = (high - low) / 2
    if fact.qualifier == "words":
        half_unit = max(half_unit, value * settings.number_word_tolerance)
    hedge = fact.qualifier or "exact"
    if hedge == "over":
        return (value, math.inf)
    if hedge == "under":
        return (0.0, value)
    if hedge == "nearly":
        return (value * (1 - settings.nearly_tolerance), value)
    if hedge == "about":
        return (
            value * (1 - settings.approximate_tolerance),
            value * (1 + settings.approximate_tolerance),
        )
    return (value - half_unit, value + half_unit)


def stem(word: str) -> str:
    """The snowball stem of a lower-cased word ("taken" -> "taken", "sued" -> "sue")."""
    return _stem(word.lower())


def words(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a text as (start, end, lower-cased word)."""
    return _words(text)


def is_content_word(word: str) -> bool:
    """True for words that carry meaning of their own (not "the", "has", "of")."""
    return word not in _STOPWORDS and not word[0].isdigit() and len(word) > 1


# ---------------------------------------------------------------------------------------
# Collection


class _Collector:
    """Facts found so far in one (normalised) text, and the characters they cover."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.facts: list[Fact] = []
        self._taken = bytearray(len(text))

    def free(self, start: int, end: int) -> bool:
        return not any(self._taken[start:end])

    def add(self, fact: Fact, *, claim: bool = True) -> None:
        self.facts.append(fact)
        if claim:
            self._taken[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)


def _with_role(fact: Fact, found: _Collector) -> Fact:
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
    return Fact(fact.kind, fact.text, fact.value, fact.start, fact.end, role, fact.qualifier)


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
    for match in _ROLE_RE.finditer(text, lo, hi):
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
    match = _ROLE_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    if match is None:
        match = re.compile(r" (?:people|persons|others|were|was|are|have been) ").match(text, end)
        match = _ROLE_RE.match(text, match.end()) if match else None
    return match.lastgroup if match else None


def _inherited_role(fact: Fact, found: _Collector) -> str | None:
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
    match = re.compile(r"\s(?:more\s|other\s|new\s)?([a-z][a-z-]+)").match(text, end)
    if not match or match.group(1) in _STOPWORDS:
        return None
    return "of:" + _stem(match.group(1))


# ---------------------------------------------------------------------------------------
# Numbers and amounts


def _quantities(found: _Collector) -> None:
    text = found.text
    for match in _QUANTITY_RE.finditer(text):
        start, end = match.start(), match.end()
        if not found.free(start, end):
            start = match.start("cur") if match.group("cur") else match.start("num")
            if not found.free(start, end):
                continue
        parsed = _quantity_value(match)
        if parsed is None:
            continue
        kind, value, qualifier = parsed
        if kind == "number" and _is_label(text, match.start(), match.group("num")):
            continue
        hedge = _HEDGES.get((match.group("hedge") or "").lower())
        qualifier = hedge or qualifier
        if not match.group("hedge"):
            start = match.start("cur") if match.group("cur") else match.start("num")
        found.add(Fact(kind, text[start:end], value, start, end, None, qualifier))


def _quantity_value(match: re.Match[str]) -> tuple[FactKind, str, str | None] | None:
    raw = match.group("num").lower()
    scale = (match.group("scale") or "").strip().lower()
    cur = match.group("cur")
    curword = match.group("curword")
    mantissa, words_used = _mantissa(raw)
    if mantissa is None:
        return None
    if words_used and raw in ("one", "a", "an") and not scale and not curword:
        return None  # "one of", "one day", "a" alone: not a count anyone checks
    exponent = _SCALES.get(scale, 0)
    if scale in ("m", "b", "k") and not cur:
        return None  # "5m" without a currency is as often metres as millions
    value = _scientific(mantissa, exponent)
    qualifier = "words" if words_used else None
    if curword and curword.lower().startswith("pound") and not scale:
        curword = None  # "215 pounds" is a weight; "£215" or "5 million pounds" is money
    if cur or curword:
        code = _CURRENCY_SYMBOLS.get((cur or "").lower()) or _CURRENCY_WORDS.get(
            (curword or "").lower().removeprefix("us ").strip(), "USD"
        )
        return ("money", f"{code} {value}", qualifier)
    if match.group("pct"):
        return ("percent", value, qualifier)
    if match.group("dur"):
        unit = match.group("dur").strip(" -").lower().rstrip("s")
        days = float(_parse_scientific(value)[0]) * _DURATION_UNITS[unit]
        # Six significant digits, written out: "{:g}" would give "1.461e+06", which the
        # canonical form cannot carry (a second exponent).
        days = float(f"{days:.6g}")
        return ("duration", _scientific(_trim(f"{days:f}"), 0) + " days", qualifier)
    return ("number", value, qualifier)


def _mantissa(raw: str) -> tuple[str | None, bool]:
    """The number as a plain decimal string, and whether it was written in words."""
    if raw[0].isdigit() or raw[0] == ".":
        return raw.replace(",", ""), False
    raw = " ".join(raw.replace("-", " ").split())
    if raw in _FRACTIONS:
        return _trim(str(_FRACTIONS[raw])), True
    for prefix in ("half a", "half an", "a quarter of a", "a quarter of an"):
        if raw == prefix:
            return _trim(str(_FRACTIONS.get(prefix, 0.5 if "half" in prefix else 0.25))), True
    total = 0
    for part in raw.split():
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        else:
            return None, True
    return str(total), True


def _governs_a_count(word: str) -> bool:
    from .claims.vocabulary import vocabulary  # the claim vocabulary reads no facts

    vocab = vocabulary()
    lower = word.lower()
    return vocab.measures.key(lower) is not None or vocab.bounds.key(lower) is not None


def _is_label(text: str, start: int, number: str) -> bool:
    """Numbers that name a thing rather than count it: "Gemini 3", "ChatGPT-5.2", "No. 1"."""
    before = text[max(0, start - 12) : start]
    previous = re.search(r"([A-Z]\w*)[ -]$", before)
    if previous and zipf_frequency(previous.group(1).lower(), "en") >= 5.0:
        return False  # a common word in Title Case ("At Least 22 Dead"), not a product name
    if previous and _governs_a_count(previous.group(1)):
        return False  # a headline's measure or bound word ("Quake Kills 38", "Tops 2,000")
    if previous:
        return True  # a rare capitalised word before a number: a product ("Gemini 3")
    return bool(_LABEL_NOUN_RE.search(before))


def _vague_quantities(found: _Collector) -> None:
    """ "hundreds of billions of dollars", "thousands of migrants": a range, not a point."""
    for match in _VAGUE_RE.finditer(found.text):
        low, high = _VAGUE[match.group("vague").lower()]
        if match.group("vscale"):
            factor = _VAGUE[match.group("vscale").lower()][0]
            low, high = low * factor, high * factor
        span_end = match.end() if match.group("curword") else match.end("vague") + 3
        value = f"{_scientific(str(low), 0)}..{_scientific(str(high), 0)}"
        if match.group("curword"):
            code = _CURRENCY_WORDS.get(match.group("curword").lower().removeprefix("us "), "USD")
            found.add(
                Fact(
                    "money",
                    match.group(),
                    f"{code} {value}",
                    match.start(),
                    span_end,
                    None,
                    "range",
                )
            )
        else:
            noun = match.group("noun") or ""
            found.add(
                Fact(
                    "number",
                    found.text[match.start() : match.end()],
                    value,
                    match.start(),
                    match.end(),
                    "of:" + _stem(noun),
                    "range",
                )
            )


def _scientific(mantissa: str, exponent: int) -> str:
    """A canonical "13e9" / "13.2e9" form that keeps the written decimals."""
    if "." in mantissa:
        whole, decimals = mantissa.split(".", 1)
        whole = whole.lstrip("0") or "0"
        return f"{whole}.{decimals}e{exponent}" if decimals else f"{whole}e{exponent}"
    # Trailing zeros stay: "1,000 people" is exact to the person, not rounded to thousands.
    digits = mantissa.lstrip("0") or "0"
    return f"{digits}e{exponent}"


def _parse_scientific(value: str) -> tuple[float, float]:
    """(value, half of its last written unit) from "13.2e9" -> (13.2e9, 0.05e9)."""
    mantissa, _, exponent = value.partition("e")
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    scale = 10.0 ** int(exponent or 0)
    return float(mantissa) * scale, 0.5 * scale * 10.0**-decimals


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


# ---------------------------------------------------------------------------------------
# Dates and times


def _times(found: _Collector) -> None:
    for match in _TIME_RE.finditer(found.text):
        if match.group("word"):
            value = _VOCAB.clock_words[match.group("word").lower()]
        elif match.group("h24"):
            value = f"{int(match.group('h24')):02d}:{match.group('m24')}"
        else:
            hour = int(match.group("h")) % 12
            if match.group("ampm").lower().startswith("p"):
                hour += 12
            value = f"{hour:02d}:{match.group('m') or '00'}"
        qualifier = _hedge_before(found.text, match.start())
        found.add(Fact("time", match.group(), value, match.start(), match.end(), None, qualifier))


def _dates(found: _Collector) -> None:
    text = found.text
    for match in _DATE_RE.finditer(text):
        if not found.free(match.start(), match.end()):
            continue
        value = _date_value(match)
        if value is None or (match.group("year") and _counts_something(text, match)):
            continue
        hedge = match.group("hedge")
        qualifier = _DATE_HEDGES.get(hedge.lower()) if hedge else None
        qualifier = qualifier or _date_preposition(text, match.start())
        found.add(Fact("date", match.group(), value, match.start(), match.end(), None, qualifier))


def _counts_something(text: str, match: re.Match[str]) -> bool:
    """ "2000 people" counts people; "from 2017 levels" and "in 2019 talks" are years."""
    if not re.match(r" [a-z]+s\b", text[match.end() :]):
        return False
    before = text[max(0, match.start() - 9) : match.start()].lower().split()
    return not before or before[-1] not in _YEAR_PREPOSITIONS


def _date_value(match: re.Match[str]) -> str | None:
    """ISO-like partial dates: "2024", "2026-07", "2013-05-24", "--05" (month only), "thu"."""
    if match.group("iso"):
        return match.group("iso")
    if match.group("wd"):
        return match.group("wd")[:3].lower()
    if match.group("year"):
        year = match.group("year")
        return year[:3] + "x" if year.endswith("s") else year
    month_name = match.group("m1") or match.group("m2") or match.group("m3") or match.group("m4")
    month = _month_number(month_name)
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2") or match.group("y3")
    if day and not 1 <= int(day) <= 31:
        return None
    parts = [year or "-", f"{month:02d}"] + ([f"{int(day):02d}"] if day else [])
    return "-".join(parts)


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBR[key[:4] if key.startswith("sept") else key[:3]]


def _date_preposition(text: str, start: int) -> str | None:
    """ "before 2020" leaves the year open below, "after 2020" above, "since" is a start."""
    match = re.search(
        rf"\b({_OPEN_DATE_HEDGE})\s$",
        text[max(0, start - 12) : start],
        re.IGNORECASE,
    )
    return _DATE_HEDGES[match.group(1).lower()] if match else None


def _hedge_before(text: str, start: int) -> str | None:
    match = re.search(rf"(?:^|\s)({_HEDGE})\s$", text[max(0, start - 16) : start], re.IGNORECASE)
    return _HEDGES[match.group(1).lower()] if match else None


# ---------------------------------------------------------------------------------------
# Names


def _names(found: _Collector) -> None:
    text = found.text
    for match in _NAME_RE.finditer(text):
        start, end = match.start(), match.end()
        raw = text[start:end].rstrip()
        # "AI-generated", "Musk-who" (an em dash made plain): the name ends at the dash.
        glued = re.search(r"-[a-z]", raw)
        raw = raw[: glued.start()] if glued else raw
        end = start + len(raw)
        tokens = raw.split()
        # A capitalised sentence opener ("The", "But", "Its") is not a name.
        while tokens and _is_common_opener(text, start, tokens[0]):
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        while tokens and tokens[-1].lower() in _VOCAB.not_last_in_name:
            end -= len(tokens[-1]) + 1
            tokens = tokens[:-1]
        if not tokens or not found.free(start, end):
            continue
        name = " ".join(tokens)
        if name.endswith("'s"):
            end -= 2
            name = name[:-2]
        value = _name_value(name)
        if not value or len(value) < 2:
            continue
        kind = _name_kind(text, start, end, tokens)
        found.add(Fact(kind, text[start:end], value, start, end, None, None), claim=False)


def _is_common_opener(text: str, start: int, token: str) -> bool:
    lower = token.lower().removesuffix("'s").rstrip(".,")
    if lower in _MONTHS or lower in _WEEKDAYS or lower in _TITLES:
        return lower not in _TITLES or start == 0 or text[start - 2 : start].strip() in '.!?"'
    at_sentence_start = start == 0 or text[max(0, start - 2) : start].strip() in (
        ".",
        "!",
        "?",
        '"',
        "-",
        ":",
    )
    if lower in _STOPWORDS:
        return True
    return at_sentence_start and zipf_frequency(lower, "en") >= 4.0 and lower not in _ORG_CUES


def _name_value(name: str) -> str:
    tokens = [t for t in name.lower().replace("'s", "").split() if t.rstrip(".") not in _TITLES]
    return " ".join(tokens).strip(" .'-")


def _name_kind(text: str, start: int, end: int, tokens: list[str]) -> FactKind:
    lowered = [t.lower().rstrip(".,") for t in tokens]
    before = text[max(0, start - 24) : start].lower().split()
    if any(t in _ORG_CUES for t in lowered) or all(t.isupper() and len(t) > 1 for t in tokens):
        return "organisation"
    if any(t in _PLACE_CUES for t in lowered) or re.match(r",\s[A-Z][a-z]+\b", text[end:]):
        return "place"
    if before and before[-1].rstrip(".") in _TITLES:
        return "person"
    if before and before[-1] in _PLACE_PREPOSITIONS and len(tokens) <= 2:
        return "place"
    return "person" if len(tokens) >= 2 else "organisation"


# ---------------------------------------------------------------------------------------
# Negation and attribution


def _negations(found: _Collector) -> None:
    """A negation fact per negated word: value and role are the negated word's stem."""
    text = found.text
    for match in _NEGATION_RE.finditer(text):
        if match.group("prefix"):
            word = re.match(r"[a-z]+", text[match.end() :])
            if not word:
                continue
            target_start = match.end()
            target = word.group()
        else:
            if _FALSE_NEGATION_RE.match(text, match.end() + 1):
                continue
            located = _negated_word(text, match.end())
            if located is None:
                continue
            target_start, target = located
        end = target_start + len(target)
        found.add(
            Fact(
                "negation",
                text[match.start() : end],
                _stem(target),
                match.start(),
                end,
                _stem(target),
                "negated",
            ),
            claim=False,
        )


def _negated_word(text: str, position: int) -> tuple[int, str] | None:
    """The first content word within four words after a negation cue."""
    for count, match in enumerate(_WORD_RE.finditer(text, position)):
        if count >= 4 or re.search(r"[,;:.!?]", text[position : match.start()]):
            return None
        word = match.group().lower()
        # Function words and adverbs stand between a negation and what it negates ("is not
        # now the head", "has not yet been taken").
        if (
            word in _NEGATION_SKIP
            or word.endswith("ly")
            or (not is_content_word(word) and word not in _NEGATABLE_FUNCTION_WORDS)
        ):
            continue
        return (match.start(), word)
    return None


def _attributions(found: _Collector) -> None:
    """Who a statement is put in the mouth of: value = speaker's surname, role = the quote."""
    text = found.text
    quotes = _QUOTE_RE.findall(text)
    quote_key = _quote_key(max(quotes, key=len)) if quotes else "statement"
    for match in _ATTRIBUTION_RE.finditer(text):
        group = match.lastgroup or ""
        speaker = match.group(group).strip().rstrip(".,'")
        tokens = [t for t in speaker.split() if t.lower().rstrip(".") not in _TITLES]
        tokens = [t for t in tokens if t.lower() not in _STOPWORDS]
        if not tokens or tokens[-1].lower() in _MONTHS or tokens[-1].lower() in _WEEKDAYS:
            continue
        start = match.start(group) + speaker.find(tokens[0])
        end = match.start(group) + speaker.rfind(tokens[-1]) + len(tokens[-1])
        surname = tokens[-1].lower().removesuffix("'s")
        found.add(
            Fact("attribution", text[start:end], surname, start, end, quote_key, None), claim=False
        )


def _quote_key(quote: str) -> str:
    content = [w for _, _, w in _words(quote) if is_content_word(w)]
    return "quote:" + " ".join(content)


# ---------------------------------------------------------------------------------------
# Words


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group().lower()) for m in _WORD_RE.finditer(text))
