"""DOCX East Asian fonts: every style in use (and every style of the template) names the
CJK font in ``w:eastAsia`` and carries the edition's East Asian language; no style falls
back to the theme's fonts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import make_project
from lxml import etree

from reportgen.build import BuildOptions, build

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CJK = "Noto Serif CJK TC"
LATIN = "Noto Serif"
LANG = {"en": "zh-HK", "zh": "zh-HK", "bilingual": "zh-HK", "zh-Hans": "zh-CN"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("docxstyles"), "minimal")
    config = root / "reportgen.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("[en, zh, bilingual]", "[en, zh, bilingual, zh-Hans]"), encoding="utf-8"
    )
    build(root, BuildOptions(formats=["docx"], epoch=1632355200))
    return root / "build"


def _xml(path: Path, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read(name))


def _used_style_ids(path: Path, styles: etree._Element) -> set[str]:
    """Styles referenced by the document, header and footer parts, their bases, the defaults."""
    used: set[str] = set()
    for name in zipfile.ZipFile(path).namelist():
        if name.startswith("word/") and name.endswith(".xml") and "/" not in name[5:]:
            if name in ("word/styles.xml", "word/numbering.xml"):
                continue
            root = _xml(path, name)
            for tag in ("pStyle", "rStyle", "tblStyle"):
                used |= {el.get(w("val")) for el in root.iter(w(tag))}
    by_id = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
    used |= {sid for sid, s in by_id.items() if s.get(w("default")) == "1"}
    todo = list(used)
    while todo:
        base = by_id[todo.pop()].find(w("basedOn"))
        if base is not None and base.get(w("val")) not in used:
            used.add(base.get(w("val")))
            todo.append(base.get(w("val")))
    return used


def real_names(path: Path) -> dict[str, str]:
    """Embedded family name -> the real family (the font table's w:altName)."""
    table = _xml(path, "word/fontTable.xml")
    return {
        f.get(w("name")): f.find(w("altName")).get(w("val"))
        for f in table.iter(w("font"))
        if f.find(w("altName")) is not None
    }


REAL: dict[str, str] = {}


def _real(name: str | None) -> str | None:
    return REAL.get(name or "", name)


def _assert_fonts(rpr: etree._Element | None, lang: str, where: str) -> None:
    assert rpr is not None, f"{where}: no rPr"
    rfonts = rpr.find(w("rFonts"))
    assert rfonts is not None, f"{where}: no rFonts"
    assert _real(rfonts.get(w("eastAsia"))) == CJK, where
    assert _real(rfonts.get(w("ascii"))) == LATIN, where
    themes = [k for k in rfonts.attrib if k.lower().endswith("theme")]
    assert not themes, f"{where}: {themes}"
    assert rpr.find(w("lang")).get(w("eastAsia")) == lang, where
    assert rpr.find(w("lang")).get(w("val")) == "en-GB", where


@pytest.mark.parametrize("edition", list(LANG))
def test_every_used_style_names_the_cjk_font(out: Path, edition: str) -> None:
    path = out / f"briefing-pack.{edition}.docx"
    REAL.clear()
    REAL.update(real_names(path))
    styles = _xml(path, "word/styles.xml")
    rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    _assert_fonts(rpr, LANG[edition], "docDefaults")
    by_id = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
    used = _used_style_ids(path, styles)
    expected = {
        "Normal",
        "Title",
        "Heading1",
        "Heading2",
        "ListBullet",
        "ListNumber",
        "TableGrid",
        "Header",
        "Footer",
        "TOC1",
        "TOCHeading",
        "TableText",
    }
    assert expected <= used, expected - used
    for sid in sorted(used):
        if by_id[sid].get(w("type")) == "numbering":
            continue
        _assert_fonts(by_id[sid].find(w("rPr")), LANG[edition], sid)


@pytest.mark.parametrize("edition", ["zh", "zh-Hans"])
def test_no_style_anywhere_uses_theme_fonts(out: Path, edition: str) -> None:
    path = out / f"briefing-pack.{edition}.docx"
    real = real_names(path)
    names = zipfile.ZipFile(path).namelist()
    assert "word/stylesWithEffects.xml" not in names
    styles = _xml(path, "word/styles.xml")
    for style in styles.iter(w("style")):
        for rfonts in style.iter(w("rFonts")):
            sid = style.get(w("styleId"))
            assert not [k for k in rfonts.attrib if k.lower().endswith("theme")], sid
            assert real.get(rfonts.get(w("eastAsia"))) == CJK, sid
    for name in names:
        if name.endswith(".xml"):
            assert b"Theme=" not in zipfile.ZipFile(path).read(name), name


def test_theme_fonts_are_ours(out: Path) -> None:
    path = out / "briefing-pack.zh.docx"
    real = real_names(path)
    theme = _xml(path, "word/theme/theme1.xml")
    for scheme in ("majorFont", "minorFont"):
        font = theme.find(f".//{{{A}}}{scheme}")
        assert real[font.find(f"{{{A}}}latin").get("typeface")] == LATIN
        assert real[font.find(f"{{{A}}}ea").get("typeface")] == CJK
        hant = [f for f in font.iter(f"{{{A}}}font") if f.get("script") in ("Hant", "Hans")]
        assert hant and all(real[f.get("typeface")] == CJK for f in hant)
