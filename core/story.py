"""One story, many articles: a table of facts with what each outlet says about each.

``build_story(documents, settings=...)`` reads every article into typed claims
(:mod:`core.claims`), groups the claims of all articles that state the same fact (the
same measure in a compatible scope, the same event's date or time, the same role, the
same decision, the same quotation) into rows, and marks each row:

* ``disagree``: two outlets give values of the fact that cannot both hold at one time;
* ``update``: the values differ, but at two stated times (the sequence is shown);
* ``agree``: several outlets give compatible values;
* ``single``: only one outlet states it (or several, in values that could not be
  compared, such as a weekday against a date).

Rows are ordered disagreements first, then updates, agreements, single-source facts.
Grouping buckets claims by what they are about before any pair is compared, so the work
grows with the claims that share a subject, not with the square of all claims.

>>> from core.model import Document
>>> a = Document("Quake\\n\\nThe quake killed at least 41 people on Monday.", title="a")
>>> b = Document("Quake\\n\\nAt least 47 people were killed on Monday.", title="b")
>>> table = build_story([a, b], settings=Settings())
>>> [(row.measure, row.status) for row in table.rows]
[('dead', 'disagree')]
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from .claims import (
    Claim,
    ClaimContext,
    DateClaim,
    PolarityClaim,
    QuantityClaim,
    QuoteClaim,
    Relation,
    RoleClaim,
    Scope,
    TimeClaim,
    compare_claims,
)
from .claims.vocabulary import vocabulary
from .model import Document, Passage
from .normalize import stem
from .segment import segment
from .settings import Settings

Status = Literal["disagree", "update", "agree", "single"]
RowKind = Literal["quantity", "date", "time", "quote", "role", "polarity"]
STATUS_ORDER: tuple[Status, ...] = ("disagree", "update", "agree", "single")
KIND_ORDER: tuple[RowKind, ...] = ("quantity", "time", "date", "quote", "role", "polarity")

ProgressFn = Callable[[str, float], None]
AbortFn = Callable[[], bool]

# A quotation of fewer content words than this cannot be told apart from another.
_QUOTE_MIN_WORDS = 2
_DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:\s*(.+?)\s*$", re.I | re.M)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_WRITTEN_DATE = re.compile(
    r"(?:(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4}))|(?:([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}))"
)


# ================================================================================ model


@dataclass(frozen=True)
class StoryArticle:
    """One column: an article of the story, in publication order where dates are known."""

    id: str  # short and unique within the table ("nytimes", "wire")
    path: str | None
    title: str
    published: str | None  # ISO date, when the article or its file name gives one
    document: Document = field(repr=False, compare=False)
    passages: tuple[Passage, ...] = field(repr=False, compare=False)


@dataclass(frozen=True)
class StoryCell:
    """What one article says about a row's fact, linked to the sentence that says it."""

    article: int  # index into StoryTable.articles
    passage: int  # passage index in that article
    text: str  # the sentence, as written
    value: str  # the value as written, bound included ("at least 1,411"; a speaker; a name)
    bound: str | None  # "exact", "at_least", ... for numbers and dates; None otherwise
    time: str | None  # the time anchor as written ("Monday"), when stated
    source: str | None  # whom the article attributes it to, when stated
    claim: Claim | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class CellLink:
    """How two cells of a row relate (indices into ``StoryRow.cells``)."""

    first: int
    second: int
    relation: Relation
    explanation: str


@dataclass(frozen=True)
class StoryRow:
    """One fact across the articles: every cell stating it, and how they relate."""

    kind: RowKind
    measure: str  # what the row is about: "dead", "time of occurrence", "quote", "ruling"
    scope: str  # where or of what, as written ("Dunmere"), or "" for the whole story
    status: Status
    cells: tuple[StoryCell, ...]  # in article order, then reading order
    explanation: str  # one line: the conflict, the update sequence, or the agreed value
    links: tuple[CellLink, ...] = ()  # the compared pairs of cells (conflicts first)
    also_update: bool = False  # a disagreement whose values also change over time

    def articles(self) -> tuple[int, ...]:
        """The articles that state this fact, in column order."""
        return tuple(sorted({cell.article for cell in self.cells}))

    def cells_of(self, article: int) -> tuple[StoryCell, ...]:
        return tuple(cell for cell in self.cells if cell.article == article)

    def partner(self, cell: StoryCell) -> StoryCell | None:
        """The cell of another article whose value differs most from ``cell``: a conflict
        first, then an update, then any other article's cell."""
        index = self.cells.index(cell)
        ranked: list[tuple[int, StoryCell]] = []
        weight = {"conflict": 0, "update": 1, "agree": 2, "not_comparable": 3}
        for link in self.links:
            if index in (link.first, link.second):
                other = self.cells[link.second if link.first == index else link.first]
                if other.article != cell.article:
                    ranked.append((weight[link.relation], other))
        if ranked:
            return min(ranked, key=lambda item: item[0])[1]
        others = [c for c in self.cells if c.article != cell.article]
        return others[0] if others else None


@dataclass(frozen=True)
class StoryTable:
    """Every fact of a story (rows) by article (columns)."""

    articles: tuple[StoryArticle, ...]
    rows: tuple[StoryRow, ...]

    def counts(self) -> dict[str, int]:
        """Rows per status."""
        found: dict[str, int] = {status: 0 for status in STATUS_ORDER}
        for row in self.rows:
            found[row.status] += 1
        return found


# ============================================================================ articles


def article_date(document: Document) -> str | None:
    """The publication date, as an ISO date: a "Date:"/"Published:" line at the top of the
    text, metadata the loader set, or a file name starting with YYYY-MM-DD."""
    published = document.source.published
    if published and (found := _parse_date(published)):
        return found
    head = "\n".join(document.text.splitlines()[:6])
    match = _DATE_LINE.search(head)
    if match and (found := _parse_date(match.group(1))):
        return found
    if document.source.path:
        match = _ISO_DATE.match(Path(document.source.path).name)
        if match and (found := _parse_date(match.group(0))):
            return found
    return None


def _parse_date(text: str) -> str | None:
    match = _ISO_DATE.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        written = _WRITTEN_DATE.search(text)
        if not written:
            return None
        if written.group(1):
            day, name, year = int(written.group(1)), written.group(2), int(written.group(3))
        else:
            name, day, year = written.group(4), int(written.group(5)), int(written.group(6))
        month = next((n for m, n in _MONTHS.items() if m.startswith(name.lower()[:3])), 0)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _article_ids(documents: Sequence[Document]) -> list[str]:
    """Short names: the outlet after "__" in news file names, else the file's stem, else
    the title; numbered when two would be the same."""
    stems = [
        Path(d.source.path).stem if d.source.path else (d.title or "article") for d in documents
    ]
    outlets = [s.rsplit("__", 1)[-1] for s in stems]
    names = outlets if len(set(outlets)) == len(outlets) else stems
    names = [" ".join(n.split())[:40] or "article" for n in names]
    seen: dict[str, int] = defaultdict(int)
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return unique


_TITLE_PREFIX = re.compile(r"^\s*title\s*:\s*", re.I)


def _title(document: Document) -> str:
    return _TITLE_PREFIX.sub("", document.title or "") or document.name


def prepare_articles(documents: Sequence[Document]) -> tuple[StoryArticle, ...]:
    """The columns: each document cut into passages, in publication order when every
    article's date is known (ties and unknown dates keep the given order)."""
    ids = _article_ids(documents)
    dated = [(article_date(d), i) for i, d in enumerate(documents)]
    if all(day is not None for day, _ in dated):
        order = [i for _, i in sorted(dated, key=lambda item: (item[0] or "", item[1]))]
    else:
        order = list(range(len(documents)))
    return tuple(
        StoryArticle(
            id=ids[i],
            path=documents[i].source.path,
            title=_title(documents[i]),
            published=dated[i][0],
            document=documents[i],
            passages=segment(documents[i].text, "left"),
        )
        for i in order
    )


# ============================================================================== claims


@dataclass(frozen=True)
class _Found:
    """A claim with where it was found."""

    article: int
    passage: Passage
    claim: Claim


def _article_claims(index: int, article: StoryArticle) -> list[_Found]:
    found: list[_Found] = []
    paragraph, before = -1, ""
    for passage in article.passages:
        if not passage.is_content:
            continue
        if passage.paragraph != paragraph:
            paragraph, before = passage.paragraph, ""
        context = ClaimContext(preceding=before)
        for claim in extract_claims_cached(passage.text, context):
            found.append(_Found(index, passage, claim))
        before = f"{before} {passage.text}".strip()
    return found


def extract_claims_cached(text: str, context: ClaimContext) -> tuple[Claim, ...]:
    from .claims import extract_claims

    return extract_claims(text, context=context)


# ============================================================================= buckets


def _quote_stems(claim: QuoteClaim) -> frozenset[str]:
    ignore = vocabulary().quote_function_words
    return frozenset(stem(w) for w in claim.words if w not in ignore)


def _bucket(found: _Found) -> tuple[RowKind, Hashable] | None:
    """What a claim is about, coarsely: only claims of one bucket can share a row."""
    claim = found.claim
    if isinstance(claim, QuantityClaim):
        if claim.measure is None or _anyones_age(claim):
            return None
        return ("quantity", (claim.measure, claim.unit, claim.governed))
    if isinstance(claim, TimeClaim):
        return ("time", claim.event) if claim.event else None
    if isinstance(claim, DateClaim):
        return ("date", claim.event) if claim.event else None
    if isinstance(claim, RoleClaim):
        return ("role", claim.role)
    if isinstance(claim, PolarityClaim):
        return ("polarity", claim.decision)
    if isinstance(claim, QuoteClaim):
        return ("quote", None) if len(_quote_stems(claim)) >= _QUOTE_MIN_WORDS else None
    return None


def _anyones_age(claim: QuantityClaim) -> bool:
    """An age with no name beside it ("the 57-year-old"): it could be anyone's, so it has
    no row, where it would join (and clash with) a named person's age."""
    return claim.measure == vocabulary().age_measure and claim.scope is None


def _scope_groups(items: list[_Found]) -> list[list[_Found]]:
    """Quantities of one measure split by scope: each part ("one building") its own row,
    each named subject its own row, the whole story (and unscoped figures) one row; an
    unscoped figure joins a named subject when that subject is the only one."""
    parts: dict[tuple[str, str], list[_Found]] = defaultdict(list)
    whole: list[_Found] = []
    # A place a headline names ("Quake in Arlen kills 41") is where the whole story
    # happens, not one part of it.
    story_places = {
        item.claim.scope.key
        for item in items
        if isinstance(item.claim, QuantityClaim)
        and item.claim.scope is not None
        and item.claim.scope.kind == "place"
        and item.passage.kind == "heading"
    }
    for item in items:
        assert isinstance(item.claim, QuantityClaim)
        scope = item.claim.scope
        time = item.claim.time
        if time is not None and time.kind == "year":
            # "A smaller fire at the plant in 2019 injured three": another year's figure.
            parts[("year", time.key)].append(item)
        elif scope is None or scope.kind == "national" or scope.key in story_places:
            whole.append(item)
        else:
            parts[(scope.kind, scope.key)].append(item)
    parts = _merged_parts(parts)
    for kind in ("subject", "object"):
        # One owner, or one object, in the whole story: the unscoped figures are its.
        named = [key for key in parts if key[0] == kind]
        if len(named) == 1 and (kind == "subject" or whole):
            whole.extend(parts.pop(named[0]))
    groups = [whole] if whole else []
    groups.extend(parts.values())
    return groups


def _merged_parts(
    parts: dict[tuple[str, str], list[_Found]],
) -> dict[tuple[str, str], list[_Found]]:
    """Parts named in other words ("on steel", "on imported steel") share a row."""
    from .claims.compare import scopes_compatible

    keys = list(parts)
    scopes = [_scope_of(parts[key][0]) for key in keys]
    union = _Union(len(keys))
    for i, j in itertools.combinations(range(len(keys)), 2):
        first, second = scopes[i], scopes[j]
        if first is None or second is None or keys[i][0] != keys[j][0]:
            continue  # a year's figures are grouped by the year alone
        if scopes_compatible(first, second):
            union.join(i, j)
    merged: dict[tuple[str, str], list[_Found]] = defaultdict(list)
    for index, key in enumerate(keys):
        merged[keys[union.find(index)]].extend(parts[key])
    return dict(merged)


def _scope_of(item: _Found) -> Scope | None:
    assert isinstance(item.claim, QuantityClaim)
    return item.claim.scope


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            found[self.find(i)].append(i)
        return list(found.values())


def _linked_groups(
    items: list[_Found], keys: Callable[[_Found], Iterable[Hashable]], settings: Settings
) -> list[list[_Found]]:
    """Items joined when they compare at all (a quote by its words, a decision by its
    object), looking only at items that share a key."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in keys(item):
            buckets[key].append(i)
    union = _Union(len(items))
    for i, item in enumerate(items):
        seen: set[int] = set()
        for key in keys(item):
            for j in buckets[key]:
                if j <= i or j in seen:
                    continue
                seen.add(j)
                if compare_claims(item.claim, items[j].claim, settings=settings) is not None:
                    union.join(i, j)
    return [[items[i] for i in group] for group in union.groups()]


def _agreeing_groups(items: list[_Found], settings: Settings) -> list[list[_Found]]:
    """Numbers whose measure is only a bare noun ("50 million crowns"): a noun alone does
    not make two numbers one fact, so they share a row only when their values agree, and
    such a row is never a disagreement."""
    union = _Union(len(items))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i].article == items[j].article:
                continue
            pair = compare_claims(items[i].claim, items[j].claim, settings=settings)
            if pair is not None and pair.relation == "agree":
                union.join(i, j)
    return [[items[i] for i in group] for group in union.groups()]


# ================================================================================ rows


def _value(claim: Claim) -> tuple[str, str | None]:
    """The value as written and its bound."""
    if isinstance(claim, QuantityClaim):
        return claim.span.text, claim.bound
    if isinstance(claim, DateClaim):
        return claim.span.text, claim.bound
    if isinstance(claim, TimeClaim):
        return claim.span.text, "approximate" if claim.approximate else "exact"
    if isinstance(claim, QuoteClaim):
        who = claim.speaker.text if claim.speaker else "(speaker not named)"
        return f"{who}: “{claim.span.text}”", None
    if isinstance(claim, RoleClaim):
        return claim.span.text, None
    if isinstance(claim, PolarityClaim):
        return claim.span.text, None
    raise TypeError(claim)


def _sentence(passage: Passage) -> str:
    return " ".join(passage.text.split())


def _cell(found: _Found) -> StoryCell:
    claim = found.claim
    value, bound = _value(claim)
    time = claim.time.text if isinstance(claim, QuantityClaim) and claim.time else None
    source = None
    if isinstance(claim, QuantityClaim) and claim.source:
        source = claim.source.text
    elif isinstance(claim, QuoteClaim) and claim.speaker:
        source = claim.speaker.text
    return StoryCell(
        article=found.article,
        passage=found.passage.ref.index,
        text=_sentence(found.passage),
        value=value,
        bound=bound,
        time=time,
        source=source,
        claim=claim,
    )


def _describe_row(kind: RowKind, items: Sequence[_Found]) -> tuple[str, str]:
    """The row's measure and scope, as a person reads them."""
    claim = items[0].claim
    if isinstance(claim, QuantityClaim):
        scoped = [i.claim.scope for i in items if isinstance(i.claim, QuantityClaim)]
        parts = [s for s in scoped if s is not None and s.kind not in ("national", "place")]
        scope = parts[0].text if parts else ""
        measure = claim.measure or claim.measure_text
        if not claim.governed:
            measure = claim.measure_text or measure
        return measure or "", scope
    if isinstance(claim, TimeClaim):
        return f"time of {claim.event}", ""
    if isinstance(claim, DateClaim):
        return f"date of {claim.event}", ""
    if isinstance(claim, RoleClaim):
        return claim.role, claim.qualifier
    if isinstance(claim, PolarityClaim):
        return claim.decision.removeprefix("negation:"), claim.object_text
    if isinstance(claim, QuoteClaim):
        words = claim.span.text.split()
        return "quote", " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return kind, ""


def _make_row(
    kind: RowKind,
    items: list[_Found],
    settings: Settings,
    *,
    may_disagree: bool = True,
) -> StoryRow:
    items = sorted(items, key=lambda f: (f.article, f.passage.ref.index, f.claim.span.start))
    # The same value stated twice in one sentence (a claim read twice) is one cell.
    unique: list[_Found] = []
    seen: set[tuple[int, int, str]] = set()
    for item in items:
        key = (item.article, item.passage.ref.index, item.claim.span.text)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    items = unique
    cells = tuple(_cell(item) for item in items)
    links: list[CellLink] = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            same_article = items[i].article == items[j].article
            pair = compare_claims(items[i].claim, items[j].claim, settings=settings)
            if pair is None or pair.relation == "not_comparable":
                continue
            relation, explanation = pair.relation, pair.explanation
            if relation == "agree" and _changed_over_time(items[i].claim, items[j].claim):
                relation = "update"
                explanation = _update_text(items[i].claim, items[j].claim)
            if same_article and relation == "conflict":
                continue  # one article's own two figures: not a disagreement between outlets
            if relation == "conflict" and not may_disagree:
                continue
            if _weekday_only(items[i].claim, items[j].claim) and (
                relation == "conflict" or _has_calendar_date(items[i].claim, items[j].claim)
            ):
                continue  # "Sunday" against "Wednesday" or "March 8": each counted from its
                # own article's day
            if pair.label == "speaker" and not _both_named(items[i].claim, items[j].claim):
                continue  # "he", "reporters", "whether ships": not two named speakers
            links.append(CellLink(i, j, relation, explanation))
    links = _drop_explained_conflicts(items, links)
    order = {"conflict": 0, "update": 1, "agree": 2, "not_comparable": 3}
    links.sort(key=lambda link: (order[link.relation], link.first, link.second))
    relations = {
        link.relation
        for link in links
        if items[link.first].article != items[link.second].article or link.relation == "update"
    }
    articles = {item.article for item in items}
    # "agree" means confirmed: two outlets' values compared and found compatible.  Values
    # the rules above leave uncompared (a weekday against a date) confirm nothing.
    status: Status
    if "conflict" in relations:
        status = "disagree"
    elif "update" in relations:
        status = "update"
    elif len(articles) > 1 and "agree" in relations:
        status = "agree"
    else:
        status = "single"
    measure, scope = _describe_row(kind, items)
    explanation = _explain(status, links, cells, measure)
    return StoryRow(
        kind=kind,
        measure=measure,
        scope=scope,
        status=status,
        cells=cells,
        explanation=explanation,
        links=tuple(links),
        also_update=status == "disagree" and "update" in relations,
    )


_NAME_WORD = re.compile(r"\b[A-Z][a-z]+")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Capitalised words that are titles, not names: "Chief" alone names nobody.
_TITLE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "chief head mayor president minister prime governor secretary director spokesman "
        "spokeswoman spokesperson mr mrs ms dr sir provincial national federal state deputy "
        "acting former senior general commissioner officer officials police the",
    )
)


def _named_speaker(claim: Claim) -> bool:
    """A speaker a reader can check: a capitalised name, not a pronoun or a common noun
    taken for the speaker ("reporters", "worst damage")."""
    if not isinstance(claim, QuoteClaim) or claim.speaker is None:
        return False
    text = claim.speaker.text
    if text.lower() in _PRONOUNS:
        return False
    return any(word.lower() not in _TITLE_WORDS for word in _NAME_WORD.findall(text))


def _both_named(a: Claim, b: Claim) -> bool:
    return _named_speaker(a) and _named_speaker(b)


def _weekday_only(a: Claim, b: Claim) -> bool:
    """Two dates of which one is only a weekday: a weekday is counted from each article's
    own day, and news mentions several announcements a week, so they are not set against
    each other."""
    if not (isinstance(a, DateClaim) and isinstance(b, DateClaim)):
        return False
    return any(d.date.month is None and d.date.year is None for d in (a, b))


def _has_calendar_date(a: Claim, b: Claim) -> bool:
    """One of two dates gives a month or a year."""
    return any(
        isinstance(d, DateClaim) and (d.date.month is not None or d.date.year is not None)
        for d in (a, b)
    )


def _open_ended(claim: Claim) -> bool:
    """ "at least 47" agrees with any larger figure: too loose to pair figures by."""
    return isinstance(claim, QuantityClaim) and claim.bound in ("at_least", "at_most")


def _drop_explained_conflicts(items: list[_Found], links: list[CellLink]) -> list[CellLink]:
    """A sentence giving two figures of one measure ("25 percent on steel and 10 percent
    on aluminum") pairs them with another outlet's two figures: when a figure agrees with
    one of the other sentence's figures, its clash with the other figure there is not a
    disagreement (nor, at another stated time, an update), only the wrong partner."""
    agree = {
        (link.first, link.second)
        for link in links
        if link.relation == "agree"
        and not _open_ended(items[link.first].claim)
        and not _open_ended(items[link.second].claim)
    }
    agree |= {(b, a) for a, b in agree}

    def siblings(index: int) -> list[int]:
        here = (items[index].article, items[index].passage.ref.index)
        return [
            k
            for k, other in enumerate(items)
            if k != index and (other.article, other.passage.ref.index) == here
        ]

    kept = []
    for link in links:
        if link.relation in ("conflict", "update") and (
            any((link.first, k) in agree for k in siblings(link.second))
            or any((k, link.second) in agree for k in siblings(link.first))
        ):
            continue
        kept.append(link)
    return kept


def _changed_over_time(a: Claim, b: Claim) -> bool:
    """Two compatible figures at two stated times, written differently ("at least 41" on
    Monday, "58" on Thursday): for the table that is an update, not an agreement."""
    if not (isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim)):
        return False
    if a.time is None or b.time is None or a.time.key == b.time.key:
        return False
    return a.amount.value != b.amount.value


def _update_text(a: Claim, b: Claim) -> str:
    assert isinstance(a, QuantityClaim) and isinstance(b, QuantityClaim)
    first, second = sorted((a, b), key=_time_order_of)
    label = first.measure or ""
    t1 = first.time.text if first.time else ""
    t2 = second.time.text if second.time else ""
    return f"{label}: {first.span.text} ({t1}) → {second.span.text} ({t2})"


def _time_order_of(claim: Claim | None) -> tuple[int, str]:
    """Figures in order of the time they held; those without a stated time last."""
    if isinstance(claim, QuantityClaim) and claim.time is not None and claim.time.key:
        return claim.time.order
    return (2, "")


def _time_order(cell: StoryCell) -> tuple[int, str]:
    return _time_order_of(cell.claim)


def _explain(
    status: Status, links: list[CellLink], cells: tuple[StoryCell, ...], measure: str
) -> str:
    if status == "disagree":
        conflicts = [link for link in links if link.relation == "conflict"]
        text = conflicts[0].explanation
        if len(conflicts) > 1:
            text += f" (+{len(conflicts) - 1} more)"
        updates = [link for link in links if link.relation == "update"]
        if updates:
            text += "; update: " + _sequence(_updated(links, cells))
        return text
    if status == "update":
        return f"{measure}: {_sequence(_updated(links, cells))}"
    values = []
    for cell in cells:
        if cell.value not in values:
            values.append(cell.value)
    more = f" (+{len(values) - 4} more)" if len(values) > 4 else ""
    return f"{measure}: " + "; ".join(values[:4]) + more


def _updated(links: list[CellLink], cells: tuple[StoryCell, ...]) -> tuple[StoryCell, ...]:
    """The cells that take part in an update, in row order."""
    used = sorted(
        {i for link in links if link.relation == "update" for i in (link.first, link.second)}
    )
    return tuple(cells[i] for i in used)


def _sequence(cells: tuple[StoryCell, ...]) -> str:
    """Values in the order of their stated times (cells without a time after the rest)."""
    steps: list[str] = []
    for cell in sorted(cells, key=_time_order):
        step = f"{cell.value} ({cell.time})" if cell.time else cell.value
        if step not in steps:
            steps.append(step)
    return " → ".join(steps)


# =========================================================================== the table


def build_story(
    documents: Sequence[Document],
    *,
    settings: Settings,
    on_progress: ProgressFn | None = None,
    should_abort: AbortFn | None = None,
) -> StoryTable:
    """The fact table of ``documents`` (articles on one story).

    ``on_progress(stage, fraction)`` is told how far it got; ``should_abort()`` returning
    True stops the work with :class:`core.compare.Cancelled`.
    """

    def progress(stage: str, fraction: float) -> None:
        if should_abort is not None and should_abort():
            # Imported only here: core.compare brings the pair engine (numpy, rapidfuzz,
            # the aligner), which a story table does not use (~0.15 s of `main.py table`).
            from .compare import Cancelled

            raise Cancelled()
        if on_progress is not None:
            on_progress(stage, fraction)

    progress("reading articles", 0.0)
    articles = prepare_articles(documents)
    found: list[_Found] = []
    for index, article in enumerate(articles):
        progress("reading claims", 0.1 + 0.6 * index / max(1, len(articles)))
        found.extend(_article_claims(index, article))
    progress("grouping facts", 0.7)
    buckets: dict[tuple[RowKind, Hashable], list[_Found]] = defaultdict(list)
    for item in found:
        bucket = _bucket(item)
        if bucket is not None:
            buckets[bucket].append(item)
    rows: list[StoryRow] = []
    for count, ((kind, key), items) in enumerate(buckets.items()):
        if count % 16 == 0:
            progress("grouping facts", 0.7 + 0.3 * count / max(1, len(buckets)))
        rows.extend(_rows_of(kind, key, items, settings))
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    kinds = {kind: i for i, kind in enumerate(KIND_ORDER)}
    rows.sort(
        key=lambda row: (
            rank[row.status],
            kinds[row.kind],
            -len(row.articles()),
            min(c.article for c in row.cells),
            min(c.passage for c in row.cells),
        )
    )
    progress("done", 1.0)
    return StoryTable(articles=articles, rows=tuple(rows))


def _rows_of(
    kind: RowKind, key: Hashable, items: list[_Found], settings: Settings
) -> list[StoryRow]:
    if kind == "quantity":
        governed = bool(isinstance(key, tuple) and key[2])
        rows = []
        for group in _scope_groups(items):
            if governed:
                rows.append(_make_row(kind, group, settings))
            else:
                rows.extend(
                    _make_row(kind, part, settings, may_disagree=False)
                    for part in _agreeing_groups(group, settings)
                )
        return rows
    if kind == "quote":

        def quote_keys(item: _Found) -> Iterable[Hashable]:
            assert isinstance(item.claim, QuoteClaim)
            return _quote_stems(item.claim)

        return [_make_row(kind, g, settings) for g in _linked_groups(items, quote_keys, settings)]
    if kind == "role":

        def role_keys(item: _Found) -> Iterable[Hashable]:
            assert isinstance(item.claim, RoleClaim)
            return (item.claim.role,)

        return [_make_row(kind, g, settings) for g in _linked_groups(items, role_keys, settings)]
    if kind == "polarity":

        def object_keys(item: _Found) -> Iterable[Hashable]:
            assert isinstance(item.claim, PolarityClaim)
            return item.claim.object_key

        return [_make_row(kind, g, settings) for g in _linked_groups(items, object_keys, settings)]
    if kind in ("date", "time"):
        return [_make_row(kind, group, settings) for group in _step_subjects(items)]
    return [_make_row(kind, items, settings)]


def _step_subjects(items: list[_Found]) -> list[list[_Found]]:
    """Dates of one step split by whose step it is: the name most often named with them
    is the story's subject; a date named only with other people ("McGurk submitted his
    resignation on Friday") is another person's step, a row of its own per person."""

    def names(item: _Found) -> frozenset[str]:
        claim = item.claim
        return claim.names if isinstance(claim, DateClaim | TimeClaim) else frozenset()

    counts: dict[str, int] = defaultdict(int)
    for item in items:
        for name in names(item):
            counts[name] += 1
    if not counts:
        return [items]
    top = max(counts.values())
    main_names = {name for name, count in counts.items() if count == top}
    main: list[_Found] = []
    others: dict[frozenset[str], list[_Found]] = defaultdict(list)
    for item in items:
        own = names(item)
        if not own or own & main_names:
            main.append(item)
        else:
            others[own].append(item)
    return [group for group in (main, *others.values()) if group]


# ============================================================================ exports

JSON_VERSION = 1
CellVerdict = Literal["contradict", "update", "agree", "single"]


def cell_verdict(row: StoryRow, cell: StoryCell) -> CellVerdict:
    """How one cell stands in its row: it conflicts with another outlet's value, takes
    part in an update, agrees with another outlet, or is the only one."""
    index = row.cells.index(cell)
    relations = {
        link.relation
        for link in row.links
        if index in (link.first, link.second)
        and (
            link.relation == "update"
            or row.cells[link.first].article != row.cells[link.second].article
        )
    }
    if "conflict" in relations:
        return "contradict"
    if "update" in relations:
        return "update"
    return "agree" if "agree" in relations else "single"


def story_to_dict(table: StoryTable) -> dict[str, object]:
    """The documented JSON form (``version`` 1)."""
    return {
        "version": JSON_VERSION,
        "articles": [
            {"id": a.id, "path": a.path, "title": a.title, "published": a.published}
            for a in table.articles
        ],
        "rows": [
            {
                "kind": row.kind,
                "measure": row.measure,
                "scope": row.scope,
                "status": row.status,
                "also_update": row.also_update,
                "explanation": row.explanation,
                "cells": [
                    {
                        "article": table.articles[cell.article].id,
                        "passage": cell.passage,
                        "text": cell.text,
                        "value": cell.value,
                        "bound": cell.bound,
                        "time": cell.time,
                        "source": cell.source,
                    }
                    for cell in row.cells
                ],
            }
            for row in table.rows
        ],
    }
