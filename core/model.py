"""The data that flows through the engine: documents, passages, facts, links, comparisons.

Everything here is a frozen, typed dataclass with named fields, so that no module (and no
view) indexes a result by position.  Offsets (``start``/``end``) always index
``Document.text``: the text exactly as the app shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .settings import Settings

# What a passage is.  Only headings and text are content: everything else (page furniture,
# photo captions, bylines, timestamp lines, a last line cut off mid-sentence) is never
# linked and never reported missing.
PassageKind = Literal[
    "heading", "text", "boilerplate", "caption", "byline", "timestamp", "truncated"
]
CONTENT_KINDS: frozenset[str] = frozenset({"heading", "text"})
LinkStatus = Literal["agree", "related", "contradict"]
LinkOrigin = Literal["auto", "user"]
Side = Literal["left", "right"]
# What a passage is painted as: the verdict of its best link, or why it has none.
PassageVerdict = Literal["agree", "related", "contradict", "missing", "boilerplate"]

FactKind = Literal[
    "money",
    "number",
    "percent",
    "date",
    "time",
    "duration",
    "person",
    "organisation",
    "place",
    "negation",
    "attribution",
]


@dataclass(frozen=True)
class Source:
    """Where a document came from, so that a session can tell if the source changed."""

    path: str | None = None
    url: str | None = None
    sha256: str = ""  # hash of the original bytes, before decoding
    loaded_at: str = ""  # ISO 8601, UTC
    format: str = "text"  # text, markdown, html, pdf, docx, clipboard, url
    encoding: str | None = None  # detected encoding of a text file
    repairs: tuple[str, ...] = ()  # human-readable notes on what loading repaired


@dataclass(frozen=True)
class Document:
    """An article as loaded: the text the app shows, and where it came from."""

    text: str
    title: str | None = None
    source: Source = field(default_factory=Source)

    @property
    def name(self) -> str:
        """A short label for headers and messages."""
        if self.title:
            return self.title
        where = self.source.path or self.source.url
        return where.rsplit("/", 1)[-1] if where else "Untitled"

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Passage:
    """A sentence or heading of a document, with its span in ``Document.text``."""

    id: str  # "L0", "R12": side prefix and position in reading order
    start: int
    end: int
    text: str  # == document.text[start:end]
    kind: PassageKind
    paragraph: int  # index of the paragraph the passage belongs to

    @property
    def is_content(self) -> bool:
        """Whether the passage says something to compare (not furniture, caption, byline...)."""
        return self.kind in CONTENT_KINDS


@dataclass(frozen=True)
class Fact:
    """A comparable fact stated in a passage: an amount, a date, a name, a negation.

    ``value`` is the normalised value (equal facts compare equal); ``text`` is the fact
    as written; ``start``/``end`` index the passage's text.
    """

    kind: FactKind
    text: str
    value: str
    start: int
    end: int
    role: str | None = None  # what the value is about ("valuation", "investment", ...)
    qualifier: str | None = None  # "over", "under", "about", "exact", ...


@dataclass(frozen=True)
class Conflict:
    """Two facts, one per side, that state different values for the same thing."""

    kind: FactKind
    left: str  # the left value as written
    right: str  # the right value as written
    explanation: str  # one line a person can check, e.g. "$13 billion ≠ $10 billion"
    # Spans of the conflicting words in Document.text, so views can mark them.
    left_start: int = -1
    left_end: int = -1
    right_start: int = -1
    right_end: int = -1
    # What was compared: the measure ("dead", "injured", "price"), the role, "speaker",
    # "quote" or the decision; "" when two values were paired by their identical wording.
    measure: str = ""
    # "conflict": the two sides disagree; "update": the same figure at two stated times.
    relation: str = "conflict"
    scope: str = ""  # where or of what, as written ("nationwide"), when stated
    time: str = ""  # when the figure held, as written ("Tuesday"), when stated


@dataclass(frozen=True)
class Link:
    """Passages on the left that speak of the same event as passages on the right."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    status: LinkStatus
    score: float  # 0..1: how surely the passages speak of the same event
    conflicts: tuple[Conflict, ...] = ()
    origin: LinkOrigin = "auto"
    note: str = ""
    overridden: bool = False  # the status was set by the user, not the engine

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return (self.left, self.right)


@dataclass(frozen=True)
class UserEdits:
    """What the user did by hand; kept apart from computed links so both can be saved."""

    added_links: tuple[tuple[str, str], ...] = ()  # (left id, right id)
    removed_links: tuple[tuple[str, str], ...] = ()
    overrides: tuple[tuple[str, str, LinkStatus], ...] = ()  # (left id, right id, status)
    notes: tuple[tuple[str, str, str], ...] = ()  # (left id, right id, note)


@dataclass(frozen=True)
class Comparison:
    """Two documents, their passages, and the links between them."""

    left: Document
    right: Document
    left_passages: tuple[Passage, ...]
    right_passages: tuple[Passage, ...]
    links: tuple[Link, ...]
    settings: Settings = field(default_factory=Settings)
    engine_version: str = ""

    def passages(self, side: Side) -> tuple[Passage, ...]:
        return self.left_passages if side == "left" else self.right_passages

    def document(self, side: Side) -> Document:
        return self.left if side == "left" else self.right

    def passage(self, passage_id: str) -> Passage:
        side: Side = "left" if passage_id.startswith("L") else "right"
        return self.passages(side)[int(passage_id[1:])]

    def links_of(self, passage_id: str) -> tuple[Link, ...]:
        """The links a passage takes part in."""
        return tuple(
            link for link in self.links if passage_id in link.left or passage_id in link.right
        )

    def counterparts(self, passage_id: str) -> tuple[str, ...]:
        """Ids of the passages on the other side linked to this one, in reading order."""
        found: set[str] = set()
        for link in self.links_of(passage_id):
            found.update(link.right if passage_id in link.left else link.left)
        return tuple(sorted(found, key=lambda pid: int(pid[1:])))

    def verdict(self, passage_id: str) -> PassageVerdict:
        """How a passage is painted: contradict beats agree beats related."""
        passage = self.passage(passage_id)
        links = self.links_of(passage_id)
        if not links:
            return "missing" if passage.is_content else "boilerplate"
        statuses = {link.status for link in links}
        status: PassageVerdict
        for status in ("contradict", "agree", "related"):
            if status in statuses:
                return status
        return "related"

    def missing(self, side: Side) -> tuple[Passage, ...]:
        """Passages of one side in no link: content the other article lacks."""
        return tuple(p for p in self.passages(side) if self.verdict(p.id) == "missing")

    def contradictions(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.status == "contradict")
