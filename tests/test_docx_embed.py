"""Fonts embedded in DOCX (ECMA-376 §17.8): subsetted, obfuscated, used by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from lxml import etree

from reportgen.writers.docx_embed import (
    EmbedFont,
    deobfuscate,
    embed_fonts,
    font_key,
    obfuscate,
)
from reportgen.writers.docx_package import docx_bytes, save_reproducible

TEXT = "行政長官 Chief Executive 𨋢"
EPOCH = 1632355200  # 2021-09-23 00:00:00 UTC
FONTS_DIR = Path(__file__).resolve().parents[1] / "fonts"
CJK_FILE, LATIN_FILE = "NotoSerifCJKtc-Regular.ttf", "NotoSerif-Regular.ttf"
CJK, LATIN = "Noto Serif CJK TC", "Noto Serif"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
GUID = re.compile(r"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$")


@pytest.fixture(scope="module")
def fonts() -> list[EmbedFont]:
    missing = [n for n in (CJK_FILE, LATIN_FILE) if not (FONTS_DIR / n).is_file()]
    if missing:
        pytest.skip(f"repository fonts missing from {FONTS_DIR}: {', '.join(missing)}")
    return [
        EmbedFont(CJK, "regular", FONTS_DIR / CJK_FILE),
        EmbedFont(LATIN, "regular", FONTS_DIR / LATIN_FILE),
    ]


def _document() -> Document:
    document = docx.Document()
    run = document.add_paragraph().add_run(TEXT)
    run.font.name = LATIN
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK)
    return document


def _embedded(fonts: list[EmbedFont]) -> tuple[bytes, list[str]]:
    document = _document()
    warnings = embed_fonts(document, fonts, TEXT)
    return docx_bytes(document, EPOCH), warnings


@pytest.fixture(scope="module")
def built(fonts: list[EmbedFont]) -> tuple[bytes, list[str]]:
    return _embedded(fonts)


@pytest.fixture(scope="module")
def package(built: tuple[bytes, list[str]]) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(built[0]))


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name))


def _font_rels(package: zipfile.ZipFile) -> dict[str, str]:
    rels = _xml(package, "word/_rels/fontTable.xml.rels")
    return {
        r.get("Id"): r.get("Target")
        for r in rels.iter(f"{REL_NS}Relationship")
        if r.get("Type") == RT.FONT
    }


def _embeds(package: zipfile.ZipFile) -> dict[str, etree._Element]:
    """The w:embedRegular elements by the real family name (w:altName)."""
    table = _xml(package, "word/fontTable.xml")
    found = {}
    for font in table.findall(qn("w:font")):
        embed = font.find(qn("w:embedRegular"))
        if embed is not None:
            found[font.find(qn("w:altName")).get(qn("w:val"))] = embed
    return found


def _name(embed: etree._Element) -> str:
    return embed.getparent().get(qn("w:name"))


def _font_of(package: zipfile.ZipFile, family: str) -> TTFont:
    embed = _embeds(package)[family]
    target = _font_rels(package)[embed.get(qn("r:id"))]
    data = package.read("word/" + target)
    return TTFont(io.BytesIO(deobfuscate(data, embed.get(qn("w:fontKey")))))


# --- obfuscation -----------------------------------------------------------------------------


def test_key_bytes_are_the_guid_read_backwards() -> None:
    # §17.8.1: key byte 0 is the GUID's last hex pair; the 16 bytes cover bytes 0-15 and 16-31
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    expected = bytes.fromhex("FFEEDDCCBBAA99887766554433221100") * 2
    assert obfuscate(bytes(40), key) == expected + bytes(8)
    data = bytes(range(64))
    assert deobfuscate(obfuscate(data, key), key) == data


def test_keys_are_deterministic() -> None:
    assert font_key(CJK, "regular", TEXT) == font_key(CJK, "regular", TEXT)
    assert font_key(CJK, "regular", TEXT) != font_key(CJK, "bold", TEXT)
    assert font_key(CJK, "regular", TEXT) != font_key(CJK, "regular", TEXT + "x")
    assert GUID.match(font_key(CJK, "regular", TEXT))


# --- the package -----------------------------------------------------------------------------


def test_python_docx_reopens_it(built: tuple[bytes, list[str]]) -> None:
    data, warnings = built
    assert warnings == []
    reopened = docx.Document(io.BytesIO(data))
    assert reopened.paragraphs[0].text == TEXT


def test_font_parts_have_content_type_and_relationships(package: zipfile.ZipFile) -> None:
    types = _xml(package, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT_NS}Override")}
    parts = sorted(n for n in package.namelist() if n.endswith(".odttf"))
    assert parts == ["word/fonts/font1.odttf", "word/fonts/font2.odttf"]
    for name in parts:
        assert overrides["/" + name] == ODTTF
    assert sorted(_font_rels(package).values()) == ["fonts/font1.odttf", "fonts/font2.odttf"]
    doc_rels = _xml(package, "word/_rels/document.xml.rels")
    assert any(r.get("Type") == RT.FONT_TABLE for r in doc_rels)


def test_font_table_names_the_embedded_fonts(package: zipfile.ZipFile) -> None:
    embeds = _embeds(package)
    assert set(embeds) == {CJK, LATIN}
    for family, embed in embeds.items():
        # the embedded family is named after its subset: the real name, then 8 hex digits
        assert re.fullmatch(re.escape(family) + r" [0-9A-F]{8}", _name(embed))
        assert len(_name(embed)) < 32  # Word's limit
        assert GUID.match(embed.get(qn("w:fontKey")))
        assert embed.get(qn("w:fontKey")) == font_key(_name(embed), "regular", "")
        assert embed.get(qn("w:subsetted")) == "1"
    cjk = embeds[CJK].getparent()
    order = [etree.QName(c).localname for c in cjk]
    assert order == ["altName", "panose1", "charset", "family", "pitch", "embedRegular"]
    assert cjk.find(qn("w:charset")).get(qn("w:val")) == "88"


def test_deobfuscated_fonts_are_small_subsets_covering_the_text(package: zipfile.ZipFile) -> None:
    for info in package.infolist():
        if info.filename.endswith(".odttf"):
            assert not package.read(info.filename).startswith(b"\x00\x01\x00\x00")
            assert info.file_size < 100_000, info
    cjk = _font_of(package, CJK)
    assert set(map(ord, TEXT)) <= set(cjk.getBestCmap())
    assert cjk["name"].getDebugName(1) == _name(_embeds(package)[CJK])
    assert cjk["name"].getDebugName(4) == _name(_embeds(package)[CJK])
    assert "OS/2" in cjk and "fpgm" not in cjk
    latin = _font_of(package, LATIN)
    assert set(map(ord, "Chief Executive")) <= set(latin.getBestCmap())
    assert "fpgm" not in latin and "prep" not in latin  # hinting dropped


def test_settings_ask_for_embedded_fonts_in_schema_order(package: zipfile.ZipFile) -> None:
    settings = _xml(package, "word/settings.xml")
    names = [etree.QName(c).localname for c in settings]
    assert names[:4] == ["zoom", "embedTrueTypeFonts", "saveSubsetFonts", "proofState"]


def test_a_document_without_a_font_table_gets_one(fonts: list[EmbedFont]) -> None:
    document = _document()
    rid = next(k for k, r in document.part.rels.items() if r.reltype == RT.FONT_TABLE)
    document.part.drop_rel(rid)
    assert not any(r.reltype == RT.FONT_TABLE for r in document.part.rels.values())
    assert embed_fonts(document, fonts[1:], TEXT) == []
    package = zipfile.ZipFile(io.BytesIO(docx_bytes(document, EPOCH)))
    assert set(_embeds(package)) == {LATIN}
    types = _xml(package, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT_NS}Override")}
    assert overrides["/word/fontTable.xml"].endswith("wordprocessingml.fontTable+xml")


# --- licence bits ----------------------------------------------------------------------------


def _with_fs_type(source: Path, fs_type: int, target: Path) -> Path:
    font = TTFont(source)
    font["OS/2"].fsType = fs_type
    font.save(target)
    return target


@pytest.mark.parametrize("fs_type", [0x0002, 0x0200, 0x0202])
def test_restricted_fonts_are_refused(fonts: list[EmbedFont], tmp_path: Path, fs_type: int) -> None:
    path = _with_fs_type(fonts[1].path, fs_type, tmp_path / "restricted.ttf")
    document = _document()
    warnings = embed_fonts(document, [EmbedFont(LATIN, "regular", path)], TEXT)
    assert len(warnings) == 1 and LATIN in warnings[0] and f"0x{fs_type:04X}" in warnings[0]
    package = zipfile.ZipFile(io.BytesIO(docx_bytes(document, EPOCH)))
    assert not [n for n in package.namelist() if n.endswith(".odttf")]
    assert _embeds(package) == {}
    assert b"embedTrueTypeFonts" not in package.read("word/settings.xml")


@pytest.mark.parametrize("fs_type", [0x0004, 0x0008, 0x0006])
def test_print_and_editable_fonts_are_embedded(
    fonts: list[EmbedFont], tmp_path: Path, fs_type: int
) -> None:
    path = _with_fs_type(fonts[1].path, fs_type, tmp_path / "ok.ttf")
    document = _document()
    assert embed_fonts(document, [EmbedFont(LATIN, "bold", path)], TEXT) == []
    package = zipfile.ZipFile(io.BytesIO(docx_bytes(document, EPOCH)))
    table = _xml(package, "word/fontTable.xml")
    assert table.find(f"{qn('w:font')}/{qn('w:embedBold')}") is not None


def test_no_subsetting_bit_embeds_the_whole_font(fonts: list[EmbedFont], tmp_path: Path) -> None:
    path = _with_fs_type(fonts[1].path, 0x0100, tmp_path / "whole.ttf")
    document = _document()
    assert embed_fonts(document, [EmbedFont(LATIN, "italic", path)], TEXT) == []
    package = zipfile.ZipFile(io.BytesIO(docx_bytes(document, EPOCH)))
    table = _xml(package, "word/fontTable.xml")
    embed = table.find(f"{qn('w:font')}/{qn('w:embedItalic')}")
    assert embed.get(qn("w:subsetted")) is None
    data = package.read("word/fonts/font1.odttf")
    assert deobfuscate(data, embed.get(qn("w:fontKey"))) == path.read_bytes()
    assert b"saveSubsetFonts" not in package.read("word/settings.xml")


# --- reproducible packaging ------------------------------------------------------------------


def test_same_epoch_gives_identical_bytes(
    fonts: list[EmbedFont], tmp_path: Path, built: tuple[bytes, list[str]]
) -> None:
    again, _ = _embedded(fonts)
    assert again == built[0]
    document = _document()
    embed_fonts(document, fonts, TEXT)
    first = docx_bytes(document, EPOCH)
    save_reproducible(document, tmp_path / "second.docx", EPOCH)
    assert (tmp_path / "second.docx").read_bytes() == first


def test_zip_entries_carry_the_epoch(
    package: zipfile.ZipFile, built: tuple[bytes, list[str]]
) -> None:
    infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2021, 9, 23, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    props = docx.Document(io.BytesIO(built[0])).core_properties
    assert props.created is not None and props.created.timestamp() == EPOCH
    assert props.modified is not None and props.modified.timestamp() == EPOCH


# --- LibreOffice on a machine without the fonts ------------------------------------------------


def _convert(docx_path: Path, work: Path) -> tuple[str, str]:
    """soffice → PDF with fontconfig seeing only DejaVu; returns (pdffonts, pdftotext)."""
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{work / 'fccache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "FONTCONFIG_FILE": str(conf)}
    cmd = [
        "soffice",
        f"-env:UserInstallation={(work / 'lo').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "out"),
        str(docx_path),
    ]
    subprocess.run(cmd, env=env, check=True, timeout=180, capture_output=True)
    pdf = work / "out" / (docx_path.stem + ".pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return fonts.stdout, text.stdout


@pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdffonts", "pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdffonts, pdftotext)",
)
def test_libreoffice_uses_the_embedded_fonts(
    built: tuple[bytes, list[str]], tmp_path: Path
) -> None:
    embedded = tmp_path / "embedded.docx"
    embedded.write_bytes(built[0])
    plain = tmp_path / "plain.docx"
    plain.write_bytes(docx_bytes(_document(), EPOCH))
    # control: without embedding, this fontconfig has no Noto font at all
    plain_fonts, _ = _convert(plain, tmp_path)
    assert "Noto" not in plain_fonts, plain_fonts
    fonts, text = _convert(embedded, tmp_path)
    assert re.search(r"NotoSerifCJKTC[0-9A-F]{8}-Regular", fonts), fonts
    assert re.search(r"NotoSerif[0-9A-F]{8}-Regular", fonts), fonts
    assert "DejaVu" not in fonts, fonts  # no fallback: 𨋢 too came from the embedded font
    assert "行政長官" in text and "Chief Executive" in text


def test_two_texts_never_share_a_family_name(fonts: list[EmbedFont]) -> None:
    """Different subsets, different names (a consumer caching fonts by name never mixes
    them up); the same subset, the same name."""
    from reportgen.writers.docx_embed import embed_families

    names = [embed_families(_document(), fonts, text).names for text in (TEXT, TEXT + "港", TEXT)]
    assert names[0][CJK] != names[1][CJK] and names[0] == names[2]
    assert names[0][LATIN] == names[1][LATIN]  # "港" changed only the CJK subset
