"""Two long documents read in two processes: the per-text work of ``compare`` halved.

Most of what ``compare`` spends on two long documents is per distinct text: pysbd's
sentences of each paragraph, the facts and the claims of each sentence.  None of it
depends on the other texts, and each result is cached by its text.  So before the
pipeline runs, the distinct paragraphs of both documents are dealt into two shares; a
forked process reads one share while this one reads the other, then sends its results
back (pickled through a pipe), and they are put where the caches will find them.  The
pipeline then runs as it always does, finding every text already read: the same values,
so the same comparison, in less wall time on a machine with a second core.

Only where it pays and is safe: for long documents (``READ_AHEAD_FROM_CHARS``), on a
machine with a core likely to be free (``a_core_is_free``), on systems with ``fork``,
and from a process's only thread (forking a process with other
threads running, the window's for one, can leave locks held forever in the child).  Any
failure of the other process costs nothing but the time: what it did not send is read
here as usual.
"""

from __future__ import annotations

import os
import pickle
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .align import terms_of
from .claims import Claim
from .claims.extract import read_alone, remember_claims
from .facts import Fact
from .facts.extract import extract_facts, remember_facts
from .segment import (
    likely_passages,
    needs_splitter,
    paragraph_texts,
    remember_sentences,
    split_sentences,
)

# From this many characters of text (both documents together; ~20,000 words) on, the
# documents are read in two processes: below it the fork, the pipe and the pickles cost
# about as much as the half they save.
READ_AHEAD_FROM_CHARS = 120_000
# The other process's part of the paragraphs' length: this one also reads its share's
# terms, then runs ``meanwhile``, and unpickles what the other sends (see ``_read_in_two``).
_OTHER_PART = 0.6
# Where a sentence likely ends: for telling which sentences two paragraphs share when
# dealing them (``shares``), not for segmentation.
_ROUGH_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# How much less than its cores the machine must have run on average for a core to count
# as free (``a_core_is_free``): this process's own earlier run counts about one.
_FREE_CORE_MARGIN = 0.5
# Paragraphs of this process's share read before the fork (see ``_read_in_two``).
_BEFORE_FORK = 8
# Switched off by tests comparing the two paths, and by anyone who wants one process.
enabled = True


@dataclass
class _Read:
    """What one process read: each paragraph's sentences, each passage's facts and claims."""

    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facts: dict[str, tuple[Fact, ...]] = field(default_factory=dict)
    claims: dict[str, tuple[Claim, ...]] = field(default_factory=dict)


def can_read_ahead(texts: Iterable[str]) -> bool:
    """Whether ``reading_ahead`` would use a second process for ``texts``."""
    return (
        enabled
        and hasattr(os, "fork")
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and sum(len(text) for text in texts) >= READ_AHEAD_FROM_CHARS
        and a_core_is_free()
    )


def a_core_is_free() -> bool:
    """Whether a second core is likely to be idle: the machine's load over the last minute
    (this process's own earlier runs included) is at least half a core below its cores.

    With every core busy (other programs), the two processes only share this process's
    time: the other's share then waits, and the fork, the pipe, the pickles and the
    set-up each process repeats cost ~0.5 s more at 50,000 words a side (measured on two
    cores kept busy: 0.8 s slower than reading in one process)."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not reported here
        return False
    cores = _cores()
    return cores >= 2 and load <= cores - _FREE_CORE_MARGIN


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def reading_ahead(
    texts: tuple[str, ...], meanwhile: Callable[[], object] = lambda: None
) -> Iterator[None]:
    """Read the per-text work of ``texts`` in two processes where that pays
    (``can_read_ahead``), then run the block; what the other process read and the block
    did not ask for is forgotten after it.

    This process also reads its share's terms for alignment, then runs ``meanwhile``
    (work the block will need: an import), while the other process reads its share."""
    if not can_read_ahead(texts):
        yield
        return
    try:
        _read_in_two(texts, meanwhile)
        yield
    finally:
        remember_sentences({})
        remember_facts({})
        remember_claims({})


def shares(texts: tuple[str, ...], other_part: float) -> tuple[list[str], list[str]]:
    """The distinct paragraphs of ``texts`` in reading order, dealt into two shares, this
    process's and the other's, the other's costing about ``other_part`` of the reading.

    A paragraph costs a process the length of its sentences that process does not read
    already: an edited copy of a paragraph (a sentence changed, dropped or added) goes
    where its other sentences are, so that few sentences are read in both processes.
    Each paragraph goes where the share it joins stays the smallest for its part.
    """
    parts = (1.0 - other_part, other_part)
    dealt: tuple[list[str], list[str]] = ([], [])
    costs = [0, 0]
    read_by: tuple[set[str], set[str]] = (set(), set())
    seen: set[str] = set()
    for text in texts:
        for block in paragraph_texts(text):
            if block in seen:
                continue
            seen.add(block)
            pieces = _ROUGH_SENTENCE_END.split(block)
            new = [sum(len(p) for p in pieces if p not in read_by[i]) for i in (0, 1)]
            which = min((1, 0), key=lambda i: (costs[i] + new[i]) / parts[i])
            dealt[which].append(block)
            costs[which] += new[which]
            read_by[which].update(pieces)
    return dealt


def read(blocks: list[str], keep: bool) -> _Read:
    """Split ``blocks`` into sentences and read each likely passage's facts and claims,
    which fills this process's caches; with ``keep``, also return what was read."""
    found = _Read()
    for block in blocks:
        if needs_splitter(block):
            sentences = split_sentences(block)
            if keep:
                found.sentences[block] = sentences
        for passage in likely_passages(block):
            facts = extract_facts(passage)
            claims = read_alone(passage)
            if keep:
                found.facts[passage] = facts
                found.claims[passage] = claims
    return found


def _read_in_two(texts: tuple[str, ...], meanwhile: Callable[[], object]) -> None:
    own, other = shares(texts, _OTHER_PART)
    # The first paragraphs pay for what is set up once per process (pysbd's rules, the
    # patterns of facts and claims, ~0.2 s): read here before forking, it is set up once.
    read(own[:_BEFORE_FORK], keep=False)
    own = own[_BEFORE_FORK:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the other process: read its share, send it, and end at once
        os.close(read_end)
        _send(other, write_end)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    try:
        read(own, keep=False)
        for block in own:  # what alignment will ask of this share, while the other reads
            for passage in likely_passages(block):
                terms_of(passage)
        meanwhile()
        data = pipe.read()
    finally:
        # The pipe closed before waiting: a child blocked on a full pipe (this process
        # failed before reading it) then ends with an error instead of waiting forever.
        pipe.close()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return  # the other process failed: its share is read here, as usual
    found: _Read = pickle.loads(data)
    remember_sentences(found.sentences)
    remember_facts(found.facts)
    remember_claims(found.claims)


def _send(blocks: list[str], write_end: int) -> None:
    """In the forked process: read ``blocks``, write the results to the pipe, and exit
    without running anything else of this process (no exit handlers, no buffered output
    written twice)."""
    code = 1
    try:
        data = pickle.dumps(read(blocks, keep=True), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
