"""Read built PDFs and DOCX files back, for assertions."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader


def pdf_text(path: Path) -> list[str]:
    """Text of each page (pdfium: form XObjects included, reading order kept)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_bounded().replace("\r\n", "\n") for page in pdf]
    finally:
        pdf.close()


def flat(text: str) -> str:
    """Whitespace folded to single spaces (line breaks in a paragraph are layout)."""
    return " ".join(text.split())


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font used on any page or form -> embedded?"""
    reader = PdfReader(path)
    found: dict[str, bool] = {}

    def visit(resources) -> None:  # type: ignore[no-untyped-def]
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobj in (resources.get("/XObject") or {}).values():
            visit(xobj.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def pdf_outline(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) for every bookmark."""
    reader = PdfReader(path)
    out: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def docx_texts(path: Path) -> dict[str, str]:
    d = docx.Document(str(path))
    body = [p.text for p in d.paragraphs]

    def cells(tables) -> list[str]:  # type: ignore[no-untyped-def]
        out = []
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    out += [p.text for p in cell.paragraphs]
                    out += cells(cell.tables)
        return out

    sec = d.sections[0]
    return {
        "body": "\n".join(body + cells(d.tables)),
        "header": "\n".join(p.text for p in sec.header.paragraphs),
        "footer": "\n".join(p.text for p in sec.footer.paragraphs),
    }


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def pdf_problems(path: Path) -> list[str]:
    """qpdf's structural check (``qpdf --check``, through pikepdf): [] for a sound PDF."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [str(p) for p in pdf.check_pdf_syntax()]
