"""Today's aligner (2026-11-28), frozen: the reference that bench/quality.py scores beside
the current engine, so that before and after are measured in the same run on the same data.

A verbatim copy of core/align.py's scoring and assignment and of core/concepts.py's table as
they were before the alignment rework, with their own copy of the settings they read.  Only
imports of things that did not change their meaning are shared with core (the stemmer,
text normalisation, fact extraction).  Do not edit: it is a measurement baseline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from wordfreq import zipf_frequency

from core.facts import Amount, DateParts, Decade, Weekday, extract_facts, states_quantities
from core.model import Passage
from core.normalize import FUNCTION_WORDS, normalised_text
from core.normalize import stem as stem_of


@dataclass(frozen=True)
class Settings:
    """The alignment settings of the frozen engine, with their defaults of that time."""

    link_threshold: float = 0.2
    relative_margin: float = 0.85
    anaphora_weight: float = 0.3
    context_weight: float = 0.15
    weight_distinctive_words: float = 0.8
    weight_fuzzy: float = 0.1
    weight_shared_facts: float = 0.1
    heading_threshold: float = 0.3


CONCEPTS: dict[str, tuple[str, ...]] = {
    "legal": (
        "sue",
        "sued",
        "suing",
        "lawsuit",
        "lawsuits",
        "suit",
        "suits",
        "litigation",
        "court",
        "courts",
        "legal",
        "case",
        "judge",
        "trial",
        "plaintiff",
        "complaint",
    ),
    "leave": (
        "depart",
        "departed",
        "departure",
        "leave",
        "left",
        "quit",
        "resign",
        "resigned",
        "resignation",
        "split",
        "parted",
        "exit",
        "exited",
        "stepped",
        "ousted",
        "fired",
    ),
    "found": (
        "found",
        "founded",
        "founder",
        "founders",
        "founding",
        "co-founder",
        "cofounder",
        "co-founded",
        "established",
        "establish",
        "created",
        "launched",
        "started",
    ),
    "value": ("valuation", "valued", "worth", "value", "valuable"),
    "invest": (
        "invest",
        "invested",
        "investment",
        "investments",
        "investor",
        "investors",
        "funding",
        "funded",
        "fund",
        "backing",
        "backed",
        "pledged",
        "stake",
    ),
    "acquire": (
        "buy",
        "bought",
        "acquire",
        "acquired",
        "acquisition",
        "bid",
        "offer",
        "offered",
        "takeover",
        "purchase",
        "merger",
    ),
    "profit": (
        "profit",
        "for-profit",
        "profit-driven",
        "profit-making",
        "commercial",
        "commercialization",
        "commercialisation",
        "monetize",
    ),
    "nonprofit": ("nonprofit", "non-profit", "charity", "charitable"),
    "accuse": (
        "accuse",
        "accused",
        "accusing",
        "accusation",
        "allegation",
        "allegations",
        "alleged",
        "alleges",
        "blame",
        "blamed",
        "rebuke",
        "rebuking",
        "criticized",
        "criticised",
        "betray",
        "betrayed",
        "betraying",
    ),
    "contract": (
        "contract",
        "contracts",
        "deal",
        "deals",
        "agreement",
        "memorandum",
        "partnership",
        "partnered",
        "contractor",
    ),
    "death": ("dead", "died", "die", "killed", "kill", "deaths", "death", "fatalities", "toll"),
    "injury": ("injured", "wounded", "hurt", "injuries"),
    "arrest": ("arrest", "arrested", "detained", "custody", "apprehended", "charged"),
    "military": (
        "military",
        "pentagon",
        "defense",
        "defence",
        "army",
        "weapons",
        "weaponry",
        "troops",
        "soldiers",
    ),
    "rival": (
        "rival",
        "rivals",
        "rivalry",
        "competitor",
        "competitors",
        "compete",
        "competing",
        "competition",
    ),
    "restructure": (
        "restructure",
        "restructuring",
        "transition",
        "pivot",
        "shift",
        "convert",
        "conversion",
        "reorganization",
        "reorganisation",
    ),
    "tariff": ("tariff", "tariffs", "duties", "levies", "levy"),
    "border": ("border", "frontier", "crossing", "port"),
    "emergency": ("emergency",),
    "announce": ("announce", "announced", "announcement", "unveiled", "declared"),
}


@lru_cache(maxsize=1)
def _concept_of_stem() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            table[word] = concept
            table[stem_of(word)] = concept
    return table


def concept_of(word: str) -> str | None:
    return _concept_of_stem().get(word)


# Function words carry no event; the list is short on purpose: a content word wrongly
# dropped costs more than a function word kept (its weight is low anyway).
STOPWORDS = FUNCTION_WORDS | {"don", "one", "two"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'\-]*|\$?\d[\d,.]*%?")
_CONCEPT_WEIGHT = 1.0  # a concept counts like an ordinary content word
_FUZZY_FLOOR = 0.3  # token_sort ratio that two unrelated sentences reach by chance


@lru_cache(maxsize=65536)
def _rarity(stem_source: str) -> float:
    """How much a word says in English at large: 'the' nearly nothing, 'valuation' a lot."""
    zipf = zipf_frequency(stem_source, "en")
    return min(1.5, max(0.15, (7.5 - zipf) / 3.5))


@dataclass(frozen=True)
class PassageTerms:
    """The comparable content of one passage."""

    words: dict[str, float]  # stem -> rarity in English (1.0 = ordinary content word)
    facts: frozenset[str]  # normalised numbers and names, e.g. "num:500e9", "name:altman"
    sorted_content: str  # content words, sorted, for the fuzzy scorer


@lru_cache(maxsize=65536)
def terms_of(text: str) -> PassageTerms:
    """Stems, concepts, facts and fuzzy form of a passage's text.

    Cached: corpus mode compares each article with every other, and the settings' live
    preview recomputes the same articles.  Callers must not mutate the result.
    """
    clean = normalised_text(text)
    words: dict[str, float] = {}
    names: set[str] = set()
    for position, token in enumerate(_WORD.findall(clean)):
        lower = token.lower().removesuffix("'s").strip("'-")
        if not lower or lower[0].isdigit() or lower[0] == "$":
            continue  # numbers are facts, handled below
        for word in _word_forms(lower):
            if word in STOPWORDS or len(word) < 2:
                continue
            stem = stem_of(word)
            words[stem] = max(words.get(stem, 0.0), _rarity(word))
            concept = concept_of(word) or concept_of(stem)
            if concept:
                words["concept:" + concept] = _CONCEPT_WEIGHT
            if token[0].isupper() and position > 0:
                names.add("name:" + stem)
    facts = _fact_terms(text) | names
    content = sorted(w for w in words if not w.startswith("concept:"))
    return PassageTerms(words, frozenset(facts), " ".join(content))


def _word_forms(word: str) -> tuple[str, ...]:
    """A hyphenated word as its parts and joined ("non-profit": non, profit, nonprofit).

    Outlets write "non-profit" and "nonprofit", "co-founder" and "cofounder"; dashes
    normalised from em dashes also glue words ("Musk-who").
    """
    if "-" not in word:
        return (word,)
    parts = tuple(part for part in word.split("-") if part)
    return (*parts, "".join(parts), word)


def _fact_terms(text: str) -> set[str]:
    """Amounts, counts and dates as comparable terms: "$13bn" and "$13 billion" are equal.

    Values come from core.facts, which normalises scale and currency ("half a trillion
    dollars" is 500 billion); hedges are ignored here, since "over $500 billion" and
    "$500 billion" still point at the same fact.
    """
    terms: set[str] = set()
    if not states_quantities(text):
        return terms
    for fact in extract_facts(text):
        # A range ("hundreds of millions") names no single value that two passages share.
        if fact.kind in ("money", "number", "percent") and isinstance(fact.value, Amount):
            terms.add(f"num:{fact.kind}:{fact.value.key}")
        elif fact.kind == "date" and isinstance(fact.value, DateParts | Decade | Weekday):
            terms.add("num:date:" + fact.value.key)
    return terms


# ---------------------------------------------------------------------------- matrices


def _vectorise(
    bags: Sequence[dict[str, float]], vocabulary: dict[str, int], weights: np.ndarray
) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for row, bag in enumerate(bags):
        for term, local in bag.items():
            col = vocabulary[term]
            rows.append(row)
            cols.append(col)
            vals.append(local * weights[col])
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(bags), len(vocabulary))
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _document_idf(
    left: Sequence[dict[str, float]], right: Sequence[dict[str, float]]
) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary and inverse passage frequency over both articles together.

    Pooling both sides keeps the score symmetric: comparing B with A mirrors A with B.
    """
    vocabulary: dict[str, int] = {}
    counts: list[int] = []
    for bag in (*left, *right):
        for term in bag:
            index = vocabulary.setdefault(term, len(vocabulary))
            if index == len(counts):
                counts.append(0)
            counts[index] += 1
    total = len(left) + len(right)
    df = np.asarray(counts, dtype=np.float64)
    return vocabulary, np.log1p(total / np.maximum(df, 1.0))


def _cosine(left: Sequence[dict[str, float]], right: Sequence[dict[str, float]]) -> np.ndarray:
    vocabulary, idf = _document_idf(left, right)
    if not vocabulary:
        return np.zeros((len(left), len(right)))
    a = _vectorise(left, vocabulary, idf)
    b = _vectorise(right, vocabulary, idf)
    return np.asarray((a @ b.T).toarray(), dtype=np.float32)


def _fuzzy(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """token_sort_ratio over content words, rescaled so chance overlap counts as zero."""
    raw = process.cdist(left, right, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    return _above_chance(raw)


def _above_chance(raw: np.ndarray) -> np.ndarray:
    return np.clip((raw / 100.0 - _FUZZY_FLOOR) / (1 - _FUZZY_FLOOR), 0.0, 1.0)


def _facts_overlap(left: Sequence[frozenset[str]], right: Sequence[frozenset[str]]) -> np.ndarray:
    """Shared facts, weighted by how rare each is across both articles; 0..1."""
    bags = [dict.fromkeys(facts, 1.0) for facts in (*left, *right)]
    vocabulary, idf = _document_idf(bags[: len(left)], bags[len(left) :])
    if not vocabulary:
        return np.zeros((len(left), len(right)))
    a = _vectorise(bags[: len(left)], vocabulary, idf)
    b = _vectorise(bags[len(left) :], vocabulary, idf)
    return np.asarray((a @ b.T).toarray(), dtype=np.float32)


def _with_context(scores: np.ndarray, weight: float) -> np.ndarray:
    """Add the mean score of the diagonal neighbours: runs of parallel passages."""
    if weight <= 0 or min(scores.shape) < 2:
        return scores
    # Shifted in-place adds: no padded copies of a matrix that can hold millions of pairs.
    out = scores.copy()
    half = weight / 2.0
    out[1:, 1:] += half * scores[:-1, :-1]
    out[:-1, :-1] += half * scores[1:, 1:]
    return np.clip(out, 0.0, 1.0, out=out)


def _combine(word: np.ndarray, fuzzy: np.ndarray, facts: np.ndarray, s: Settings) -> np.ndarray:
    total = s.weight_distinctive_words + s.weight_fuzzy + s.weight_shared_facts
    # float32 and in place: at 100,000 words a side each temporary is ~150 MB.
    out = np.multiply(word, s.weight_distinctive_words / total, dtype=np.float32)
    out += np.float32(s.weight_fuzzy / total) * fuzzy.astype(np.float32, copy=False)
    out += np.float32(s.weight_shared_facts / total) * facts.astype(np.float32, copy=False)
    return np.asarray(out)


_ANAPHORA = re.compile(
    r"^(?:he|she|it|its|they|their|this|that|these|those|the|such|but|however|meanwhile|"
    r"in response|in turn|since then|then|there|his|her)\b",
    re.IGNORECASE,
)


def _in_context(
    passages: Sequence[Passage], terms: list[PassageTerms], weight: float
) -> list[dict[str, float]]:
    """Word bags of passages, each with what it refers back to.

    A sentence that opens with "He", "The split" or "In response" continues the sentence
    before it; without that sentence's words it cannot be matched ("the split was far from
    amicable" is about Musk leaving OpenAI only because the sentence before says so).
    """
    bags = []
    for index, (passage, own) in enumerate(zip(passages, terms, strict=True)):
        bag = dict(own.words)
        previous = passages[index - 1] if index else None
        if (
            weight > 0
            and previous is not None
            and previous.paragraph == passage.paragraph
            and _ANAPHORA.match(passage.text)
        ):
            for term, value in terms[index - 1].words.items():
                bag[term] = max(bag.get(term, 0.0), weight * value)
        bags.append(bag)
    return bags


def similarity(left: Sequence[Passage], right: Sequence[Passage], settings: Settings) -> np.ndarray:
    """Scores (0..1) of every left passage against every right passage, in context.

    Boilerplate scores zero against everything: it is never a link.
    """
    if not left or not right:
        return np.zeros((len(left), len(right)))
    left_terms = [terms_of(p.text) for p in left]
    right_terms = [terms_of(p.text) for p in right]
    scores = _combine(
        _cosine(
            _in_context(left, left_terms, settings.anaphora_weight),
            _in_context(right, right_terms, settings.anaphora_weight),
        ),
        _fuzzy([t.sorted_content for t in left_terms], [t.sorted_content for t in right_terms]),
        _facts_overlap([t.facts for t in left_terms], [t.facts for t in right_terms]),
        settings,
    )
    scores = _with_context(scores, settings.context_weight)
    usable_left = np.array([p.is_content for p in left])
    usable_right = np.array([p.is_content for p in right])
    return np.asarray(scores * usable_left[:, None] * usable_right[None, :])


@dataclass(frozen=True)
class Match:
    """A pair of passages judged to speak of the same event."""

    left: int
    right: int
    score: float


def assign(
    scores: np.ndarray,
    left: Sequence[Passage],
    right: Sequence[Passage],
    settings: Settings,
) -> list[Match]:
    """Links from a score matrix: above threshold and near the best of both passages."""
    if scores.size == 0:
        return []
    best_of_left = scores.max(axis=1, keepdims=True)
    best_of_right = scores.max(axis=0, keepdims=True)
    near_best = scores >= settings.relative_margin * np.maximum(best_of_left, best_of_right)
    heading_left = np.array([p.kind == "heading" for p in left])
    heading_right = np.array([p.kind == "heading" for p in right])
    mixed = heading_left[:, None] ^ heading_right[None, :]
    threshold = np.where(mixed, settings.heading_threshold, settings.link_threshold)
    chosen = np.argwhere((scores >= threshold) & near_best & (scores > 0))
    return [Match(int(i), int(j), float(scores[i, j])) for i, j in chosen]


# ------------------------------------------------------------------- pairs without context


def pair_scores(a: Sequence[str], b: Sequence[str], settings: Settings | None = None) -> np.ndarray:
    """Same-event score (0..1) of each pair ``(a[k], b[k])``, with no article around them.

    Without two whole articles there is no document frequency, so word weights come from
    English at large alone and there is no neighbour context.
    """
    settings = settings or Settings()
    if len(a) != len(b):
        raise ValueError("a and b must have the same length")
    if not a:
        return np.zeros(0)
    ta = [terms_of(text) for text in a]
    tb = [terms_of(text) for text in b]
    word = np.array([_weighted_cosine(x.words, y.words) for x, y in zip(ta, tb, strict=True)])
    fuzzy_raw = process.cpdist(
        [t.sorted_content for t in ta],
        [t.sorted_content for t in tb],
        scorer=fuzz.ratio,
        dtype=np.float32,
        workers=-1,
    )
    fuzzy = _above_chance(fuzzy_raw)
    facts = np.array([_fact_overlap(x.facts, y.facts) for x, y in zip(ta, tb, strict=True)])
    return np.asarray(_combine(word, fuzzy, facts, settings))


def _weighted_cosine(x: dict[str, float], y: dict[str, float]) -> float:
    shared = sum(x[t] * y[t] for t in x.keys() & y.keys())
    norm = math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))
    return shared / norm if norm else 0.0


def _fact_overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / math.sqrt(len(x) * len(y))


def links(left: Sequence[Passage], right: Sequence[Passage]) -> list[tuple[int, int]]:
    """(left index, right index) of every link the frozen engine makes, default settings."""
    settings = Settings()
    return [
        (m.left, m.right) for m in assign(similarity(left, right, settings), left, right, settings)
    ]
