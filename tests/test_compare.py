"""The pipeline end to end: mirror symmetry, missing passages, user edits, progress, abort."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.compare import Cancelled, apply_edits, compare
from core.loading import load_path
from core.model import Document, UserEdits

SENTENCES = [
    "Musk sued OpenAI in 2024.",
    "In 2024, Musk filed a lawsuit against OpenAI.",
    "OpenAI is valued at $500 billion.",
    "The company is worth more than $500 billion.",
    "Microsoft invested $13 billion in OpenAI.",
    "Anthropic was founded by former staff.",
    "Leave a Reply",
    "The weather was mild.",
    "Grok competes with ChatGPT.",
    "The Price of Progress",
    "Musk left the board in 2018.",
    "He cited conflicts with Tesla.",
]


def mirrored(comparison):
    return {
        (link.right[0].replace("R", "L"), link.left[0].replace("L", "R"), link.status, link.score)
        for link in comparison.links
    }


def plain(comparison):
    return {(link.left[0], link.right[0], link.status, link.score) for link in comparison.links}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), max_size=8),
    st.lists(st.sampled_from(SENTENCES), max_size=8),
)
def test_comparing_b_with_a_mirrors_a_with_b(left_sentences, right_sentences):
    a = Document("\n".join(left_sentences))
    b = Document("\n".join(right_sentences))
    forward, backward = compare(a, b), compare(b, a)
    assert plain(forward) == mirrored(backward)


def test_corpus_pair_mirrors(corpus_files):
    a, b = load_path(corpus_files[2]), load_path(corpus_files[4])
    assert plain(compare(a, b)) == mirrored(compare(b, a))


def test_missing_passages_are_the_unlinked_non_furniture():
    result = compare(
        Document("Musk sued OpenAI in 2024.\nThe weather was mild.\nLeave a Reply"),
        Document("In 2024, Musk sued OpenAI."),
    )
    assert [p.text for p in result.missing("left")] == ["The weather was mild."]
    assert result.verdict("L2") == "boilerplate"
    assert result.missing("right") == ()


def test_user_edits_add_remove_override_and_note():
    result = compare(
        Document("Musk sued OpenAI in 2024.\nThe weather was mild."),
        Document("In 2024, Musk sued OpenAI.\nIt rained in Paris."),
    )
    assert {(link.left[0], link.right[0]) for link in result.links} == {("L0", "R0")}
    edited = apply_edits(
        result,
        UserEdits(
            added_links=(("L1", "R1"),),
            removed_links=(("L0", "R0"),),
            overrides=(("L1", "R1", "contradict"),),
            notes=(("L1", "R1", "check the weather"),),
        ),
    )
    (link,) = edited.links
    assert (link.left, link.right, link.origin) == (("L1",), ("R1",), "user")
    assert link.status == "contradict" and link.overridden and link.note == "check the weather"
    assert edited.verdict("L0") == "missing"


def test_edits_naming_unknown_passages_are_ignored():
    result = compare(Document("Musk sued OpenAI."), Document("Musk sued OpenAI."))
    edited = apply_edits(result, UserEdits(added_links=(("L9", "R0"),)))
    assert edited.links == result.links


def test_progress_is_reported_in_order():
    stages = []
    compare(Document("A b c."), Document("A b c."), on_progress=lambda s, f: stages.append(f))
    assert stages == sorted(stages) and stages[-1] == 1.0


def test_abort_raises_cancelled():
    with pytest.raises(Cancelled):
        compare(Document("A b c."), Document("A b c."), should_abort=lambda: True)


def test_spans_index_the_displayed_text(corpus_files):
    result = compare(load_path(corpus_files[0]), load_path(corpus_files[3]))
    for side in ("left", "right"):
        text = result.document(side).text
        for p in result.passages(side):
            assert text[p.start : p.end] == p.text
