"""Page furniture: every rule of core/data/furniture.json, on text written for these tests.

Each rule carries its own examples (what it must recognise) and look-alikes ('not': content
it must leave alone); the tests below run them all, so a rule added to the file without
examples, or whose examples stop working, fails here.
"""

import pytest

from core.model import CONTENT_KINDS
from core.segment import (
    furniture_kind,
    furniture_rules,
    is_byline,
    is_caption,
    is_timestamp,
    segment,
    sentence_furniture_kind,
)

RULES = furniture_rules()
RAW = RULES.raw


def kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in segment(text, "L")]


def test_every_rule_has_examples_and_look_alikes():
    for rule in RULES.line_rules + RULES.sentence_rules:
        assert rule.examples and rule.counterexamples, rule.name
    for section in ("appeal", "byline", "timestamp", "caption", "truncated"):
        assert RAW[section]["examples"] and RAW[section]["not"], section


@pytest.mark.parametrize("rule", RULES.line_rules, ids=lambda rule: rule.name)
def test_line_rule(rule):
    for example in rule.examples:
        assert rule.matches(example), example
        assert furniture_kind(example) == rule.kind, example
        # A line of furniture is one passage of that kind, never a heading.
        assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose by 5%.")[1] == (
            rule.kind,
            example,
        )
    for look_alike in rule.counterexamples:
        assert not rule.matches(look_alike), look_alike
        assert furniture_kind(look_alike) is None, look_alike


@pytest.mark.parametrize("rule", RULES.sentence_rules, ids=lambda rule: rule.name)
def test_sentence_rule(rule):
    for example in rule.examples:
        assert sentence_furniture_kind(example) == rule.kind, example
        passages = kinds(f"The ferry sank in 1952. {example}")
        assert passages[0][0] == "text"
        assert passages[-1] == (rule.kind, example)
    for look_alike in rule.counterexamples:
        assert sentence_furniture_kind(look_alike) is None, look_alike


def test_appeal_examples():
    for example in RAW["appeal"]["examples"]:
        text = f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{example}"
        assert kinds(text)[2:] == [("boilerplate", example)], example
    for look_alike in RAW["appeal"]["not"]:
        text = f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{look_alike}"
        assert all(kind in CONTENT_KINDS for kind, _ in kinds(text)), look_alike


def test_appeal_spread_over_paragraphs_goes_whole():
    appeal = [
        "The Quay Courier is a reader-funded newsroom. We answer to you, not to owners.",
        "Our reporters cover the harbour every day. That work costs money.",
        "If our journalism matters to you, please donate today. Even $3 a month helps.",
    ]
    text = "\n\n".join(["Harbour fees go up", "Fees rose 8% on Monday, the board said.", *appeal])
    result = kinds(text)
    assert result[:2] == [
        ("heading", "Harbour fees go up"),
        ("text", "Fees rose 8% on Monday, the board said."),
    ]
    assert result[2:] == [("boilerplate", paragraph) for paragraph in appeal]


def test_a_quote_that_says_subscribe_is_content():
    text = (
        'Mayor backs tram plan\n"If you want trams, subscribe to the plan," the mayor said.\n'
        "Residents can sign up for flood alerts at the town hall."
    )
    assert [kind for kind, _ in kinds(text)] == ["heading", "text", "text"]


@pytest.mark.parametrize("example", RAW["byline"]["examples"])
def test_byline(example):
    assert is_byline(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("byline", example)


@pytest.mark.parametrize("look_alike", RAW["byline"]["not"])
def test_not_a_byline(look_alike):
    assert not is_byline(look_alike)


def test_by_the_time_is_text():
    text = "Flood in Wells\nBy the time the pumps arrived, the square was under water."
    assert kinds(text)[1][0] == "text"


@pytest.mark.parametrize("example", RAW["timestamp"]["examples"])
def test_timestamp(example):
    assert is_timestamp(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("timestamp", example)


@pytest.mark.parametrize("look_alike", RAW["timestamp"]["not"])
def test_not_a_timestamp(look_alike):
    assert not is_timestamp(look_alike)


@pytest.mark.parametrize("example", RAW["caption"]["examples"])
def test_caption_is_one_passage_not_a_heading(example):
    assert is_caption(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("caption", example)


@pytest.mark.parametrize("look_alike", RAW["caption"]["not"])
def test_not_a_caption(look_alike):
    assert not is_caption(look_alike)


@pytest.mark.parametrize("example", RAW["truncated"]["examples"])
def test_cut_off_last_line(example):
    text = f"Ferry fares rise again\nThe fare rose by 5% on Monday. {example}\n© 2031 Quay Courier"
    result = kinds(text)
    assert result[-2] == ("truncated", example)
    assert result[-3] == ("text", "The fare rose by 5% on Monday.")


@pytest.mark.parametrize("look_alike", RAW["truncated"]["not"])
def test_not_cut_off(look_alike):
    result = kinds(f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{look_alike}")
    assert result[-1][0] in CONTENT_KINDS


def test_only_the_last_line_can_be_cut_off():
    text = "Fares rise\nThe board met on Monday and the fare will rise by 5% from next\nIt did."
    assert [kind for kind, _ in kinds(text)] == ["heading", "heading", "text"]


def test_links_under_a_label_line_are_furniture():
    text = (
        "Ferry fares rise again\nThe fare rose by 5% on Monday.\nRead more:\n"
        "Why the old ferry sank\nTen harbours worth a visit\nThe board meets again in May."
    )
    assert [kind for kind, _ in kinds(text)] == [
        "heading",
        "text",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "text",
    ]


def test_short_real_paragraphs_and_headings_stay_content():
    text = (
        "Ferry fares rise again\nBy Ana Ruiz\nThe fare rose by 5% on Monday.\n"
        "Why it matters\nThe vote was 7 to 2.\nNobody was hurt."
    )
    assert [kind for kind, _ in kinds(text)] == [
        "heading",
        "byline",
        "text",
        "heading",
        "text",
        "text",
    ]
