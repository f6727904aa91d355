"""Corpus mode: every pair of articles in a folder compared, and the articles grouped by story.

``python main.py matrix FOLDER`` loads every article once, cuts it into passages once, then
aligns and judges each pair of articles on all cores, keeping only a small summary per pair
(links, contradictions, passages missing on each side, a similarity).  Articles are then
grouped by story: average-linkage clustering over ``1 - similarity``, cut at
``SAME_STORY_THRESHOLD``.

The *similarity* of two articles is the share of their content passages (everything but
page furniture) that the aligner links to the other article, averaged over both sides:
1.0 when each article's every passage has a counterpart, 0.0 when none has.

>>> a = prepare_article("a.txt", "Musk sued OpenAI in 2024. The suit names Altman.")
>>> b = prepare_article("b.txt", "In 2024, Musk sued OpenAI. Altman is named in the suit.")
>>> summary = compare_articles(a, b, settings=Settings())
>>> summary.links >= 1 and 0.0 < summary.similarity <= 1.0
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cached_property
from itertools import combinations, islice
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Passage
from .settings import Settings

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from .claims import Claim

# The engine (numpy, scipy, rapidfuzz, pysbd...) is imported where it is used, not here:
# the command line reads SAME_STORY_THRESHOLD for its help text, and every command, the
# window too, would otherwise pay for scipy.cluster (~0.8 s) at start-up.

# Two articles cover the same story when their similarity (average share of passages
# linked) reaches this, on average over the groups they join.  Outlets covering one event
# link 5-60% of their passages; articles on different events of one beat (two border
# stories) share a little background, under 10%.  Chosen on the two five-outlet events of
# the news evaluation set, checked on its three other events (`bench/speed.py --groups`).
SAME_STORY_THRESHOLD = 0.08
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
# Names (without suffix, any case) of the notes a folder of articles often holds.
FOLDER_NOTES = frozenset(
    {"readme", "license", "licence", "changelog", "changes", "notes", "contributing"}
)
# Below this many pairs a pool of processes costs more to start than it saves.
MIN_PAIRS_FOR_POOL = 8
MIN_FILES_FOR_POOL = 8
_CHUNKS_PER_WORKER = 4  # smaller chunks balance the load; larger ones cost less to ship


@dataclass(frozen=True)
class Article:
    """An article of the folder, cut into passages and read into claims once for all its
    pairs (each article is in ~100 pairs of a 100-article folder)."""

    name: str
    passages: tuple[Passage, ...]
    # (passage index, claim) of every content passage: core.compare.passage_claims.
    claims: tuple[tuple[int, Claim], ...] | None = None

    @cached_property
    def content(self) -> int:
        """Passages that can be linked: all but page furniture (counted once: it is read
        for every pair the article is in)."""
        return sum(1 for p in self.passages if p.is_content)


@dataclass(frozen=True)
class PairSummary:
    """What the comparison of two articles found, in numbers."""

    left: str
    right: str
    links: int
    contradictions: int  # links whose facts clash
    missing_left: int  # content passages of the left article with no counterpart
    missing_right: int
    similarity: float  # 0..1, share of content passages linked, averaged over both sides


@dataclass(frozen=True)
class MatrixResult:
    """Every pair of a folder's articles, and the story groups drawn from them."""

    articles: tuple[Article, ...]
    pairs: tuple[PairSummary, ...]
    groups: tuple[tuple[str, ...], ...]  # article names, largest group first
    threshold: float


# ------------------------------------------------------------------------------ engine


def prepare_article(name: str, text: str) -> Article:
    """An article ready to be paired: its passages, cut once."""
    from .compare import passage_claims
    from .segment import segment

    passages = segment(text, "left")
    return Article(name=name, passages=passages, claims=passage_claims(passages))


def compare_articles(left: Article, right: Article, *, settings: Settings) -> PairSummary:
    """Align two prepared articles and judge their links, as ``core.compare`` does."""
    from .compare import link_passages

    claims = None
    if left.claims is not None and right.claims is not None:
        claims = (left.claims, right.claims)
    links = link_passages(left.passages, right.passages, settings=settings, claims=claims)
    contradictions = sum(1 for link in links if link.status == "contradict")
    linked_left = len({link.left for link in links})
    linked_right = len({link.right for link in links})
    share_left = linked_left / left.content if left.content else 0.0
    share_right = linked_right / right.content if right.content else 0.0
    return PairSummary(
        left=left.name,
        right=right.name,
        links=len(links),
        contradictions=contradictions,
        missing_left=left.content - linked_left,
        missing_right=right.content - linked_right,
        similarity=round((share_left + share_right) / 2, 4),
    )


def story_groups(
    names: Sequence[str], pairs: Sequence[PairSummary], *, threshold: float
) -> tuple[tuple[str, ...], ...]:
    """Articles grouped by story: average-linkage clusters at ``1 - threshold`` distance.

    Average linkage rather than connected components: one pair of articles that happen to
    share background does not chain two stories into one group.
    """
    if len(names) < 2:
        return (tuple(names),) if names else ()
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    index = {name: i for i, name in enumerate(names)}
    distance = np.ones((len(names), len(names)))
    np.fill_diagonal(distance, 0.0)
    for pair in pairs:
        i, j = index[pair.left], index[pair.right]
        distance[i, j] = distance[j, i] = 1.0 - pair.similarity
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[str]] = {}
    for name, label in zip(names, labels, strict=True):
        groups.setdefault(int(label), []).append(name)
    return tuple(tuple(group) for group in sorted(groups.values(), key=lambda g: (-len(g), g[0])))


# ------------------------------------------------------------------------ parallel runs

_worker_articles: tuple[Article, ...] = ()
_worker_settings = Settings()


def _init_worker(articles: tuple[Article, ...], settings: Settings) -> None:
    """Each worker receives the articles once, not once per pair."""
    global _worker_articles, _worker_settings
    _worker_articles, _worker_settings = articles, settings


def _compare_chunk(chunk: Sequence[tuple[int, int]]) -> list[PairSummary]:
    return [
        compare_articles(_worker_articles[i], _worker_articles[j], settings=_worker_settings)
        for i, j in chunk
    ]


def _load_and_prepare(path: str) -> Article | str:
    """The prepared article, or the one-line reason it cannot be loaded."""
    from .loading import LoadError, load_path

    try:
        document = load_path(path)
    except LoadError as error:
        return str(error)
    return prepare_article(Path(path).name, document.text)


def _chunks(count: int, workers: int, skip: int = 0) -> list[list[tuple[int, int]]]:
    """The pairs of ``count`` articles in the order of ``combinations``, but the first
    ``skip``, in chunks for ``workers`` processes."""
    pairs = list(combinations(range(count), 2))[skip:]
    size = max(1, min(64, len(pairs) // max(1, workers * _CHUNKS_PER_WORKER)))
    iterator = iter(pairs)
    return [chunk for chunk in iter(lambda: list(islice(iterator, size)), [])]


def _pool_results(
    articles: tuple[Article, ...], settings: Settings, workers: int
) -> Iterator[PairSummary]:
    """Pair summaries in order, computed in worker processes.

    The first pair is compared here, before the workers start: it imports the engine and
    fills what every pair reads once per process (the word list, compiled patterns, the
    learned scorer), which forked workers then inherit instead of each doing it again.
    Every other chunk is queued at once (a summary is a few numbers, so results waiting
    to be printed in order cost nothing): a worker never waits for a slow chunk ahead of
    it in the printing order, so every core stays busy until the last chunks.
    """
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: matrix alone

    yield compare_articles(articles[0], articles[1], settings=settings)
    chunks = _chunks(len(articles), workers, skip=1)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_fork_context(),
        initializer=_init_worker,
        initargs=(articles, settings),
    ) as pool:
        results = pool.map(_compare_chunk, chunks)
        _prepare_grouping()  # while the workers compare: story_groups needs it next
        for summaries in results:
            yield from summaries


def _fork_context() -> BaseContext | None:
    """Fork where the platform has it (workers inherit the imported, warmed engine); else
    the platform's default (they import it themselves)."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _prepare_grouping() -> None:
    """Import what ``story_groups`` uses (scipy.cluster, ~0.4 s), in this process while
    its workers compare pairs, rather than after the last pair."""
    import scipy.cluster.hierarchy  # noqa: F401
    import scipy.spatial.distance  # noqa: F401


def _dask_results(
    articles: tuple[Article, ...], settings: Settings, workers: int
) -> Iterator[PairSummary]:
    """The same chunks on a Dask cluster: the one named by DASK_SCHEDULER_ADDRESS, if set,
    else a local cluster of ``workers`` single-threaded processes."""
    import dask
    from dask.distributed import Client, LocalCluster

    address = dask.config.get("scheduler-address", None)
    with ExitStack() as stack:  # the local cluster is closed however the caller stops
        cluster = (
            None
            if address
            else stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # Without a dashboard the scheduler still serves its health and
                    # metrics pages, by default on port 8787: a second cluster at the
                    # same time (another run, a notebook's) would find it taken, and
                    # Dask then warns.  Any free port on the loopback never collides.
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                )
            )
        )
        client = stack.enter_context(Client(address or cluster))  # type: ignore[no-untyped-call]
        shared = client.scatter((articles, settings), broadcast=True)
        futures = client.map(
            _dask_chunk, _chunks(len(articles), workers), shared=shared, pure=False
        )
        for future in futures:  # in order; the cluster computes them all meanwhile
            yield from future.result()


def _dask_chunk(
    chunk: Sequence[tuple[int, int]], shared: tuple[tuple[Article, ...], Settings]
) -> list[PairSummary]:
    articles, settings = shared
    return [compare_articles(articles[i], articles[j], settings=settings) for i, j in chunk]


def _serial_results(articles: tuple[Article, ...], settings: Settings) -> Iterator[PairSummary]:
    for i, j in combinations(range(len(articles)), 2):
        yield compare_articles(articles[i], articles[j], settings=settings)


# ----------------------------------------------------------------------------- folders


def article_paths(folder: str, pattern: str | None = None) -> list[str]:
    """The article files of a folder, sorted by name; a LoadError if it is not a folder.

    Without ``pattern``, every file with an article suffix except a folder's notes (README,
    LICENSE, CHANGELOG...: a data set's README.md is not one of its articles); with it,
    the files whose names match the glob ``pattern`` (``"*.txt"``), whatever they are.
    """
    from .loading import LoadError

    if not os.path.isdir(folder):
        raise LoadError(f"{folder}: no such folder")
    files = (path for path in Path(folder).iterdir() if path.is_file())
    if pattern is not None:
        return sorted(str(path) for path in files if fnmatch(path.name, pattern))
    return sorted(
        str(path)
        for path in files
        if path.suffix.lower() in ARTICLE_SUFFIXES and not is_folder_note(path.name)
    )


def is_folder_note(name: str) -> bool:
    """A file that describes the folder rather than being one of its articles.

    >>> [is_folder_note(n) for n in ("README.md", "notes.txt", "readme.txt", "nyt.md")]
    [True, True, True, False]
    """
    return Path(name).stem.lower() in FOLDER_NOTES


def load_articles(
    paths: Sequence[str], *, workers: int
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Load and segment every file, on all cores: the articles, and one line per file
    that could not be loaded (the front end decides how to show them)."""
    if workers > 1 and len(paths) >= MIN_FILES_FOR_POOL:
        from concurrent.futures import ProcessPoolExecutor

        # The first file here, before the workers start: it imports the engine and
        # compiles the patterns that cutting and reading claims need, which forked workers
        # inherit instead of each doing it again.
        loaded = [_load_and_prepare(paths[0])]
        with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
            loaded += pool.map(_load_and_prepare, paths[1:], chunksize=4)
    else:
        loaded = [_load_and_prepare(path) for path in paths]
    articles = tuple(item for item in loaded if isinstance(item, Article))
    problems = tuple(item for item in loaded if isinstance(item, str))
    return articles, problems


def compare_all(
    articles: tuple[Article, ...], *, settings: Settings, workers: int, engine: str = "local"
) -> Iterator[PairSummary]:
    """Every pair's summary, in the order of ``combinations(articles, 2)``, as computed."""
    pairs = len(articles) * (len(articles) - 1) // 2
    if engine == "dask":
        return _dask_results(articles, settings, workers)
    if workers <= 1 or pairs < MIN_PAIRS_FOR_POOL:
        return _serial_results(articles, settings)
    return _pool_results(articles, settings, workers)
