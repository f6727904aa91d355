"""core.english reads lower-case Latin words with diacritics from wordfreq's list itself:
every value must still be wordfreq's own (the shortcut skips importing wordfreq)."""

from __future__ import annotations

from conftest import python_output
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import iter_wordlist, zipf_frequency

from core import english


def test_every_latin_word_of_the_list_has_wordfreqs_value() -> None:
    words = [w for w in iter_wordlist("en") if not w.isascii() and english._one_latin_token(w)]
    assert len(words) > 1000
    assert [w for w in words if english.zipf(w) != zipf_frequency(w, "en")] == []


# Letters of the ranges the shortcut takes, their capitals, and letters it must leave to
# wordfreq: "ß" and "ſ" (folded or normalised to other letters), a combining accent,
# ligatures, an apostrophe.
_LETTERS = "aeiouyncsz" + "éèêëàâäåçñøœßſþðıĳŉǆǅộệựẞ" + "ÉÀÇÑØ" + "\u0301\u0323ﬁ'’-"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_LETTERS, min_size=1, max_size=8))
def test_generated_latin_words_have_wordfreqs_value(word: str) -> None:
    assert english.zipf(word) == zipf_frequency(word, "en")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["café", "peña", "garcía", "müller", "naïve", "são"]), st.integers(0, 3))
def test_list_words_with_changed_letters_have_wordfreqs_value(word: str, cut: int) -> None:
    for variant in (word[cut:], word[: len(word) - cut], word.upper(), word + "é"):
        if variant:
            assert english.zipf(variant) == zipf_frequency(variant, "en")


def test_a_latin_word_does_not_import_wordfreq() -> None:
    code = (
        "import sys; from core import english; "
        "assert english.zipf('cuộc') == 0.0 and english.zipf('peña') > 0; "
        "print('wordfreq' in sys.modules)"
    )
    assert python_output(code) == "False"


def test_bucket_dictionary_is_the_buckets_merged_in_order() -> None:
    import gzip

    import msgpack

    with gzip.open(english._wordfreq_data() / "large_en.msgpack.gz") as packed:
        _, *buckets = msgpack.load(packed, raw=False)
    merged: dict[str, int] = {}
    for index, words in enumerate(buckets):
        merged.update(dict.fromkeys(words, index))
    found = english._english_buckets()
    assert found is not None
    assert {word: found.get(word) for word in merged} == merged
    assert found.get("qzxvw") is None and found.get("") is None


def test_gunzipped_is_what_the_gzip_module_reads() -> None:
    import gzip

    packed = (english._wordfreq_data() / "large_en.msgpack.gz").read_bytes()
    assert english._gunzipped(packed) == gzip.decompress(packed)
    # zlib alone would stop after the first member
    two_members = gzip.compress(b"first ") + gzip.compress(b"second")
    assert english._gunzipped(two_members) == b"first second"


def test_a_word_from_every_bucket_has_wordfreqs_value() -> None:
    # A one-token word takes its bucket's value (english._bucket_zipf): one word of each
    # bucket, against wordfreq's own computation.
    import gzip

    import msgpack

    with gzip.open(english._wordfreq_data() / "large_en.msgpack.gz") as packed:
        _, *buckets = msgpack.load(packed, raw=False)
    words = [
        next((w for w in bucket if english._PLAIN_WORDS.fullmatch(w) and w.isalpha()), None)
        for bucket in buckets
    ]
    words = [w for w in words if w is not None]
    assert len(words) > 500
    assert [w for w in words if english.zipf(w) != zipf_frequency(w, "en")] == []
