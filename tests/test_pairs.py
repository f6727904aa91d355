"""``core.pairs`` scores sentence pairs as ``core.align.pair_scores`` does, bit for bit,
without importing scipy."""

import json

import numpy as np
import pytest
from conftest import CORPUS, python_output
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core import align, pairs
from core.segment import segment
from core.settings import Settings

TERMS = [f"t{i}" for i in range(40)]
# Values from tiny (their squares underflow to zero in float32) to large.
values = st.one_of(st.floats(0.0, 2.0), st.floats(1e-30, 1e-18), st.floats(1.0, 1e6))
bag = st.dictionaries(st.sampled_from(TERMS), values, min_size=0, max_size=14)


def _bits(scores: np.ndarray) -> list[int]:
    assert scores.dtype == np.float32
    return scores.view(np.uint32).tolist()


@hypothesis_settings(max_examples=400, deadline=None)
@given(st.lists(bag, min_size=1, max_size=10), st.data())
def test_row_cosines_equal_scipys_bit_for_bit(pool, data):
    # Rows index a pool, so that the same bag object recurs (pairs repeats sentences).
    index = st.integers(0, len(pool) - 1)
    rows = data.draw(st.lists(st.tuples(index, index), min_size=1, max_size=25))
    left = [pool[i] for i, _ in rows]
    right = [pool[j] for _, j in rows]
    expected = align._row_pairs(align._vectors(left, right, 0.0))
    assert _bits(pairs.row_cosines(left, right)) == _bits(expected)


def test_row_cosines_of_a_bag_with_itself_and_of_empty_bags():
    one = {"a": 1.0, "b": 0.5}
    cosines = pairs.row_cosines([one, {}, one], [one, one, {"c": 2.0}])
    assert cosines.tolist()[1:] == [0.0, 0.0] and abs(cosines[0] - 1.0) < 1e-6


def _corpus_sentences() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        doc = segment(path.read_text(encoding="utf-8"), "left")
        texts += [p.text for p in doc]
    return texts


def test_pair_scores_equal_aligns_on_corpus_sentences():
    texts = _corpus_sentences()
    rng = np.random.default_rng(7)
    a = [texts[i] for i in rng.integers(0, len(texts), 3000)]
    b = [texts[i] for i in rng.integers(0, len(texts), 3000)]
    # Neighbouring sentences too: they share words, so their scores are not all zero.
    a += texts[:-1]
    b += texts[1:]
    for settings in (Settings(), Settings(link_threshold=0.2, weight_fuzzy=0.0)):
        mine = pairs.pair_scores(a, b, settings=settings)
        theirs = align.pair_scores(a, b, settings=settings)
        assert _bits(mine) == _bits(theirs)
        assert (mine > 0.2).sum() > 50  # the comparison is not of zeros alone


def test_pair_scores_of_no_rows_and_of_unequal_lists():
    assert pairs.pair_scores([], [], settings=Settings()).shape == (0,)
    with pytest.raises(ValueError):
        pairs.pair_scores(["a"], [], settings=Settings())


def test_the_pairs_command_imports_neither_scipy_nor_the_article_readers(tmp_path):
    """scipy (~0.25 s) and the readers of article formats (core.loading, with ftfy,
    charset-normalizer and the web modules) are start-up cost that scoring and judging
    rows does not need."""
    rows = tmp_path / "rows.jsonl"
    row = {"a": "The quake killed 41 people.", "b": "At least 41 people died in the quake."}
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")
    code = (
        "import contextlib, io, sys, main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main.main(['pairs', {str(rows)!r}])\n"
        "heavy = ('scipy', 'ftfy', 'charset_normalizer', 'wordfreq', 'http', 'email', 'csv')\n"
        "found = [m for m in sys.modules if m.split('.')[0] in heavy or m == 'core.loading']\n"
        "print(sorted(found))\n"
    )
    assert python_output(code) == "[]"


# ------------------------------------------------------------- judging in two processes


def _rows_of_four_articles() -> list[dict[str, str]]:
    """Pairs of sentences within each of four articles: four groups with no text in
    common, as rows on a few stories are."""
    rows = []
    for path in sorted(CORPUS.glob("*.txt"))[:4]:
        texts = [p.text for p in segment(path.read_text(encoding="utf-8"), "left")][:30]
        rows += [{"a": x, "b": y} for x in texts for y in texts[::3]]
    return rows


def test_judging_in_two_processes_gives_the_serial_results(monkeypatch):
    rows = _rows_of_four_articles()
    settings = Settings(link_threshold=0.05)
    forks = []
    real_fork = pairs.os.fork
    monkeypatch.setattr(pairs.os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(pairs, "_PARALLEL_FROM", 50)
    monkeypatch.setattr(pairs, "_a_core_is_idle", lambda: True)
    parallel = pairs.judge_pairs(rows, settings, parallel=True)
    assert forks == [1]
    serial = pairs.judge_pairs(rows, settings)
    assert parallel == serial
    statuses = {r.status for r in serial}
    assert {"unrelated", "related", "agree"} <= statuses  # not all of one kind


def test_a_failed_child_leaves_its_half_to_the_parent(monkeypatch):
    rows = _rows_of_four_articles()
    settings = Settings(link_threshold=0.05)
    monkeypatch.setattr(pairs, "_PARALLEL_FROM", 50)
    monkeypatch.setattr(pairs, "_a_core_is_idle", lambda: True)

    def fails(*args, **kwargs):  # only the child sends: the parent never pickles
        raise OSError("the pipe broke")

    monkeypatch.setattr(pairs.pickle, "dump", fails)
    assert pairs.judge_pairs(rows, settings, parallel=True) == pairs.judge_pairs(rows, settings)


@given(st.lists(st.tuples(st.sampled_from("abcdefghij"), st.sampled_from("abcdefghij"))))
def test_two_halves_share_no_text_and_hold_every_pair_once(texts):
    split = pairs._two_halves(texts)
    if split is None:
        return
    mine, theirs = split
    assert sorted(mine + theirs) == list(range(len(texts)))
    assert not {t for k in mine for t in texts[k]} & {t for k in theirs for t in texts[k]}


def test_no_second_process_on_a_busy_machine(monkeypatch):
    rows = _rows_of_four_articles()

    def no_fork() -> int:
        raise AssertionError("forked on a busy machine")

    monkeypatch.setattr(pairs.os, "fork", no_fork)
    monkeypatch.setattr(pairs, "_PARALLEL_FROM", 50)
    monkeypatch.setattr(pairs.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(pairs.os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    pairs.judge_pairs(rows, Settings(link_threshold=0.05), parallel=True)
    monkeypatch.setattr(pairs.os, "getloadavg", lambda: (1.4, 1.0, 1.0))
    assert pairs._a_core_is_idle()


def test_pairs_that_all_share_a_text_are_not_split():
    assert pairs._two_halves([("a", x) for x in "bcdefghij"]) is None
    assert sorted(pairs._two_halves([("a", "b"), ("c", "d")])) == [[0], [1]]


def test_reading_ahead_stops_when_the_other_process_has_written(monkeypatch):
    read: list[str] = []
    monkeypatch.setattr(pairs, "read_ahead", read.append)
    reads, writes = pairs.os.pipe()
    with pairs.os.fdopen(reads, "rb") as pipe, pairs.os.fdopen(writes, "wb") as other:
        pairs._read_ahead_until(["a", "b"], pipe)
        assert read == ["a", "b"]  # nothing written yet: every text read ahead
        other.write(b"x")
        other.flush()
        pairs._read_ahead_until(["c", "d"], pipe)
        assert read == ["a", "b"]  # something to read: no more reading ahead
        assert pipe.read(1) == b"x"  # and what was written is still there


def test_reading_ahead_stops_when_the_other_process_is_gone(monkeypatch):
    read: list[str] = []
    monkeypatch.setattr(pairs, "read_ahead", read.append)
    reads, writes = pairs.os.pipe()
    pairs.os.close(writes)
    with pairs.os.fdopen(reads, "rb") as pipe:
        pairs._read_ahead_until(["a"], pipe)
    assert read == []


def test_a_passage_read_ahead_is_judged_as_one_read_then(monkeypatch):
    from core import verdict

    texts = [
        p.text for p in segment(sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8"), "left")
    ][:6]
    settings = Settings()
    verdict._side.cache_clear()
    verdict._judged.cache_clear()
    plain = [verdict.judge(x, y, score=0.5, settings=settings) for x in texts for y in texts]
    verdict._side.cache_clear()
    verdict._judged.cache_clear()
    for text in texts:
        verdict.read_ahead(text)
    assert verdict._side.cache_info().currsize == len(set(texts))
    ahead = [verdict.judge(x, y, score=0.5, settings=settings) for x in texts for y in texts]
    assert ahead == plain


def _plain_two_halves(pairs_of_texts: list[tuple[str, str]]) -> tuple[list[int], list[int]] | None:
    """``_two_halves`` as it was: union-find over the texts themselves."""
    parent: dict[str, str] = {}

    def root(text: str) -> str:
        while (up := parent.setdefault(text, text)) != text:
            parent[text] = parent.setdefault(up, up)
            text = up
        return text

    for a, b in pairs_of_texts:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[int]] = {}
    for k, (a, _) in enumerate(pairs_of_texts):
        groups.setdefault(root(a), []).append(k)
    texts: dict[str, int] = {}
    for text in parent:
        texts[root(text)] = texts.get(root(text), 0) + 1
    work = {r: len(ks) + pairs._TEXT_COST_IN_ROWS * texts[r] for r, ks in groups.items()}
    shares = (pairs._PARENT_SHARE, 1.0 - pairs._PARENT_SHARE)
    halves: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for r in sorted(groups, key=lambda r: -work[r]):
        side = 0 if (loads[0] + work[r]) / shares[0] <= (loads[1] + work[r]) / shares[1] else 1
        halves[side].extend(groups[r])
        loads[side] += work[r]
    total = sum(loads)
    over = pairs._MAX_OVER_SHARE
    if any(load > over * share * total for load, share in zip(loads, shares, strict=True)):
        return None
    return sorted(halves[0]), sorted(halves[1])


@hypothesis_settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abcdefghijklmnop"), st.sampled_from("abcdefghijklmnop")))
)
def test_two_halves_are_those_of_union_find_over_the_texts(texts):
    assert pairs._two_halves(texts) == _plain_two_halves(texts)


def test_two_halves_of_the_corpus_rows_are_those_of_union_find_over_the_texts():
    rows = _rows_of_four_articles()
    texts = [(row["a"], row["b"]) for row in rows] + [(rows[0]["a"], rows[-1]["b"])]
    for split in (texts, texts[:-1]):
        assert pairs._two_halves(split) == _plain_two_halves(split)
    assert pairs._two_halves(texts[:-1]) is not None
