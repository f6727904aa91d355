"""Loading articles: formats, encodings, mojibake repair, bad input, URLs, and the CLI."""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import python_output
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.files as files
import core.loading as loading
import core.web as web
from cli.commands import run_command
from core.loading import (
    LoadError,
    load_any,
    load_bytes,
    load_path,
    load_text,
    load_url,
    reflow,
    repair_baltic_mojibake,
    repair_text,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MOJIBAKE_ARTICLE = CORPUS / "002_71621a2a535e6e24.txt"
GOOD_ARTICLE = CORPUS / "000_36e78ae3939a95df.txt"


# ------------------------------------------------------------------------ fixtures


def make_pdf(lines: list[str], *, title: str | None = None) -> bytes:
    """A minimal valid one-page PDF whose text layer holds ``lines`` (Helvetica, Latin-1)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operators = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    operators += [f"({escape(line)}) Tj T*" for line in lines]
    operators.append("ET")
    stream = "\n".join(operators).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    if title is not None:
        objects.append(b"<< /Title (" + escape(title).encode("latin-1") + b") >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if title is not None:
        trailer += b" /Info %d 0 R" % len(objects)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PDF_LINES = [
    "Musk Sues OpenAI",
    "",
    "Elon Musk filed a lawsuit against OpenAI in 2024, accusing the company of",
    "betraying its founding mission as a nonprofit research lab devoted to the",
    "good of humanity. The company denied it.",
    "",
    "OpenAI said the claims were without merit and that it would fight them in",
    "court, where the case is expected to be heard next spring.",
]


def make_docx(*, title: str = "", heading: str = "Musk Sues OpenAI") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(heading, level=1)
    document.add_paragraph("Elon Musk filed a lawsuit against OpenAI in 2024.")
    document.add_paragraph("OpenAI said the claims were without merit.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Valuation"
    table.cell(0, 1).text = "$500 billion"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="windows-1252">
<title>Musk sues OpenAI over its mission | The Daily Example</title>
<link rel="stylesheet" href="http://cdn.example.invalid/site.css">
<script src="http://ads.example.invalid/tracker.js"></script>
<script>document.write("SCRIPT-RAN"); fetch("http://evil.example.invalid/x");</script>
<style>.nav { color: red }</style>
</head><body>
<header><nav class="menu"><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World News Menu</a></li>
  <li><a href="/sport">Sport Menu Entry</a></li></ul></nav></header>
<div class="ad-banner">Buy cheap watches now advertisement</div>
<main><article>
<h1>Musk sues OpenAI over its mission</h1>
<p>Elon Musk filed a lawsuit against OpenAI on Thursday, accusing the company and its
chief executive of abandoning the nonprofit mission it was founded on in 2015.</p>
<p>The complaint says OpenAI has become a \u201cclosed-source de facto subsidiary\u201d of
Microsoft, which has invested $13 billion in the company since 2019.</p>
<p>OpenAI did not respond to a request for comment, but a person close to the company
said the claims were without merit and that it would defend itself in court.</p>
<img src="http://images.example.invalid/photo.jpg" alt="photo">
<iframe src="http://video.example.invalid/embed"></iframe>
</article></main>
<aside class="related"><h2>Related Articles</h2><ul>
  <li><a href="/a">Celebrity chef opens restaurant on the moon</a></li>
  <li><a href="/b">Ten tips for a better garden this spring</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
  <div class="comment"><p>Commenter Joe says this is the worst article ever written.</p></div>
</section>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail (and record) any attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access during a test of local loading")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


# -------------------------------------------------------------------- corpus, text


CORRECT_CORPUS = [p for p in sorted(CORPUS.glob("*.txt")) if p != MOJIBAKE_ARTICLE]


def test_corpus_has_articles_to_check() -> None:
    assert len(CORRECT_CORPUS) >= 4 and MOJIBAKE_ARTICLE.exists()


@pytest.mark.parametrize("path", CORRECT_CORPUS, ids=lambda p: p.name[:3])
def test_correct_corpus_articles_load_unchanged(path: Path) -> None:
    document = load_path(path)
    assert document.text == path.read_text(encoding="utf-8")
    assert document.source.repairs == ()
    assert document.source.encoding == "utf-8"
    assert document.source.format == "text"


def test_corpus_article_misread_as_windows_1257_is_repaired() -> None:
    document = load_path(MOJIBAKE_ARTICLE)
    assert "ā€" not in document.text and "į»" not in document.text
    assert "a movement to “humanize technology” has transformed" in document.text
    assert "accused them of “betraying the mission for humanity,” becoming" in document.text
    assert "Musk’s “uncensored AI” strategy" in document.text
    assert "OpenAI entered “red alert” mode" in document.text
    assert (
        "10 Năm OpenAI từ lý tưởng đến đối thủ: Cuộc chiến giữa Altman và Musk trong AI - Ảnh 2."
    ) in document.text
    assert "†" not in document.text  # ftfy alone turns "ā€ " into a dagger
    assert any("windows-1257" in note for note in document.source.repairs)
    # Nothing else changed: every line that had no mojibake is as it was.
    original = MOJIBAKE_ARTICLE.read_text(encoding="utf-8").splitlines()
    repaired = document.text.splitlines()
    assert len(original) == len(repaired)
    changed = [i for i, (a, b) in enumerate(zip(original, repaired, strict=False)) if a != b]
    assert all(any(c in original[i] for c in "āĆį") for i in changed)
    assert (
        document.source.sha256
        == __import__("hashlib").sha256(MOJIBAKE_ARTICLE.read_bytes()).hexdigest()
    )


CORRECT_TEXTS = [
    # Latvian, with the letters the windows-1257 misreading produces, quotes, capitals.
    "Rīgas domes deputāti otrdien apsprieda budžetu. Mērs sacīja: “Mums vajag naudu.”",
    "LATVIJĀ” un „PILĪ” – virsraksti ar pēdiņām; ĀĒĪŪ ČŠŽ ĢĶĻŅ.",
    "Biļete maksā 5 € vai 10 €; “Ā” klase – ārā, €uro.",
    # Lithuanian, Estonian, Polish, German, French.
    "Vilniaus savivaldybė paskelbė, kad „Žalgirio“ arena bus uždaryta. ŠIAULIŲ “Ąžuolas”.",
    "Tallinna linnavalitsus teatas, et „Ülemiste“ jaam avatakse. ÕUNAD “Äri” ÖÖ.",
    "Prezydent powiedział, że rozmowy „będą kontynuowane”. ŁÓDŹ “Świat”.",
    "Die Bundesregierung hat beschlossen, die Förderung für Schüler zu erhöhen. „Maß“",
    "Le président a déclaré « déjà vu » à l’Élysée — naïve, cœur, ÇA.",
    # Vietnamese, correct.
    "10 Năm OpenAI từ lý tưởng đến đối thủ: Cuộc chiến giữa Altman và Musk trong AI - Ảnh 2.",
    "Thủ tướng phát biểu tại Hà Nội về “kinh tế số” và trí tuệ nhân tạo.",
    # Typography that must stay as written.
    "He said “yes” and ‘no’ — twice… ﬁne? Ｆｕｌｌ width & &amp; stay.",
]


@pytest.mark.parametrize("text", CORRECT_TEXTS)
def test_correct_text_is_never_repaired(text: str) -> None:
    repaired, notes = repair_text(text.replace("ﬁ", "fi"))
    assert repaired == text.replace("ﬁ", "fi")
    assert notes == ()
    document = load_bytes(text.replace("ﬁ", "fi").encode("utf-8"), name="correct.txt")
    assert document.text == text.replace("ﬁ", "fi")


def test_ligatures_are_split_and_noted() -> None:
    repaired, notes = repair_text("The ﬁrst ﬂoor.")
    assert repaired == "The first floor."
    assert any("ligature" in note for note in notes)


def test_windows_1252_mojibake_is_repaired_by_ftfy() -> None:
    broken = "‘quoted’ café".encode().decode("cp1252")
    repaired, notes = repair_text(f"He said {broken} today.")
    assert repaired == "He said ‘quoted’ café today."
    assert any("mojibake" in note for note in notes)


def misread_as_baltic(text: str) -> str:
    """What the corpus article went through: UTF-8 bytes read as windows-1257, bytes it
    leaves undefined read as windows-1252, and the byte 0x9D lost."""
    out = []
    for byte in text.encode("utf-8"):
        if byte == 0x9D:
            continue
        for codec in ("cp1257", "cp1252"):
            try:
                out.append(bytes([byte]).decode(codec))
                break
            except UnicodeDecodeError:
                continue
    return "".join(out)


# Characters whose UTF-8 bytes survive the misreading (no byte undefined in both code
# pages, no 0x9D inside a sequence) — the only ones a repair can recover.
def _recoverable(char: str) -> bool:
    return all(b not in (0x81, 0x90) for b in char.encode()) and (
        char == "”" or 0x9D not in char.encode()
    )


_VIETNAMESE = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_PUNCTUATION = "“”‘’—–…"
_WORD = st.text(
    alphabet=st.sampled_from(
        "abcdeghiklmnopqrstuvxy" + "".join(c for c in _VIETNAMESE if _recoverable(c))
    ),
    min_size=1,
    max_size=8,
)
_TOKEN = st.one_of(_WORD, st.sampled_from(_PUNCTUATION), st.sampled_from([" ", ", ", ". "]))


# Each text opens with a quote, as the corpus article does: a whole misread sequence that
# shows the misreading, without which a lone lost-byte quote is left alone (tested below).
@given(st.lists(_TOKEN, min_size=1, max_size=30).map(lambda tokens: "“" + " ".join(tokens)))
@settings(max_examples=200, deadline=None)
def test_baltic_misreading_is_undone(text: str) -> None:
    misread = misread_as_baltic(text)
    repaired, report = repair_baltic_mojibake(misread)
    assert repaired == text
    assert bool(report.sequences) == (misread != text)


def test_lone_quote_fragment_needs_evidence_of_the_misreading() -> None:
    # "ā€" alone might be the start of a lost ” or just odd text: left alone ...
    assert repair_baltic_mojibake("Ā€ ir, ā€ nav; ā€ 10.")[0] == "Ā€ ir, ā€ nav; ā€ 10."
    # ... unless a whole misread sequence elsewhere shows the text went through it.
    assert repair_baltic_mojibake("ā€œirā€ nav")[0] == "“ir” nav"


def test_baltic_repair_notes_lost_quotes() -> None:
    repaired, report = repair_baltic_mojibake("a ā€œquoteā€ and ā€œanotherā€.")
    assert repaired == "a “quote” and “another”."
    assert report.lost_quotes == 2
    assert "closing quotes" in report.note()


# ------------------------------------------------------------------------ encodings

LATVIAN = (
    "Rīgas domes deputāti otrdien apsprieda jauno budžetu. Mērs sacīja, ka pilsētai "
    "vajag vairāk līdzekļu ielu remontam un skolām.\nŠogad valdība piešķīra papildu "
    "finansējumu kultūrai un sportam, bet ne veselības aprūpei.\n"
)
RUSSIAN = (
    "Президент России заявил во вторник, что переговоры будут продолжены. Министр "
    "иностранных дел сообщил журналистам, что встреча прошла хорошо.\n"
)
FRENCH = (
    "Le président a déclaré mardi que les négociations continueront. Le ministre des "
    "affaires étrangères a précisé que la réunion s’est déroulée dans le calme.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (LATVIAN, "cp1257"),
        (RUSSIAN, "cp1251"),
        (FRENCH, "cp1252"),
        (LATVIAN, "utf-16"),  # with a byte-order mark
        (RUSSIAN, "utf-16-be"),
        (FRENCH, "utf-8-sig"),
        (FRENCH, "utf-32"),
        (GOOD_ARTICLE.read_text(encoding="utf-8"), "cp1252"),
    ],
)
def test_encodings_are_detected(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    document = load_bytes(data, name="article.txt")
    assert document.text == text
    assert "\ufeff" not in document.text
    assert document.source.encoding


def test_windows_1252_articles_are_not_read_as_baltic_dos_code_pages() -> None:
    # charset-normalizer's first guess for these is cp775 or cp1006.
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if path == MOJIBAKE_ARTICLE:
            continue
        data = text.encode("cp1252", errors="strict")
        assert load_bytes(data, name=path.name).text == text, path.name


def test_bom_that_lies_is_an_error() -> None:
    with pytest.raises(LoadError, match=r"bad\.txt: starts with a UTF-16 byte-order mark"):
        load_bytes(b"\xff\xfe" + b"a\x00b", name="bad.txt")


# ----------------------------------------------------------------------------- HTML


def test_saved_html_page_keeps_the_article_only(no_network: list[object], tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(SAVED_PAGE.encode("cp1252"))
    document = load_path(path)
    assert document.source.format == "html"
    assert document.title == "Musk sues OpenAI over its mission"
    text = document.text
    assert "Elon Musk filed a lawsuit against OpenAI on Thursday" in text
    assert "“closed-source de facto subsidiary”" in text
    assert "defend itself in court" in text
    for dropped in (
        "SCRIPT-RAN",
        "document.write",
        "Menu",
        "advertisement",
        "restaurant on the moon",
        "better garden",
        "Commenter Joe",
        "Copyright",
        "color: red",
    ):
        assert dropped not in text, dropped
    assert text.splitlines()[0] == "Musk sues OpenAI over its mission"
    assert no_network == []


def test_html_is_sniffed_without_an_extension(no_network: list[object]) -> None:
    document = load_bytes(SAVED_PAGE.encode("utf-8"), name="download")
    assert document.source.format == "html"
    assert "Elon Musk filed a lawsuit" in document.text


def test_tiny_html_page_keeps_all_its_text() -> None:
    document = load_bytes(b"<html><body><p>Short note.</p></body></html>", name="x.htm")
    assert "Short note." in document.text


def test_html_without_text_is_an_error() -> None:
    with pytest.raises(LoadError, match=r"empty\.html: contains no text"):
        load_bytes(
            b"<html><head><script>x()</script></head><body></body></html>", name="empty.html"
        )


def test_mhtml_web_archive(no_network: list[object]) -> None:
    import quopri

    body = quopri.encodestring(SAVED_PAGE.encode("utf-8")).decode("ascii")
    archive = (
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        f"{body}\r\n--B--\r\n"
    ).encode("ascii")
    document = load_bytes(archive, name="page.mhtml")
    assert document.source.format == "html"
    assert "“closed-source de facto subsidiary”" in document.text
    assert "Commenter Joe" not in document.text


# ---------------------------------------------------------------- Markdown and text


def test_markdown_markup_is_removed() -> None:
    source = (
        "# Musk sues OpenAI\n\nElon Musk **filed** a [lawsuit](http://x.invalid) on "
        "*Thursday*.\n\n![photo](http://x.invalid/p.jpg)\n\n> OpenAI denied it.\n\n---\n"
    )
    document = load_bytes(source.encode(), name="story.md")
    assert document.source.format == "markdown"
    assert document.title == "Musk sues OpenAI"
    assert "Elon Musk filed a lawsuit on Thursday." in document.text
    assert "OpenAI denied it." in document.text
    for markup in ("**", "](", "![", "# ", "> ", "---"):
        assert markup not in document.text


def test_text_title_skips_furniture_and_requires_a_heading() -> None:
    assert load_text("top of page\n\nThe Headline\nBody text here.").title == "The Headline"
    assert load_text("A full sentence that ends with a period.\nMore.").title is None


def test_clipboard_text() -> None:
    document = load_text("Musk sued OpenAI.\r\nHe did so in 2024.", name="Pasted")
    assert document.source.format == "clipboard"
    assert document.source.path is None and document.source.url is None
    assert document.text == "Musk sued OpenAI.\nHe did so in 2024."
    assert len(document.source.sha256) == 64
    with pytest.raises(LoadError, match="Pasted: there is no text"):
        load_text("  \n ", name="Pasted")


# ------------------------------------------------------------------------ PDF, docx


def test_pdf_text_title_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "story.pdf"
    path.write_bytes(make_pdf(PDF_LINES, title="Musk v OpenAI"))
    document = load_path(path)
    assert document.source.format == "pdf"
    assert document.title == "Musk v OpenAI"
    paragraphs = [line for line in document.text.splitlines() if line.strip()]
    assert paragraphs[0] == "Musk Sues OpenAI"
    assert paragraphs[1].startswith("Elon Musk filed a lawsuit against OpenAI in 2024")
    assert paragraphs[1].endswith("The company denied it.")
    assert "company of betraying" in paragraphs[1]  # the wrapped lines were joined
    assert len(paragraphs) == 3


def test_pdf_title_falls_back_to_first_heading() -> None:
    document = load_bytes(make_pdf(PDF_LINES, title="Microsoft Word - draft3.docx"), name="x.pdf")
    assert document.title == "Musk Sues OpenAI"


def test_reflow_joins_hyphenated_words() -> None:
    text = (
        "The government announced on Tuesday a new infor-\nmation campaign about the "
        "well-\nknown and much discussed co-\nfounder of the company, said the agency.\n"
        "Short."
    )
    flowed = reflow(text)
    assert "information campaign" in flowed
    assert "co-founder" in flowed or "cofounder" in flowed


def test_docx_text_title_and_table(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(make_docx())
    document = load_path(path)
    assert document.source.format == "docx"
    assert document.title == "Musk Sues OpenAI"
    assert document.text.splitlines()[0] == "Musk Sues OpenAI"
    assert "Elon Musk filed a lawsuit against OpenAI in 2024." in document.text
    assert "Valuation | $500 billion" in document.text
    assert load_bytes(make_docx(title="Core Title"), name="t.docx").title == "Core Title"


# ------------------------------------------------------------------------ bad input


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Each bad input case: (path, a regular expression its message must match)."""
    cases: dict[str, tuple[str, str]] = {}

    def write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    cases["empty"] = (write("empty.txt", b""), "the file is empty")
    cases["blank"] = (write("blank.txt", b" \n\t\n"), "the file is empty")
    cases["binary"] = (write("data.bin", bytes(range(256)) * 8), "binary file")
    cases["image"] = (write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100)), "a PNG image")
    cases["old word"] = (
        write("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        r"old-style Office document \(\.doc\)",
    )
    cases["folder"] = (str(tmp_path), "is a folder")
    cases["missing"] = (str(tmp_path / "nowhere.txt"), "no such file")
    pdf = make_pdf(PDF_LINES)
    cases["truncated pdf"] = (write("cut.pdf", pdf[: len(pdf) // 2]), "PDF is incomplete")
    cases["damaged pdf"] = (
        write("bad.pdf", pdf.replace(b"xref", b"xxxx").replace(b"obj", b"ojb")),
        "PDF is damaged",
    )
    cases["not a pdf"] = (write("fake.pdf", b"hello, I am text"), "is not a PDF")
    cases["scanned pdf"] = (write("scan.pdf", make_pdf([])), "no text layer")
    docx = make_docx()
    cases["truncated docx"] = (write("cut.docx", docx[: len(docx) // 2]), "damaged or incomplete")
    cases["not a docx"] = (write("fake.docx", b"hello"), "is not a Word document")
    cases["zip"] = (write("archive.zip", _zip({"a.txt": b"hello"})), "a ZIP archive")
    cases["unknown encoding"] = (
        write("odd.txt", bytes(range(128, 256)) * 3),
        "encoding could not be recognised",
    )
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:  # sparse: no real disk space used
        handle.truncate(loading.MAX_BYTES + 1)
    cases["too large"] = (str(big), "too large for an article")
    return cases


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_CASES = [
    "empty",
    "blank",
    "binary",
    "image",
    "old word",
    "folder",
    "missing",
    "truncated pdf",
    "damaged pdf",
    "not a pdf",
    "scanned pdf",
    "truncated docx",
    "not a docx",
    "zip",
    "unknown encoding",
    "too large",
]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_raises_a_load_error_naming_the_file(case: str, tmp_path: Path) -> None:
    path, message = _bad_inputs(tmp_path)[case]
    with pytest.raises(LoadError, match=message) as caught:
        load_path(path)
    assert str(caught.value).startswith(path)
    assert "\n" not in str(caught.value)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("text")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", refuse, raising=False)  # where files are opened
    with pytest.raises(LoadError, match=r"locked\.txt: cannot be read \(Permission denied\)"):
        load_path(path)


def test_text_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_TEXT_CHARS", 100)
    with pytest.raises(LoadError, match=r"long\.txt: the text is too long"):
        load_bytes(b"word " * 30, name="long.txt")


def test_zip_bomb_docx_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(LoadError, match="would unpack to"):
        load_bytes(make_docx(), name="bomb.docx")


# -------------------------------------------------------------- never crashes (fuzz)

_NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a.mhtml", "a", "a.bin"])
_PREFIXES = st.sampled_from(
    [
        b"",
        b"%PDF-1.4\n",
        b"PK\x03\x04",
        b"<html><body>",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"MIME-Version: 1.0\r\n",
        b"# Title\n",
    ]
)


@given(prefix=_PREFIXES, data=st.binary(max_size=2000), name=_NAMES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_load_bytes_never_crashes(prefix: bytes, data: bytes, name: str) -> None:
    try:
        document = load_bytes(prefix + data, name=name)
    except LoadError as error:
        assert str(error).startswith(name)
    else:
        assert document.text.strip()


_VALID_FILES = {"a.pdf": make_pdf(PDF_LINES, title="T"), "a.docx": make_docx()}


@given(name=st.sampled_from(sorted(_VALID_FILES)), data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_pdf_and_docx_never_crash(name: str, data: st.DataObject) -> None:
    original = bytearray(_VALID_FILES[name])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    with contextlib.suppress(LoadError):
        load_bytes(bytes(original[:cut]), name=name)


@given(st.text(max_size=500))
@settings(max_examples=200, deadline=None)
def test_load_text_never_crashes(text: str) -> None:
    try:
        document = load_text(text)
    except LoadError:
        assert not repair_text(text)[0].strip()  # nothing printable was pasted
    else:
        assert document.text.strip()


# ----------------------------------------------------------------------------- URLs


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, bool]] = {}  # path -> status, type, body, length
    # /slow answers and /drip stops only once a test has its error and sets this (or
    # after a minute, so that a client with no deadline fails its test rather than hangs):
    # the error is then known to come from the deadline, however busy the machine.
    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/slow":
            self.release.wait(60)
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(600):
                if self.release.is_set():
                    return
                try:
                    self.wfile.write(b"word " * 10)
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        status, content_type, body, with_length = self.routes.get(
            self.path, (404, "text/plain", b"not found", True)
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if with_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    big = b"word " * 200_000  # 1 MB
    _Handler.routes = {
        "/article.html": (
            200,
            "text/html; charset=windows-1252",
            SAVED_PAGE.encode("cp1252"),
            True,
        ),
        "/story": (200, "text/plain; charset=utf-8", "Headline\n“Text” here.".encode(), True),
        "/doc.pdf": (200, "application/pdf", make_pdf(PDF_LINES), True),
        "/big": (200, "text/plain", big, True),
        "/big-unannounced": (200, "text/plain", big, False),
        "/slow": (200, "text/plain", b"late", True),
        "/redirect-file": (302, "text/plain", b"", True),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server: str) -> None:
    document = load_url(f"{server}/article.html")
    assert document.source.url == f"{server}/article.html"
    assert document.source.path is None
    assert document.source.format == "html"
    assert document.title == "Musk sues OpenAI over its mission"
    assert "“closed-source de facto subsidiary”" in document.text
    assert "Commenter Joe" not in document.text


def test_url_plain_text_and_pdf(server: str) -> None:
    text = load_any(f"{server}/story")
    assert text.text == "Headline\n“Text” here."
    assert text.source.format == "text"
    pdf = load_any(f"{server}/doc.pdf")
    assert pdf.source.format == "pdf"
    assert "Elon Musk filed a lawsuit" in pdf.text


@pytest.mark.parametrize(
    ("path", "kwargs", "message"),
    [
        ("/missing", {}, "the server answered 404"),
        ("/big", {"max_bytes": 100_000}, "the page is too large"),
        ("/big-unannounced", {"max_bytes": 100_000}, "the page is too large"),
        ("/slow", {"timeout": 0.5}, "no answer within 0.5 seconds"),
        ("/drip", {"timeout": 1.0}, "within 1 seconds"),
    ],
)
def test_url_errors(server: str, path: str, kwargs: dict[str, float], message: str) -> None:
    _Handler.release.clear()
    try:
        with pytest.raises(LoadError, match=message) as caught:
            load_url(f"{server}{path}", **kwargs)  # type: ignore[arg-type]
    finally:
        _Handler.release.set()
    assert str(caught.value).startswith(f"{server}{path}: ")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.invalid/x", "http://"])
def test_only_web_addresses(url: str) -> None:
    with pytest.raises(LoadError, match="only web addresses"):
        load_url(url)


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LoadError, match="could not connect"):
        load_url(f"http://127.0.0.1:{port}/x", timeout=2)


def test_load_any_takes_paths() -> None:
    assert load_any(str(GOOD_ARTICLE)).source.path == str(GOOD_ARTICLE)


# ------------------------------------------------------------------------------ CLI


@pytest.mark.parametrize("case", BAD_CASES)
def test_cli_prints_one_line_and_exits_2(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, message = _bad_inputs(tmp_path)[case]
    status = run_command(["compare", path, str(GOOD_ARTICLE)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"error: {path}")
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("case", ["binary", "truncated docx", "unknown encoding"])
def test_cli_process_has_no_traceback(case: str, tmp_path: Path) -> None:
    path, _ = _bad_inputs(tmp_path)[case]
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compare", str(GOOD_ARTICLE), path],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------- hostile input, each bounded
# Each of these once hung, took minutes and gigabytes, or ended in a traceback.  They
# assert the error, never the time it took; the slow-marked ones build big files.


def _cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """main.py in its own process, killed after ``timeout`` seconds as a guard."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def _one_error_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["compare", "report", "pairs"])
def test_a_named_pipe_is_refused_not_waited_on(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    args = {
        "compare": ["compare", str(fifo), str(GOOD_ARTICLE)],
        "report": ["report", str(GOOD_ARTICLE), str(fifo), "-o", str(tmp_path / "r.html")],
        "pairs": ["pairs", str(fifo)],
    }[command]
    _one_error_line(_cli(*args), str(fifo), "named pipe")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_load_path_refuses_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    # Guard: if the refusal ever broke, a writer ends the wait instead of hanging the suite.
    guard = threading.Timer(30, lambda: fifo.write_bytes(b"guard"))
    guard.daemon = True
    guard.start()
    try:
        with pytest.raises(LoadError, match=r"pipe\.md: is a named pipe \(FIFO\), not a file"):
            load_path(fifo)
    finally:
        guard.cancel()
    if os.path.exists("/dev/zero"):
        with pytest.raises(LoadError, match="is a device"):
            load_path("/dev/zero")


def _docx_with_part(name: str, write: object, *, level: int = 1) -> bytes:
    """make_docx() with member ``name`` replaced by what ``write(stream)`` writes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info, source.read(info))
        with archive.open(name, "w", force_zip64=True) as stream:
            write(stream)  # type: ignore[operator]
    return out.getvalue()


@pytest.mark.slow
def test_docx_with_a_huge_text_part_is_refused_at_once() -> None:
    def huge(stream: io.BufferedIOBase) -> None:  # 190 MB of empty paragraphs
        stream.write(
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>'
        )
        chunk = b"<w:p/>" * 100_000
        for _ in range(190_000_000 // len(chunk)):
            stream.write(chunk)
        stream.write(b"</w:body></w:document>")

    data = _docx_with_part("word/document.xml", huge)
    assert len(data) < 2 * 2**20  # highly compressible: cheap to make and to keep
    with pytest.raises(LoadError, match="text part is larger than 32 MB"):
        load_bytes(data, name="huge.docx")


def _lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """The ZIP ``data`` with ``member``'s recorded unpacked size replaced by ``size``."""
    import struct
    import zipfile

    patched = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    position = 0
    while (position := patched.find(b"PK\x01\x02", position)) >= 0:
        length = struct.unpack("<H", patched[position + 28 : position + 30])[0]
        if patched[position + 46 : position + 46 + length] == member.encode():
            patched[position + 24 : position + 28] = struct.pack("<I", size)
        position += 4
    local = info.header_offset
    patched[local + 22 : local + 26] = struct.pack("<I", size)
    return bytes(patched)


def test_zip_bomb_whose_sizes_lie_is_refused() -> None:
    def zeros(stream: io.BufferedIOBase) -> None:
        chunk = bytes(2**20)
        for _ in range(64):
            stream.write(chunk)

    bomb = _lie_about_size(
        _docx_with_part("word/media/image1.png", zeros), "word/media/image1.png", 100
    )
    with pytest.raises(LoadError, match="damaged or incomplete"):
        load_bytes(bomb, name="bomb.docx")


def test_zip_members_are_counted_as_they_unpack(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit holds for the bytes that really come out, not only the recorded sizes."""
    monkeypatch.setattr(loading, "MAX_UNPACKED_BYTES", 300_000)

    def zeros(stream: io.BufferedIOBase) -> None:
        stream.write(bytes(400_000))

    data = _docx_with_part("word/media/image1.png", zeros)
    real_sum = loading._check_zip  # the declared sizes are honest here: refused either way
    with pytest.raises(LoadError, match="would unpack to"):
        real_sum(data, "big.docx")


def _pdf_with_stream(content: bytes, *, pages: int = 1, raw: bytes | None = None) -> bytes:
    """A PDF of ``pages`` pages that all show one Flate-compressed content stream."""
    import zlib

    body = raw if raw is not None else zlib.compress(content, 1)
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
    ] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, item in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + item + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_TEXT_OPS = b"BT /F1 11 Tf 72 740 Td (Elon Musk sued OpenAI in 2024.) Tj ET\n"


def test_pdf_pages_sharing_one_big_content_stream() -> None:
    data = _pdf_with_stream(_TEXT_OPS * (2_000_000 // len(_TEXT_OPS)), pages=5000)
    with pytest.raises(LoadError, match=r"page 1 of the PDF holds too much content"):
        load_bytes(data, name="shared.pdf")


@pytest.mark.slow
def test_pdf_with_a_70_mb_content_stream() -> None:
    data = _pdf_with_stream(b"0 0 m 1 1 l S\n" * (70_000_000 // 14))
    with pytest.raises(LoadError, match="hold too much content for an article"):
        load_bytes(data, name="drawing.pdf")


def test_pdf_text_budget_is_checked_page_by_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    calls: list[int] = []
    original = pypdf.PageObject.extract_text

    def counting(self: object, *args: object, **kwargs: object) -> str:
        calls.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pypdf.PageObject, "extract_text", counting)
    monkeypatch.setattr(loading, "MAX_TEXT_CHARS", 100)
    with pytest.raises(LoadError, match="too long"):
        load_bytes(_pdf_with_stream(_TEXT_OPS * 3, pages=50), name="long.pdf")
    assert len(calls) < 50  # stopped while extracting, not after


def test_reading_stops_when_the_time_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_PARSE_SECONDS", 0.2)
    page = _TEXT_OPS * (900_000 // len(_TEXT_OPS))  # under the page limit; seconds to read
    with pytest.raises(LoadError, match=r"reading the PDF took longer than 0\.2 seconds"):
        load_bytes(_pdf_with_stream(page), name="slow.pdf")
    monkeypatch.setattr(loading, "MAX_PARSE_SECONDS", 0.0)
    with pytest.raises(LoadError, match="reading the Word document took longer"):
        load_bytes(make_docx(), name="slow.docx")


def test_html_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_PARSE_SECONDS", 0.0)
    with pytest.raises(LoadError, match="reading the web page took longer than 0 seconds"):
        load_bytes(SAVED_PAGE.encode("utf-8"), name="slow.html")


def test_huge_web_page_is_refused_before_parsing() -> None:
    soup = b"<div><span>x</span></div>\n" * (19_000_000 // 26)  # 19 MB, 1.4 million elements
    with pytest.raises(LoadError, match="too complex for an article"):
        load_bytes(b"<html><body>" + soup + b"</body></html>", name="huge.html")


def test_elements_in_scripts_and_comments_are_not_counted() -> None:
    page = (
        "<!DOCTYPE html><html><body><script>var a = '<div><p>';</script><!-- <b><i> -->"
        "<p>x y</p><div></div>"
    )
    assert loading._page_size(page, max_elements=100) == (4, 3)
    assert loading._page_size("<script" * 1000, max_elements=100) == (0, 0)  # to the end
    assert loading._page_size("<p>" * 1000, max_elements=100) == (101, 0)  # stops counting
    assert loading._page_size("<p>" + "word " * 10 + "</p>", max_elements=100) == (1, 50)


@pytest.mark.parametrize(
    "body",
    [
        b"<p>" + b"word " * 3_800_000 + b"</p>",  # one 19 MB paragraph
        (b"<p>" + b"Elon Musk filed a lawsuit against OpenAI in 2024. " * 200 + b"</p>\n")
        * 1800,  # 19 MB of paragraphs
    ],
    ids=["one paragraph", "many paragraphs"],
)
def test_web_page_with_megabytes_of_text_is_refused_before_parsing(
    body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page was parsed")

    monkeypatch.setattr(loading, "_within_budget", never)
    with pytest.raises(LoadError, match=r"big\.html: the text is too long"):
        load_bytes(b"<html><body>" + body + b"</body></html>", name="big.html")


def test_millions_of_short_lines_are_refused_before_the_repairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(text: str) -> tuple[str, tuple[str, ...]]:
        raise AssertionError("repairs ran on a text that was already too long")

    monkeypatch.setattr(loading, "repair_text", never)
    with pytest.raises(LoadError, match=r"lines\.txt: the text is too long"):
        load_bytes(b"a\n" * 5_000_000, name="lines.txt")
    with pytest.raises(LoadError, match=r"lines\.md: the text is too long"):
        load_bytes(b"a\n" * 600_000, name="lines.md")


def test_svg_foreign_object_page_is_a_message(no_network: list[object]) -> None:
    page = b"<svg><foreignObject><html><body><p>Some words</p></body></html></foreignObject></svg>"
    try:
        document = load_bytes(page, name="odd.html")
    except LoadError as error:
        assert str(error).startswith("odd.html: ")
    else:
        assert document.text.strip()


def test_mhtml_with_a_nul_in_its_charset() -> None:
    archive = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
        b'--B\r\nContent-Type: text/html; charset="x\x00y"\r\n\r\n'
        b"<html><body><p>Hello there, article text.</p></body></html>\r\n--B--\r\n"
    )
    assert "Hello there" in load_bytes(archive, name="page.mhtml").text
    assert loading._usable_charset("x\x00y") is None
    assert loading._usable_charset("windows-1252") == "windows-1252"


def test_damaged_pdf_messages_are_ours_alone(tmp_path: Path) -> None:
    good = _pdf_with_stream(_TEXT_OPS * 3)
    # A cross-reference table that points wrong: pypdf repairs it (and used to say so).
    moved = good.replace(b"startxref\n", b"startxref\n9")
    (tmp_path / "xref.pdf").write_bytes(moved)
    result = _cli("compare", str(tmp_path / "xref.pdf"), str(GOOD_ARTICLE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # A content stream that does not decompress: damaged, not "no text layer".
    (tmp_path / "corrupt.pdf").write_bytes(_pdf_with_stream(b"", raw=b"x\x9c garbage" * 20))
    line = _one_error_line(_cli("compare", str(tmp_path / "corrupt.pdf"), str(GOOD_ARTICLE)))
    assert "damaged" in line and "no text layer" not in line


_SECRET = "TOP-SECRET-MARKER-1234"


def _external_entity_files(tmp_path: Path) -> dict[str, Path]:
    """Files in each format that name an external entity (a local file with a secret)."""
    import zipfile

    secret = tmp_path / "secret.txt"
    secret.write_text(_SECRET)
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    files: dict[str, Path] = {}
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = text.replace("?>", "?>" + doctype, 1)
                text = text.replace("OpenAI said", "&xxe; OpenAI said")
                data = text.encode("utf-8")
            archive.writestr(info, data)
    files["docx"] = tmp_path / "xxe.docx"
    files["docx"].write_bytes(out.getvalue())
    page = (
        f'<?xml version="1.0"?>{doctype}<html><head><title>Entity</title></head><body>'
        "<p>Elon Musk filed a lawsuit against OpenAI in 2024. &xxe;</p>"
        "<p>OpenAI said the claims were without merit.</p></body></html>"
    )
    files["html"] = tmp_path / "xxe.html"
    files["html"].write_text(page)
    files["mhtml"] = tmp_path / "xxe.mhtml"
    files["mhtml"].write_text(
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n'
        f"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}\r\n--B--\r\n"
    )
    return files


@pytest.mark.parametrize("kind", ["docx", "html", "mhtml"])
def test_external_entities_are_never_read(kind: str, tmp_path: Path) -> None:
    path = _external_entity_files(tmp_path)[kind]
    result = _cli("compare", str(path), str(GOOD_ARTICLE), "--json")
    assert _SECRET not in result.stdout + result.stderr
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    if kind == "docx":  # python-docx reads it, without the entity
        assert result.returncode == 0, result.stderr


def test_a_missing_package_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    for module, data, name, package in (
        ("trafilatura", SAVED_PAGE.encode(), "a.html", "trafilatura"),
        ("pypdf", make_pdf(PDF_LINES), "a.pdf", "pypdf"),
        ("docx", make_docx(), "a.docx", "python-docx"),
    ):
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, module, None)  # import raises ImportError
            with pytest.raises(LoadError, match=f"the Python package '{package}' is missing"):
                load_bytes(data, name=name)
    import trafilatura

    def unclean(*args: object, **kwargs: object) -> None:
        raise ImportError(
            "lxml.html.clean module is now a separate project lxml_html_clean.\n"
            "Install lxml[html_clean] or lxml_html_clean directly."
        )

    monkeypatch.setattr(trafilatura, "bare_extraction", unclean)
    with pytest.raises(LoadError) as caught:
        load_bytes(SAVED_PAGE.encode(), name="a.html")
    assert "'lxml_html_clean' is missing" in str(caught.value)
    assert "\n" not in str(caught.value)


# ----------------------------------------------------------- URLs: hostile servers


class _HostileHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        with contextlib.suppress(OSError):
            if self.path == "/slow-headers":  # a header byte now and then, for 4 seconds
                self.wfile.write(b"HTTP/1.0 200 OK\r\n")
                for _ in range(20):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            if self.path == "/short":  # promises 1,000 bytes, sends 100
                self.wfile.write(
                    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                )
                self.wfile.write(b"word " * 20)
                return
            if self.path == "/to-loopback":  # a redirect to this machine (the user's own)
                port = self.server.server_address[1]
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{port}/story")
                self.end_headers()
                return
            body = b"Headline\nA story in text."
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_slow_headers_are_bounded_by_the_timeout(hostile_server: str) -> None:
    # The headers never end: the request is cut at the deadline, not only the body.
    with pytest.raises(LoadError, match=r"/slow-headers: .* within 1 seconds"):
        load_url(f"{hostile_server}/slow-headers", timeout=1.0)


def test_a_response_cut_short_is_refused(hostile_server: str) -> None:
    with pytest.raises(LoadError, match=r"cut short \(100 of 1,000 bytes"):
        load_url(f"{hostile_server}/short")


def test_a_redirect_within_the_users_own_network_is_followed(hostile_server: str) -> None:
    assert load_url(f"{hostile_server}/to-loopback").text == "Headline\nA story in text."


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT
        ("fd00::1", "private"),
        ("::ffff:192.168.0.1", "private"),
        ("8.8.8.8", "public"),
        ("2606:4700:4700::1111", "public"),
    ],
)
def test_address_networks(address: str, network: str) -> None:
    assert web.address_network(address) == network


def test_redirect_rules_without_connecting() -> None:
    public = frozenset({"public"})
    for target in ("127.0.0.1", "::1", "169.254.169.254", "10.1.2.3", "192.168.0.10", "0.0.0.0"):
        refusal = web.redirect_refusal(public, target)
        assert refusal is not None and target in refusal
    assert web.redirect_refusal(public, "93.184.216.34") is None
    # The user's own address on a network allows redirects within that kind of network only.
    assert web.redirect_refusal(frozenset({"loopback"}), "127.0.0.1") is None
    assert web.redirect_refusal(frozenset({"loopback"}), "169.254.169.254") is not None
    assert web.redirect_refusal(frozenset({"private"}), "10.9.9.9") is None
    assert web.redirect_refusal(frozenset({"private"}), "127.0.0.1") is not None
    assert web.redirect_refusal(public, "not-an-address") is not None


class _FakeSocket:
    def __init__(self, peer: str) -> None:
        self.peer = peer

    def getpeername(self) -> tuple[str, int]:
        return (self.peer, 80)


def test_each_connection_is_checked_on_its_real_peer_address() -> None:
    """The guard judges the address a connection really reached (after DNS), so a name
    that resolves to a private address is caught too; tested without any connection."""
    guard = web._Guard("news.example", 10)
    guard.connected(_FakeSocket("93.184.216.34"), "news.example", direct=True)  # type: ignore[arg-type]
    assert guard.origin == frozenset({"public"})
    guard.connected(_FakeSocket("151.101.1.1"), "cdn.example", direct=True)  # type: ignore[arg-type]
    for peer in ("169.254.169.254", "127.0.0.1", "10.0.0.7"):
        with pytest.raises(OSError, match="refused a redirect"):
            guard.connected(_FakeSocket(peer), "rebound.example", direct=True)  # type: ignore[arg-type]
    local = web._Guard("127.0.0.1", 10)
    local.connected(_FakeSocket("127.0.0.1"), "127.0.0.1", direct=True)  # type: ignore[arg-type]
    local.connected(_FakeSocket("127.0.0.1"), "localhost", direct=True)  # type: ignore[arg-type]
    with pytest.raises(OSError, match="link-local"):
        local.connected(_FakeSocket("169.254.169.254"), "metadata", direct=True)  # type: ignore[arg-type]
    # Through a proxy only literal addresses can be judged.
    proxied = web._Guard("news.example", 10)
    proxied.connected(_FakeSocket("10.0.0.1"), "news.example", direct=False)  # type: ignore[arg-type]
    with pytest.raises(OSError, match="link-local"):
        proxied.connected(_FakeSocket("10.0.0.1"), "169.254.169.254", direct=False)  # type: ignore[arg-type]
    for timer in (guard.timer, local.timer, proxied.timer):
        timer.cancel()


@pytest.mark.parametrize("url", ["http://[::1/x", "http://[zz::1]/", "http://host:99999/"])
def test_malformed_urls_are_a_load_error(url: str) -> None:
    with pytest.raises(LoadError, match="is not a valid web address"):
        load_url(url)


def test_docx_with_too_many_tags_is_refused_while_it_unpacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(loading, "MAX_DOCX_XML_TAGS", 10_000)

    def paragraphs(stream: io.BufferedIOBase) -> None:
        stream.write(
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>' + b"<w:p/>" * 20_000 + b"</w:body></w:document>"
        )

    with pytest.raises(LoadError, match="too complex for an article"):
        load_bytes(_docx_with_part("word/document.xml", paragraphs), name="many.docx")


def test_a_long_run_of_combining_marks_is_normalised_in_linear_time() -> None:
    """Hostile "Zalgo" text: a million marks on one letter used to make one cluster built
    and normalised in quadratic time; clusters now stop at MAX_CLUSTER_MARKS marks."""
    from core.normalize import MAX_CLUSTER_MARKS, normalise

    text = "Zalgo a" + "\u0301\u0316" * 300_000 + " end"
    result = normalise(text)
    assert result.original_length == len(text)
    assert result.text.endswith(" end") and result.text.startswith("Zalgo ")
    assert result.original_span(len(result.text) - 3, len(result.text)) == (
        len(text) - 3,
        len(text),
    )
    # short clusters are untouched: NFC still composes a letter with its marks
    assert normalise("e\u0301").text == "\u00e9"
    assert MAX_CLUSTER_MARKS >= 30


def test_zalgo_text_is_made_stream_safe_and_compares(tmp_path: Path) -> None:
    """600,000 combining marks on one letter: normalising them (ftfy, NFC) took hours."""
    path = tmp_path / "zalgo.txt"
    path.write_text("Zalgo a" + "\u0301\u0316" * 300_000 + " end.\nMusk sued OpenAI in 2024.\n")
    result = _cli("compare", str(path), str(GOOD_ARTICLE), "--json")
    assert result.returncode == 0, result.stderr
    document = load_path(path)
    assert any("combining marks" in note for note in document.source.repairs)
    assert "\u034f" in document.text and "Musk sued OpenAI in 2024." in document.text
    assert loading.stream_safe("Ame\u0301lie")[1] == 0  # ordinary accents untouched


def test_reading_a_text_file_imports_no_web_module_and_no_encoding_detector() -> None:
    """The web modules (http.client, urllib.request, ssl, email) and charset-normalizer
    are start-up cost that a UTF-8 text file does not need; they come with a URL or a
    file that is not UTF-8."""
    code = (
        "import sys\n"
        "from core.loading import load_path\n"
        f"load_path({str(CORPUS / '001_2e640d12e72ff344.txt')!r})\n"
        "heavy = ('http', 'email', 'ssl', 'charset_normalizer', 'urllib.request')\n"
        "print(sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in heavy))\n"
    )
    assert python_output(code) == "[]"


def test_remembered_line_repairs_are_ftfys_with_the_same_notes_and_counts() -> None:
    """A line repaired once and then remembered (core.loading._ftfy_line) gives the text
    and the notes that ftfy gives it afresh, and a repeated line is counted each time."""
    import ftfy

    from core import loading

    broken = "‘quoted’ café".encode().decode("windows-1252")
    lines = [
        f"He said {broken} today.\n",
        "Plain “curly” text — with a dash.\n",
        "The ﬁrst ﬂoor.\n",
        "A stray \x85 control.\n",
    ]
    for line in lines + lines:  # the second time from the cache
        explained = ftfy.fix_and_explain(line, config=loading._ftfy_config())
        notes = [loading._ftfy_note(s.action, s.parameter) for s in explained.explanation or ()]
        assert loading._ftfy_line(line) == (explained.text, tuple(n for n in notes if n))
    text = "".join(lines * 3)
    loading._ftfy_line.cache_clear()
    cold = repair_text(text)
    assert repair_text(text) == cold
    assert any("(3 lines)" in note for note in cold[1])
