"""Page furniture: every rule of core/data/furniture.json, on text written for these tests.

Each rule carries its own examples (what it must recognise) and look-alikes ('not': content
it must leave alone); the tests below run them all, so a rule added to the file without
examples, or whose examples stop working, fails here.
"""

import pytest
from conftest import CORPUS, SHARED

from core.loading import load_bytes, load_path, reflow
from core.model import CONTENT_KINDS
from core.segment import (
    furniture_kind,
    furniture_rules,
    is_byline,
    is_caption,
    is_timestamp,
    segment,
    sentence_furniture_kind,
)

RULES = furniture_rules()
RAW = RULES.raw


def kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in segment(text, "L")]


def test_every_rule_has_examples_and_look_alikes():
    for rule in RULES.line_rules + RULES.sentence_rules:
        assert rule.examples and rule.counterexamples, rule.name
    for section in ("appeal", "byline", "timestamp", "caption", "truncated"):
        assert RAW[section]["examples"] and RAW[section]["not"], section


@pytest.mark.parametrize("rule", RULES.line_rules, ids=lambda rule: rule.name)
def test_line_rule(rule):
    for example in rule.examples:
        assert rule.matches(example), example
        assert furniture_kind(example) == rule.kind, example
        # A line of furniture is one passage of that kind, never a heading.
        assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose by 5%.")[1] == (
            rule.kind,
            example,
        )
    for look_alike in rule.counterexamples:
        assert not rule.matches(look_alike), look_alike
        assert furniture_kind(look_alike) is None, look_alike


@pytest.mark.parametrize("rule", RULES.sentence_rules, ids=lambda rule: rule.name)
def test_sentence_rule(rule):
    for example in rule.examples:
        assert sentence_furniture_kind(example) == rule.kind, example
        passages = kinds(f"The ferry sank in 1952. {example}")
        assert passages[0][0] == "text"
        assert passages[-1] == (rule.kind, example)
    for look_alike in rule.counterexamples:
        assert sentence_furniture_kind(look_alike) is None, look_alike


def test_every_appeal_cue_names_the_words_it_needs():
    for cue in RULES.appeal_strong + RULES.appeal_weak:
        assert cue.needs and all(word == word.lower() for word in cue.needs), cue.pattern


def test_appeal_examples():
    for example in RAW["appeal"]["examples"]:
        text = f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{example}"
        assert kinds(text)[2:] == [("boilerplate", example)], example
    for look_alike in RAW["appeal"]["not"]:
        text = f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{look_alike}"
        assert all(kind in CONTENT_KINDS for kind, _ in kinds(text)), look_alike


def test_appeal_spread_over_paragraphs_goes_whole():
    appeal = [
        "The Quay Courier is a reader-funded newsroom. We answer to you, not to owners.",
        "Our reporters cover the harbour every day. That work costs money.",
        "If our journalism matters to you, please donate today. Even $3 a month helps.",
    ]
    text = "\n\n".join(["Harbour fees go up", "Fees rose 8% on Monday, the board said.", *appeal])
    result = kinds(text)
    assert result[:2] == [
        ("heading", "Harbour fees go up"),
        ("text", "Fees rose 8% on Monday, the board said."),
    ]
    assert result[2:] == [("boilerplate", paragraph) for paragraph in appeal]


def test_a_quote_that_says_subscribe_is_content():
    text = (
        'Mayor backs tram plan\n"If you want trams, subscribe to the plan," the mayor said.\n'
        "Residents can sign up for flood alerts at the town hall."
    )
    assert [kind for kind, _ in kinds(text)] == ["heading", "text", "text"]


@pytest.mark.parametrize("example", RAW["byline"]["examples"])
def test_byline(example):
    assert is_byline(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("byline", example)


@pytest.mark.parametrize("look_alike", RAW["byline"]["not"])
def test_not_a_byline(look_alike):
    assert not is_byline(look_alike)


def test_by_the_time_is_text():
    text = "Flood in Wells\nBy the time the pumps arrived, the square was under water."
    assert kinds(text)[1][0] == "text"


@pytest.mark.parametrize("example", RAW["timestamp"]["examples"])
def test_timestamp(example):
    assert is_timestamp(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("timestamp", example)


@pytest.mark.parametrize("look_alike", RAW["timestamp"]["not"])
def test_not_a_timestamp(look_alike):
    assert not is_timestamp(look_alike)


@pytest.mark.parametrize("example", RAW["caption"]["examples"])
def test_caption_is_one_passage_not_a_heading(example):
    assert is_caption(example)
    assert kinds(f"Ferry fares rise again\n{example}\nThe fare rose.")[1] == ("caption", example)


@pytest.mark.parametrize("look_alike", RAW["caption"]["not"])
def test_not_a_caption(look_alike):
    assert not is_caption(look_alike)


@pytest.mark.parametrize("example", RAW["truncated"]["examples"])
def test_cut_off_last_line(example):
    text = f"Ferry fares rise again\nThe fare rose by 5% on Monday. {example}\n© 2031 Quay Courier"
    result = kinds(text)
    assert result[-2] == ("truncated", example)
    assert result[-3] == ("text", "The fare rose by 5% on Monday.")


@pytest.mark.parametrize("look_alike", RAW["truncated"]["not"])
def test_not_cut_off(look_alike):
    result = kinds(f"Ferry fares rise again\nThe fare rose by 5% on Monday.\n{look_alike}")
    assert result[-1][0] in CONTENT_KINDS


def test_only_the_last_line_can_be_cut_off():
    text = "Fares rise\nThe board met on Monday and the fare will rise by 5% from next\nIt did."
    assert [kind for kind, _ in kinds(text)] == ["heading", "heading", "text"]


def test_links_under_a_label_line_are_furniture():
    text = (
        "Ferry fares rise again\nThe fare rose by 5% on Monday.\nRead more:\n"
        "Why the old ferry sank\nTen harbours worth a visit\nThe board meets again in May."
    )
    assert [kind for kind, _ in kinds(text)] == [
        "heading",
        "text",
        "boilerplate",
        "boilerplate",
        "boilerplate",
        "text",
    ]


def test_short_real_paragraphs_and_headings_stay_content():
    text = (
        "Ferry fares rise again\nBy Ana Ruiz\nThe fare rose by 5% on Monday.\n"
        "Why it matters\nThe vote was 7 to 2.\nNobody was hurt."
    )
    assert [kind for kind, _ in kinds(text)] == [
        "heading",
        "byline",
        "text",
        "heading",
        "text",
        "text",
    ]


# ============================================================ loading: PDF and headers


def make_pdf(pages: list[list[tuple[float, float, float, str]]], title: str | None = None) -> bytes:
    """A minimal PDF: each page a list of (x, y, font size, text) in Helvetica."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"",  # the page tree, filled in below
    ]
    kids = []
    for items in pages:
        stream = "\n".join(
            f"BT /F1 {size} Tf {x} {y} Td ({_pdf_string(text)}) Tj ET" for x, y, size, text in items
        ).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 1 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    trailer = b"/Root %d 0 R" % len(objects)
    if title:
        objects.append(b"<< /Title (%s) >>" % _pdf_string(title).encode("cp1252"))
        trailer += b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def printed_page(
    body: list[tuple[float, str]], header: list[str], footer: list[str]
) -> list[tuple[float, float, float, str]]:
    """A page as a browser prints it: small header line(s), the body, small footer line(s)."""
    items = [(20.0 + 230 * i, 775.0, 8.0, text) for i, text in enumerate(header)]
    y = 730.0
    for size, line in body:
        items.append((72.0, y, size, line))
        y -= size * 1.5
    items += [(20.0 + 530 * i, 18.0, 8.0, text) for i, text in enumerate(footer)]
    return items


HEADLINE = [(20.0, "Harbour Bridge closed after inspectors"), (20.0, "find cracks in main span")]
PAGE_ONE = [
    (11.0, "The city closed the Harbour Bridge on Wednesday after inspectors found cracks in"),
    (11.0, "two girders of the main span, sending about 48,000 vehicles a day onto the older"),
    (11.0, "crossings. The cracks were found during a routine inspection on Tuesday night, the"),
    (11.0, "transport department said in a statement it sent late in the evening to the media and"),
]
PAGE_TWO = [
    (11.0, "to residents who live near the crossing."),
    (11.0, "Repairs are expected to take at least six weeks and to cost about $12 million, said"),
    (11.0, "the city, which published a first estimate of the work on Wednesday afternoon."),
]


def test_browser_printed_pdf_loses_headers_footers_and_keeps_sentences_whole():
    title = "Harbour Bridge closed | Quay Courier"
    address = "https://quaycourier.example/news/2031/harbour-bridge-closed"
    pages = [
        printed_page(HEADLINE + PAGE_ONE, ["3/12/31, 3:41 PM", title], [address, "1/2"]),
        printed_page(PAGE_TWO, ["3/12/31, 3:41 PM", title], [address, "2/2"]),
    ]
    document = load_bytes(make_pdf(pages, title=title), name="bridge.pdf")
    text = document.text
    for furniture in ("3:41 PM", "quaycourier.example", "1/2", "2/2", "| Quay Courier"):
        assert furniture not in text, furniture
    assert document.title == title
    assert any("header/footer" in note for note in document.source.repairs)
    passages = segment(text, "L")
    assert passages[0].kind == "heading"
    assert passages[0].text == "Harbour Bridge closed after inspectors find cracks in main span"
    sentences = [p.text for p in passages if p.kind == "text"]
    assert (
        "The cracks were found during a routine inspection on Tuesday night, the transport "
        "department said in a statement it sent late in the evening to the media and to "
        "residents who live near the crossing."
    ) in sentences
    assert all(p.kind in CONTENT_KINDS for p in passages)


def test_file_address_page_of_pages_and_repeated_title_lines_go():
    title = "Ferry fares rise again"
    pages = [
        printed_page(
            [
                (11.0, f"Line {n} of page {page} says the fare rose by {n}% on Monday, and more.")
                for n in range(6)
            ],
            [title],
            ["file:///home/ana/Downloads/ferry-fares.html", f"Page {page} of 3"],
        )
        for page in (1, 2, 3)
    ]
    text = load_bytes(make_pdf(pages), name="fares.pdf").text
    assert "file://" not in text and "of 3" not in text
    assert title not in text  # the page title printed at the top of every page


def test_single_page_print_loses_date_and_address_by_their_form():
    page = printed_page(
        [(11.0, "The ferry fare rose by 5% on Monday, the harbour board said in a statement.")],
        ["3/12/31, 9:05 AM", "Ferry fares | Quay Courier"],
        ["https://quaycourier.example/ferry-fares", "1/1"],
    )
    text = load_bytes(make_pdf([page]), name="fares.pdf").text
    assert text == "The ferry fare rose by 5% on Monday, the harbour board said in a statement."


def test_body_lines_that_repeat_away_from_the_page_edges_stay():
    body = [(11.0, "A line of the article that is long enough to set the usual width here.")]
    repeated = (11.0, "The board will meet again in May.")
    pages = [printed_page(body * 3 + [repeated] + body * 3, [], []) for _ in range(2)]
    text = load_bytes(make_pdf(pages), name="board.pdf").text
    assert text.count("The board will meet again in May.") == 2


def test_wrapped_headline_is_one_paragraph():
    usual = "\n".join(
        ["A line of body text that is as long as the other lines of this page are."] * 4
    )
    lower = f"Harbour Bridge closed after inspectors\nfind cracks in main span\n{usual}"
    assert reflow(lower).split("\n\n")[0] == (
        "Harbour Bridge closed after inspectors find cracks in main span"
    )
    function_word = f"Harbour Bridge Closed After Cracks Found In\nIts Main Span\n{usual}"
    assert reflow(function_word).split("\n\n")[0] == (
        "Harbour Bridge Closed After Cracks Found In Its Main Span"
    )
    title_case = f"Harbour Bridge Closed\nAs Cracks Appear\n{usual}"
    assert reflow(title_case).split("\n\n")[:2] == ["Harbour Bridge Closed", "As Cracks Appear"]
    assert reflow(title_case, title="Harbour Bridge Closed As Cracks Appear").split("\n\n")[0] == (
        "Harbour Bridge Closed As Cracks Appear"
    )
    heading_then_text = f"Why it matters\nTraffic deaths rose to 14 last year.\n{usual}"
    assert reflow(heading_then_text).split("\n\n")[0] == "Why it matters"


def test_title_and_source_header_lines_are_metadata():
    data = (
        b"Title: Ferry fares rise again\n"
        b"Source: Quay Courier, https://quaycourier.example/fares\n"
        b"Published: 2031-03-12\n\n"
        b"The fare rose by 5% on Monday.\n\nThe board meets in May.\n"
    )
    document = load_bytes(data, name="fares.txt")
    assert document.title == "Ferry fares rise again"
    assert document.source.outlet == "Quay Courier, https://quaycourier.example/fares"
    assert document.source.published == "2031-03-12"
    # The headline stays as the first line, without its label: it is compared as a heading.
    assert document.text.startswith("Ferry fares rise again\n\nThe fare rose by 5% on Monday.")
    assert "Source:" not in document.text and "Title:" not in document.text
    assert [p.kind for p in segment(document.text, "left")] == ["heading", "text", "text"]


def test_source_line_first_then_title():
    data = b"Source: Quay Courier\nTitle: Ferry fares rise\n\nThe fare rose by 5%.\n"
    document = load_bytes(data, name="fares.txt")
    assert (document.title, document.source.outlet) == ("Ferry fares rise", "Quay Courier")
    assert document.text.rstrip() == "Ferry fares rise\n\nThe fare rose by 5%."


def test_header_words_further_down_are_text():
    data = b"Ferry fares rise\n\nThe fare rose by 5%.\nSource: the harbour board's report.\n"
    document = load_bytes(data, name="fares.txt")
    assert document.source.outlet is None
    assert "Source: the harbour board's report." in document.text


def test_news_and_corpus_files_load_with_their_titles():
    news = sorted((SHARED / "eval" / "news").glob("*.txt"))
    if not news:
        pytest.skip("the shared news set is not here")
    for path in news:
        document = load_path(path)
        assert document.title and document.source.outlet, path.name
        assert not document.text.startswith(("Source:", "Title:")), path.name
        assert document.text.split("\n", 1)[0] == document.title, path.name
    for path in sorted(CORPUS.glob("*.txt")):
        assert load_path(path).source.outlet is None
