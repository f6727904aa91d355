"""How common a word is in English at large, on wordfreq's Zipf scale.

wordfreq is the source of these figures.  Its own ``zipf_frequency`` imports langcodes and
compiles its language-tag patterns, and it builds a dictionary of the whole English list
word by word: about 0.3 s of every command's start-up, for a few thousand lookups of plain
lower-case words.  For such a word the Zipf value is simply where wordfreq's list files it
(one bucket per centibel), so this module reads that list from the installed wordfreq
package, with msgpack as wordfreq does (once: a compact table of it is kept in the user's
cache folder, see ``WordTable``), and asks wordfreq itself for any other word (capitals,
digits, apostrophes, accents), whose tokenisation only wordfreq knows.
``tests/test_english.py`` checks the two agree.

>>> zipf("the") > 7 > zipf("valuation") > 0 == zipf("qzxvw")
True
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import struct
import sys
import unicodedata
import zlib
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np  # only the table's making imports it, at run time

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
# Where the compact table of the list is kept (core.semantic.CACHE_DIR_ENV).
CACHE_DIR_ENV = "FACTCOMPARE_CACHE_DIR"


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``: 0 for a word it does not know."""
    if word.isascii() and word.isalpha() and word.islower():
        # Most words: lower-case ASCII letters alone, one token whose value is its
        # bucket's (what the general path below finds for it, in fewer steps).
        buckets = _english_buckets()
        if buckets is not None:
            bucket = buckets.get(word)
            return 0.0 if bucket is None else _bucket_zipf(bucket)
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


class WordTable:
    """Each word of a list of buckets and the bucket it is in, as a hash table in one
    file that a process reads in a few milliseconds and looks words up in as it is.

    Decoding wordfreq's list (gzip, msgpack, then dicts of 321,000 words) took ~0.1 s of
    every command that looks a word up, for a few thousand lookups; so the table is kept
    in the user's cache folder (``_english_buckets``).  The file: a header
    line and the stamp of the list it was made from, then the number of words and of
    slots, then ``starts`` (for each slot, where its words begin: slot ``s`` holds the
    words ``starts[s]:starts[s + 1]``, a word's slot being its CRC-32 modulo the number of
    slots), ``offsets`` (where each word's UTF-8 bytes begin in the text that follows) and
    ``buckets``, all in this machine's byte order.  ``tests/test_english_latin.py`` checks
    it against the decoded list, word for word.
    """

    _MAGIC = b"factcompare english word buckets 1\n"
    _COUNTS = struct.Struct("<II")

    def __init__(self, data: bytes, counts_at: int) -> None:
        words, slots = self._COUNTS.unpack_from(data, counts_at)
        if slots & (slots - 1):
            raise ValueError("the number of slots is not a power of two")
        at = counts_at + self._COUNTS.size
        view = memoryview(data)
        self._starts = view[at : (at := at + 4 * (slots + 1))].cast("I")
        self._offsets = view[at : (at := at + 4 * (words + 1))].cast("I")
        self._buckets = view[at : (at := at + 2 * words)].cast("H")
        self._data, self._text_at, self._mask = data, at, slots - 1
        if self._starts[slots] != words or at + self._offsets[words] != len(data):
            raise ValueError("the table's parts do not add up to the file")

    def get(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        slot = zlib.crc32(key) & self._mask
        offsets, size = self._offsets, len(key)
        for entry in range(self._starts[slot], self._starts[slot + 1]):
            start = offsets[entry]
            if offsets[entry + 1] - start == size and self._data.startswith(
                key, self._text_at + start
            ):
                return int(self._buckets[entry])
        return None

    @classmethod
    def read(cls, path: Path, stamp: str) -> WordTable | None:
        """The table in ``path`` if it was made from the list ``stamp`` names, else None."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return cls.read_bytes(data, stamp)

    @classmethod
    def read_bytes(cls, data: bytes, stamp: str) -> WordTable | None:
        """The table in ``data`` if it was made from the list ``stamp`` names, else None."""
        header = cls._MAGIC + stamp.encode() + b"\n"
        if not data.startswith(header):
            return None
        try:
            return cls(data, len(header))
        except (ValueError, TypeError, struct.error):
            return None

    @classmethod
    def made(cls, path: Path, stamp: str, buckets: Mapping[str, int]) -> WordTable | None:
        """The table of ``buckets``, written to ``path`` for the next process (atomically:
        another process reads the old file or the new one, never half of one); None, and
        no time spent making it, when the folder cannot be written."""
        import tempfile  # ~6 ms with shutil and random: only a process that writes pays

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        except OSError:
            return None
        encoded = cls.encoded(stamp, buckets)
        temporary = Path(name)
        try:
            with open(descriptor, "wb") as handle:
                handle.write(encoded)
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)
        return cls.read_bytes(encoded, stamp)

    @classmethod
    def encoded(cls, stamp: str, buckets: Mapping[str, int]) -> bytes:
        """The file's bytes for ``buckets`` (numpy sorts the words by slot: a Python sort
        and count took a second)."""
        import numpy as np

        keys = [word.encode("utf-8", "surrogatepass") for word in buckets]
        slots = 1 << max(0, len(keys) - 1).bit_length()  # about one word a slot
        slot_of = np.fromiter(map(zlib.crc32, keys), dtype=np.uint64, count=len(keys))
        slot_of &= slots - 1
        order = np.argsort(slot_of, kind="stable")
        starts = np.zeros(slots + 1, dtype=np.uintc)
        np.cumsum(np.bincount(slot_of, minlength=slots), out=starts[1:])
        sizes = np.fromiter(map(len, keys), dtype=np.intp, count=len(keys))
        offsets = np.zeros(len(keys) + 1, dtype=np.uintc)
        np.cumsum(sizes[order], out=offsets[1:])
        values = np.fromiter(buckets.values(), dtype=np.ushort, count=len(keys))[order]
        return b"".join(
            (
                cls._MAGIC + stamp.encode() + b"\n",
                cls._COUNTS.pack(len(keys), slots),
                starts.tobytes(),
                offsets.tobytes(),
                values.tobytes(),
                _reordered(keys, sizes, order),
            )
        )


def _reordered(keys: list[bytes], sizes: np.ndarray, order: np.ndarray) -> bytes:
    """``b"".join(keys[i] for i in order)``, gathered by numpy from the keys joined in
    their own order (joining 321,000 keys in slot order, scattered in memory, took 0.17 s)."""
    import numpy as np

    text = np.frombuffer(b"".join(keys), dtype=np.uint8)
    begins = np.zeros(len(keys), dtype=np.intp)
    np.cumsum(sizes[:-1], out=begins[1:])
    moved = sizes[order]
    # Byte k of entry e (in slot order) comes from that key's own k-th byte.
    ends = np.cumsum(moved)
    shift = np.repeat(begins[order] - (ends - moved), moved)
    return bytes(text[np.arange(text.size, dtype=np.intp) + shift].tobytes())


def _merged(buckets: list[list[str]]) -> dict[str, int]:
    """Each word of ``buckets`` and its bucket, the later one for a word in two."""
    merged: dict[str, int] = {}
    for index, words in enumerate(buckets):
        merged.update(dict.fromkeys(words, index))
    return merged


@cache
def _english_buckets() -> WordTable | dict[str, int] | None:
    """Each word of wordfreq's large English list and its bucket, or None when the
    installed wordfreq keeps its list elsewhere or in another format (then every lookup
    goes through wordfreq itself).

    Read from the table kept in the user's cache folder when it was made from this very
    list; otherwise the list is decoded (gzip, msgpack, a dict: ~0.15 s), the table made
    (~0.3 s) and written for the next process.
    """
    source = _wordfreq_data() / "large_en.msgpack.gz"
    try:
        packed = source.read_bytes()
    except OSError:
        return None
    stamp = _source_stamp(packed)
    table = WordTable.read(_table_path(), stamp)
    if table is not None:
        return table
    buckets = _decoded_buckets(packed)
    if buckets is None:
        return None
    merged = _merged(buckets)
    # A folder that cannot be written: the list as a dict, each process decoding it again.
    return WordTable.made(_table_path(), stamp, merged) or merged


def _decoded_buckets(packed: bytes) -> list[list[str]] | None:
    """wordfreq's list, bucket by bucket, from its gzip-compressed msgpack file."""
    import msgpack

    try:
        header, *buckets = msgpack.unpackb(_gunzipped(packed), raw=False)
    except (ValueError, EOFError, zlib.error, msgpack.UnpackException):
        return None
    if header != _FORMAT:
        return None
    return list(buckets)


def _gunzipped(packed: bytes) -> bytes:
    """The content of a gzip file: zlib in one call, a third of the time of the gzip
    module's reader; a file of several gzip members is left to that reader."""
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    data = decompressor.decompress(packed)
    if not decompressor.eof or decompressor.unused_data:
        import gzip  # rare: a file of several members

        return gzip.decompress(packed)
    return data


def _source_stamp(packed: bytes) -> str:
    """What names wordfreq's list file: its size and CRC-32 (a new wordfreq whose list is
    unchanged keeps the table; any other list makes a new one), and this machine's byte
    order, the table's."""
    return f"{len(packed)} {zlib.crc32(packed):08x} {sys.byteorder}"


def _table_path() -> Path:
    return _cache_dir() / "english-word-buckets.bin"


def _cache_dir() -> Path:
    """The user's cache folder, as ``core.semantic.cache_dir`` finds it (not imported from
    there: that module brings threads and zip files with it); the tests check both agree."""
    base = os.environ.get(CACHE_DIR_ENV)
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("factcompare", appauthor=False)
    return Path(base)


def _wordfreq_data() -> Path:
    """wordfreq's data folder, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "data"
