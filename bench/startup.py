"""End-to-end start-up: ``python main.py compare`` on two corpus files, process start included.

    python bench/startup.py            # hyperfine if installed, else repeated subprocesses
    python bench/startup.py --runs 20

Three commands are timed side by side, so that the engine's share can be told from the
interpreter's: a bare ``python -c pass``, importing the engine (``cli.commands`` and what it
loads), and the whole comparison printed to stdout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


def commands() -> dict[str, list[str]]:
    python = sys.executable
    left, right = str(CORPUS[2]), str(CORPUS[4])
    return {
        "python -c pass": [python, "-c", "pass"],
        "import the engine": [python, "-c", "import cli.commands, core.compare"],
        "main.py compare 002 004": [python, "main.py", "compare", left, right],
        "main.py compare --json": [python, "main.py", "compare", "--json", left, right],
    }


def with_hyperfine(runs: int) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "out.json"
        quoted = [" ".join(f"'{part}'" for part in cmd) for cmd in commands().values()]
        names = []
        for name in commands():
            names += ["-n", name]
        subprocess.run(
            [
                "hyperfine",
                "--warmup",
                "2",
                "--runs",
                str(runs),
                "-N",
                "--export-json",
                str(export),
                *names,
                *quoted,
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        data = json.loads(export.read_text())
    return {r["command"]: (r["mean"], r["stddev"] or 0.0) for r in data["results"]}


def with_subprocess(runs: int) -> dict[str, tuple[float, float]]:
    results = {}
    for name, command in commands().items():
        times = []
        for attempt in range(runs + 2):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            if attempt >= 2:  # the first two warm the file cache
                times.append(time.perf_counter() - start)
        results[name] = (statistics.mean(times), statistics.stdev(times))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    tool = "hyperfine" if shutil.which("hyperfine") else "subprocess"
    results = with_hyperfine(args.runs) if tool == "hyperfine" else with_subprocess(args.runs)
    print(f"measured with {tool}, {args.runs} runs each (mean ± standard deviation)\n")
    print("| command | wall time |")
    print("|---|---|")
    for name, (mean, spread) in results.items():
        print(f"| {name} | {mean * 1000:.0f} ± {spread * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
