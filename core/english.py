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
from functools import cache, lru_cache
from pathlib import Path

# Lower-case words, hyphenated compounds and contractions: all wordfreq splits them into.
_PLAIN_WORDS = re.compile(r"[a-z]+(?:[-'’][a-z]+)*")
# The header of wordfreq's "cBpack" files this reader understands.
_FORMAT = {"format": "cB", "version": 1}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``: 0 for a word it does not know."""
    buckets = _english_buckets() if _PLAIN_WORDS.fullmatch(word) else None
    if buckets is None:
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, "en"))
    # wordfreq reads "co-founder" as two words and "we’re" as "we're", one word.
    found = [buckets.get(token) for token in word.replace("’", "'").split("-")]
    if None in found:
        return 0.0  # wordfreq: any token it does not know makes the whole unknown
    # Bucket i holds the words of frequency 10 ** (-i / 100); several tokens combine as
    # 1 / f = 1 / f1 + 1 / f2 + ..., rounded to three significant digits, as wordfreq does.
    # The same float operations as wordfreq, so that no last bit differs.
    frequency = 1.0 / sum(1.0 / 10 ** (-bucket / 100) for bucket in found if bucket is not None)
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


@cache
def _english_buckets() -> dict[str, int] | None:
    """Each word of wordfreq's large English list and its bucket, or None when the
    installed wordfreq keeps its list elsewhere or in another format (then every lookup
    goes through wordfreq itself)."""
    import msgpack

    path = _wordfreq_data() / "large_en.msgpack.gz"
    try:
        with gzip.open(path) as packed:
            header, *buckets = msgpack.load(packed, raw=False)
    except (OSError, ValueError, msgpack.UnpackException):
        return None
    if header != _FORMAT:
        return None
    found: dict[str, int] = {}
    for index, words in enumerate(buckets):
        found.update(dict.fromkeys(words, index))
    return found


def _wordfreq_data() -> Path:
    """wordfreq's data folder, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "data"
