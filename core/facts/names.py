"""People, organisations and places named in a passage, and who a statement is put to."""

from __future__ import annotations

import re
from functools import cache

from ..english import zipf
from ..model import FactKind
from .collector import Collector
from .dates import MONTHS, WEEKDAYS
from .model import Fact
from .vocabulary import facts_vocabulary
from .words import STOPWORDS, is_content_word, words

_VOCAB = facts_vocabulary()


# Runs of capitalised words, with a few lower-case joiners inside ("Bank of America").
@cache
def _name_re() -> re.Pattern[str]:
    joiners = "|".join(re.escape(joiner) for joiner in _VOCAB.name_joiners)
    return re.compile(
        r"(?:(?:[A-Z][a-z]{0,3}\.\s)?[A-Z][\w'&.-]*[\w&]"
        rf"(?:\s(?:{joiners})\s(?=[A-Z]))?\s?)+"
        r"|\b[A-Z]\b"
    )


_TITLES = _VOCAB.titles
_ORG_CUES = _VOCAB.organisation_cues
_PLACE_CUES = _VOCAB.place_cues
_PLACE_PREPOSITIONS = _VOCAB.place_prepositions
_SPEECH_VERBS = "|".join(re.escape(verb) for verb in _VOCAB.speech_verbs)


@cache
def _attribution_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<after>(?:[A-Z][\w'.-]+\s?){{1,4}})\s(?:{_SPEECH_VERBS})\b"
        rf"|\b(?:{_SPEECH_VERBS})\s(?:(?:the\s)?(?:[a-z]+\s){{0,2}})?(?P<before>(?:[A-Z][\w'.-]+\s?){{1,4}})"
        rf"|\baccording to\s(?:(?:the\s)?(?:[a-z]+\s){{0,2}})?(?P<acc>(?:[A-Z][\w'.-]+\s?){{1,4}})"
    )


_QUOTE_RE = re.compile(r'"([^"]{12,})"')


def find_names(found: Collector) -> None:
    text = found.text
    for match in _name_re().finditer(text):
        start, end = match.start(), match.end()
        raw = text[start:end].rstrip()
        # "AI-generated", "Musk-who" (an em dash made plain): the name ends at the dash.
        glued = re.search(r"-[a-z]", raw)
        raw = raw[: glued.start()] if glued else raw
        end = start + len(raw)
        tokens = raw.split()
        # A capitalised sentence opener ("The", "But", "Its") is not a name.
        while tokens and _is_common_opener(text, start, tokens[0]):
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        while tokens and tokens[-1].lower() in _VOCAB.not_last_in_name:
            end -= len(tokens[-1]) + 1
            tokens = tokens[:-1]
        if not tokens or not found.free(start, end):
            continue
        name = " ".join(tokens)
        if name.endswith("'s"):
            end -= 2
            name = name[:-2]
        value = _name_value(name)
        if not value or len(value) < 2:
            continue
        kind = _name_kind(text, start, end, tokens)
        fact = Fact(kind=kind, text=text[start:end], value=value, start=start, end=end)
        found.add(fact, claim=False)


def _is_common_opener(text: str, start: int, token: str) -> bool:
    lower = token.lower().removesuffix("'s").rstrip(".,")
    if lower in MONTHS or lower in WEEKDAYS or lower in _TITLES:
        return lower not in _TITLES or start == 0 or text[start - 2 : start].strip() in '.!?"'
    at_sentence_start = start == 0 or text[max(0, start - 2) : start].strip() in (
        ".",
        "!",
        "?",
        '"',
        "-",
        ":",
    )
    if lower in STOPWORDS:
        return True
    return at_sentence_start and zipf(lower) >= 4.0 and lower not in _ORG_CUES


def _name_value(name: str) -> str:
    tokens = [t for t in name.lower().replace("'s", "").split() if t.rstrip(".") not in _TITLES]
    return " ".join(tokens).strip(" .'-")


def _name_kind(text: str, start: int, end: int, tokens: list[str]) -> FactKind:
    lowered = [t.lower().rstrip(".,") for t in tokens]
    before = text[max(0, start - 24) : start].lower().split()
    if any(t in _ORG_CUES for t in lowered) or all(t.isupper() and len(t) > 1 for t in tokens):
        return "organisation"
    if any(t in _PLACE_CUES for t in lowered) or re.match(r",\s[A-Z][a-z]+\b", text[end:]):
        return "place"
    if before and before[-1].rstrip(".") in _TITLES:
        return "person"
    if before and before[-1] in _PLACE_PREPOSITIONS and len(tokens) <= 2:
        return "place"
    return "person" if len(tokens) >= 2 else "organisation"


def find_attributions(found: Collector) -> None:
    """Who a statement is put in the mouth of: value = speaker's surname, role = the quote."""
    text = found.text
    quotes = _QUOTE_RE.findall(text)
    quote_key = _quote_key(max(quotes, key=len)) if quotes else "statement"
    for match in _attribution_re().finditer(text):
        group = match.lastgroup or ""
        speaker = match.group(group).strip().rstrip(".,'")
        tokens = [t for t in speaker.split() if t.lower().rstrip(".") not in _TITLES]
        tokens = [t for t in tokens if t.lower() not in STOPWORDS]
        if not tokens or tokens[-1].lower() in MONTHS or tokens[-1].lower() in WEEKDAYS:
            continue
        start = match.start(group) + speaker.find(tokens[0])
        end = match.start(group) + speaker.rfind(tokens[-1]) + len(tokens[-1])
        surname = tokens[-1].lower().removesuffix("'s")
        fact = Fact(
            kind="attribution",
            text=text[start:end],
            value=surname,
            start=start,
            end=end,
            role=quote_key,
        )
        found.add(fact, claim=False)


def _quote_key(quote: str) -> str:
    content = [w for _, _, w in words(quote) if is_content_word(w)]
    return "quote:" + " ".join(content)
