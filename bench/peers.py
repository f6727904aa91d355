"""Whole commands against plain peers, process start to exit, runs interleaved.

    python bench/peers.py compare                # main.py compare --json, 50k and 100k words
    python bench/peers.py compare --sizes 20000  # other sizes
    python bench/peers.py pairs                  # main.py pairs on 10,000 rows
    python bench/peers.py pairs --rows 2000 --runs 7
    python bench/peers.py compare --baseline /tmp/old   # and an older checkout, interleaved
    python bench/peers.py pairs --two-processes  # pairs judged in two processes, whatever the load

Each command runs ``--runs`` times, alternating with its peer (engine, peer, engine, peer,
...), so that both see the same load on a shared machine; the table gives medians of wall
time and CPU time (user + system, all threads) and the peak RSS of the process.

Peers, each one plain Python script doing the obvious thing with a standard library:

* ``compare``: read both files, split sentences with a regular expression, scikit-learn
  TF-IDF over the sentences of both sides, sparse cosine, each sentence linked to its best
  counterpart above 0.3, one JSON object written with ``json.dumps``;
* ``pairs``: read the JSON lines, rapidfuzz ``token_sort_ratio`` of each row (``cpdist``),
  one JSON line per row.

``--profile`` runs the engine command once in-process under cProfile instead, and prints
where its time goes.

Bytecode: each command runs as a user's second run does, its modules' bytecode read from
a cache the warm-up run wrote (``PYTHONPYCACHEPREFIX``, a folder of this run's own, so no
checkout is written to), even where ``PYTHONDONTWRITEBYTECODE`` is set.  ``--from-source``
times them as that setting with no ``__pycache__`` does: every module compiled at every
launch (~0.1 s of CPU for the engine's modules).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAIRS_SOURCE = ROOT.parent / "shared" / "eval" / "ecbplus_test_sentence_pairs.jsonl"


# -------------------------------------------------------------------------------- peers


def peer_compare(left: str, right: str) -> None:
    """The compare peer: regex sentences, TF-IDF cosine, best counterpart, JSON out."""
    import re

    from sklearn.feature_extraction.text import TfidfVectorizer

    sentence = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
    sides = []
    for path in (left, right):
        text = Path(path).read_text(encoding="utf-8")
        sides.append([s for line in text.splitlines() for s in sentence.split(line) if s.strip()])
    vectoriser = TfidfVectorizer(sublinear_tf=True).fit(sides[0] + sides[1])
    scores = (vectoriser.transform(sides[0]) @ vectoriser.transform(sides[1]).T).tocsr()
    links = []
    for i in range(scores.shape[0]):
        row = scores.getrow(i)
        if row.nnz:
            j = int(row.indices[row.data.argmax()])
            if row.data.max() >= 0.3:
                links.append({"left": i, "right": j, "score": round(float(row.data.max()), 4)})
    out = {"left": sides[0], "right": sides[1], "links": links}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


def peer_pairs(path: str) -> None:
    """The pairs peer: rapidfuzz token_sort_ratio of each row, JSON lines out."""
    from rapidfuzz import fuzz, process

    text = Path(path).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    scores = process.cpdist(
        [r["a"] for r in rows], [r["b"] for r in rows], scorer=fuzz.token_sort_ratio, workers=-1
    )
    lines = [
        json.dumps({"id": r.get("id"), "score": round(float(s) / 100, 4)}, ensure_ascii=False)
        for r, s in zip(rows, scores.tolist(), strict=True)
    ]
    sys.stdout.write("\n".join(lines) + "\n")


# ----------------------------------------------------------------------------- timing


# Where the commands' bytecode is cached (set_bytecode_cache); None: as this process's
# environment says (PYTHONDONTWRITEBYTECODE and no __pycache__: compiled at every launch).
_BYTECODE: str | None = None


def set_bytecode_cache(folder: str | None) -> None:
    global _BYTECODE
    _BYTECODE = folder


def _environment() -> dict[str, str] | None:
    """The commands' environment: this process's (read at each launch: options set
    variables), with the bytecode cache."""
    if _BYTECODE is None:
        return None
    env = {**os.environ, "PYTHONPYCACHEPREFIX": _BYTECODE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(command: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (user + system, the process and the children it waited
    for), peak RSS (MB) of one process, and the CPU seconds of the process alone where it
    printed them (:data:`_SELF_CPU`), else NaN."""
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE, env=_environment()
        )
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {errors}")
    own = [line for line in errors.splitlines() if line.startswith("own CPU ")]
    own_cpu = float(own[-1].removeprefix("own CPU ")) if own else float("nan")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, own_cpu


# main.py run as its `__main__` block does, then the CPU seconds of the main process alone
# printed on stderr: with a helper process working alongside (pairs judges in two), this
# is the critical path an idle machine's wall time follows.
_SELF_CPU = """
import os, resource, sys
sys.path.insert(0, sys.argv[1])
sys.argv = ["main.py", *sys.argv[2:]]
import main
one_shot = getattr(main, "prepare_process", lambda args: False)(sys.argv[1:])
if os.environ.get("BENCH_TWO_PROCESSES"):  # as on an idle machine, whatever the load
    import core.pairs
    core.pairs._a_core_is_idle = lambda: True
status = main.main(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"own CPU {usage.ru_utime + usage.ru_stime}", file=sys.stderr)
main.exit_now(status) if hasattr(main, "exit_now") else sys.exit(status)
"""


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, ...]]]:
    results: dict[str, list[tuple[float, ...]]] = {name: [] for name in commands}
    for command in commands.values():  # one warm-up each: file cache, bytecode cache
        run_once(command)
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run_once(command))
    return results


def table(results: dict[str, list[tuple[float, ...]]], engine: str, peer: str) -> str:
    own = any(r[3] == r[3] for runs in results.values() for r in runs)  # any not NaN
    # The fewest CPU seconds of the runs beside the median: on a machine others load, CPU
    # time grows too (shared caches and cores), least in the run that met the least load.
    lines = [
        "| command | wall (median) | CPU (median) | CPU (min) | peak RSS | wall vs peer |"
        + (" main process CPU (median) | (min) |" if own else ""),
        "|---|---|---|---|---|---|" + ("---|---|" if own else ""),
    ]
    peer_wall = statistics.median(r[0] for r in results[peer])
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        least = min(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        line = (
            f"| {name} | {wall:.2f} s | {cpu:.2f} s | {least:.2f} s | {rss:.0f} MB "
            f"| {wall / peer_wall:.1f}× |"
        )
        if own:
            own_cpu = [r[3] for r in runs if r[3] == r[3]]
            line += (
                f" {statistics.median(own_cpu):.2f} s | {min(own_cpu):.2f} s |"
                if own_cpu
                else " – | – |"
            )
        lines.append(line)
    return "\n".join(lines)


def bench_compare(sizes: list[int], runs: int, baseline: str | None = None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from speed import build_pair

    with tempfile.TemporaryDirectory() as folder:
        for words in sizes:
            left, right = build_pair(words, seed=words)
            lpath, rpath = Path(folder) / "l.txt", Path(folder) / "r.txt"
            lpath.write_text(left, encoding="utf-8")
            rpath.write_text(right, encoding="utf-8")
            engine = f"main.py compare --json ({words // 1000}k)"
            peer = f"TF-IDF peer ({words // 1000}k)"
            commands = {
                engine: [sys.executable, "main.py", "compare", "--json", str(lpath), str(rpath)],
                peer: [sys.executable, __file__, "--peer-compare", str(lpath), str(rpath)],
            }
            if baseline:  # another checkout of the project, e.g. the commit before a change
                commands[f"baseline ({words // 1000}k)"] = [
                    sys.executable,
                    str(Path(baseline) / "main.py"),
                    "compare",
                    "--json",
                    str(lpath),
                    str(rpath),
                ]
            print(table(interleaved(commands, runs), engine, peer), flush=True)
            print()


def bench_pairs(rows: int, runs: int, baseline: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        lines = PAIRS_SOURCE.read_text(encoding="utf-8").splitlines()[:rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        engine, peer = f"main.py pairs ({len(lines):,} rows)", "rapidfuzz peer"
        commands = {
            engine: [sys.executable, "-c", _SELF_CPU, str(ROOT), "pairs", str(path)],
            peer: [sys.executable, __file__, "--peer-pairs", str(path)],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        if baseline:  # another checkout, e.g. the commit before a change
            commands["baseline"] = [sys.executable, "-c", _SELF_CPU, baseline, "pairs", str(path)]
        print(table(interleaved(commands, runs), engine, peer))


def profile(argv: list[str]) -> None:
    import cProfile
    import io
    import pstats

    from main import main as run_main

    saved, sys.stdout = sys.stdout, io.StringIO()
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        run_main(argv)
    finally:
        profiler.disable()
        sys.stdout = saved
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    if sys.argv[1:2] == ["--peer-compare"]:
        peer_compare(sys.argv[2], sys.argv[3])
        return
    if sys.argv[1:2] == ["--peer-pairs"]:
        peer_pairs(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("compare", "pairs"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the engine command")
    parser.add_argument("--baseline", help="a checkout of another version, timed alongside")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="compile every module at every launch (no bytecode cache), as before",
    )
    parser.add_argument(
        "--two-processes",
        action="store_true",
        help="pairs: judge in two processes whatever the load (as on an idle machine)",
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    pyc = tempfile.TemporaryDirectory(prefix="peers-pyc-")
    set_bytecode_cache(None if args.from_source else pyc.name)
    print("bytecode: " + ("compiled at every launch\n" if args.from_source else "cached\n"))
    if args.two_processes:
        os.environ["BENCH_TWO_PROCESSES"] = "1"  # read by _SELF_CPU in this checkout
    if args.profile and args.what == "pairs":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.jsonl"
            lines = PAIRS_SOURCE.read_text(encoding="utf-8").splitlines()[: args.rows]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            profile(["pairs", str(path)])
    elif args.what == "pairs":
        bench_pairs(args.rows, args.runs, args.baseline)
    else:
        bench_compare(args.sizes, args.runs, args.baseline)


if __name__ == "__main__":
    main()
