"""Small text helpers shared by the claim extractors: clauses, words, names, sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..facts.words import alternation
from ..normalize import FUNCTION_WORDS, stem
from .types import Source, Span
from .vocabulary import vocabulary

# A clause ends at a semicolon, a colon not inside a time or a label, a sentence end, or a
# dash between spaces; a comma does not end it ("the toll, officials said, rose to 900").
_CLAUSE_END = re.compile(r";|:(?!\d)|(?<=[a-z0-9)]{2})[.!?](?:\s|$)|\s(?:[-–—]|--)\s|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d[\d,.:]*\d|\d")
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.-]*|(?:de|van|von|al|bin|da|del)\b))*")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters of the clause around ``start``..``end``."""
    lo, hi = 0, len(text)
    for boundary_start, boundary_end in _clause_ends(text):
        if boundary_end <= start:
            lo = boundary_end
        elif boundary_start >= end:
            hi = boundary_start
            break
    return lo, hi


@lru_cache(maxsize=4096)
def _clause_ends(text: str) -> tuple[tuple[int, int], ...]:
    """Where each clause end of ``text`` starts and ends: found once per text, not once
    per value whose clause is asked for (several per passage)."""
    return tuple(match.span() for match in _CLAUSE_END.finditer(text))


def words_in(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The words of ``text[start:end]``, one at a time: callers read the first few words
    after a value, rarely the whole clause."""
    return _WORD.finditer(text, start, len(text) if end is None else end)


@lru_cache(maxsize=16384)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning ("the collapsed tower" -> collaps, tower).

    Cached: across two articles the same measure words are asked for every pair of
    figures that could be compared (immutable result, so shared safely)."""
    # Each word lower-cased once (lower case leaves a first digit a digit, a letter not one).
    lowered = (match.group().lower() for match in _WORD.finditer(text))
    return frozenset(
        stem(word) for word in lowered if word not in FUNCTION_WORDS and not word[0].isdigit()
    )


def surname(name: str) -> str:
    """The last word of a name, lower case, without a possessive: "Maria Ortiz's" -> ortiz."""
    tokens = name.replace("’", "'").split()
    return tokens[-1].lower().removesuffix("'s").strip(".,'") if tokens else ""


def find_source(text: str, lo: int, hi: int, *, before_quote: bool = False) -> Source | None:
    """Whom the clause ``lo``..``hi`` attributes what it says to, if anyone.

    "according to police", "the information minister said", "said Ahmed Karimi": the
    speaker's surname or head noun is the key.
    """
    window = text[lo:hi]
    if not _source_cue().search(window):
        return None  # none of the patterns below can match without one of their words
    patterns = _source_patterns()
    if before_quote:
        # 'chairman Colin Ash admitted the club "did not want to sell"': before a quote,
        # the one who speaks stands before the verb; after it comes what is said.
        patterns = (patterns[0], patterns[2], patterns[1])
    after_verb = _source_patterns()[1]
    for pattern in patterns:
        for match in pattern.finditer(window):
            if pattern is after_verb and _OCCASION_OPENER.match(match.group(1)):
                continue  # "said in its statement Monday": an occasion, not the speaker
            if pattern is after_verb and _heard_by(match):
                continue  # "Kovic told reporters": who heard it, not who spoke
            phrase = _speaker_phrase(match.group(1))
            if phrase:
                start = lo + window.find(phrase, match.start(1))
                return Source(surname(phrase), phrase, Span(start, start + len(phrase), phrase))
    return None


def _heard_by(match: re.Match[str]) -> bool:
    """Whether the speech verb of an after-verb match takes a listener ("told")."""
    verb = match.string[match.start() : match.start(1)].strip(" ,").lower()
    return verb in vocabulary().listener_verbs


# After a speech verb, a preposition opens the occasion or the time of the remark ("said
# in a statement", "said on Monday"), not who made it.
_OCCASION_OPENER = re.compile(r"(?:in|on|at|during|after|before|with|to|from|via)\b", re.I)


@lru_cache(maxsize=1)
def _source_cue() -> re.Pattern[str]:
    """The words every source pattern needs ("according to", a speech verb), alone: most
    clauses have none, and searching for them is far cheaper than the patterns, whose
    runs of words before a verb are tried at every position.  Only whether it is found
    counts, so the words' order is free: grouped by first letter (``alternation``), a
    place where no cue starts fails at once."""
    vocab = vocabulary()
    return re.compile(alternation([*vocab.according_to, *vocab.speech_verbs]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _source_patterns() -> tuple[re.Pattern[str], ...]:
    """ "according to X", "said X", "X said": compiled once from the vocabulary."""
    vocab = vocabulary()
    according = "|".join(re.escape(w) for w in vocab.according_to)
    verbs = "|".join(re.escape(w) for w in vocab.speech_verbs)
    return tuple(
        re.compile(pattern, re.IGNORECASE)
        for pattern in (
            rf"\b(?:{according})\s+((?:the\s+)?(?:[\w'’.,-]+\s?){{1,7}})",
            rf"\b(?:{verbs}),?\s+((?:the\s+)?(?:[A-Za-z][\w'’.-]*\s?){{1,5}})",
            rf"((?:the\s+)?(?:[A-Za-z][\w'’.-]*\s){{1,4}})(?:{verbs})\b",
        )
    )


def _speaker_phrase(raw: str) -> str:
    """The speaker words of a match, without leading function words or trailing ones."""
    tokens = raw.strip(" ,.").split()
    if tokens and tokens[0].lower() in ("the", "a", "an"):
        tokens = tokens[1:]
    # "according to (Monday's) figures from the civil protection agency": the speaker is
    # whoever the figures come from.
    data = vocabulary().data_nouns
    for index, token in enumerate(tokens[:3]):
        if token.lower() in data and index + 1 < len(tokens):
            if tokens[index + 1].lower() in ("from", "by", "of"):
                tokens = tokens[index + 2 :]
                if tokens and tokens[0].lower() in ("the", "a", "an"):
                    tokens = tokens[1:]
            break
    # "and chairman Colin Ash admitted": leading function words are not the speaker.
    while tokens and tokens[0].lower() in FUNCTION_WORDS:
        tokens = tokens[1:]
    if not tokens or tokens[0].lower() in vocabulary().not_places:
        return ""  # "said on Tuesday", "said Friday": a time, not a speaker
    while tokens and tokens[-1].lower() in FUNCTION_WORDS:
        tokens = tokens[:-1]
    # The speaker ends at a lower-case word after a name ("Police said 40 people were"):
    # a verb or an object, not part of who spoke; but a title may stand between
    # capitals ("Chief executive Martin Brennock", "Varena coach Ruben Salas").
    kept = [tokens[0]]
    for index, token in enumerate(tokens[1:], start=1):
        if kept[-1].endswith((",", ".")) or token[:1].isdigit():
            break
        if token.lower() in FUNCTION_WORDS:
            break
        if kept[-1][:1].isupper() and token[:1].islower() and not _title_before_name(tokens, index):
            break
        kept.append(token)
    phrase = " ".join(kept).strip(" ,.")
    return phrase if _is_speaker(phrase) else ""


def _title_before_name(tokens: list[str], index: int) -> bool:
    """ "executive" in "Chief executive Martin Brennock": role nouns, then a name."""
    nouns = vocabulary().speaker_nouns
    for token in tokens[index:]:
        if token[:1].isupper():
            return True
        if token.strip(",.").lower() not in nouns:
            return False
    return False


_NOT_SPEAKERS = re.compile(r"(?:U\.S\.|U\.K\.|U\.N\.)$")


def _is_speaker(phrase: str) -> bool:
    """A name, or a noun phrase headed by a speaker noun ("the county fire chief"); not a
    weekday, a lone adjective ("Provincial") or a clause ("whether ships")."""
    vocab = vocabulary()
    words = phrase.split()
    if not words:
        return False
    head = words[-1].lower().removesuffix("'s").removesuffix("’s")
    if head in vocab.speaker_nouns:
        return True
    capitals = [w for w in words if w[:1].isupper()]
    if not capitals or words[-1][:1].islower():
        return False
    if len(words) == 1:
        word = words[0]
        if word.lower() in vocab.not_places or _NOT_SPEAKERS.match(word):
            return False
        if word.lower().endswith(("al", "ial", "ern", "ese", "ish")) and word.lower() not in (
            vocab.speaker_nouns
        ):
            return False  # "Provincial", "Federal", "Western": an adjective, not a name
    return True


def names_in(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Runs of capitalised words in ``lo``..``hi`` that are not a sentence opener."""
    found = []
    for match in _NAME.finditer(text, lo, hi):
        at_start = match.start() == 0 or text[
            max(0, match.start() - 2) : match.start()
        ].strip() in (
            ".",
            "!",
            "?",
            '"',
            "“",
        )
        first = match.group().split()[0].lower()
        if at_start and (
            first in FUNCTION_WORDS
            or (len(match.group().split()) == 1 and not _plain_name(text, match))
        ):
            continue
        found.append(match)
    return found


def _plain_name(text: str, match: re.Match[str]) -> bool:
    """A single capitalised word opening a sentence is a name only when its form says so:
    a capital inside it ("OpenAI", "xAI"), a possessive ("Musk's"), or a relative clause
    about it ("Anthropic, which makes ...")."""
    word = match.group()
    if any(c.isupper() for c in word[1:]) or word.endswith(("'s", "’s")):
        return True
    return re.match(r",\s+(?:which|who)\b", text[match.end() : match.end() + 8]) is not None


def clause_names(text: str, start: int, end: int) -> frozenset[str]:
    """The name words of the clause around ``start``..``end``, lower case ("mattis")."""
    lo, hi = clause_bounds(text, start, end)
    vocab = vocabulary()
    # Months, weekdays and zones are capitalised but name no one whose event it is.
    ignore = vocab.not_places | set(vocab.time_zones)
    words = (
        word.lower().removesuffix("'s").removesuffix("’s").strip(",.'’")
        for match in names_in(text, lo, hi)
        for word in match.group().split()
    )
    return frozenset(word for word in words if word and word not in ignore)


_TITLE_CASE_SHARE = 0.6  # share of capitalised words above which a text is a headline


def title_case(text: str) -> bool:
    """A headline in Title Case, where capitals do not mark names."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitalised / len(words) > _TITLE_CASE_SHARE
