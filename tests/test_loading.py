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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.loading as loading
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

    monkeypatch.setattr(loading, "open", refuse, raising=False)
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

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
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
    started = time.monotonic()
    with pytest.raises(LoadError, match=message) as caught:
        load_url(f"{server}{path}", **kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"{server}{path}: ")
    assert time.monotonic() - started < 2.5


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
