"""Load an HTML page, a PDF and a .docx with the plain package (``pip install .``).

Run by .ci/run with the clean virtual environment's Python, from a folder outside the
work tree, so that only what ``pip install .`` installed is used.  It writes the three
sample files into the folder given, then compares them pairwise with ``python -m main``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TEXT = [
    "Musk Sues OpenAI",
    "Elon Musk filed a lawsuit against OpenAI in 2024, accusing the company of",
    "betraying its founding mission as a nonprofit research lab.",
    "OpenAI said the claims were without merit and that it would fight them in court.",
]


def write_html(path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in TEXT[1:])
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Musk Sues OpenAI</title>"
        f"</head><body><article><h1>{TEXT[0]}</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )


def write_pdf(path: Path) -> None:
    """A minimal one-page PDF with a text layer (Helvetica), written by hand."""
    operators = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    operators += [f"({line}) Tj T*" for line in TEXT]
    stream = "\n".join([*operators, "ET"]).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def write_docx(path: Path) -> None:
    import docx  # python-docx: a dependency of the package, so installed by `pip install .`

    document = docx.Document()
    document.add_heading(TEXT[0], level=1)
    for line in TEXT[1:]:
        document.add_paragraph(line)
    document.save(str(path))


def main() -> int:
    folder = Path(sys.argv[1])
    files = {"html": folder / "a.html", "pdf": folder / "b.pdf", "docx": folder / "c.docx"}
    write_html(files["html"])
    write_pdf(files["pdf"])
    write_docx(files["docx"])
    pairs = [("html", "pdf"), ("pdf", "docx"), ("docx", "html")]
    for left, right in pairs:
        done = subprocess.run(
            [sys.executable, "-m", "main", "compare", str(files[left]), str(files[right])],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or done.stderr.strip() or "Aligned pairs" not in done.stdout:
            print(f"clean install: compare {left} {right} failed:\n{done.stderr}", file=sys.stderr)
            return 1
        print(f"clean install: compare {left} {right}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
