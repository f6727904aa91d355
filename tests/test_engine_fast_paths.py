"""The engine's shortcuts give exactly what the plain computation they skip would give.

Each fast path (a bound that settles a comparison without running it, a prefilter that
skips text a parser cannot match, a cache) is checked here against the slow path it
stands for, on generated inputs and on the corpus.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.verdict import _changed_checkable_words, _checkable, _ratio, _Side, _Wording

# A small vocabulary, so that generated texts repeat words (where difflib's greedy
# matching depends on the order) and are often near-verbatim edits of each other.
_WORDS = ["the", "toll", "rose", "to", "12", "Musk", "said", "not", "on", "Monday", "OpenAI"]
_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)


def _slow_ratio(left: _Side, right: _Side) -> float:
    """difflib's ratio in both directions, matchers built afresh: what ``_ratio`` was."""
    a = [w for *_, w in left.words]
    b = [w for *_, w in right.words]
    if not a or not b:
        return 0.0
    forward = difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    backward = difflib.SequenceMatcher(a=b, b=a, autojunk=False).ratio()
    return min(forward, backward)


def _slow_changed(left: _Side, right: _Side) -> list[tuple[bool, int]]:
    a = [w for *_, w in left.words]
    b = [w for *_, w in right.words]
    if not a or not b:
        return []
    found = []
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        for side, lo, hi in ((left, i1, i2), (right, j1, j2)):
            for index in range(lo, hi):
                start, end, _ = side.words[index]
                if _checkable(side.text[start:end], first=index == 0):
                    found.append((side is left, start))
    return found


@settings(max_examples=400, deadline=None)
@given(_TEXTS, _TEXTS, st.sampled_from([0.5, 0.85, 0.0, 1.0, 0.3]))
def test_ratio_bound_decides_as_difflib_does(left: str, right: str, threshold: float) -> None:
    a, b = _Side.of(left), _Side.of(right)
    slow = _slow_ratio(a, b)
    assert _Wording(a, b).ratio_at_least(threshold) == (slow >= threshold)
    assert _ratio(_Wording(a, b)) == slow


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS)
def test_changed_words_match_fresh_matchers(left: str, right: str) -> None:
    a, b = _Side.of(left), _Side.of(right)
    wording = _Wording(a, b)
    assert _changed_checkable_words(wording, True) == _slow_changed(a, b)
    assert _changed_checkable_words(wording, False) == _slow_changed(b, a)


# Words around pysbd's abbreviations: with and without their period, capitalised, inside
# longer words, after digits, and the characters ignore-case matching folds to ASCII.
_LINE_WORDS = [
    "Mr.",
    "mr.",
    "MR.",
    "Mrs",
    "Dr.",
    "dr",
    "No.",
    "no.",
    "5",
    "St.",
    "st.",
    "Gen.",
    "gen.",
    "general.",
    "U.S.",
    "u.s.",
    "e.g.",
    "i.e.",
    "Ph.D.",
    "a.m.",
    "p.",
    "pp.",
    "Inc.",
    "inc",
    "Co.",
    "co.",
    "is.",
    "Is",
    "(",
    "Smith",
    "said.",
    "The",
    "the",
    "ſt.",
    "\u212aan.",
    "\u0130nc.",
    "Jan.",
    "jan",
    "Fig.",
    "fig.",
    "vs.",
    "v.",
    "—",
    "\u00e9t.",
]
_LINES = st.lists(st.sampled_from(_LINE_WORDS), min_size=1, max_size=16).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_abbreviation_prefilter_changes_nothing(line: str) -> None:
    from pysbd.lang.english import English

    from core.segment import _splitter

    _splitter()  # installs the prefilter
    replacer_class = English.AbbreviationReplacer
    fast = replacer_class.search_for_abbreviations_in_string
    plain = fast.__wrapped__  # type: ignore[attr-defined]
    assert plain is not fast
    got = fast(replacer_class(line, English), line)
    assert got == plain(replacer_class(line, English), line)


def test_segmentation_of_the_corpus_matches_plain_pysbd_splitting() -> None:
    """Every paragraph of the corpus split by pysbd with and without the prefilter."""
    from pysbd.abbreviation_replacer import AbbreviationReplacer

    from core.segment import _paragraphs, _splitter

    splitter = _splitter()
    fast = AbbreviationReplacer.search_for_abbreviations_in_string
    blocks = [
        text[start:end]
        for path in sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for start, end in _paragraphs(text)
    ]
    with_filter = [splitter.segment(block) for block in blocks]
    try:
        AbbreviationReplacer.search_for_abbreviations_in_string = fast.__wrapped__  # type: ignore[attr-defined,method-assign]
        without = [splitter.segment(block) for block in blocks]
    finally:
        AbbreviationReplacer.search_for_abbreviations_in_string = fast  # type: ignore[method-assign]
    assert with_filter == without


def _news_sentences() -> list[str]:
    """Every text passage of the corpus and of the news evaluation set (where present)."""
    from core.segment import segment

    root = Path(__file__).parent.parent
    paths = sorted(root.joinpath("corpus").glob("*.txt"))
    paths += sorted(root.joinpath("..", "shared", "eval", "news").glob("*.txt"))
    return [
        p.text
        for path in paths
        for p in segment(path.read_text(encoding="utf-8"), "left")
        if p.kind == "text"
    ]


def test_source_cue_skips_only_clauses_no_pattern_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_source with the cue check, and with a cue that lets every clause through."""
    from core.claims import text as claim_text

    sentences = _news_sentences()
    assert len(sentences) > 200

    def sources() -> list[object]:
        return [
            claim_text.find_source(s, lo, len(s), before_quote=before)
            for s in sentences
            for lo in (0, len(s) // 3)
            for before in (False, True)
        ]

    fast = sources()
    monkeypatch.setattr(claim_text, "_source_cue", lambda: re.compile(""))
    assert sources() == fast
    assert any(source is not None for source in fast)


_SOURCE_WORDS = [
    "according",
    "to",
    "police",
    "said",
    "Said",
    "SAYS",
    "the",
    "minister",
    "Ahmed",
    "Karimi",
    "told",
    "reporters",
    ",",
    "officials",
    "added",
    "ſaid",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SOURCE_WORDS), min_size=1, max_size=12).map(" ".join))
def test_source_cue_on_generated_clauses(clause: str) -> None:
    from core.claims import text as claim_text

    fast = claim_text.find_source(clause, 0, len(clause))
    original = claim_text._source_cue
    try:
        claim_text._source_cue = lambda: re.compile("")  # type: ignore[assignment]
        slow = claim_text.find_source(clause, 0, len(clause))
    finally:
        claim_text._source_cue = original  # type: ignore[assignment]
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 80), st.integers(0, 80), st.integers(1, 5))
def test_words_around_an_offset_by_bisection(text: str, start: int, end: int, count: int) -> None:
    """``_Side.before``/``after`` against the scans over every word they replace."""
    side = _Side.of(text)
    before = [w for s, e, w in side.words if e <= start][-count:]
    after = [w for s, e, w in side.words if s >= end][:count]
    assert side.before(start, count) == before
    assert side.after(end, count) == after


def test_corpus_mode_claims_read_once_give_the_same_summaries() -> None:
    """compare_articles with each article's claims read once, and read afresh per pair."""
    from dataclasses import replace
    from itertools import combinations

    from core.matrix import compare_articles, prepare_article
    from core.settings import Settings

    paths = sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))
    articles = [prepare_article(p.name, p.read_text(encoding="utf-8")) for p in paths]
    assert all(a.claims is not None for a in articles) and any(a.claims for a in articles)
    plain = [replace(a, claims=None) for a in articles]
    for i, j in combinations(range(len(articles)), 2):
        fast = compare_articles(articles[i], articles[j], settings=Settings())
        slow = compare_articles(plain[i], plain[j], settings=Settings())
        assert fast == slow


_SPAN_PIECES = ["It rained.", "It", " ", "  ", "\u00a0", "\n", "rained.", "Then", "it", "stopped."]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_SPAN_PIECES), max_size=12).map("".join),
    st.lists(st.sampled_from([*_SPAN_PIECES, ""]), max_size=6),
)
def test_sentence_spans_by_search_match_pysbd(text: str, sentences: list[str]) -> None:
    """The string search that places pysbd's sentences, against pysbd's regex loop."""
    import pysbd

    from core.segment import _spans_by_search

    plain = pysbd.Segmenter(language="en", clean=False)
    plain.original_text = text
    expected = pysbd.Segmenter.sentences_with_char_spans(plain, sentences)
    got = _spans_by_search(plain, sentences)
    assert [(s.sent, s.start, s.end) for s in got] == [(s.sent, s.start, s.end) for s in expected]


def test_every_combining_mark_is_outside_the_latin_range() -> None:
    """What stream_safe's range prefilter relies on, over the planes the marks are in."""
    import unicodedata

    first = min(c for c in range(0x20000) if unicodedata.combining(chr(c)))
    assert first >= 0x300


_MARKED = st.lists(
    st.sampled_from(["a", "é", " ", "\u0301", "\u0301" * 12, "\u05b0" * 8, "日本", "\u034f"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKED)
def test_stream_safe_prefilter_changes_nothing(text: str) -> None:
    from core.loading import MAX_COMBINING_RUN, _long_mark_run, stream_safe

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        size = MAX_COMBINING_RUN
        return "\u034f".join(run[i : i + size] for i in range(0, len(run), size))

    assert stream_safe(text) == _long_mark_run().subn(cut, text)


_CONTROLLED = st.lists(
    st.sampled_from(["a", "b c", "\n", "\t", "\x00", "\x07", "\x7f", "é", "\ue000", "\x85"]),
    max_size=300,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CONTROLLED)
def test_control_bound_refuses_what_the_count_refuses(text: str) -> None:
    import unicodedata

    from core.loading import MAX_CONTROL_SHARE, LoadError, _checked

    controls = sum(
        1
        for char in text
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r\f\v"
    )
    binary = bool(text) and controls > MAX_CONTROL_SHARE * len(text)
    try:
        _checked(text, "x")
    except LoadError:
        assert binary
    else:
        assert not binary


def test_judge_cache_keys_on_both_texts_and_the_settings() -> None:
    """A remembered verdict is what judging afresh gives, for each settings it was asked
    with ("about 200" and 185 agree only with a wide enough tolerance)."""
    from core.settings import Settings
    from core.verdict import _judged, judge

    left, right = "About 200 people were arrested.", "185 people were arrested."
    strict, loose = Settings(approximate_tolerance=0.01), Settings(approximate_tolerance=0.2)
    remembered = [judge(left, right, score=0.9, settings=s) for s in (strict, loose, strict)]
    _judged.cache_clear()
    fresh = [judge(left, right, score=0.5, settings=s) for s in (strict, loose)]
    assert remembered == [fresh[0], fresh[1], fresh[0]]
    assert remembered[0].status != remembered[1].status


def test_article_claim_pairs_decided_once_per_pair_of_claims() -> None:
    """pair_claims on articles whose paragraphs repeat (the same claim objects again), and
    on copies of every claim (no pair decided twice): the same pairs, by value."""
    import copy

    from core.claims.compare import pair_claims
    from core.compare import passage_claims
    from core.segment import segment
    from core.settings import Settings

    paths = sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    found = 0
    for left_text, right_text in zip(texts, texts[1:], strict=False):
        left = passage_claims(segment(left_text + "\n" + left_text, "left"))
        right = passage_claims(segment(right_text + "\n" + left_text, "right"))
        shared = pair_claims(left, right, settings=Settings())
        copied = pair_claims(
            [copy.deepcopy(item) for item in left],
            [copy.deepcopy(item) for item in right],
            settings=Settings(),
        )
        assert shared == copied
        found += len(shared)
    assert found


def test_a_single_claim_pair_is_kept_by_thinning() -> None:
    """thin's shortcut for one pair, against its general rules, on every pair the corpus
    articles make (agreeing, conflicting and updated ones)."""
    from core.claims.compare import _thinned, pair_claims, thin
    from core.compare import passage_claims
    from core.segment import segment
    from core.settings import Settings
    from core.verdict import judge

    paths = sorted(Path(__file__).parent.parent.joinpath("corpus").glob("*.txt"))
    claims = [passage_claims(segment(p.read_text(encoding="utf-8"), "left")) for p in paths]
    pairs = [
        item.pair for a in claims for b in claims for item in pair_claims(a, b, settings=Settings())
    ]
    for left, right in [
        ("Musk sued in 2024.", "Musk sued in 2023."),
        ("The quake killed 3,145 people.", "The death toll is 3,085."),
        ("300 dead on Monday, officials said.", "412 dead on Thursday, officials said."),
    ]:
        pairs += judge(left, right, score=0.9, settings=Settings()).claim_pairs
    assert {p.relation for p in pairs} >= {"agree", "conflict"}
    for pair in pairs:
        assert thin([pair]) == _thinned([pair]) == (pair,)
    assert thin([]) == _thinned([]) == ()


def test_output_pauses_the_collector_and_restores_its_state() -> None:
    """comparison_to_dict gives the same dict whether the collector was on or off, and
    leaves it as it found it."""
    import gc

    from core.compare import compare
    from core.model import Document
    from core.serialize import comparison_to_dict
    from core.settings import Settings

    comparison = compare(
        Document("Musk sued OpenAI in 2024. It rained."),
        Document("In 2023, Musk sued OpenAI. It rained."),
        settings=Settings(),
    )
    assert gc.isenabled()
    on = comparison_to_dict(comparison)
    assert gc.isenabled()
    gc.disable()
    try:
        off = comparison_to_dict(comparison)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert on == off and on["links"]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _TEXTS, st.sampled_from([0.5, 0.85, 0.0, 1.0, 0.3, 0.7]))
def test_forward_ratio_first_decides_as_both_ratios_do(
    left: str, right: str, threshold: float
) -> None:
    """_ratio_at_least (the backward matcher only when the forward ratio passes), with no
    bound before it, against the smaller of the two fresh ratios."""
    from core.verdict import _ratio_at_least

    a, b = _Side.of(left), _Side.of(right)
    assert _ratio_at_least(_Wording(a, b), threshold) == (_slow_ratio(a, b) >= threshold)


def test_passage_stems_are_the_stems_of_its_words() -> None:
    """Stems of a passage's distinct words are the stems of all its words, and its figures
    read once are its figures, on the corpus."""
    from core.claims.compare import figures_of
    from core.facts import stem
    from core.segment import segment

    root = Path(__file__).parent.parent
    for path in sorted(root.joinpath("corpus").glob("*.txt")):
        for passage in segment(path.read_text(encoding="utf-8"), "left"):
            side = _Side.of(passage.text)
            assert side.stems == frozenset(stem(w) for *_, w in side.words)
            assert side.figures == figures_of(side.claims)


# Patterns whose needs are easy to get wrong: case folding (the Kelvin sign matches "k"
# under IGNORECASE, "ſ" matches "s"), optional and alternative parts, lookarounds, scoped
# flags; and pysbd's own.
_TRICKY_PATTERNS = [
    r"k\.",
    r"(?i)k\.",
    r"(?i:s)t",
    r"(?i)(?-i:s)t",
    r"a?b",
    r"a|b",
    r"(?:a|bc)+d?",
    r"x*|y",
    r"(?<=\s)q(?=\.)",
    r"(?<!z)\.",
    r"(?!w)v",
    r"[ab]c|d[ef]",
    r"[^a]b",
    r"[a-c]\d",
    r"(a)\1",
    r"(?>ab)c",
    r"∯|♨",
    r"\s*",
    "",
]
_TRICKY_TEXT = st.text(alphabet="abcdefkqstvwxyzKS\u212a\u017f. ∯♨1", max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_TRICKY_PATTERNS), _TRICKY_TEXT)
def test_a_pattern_never_matches_a_text_without_the_characters_it_needs(
    pattern: str, text: str
) -> None:
    from core.segment import required_characters

    needs = required_characters(pattern)
    if needs is not None and not any(char in text for char in needs):
        assert re.search(pattern, text) is None


def test_pysbds_patterns_skip_only_texts_they_cannot_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each pattern pysbd used on the corpus, through the segmenter's ``re`` and through
    the standard library's, on every paragraph of the corpus and on placeholder text."""
    from core.segment import _CachedRe, _paragraphs, _splitter

    prepared = _CachedRe._prepared
    patterns: set[str] = set()

    def recording(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], tuple[str, ...]]:
        if flags == 0 and isinstance(pattern, str):
            patterns.add(pattern)
        return prepared(pattern, flags)

    monkeypatch.setattr(_CachedRe, "_prepared", staticmethod(recording))
    splitter = _splitter()
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = [
        text[start:end]
        for path in sorted(corpus.glob("*.txt"))
        for text in [path.read_text(encoding="utf-8")]
        for start, end in _paragraphs(text)
    ]
    for text in texts:
        splitter.segment(text)
    texts += ["a∯b ♨ 1♨ 2☝ ȸ &ᓴ& &✂&x&⌬&", "U∯S∯ Mr∯ Smith", "(a) b) c. d. i) ii)"]
    assert len(patterns) > 50
    cached = _CachedRe()
    skipping = 0
    for pattern in patterns:
        skipping += bool(prepared(pattern)[1])
        for text in texts:
            assert cached.findall(pattern, text) == re.findall(pattern, text)
            assert cached.sub(pattern, "#", text) == re.sub(pattern, "#", text)
            found, expected = cached.search(pattern, text), re.search(pattern, text)
            assert (found and found.span()) == (expected and expected.span())
    assert skipping > 20  # the shortcut is in use


def test_facts_placed_without_a_copy_equal_the_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """extract_facts keeps a fact whose span and words are already the original text's;
    with a copy made every time (dataclasses.replace), every fact of the corpus is equal."""
    from dataclasses import replace

    from core.facts import extract
    from core.segment import segment

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = [
        p.text
        for path in sorted(corpus.glob("*.txt"))
        for p in segment(path.read_text(encoding="utf-8"), "left")
    ]
    texts += [
        "It cost \u201chalf a trillion\u201d dollars",
        "Ｅｌｏｎ Ｍｕｓｋ paid $5\u00a0billion",
    ]
    extract.extract_facts.cache_clear()
    fast = [extract.extract_facts(text) for text in texts]
    monkeypatch.setattr(
        extract,
        "_placed",
        lambda fact, start, end, written: replace(fact, start=start, end=end, text=written),
    )
    extract.extract_facts.cache_clear()
    assert [extract.extract_facts(text) for text in texts] == fast
    assert sum(map(len, fast)) > 100
    extract.extract_facts.cache_clear()
