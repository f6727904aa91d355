"""Every stage of ``compare --json`` on growing documents, with the alignment peers beside it.

    python bench/growth.py                         # 20k, 50k, 100k words a side
    python bench/growth.py --sizes 20000 50000     # some sizes only
    python bench/growth.py --check-growth          # exit 1 if a stage grows faster than linear
    python bench/growth.py --json figures.json     # also write the raw figures
    python bench/growth.py --baseline /tmp/old --runs 3  # an older checkout, alternately
    python bench/growth.py --cold-cache            # each run with an empty user cache folder

Each size runs in a fresh process (cold caches, as a first ``compare`` is) that does
exactly what ``main.py compare --json`` does, stage by stage, in the same order:

* ``imports``: ``cli.commands`` and the engine modules ``compare`` runs;
* ``load``: ``core.loading.load_path`` of both files;
* ``segment``: ``core.segment.segment`` of both documents;
* ``terms``: ``core.align.terms_of`` of every passage (words, stems, facts; cached per
  text, so ``align`` below reuses them);
* ``claims``: ``core.compare.claims_across``: every passage's claims, paired across the two
  articles (the evidence alignment gets, and conflicts found across the articles), and
  ``claim_evidence``, the matrix alignment reads;
* ``align``: ``core.align.similarity`` + ``assign`` (the score matrices and the links);
* ``verdicts``: ``core.compare.judged_link`` for every link;
* ``output``: the ``Comparison`` (its per-passage index) and ``comparison_to_dict``;
* ``write``: the JSON text written to a file.

In the same process, on the engine's own passages, the peers of the alignment:

* ``tfidf``: scikit-learn ``TfidfVectorizer`` (fitted on both sides' passages) and the
  sparse cosine ``A @ B.T`` (kept sparse), the standard library-grade baseline;
* ``rapidfuzz``: ``token_sort_ratio`` of every pair: tokens sorted once per passage,
  then ``process.cdist`` with ``fuzz.ratio`` on all cores.

``terms`` reads wordfreq's English list as the table core/english.py keeps in the user's
cache folder (``$FACTCOMPARE_CACHE_DIR``), made by the first process that needs it;
``--cold-cache`` gives every run an empty folder of its own, so that each pays for making
it, as a first run after installing does.

Growth is the log-log slope of each stage's time against the number of passage pairs
(``passages left × passages right``) and against links, between the smallest and the
largest size.  ``--check-growth`` prints a warning and exits 1 when a stage grows faster
than linear in passage pairs (slope above 1 + tolerance), or, for the stages that walk the
links (verdicts, output, write), faster than linear in links.  It never runs in the tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SIZES = (20_000, 50_000, 100_000)
STAGES = ("imports", "load", "segment", "terms", "claims", "align", "verdicts", "output", "write")
PEERS = ("tfidf", "rapidfuzz")
LINK_STAGES = ("verdicts", "output", "write")
# Stages that take under this long at the largest size are noise, not growth.
NOISE_SECONDS = 0.05
TOLERANCE = 0.15  # slope above 1 + this counts as faster than linear
CACHE_DIR_ENV = "FACTCOMPARE_CACHE_DIR"  # core.english.CACHE_DIR_ENV


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child(left: str, right: str, root: Path = ROOT) -> dict[str, Any]:
    """One cold ``compare --json``, stage by stage, then the peers; the figures as a dict.

    ``root`` is the checkout whose engine is timed (another one: ``--baseline``).
    """
    sys.path.insert(0, str(root))
    # Write the JSON as that checkout's command line does (older ones used json.dump).
    streamed = "json.dump(comparison_to_dict" in (root / "cli" / "commands.py").read_text()
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    rss: dict[str, float] = {}

    def timed(name: str, function: Any) -> Any:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        value = function()
        seconds[name] = time.perf_counter() - start
        cpu[name] = time.process_time() - start_cpu
        rss[name] = _rss_mb()
        return value

    def imports() -> None:
        # What `main.py compare` imports before it starts (pysbd comes with the first
        # paragraph that needs it, inside "segment").
        import cli.commands  # noqa: F401
        import core.compare  # noqa: F401
        import core.loading  # noqa: F401
        import core.serialize  # noqa: F401

    timed("imports", imports)
    from core import __version__
    from core.align import assign, similarity, terms_of
    from core.compare import claim_evidence, claims_across, judged_link
    from core.loading import load_path
    from core.model import Comparison, PassageRef
    from core.segment import segment
    from core.serialize import comparison_to_dict
    from core.settings import Settings

    settings = Settings()
    docs = timed("load", lambda: (load_path(left), load_path(right)))
    lp, rp = timed(
        "segment", lambda: (segment(docs[0].text, "left"), segment(docs[1].text, "right"))
    )
    timed("terms", lambda: [terms_of(p.text) for p in (*lp, *rp)])

    def claims() -> Any:
        # The evidence matrix is the claims' output: for long documents its entries
        # (core.align.EvidenceEntries), for short ones a dense array.
        found = claims_across(lp, rp, settings=settings)
        return claim_evidence(found, len(lp), len(rp))

    evidence = timed("claims", claims)
    matches = timed(
        "align",
        lambda: assign(
            similarity(lp, rp, settings=settings, evidence=evidence), lp, rp, settings=settings
        ),
    )

    def verdicts() -> tuple[Any, ...]:
        return tuple(
            judged_link(
                lp[m.left],
                rp[m.right],
                score=m.score,
                settings=settings,
                refs=(PassageRef("left", m.left), PassageRef("right", m.right)),
            )
            for m in matches
        )

    links = timed("verdicts", verdicts)

    def output() -> dict[str, Any]:
        comparison = Comparison(
            left=docs[0],
            right=docs[1],
            left_passages=lp,
            right_passages=rp,
            links=links,
            settings=settings,
            engine_version=__version__,
        )
        return comparison_to_dict(comparison)

    data = timed("output", output)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.json"

        def write() -> None:
            with open(target, "w", encoding="utf-8") as handle:
                if streamed:
                    json.dump(data, handle, ensure_ascii=False)
                else:
                    handle.write(json.dumps(data, ensure_ascii=False))
                handle.write("\n")

        timed("write", write)
    peak_engine = _rss_mb()
    peers, peers_cpu = _peers([p.text for p in lp], [p.text for p in rp])
    return {
        "words": [len(d.text.split()) for d in docs],
        "passages": [len(lp), len(rp)],
        "links": len(links),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_mb": rss,
        "peak_rss_mb": peak_engine,
        "peers": peers,
        "peers_cpu": peers_cpu,
    }


def _peers(left: list[str], right: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """The alignment peers on the same passages (segmentation not included): wall and
    CPU seconds (rapidfuzz runs on all cores: its CPU time is that of all of them)."""
    out: dict[str, float] = {}
    cpu: dict[str, float] = {}
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        out["tfidf"] = cpu["tfidf"] = math.nan
    else:
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        vectoriser = TfidfVectorizer(sublinear_tf=True)
        vectoriser.fit(left + right)
        a, b = vectoriser.transform(left), vectoriser.transform(right)
        scores = a @ b.T  # rows are L2-normalised: this is the cosine
        scores.max(axis=1)
        out["tfidf"] = time.perf_counter() - start
        cpu["tfidf"] = time.process_time() - start_cpu
    from rapidfuzz import fuzz, process, utils

    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    # token_sort_ratio with the sorting done once per passage (cdist with the
    # token_sort_ratio scorer re-sorts one side for every pair: 20× slower at 50k).
    left_sorted = [" ".join(sorted(utils.default_process(t).split())) for t in left]
    right_sorted = [" ".join(sorted(utils.default_process(t).split())) for t in right]
    process.cdist(left_sorted, right_sorted, scorer=fuzz.ratio, dtype="uint8", workers=-1)
    out["rapidfuzz"] = time.perf_counter() - start
    cpu["rapidfuzz"] = time.process_time() - start_cpu
    return out, cpu


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per stage, the median of the runs (the run nearest the median total for the rest)."""
    if len(runs) == 1:
        return runs[0]
    ordered = sorted(runs, key=lambda r: sum(r["seconds"].values()))
    middle = dict(ordered[len(ordered) // 2])
    for key in ("seconds", "cpu_seconds", "peers", "peers_cpu"):
        if key not in runs[0]:
            continue
        middle[key] = {
            stage: statistics.median(r[key][stage] for r in runs) for stage in runs[0][key]
        }
    return middle


def cpu_table(rows: list[dict[str, Any]]) -> str:
    """CPU seconds per stage: what the stages cost whatever else the machine is doing;
    then the alignment (terms + align) against the peers, CPU against CPU."""
    lines = [
        "| words a side | " + " | ".join(STAGES) + " | **total** |",
        "|---" * (len(STAGES) + 2) + "|",
    ]
    for r in rows:
        cells = " | ".join(_fmt(r["cpu_seconds"][s]) for s in STAGES)
        total = sum(r["cpu_seconds"].values())
        lines.append(f"| {r['size'] // 1000}k | {cells} | **{_fmt(total)}** |")
    lines += [
        "",
        "| words a side | engine terms + align, CPU | TF-IDF cosine peer, CPU | ratio |",
        "|---|---|---|---|",
    ]
    for r in rows:
        engine = r["cpu_seconds"]["terms"] + r["cpu_seconds"]["align"]
        tfidf = r.get("peers_cpu", {}).get("tfidf", math.nan)
        lines.append(
            f"| {r['size'] // 1000}k | {_fmt(engine)} | {_fmt(tfidf)} | {engine / tfidf:.1f}× |"
        )
    return "\n".join(lines) + "\n"


def slope(xs: list[float], ys: list[float]) -> float:
    """Growth exponent between the first and the last point (log-log)."""
    if ys[0] <= 0 or ys[-1] <= 0 or xs[0] == xs[-1]:
        return 0.0
    return math.log(ys[-1] / ys[0]) / math.log(xs[-1] / xs[0])


def make_documents(sizes: list[int], folder: Path) -> list[tuple[int, Path, Path]]:
    from speed import build_pair  # bench/speed.py's generator: same documents

    made = []
    for words in sizes:
        left, right = build_pair(words, seed=words)
        lpath, rpath = folder / f"{words}_l.txt", folder / f"{words}_r.txt"
        lpath.write_text(left, encoding="utf-8")
        rpath.write_text(right, encoding="utf-8")
        made.append((words, lpath, rpath))
    return made


def _fmt(seconds: float) -> str:
    if math.isnan(seconds):
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def report(rows: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The Markdown tables, and the growth warnings (empty when every stage is linear)."""
    lines = [
        "| words a side | passages L×R | links | "
        + " | ".join(STAGES)
        + " | **total** | peak RSS |",
        "|---" * (len(STAGES) + 5) + "|",
    ]
    for r in rows:
        total = sum(r["seconds"].values())
        cells = " | ".join(_fmt(r["seconds"][s]) for s in STAGES)
        lines.append(
            f"| {r['size'] // 1000}k | {r['passages'][0]:,}×{r['passages'][1]:,} | "
            f"{r['links']:,} | {cells} | **{_fmt(total)}** | {r['peak_rss_mb']:.0f} MB |"
        )
    lines += [
        "",
        "| words a side | engine align (terms + align) | TF-IDF cosine peer | ratio "
        "| rapidfuzz token_sort cdist | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        engine = r["seconds"]["terms"] + r["seconds"]["align"]
        tfidf, fuzzy = r["peers"]["tfidf"], r["peers"]["rapidfuzz"]
        lines.append(
            f"| {r['size'] // 1000}k | {_fmt(engine)} | {_fmt(tfidf)} | "
            f"{engine / tfidf:.1f}× | {_fmt(fuzzy)} | {engine / fuzzy:.1f}× |"
        )
    warnings: list[str] = []
    if len(rows) >= 2:
        pairs = [float(r["passages"][0] * r["passages"][1]) for r in rows]
        links = [float(max(r["links"], 1)) for r in rows]
        lines += [
            "",
            f"Growth from {rows[0]['size'] // 1000}k to {rows[-1]['size'] // 1000}k words: "
            f"passage pairs ×{pairs[-1] / pairs[0]:.1f}, links ×{links[-1] / links[0]:.1f}.",
            "",
            "| stage | exponent vs passage pairs | exponent vs links |",
            "|---|---|---|",
        ]
        for stage in (*STAGES[1:], *PEERS):
            times = [r["peers"][stage] if stage in PEERS else r["seconds"][stage] for r in rows]
            by_pairs, by_links = slope(pairs, times), slope(links, times)
            lines.append(f"| {stage} | {by_pairs:.2f} | {by_links:.2f} |")
            if stage in PEERS or times[-1] < NOISE_SECONDS:
                continue
            if by_pairs > 1 + TOLERANCE:
                warnings.append(
                    f"{stage}: time grows as passage pairs^{by_pairs:.2f} "
                    f"({_fmt(times[0])} → {_fmt(times[-1])}): faster than linear"
                )
            if stage in LINK_STAGES and by_links > 1 + TOLERANCE:
                warnings.append(
                    f"{stage}: time grows as links^{by_links:.2f} "
                    f"({_fmt(times[0])} → {_fmt(times[-1])}): faster than linear in links"
                )
    return "\n".join(lines) + "\n", warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--check-growth", action="store_true", help="exit 1 on super-linear growth")
    parser.add_argument("--json", help="also write the raw figures here")
    parser.add_argument("--runs", type=int, default=1, help="runs per size (median kept)")
    parser.add_argument(
        "--baseline", help="another checkout (e.g. the commit before a change), run alternately"
    )
    parser.add_argument(
        "--cold-cache",
        action="store_true",
        help="each run with an empty user cache folder (the word table made again)",
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], Path(args.child[2]))))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    roots = {"this checkout": ROOT}
    if args.baseline:
        roots["baseline"] = Path(args.baseline).resolve()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in roots}
    with tempfile.TemporaryDirectory() as folder:
        for words, lpath, rpath in make_documents(sorted(args.sizes), Path(folder)):
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name in roots}
            for attempt in range(args.runs):
                for name, root in roots.items():  # alternately: both see the same load
                    print(f"… {words:,} words a side, {name}, run {attempt + 1}", file=sys.stderr)
                    env = dict(os.environ)
                    if args.cold_cache:
                        env[CACHE_DIR_ENV] = tempfile.mkdtemp(dir=folder)
                    done = subprocess.run(
                        [sys.executable, __file__, "--child", str(lpath), str(rpath), str(root)],
                        capture_output=True,
                        text=True,
                        check=True,
                        cwd=root,
                        env=env,
                    )
                    figures = json.loads(done.stdout.strip().splitlines()[-1])
                    runs[name].append({"size": words, **figures})
            for name in roots:
                rows[name].append(_median_run(runs[name]))
    warnings: list[str] = []
    for name, figures in rows.items():
        text, found = report(figures)
        print(f"### {name}: wall clock (median of {args.runs})\n\n{text}")
        print(f"### {name}: CPU time per stage\n\n{cpu_table(figures)}")
        if name == "this checkout":
            warnings = found
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the end")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    for warning in warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    if args.check_growth and warnings:
        print("growth check FAILED: a stage grows faster than linear", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
