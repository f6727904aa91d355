"""Event concepts: the words news reports use for the same kind of happening.

Two outlets rarely describe an event in the same words: one writes "sued", the other
"filed a case" or "took legal action"; one "departed", the other "parted ways" or
"stepped down".  Each word below adds a concept term to the passage it appears in, so
that such passages share a distinctive term.  The classes are generic news vocabulary
(legal action, leaving, founding, money raised, deaths...), not tied to any one story;
like any other term, a concept that appears in most passages of both articles weighs
little.

>>> sorted(concepts_of(["sued", "lawsuit"]))
['concept:legal']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .normalize import stem

CONCEPTS: dict[str, tuple[str, ...]] = {
    "legal": (
        "sue",
        "sued",
        "suing",
        "lawsuit",
        "lawsuits",
        "suit",
        "suits",
        "litigation",
        "court",
        "courts",
        "legal",
        "case",
        "judge",
        "trial",
        "plaintiff",
        "complaint",
    ),
    "leave": (
        "depart",
        "departed",
        "departure",
        "leave",
        "left",
        "quit",
        "resign",
        "resigned",
        "resignation",
        "split",
        "parted",
        "exit",
        "exited",
        "stepped",
        "ousted",
        "fired",
    ),
    "found": (
        "found",
        "founded",
        "founder",
        "founders",
        "founding",
        "co-founder",
        "cofounder",
        "co-founded",
        "established",
        "establish",
        "created",
        "launched",
        "started",
    ),
    "value": ("valuation", "valued", "worth", "value", "valuable"),
    "invest": (
        "invest",
        "invested",
        "investment",
        "investments",
        "investor",
        "investors",
        "funding",
        "funded",
        "fund",
        "backing",
        "backed",
        "pledged",
        "stake",
    ),
    "acquire": (
        "buy",
        "bought",
        "acquire",
        "acquired",
        "acquisition",
        "bid",
        "offer",
        "offered",
        "takeover",
        "purchase",
        "merger",
    ),
    "profit": (
        "profit",
        "for-profit",
        "profit-driven",
        "profit-making",
        "commercial",
        "commercialization",
        "commercialisation",
        "monetize",
    ),
    "nonprofit": ("nonprofit", "non-profit", "charity", "charitable"),
    "accuse": (
        "accuse",
        "accused",
        "accusing",
        "accusation",
        "allegation",
        "allegations",
        "alleged",
        "alleges",
        "blame",
        "blamed",
        "rebuke",
        "rebuking",
        "criticized",
        "criticised",
        "betray",
        "betrayed",
        "betraying",
    ),
    "contract": (
        "contract",
        "contracts",
        "deal",
        "deals",
        "agreement",
        "memorandum",
        "partnership",
        "partnered",
        "contractor",
    ),
    "death": ("dead", "died", "die", "killed", "kill", "deaths", "death", "fatalities", "toll"),
    "injury": ("injured", "wounded", "hurt", "injuries"),
    "arrest": ("arrest", "arrested", "detained", "custody", "apprehended", "charged"),
    "military": (
        "military",
        "pentagon",
        "defense",
        "defence",
        "army",
        "weapons",
        "weaponry",
        "troops",
        "soldiers",
    ),
    "rival": (
        "rival",
        "rivals",
        "rivalry",
        "competitor",
        "competitors",
        "compete",
        "competing",
        "competition",
    ),
    "restructure": (
        "restructure",
        "restructuring",
        "transition",
        "pivot",
        "shift",
        "convert",
        "conversion",
        "reorganization",
        "reorganisation",
    ),
    "tariff": ("tariff", "tariffs", "duties", "levies", "levy"),
    "border": ("border", "frontier", "crossing", "port"),
    "emergency": ("emergency",),
    "announce": ("announce", "announced", "announcement", "unveiled", "declared"),
}


@lru_cache(maxsize=1)
def _concept_of_stem() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            table[word] = concept
            table[stem(word)] = concept
    return table


def concept_of(word: str) -> str | None:
    """The concept a word (lower-case, or its stem) belongs to, if any."""
    return _concept_of_stem().get(word)


def concepts_of(words: Iterable[str]) -> set[str]:
    """Concept terms ("concept:legal", ...) for the words of a passage."""
    table = _concept_of_stem()
    return {"concept:" + table[word] for word in words if word in table}
