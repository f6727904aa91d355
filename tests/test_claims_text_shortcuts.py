"""Small shortcuts in core.claims.text: the source cue, content stems, clause bounds, words."""

import json
import re

from conftest import CORPUS, SHARED
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.claims import text
from core.claims.vocabulary import vocabulary

WORDS = [*vocabulary().according_to, *vocabulary().speech_verbs]
PLAIN = re.compile("|".join(re.escape(w) for w in WORDS), re.IGNORECASE)


def _found(pattern: re.Pattern[str], subject: str) -> bool:
    return pattern.search(subject) is not None


def test_the_cue_is_found_where_one_of_its_words_is():
    subjects = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rows = SHARED / "eval" / "ecbplus_test_sentence_pairs.jsonl"
    if rows.exists():
        subjects += [json.loads(x)["a"] for x in rows.read_text(encoding="utf-8").splitlines()]
    subjects = [s[i : i + 60] for s in subjects for i in range(0, len(s), 45)]
    outcomes = [_found(text._source_cue(), s) for s in subjects]
    assert outcomes == [_found(PLAIN, s) for s in subjects]
    assert any(outcomes) and not all(outcomes)


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, *map(str.upper, WORDS), " ", "x", "s"]), max_size=6))
def test_the_cue_in_runs_of_its_words(parts):
    subject = "".join(parts)
    assert _found(text._source_cue(), subject) == _found(PLAIN, subject)


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBz 1٣'’-.,:Ütheof", max_size=40))
def test_content_stems_lower_each_word_once(subject):
    from core.normalize import FUNCTION_WORDS, stem

    text.content_stems.cache_clear()
    expected = frozenset(
        stem(w.group().lower())
        for w in text._WORD.finditer(subject)
        if w.group().lower() not in FUNCTION_WORDS and not w.group()[0].isdigit()
    )
    assert text.content_stems(subject) == expected


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 ;:.!?-–—\n", max_size=40), st.integers(0, 40), st.integers(0, 8))
def test_clause_bounds_from_the_clause_ends_found_once(subject, start, width):
    start = min(start, len(subject))
    end = min(start + width, len(subject))
    lo, hi = 0, len(subject)
    for boundary in text._CLAUSE_END.finditer(subject):
        if boundary.end() <= start:
            lo = boundary.end()
        elif boundary.start() >= end:
            hi = boundary.start()
            break
    assert text.clause_bounds(subject, start, end) == (lo, hi)


def test_words_in_gives_the_words_of_the_range_one_at_a_time():
    sentence = "The toll rose to 41, officials said on Monday."
    words = text.words_in(sentence, 9)
    assert next(words).group() == "rose"  # read lazily: the callers stop after a few
    assert [w.group() for w in words] == ["to", "41", "officials", "said", "on", "Monday"]
    assert [w.group() for w in text.words_in(sentence, 0, 8)] == ["The", "toll"]
