"""The data that flows through the engine: documents, passages, facts, links, comparisons.

Everything here is a frozen, typed dataclass with named fields, so that no module (and no
view) indexes a result by position.  Offsets (``start``/``end``) always index
``Document.text``: the text exactly as the app shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .settings import Settings as Settings  # re-exported for older imports

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

# What a fact states; the Fact itself and its typed values live in core.facts.model.
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


@dataclass(frozen=True, order=True)
class PassageRef:
    """Which passage: its side and its index in that side's reading order.

    The label "L12" / "R3" exists only at the edges (JSON, sessions, messages):
    :meth:`label` writes it and :meth:`parse` reads it back.

    >>> PassageRef.parse("R12")
    PassageRef(side='right', index=12)
    >>> PassageRef("left", 3).label, PassageRef("left", 3).mirrored().label
    ('L3', 'R3')
    """

    side: Side
    index: int

    @property
    def label(self) -> str:
        return ("L" if self.side == "left" else "R") + str(self.index)

    def mirrored(self) -> PassageRef:
        """The same position on the other side (for when the two articles swap)."""
        return PassageRef("right" if self.side == "left" else "left", self.index)

    @classmethod
    def parse(cls, label: str) -> PassageRef:
        """Read "L12" / "R3"; a ValueError for anything else."""
        if len(label) < 2 or label[0] not in "LR" or not label[1:].isdigit():
            raise ValueError(f"not a passage label: {label!r}")
        return cls("left" if label[0] == "L" else "right", int(label[1:]))


@dataclass(frozen=True, order=True)
class PassagePair:
    """A left and a right passage: what a link joins and what a hand edit names."""

    left: PassageRef
    right: PassageRef

    def mirrored(self) -> PassagePair:
        return PassagePair(self.right.mirrored(), self.left.mirrored())


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
    # What a plain-text file's "Source:" and "Date:"/"Published:" header lines said, as written
    # (an outlet name or a URL; a date); None when the file has no such lines.
    outlet: str | None = None
    published: str | None = None


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

    ref: PassageRef  # its side and position in reading order
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
    """A left passage and a right passage that speak of the same event.

    Links are pairs: one passage that has several counterparts takes part in several
    links, each judged on its own.
    """

    left: PassageRef
    right: PassageRef
    status: LinkStatus
    score: float  # 0..1: how surely the passages speak of the same event
    conflicts: tuple[Conflict, ...] = ()
    origin: LinkOrigin = "auto"
    note: str = ""
    overridden: bool = False  # the status was set by the user, not the engine

    @property
    def pair(self) -> PassagePair:
        return PassagePair(self.left, self.right)

    def end(self, side: Side) -> PassageRef:
        """The link's passage on one side."""
        return self.left if side == "left" else self.right


@dataclass(frozen=True)
class Override:
    """The user set a pair's verdict by hand."""

    pair: PassagePair
    status: LinkStatus


@dataclass(frozen=True)
class Note:
    """The user's note on a pair."""

    pair: PassagePair
    text: str


@dataclass(frozen=True)
class UserEdits:
    """What the user did by hand; kept apart from computed links so both can be saved."""

    added_links: tuple[PassagePair, ...] = ()
    removed_links: tuple[PassagePair, ...] = ()
    overrides: tuple[Override, ...] = ()
    notes: tuple[Note, ...] = ()


_PAINT_ORDER: tuple[PassageVerdict, ...] = ("contradict", "agree", "related")


@dataclass(frozen=True)
class Comparison:
    """Two documents, their passages, and the links between them.

    The per-passage questions views ask on every paint (which links, which verdict, which
    counterparts) are answered from maps built once, when the comparison is made; the link
    joining two given passages, from one built when it is first asked for.
    """

    left: Document
    right: Document
    left_passages: tuple[Passage, ...]
    right_passages: tuple[Passage, ...]
    links: tuple[Link, ...]
    settings: Settings = field(default_factory=Settings)
    engine_version: str = ""
    _links_by_ref: dict[PassageRef, tuple[Link, ...]] = field(init=False, repr=False, compare=False)
    # Built when first asked (by a view, by hand edits): a one-shot command never asks, and
    # at 50,000 words a side its 18,500 PassagePair keys, each made and hashed in Python,
    # cost as much as the rest of the comparison's index.
    _link_by_pair: dict[PassagePair, Link] | None = field(
        init=False, default=None, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_ref: dict[PassageRef, list[Link]] = {}
        for link in self.links:
            by_ref.setdefault(link.left, []).append(link)
            by_ref.setdefault(link.right, []).append(link)
        # Frozen: the index is derived data, set once here and never again.
        object.__setattr__(self, "_links_by_ref", {r: tuple(v) for r, v in by_ref.items()})

    def passages(self, side: Side) -> tuple[Passage, ...]:
        return self.left_passages if side == "left" else self.right_passages

    def document(self, side: Side) -> Document:
        return self.left if side == "left" else self.right

    def passage(self, ref: PassageRef) -> Passage:
        return self.passages(ref.side)[ref.index]

    def has_passage(self, ref: PassageRef) -> bool:
        return 0 <= ref.index < len(self.passages(ref.side))

    def links_of(self, ref: PassageRef) -> tuple[Link, ...]:
        """The links a passage takes part in."""
        return self._links_by_ref.get(ref, ())

    def link(self, pair: PassagePair) -> Link | None:
        """The link joining exactly these two passages, if any."""
        by_pair = self._link_by_pair
        if by_pair is None:
            # Frozen: the index is derived data, set once (two threads may both build it:
            # the same dict either way).
            by_pair = {link.pair: link for link in self.links}
            object.__setattr__(self, "_link_by_pair", by_pair)
        return by_pair.get(pair)

    def counterparts(self, ref: PassageRef) -> tuple[PassageRef, ...]:
        """The passages on the other side linked to this one, in reading order."""
        other: Side = "right" if ref.side == "left" else "left"
        return tuple(sorted({link.end(other) for link in self.links_of(ref)}))

    def verdict(self, ref: PassageRef) -> PassageVerdict:
        """How a passage is painted: contradict beats agree beats related."""
        links = self.links_of(ref)
        if not links:
            return "missing" if self.passage(ref).is_content else "boilerplate"
        statuses = {link.status for link in links}
        return next((status for status in _PAINT_ORDER if status in statuses), "related")

    def missing(self, side: Side) -> tuple[Passage, ...]:
        """Content passages of one side in no link: what the other article lacks."""
        return tuple(
            p for p in self.passages(side) if p.is_content and p.ref not in self._links_by_ref
        )

    def contradictions(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.status == "contradict")
