"""Files, bytes, URLs and pasted text in; Documents out.

Supported: plain text and Markdown (any encoding, detected), HTML pages saved from a
browser (the article's main text is extracted, menus/ads/comments dropped), PDF and Word
``.docx``.  Mojibake is repaired and every repair is written down in ``Source.repairs``.
Every problem a user can cause (missing file, empty, binary, damaged, too large, unknown
encoding, unreachable URL) becomes a :class:`LoadError` whose message names the file.

>>> doc = load_text("Musk sued OpenAI\\nHe did so in 2024.")
>>> (doc.title, doc.source.format)
('Musk sued OpenAI', 'clipboard')
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import logging
import os
import re
import threading
import time
import unicodedata
import urllib.parse
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

# Defined apart (see core.files) and exported here, where every caller has found them.
from .files import LoadError as LoadError
from .files import NotAFileError as NotAFileError
from .files import one_line as _one_line
from .files import open_regular_file as open_regular_file
from .model import Document, Source
from .segment import is_furniture, is_heading

if TYPE_CHECKING:
    # ftfy (with wcwidth), charset-normalizer and the email package are imported where they
    # are used, ~0.1 s in all: `pairs` opens its file of rows through this module and needs
    # none of them; a text file needs ftfy only for a line that is not printable ASCII,
    # charset-normalizer only when it is not UTF-8, the email package only for MHTML.
    import charset_normalizer
    import ftfy

# A file larger than this is not an article.  20 MiB leaves room for a PDF or .docx full of
# photos; a plain-text article is rarely over 100 KB.  It also bounds memory and UI time.
MAX_BYTES = 20 * 1024 * 1024
# The text extracted from any format may not exceed this many characters (about 150,000
# words, a long book): beyond it the comparison would take minutes and it is not an article.
MAX_TEXT_CHARS = 1_000_000
# A .docx is a ZIP archive; refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A .docx's main part (word/document.xml) may be at most this large: 32 MiB of markup holds
# far more than MAX_TEXT_CHARS of text, and parsing more would take minutes and gigabytes.
MAX_DOCX_XML_BYTES = 32 * 1024 * 1024
# ... and hold at most this many tags ("<"): each becomes an object of ~250 bytes in
# memory; a 300-page book has about 500,000.
MAX_DOCX_XML_TAGS = 1_000_000
# The page content streams of a PDF, decoded, may add up to at most this many bytes (a
# page of text takes 5-200 KB; a stream shared by many pages counts once per page) ...
MAX_PDF_CONTENT_BYTES = 16 * 1024 * 1024
# ... and one page that shows text at most this many: reading its text takes about 4 s a MB.
MAX_PDF_PAGE_BYTES = 1024 * 1024
# A web page may have at most this many elements (tags), scripts and styles not counted:
# a long article has a few thousand, and extraction takes about 0.1 ms per element.
MAX_HTML_ELEMENTS = 100_000
# A web page whose text outside its tags (indentation, menus and all) is more than this
# many times MAX_TEXT_CHARS is refused before it is parsed.
MAX_HTML_TEXT_FACTOR = 4
# Reading a PDF, .docx or web page stops with a LoadError after this many seconds.
MAX_PARSE_SECONDS = 15.0
# A decoded text file in which more than this share of characters are control characters
# is binary data that some 8-bit code page happened to accept.
MAX_CONTROL_SHARE = 0.01
# How much of the start of a file is inspected to recognise its format.
_SNIFF_BYTES = 4096

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
SUPPORTED = "text, Markdown, HTML, PDF or Word .docx"


# ================================================================ public entry points


def load_path(path: str | os.PathLike[str]) -> Document:
    """Read a file from disk into a Document (format recognised from name and content)."""
    name = os.fspath(path)
    if not name:
        raise LoadError("no file name was given")
    if not os.path.lexists(name):
        raise LoadError(f"{name}: no such file")
    if os.path.isdir(name):
        raise LoadError(f"{name}: is a folder, not a file")
    if not os.path.exists(name):
        raise LoadError(f"{name}: is a broken link (its target does not exist)")
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise LoadError(_too_large(name, size))
        with open_regular_file(name) as handle:
            data = handle.read(MAX_BYTES + 1)
    except NotAFileError as error:
        raise LoadError(f"{name}: {error.kind}, not a file ({SUPPORTED})") from error
    except OSError as error:
        raise LoadError(f"{name}: cannot be read ({error.strerror or error})") from error
    return load_bytes(data, name=name)


def load_bytes(data: bytes, *, name: str) -> Document:
    """Turn the bytes of a file into a Document; ``name`` is its path (for messages too)."""
    content = _extract(data, name=name, suffix=_suffix(name), declared=None)
    return _document(content, data, path=name, url=None)


def load_text(text: str, *, name: str = "Clipboard") -> Document:
    """Text pasted from the clipboard (or typed) as a Document."""
    _check_length(text, name)
    fixed, repairs = repair_text(text)
    if not fixed.strip():
        raise LoadError(f"{name}: there is no text to compare")
    content = _Content(fixed, _text_title(fixed), "clipboard", None, repairs)
    data = text.encode("utf-8", errors="surrogatepass")
    return _document(content, data, path=None, url=None)


def load_url(url: str, *, timeout: float = 10.0, max_bytes: int = MAX_BYTES) -> Document:
    """Fetch a web page (http or https only) and load it like a file of its content type.

    The whole download must finish within ``timeout`` seconds and ``max_bytes`` bytes; the
    page's own resources (scripts, images, style sheets) are never fetched.
    """
    from .web import fetch  # the web modules (~0.03 s) only for a URL

    data, content_type = fetch(url, timeout=timeout, max_bytes=max_bytes)
    declared = _charset_of(content_type)
    path_suffix = _suffix(urllib.parse.urlsplit(url).path)
    suffix = _suffix_for_type(content_type) or path_suffix or ".html"
    content = _extract(data, name=url, suffix=suffix, declared=declared)
    return _document(content, data, path=None, url=url)


def load_any(location: str) -> Document:
    """A URL if ``location`` starts with http:// or https://, else a path."""
    if location.strip().lower().startswith(("http://", "https://")):
        return load_url(location.strip())
    return load_path(location)


# ======================================================================== internals


@dataclass(frozen=True)
class _Content:
    """What a format reader found: the text to show, a title, and how it got there."""

    text: str
    title: str | None
    format: str
    encoding: str | None
    repairs: tuple[str, ...]
    outlet: str | None = None
    published: str | None = None


def _document(content: _Content, data: bytes, *, path: str | None, url: str | None) -> Document:
    source = Source(
        path=path,
        url=url,
        sha256=hashlib.sha256(data).hexdigest(),
        loaded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        format=content.format,
        encoding=content.encoding,
        repairs=content.repairs,
        outlet=content.outlet,
        published=content.published,
    )
    return Document(text=content.text, title=content.title, source=source)


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


_T = TypeVar("_T")


class _Budget:
    """The time a reader may take; readers call :meth:`check` as they go."""

    def __init__(self, name: str, what: str, seconds: float) -> None:
        self.name = name
        self.what = what
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = threading.Event()

    def message(self) -> str:
        return (
            f"{self.name}: reading the {self.what} took longer than {self.seconds:g} seconds; "
            "it is too large or too complex to be an article"
        )

    def check(self) -> None:
        if self.expired.is_set() or time.monotonic() > self.deadline:
            self.expired.set()
            raise LoadError(self.message())


def _within_budget(name: str, what: str, work: Callable[[_Budget], _T]) -> _T:
    """``work(budget)``, stopped with a LoadError after ``MAX_PARSE_SECONDS``.

    The work runs on a helper thread so that the caller gets its answer in time even
    while a library is busy in a long call; the work also checks the budget as it goes
    and stops soon after it is spent.
    """
    budget = _Budget(name, what, MAX_PARSE_SECONDS)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work(budget)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=run, name=f"factcompare-read-{what}", daemon=True)
    worker.start()
    worker.join(MAX_PARSE_SECONDS)
    if worker.is_alive():
        budget.expired.set()
        raise LoadError(budget.message())
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


# Modules the readers import -> the name to install them by.
_PIP_NAMES = {"docx": "python-docx", "lxml_html_clean": "lxml_html_clean"}


def _missing_package(name: str, what: str, error: ImportError) -> LoadError:
    """One line naming the package a reader needs and cannot import."""
    if "lxml_html_clean" in str(error):  # lxml's message when its cleaner is not installed
        module = "lxml_html_clean"
    else:
        module = (error.name or "").split(".")[0] or "a library"
    package = _PIP_NAMES.get(module, module)
    return LoadError(
        f"{name}: cannot read {what}: the Python package '{package}' is missing "
        f"(install it with: pip install {package})"
    )


def _too_large(name: str, size: int) -> str:
    return (
        f"{name}: too large for an article ({size / 2**20:.1f} MB; "
        f"the limit is {MAX_BYTES // 2**20} MB)"
    )


# Formats that are recognisably not articles, by their first bytes ("magic numbers").
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-style Office document (.doc); save it as .docx or PDF first",
    ),
    (b"SQLite format 3\x00", "a database"),
    (b"OggS", "an audio or video file"),
    (b"ID3", "an MP3 audio file"),
    (b"{\\rtf", "an RTF document; save it as .docx or plain text first"),
)


def _extract(data: bytes, *, name: str, suffix: str, declared: str | None) -> _Content:
    """Recognise the format of ``data`` and hand it to the right reader."""
    if len(data) > MAX_BYTES:
        raise LoadError(_too_large(name, len(data)))
    if not data.strip():
        raise LoadError(f"{name}: the file is empty")
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in data[:1024]:
        content = _pdf(data, name)
    elif head.startswith(b"PK\x03\x04"):
        content = _docx(data, name)
    elif suffix == ".pdf":
        raise LoadError(f"{name}: is named .pdf but is not a PDF (damaged or mislabelled)")
    elif suffix == ".docx":
        raise LoadError(
            f"{name}: is named .docx but is not a Word document (damaged or mislabelled)"
        )
    else:
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise LoadError(f"{name}: is {what}, not an article ({SUPPORTED})")
        content = _textual(data, name=name, suffix=suffix, declared=declared)
    _check_length(content.text, name)
    if not content.text.strip():
        raise LoadError(f"{name}: contains no text to compare")
    return content


def _too_long(name: str) -> str:
    return f"{name}: the text is too long for an article (over {MAX_TEXT_CHARS:,} characters)"


def _check_length(text: str, name: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(_too_long(name))


def _textual(data: bytes, *, name: str, suffix: str, declared: str | None) -> _Content:
    """Text, Markdown, HTML or a saved web archive (.mhtml), all of which decode as text."""
    if suffix in MHTML_SUFFIXES or data[:_SNIFF_BYTES].lstrip().lower().startswith(
        (b"from: <saved by", b"mime-version:")
    ):
        html, encoding = _mhtml_html(data, name)
        return _html(html, name=name, encoding=encoding)
    html_hint = suffix in HTML_SUFFIXES
    if (
        not html_hint
        and len(data) > 4 * MAX_TEXT_CHARS
        and not _looks_like_html(data[:_SNIFF_BYTES].decode("latin-1"))
    ):
        # Even UTF-32 takes at most 4 bytes a character: too long before decoding anything.
        raise LoadError(_too_long(name))
    text, encoding = decode(data, name=name, declared=declared or _meta_charset(data))
    if html_hint or (suffix not in TEXT_SUFFIXES + MARKDOWN_SUFFIXES and _looks_like_html(text)):
        return _html(text, name=name, encoding=encoding)
    _check_length(text, name)  # before the repairs, which take a while on long texts
    if suffix in MARKDOWN_SUFFIXES:
        return _markdown(text, encoding=encoding)
    fixed, repairs = repair_text(text)
    fixed, header = text_header(fixed)
    if not header:
        return _Content(fixed, _text_title(fixed), "text", encoding, repairs)
    note = (
        "the header lines (Title:, Source:, Date:) were read as the title and source, not as text"
    )
    return _Content(
        fixed,
        header.get("title") or _text_title(fixed),
        "text",
        encoding,
        (*repairs, note),
        outlet=header.get("source"),
        published=header.get("date"),
    )


# ======================================================================= encodings

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with.

    A byte-order mark decides first, then valid UTF-8 (which other text almost never is by
    chance), then an encoding the file declares, then charset-normalizer's detection.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name), encoding
            except UnicodeDecodeError as error:
                raise LoadError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark "
                    "but is not valid text in that encoding"
                ) from error
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), name), "utf-8"
        except UnicodeDecodeError:
            pass
        if declared:
            try:
                return _checked(data.decode(declared), name), codecs.lookup(declared).name
            except (LookupError, ValueError):
                pass  # a wrong, unknown or malformed declaration ("x\0y"): detect instead
    import charset_normalizer

    best = _best_guess(charset_normalizer.from_bytes(data))
    if best is None:
        if b"\x00" in data[:_SNIFF_BYTES]:
            raise LoadError(f"{name}: looks like a binary file, not text ({SUPPORTED})")
        raise LoadError(
            f"{name}: the text encoding could not be recognised (save it as UTF-8 and try again)"
        )
    encoding = codecs.lookup(best.encoding).name
    if b"\x00" in data and not encoding.startswith(("utf-16", "utf-32")):
        raise LoadError(f"{name}: looks like a binary file, not text ({SUPPORTED})")
    return _checked(str(best), name), encoding


# Guesses whose "chaos" (charset-normalizer's measure of how garbled a decoding looks) is
# within this of the best guess are close enough that the words decide between them.
CHAOS_MARGIN = 0.1
# At most this many distinct non-ASCII words are looked up when words decide.
_WORDS_TO_CHECK = 200
# charset-normalizer's language names -> wordfreq's codes (languages of 8-bit code pages).
_WORDFREQ_LANGUAGES = {
    "English": "en",
    "French": "fr",
    "German": "de",
    "Spanish": "es",
    "Italian": "it",
    "Portuguese": "pt",
    "Dutch": "nl",
    "Swedish": "sv",
    "Danish": "da",
    "Norwegian": "nb",
    "Finnish": "fi",
    "Polish": "pl",
    "Czech": "cs",
    "Slovak": "sk",
    "Hungarian": "hu",
    "Romanian": "ro",
    "Croatian": "sh",
    "Slovene": "sl",
    "Latvian": "lv",
    "Lithuanian": "lt",
    "Russian": "ru",
    "Ukrainian": "uk",
    "Bulgarian": "bg",
    "Greek": "el",
    "Turkish": "tr",
    "Hebrew": "he",
    "Arabic": "ar",
    "Vietnamese": "vi",
    "Catalan": "ca",
    "Icelandic": "is",
    "Persian": "fa",
}
_C1_CONTROL = re.compile("[\x80-\x9f]")
# A word with a non-ASCII letter, or two words joined by a non-ASCII character (the
# apostrophe of "Trump’s", which a wrong code page turns into a letter or a symbol).
_NON_ASCII_WORD = re.compile(
    r"\w*[^\x00-\x7f\W]\w*(?:['’]\w+)?|\w+['’\u0080-\u00ff\u0100-\u024f]\w+"
)


def _best_guess(
    matches: charset_normalizer.CharsetMatches,
) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best guess, unless a near-equal guess reads as real words.

    Its ranking alone reads some English windows-1252 articles as the DOS Baltic code page
    (cp775), turning "Trump’s" into "TrumpŁs": the two look equally clean to it.  Among
    guesses that look about as clean, the one whose non-ASCII words are commonest in the
    languages detected (wordfreq) wins; ties keep charset-normalizer's order.
    """
    best = matches.best()
    if best is None:
        return None
    close = [m for m in matches if m.chaos <= best.chaos + CHAOS_MARGIN][:6]
    if len(close) < 2 or any(m.encoding.startswith(("utf", "ascii")) for m in close):
        return best
    scores = [_word_score(str(m), m.languages) for m in close]
    return close[max(range(len(close)), key=lambda i: (scores[i], -i))]


def _word_score(text: str, languages: list[str]) -> float:
    from wordfreq import zipf_frequency

    codes = {"en"} | {
        _WORDFREQ_LANGUAGES[name] for name in languages[:3] if name in _WORDFREQ_LANGUAGES
    }
    sample = text[:50_000]
    if _C1_CONTROL.search(sample):
        return -1.0  # C1 controls are bytes a code page left undefined: a misreading
    words = list(dict.fromkeys(_NON_ASCII_WORD.findall(sample)))[:_WORDS_TO_CHECK]
    if not words:
        return 0.0
    total = sum(
        max(zipf_frequency(word, code) for code in codes) if _one_script(word) else 0.0
        for word in words
    )
    return total / len(words)


def _one_script(word: str) -> bool:
    """Whether a word's letters are of one script; mixed ones ("Trumpﺑs") are misreadings,
    though wordfreq would happily score them by their parts."""
    scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word if c.isalpha()}
    return len(scripts) <= 1


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters: binary data, not an article."""
    sample = text[:100_000]
    if len(_MAYBE_CONTROL.findall(sample)) <= MAX_CONTROL_SHARE * len(sample):
        return text  # even if every character that might be one were a control: too few
    controls = sum(
        1
        for char in sample
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r\f\v"
    )
    if sample and controls > MAX_CONTROL_SHARE * len(sample):
        raise LoadError(f"{name}: looks like a binary file, not text ({SUPPORTED})")
    return text


# Every character that can be a control (category Cc, Cs, Co or Cn) other than the five
# allowed: anything but printable ASCII and those five.  Counting these bounds the controls
# from above at C speed; the exact count (a Python loop) runs only when the bound is high.
_MAYBE_CONTROL = re.compile(r"[^\x20-\x7e\t\n\r\x0b\x0c]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _meta_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


# ================================================================ repairing mojibake


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with mojibake and stray control characters repaired, and notes on what changed.

    ftfy fixes the common cases (UTF-8 read as windows-1252 or Latin-1).  It does not
    consider UTF-8 read as the Baltic code page windows-1257, so that case has its own
    targeted repair, :func:`repair_baltic_mojibake`.  Correct text is returned unchanged.
    """
    text, runs = stream_safe(text)
    if runs:
        fixed, repairs = _repair_text(text)
        note = f"broke {runs} run(s) of more than {MAX_COMBINING_RUN} combining marks"
        return fixed, (*repairs, note)
    return _repair_text(text)


# Unicode's "stream-safe text format" (UAX #15): at most this many combining marks in a
# row.  Normalising a longer run takes quadratic time (a million marks: hours).
MAX_COMBINING_RUN = 30
_GRAPHEME_JOINER = "\u034f"  # invisible, and ends a run of marks for normalisation


@lru_cache(maxsize=1)
def _long_mark_run() -> re.Pattern[str]:
    """A run of more than MAX_COMBINING_RUN characters that combine with what precedes."""
    ranges: list[str] = []
    start = previous = -2
    for code in range(0x20000):  # no character beyond plane 1 combines (ccc > 0)
        if 0xD800 <= code <= 0xDFFF or not unicodedata.combining(chr(code)):
            continue
        if code != previous + 1:
            if start >= 0:
                ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
        previous = code
    ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
    return re.compile(f"[{''.join(ranges)}]{{{MAX_COMBINING_RUN + 1},}}")


def stream_safe(text: str) -> tuple[str, int]:
    """``text`` with a combining grapheme joiner (U+034F, invisible) after every
    MAX_COMBINING_RUN marks of a longer run, and how many runs were broken.

    >>> stream_safe("a" + "\u0301" * 31)[0].count("\u034f")
    1
    """

    def cut(match: re.Match[str]) -> str:
        run = match.group()
        pieces = [run[i : i + MAX_COMBINING_RUN] for i in range(0, len(run), MAX_COMBINING_RUN)]
        return _GRAPHEME_JOINER.join(pieces)

    if not _NON_LATIN_RUN.search(text):
        return text, 0  # no run of characters long enough, let alone of combining marks
    return _long_mark_run().subn(cut, text)


# Every combining mark is at U+0300 or above (tests/test_engine_fast_paths.py checks the
# Unicode database): a long run of marks is a long run of such characters, which this
# simple range finds ~15x faster than the class of marks (and without building it).
_NON_LATIN_RUN = re.compile(f"[^\\x00-\\u02ff]{{{MAX_COMBINING_RUN + 1},}}")


def _repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    # The Baltic repair goes first: ftfy half-recognises that misreading and, taking the
    # space after a quote whose last byte was lost for a lost 0xA0 byte, turns "ā€ " into
    # a dagger (†) instead of a closing quote.
    text, baltic = repair_baltic_mojibake(text)
    lines = text.splitlines(keepends=True)
    fixed_lines: list[str] = []
    steps: Counter[str] = Counter()
    for line in lines:
        if line.isascii() and line.removesuffix("\n").isprintable():
            fixed_lines.append(line)  # printable ASCII: nothing for ftfy to repair
            continue
        fixed_line, notes = _ftfy_line(line)
        fixed_lines.append(fixed_line)
        steps.update(notes)
    fixed = "".join(fixed_lines)
    repairs = [f"{note} ({count} line{'s' if count > 1 else ''})" for note, count in steps.items()]
    if baltic.sequences:
        repairs.append(baltic.note())
    return fixed, tuple(repairs)


@lru_cache(maxsize=8192)
def _ftfy_line(line: str) -> tuple[str, tuple[str, ...]]:
    """ftfy's repair of one line, and a note for each step it took that a reader should
    know of.  Remembered: a line recurs (wire copy in both articles, a repeated paragraph,
    the same file loaded again), and ftfy takes ~0.1 ms a line."""
    import ftfy  # here: a text of printable ASCII alone never needs it (see the imports)

    explained = ftfy.fix_and_explain(line, config=_ftfy_config())
    notes = (_ftfy_note(step.action, step.parameter) for step in explained.explanation or ())
    return explained.text, tuple(note for note in notes if note)


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    import ftfy

    # Conservative ftfy settings: repair broken encodings and control characters, but leave
    # anything that may be intended alone (curly quotes, full-width forms, HTML entities in
    # text), so that correct articles load exactly as written.
    return ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=True,
        normalization="NFC",
    )


def _ftfy_note(action: str, parameter: str) -> str | None:
    if action == "encode":
        return f"repaired mojibake (text had been misread as {parameter})"
    if action == "decode":
        return None  # the "encode" step above already describes the repair
    if action in ("apply", "transcode"):
        readable = {
            "fix_line_breaks": "normalised line breaks",
            "remove_control_chars": "removed invisible control characters",
            "fix_c1_controls": "replaced stray C1 control characters",
            "fix_latin_ligatures": "split typographic ligatures (ﬁ → fi)",
            "restore_byte_a0": "restored non-breaking spaces lost in mojibake",
            "replace_lossy_sequences": "marked characters lost in mojibake with �",
            "decode_inconsistent_utf8": "repaired mojibake inside otherwise correct text",
            "fix_surrogates": "repaired broken UTF-16 surrogate characters",
            "remove_terminal_escapes": "removed terminal colour codes",
        }
        return readable.get(parameter, f"applied ftfy's {parameter}")
    if action == "normalize":
        return None  # NFC only changes how a character is stored, not what is shown
    return f"{action} {parameter}"


@dataclass(frozen=True)
class BalticRepair:
    """What :func:`repair_baltic_mojibake` changed: each repaired sequence and its fix."""

    sequences: tuple[tuple[str, str], ...] = ()  # (as found, as repaired)
    lost_quotes: int = 0  # closing quotes restored after their last byte had been lost

    def note(self) -> str:
        unique = list(dict(self.sequences).items())[:3]
        examples = ", ".join(f"'{bad}' → '{good}'" for bad, good in unique)
        note = (
            f"repaired {len(self.sequences)} characters of UTF-8 text misread as "
            f"windows-1257 (e.g. {examples})"
        )
        if self.lost_quotes:
            note += f"; {self.lost_quotes} of them were closing quotes whose last byte was lost"
        return note


@lru_cache(maxsize=1)
def _baltic_tables() -> tuple[dict[str, int], dict[str, int]]:
    """Character → byte for UTF-8 lead bytes and continuation bytes, as misread.

    The misreading being undone decodes each byte with windows-1257 and, for the bytes that
    code page leaves undefined, windows-1252.  The same character can come from two bytes
    (Š is 0xD0 in 1257 and 0x8A in 1252), so leads and continuations get separate tables:
    the position in a UTF-8 sequence says which byte it was.
    """
    leads: dict[str, int] = {}
    continuations: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        char = _misread(byte)
        if char is None:
            continue
        table = continuations if byte < 0xC0 else leads
        table.setdefault(char, byte)
    return leads, continuations


def _misread(byte: int) -> str | None:
    for codec in ("cp1257", "cp1252"):
        try:
            return bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
    return None


@lru_cache(maxsize=1)
def _baltic_pattern() -> re.Pattern[str]:
    leads, continuations = _baltic_tables()

    def chars(low: int, high: int) -> str:
        return "".join(re.escape(c) for c, b in leads.items() if low <= b <= high)

    cont = "[" + "".join(re.escape(c) for c in continuations) + "]"
    e2, x80 = _misread(0xE2), _misread(0x80)
    return re.compile(
        f"[{chars(0xC2, 0xDF)}]{cont}"
        f"|[{chars(0xE0, 0xEF)}]{cont}{{2}}"
        f"|[{chars(0xF0, 0xF4)}]{cont}{{3}}"
        # U+201D (”) is E2 80 9D; its 0x9D byte is lost in this misreading, which leaves
        # "ā€" followed by something that cannot continue the sequence.
        f"|{re.escape(e2 or '')}{re.escape(x80 or '')}(?!{cont})"
    )


# Characters a repaired sequence may turn into: Latin letters (Western and Central
# European, Vietnamese), common punctuation and symbols.  Greek, Cyrillic and rarer Latin
# letters are excluded on purpose: an all-capitals Latvian or Lithuanian word followed by a
# closing quote ("PILĪ”") is valid UTF-8 when re-encoded and would turn into a Greek letter.
_PLAUSIBLE = re.compile(
    "[\u00a0-\u017f\u01a0\u01a1\u01af\u01b0\u0300-\u0323\u1ea0-\u1ef9"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u2150\u2190-\u2199]"
)
_LOST_QUOTE = "\u201d"


def repair_baltic_mojibake(text: str) -> tuple[str, BalticRepair]:
    """Undo UTF-8 that was misread as windows-1257 (with windows-1252 for its gaps).

    Each candidate is one UTF-8 sequence as misread ("ā€œ" for “, "į»§" for ủ).  It is
    replaced only if its bytes decode strictly as UTF-8 to a plausible character and the
    repair does not make the text look worse by ftfy's own measure; everything else is left
    exactly as it was.

    >>> repair_baltic_mojibake("a ā€œquoteā€ here")[0]
    'a “quote” here'
    """
    pattern = _baltic_pattern()
    if not pattern.search(text):
        return text, BalticRepair()
    # A quote whose last byte was lost ("ā€" alone) is only repaired in a text that shows
    # the misreading unambiguously elsewhere: a whole three- or four-byte sequence.
    evidence = any(
        len(match.group()) > 2 and _decoded(match.group()) for match in pattern.finditer(text)
    )
    found: list[tuple[str, str]] = []
    lost = 0
    previous_end = -1

    def fix(match: re.Match[str]) -> str:
        nonlocal lost, previous_end
        misread = match.group()
        follows_mojibake = match.start() == previous_end
        previous_end = match.end()
        if len(misread) == 2 and not follows_mojibake and _after_capital(text, match):
            return misread
        repaired = _decoded(misread)
        if repaired is None and evidence and _is_lost_quote(misread):
            repaired = _LOST_QUOTE
            lost += 1
        if repaired is None:
            return misread
        found.append((misread, repaired))
        return repaired

    repaired_text = pattern.sub(fix, text)
    if not found or _looks_worse(repaired_text, text):
        return text, BalticRepair()
    return repaired_text, BalticRepair(tuple(found), lost)


def _looks_worse(repaired: str, text: str) -> bool:
    """Whether ftfy's badness of ``repaired`` exceeds that of ``text``, measured on the
    changed lines (with a line of context either side) rather than on the whole text: the
    unchanged lines count the same on both sides, and badness is a count of short matches.
    """
    import ftfy.badness

    old_lines, new_lines = text.split("\n"), repaired.split("\n")
    if len(old_lines) != len(new_lines):
        return bool(ftfy.badness.badness(repaired) > ftfy.badness.badness(text))
    pairs = enumerate(zip(old_lines, new_lines, strict=True))
    changed = [i for i, (old, new) in pairs if old != new]
    difference = 0
    start = 0
    while start < len(changed):
        end = start
        while end + 1 < len(changed) and changed[end + 1] <= changed[end] + 3:
            end += 1  # windows that would touch or overlap are measured as one
        first, last = max(changed[start] - 1, 0), changed[end] + 2
        difference += ftfy.badness.badness("\n".join(new_lines[first:last]))
        difference -= ftfy.badness.badness("\n".join(old_lines[first:last]))
        start = end + 1
    return difference > 0


def _decoded(misread: str) -> str | None:
    """The character a misread UTF-8 sequence stood for, if it decodes to a plausible one."""
    leads, continuations = _baltic_tables()
    raw = bytes([leads[misread[0]]] + [continuations[c] for c in misread[1:]])
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return repaired if _PLAUSIBLE.fullmatch(repaired) else None


def _is_lost_quote(misread: str) -> bool:
    leads, continuations = _baltic_tables()
    return (
        len(misread) == 2
        and leads.get(misread[0]) == 0xE2
        and continuations.get(misread[1]) == 0x80
    )


def _after_capital(text: str, match: re.Match[str]) -> bool:
    """Whether a two-character candidate ends an all-capitals word (then it is left alone).

    Capital Baltic letters followed by punctuation ("JĀ”", "Ä“") are the valid text most
    likely to look like a two-byte UTF-8 sequence; real mojibake of a two-byte character
    (à read as "Ć\\xa0") rarely follows a capital letter.
    """
    before = text[match.start() - 1] if match.start() else ""
    return before.isupper() and match.group()[0].isupper()


# =========================================================================== titles


# Header lines at the top of a plain-text file: "Title: ...", "Source: ...", "Date: ...".
_HEADER_LINE = re.compile(
    r"(title|headline|source|outlet|url|date|published|updated)[ \t]*:[ \t]*(\S.*?)[ \t]*$",
    re.IGNORECASE,
)
_HEADER_FIELD = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "url": "source",
    "date": "date",
    "published": "date",
    "updated": "date",
}


def text_header(text: str) -> tuple[str, dict[str, str]]:
    """The text without its header lines, and what they said (title, source, date).

    Only consecutive lines at the very top count, and only when one of them is a Title: or
    Source: line.  They are metadata, not text; but a headline is also the article's first
    claim (a toll, a fee, an outcome), so the title stays as the first line of the text,
    without its "Title:" label, where it is compared like any other heading.

    >>> text_header("Title: Dam opens\\nSource: Quay Courier\\n\\nThe dam opened.")
    ('Dam opens\\n\\nThe dam opened.', {'title': 'Dam opens', 'source': 'Quay Courier'})
    """
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    header: dict[str, str] = {}
    end = first
    while end < len(lines):
        match = _HEADER_LINE.fullmatch(lines[end].strip())
        if not match or _HEADER_FIELD[match.group(1).lower()] in header:
            break
        header[_HEADER_FIELD[match.group(1).lower()]] = match.group(2)
        end += 1
    if "title" not in header and "source" not in header:
        return text, {}
    body = "\n".join(lines[end:]).lstrip("\n")
    return (f"{header['title']}\n\n{body}" if "title" in header else body), header


def _text_title(text: str) -> str | None:
    """The first line that is not page furniture, if it reads as a heading."""
    for line in text.splitlines():
        line = line.strip()
        if not line or is_furniture(line):
            continue
        return line if is_heading(line) else None
    return None


# ========================================================================= markdown

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MD_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_QUOTE = re.compile(r"^ {0,3}> ?", re.M)
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.M)


def _markdown(text: str, *, encoding: str | None) -> _Content:
    """Markdown shown as the text a reader sees: markup removed, headings on their own line."""
    fixed, repairs = repair_text(text)
    title_match = _MD_HEADING.search(fixed)
    plain = _MD_FENCE.sub("", fixed)
    plain = _MD_RULE.sub("", plain)
    plain = _MD_HEADING.sub(r"\1", plain)
    plain = _MD_IMAGE.sub("", plain)
    plain = _MD_LINK.sub(r"\1", plain)
    plain = _MD_STRONG.sub(r"\2", plain)
    plain = _MD_EMPHASIS.sub(r"\1", plain)
    plain = _MD_QUOTE.sub("", plain)
    title = title_match.group(1).strip() if title_match else _text_title(plain)
    return _Content(plain, title or None, "markdown", encoding, repairs)


# ============================================================================= HTML

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.I | re.S,
)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:_SNIFF_BYTES]))


def _html(html: str, *, name: str, encoding: str | None) -> _Content:
    """The article inside a web page: main text and title, without menus, ads or comments.

    trafilatura works on the string it is given: it does not run scripts and does not
    fetch the page's images, frames or style sheets (tests check that no socket opens).
    """
    try:
        with warnings.catch_warnings():
            # trafilatura's downloader tries urllib3's SOCKS proxy support, whose import
            # warns when PySocks is absent; nothing here downloads, so it is noise.
            warnings.filterwarnings("ignore", message="SOCKS support in urllib3")
            import trafilatura  # imported here: it takes a second to import, only HTML needs it
    except ImportError as error:
        raise _missing_package(name, "web pages", error) from error
    elements, text_chars = _page_size(html, max_elements=MAX_HTML_ELEMENTS)
    if elements > MAX_HTML_ELEMENTS:
        raise LoadError(
            f"{name}: the web page is too complex for an article (over "
            f"{MAX_HTML_ELEMENTS:,} elements)"
        )
    if text_chars > MAX_HTML_TEXT_FACTOR * MAX_TEXT_CHARS:
        # menus, captions and indentation aside, its text cannot fit MAX_TEXT_CHARS
        raise LoadError(_too_long(name))

    def extract(budget: _Budget) -> tuple[str, str | None, list[str]]:
        repairs: list[str] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trafilatura's own deprecations are not ours
            result = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                favor_precision=True,
            )
            budget.check()
            text = getattr(result, "text", None) or ""
            title = getattr(result, "title", None)
            if not text.strip():
                # Too little for trafilatura to call an article: keep all the page's text.
                text = trafilatura.html2txt(html) or ""
                if text.strip():
                    repairs.append(
                        "the page's main text could not be told apart from its "
                        "menus; all of its text was kept"
                    )
        return text, title if isinstance(title, str) else None, repairs

    try:
        text, title, repairs = _within_budget(name, "web page", extract)
    except LoadError:
        raise
    except ImportError as error:  # a library trafilatura needs only when it runs
        raise _missing_package(name, "web pages", error) from error
    except MemoryError as error:
        raise LoadError(f"{name}: the web page is too large to read") from error
    except Exception as error:  # noqa: BLE001 - lxml, htmldate and trafilatura raise many
        # types (even AssertionError) on pages they cannot parse
        why = _one_line(error) if str(error).strip() else "its markup could not be parsed"
        raise LoadError(f"{name}: the web page could not be read ({why})") from error
    _check_length(text, name)
    title = _clean_title(title) or _clean_title(_title_tag(html))
    fixed, more = repair_text(text)
    repairs.extend(more)
    if title:
        fixed_title, title_repairs = repair_text(title)
        title = fixed_title
        first = next((line.strip() for line in fixed.splitlines() if line.strip()), "")
        if first != title:
            # The headline is part of what the article claims: keep it in the compared text.
            fixed = f"{title}\n{fixed}"
    return _Content(fixed, title, "html", encoding, tuple(repairs))


_TAG_START = re.compile(r"<(?:(script|style)\b|(!--)|(/?[A-Za-z]|[!?]))", re.I)


def _page_size(html: str, *, max_elements: int) -> tuple[int, int]:
    """How many elements (start tags) a page has, counted up to ``max_elements`` + 1, and
    how many characters lie outside tags, scripts, styles and comments (its text, roughly):
    one pass, however the page is built."""
    lower = html.lower()
    elements = text = position = 0
    while elements <= max_elements and (match := _TAG_START.search(html, position)):
        text += match.start() - position
        raw, comment, tag = match.groups()
        if raw:  # skip to the end of the closing tag; unclosed: to the end of the page
            close = lower.find(f"</{raw.lower()}", match.end())
            close = html.find(">", close) if close >= 0 else -1
        elif comment:
            close = html.find("-->", match.end())
            close = close + 2 if close >= 0 else -1
        else:
            close = html.find(">", match.end())
            if tag and tag[0].isalpha():
                elements += 1
        if close < 0:
            return elements, text
        position = close + 1
    if elements <= max_elements:
        text += len(html) - position
    return elements, text


def _title_tag(html: str) -> str | None:
    match = _TITLE_TAG.search(html)
    if not match:
        return None
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    return title or None


def _mhtml_html(data: bytes, name: str) -> tuple[str, str | None]:
    """The HTML page inside a web archive (.mhtml), as saved by Chrome and Edge."""
    try:
        import email
        import email.policy

        message = email.message_from_bytes(data, policy=email.policy.default)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes) and payload.strip():
                    declared = _usable_charset(part.get_content_charset()) or _meta_charset(payload)
                    return decode(payload, name=name, declared=declared)
    except LoadError:
        raise
    except (ValueError, LookupError, TypeError, AttributeError, IndexError) as error:
        # the email package raises these on damaged headers and parts
        raise LoadError(f"{name}: the web archive is damaged ({_one_line(error)})") from error
    raise LoadError(f"{name}: the web archive holds no web page")


def _usable_charset(charset: str | None) -> str | None:
    """A declared charset that can name an encoding at all (no NUL, quotes or spaces)."""
    if charset and re.fullmatch(r"[A-Za-z0-9_.:-]{1,40}", charset):
        return charset
    return None


# ============================================================================== PDF


def _pdf(data: bytes, name: str) -> _Content:
    """The text of a PDF, with its hard-wrapped lines joined back into paragraphs."""
    try:
        import pypdf
    except ImportError as error:
        raise _missing_package(name, "PDF files", error) from error

    if b"%%EOF" not in data[-2048:]:
        raise LoadError(
            f"{name}: the PDF is incomplete (cut off before its end); download or save it again"
        )
    problems: list[str] = []  # what pypdf logged while it read the pages' content

    def read(budget: _Budget) -> tuple[list[str], object]:
        with warnings.catch_warnings(), _pypdf_log() as log:
            warnings.simplefilter("ignore")  # pypdf warns about harmless oddities
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise LoadError(f"{name}: the PDF is protected by a password")
            del log[:]  # a repaired cross-reference table is not a reason to refuse
            pages = _pdf_pages(reader, name, budget)
            problems.extend(log)
            meta_title = reader.metadata.title if reader.metadata else None
        return pages, meta_title

    try:
        pages, meta_title = _within_budget(name, "PDF", read)
    except LoadError:
        raise
    except MemoryError as error:
        raise LoadError(f"{name}: the PDF is too large to read") from error
    except Exception as error:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise LoadError(
            f"{name}: the PDF is damaged and cannot be read ({_one_line(error)})"
        ) from error
    raw = "\n\n".join(pages)
    if not raw.strip() and problems:
        raise LoadError(
            f"{name}: the PDF is damaged: the content of its pages cannot be read "
            f"({_one_line(problems[0])})"
        )
    if not raw.strip():
        raise LoadError(
            f"{name}: the PDF has no text layer (a scanned image?); "
            "it would need text recognition first"
        )
    usable_title = _usable_pdf_title(meta_title)
    bodies, removed = strip_page_furniture(pages)
    fixed, repairs = repair_text(join_pages(bodies))
    if removed:
        repairs = (
            *repairs,
            f"{removed} page header/footer line(s) removed (dates, addresses, "
            "page numbers, text repeated on every page)",
        )
    text = reflow(fixed, title=usable_title)
    title = usable_title or _text_title(text)
    return _Content(text, title, "pdf", None, repairs)


# Lines a browser prints at the top or bottom of each page of a saved web page: the date and
# time (and the page title after it), the address, the page number ("1/2", "Page 1 of 3").
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.IGNORECASE
)
_ADDRESS = re.compile(
    r"(?:(?:https?|file)://\S+|about:blank|www\.\S+\.\S+)(?:\s+\d{1,4}\s*/\s*\d{1,4})?",
    re.IGNORECASE,
)
_PRINT_DATE = re.compile(
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s.*)?"
)
# How many lines at the top and at the bottom of a page may be page furniture.
_PAGE_EDGE = 3


def strip_page_furniture(pages: list[str]) -> tuple[list[str], int]:
    """Each page's text without its header and footer lines; and how many lines went.

    A line among the first or last few of a page goes when it has the form of a page number,
    a web address or a browser's print date, or when (digits aside) it is repeated at the
    top or bottom of another page.

    >>> strip_page_furniture(["3/1/25, 9:05 AM Dam opens\\nThe dam\\nhttps://x.example/dam 1/2",
    ...                       "3/1/25, 9:05 AM Dam opens\\nopened.\\nhttps://x.example/dam 2/2"])
    (['The dam', 'opened.'], 4)
    """
    split = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]
    edges: dict[str, int] = {}
    for lines in split:
        zone = set(lines[:_PAGE_EDGE]) | set(lines[-_PAGE_EDGE:])
        for key in {_edge_key(line) for line in zone}:
            edges[key] = edges.get(key, 0) + 1
    repeated = {key for key, count in edges.items() if count >= 2} if len(split) > 1 else set()

    def furniture(line: str) -> bool:
        return bool(
            _edge_key(line) in repeated
            or _PAGE_NUMBER.fullmatch(line)
            or _ADDRESS.fullmatch(line)
            or _PRINT_DATE.fullmatch(line)
        )

    bodies: list[str] = []
    removed = 0
    for lines in split:
        first, last = 0, len(lines)
        while first < min(_PAGE_EDGE, last) and furniture(lines[first]):
            first += 1
        while last > max(first, len(lines) - _PAGE_EDGE) and furniture(lines[last - 1]):
            last -= 1
        removed += first + len(lines) - last
        bodies.append("\n".join(lines[first:last]))
    return bodies, removed


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def join_pages(pages: list[str]) -> str:
    """Pages joined so that a sentence running on to the next page is one sentence again:
    a page whose text stops mid-sentence continues on the next line; else a new paragraph."""
    text = ""
    for page in (page for page in pages if page.strip()):
        if not text:
            text = page
        elif re.search(r"""[.!?…:]["'”’)\]]*$""", text):
            text += "\n\n" + page
        else:
            text += "\n" + page
    return text


def _pdf_pages(reader: Any, name: str, budget: _Budget) -> list[str]:
    """The text of each page, within the time budget, MAX_PDF_PAGE_BYTES of content for a
    page that shows text, MAX_PDF_CONTENT_BYTES for all pages (a stream shared by many
    pages counts for each) and MAX_TEXT_CHARS of text."""
    pages: list[str] = []
    content_bytes = 0
    chars = 0
    operations = 0

    def check(*_: object) -> None:  # pypdf calls it before each operator of a large page
        nonlocal operations
        operations += 1
        if operations % 512 == 0:
            budget.check()

    for number, page in enumerate(reader.pages, start=1):
        budget.check()
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        content_bytes += len(data)
        if content_bytes > MAX_PDF_CONTENT_BYTES:
            raise LoadError(
                f"{name}: the PDF's pages hold too much content for an article (over "
                f"{MAX_PDF_CONTENT_BYTES // 2**20} MB of drawing instructions)"
            )
        shows_text = _PDF_TEXT_OPERATOR.search(data) is not None
        if shows_text and len(data) > MAX_PDF_PAGE_BYTES:
            raise LoadError(
                f"{name}: page {number} of the PDF holds too much content to read as an "
                f"article ({len(data) / 2**20:.1f} MB of drawing instructions; the limit is "
                f"{MAX_PDF_PAGE_BYTES // 2**20} MB a page)"
            )
        large = shows_text and len(data) > _PDF_LARGE_PAGE
        text = page.extract_text(visitor_operand_before=check if large else None) or ""
        chars += len(text)
        if chars > MAX_TEXT_CHARS:
            raise LoadError(_too_long(name))
        pages.append(text)
    return pages


# An operator that shows text (Tj, TJ, ' or "), roughly: used only to decide which
# pages are worth the checks below.
_PDF_TEXT_OPERATOR = re.compile(rb"T[jJ]|['\"]")
# Pages with more content than this check the time budget while their text is read.
_PDF_LARGE_PAGE = 64 * 1024


class _PypdfLog(logging.Handler):
    """Collects pypdf's log messages for the thread reading a PDF, instead of letting them
    reach stderr beside our own message (a logger with a handler is never printed by
    Python's last-resort handler)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        messages = getattr(self.local, "messages", None)
        if messages is not None:
            with contextlib.suppress(Exception):
                messages.append(record.getMessage())


_PYPDF_LOG = _PypdfLog()
logging.getLogger("pypdf").addHandler(_PYPDF_LOG)


@contextlib.contextmanager
def _pypdf_log() -> Iterator[list[str]]:
    """What pypdf logs on this thread while the block runs."""
    messages: list[str] = []
    _PYPDF_LOG.local.messages = messages
    try:
        yield messages
    finally:
        _PYPDF_LOG.local.messages = None


def _usable_pdf_title(title: object) -> str | None:
    """The PDF's metadata title, unless it is a file name or a placeholder."""
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    if (
        not title
        or title.lower() in ("untitled", "title", "document")
        or re.search(r"\.(docx?|pdf|indd|txt|html?)$|^microsoft word -", title, re.I)
    ):
        return None
    return title


# A line shorter than this share of the usual line length ends its paragraph.
_SHORT_LINE = 0.75


def reflow(text: str, *, title: str | None = None) -> str:
    """Join the hard-wrapped lines of PDF text into paragraphs, one per line.

    A line that is much shorter than the usual line (a heading, the last line of a
    paragraph) ends its paragraph; so does a blank line.  A word hyphenated across lines is
    joined without the hyphen when that spelling is the more common one.  A short line that
    does not end like a sentence runs on (a headline wrapped over two lines) when the next
    line starts in lower case, when it ends on a word such as "of" or "the", or when the two
    lines together begin the document's ``title``.

    >>> reflow("The cat sat on the mat and looked at the\\ndog, which did not care.\\n\\nEnd")
    'The cat sat on the mat and looked at the dog, which did not care.\\n\\nEnd'
    """
    blocks = re.split(r"\n\s*\n", text)
    lengths = sorted(len(line.strip()) for line in text.splitlines() if line.strip())
    usual = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0
    paragraphs: list[str] = []
    for block in blocks:
        current = ""
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            current = _join(current, line) if current else line
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if (
                len(line) < _SHORT_LINE * usual
                and not re.search(r"\w-$", line)
                and not _runs_on(current, following, title)
            ):
                paragraphs.append(current)
                current = ""
        if current:
            paragraphs.append(current)
    return "\n\n".join(paragraphs)


# Words a headline does not end on: a line that ends on one runs on to the next.
_RUN_ON_WORDS = frozenset(
    (
        *("a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "and"),
        *("or", "but", "as", "after", "before", "over", "under", "into", "than", "that"),
        *("who", "which", "its", "their", "his", "her", "our", "your"),
    )
)


def _runs_on(current: str, following: str, title: str | None) -> bool:
    """Whether a short line is not the end of its paragraph but wraps on to ``following``."""
    if not following or re.search(r"""[.!?…:;]["'”’)\]]*$""", current):
        return False
    if following[:1].islower():
        return True
    last_word = current.rsplit(None, 1)[-1].lower()
    if last_word in _RUN_ON_WORDS:
        return True
    if title:
        wanted, joined = " ".join(title.split()).lower(), f"{current} {following}".lower()
        return len(current) < len(wanted) and wanted.startswith(joined)
    return False


def _join(left: str, right: str) -> str:
    if re.search(r"\w-$", left) and right[:1].islower():
        return left[:-1] + right if _prefer_unhyphenated(left, right) else left + right
    return f"{left} {right}"


def _prefer_unhyphenated(left: str, right: str) -> bool:
    from wordfreq import zipf_frequency

    head = re.findall(r"\w+-$", left)[0][:-1]
    tail = re.findall(r"^\w+", right)
    if not tail:
        return False
    joined = zipf_frequency(head + tail[0], "en")
    return joined > 0 and joined >= zipf_frequency(f"{head}-{tail[0]}", "en")


# ============================================================================= docx

_DOCX_PART = "word/document.xml"


def _docx(data: bytes, name: str) -> _Content:
    """The paragraphs (and table rows) of a Word document, in reading order."""
    try:
        import docx
        from docx.table import Table
    except ImportError as error:
        raise _missing_package(name, "Word documents", error) from error

    def read(budget: _Budget) -> tuple[list[str], str | None, str]:
        _check_zip(data, name, budget)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
            lines: list[str] = []
            first_heading: str | None = None
            chars = 0
            for block in document.iter_inner_content():
                budget.check()
                if isinstance(block, Table):
                    rows = _table_rows(block)
                    lines.extend(rows)
                    chars += sum(len(row) for row in rows)
                else:
                    text = block.text.strip()
                    if text and first_heading is None:  # (looking up a style is slow)
                        style = (block.style.name if block.style is not None else "") or ""
                        if style.startswith(("Title", "Heading")):
                            first_heading = text
                    lines.append(text)
                    chars += len(text)
                if chars > MAX_TEXT_CHARS:
                    raise LoadError(_too_long(name))
            core_title = (document.core_properties.title or "").strip()
        return lines, first_heading, core_title

    try:
        lines, first_heading, core_title = _within_budget(name, "Word document", read)
    except LoadError:
        raise
    except MemoryError as error:
        raise LoadError(f"{name}: the Word document is too large to read") from error
    except Exception as error:  # noqa: BLE001 - python-docx/lxml raise many types on damage
        raise LoadError(
            f"{name}: the Word document is damaged and cannot be read ({_one_line(error)})"
        ) from error
    fixed, repairs = repair_text("\n\n".join(line for line in lines if line))
    title = core_title or first_heading or _text_title(fixed)
    return _Content(fixed, title, "docx", None, repairs)


def _table_rows(table: object) -> list[str]:
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = [" ".join(cell.text.split()) for cell in row.cells]
        # Merged cells repeat the same object; show each text once.
        unique = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
        if unique:
            rows.append(" | ".join(unique))
    return rows


_CHUNK = 64 * 1024  # bytes read at a time (core.web reads downloads by the same)


def _check_zip(data: bytes, name: str, budget: _Budget | None = None) -> None:
    """Refuse ZIP archives that are damaged, not Word documents, or would unpack too large.

    Every member is decompressed as a stream and the bytes that really come out are
    counted, so an archive whose recorded sizes lie is stopped at the limit too.
    """
    damaged = f"{name}: the document is damaged or incomplete (not a readable ZIP/.docx file)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if _DOCX_PART not in names:
                kind = "an OpenDocument file" if "content.xml" in names else "a ZIP archive"
                raise LoadError(f"{name}: is {kind}, not a Word .docx ({SUPPORTED})")
            declared = sum(info.file_size for info in infos)
            if declared > MAX_UNPACKED_BYTES:
                raise _unpacks_too_large(name, declared)
            unpacked = 0
            for info in infos:
                limit = MAX_DOCX_XML_BYTES if info.filename == _DOCX_PART else None
                if limit is not None and info.file_size > limit:
                    raise _main_part_too_large(name)
                part = tags = 0
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK * 16):
                        part += len(chunk)
                        unpacked += len(chunk)
                        if unpacked > MAX_UNPACKED_BYTES:
                            raise _unpacks_too_large(name, unpacked, at_least=True)
                        if limit is not None:
                            tags += chunk.count(b"<")
                            if part > limit:
                                raise _main_part_too_large(name)
                            if tags > MAX_DOCX_XML_TAGS:
                                raise LoadError(
                                    f"{name}: the Word document is too complex for an "
                                    f"article (over {MAX_DOCX_XML_TAGS:,} XML tags)"
                                )
                        if budget is not None:
                            budget.check()
    except LoadError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # a compression method Python does not have
        RuntimeError,  # an encrypted member
        ValueError,
        OSError,
        EOFError,
    ) as error:
        raise LoadError(damaged) from error
    except Exception as error:  # noqa: BLE001 - zlib, bz2 and lzma errors on damaged data
        raise LoadError(damaged) from error


def _unpacks_too_large(name: str, size: int, *, at_least: bool = False) -> LoadError:
    return LoadError(
        f"{name}: the Word document would unpack to {'more than ' if at_least else ''}"
        f"{size / 2**20:.0f} MB, too large for an article"
    )


def _main_part_too_large(name: str) -> LoadError:
    return LoadError(
        f"{name}: the Word document's text part is larger than "
        f"{MAX_DOCX_XML_BYTES // 2**20} MB, too large for an article"
    )


# ============================================================================= URLs

_CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "multipart/related": ".mhtml",
    "message/rfc822": ".mhtml",
}


def _suffix_for_type(content_type: str) -> str | None:
    return _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
