"""core.english keeps wordfreq's English list as a table in the user's cache folder: the
table must give every word the bucket the decoded list gives it, and be made again when
the list changes or the file is damaged."""

from __future__ import annotations

import gzip
from pathlib import Path

import msgpack
import pytest
from conftest import python_output

from core import english


def _decoded_list() -> dict[str, int]:
    """The path the table replaces: wordfreq's list decoded, each word in its last bucket."""
    with gzip.open(english._wordfreq_data() / "large_en.msgpack.gz") as packed:
        _, *buckets = msgpack.load(packed, raw=False)
    merged: dict[str, int] = {}
    for index, words in enumerate(buckets):
        merged.update(dict.fromkeys(words, index))
    return merged


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(english.CACHE_DIR_ENV, str(tmp_path))
    return tmp_path


def test_made_and_read_tables_give_every_word_its_bucket(cache_folder: Path) -> None:
    merged = _decoded_list()
    made = english._english_buckets.__wrapped__()  # no table yet: decoded, made, written
    assert english._table_path().is_file()
    read = english._english_buckets.__wrapped__()  # read from the file
    assert made is not None and read is not None
    for table in (made, read):
        assert [w for w, bucket in merged.items() if table.get(w) != bucket] == []
        assert [table.get(w) for w in ("qzxvw", "", "the\x00", "cafe\u0301")] == [None] * 4
    assert [p.name for p in cache_folder.iterdir()] == [english._table_path().name]


def test_a_word_in_two_buckets_is_in_the_later_one() -> None:
    buckets = [["a", "b"], ["c", "a"], ["d"], ["b", "e", "peña"], ["f", "a"]]
    merged: dict[str, int] = {}
    for index, words in enumerate(buckets):
        merged.update(dict.fromkeys(words, index))
    table = english.WordTable.read_bytes(english.WordTable.encoded("s", merged), "s")
    assert table is not None
    assert {w: table.get(w) for w in [*merged, "g", "pena"]} == {**merged, "g": None, "pena": None}


def test_words_that_share_a_slot_are_each_found() -> None:
    # Many words in few slots: most slots hold several words, each must be told apart.
    words = {f"w{n}": n % 700 for n in range(5000)}
    encoded = english.WordTable.encoded("s", words)
    table = english.WordTable.read_bytes(encoded, "s")
    assert table is not None
    sizes = [table._starts[s + 1] - table._starts[s] for s in range(table._mask + 1)]
    assert max(sizes) >= 3
    assert {w: table.get(w) for w in words} == words
    assert [table.get(f"w{n}") for n in range(5000, 5100)] == [None] * 100


def test_a_table_of_another_list_or_a_damaged_one_is_not_read(cache_folder: Path) -> None:
    path = cache_folder / "table.bin"
    made = english.WordTable.made(path, "list one", {"alpha": 3, "beta": 400})
    assert made is not None and made.get("beta") == 400
    encoded = path.read_bytes()
    assert english.WordTable.read(path, "list one") is not None
    assert english.WordTable.read(path, "list two") is None
    path.write_bytes(encoded[:-1])  # cut short
    assert english.WordTable.read(path, "list one") is None
    path.write_bytes(encoded + b"x")
    assert english.WordTable.read(path, "list one") is None
    assert english.WordTable.read(cache_folder / "absent.bin", "list one") is None


def test_a_table_of_an_older_list_is_made_again(cache_folder: Path) -> None:
    english.WordTable.made(english._table_path(), "0 00000000 little", {"the": 1})
    old = english._table_path().read_bytes()
    table = english._english_buckets.__wrapped__()
    assert table is not None and table.get("valuation") == _decoded_list()["valuation"]
    assert english._table_path().read_bytes() != old
    damaged = english._table_path().read_bytes()[:-100]
    english._table_path().write_bytes(damaged)
    table = english._english_buckets.__wrapped__()
    assert table is not None and table.get("valuation") == _decoded_list()["valuation"]
    assert english._table_path().read_bytes() != damaged


def test_a_folder_that_cannot_be_made_only_costs_the_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file where the folder should be"
    blocker.write_text("x")
    monkeypatch.setenv(english.CACHE_DIR_ENV, str(blocker))
    found = english._english_buckets.__wrapped__()
    assert found == _decoded_list()  # the decoded list itself, no table made for nothing
    assert [p.name for p in tmp_path.iterdir()] == [blocker.name]


def test_a_failed_write_leaves_no_file(cache_folder: Path) -> None:
    target = cache_folder / "a folder in the way"
    target.mkdir()
    (target / "keep").write_text("x")  # os.replace cannot put a file over a full folder
    made = english.WordTable.made(target, "s", {"a": 1})
    assert made is not None and made.get("a") == 1  # made, only not kept
    assert sorted(p.name for p in cache_folder.iterdir()) == ["a folder in the way"]


def test_the_cache_folder_is_the_one_the_embeddings_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from core import semantic

    assert english.CACHE_DIR_ENV == semantic.CACHE_DIR_ENV
    assert english._cache_dir() == semantic.cache_dir()
    monkeypatch.delenv(english.CACHE_DIR_ENV)
    assert english._cache_dir() == semantic.cache_dir()


def test_a_process_with_the_table_does_not_decode_the_list() -> None:
    code = (
        "import sys; from core import english; english.zipf('valuation'); "
        "print('msgpack' in sys.modules)"
    )
    python_output(code)  # makes the table if this run has none yet
    assert python_output(code) == "False"


def test_the_growth_bench_empties_the_folder_the_table_is_kept_in() -> None:
    from conftest import bench_module

    assert bench_module("growth").CACHE_DIR_ENV == english.CACHE_DIR_ENV


def test_plain_letters_take_the_short_path_to_the_same_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A word of lower-case ASCII letters skips the general path: both give one value."""
    sample = [w for i, w in enumerate(_decoded_list()) if i % 50 == 0]
    sample += ["qzxvw", "a", "the", "valuation", "zzzzzzzzzz"]
    plain = [w for w in sample if w.isascii() and w.isalpha() and w.islower()]
    assert len(plain) > 3000
    short = [english.zipf.__wrapped__(w) for w in plain]

    class NotPlain(str):
        """The same word, which says it is not ASCII: the general path takes it."""

        def isascii(self) -> bool:
            return False

    general = [english.zipf.__wrapped__(NotPlain(w)) for w in plain]
    assert short == general
    assert any(v > 0 for v in short) and 0.0 in short


def test_the_keys_are_gathered_in_slot_order_as_a_join_would_put_them() -> None:
    import numpy as np

    keys = [w.encode() for w in ("peña", "a", "", "valuation", "b", "co-founder", "ß")]
    sizes = np.array([len(k) for k in keys], dtype=np.intp)
    for order in ([6, 5, 4, 3, 2, 1, 0], [2, 0, 1, 3, 4, 5, 6], [3, 1, 6, 0, 2, 5, 4]):
        expected = b"".join(keys[i] for i in order)
        assert english._reordered(keys, sizes, np.array(order)) == expected
    assert english._reordered([], np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)) == b""
