"""Amounts, counts, percentages and durations: "$13bn", "fourteen people", "three years".

Numbers keep their written precision (an :class:`Amount`'s ``half_unit``) so that
:func:`interval` can tell a rounding from a disagreement.
"""

from __future__ import annotations

import math
import re
from functools import cache

from ..english import zipf
from ..model import FactKind
from ..normalize import stem
from ..settings import Settings
from .collector import Collector
from .model import Amount, Fact, Hedge, Interval
from .vocabulary import facts_vocabulary
from .words import alternation

_VOCAB = facts_vocabulary()
_UNITS = _VOCAB.units
_TENS = _VOCAB.tens
_FRACTIONS = _VOCAB.fractions
SCALES = _VOCAB.scale_words | _VOCAB.scale_abbreviations | _VOCAB.scale_letters
_CURRENCY_SYMBOLS = _VOCAB.currency_symbols
_CURRENCY_WORDS = _VOCAB.currency_words
_DURATION_UNITS = _VOCAB.duration_units
# Hedges before a value, mapped to how they bound it (see :func:`interval`).
HEDGES = _VOCAB.hedges
HEDGE = alternation(HEDGES)
NUMERIC_KINDS = ("money", "number", "percent", "duration")

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
    rf"(?: ?(?:{alternation(_VOCAB.scale_words)})\b"
    rf"| ?(?:{alternation(_VOCAB.scale_abbreviations)})\b"
    rf"|(?:{alternation(_VOCAB.scale_letters)})\b)"
)
_CURRENCY_SYMBOL = f"(?:{alternation(_CURRENCY_SYMBOLS)})"
_SYMBOL_CHARACTERS = "".join(re.escape(s) for s in _CURRENCY_SYMBOLS if len(s) == 1)
_CURRENCY_WORD = rf"(?:US )?(?:{alternation(_CURRENCY_WORDS)})\b"
_PERCENT = r"(?: ?%| ?percent\b| per cent\b| percentage points?\b)"


@cache
def _quantity_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.{_SYMBOL_CHARACTERS}-])"
        rf"(?:(?P<hedge>{HEDGE}) )?"
        rf"(?:(?P<cur>{_CURRENCY_SYMBOL}) ?)?"
        rf"(?P<num>{_DIGITS}|{_WORD_QUANTITY})"
        rf"(?P<scale>{_SCALE})?"
        rf"(?:(?P<pct>{_PERCENT})"
        rf"| (?:of )?(?P<curword>{_CURRENCY_WORD})"
        rf"|(?P<dur>[ -](?:{alternation(_DURATION_UNITS)})s?\b))?"
        r"(?!\w)",
        re.IGNORECASE,
    )


_VAGUE = _VOCAB.vague


@cache
def _vague_re() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<vague>{alternation(_VAGUE)}) of "
        # A second plural scale word multiplies the first ("hundreds of millions of").
        rf"(?:(?P<vscale>{alternation(w for w, (low, _) in _VAGUE.items() if low >= 1000)}) of )?"
        rf"(?:(?P<curword>{_CURRENCY_WORD})|(?P<noun>[a-z]+))",
        re.IGNORECASE,
    )


@cache
def _label_noun_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{'|'.join(re.escape(noun) for noun in _VOCAB.label_nouns)})\s?$", re.IGNORECASE
    )


def written_amount(fact: Fact) -> tuple[float, float, float] | None:
    """(value, low, high) of a numeric fact as written, hedges left aside.

    "$13 billion" is (13e9, 12.5e9, 13.5e9): rounded to the billion; "hundreds of" is the
    range it names.  ``None`` for dates, times and names.

    >>> from core.facts import extract_facts
    >>> written_amount(extract_facts("3,145 people")[0])
    (3145.0, 3144.5, 3145.5)
    """
    if isinstance(fact.value, Interval):
        return (fact.value.low, fact.value.low, fact.value.high)
    if isinstance(fact.value, Amount):
        amount = fact.value
        return (amount.value, amount.value - amount.half_unit, amount.value + amount.half_unit)
    return None


def interval(fact: Fact, *, settings: Settings) -> tuple[float, float] | None:
    """The range of values a numeric fact allows, hedges and written precision included.

    "$13 billion" allows 12.5-13.5 billion (it is rounded to the billion), "over $500
    billion" anything from 500 billion up, "nearly $100 billion" 90-100 billion.  Dates
    and times have no interval (``None``); they are compared field by field.  How loose a
    hedge is comes from ``settings`` (approximate_tolerance, nearly_tolerance,
    number_word_tolerance).

    >>> from core.facts import extract_facts
    >>> [round(x) for x in interval(extract_facts("about 200 people")[0], settings=Settings())]
    [180, 220]
    """
    if isinstance(fact.value, Interval):
        return (fact.value.low, fact.value.high)
    if not isinstance(fact.value, Amount):
        return None
    value, half_unit = fact.value.value, fact.value.half_unit
    if fact.value.in_words:
        half_unit = max(half_unit, value * settings.number_word_tolerance)
    if fact.hedge is Hedge.OVER:
        return (value, math.inf)
    if fact.hedge is Hedge.UNDER:
        return (0.0, value)
    if fact.hedge is Hedge.NEARLY:
        return (value * (1 - settings.nearly_tolerance), value)
    if fact.hedge is Hedge.ABOUT:
        return (
            value * (1 - settings.approximate_tolerance),
            value * (1 + settings.approximate_tolerance),
        )
    return (value - half_unit, value + half_unit)


# ---------------------------------------------------------------------------------------
# Extraction


def find_quantities(found: Collector) -> None:
    text = found.text
    for match in _quantity_re().finditer(text):
        start, end = match.start(), match.end()
        if not found.free(start, end):
            start = match.start("cur") if match.group("cur") else match.start("num")
            if not found.free(start, end):
                continue
        hedge = HEDGES.get((match.group("hedge") or "").lower())
        parsed = _quantity_value(match, hedged=hedge is not None)
        if parsed is None:
            continue
        kind, value = parsed
        if kind == "number" and _is_label(text, match.start(), match.group("num")):
            continue
        if not match.group("hedge"):
            start = match.start("cur") if match.group("cur") else match.start("num")
        found.add(
            Fact(kind=kind, text=text[start:end], value=value, start=start, end=end, hedge=hedge)
        )


def _quantity_value(match: re.Match[str], *, hedged: bool) -> tuple[FactKind, Amount] | None:
    raw = match.group("num").lower()
    scale = (match.group("scale") or "").strip().lower()
    cur = match.group("cur")
    curword = match.group("curword")
    mantissa, words_used = _mantissa(raw)
    if mantissa is None:
        return None
    if words_used and raw in ("one", "a", "an") and not scale and not curword:
        return None  # "one of", "one day", "a" alone: not a count anyone checks
    exponent = SCALES.get(scale, 0)
    if scale in ("m", "b", "k") and not cur:
        return None  # "5m" without a currency is as often metres as millions
    in_words = words_used and not hedged
    if curword and curword.lower().startswith("pound") and not scale:
        curword = None  # "215 pounds" is a weight; "£215" or "5 million pounds" is money
    if cur or curword:
        code = _CURRENCY_SYMBOLS.get((cur or "").lower()) or _CURRENCY_WORDS.get(
            (curword or "").lower().removeprefix("us ").strip(), "USD"
        )
        return ("money", _written(mantissa, exponent, unit=code, in_words=in_words))
    if match.group("pct"):
        return ("percent", _written(mantissa, exponent, in_words=in_words))
    if match.group("dur"):
        unit = match.group("dur").strip(" -").lower().rstrip("s")
        days = _written(mantissa, exponent).value * _DURATION_UNITS[unit]
        # Six significant digits, written out in decimals: their count is the precision.
        days_written = _trim(f"{float(f'{days:.6g}'):f}")
        return ("duration", _written(days_written, 0, unit="days", in_words=in_words))
    return ("number", _written(mantissa, exponent, in_words=in_words))


def _written(
    mantissa: str, exponent: int, *, unit: str | None = None, in_words: bool = False
) -> Amount:
    """The amount a decimal ``mantissa`` times ten to ``exponent`` writes: "13.2" and 9 are
    13.2e9, rounded to 0.1e9, so half a unit is 0.05e9."""
    decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    scale = 10.0**exponent
    return Amount(
        value=float(mantissa) * scale,
        half_unit=0.5 * scale * 10.0**-decimals,
        unit=unit,
        in_words=in_words,
    )


def _mantissa(raw: str) -> tuple[str | None, bool]:
    """The number as a plain decimal string, and whether it was written in words."""
    if raw[0].isdigit() or raw[0] == ".":
        return raw.replace(",", ""), False
    raw = " ".join(raw.replace("-", " ").split())
    # "half an hour": a fraction phrase ending in "a" is also written with "an".
    phrase = raw.removesuffix("n") if raw.endswith(" an") else raw
    if phrase in _FRACTIONS:
        return _trim(str(_FRACTIONS[phrase])), True
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


def _trim(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number


def _governs_a_count(word: str) -> bool:
    """Whether ``word`` is one of the claim vocabulary's measure or bound phrases."""
    return word.lower() in _measure_and_bound_phrases()


@cache
def _measure_and_bound_phrases() -> frozenset[str]:
    """The phrases the claim vocabulary's ``measures`` and ``bounds`` look up, read from
    its file: its ``vocabulary()`` also compiles a pattern for each of its fifteen phrase
    lists (~20 ms), of which a number's label test needs none."""
    import json

    # The claim vocabulary reads no facts: no import cycle.
    from ..claims.vocabulary import _PATH, _by_key

    raw = json.loads(_PATH.read_text(encoding="utf-8"))
    return frozenset(_by_key(raw["measures"])) | frozenset(_by_key(raw["bounds"]))


def _is_label(text: str, start: int, number: str) -> bool:
    """Numbers that name a thing rather than count it: "Gemini 3", "ChatGPT-5.2", "No. 1"."""
    before = text[max(0, start - 12) : start]
    previous = re.search(r"([A-Z]\w*)[ -]$", before)
    if previous and zipf(previous.group(1).lower()) >= 5.0:
        return False  # a common word in Title Case ("At Least 22 Dead"), not a product name
    if previous and _governs_a_count(previous.group(1)):
        return False  # a headline's measure or bound word ("Quake Kills 38", "Tops 2,000")
    if previous:
        return True  # a rare capitalised word before a number: a product ("Gemini 3")
    return bool(_label_noun_re().search(before))


def find_vague_quantities(found: Collector) -> None:
    """ "hundreds of billions of dollars", "thousands of migrants": a range, not a point."""
    for match in _vague_re().finditer(found.text):
        low, high = _VAGUE[match.group("vague").lower()]
        if match.group("vscale"):
            factor = _VAGUE[match.group("vscale").lower()][0]
            low, high = low * factor, high * factor
        if match.group("curword"):
            code = _CURRENCY_WORDS.get(match.group("curword").lower().removeprefix("us "), "USD")
            found.add(
                Fact(
                    kind="money",
                    text=match.group(),
                    value=Interval(low=float(low), high=float(high), unit=code),
                    start=match.start(),
                    end=match.end(),
                )
            )
        else:
            found.add(
                Fact(
                    kind="number",
                    text=found.text[match.start() : match.end()],
                    value=Interval(low=float(low), high=float(high)),
                    start=match.start(),
                    end=match.end(),
                    role="of:" + stem(match.group("noun") or ""),
                )
            )
