"""Every entry of core/data/facts.json does what its section says.

Each word is put into a small sentence of its own and ``extract_facts`` must read it back:
a number word gives its number, a hedge bounds the value, a role word names the role, a
title makes a person, and so on.  An entry that no longer works, or that the extractor
would handle the same without it, fails here."""

from __future__ import annotations

import pytest

from core.facts import (
    Amount,
    DateParts,
    Fact,
    Hedge,
    Interval,
    TimeOfDay,
    Weekday,
    extract_facts,
    is_content_word,
    states_quantities,
    written_amount,
)
from core.facts.vocabulary import facts_vocabulary, raw_sections
from core.normalize import FUNCTION_WORDS

RAW = raw_sections()
VOCAB = facts_vocabulary()


def _entries(section: dict) -> list[tuple[str, object]]:
    return [(key, value) for key, value in section.items() if not key.startswith("_")]


def _kind(text: str, kind: str) -> list[Fact]:
    return [f for f in extract_facts(text) if f.kind == kind]


def _amount(fact: Fact) -> float:
    written = written_amount(fact)
    assert written is not None
    return written[0]


def test_every_section_is_loaded() -> None:
    assert {key for key in RAW if not key.startswith("_")} == {
        "number_words",
        "scales",
        "vague_amounts",
        "currencies",
        "months",
        "duration_units",
        "hedges",
        "date_hedges",
        "roles",
        "role_kinds",
        "role_fillers",
        "counted_noun_modifiers",
        "dates",
        "names",
        "attribution",
        "negation",
        "modal_stopwords",
        "quantity_words",
        "clock_words",
        "label_nouns",
    }


# Numbers and amounts


@pytest.mark.parametrize(("word", "value"), _entries(RAW["number_words"]["units"]))
def test_every_unit_word_is_a_number(word: str, value: int) -> None:
    (fact,) = _kind(f"Officials counted {word} thousand people.", "number")
    assert _amount(fact) == value * 1000


@pytest.mark.parametrize(("word", "value"), _entries(RAW["number_words"]["tens"]))
def test_every_tens_word_is_a_number(word: str, value: int) -> None:
    (fact,) = _kind(f"Officials counted {word}-three people.", "number")
    assert _amount(fact) == value + 3


@pytest.mark.parametrize(("phrase", "value"), _entries(RAW["number_words"]["fractions"]))
def test_every_fraction_phrase_is_a_number(phrase: str, value: float) -> None:
    (fact,) = _kind(f"Officials counted {phrase} million people.", "number")
    assert _amount(fact) == value * 1e6


@pytest.mark.parametrize(
    ("word", "power"),
    [
        entry
        for group in ("words", "abbreviations", "letters")
        for entry in _entries(RAW["scales"][group])
    ],
)
def test_every_scale_multiplies_an_amount(word: str, power: int) -> None:
    (fact,) = _kind(f"The deal cost $5{word} in all.", "money")
    scale = 10.0**power
    assert fact.value == Amount(value=5 * scale, half_unit=0.5 * scale, unit="USD")


@pytest.mark.parametrize(("word", "bounds"), _entries(RAW["vague_amounts"]))
def test_every_vague_amount_is_a_range(word: str, bounds: list[int]) -> None:
    (fact,) = _kind(f"Officials said {word} of people fled.", "number")
    assert isinstance(fact.value, Interval)
    assert written_amount(fact) == (bounds[0], bounds[0], bounds[1])


@pytest.mark.parametrize(("symbol", "code"), _entries(RAW["currencies"]["symbols"]))
def test_every_currency_symbol_names_a_currency(symbol: str, code: str) -> None:
    (fact,) = _kind(f"The deal cost {symbol.upper()}5 million.", "money")
    assert fact.value == Amount(value=5e6, half_unit=0.5e6, unit=code)


@pytest.mark.parametrize(("word", "code"), _entries(RAW["currencies"]["words"]))
def test_every_currency_word_names_a_currency(word: str, code: str) -> None:
    (fact,) = _kind(f"The deal cost 5 million {word} in all.", "money")
    assert fact.value == Amount(value=5e6, half_unit=0.5e6, unit=code)


@pytest.mark.parametrize(("unit", "days"), _entries(RAW["duration_units"]))
def test_every_duration_unit_is_a_duration(unit: str, days: float) -> None:
    (fact,) = _kind(f"The talks lasted 3,000 {unit}s in all.", "duration")
    assert _amount(fact) == pytest.approx(3000 * days, rel=1e-4)


@pytest.mark.parametrize(("hedge", "side"), _entries(RAW["hedges"]))
def test_every_hedge_bounds_a_value(hedge: str, side: str) -> None:
    (fact,) = _kind(f"The fire killed {hedge} 200 people.", "number")
    assert fact.hedge is Hedge(side)


@pytest.mark.parametrize("word", RAW["quantity_words"]["words"])
def test_every_quantity_word_can_state_a_value(word: str) -> None:
    assert not states_quantities("The panel met.")
    assert states_quantities(f"The panel met {word}.")


# Dates and times


@pytest.mark.parametrize(("number", "name"), list(enumerate(RAW["months"]["names"], start=1)))
def test_every_month_name_is_a_date(number: int, name: str) -> None:
    (fact,) = _kind(f"The law passed on {name.capitalize()} 5, 2024, officials said.", "date")
    assert fact.value == DateParts(year=2024, month=number, day=5)


@pytest.mark.parametrize(
    ("abbreviation", "number"),
    [(a, n) for a, n in VOCAB.month_abbreviations.items() if a not in VOCAB.months],
)
def test_every_month_abbreviation_is_a_date(abbreviation: str, number: int) -> None:
    (fact,) = _kind(f"The law passed on {abbreviation.capitalize()}. 5, 2024, in the end.", "date")
    assert fact.value == DateParts(year=2024, month=number, day=5)


def test_the_extra_abbreviations_are_not_plain_three_letter_ones() -> None:
    assert all(len(a) > 3 for a in RAW["months"]["extra_abbreviations"])


@pytest.mark.parametrize("day", RAW["months"]["weekdays"])
def test_every_weekday_is_a_date(day: str) -> None:
    (fact,) = _kind(f"The law passed on {day.capitalize()}, officials said.", "date")
    assert fact.value == Weekday(index=RAW["months"]["weekdays"].index(day))


@pytest.mark.parametrize(("hedge", "side"), _entries(RAW["date_hedges"]))
def test_every_date_hedge_opens_a_date(hedge: str, side: str) -> None:
    (fact,) = _kind(f"The bridge will open {hedge} 2027, officials said.", "date")
    assert (fact.value, fact.hedge) == (DateParts(year=2027), Hedge(side))


@pytest.mark.parametrize("word", RAW["dates"]["month_context"])
def test_every_month_context_word_makes_a_lone_month_a_date(word: str) -> None:
    assert _kind("The law may pass.", "date") == []
    assert [f.value for f in _kind(f"The law passed {word} May, officials said.", "date")] == [
        DateParts(month=5)
    ]


@pytest.mark.parametrize("word", RAW["dates"]["year_prepositions"])
def test_every_year_preposition_keeps_a_year_before_a_plural(word: str) -> None:
    # Capitalised, so that a date hedge ("before", "by") is not read as part of the date.
    assert _kind("Record 2019 levels held, officials said.", "date") == []
    text = f"{word.capitalize()} 2019 levels held, officials said."
    assert [f.value for f in _kind(text, "date")] == [DateParts(year=2019)]


@pytest.mark.parametrize(("word", "value"), _entries(RAW["clock_words"]))
def test_every_clock_word_is_a_time(word: str, value: str) -> None:
    times = _kind(f"The fire started at {word} on the pier.", "time")
    assert [f.value.key for f in times if isinstance(f.value, TimeOfDay)] == [value]
    assert len(times) == 1


# Roles


@pytest.mark.parametrize(
    ("role", "word"), [(r, w) for r, words in _entries(RAW["roles"]) for w in words]
)
def test_every_role_word_names_the_role_of_an_amount(role: str, word: str) -> None:
    (fact,) = _kind(f"Reporters noted the {word} $5 million on Tuesday.", "money")
    assert fact.role == role


@pytest.mark.parametrize("role", [r for r, _ in _entries(RAW["roles"])])
def test_only_event_roles_name_the_role_of_a_date(role: str) -> None:
    word = RAW["roles"][role][0]
    (fact,) = _kind(f"Reporters noted the {word} on March 8 in the city.", "date")
    assert (fact.role == role) == (role in RAW["role_kinds"]["event"])


@pytest.mark.parametrize("role", RAW["role_kinds"]["weak"])
def test_every_weak_role_gives_way_to_another_role_word(role: str) -> None:
    word = RAW["roles"][role][0]
    (fact,) = _kind(f"The valuation, reporters noted, {word} $5 million.", "money")
    assert fact.role == "valuation"
    (alone,) = _kind(f"Reporters noted it {word} $5 million.", "money")
    assert alone.role == role


@pytest.mark.parametrize("filler", RAW["role_fillers"]["words"])
def test_every_role_filler_lets_the_role_word_after_a_count_win(filler: str) -> None:
    # Without the filler word, "killed" (nearer, before the 3) would name the 3's role too.
    text = f"Officials said 14 were killed and 3 {filler} injured in the blast."
    assert [f.role for f in _kind(text, "number")] == ["dead", "injured"]


@pytest.mark.parametrize("modifier", RAW["counted_noun_modifiers"]["words"])
def test_every_counted_noun_modifier_is_passed_over(modifier: str) -> None:
    (fact,) = _kind(f"Reporters saw 300 {modifier} cottages on the coast.", "number")
    assert fact.role == "of:cottag"


# Names


def _name_kind(text: str, name: str) -> str:
    kinds = [f.kind for f in extract_facts(text) if f.value == name]
    assert len(kinds) == 1, extract_facts(text)
    return kinds[0]


@pytest.mark.parametrize("title", RAW["names"]["titles"])
def test_every_title_makes_a_person(title: str) -> None:
    assert _name_kind("Reporters met the Okonkwo today.", "okonkwo") == "organisation"
    assert _name_kind(f"Reporters met the {title} Okonkwo today.", "okonkwo") == "person"


@pytest.mark.parametrize("cue", RAW["names"]["organisation_cues"])
def test_every_organisation_cue_makes_an_organisation(cue: str) -> None:
    assert _name_kind("Reporters met Okonkwo Wright today.", "okonkwo wright") == "person"
    name = f"okonkwo {cue}"
    assert _name_kind(f"Reporters met Okonkwo {cue.capitalize()} today.", name) == "organisation"


@pytest.mark.parametrize("cue", RAW["names"]["place_cues"])
def test_every_place_cue_makes_a_place(cue: str) -> None:
    assert _name_kind(f"Reporters met Okonkwo {cue.capitalize()} today.", f"okonkwo {cue}") == (
        "place"
    )


@pytest.mark.parametrize("word", RAW["names"]["place_prepositions"])
def test_every_place_preposition_makes_a_place(word: str) -> None:
    assert _name_kind("Reporters met Okonkwo today.", "okonkwo") == "organisation"
    assert _name_kind(f"Reporters went {word} Okonkwo today.", "okonkwo") == "place"


# Attribution and negation


@pytest.mark.parametrize("verb", RAW["attribution"]["speech_verbs"])
def test_every_speech_verb_names_a_speaker(verb: str) -> None:
    facts = _kind(f"The death toll is 1,234, Ortiz {verb}.", "attribution")
    assert [f.value for f in facts] == ["ortiz"]


@pytest.mark.parametrize("cue", RAW["negation"]["cues"])
def test_every_negation_cue_negates_the_next_word(cue: str) -> None:
    facts = _kind(f"The panel {cue} approved the plan.", "negation")
    assert [f.value for f in facts] == ["approv"]


@pytest.mark.parametrize(
    "word",
    RAW["negation"]["false_followers"]["prefixes"]
    + RAW["negation"]["false_followers"]["whole_words"],
)
def test_every_false_follower_cancels_a_negation(word: str) -> None:
    assert _kind("The panel did not approve the plan.", "negation") != []
    assert _kind(f"The panel did not {word} approve the plan.", "negation") == []


@pytest.mark.parametrize("word", RAW["negation"]["skip"])
def test_every_skipped_word_is_passed_over(word: str) -> None:
    # A function word or an -ly adverb is passed over anyway: it needs no entry.
    assert is_content_word(word) and not word.endswith("ly")
    facts = _kind(f"The panel did not {word} approve the plan.", "negation")
    assert [f.value for f in facts] == ["approv"]


@pytest.mark.parametrize("word", RAW["negation"]["negatable_function_words"])
def test_every_negatable_function_word_can_be_negated(word: str) -> None:
    assert not is_content_word(word)
    facts = _kind(f"Officials have not {word} whether it happened.", "negation")
    assert [f.value for f in facts][:1] == [word if word != "says" else "say"]


@pytest.mark.parametrize("word", RAW["modal_stopwords"]["words"])
def test_every_modal_is_a_function_word(word: str) -> None:
    assert word not in FUNCTION_WORDS
    assert not is_content_word(word)


@pytest.mark.parametrize("joiner", RAW["names"]["joiners"])
def test_every_joiner_joins_a_name(joiner: str) -> None:
    name = f"okonkwo {joiner} wright"
    assert _name_kind(f"Reporters met Okonkwo {joiner} Wright today.", name) == "person"


@pytest.mark.parametrize("word", RAW["names"]["not_last"])
def test_no_name_ends_in_a_not_last_word(word: str) -> None:
    text = f"Reporters met Okonkwo {word.capitalize()} here."
    assert _name_kind(text, "okonkwo") == "organisation"


@pytest.mark.parametrize("noun", RAW["label_nouns"]["words"])
def test_every_label_noun_makes_a_number_a_label(noun: str) -> None:
    assert _kind("Reporters read 3 of them.", "number") != []
    assert _kind(f"Reporters read {noun} 3 of them.", "number") == []
