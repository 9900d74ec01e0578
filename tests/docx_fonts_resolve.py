"""Read a DOCX as Word does to find each character's font: run properties, then the
paragraph style and its bases, then the document defaults; the slot by code point
(ascii, hAnsi, eastAsia, with the run's hint); the face by bold/italic; the glyphs from
the font embedded in the package itself (deobfuscated)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from lxml import etree

from reportgen.writers import docx_slots
from reportgen.writers.docx_embed import deobfuscate

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMBEDS = {"embedRegular": (False, False), "embedBold": (True, False)}
_EMBEDS |= {"embedItalic": (False, True), "embedBoldItalic": (True, True)}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class CharUse:
    part: str
    ch: str
    font: str  # font name in the slot Word uses
    bold: bool
    italic: bool
    run_text: str


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(w("val"), "true") not in ("0", "false", "off")


class Package:
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.styles = etree.fromstring(self.zip.read("word/styles.xml"))
        self.by_id = {s.get(w("styleId")): s for s in self.styles.iter(w("style"))}
        self.default_para = next(
            s.get(w("styleId"))
            for s in self.styles.iter(w("style"))
            if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"
        )
        self.defaults = self.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.faces = self._faces()

    # --- embedded fonts ---------------------------------------------------------------
    def font_data(self) -> dict[tuple[str, bool, bool], bytes]:
        """(font name, bold, italic) -> the embedded font, deobfuscated."""
        table = etree.fromstring(self.zip.read("word/fontTable.xml"))
        rels = etree.fromstring(self.zip.read("word/_rels/fontTable.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        out: dict[tuple[str, bool, bool], bytes] = {}
        for font in table.iter(w("font")):
            for tag, (bold, italic) in _EMBEDS.items():
                embed = font.find(w(tag))
                if embed is None:
                    continue
                data = self.zip.read("word/" + targets[embed.get(f"{{{R}}}id")])
                out[(font.get(w("name")), bold, italic)] = deobfuscate(
                    data, embed.get(w("fontKey"))
                )
        return out

    def _faces(self) -> dict[tuple[str, bool, bool], frozenset[int]]:
        return {
            key: frozenset(TTFont(io.BytesIO(data)).getBestCmap())
            for key, data in self.font_data().items()
        }

    def covers(self, use: CharUse) -> bool:
        """The face Word draws ``use`` with has the glyph: the embedded face of its style,
        or the regular one when that style is not embedded (Word emboldens or slants it)."""
        for key in ((use.font, use.bold, use.italic), (use.font, False, False)):
            if key in self.faces:
                return ord(use.ch) in self.faces[key]
        return False  # not embedded: left to the system's fonts

    # --- style chain ------------------------------------------------------------------
    def _chain(self, style_id: str | None, defaults: bool = True) -> list[etree._Element]:
        out = []
        while style_id and style_id in self.by_id:
            rpr = self.by_id[style_id].find(w("rPr"))
            if rpr is not None:
                out.append(rpr)
            base = self.by_id[style_id].find(w("basedOn"))
            style_id = base.get(w("val")) if base is not None else None
        if defaults and self.defaults is not None:
            out.append(self.defaults)
        return out

    def uses(self) -> Iterator[CharUse]:
        for name in self.zip.namelist():
            if not (name.startswith("word/") and name.count("/") == 1):
                continue
            if not name[5:].startswith(("document", "header", "footer")):
                continue
            root = etree.fromstring(self.zip.read(name))
            for para in root.iter(w("p")):
                yield from self._para(name, para)

    def _para(self, part: str, para: etree._Element) -> Iterator[CharUse]:
        pstyle = para.find(f"{w('pPr')}/{w('pStyle')}")
        chain = self._chain(pstyle.get(w("val")) if pstyle is not None else self.default_para)
        for run in para.iter(w("r")):
            if run.getparent() is not para and etree.QName(run.getparent()).localname != (
                "hyperlink"
            ):
                continue  # runs of a nested paragraph are read with it
            text = "".join(t.text or "" for t in run.iter(w("t")))
            if not text:
                continue
            rpr = run.find(w("rPr"))
            rstyle = rpr.find(w("rStyle")) if rpr is not None else None
            char_chain = self._chain(rstyle.get(w("val")), False) if rstyle is not None else []
            props = ([rpr] if rpr is not None else []) + char_chain + chain
            hint = False
            rfonts = rpr.find(w("rFonts")) if rpr is not None else None
            if rfonts is not None:
                hint = rfonts.get(w("hint")) == "eastAsia"
            bold = next((v for p in props if (v := _on(p.find(w("b")))) is not None), False)
            italic = next((v for p in props if (v := _on(p.find(w("i")))) is not None), False)
            for ch in text:
                if ch in "\t\n":
                    continue
                slot = docx_slots.slot(ch, hint)
                slots = [docx_slots.EAST_ASIA, docx_slots.HANSI] if slot == "either" else [slot]
                for one in slots:
                    font = next(
                        (
                            f.get(w(one))
                            for p in props
                            if (f := p.find(w("rFonts"))) is not None and f.get(w(one))
                        ),
                        "",
                    )
                    yield CharUse(part, ch, font, bold, italic, text)
