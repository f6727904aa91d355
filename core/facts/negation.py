"""Negations: "did not approve", "non-profit".  A fact per negated word."""

from __future__ import annotations

import re
from functools import cache

from ..normalize import stem
from .collector import Collector
from .model import Fact
from .vocabulary import facts_vocabulary
from .words import WORD_RE, is_content_word

_VOCAB = facts_vocabulary()


@cache
def _negation_re() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<cue>{'|'.join(re.escape(cue) for cue in _VOCAB.negation_cues)})\b"
        r"|\b(?P<prefix>non)-(?=[a-z])",
        re.IGNORECASE,
    )


# "not only ... but", "not just", "whether or not": a negation word that negates nothing.
@cache
def _false_negation_re() -> re.Pattern[str]:
    return re.compile(
        "(?:"
        + "|".join(re.escape(start) for start in _VOCAB.false_negation_prefixes)
        + "|"
        + "|".join(rf"{re.escape(word)}\b" for word in _VOCAB.false_negation_words)
        + ")",
        re.IGNORECASE,
    )


# Words between a negation and the word it negates ("has not yet been", "did not even").
_NEGATION_SKIP = _VOCAB.negation_skip
# Function words that can still be what a negation denies ("haven't said whether").
_NEGATABLE_FUNCTION_WORDS = _VOCAB.negatable_function_words


def find_negations(found: Collector) -> None:
    """A negation fact per negated word: value and role are the negated word's stem."""
    text = found.text
    for match in _negation_re().finditer(text):
        if match.group("prefix"):
            word = re.match(r"[a-z]+", text[match.end() :])
            if not word:
                continue
            target_start = match.end()
            target = word.group()
        else:
            if _false_negation_re().match(text, match.end() + 1):
                continue
            located = _negated_word(text, match.end())
            if located is None:
                continue
            target_start, target = located
        end = target_start + len(target)
        negated = stem(target)
        fact = Fact(
            kind="negation",
            text=text[match.start() : end],
            value=negated,
            start=match.start(),
            end=end,
            role=negated,
        )
        found.add(fact, claim=False)


def _negated_word(text: str, position: int) -> tuple[int, str] | None:
    """The first content word within four words after a negation cue."""
    for count, match in enumerate(WORD_RE.finditer(text, position)):
        if count >= 4 or re.search(r"[,;:.!?]", text[position : match.start()]):
            return None
        word = match.group().lower()
        # Function words and adverbs stand between a negation and what it negates ("is not
        # now the head", "has not yet been taken").
        if (
            word in _NEGATION_SKIP
            or word.endswith("ly")
            or (not is_content_word(word) and word not in _NEGATABLE_FUNCTION_WORDS)
        ):
            continue
        return (match.start(), word)
    return None
