"""A person's age is the measure "age", compared only between two ages of one named person.

News gives ages everywhere ("Cesar Sayoc, 56,", "the 57-year-old", "aged 40"), mostly of
different people in one story: a number read as "arrests: 56 ≠ 57" or set against a
bystander's age is a false alarm.  Invented sentences; each trap beside a guard.
"""

from __future__ import annotations

import pytest
from conftest import judged

from core.claims import QuantityClaim, extract_claims
from core.claims.vocabulary import raw_sections
from core.settings import Settings

SETTINGS = Settings()
AGES = raw_sections()["ages"]


def _ages(text: str) -> list[QuantityClaim]:
    return [c for c in extract_claims(text) if isinstance(c, QuantityClaim) and c.measure == "age"]


@pytest.mark.parametrize("words", AGES["after"])
def test_every_word_after_a_number_makes_it_an_age(words: str) -> None:
    (claim,) = _ages(f"Police said the 41{words} Tomas Brell was detained.")
    assert claim.amount.value == 41
    assert claim.scope is not None and claim.scope.key == "brell"


@pytest.mark.parametrize("word", AGES["before"])
def test_every_word_before_a_number_makes_it_an_age(word: str) -> None:
    (claim,) = _ages(f"The driver, Tomas Brell, {word} 41, was detained.")
    assert claim.amount.value == 41


@pytest.mark.parametrize("preposition", AGES["place_prepositions"])
def test_a_number_after_a_place_is_no_age(preposition: str) -> None:
    assert _ages(f"Officials said {preposition} Kessa, 41, were hurt.") == []


def test_a_number_between_commas_after_a_name_is_an_age() -> None:
    (claim,) = _ages("Tomas Brell, 41, of Westbrook, was detained on Monday.")
    assert claim.amount.value == 41 and claim.time is None
    too_old = AGES["apposition_max"] + 1
    assert _ages(f"Tomas Brell, {too_old}, of Westbrook, was detained.") == []


def test_one_persons_two_ages_clash_with_whose_age_it_is() -> None:
    verdict = judged(
        "Tomas Brell, 41, of Westbrook, was detained on Monday.",
        "Police detained Tomas Brell, 43, in Kessa.",
    )
    assert [c.explanation for c in verdict.conflicts] == ["age (Tomas Brell): 41 ≠ 43"]


def test_two_peoples_ages_are_not_compared() -> None:
    verdict = judged(
        "Lena Ortiz, 35, said she had walked for a month.",
        "Marco Diaz crossed with his 18-year-old brother, Luis Diaz.",
    )
    assert verdict.conflicts == ()


def test_an_age_of_no_named_person_is_not_compared() -> None:
    # "the 43-year-old" may be the same man; nothing in the sentence says so.
    verdict = judged(
        "Tomas Brell, 41, of Westbrook, was detained on Monday.",
        "The 43-year-old was detained in Kessa.",
    )
    assert verdict.conflicts == ()


def test_an_age_that_agrees_does_not_make_the_link_agree() -> None:
    # The same age, and the two sentences say opposite things about what he did.
    verdict = judged(
        "Tomas Brell, 41, will leave the council in May.",
        "Tomas Brell, 41, had said he would stay on the council.",
    )
    assert [p.relation for p in verdict.claim_pairs] == ["agree"]
    assert verdict.status == "related"


def test_the_fact_table_gives_no_row_to_an_age_of_no_named_person() -> None:
    from core.model import Document
    from core.story import build_story

    table = build_story(
        [
            Document(title="A", text="Tomas Brell, 41, of Westbrook, was detained on Monday."),
            Document(title="B", text="The 43-year-old was detained in Westbrook on Monday."),
        ],
        settings=SETTINGS,
    )
    ages = [row for row in table.rows if row.measure == "age"]
    assert [[cell.value for cell in row.cells] for row in ages] == [["41"]]
