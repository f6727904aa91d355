"""The window's session workflow without Qt: history, dirty state, save path, kept edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import edits as edit_ops
from core.compare import compare
from core.loading import load_path
from core.model import Comparison, PassagePair, UserEdits
from core.settings import Settings
from core.workspace import Workspace, prepare

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def base() -> Comparison:
    """A corpus pair with at least two links and a passage missing on each side."""
    for i, left in enumerate(ARTICLES):
        for right in ARTICLES[i + 1 :]:
            result = compare(load_path(left), load_path(right), settings=Settings())
            if len(result.links) >= 2 and result.missing("left") and result.missing("right"):
                return result
    raise AssertionError("no corpus pair fits")


@pytest.fixture(scope="module")
def other(base: Comparison) -> Comparison:
    doc = load_path(next(p for p in ARTICLES if str(p) != base.right.source.path))
    return compare(base.left, doc, settings=Settings())


def opened(base: Comparison, path: Path | None = None) -> Workspace:
    ws = Workspace()
    ws.open(prepare(base, UserEdits()), save_path=path)
    return ws


def lonely_pair(comparison: Comparison) -> PassagePair:
    return PassagePair(comparison.missing("left")[0].ref, comparison.missing("right")[0].ref)


def test_a_new_workspace_is_clean_and_untitled(base: Comparison) -> None:
    ws = opened(base)
    assert not ws.dirty and ws.save_path is None and not ws.can_undo
    assert ws.title() == f"{base.left.name} ↔ {base.right.name}"
    assert Workspace().title() == "Untitled comparison"


def test_every_hand_edit_is_undone_and_redone(base: Comparison) -> None:
    ws = opened(base)
    link = base.links[0]
    ws.edit(edit_ops.override(ws.edits, link.pair, "contradict"), "Mark contradict")
    ws.edit(edit_ops.set_note(ws.edits, link.pair, "court filing"), "Note")
    ws.edit(edit_ops.remove_link(ws.edits, base.links[1]), "Unlink")
    assert ws.dirty and ws.undo_text == "Unlink"
    assert ws.comparison is not None and ws.comparison.link(base.links[1].pair) is None
    ws.undo()
    assert ws.comparison.link(base.links[1].pair) is not None
    ws.undo()
    assert ws.comparison.link(link.pair).note == ""  # type: ignore[union-attr]
    ws.undo()
    assert ws.comparison is base and not ws.dirty and not ws.can_undo
    ws.redo()
    assert ws.comparison.link(link.pair).status == "contradict"  # type: ignore[union-attr]
    assert ws.redo_text == "Note" and ws.dirty


def test_a_hand_added_link_is_judged_by_the_engine(base: Comparison) -> None:
    ws = opened(base)
    pair = lonely_pair(base)
    ws.edit(edit_ops.add_link(ws.edits, pair), "Link")
    link = ws.comparison.link(pair)  # type: ignore[union-attr]
    assert link is not None and link.origin == "user"
    assert link.score < 1.0  # the pair's own score, not a made-up certainty
    # A later edit reuses the judgement instead of judging the pair again.
    ws.edit(edit_ops.override(ws.edits, pair, "agree"), "Agree")
    assert ws.state is not None and ws.state.judged[pair] is link
    assert ws.comparison.link(pair).status == "agree"  # type: ignore[union-attr]


def test_replacing_the_articles_is_a_new_untitled_step_that_undo_reverts(
    base: Comparison, other: Comparison
) -> None:
    session = Path("/tmp/work.factcompare")
    ws = opened(base, session)
    note_pair = base.links[0].pair
    ws.edit(edit_ops.set_note(ws.edits, note_pair, "keep me"), "Note")
    ws.replace(prepare(other, ws.edits), "Replace the right article")
    assert ws.save_path is None  # a save can never write the new pair over the old session
    assert ws.title() == f"{other.left.name} ↔ {other.right.name}"
    assert ws.dirty
    ws.undo()
    assert ws.save_path == session and ws.comparison.right is base.right  # type: ignore[union-attr]
    assert ws.comparison.link(note_pair).note == "keep me"  # type: ignore[union-attr]


def test_edits_whose_passages_still_exist_are_kept(base: Comparison) -> None:
    link = base.links[0]
    far = PassagePair(link.left, type(link.right)("right", 10_000))
    edits = edit_ops.set_note(edit_ops.set_note(UserEdits(), link.pair, "kept"), far, "lost")
    prepared = prepare(base, edits)
    assert [n.text for n in prepared.edits.notes] == ["kept"]
    assert prepared.dropped == 1
    assert prepared.comparison.link(link.pair).note == "kept"  # type: ignore[union-attr]


def test_a_rerun_keeps_the_session_file(base: Comparison) -> None:
    session = Path("/tmp/work.factcompare")
    ws = opened(base, session)
    again = compare(base.left, base.right, settings=Settings(link_threshold=0.3))
    ws.replace(prepare(again, ws.edits), "Threshold 0.30", same_session=True)
    assert ws.save_path == session and ws.settings.link_threshold == 0.3
    ws.undo()
    assert ws.settings.link_threshold == Settings().link_threshold


def test_saving_makes_clean_and_undo_after_save_is_dirty_again(base: Comparison) -> None:
    ws = opened(base)
    ws.edit(edit_ops.set_note(ws.edits, base.links[0].pair, "a"), "Note")
    path = Path("/tmp/saved.factcompare")
    ws.saved(path)
    assert not ws.dirty and ws.save_path == path and ws.title() == "saved.factcompare"
    ws.undo()
    assert ws.dirty and ws.save_path == path  # the earlier step of the same pair moved too
    ws.redo()
    assert not ws.dirty


def test_a_new_edit_clears_redo_and_an_unchanged_edit_is_no_step(base: Comparison) -> None:
    ws = opened(base)
    ws.edit(edit_ops.set_note(ws.edits, base.links[0].pair, "a"), "Note")
    ws.undo()
    assert ws.can_redo
    ws.edit(edit_ops.set_note(ws.edits, base.links[0].pair, "b"), "Note b")
    assert not ws.can_redo
    before = ws.state
    ws.edit(ws.edits, "nothing")
    assert ws.state is before
