"""Event concepts: the words news reports use for the same kind of happening.

Two outlets rarely describe an event in the same words: one writes "sued", the other
"filed a case" or "took legal action"; one "departed", the other "parted ways" or
"stepped down".  Each word below adds a concept term to the passage it appears in, so
that such passages share a distinctive term.  The classes are generic news vocabulary
(legal action, leaving, founding, money raised, deaths...), not tied to any one story;
like any other term, a concept that appears in most passages of both articles weighs
little.

>>> concept_of("sued"), concept_of("lawsuit")
('legal', 'legal')
"""

from __future__ import annotations

from functools import lru_cache

CONCEPTS: dict[str, tuple[str, ...]] = {
    "legal": (
        "sue",
        "sued",
        "sues",
        "suing",
        "lawsuit",
        "lawsuits",
        "litigation",
        "court",
        "courts",
        "legal",
        "judge",
        "trial",
        "plaintiff",
        "plaintiffs",
    ),
    "leave": (
        "depart",
        "departed",
        "departs",
        "departure",
        "leave",
        "leaves",
        "leaving",
        "quit",
        "quits",
        "resign",
        "resigned",
        "resigns",
        "resigning",
        "resignation",
        "parted",
        "exit",
        "exited",
        "ousted",
    ),
    "found": (
        "founded",
        "founder",
        "founders",
        "founding",
        "co-founder",
        "cofounder",
        "co-founded",
        "established",
        "establish",
    ),
    "value": ("valuation", "valued"),
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
    "death": ("dead", "died", "die", "killed", "kill", "deaths", "death", "fatalities"),
    "injury": ("injured", "wounded", "hurt", "injuries"),
    "arrest": ("arrest", "arrested", "detained", "custody", "apprehended"),
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
}


@lru_cache(maxsize=1)
def _concept_of_stem() -> dict[str, str]:
    table: dict[str, str] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            table[word] = concept
    return table


def concept_of(word: str) -> str | None:
    """The concept a lower-case word belongs to, if any.

    Exact word forms only, never stems: the stem of "founded" is "found", which is also
    the past of "find".
    """
    return _concept_of_stem().get(word)
