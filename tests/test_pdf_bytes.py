"""What keeps the PDF small, read back from the files: cross-reference and object streams
only where the PDF standard allows them, embedded subsets without hinting, string bytes
written raw, no default entries on forms; and the text still extracts exactly."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import FONTS, make_project
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from reportlab.pdfbase.ttfonts import TTFontFile

from reportgen.build import BuildOptions, build
from reportgen.writers import rl_patches
from reportgen.writers.pdf_text import literal
from reportgen.writers.ttf_subset import unhinted

EPOCH = 1632355200
HINTING = {"fpgm", "prep", "cvt "}
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed"
)


def _reportlab_subset(name: str, text: str) -> bytes:
    """The subset reportlab itself cuts (its makeSubset, before reportgen's patch)."""
    face = TTFontFile(str(FONTS / name))
    return rl_patches._original_make_subset(face, [ord(c) for c in text])


def _font_files(pdf: pikepdf.Pdf) -> dict[str, bytes]:
    out = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            out[str(obj.FontName)] = obj.FontFile2.read_bytes()
    return out


# --- hinting ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["NotoSerif-Regular.ttf", "NotoSerif-BoldItalic.ttf"])
def test_unhinted_subset_has_the_same_glyphs_without_hinting(name: str) -> None:
    hinted = _reportlab_subset(name, "Hong Kong/Sichuan Co-operation, café naïve 1–2 (GDP)")
    bare = unhinted(hinted)
    old, new = TTFont(io.BytesIO(hinted)), TTFont(io.BytesIO(bare))
    assert HINTING <= set(old.keys()) and not HINTING & set(new.keys())
    assert len(bare) < len(hinted) * 0.7
    assert new.getGlyphOrder() == old.getGlyphOrder()
    assert new["cmap"].tables[0].cmap == old["cmap"].tables[0].cmap
    assert new["maxp"].maxSizeOfInstructions == 0 and new["maxp"].maxFunctionDefs == 0
    assert new["head"].indexToLocFormat == old["head"].indexToLocFormat
    old_set, new_set = old.getGlyphSet(), new.getGlyphSet()
    programs = 0
    for glyph in old.getGlyphOrder():
        a, b = DecomposingRecordingPen(old_set), DecomposingRecordingPen(new_set)
        old_set[glyph].draw(a)
        new_set[glyph].draw(b)
        assert a.value == b.value, glyph
        assert old["hmtx"][glyph] == new["hmtx"][glyph], glyph
        programs += bool(getattr(old["glyf"][glyph], "program", None))
        assert not getattr(new["glyf"][glyph], "program", None), glyph
    assert programs > 10  # the original did carry instructions
    assert unhinted(bare) == bare


def test_a_subset_without_hinting_keeps_its_bytes() -> None:
    cjk = _reportlab_subset("NotoSerifCJKtc-Regular.ttf", "香港特別行政區政府「走出去」")
    assert unhinted(cjk) == cjk


def test_embedded_subsets_carry_no_hinting(sample_build: Path) -> None:
    with pikepdf.open(sample_build / "briefing-pack.bilingual.pdf") as pdf:
        files = _font_files(pdf)
    assert any("NotoSerif-" in name for name in files)
    for name, data in files.items():
        font = TTFont(io.BytesIO(data))
        assert not HINTING & set(font.keys()), name
        for glyph in font.getGlyphOrder():
            assert not getattr(font["glyf"][glyph], "program", None), (name, glyph)


# --- strings ----------------------------------------------------------------------------


def test_literal_escapes_only_what_a_string_must() -> None:
    codes = bytes(range(256))
    body = literal(codes)
    assert len(body) == 256 + 5  # one escape each: \\ \( \) \r \n
    assert "\\\\" in body and "\\(" in body and "\\)" in body and "\\r" in body
    assert "\\n" in body and "\\2" not in body  # no octal escapes
    content = f"BT /F1 10 Tf ({body}) Tj ET".encode("latin-1")
    with pikepdf.new() as pdf:
        ops = pikepdf.parse_content_stream(pdf.make_stream(content))
    [operands] = [operands for operands, op in ops if str(op) == "Tj"]
    assert bytes(operands[0]) == codes


def test_page_strings_are_raw_bytes(sample_build: Path) -> None:
    octal_high = re.compile(rb"\\[23][0-7]{2}")  # \200 .. \377: what reportlab wrote
    with pikepdf.open(sample_build / "briefing-pack.bilingual.pdf") as pdf:
        pages = [page.obj.Contents.read_bytes() for page in pdf.pages]
        forms = [
            xobj.read_bytes()
            for page in pdf.pages
            for xobj in page.obj.Resources.get("/XObject", {}).values()
        ]
    assert not any(octal_high.search(stream) for stream in pages + forms)
    assert sum(len(re.findall(rb"[\x80-\xff]", stream)) for stream in pages) > 1000


@needs_pdftotext
def test_cjk_text_extracts_from_raw_strings(sample_build: Path) -> None:
    path = sample_build / "briefing-pack.zh.pdf"
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "香港" in text and "四川" in text


# --- objects and cross-reference ----------------------------------------------------------


def _xref_kind(data: bytes) -> str:
    """ "table" (a classic xref section) or "stream" (a cross-reference stream)."""
    start = int(data[data.rindex(b"startxref") + 9 :].split()[0])
    return "table" if data[start : start + 4] == b"xref" else "stream"


@pytest.mark.parametrize(
    ("standard", "version", "xref"),
    [
        ("PDF/A-2u", "1.7", "stream"),
        ("PDF/A-2b", "1.7", "stream"),
        ("PDF/A-1b", "1.4", "table"),
        ("none", "1.7", "stream"),
    ],
)
def test_object_streams_only_where_the_standard_allows(
    tmp_path: Path, standard: str, version: str, xref: str
) -> None:
    root = make_project(tmp_path)
    config = root / "reportgen.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"pdf:\n  standard: {standard}\n")
    build(root, BuildOptions(docs=["annex-2"], formats=["pdf"], epoch=EPOCH))
    data = (root / "build" / "annex-2.zh.pdf").read_bytes()
    assert data.startswith(f"%PDF-{version}".encode())
    assert _xref_kind(data) == xref
    assert (b"/ObjStm" in data) == (xref == "stream")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        elements = {
            o.objgen[0]
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and "/S" in o and "/P" in o
        }
    top_level = {int(n) for n in re.findall(rb"(?m)^(\d+) 0 obj", data)}
    assert len(elements) > 20
    if xref == "stream":  # every structure element sits in a (compressed) object stream
        assert not elements & top_level
    else:
        assert elements <= top_level


@needs_pdftotext
def test_footers_and_contents_numbers_are_drawn_in_the_page(sample_build: Path) -> None:
    """The deferred forms (page totals, contents numbers) are inlined: no form left, each
    page's stream draws its own footer inside the form's clip, with nothing dropped."""
    with pikepdf.open(sample_build / "briefing-pack.bilingual.pdf") as pdf:
        pages = len(pdf.pages)
        forms = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/BBox" in o]
        for number, page in enumerate(pdf.pages, 1):
            assert not {"/Rotate", "/Trans"} & set(page.obj.keys())
            assert not {"/ProcSet", "/XObject"} & set(page.obj.Resources.keys())
            code = page.obj.Contents.read_bytes()
            assert b" Do\n" not in code
            assert code.count(b"q -300 -20 600 60 re W n\n") >= 1, number
    assert not forms
    text = subprocess.run(
        ["pdftotext", "-layout", str(sample_build / "briefing-pack.bilingual.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text


def test_a_form_with_its_own_resources_stays_a_form() -> None:
    from reportgen.writers.pdf_finish import inline_forms

    with pikepdf.new() as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary())
        other = pdf.make_indirect(pikepdf.Dictionary())
        page = pdf.add_blank_page()
        page.obj.Resources = pikepdf.Dictionary(Font=font)
        page.obj.Contents = pdf.make_stream(b"q\n/A Do\nQ\nq\n/B Do\nQ\nq\n/C Do\nQ\n")
        box = pikepdf.Array([0, 0, 10, 10])
        forms = {
            "/A": pdf.make_stream(
                b"A", Subtype=pikepdf.Name.Form, BBox=box, Resources={"/Font": font}
            ),
            "/B": pdf.make_stream(
                b"B", Subtype=pikepdf.Name.Form, BBox=box, Resources={"/Font": other}
            ),
            "/C": pdf.make_stream(
                b"C", Subtype=pikepdf.Name.Form, BBox=box, Matrix=[2, 0, 0, 2, 0, 0]
            ),
        }
        page.obj.Resources.XObject = pikepdf.Dictionary(forms)
        inline_forms(pdf)
        code = page.obj.Contents.read_bytes()
        assert code == b"q\nq 0 0 10 10 re W n\nA\nQ\nQ\nq\n/B Do\nQ\nq\n/C Do\nQ\n"
        assert set(page.obj.Resources.XObject.keys()) == {"/B", "/C"}
