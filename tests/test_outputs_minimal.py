"""The pipeline end to end on the minimal fixture: what the PDF and DOCX really contain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import docx_part, docx_texts, flat, pdf_fonts, pdf_outline, pdf_text
from pypdf import PdfReader

from reportgen.build import BuildOptions, build


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("minimal"), "minimal")
    build(root, BuildOptions(epoch=1632355200))
    return root / "build"


@pytest.mark.parametrize("edition", ["en", "zh", "bilingual"])
def test_every_font_embedded(out: Path, edition: str) -> None:
    fonts = pdf_fonts(out / f"briefing-pack.{edition}.pdf")
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)


def test_content_is_text_never_markup(out: Path) -> None:
    text = flat(" ".join(pdf_text(out / "briefing-pack.en.pdf")))
    assert "AT&T R&D <b>not bold</b> x<y and 1<2." in text
    body = docx_texts(out / "briefing-pack.en.docx")["body"]
    assert "AT&T R&D <b>not bold</b> x<y and 1<2." in body


def test_page_x_of_y_in_each_language(out: Path) -> None:
    pages = pdf_text(out / "briefing-pack.zh.pdf")
    n = len(pages)
    for i, text in enumerate(pages, 1):
        assert f"第 {i} 頁，共 {n} 頁" in text
    en = pdf_text(out / "briefing-pack.en.pdf")
    assert all(f"Page {i} of {len(en)}" in t for i, t in enumerate(en, 1))


def test_chinese_copies_out_exactly(out: Path) -> None:
    text = "".join(pdf_text(out / "briefing-pack.zh.pdf"))
    flat = re.sub(r"\s+", "", text)
    assert "林鄭月娥女士" in flat
    assert "香港交易及結算所有限公司" in flat
    assert "2021年9月23日" in flat


def test_contents_numbers_match_bookmarks(out: Path) -> None:
    path = out / "briefing-pack.en.pdf"
    outline = pdf_outline(path)
    titles = [t for _, t, _ in outline]
    assert "1. Programme" in titles and "3. Background" in titles
    toc_page = pdf_text(path)[1]
    for _depth, title, page in outline:
        line = next(ln for ln in toc_page.splitlines() if ln.startswith(title))
        assert line.endswith(f" {page}"), (line, page)


def test_metadata(out: Path) -> None:
    reader = PdfReader(out / "briefing-pack.zh.pdf")
    assert reader.metadata.title == "簡報資料 – 香港代表團"
    assert reader.trailer["/Root"]["/Lang"] == "zh-HK"  # the PDF's tag (issue 16)


def test_bilingual_pairs_blocks(out: Path) -> None:
    pages = pdf_text(out / "briefing-pack.bilingual.pdf")
    assert any("Background" in p and "背景" in p for p in pages)


def test_docx_structure(out: Path) -> None:
    path = out / "briefing-pack.zh.docx"
    doc = docx_part(path, "word/document.xml")
    styles = docx_part(path, "word/styles.xml")
    assert 'w:eastAsia="zh-HK"' in styles
    # the styles carry the fonts (under the embedded subset's name); runs do not repeat them
    assert re.search(r'<w:rFonts[^>]*w:eastAsia="Noto Serif CJK TC [0-9A-F]{8}"', styles)
    assert 'w:eastAsia="Noto' not in doc
    assert "<w:tblHeader" in doc
    assert 'TOC \\o "1-2"' in doc
    footer = next(docx_part(path, n) for n in _names(path) if n.startswith("word/footer"))
    assert " PAGE " in footer and " NUMPAGES " in footer
    texts = docx_texts(path)
    assert "林鄭月娥女士" in texts["body"]
    assert "限閱文件" in texts["header"]
    for heading in ("Heading 1", "Heading 2", "Title"):
        assert f'w:val="{heading.replace(" ", "")}"' in doc


def _names(path: Path) -> list[str]:
    import zipfile

    return zipfile.ZipFile(path).namelist()
