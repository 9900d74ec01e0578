"""Word styles for the DOCX writer: real built-in styles, with both font slots set.

python-docx's ``Font.name`` sets only ``w:ascii``/``w:hAnsi``; Chinese needs
``w:eastAsia`` and an East Asian language tag, set here through oxml on every
style in use, with the theme font attributes removed so nothing falls back to
the theme's fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles import BabelFish

from . import docx_xml as x
from .docx_typography import ensure_child

RED = RGBColor(0x99, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True)
class Spec:
    """One Word paragraph style: size, weight, alignment, spacing, colour."""

    word: str  # Word style name
    size: float = 10.5
    bold: bool = False
    italic: bool = False
    align: str = ""
    before: float = 0
    after: float = 6
    colour: RGBColor | None = None
    base: str = "Normal"


SPECS: dict[str, Spec] = {
    "body": Spec("Normal", 10.5, align="justify"),
    "lead": Spec("Lead", 11.5, align="justify", after=8),
    "quote": Spec("Quote", 10.5, italic=True, align="justify"),
    "attribution": Spec("Attribution", 10, align="right", after=10),
    "note": Spec("Note", 9, colour=GREY),
    "small": Spec("Small", 8.5),
    "cell": Spec("Table Text", 9.5, align="left", after=0),
    "cell-head": Spec("Table Heading", 9.5, bold=True, align="left", after=0),
    "list": Spec("List Bullet", 10.5, align="justify", after=3),
    "cover-classification": Spec(
        "Cover Classification", 13, bold=True, align="centre", after=48, colour=RED
    ),
    "classification": Spec("Classification", 11, bold=True, align="centre", after=12, colour=RED),
    "cover-title": Spec("Title", 28, bold=True, align="centre", after=8),
    "cover-subtitle": Spec("Subtitle", 17, align="centre", after=28),
    "cover-event": Spec("Cover Event", 13, align="centre", after=8),
    "cover-meta": Spec("Cover Details", 12, align="centre", after=4),
    "cover-note": Spec("Cover Note", 10, italic=True, align="centre", before=36, colour=GREY),
    "annex-label": Spec("Annex Label", 12, bold=True, align="right", after=14),
    "doc-title": Spec("Document Title", 16, bold=True, align="centre", after=14),
    "notice": Spec("Notice", 9, italic=True, align="centre", after=12, colour=RED),
    "signature": Spec("Signature", 10.5, align="left", after=0),
    "toc-title": Spec("TOC Heading", 15, bold=True, align="left", after=8),
    "header": Spec("Header", 8, colour=GREY),
    "footer": Spec("Footer", 8.5, align="centre", colour=GREY),
}
HEADINGS = {
    1: Spec("Heading 1", 15, bold=True, align="left", before=14, after=8),
    2: Spec("Heading 2", 12.5, bold=True, align="left", before=10, after=5),
    3: Spec("Heading 3", 11, bold=True, align="left", before=8, after=4),
}
TOC_LEVELS = {1: Spec("TOC 1", 10.5, bold=True, after=2), 2: Spec("TOC 2", 10.5, after=2)}


LATIN_LANG = "en-GB"  # British spelling (Hong Kong English follows it)


@dataclass(frozen=True)
class FontNames:
    """The Latin and CJK families the styles name, and the East Asian language."""

    latin: str
    cjk: str
    east_asian_lang: str  # "zh-HK" or "zh-CN"


def untitled(word: str) -> str:
    """The style of a heading left out of the contents (``Heading 1`` → ``Heading 1 Paired``):
    the heading's look at body-text outline level."""
    return f"{word} Paired"


_THEME_SLOTS = tuple(
    qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
)
_SLOTS = tuple(qn(a) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"))
_RFONTS, _LANG, _VAL, _EAST_ASIA = qn("w:rFonts"), qn("w:lang"), qn("w:val"), qn("w:eastAsia")


def set_rfonts(rpr, fonts: FontNames) -> None:  # type: ignore[no-untyped-def]
    """Set all four font slots and the East Asian language on an rPr element."""
    rfonts = rpr.find(_RFONTS)
    if rfonts is None:
        rfonts = ensure_child(rpr, "w:rFonts", first=True)
    attrib = rfonts.attrib
    for attr in _THEME_SLOTS:
        attrib.pop(attr, None)
    for attr, value in zip(_SLOTS, (fonts.latin, fonts.latin, fonts.cjk, fonts.latin), strict=True):
        rfonts.set(attr, value)
    lang = rpr.find(_LANG)
    if lang is None:
        lang = ensure_child(rpr, "w:lang")
    lang.set(_VAL, LATIN_LANG)
    lang.set(_EAST_ASIA, fonts.east_asian_lang)


class StyleNames:
    """``document.styles[name]`` and ``add_style`` with the styles indexed by name once
    (python-docx scans every style by XPath for each lookup, and again before adding)."""

    def __init__(self, document: Document) -> None:
        self.element = document.styles.element
        self._by_name = {}
        for el in self.element.iterchildren(qn("w:style")):
            self._by_name.setdefault(el.name_val, el)

    def __getitem__(self, name: str):  # type: ignore[no-untyped-def]
        from docx.styles.style import StyleFactory

        return StyleFactory(self._by_name[BabelFish.ui2internal(name)])

    def add(self, name: str, kind: WD_STYLE_TYPE):  # type: ignore[no-untyped-def]
        from docx.styles.style import StyleFactory

        internal = BabelFish.ui2internal(name)
        if internal in self._by_name:
            raise ValueError(f"document already contains style '{name}'")
        el = self._by_name[internal] = self.element.add_style_of_type(internal, kind, False)
        return StyleFactory(el)


def ensure_style(document: Document, spec: Spec, fonts: FontNames, names: StyleNames | None = None):  # type: ignore[no-untyped-def]
    styles = names or StyleNames(document)
    try:
        st = styles[spec.word]
    except KeyError:
        st = styles.add(spec.word, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles[spec.base]
        st.quick_style = True
    _apply(st, spec, fonts)
    return st


def _apply(st, spec: Spec, fonts: FontNames) -> None:  # type: ignore[no-untyped-def]
    """The spec on the style, in its ``w:rPr`` and ``w:pPr`` (what python-docx's
    ``font.size``, ``bold``, ``italic``, ``color.rgb``, ``paragraph_format`` setters write,
    element for element, without their proxies)."""
    el = st.element
    rpr = x.child(el, "rPr", x.STYLE_RANK)
    x.child(rpr, "sz", x.RPR_RANK).set(_VAL, str(int(Pt(spec.size).pt * 2)))
    x.on(x.child(rpr, "b", x.RPR_RANK), spec.bold)
    x.on(x.child(rpr, "i", x.RPR_RANK), spec.italic)
    for old in rpr.findall(_COLOR):
        rpr.remove(old)
    x.child(rpr, "color", x.RPR_RANK).set(_VAL, str(spec.colour or RGBColor(0, 0, 0)))
    set_rfonts(rpr, fonts)
    ppr = x.child(el, "pPr", x.STYLE_RANK)
    spacing = x.child(ppr, "spacing", x.PPR_RANK)
    spacing.set(qn("w:before"), x.twips(Pt(spec.before)))
    spacing.set(qn("w:after"), x.twips(Pt(spec.after)))
    if spec.align:
        x.child(ppr, "jc", x.PPR_RANK).set(_VAL, _JC[spec.align])
    if spec.word.startswith("Heading"):
        x.on(x.child(ppr, "keepNext", x.PPR_RANK), True)


_COLOR = qn("w:color")
_JC = {"left": "left", "centre": "center", "right": "right", "justify": "both"}


def setup_styles(document: Document, fonts: FontNames) -> None:
    """Fonts on the document defaults and on every style the writer uses."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_rfonts(rpr, fonts)
    names = StyleNames(document)
    for spec in [*SPECS.values(), *HEADINGS.values(), *TOC_LEVELS.values()]:
        ensure_style(document, spec, fonts, names)
    for spec in HEADINGS.values():
        _paired_heading(document, spec, fonts, names)
    for name in ("List Number", "List Continue", "Table Grid"):
        try:
            st = names[name]
        except KeyError:
            continue
        set_rfonts(st.element.get_or_add_rPr(), fonts)
    scrub_all_styles(document, fonts)
    drop_title_rule(names)
    drop_styles_with_effects(document)
    header_rule(names)
    mark = names.add(CLASSIFICATION_MARK, WD_STYLE_TYPE.CHARACTER)
    mark.font.bold, mark.font.color.rgb = True, RED
    set_rfonts(mark.element.get_or_add_rPr(), fonts)


CLASSIFICATION_MARK = "Classification Mark"  # the marking in the page header: bold, red


def header_rule(styles: StyleNames) -> None:
    """The grey hairline under the page header, as the PDF draws it (a bottom border)."""
    from . import docx_typography

    ppr = styles["Header"].element.get_or_add_pPr()
    docx_typography.set_ppr(ppr, "pBdr", "")
    border = ppr.find(qn("w:pBdr"))
    border.attrib.pop(qn("w:val"), None)
    bottom = OxmlElement("w:bottom")
    for attr, value in {"val": "single", "sz": "3", "space": "4", "color": "999999"}.items():
        bottom.set(qn(f"w:{attr}"), value)
    border.append(bottom)


def _paired_heading(document: Document, spec: Spec, fonts: FontNames, names: StyleNames) -> None:
    """``Heading N Paired``: based on ``Heading N``, at body-text outline level (9), so
    neither Word's nor LibreOffice's contents collects it."""
    from . import docx_typography

    st = ensure_style(document, Spec(untitled(spec.word), spec.size, base=spec.word), fonts, names)
    st.base_style = names[spec.word]
    _apply(st, spec, fonts)
    st.element.get_or_add_pPr()
    docx_typography.set_ppr(st.element.pPr, "outlineLvl", "9")


def drop_title_rule(styles: StyleNames) -> None:
    """The default template's Title has a blue rule under it (a paragraph border) and a
    theme colour; the cover's title is plain, as in the PDF."""
    title = styles["Title"].element
    ppr = title.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def scrub_all_styles(document: Document, fonts: FontNames) -> None:
    """Both font slots on every style of the template, used now or picked later in Word.

    The default template's linked character styles (``Heading 1 Char``, ``Title Char``),
    Heading 4-9 and table styles name theme fonts; a run or a later edit in Word using
    any of them would otherwise show Chinese in the theme's East Asian font.
    """
    for el in document.styles.element.iterfind(qn("w:style")):
        if el.get(qn("w:type")) == "numbering":
            continue
        own = x.child(el, "rPr", x.STYLE_RANK)  # python-docx's get_or_add_rPr
        set_rfonts(own, fonts)
        for rfonts in el.iter(_RFONTS):
            parent = rfonts.getparent()
            if parent is not own:  # the style's own rPr is set already
                set_rfonts(parent, fonts)


def drop_styles_with_effects(document: Document) -> None:
    """Remove the template's Word 2010 copy of the styles (``stylesWithEffects.xml``).

    It repeats every style with theme fonts; Word rebuilds it from ``styles.xml``.
    """
    part = document.part
    for rid, rel in list(part.rels.items()):
        if not rel.is_external and rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)


def set_theme_fonts(document: Document, fonts: FontNames) -> None:
    """The theme's major/minor fonts become ours, so a style made later in Word matches."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = document.part.part_related_by(RT.THEME)
    except KeyError:
        return
    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for scheme in root.iterfind(".//a:fontScheme/*", ns):
        for child in scheme:
            tag = etree.QName(child).localname
            if tag == "latin":
                child.set("typeface", fonts.latin)
            elif tag == "ea" or (tag == "font" and child.get("script") in ("Hant", "Hans")):
                child.set("typeface", fonts.cjk)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
