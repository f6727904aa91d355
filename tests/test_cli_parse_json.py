"""cli.commands.parse_json gives what json.loads gives a row's line: the value, or the error."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cli.commands import parse_json

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_SPACE = st.text(alphabet=" \t\r\n\ufeff\xa0", max_size=3)


def _outcome(parse, line):
    try:
        return "value", repr(parse(line))
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        return type(error).__name__, str(error)


@settings(max_examples=400, deadline=None)
@given(_SPACE, _VALUES, _SPACE, st.sampled_from(["", "x", "}", ",", " 1", "{}", "\n"]))
def test_a_value_with_spaces_and_trailing_text(before, value, after, tail):
    line = before + json.dumps(value, ensure_ascii=False) + after + tail
    assert _outcome(parse_json, line) == _outcome(json.loads, line)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='{}[]",:0123456789.eE-+ \tnulltruefalseNaN\\u', max_size=30))
def test_arbitrary_json_like_text(line):
    assert _outcome(parse_json, line) == _outcome(json.loads, line)


def test_the_errors_json_loads_raises():
    for line in ("", "  ", "\ufeff{}", "{} {}", '{"a": 1', "9" * 5000, "[" * 100_000, "NaN x"):
        assert _outcome(parse_json, line) == _outcome(json.loads, line)
