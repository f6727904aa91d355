"""An aligned pair of passages judged: do they agree, contradict, or merely relate?"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Conflict, LinkStatus, Settings


@dataclass(frozen=True)
class Verdict:
    """The status of a pair and, when they contradict, the conflicting facts.

    Conflict spans index the two texts given to ``judge``.
    """

    status: LinkStatus
    conflicts: tuple[Conflict, ...] = ()


def judge(left_text: str, right_text: str, *, score: float, settings: Settings) -> Verdict:
    """Judge a linked pair from its texts and its same-event score."""
    return Verdict("agree" if score >= settings.agree_threshold else "related")
