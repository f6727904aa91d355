"""Every entry of core/claims/vocabulary.json does what its section says.

Each phrase is put into a small sentence of its own and the extractor must read it back:
a measure word makes a number count that measure, a bound word bounds it, an antonym
sets a decision's polarity, and so on.  A phrase that no longer works fails here."""

from __future__ import annotations

import pytest

from core.claims import (
    DateClaim,
    PolarityClaim,
    QuantityClaim,
    RoleClaim,
    TimeClaim,
    extract_claims,
)
from core.claims.polarity import frame
from core.claims.vocabulary import raw_sections
from core.settings import Settings
from core.verdict import judge

RAW = raw_sections()


def _entries(section: str) -> list[tuple[str, str]]:
    return [
        (key, phrase)
        for key, phrases in RAW[section].items()
        if not key.startswith("_")
        for phrase in phrases
    ]


def _quantities(text: str) -> list[QuantityClaim]:
    return [c for c in extract_claims(text) if isinstance(c, QuantityClaim)]


@pytest.mark.parametrize(("measure", "phrase"), _entries("measures"))
def test_every_measure_phrase_governs_a_number(measure: str, phrase: str) -> None:
    # A label ("injured: 1,234") or the phrase after the count ("1,234 injured").
    texts = [f"{phrase.capitalize()}: 1,234.", f"Reports put it at 1,234 {phrase} so far."]
    measures = {c.measure for text in texts for c in _quantities(text)}
    assert measure in measures


@pytest.mark.parametrize(("bound", "phrase"), _entries("bounds"))
def test_every_bound_phrase_bounds_a_number(bound: str, phrase: str) -> None:
    claims = _quantities(f"The death toll {phrase} 1,234, officials said.")
    assert [c.bound for c in claims] == [bound]


@pytest.mark.parametrize("phrase", RAW["scopes"]["national"])
def test_every_national_phrase_scopes_a_figure_to_the_whole(phrase: str) -> None:
    (claim,) = _quantities(f"Officials said 1,234 people died {phrase}.")
    assert claim.scope is not None and claim.scope.kind == "national"


@pytest.mark.parametrize("phrase", RAW["scopes"]["part_patterns"])
def test_every_part_phrase_scopes_a_figure_to_a_part(phrase: str) -> None:
    (claim,) = _quantities(f"Officials said 1,234 people died {phrase}.")
    assert claim.scope is not None and claim.scope.kind == "part"


@pytest.mark.parametrize("preposition", RAW["scopes"]["part_prepositions"])
def test_every_part_preposition_scopes_a_figure_to_a_part(preposition: str) -> None:
    (claim,) = _quantities(f"Officials said 1,234 people died {preposition} ferry terminal.")
    assert claim.scope is not None and claim.scope.kind == "part"


@pytest.mark.parametrize(("phrase", "key"), sorted(RAW["anchors"]["phrases"].items()))
def test_every_time_phrase_anchors_a_figure(phrase: str, key: str) -> None:
    (claim,) = _quantities(f"Officials said 1,234 people died {phrase}.")
    assert claim.time is not None and claim.time.key == key


@pytest.mark.parametrize("verb", RAW["sources"]["speech_verbs"])
def test_every_speech_verb_names_a_source(verb: str) -> None:
    (claim,) = _quantities(f"The death toll is 1,234, Ortiz {verb}.")
    assert claim.source is not None and claim.source.key == "ortiz"


@pytest.mark.parametrize("phrase", RAW["sources"]["according_to"])
def test_every_according_to_phrase_names_a_source(phrase: str) -> None:
    (claim,) = _quantities(f"The death toll is 1,234, {phrase} Ortiz.")
    assert claim.source is not None and claim.source.key == "ortiz"


@pytest.mark.parametrize(("role", "phrase"), _entries("roles"))
def test_every_role_phrase_takes_a_name(role: str, phrase: str) -> None:
    if role == "author":
        text = f"The decisive goal was {phrase} Lena Fischer on Sunday."
    else:
        text = f"Reporters met {phrase} Lena Fischer on Sunday."
    roles = [c for c in extract_claims(text) if isinstance(c, RoleClaim)]
    assert [(r.role, r.name) for r in roles] == [(role, "lena fischer")]


def _polarity_entries() -> list[tuple[str, bool, str]]:
    return [
        (decision, side == "positive", phrase)
        for decision, sides in RAW["polarity"].items()
        if not decision.startswith("_")
        for side, phrases in sides.items()
        for phrase in phrases
    ]


@pytest.mark.parametrize(("decision", "positive", "phrase"), _polarity_entries())
def test_every_polarity_phrase_sets_a_decision(decision: str, positive: bool, phrase: str) -> None:
    claims = [
        c
        for c in extract_claims(f"On Friday the panel {phrase} the fishing quota.")
        if isinstance(c, PolarityClaim)
    ]
    assert [(c.decision, c.positive) for c in claims] == [(decision, positive)]


@pytest.mark.parametrize("negation", RAW["negations"]["words"])
def test_every_negation_flips_a_decision(negation: str) -> None:
    claims = [
        c
        for c in extract_claims(f"The panel {negation} approved the fishing quota.")
        if isinstance(c, PolarityClaim)
    ]
    assert [c.positive for c in claims] == [False]


@pytest.mark.parametrize(("event", "phrase"), _entries("events"))
def test_every_event_phrase_dates_an_event(event: str, phrase: str) -> None:
    texts = [f"It {phrase} on March 3, 2026.", f"The {phrase} on March 3, 2026 was noted."]
    events = {c.event for t in texts for c in extract_claims(t) if isinstance(c, DateClaim)}
    assert event in events


@pytest.mark.parametrize("zone", sorted(k for k in RAW["time_zones"] if not k.startswith("_")))
def test_every_zone_word_converts_a_time_to_utc(zone: str) -> None:
    times = [
        c
        for c in extract_claims(f"The quake struck at 10:00 a.m. {zone} on Monday.")
        if isinstance(c, TimeClaim)
    ]
    assert [t.zone for t in times] == ["UTC"]


@pytest.mark.parametrize("phrase", RAW["quote_occasions"]["phrases"])
def test_every_occasion_phrase_is_read(phrase: str) -> None:
    from core.claims import QuoteClaim

    text = f'"We will keep every clinic open," Ortiz said {phrase}.'
    (quote,) = [c for c in extract_claims(text) if isinstance(c, QuoteClaim)]
    assert quote.occasion == phrase


@pytest.mark.parametrize("word", RAW["count_fillers"]["words"])
def test_every_count_filler_lets_the_measure_through(word: str) -> None:
    claims = _quantities(f"Reports put it at 1,234 {word} injured.")
    assert [c.measure for c in claims] == ["injured"]


@pytest.mark.parametrize("word", RAW["local_time_words"]["words"])
def test_every_local_time_word_uses_the_dateline(word: str) -> None:
    from core.claims import ClaimContext

    times = [
        c
        for c in extract_claims(
            f"The quake struck at 10:00 a.m. {word}.",
            context=ClaimContext(dateline_zone="Asia/Tokyo"),
        )
        if isinstance(c, TimeClaim)
    ]
    assert [(t.zone, t.minutes) for t in times] == [("UTC", 60)]


def test_quote_function_words_are_all_lower_case_words() -> None:
    assert all(w.isalpha() and w.islower() for w in RAW["quote_function_words"]["words"])


@pytest.mark.parametrize("word", RAW["auxiliaries"]["words"])
def test_every_auxiliary_lets_a_measure_verb_after_the_number_through(word: str) -> None:
    claims = _quantities(f"Of that, $3 billion {word} diverted.")
    assert [c.measure for c in claims] == ["diverted"]


@pytest.mark.parametrize("occasion", RAW["anchors"]["occasions"])
def test_every_occasion_word_joins_the_weekday_it_follows(occasion: str) -> None:
    (claim,) = _quantities(f"The Tuesday {occasion} put the number of injured at 1,234.")
    assert claim.time is not None and claim.time.key == "tue"
    assert claim.time.text == f"Tuesday {occasion}"


@pytest.mark.parametrize(
    ("direction", "phrase"),
    [(k, p) for k, ps in RAW["changes"].items() if k in ("up", "down") for p in ps],
)
def test_every_change_phrase_says_the_count_moved(direction: str, phrase: str) -> None:
    claims = _quantities(f"The death toll {phrase} 1,234, officials said.")
    assert [c.change for c in claims] == [direction]


@pytest.mark.parametrize("phrase", RAW["changes"]["current"])
def test_every_current_word_marks_a_figure_as_the_newest(phrase: str) -> None:
    claims = _quantities(f"Officials said the {phrase} toll puts the dead at 1,234.")
    assert [c.change for c in claims] == ["current"]


@pytest.mark.parametrize("word", RAW["unasserted"]["requests"])
def test_every_request_word_makes_a_denial_what_someone_asked_for(word: str) -> None:
    asked = judge(
        f"Residents {word} the council not to close the library on Elm Street.",
        "The council voted to close the library on Elm Street.",
        score=0.9,
        settings=Settings(),
    )
    assert asked.status != "contradict"


@pytest.mark.parametrize("word", RAW["unasserted"]["conditions"])
def test_every_condition_word_makes_a_denial_no_statement_of_fact(word: str) -> None:
    verdict = judge(
        f"Drivers {word} they do not pass the eyesight test lose their licence.",
        "Older drivers pass the eyesight test and keep their licence.",
        score=0.9,
        settings=Settings(),
    )
    assert verdict.status != "contradict"


@pytest.mark.parametrize("period", RAW["unasserted"]["periods"])
def test_every_period_dates_a_stance(period: str) -> None:
    verdict = judge(
        f"{period.capitalize()}, the council did not approve the bridge plan.",
        "On Tuesday the council approved the bridge plan.",
        score=0.9,
        settings=Settings(),
    )
    assert verdict.conflicts == ()
    assert verdict.updates  # the stance changed over time


@pytest.mark.parametrize("word", RAW["unasserted"]["intentions"])
def test_every_intention_word_makes_a_decision_not_yet_taken(word: str) -> None:
    verdict = judge(
        f"The governor {word} to approve the spending bill on flood defences.",
        "Lawmakers approved the spending bill on flood defences.",
        score=0.9,
        settings=Settings(),
    )
    assert verdict.status == "related"


@pytest.mark.parametrize("word", RAW["unasserted"]["frame_skips"])
def test_every_frame_skip_leaves_one_frame(word: str) -> None:
    edited = f"If they {word} pass the test"
    assert frame(edited, edited.index(" pass") + 1) == frame("If they pass", 8)


@pytest.mark.parametrize("word", RAW["event_breaks"]["words"])
def test_every_event_break_gives_the_date_to_the_later_verb(word: str) -> None:
    (claim,) = [
        c
        for c in extract_claims(f"The deadline {word} play out until late Monday.")
        if isinstance(c, DateClaim)
    ]
    assert claim.event is None


def _statement_phrases() -> list[str]:
    events = set(RAW["statement_events"]["events"])
    return [phrase for key, phrase in _entries("events") if key in events]


def _date_of(text: str) -> DateClaim:
    (claim,) = [c for c in extract_claims(text) if isinstance(c, DateClaim)]
    return claim


@pytest.mark.parametrize("phrase", _statement_phrases())
def test_every_statement_event_keeps_what_it_made_known(phrase: str) -> None:
    claim = _date_of(f"The ministry {phrase} the tariffs on Monday.")
    assert claim.announced == {"tariff"}


@pytest.mark.parametrize("word", RAW["statement_events"]["relatives"])
def test_every_statement_relative_points_back_to_what_was_made_known(word: str) -> None:
    claim = _date_of(
        f"The plant stays shut over the new tariffs, {word} the ministry announced Monday."
    )
    assert "tariff" in claim.announced and "ministri" not in claim.announced


@pytest.mark.parametrize("word", RAW["statement_events"]["passives"])
def test_every_passive_word_makes_the_subject_what_was_made_known(word: str) -> None:
    claim = _date_of(f"The new tariffs {word} announced on Monday.")
    assert claim.announced == {"new", "tariff"}


def test_the_object_words_bound_what_a_statement_made_known() -> None:
    count = RAW["statement_events"]["object_words"]
    words = " ".join(f"topic{chr(97 + i)}" for i in range(count + 3))
    assert len(_date_of(f"The ministry announced on Monday {words}.").announced) == count
    relative = RAW["statement_events"]["relative_object_words"]
    claim = _date_of(f"They fear {words}, which the ministry announced on Monday.")
    assert len(claim.announced) == relative


@pytest.mark.parametrize("word", RAW["unasserted"]["relatives"])
def test_every_relative_word_makes_a_generic_group_a_condition(word: str) -> None:
    generic = judge(
        f"Drivers {word} do not pass the eyesight test lose their licence.",
        "Older drivers pass the eyesight test and keep their licence.",
        score=0.9,
        settings=Settings(),
    )
    assert generic.status != "contradict"


@pytest.mark.parametrize("word", RAW["unasserted"]["determiners"])
def test_every_determiner_makes_a_relative_clause_a_statement(word: str) -> None:
    named = judge(
        f"{word.capitalize()} drivers who did not pass the eyesight test on Monday were named.",
        f"{word.capitalize()} drivers passed the eyesight test on Monday.",
        score=0.9,
        settings=Settings(),
    )
    assert named.status == "contradict"


@pytest.mark.parametrize("verb", RAW["sources"]["listener_verbs"])
def test_every_listener_verb_keeps_the_speaker_before_it(verb: str) -> None:
    (quote,) = [c for c in extract_claims(f'"We are ready," Ortiz {verb} reporters.') if c.speaker]
    assert quote.speaker is not None and quote.speaker.key == "ortiz"
