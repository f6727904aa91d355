"""Score the engine on the invented reworded set (bench/reworded/): planted conflicts,
updates, agreements and traps; sentence alignment; missing passages.

    python bench/reworded.py                       # every event, every outlet pair
    python bench/reworded.py --events velmora-quake brennock-fire
    python bench/reworded.py --errors              # list misses, false alarms, unplanned flags
    python bench/reworded.py --json                # one JSON object on stdout
    python bench/reworded.py --in-process          # same figures, engine called in-process
    python bench/reworded.py --semantic            # in-process, optional embeddings on

It runs the command line (`main.py compare LEFT RIGHT --json`, a stable boundary) on each
pair of outlets of each event, in parallel (about 20 s on two idle cores; --in-process builds
the same JSON in one process in a few seconds), and reads the truth files (formats:
bench/reworded/README.md).

How a planted pair is judged.  The planted "sentence" on each side is the engine passage
(or passages) holding the snippet.  A conflict belongs to a planted pair when its left span
touches the left sentence and its right span the right sentence; when several planted pairs
share those sentences, the one whose snippets the spans touch wins, then a disagreement.
- disagreement (quantity, quote_speaker, misquote, role, polarity, date, time):
  FOUND when a conflict belongs to it; EXPLAINED when that conflict's explanation names a
  value of each side (its digits, or for words its distinguishing words); FALSE AGREE
  (the worst outcome) when the two sentences are linked "agree" with no conflict.
- update: a conflict with relation (or kind) "update" is RECOGNISED; any other conflict is
  a FALSE ALARM.
- agree, trap: any conflict is a FALSE ALARM (a conflict marked as an update is excused on
  a "time" trap, an earlier figure clearly dated).
- any conflict that belongs to no planted pair is an UNPLANNED flag (listed by --errors).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "reworded"
OUTLETS = ("wire.txt", "blog.txt", "local.txt")
PAIRS = (("wire.txt", "blog.txt"), ("wire.txt", "local.txt"), ("blog.txt", "local.txt"))
DISAGREEMENTS = ("quantity", "quote_speaker", "misquote", "role", "polarity", "date", "time")
KINDS = (*DISAGREEMENTS, "update", "agree", "trap", "furniture")
TRAP_KINDS = ("measure", "scope", "time", "actor", "clutter")
BASELINE_THRESHOLDS = (50.0, 60.0, 70.0)
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "half",
    ]
)
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "said",
        "says",
        "say",
        "told",
        "as",
        "it",
        "its",
        "his",
        "her",
        "their",
        "they",
        "he",
        "she",
        "we",
        "our",
        "not",
        "but",
        "who",
        "which",
        "than",
        "more",
        "less",
    ]
)


# ---- Truth files --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    kind: str
    left_from: str
    left: str
    right_from: str
    right: str
    measure: str = ""
    trap: str = ""
    note: str = ""

    def swapped(self) -> Entry:
        return Entry(
            self.kind,
            self.right_from,
            self.right,
            self.left_from,
            self.left,
            self.measure,
            self.trap,
            self.note,
        )


@dataclass(frozen=True)
class Furniture:
    article: str
    text: str


def read_blocks(path: Path) -> list[dict[str, str]]:
    """The "key: value" blocks of a truth file (blank-line separated, "#" comments)."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.rstrip()
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


def read_truth(path: Path) -> tuple[list[Entry], list[Furniture]]:
    entries: list[Entry] = []
    furniture: list[Furniture] = []
    for block in read_blocks(path):
        kind = block.get("kind", "")
        if kind not in KINDS:
            raise ValueError(f"{path}: unknown kind {kind!r} in {block}")
        if kind == "furniture":
            furniture.append(Furniture(block["in"], block["text"]))
            continue
        entries.append(
            Entry(
                kind,
                block["left_from"],
                block["left"],
                block["right_from"],
                block["right"],
                block.get("measure", ""),
                block.get("trap", ""),
                block.get("note", ""),
            )
        )
    return entries, furniture


def read_alignment(path: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Sections "== A B" of "left || right" snippet pairs (corpus_alignment.txt format)."""
    sections: dict[tuple[str, str], list[tuple[str, str]]] = {}
    current: tuple[str, str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            a, b = line[2:].split()
            current = (a, b)
            sections[current] = []
        elif line != "(none)" and current is not None and "||" in line:
            left, right = line.split("||", 1)
            sections[current].append((left.strip(), right.strip()))
    return sections


def events(names: list[str] | None = None) -> list[Path]:
    found = sorted(p for p in SET.iterdir() if (p / "truth.txt").exists())
    if names:
        unknown = set(names) - {p.name for p in found}
        if unknown:
            raise SystemExit(f"unknown events: {', '.join(sorted(unknown))}")
        found = [p for p in found if p.name in names]
    return found


# ---- Engine output ------------------------------------------------------------------------


@dataclass
class Side:
    """One article of a comparison: its file text and the engine's passages."""

    text: str
    passages: list[dict]

    def locate(self, snippet: str) -> tuple[int, int]:
        """Span of the snippet in the engine's coordinates."""
        # The loader keeps a "Title:" header line's headline as the text's first line,
        # without its label.
        snippet = snippet.removeprefix("Title: ")
        for p in self.passages:  # inside one passage: exact
            i = p["text"].find(snippet)
            if i >= 0:
                return p["start"] + i, p["start"] + i + len(snippet)
        i = self.text.find(snippet)  # across passages: file offsets (no repair needed)
        if i >= 0 and all(self.text[p["start"] : p["end"]] == p["text"] for p in self.passages):
            return i, i + len(snippet)
        best = process.extractOne(
            snippet, [p["text"] for p in self.passages], scorer=fuzz.partial_ratio
        )
        if best is None or best[1] < 85:
            raise ValueError(f"snippet not found: {snippet!r}")
        p = self.passages[best[2]]
        return p["start"], p["end"]

    def passages_of(self, snippet: str) -> list[str]:
        """Ids of the passages the snippet touches (its "sentence"), most overlap first."""
        start, end = self.locate(snippet)
        touched = [
            (min(end, p["end"]) - max(start, p["start"]), p["id"])
            for p in self.passages
            if p["start"] < end and start < p["end"]
        ]
        return [pid for _, pid in sorted(touched, reverse=True)]

    def span_of(self, ids: list[str]) -> tuple[int, int]:
        chosen = [p for p in self.passages if p["id"] in ids]
        return min(p["start"] for p in chosen), max(p["end"] for p in chosen)


def run_compare(left: Path, right: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compare", str(left), str(right), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"compare {left} {right} failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def compare_in_process(left: Path, right: Path, semantic: bool = False) -> dict:
    """The same JSON object as the command line, built without a process per pair
    (``semantic``: with the optional sentence embeddings on)."""
    sys.path.insert(0, str(ROOT))
    from core.compare import compare
    from core.loading import load_path
    from core.model import Settings
    from core.serialize import comparison_to_dict

    settings = Settings(weight_semantic=0.3) if semantic else Settings()
    comparison = compare(load_path(left), load_path(right), settings=settings)
    return json.loads(json.dumps(comparison_to_dict(comparison), ensure_ascii=False))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---- Judging ------------------------------------------------------------------------------


NUMERIC_KINDS = ("quantity", "date", "time", "update")


def value_tokens(snippet: str, numeric: bool) -> set[str]:
    """The values a snippet states: for numbers, dates and times its digit groups and
    number words; otherwise (and where a snippet has no number) its content words."""
    words = re.findall(r"[A-Za-z]+|\d+(?:[.,:]\d+)*", snippet.lower())
    numbers = {w.replace(",", "") for w in words if w[0].isdigit() or w in NUMBER_WORDS}
    if numeric and numbers:
        return numbers
    return {w for w in words if len(w) > 2 and w not in STOPWORDS}


def explained(entry: Entry, explanation: str) -> bool:
    """Does the explanation name a value of each side (one only that side states)?"""
    text = explanation.lower().replace(",", "")
    numeric = entry.kind in NUMERIC_KINDS
    left, right = value_tokens(entry.left, numeric), value_tokens(entry.right, numeric)
    only_left, only_right = left - right, right - left

    def named(tokens: set[str]) -> bool:
        return any(re.search(rf"(?<![\w]){re.escape(t)}(?![\w])", text) for t in tokens)

    return bool(only_left and only_right and named(only_left) and named(only_right))


@dataclass
class Placed:
    """A planted pair located in one comparison."""

    entry: Entry
    left_ids: list[str]
    right_ids: list[str]
    left_sentence: tuple[int, int]
    right_sentence: tuple[int, int]
    left_snippet: tuple[int, int]
    right_snippet: tuple[int, int]
    conflicts: list[dict] = field(default_factory=list)
    link_status: str = ""  # best status of a link joining the two sentences ("" if none)


def conflict_spans(conflict: dict, link: dict, left: Side, right: Side):
    if conflict.get("left_start") is not None and conflict.get("right_start") is not None:
        return (
            (conflict["left_start"], max(conflict["left_end"], conflict["left_start"] + 1)),
            (conflict["right_start"], max(conflict["right_end"], conflict["right_start"] + 1)),
        )
    return left.span_of(link["left"]), right.span_of(link["right"])


def is_update(conflict: dict) -> bool:
    return conflict.get("relation") == "update" or conflict.get("kind") == "update"


def rank(p: Placed, lspan: tuple[int, int], rspan: tuple[int, int]) -> tuple[int, bool]:
    """Preference among planted pairs on the same sentences: snippets touched, then kind."""
    touch = overlaps(lspan, p.left_snippet) + overlaps(rspan, p.right_snippet)
    return touch, p.entry.kind in DISAGREEMENTS


STATUS_RANK = {"": 0, "related": 1, "agree": 2, "contradict": 3}


def judge_pair(
    result: dict,
    left: Side,
    right: Side,
    entries: list[Entry],
) -> tuple[list[Placed], list[dict]]:
    """Attach every conflict of one comparison to a planted pair, or list it as unplanned."""
    placed: list[Placed] = []
    for e in entries:
        left_ids, right_ids = left.passages_of(e.left), right.passages_of(e.right)
        placed.append(
            Placed(
                e,
                left_ids,
                right_ids,
                left.span_of(left_ids),
                right.span_of(right_ids),
                left.locate(e.left),
                right.locate(e.right),
            )
        )
    unplanned: list[dict] = []
    for link in result["links"]:
        for p in placed:
            if set(link["left"]) & set(p.left_ids) and set(link["right"]) & set(p.right_ids):
                status = link["status"]
                if status == "agree" and link["conflicts"]:
                    status = "contradict"
                if STATUS_RANK[status] > STATUS_RANK[p.link_status]:
                    p.link_status = status
        for conflict in link["conflicts"]:
            lspan, rspan = conflict_spans(conflict, link, left, right)
            candidates = [
                p
                for p in placed
                if overlaps(lspan, p.left_sentence) and overlaps(rspan, p.right_sentence)
            ]
            if not candidates:
                unplanned.append(
                    {
                        **conflict,
                        "left_text": left.text[lspan[0] : lspan[1]],
                        "right_text": right.text[rspan[0] : rspan[1]],
                        "left_passage": link["left"],
                        "right_passage": link["right"],
                    }
                )
                continue

            max(candidates, key=lambda p, ls=lspan, rs=rspan: rank(p, ls, rs)).conflicts.append(
                conflict
            )
    return placed, unplanned


@dataclass
class Tally:
    planted: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    explained: Counter = field(default_factory=Counter)
    false_agree: Counter = field(default_factory=Counter)
    linked: Counter = field(default_factory=Counter)
    recognised: Counter = field(default_factory=Counter)  # updates marked as updates
    false_alarm: Counter = field(default_factory=Counter)  # kind or "trap:<why>" -> pairs
    false_alarm_conflicts: int = 0
    true_conflicts: int = 0
    unplanned: int = 0


def tally_pair(placed: list[Placed], unplanned: list[dict], tally: Tally) -> list[str]:
    """Count one comparison's outcomes; return its error lines."""
    errors: list[str] = []
    for p in placed:
        e = p.entry
        key = f"trap:{e.trap}" if e.kind == "trap" else e.kind
        tally.planted[key] += 1
        if p.link_status:
            tally.linked[key] += 1
        label = f"{e.kind}{'/' + e.trap if e.trap else ''} {e.measure}".strip()
        shown = "; ".join(f"{c['kind']}: {c['explanation']}" for c in p.conflicts)
        if e.kind in DISAGREEMENTS:
            if p.conflicts:
                tally.found[key] += 1
                tally.true_conflicts += len(p.conflicts)
                if any(explained(e, c.get("explanation", "")) for c in p.conflicts):
                    tally.explained[key] += 1
                else:
                    errors.append(f"  unexplained {label}: {shown}  [{e.note}]")
            elif p.link_status == "agree":
                tally.false_agree[key] += 1
                errors.append(f"  FALSE AGREE {label}: {e.left!r} ~ {e.right!r}  [{e.note}]")
            else:
                how = f"linked {p.link_status}" if p.link_status else "not linked"
                errors.append(f"  missed ({how}) {label}: {e.left!r} ~ {e.right!r}")
            continue
        excused = [
            c
            for c in p.conflicts
            if is_update(c) and (e.kind == "update" or (e.kind == "trap" and e.trap == "time"))
        ]
        alarms = [c for c in p.conflicts if c not in excused]
        if e.kind == "update":
            if excused:
                tally.recognised[key] += 1
            elif not alarms:
                errors.append(f"  update not reported {label}: {e.left!r} ~ {e.right!r}")
        if alarms:
            tally.false_alarm[key] += 1
            tally.false_alarm_conflicts += len(alarms)
            shown = "; ".join(f"{c['kind']}: {c['explanation']}" for c in alarms)
            errors.append(f"  FALSE ALARM {label}: {shown}  [{e.note}]")
    tally.unplanned += len(unplanned)
    for c in unplanned:
        errors.append(
            f"  unplanned {c['kind']}: {c['explanation']}  "
            f"(L {c['left_text'][:60]!r} / R {c['right_text'][:60]!r})"
        )
    return errors


# ---- Alignment and missing ----------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return (
            f"P {self.precision:.2f}  R {self.recall:.2f}  F1 {self.f1:.2f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def baseline_pairs(result: dict, threshold: float) -> set[tuple[str, str]]:
    """The naive peer: each passage's best rapidfuzz token-sort match, kept above a threshold."""
    left = [p for p in result["left"]["passages"] if p["kind"] != "boilerplate"]
    right = [p for p in result["right"]["passages"] if p["kind"] != "boilerplate"]
    if not left or not right:
        return set()
    scores = process.cdist(
        [p["text"].lower() for p in left],
        [p["text"].lower() for p in right],
        scorer=fuzz.token_sort_ratio,
    )
    chosen: set[tuple[str, str]] = set()
    for i in range(len(left)):
        j = int(np.argmax(scores[i]))
        if scores[i, j] >= threshold:
            chosen.add((left[i]["id"], right[j]["id"]))
    for j in range(len(right)):
        i = int(np.argmax(scores[:, j]))
        if scores[i, j] >= threshold:
            chosen.add((left[i]["id"], right[j]["id"]))
    return chosen


def engine_pairs(result: dict) -> set[tuple[str, str]]:
    return {(lid, rid) for link in result["links"] for lid in link["left"] for rid in link["right"]}


@dataclass
class MissingCounts:
    reported: int = 0
    correct: int = 0  # reported, content by the truth, and no counterpart in the alignment
    furniture: int = 0  # reported, but page furniture
    truly_missing: int = 0  # content passages with no counterpart in the alignment
    furniture_passages: int = 0
    furniture_unrecognised: int = 0  # furniture the engine does not mark as boilerplate

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.truly_missing if self.truly_missing else 1.0

    def row(self) -> str:
        return (
            f"precision {self.precision:.2f}  recall {self.recall:.2f}  (reported "
            f"{self.reported}, right {self.correct}, furniture {self.furniture}, truly missing "
            f"{self.truly_missing})"
        )

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "reported": self.reported,
            "correct": self.correct,
            "furniture_reported": self.furniture,
            "truly_missing": self.truly_missing,
            "furniture_passages": self.furniture_passages,
            "furniture_not_marked_boilerplate": self.furniture_unrecognised,
        }


def tally_missing(
    result: dict,
    sides: dict[str, Side],
    gold: set[tuple[str, str]],
    furniture_ids: dict[str, set[str]],
    reported: dict[str, set[str]],
    counts: MissingCounts,
) -> list[str]:
    errors: list[str] = []
    for side, key in (("left", 0), ("right", 1)):
        matched = {pair[key] for pair in gold}
        furn = furniture_ids[side]
        for p in result[side]["passages"]:
            pid = p["id"]
            is_furniture = pid in furn or p["kind"] == "boilerplate"
            if pid in furn:
                counts.furniture_passages += 1
                if p["kind"] != "boilerplate":
                    counts.furniture_unrecognised += 1
            truly = not is_furniture and pid not in matched
            counts.truly_missing += truly
            if pid in reported[side]:
                counts.reported += 1
                counts.correct += truly
                counts.furniture += pid in furn
                if not truly:
                    why = "furniture" if pid in furn else "has a counterpart"
                    errors.append(f"  missing but {why}: {pid} {p['text'][:70]!r}")
    return errors


# ---- Main ---------------------------------------------------------------------------------


@dataclass
class Report:
    tally: Tally = field(default_factory=Tally)
    align: Counts = field(default_factory=Counts)
    baseline: dict[float, Counts] = field(
        default_factory=lambda: {t: Counts() for t in BASELINE_THRESHOLDS}
    )
    missing: MissingCounts = field(default_factory=MissingCounts)
    baseline_missing: MissingCounts = field(default_factory=MissingCounts)
    errors: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0
    per_event: dict[str, tuple[Tally, Counts]] = field(default_factory=dict)


def evaluate(event_dirs: list[Path], in_process: bool = False, semantic: bool = False) -> Report:
    report = Report()
    started = time.perf_counter()
    jobs = [(ev, a, b) for ev in event_dirs for a, b in PAIRS]
    if in_process or semantic:
        results = [compare_in_process(ev / a, ev / b, semantic) for ev, a, b in jobs]
    else:
        with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
            results = list(
                pool.map(lambda job: run_compare(job[0] / job[1], job[0] / job[2]), jobs)
            )
    truths = {ev: read_truth(ev / "truth.txt") for ev in event_dirs}
    alignments = {ev: read_alignment(ev / "alignment.txt") for ev in event_dirs}
    for (ev, a, b), result in zip(jobs, results, strict=True):
        entries, furniture = truths[ev]
        left = Side((ev / a).read_text(encoding="utf-8"), result["left"]["passages"])
        right = Side((ev / b).read_text(encoding="utf-8"), result["right"]["passages"])
        oriented = [e for e in entries if (e.left_from, e.right_from) == (a, b)]
        oriented += [e.swapped() for e in entries if (e.left_from, e.right_from) == (b, a)]
        placed, unplanned = judge_pair(result, left, right, oriented)
        errors = tally_pair(placed, unplanned, report.tally)
        event_tally, event_align = report.per_event.setdefault(ev.name, (Tally(), Counts()))
        tally_pair(placed, unplanned, event_tally)
        gold = {
            (left.passages_of(ls)[0], right.passages_of(rs)[0])
            for ls, rs in alignments[ev].get((a, b), [])
        }
        predicted = engine_pairs(result)
        report.align.add(predicted, gold)
        event_align.add(predicted, gold)
        for threshold, counts in report.baseline.items():
            counts.add(baseline_pairs(result, threshold), gold)
        for pair in sorted(predicted - gold):
            errors.append(f"  align false link {pair[0]}~{pair[1]}")
        for pair in sorted(gold - predicted):
            errors.append(f"  align missed {pair[0]}~{pair[1]}")
        # A "Source:" header line is metadata, not text: it is no passage at all.
        shown = [f for f in furniture if not f.text.startswith("Source: ")]
        furniture_ids = {
            "left": {pid for f in shown if f.article == a for pid in left.passages_of(f.text)},
            "right": {pid for f in shown if f.article == b for pid in right.passages_of(f.text)},
        }
        reported = {side: set(result["missing"][side]) for side in ("left", "right")}
        errors += tally_missing(
            result, {"left": left, "right": right}, gold, furniture_ids, reported, report.missing
        )
        base = baseline_pairs(result, 60.0)
        base_reported = {
            side: {
                p["id"]
                for p in result[side]["passages"]
                if p["kind"] != "boilerplate" and p["id"] not in {pair[k] for pair in base}
            }
            for side, k in (("left", 0), ("right", 1))
        }
        tally_missing(
            result,
            {"left": left, "right": right},
            gold,
            furniture_ids,
            base_reported,
            report.baseline_missing,
        )
        report.errors[f"{ev.name} {a} {b}"] = errors
    report.seconds = time.perf_counter() - started
    return report


def summary(report: Report) -> dict:
    t = report.tally
    per_kind = {
        kind: {
            "planted": t.planted[kind],
            "found": t.found[kind],
            "explained": t.explained[kind],
            "false_agree": t.false_agree[kind],
            "linked": t.linked[kind],
        }
        for kind in DISAGREEMENTS
        if t.planted[kind]
    }
    planted = sum(t.planted[k] for k in DISAGREEMENTS)
    found = sum(t.found[k] for k in DISAGREEMENTS)
    flagged = t.true_conflicts + t.false_alarm_conflicts + t.unplanned
    judged = t.true_conflicts + t.false_alarm_conflicts
    others = ["update", "agree", *(f"trap:{k}" for k in TRAP_KINDS)]
    return {
        "disagreements": per_kind,
        "disagreements_total": {
            "planted": planted,
            "found": found,
            "explained": sum(t.explained[k] for k in DISAGREEMENTS),
            "false_agree": sum(t.false_agree[k] for k in DISAGREEMENTS),
            "recall": round(found / planted, 4) if planted else None,
            "precision": round(t.true_conflicts / flagged, 4) if flagged else None,
            "precision_on_planted_pairs": round(t.true_conflicts / judged, 4) if judged else None,
            "conflicts_on_disagreements": t.true_conflicts,
            "false_alarm_conflicts": t.false_alarm_conflicts,
            "unplanned_conflicts": t.unplanned,
        },
        "not_disagreements": {
            k: {
                "planted": t.planted[k],
                "false_alarm": t.false_alarm[k],
                "linked": t.linked[k],
                **({"recognised_as_update": t.recognised[k]} if k == "update" else {}),
            }
            for k in others
            if t.planted[k]
        },
        "alignment": {
            "engine": report.align.as_dict(),
            "baseline_token_sort": {
                f">={threshold:g}": c.as_dict() for threshold, c in report.baseline.items()
            },
        },
        "missing": {
            "engine": report.missing.as_dict(),
            "baseline_token_sort>=60": report.baseline_missing.as_dict(),
        },
        "per_event": {
            name: {
                "planted": sum(t.planted[k] for k in DISAGREEMENTS),
                "found": sum(t.found[k] for k in DISAGREEMENTS),
                "false_agree": sum(t.false_agree[k] for k in DISAGREEMENTS),
                "false_alarm": sum(n for k, n in t.false_alarm.items()),
                "unplanned": t.unplanned,
                "alignment_f1": round(align.f1, 4),
            }
            for name, (t, align) in report.per_event.items()
        },
        "seconds": round(report.seconds, 2),
    }


def print_summary(s: dict) -> None:
    print("Planted disagreements (found = a conflict on the two sentences):")
    print(f"  {'kind':14} planted  found  explained  false-agree  linked")
    rows = list(s["disagreements"].items()) + [("ALL", s["disagreements_total"])]
    for kind, r in rows:
        linked = r.get("linked", "")
        print(
            f"  {kind:14} {r['planted']:7} {r['found']:6} {r['explained']:10} "
            f"{r['false_agree']:12}  {linked}"
        )
    total = s["disagreements_total"]
    print(
        f"  recall {total['recall']}  precision {total['precision']} "
        f"(on planted pairs only: {total['precision_on_planted_pairs']}); conflicts: "
        f"{total['conflicts_on_disagreements']} on disagreements, "
        f"{total['false_alarm_conflicts']} false alarms, {total['unplanned_conflicts']} unplanned"
    )
    print("Not disagreements (a conflict here is a false alarm):")
    for kind, r in s["not_disagreements"].items():
        extra = (
            f"  recognised as update {r['recognised_as_update']}"
            if "recognised_as_update" in r
            else ""
        )
        print(
            f"  {kind:14} planted {r['planted']:3}  false alarms {r['false_alarm']:3}  "
            f"linked {r['linked']:3}{extra}"
        )
    print("Sentence alignment:")
    print(f"  engine                 {row_of(s['alignment']['engine'])}")
    for name, c in s["alignment"]["baseline_token_sort"].items():
        print(f"  baseline token_sort{name:5} {row_of(c)}")
    print("Missing passages:")
    for name, m in s["missing"].items():
        print(
            f"  {name:24} precision {m['precision']:.2f}  recall {m['recall']:.2f}  "
            f"(reported {m['reported']}, right {m['correct']}, furniture "
            f"{m['furniture_reported']}, truly missing {m['truly_missing']})"
        )
    m = s["missing"]["engine"]
    print(
        f"  furniture passages {m['furniture_passages']}, not marked boilerplate by the "
        f"engine: {m['furniture_not_marked_boilerplate']}"
    )
    print("Per event:")
    for name, r in s["per_event"].items():
        print(
            f"  {name:18} found {r['found']:2}/{r['planted']:2}  false agree "
            f"{r['false_agree']:2}  false alarms {r['false_alarm']:2}  unplanned "
            f"{r['unplanned']:2}  alignment F1 {r['alignment_f1']:.2f}"
        )
    print(f"({s['seconds']} s)")


def row_of(c: dict) -> str:
    return (
        f"P {c['precision']:.2f}  R {c['recall']:.2f}  F1 {c['f1']:.2f}  "
        f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", nargs="+", metavar="EVENT", help="only these events")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument(
        "--semantic", action="store_true", help="in-process, with the optional embeddings on"
    )
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="call the engine in this process (same JSON, faster) instead of main.py",
    )
    args = parser.parse_args(argv)
    report = evaluate(events(args.events), args.in_process, args.semantic)
    s = summary(report)
    if args.json:
        if args.errors:
            s["errors"] = report.errors
        print(json.dumps(s, indent=1))
        return
    print_summary(s)
    if args.errors:
        for name, lines in report.errors.items():
            if lines:
                print(f"\n== {name}")
                print("\n".join(lines))


if __name__ == "__main__":
    main()
