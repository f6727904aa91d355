"""Two documents read in two processes (core.readahead) give the very comparison that one
process gives: what the other process sends back is what the caches would compute."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from core import readahead
from core.align import terms_of
from core.claims import extract as claims_extract
from core.compare import compare
from core.facts import extract as facts_extract
from core.model import Document
from core.segment import _split, _splitter, paragraph_texts
from core.serialize import comparison_to_dict
from core.settings import Settings
from core.verdict import _judged, _side

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _pair() -> tuple[str, str]:
    from speed import build_pair

    return build_pair(4000, seed=11)


def _cold() -> None:
    """Every cache the read-ahead fills or the pipeline reads from, emptied."""
    for cached in (
        _split,
        claims_extract._read_alone,
        claims_extract._extract,
        facts_extract.extract_facts,
        terms_of,
        _side,
        _judged,
    ):
        cached.cache_clear()


def _recording(monkeypatch: pytest.MonkeyPatch, name: str, seen: list[Mapping[str, Any]]) -> None:
    """``readahead.<name>`` still remembers, and also records what it was given."""
    remember: Callable[[Mapping[str, Any]], None] = getattr(readahead, name)

    def record(found: Mapping[str, Any]) -> None:
        seen.append(dict(found))
        remember(found)

    monkeypatch.setattr(readahead, name, record)


def _compare(left: str, right: str) -> Any:
    comparison = compare(Document(left), Document(right), settings=Settings())
    return comparison, comparison_to_dict(comparison)


def test_two_processes_give_the_comparison_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = _pair()
    readahead.enabled = False
    try:
        _cold()
        one, one_dict = _compare(left, right)
    finally:
        readahead.enabled = True
    # Under pytest-xdist a worker runs a second thread: read ahead all the same (the forked
    # process runs only the engine's own code).
    monkeypatch.setattr(readahead, "can_read_ahead", lambda texts: True)
    sent: list[Mapping[str, Any]] = []
    _recording(monkeypatch, "remember_claims", sent)
    _cold()
    two, two_dict = _compare(left, right)
    assert sent and len(sent[0]) > 50  # the other process's claims did arrive
    assert two == one
    assert two_dict == one_dict
    assert len(one.links) > 50


def test_what_the_other_process_sends_is_what_this_one_computes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentences: list[Mapping[str, Any]] = []
    facts: list[Mapping[str, Any]] = []
    claims: list[Mapping[str, Any]] = []
    for name, seen in (
        ("remember_sentences", sentences),
        ("remember_facts", facts),
        ("remember_claims", claims),
    ):
        monkeypatch.setattr(readahead, name, lambda found, seen=seen: seen.append(found))
    _cold()
    readahead._read_in_two(_pair(), lambda: None)
    assert len(sentences) == len(facts) == len(claims) == 1
    assert len(sentences[0]) > 20 and len(claims[0]) > 50
    for block, split in sentences[0].items():
        assert split == tuple(_splitter().segment(block))
    for text, found in facts[0].items():
        assert found == facts_extract.extract_facts.__wrapped__(text)
    for text, found in claims[0].items():
        assert found == claims_extract._read(text, None)
    assert any(claims[0].values()) and any(facts[0].values())


def test_a_failed_other_process_costs_only_time(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = _pair()
    readahead.enabled = False
    try:
        _cold()
        _, one = _compare(left, right)
    finally:
        readahead.enabled = True
    monkeypatch.setattr(readahead, "can_read_ahead", lambda texts: True)
    read = readahead.read

    def read_or_fail(blocks: list[str], keep: bool) -> Any:
        if keep:  # only the forked process keeps what it reads
            raise RuntimeError("the other process fails")
        return read(blocks, keep)

    monkeypatch.setattr(readahead, "read", read_or_fail)
    sent: list[Mapping[str, Any]] = []
    _recording(monkeypatch, "remember_claims", sent)
    _cold()
    _, two = _compare(left, right)
    assert not any(sent)  # nothing came back, and the caches were told to forget
    assert two == one


def test_shares_hold_each_distinct_paragraph_once_in_about_their_parts() -> None:
    left, right = _pair()
    distinct = set(paragraph_texts(left)) | set(paragraph_texts(right))
    for part in (0.5, 0.6):
        own, other = readahead.shares((left, right), part)
        assert sorted(own + other) == sorted(distinct)
        share = sum(map(len, other)) / sum(map(len, distinct))
        assert part - 0.1 < share < part + 0.1


def test_edited_copies_of_a_paragraph_share_a_process() -> None:
    first = "The dam opened on Monday. It holds 40 million litres. Crowds came."
    second = "Officials said 12 roads closed. Schools stay shut. Trains ran late."
    left = f"{first}\n\n{second}\n"
    right = (
        f"{second.replace('Trains ran late.', 'Buses ran late.')}\n\n"
        f"{first.replace('Crowds came.', 'Few came.')}\n"
    )
    own, other = readahead.shares((left, right), 0.5)
    assert sorted(map(len, (own, other))) == [2, 2]
    for share in (own, other):  # each paragraph with its own edited copy
        assert len({block[:10] for block in share}) == 1


def test_remembered_results_are_given_once_then_computed() -> None:
    text = "The toll rose to 14 on Tuesday, officials said."
    facts_extract.extract_facts.cache_clear()
    fresh = facts_extract.extract_facts(text)
    assert fresh
    facts_extract.extract_facts.cache_clear()
    facts_extract.remember_facts({text: ()})  # a stand-in, to see that it is used
    assert facts_extract.extract_facts(text) == ()
    facts_extract.extract_facts.cache_clear()
    assert facts_extract.extract_facts(text) == fresh  # given out once only
    facts_extract.remember_facts({text: ()})
    facts_extract.remember_facts({})  # forgotten before it was asked for
    facts_extract.extract_facts.cache_clear()
    assert facts_extract.extract_facts(text) == fresh
    facts_extract.extract_facts.cache_clear()


def test_only_long_documents_from_the_only_thread_are_read_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readahead, "a_core_is_free", lambda: True)
    long_text = "word " * (readahead.READ_AHEAD_FROM_CHARS // 5)
    assert readahead.can_read_ahead((long_text,)) == (threading.active_count() == 1)
    assert not readahead.can_read_ahead(("short text",))
    answers: list[bool] = []
    thread = threading.Thread(target=lambda: answers.append(readahead.can_read_ahead((long_text,))))
    thread.start()
    thread.join()
    assert answers == [False]


def test_a_core_counts_as_free_by_the_load_of_the_last_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readahead, "_cores", lambda: 2)
    for load, free in ((0.2, True), (1.4, True), (1.6, False), (7.5, False)):
        monkeypatch.setattr(readahead.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert readahead.a_core_is_free() == free
    monkeypatch.setattr(readahead, "_cores", lambda: 1)
    monkeypatch.setattr(readahead.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not readahead.a_core_is_free()  # one core: never a second one
    long_text = "word " * (readahead.READ_AHEAD_FROM_CHARS // 5)
    assert not readahead.can_read_ahead((long_text,))
