"""A document's text cut into passages: headings, sentences and page furniture.

Paragraphs are lines (or blocks separated by blank lines); sentences come from pysbd, a
rule-based splitter that knows abbreviations ("U.S.", "Inc.") and decimals ("$1.4
trillion"), which a regex on "." does not.  Page furniture (appeals, captions, bylines,
timestamps, a last line cut off) gets its own kinds, by the rules of core/data/furniture.json
(docs/furniture.md).

>>> [(p.kind, p.text) for p in segment("Top story\\nIt rained. Then it stopped.", "left")]
[('heading', 'Top story'), ('text', 'It rained.'), ('text', 'Then it stopped.')]
"""

from __future__ import annotations

import copy
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .model import Passage, PassageKind, PassageRef, Side

_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")


# A paragraph whose only sentence-ending marks are at its very end, and which holds no
# quotation mark (pysbd splits around quotes, e.g. before a trailing unbalanced '"'), is one
# sentence: pysbd would return it whole, so it is not asked.  `python bench/speed.py
# --check-segmentation` checks this against pysbd on the corpus, the news set and every
# sentence of the evaluation sets.
_INNER_END = re.compile(r"[.!?…]+(?!$)")
_QUOTE = re.compile(r"[\"“”„«»]")
if TYPE_CHECKING:
    import pysbd  # imported by _splitter, on the first paragraph that needs it
# Sentences of a paragraph, remembered: the same paragraph recurs across comparisons (the
# matrix of a folder, a re-run with other settings), and pysbd costs ~1 ms a paragraph.
_PARAGRAPH_CACHE = 8192


class _CachedRe:
    """The ``re`` module as pysbd sees it, with a compile cache large enough for pysbd.

    pysbd builds patterns on the fly (one per abbreviation it meets, ~200 of them) and
    calls module-level ``re.sub``/``re.findall``.  Past ~500 distinct patterns the standard
    library's cache evicts in insertion order, so each paragraph recompiled every pattern:
    two thirds of the segmentation time on long documents.  Same functions, same results.

    ``sub``, ``findall`` and ``search`` also skip a text that lacks every character one of
    the pattern's parts needs (``required_characters``): about half of pysbd's ~80 rules
    a paragraph look for its own placeholders ("∯", "♨", "ȸ"), absent from most text.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    @lru_cache(maxsize=4096)
    def compile(pattern: Any, flags: int = 0) -> re.Pattern[str]:
        return re.compile(pattern, flags)

    @staticmethod
    @lru_cache(maxsize=4096)
    def _prepared(pattern: Any, flags: int = 0) -> tuple[re.Pattern[str], tuple[str, ...]]:
        """The compiled pattern and the characters one of which it needs (none: unknown)."""
        compiled = _CachedRe.compile(pattern, flags)
        if not isinstance(compiled.pattern, str):
            return compiled, ()
        return compiled, tuple(sorted(required_characters(compiled.pattern, compiled.flags) or ()))

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        compiled, needs = self._prepared(pattern, flags)
        if needs and not any(map(string.__contains__, needs)):
            return str(string)  # as re.sub: a plain str, even from pysbd's str subclass
        return compiled.sub(repl, string, count)

    def subn(
        self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0
    ) -> tuple[str, int]:
        return self.compile(pattern, flags).subn(repl, string, count)

    def search(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        compiled, needs = self._prepared(pattern, flags)
        if needs and not any(map(string.__contains__, needs)):
            return None
        return compiled.search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).fullmatch(string)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> list[Any]:
        compiled, needs = self._prepared(pattern, flags)
        if needs and not any(map(string.__contains__, needs)):
            return []
        return compiled.findall(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
        return self.compile(pattern, flags).split(string, maxsplit)


# The regular expression parser of the standard library (``sre_parse`` before 3.11).
_PARSER: Any = importlib.import_module("re._parser")
_UNSURE_FLAGS = re.LOCALE | re.VERBOSE  # LOCALE: case rules unknown here


def required_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Characters of which a text must hold at least one for ``pattern`` to match in it
    (in the match or in a lookaround), or None when no such set is found.

    Read from the parsed pattern: a literal, a class of literals, a repeat of at least one,
    a group or a positive lookaround needs what its content needs; an alternation, what
    any of its branches needs; a sequence, what its most particular part needs.  Under
    IGNORECASE only characters without case count (".", "∯"), since others match their
    other case.
    """
    try:
        parsed = _PARSER.parse(pattern, flags)
    except re.error:
        return None
    flags |= parsed.state.flags
    if flags & _UNSURE_FLAGS:
        return None
    return _sequence_needs(parsed, flags)


def _sequence_needs(items: Any, flags: int) -> frozenset[str] | None:
    found = [needs for op, av in items if (needs := _item_needs(op, av, flags)) is not None]
    return min(found, key=len) if found else None


def _item_needs(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    if op is _PARSER.LITERAL:
        return _literals([av], flags)
    if op is _PARSER.IN:
        if any(kind is not _PARSER.LITERAL for kind, _ in av):
            return None  # a range, a category or a negated class
        return _literals([code for _, code in av], flags)
    if op is _PARSER.SUBPATTERN:
        _, add_flags, del_flags, content = av
        return _sequence_needs(content, (flags | add_flags) & ~del_flags)
    if op in (_PARSER.MAX_REPEAT, _PARSER.MIN_REPEAT, _PARSER.POSSESSIVE_REPEAT):
        low, _, content = av
        return _sequence_needs(content, flags) if low >= 1 else None
    if op is _PARSER.ATOMIC_GROUP:
        return _sequence_needs(av, flags)
    if op is _PARSER.ASSERT:  # a positive lookahead or lookbehind: its text is there too
        return _sequence_needs(av[1], flags)
    if op is _PARSER.BRANCH:
        branches = [_sequence_needs(branch, flags) for branch in av[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _literals(codes: list[int], flags: int) -> frozenset[str] | None:
    chars = frozenset(chr(code) for code in codes)
    if flags & re.IGNORECASE and not all(_uncased(char) for char in chars):
        return None
    return chars


def _uncased(char: str) -> bool:
    return not char.isalpha() and char.lower() == char == char.upper()


# Characters that re.IGNORECASE matches with an ASCII letter although ``str.lower`` does
# not make them one (the re module's documentation lists exactly these four).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class _LineAbbreviations:
    """pysbd's abbreviation lists as one line sees them: only the abbreviations whose
    replacements could change that line.

    For every abbreviation, pysbd searches the line for words it begins (``findall``, a
    scan of the whole line), then for each such word substitutes the period after
    "abbreviation." at a word start.  A period it can replace must therefore follow the
    abbreviation's letters at the start of a whitespace-separated word: for an abbreviation
    of ASCII letters, a word whose lower case, up to its first period, is the abbreviation.
    Any other abbreviation leaves the line as it was, so skipping it (keeping pysbd's order
    for the others) changes nothing; abbreviations with a period or other characters
    ("e.g", "u.s") are always kept, and so is the whole list for a line holding one of the
    characters that ignore-case matching treats as an ASCII letter.  Eight in ten
    abbreviation searches are skipped on news text; ``bench/speed.py
    --check-segmentation`` and tests/test_engine_fast_paths.py check the result against
    pysbd's.
    """

    def __init__(self, abbreviation: Any, kept: list[str]) -> None:
        self._abbreviation = abbreviation
        self.ABBREVIATIONS = kept

    def __getattr__(self, name: str) -> Any:  # the prepositive and number lists
        return getattr(self._abbreviation, name)


class _LineLanguage:
    def __init__(self, language: Any, abbreviation: _LineAbbreviations) -> None:
        self._language = language
        self.Abbreviation = abbreviation

    def __getattr__(self, name: str) -> Any:
        return getattr(self._language, name)


def _prefiltered(search: Callable[[Any, str], str]) -> Callable[[Any, str], str]:
    """pysbd's ``search_for_abbreviations_in_string``, run with the abbreviations a line
    can be changed by (``_LineAbbreviations``)."""

    # Per abbreviation list: each abbreviation with the word head that can make it count,
    # or None when it is always kept.
    keys: dict[int, tuple[list[str], list[tuple[str, str | None]]]] = {}

    def search_some(replacer: Any, text: str) -> str:
        if _FOLDS_TO_ASCII.search(text):
            return search(replacer, text)
        abbreviations = replacer.lang.Abbreviation.ABBREVIATIONS
        if id(abbreviations) not in keys:  # the list is kept too, so its id stays its own
            keys[id(abbreviations)] = (
                abbreviations,
                [(a, a.strip() if _ascii_letters(a.strip()) else None) for a in abbreviations],
            )
        heads = {word.lower().partition(".")[0] for word in text.split() if "." in word}
        kept = [a for a, key in keys[id(abbreviations)][1] if key is None or key in heads]
        narrowed = copy.copy(replacer)  # a replacer is made per text: nothing else sees it
        narrowed.lang = _LineLanguage(
            replacer.lang, _LineAbbreviations(replacer.lang.Abbreviation, kept)
        )
        return search(narrowed, text)

    return search_some


def _ascii_letters(word: str) -> bool:
    return word.isascii() and word.isalpha()


def _spans_by_search(segmenter: Any, sentences: list[str]) -> list[Any]:
    r"""pysbd's ``Segmenter.sentences_with_char_spans`` with a string search for its regex.

    pysbd finds each sentence in the paragraph with ``re.finditer(re.escape(sentence) +
    r"\s*")``: a pattern compiled per distinct sentence (most of the ~1,100 patterns a
    50k-word document compiles, 0.3 s) that matches the sentence's characters literally,
    then the whitespace after it.  ``str.find`` from the end of the previous match, and
    ``str.isspace`` (the characters ``\s`` matches in a str pattern), find the same
    non-overlapping matches in the same order; the first ending past the previous
    sentence is kept, as in pysbd.  An empty sentence (which the regex would match
    everywhere) is left to pysbd's own code.
    """
    from pysbd.utils import TextSpan

    text = segmenter.original_text
    spans = []
    prior_end = 0
    for sentence in sentences:
        if not sentence:  # pysbd's own loop: its pattern is then ``\s*`` alone
            for match in re.finditer(r"\s*", text):
                if match.end() > prior_end:
                    spans.append(TextSpan(match.group(), match.start(), match.end()))
                    prior_end = match.end()
                    break
            continue
        position = 0
        while (start := text.find(sentence, position)) >= 0:
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                spans.append(TextSpan(text[start:end], start, end))
                prior_end = end
                break
            position = end
    return spans


@lru_cache(maxsize=1)
def _splitter() -> pysbd.Segmenter:
    import pysbd
    from pysbd.abbreviation_replacer import AbbreviationReplacer

    cached = _CachedRe()
    for name, module in list(sys.modules.items()):
        if name.startswith("pysbd") and isinstance(getattr(module, "re", None), ModuleType):
            module.re = cached  # type: ignore[attr-defined]
    search = AbbreviationReplacer.search_for_abbreviations_in_string
    if not getattr(search, "prefiltered", False):
        faster = _prefiltered(search)
        faster.prefiltered = True  # type: ignore[attr-defined]
        faster.__wrapped__ = search  # type: ignore[attr-defined]  # pysbd's own, for tests
        AbbreviationReplacer.search_for_abbreviations_in_string = faster
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.sentences_with_char_spans = partial(_spans_by_search, segmenter)
    return segmenter


@lru_cache(maxsize=_PARAGRAPH_CACHE)
def _split(block: str) -> tuple[str, ...]:
    if not _INNER_END.search(block) and not _QUOTE.search(block):
        return (block,)
    return tuple(_splitter().segment(block))


def segment(text: str, side: Side) -> tuple[Passage, ...]:
    """Cut ``text`` into passages, each referred to by ``side`` and its reading-order index."""
    spans = list(_paragraphs(text))
    kinds = paragraph_kinds([text[start:end] for start, end in spans])
    passages: list[Passage] = []
    last_content = max((i for i, kind in enumerate(kinds) if kind in _CONTENT), default=-1)
    for paragraph, ((start, end), kind) in enumerate(zip(spans, kinds, strict=True)):
        block = text[start:end]
        if paragraph == last_content and kind == "heading" and is_cut_off(block):
            kind = "text"  # not a heading: a last line cut off (its pieces are judged below)
        pieces = [(start, end)] if kind != "text" else list(_sentences(block, start))
        if paragraph == last_content and pieces:
            pieces[-1:] = _split_cut_off(text, *pieces[-1])
        for index, (s_start, s_end) in enumerate(pieces):
            sentence = text[s_start:s_end]
            sentence_kind: PassageKind = kind
            if kind == "text":
                sentence_kind = sentence_furniture_kind(sentence) or "text"
            if (
                paragraph == last_content
                and index == len(pieces) - 1
                and sentence_kind in _CONTENT
                and is_cut_off(sentence)
            ):
                sentence_kind = "truncated"
            passages.append(
                Passage(
                    ref=PassageRef(side, len(passages)),
                    start=s_start,
                    end=s_end,
                    text=sentence,
                    kind=sentence_kind,
                    paragraph=paragraph,
                )
            )
    return tuple(passages)


def _split_cut_off(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The last sentence of an article, with a cut-off tail split from whole sentences
    before it that the splitter left attached (pysbd does not split before an open quote)."""
    piece = text[start:end]
    if not is_cut_off(piece):
        return [(start, end)]
    boundaries = [m.end() for m in _INNER_BOUNDARY.finditer(piece)]
    if not boundaries:
        return [(start, end)]
    cut = boundaries[-1]
    head_end = start + len(piece[:cut].rstrip())
    return [(start, head_end), (start + cut, end)]


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs: each non-empty line, stripped of surrounding space."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        yield start, start + len(stripped)


# ======================================================================= furniture
#
# What counts as furniture is data: core/data/furniture.json (each rule with examples and
# look-alikes that tests/test_furniture.py checks).  This code only applies it: a paragraph
# at a time by its form, then by its neighbours (an appeal spread over several paragraphs,
# the links under a "Read more:" label), then the last passage of content (cut off?).

_CONTENT: frozenset[str] = frozenset({"heading", "text"})
_RULES_FILE = Path(__file__).resolve().parent / "data" / "furniture.json"
# Separators between the parts of a byline or of a timestamp line.
_BYLINE_SEPARATOR = re.compile(r"\s*[|•·;]\s*|\s+[-–—]\s+|,\s*")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|tells|according to|added|asked|wrote|writes)\b", re.IGNORECASE
)
_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?|«[^»]*»?|„[^“”]*[“”]?")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?|h)?"
    r"|\d{1,2}(?:am|pm|a\.m\.?|p\.m\.?)"
)
_NUMERIC_DATE = re.compile(
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
    r"|\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?"
)
_NUMBER = re.compile(r"\d{1,4}(?:st|nd|rd|th)?\.?|(?:utc|gmt)?[+-]\d{1,2}(?::?\d{2})?")
_ELLIPSIS_CUT = re.compile(r"\w\s?(?:\.\.\.|…|\[(?:\.\.\.|…)\])$")
# Where pysbd leaves two sentences together: before an opening quote.
_INNER_BOUNDARY = re.compile(r"""[.!?]["'”’)]*\s+(?=["“‘(][A-Z0-9])""")
_OPEN_END = re.compile(r"""[,;:\-–—(\[“‘"']$""")


@dataclass(frozen=True)
class Rule:
    """One line or sentence rule of the furniture file."""

    name: str
    kind: PassageKind
    pattern: re.Pattern[str]
    max_words: int | None
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]

    def matches(self, line: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        return bool(self.pattern.fullmatch(line))


@dataclass(frozen=True)
class Cue:
    """An appeal cue: a pattern searched only in a sentence that holds one of ``needs``."""

    needs: tuple[str, ...]
    pattern: re.Pattern[str]

    def found(self, text: str, lowered: str) -> bool:
        return any(word in lowered for word in self.needs) and bool(self.pattern.search(text))


def _cues(raw: list[dict[str, Any]]) -> tuple[Cue, ...]:
    return tuple(Cue(tuple(cue["needs"]), re.compile(cue["pattern"], re.IGNORECASE)) for cue in raw)


@dataclass(frozen=True)
class FurnitureRules:
    """The furniture file, compiled."""

    line_rules: tuple[Rule, ...]
    sentence_rules: tuple[Rule, ...]
    appeal_strong: tuple[Cue, ...]
    appeal_weak: tuple[Cue, ...]
    # The same, each set as one pattern (one call instead of one a rule: 5x faster).
    any_line_rule: re.Pattern[str]
    any_sentence_rule: re.Pattern[str]
    appeal_share: float
    appeal_triggers: tuple[str, ...]  # every strong cue's needs: a paragraph without is no appeal
    byline_prefix: re.Pattern[str]
    byline_particles: frozenset[str]
    byline_nameless: frozenset[str]
    byline_not_names: frozenset[str]
    byline_roles: re.Pattern[str]
    byline_max_words: int
    byline_role_words: int
    timestamp_prefix: re.Pattern[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    zones: frozenset[str]
    date_words: frozenset[str]
    caption_patterns: tuple[re.Pattern[str], ...]
    truncated_min_words: int
    dangling_words: frozenset[str]
    raw: dict[str, Any]


def _rules(section: dict[str, Any]) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            name=rule["name"],
            kind=rule["kind"],
            pattern=re.compile(rule["pattern"], 0 if rule.get("case") else re.IGNORECASE),
            max_words=rule.get("max_words"),
            examples=tuple(rule["examples"]),
            counterexamples=tuple(rule["not"]),
        )
        for rule in section["rules"]
    )


def _one_of(rules: tuple[Rule, ...]) -> re.Pattern[str]:
    """A pattern that matches where one of ``rules`` does; group ``r<i>`` names the rule."""
    parts = []
    for index, rule in enumerate(rules):
        flag = "i" if rule.pattern.flags & re.IGNORECASE else "-i"
        parts.append(f"(?P<r{index}>(?{flag}:{rule.pattern.pattern}))")
    return re.compile("|".join(parts))


def _first(rules: tuple[Rule, ...], combined: re.Pattern[str], line: str) -> Rule | None:
    """The first of ``rules`` that matches the whole line (as ``Rule.matches``)."""
    match = combined.fullmatch(line)
    if match is None or match.lastgroup is None:
        return None
    rule = rules[int(match.lastgroup[1:])]
    if rule.matches(line):
        return rule
    return next((rule for rule in rules if rule.matches(line)), None)  # a word limit failed


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def furniture_rules() -> FurnitureRules:
    """The rules of ``core/data/furniture.json``, compiled once."""
    raw = json.loads(_RULES_FILE.read_text(encoding="utf-8"))
    appeal, byline, stamp, caption = raw["appeal"], raw["byline"], raw["timestamp"], raw["caption"]
    line_rules, sentence_rules = _rules(raw["line_rules"]), _rules(raw["sentence_rules"])
    return FurnitureRules(
        line_rules=line_rules,
        sentence_rules=sentence_rules,
        appeal_strong=_cues(appeal["strong"]),
        appeal_weak=_cues(appeal["weak"]),
        any_line_rule=_one_of(line_rules),
        any_sentence_rule=_one_of(line_rules + sentence_rules),
        appeal_share=float(appeal["min_share"]),
        appeal_triggers=tuple(sorted({word for cue in appeal["strong"] for word in cue["needs"]})),
        byline_prefix=re.compile(rf"(?:{_alternatives(byline['prefixes'])})\s+", re.IGNORECASE),
        byline_particles=frozenset(byline["particles"]),
        byline_nameless=frozenset(byline["nameless"]),
        byline_not_names=frozenset(byline["not_names"]),
        byline_roles=re.compile(rf"\b(?:{_alternatives(byline['roles'])})\b", re.IGNORECASE),
        byline_max_words=int(byline["max_words"]),
        byline_role_words=int(byline["role_max_words"]),
        timestamp_prefix=re.compile(
            rf"(?:{_alternatives(stamp['prefixes'])})(?:\s*:|\s+on|\s+at)?\s+", re.IGNORECASE
        ),
        months=frozenset(stamp["months"]),
        weekdays=frozenset(stamp["weekdays"]),
        zones=frozenset(stamp["zones"]),
        date_words=frozenset(stamp["words"]),
        caption_patterns=(
            re.compile(caption["parenthesised"] + r"\W*$", re.IGNORECASE),
            re.compile(caption["labelled"] + r"$"),
            re.compile(caption["agency_tail"] + r"$"),
        ),
        truncated_min_words=int(raw["truncated"]["min_words"]),
        dangling_words=frozenset(raw["truncated"]["dangling_words"]),
        raw=raw,
    )


def paragraph_kinds(blocks: list[str]) -> list[PassageKind]:
    """The kind of each paragraph of a text, by its form and then by its neighbours."""
    rules = furniture_rules()
    kinds: list[PassageKind] = [_paragraph_kind(block) for block in blocks]
    # The links listed under a label line ("Read more:", "More stories like this").
    for index, block in enumerate(blocks):
        if kinds[index] == "boilerplate" and _is_label(block, rules):
            for follower in range(index + 1, min(index + 4, len(blocks))):
                if kinds[follower] != "heading":
                    break
                kinds[follower] = "boilerplate"
    # Appeals: a paragraph that asks, then the neighbours that speak the same way.
    shares: dict[int, tuple[bool, float]] = {}

    def appeal_of(i: int) -> tuple[bool, float]:
        if i not in shares:
            shares[i] = _appeal(blocks[i], rules)
        return shares[i]

    appeal = []
    for block, kind in zip(blocks, kinds, strict=True):
        asks, share = (
            _strong_appeal(block)
            if kind in _CONTENT and _block_has_trigger(block)
            else (False, 0.0)
        )
        appeal.append(asks and share > rules.appeal_share)
    grown = any(appeal)
    while grown:
        grown = False
        for i in range(len(blocks)):
            neighbour = (i > 0 and appeal[i - 1]) or (i + 1 < len(blocks) and appeal[i + 1])
            if (
                not appeal[i]
                and kinds[i] == "text"
                and neighbour
                and appeal_of(i)[1] > rules.appeal_share
            ):
                appeal[i] = grown = True
    return [
        "boilerplate" if is_appeal else kind for kind, is_appeal in zip(kinds, appeal, strict=True)
    ]


# Paragraphs and sentences recur (wire copy in both articles, the same article in many
# comparisons): their kinds, by form alone, are remembered.
@lru_cache(maxsize=_PARAGRAPH_CACHE)
def _paragraph_kind(block: str) -> PassageKind:
    kind = furniture_kind(block)
    if kind is not None:
        return kind
    if is_heading(block):
        return "heading"
    return "text"


def furniture_kind(block: str) -> PassageKind | None:
    """The kind of furniture a whole paragraph is, by its form alone; None for content."""
    line = block.strip()
    if not line:
        return None
    rules = furniture_rules()
    rule = _first(rules.line_rules, rules.any_line_rule, line)
    if rule is not None:
        return rule.kind
    if is_timestamp(line):
        return "timestamp"
    if is_byline(line):
        return "byline"
    if is_caption(line):
        return "caption"
    return None


def is_furniture(block: str) -> bool:
    """Page furniture by its form: navigation, credits, bylines, timestamps, captions..."""
    return furniture_kind(block) is not None


@lru_cache(maxsize=_PARAGRAPH_CACHE)
def sentence_furniture_kind(sentence: str) -> PassageKind | None:
    """The kind of furniture a single sentence is (a credit or sign-off inside a paragraph)."""
    rules = furniture_rules()
    rule = _first(rules.line_rules + rules.sentence_rules, rules.any_sentence_rule, sentence)
    return rule.kind if rule is not None else None


def _has_trigger(lowered: str, rules: FurnitureRules) -> bool:
    return any(word in lowered for word in rules.appeal_triggers)


@lru_cache(maxsize=_PARAGRAPH_CACHE)
def _block_has_trigger(block: str) -> bool:
    """``_has_trigger`` of a paragraph, remembered: a paragraph repeated in a document or
    across the two is searched for ~60 words once."""
    return _has_trigger(block.lower(), furniture_rules())


def _is_label(block: str, rules: FurnitureRules) -> bool:
    return any(rule.name == "related-label" and rule.matches(block) for rule in rules.line_rules)


@lru_cache(maxsize=_PARAGRAPH_CACHE)
def _strong_appeal(block: str) -> tuple[bool, float]:
    """``_appeal(block, furniture_rules(), require_strong=True)``, remembered per paragraph."""
    return _appeal(block, furniture_rules(), require_strong=True)


def _appeal(
    block: str, rules: FurnitureRules, *, require_strong: bool = False
) -> tuple[bool, float]:
    """Whether a paragraph holds an ask, and the share of its sentences that are appeal
    (not counted, for speed, when ``require_strong`` and there is no ask)."""
    sentences = [block[s:e] for s, e in _sentences(block, 0)] or [block]
    own = [
        "" if _ATTRIBUTION.search(sentence) else _QUOTED.sub(" ", sentence).strip()
        for sentence in sentences
    ]
    lowered = [text.lower() for text in own]
    strong = [
        any(cue.found(text, low) for cue in rules.appeal_strong)
        for text, low in zip(own, lowered, strict=True)
    ]
    if not any(strong) and require_strong:
        return False, 0.0
    cues = sum(
        1
        for text, low, ask in zip(own, lowered, strong, strict=True)
        if ask or any(cue.found(text, low) for cue in rules.appeal_weak)
    )
    return any(strong), cues / len(sentences)


def is_timestamp(line: str) -> bool:
    """A line of date and time only: "15:24 JST, April 3, 2025", "Updated 3:41 PM EST"."""
    rules = furniture_rules()
    text = line.strip().lower()
    if not re.search(r"\d", text) or len(text) > 80:
        return False
    prefix = rules.timestamp_prefix.match(text)
    if prefix:
        text = text[prefix.end() :]
    anchored = False
    for token in re.sub(r"[,|·•—–()\[\]]|\s-\s", " ", text).split():
        word = token.rstrip(".").rstrip(":")
        if word in rules.months or token == "ago" or _TIME.fullmatch(token):
            anchored = True
        elif _NUMERIC_DATE.fullmatch(token):
            anchored = True  # 3/4/2025, 2025-04-03T15:24Z
        elif not (
            word in rules.weekdays
            or word in rules.zones
            or token in rules.date_words
            or word in rules.date_words
            or _NUMBER.fullmatch(token)
            or token == "-"
        ):
            return False
    return anchored


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe | Outlet", "Jane Doe, Staff Writer": names, then parts."""
    rules = furniture_rules()
    line = line.strip().rstrip(".")
    if len(line.split()) > rules.byline_max_words:
        return False
    prefix = rules.byline_prefix.match(line)
    rest = line[prefix.end() :] if prefix else line
    parts = _BYLINE_SEPARATOR.split(rest)
    separators = _BYLINE_SEPARATOR.findall(rest)
    names = re.split(r"\s+(?:and|&)\s+", parts[0])
    nameless = parts[0].lower() in rules.byline_nameless  # "Staff report | Outlet"
    if not nameless and not all(_is_name(name, rules) for name in names):
        return False
    tail = rest[len(parts[0]) :].lstrip(",|•·;–—- ")
    if not tail:
        return prefix is not None
    if is_timestamp(tail):
        return True
    has_role = False
    for part, separator in zip(parts[1:], separators, strict=True):
        if is_timestamp(part):
            continue
        if rules.byline_roles.search(part) and len(part.split()) <= rules.byline_role_words:
            has_role = True
            continue
        if separator.strip() in ("|", "•", "·", "–", "—", "-", ";") and _is_name(
            part, rules, outlet=True
        ):
            continue
        if all(_is_name(name, rules) for name in re.split(r"\s+(?:and|&)\s+", part)):
            continue  # another author: "By Ana Ruiz, Tom Field and Li Wei"
        return False
    return prefix is not None or has_role or nameless


def _is_name(name: str, rules: FurnitureRules, *, outlet: bool = False) -> bool:
    """Capitalised words, 2 to 4 of them (particles aside); an outlet may say "The"."""
    words = name.split()
    if not words or len(words) > (6 if outlet else 5):
        return False
    counted = 0
    for position, word in enumerate(words):
        lower = word.lower().strip(".,")
        if lower in rules.byline_particles and position > 0:
            continue
        if outlet and lower in ("the", "of", "and", "for", "&", "on"):
            continue
        if not _WORD.fullmatch(word) or not word[0].isupper():
            return False
        if lower in rules.months or lower in rules.weekdays:
            return False
        if not outlet and lower in rules.byline_not_names:
            return False
        counted += 1
    return counted >= (1 if outlet else 2)


def is_caption(block: str) -> bool:
    """A paragraph that ends with a photo credit: "(Photo: AP / Name)", "Photograph: ..."."""
    line = block.strip()
    if len(line.split()) > 60:
        return False
    parenthesised, labelled, agency = furniture_rules().caption_patterns
    # Each form needs its mark: a closing parenthesis at the end, a colon, a slash.
    return bool(
        (")" in line[-3:] and parenthesised.search(line))
        or (":" in line and labelled.search(line))
        or ("/" in line and agency.search(line))
    )


def is_cut_off(sentence: str) -> bool:
    """A last sentence that stops short: no final stop, a dangling comma, an open quote."""
    line = sentence.strip()
    words = line.split()
    if _ELLIPSIS_CUT.search(line):
        return len(words) >= furniture_rules().truncated_min_words
    if _SENTENCE_END.search(line):
        return False
    if _OPEN_END.search(line):
        return len(words) >= 3
    if line.count("“") > line.count("”") or line.count('"') % 2:
        return len(words) >= 3
    rules = furniture_rules()
    if len(words) >= 4 and words[-1].lower() in rules.dangling_words:
        return True
    return len(words) >= rules.truncated_min_words


def is_heading(block: str) -> bool:
    """A short line that does not end like a sentence, or a short question in title case."""
    words = block.split()
    if not 0 < len(words) <= 20:
        return False
    line = block.strip()
    if not _SENTENCE_END.search(line):
        return True
    capitalised = sum(1 for word in words if word[:1].isupper() or not word[:1].isalpha())
    return line.endswith("?") and len(words) <= 14 and capitalised >= 0.6 * len(words)


def _sentences(block: str, offset: int) -> Iterator[tuple[int, int]]:
    """Sentence spans within a paragraph, found in order so repeated sentences stay apart."""
    cursor = 0
    for sentence in _split(block):
        piece = sentence.strip()
        if not piece:
            continue
        found = block.find(piece, cursor)
        if found < 0:  # the splitter altered the text; fall back to the rest of the block
            found = cursor
            piece = block[cursor:].strip()
            if not piece:
                return
        cursor = found + len(piece)
        yield offset + found, offset + cursor
    rest = block[cursor:].strip()
    if rest:
        found = block.find(rest, cursor)
        yield offset + found, offset + found + len(rest)
