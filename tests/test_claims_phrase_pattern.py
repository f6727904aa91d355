"""The vocabulary's phrase patterns, with phrases grouped by first letter, find what one
alternative per phrase finds."""

import json
import re

from conftest import CORPUS, SHARED
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.claims.vocabulary import Phrases, phrases, vocabulary

TAIL = r"(?:(?<=\W)|(?![\w]|['’]\w))"


def _plain(mapping: dict[str, str]) -> re.Pattern[str]:
    ordered = sorted(mapping, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body}){TAIL}", re.IGNORECASE)


def _all_phrases() -> dict[str, Phrases]:
    vocab = vocabulary()
    found = {name: getattr(vocab, name) for name in vocab.__dataclass_fields__}
    return {name: value for name, value in found.items() if isinstance(value, Phrases)}


PHRASES = _all_phrases()
PLAIN = {name: _plain(p.key_of) for name, p in PHRASES.items()}


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rows = SHARED / "eval" / "ecbplus_test_sentence_pairs.jsonl"
    if rows.exists():
        lines = rows.read_text(encoding="utf-8").splitlines()[:2000]
        texts += [json.loads(line)["b"] for line in lines]
    return texts


def test_every_phrase_pattern_finds_the_same_on_articles_and_sentences():
    assert len(PHRASES) >= 10
    texts = _texts()
    found = 0
    for name, phrase_set in PHRASES.items():
        for text in texts:
            expected = _matches(PLAIN[name], text)
            assert _matches(phrase_set.pattern, text) == expected, name
            found += len(expected)
    assert found > 100  # not a comparison of empty lists alone


ALL_WORDS = sorted({p for phrase_set in PHRASES.values() for p in phrase_set.key_of})
pieces = st.one_of(
    st.sampled_from(ALL_WORDS),
    st.sampled_from(ALL_WORDS).map(str.upper),
    st.sampled_from(ALL_WORDS).map(str.title),
    st.sampled_from([" ", "  ", "\n", "-", "'s", "’t", "x", ".", "\u212a", "\u017f"]),
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=8))
def test_every_phrase_pattern_finds_the_same_in_runs_of_phrases(parts):
    text = "".join(parts)
    for name, phrase_set in PHRASES.items():
        assert _matches(phrase_set.pattern, text) == _matches(PLAIN[name], text), name


def test_phrases_that_are_not_ascii_or_empty_stay_one_alternative_each():
    mapping = {"\u212avelvin": "k", "kelvin": "k", "ſome": "s", "some": "s"}
    text = "\u212aELVIN some SOME \u212avelvin ſome"
    assert _matches(phrases(mapping).pattern, text) == _matches(_plain(mapping), text)
