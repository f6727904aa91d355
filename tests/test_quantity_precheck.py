"""The aligner's cheap pre-check never hides a value that full extraction would find."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.facts import extract_facts, states_quantities
from core.loading import load_path
from core.segment import segment

VALUE_KINDS = {"money", "number", "percent", "date", "time", "duration"}
WORDS = [
    "Musk",
    "sued",
    "OpenAI",
    "in",
    "May",
    "half",
    "a",
    "trillion",
    "dollars",
    "12",
    "dozen",
    "people",
    "on",
    "Thursday",
    "at",
    "noon",
    "three",
    "years",
    "later",
    "the",
    "$13bn",
    "percent",
    "early",
    "2024",
    "hundreds",
    "of",
    "millions",
    "decade",
    "ago",
]


def finds_a_value(text: str) -> bool:
    return any(fact.kind in VALUE_KINDS for fact in extract_facts(text))


def test_every_corpus_sentence_with_a_value_passes(corpus_files):
    for path in corpus_files:
        for passage in segment(load_path(path).text, "L"):
            if finds_a_value(passage.text):
                assert states_quantities(passage.text), passage.text


@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_word_salad_with_a_value_passes(words):
    text = " ".join(words)
    if finds_a_value(text):
        assert states_quantities(text)


# No deadline: an example's first call may pay one-off costs that are not what is tested
# (patterns compiled at first use; an accented word imports wordfreq, ~0.3 s).
@settings(deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_with_a_value_passes(text):
    if finds_a_value(text):
        assert states_quantities(text)
