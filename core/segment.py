"""A document's text cut into passages: headings, sentences and page furniture.

Paragraphs are lines (or blocks separated by blank lines); sentences come from pysbd, a
rule-based splitter that knows abbreviations ("U.S.", "Inc.") and decimals ("$1.4
trillion"), which a regex on "." does not.

>>> [(p.kind, p.text) for p in segment("Top story\\nIt rained. Then it stopped.", "L")]
[('heading', 'Top story'), ('text', 'It rained.'), ('text', 'Then it stopped.')]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .model import Passage, PassageKind, PassageRef, Side

# Page furniture that shows up in articles copied from the web.  Matched against a whole
# paragraph (case-insensitive); kept in one place so that it can be reviewed.
_FURNITURE_LINES = re.compile(
    r"""^(?:
        top\ of\ page | bottom\ of\ page | back\ to\ top(?:\ button)? |
        leave\ a\ (?:reply|comment) | related\ (?:articles|posts|stories) |
        uncategori[sz]ed | share\ this(?:\ article)? | advertisement | read\ more |
        your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.* |
        (?:image|photo|picture)\ (?:credit|source)s?\s*:.* | sources?\s*:.* |
        tags?\s*:.* | skip\ to\ (?:main\ )?content | sign\ up.* | subscribe.* |
        (?:learn|read)\ more\b.*\b(?:in|on|at)\ our\ (?:blog|site|website)\W* |
        (?:you\ can\ )?read\ more\ here\W* | click\ here.* |
        # An image caption numbered by the page: "... - Photo 2." ("Ảnh 2." in Vietnamese).
        .*\s[-–—]\s(?:ảnh|photo|image|foto|picture)\s*\d+\.?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A bare tag: a short bulleted item such as "- Sam Altman" in a tag list.
_TAG_ITEM = re.compile(r"^[-*•]\s*\S+(?:\s+\S+){0,3}$")
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
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    @lru_cache(maxsize=4096)
    def compile(pattern: Any, flags: int = 0) -> re.Pattern[str]:
        return re.compile(pattern, flags)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(
        self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0
    ) -> tuple[str, int]:
        return self.compile(pattern, flags).subn(repl, string, count)

    def search(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return self.compile(pattern, flags).fullmatch(string)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> list[Any]:
        return self.compile(pattern, flags).findall(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
        return self.compile(pattern, flags).split(string, maxsplit)


@lru_cache(maxsize=1)
def _splitter() -> pysbd.Segmenter:
    import pysbd

    cached = _CachedRe()
    for name, module in list(sys.modules.items()):
        if name.startswith("pysbd") and isinstance(getattr(module, "re", None), ModuleType):
            module.re = cached  # type: ignore[attr-defined]
    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=_PARAGRAPH_CACHE)
def _split(block: str) -> tuple[str, ...]:
    if not _INNER_END.search(block) and not _QUOTE.search(block):
        return (block,)
    return tuple(_splitter().segment(block))


def segment(text: str, side: Side) -> tuple[Passage, ...]:
    """Cut ``text`` into passages, each referred to by ``side`` and its reading-order index."""
    passages: list[Passage] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        block = text[start:end]
        kind = _paragraph_kind(block)
        spans = [(start, end)] if kind != "text" else list(_sentences(block, start))
        for s_start, s_end in spans:
            sentence_kind = "boilerplate" if is_furniture(text[s_start:s_end]) else kind
            passages.append(
                Passage(
                    ref=PassageRef(side, len(passages)),
                    start=s_start,
                    end=s_end,
                    text=text[s_start:s_end],
                    kind=sentence_kind,
                    paragraph=paragraph,
                )
            )
    return tuple(passages)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs: each non-empty line, stripped of surrounding space."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        yield start, start + len(stripped)


def _paragraph_kind(block: str) -> PassageKind:
    if is_furniture(block):
        return "boilerplate"
    if is_heading(block):
        return "heading"
    return "text"


def is_furniture(block: str) -> bool:
    """Page furniture: navigation, comment prompts, credits, bare tags."""
    line = block.strip()
    return bool(_FURNITURE_LINES.match(line) or _TAG_ITEM.match(line))


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
