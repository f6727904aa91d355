"""How well the segmenter tells page furniture from content, and what that does to "missing".

Scores ``core.segment.segment`` on the invented articles of ``bench/furniture/`` against
``bench/furniture/truth.tsv`` (file, kind, exact text of each piece of furniture):

* per kind (boilerplate, caption, byline, timestamp, truncated, and "any" for furniture of
  whatever kind): **recall** = share of the listed pieces whose every passage got that kind
  (for "any": some non-content kind); **precision** = share of the passages given that kind
  that lie in a piece listed with that kind;
* content passages taken for furniture (each one is printed: a lost sentence is worse than
  a kept advertisement);
* **missing**: ``core.compare.compare`` on the two articles of each event (a1/a2, b1/b2, ...),
  how many passages it reports as missing, how many of those are furniture, and the
  precision of "missing" (share of the reported passages that are content).

``--only f g`` scores only the files whose names start with those letters (f* and g* were
written after the rules were settled, as a check on rules fitted to a* to e*).

``--justext`` also scores jusText's paragraph classifier (paragraphs wrapped in ``<p>``,
English stoplist, default settings) as the furniture detector, for comparison, and prints the
share of paragraphs of the real news articles (``../shared/eval/news``) it would drop.

Run from the repository root: ``python bench/furniture.py [--justext] [--json]``.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.compare import compare  # noqa: E402
from core.loading import load_path  # noqa: E402
from core.model import CONTENT_KINDS, Passage  # noqa: E402
from core.segment import segment  # noqa: E402
from core.settings import Settings  # noqa: E402

DATA = ROOT / "bench" / "furniture"
NEWS = ROOT.parent / "shared" / "eval" / "news"
KINDS = ("boilerplate", "caption", "byline", "timestamp", "truncated")

Span = tuple[int, int, str]  # start, end, kind
Predictor = Callable[[str], tuple[Passage, ...]]


def load_truth(only: tuple[str, ...] = ()) -> dict[str, list[Span]]:
    """The listed furniture of each file, as spans of the loaded text."""
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA / "truth.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, text = line.split("\t")
        if kind not in KINDS:
            raise SystemExit(f"truth.tsv: unknown kind {kind!r}")
        rows.setdefault(name, []).append((kind, text))
    truth: dict[str, list[Span]] = {}
    for path in sorted(DATA.glob("*.txt")):
        if only and not path.name.startswith(only):
            continue
        text = load_path(path).text
        spans: list[Span] = []
        for kind, piece in rows.get(path.name, []):
            if text.count(piece) != 1:
                raise SystemExit(f"truth.tsv: {path.name}: not found exactly once: {piece!r}")
            start = text.index(piece)
            spans.append((start, start + len(piece), kind))
        truth[path.name] = spans
    return truth


def truth_kind(passage: Passage, spans: list[Span]) -> str:
    for start, end, kind in spans:
        if passage.start < end and start < passage.end:
            return kind
    return "content"


def predicted(passage: Passage) -> str:
    return "content" if passage.kind in CONTENT_KINDS else passage.kind


def score(predict: Predictor, truth: dict[str, list[Span]]) -> dict[str, object]:
    hits: Counter[str] = Counter()
    given: Counter[str] = Counter()
    found: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    lost: list[str] = []
    missed: list[str] = []
    for name, spans in truth.items():
        text = load_path(DATA / name).text
        passages = predict(text)
        for passage in passages:
            want, got = truth_kind(passage, spans), predicted(passage)
            if got != "content":
                given[got] += 1
                given["any"] += 1
                hits[got] += want == got
                hits["any"] += want != "content"
                if want == "content":
                    lost.append(f"{name}: [{got}] {passage.text}")
        for start, end, kind in spans:
            inside = [p for p in passages if p.start < end and start < p.end]
            listed[kind] += 1
            listed["any"] += 1
            found[kind] += bool(inside) and all(predicted(p) == kind for p in inside)
            if not all(predicted(p) == kind for p in inside):
                got = "/".join(sorted({predicted(p) for p in inside}))
                missed.append(f"{name}: [{kind} taken for {got}] {text[start:end]}")
            found["any"] += bool(inside) and all(predicted(p) != "content" for p in inside)
    rows = {}
    for kind in (*KINDS, "any"):
        rows[kind] = {
            "listed": listed[kind],
            "recall": found[kind] / listed[kind] if listed[kind] else None,
            "given": given[kind],
            "precision": hits[kind] / given[kind] if given[kind] else None,
        }
    return {"kinds": rows, "content_taken_for_furniture": lost, "furniture_missed": missed}


def missing(truth: dict[str, list[Span]]) -> dict[str, object]:
    names = sorted(truth)
    reported = furniture = 0
    examples: list[str] = []
    for left_name, right_name in zip(names[::2], names[1::2], strict=True):
        left, right = load_path(DATA / left_name), load_path(DATA / right_name)
        comparison = compare(left, right, settings=Settings())
        for side, name in (("left", left_name), ("right", right_name)):
            for passage in comparison.missing(side):  # type: ignore[arg-type]
                reported += 1
                if truth_kind(passage, truth[name]) != "content":
                    furniture += 1
                    examples.append(f"{name}: {passage.text}")
    return {
        "reported": reported,
        "furniture": furniture,
        "precision": (reported - furniture) / reported if reported else None,
        "furniture_reported": examples,
    }


def justext_predictor() -> Predictor:
    import justext

    stoplist = justext.get_stoplist("English")

    def predict(text: str) -> tuple[Passage, ...]:
        passages = segment(text, "L")
        blocks = [line.strip() for line in text.splitlines() if line.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks)
        classes = [p.class_type for p in justext.justext(page + "</body></html>", stoplist)]
        if len(classes) != len(blocks):  # jusText merged or dropped a block: no verdict
            return passages
        out = []
        for passage in passages:
            bad = classes[passage.paragraph] == "bad"
            kind = "boilerplate" if bad else passage.kind
            out.append(Passage(passage.id, passage.start, passage.end, passage.text, kind, 0))
        return tuple(out)

    return predict


def justext_on_news() -> tuple[int, int]:
    import justext

    stoplist = justext.get_stoplist("English")
    bad = total = 0
    for path in sorted(NEWS.glob("*.txt")):
        blocks = [line.strip() for line in load_path(path).text.splitlines() if line.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks)
        for paragraph in justext.justext(page + "</body></html>", stoplist):
            total += 1
            bad += paragraph.class_type == "bad"
    return bad, total


def _pct(value: object) -> str:
    return "  -  " if value is None else f"{100 * float(value):5.1f}"  # type: ignore[arg-type]


def report(title: str, result: dict[str, object]) -> None:
    print(f"\n{title}")
    print(f"  {'kind':<12}{'pieces':>7}{'recall %':>10}{'passages':>10}{'precision %':>13}")
    kinds = result["kinds"]
    assert isinstance(kinds, dict)
    for kind, row in kinds.items():
        print(
            f"  {kind:<12}{row['listed']:>7}{_pct(row['recall']):>10}"
            f"{row['given']:>10}{_pct(row['precision']):>13}"
        )
    lost = result["content_taken_for_furniture"]
    assert isinstance(lost, list)
    print(f"  content taken for furniture: {len(lost)}")
    for line in lost:
        print(f"    {line}")
    missed = result["furniture_missed"]
    assert isinstance(missed, list)
    print(f"  furniture not recognised (or of another kind): {len(missed)}")
    for line in missed:
        print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--justext", action="store_true", help="score jusText as well")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", nargs="*", default=[], help="file name prefixes to score")
    args = parser.parse_args()
    truth = load_truth(tuple(args.only))
    result: dict[str, object] = {"segment": score(lambda text: segment(text, "L"), truth)}
    result["missing"] = missing(truth)
    if args.justext:
        result["justext"] = score(justext_predictor(), truth)
        bad, total = justext_on_news()
        result["justext_news_dropped"] = {"paragraphs": total, "dropped": bad}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    report("core.segment", result["segment"])  # type: ignore[arg-type]
    miss = result["missing"]
    assert isinstance(miss, dict)
    print(
        f"\nmissing (compare on the {len(truth) // 2} pairs): {miss['reported']} reported, "
        f"{miss['furniture']} of them furniture, precision {_pct(miss['precision'])} %"
    )
    for line in miss["furniture_reported"]:
        print(f"    {line}")
    if args.justext:
        report("jusText paragraph classifier (bad = furniture)", result["justext"])  # type: ignore[arg-type]
        dropped = result["justext_news_dropped"]
        assert isinstance(dropped, dict)
        print(
            f"\njusText on the real news set: {dropped['dropped']} of "
            f"{dropped['paragraphs']} paragraphs classed as furniture"
        )


if __name__ == "__main__":
    main()
