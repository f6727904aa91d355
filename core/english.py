"""How common a word is in English at large, on wordfreq's Zipf scale.

wordfreq is the source of these figures.  Its own ``zipf_frequency`` imports langcodes and
compiles its language-tag patterns, and it builds a dictionary of the whole English list
word by word: about 0.3 s of every command's start-up, for a few thousand lookups of plain
lower-case words.  For such a word the Zipf value is simply where wordfreq's list files it
(one bucket per centibel), so this module reads that list from the installed wordfreq
package, with msgpack as wordfreq does, and asks wordfreq itself for any other word
(capitals, digits, apostrophes, accents), whose tokenisation only wordfreq knows.
``tests/test_english.py`` checks the two agree.

>>> zipf("the") > 7 > zipf("valuation") > 0 == zipf("qzxvw")
True
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
import unicodedata
import zlib
from functools import cache, lru_cache
from itertools import chain, repeat
from pathlib import Path

# Lower-case ASCII words, with digits, hyphens, apostrophes or inner full stops: words whose
# tokens wordfreq finds by splitting at hyphens alone.
# (An apostrophe or a full stop joins two letters, a full stop two digits: "u.s", "6.1";
# between a letter and a digit it separates two words.)
# (wordfreq splits "l'arc" and "o'hare", one or two letters, an apostrophe and a vowel or
# "h" at the start of a word: such words are left to wordfreq.)
_JOIN = r"(?:(?<=[a-z])['’.](?=[a-z])|(?<=[0-9])\.(?=[0-9]))"
_PART = rf"(?![a-z0-9]{{1,2}}['’][aehiouy])[a-z0-9]+(?:{_JOIN}[a-z0-9]+)*"
_PLAIN_WORDS = re.compile(rf"{_PART}(?:-{_PART})*")
# Lower-case words of Latin letters with diacritics ("cuộc", "peña"), precomposed: wordfreq
# reads such a word as one token, unchanged by its NFC normalisation and case folding
# (checked in _one_latin_token).  Without this, one such word in a document (a caption in
# Vietnamese) made every command import wordfreq and build its dictionary: ~0.3 s.
_LATIN_WORD = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u1e00-\u1eff]+")
# The header of wordfreq's "cBpack" files this reader understands.
_FORMAT = {"format": "cB", "version": 1}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``: 0 for a word it does not know."""
    plain = _PLAIN_WORDS.fullmatch(word) or _one_latin_token(word)
    buckets = _english_buckets() if plain else None
    if buckets is None:
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, "en"))
    # wordfreq reads "co-founder" as two words, "we’re" as "we're" and "u.s" as one word.
    tokens = word.replace("’", "'").split("-")
    if len(tokens) == 1 and not any(map(str.isdigit, tokens[0])):
        # One token without digits, most words: its value is its bucket's.
        bucket = buckets.get(tokens[0])
        return 0.0 if bucket is None else _bucket_zipf(bucket)
    one_over = 0.0
    for token in tokens:
        smashed = _MULTI_DIGIT.sub(lambda m: _DIGIT.sub("0", m.group()), token)
        bucket = buckets.get(smashed)
        if bucket is None:
            return 0.0  # wordfreq: any token it does not know makes the whole unknown
        # Bucket i holds the words of frequency 10 ** (-i / 100); a number's digits are
        # counted apart (see _digit_frequency).  The same float operations as wordfreq,
        # so that no last bit differs.
        frequency = 10 ** (-bucket / 100)
        if smashed != token:
            frequency *= _digit_frequency(token)
        one_over += 1.0 / frequency
    return _zipf_of_sum(one_over)


@cache
def _bucket_zipf(bucket: int) -> float:
    """The Zipf value of a one-token word in ``bucket``: the loop of ``zipf`` for one
    token, float operation for float operation."""
    one_over = 0.0
    one_over += 1.0 / 10 ** (-bucket / 100)
    return _zipf_of_sum(one_over)


def _zipf_of_sum(one_over: float) -> float:
    """wordfreq's Zipf value from the sum of its tokens' inverse frequencies."""
    # wordfreq never goes below Zipf 0 (its default minimum, once per billion words).
    frequency = max(1.0 / one_over, 10**0 / 1e9)
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _one_latin_token(word: str) -> bool:
    return (
        _LATIN_WORD.fullmatch(word) is not None
        and word.casefold() == word  # "ß" folds to "ss"
        and unicodedata.is_normalized("NFC", word)
    )


# wordfreq files "2019" and "1,500" under "0000" and "0,000" and weighs the digits by
# Benford's law, with a curve of its own for four-digit years (wordfreq.numbers).
_DIGIT = re.compile(r"\d")
_MULTI_DIGIT = re.compile(r"\d[\d.,]+")
_LEADING_DIGIT_SHARE = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)


def _digit_frequency(token: str) -> float:
    frequency = 1.0
    for run in _MULTI_DIGIT.findall(token):
        for digits in re.findall(r"\d+", run):
            frequency *= _year_frequency(digits) if len(digits) == 4 else _benford(digits)
    return frequency


def _benford(digits: str) -> float:
    return float(_LEADING_DIGIT_SHARE[int(digits[0])] / 10 ** (len(digits) - 1))


def _year_frequency(digits: str) -> float:
    year, peak, reference, plateau = int(digits), -1.9185, 2019, 20
    if year <= reference:
        log_frequency = peak - 0.0083 * (reference - year)
    elif year <= reference + plateau:
        log_frequency = peak
    else:
        log_frequency = peak - 0.2 * (year - (reference + plateau))
    return float(10.0**log_frequency) + 0.1 * _benford(digits)


class WordBuckets:
    """Each word of a list of buckets and the bucket it is in (a later bucket wins).

    Kept as a few dicts, each over a run of consecutive buckets, and not as one: one dict
    of the 321,000 English words took twice as long to build (its table outgrows the
    processor's caches), and lookups are a few thousand per command.
    """

    def __init__(self, buckets: list[list[str]], parts: int = 16) -> None:
        # The last run first: a word in two buckets is in the later one, as with update.
        self._parts = tuple(reversed(_runs_as_dicts(buckets, parts)))

    def get(self, word: str) -> int | None:
        for part in self._parts:
            bucket = part.get(word)
            if bucket is not None:
                return bucket
        return None


def _runs_as_dicts(buckets: list[list[str]], parts: int) -> list[dict[str, int]]:
    """``buckets`` cut into ``parts`` runs of about as many words, each run one dict."""
    per_part = max(1, sum(map(len, buckets)) // parts)
    dicts, run_start, run_words = [], 0, 0
    for index, bucket in enumerate(buckets):
        run_words += len(bucket)
        if run_words >= per_part or index == len(buckets) - 1:
            run = buckets[run_start : index + 1]
            # One dict built from two flat iterators (a later bucket wins, as with update).
            words = chain.from_iterable(run)
            indexes = chain.from_iterable(
                repeat(run_start + offset, len(b)) for offset, b in enumerate(run)
            )
            dicts.append(dict(zip(words, indexes, strict=True)))
            run_start, run_words = index + 1, 0
    return dicts


@cache
def _english_buckets() -> WordBuckets | None:
    """Each word of wordfreq's large English list and its bucket, or None when the
    installed wordfreq keeps its list elsewhere or in another format (then every lookup
    goes through wordfreq itself)."""
    import msgpack

    try:
        packed = _gunzipped(_wordfreq_data() / "large_en.msgpack.gz")
        header, *buckets = msgpack.unpackb(packed, raw=False)
    except (OSError, ValueError, EOFError, zlib.error, msgpack.UnpackException):
        return None
    if header != _FORMAT:
        return None
    return WordBuckets(buckets)


def _gunzipped(path: Path) -> bytes:
    """The content of a gzip file: zlib in one call, a third of the time of the gzip
    module's reader; a file of several gzip members is left to that reader."""
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    data = decompressor.decompress(path.read_bytes())
    if not decompressor.eof or decompressor.unused_data:
        return gzip.decompress(path.read_bytes())
    return data


def _wordfreq_data() -> Path:
    """wordfreq's data folder, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "data"
