"""The bilingual DOCX's layout, found by QA: the cover fitted to one page (by estimate, as
the PDF's cover is by rule), body text in pair rows spaced as body text, and a numbered
list split across pair rows numbered on (never restarting at 1)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import make_project
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.build import BuildOptions, build
from reportgen.writers import docx_cover
from reportgen.writers.docx_styles import SPECS


def _build(tmp_path: Path, name: str, doc: str) -> Path:
    project = make_project(tmp_path, name)
    build(project, BuildOptions(docs=[doc], formats=["docx"], editions=["bilingual", "en"]))
    return project / "build"


@pytest.fixture(scope="module")
def gba(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("gba-layout"), "gba-visit")
    build(project, BuildOptions(formats=["docx"], editions=["bilingual", "en"]))
    return project / "build"


def _cover_height(document: docx.document.Document) -> float:
    """The cover's estimated height in points, as :mod:`docx_cover` estimates it."""
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700
    lines = [docx_cover._Line(p) for p in docx_cover.cover_paragraphs(document)]
    return sum(x.height(width, 1.0, 1.0) for x in lines)


def test_long_bilingual_cover_is_fitted_and_a_short_one_left_alone(gba: Path) -> None:
    bilingual = docx.Document(str(gba / "briefing-pack.bilingual.docx"))
    english = docx.Document(str(gba / "briefing-pack.en.docx"))
    section = bilingual.sections[0]
    page = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    assert docx_cover.cover_paragraphs(bilingual)
    assert _cover_height(bilingual) <= page  # spacers shrunk: the estimate fits
    spacers = [
        p.paragraph_format.space_before
        for p in docx_cover.cover_paragraphs(english)
        if not p.text and p.paragraph_format.space_before
    ]
    shrunk = [
        p.paragraph_format.space_before
        for p in docx_cover.cover_paragraphs(bilingual)
        if not p.text and p.paragraph_format.space_before
    ]
    assert len(spacers) == len(shrunk) and all(s < e for s, e in zip(shrunk, spacers, strict=True))
    assert english.paragraphs[0].runs[0].font.size is None  # the English cover fits as it is


def test_a_very_long_cover_is_set_smaller(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("Cover Note", 1)
    for i in range(30):
        document.add_paragraph("A long title line " * 6 + str(i), style="Title")
    document.add_paragraph("For the use of the delegation only", style="Cover Note")
    document.add_page_break()
    document.add_paragraph("Contents")
    squeeze, scale = docx_cover.fit(document)
    assert scale < 1.0
    cover = docx_cover.cover_paragraphs(document)
    assert all(r.font.size < Pt(SPECS["cover-title"].size) for p in cover[:-1] for r in p.runs)
    assert cover[-1].runs[0].font.size < Pt(SPECS["cover-note"].size)
    assert document.paragraphs[-1].runs[0].font.size is None  # after the cover: untouched
    run = docx_cover.cover_paragraphs(document)[0].runs[0]._r
    assert run.rPr.find(qn("w:szCs")) is not None


def test_body_paragraphs_in_pair_rows_are_spaced(gba: Path) -> None:
    document = docx.Document(str(gba / "annex-1.bilingual.docx"))
    body = [
        p
        for t in document.tables
        for row in t.rows
        for cell in row.cells
        for p in cell.paragraphs
        if p.style.name == SPECS["cell"].word
    ]
    assert len(body) > 20
    assert all(p.paragraph_format.space_after == Pt(SPECS["body"].after) for p in body)
    article2 = [p for p in body if p.text.startswith("The two sides will study measures")]
    assert article2  # the second paragraph of Article 2, QA's example


def _numbers(document: docx.document.Document) -> list[tuple[str, int]]:
    """(text, number shown) of each List Number paragraph in the English column."""
    numbering = document.part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        start = int(override.get(qn("w:val"))) if override is not None else 1
        starts[num.get(qn("w:numId"))] = start
    seen: dict[str, int] = {}
    out = []
    for table in document.tables:
        for row in table.rows:
            for p in row.cells[0].paragraphs:
                ppr = p._p.pPr
                num = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}") if ppr is not None else None
                if num is None or p.style.name != "List Number":
                    continue
                nid = num.get(qn("w:val"))
                out.append((p.text, starts[nid] + seen.get(nid, 0)))
                seen[nid] = seen.get(nid, 0) + 1
    return out


def test_numbered_list_split_across_pair_rows_numbers_on(tmp_path: Path) -> None:
    out = _build(tmp_path, "sample", "briefing-pack")
    numbers = _numbers(docx.Document(str(out / "briefing-pack.bilingual.docx")))
    agreements = [n for text, n in numbers if "Agreement" in text or "Memorandum" in text]
    assert agreements == [1, 2, 3, 4]
