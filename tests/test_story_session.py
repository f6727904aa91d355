"""Story sessions: saved with every text embedded, reopened without the files, atomically."""

from __future__ import annotations

import json
import os

import pytest

from core.loading import load_text
from core.session import SessionError
from core.settings import Settings
from core.story import build_story, story_to_dict
from core.story_session import StorySession, load_story, save_story, story_to_json

TEXTS = (
    "Title: Flood\nDate: 2024-05-01\n\nAt least 12 people were killed on Monday.",
    "Title: Flood toll\nDate: 2024-05-02\n\nAt least 15 people were killed on Monday.",
    "Title: Flood, day three\nDate: 2024-05-03\n\nThe toll rose to 20 on Wednesday.",
)


@pytest.fixture
def session() -> StorySession:
    documents = tuple(load_text(t, name=f"n{i}") for i, t in enumerate(TEXTS))
    return StorySession(documents, Settings(link_threshold=0.3))


def test_a_story_reopens_without_its_files_and_gives_the_same_table(session, tmp_path):
    path = tmp_path / "flood.factstory"
    save_story(path, session)
    again = load_story(path)
    assert [d.text for d in again.documents] == list(TEXTS)
    assert again.settings == session.settings
    first = story_to_dict(build_story(session.documents, settings=session.settings))
    second = story_to_dict(build_story(again.documents, settings=again.settings))
    assert first == second
    assert first["rows"][0]["status"] == "disagree"


def test_a_failed_save_leaves_the_previous_file_whole(session, tmp_path, monkeypatch):
    path = tmp_path / "flood.factstory"
    save_story(path, session)
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SessionError, match="previous file is unchanged"):
        save_story(path, session)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["flood.factstory"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe", "not text"),
        (b"{", "damaged"),
        (b'{"kind": "factcompare-session"}', "not a story file"),
        (b'{"kind": "factcompare-story", "schema_version": 99}', "newer version"),
        (b'{"kind": "factcompare-story", "schema_version": 1, "articles": [{}]}', "articles"),
    ],
)
def test_damaged_or_foreign_files_are_refused_with_a_message(tmp_path, content, message):
    path = tmp_path / "bad.factstory"
    path.write_bytes(content)
    with pytest.raises(SessionError, match=message):
        load_story(path)


def test_the_file_is_versioned_json_data(session):
    data = json.loads(story_to_json(session))
    assert data["kind"] == "factcompare-story"
    assert data["schema_version"] == 1
    assert len(data["articles"]) == 3 and data["articles"][0]["text"] == TEXTS[0]
