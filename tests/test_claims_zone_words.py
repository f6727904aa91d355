"""The zone after a time, found with one pattern for all zone words, is the zone the words
tried one by one give."""

import re
from datetime import timezone

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.claims import dates
from core.claims.types import ClaimContext
from core.claims.vocabulary import vocabulary

VOCAB = vocabulary()
CONTEXT = ClaimContext(dateline_zone="Asia/Tokyo")


def _one_by_one(text, position, context):
    """``_zone_after`` as it was: a pattern per word, longest word first."""
    window = text[position : position + 24]
    for word in sorted(VOCAB.time_zones, key=len, reverse=True):
        match = re.match(rf"\s*\(?({re.escape(word)})\)?(?![\w])", window, re.IGNORECASE)
        if match:
            return dates._tz(VOCAB.time_zones[word]), position + match.end()
    for word in sorted(VOCAB.local_time_words, key=len, reverse=True):
        match = re.match(rf"\s*\(?{re.escape(word)}\b\)?", window, re.IGNORECASE)
        if match:
            zone = dates._tz(context.dateline_zone) if context.dateline_zone else None
            return zone, position + match.end()
    return None, -1


WORDS = [*VOCAB.time_zones, *VOCAB.local_time_words]
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(str.upper),
    st.sampled_from([" ", "(", ")", "  ", "\n", "x", "s", "-", ",", "time", "9"]),
)


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.lists(pieces, max_size=6))
def test_the_same_zone_and_end_as_word_by_word(parts):
    text = "11:47 p.m." + "".join(parts)
    position = len("11:47 p.m.")
    assert dates._zone_after(text, position, CONTEXT) == _one_by_one(text, position, CONTEXT)


def test_zones_that_words_by_word_would_find():
    for after, expected in ((" GMT", timezone.utc), (" (UTC)", timezone.utc), (" local", None)):
        zone, end = dates._zone_after("9:00" + after, 4, None)
        assert (zone, end) == _one_by_one("9:00" + after, 4, ClaimContext()), after
        if expected is not None:
            assert zone is not None and zone.utcoffset(None) == expected.utcoffset(None)
