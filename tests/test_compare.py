"""The pipeline end to end: mirror symmetry, missing passages, user edits, progress, abort."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.compare import Cancelled, compare
from core.edits import apply_edits
from core.loading import load_path
from core.model import Document, Note, Override, PassagePair, PassageRef, UserEdits
from core.settings import Settings

SETTINGS = Settings()

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
    return {(link.pair.mirrored(), link.status, link.score) for link in comparison.links}


def plain(comparison):
    return {(link.pair, link.status, link.score) for link in comparison.links}


def pair(left: int, right: int) -> PassagePair:
    return PassagePair(PassageRef("left", left), PassageRef("right", right))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), max_size=8),
    st.lists(st.sampled_from(SENTENCES), max_size=8),
)
# Repeated sentences tie for best match; float32 sums in the other order must not break
# the tie one way only (a case Hypothesis found once).
@example(
    [SENTENCES[2], SENTENCES[3], SENTENCES[3], SENTENCES[5]],
    [SENTENCES[4], SENTENCES[2], SENTENCES[2], SENTENCES[5]],
)
def test_comparing_b_with_a_mirrors_a_with_b(left_sentences, right_sentences):
    a = Document("\n".join(left_sentences))
    b = Document("\n".join(right_sentences))
    forward, backward = compare(a, b, settings=SETTINGS), compare(b, a, settings=SETTINGS)
    assert plain(forward) == mirrored(backward)


def test_corpus_pair_mirrors(corpus_files):
    a, b = load_path(corpus_files[2]), load_path(corpus_files[4])
    assert plain(compare(a, b, settings=SETTINGS)) == mirrored(compare(b, a, settings=SETTINGS))


def test_missing_passages_are_the_unlinked_non_furniture():
    result = compare(
        Document("Musk sued OpenAI in 2024.\nThe weather was mild.\nLeave a Reply"),
        Document("In 2024, Musk sued OpenAI."),
        settings=SETTINGS,
    )
    assert [p.text for p in result.missing("left")] == ["The weather was mild."]
    assert result.verdict(PassageRef("left", 2)) == "boilerplate"
    assert result.missing("right") == ()


def test_user_edits_add_remove_override_and_note():
    result = compare(
        Document("Musk sued OpenAI in 2024.\nThe weather was mild."),
        Document("In 2024, Musk sued OpenAI.\nIt rained in Paris."),
        settings=SETTINGS,
    )
    assert {link.pair for link in result.links} == {pair(0, 0)}
    edited = apply_edits(
        result,
        UserEdits(
            added_links=(pair(1, 1),),
            removed_links=(pair(0, 0),),
            overrides=(Override(pair(1, 1), "contradict"),),
            notes=(Note(pair(1, 1), "check the weather"),),
        ),
    )
    (link,) = edited.links
    assert (link.pair, link.origin) == (pair(1, 1), "user")
    assert link.status == "contradict" and link.overridden and link.note == "check the weather"
    assert edited.verdict(PassageRef("left", 0)) == "missing"


def test_a_hand_made_link_is_scored_and_judged_by_the_engine():
    result = compare(
        Document("Musk sued OpenAI in 2024.\nThe weather was mild."),
        Document("In 2024, Musk sued OpenAI.\nIt rained in Paris."),
        settings=SETTINGS,
    )
    (link,) = apply_edits(result, UserEdits(added_links=(pair(1, 1),))).links[-1:]
    assert link.origin == "user" and link.score < 0.5 and link.status != "agree"


def test_edits_naming_unknown_passages_are_ignored():
    result = compare(
        Document("Musk sued OpenAI."), Document("Musk sued OpenAI."), settings=SETTINGS
    )
    edited = apply_edits(result, UserEdits(added_links=(pair(9, 0),)))
    assert edited.links == result.links


def test_progress_is_reported_in_order():
    stages = []
    compare(
        Document("A b c."),
        Document("A b c."),
        on_progress=lambda s, f: stages.append(f),
        settings=SETTINGS,
    )
    assert stages == sorted(stages) and stages[-1] == 1.0


def test_abort_raises_cancelled():
    with pytest.raises(Cancelled):
        compare(
            Document("A b c."), Document("A b c."), should_abort=lambda: True, settings=SETTINGS
        )


def test_spans_index_the_displayed_text(corpus_files):
    result = compare(load_path(corpus_files[0]), load_path(corpus_files[3]), settings=SETTINGS)
    for side in ("left", "right"):
        text = result.document(side).text
        for p in result.passages(side):
            assert text[p.start : p.end] == p.text
