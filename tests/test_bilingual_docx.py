"""The bilingual DOCX: one table row per aligned pair (no nested tables), bilingual tables
whose header rows repeat and whose rows never split, the same reading order as the PDF;
and LibreOffice, laying out a table that spans pages, repeats its header on each page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from inspect_outputs import pdf_text

from reportgen import model as m
from reportgen.build import BuildOptions, prepare

DOCS = ["briefing-pack", "annex-1", "annex-2"]


def _model(build: Path, doc: str) -> m.Document:
    return prepare(build.parent, BuildOptions()).model(doc, "bilingual")


def _tables(blocks: list[m.Block]) -> list[m.Table]:
    return [b for b in m.walk(blocks) if isinstance(b, m.Table)]


def _parallels(blocks: list[m.Block]) -> list[m.Parallel]:
    return [b for b in m.walk(blocks) if isinstance(b, m.Parallel)]


@pytest.mark.parametrize("doc", DOCS)
def test_a_row_per_pair_and_no_nested_tables(large_build: Path, doc: str) -> None:
    model = _model(large_build, doc)
    document = docx.Document(str(large_build / f"{doc}.bilingual.docx"))
    tables = document.tables
    assert not any(cell.tables for t in tables for row in t.rows for cell in row.cells)
    expected = [len(p.rows) for p in _parallels(model.blocks)]
    expected += [len(t.rows) for t in _tables(model.blocks)]
    assert sorted(len(t.rows) for t in tables) == sorted(expected)
    assert len(tables) == len(expected)


def test_bilingual_table_rows_never_split_and_headers_repeat(large_build: Path) -> None:
    document = docx.Document(str(large_build / "briefing-pack.bilingual.docx"))
    heads = [t for t in document.tables if t.rows[0].cells[0].text in ("Time\n時間", "Name\n姓名")]
    assert len(heads) == 3  # the programme and two delegation groups
    for table in heads:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


def _body_text(document: docx.document.Document) -> str:
    """All text in document order, table cells included."""
    body = document.element.body
    return "".join(t.text or "" for t in body.iter(qn("w:t")))


@pytest.mark.parametrize("doc", DOCS)
def test_docx_reads_in_the_order_of_the_model(large_build: Path, doc: str) -> None:
    model = _model(large_build, doc)
    text = "".join(_body_text(docx.Document(str(large_build / f"{doc}.bilingual.docx"))).split())
    cursor = 0
    for parallel in _parallels(model.blocks):
        for pair in parallel.rows:
            for half in (pair.left, pair.right):
                first = next(
                    (b.text for b in m.walk(half) if isinstance(b, (m.Paragraph, m.Heading))), ""
                )
                needle = "".join(first.split())[:12]
                if not needle:
                    continue
                at = text.find(needle, cursor)
                assert at >= 0, (pair.key, needle)
                cursor = at + 1


@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)",
)
def test_libreoffice_repeats_the_header_of_a_table_across_pages(
    large_build: Path, tmp_path: Path
) -> None:
    source = large_build / "briefing-pack.bilingual.docx"
    cmd = [
        "soffice",
        f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    ]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(cmd, env=env, check=True, timeout=300, capture_output=True)
    pages = pdf_text(tmp_path / "briefing-pack.bilingual.pdf")
    items = ["West Kowloon", "Guangzhou South Station", "Shenzhen Bay Control Point"]
    spanned = [n for n, page in enumerate(pages) if any(i in page for i in items)]
    assert len(set(spanned)) >= 2, "the programme should span pages"
    for n in spanned:
        assert "時間" in pages[n] and "Venue" in pages[n], f"page {n + 1}: no header row"
