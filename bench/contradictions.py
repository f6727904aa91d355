"""How well ``core.verdict.judge`` finds contradictions, and how rarely it cries wolf.

Run by hand from the repository root; prints tables (results go in docs/quality.md):

    python bench/contradictions.py            # all three test sets
    python bench/contradictions.py perturb    # one of: perturb, perturb-news, ists, news

1. **perturb**: every corpus sentence altered by rules that do not use ``core.facts`` (so
   the test does not grade the extractor on its own choices): one number, amount, year,
   month or name changed, or a negation inserted (each must be flagged with the right
   kind), or the sentence reworded or reformatted without changing a fact ("$13 billion"
   -> "$13bn", "10 percent" -> "10%", "over" -> "more than", a clause added): must not.
2. **ists**: SemEval-2016 iSTS headlines (read in place from ../shared/eval).  Whole
   headline pairs, not chunks, because ``judge`` sees whole passages and needs the words
   around a value to know what it is about.  Expected conflict: an OPPO chunk, or a SIMI
   chunk whose two sides state different numbers, months or names.  Expected no conflict:
   pairs whose aligned chunks are all EQUI.  Other pairs are left out.
3. **news**: hand-annotated sentence pairs from real outlets, bench/annotations/
   news_conflicts.txt (see its header).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.model import Settings  # noqa: E402
from core.segment import segment  # noqa: E402
from core.verdict import judge  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
ANNOTATIONS = ROOT / "bench" / "annotations" / "news_conflicts.txt"
NAME_KINDS = {"person", "organisation", "place"}
SETTINGS = Settings()


@dataclass(frozen=True)
class Case:
    """A pair of texts and the conflict kind expected ("" = no conflict expected)."""

    left: str
    right: str
    expected: str
    how: str  # the rule that made the case, for the breakdown table


def kind_group(kind: str) -> str:
    """Person, organisation, place and attribution are scored together as "name": the kind
    of a name is guessed without a gazetteer, a wrong guess still marks the right words, and
    a changed speaker *is* a changed name."""
    return "name" if kind in NAME_KINDS | {"attribution"} else kind


# ---------------------------------------------------------------------------------------
# 1. Perturbations


_DIGITS = re.compile(r"(?<![\w.,$-])(\$?)(\d+(?:,\d{3})*(?:\.\d+)?)(?![\w.,]\d|[-\w])")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_CAPITALISED = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})(?![\w'-])")
_AUXILIARY = re.compile(
    r"\b(is|was|are|were|has|have|had|will|can|could|would|should)\b "
    r"(?!not\b|n't)"
)
_NOT_NAMES = set(_MONTHS) | set(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "President",
        "Rep",
        "Sen",
        "General",
        "Attorney",
        "Secretary",
        "Chief",
        "Here",
        "There",
    ]
)
_OTHER_NAMES = ("Bezos", "Nadella", "Oracle", "Zuckerberg", "Lisbon", "Siemens", "Ellison")
_FORMATS: tuple[tuple[str, str], ...] = (
    (r"(\$\d+(?:\.\d+)?) billion\b", r"\1bn"),
    (r"(\$\d+(?:\.\d+)?) million\b", r"\1m"),
    (r"(\d+(?:\.\d+)?) percent\b", r"\1%"),
    (r"\bover (\$?\d)", r"more than \1"),
    (r"\bmore than (\$?\d)", r"over \1"),
    (r"\bnearly (\$?\d)", r"almost \1"),
    (r"\babout (\$?\d)", r"around \1"),
    (r"\$(\d+) billion\b", r"\1 billion dollars"),
    (r"\bhalf a trillion dollars\b", "$500 billion"),
)
_NUMBER_WORDS = {
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
    "12": "a dozen",
    "14": "fourteen",
}
_COMMON_OPENERS = set(
    [
        "the",
        "in",
        "but",
        "this",
        "it",
        "its",
        "however",
        "with",
        "when",
        "after",
        "as",
        "a",
        "an",
        "on",
        "by",
        "for",
        "meanwhile",
        "soon",
        "yet",
        "while",
        "since",
        "so",
    ]
)
_REWORDINGS: tuple[tuple[str, str], ...] = (
    (r"^", "Reportedly, "),
    (r"\bsaid\b", "stated"),
    (r"\bhowever\b", "though"),
    (r"\.$", ", according to several reports."),
    (r"\bhas\b", "had"),
)


def corpus_sentences(folder: Path = ROOT / "corpus", *, skip_lines: int = 0) -> list[str]:
    sentences = []
    for path in sorted(folder.glob("*.txt")):
        if path.name == "README.md":
            continue
        text = "\n".join(path.read_text(encoding="utf-8").splitlines()[skip_lines:])
        for passage in segment(text, "L"):
            if passage.kind == "text" and len(passage.text.split()) >= 5:
                sentences.append(passage.text)
    return sentences


def perturbations(sentence: str) -> Iterator[Case]:
    yield from _changed_numbers(sentence)
    yield from _changed_month(sentence)
    yield from _changed_name(sentence)
    yield from _inserted_negation(sentence)
    yield from _same_facts(sentence)


def _changed_numbers(sentence: str) -> Iterator[Case]:
    for match in _DIGITS.finditer(sentence):
        currency, digits = match.groups()
        if re.search(r"[A-Z]\w*[ -]$|['‘\"]\w+ $", sentence[: match.start()]) and not re.search(
            r"\b(?:In|By|Since|Over|About|Nearly)\s$", sentence[: match.start()]
        ):
            continue  # a number that names a thing ("Gemini 3", "Colossus 2"), not a fact
        plain = digits.replace(",", "")
        after = sentence[match.end() : match.end() + 14].lower()
        if currency or re.match(r" (?:billion|million|trillion)? ?(?:dollars|euros)", after):
            kind = "money"
        elif re.match(r" ?(?:%|percent)", after):
            kind = "percent"
        elif re.match(r"(?::\d\d)? ?[ap]\.?m\b", after):
            kind = "time"
        elif re.match(r"[ -](?:year|month|week|day|hour|minute)s?\b", after):
            kind = "duration"
        elif re.fullmatch(r"(?:19|20)\d\d", digits) or re.search(
            r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\w*\.? $",
            sentence[: match.start()],
        ):
            kind = "date"
        else:
            kind = "number"
        changed = _other_number(plain, kind)
        text = sentence[: match.start(2)] + changed + sentence[match.end(2) :]
        yield Case(sentence, text, kind, f"change {kind}")


def _other_number(digits: str, kind: str) -> str:
    if kind == "date":
        return str(int(digits) + 1)
    if kind == "time":
        return str(int(digits) % 12 + 1)
    value = float(digits)
    # Far enough to lie outside any hedge or rounding ("over 13" -> "10" is a clash).
    new = value * 0.6 if value >= 5 else value + 3
    return f"{new:.1f}".rstrip("0").rstrip(".") if "." in digits else str(round(new))


def _changed_month(sentence: str) -> Iterator[Case]:
    match = _MONTH.search(sentence)
    if match and re.search(
        r"\b(?:in|on|by|since|until|of) $|^ \d|^ (?:19|20)\d\d",
        sentence[max(0, match.start() - 6) : match.start()]
        + sentence[match.end() : match.end() + 5],
    ):
        other = _MONTHS[(_MONTHS.index(match.group()) + 3) % 12]
        yield Case(
            sentence,
            sentence[: match.start()] + other + sentence[match.end() :],
            "date",
            "change month",
        )


def _changed_name(sentence: str) -> Iterator[Case]:
    for match in _CAPITALISED.finditer(sentence):
        if match.group() in _NOT_NAMES or sentence.count(match.group()) > 1:
            continue
        other = next(n for n in _OTHER_NAMES if n not in sentence)
        yield Case(
            sentence,
            sentence[: match.start()] + other + sentence[match.end() :],
            "name",
            "change name",
        )
        return


def _inserted_negation(sentence: str) -> Iterator[Case]:
    match = _AUXILIARY.search(sentence)
    if match:
        yield Case(
            sentence,
            sentence[: match.end()] + "not " + sentence[match.end() :],
            "negation",
            "insert negation",
        )


def _same_facts(sentence: str) -> Iterator[Case]:
    for pattern, replacement in _FORMATS:
        changed = re.sub(pattern, replacement, sentence, count=1)
        if changed != sentence:
            yield Case(sentence, changed, "", "reformat value")
    for digits, word in _NUMBER_WORDS.items():
        pattern = rf"(?<![\w.,$-]){digits}(?= [a-z]+s\b)"
        changed = re.sub(pattern, word, sentence, count=1)
        if changed != sentence:
            yield Case(sentence, changed, "", "digits as words")
            break
    for pattern, replacement in _REWORDINGS:
        changed = re.sub(pattern, replacement, sentence, count=1)
        if changed != sentence:
            first = sentence.split(" ", 1)[0]
            if pattern == "^" and first.lower() in _COMMON_OPENERS:
                changed = "Reportedly, " + sentence[0].lower() + sentence[1:]
            yield Case(sentence, changed, "", "reword")
    yield Case(
        sentence, sentence + " Separately, 40 staff were hired in 2011.", "", "add unrelated facts"
    )


# ---------------------------------------------------------------------------------------
# 2. iSTS headlines


def ists_cases() -> list[Case]:
    rows = [
        json.loads(line)
        for line in (EVAL / "ists2016_headlines_test_chunks.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    by_pair: dict[int, list[dict[str, object]]] = {}
    for row in rows:
        by_pair.setdefault(int(row["sent_id"]), []).append(row)
    cases = []
    for chunks in by_pair.values():
        left, right = str(chunks[0]["sent_a"]), str(chunks[0]["sent_b"])
        expected = _ists_expected(chunks)
        if expected is not None:
            cases.append(Case(left, right, expected, "ists " + (expected or "equi")))
    return cases


def _ists_expected(chunks: list[dict[str, object]]) -> str | None:
    aligned = [c for c in chunks if c["label"] != "NOALI"]
    kinds = set()
    for chunk in aligned:
        label, a, b = str(chunk["label"]), str(chunk["a"]), str(chunk["b"])
        if label.startswith("OPPO"):
            kinds.add("negation")
        elif label.startswith("SIMI"):
            kinds.add(_differing_value(a, b) or "")
    kinds.discard("")
    if kinds:
        return "|".join(sorted(kinds))
    if aligned and all(str(c["label"]) == "EQUI" for c in aligned):
        return ""
    return None


def _differing_value(a: str, b: str) -> str | None:
    months_a = {m for m in _MONTHS if m[:3] in a}
    months_b = {m for m in _MONTHS if m[:3] in b}
    digits_a, digits_b = set(re.findall(r"\d+", a)), set(re.findall(r"\d+", b))
    if (months_a or months_b) and (digits_a != digits_b or months_a != months_b):
        return "date"
    if digits_a and digits_b and digits_a != digits_b:
        years = all(re.fullmatch(r"(?:19|20)\d\d", d) for d in digits_a | digits_b)
        return "date" if years else "number"
    names_a = {w.lower() for w in re.findall(r"\b[A-Z][\w.]+", a)}
    names_b = {w.lower() for w in re.findall(r"\b[A-Z][\w.]+", b)}
    if names_a and names_b and not names_a & names_b:
        return "name"
    return None


# ---------------------------------------------------------------------------------------
# 3. Hand-annotated news pairs


def news_cases() -> list[Case]:
    """Blocks of `kind:`, `left:`, `right:` lines, separated by blank lines; see the file."""
    cases: list[Case] = []
    fields: dict[str, str] = {}
    lines = ANNOTATIONS.read_text(encoding="utf-8").splitlines() + [""]
    for line in lines:
        if line.startswith("#"):
            continue
        if not line.strip():
            if {"kind", "left", "right"} <= fields.keys():
                _check_quoted(fields)
                kind = fields["kind"].strip()
                expected = "" if kind == "none" else kind_group(kind)
                cases.append(
                    Case(
                        fields["left"],
                        fields["right"],
                        expected,
                        "news " + (kind if kind != "none" else "look-alike"),
                    )
                )
            fields = {}
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return cases


def _check_quoted(fields: dict[str, str]) -> None:
    """Warn when a snippet is not (or no longer) verbatim in the article it names."""
    for side in ("left", "right"):
        source = EVAL / "news" / fields.get(f"{side}_from", "")
        if not source.is_file() or fields[side] not in source.read_text(encoding="utf-8"):
            print(f"  WARNING: {side} snippet not found in {source.name}: {fields[side][:60]!r}")


# ---------------------------------------------------------------------------------------
# Scoring


@dataclass
class Tally:
    expected: Counter[str]
    found: Counter[str]  # conflicts reported, by kind group (at most one per case)
    correct: Counter[str]
    false_alarms: list[tuple[Case, str]]
    misses: list[tuple[Case, str]]
    by_rule: Counter[tuple[str, bool]]
    # Pairs that should clash but were called "agree": the worst outcome for a reader.
    false_agree: list[Case]


def score(cases: list[Case], mirror_check: bool = True) -> Tally:
    tally = Tally(Counter(), Counter(), Counter(), [], [], Counter(), [])
    for case in cases:
        verdict = judge(case.left, case.right, score=0.6, settings=SETTINGS)
        if mirror_check:
            _check_mirror(case, verdict.conflicts)
        kinds = {kind_group(c.kind) for c in verdict.conflicts}
        expected = set(case.expected.split("|")) - {""}
        explanation = "; ".join(f"{c.kind}: {c.explanation}" for c in verdict.conflicts)
        for kind in expected:
            tally.expected[kind] += 1
            tally.correct[kind] += kind in kinds
        for kind in kinds:
            tally.found[kind] += 1
        # Kind-blind detection: was a pair that should clash flagged at all?
        tally.expected["(any kind)"] += bool(expected)
        tally.found["(any kind)"] += bool(kinds)
        tally.correct["(any kind)"] += bool(expected and kinds)
        if expected and not expected & kinds:
            tally.misses.append((case, explanation or "no conflict"))
        if kinds - expected:
            tally.false_alarms.append((case, explanation))
        if expected and verdict.status == "agree":
            tally.false_agree.append(case)
        ok = bool(expected & kinds) if expected else not kinds
        tally.by_rule[(case.how, ok)] += 1
    return tally


def _check_mirror(case: Case, conflicts: tuple[object, ...]) -> None:
    back = judge(case.right, case.left, score=0.6, settings=SETTINGS).conflicts
    forward = {(c.kind, c.left, c.right, c.left_start, c.right_start) for c in conflicts}  # type: ignore[attr-defined]
    mirrored = {(c.kind, c.right, c.left, c.right_start, c.left_start) for c in back}
    if forward != mirrored:
        print(f"  MIRROR MISMATCH: {case.left[:60]!r} / {case.right[:60]!r}")


def print_tally(title: str, tally: Tally, *, show: int = 8) -> None:
    print(f"\n## {title}\n")
    print("| kind | expected | flagged | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    kinds = sorted(set(tally.expected) | set(tally.found), key=lambda k: (k[0] == "(", k))
    for kind in kinds:
        print(
            f"| {kind} | {tally.expected[kind]} | {tally.found[kind]} | {tally.correct[kind]} "
            f"| {_ratio(tally.correct[kind], tally.found[kind])} "
            f"| {_ratio(tally.correct[kind], tally.expected[kind])} |"
        )
    print("\n| rule | cases | right |")
    print("|---|---:|---:|")
    for rule in sorted({how for how, _ in tally.by_rule}):
        right, wrong = tally.by_rule[(rule, True)], tally.by_rule[(rule, False)]
        print(f"| {rule} | {right + wrong} | {right} |")
    print(f"\nfalse agree (a pair that should clash called agree): {len(tally.false_agree)}")
    for label, items in (("false alarms", tally.false_alarms), ("misses", tally.misses)):
        print(f"\n{len(items)} {label}" + (f", first {show}:" if items else ""))
        for case, explanation in items[:show]:
            print(
                f"  - [{case.how}] {explanation}\n      L: {case.left[:110]}\n"
                f"      R: {case.right[:110]}"
            )


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "-"


BENCHES: dict[str, tuple[str, Callable[[], list[Case]]]] = {
    "perturb": (
        "Perturbed corpus sentences",
        lambda: [c for s in corpus_sentences() for c in perturbations(s)],
    ),
    "perturb-news": (
        "Perturbed sentences of the real news articles (more numbers)",
        lambda: [
            c for s in corpus_sentences(EVAL / "news", skip_lines=2) for c in perturbations(s)
        ],
    ),
    "ists": ("iSTS 2016 headlines (whole headline pairs)", ists_cases),
    "news": ("Hand-annotated news pairs", news_cases),
}


def main(argv: list[str]) -> None:
    for name in argv or list(BENCHES):
        title, make = BENCHES[name]
        print_tally(title, score(make()))


if __name__ == "__main__":
    main(sys.argv[1:])
