"""The story table, measured: planted disagreements and updates on the reworded set, the
news set's rows, and the time for 10 articles of ~1,000 words.

    python bench/story.py                  # all three parts
    python bench/story.py --reworded       # the scorer only (add --errors to list misses)
    python bench/story.py --news           # rows per event of ../shared/eval/news
    python bench/story.py --speed          # 10 articles of ~1,000 words
    python bench/story.py --json           # one JSON object

Scoring the reworded set (``bench/reworded/`` when present, else the test-set worktree):
each planted pair of ``truth.txt`` names two articles and a snippet in each.  A cell
*matches* a snippet when it comes from the passage holding the snippet and its value
(a number, time, date, name or decision as written; a quotation's speaker or words)
lies within the snippet.

* a disagreement (``quantity``, ``time``, ``date``, ``role``, ``polarity``,
  ``quote_speaker``, ``misquote``) is *found* when a row marked ``disagree`` holds a
  conflict between a cell matching each snippet; *in a row* when both cells are in a
  row marked ``disagree`` at all;
* an update is found when both cells are in one row, linked as an update, and the row
  is marked ``update`` (or ``disagree + update``);
* a trap is a *false alarm* when a ``disagree`` row holds a conflict between its two
  snippets' cells;
* agreements (``agree``) are *split* when their cells are not in one row, and a *false
  alarm* when their cells conflict in a ``disagree`` row.

``table.txt``'s expected rows are counted by status beside the produced rows.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.claims import QuoteClaim  # noqa: E402
from core.loading import load_path, load_text  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.story import StoryCell, StoryRow, StoryTable, build_story  # noqa: E402

REWORDED = (
    ROOT / "bench" / "reworded"
    if (ROOT / "bench" / "reworded").is_dir()
    else Path("/work/wt/testset/bench/reworded")
)
NEWS = ROOT.parent / "shared" / "eval" / "news"
OUTLETS = ("wire.txt", "blog.txt", "local.txt")
DISAGREEMENTS = ("quantity", "time", "date", "role", "polarity", "quote_speaker", "misquote")


# ============================================================================ truth


def read_truth(path: Path) -> list[dict[str, str]]:
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                blocks.append(current)
            current = {}
            continue
        key, _, value = line.partition(":")
        current[key.strip()] = value.strip()
    return blocks


def read_expected_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        rows.append({"measure": parts[0], "scope": parts[1], "status": parts[2]})
    return rows


# ========================================================================== matching


def _passage_of(table: StoryTable, article: int, snippet: str) -> int | None:
    # A headline snippet is quoted with its "Title:" line label, which the heading
    # passage does not keep.
    snippet = snippet.removeprefix("Title: ")
    for passage in table.articles[article].passages:
        if snippet in passage.text or " ".join(snippet.split()) in " ".join(passage.text.split()):
            return passage.ref.index
    # A snippet that a sentence split cut: the passage holding its start.
    head = snippet[:40]
    for passage in table.articles[article].passages:
        if head in passage.text:
            return passage.ref.index
    return None


def _matches(cell: StoryCell, article: int, passage: int | None, snippet: str) -> bool:
    if cell.article != article or cell.passage != passage:
        return False
    claim = cell.claim
    if isinstance(claim, QuoteClaim):
        speaker = claim.speaker.text if claim.speaker else ""
        words = claim.span.text
        return (bool(speaker) and speaker in snippet) or words[:30] in snippet or snippet in words
    span = claim.span.text if claim is not None else cell.value
    return span in snippet or snippet in span


def _pairs(row: StoryRow, left: list[int], right: list[int]) -> list[str]:
    found = []
    for link in row.links:
        ends = {link.first, link.second}
        if any(i in ends for i in left) and any(j in ends for j in right) and len(ends) == 2:
            a, b = link.first, link.second
            if (a in left and b in right) or (a in right and b in left):
                found.append(link.relation)
    return found


def judge_block(table: StoryTable, block: dict[str, str]) -> dict[str, Any]:
    ids = [a.id for a in table.articles]
    left_article = ids.index(block["left_from"].removesuffix(".txt"))
    right_article = ids.index(block["right_from"].removesuffix(".txt"))
    left_passage = _passage_of(table, left_article, block["left"])
    right_passage = _passage_of(table, right_article, block["right"])
    best = {"row": False, "pair": False, "split": True, "relations": [], "status": None}
    for row in table.rows:
        left = [
            i
            for i, c in enumerate(row.cells)
            if _matches(c, left_article, left_passage, block["left"])
        ]
        right = [
            i
            for i, c in enumerate(row.cells)
            if _matches(c, right_article, right_passage, block["right"])
        ]
        if not left or not right:
            continue
        best["split"] = False
        relations = _pairs(row, left, right)
        best["relations"] = sorted(set(best["relations"]) | set(relations))  # type: ignore[arg-type]
        kind = block["kind"]
        if kind in DISAGREEMENTS or kind in ("trap", "agree"):
            if row.status == "disagree":
                best["row"] = True
                best["status"] = "disagree"
                if "conflict" in relations:
                    best["pair"] = True
            elif best["status"] is None:
                best["status"] = row.status
        elif kind == "update":
            if row.status == "update" or row.also_update:
                best["row"] = True
                best["status"] = "update"
                if "update" in relations:
                    best["pair"] = True
            elif best["status"] is None:
                best["status"] = row.status
    return best


def score_reworded(errors: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {"root": str(REWORDED), "events": {}}
    totals: Counter[str] = Counter()
    misses: list[str] = []
    for event in sorted(p for p in REWORDED.iterdir() if p.is_dir()):
        documents = [load_path(event / name) for name in OUTLETS]
        table = build_story(documents, settings=Settings())
        counts = table.counts()
        expected = Counter(
            row["status"].split(",")[0].strip() for row in read_expected_rows(event / "table.txt")
        )
        result["events"][event.name] = {"rows": counts, "expected_rows": dict(expected)}
        for block in read_truth(event / "truth.txt"):
            kind = block.get("kind", "")
            if kind == "furniture" or "left" not in block:
                continue
            verdict = judge_block(table, block)
            group = (
                "disagreement"
                if kind in DISAGREEMENTS
                else (f"trap:{block.get('trap', '?')}" if kind == "trap" else kind)
            )
            totals[f"{group}:total"] += 1
            if kind in DISAGREEMENTS or kind == "update":
                totals[f"{group}:found"] += verdict["pair"]
                totals[f"{group}:in_row"] += verdict["row"]
                ok = verdict["pair"]
            else:
                false_alarm = verdict["pair"]
                totals[f"{group}:false_alarm"] += false_alarm
                totals[f"{group}:split"] += verdict["split"] if kind == "agree" else 0
                ok = not false_alarm
            if not ok:
                note = f"{event.name}: {kind} {block.get('measure', '')} {block['left']!r} ~ "
                note += f"{block['right']!r} -> {verdict}"
                misses.append(note)
    result["totals"] = dict(sorted(totals.items()))
    summary: dict[str, str] = {}
    for group in sorted({key.rsplit(":", 1)[0] for key in totals}):
        total = totals[f"{group}:total"]
        if group in ("disagreement", "update"):
            summary[group] = (
                f"{totals[f'{group}:found']}/{total} found "
                f"({totals[f'{group}:in_row']}/{total} in a row with that status)"
            )
        else:
            summary[group] = f"{totals[f'{group}:false_alarm']}/{total} false alarms"
            if group == "agree":
                summary[group] += f", {totals['agree:split']}/{total} split over rows"
    result["summary"] = summary
    if errors:
        result["misses"] = misses
    return result


# ============================================================================== news


def score_news() -> dict[str, Any]:
    events: dict[str, list[Path]] = {}
    for path in sorted(NEWS.glob("*.txt")):
        events.setdefault(path.name.split("__")[0], []).append(path)
    found: dict[str, Any] = {}
    for event, paths in events.items():
        table = build_story([load_path(p) for p in paths], settings=Settings())
        kinds = Counter(row.kind for row in table.rows if row.status == "disagree")
        found[event] = {
            "articles": len(paths),
            "rows": len(table.rows),
            **table.counts(),
            "disagree_by_kind": dict(kinds),
        }
    return found


# ============================================================================= speed


def speed_documents(count: int = 10, words: int = 1000) -> list[Any]:
    """``count`` articles of about ``words`` words, from the news set (each cut or
    continued with the next article's paragraphs to reach the size)."""
    paths = sorted(NEWS.glob("*.txt"))
    paragraphs = [
        p
        for path in paths
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 5
    ]
    documents, cursor = [], 0
    for number in range(count):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(paragraphs[cursor % len(paragraphs)])
            cursor += 1
        documents.append(load_text("\n\n".join(body), name=f"speed-{number}"))
    return documents


def measure_speed(runs: int = 5) -> dict[str, Any]:
    """The first table in a fresh process (regular expressions compiled, word lists
    loaded: once per process), then ``runs`` tables with every text cache cleared."""
    from core import facts, segment
    from core.claims import extract as extract_module

    documents = speed_documents()
    start, start_cpu = time.perf_counter(), time.process_time()
    table = build_story(documents, settings=Settings())
    first = time.perf_counter() - start
    first_cpu = time.process_time() - start_cpu
    times, cpu = [], []
    for _ in range(runs):
        for cached in (extract_module._extract, facts.extract_facts, segment._split):
            clear = getattr(cached, "cache_clear", None)
            if clear is not None:
                clear()
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        table = build_story(documents, settings=Settings())
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "articles": len(documents),
        "words": [d.word_count for d in documents],
        "rows": len(table.rows),
        "seconds_first_in_process": round(first, 3),
        "cpu_seconds_first_in_process": round(first_cpu, 3),
        "cpu_seconds_cold_caches": {
            "best": round(min(cpu), 3),
            "median": round(statistics.median(cpu), 3),
        },
        "seconds_cold_caches": {
            "best": round(min(times), 3),
            "median": round(statistics.median(times), 3),
            "worst": round(max(times), 3),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reworded", action="store_true")
    parser.add_argument("--news", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    every = not (args.reworded or args.news or args.speed)
    out: dict[str, Any] = {}
    if every or args.speed:  # first, so that "first table in a fresh process" holds
        out["speed"] = measure_speed()
    if every or args.reworded:
        out["reworded"] = score_reworded(errors=args.errors)
    if every or args.news:
        out["news"] = score_news()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if "reworded" in out:
        print(f"Reworded set ({out['reworded']['root']}):")
        for group, line in out["reworded"]["summary"].items():
            print(f"  {group:<16} {line}")
        for event, rows in out["reworded"]["events"].items():
            print(f"  {event:<16} rows {rows['rows']}  expected {rows['expected_rows']}")
        for miss in out["reworded"].get("misses", []):
            print("  MISS", miss)
    if "news" in out:
        print("News set (../shared/eval/news):")
        for event, row in out["news"].items():
            print(
                f"  {event:<45} {row['articles']} articles  {row['rows']:>3} rows  "
                f"disagree {row['disagree']}  update {row['update']}  agree {row['agree']}  "
                f"single {row['single']}  {row['disagree_by_kind']}"
            )
    if "speed" in out:
        s = out["speed"]
        print(
            f"Speed: {s['articles']} articles of {min(s['words'])}-{max(s['words'])} words, "
            f"{s['rows']} rows: best {s['seconds_cold_caches']['best']} s, median "
            f"{s['seconds_cold_caches']['median']} s (text caches cleared each run); first "
            f"table in a fresh process {s['seconds_first_in_process']} s "
            f"(CPU {s['cpu_seconds_first_in_process']} s); CPU time median "
            f"{s['cpu_seconds_cold_caches']['median']} s (wall time suffers on a busy machine)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
