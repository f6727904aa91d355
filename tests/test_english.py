"""core.english reads wordfreq's list itself: every value must be wordfreq's own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import iter_wordlist, zipf_frequency

from core import english

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_every_word_of_the_sample_articles_has_wordfreqs_value() -> None:
    words = {
        w
        for path in CORPUS.glob("*.txt")
        for w in re.findall(r"[\w'’-]+", path.read_text(encoding="utf-8"))
    }
    words |= {w.lower() for w in words}
    assert len(words) > 1000
    differ = {w: (english.zipf(w), zipf_frequency(w, "en")) for w in words}
    assert {w: v for w, v in differ.items() if v[0] != v[1]} == {}


def test_words_from_every_part_of_the_list_have_wordfreqs_value() -> None:
    # Every 97th word of the whole list: common, rare and everything between.
    sample = [w for i, w in enumerate(iter_wordlist("en")) if i % 97 == 0]
    assert len(sample) > 3000
    assert [w for w in sample if english.zipf(w) != zipf_frequency(w, "en")] == []


def test_numbers_abbreviations_and_elisions_have_wordfreqs_value() -> None:
    words = [
        "u.s",
        "6.1",
        "b.0",
        "covid-19",
        "2019",
        "1850s",
        "f-35",
        "magnitude-6.1",
        "we're",
        "we’re",
        "o'hare",
        "l'arc",
        "1,500",
        "mb604ll",
        "001b",
        "cuộc",
    ]
    assert [w for w in words if english.zipf(w) != zipf_frequency(w, "en")] == []


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z]{1,14}|[a-z0-9.,'’-]{1,12}|[A-Za-z0-9'’é-]{1,10}", fullmatch=True))
def test_any_word_has_wordfreqs_value(word: str) -> None:
    assert english.zipf(word) == zipf_frequency(word, "en")


def test_a_comparison_does_not_import_wordfreq_or_scipy() -> None:
    """The point of the module: wordfreq (and langcodes) stay out of plain lookups; and
    articles of ordinary length are aligned on dense arrays, without scipy.sparse."""
    code = (
        "import sys\n"
        "from core.compare import compare\n"
        "from core.model import Document\n"
        "from core.settings import Settings\n"
        "compare(Document('The quake killed 41 people in Arlen.'),\n"
        "        Document('At least 41 people died in the Arlen earthquake.'),\n"
        "        settings=Settings())\n"
        "print('wordfreq' in sys.modules, 'langcodes' in sys.modules, 'scipy' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False", "False"]
