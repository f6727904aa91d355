"""What the ``terms`` stage of ``bench/growth.py`` pays for, part by part, in a cold process.

    python bench/terms_cost.py                      # 20k and 50k words a side
    python bench/terms_cost.py --sizes 20000 --runs 5

The stage (``core.align.terms_of`` of every passage) is the first to need three things
that a process loads once, and the first to extract the passages' facts, which the claims
and the verdicts read again from their cache.  Here each comes first on its own, in a
fresh process per run (the documents of ``bench/speed.py``'s generator, as growth.py
uses), so that the rest is what the alignment itself costs a document:

* ``word list``: wordfreq's English list read by ``core.english`` (once a process);
* ``fact patterns``: the claims vocabulary's patterns that fact extraction compiles;
* ``facts``: ``extract_facts`` of the passages that can state a quantity (the claims stage
  extracts every passage's facts too: whichever stage runs first pays);
* ``terms``: ``terms_of`` of every passage, the above done.

CPU seconds, medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("word list", "fact patterns", "facts", "terms")


def child(left: str, right: str) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    import cli.commands  # noqa: F401  (the imports of `compare`, as growth.py does)
    import core.compare  # noqa: F401
    from core import align, english
    from core.claims.vocabulary import vocabulary
    from core.facts import extract_facts, states_quantities
    from core.loading import load_path
    from core.segment import segment

    texts = [
        p.text
        for side, path in (("left", left), ("right", right))
        for p in segment(load_path(path).text, side)
    ]
    steps = {
        "word list": english._english_buckets,
        "fact patterns": vocabulary,
        "facts": lambda: [extract_facts(t) for t in texts if states_quantities(t)],
        "terms": lambda: [align.terms_of(t) for t in texts],
    }
    cpu = {}
    for name, step in steps.items():
        start = time.process_time()
        step()
        cpu[name] = time.process_time() - start
    return cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from growth import make_documents

    print("| words a side | " + " | ".join(PARTS) + " | **all** |")
    print("|---" * (len(PARTS) + 2) + "|")
    with tempfile.TemporaryDirectory() as folder:
        for words, lpath, rpath in make_documents(sorted(args.sizes), Path(folder)):
            runs = []
            for _ in range(args.runs):
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(lpath), str(rpath)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            median = {part: statistics.median(r[part] for r in runs) for part in PARTS}
            cells = " | ".join(f"{median[p] * 1000:.0f} ms" for p in PARTS)
            print(f"| {words // 1000}k | {cells} | **{sum(median.values()) * 1000:.0f} ms** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
