"""Which passages of two articles speak of the same event.

Articles about one story share their vocabulary: every sentence of a report on a migrant
caravan says "caravan", "border" or "migrants".  A plain fuzzy ratio therefore rates every
pair as related.  The score here combines signals, each a matrix over all (left, right)
passage pairs, computed without any Python loop over pairs:

* **distinctive words**: cosine of word-stem vectors weighted by how rare each stem is in
  English at large (wordfreq) *and* in the story (the passages of both articles): a word
  rare in English keeps weight even when the whole story uses it (the suspect's name),
  while a word common in English and in the story says nearly nothing;
* **fuzzy overlap**: rapidfuzz ratio of the token-sorted content words (a
  ``token_sort_ratio`` whose sorting is done once per passage, not once per pair), for
  the candidate pairs only: those among the few best of their row or column by
  distinctive words;
* **shared facts**: numbers, amounts, dates and proper names that both passages state,
  weighted the same way;
* **claim evidence** (optional, from the caller): a matrix saying that two passages
  state a claim about the same measure.

The neighbours of a pair (the pairs just before and after it in both articles) add a
little.  Then a **learned scorer** (a logistic regression fitted on annotated articles,
core/data/align_scorer.json) turns that hand-weighted score, the counts of what the two
passages share and whether they are each other's best match into the probability that
they report the same fact (``learned_scorer`` says how much it decides).
:func:`pair_scores` scores isolated sentence pairs with the same functions, minus what
needs whole articles (story rarity, neighbours, back-references, the learned scorer).

Links are assigned by role: body sentences compete only with body sentences, headlines and
standfirsts with each other, and a heading may take a body sentence as a counterpart only
in a competition of its own, so it never takes a body sentence's link away.  Inside a
competition a pair is linked when it clears ``link_threshold`` and is near the best score of
*either* of its passages (one-to-many where the text supports it); a pair that is not the
best match of both its passages needs ``one_sided_margin`` more.

>>> from core.model import Settings
>>> texts_a = ["Musk sued OpenAI in 2024.", "The weather was fine."]
>>> texts_b = ["In 2024 Musk filed a lawsuit against OpenAI.", "Stocks fell."]
>>> s = pair_scores(texts_a, texts_b, settings=Settings())
>>> float(s[0]) > float(s[1])
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from .concepts import concept_of
from .english import zipf
from .facts import Amount, DateParts, Decade, Weekday, stated_values, states_quantities
from .model import Passage
from .normalize import FUNCTION_WORDS, normalised_text
from .normalize import stem as stem_of
from .settings import Settings

if TYPE_CHECKING:
    # scipy.sparse is imported where a function uses it (0.12-0.2 s of CPU with the parts
    # of numpy it pulls in): articles of any length are aligned with numpy and never need
    # it (products without story rarity, and the tests' reference path, still use it).
    from typing import TypeAlias

    from scipy import sparse

    # Claim evidence: a dense matrix, a scipy.sparse one, or its entries (long documents).
    Evidence: TypeAlias = np.ndarray | sparse.spmatrix | "EvidenceEntries"

# Function words carry no event; the list is short on purpose: a content word wrongly
# dropped costs more than a function word kept (its weight is low anyway).
STOPWORDS = FUNCTION_WORDS | {"don", "one", "two"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'\-]*|\$?\d[\d,.]*%?")
_CONCEPT_WEIGHT = 1.0  # a concept counts like an ordinary content word
_FUZZY_FLOOR = 0.3  # token_sort ratio that two unrelated sentences reach by chance
# The fuzzy ratio is computed only for a pair that is among the FUZZY_CANDIDATES best of
# its row or of its column by distinctive-word cosine (ties included) and shares a word.
# A link must be near the best of one of its passages, so a pair far down both rankings
# never becomes one; the all-pairs ratio matrix was most of the align stage's time.
FUZZY_CANDIDATES = 3  # chosen on the dev sets (3, 5, 8, 12 and all pairs tried)
# A capitalised word is a name only if it is this rare as an English word (wordfreq
# Zipf scale: "Musk" 3.5, "Tijuana" 3.0; "Defense" 4.9, "Department" 5.2 are not names).
_NAME_MAX_ZIPF = 4.0
# An all-capitals word ("CBP", "NAFTA") is a name only if this rare ("AI" 4.2, "EU" 4.6).
_ACRONYM_MAX_ZIPF = 3.5
# A run of capitalised words ("Donald Trump", "South Korea") is one name when one of its
# words is at least this rare ("Defense Department", "White House" are ordinary words).
_NAME_RUN_MAX_ZIPF = 4.7
# A headline or standfirst that is a plain first line: the first content passage, alone
# in its paragraph, of at most this many words.
_HEADLINE_MAX_WORDS = 20


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return float(zipf(word))


def _rarity(word: str) -> float:
    """How much a word says in English at large: 'the' nearly nothing, 'valuation' a lot."""
    return min(1.5, max(0.15, (7.5 - _zipf(word)) / 3.5))


@dataclass(frozen=True)
class PassageTerms:
    """The comparable content of one passage."""

    words: dict[str, float]  # stem -> rarity in English (1.0 = ordinary content word)
    facts: frozenset[str]  # normalised numbers and names, e.g. "num:money:5e+11", "name:musk"
    sorted_content: str  # content words, sorted, for the fuzzy scorer
    content: tuple[str, ...] = ()  # the stems of words (not concepts), for shared counts
    numbers: tuple[str, ...] = ()  # the facts that are numbers, amounts or dates ("num:")


@lru_cache(maxsize=65536)
def terms_of(text: str) -> PassageTerms:
    """Stems, concepts, facts and fuzzy form of a passage's text.

    Cached: corpus mode compares each article with every other, and the settings' live
    preview recomputes the same articles.  Callers must not mutate the result.
    """
    clean = normalised_text(text)
    words: dict[str, float] = {}
    tokens = _WORD.findall(clean)
    # Each distinct token once, in order of first use: a repeated token adds the same
    # terms with the same weights, so the bag and its order are unchanged.
    known = words.get
    for token in dict.fromkeys(tokens):
        for term, weight in _token_terms(token):
            # words[term] = max(words.get(term, 0.0), weight), without a call for a term
            # already there with as much weight
            old = known(term)
            if old is None:
                words[term] = weight if weight > 0.0 else 0.0  # max(0.0, weight)
            elif weight > old:
                words[term] = weight
    facts = _fact_terms(text) | names_of(tokens)
    content = sorted(w for w in words if not w.startswith("concept:"))
    numbers = tuple(sorted(f for f in facts if f.startswith("num:")))
    return PassageTerms(words, frozenset(facts), " ".join(content), tuple(content), numbers)


@lru_cache(maxsize=65536)
def _token_terms(token: str) -> tuple[tuple[str, float], ...]:
    """What one token adds to a passage's words, in order: the stem of each of its word
    forms with its rarity, and the form's concept.  Cached: a document repeats its words,
    and each costs a stem, a rarity and a concept lookup."""
    lower = token.lower().removesuffix("'s").strip("'-")
    if not lower or lower[0].isdigit() or lower[0] == "$":
        return ()  # numbers are facts, handled apart
    found: list[tuple[str, float]] = []
    for word in _word_forms(lower):
        if word in STOPWORDS or len(word) < 2:
            continue
        found.append((stem_of(word), _rarity(word)))
        concept = concept_of(word)
        if concept:
            found.append(("concept:" + concept, _CONCEPT_WEIGHT))
    return tuple(found)


def names_of(tokens: Sequence[str]) -> set[str]:
    """Proper names among a passage's tokens, as "name:..." terms.

    Strict on purpose: a capitalised word is a name only if it is not the first word and
    is rare as an English word; an all-capitals word only if rare; a run of capitalised
    words ("Donald Trump") only if one of its words is fairly rare, and then the whole run
    is one name as well as its rare words.
    """
    names: set[str] = set()
    run: list[str] = []
    for position, token in enumerate(tokens):
        part = _name_part(token)
        if part is None:
            if run:  # most words end no run: no call for them
                _close_run(run, names)
            continue
        lower, alone, anywhere = part
        run.append(lower)
        if alone is not None and (anywhere or position > 0):
            names.add(alone)
    _close_run(run, names)
    return names


def _close_run(run: list[str], names: set[str]) -> None:
    """The run of capitalised words as one name, if it is one; the run emptied."""
    if len(run) >= 2 and min(_zipf(w) for w in run) <= _NAME_RUN_MAX_ZIPF:
        names.add("name:" + " ".join(stem_of(w) for w in run))
    run.clear()


@lru_cache(maxsize=65536)
def _name_part(token: str) -> tuple[str, str | None, bool] | None:
    """What a token is to ``names_of``: None if it ends a run of capitalised words (not
    capitalised, or a function word); else its lower case, the name it is on its own if
    rare enough (or None), and whether it is one even as a passage's first word (an
    acronym).  Cached: a document repeats its names, and each costs rarity lookups."""
    bare = token.removesuffix("'s").strip("'-")
    if not bare or not bare[0].isupper() or (lower := bare.lower()) in STOPWORDS:
        return None
    if bare.isupper() and len(bare) > 1:
        return lower, ("name:" + lower if _zipf(lower) <= _ACRONYM_MAX_ZIPF else None), True
    if _zipf(lower) <= _NAME_MAX_ZIPF:
        return lower, "name:" + stem_of(lower), False
    return lower, None, False


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
    "$500 billion" still point at the same fact.  Only the values are read (roles, names
    and the rest of ``extract_facts`` are for claims and verdicts).
    """
    terms: set[str] = set()
    if not states_quantities(text):
        return terms
    for fact in stated_values(text):
        # A range ("hundreds of millions") names no single value that two passages share.
        if fact.kind in ("money", "number", "percent") and isinstance(fact.value, Amount):
            terms.add(f"num:{fact.kind}:{fact.value.key}")
        elif fact.kind == "date" and isinstance(fact.value, DateParts | Decade | Weekday):
            terms.add("num:date:" + fact.value.key)
    return terms


# ---------------------------------------------------------------------------- signals
#
# One path for both modes.  Each signal turns two lists of passages into two row-aligned
# sets of unit vectors (or sorted strings); "all pairs" multiplies them as matrices, "pairs"
# takes the row-wise dot product of row k with row k.


Bag = dict[str, float]


def _vectors(
    left: Sequence[Bag], right: Sequence[Bag], story_weight: float
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Unit-length term vectors of both sides, each term weighted by its story rarity.

    A term's story rarity is its inverse passage frequency over both sides pooled (so that
    B against A mirrors A against B), scaled to 0..1; ``story_weight`` says how much of a
    term's weight it decides (0: none, the bag's own values alone).
    """
    from scipy import sparse

    bags: Sequence[Bag] = (*left, *right)
    expand = None
    if story_weight <= 0:
        # Rows are independent without story rarity: build each distinct bag (the same
        # object, as ``pairs`` repeats sentences) once, then gather its row.  The first
        # occurrences keep their order, so the vocabulary and every row are unchanged.
        unique, positions = distinct_objects(bags)
        if len(unique) < len(bags):
            bags, expand = unique, np.asarray(positions, dtype=np.int64)
    vocabulary, rows, cols, vals = _coordinates(bags)
    total = len(left) + len(right)
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)),
        shape=(len(bags), max(len(vocabulary), 1)),
    )
    if story_weight > 0 and vocabulary:
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocabulary))
        story = np.log1p(total / np.maximum(df, 1)) / np.log1p(total)
        factor = (1.0 - story_weight) + story_weight * story
        matrix = matrix @ sparse.diags(factor.astype(np.float32))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags((1.0 / norms).astype(np.float32)) @ matrix)
    if expand is not None:
        matrix = matrix[expand]
    return matrix[: len(left)], matrix[len(left) :]


def _all_pairs(vectors: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> np.ndarray:
    a, b = vectors
    return np.asarray((a @ b.T).toarray(), dtype=np.float32)


# Left rows multiplied at a time by _blocked_all_pairs.
_PRODUCT_BLOCK = 256


def _blocked_all_pairs(vectors: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> np.ndarray:
    """:func:`_all_pairs`, a block of left rows at a time, written into the dense result.

    The whole sparse product of two long documents holds a quarter of all pairs (5 million
    at 100,000 words a side, 60 MB) only to be copied out; a block's product is small.
    Each row of a sparse product is summed on its own, in the order of the left row's
    terms, so the values are the same bit for bit.
    """
    a, b = vectors
    right = b.T.tocsr()  # converted once, not once per block
    out = np.empty((a.shape[0], b.shape[0]), dtype=np.float32)
    for start in range(0, a.shape[0], _PRODUCT_BLOCK):
        stop = min(start + _PRODUCT_BLOCK, a.shape[0])
        (a[start:stop] @ right).toarray(out=out[start:stop])
    return out


def _coordinates(
    bags: Sequence[Bag],
) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The vocabulary of the bags (terms numbered in order of first use) and each bag's
    terms as (row, column, value) triplets, in the bags' order and each bag's own."""
    vocabulary = Numbering()
    cols = _numbered(bags, vocabulary)
    rows, values = _rows_and_values(bags)
    return vocabulary, rows, cols, values


class Numbering(dict[str, int]):
    """Terms and their numbers: looking a new term up gives it the next number."""

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self)
        return number


def _numbered(lists: Iterable[Iterable[str]], numbers: Numbering) -> np.ndarray:
    """The number of every term of the lists, in order, a new term taking the next number.

    One pass in C over all the terms (a known term is a plain dict lookup): a document of
    100,000 words has ~280,000, and a loop body per term (three appends) cost ~0.2 s.
    """
    return np.fromiter(map(numbers.__getitem__, chain.from_iterable(lists)), dtype=np.int64)


def _rows_and_values(bags: Sequence[Bag]) -> tuple[np.ndarray, np.ndarray]:
    """Each term's bag (its row) and value, in the order :func:`_numbered` reads them."""
    lengths = np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
    rows = np.repeat(np.arange(len(bags), dtype=np.int64), lengths)
    values = np.fromiter(
        chain.from_iterable(bag.values() for bag in bags),
        dtype=np.float64,
        count=int(lengths.sum()),
    )
    return rows, values


# Two ~1,000-word articles (~40 passages a side, a vocabulary of ~1,000 terms) make
# matrices so small that building scipy.sparse ones, and dispatching their products, cost
# far more than the arithmetic: corpus mode compares thousands of such pairs.  Long
# documents gain too: importing scipy.sparse costs 0.12-0.2 s, and the products of their
# shared terms, listed a block at a time (_PRODUCTS_AT_ONCE), were faster with numpy at
# every size measured (at 100,000 words a side, 8.3 million products: 110 against 165
# ms for the word signal).  So the arithmetic is done with numpy on the passages' terms
# as (row, column, value) entries, the product of two terms of one pair listed once:
# memory grows with neither passages x vocabulary nor the products.  From this many
# products on, scipy.sparse is used instead; None: never (tests set it to compare the
# two paths).
_SPARSE_FROM_PRODUCTS: int | None = None


T = TypeVar("T")


def distinct_objects(items: Sequence[T]) -> tuple[list[T], list[int]]:
    """The distinct objects of ``items`` (by identity, first occurrences in order) and the
    position of each item among them."""
    first: dict[int, int] = {}
    distinct: list[T] = []
    positions = []
    for item in items:
        position = first.get(id(item))
        if position is None:
            position = first[id(item)] = len(distinct)
            distinct.append(item)
        positions.append(position)
    return distinct, positions


def all_pairs_of(left: Sequence[Bag], right: Sequence[Bag], story_weight: float) -> np.ndarray:
    """``_all_pairs(_vectors(left, right, story_weight))``, the same float32 values bit for
    bit, computed on dense arrays when the inputs are small (:func:`_dense_pairs`)."""
    if story_weight > 0:
        dense = _dense_pairs(_code(left), _code(right), story_weight)
        if dense is not None:
            return dense
    return _blocked_all_pairs(_vectors(left, right, story_weight))


# Process-wide numbers of terms, so that an article's bags are turned into arrays once
# (:func:`_coded_side`) and each pair only renumbers their columns with numpy.
_TERM_IDS = Numbering()


@dataclass(frozen=True)
class _Coded:
    """Bags as arrays: entry k is term ``terms[k]`` (a ``_TERM_IDS`` number) of bag
    ``rows[k]`` with ``values[k]``, in the bags' order and each bag's own order."""

    rows: np.ndarray
    terms: np.ndarray
    values: np.ndarray
    count: int  # bags


def _code(bags: Sequence[Bag]) -> _Coded:
    rows, values = _rows_and_values(bags)
    return _Coded(rows, _numbered(bags, _TERM_IDS), values, len(bags))


def _columns(left: _Coded, right: _Coded) -> tuple[np.ndarray, int]:
    """Both sides' entries numbered over their joint vocabulary, terms in order of first
    use (left's bags, then right's), as :func:`_coordinates` numbers them."""
    terms = np.concatenate([left.terms, right.terms])
    if not terms.size:
        return terms, 0
    unique, first, inverse = np.unique(terms, return_index=True, return_inverse=True)
    rank = np.empty(unique.size, dtype=np.int64)
    rank[np.argsort(first)] = np.arange(unique.size)
    return rank[inverse.ravel()], int(unique.size)


def _dense_pairs(left: _Coded, right: _Coded, story_weight: float) -> np.ndarray | None:
    """``_all_pairs(_vectors(...))`` of the coded bags with numpy, bit for bit; None when
    their shared terms make ``_SPARSE_FROM_PRODUCTS`` products or more."""
    found = _unit_entries(left, right, story_weight)
    return None if found is None else _summed(*found)


def _pair_entries(left: _Coded, right: _Coded, story_weight: float) -> _Sparse | None:
    """:func:`_dense_pairs` as its nonzero entries: for a signal that is zero for nearly
    every pair of two long documents (shared facts)."""
    found = _unit_entries(left, right, story_weight)
    return None if found is None else _summed_entries(*found)


_Entries = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, terms, values


def _unit_entries(
    left: _Coded, right: _Coded, story_weight: float
) -> tuple[_Entries, _Entries, int, tuple[int, int]] | None:
    """The entries of :func:`_vectors`'s unit vectors of the coded bags, left and right,
    numbered over ``size`` terms, and the shape of their product; None when their shared
    terms make ``_SPARSE_FROM_PRODUCTS`` products or more.

    The sparse products sum float32 terms one after another in increasing column order
    (the norms with ``np.add.reduceat`` over each row's nonzeros), and rounding depends on
    that order; a BLAS product would differ in the last bit and could break a tie that
    ranks a pair (fuzzy candidates, best of row).  So this path sums in the same order:
    reduceat over the same nonzeros, ordered as a CSR matrix's (by row, then column), and
    each pair's products added first terms first (:func:`_summed`).
    """
    cols, size = _columns(left, right)
    if _sparse_is_chosen(cols[: left.rows.size], cols[left.rows.size :], size):
        return None
    count = left.count + right.count
    rows = np.concatenate([left.rows, right.rows + left.count])
    values = np.concatenate([left.values, right.values]).astype(np.float32)
    if size:
        df = np.bincount(cols, minlength=size)
        story = np.log1p(count / np.maximum(df, 1)) / np.log1p(count)
        factor = (1.0 - story_weight) + story_weight * story
        values *= factor.astype(np.float32)[cols]
    order = np.lexsort((cols, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    squares = values * values
    present = squares != 0
    counts = np.bincount(rows[present], minlength=count)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    nonempty = np.flatnonzero(counts)
    norms = np.zeros(count, dtype=np.float32)
    if nonempty.size:
        norms[nonempty] = np.add.reduceat(squares[present], starts[nonempty])
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    values *= (1.0 / norms).astype(np.float32)[rows]
    on_left = (rows < left.count) & (values != 0)
    on_right = (rows >= left.count) & (values != 0)
    left_side = (rows[on_left], cols[on_left], values[on_left])
    right_side = (rows[on_right] - left.count, cols[on_right], values[on_right])
    return left_side, right_side, size, (left.count, right.count)


def _sparse_is_chosen(left_terms: np.ndarray, right_terms: np.ndarray, size: int) -> bool:
    """Whether the entries' products (pairs of a left and a right entry of one term) are
    ``_SPARSE_FROM_PRODUCTS`` or more."""
    if _SPARSE_FROM_PRODUCTS is None:
        return False
    per_side = (np.bincount(terms, minlength=size) for terms in (left_terms, right_terms))
    return int(np.dot(*per_side)) >= _SPARSE_FROM_PRODUCTS


# An entry of a left passage and one of a right passage share a term: one product.  The
# products are listed this many at a time (about 60 bytes each while listed), so that
# two long documents (8 million products at 100,000 words a side) need no more memory
# than two short ones.  Fewer would do the same work in more calls; more were slower
# (2 million at once: 35 against 20 ms at 50,000 words a side), each block's fresh
# arrays paying their pages again.
_PRODUCTS_AT_ONCE = 1 << 17


def _summed(
    left: _Entries,
    right: _Entries,
    size: int,
    shape: tuple[int, int],
) -> np.ndarray:
    """The product of two sides given as (rows, terms, values) entries, as a dense float32
    matrix.  ``np.add.at`` adds in the order of its indices, and the products come in the
    order of the left entries (by row, then term): each pair's terms are summed one after
    another in increasing column order, starting from zero, as a CSR product sums them."""
    out = np.zeros(shape, dtype=np.float32)
    flat = out.reshape(-1)
    for i, j, products in _joined_blocks(left, right, size):
        assert products is not None  # values given: their products listed
        np.add.at(flat, i * shape[1] + j, products)
    return out


def _summed_entries(
    left: _Entries,
    right: _Entries,
    size: int,
    shape: tuple[int, int],
) -> _Sparse:
    """:func:`_summed` as its nonzero entries (by row, then column), each summed in the
    same order: for a product that is zero for nearly every pair (shared facts)."""
    found = []
    for i, j, products in _joined_blocks(left, right, size):
        assert products is not None  # values given: their products listed
        pairs, index = np.unique(i * shape[1] + j, return_inverse=True)
        sums = np.zeros(pairs.size, dtype=np.float32)
        np.add.at(sums, index, products)
        keep = sums != 0  # as a sparse product keeps them
        found.append((pairs[keep], sums[keep]))
    pairs = np.concatenate([p for p, _ in found]) if found else np.zeros(0, np.int64)
    sums = np.concatenate([v for _, v in found]) if found else np.zeros(0, np.float32)
    return _Sparse(pairs // max(shape[1], 1), pairs % max(shape[1], 1), sums)


def _joined_blocks(
    left: tuple[np.ndarray, np.ndarray, np.ndarray | None],
    right: tuple[np.ndarray, np.ndarray, np.ndarray | None],
    size: int,
    max_rows: int | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """Every pair of a left entry and a right entry of the same term, as (left row, right
    row, product of their values, None where values are not given), listed in the left
    entries' order and, for one left entry, by right row; about ``_PRODUCTS_AT_ONCE`` at
    a time (whole left rows, at most ``max_rows`` of them).  Entries are (rows, terms,
    values), terms numbered below ``size``, left rows in increasing order."""
    (left_rows, left_terms, left_values), (right_rows, right_terms, right_values) = left, right
    by_term = np.argsort(right_terms, kind="stable")  # by term, then right row
    rows_by_term = right_rows[by_term]
    values_by_term = None if right_values is None else right_values[by_term]
    per_term = np.bincount(right_terms, minlength=size)
    term_start = np.cumsum(per_term) - per_term
    repeats = per_term[left_terms]
    for start, stop in _blocks(left_rows, repeats, max_rows):
        block = repeats[start:stop]
        total = int(block.sum())
        if not total:
            continue
        # The k-th product of an entry is its term's k-th right entry: each product's
        # place among the right entries is its own place in the block, shifted per entry.
        shift = term_start[left_terms[start:stop]] - (np.cumsum(block) - block)
        picked = np.arange(total) + np.repeat(shift, block)
        products = None
        if left_values is not None and values_by_term is not None:
            products = np.repeat(left_values[start:stop], block) * values_by_term[picked]
        yield np.repeat(left_rows[start:stop], block), rows_by_term[picked], products


def _blocks(rows: np.ndarray, products: np.ndarray, max_rows: int | None) -> list[tuple[int, int]]:
    """(start, stop) of runs of entries that end where a row ends, each with about
    ``_PRODUCTS_AT_ONCE`` products (more if one row alone has more) and rows less than
    ``max_rows`` apart; ``rows`` in increasing order."""
    if not rows.size:
        return []
    in_reach = max_rows is None or int(rows[-1]) - int(rows[0]) < max_rows
    if in_reach and int(products.sum()) <= _PRODUCTS_AT_ONCE:
        return [(0, rows.size)]  # two short articles: one block
    row_ends = np.flatnonzero(np.append(rows[1:] != rows[:-1], True)) + 1  # entry stops
    row_ids = rows[row_ends - 1]
    done = np.cumsum(products)[row_ends - 1]  # products up to each row's end
    bounds = [0]
    first = 0  # the run (row) the next block starts with
    while first < row_ends.size:
        before = int(done[first - 1]) if first else 0
        last = int(np.searchsorted(done, before + _PRODUCTS_AT_ONCE, side="right")) - 1
        if max_rows is not None:
            span = int(np.searchsorted(row_ids, row_ids[first] + max_rows)) - 1
            last = min(last, span)
        last = max(last, first)  # at least one row
        bounds.append(int(row_ends[last]))
        first = last + 1
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _row_pairs(vectors: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> np.ndarray:
    a, b = vectors
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float32).ravel()


def _fact_bag(terms: PassageTerms) -> Bag:
    # Sorted: a frozenset's order changes with each process's hash seed, and the order of
    # a bag's terms is the order its products are summed in (the last bit of a score).
    return dict.fromkeys(sorted(terms.facts), 1.0)


def _fact_bags(terms: Sequence[PassageTerms]) -> list[Bag]:
    return [_fact_bag(t) for t in terms]


def _fuzzy(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """token_sort_ratio over content words, rescaled so chance overlap counts as zero."""
    from rapidfuzz import fuzz, process  # here: a command that scores no pair never needs it

    raw = process.cdist(left, right, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    return _above_chance(raw)


def fuzzy_candidates(word: np.ndarray, k: int) -> np.ndarray:
    """Where ``word`` (all pairs) is among the ``k`` best of its row or of its column (ties
    included) and above zero: the pairs whose fuzzy ratio is worth computing."""
    rows, cols = word.shape
    if k >= min(rows, cols):
        return np.asarray(word > 0)  # every pair is among the k best of its row or column
    chosen = word >= kth_largest(word, k, axis=1)
    chosen |= word >= kth_largest(word, k, axis=0)
    chosen &= word > 0
    return chosen


def candidate_pairs(word: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.nonzero(fuzzy_candidates(word, k))``, a block of rows at a time: no boolean
    matrices the size of ``word`` (each a fresh 18 MB at 100,000 words a side)."""
    if k >= min(word.shape):
        return _nonzero_by_rows(word, lambda block, _: block > 0)
    row_kth = kth_largest(word, k, axis=1)
    column_kth = kth_largest(word, k, axis=0)

    def chosen(block: np.ndarray, rows: slice) -> np.ndarray:
        found = block >= row_kth[rows]
        found |= block >= column_kth
        found &= block > 0
        return found

    return _nonzero_by_rows(word, chosen)


# Rows tested at a time by _nonzero_by_rows.
_NONZERO_BLOCK = 256


def _nonzero_by_rows(
    matrix: np.ndarray, test: Callable[[np.ndarray, slice], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """``np.nonzero(test(matrix, all rows))`` for a test made of elementwise comparisons,
    done a block of rows at a time (``test(block, its rows)``): the same (row, column)
    pairs in the same order, without a whole boolean matrix."""
    found_rows, found_cols = [], []
    for start in range(0, matrix.shape[0], _NONZERO_BLOCK):
        rows = slice(start, min(start + _NONZERO_BLOCK, matrix.shape[0]))
        block_rows, block_cols = np.nonzero(test(matrix[rows], rows))
        found_rows.append(block_rows + start)
        found_cols.append(block_cols)
    if not found_rows:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(found_rows), np.concatenate(found_cols)


# Below this many pairs np.partition is the faster way to a k-th largest value: corpus mode
# scores thousands of 40x40 matrices, where each numpy call's overhead counts.
_KTH_BY_PARTITION_BELOW = 250_000
# Rows taken at a time when a k-th largest value is found along rows: a block of a
# 4,000-column matrix stays in the processor's cache while it is read a few times over.
_KTH_BLOCK = 64


def kth_largest(values: np.ndarray, k: int, axis: int) -> np.ndarray:
    """The ``k``-th largest value of each row (``axis=1``) or column (``axis=0``) of a 2-D
    float array without NaNs, counting equal values apart, with the reduced axis kept:
    ``np.partition(values, n - k, axis)`` at ``n - k``, for ``1 <= k <= n``.

    ``np.partition`` copies the whole matrix and then selects (0.66 s for both axes of the
    word matrix at 100,000 words a side); for a small ``k`` on a large matrix it is
    faster to keep the ``k`` largest values seen so far.  Every value returned is one of
    the inputs, so the result is the same whichever way it was found.
    """
    size = values.shape[axis]
    if not 1 <= k <= size:
        raise ValueError(f"k={k} is not between 1 and {size}")
    if values.size < _KTH_BY_PARTITION_BELOW:
        return np.take(np.partition(values, size - k, axis=axis), [size - k], axis=axis)
    if axis == 0:
        return _kth_down_columns(values, k)
    out = np.empty((values.shape[0], 1), dtype=values.dtype)
    for start in range(0, values.shape[0], _KTH_BLOCK):
        out[start : start + _KTH_BLOCK] = _kth_along_rows(values[start : start + _KTH_BLOCK], k)
    return out


def _kth_down_columns(values: np.ndarray, k: int) -> np.ndarray:
    # The k largest of each column so far, best first, updated one row at a time (rows are
    # contiguous in memory): a new value enters at its place and pushes the rest down.
    best = np.full((k, values.shape[1]), -np.inf, dtype=values.dtype)
    pushed = np.empty(values.shape[1], dtype=values.dtype)
    for row in values:
        for level in range(k - 1, 0, -1):
            np.minimum(best[level - 1], row, out=pushed)
            np.maximum(best[level], pushed, out=best[level])
        np.maximum(best[0], row, out=best[0])
    return best[k - 1 : k]


def _kth_along_rows(block: np.ndarray, k: int) -> np.ndarray:
    # Each step takes the largest value still below the last one and counts how many equal
    # it; a row whose count reaches k has its answer, later steps leave it alone.
    level = block.max(axis=1, keepdims=True)
    answer = level.copy()
    counted = np.count_nonzero(block >= level, axis=1, keepdims=True)
    remaining = block
    while True:
        open_rows = counted < k
        if not open_rows.any():
            return np.asarray(answer)
        remaining = np.where(remaining < level, remaining, -np.inf).astype(block.dtype)
        level = remaining.max(axis=1, keepdims=True)
        np.copyto(answer, level, where=open_rows)
        counted += np.count_nonzero(remaining >= level, axis=1, keepdims=True)


@dataclass(frozen=True)
class _Sparse:
    """The nonzero entries of a pair matrix, each (row, column) once.

    A signal that is zero for nearly every pair of two long documents (the fuzzy ratio of
    the candidates, shared facts, claim evidence, mutual best matches) is added to the
    score where it is not zero rather than as a dense matrix: adding a zero product
    changes no float, so the sums are the same bit for bit, without a 72 MB matrix and a
    pass over it per signal at 100,000 words a side.
    """

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, matrix: sparse.spmatrix) -> _Sparse:
        """The entries of a scipy.sparse matrix (duplicates summed, as toarray sums them)."""
        coo = matrix.tocsr().tocoo()
        return cls(coo.row, coo.col, np.asarray(coo.data, dtype=np.float32))

    @classmethod
    def where(cls, matrix: np.ndarray) -> _Sparse:
        rows, cols = np.nonzero(matrix)
        return cls(rows, cols, matrix[rows, cols])

    def add_to(self, out: np.ndarray, weight: np.float32) -> None:
        """``out += weight * self`` as the dense sum would compute it, entry by entry."""
        out[self.rows, self.cols] += weight * self.values

    def dense(self, shape: tuple[int, ...]) -> np.ndarray:
        out = np.zeros(shape, dtype=np.float32)
        out[self.rows, self.cols] = self.values
        return out


@dataclass(frozen=True)
class EvidenceEntries:
    """Claim evidence as its nonzero entries: ``values[k]`` for left passage ``rows[k]``
    and right passage ``cols[k]`` (each pair at most once), zero elsewhere, in a matrix of
    ``shape``.  Two long documents have a few hundred such pairs among millions: a dense
    matrix of them is nearly all zeros, and a scipy.sparse one costs its import."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    def toarray(self) -> np.ndarray:
        """The dense float32 matrix, as a scipy.sparse matrix's ``toarray`` gives it."""
        out = np.zeros(self.shape, dtype=np.float32)
        out[self.rows, self.cols] = self.values
        return out


def _fuzzy_on(
    left: Sequence[str], right: Sequence[str], candidates: tuple[np.ndarray, np.ndarray]
) -> _Sparse:
    """The fuzzy signal of the candidate pairs, given as (rows, columns); zero elsewhere."""
    rows, cols = candidates
    values = np.zeros(0, dtype=np.float32)
    if rows.size:
        values = _fuzzy_pairs([left[i] for i in rows.tolist()], [right[j] for j in cols.tolist()])
    # As stored into a float32 matrix before.
    return _Sparse(rows, cols, np.asarray(values, dtype=np.float32))


# Below this many pairs the fuzzy ratios are computed in the calling thread: starting
# rapidfuzz's threads costs more than the ~200 ratios of two short articles (0.4 against
# 0.07 ms), and corpus mode already keeps every core busy with one process each.
_FUZZY_THREADS_FROM = 20_000


def _fuzzy_pairs(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    from rapidfuzz import fuzz, process  # here: a command that scores no pair never needs it

    workers = -1 if len(left) >= _FUZZY_THREADS_FROM else 1
    raw = process.cpdist(left, right, scorer=fuzz.ratio, dtype=np.float32, workers=workers)
    return _above_chance(raw)


def _above_chance(raw: np.ndarray) -> np.ndarray:
    return np.clip((raw / 100.0 - _FUZZY_FLOOR) / (1 - _FUZZY_FLOOR), 0.0, 1.0)


def _cosine(
    left: Sequence[str], right: Sequence[str], s: Settings, pairs: bool
) -> np.ndarray | None:
    """Sentence-embedding cosine of the texts (all pairs, or row by row); None when the
    embeddings are off (``weight_semantic`` 0) or the model is not installed."""
    if s.weight_semantic <= 0:
        return None
    from . import semantic

    if not semantic.available():
        return None  # a session that asks for it opens on a machine without the model
    a, b = semantic.embed(left), semantic.embed(right)
    return np.asarray((a * b).sum(axis=1) if pairs else a @ b.T, dtype=np.float32)


def _semantic(
    left: Sequence[str], right: Sequence[str], s: Settings, pairs: bool
) -> np.ndarray | None:
    """Sentence-embedding cosine above ``semantic_floor``, rescaled to 0..1; None when off.

    Optional (``weight_semantic`` > 0): needs the model package (core.semantic).
    """
    if s.semantic_floor >= 1.0:
        return None
    cosine = _cosine(left, right, s, pairs)
    return None if cosine is None else _above_floor(cosine, s)


def _above_floor(cosine: np.ndarray, s: Settings) -> np.ndarray | None:
    """How far the cosine is above ``semantic_floor``, rescaled to 0..1."""
    floor = s.semantic_floor
    if floor >= 1.0:
        return None
    return np.asarray(np.clip((cosine - floor) / (1.0 - floor), 0.0, 1.0), dtype=np.float32)


Signal = np.ndarray | _Sparse


def _combine(
    word: np.ndarray,
    fuzzy: Signal,
    facts: Signal,
    s: Settings,
    evidence: Evidence | None = None,
    semantic: np.ndarray | None = None,
) -> np.ndarray:
    """Weighted mean of the signals, plus claim evidence and the optional sentence-embedding
    signal on top (then clipped to 0..1).  ``word`` (float32) is consumed: the result is
    written over it."""
    total = s.weight_distinctive_words + s.weight_fuzzy + s.weight_shared_facts
    # float32 and in place: at 100,000 words a side each matrix is ~75 MB, and a fresh one
    # costs more in page faults (~0.2 s of system time) than the arithmetic on it.
    out = np.multiply(word, s.weight_distinctive_words / total, dtype=np.float32, out=word)
    _add(out, np.float32(s.weight_fuzzy / total), fuzzy)
    _add(out, np.float32(s.weight_shared_facts / total), facts)
    if evidence is not None and s.weight_claim_evidence > 0:
        _add(out, np.float32(s.weight_claim_evidence), _clipped_evidence(evidence))
    if semantic is not None:
        out += np.float32(s.weight_semantic) * semantic
    if evidence is not None or semantic is not None:
        np.clip(out, 0.0, 1.0, out=out)
    return np.asarray(out)


def _clipped_evidence(evidence: Evidence) -> Signal:
    """Claim evidence clipped to 0..1: a matrix's few nonzero entries, or pair by pair."""
    if isinstance(evidence, np.ndarray) and evidence.ndim == 1:
        return np.asarray(np.clip(evidence, 0, 1), dtype=np.float32)
    if isinstance(evidence, np.ndarray):
        found = _Sparse.where(evidence)
    elif isinstance(evidence, EvidenceEntries):
        found = _Sparse(evidence.rows, evidence.cols, evidence.values)
    else:
        found = _Sparse.of(evidence)
    return _Sparse(found.rows, found.cols, np.clip(found.values, 0, 1).astype(np.float32))


def _add(out: np.ndarray, weight: np.float32, signal: Signal) -> None:
    if isinstance(signal, _Sparse):
        signal.add_to(out, weight)
    else:
        out += weight * signal.astype(np.float32, copy=False)


# Rows of the score matrix that _add_context updates at a time: a block and its copy stay
# in the processor's cache between the two shifted adds.
_CONTEXT_BLOCK = 128


def _add_context(scores: np.ndarray, weight: float) -> None:
    """Add the mean score of the diagonal neighbours: runs of parallel passages.  In place.

    Each pair gets its own score, plus half the weight times the pair before it, plus half
    the weight times the pair after it, in that order (the order of the float32 sums),
    then is clipped to 0..1.  A block of rows is copied before it is changed, so every
    add reads the neighbours' scores as they were: no second matrix (a fresh 75 MB one at
    100,000 words a side costs ~0.2 s of page faults).
    """
    if weight <= 0 or min(scores.shape) < 2:
        return
    half = weight / 2.0
    count = scores.shape[0]
    row_above = scores[0]  # the row before the block, as it was (unused for the first)
    for start in range(0, count, _CONTEXT_BLOCK):
        stop = min(start + _CONTEXT_BLOCK, count)
        block = scores[start:stop]
        original = block.copy()
        if start > 0:
            block[0, 1:] += half * row_above[:-1]
        block[1:, 1:] += half * original[:-1, :-1]
        block[:-1, :-1] += half * original[1:, 1:]
        if stop < count:
            block[-1, :-1] += half * scores[stop, 1:]  # the next block, not yet changed
        np.clip(block, 0.0, 1.0, out=block)
        row_above = original[-1]


def _keep_usable(scores: np.ndarray, usable_left: np.ndarray, usable_right: np.ndarray) -> None:
    """Scores of furniture rows and columns set to zero, in place: what multiplying the
    matrix by the two 0/1 masks gives (x times 0, x times 1), without two passes over it."""
    scores[~usable_left] *= np.float32(0.0)
    scores[:, ~usable_right] *= np.float32(0.0)


_ANAPHORA = re.compile(
    r"^(?:he|she|it|its|they|their|this|that|these|those|the|such|but|however|meanwhile|"
    r"in response|in turn|since then|then|there|his|her)\b",
    re.IGNORECASE,
)


def _in_context(passages: Sequence[Passage], terms: list[PassageTerms], weight: float) -> list[Bag]:
    """Word bags of passages, each with what it refers back to.

    A sentence that opens with "He", "The split" or "In response" continues the sentence
    before it; without that sentence's words it cannot be matched ("the split was far from
    amicable" is about Musk leaving OpenAI only because the sentence before says so).  The
    sentence before may end the previous paragraph: news paragraphs are often one sentence
    long ("The postponement would effectively leave the exemptions in place.").
    """
    bags = []
    for index, (passage, own) in enumerate(zip(passages, terms, strict=True)):
        bag = own.words  # read only: a copy only for a bag that takes context
        previous = passages[index - 1] if index else None
        if (
            weight > 0
            and previous is not None
            and previous.is_content
            and _ANAPHORA.match(passage.text)
        ):
            bag = dict(bag)
            for term, value in terms[index - 1].words.items():
                bag[term] = max(bag.get(term, 0.0), weight * value)
        bags.append(bag)
    return bags


# An article of up to this many passages (~25,000 words) has its coded bags kept for its
# next pairs: corpus mode compares each article with every other.
_CODED_MAX_PASSAGES = 1000


@dataclass(frozen=True)
class _CodedSide:
    words: _Coded  # word bags in context (_in_context)
    facts: _Coded  # fact bags (_fact_bags)
    content: _Coded  # content stems, for the learned scorer's shared counts
    numbers: _Coded  # numbers and dates, likewise


@lru_cache(maxsize=256)
def _coded_side(passages: tuple[Passage, ...], anaphora_weight: float) -> _CodedSide:
    """What one article brings to :func:`similarity`, coded once for all its pairs."""
    return _side_of(passages, [terms_of(p.text) for p in passages], anaphora_weight)


def _side_of(
    passages: Sequence[Passage], terms: list[PassageTerms], anaphora_weight: float
) -> _CodedSide:
    """What one article brings to :func:`similarity`, coded (``terms``: its passages')."""
    return _CodedSide(
        _code(_in_context(passages, terms, anaphora_weight)),
        _code(_fact_bags(terms)),
        _code(_term_sets(t.content for t in terms)),
        _code(_term_sets(t.numbers for t in terms)),
    )


def similarity(
    left: Sequence[Passage],
    right: Sequence[Passage],
    *,
    settings: Settings,
    evidence: Evidence | None = None,
) -> np.ndarray:
    """Scores (0..1) of every left passage against every right passage, in context.

    ``evidence`` (optional, shape ``(len(left), len(right))``, values 0..1; a numpy or a
    scipy.sparse matrix, or :class:`EvidenceEntries`): ``evidence[i, j]`` says that
    passages ``i`` and ``j`` state a claim about the same measure (the same count, amount
    or date of the same thing).  It is added to the combined score with weight
    ``settings.weight_claim_evidence``.

    Furniture (boilerplate, captions, bylines...) scores zero against everything: it is
    never a link.
    """
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    if evidence is not None and evidence.shape != (len(left), len(right)):
        raise ValueError(f"evidence has shape {evidence.shape}, not {(len(left), len(right))}")
    left_terms = [terms_of(p.text) for p in left]
    right_terms = [terms_of(p.text) for p in right]
    story = settings.story_rarity_weight
    sides = None
    if story > 0 and max(len(left), len(right)) <= _CODED_MAX_PASSAGES:
        sides = (
            _coded_side(tuple(left), settings.anaphora_weight),
            _coded_side(tuple(right), settings.anaphora_weight),
        )
    elif story > 0:  # long documents: coded for this pair alone
        sides = (
            _side_of(left, left_terms, settings.anaphora_weight),
            _side_of(right, right_terms, settings.anaphora_weight),
        )
    word = _dense_pairs(sides[0].words, sides[1].words, story) if sides else None
    if word is None:
        word = all_pairs_of(
            _in_context(left, left_terms, settings.anaphora_weight),
            _in_context(right, right_terms, settings.anaphora_weight),
            story,
        )
    fuzzy = _fuzzy_on(
        [t.sorted_content for t in left_terms],
        [t.sorted_content for t in right_terms],
        candidate_pairs(word, FUZZY_CANDIDATES),
    )
    facts: Signal | None = None
    if sides and max(len(left), len(right)) > _CODED_MAX_PASSAGES:
        facts = _pair_entries(sides[0].facts, sides[1].facts, story)
    elif sides:
        facts = _dense_pairs(sides[0].facts, sides[1].facts, story)
    if facts is None:
        facts = _pairs_signal(_fact_bags(left_terms), _fact_bags(right_terms), story)
    usable_left = np.array([p.is_content for p in left])
    usable_right = np.array([p.is_content for p in right])
    cosine = _cosine([p.text for p in left], [p.text for p in right], settings, pairs=False)
    learned = min(1.0, max(0.0, settings.learned_scorer))
    hand = None
    if cosine is not None and 0 < learned < 1.0:
        # The hand-weighted part with the embeddings added; the scorer below reads the
        # score without them, as it was fitted.  (_combine writes over its word matrix.)
        hand = _hand_weighted(word.copy(), fuzzy, facts, settings, evidence, cosine)
    scores = _hand_weighted(
        word, fuzzy, facts, settings, evidence, cosine if learned <= 0 else None
    )
    _keep_usable(scores, usable_left, usable_right)
    if learned > 0:
        # Each feature is built when the scorer reads it and dropped after: at 50,000 words
        # a side a feature is an 18 MB matrix, and six held at once were 110 MB of peak.
        # With the embeddings on, their cosine is a feature of its own (a second fit).
        coded = None
        if sides:
            coded = (sides[0].content, sides[1].content, sides[0].numbers, sides[1].numbers)
        features: dict[str, Feature | np.ndarray | _Sparse] = {
            **_shared_count_features(left_terms, right_terms, coded)
        }
        if cosine is not None:
            features["cosine"] = cosine
        # Whatever the scorer reads of the scores is read now: at 1 they are overwritten.
        wanted = scorer(cosine is not None).features
        mutual = _mutual_best(scores) if {"mutual_best", "beside_mutual"} & set(wanted) else None
        for name, build in _rank_features(scores).items():
            if name not in wanted:
                continue
            if name == "mutual_best" and mutual is not None:
                features[name] = mutual
            elif name == "beside_mutual" and mutual is not None:
                features[name] = _beside(mutual, scores.shape)
            else:
                features[name] = build()
        if "opening_pair" in wanted:
            features["opening_pair"] = opening_pair(left, right)
        probability = learned_score(
            scores, features, with_cosine=cosine is not None, overwrite_score=learned >= 1.0
        )
        if learned < 1.0:
            base = scores if hand is None else hand
            _keep_usable(base, usable_left, usable_right)
            probability = np.asarray(
                (1.0 - learned) * base + learned * probability, dtype=np.float32
            )
        # (At 1, 0 * score + 1 * probability is the probability, bit for bit: the score is
        # finite and the probability never -0.0.)
        scores = probability
        _keep_usable(scores, usable_left, usable_right)
    return scores


def _hand_weighted(
    word: np.ndarray,
    fuzzy: Signal,
    facts: Signal,
    settings: Settings,
    evidence: Evidence | None,
    cosine: np.ndarray | None,
) -> np.ndarray:
    """The weighted mean of the signals in context; with ``cosine``, the embeddings'
    share above ``semantic_floor`` added.  ``word`` is written over."""
    semantic = None if cosine is None else _above_floor(cosine, settings)
    scores = _combine(word, fuzzy, facts, settings, evidence, semantic)
    _add_context(scores, settings.context_weight)
    return scores


def _pairs_signal(left: Sequence[Bag], right: Sequence[Bag], story_weight: float) -> Signal:
    """:func:`all_pairs_of`, as its nonzero entries when it is computed on sparse matrices
    (long documents: shared facts are rare, and their dense matrix would be read once)."""
    if story_weight > 0:
        dense = _dense_pairs(_code(left), _code(right), story_weight)
        if dense is not None:
            return dense
    a, b = _vectors(left, right, story_weight)
    return _Sparse.of(a @ b.T)


# ---------------------------------------------------------------------- learned scorer
#
# The hand-weighted score above says how much two passages share; it cannot say whether
# what they share is one fact or one topic.  A logistic regression fitted on the dev
# annotations (bench/train_scorer.py) reads the score together with counts of what the two
# passages share: content words, words rare in the story, numbers and dates; and with
# where the pair stands among the others: whether it is its passages' mutual best match,
# whether it sits beside one (one article telling in two sentences what the other tells
# in one), whether it pairs the two articles' opening lines.  Its coefficients are data
# (core/data/align_scorer.json), evaluated here with numpy.

_SCORER_FILE = Path(__file__).resolve().parent / "data" / "align_scorer.json"


@dataclass(frozen=True)
class Scorer:
    """A fitted logistic regression over named pair features (standardised first)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    count_cap: float  # counts of shared terms are capped here: the fifth says little more
    story_rare_share: float  # a term is rare in the story in at most this share of passages
    story_rare_min: int  # ... or in at most this many (short articles)


@lru_cache(maxsize=2)
def scorer(with_cosine: bool = False) -> Scorer:
    """The fitted scorer; ``with_cosine``: the second fit, which also reads the sentence
    embeddings' cosine (used when they are on)."""
    data = json.loads(_SCORER_FILE.read_text(encoding="utf-8"))
    fit = data["with_semantic"] if with_cosine else data
    return Scorer(
        features=tuple(fit["features"]),
        mean=tuple(float(v) for v in fit["mean"]),
        scale=tuple(float(v) for v in fit["scale"]),
        coef=tuple(float(v) for v in fit["coef"]),
        intercept=float(fit["intercept"]),
        count_cap=float(data["count_cap"]),
        story_rare_share=float(data["story_rare_share"]),
        story_rare_min=int(data["story_rare_min"]),
    )


def _binary(
    left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """0/1 term matrices of both sides over one vocabulary (a term counts once a passage)."""
    from scipy import sparse

    vocabulary = Numbering()
    built = []
    for side in (left, right):
        cols = _numbered(side, vocabulary)
        lengths = np.fromiter(map(len, side), dtype=np.int64, count=len(side))
        indptr = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        built.append((cols, indptr, len(side)))
    width = max(len(vocabulary), 1)
    a, b = (
        sparse.csr_matrix(
            (np.ones(cols.size, dtype=np.float32), cols, indptr), shape=(count, width)
        )
        for cols, indptr, count in built
    )
    return a, b


def _common(a: sparse.csr_matrix, b: sparse.csr_matrix, cap: float) -> np.ndarray:
    """How many terms each (left, right) pair has in common, capped, as dense float32."""
    common = np.asarray((a @ b.T).toarray(), dtype=np.float32)
    return np.minimum(common, np.float32(cap), out=common)


# A feature matrix, built when it is read: dense, as its nonzero entries, or as a product
# computed when it is added.
Feature = Callable[[], "np.ndarray | _Sparse | _BlockedCommon | _EntriesCommon"]


def shared_counts(
    left: Sequence[PassageTerms], right: Sequence[PassageTerms]
) -> dict[str, np.ndarray]:
    """Per pair: shared content words, shared words rare in the story, shared numbers.

    Content words are the passages' own stems (no concepts, no borrowed antecedent); a
    word is rare in the story when few passages of the two articles use it.
    """
    shape = (len(left), len(right))
    return {
        name: _dense(build(), shape) for name, build in _shared_count_features(left, right).items()
    }


def _dense(
    value: np.ndarray | _Sparse | _BlockedCommon | _EntriesCommon, shape: tuple[int, ...]
) -> np.ndarray:
    return value if isinstance(value, np.ndarray) else value.dense(shape)


@dataclass(frozen=True)
class _BinaryEntries:
    """A 0/1 passages x terms matrix as its ones, ``(rows[k], cols[k])``: what
    :func:`_binary` builds as a scipy.sparse matrix, for :class:`_EntriesCommon`."""

    rows: np.ndarray
    cols: np.ndarray
    shape: tuple[int, int]

    def sum(self, axis: int) -> np.ndarray:
        """How many passages use each term (``axis=0``), as float32 like a matrix's sum."""
        if axis != 0:
            raise ValueError("only the column sums are kept")
        return np.bincount(self.cols, minlength=self.shape[1]).astype(np.float32)

    def __mul__(self, columns: np.ndarray) -> _BinaryEntries:
        """The matrix times a 0/1 row vector: the ones of the columns it keeps."""
        keep = columns[self.cols] != 0
        return _BinaryEntries(self.rows[keep], self.cols[keep], self.shape)


def _binary_entries(left: _Coded, right: _Coded) -> tuple[_BinaryEntries, _BinaryEntries] | None:
    """:func:`_binary` of coded term lists, as their ones, or None when the terms they
    share make ``_SPARSE_FROM_PRODUCTS`` products or more (column order is free: counts are
    exact in any order)."""
    cols, size = _columns(left, right)
    width = max(size, 1)
    split = left.rows.size
    if _sparse_is_chosen(cols[:split], cols[split:], size):
        return None
    return (
        _BinaryEntries(left.rows, cols[:split], (left.count, width)),
        _BinaryEntries(right.rows, cols[split:], (right.count, width)),
    )


def _term_sets(lists: Iterable[Iterable[str]]) -> list[Bag]:
    return [dict.fromkeys(terms, 1.0) for terms in lists]


@dataclass(frozen=True)
class _EntriesCommon:
    """:func:`_common` of two 0/1 matrices given as their ones, a block of left rows at a
    time: each pair's shared terms counted from the list of (left row, right row) of every
    term both use.  Counts of 0/1 products are small integers, exact in float32 whatever
    the order of summation, so they equal the sparse product's.  Computed when added:
    at 50,000 words a side a whole matrix is 18 MB, built only to be read once."""

    a: _BinaryEntries
    b: _BinaryEntries
    cap: float

    def _blocks(self) -> Iterator[tuple[int, np.ndarray]]:
        """(first row, capped counts of that row and the next ones), the rows in order."""
        a, b = self.a, self.b
        width = b.shape[0]
        for i, j, _ in _joined_blocks(
            (a.rows, a.cols, None), (b.rows, b.cols, None), a.shape[1], max_rows=_PRODUCT_BLOCK
        ):
            first, stop = int(i[0]), int(i[-1]) + 1
            block = np.zeros((stop - first, width), dtype=np.float32)
            np.add.at(block.reshape(-1), (i - first) * width + j, np.float32(1.0))
            yield first, np.minimum(block, np.float32(self.cap), out=block)

    def add_to(self, out: np.ndarray, weight: np.float32) -> None:
        """``out += weight * counts``, the same float32 operations per entry (a row that
        shares nothing, whose counts are all zero, is left as it is)."""
        for first, block in self._blocks():
            block *= weight
            out[first : first + block.shape[0]] += block

    def dense(self, shape: tuple[int, ...]) -> np.ndarray:
        out = np.zeros(shape, dtype=np.float32)
        for first, block in self._blocks():
            out[first : first + block.shape[0]] = block
        return out


def _shared_count_features(
    left: Sequence[PassageTerms],
    right: Sequence[PassageTerms],
    coded: tuple[_Coded, _Coded, _Coded, _Coded] | None = None,
) -> dict[str, Feature]:
    """``coded``: the content words and numbers of left and right, coded, if at hand."""
    model = scorer()
    limit = max(model.story_rare_min, model.story_rare_share * (len(left) + len(right)))
    cap = model.count_cap
    if coded is None:
        coded = (
            _code(_term_sets(x.content for x in left)),
            _code(_term_sets(x.content for x in right)),
            _code(_term_sets(x.numbers for x in left)),
            _code(_term_sets(x.numbers for x in right)),
        )
    dense = numbers = None
    if coded is not None:
        dense = _binary_entries(coded[0], coded[1])
        numbers = _binary_entries(coded[2], coded[3])
    if dense is not None and numbers is not None:
        da, db = dense
        na, nb = numbers
        frequency = da.sum(axis=0) + db.sum(axis=0)
        rare_a = da * (frequency <= limit).astype(np.float32)
        return {
            "shared_words": lambda: _EntriesCommon(da, db, cap),
            "shared_story_rare": lambda: _EntriesCommon(rare_a, db, cap),
            "shared_numbers": lambda: _EntriesCommon(na, nb, cap),
        }
    from scipy import sparse

    a, b = _binary([x.content for x in left], [x.content for x in right])
    frequency = np.asarray(a.sum(axis=0) + b.sum(axis=0)).ravel()
    rare = sparse.diags((frequency <= limit).astype(np.float32))
    numbers_a, numbers_b = _binary([x.numbers for x in left], [x.numbers for x in right])
    return {
        "shared_words": lambda: _BlockedCommon(a, b, cap),
        "shared_story_rare": lambda: _BlockedCommon(sparse.csr_matrix(a @ rare), b, cap),
        "shared_numbers": lambda: _BlockedCommon(numbers_a, numbers_b, cap),
    }


@dataclass(frozen=True)
class _BlockedCommon:
    """:func:`_common` of two long documents, computed when it is added to a matrix, a
    block of left rows at a time: their product holds a quarter of all pairs (5 million at
    100,000 words a side), which as a whole sparse matrix, or as a dense one, would be
    built only to be read once."""

    a: sparse.csr_matrix
    b: sparse.csr_matrix
    cap: float

    def add_to(self, out: np.ndarray, weight: np.float32) -> None:
        """``out += weight * _common(a, b, cap)``, the same float32 operations per entry."""
        right = self.b.T.tocsr()
        count = self.a.shape[0]
        buffer = np.empty((min(_PRODUCT_BLOCK, count), right.shape[1]), dtype=np.float32)
        for start in range(0, count, _PRODUCT_BLOCK):
            stop = min(start + _PRODUCT_BLOCK, count)
            block = buffer[: stop - start]
            (self.a[start:stop] @ right).toarray(out=block)
            np.minimum(block, np.float32(self.cap), out=block)
            block *= weight
            out[start:stop] += block

    def dense(self, shape: tuple[int, ...]) -> np.ndarray:
        return _common(self.a, self.b, self.cap)


_TIE = np.float32(1e-5)


def ranks(scores: np.ndarray) -> dict[str, np.ndarray]:
    """Per pair, 1.0 where its score (above zero) is the best of its row, of its column,
    of both: a passage's best match is more often its counterpart than its score says."""
    shape = scores.shape
    return {name: _dense(build(), shape) for name, build in _rank_features(scores).items()}


def _rank_features(scores: np.ndarray) -> dict[str, Callable[[], np.ndarray]]:
    # Near-ties count as ties: the two orders of one comparison sum the same float32 terms
    # in another order, and a last-bit difference must not make a pair best one way only
    # (comparing B with A must mirror comparing A with B).
    def row() -> np.ndarray:
        return np.asarray((scores >= scores.max(axis=1, keepdims=True) - _TIE) & (scores > 0))

    def column() -> np.ndarray:
        return np.asarray((scores >= scores.max(axis=0, keepdims=True) - _TIE) & (scores > 0))

    return {
        "best_of_row": lambda: row().astype(np.float32),
        "best_of_column": lambda: column().astype(np.float32),
        "mutual_best": lambda: (row() & column()).astype(np.float32),
        "beside_mutual": lambda: split_neighbour((row() & column()).astype(np.float32)),
        "share_of_best": lambda: share_of_best(scores),
        "split_neighbour": lambda: split_neighbour(scores),
    }


def share_of_best(scores: np.ndarray) -> np.ndarray:
    """Per pair, its score over the best score of its row or of its column, whichever
    is nearer (1 for a best pair, 0 where both passages score nothing): how close a second
    counterpart comes to a passage's first."""
    row = scores.max(axis=1, keepdims=True)
    column = scores.max(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.maximum(
            np.where(row > 0, scores / row, 0.0), np.where(column > 0, scores / column, 0.0)
        )
    return np.asarray(share, dtype=np.float32)


def split_neighbour(scores: np.ndarray) -> np.ndarray:
    """Per pair, the best score of the pairs that keep one passage and take the sentence
    before or after the other: where one article says in two sentences what the other says
    in one, the second sentence's pair sits beside the first's."""
    out = np.zeros_like(scores)
    out[:, 1:] = scores[:, :-1]
    np.maximum(out[:, :-1], scores[:, 1:], out=out[:, :-1])
    np.maximum(out[1:], scores[:-1], out=out[1:])
    np.maximum(out[:-1], scores[1:], out=out[:-1])
    return out


def _beside(pairs: _Sparse, shape: tuple[int, int]) -> _Sparse:
    """1.0 for each pair that keeps one passage of one of ``pairs`` and takes the sentence
    before or after the other: :func:`split_neighbour` of their 0/1 matrix, as entries."""
    rows = np.concatenate([pairs.rows, pairs.rows, pairs.rows - 1, pairs.rows + 1])
    cols = np.concatenate([pairs.cols - 1, pairs.cols + 1, pairs.cols, pairs.cols])
    inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    # Each pair once, by its flat index (a 1-D unique: sorting pairs as rows is ~20 times
    # slower when ties make many mutual bests).
    flat = _distinct(rows[inside].astype(np.int64) * shape[1] + cols[inside])
    found_rows, found_cols = np.divmod(flat, shape[1])
    return _Sparse(found_rows, found_cols, np.ones(flat.size, dtype=np.float32))


def opening_pair(left: Sequence[Passage], right: Sequence[Passage]) -> _Sparse:
    """1.0 for the pair of the two articles' first content passages (their titles, or
    their first lines): two reports of one story open on its main event."""
    first_left = next((i for i, p in enumerate(left) if p.is_content), None)
    first_right = next((j for j, p in enumerate(right) if p.is_content), None)
    if first_left is None or first_right is None:
        return _Sparse(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    one = np.ones(1, dtype=np.int64)
    return _Sparse(one * first_left, one * first_right, np.ones(1, dtype=np.float32))


def _scale_and_shift(values: np.ndarray, weight: np.float32, shift: np.float32) -> None:
    """``values = values * weight + shift`` in place (two float32 roundings, as written)."""
    values *= weight
    values += shift


def _add_product(out: np.ndarray, value: np.ndarray, weight: np.float32) -> None:
    """``out += value * weight``, a block of rows at a time: no product matrix as large as
    ``out`` (the same float32 operations on each entry)."""
    term = np.empty_like(out[:_PRODUCT_BLOCK])
    for start in range(0, out.shape[0], _PRODUCT_BLOCK):
        stop = min(start + _PRODUCT_BLOCK, out.shape[0])
        product = term[: stop - start]
        np.multiply(value[start:stop], weight, out=product)
        out[start:stop] += product


def _mutual_best(scores: np.ndarray) -> _Sparse:
    """``_rank_features(scores)["mutual_best"]`` as its entries (about one a row): the
    pairs within the tie tolerance of the best of their row and of their column, above 0.
    The rows' bests are found first, then checked against their columns' best."""
    row_max = scores.max(axis=1, keepdims=True)
    row_best = row_max - _TIE
    column_best = scores.max(axis=0) - _TIE
    # A row with nothing above zero (furniture) has no best pair: its bar is out of reach
    # (else all its zeros would be listed, to be dropped below).
    row_best[row_max <= 0] = np.inf
    rows, cols = _nonzero_by_rows(scores, lambda block, at: block >= row_best[at])
    values = scores[rows, cols]
    keep = (values >= column_best[cols]) & (values > 0)
    return _Sparse(rows[keep], cols[keep], np.ones(int(keep.sum()), dtype=np.float32))


def learned_score(
    score: np.ndarray,
    counts: Mapping[str, np.ndarray | Feature | _Sparse],
    *,
    with_cosine: bool = False,
    overwrite_score: bool = False,
) -> np.ndarray:
    """The fitted probability (0..1) that each pair reports the same fact.  A feature may
    be given as a function that builds it: it is then built when read and not kept; a
    feature that is zero for most pairs may be given (or built) as its nonzero entries.

    ``overwrite_score``: the probability may be written over ``score`` (no feature may
    read it afterwards): no second matrix, whose fresh pages cost ~0.3 s of system time at
    100,000 words a side.  ``with_cosine``: use the fit that also reads ``counts["cosine"]``
    (the embeddings' cosine).
    """
    model = scorer(with_cosine)
    features: dict[str, np.ndarray | Feature | _Sparse] = {"score": score, **counts}
    # coef * (x - mean) / scale summed, with the means folded into the constant: one
    # multiply-add per feature, in place (at 50,000 words a side a matrix is ~18 MB).
    constant = model.intercept - sum(
        c * m / sd for c, m, sd in zip(model.coef, model.mean, model.scale, strict=True)
    )
    terms = list(zip(model.features, model.scale, model.coef, strict=True))
    if overwrite_score and model.features[0] == "score":
        # -constant + score * w is score * w + -constant: a float sum is the same either
        # way round.
        logit = score
        _, scale, coef = terms.pop(0)
        _scale_and_shift(logit, np.float32(-coef / scale), np.float32(-constant))
    else:
        logit = np.full(score.shape, -constant, dtype=np.float32)
    for name, scale, coef in terms:
        given = features[name]
        value = given() if callable(given) else given
        if isinstance(value, np.ndarray):
            _add_product(logit, value, np.float32(-coef / scale))
        else:
            value.add_to(logit, np.float32(-coef / scale))
        del value
    # logit holds minus the logit: 1 / (1 + exp(-logit)).
    np.exp(logit, out=logit)
    logit += np.float32(1.0)
    return np.asarray(np.reciprocal(logit, out=logit), dtype=np.float32)


def pair_scores(
    a: Sequence[str],
    b: Sequence[str],
    *,
    settings: Settings,
    evidence: np.ndarray | None = None,
) -> np.ndarray:
    """Same-event score (0..1) of each pair ``(a[k], b[k])``, with no article around them.

    The same signals as :func:`similarity`, computed by the same functions, minus what
    needs whole articles: word weights come from English at large alone (no story rarity),
    and there are no neighbours and no back-references.  ``evidence[k]`` (optional, 0..1)
    is the claim evidence of pair ``k``.
    """
    if len(a) != len(b):
        raise ValueError("a and b must have the same length")
    if not a:
        return np.zeros(0, dtype=np.float32)
    if evidence is not None and evidence.shape != (len(a),):
        raise ValueError(f"evidence has shape {evidence.shape}, not {(len(a),)}")
    ta = [terms_of(text) for text in a]
    tb = [terms_of(text) for text in b]
    # One fact bag per distinct passage (the same object for a repeated sentence), so
    # that _vectors builds its row once.
    fact_bags: dict[int, Bag] = {}
    for t in (*ta, *tb):
        if id(t) not in fact_bags:
            fact_bags[id(t)] = _fact_bag(t)
    facts_a = [fact_bags[id(t)] for t in ta]
    facts_b = [fact_bags[id(t)] for t in tb]
    word = _row_pairs(_vectors([t.words for t in ta], [t.words for t in tb], 0.0))
    # As in similarity, where a 1x1 matrix's only pair is its candidate: no fuzzy credit
    # without a shared word (two passages of bare numbers have equal, empty word lists).
    fuzzy = _fuzzy_pairs([t.sorted_content for t in ta], [t.sorted_content for t in tb])
    return _combine(
        word,
        fuzzy * (word > 0),
        _row_pairs(_vectors(facts_a, facts_b, 0.0)),
        settings,
        evidence,
        _semantic(a, b, settings, pairs=True),
    )


# ------------------------------------------------------------------------- assignment


@dataclass(frozen=True)
class Match:
    """A pair of passages judged to speak of the same event."""

    left: int
    right: int
    score: float


def headline_roles(passages: Sequence[Passage]) -> np.ndarray:
    """Which passages are headlines or standfirsts (True) rather than body sentences.

    A heading is one; so is a plain first line that reads as a title: the first content
    passage, alone in its paragraph, and short.
    """
    roles = np.array([p.kind == "heading" for p in passages], dtype=bool)
    content = [index for index, p in enumerate(passages) if p.is_content]
    if content:
        first = content[0]
        alone = all(
            p.paragraph != passages[first].paragraph
            for index, p in enumerate(passages)
            if index != first
        )
        if alone and len(passages[first].text.split()) <= _HEADLINE_MAX_WORDS:
            roles[first] = True
    return roles


def _links_within(
    scores: np.ndarray, threshold: float, one_sided_threshold: float, margin: float
) -> np.ndarray:
    """(row, column) indices of the links of one competition, a block of the score matrix.

    A pair is linked when it is near the best score of either of its passages and clears
    the threshold: ``threshold`` when the two passages are each other's best match,
    ``one_sided_threshold`` otherwise.  Only the pairs that clear ``threshold`` are looked
    at past the row and column bests (a few per row of a long document's matrix).
    """
    if scores.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    best_of_left = scores.max(axis=1)
    best_of_right = scores.max(axis=0)
    bar = max(threshold, 1e-9)
    rows, cols = _nonzero_by_rows(scores, lambda block, _: block >= bar)
    values = scores[rows, cols]
    chosen = (values >= margin * best_of_left[rows]) | (values >= margin * best_of_right[cols])
    if one_sided_threshold > threshold:
        mutual = (values >= best_of_left[rows]) & (values >= best_of_right[cols])
        chosen &= mutual | (values >= one_sided_threshold)
    return np.column_stack([rows[chosen], cols[chosen]]).astype(np.int64)


def assign(
    scores: np.ndarray,
    left: Sequence[Passage],
    right: Sequence[Passage],
    *,
    settings: Settings,
) -> list[Match]:
    """Links from a score matrix, by role.

    Three competitions, each with its own best scores: body sentence with body sentence;
    headline/standfirst with headline/standfirst; headline with body sentence.  So a
    headline never takes a body sentence's link away from its body counterpart, and a lede
    is not lost to the other article's headline.  Links that involve a headline need
    ``heading_threshold``: headlines are short, and two short headlines on one story share
    a name or two by chance.
    """
    if scores.size == 0:
        return []
    head_left = np.flatnonzero(headline_roles(left))
    head_right = np.flatnonzero(headline_roles(right))
    body_left = np.flatnonzero(~headline_roles(left))
    body_right = np.flatnonzero(~headline_roles(right))
    low = settings.link_threshold
    one_sided = low + settings.one_sided_margin
    heading = max(low, settings.heading_threshold)
    margin = settings.relative_margin
    found = [_body_links(scores, head_left, head_right, (low, one_sided, margin))]
    # The three small blocks that involve a headline, each its own competition.
    blocks = (
        (head_left, head_right, heading, heading + settings.one_sided_margin),
        (head_left, body_right, heading, heading + settings.one_sided_margin),
        (body_left, head_right, heading, heading + settings.one_sided_margin),
    )
    for rows, cols, threshold, one_sided_block in blocks:
        block = scores[np.ix_(rows, cols)]
        pairs = _links_within(block, threshold, one_sided_block, margin)
        found.append(np.column_stack([rows[pairs[:, 0]], cols[pairs[:, 1]]]))
    found.append(_mutual_semantic(scores, left, right, settings))
    chosen = _distinct_pairs(np.concatenate(found))
    rows, cols = chosen[:, 0], chosen[:, 1]
    return [
        Match(i, j, score)
        for i, j, score in zip(
            rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True
        )
    ]


def _distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` of a 1-D array without numpy.ma (see :func:`_distinct_pairs`)."""
    ordered = np.sort(values)
    return (
        ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if ordered.size else ordered
    )


def _distinct_pairs(pairs: np.ndarray) -> np.ndarray:
    """``np.unique(pairs, axis=0)`` of (row, column) pairs: each once, in order.

    numpy's own imports numpy.ma (~0.07 s, once a process) only to ask whether its input
    is masked; a comparison of articles that needs no scipy would import it for this.
    """
    if not pairs.size:
        return pairs.reshape(0, 2)
    ordered = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    first = np.concatenate([[True], (ordered[1:] != ordered[:-1]).any(axis=1)])
    return np.asarray(ordered[first])


def _body_links(
    scores: np.ndarray,
    head_left: np.ndarray,
    head_right: np.ndarray,
    limits: tuple[float, float, float],
) -> np.ndarray:
    """The links of body sentences with body sentences: the whole matrix with the few
    headline rows and columns zeroed.  They are zeroed in place and restored after,
    rather than in a copy of the matrix (72 MB at 100,000 words a side)."""
    saved_rows = scores[head_left, :].copy()
    saved_cols = scores[:, head_right].copy()
    try:
        scores[head_left, :] = 0
        scores[:, head_right] = 0
        return _links_within(scores, *limits)
    finally:
        scores[:, head_right] = saved_cols
        scores[head_left, :] = saved_rows


def _mutual_semantic(
    scores: np.ndarray, left: Sequence[Passage], right: Sequence[Passage], s: Settings
) -> np.ndarray:
    """Pairs linked by the optional embeddings: two content passages that are each other's
    nearest by embedding cosine, at least ``semantic_mutual_cosine``, whose combined score
    reaches ``semantic_mutual_min_score`` (a paraphrase that shares few words).  Empty when
    the embeddings are off; embeddings are cached per text, so this reuses similarity's.
    """
    none = np.zeros((0, 2), dtype=np.int64)
    if s.weight_semantic <= 0 or s.semantic_mutual_cosine >= 1.0:
        return none
    li = np.flatnonzero([p.is_content for p in left])
    ri = np.flatnonzero([p.is_content for p in right])
    if not li.size or not ri.size:
        return none
    cosine = _cosine(
        [left[int(i)].text for i in li], [right[int(j)].text for j in ri], s, pairs=False
    )
    if cosine is None:
        return none
    mutual = (cosine >= cosine.max(axis=1, keepdims=True)) & (
        cosine >= cosine.max(axis=0, keepdims=True)
    )
    mutual &= cosine >= s.semantic_mutual_cosine
    mutual &= scores[np.ix_(li, ri)] >= max(s.semantic_mutual_min_score, 1e-9)
    pairs = np.argwhere(mutual)
    return np.column_stack([li[pairs[:, 0]], ri[pairs[:, 1]]])
