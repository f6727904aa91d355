"""Segmentation: sentences from a real splitter, headings, and page furniture."""

from hypothesis import given
from hypothesis import strategies as st

from core.loading import load_path
from core.model import PassageRef
from core.segment import is_furniture, is_heading, segment

ref = PassageRef.parse  # tests name passages by their labels


def test_abbreviations_and_decimals_do_not_split():
    text = "The U.S. Department of Defense paid $1.4 trillion. Anduril Industries Inc. agreed."
    passages = segment(text, "left")
    assert [p.text for p in passages] == [
        "The U.S. Department of Defense paid $1.4 trillion.",
        "Anduril Industries Inc. agreed.",
    ]


def test_ids_spans_and_paragraphs():
    text = "Title here\n\nFirst one. Second one.\nThird."
    passages = segment(text, "right")
    assert [p.ref for p in passages] == [ref("R0"), ref("R1"), ref("R2"), ref("R3")]
    assert [p.paragraph for p in passages] == [0, 1, 1, 2]
    for p in passages:
        assert text[p.start : p.end] == p.text


def test_headings():
    assert is_heading("The AI Battlefield")
    assert is_heading("AI: The Gate Open or Shut?")
    assert not is_heading("Is this a question a sentence would ask of the reader?")
    assert not is_heading("Musk sued OpenAI.")


def test_furniture_lines():
    for line in [
        "top of page",
        "Leave a Reply",
        "Related Articles",
        "Back to top button",
        "Image Credit: arstechnica.com",
        "Sources: ntv.de, jki",
        "- Sam Altman",
        "bottom of page",
        "Learn more about AI in our blog.",
    ]:
        assert is_furniture(line), line
    assert not is_furniture("- The Commission, having been asked to do so, is working on it.")
    assert not is_furniture("Musk left the board in 2018.")


def test_corpus_furniture_is_boilerplate(corpus_files):
    kinds = {}
    for path in corpus_files:
        for p in segment(load_path(path).text, "left"):
            kinds[p.text] = p.kind
    for furniture in [
        "top of page",
        "Leave a Reply",
        "Back to top button",
        "- Pentagon",
        "Sources: ntv.de, jki",
    ]:
        assert kinds[furniture] == "boilerplate", furniture
    assert kinds["Image Credit: arstechnica.com"] == "caption"
    assert kinds["The Price of Progress"] == "heading"


@given(st.text())
def test_spans_are_ordered_disjoint_and_inside(text):
    passages = segment(text, "left")
    previous_end = 0
    for index, p in enumerate(passages):
        assert p.ref == PassageRef("left", index)
        assert previous_end <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == p.text
        assert p.text == p.text.strip()
        previous_end = p.end


def test_numbered_image_caption_is_furniture():
    assert is_furniture("10 Năm OpenAI từ lý tưởng đến đối thủ - Ảnh 2.")
    assert is_furniture("The launch event in Austin - Photo 3")
    assert not is_furniture("The photo - taken in 2019 - shows Musk on stage.")
