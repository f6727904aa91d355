"""Engine speed and memory on documents of growing size, against naive peers, side by side.

    python bench/speed.py                        # all sizes, 1k .. 100k words per side
    python bench/speed.py --sizes 1000 5000      # some sizes only
    python bench/speed.py --matrix 19 100        # corpus mode: time for N articles
    python bench/speed.py --check-segmentation   # the fast segmenter agrees with pysbd
    python bench/speed.py --groups               # story groups against the news events

Each size runs in its own subprocess so that peak memory (``ru_maxrss``: Python, numpy,
scipy and C allocations together) is measured independently; ``tracemalloc`` gives the
Python-level peak per stage in a second, separate pass (it slows the code it watches, so
its pass is not timed).  Times are wall-clock, best of several runs for small sizes.

The large documents are built from the sample corpus and the multi-outlet news set (read
in place): paragraphs shuffled, sentences dropped, swapped and re-numbered, so the two
sides are similar but not identical, as two reports of the same long story would be.
Above ~22,000 words the source paragraphs repeat (each copy edited differently).

The peers use the engine's own passages (segmentation is not part of their time):

* ``difflib``: ``SequenceMatcher.ratio()`` of every sentence pair, the obvious
  standard-library approach; ``difflib-lists`` is ``SequenceMatcher`` on the two lists
  of sentences (finds identical sentences only, listed for reference);
* ``py-loop``: a pure-Python loop over all pairs computing word-set Jaccard.

For large sizes the all-pairs peers run on a random sample of pairs and the time is
extrapolated to all pairs; the table marks those figures with ``~``.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEWS = ROOT.parent / "shared" / "eval" / "news"
CORPUS = ROOT / "corpus"
DEFAULT_SIZES = (1000, 5000, 10000, 25000, 50000, 100000)
PEER_SAMPLE_PAIRS = 20_000  # above this many pairs, peers are timed on a sample
# Facts run before align: both align and verdicts use core.facts, whose results are cached
# per passage, so whichever stage comes first pays for the extraction.
STAGES = ("load", "segment", "facts", "align", "verdicts")
# Set-up caches that every process fills once, whatever it compares: not cleared.
_PROCESS_CACHES = frozenset({"_splitter", "_stemmer"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


# ------------------------------------------------------------------ document generator


def source_paragraphs() -> list[str]:
    """Body paragraphs of the corpus and the news set, in a fixed order."""
    paragraphs: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        paragraphs += path.read_text(encoding="utf-8").splitlines()
    if NEWS.is_dir():
        for path in sorted(NEWS.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            paragraphs += lines[2:]  # line 1 names the source, line 2 the title
    return [p.strip() for p in paragraphs if len(p.split()) >= 4]


def _renumber(sentence: str, rng: random.Random) -> str:
    """Change one number of a sentence, as an outlet reporting a different figure would."""
    numbers = list(_NUMBER.finditer(sentence))
    if not numbers:
        return sentence
    match = rng.choice(numbers)
    digits = match.group()
    changed = str(int(float(digits.replace(",", ""))) + rng.randint(1, 9))
    return sentence[: match.start()] + changed + sentence[match.end() :]


def _edit_paragraph(paragraph: str, rng: random.Random, rate: float) -> str:
    """Drop, swap and re-number sentences; ``rate`` is the chance of each edit."""
    sentences = _SENTENCE.split(paragraph)
    kept = [s for s in sentences if rng.random() >= rate] or sentences[:1]
    if len(kept) > 1 and rng.random() < rate:
        i = rng.randrange(len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    kept = [_renumber(s, rng) if rng.random() < rate else s for s in kept]
    return " ".join(kept)


def _take(pool: list[str], words: int, rng: random.Random) -> list[str]:
    """Paragraphs from the pool, cycling through shuffled copies, until ``words`` is reached."""
    chosen: list[str] = []
    total = 0
    copy = 0
    while total < words:
        order = pool[:]
        rng.shuffle(order)
        for paragraph in order:
            # Every copy after the first is edited, so repeats are not verbatim.
            text = paragraph if copy == 0 else _edit_paragraph(paragraph, rng, 0.25)
            chosen.append(text)
            total += len(text.split())
            if total >= words:
                break
        copy += 1
    return chosen


def build_pair(words: int, seed: int = 0) -> tuple[str, str]:
    """Two similar, not identical, documents of about ``words`` words each."""
    rng = random.Random(seed)
    pool = source_paragraphs()
    left = _take(pool, words, rng)
    right = [_edit_paragraph(p, rng, 0.1) for p in left if rng.random() >= 0.1]
    # Paragraph order differs a little between outlets: swap some neighbours.
    for i in range(0, len(right) - 1, 7):
        right[i], right[i + 1] = right[i + 1], right[i]
    extra = _take(pool, words - sum(len(p.split()) for p in right), rng)
    for paragraph in extra:
        right.insert(rng.randrange(len(right) + 1), paragraph)
    return "\n\n".join(left) + "\n", "\n\n".join(right) + "\n"


# --------------------------------------------------------------------- one size (child)


@dataclass
class SizeResult:
    label: str
    words_left: int
    words_right: int
    passages_left: int = 0
    passages_right: int = 0
    links: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> best wall time
    py_peak_mb: dict[str, float] = field(default_factory=dict)  # stage -> tracemalloc peak
    rss_after_mb: dict[str, float] = field(default_factory=dict)  # stage -> ru_maxrss so far
    rss_base_mb: float = 0.0  # after imports, before any work
    peers: dict[str, float] = field(default_factory=dict)  # peer -> seconds (all pairs)
    peers_extrapolated: list[str] = field(default_factory=list)
    warm_seconds: float = 0.0  # the whole engine again, caches kept from the last run
    notes: list[str] = field(default_factory=list)

    @property
    def engine_seconds(self) -> float:
        return sum(v for k, v in self.seconds.items() if k in STAGES)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _facts_function() -> Callable[[str], Any] | None:
    try:
        from core.facts import extract_facts
    except ImportError:
        return None
    return extract_facts


def _run_stages(left_bytes: bytes, right_bytes: bytes) -> dict[str, Callable[[], Any]]:
    """The engine stages as closures sharing state, in pipeline order."""
    from core.align import assign, similarity
    from core.loading import load_bytes
    from core.model import Settings
    from core.segment import segment
    from core.verdict import judge

    settings = Settings()
    state: dict[str, Any] = {}
    extract = _facts_function()

    def load() -> None:
        state["l"] = load_bytes(left_bytes, name="left.txt")
        state["r"] = load_bytes(right_bytes, name="right.txt")

    def seg() -> None:
        state["lp"] = segment(state["l"].text, "left")
        state["rp"] = segment(state["r"].text, "right")

    def align() -> None:
        scores = similarity(state["lp"], state["rp"], settings=settings)
        state["m"] = assign(scores, state["lp"], state["rp"], settings=settings)

    def facts() -> None:
        # As the pipeline does it: full extraction only for passages that can state a
        # value (core.facts.states_quantities); the verdict stage extracts the facts of
        # linked passages it still lacks (cached per text).
        if extract is not None:
            from core.facts import states_quantities

            state["f"] = [
                extract(p.text) for p in (*state["lp"], *state["rp"]) if states_quantities(p.text)
            ]

    def verdicts() -> None:
        lp, rp = state["lp"], state["rp"]
        state["v"] = [
            judge(lp[m.left].text, rp[m.right].text, score=m.score, settings=settings)
            for m in state["m"]
        ]

    stages = {"load": load, "segment": seg, "align": align, "facts": facts, "verdicts": verdicts}
    stages["_state"] = lambda: state  # type: ignore[assignment]
    return stages


def _time_peers(left: Sequence[str], right: Sequence[str], result: SizeResult) -> None:
    pairs = len(left) * len(right)
    rng = random.Random(1)
    sample: list[tuple[int, int]] | None = None
    if pairs > PEER_SAMPLE_PAIRS:
        sample = [
            (rng.randrange(len(left)), rng.randrange(len(right))) for _ in range(PEER_SAMPLE_PAIRS)
        ]
    lower_l = [s.lower() for s in left]
    lower_r = [s.lower() for s in right]
    words_l = [set(s.split()) for s in lower_l]
    words_r = [set(s.split()) for s in lower_r]

    def difflib_all() -> None:
        matcher = difflib.SequenceMatcher(autojunk=False)
        if sample is None:
            for b in lower_r:
                matcher.set_seq2(b)  # seq2 is the cached side
                for a in lower_l:
                    matcher.set_seq1(a)
                    matcher.ratio()
        else:
            for i, j in sample:
                matcher.set_seqs(lower_l[i], lower_r[j])
                matcher.ratio()

    def jaccard_all() -> None:
        iterator = (
            sample
            if sample is not None
            else ((i, j) for i in range(len(left)) for j in range(len(right)))
        )
        best = [0.0] * len(left)
        for i, j in iterator:
            a, b = words_l[i], words_r[j]
            union = len(a | b)
            score = len(a & b) / union if union else 0.0
            if score > best[i]:
                best[i] = score

    def difflib_lists() -> None:
        difflib.SequenceMatcher(None, lower_l, lower_r, autojunk=False).get_opcodes()

    scale = pairs / PEER_SAMPLE_PAIRS if sample is not None else 1.0
    for name, function, scaled in (
        ("difflib", difflib_all, True),
        ("py-loop", jaccard_all, True),
        ("difflib-lists", difflib_lists, False),
    ):
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
        result.peers[name] = elapsed * (scale if scaled else 1.0)
        if scaled and sample is not None:
            result.peers_extrapolated.append(name)


def _clear_caches() -> None:
    """Forget every per-text and per-word cache of the engine, so each timed run is cold:
    the figures are those of a first comparison, not of a re-run on the same texts."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("core."):
            continue
        for attribute, value in vars(module).items():
            if attribute not in _PROCESS_CACHES and callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def measure(label: str, left_path: str, right_path: str, repeat: int) -> SizeResult:
    """Time each stage (best of ``repeat``), then one tracemalloc pass, then the peers."""
    left_bytes = Path(left_path).read_bytes()
    right_bytes = Path(right_path).read_bytes()
    import core.align  # noqa: F401  (imports are start-up cost, not engine time)
    import core.loading  # noqa: F401
    import core.segment  # noqa: F401
    import core.verdict  # noqa: F401

    result = SizeResult(label, len(left_bytes.split()), len(right_bytes.split()))
    if _facts_function() is None:
        result.notes.append("core.facts.extract_facts not available: facts stage not run")
    # Warm caches that every process fills once (pysbd's rules, wordfreq's tables).
    warm = _run_stages(b"Warm up. It rained 3 times.\n", b"It rained 4 times. Warm.\n")
    for name in STAGES:
        warm[name]()
    gc.collect()
    result.rss_base_mb = _rss_mb()
    for attempt in range(repeat):
        _clear_caches()
        stages = _run_stages(left_bytes, right_bytes)
        for name in STAGES:
            gc.collect()
            start = time.perf_counter()
            stages[name]()
            elapsed = time.perf_counter() - start
            if attempt == 0 or elapsed < result.seconds[name]:
                result.seconds[name] = elapsed
            if attempt == 0:
                result.rss_after_mb[name] = _rss_mb()
        state = stages["_state"]()
    stages = _run_stages(left_bytes, right_bytes)
    start = time.perf_counter()
    for name in STAGES:
        stages[name]()
    result.warm_seconds = time.perf_counter() - start
    result.passages_left = len(state["lp"])
    result.passages_right = len(state["rp"])
    result.links = len(state["m"])
    del state, stages
    gc.collect()
    _clear_caches()
    stages = _run_stages(left_bytes, right_bytes)
    tracemalloc.start()
    for name in STAGES:
        tracemalloc.reset_peak()
        stages[name]()
        result.py_peak_mb[name] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    state = stages["_state"]()
    _time_peers([p.text for p in state["lp"]], [p.text for p in state["rp"]], result)
    return result


# ------------------------------------------------------------------------ parent / report


def _child(label: str, left: Path, right: Path, repeat: int, timeout: float) -> SizeResult:
    command = [sys.executable, __file__, "--child", label, str(left), str(right), str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"size {label} failed:\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return SizeResult(**data)


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of log(y) against log(x): the growth exponent."""
    import numpy as np

    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def _fmt_s(seconds: float, approx: bool = False) -> str:
    mark = "~" if approx else ""
    if seconds < 1:
        return f"{mark}{seconds * 1000:.0f} ms"
    return f"{mark}{seconds:.2f} s"


def report(results: Sequence[SizeResult]) -> str:
    lines = [
        "### Engine time per stage (cold caches, best of runs; wall clock)",
        "",
        "| size | words L/R | passages L×R | links | "
        + " | ".join(STAGES)
        + " | **engine** | re-run (warm) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cells = " | ".join(_fmt_s(r.seconds.get(s, 0.0)) for s in STAGES)
        lines.append(
            f"| {r.label} | {r.words_left:,}/{r.words_right:,} | "
            f"{r.passages_left:,}×{r.passages_right:,} | {r.links:,} | {cells} | "
            f"**{_fmt_s(r.engine_seconds)}** | {_fmt_s(r.warm_seconds)} |"
        )
    lines += [
        "",
        "### Memory per stage",
        "",
        "Python peak (tracemalloc, MB) during each stage; process peak RSS (ru_maxrss, MB, "
        "includes numpy/scipy/C) after imports and after the last stage.",
        "",
        "| size | " + " | ".join(STAGES) + " | RSS base | RSS peak |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cells = " | ".join(f"{r.py_peak_mb.get(s, 0.0):.1f}" for s in STAGES)
        lines.append(
            f"| {r.label} | {cells} | {r.rss_base_mb:.0f} | {max(r.rss_after_mb.values()):.0f} |"
        )
    lines += [
        "",
        "### Naive peers (on the engine's passages; ~ = extrapolated from "
        f"{PEER_SAMPLE_PAIRS:,} random pairs)",
        "",
        "| size | pairs | engine | difflib all pairs | ratio | py-loop Jaccard | ratio "
        "| difflib on lists |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        engine = r.engine_seconds
        d, j = r.peers["difflib"], r.peers["py-loop"]
        lines.append(
            f"| {r.label} | {r.passages_left * r.passages_right:,} | {_fmt_s(engine)} | "
            f"{_fmt_s(d, 'difflib' in r.peers_extrapolated)} | {d / engine:.1f}× | "
            f"{_fmt_s(j, 'py-loop' in r.peers_extrapolated)} | {j / engine:.1f}× | "
            f"{_fmt_s(r.peers['difflib-lists'])} |"
        )
    synthetic = [r for r in results if not r.label.startswith("corpus")]
    if len(synthetic) >= 3:
        words = [(r.words_left + r.words_right) / 2 for r in synthetic]
        pairs = [r.passages_left * r.passages_right for r in synthetic]
        lines += ["", "### Growth (log-log slope of time against words per side)", ""]
        lines.append("| what | exponent vs words | exponent vs passage pairs |")
        lines.append("|---|---|---|")
        series: dict[str, list[float]] = {
            "engine": [r.engine_seconds for r in synthetic],
            **{s: [max(r.seconds[s], 1e-6) for r in synthetic] for s in STAGES},
            "difflib all pairs": [r.peers["difflib"] for r in synthetic],
            "py-loop Jaccard": [r.peers["py-loop"] for r in synthetic],
            "difflib on lists": [r.peers["difflib-lists"] for r in synthetic],
        }
        for name, times in series.items():
            if name == "facts" and not any(t > 1e-5 for t in times):
                continue
            lines.append(f"| {name} | {slope(words, times):.2f} | {slope(pairs, times):.2f} |")
    notes = sorted({note for r in results for note in r.notes})
    if notes:
        lines += ["", *[f"Note: {note}" for note in notes]]
    return "\n".join(lines) + "\n"


def run_sizes(sizes: Sequence[int], timeout: float, json_out: str | None) -> None:
    results: list[SizeResult] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        corpus = sorted(CORPUS.glob("*.txt"))
        jobs = [("corpus 002/004", corpus[2], corpus[4], 7)]
        for words in sizes:
            left, right = build_pair(words, seed=words)
            lpath, rpath = base / f"{words}_l.txt", base / f"{words}_r.txt"
            lpath.write_text(left, encoding="utf-8")
            rpath.write_text(right, encoding="utf-8")
            repeat = 7 if words <= 5000 else 3 if words <= 25000 else 1
            jobs.append((f"{words // 1000}k", lpath, rpath, repeat))
        for label, lpath, rpath, repeat in jobs:
            print(f"… {label}", file=sys.stderr, flush=True)
            results.append(_child(label, lpath, rpath, repeat, timeout))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}\n")
    print(report(results))
    if json_out:
        Path(json_out).write_text(json.dumps([asdict(r) for r in results], indent=1))


# ------------------------------------------------------------------------- corpus mode


def build_articles(count: int, words: int, seed: int = 0) -> list[str]:
    """``count`` synthetic articles: groups of five edited versions of one source story."""
    rng = random.Random(seed)
    pool = source_paragraphs()
    articles: list[str] = []
    while len(articles) < count:
        story = _take(pool, words, rng)
        for _ in range(min(5, count - len(articles))):
            version = [_edit_paragraph(p, rng, 0.2) for p in story if rng.random() >= 0.2]
            articles.append("\n\n".join(version) + "\n")
    return articles


def run_matrix_scaling(counts: Sequence[int], workers: int, words: int = 1400) -> None:
    """Time ``main.py matrix`` on the news folder and on synthetic folders of N articles.

    ``words`` is the length of each story before editing; the versions drop ~20% of it
    (1,400 gives articles of ~1,000 words).  "cores busy" is the CPU time of the command
    and all its worker processes divided by its wall time: 2.0 is both cores all along.
    The story table of the same folder (``main.py table DIR``, one process) is timed
    after each matrix: the budget of corpus mode counts both.
    """
    rows = []
    if NEWS.is_dir():
        from core.matrix import article_paths

        rows.append(("news set", NEWS, len(article_paths(str(NEWS))), 0))
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            target = Path(folder) / f"n{count}"
            target.mkdir()
            articles = build_articles(count, words, seed=count)
            for index, text in enumerate(articles):
                (target / f"a{index:04d}.txt").write_text(text, encoding="utf-8")
            mean = sum(len(a.split()) for a in articles) // len(articles)
            rows.append((f"synthetic {count}", target, count, mean))
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")
        print(
            "| folder | articles | words each | pairs | wall time | CPU time | cores busy "
            "| per pair | peak RSS (one process) | table wall | table CPU | matrix + table |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for label, path, count, mean in rows:
            command = [
                sys.executable,
                str(ROOT / "main.py"),
                "matrix",
                str(path),
                "--workers",
                str(workers),
            ]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            pairs = count * (count - 1) // 2
            table = [sys.executable, str(ROOT / "main.py"), "table", str(path)]
            start = time.perf_counter()
            subprocess.run(table, check=True, capture_output=True)
            table_wall = time.perf_counter() - start
            done = resource.getrusage(resource.RUSAGE_CHILDREN)
            table_cpu = (done.ru_utime - after.ru_utime) + (done.ru_stime - after.ru_stime)
            print(
                f"| {label} | {count} | {mean or '~700'} | {pairs:,} | {_fmt_s(elapsed)} | "
                f"{_fmt_s(cpu)} | {cpu / elapsed:.2f} | {elapsed / pairs * 1000:.1f} ms | "
                f"{after.ru_maxrss / 1024:.0f} MB | {_fmt_s(table_wall)} | {_fmt_s(table_cpu)} "
                f"| {_fmt_s(elapsed + table_wall)} |",
                flush=True,
            )


# ------------------------------------------------------------------ segmentation check


def _evaluation_sentences() -> list[str]:
    texts: list[str] = []
    for path in sorted(NEWS.parent.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts += [row[k] for k in ("a", "b", "sent_a", "sent_b") if row.get(k)]
    return list(dict.fromkeys(texts))


def check_segmentation() -> int:
    """core.segment's cached, shortcut splitting against plain pysbd, block by block.

    The reference runs in a fresh process that imports pysbd alone, so that neither the
    shortcut nor the compile cache that core.segment installs in pysbd can touch it.
    """
    from core.segment import _paragraph_kind, _paragraphs, _split

    documents = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    documents += [p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.txt"))]
    for words in (1000, 10000):
        documents += build_pair(words, seed=words)
    blocks = [
        document[start:end]
        for document in documents
        for start, end in _paragraphs(document)
        if _paragraph_kind(document[start:end]) == "text"
    ]
    blocks = list(dict.fromkeys(blocks + _evaluation_sentences()))
    reference_code = (
        "import json, sys, pysbd\n"
        "s = pysbd.Segmenter(language='en', clean=False)\n"
        "blocks = json.load(sys.stdin)\n"
        "print(json.dumps([[x.strip() for x in s.segment(b) if x.strip()] for b in blocks]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", reference_code],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        check=True,
    )
    reference = json.loads(done.stdout)
    start = time.perf_counter()
    ours = [[x.strip() for x in _split(b) if x.strip()] for b in blocks]
    elapsed = time.perf_counter() - start
    differ = [b for b, r, o in zip(blocks, reference, ours, strict=True) if r != o]
    print(f"{len(blocks):,} blocks, {len(differ)} differ from pysbd; ours took {elapsed:.2f} s")
    for block in differ[:10]:
        print("  differs:", block[:120])
    return 1 if differ else 0


def _pair_scores(truth: Sequence[str], found: dict[str, int], names: Sequence[str]) -> str:
    """Pairwise precision / recall of "same group", and the adjusted Rand index."""
    from math import comb

    tp = fp = fn = 0
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            same_truth = truth[a] == truth[b]
            same_found = found[names[a]] == found[names[b]]
            tp += same_truth and same_found
            fp += same_found and not same_truth
            fn += same_truth and not same_found
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    # Adjusted Rand index from the contingency table (Hubert & Arabie 1985).
    cells: dict[tuple[str, int], int] = {}
    for name, event in zip(names, truth, strict=True):
        cells[(event, found[name])] = cells.get((event, found[name]), 0) + 1
    rows: dict[str, int] = {}
    cols: dict[int, int] = {}
    for (event, group), count in cells.items():
        rows[event] = rows.get(event, 0) + count
        cols[group] = cols.get(group, 0) + count
    index = sum(comb(c, 2) for c in cells.values())
    row_sum = sum(comb(c, 2) for c in rows.values())
    col_sum = sum(comb(c, 2) for c in cols.values())
    expected = row_sum * col_sum / comb(len(names), 2)
    top = (row_sum + col_sum) / 2
    ari = (index - expected) / (top - expected) if top != expected else 1.0
    return f"{len(set(found.values()))} groups, P {precision:.2f} R {recall:.2f} ARI {ari:.2f}"


def evaluate_groups(thresholds: Sequence[float]) -> None:
    """How well story groups recover the news set's five events, at several thresholds.

    The two five-outlet events (NewsWCL50) and the three three-outlet events (BASIL) are
    also scored apart, so that a threshold picked on one half can be checked on the other.
    """
    from core.matrix import SAME_STORY_THRESHOLD, compare_all, load_articles, story_groups
    from core.model import Settings

    paths = [str(p) for p in sorted(NEWS.glob("*.txt"))]
    articles, _ = load_articles(paths, workers=os.cpu_count() or 1)
    pairs = list(compare_all(articles, settings=Settings(), workers=os.cpu_count() or 1))
    names = [a.name for a in articles]
    event = {name: name.split("__")[0] for name in names}
    halves = {
        "all 19": names,
        "NewsWCL50 (2 events, 10 articles)": [n for n in names if n.startswith("2018-04")],
        "BASIL (3 events, 9 articles)": [n for n in names if not n.startswith("2018-04")],
    }
    same = [p.similarity for p in pairs if event[p.left] == event[p.right]]
    other = [p.similarity for p in pairs if event[p.left] != event[p.right]]
    print(
        f"pair similarity, same event: min {min(same):.3f}, mean {sum(same) / len(same):.3f}; "
        f"different events: max {max(other):.3f}, mean {sum(other) / len(other):.3f}\n"
    )
    print("| threshold | " + " | ".join(halves) + " |")
    print("|---|" + "---|" * len(halves))
    for threshold in sorted({*thresholds, SAME_STORY_THRESHOLD}):
        cells = []
        for subset in halves.values():
            chosen = set(subset)
            sub_pairs = [p for p in pairs if p.left in chosen and p.right in chosen]
            groups = story_groups(subset, sub_pairs, threshold=threshold)
            found = {name: i for i, group in enumerate(groups) for name in group}
            cells.append(_pair_scores([event[n] for n in subset], found, subset))
        mark = " (default)" if threshold == SAME_STORY_THRESHOLD else ""
        print(f"| {threshold:g}{mark} | " + " | ".join(cells) + " |")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--groups":
        evaluate_groups([0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--check-segmentation":
        sys.exit(check_segmentation())
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        label, left, right, repeat = sys.argv[2:6]
        result = measure(label, left, right, int(repeat))
        print(json.dumps(asdict(result)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per size")
    parser.add_argument("--json", help="also write the raw figures here")
    parser.add_argument("--matrix", type=int, nargs="*", help="article counts for corpus mode")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--words", type=int, default=1400, help="corpus mode: story length")
    args = parser.parse_args()
    if args.matrix is not None:
        run_matrix_scaling(args.matrix, args.workers, args.words)
    else:
        run_sizes(args.sizes, args.timeout, args.json)


if __name__ == "__main__":
    main()
