"""Every DOCX of the sample, read part by part: schema-valid, every character in a font
that has it, Chinese upright, bookmarks unique, languages and properties true, only the
faces it uses embedded, the contents field right."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_project
from docx_fonts_resolve import Package
from lxml import etree
from ooxml_validate import docx_errors
from test_sample import DOCXS

from reportgen import __version__, script
from reportgen.build import BuildOptions, build
from reportgen.writers import docx_slots

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EPOCH = 1632355200


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _xml(path: Path, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read(name))


def _real(path: Path) -> dict[str, str]:
    table = _xml(path, "word/fontTable.xml")
    return {
        f.get(w("name")): f.find(w("altName")).get(w("val"))
        for f in table.iter(w("font"))
        if f.find(w("altName")) is not None
    }


@pytest.mark.parametrize("name", DOCXS)
def test_every_part_validates_against_the_transitional_schemas(
    sample_build: Path, name: str
) -> None:
    assert docx_errors(sample_build / name) == []


def test_the_validator_sees_an_order_violation(sample_build: Path, tmp_path: Path) -> None:
    """Control: tblBorders after tblLook (today's bug) is reported."""
    source = zipfile.ZipFile(sample_build / "briefing-pack.bilingual.docx")
    body = source.read("word/document.xml").decode()
    broken = re.sub(
        r"(<w:tblBorders>.*?</w:tblBorders>)(<w:tblLook [^>]*/>)", r"\2\1", body, count=1
    )
    assert broken != body
    target = tmp_path / "broken.docx"
    with zipfile.ZipFile(target, "w") as out:
        for item in source.namelist():
            out.writestr(item, broken if item == "word/document.xml" else source.read(item))
    assert any("tblBorders" in e for e in docx_errors(target))


# --- fonts ---------------------------------------------------------------------------------


def test_word_slots_follow_ms_oi29500() -> None:
    slot = docx_slots.slot
    assert slot("A", True) == slot("A", False) == "ascii"
    assert slot("中", False) == slot("、", False) == slot("𨋢", False) == "eastAsia"
    assert slot("○", False) == slot("→", False) == slot("—", False) == "hAnsi"
    assert slot("○", True) == slot("→", True) == slot("“", True) == "eastAsia"
    assert slot("×", True) == "eastAsia" and slot("é", True) == "either"


@pytest.mark.parametrize("name", DOCXS)
def test_every_character_is_in_a_font_that_has_it(sample_build: Path, name: str) -> None:
    """Each character of each run, in the slot Word draws it from, is in the embedded face
    that slot names: nothing is left to Word's or LibreOffice's fallback."""
    package = Package(sample_build / name)
    missing = Counter(
        (use.ch, use.font, use.bold, use.italic)
        for use in package.uses()
        if not package.covers(use)
    )
    assert not missing, missing.most_common(10)


def test_the_sample_needs_the_hint(sample_build: Path) -> None:
    """○ (二○二一年) and → are set in the CJK face through the eastAsia hint."""
    package = Package(sample_build / "briefing-pack.zh.docx")
    real = _real(sample_build / "briefing-pack.zh.docx")
    circles = [u for u in package.uses() if u.ch in "○→"]
    assert circles
    assert {real[u.font] for u in circles} == {"Noto Serif CJK TC"}


@pytest.mark.parametrize("name", [n for n in DOCXS if ".en." not in n])
def test_chinese_is_never_slanted(sample_build: Path, name: str) -> None:
    package = Package(sample_build / name)
    slanted = {u.run_text for u in package.uses() if u.italic and script.is_han(u.ch)}
    assert not slanted, sorted(slanted)[:5]
    if name == "briefing-pack.bilingual.docx":  # the English remarks are a quote: italic
        assert any(u.italic for u in package.uses())


def _embedded(path: Path) -> dict[tuple[str, str], int]:
    """(real family, embed tag) -> glyphs in the embedded face."""
    package = Package(path)
    real = _real(path)
    tags = {(False, False): "regular", (True, False): "bold"}
    tags |= {(False, True): "italic", (True, True): "bold-italic"}
    return {(real[f], tags[(b, i)]): len(cmap) for (f, b, i), cmap in package.faces.items()}


def test_only_used_faces_each_with_its_own_characters(sample_build: Path) -> None:
    english = _embedded(sample_build / "briefing-pack.en.docx")
    assert {family for family, _ in english} == {"Noto Serif"}  # no Chinese font
    chinese = _embedded(sample_build / "briefing-pack.zh.docx")
    regular = chinese[("Noto Serif CJK TC", "regular")]
    bold = chinese[("Noto Serif CJK TC", "bold")]
    assert bold < regular / 2, (bold, regular)  # headings' characters, not the whole text


def test_one_family_name_one_font_across_documents(sample_build: Path) -> None:
    """The invariant a consumer caching fonts by name relies on: wherever two documents
    embed a family under the same name, the fonts are byte-identical."""
    import hashlib

    seen: dict[tuple[str, bool, bool], set[str]] = {}
    for name in DOCXS:
        path = sample_build / name
        for font, real in _real(path).items():
            assert re.fullmatch(re.escape(real) + r" [0-9A-F]{8}", font)
        for key, data in Package(path).font_data().items():
            seen.setdefault(key, set()).add(hashlib.sha256(data).hexdigest())
    assert all(len(digests) == 1 for digests in seen.values()), seen
    cjk = {font for font, *_ in seen if font.startswith("Noto Serif CJK")}
    assert len(cjk) >= 4  # annexes, zh/bilingual, zh-Hans: different texts, different names


def test_sample_chinese_docx_is_small(sample_build: Path) -> None:
    assert (sample_build / "briefing-pack.zh.docx").stat().st_size < 400_000
    assert (sample_build / "briefing-pack.bilingual.docx").stat().st_size < 400_000


# --- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCXS)
def test_bookmarks_are_unique(sample_build: Path, name: str) -> None:
    body = _xml(sample_build / name, "word/document.xml")
    names = [b.get(w("name")) for b in body.iter(w("bookmarkStart"))]
    ids = [b.get(w("id")) for b in body.iter(w("bookmarkStart"))]
    assert len(set(names)) == len(names), [n for n, c in Counter(names).items() if c > 1]
    assert len(set(ids)) == len(ids)
    assert all(len(n) <= 40 for n in names)


def test_bilingual_body_rows_do_not_split(sample_build: Path) -> None:
    body = _xml(sample_build / "briefing-pack.en.docx", "word/document.xml")
    grids = [t for t in body.iter(w("tbl")) if t.find(f"{w('tblPr')}/{w('tblStyle')}") is not None]
    assert grids
    for table in grids:
        for row in table.findall(w("tr")):
            assert row.find(f"{w('trPr')}/{w('cantSplit')}") is not None


@pytest.mark.parametrize(
    ("name", "east_asian"),
    [
        ("briefing-pack.en.docx", "zh-HK"),
        ("briefing-pack.zh.docx", "zh-HK"),
        ("briefing-pack.bilingual.docx", "zh-HK"),
        ("briefing-pack.zh-Hans.docx", "zh-CN"),
        ("annex-1.zh.docx", "zh-HK"),
    ],
)
def test_language_tags(sample_build: Path, name: str, east_asian: str) -> None:
    path = sample_build / name
    styles = _xml(path, "word/styles.xml")
    langs = {
        (el.get(w("val")), el.get(w("eastAsia")))
        for el in styles.iter(w("lang"))
        if el.get(w("val")) or el.get(w("eastAsia"))
    }
    assert langs == {("en-GB", east_asian)}
    settings = _xml(path, "word/settings.xml")
    theme = settings.find(w("themeFontLang"))
    assert (theme.get(w("val")), theme.get(w("eastAsia"))) == ("en-GB", east_asian)
    assert settings.find(w("proofState")) is None  # not marked as already proofread
    assert b"en-US" not in zipfile.ZipFile(path).read("word/document.xml")


def test_properties_are_true(sample_build: Path) -> None:
    path = sample_build / "briefing-pack.zh.docx"
    package = zipfile.ZipFile(path)
    core = package.read("docProps/core.xml").decode()
    assert "python-docx" not in core and "2013" not in core
    assert f"<cp:lastModifiedBy>reportgen {__version__}</cp:lastModifiedBy>" in core
    assert core.count("2021-09-23T00:00:00Z") == 2  # created, modified: SOURCE_DATE_EPOCH
    assert "lastPrinted" not in core
    app = package.read("docProps/app.xml").decode()
    assert f"<Application>reportgen {__version__}</Application>" in app
    assert "Pages" not in app and "Macintosh" not in app
    names = package.namelist()
    assert not [n for n in names if n.startswith("customXml") or "thumbnail" in n]


def test_dates_are_now_without_an_epoch(tmp_path: Path) -> None:
    import datetime as dt

    root = make_project(tmp_path, "minimal")
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    build(root, BuildOptions(formats=["docx"], editions=["en"]))
    core = _xml(root / "build/briefing-pack.en.docx", "docProps/core.xml")
    created = core.find("{http://purl.org/dc/terms/}created").text
    when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    assert before <= when <= dt.datetime.now(dt.timezone.utc)


def test_bullets_are_in_the_embedded_latin_face(sample_build: Path) -> None:
    path = sample_build / "briefing-pack.en.docx"
    numbering = _xml(path, "word/numbering.xml")
    real = _real(path)
    bullets = [
        lvl for lvl in numbering.iter(w("lvl")) if lvl.find(w("numFmt")).get(w("val")) == "bullet"
    ]
    assert bullets
    for lvl in bullets:
        assert lvl.find(w("lvlText")).get(w("val")) == "\u2022"
        assert real[lvl.find(f"{w('rPr')}/{w('rFonts')}").get(w("ascii"))] == "Noto Serif"
    assert b"Symbol" not in zipfile.ZipFile(path).read("word/numbering.xml")


def test_cover_classification_is_13pt_as_in_the_pdf(sample_build: Path) -> None:
    styles = _xml(sample_build / "briefing-pack.en.docx", "word/styles.xml")
    sizes = {
        s.find(w("name")).get(w("val")): s.find(f"{w('rPr')}/{w('sz')}").get(w("val"))
        for s in styles.iter(w("style"))
        if s.find(f"{w('rPr')}/{w('sz')}") is not None
    }
    assert sizes["Cover Classification"] == "26" and sizes["Classification"] == "22"


# --- contents ------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["en", "zh", "bilingual", "zh-Hans"])
def test_contents_field_is_cached_once_per_heading_and_never_nags(
    sample_build: Path, edition: str
) -> None:
    path = sample_build / f"briefing-pack.{edition}.docx"
    settings = _xml(path, "word/settings.xml")
    assert settings.find(w("updateFields")) is None
    body = _xml(path, "word/document.xml")
    styles = {s.get(w("styleId")): s for s in _xml(path, "word/styles.xml").iter(w("style"))}
    paras = list(body.iter(w("p")))

    def style(p: etree._Element) -> str:
        el = p.find(f"{w('pPr')}/{w('pStyle')}")
        return el.get(w("val")) if el is not None else ""

    entries = [p for p in paras if style(p) in ("TOC1", "TOC2")]
    in_toc = [p for p in paras if style(p) in ("Heading1", "Heading2")]
    paired = [p for p in paras if style(p).endswith("Paired")]
    assert len(entries) == len(in_toc) >= 8
    assert bool(paired) == (edition == "bilingual")
    assert len(paired) in (0, len(in_toc))
    for sid in {style(p) for p in paired}:
        assert styles[sid].find(f"{w('pPr')}/{w('outlineLvl')}").get(w("val")) == "9"
    tc = re.compile(r'^\s*TC "(.*)" \\l (\d)\s*$')
    for entry, heading in zip(entries, in_toc, strict=True):
        text = "".join(t.text for t in entry.iter(w("t")))  # no PDF page number
        fields = [m for i in heading.iter(w("instrText")) if (m := tc.match(i.text))]
        if edition == "bilingual":  # "English  中文" as in the PDF, from the TC field
            assert len(fields) == 1 and text == fields[0][1]
            assert re.search("[A-Za-z]", text) and re.search("[\u4e00-\u9fff]", text), text
            assert fields[0][2] == style(heading)[-1]  # its level
        else:
            assert not fields and text == "".join(t.text for t in heading.iter(w("t")))
    instr = "".join(i.text for i in body.iter(w("instrText")) if "TOC" in i.text)
    assert ("\\f" in instr) == (edition == "bilingual") and ("\\o" in instr) != ("\\f" in instr)
