"""Polarity claims: a decision or outcome about an object, and which way it went.

"struck down the law" and "upheld the law" are the two sides of one decision; a negation
just before the decision words flips it ("did not approve" = rejected).  The antonym
pairs are data (vocabulary.json, "polarity").
"""

from __future__ import annotations

import re

from ..facts import Fact
from .text import clause_bounds, content_stems
from .types import PolarityClaim, Span
from .vocabulary import vocabulary

_OBJECT_WORDS = 5  # words after (or before, in the passive) the decision that name its object
# "Camping is banned", "camping remains allowed": the decision's object stands before it.
_PASSIVE = re.compile(
    r"\s*(?:was|were|has been|have been|had been|is|are|been"
    r"|remains|remain|remained|stays|stay|stayed)\s*$"
)


def polarity_claims(text: str, facts: tuple[Fact, ...] = ()) -> list[PolarityClaim]:
    """Every decision of ``text`` with its object; ``facts`` (the text's) give the time a
    stance is stated for."""
    vocab = vocabulary()
    claims = []
    for match in vocab.polarity.pattern.finditer(text):
        decision, _, sign = (vocab.polarity.key(match.group()) or "").partition(":")
        if not decision or _in_a_name(text, match.start()):
            continue
        positive = (sign == "+") != _negated(text, match.start())
        object_text = _object(text, match)
        key = content_stems(object_text)
        if not key:
            continue
        claims.append(
            PolarityClaim(
                span=Span(match.start(), match.end(), match.group()),
                decision=decision,
                positive=positive,
                object_key=key,
                object_text=object_text,
                when=stance_time(text, facts, match.start()),
                asserted=not unasserted(text, match.start()),
                frame=frame(text, match.start()),
            )
        )
    return claims


def _in_a_name(text: str, start: int) -> bool:
    """A capitalised decision word inside a sentence is part of a name ("the Rose Garden",
    "Cut Bank"), not the verb."""
    before = text[:start].rstrip().rstrip("\"'“‘(")
    return text[start].isupper() and bool(before) and before[-1] not in ".!?:;"


def _negated(text: str, start: int) -> bool:
    """A negation in the three words before the decision ("did not approve")."""
    vocab = vocabulary()
    before = text[max(0, start - 24) : start]
    return any(
        not before[m.end() :].strip() or len(before[m.end() :].split()) <= 1
        for m in vocab.negations.pattern.finditer(before)
    )


def _object(text: str, match: re.Match[str]) -> str:
    """What the decision is about: the words after it, or before it in the passive."""
    lo, hi = clause_bounds(text, match.start(), match.end())
    before = text[lo : match.start()]
    passive = _PASSIVE.search(before)
    if passive:
        words = before[: passive.start()].split()[-_OBJECT_WORDS:]
        return " ".join(words)
    after = re.split(r"[,;:()]| by | in | on | after | because ", text[match.end() : hi])[0]
    return " ".join(after.split()[:_OBJECT_WORDS])


_UNASSERTED_REACH = 5  # words before a denial or a statement searched for a request or condition
_CLAUSE_BREAK = re.compile(r"[,;:!?()—–]")  # not ".": "urged Mr. Trump not to"
_INFINITIVE = re.compile(r"(?:not|never)\s+to\s", re.IGNORECASE)


def unasserted(text: str, start: int, written: str = "") -> bool:
    """Whether the word at ``start`` (``written``: the negation and the word, when the
    negation comes first) is no statement of fact: it follows a condition or a relative
    pronoun in its clause ("if they pass", "migrants who don't pass"), or it is what
    someone asked for ("urged him not to declare", "urged him to declare")."""
    window = text[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    tail = " ".join(window.split()[-_UNASSERTED_REACH:])
    vocab = vocabulary()
    found = list(vocab.unasserting.pattern.finditer(tail))
    kinds = {vocab.unasserting.key(m.group()) for m in found}
    if "condition" in kinds:
        return True
    if any(
        vocab.unasserting.key(m.group()) == "relative" and _generic(tail[: m.start()])
        for m in found
    ):
        return True
    infinitive = bool(_INFINITIVE.match(written)) or tail.lower().endswith(("not to", " to"))
    return "request" in kinds and infinitive


def _generic(before: str) -> bool:
    """Whether the words before a relative pronoun name a group generically: "anyone",
    "migrants", "people" with no determiner before them ("the judges" is a named group)."""
    words = before.lower().split()
    if not words:
        return False
    noun = words[-1]
    if noun in ("anyone", "anybody", "everyone", "everybody", "someone", "those"):
        return True
    determined = len(words) > 1 and words[-2] in vocabulary().determiners
    return noun.endswith("s") and not noun.endswith("ss") and not determined


def stance_time(text: str, facts: tuple[Fact, ...], position: int) -> str:
    """When the passage says a stance held: the stated date or period ("Thursday", "for
    weeks") nearest the word at ``position``, as written; "" when it states none."""
    found = [(f.start, f.text) for f in facts if f.kind == "date"]
    periods = vocabulary().stance_periods.pattern.finditer(text)
    found += [(m.start(), m.group()) for m in periods]
    if not found:
        return ""
    return min(found, key=lambda item: abs(item[0] - position))[1]


def changed_stance(when_a: str, when_b: str) -> bool:
    """Whether a stance word stated for ``when_a`` and for ``when_b`` changed over time
    rather than clashed: two different times, one of them a period ("for weeks",
    "initially").  Two plain dates of one decision stay a clash: outlets that give a
    ruling two days disagree at least about the day."""
    if not (when_a and when_b) or when_a.lower() == when_b.lower():
        return False
    periods = vocabulary().stance_periods
    return any(periods.key(when) is not None for when in (when_a, when_b))


_FRAME_WORDS = 3  # words before a decision that say whose it is and how it is framed


def frame(text: str, start: int) -> tuple[str, ...]:
    """The last few words before ``start``, negations and auxiliaries left out: two
    passages that deny and state a word in the same frame ("if anyone has encouraged",
    "if anyone has not encouraged") are one sentence edited, whatever the frame is."""
    words = [w.lower().replace("’", "'") for w in text[max(0, start - 80) : start].split()]
    skips = vocabulary().frame_skips
    return tuple([w for w in words if w not in skips][-_FRAME_WORDS:])
