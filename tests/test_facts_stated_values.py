"""``stated_values`` (what the aligner reads) gives the values ``extract_facts`` gives,
and reading values first leaves ``extract_facts`` unchanged."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import bench_module
from hypothesis import given, settings
from hypothesis import strategies as st

from core.align import _fact_terms
from core.facts import (
    Amount,
    DateParts,
    Decade,
    Weekday,
    extract,
    extract_facts,
    stated_values,
    states_quantities,
)
from core.segment import segment

VALUE_KINDS = {"money", "number", "percent", "date", "time", "duration"}
EXAMPLES = [
    "In early 2024, 14 people died at 11:47 p.m. on Thursday, officials said.",
    "Microsoft invested over $13bn; the valuation tops half a trillion dollars.",
    "Hundreds of millions of dollars, 3,145 people and 12% of 1990s voters.",
    "Gemini 3 and ChatGPT-5.2 beat No. 1; the Quake Kills 38 in May 2019.",
    "Ｅｌｏｎ Ｍｕｓｋ paid $5\u00a0billion \u201cthree years\u201d ago.",
]


def _texts() -> list[str]:
    """The examples, the sample articles' passages and those of a generated bench pair."""
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    articles = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    articles += bench_module("speed").build_pair(3000, seed=3)
    return EXAMPLES + [p.text for article in articles for p in segment(article, "left")]


def _values(facts: tuple[extract.Fact, ...]) -> Counter[tuple[str, str, object]]:
    return Counter((f.kind, repr(f.value), f.hedge) for f in facts if f.kind in VALUE_KINDS)


def _fact_terms_from_all_facts(text: str) -> set[str]:
    """The aligner's fact terms as they were read before: from every fact."""
    terms: set[str] = set()
    if not states_quantities(text):
        return terms
    for fact in extract_facts(text):
        if fact.kind in ("money", "number", "percent") and isinstance(fact.value, Amount):
            terms.add(f"num:{fact.kind}:{fact.value.key}")
        elif fact.kind == "date" and isinstance(fact.value, DateParts | Decade | Weekday):
            terms.add("num:date:" + fact.value.key)
    return terms


def test_stated_values_are_the_values_of_every_fact() -> None:
    texts = _texts()
    assert sum(len(stated_values(t)) for t in texts) > 150
    assert [t for t in texts if _values(stated_values(t)) != _values(extract_facts(t))] == []
    assert [t for t in texts if _fact_terms(t) != _fact_terms_from_all_facts(t)] == []


def test_facts_are_the_same_whether_values_were_read_first_or_not() -> None:
    texts = _texts()
    extract._values_found.cache_clear()
    extract.extract_facts.cache_clear()
    alone = [extract_facts(t) for t in texts]
    extract._values_found.cache_clear()
    extract.extract_facts.cache_clear()
    for text in texts:
        stated_values(text)
    assert [extract_facts(t) for t in texts] == alone
    # and reading them later changes neither
    assert [stated_values(t) for t in texts] == [
        tuple(extract._values_found(t)[1].facts) for t in texts
    ]
    assert [extract_facts(t) for t in texts] == alone


@settings(deadline=None)
@given(st.text(alphabet="0123456789 ,.$%-abcdeilmnorstuyMTJ", max_size=60))
def test_generated_text_has_the_same_values_both_ways(text: str) -> None:
    assert _values(stated_values(text)) == _values(extract_facts(text))


def test_a_count_word_is_a_measure_or_bound_phrase_of_the_claim_vocabulary() -> None:
    """The label test reads the claim vocabulary's phrases from its file: the same words
    as the compiled vocabulary's lookups (the path it replaces)."""
    from core.claims.vocabulary import vocabulary
    from core.facts import quantities

    vocab = vocabulary()
    words = [*vocab.measures.key_of, *vocab.bounds.key_of, *vocab.national_scopes.key_of]
    words += ["Kills", "TOPS", "Gemini", "ChatGPT", "No", "Quake", "Dead", "death toll"]
    assert len(words) > 100

    def compiled(word: str) -> bool:
        lower = word.lower()
        return vocab.measures.key(lower) is not None or vocab.bounds.key(lower) is not None

    assert [w for w in words if quantities._governs_a_count(w) != compiled(w)] == []
    assert any(map(compiled, words)) and not all(map(compiled, words))
