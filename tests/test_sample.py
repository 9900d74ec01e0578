"""The repository's own sample, built as the README's first command builds it: every output
there, structurally sound, fonts embedded, page footers right, the Chinese present."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import REPO
from inspect_outputs import docx_texts, pdf_fonts, pdf_outline, pdf_problems, pdf_text

from reportgen.build import BuildOptions, plan
from reportgen.project import load_project

FOOTER = {
    "en": r"Page (\d+) of (\d+)",
    "zh": r"第 (\d+) 頁，共 (\d+) 頁",
    "zh-Hans": r"第 (\d+) 页，共 (\d+) 页",
    "bilingual": r"Page (\d+) of (\d+)",
}


def _planned() -> list[str]:
    return sorted(job.path.name for job in plan(load_project(REPO), BuildOptions()))


PLANNED = _planned()
PDFS = [n for n in PLANNED if n.endswith(".pdf")]
DOCXS = [n for n in PLANNED if n.endswith(".docx")]


def test_every_planned_output_is_built(sample_build: Path) -> None:
    built = sorted(p.name for p in sample_build.iterdir() if not p.name.startswith("."))
    assert built == PLANNED
    assert len(PLANNED) >= 17  # 4 briefing-pack editions × 2, annexes 2 × 2 × 2, 2 packs


@pytest.mark.parametrize("name", PDFS)
def test_pdf_is_sound_and_embeds_every_font(sample_build: Path, name: str) -> None:
    path = sample_build / name
    assert pdf_problems(path) == []
    fonts = pdf_fonts(path)
    assert fonts, name
    assert all(fonts.values()), {f: e for f, e in fonts.items() if not e}
    assert not any("Helvetica" in f or "Times" in f for f in fonts), fonts


@pytest.mark.parametrize("name", [n for n in PDFS if not n.startswith("annex-pack")])
def test_pdf_footer_numbers_every_page(sample_build: Path, name: str) -> None:
    edition = name.split(".")[1]
    pages = pdf_text(sample_build / name)
    for number, text in enumerate(pages, start=1):
        found = re.search(FOOTER[edition], text)
        assert found, (name, number)
        assert (int(found[1]), int(found[2])) == (number, len(pages)), (name, number)


@pytest.mark.parametrize("name", [n for n in PDFS if n.startswith("briefing-pack")])
def test_briefing_pack_bookmarks_point_at_their_headings(sample_build: Path, name: str) -> None:
    pages = pdf_text(sample_build / name)
    outline = pdf_outline(sample_build / name)
    assert len(outline) >= 8
    for _depth, title, page in outline:
        assert title.split(" / ")[0][:6] in pages[page - 1].replace("\n", ""), (title, page)


@pytest.mark.parametrize("name", DOCXS)
def test_docx_reopens_with_text(sample_build: Path, name: str) -> None:
    document = docx.Document(str(sample_build / name))
    text = "".join(docx_texts(sample_build / name).values())  # a bilingual one: in tables
    assert len(text) > 200
    if ".zh" in name or ".bilingual" in name:
        assert re.search(r"[\u4e00-\u9fff]", text) or document.tables


@pytest.mark.parametrize("name", [n for n in PDFS if n.startswith("briefing-pack")])
def test_no_heading_is_left_at_the_foot_of_a_page(sample_build: Path, name: str) -> None:
    """Every heading has text of its section below it on its own page."""
    edition = name.split(".")[1]
    pages = pdf_text(sample_build / name)
    for _depth, title, page in pdf_outline(sample_build / name):
        text = re.sub(FOOTER[edition], "", pages[page - 1]).replace("\n", "")
        start = title.split(" / ")[0][:6]
        after = text[text.index(start) + len(title.split(" / ")[0]) :]
        assert len(after.strip()) > 15, (title, page)


def test_bilingual_pages_are_filled(sample_build: Path) -> None:
    """A heading is kept with the start of what follows, not with all of it: no page but
    the cover, the contents and the last ends with more than a third of it blank."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(sample_build / "briefing-pack.bilingual.pdf"))
    try:
        for number in range(3, len(pdf)):  # body pages but the last
            page = pdf[number - 1]
            height = page.get_height()
            textpage = page.get_textpage()
            lowest = min(
                textpage.get_charbox(i)[1]
                for i in range(textpage.count_chars())
                if textpage.get_text_range(i, 1).strip()
                and textpage.get_charbox(i)[1] > 80  # above the footer
            )
            assert lowest < height / 3, (number, lowest, height)
    finally:
        pdf.close()


@pytest.mark.parametrize("edition", ["en", "bilingual"])
def test_docx_table_grid_follows_the_columns(sample_build: Path, edition: str) -> None:
    """LibreOffice lays a table out from its grid: the programme's time column is as wide as
    its cells say, and wide enough for "07:15–10:00" (about 6 em at 9.5 pt)."""
    from docx.shared import Pt

    document = docx.Document(str(sample_build / f"briefing-pack.{edition}.docx"))
    heads = {"en": "Time", "bilingual": "Time\n時間"}  # bilingual: English above Chinese
    tables = [t for t in document.tables if t.rows and t.rows[0].cells[0].text == heads[edition]]
    assert tables, "programme table not found"
    assert not any(cell.tables for t in document.tables for r in t.rows for cell in r.cells)
    table = tables[0]
    grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    cells = [cell.width for cell in table.rows[0].cells]
    assert grid == cells
    assert grid[0] >= Pt(6 * 9.5)


def test_docx_title_has_no_template_rule(sample_build: Path) -> None:
    document = docx.Document(str(sample_build / "briefing-pack.en.docx"))
    title = document.styles["Title"].element
    assert (
        title.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is None
    )
