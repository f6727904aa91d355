"""Normalised text keeps a map back to the original, so highlights land on what was loaded."""

from hypothesis import given
from hypothesis import strategies as st

from core.normalize import fold, normalise


def test_typography_is_made_plain():
    assert normalise("“Quoted” — it’s…").text == '"Quoted" - it\'s...'


def test_whitespace_runs_become_one_space():
    assert normalise("a \t\n  b").text == "a b"


def test_combining_marks_are_composed():
    assert normalise("e\u0301te\u0301").text == "été"


def test_span_maps_back_to_original():
    original = "He said “$13 billion”  today"
    n = normalise(original)
    start = n.text.index("$13 billion")
    begin, end = n.original_span(start, start + len("$13 billion"))
    assert original[begin:end] == "$13 billion"


def test_fold_lowercases():
    assert fold("OpenAI’s") == "openai's"


@given(st.text())
def test_offsets_are_monotonic_and_inside(text):
    n = normalise(text)
    assert len(n.offsets) == len(n.text)
    assert list(n.offsets) == sorted(n.offsets)
    assert all(0 <= o < len(text) for o in n.offsets)


@given(st.text(), st.data())
def test_original_span_is_inside_text(text, data):
    n = normalise(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    begin, stop = n.original_span(start, end)
    assert 0 <= begin <= stop <= len(text)


@given(st.text())
def test_fast_text_only_form_equals_the_mapped_one(text):
    from core.normalize import normalised_text

    assert normalised_text(text) == normalise(text).text


# Spaces, typography, zero-width and soft hyphen, combining marks, singletons NFC changes
# (Angstrom sign), Hangul jamo, a separator str.isspace() counts, a ligature.
_TRICKY = (
    "ab C.\n\t \u00a0\u2026\u200b\u00ad\u2019\u201c\u2014"
    "e\u0301\u0301\u212b\u1100\u1161é\x1c\u3000ﬁ"
)


@given(st.text(alphabet=st.sampled_from(list(_TRICKY)) | st.characters(), max_size=40))
def test_fast_normalise_equals_the_cluster_by_cluster_reference(text: str) -> None:
    from core.normalize import _normalise_by_cluster

    assert normalise(text) == _normalise_by_cluster(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_takes_the_short_path_to_the_same_form(text):
    import unicodedata

    from core.normalize import _SPACES, _TABLE, normalised_text

    assert normalised_text(text) == _SPACES.sub(
        " ", unicodedata.normalize("NFC", text.translate(_TABLE))
    )
    assert not any(chr(code).isascii() for code in _TABLE)
