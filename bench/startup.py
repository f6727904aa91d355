"""End-to-end start-up: ``python main.py compare`` on two corpus files, process start included.

    python bench/startup.py            # hyperfine if installed, else repeated subprocesses
    python bench/startup.py --runs 20
    python bench/startup.py --imports  # import time of each command, heaviest packages first
    python bench/startup.py --window   # launch to the first frame and the default comparison
    python bench/startup.py --window --baseline DIR   # ... and an older checkout, alternately
    python bench/startup.py --window --pyc   # ... with bytecode cached, as an installed copy
    python bench/startup.py --import-cpu [--baseline DIR]   # CPU time of each command's imports
    python bench/startup.py --baseline DIR   # main.py compare, this checkout and DIR alternately

Three commands are timed side by side, so that the engine's share can be told from the
interpreter's: a bare ``python -c pass``, importing the engine (``cli.commands`` and what it
loads), and the whole comparison printed to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def end_to_end(runs: int, baseline: str) -> None:
    """``main.py compare`` (text and --json) of the corpus pair, process start to exit, this
    checkout and ``baseline`` alternately: median wall and CPU seconds (user + system)."""
    left, right = str(CORPUS[2]), str(CORPUS[4])
    versions = {"this checkout": ROOT, "baseline": Path(baseline)}
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code as a user's second run finds it
    variants = {"compare": [], "compare --json": ["--json"]}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    for attempt in range(runs + 1):
        for variant, option in variants.items():
            for version, folder in versions.items():
                command = [sys.executable, "main.py", "compare", *option, left, right]
                start = time.perf_counter()
                with open(os.devnull, "w") as sink:
                    child = subprocess.Popen(command, cwd=folder, stdout=sink, env=env)
                    _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - start
                if os.waitstatus_to_exitcode(status) != 0:
                    raise RuntimeError(f"{' '.join(command)} failed in {folder}")
                if attempt:  # the first round writes byte code and warms the file cache
                    cpu = usage.ru_utime + usage.ru_stime
                    times.setdefault((variant, version), []).append((wall, cpu))
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(f"corpus 002 x 004, process start to exit, median of {runs}\n")
    print("| command | " + " | ".join(f"{v} wall / CPU" for v in versions) + " |")
    print("|---|" + "---|" * len(versions))
    for variant in variants:
        cells = []
        for version in versions:
            values = times[(variant, version)]
            wall = statistics.median(w for w, _ in values)
            cpu = statistics.median(c for _, c in values)
            cells.append(f"{wall * 1000:.0f} / {cpu * 1000:.0f} ms")
        print(f"| main.py {variant} | " + " | ".join(cells) + " |")


# ---------------------------------------------------------------------- import times


def import_commands(folder: Path) -> dict[str, list[str]]:
    """Each command as a user runs it, and the window's modules (imported, not shown)."""
    left, right = str(CORPUS[2]), str(CORPUS[4])
    rows = folder / "rows.jsonl"
    rows.write_text(
        json.dumps({"id": 1, "a": "It rained 3 days.", "b": "It rained 4 days."}) + "\n"
    )
    return {
        "compare": ["main.py", "compare", left, right],
        "compare --json": ["main.py", "compare", "--json", left, right],
        "pairs (1 row)": ["main.py", "pairs", str(rows)],
        "report": ["main.py", "report", left, right, "-o", str(folder / "r.html")],
        "matrix (5 corpus articles, 1 process)": [
            "main.py",
            "matrix",
            str(CORPUS[0].parent),
            "--workers",
            "1",
        ],
        "window modules (gui.app + gui.main_window)": [
            "-c",
            "import gui.app, gui.main_window",
        ],
    }


def parse_importtime(stderr: str) -> tuple[float, dict[str, float]]:
    """Total import seconds, and the seconds spent in each top-level package's own modules
    (the sum of their self times: ``core`` is the engine's own code, ``scipy`` all of scipy's
    modules whoever imported them)."""
    total = 0.0
    packages: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        if not name.startswith("  "):  # one space: imported by the program itself
            total += int(cumulative_us) / 1e6
        top = name.strip().split(".")[0]
        packages[top] = packages.get(top, 0.0) + int(self_us) / 1e6
    return total, packages


def import_times(runs: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Byte code as a user's second run finds it: with PYTHONDONTWRITEBYTECODE set and no
    # __pycache__, every run would compile the project's modules from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        commands = import_commands(Path(folder))
        print(f"`python -X importtime`, median of {runs} runs; per package: the self time of")
        print("its modules summed (core = the engine's own modules).\n")
        print("| command | all imports | heaviest |")
        print("|---|---|---|")
        for name, command in commands.items():
            totals: list[float] = []
            per_package: dict[str, list[float]] = {}
            for _ in range(runs):
                done = subprocess.run(
                    [sys.executable, "-X", "importtime", *command],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                )
                total, packages = parse_importtime(done.stderr)
                totals.append(total)
                for package, seconds in packages.items():
                    per_package.setdefault(package, []).append(seconds)
            medians = {p: statistics.median(v) for p, v in per_package.items()}
            heavy = sorted(medians.items(), key=lambda item: -item[1])[:7]
            cells = ", ".join(f"{p} {s * 1000:.0f}" for p, s in heavy if s >= 0.01)
            print(f"| {name} | **{statistics.median(totals) * 1000:.0f} ms** | {cells} (ms) |")


# What each command imports, as one statement: its CPU time is what the imports cost
# whatever else the machine does (-X importtime gives wall time, which on a shared machine
# also counts waiting for a core).
# pysbd and ftfy are imported with the first paragraph (pysbd) or line (ftfy: a line that is
# not plain printable ASCII) that needs them, which nearly every article has: counted here.
# `pairs` opens its rows with core.files where a checkout has it, with core.loading before.
IMPORT_SETS = {
    "`--help`, `--version`, usage errors": "import cli.commands",
    "`compare` / `report` (the engine, pysbd and ftfy included)": (
        "import cli.commands, core.compare, core.loading, core.serialize, pysbd, ftfy"
    ),
    "`pairs`": (
        "import cli.commands, core.pairs, core.serialize\n"
        "try:\n    import core.files\nexcept ImportError:\n    import core.loading"
    ),
    "window, to its first frame": "import PySide6.QtWidgets, gui.app, gui.main_window",
}
# The command whose start each set stands for: main.py prepares the process for it before
# anything is imported (a checkout whose main.py has ``prepare_process`` pauses the cycle
# collector for the one-shot commands), and the timed imports run as they do after that.
IMPORT_COMMANDS = {
    "`--help`, `--version`, usage errors": "compare",  # `compare --help`: the same start
    "`compare` / `report` (the engine, pysbd and ftfy included)": "compare",
    "`pairs`": "pairs",
    "window, to its first frame": "",
}
_TIMED_IMPORT = (
    "import time\nstart = time.process_time()\n"
    "import main\ngetattr(main, 'prepare_process', lambda args: False)([{command!r}])\n"
    "{statement}\nprint(time.process_time() - start)"
)


def import_cpu(runs: int, baseline: str | None = None) -> None:
    """CPU seconds of each command's imports in a fresh process, median of ``runs``; with
    ``baseline`` (an older checkout), the two alternately.  Byte code is used as a user's
    second run finds it (``__pycache__`` written once beforehand)."""
    versions = {"this checkout": ROOT} | ({"baseline": Path(baseline)} if baseline else {})
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[tuple[str, str], list[float]] = {}
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    for _ in range(runs):
        for name, statement in IMPORT_SETS.items():
            for version, folder in versions.items():
                done = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        _TIMED_IMPORT.format(statement=statement, command=IMPORT_COMMANDS[name]),
                    ],
                    cwd=folder,
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                )
                seconds = float(done.stdout.strip().splitlines()[-1])
                times.setdefault((name, version), []).append(seconds)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(f"CPU time of the imports, median of {runs} (min–max)\n")
    print("| imports of | " + " | ".join(versions) + " |")
    print("|---|" + "---|" * len(versions))
    for name in IMPORT_SETS:
        cells = []
        for version in versions:
            values = times[(name, version)]
            cells.append(
                f"{statistics.median(values) * 1000:.0f} ms "
                f"({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"
            )
        print(f"| {name} | " + " | ".join(cells) + " |")


# ------------------------------------------------------------------------ first frame

_FIRST_FRAME = """
import sys, time, json
marks = {}
from PySide6.QtWidgets import QApplication
marks["Qt imported"] = time.time()
from gui.app import make_application
app = make_application()
marks["QApplication made"] = time.time()
from gui.main_window import MainWindow
marks["gui.main_window imported"] = time.time()
window = MainWindow()
window.resize(1200, 800)
window.show()
app.processEvents()
marks["first frame: window shown and painted, no comparison"] = time.time()
if "--default" in sys.argv:
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    window.comparison_shown.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    window.open_default()  # as `python main.py` does: the sample pair, on the worker
    loop.exec()
    app.processEvents()  # the paint events of the comparison
    assert window.comparison is not None, "no comparison in 60 s"
    marks["default comparison shown and painted"] = time.time()
    # The process's CPU seconds to this point, as a moment: what the paint cost, whatever
    # else the machine ran meanwhile.
    cpu_at_paint = time.process_time()
    if getattr(window, "sample_pending", False):  # a likely pair shown, chosen after
        window.sample_chosen.connect(loop.quit)
        loop.exec()
        app.processEvents()
        marks["default: the choice of the sample pair confirmed (background)"] = time.time()
window.set_modified(False)
print(json.dumps({"marks": marks, "cpu at paint": locals().get("cpu_at_paint")}))
"""


def _launch(folder: Path, env: dict[str, str]) -> tuple[dict[str, float], float]:
    """One launch: seconds from spawning to each mark, and the process's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_FRAME, "--default"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**env, "FACTCOMPARE_DATA_DIR": env["HOME"]},
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    printed = json.loads(done.stdout.strip().splitlines()[-1])
    marks = printed["marks"]
    if printed["cpu at paint"] is not None:  # a duration, kept as the moment start + it
        name = "default comparison painted: CPU time of the process to then"
        marks[name] = start + printed["cpu at paint"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {name: moment - start for name, moment in marks.items()}, cpu


def _version_env(env: dict[str, str], home: str, prefix: str | None) -> dict[str, str]:
    """The environment of one launch: its own settings folder and, with ``--pyc``, the
    version's own bytecode folder."""
    bytecode = {"PYTHONPYCACHEPREFIX": prefix} if prefix else {}
    return {**env, **bytecode, "HOME": home, "XDG_CONFIG_HOME": home}


def _bytecode_note() -> str:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "compiled from source at every launch (PYTHONDONTWRITEBYTECODE is set)"
    return "as this checkout's __pycache__ folders hold it"


def first_frame(runs: int, baseline: str | None = None, *, pyc: bool = False) -> None:
    """Launch to the window's first frame (offscreen), then to the default comparison
    painted (as ``python main.py`` opens it), step by step: the time from spawning the
    process to each mark, median of ``runs``; and the CPU time of the whole process.
    With ``baseline`` (an older checkout), the two run alternately.

    Python compiles every module it imports from source unless it finds its bytecode
    (``__pycache__``); with ``PYTHONDONTWRITEBYTECODE`` set, as on some build machines,
    it never does, and each launch compiles the project's ~100 modules again.
    With ``pyc`` each version gets a bytecode folder of its own (``PYTHONPYCACHEPREFIX``),
    filled by one untimed launch, as an installed or once-run copy has."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    versions = {"this checkout": ROOT} | ({"baseline": Path(baseline)} if baseline else {})
    steps: dict[str, dict[str, list[float]]] = {name: {} for name in versions}
    bytecode = tempfile.TemporaryDirectory()
    prefixes: dict[str, str | None] = dict.fromkeys(versions)
    if pyc:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for version, folder in versions.items():
            prefixes[version] = str(Path(bytecode.name) / version.replace(" ", "-"))
            with tempfile.TemporaryDirectory() as home:  # untimed: writes the bytecode
                _launch(folder, _version_env(env, home, prefixes[version]))
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("bytecode: " + ("read from a warm cache" if pyc else _bytecode_note()))
    for _ in range(runs):
        for version, folder in versions.items():
            with tempfile.TemporaryDirectory() as home:
                # Twice with the same settings folder: a first launch, then a later one
                # (which finds the sample pair it chose the first time).
                for launch in ("", " (later launch)"):
                    marks, cpu = _launch(folder, _version_env(env, home, prefixes[version]))
                    for name, moment in marks.items():
                        if launch and not name.startswith("default"):
                            continue
                        steps[version].setdefault(name + launch, []).append(moment)
                    steps[version].setdefault("CPU time of the process" + launch, []).append(cpu)
    bytecode.cleanup()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(f"launch to each step (offscreen, new settings at each first launch), median of {runs}\n")
    print("| step | " + " | ".join(versions) + " |")
    print("|---|" + "---|" * len(versions))
    for name in sorted(steps["this checkout"], key=lambda n: ("CPU" in n, "later" in n)):
        cells = [
            f"{statistics.median(steps[v][name]) * 1000:.0f} ms" if name in steps[v] else "–"
            for v in versions
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--imports", action="store_true", help="import time of each command")
    parser.add_argument("--window", action="store_true", help="launch to the first frame")
    parser.add_argument(
        "--pyc", action="store_true", help="with --window: bytecode read from a warm cache"
    )
    parser.add_argument(
        "--import-cpu", action="store_true", help="CPU time of each command's imports"
    )
    parser.add_argument(
        "--baseline",
        help="an older checkout, alternately: with --window or --import-cpu, or alone for "
        "`main.py compare` process start to exit (wall and CPU)",
    )
    args = parser.parse_args()
    if args.window:
        first_frame(args.runs, args.baseline, pyc=args.pyc)
        return
    if args.import_cpu:
        import_cpu(args.runs, args.baseline)
        return
    if args.imports:
        import_times(args.runs)
        return
    if args.baseline:
        end_to_end(args.runs, args.baseline)
        return
    tool = "hyperfine" if shutil.which("hyperfine") else "subprocess"
    results = with_hyperfine(args.runs) if tool == "hyperfine" else with_subprocess(args.runs)
    print(f"measured with {tool}, {args.runs} runs each (mean ± standard deviation)\n")
    print("| command | wall time |")
    print("|---|---|")
    for name, (mean, spread) in results.items():
        print(f"| {name} | {mean * 1000:.0f} ± {spread * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
