"""The facts found so far in one text, shared by the extractors of each kind."""

from __future__ import annotations

from .model import Fact


class Collector:
    """Facts found so far in one (normalised) text, and the characters they cover.

    Extractors run in a fixed order (times, dates, quantities, ...) and a value claims its
    characters, so that "2024" in "May 3, 2024" is not also read as a count.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.facts: list[Fact] = []
        self._taken = bytearray(len(text))

    def copy(self) -> Collector:
        """Another collector with the same facts and taken characters, to add to apart."""
        other = Collector.__new__(Collector)
        other.text, other.facts, other._taken = self.text, list(self.facts), self._taken[:]
        return other

    def free(self, start: int, end: int) -> bool:
        return not any(self._taken[start:end])

    def add(self, fact: Fact, *, claim: bool = True) -> None:
        self.facts.append(fact)
        if claim:
            self._taken[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
