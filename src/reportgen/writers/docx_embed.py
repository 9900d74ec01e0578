"""Embed subsetted, obfuscated TrueType fonts in a python-docx Document.

ECMA-376 Part 1 §17.8.1 (font embedding) and §17.8.3.3 (``w:embedRegular`` and friends):
each font becomes an obfuscated part ``/word/fonts/fontN.odttf`` related from the font
table part, whose ``w:font`` element names it with ``r:id`` and a ``w:fontKey`` GUID. The
first 32 bytes of the font are XORed with the key's 16 bytes taken in reverse order of the
GUID's hex digits (the byte order LibreOffice and Word use). Keys are derived with uuid5 from
the embedded family name and style, so the same input gives the same document.

Each face is subset to the characters it sets (the writer collects them run by run) and
every embedded family is named after its subsets' content (:mod:`.docx_fontnames`), so
no two documents embed different glyphs under one family name.

OS/2 ``fsType`` is respected: restricted-licence (0x0002 alone) and bitmap-only (0x0200) fonts
are not embedded and a warning is returned instead; no-subsetting (0x0100) fonts are embedded
whole.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import fontTools
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from . import docx_fontfacts
from .docx_fontfacts import FontFacts
from .docx_fontnames import rename_font, rename_references, unique_family
from .docx_subset_cache import cached_subset

if TYPE_CHECKING:
    from fontTools import subset
    from fontTools.ttLib import TTFont

ODTTF_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE_CONTENT_TYPE = CT.WML_FONT_TABLE
FONT_REL = RT.FONT
FONT_TABLE_REL = RT.FONT_TABLE

# A CJK face (65 535 glyphs) is subset without its OpenType layout and vertical-metrics
# tables (by .ttf_subset, or fontTools as the fallback): decompiling and pruning GSUB/GPOS
# (170 KB + 58 KB in Noto Serif CJK) is most of fontTools' time and half the subset's
# size, and Word applies no OpenType features by
# default. What they hold for Chinese is vertical forms and metrics (vert, vrt2, vhea,
# vmtx), proportional and half widths (palt, halt: off by default) and locale forms
# (locl: the TC face's default glyphs are already Traditional), none of which horizontal
# text in this document uses. Latin faces keep theirs (kerning, ligatures).
LARGE_FONT_GLYPHS = 10_000
LARGE_FONT_DROPPED = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG")

# characters every subset keeps, whatever the text
BASIC_CHARS = " \u00a0\u2002\u2003\u3000.,;:-()'\"?!\u2013\u2014\u2018\u2019\u201c\u201d\u2026"

STYLES: dict[str, str] = {
    "regular": "embedRegular",
    "bold": "embedBold",
    "italic": "embedItalic",
    "boldItalic": "embedBoldItalic",
}

# CT_Font children in schema order (§17.8.3.10)
_FONT_CHILDREN = (
    "altName",
    "panose1",
    "charset",
    "family",
    "notTrueType",
    "pitch",
    "sig",
    "embedRegular",
    "embedBold",
    "embedItalic",
    "embedBoldItalic",
)

# CT_Settings children that precede w:embedTrueTypeFonts / w:saveSubsetFonts (§17.15.1.78)
_SETTINGS_BEFORE_EMBED = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
)
_SETTINGS_BEFORE_SUBSET = (*_SETTINGS_BEFORE_EMBED, "embedTrueTypeFonts", "embedSystemFonts")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_KEY_NAMESPACE = uuid.UUID("5b6f1a3e-2f4c-5d8e-9a71-0c3e8f2d4b60")

_FS_RESTRICTED = 0x0002
_FS_PERMISSIVE = 0x0004 | 0x0008
_FS_NO_SUBSET = 0x0100
_FS_BITMAP_ONLY = 0x0200

_EMPTY_FONT_TABLE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
)


@dataclass(frozen=True)
class EmbedFont:
    """A face to embed in the DOCX, under the family name Word uses."""

    family: str  # the name Word uses (w:font w:name), e.g. "Noto Serif CJK TC"
    style: str  # "regular" | "bold" | "italic" | "boldItalic"
    path: Path  # a TrueType .ttf
    text: str | None = None  # the characters this face sets (None: the document's text)


# --- obfuscation ---------------------------------------------------------------------------


def font_key(family: str, style: str, text: str) -> str:
    """Deterministic ``{GUID}`` for one font of one document text."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    guid = uuid.uuid5(_KEY_NAMESPACE, f"{family}\x00{style}\x00{digest}")
    return "{" + str(guid).upper() + "}"


def _key_bytes(key: str) -> bytes:
    """The 16 XOR bytes: the GUID's hex digit pairs read from last to first (§17.8.1)."""
    hex_digits = key.strip("{}").replace("-", "")
    if len(hex_digits) != 32:
        raise ValueError(f"not a GUID font key: {key!r}")
    return bytes.fromhex(hex_digits)[::-1]


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes of ``data`` with the key (twice over its 16 bytes)."""
    mask = _key_bytes(key) * 2
    head = bytes(b ^ m for b, m in zip(data[:32], mask, strict=False))
    return head + data[32:]


def deobfuscate(data: bytes, key: str) -> bytes:
    """Recover the font from an ``.odttf`` part; XOR is its own inverse."""
    return obfuscate(data, key)


# --- font facts and subsetting -------------------------------------------------------------


def charset(code_pages: int) -> str:
    # OS/2 ulCodePageRange1 bit -> Windows charset (w:charset is hex)
    for bit, charset in ((20, "88"), (18, "86"), (17, "80"), (19, "81"), (16, "DE")):
        if code_pages & (1 << bit):
            return charset
    return "00"


def family_class(os2: object) -> str:
    high = getattr(os2, "sFamilyClass", 0) >> 8
    by_class = {
        1: "roman",
        2: "roman",
        3: "roman",
        4: "roman",
        5: "roman",
        7: "roman",
        8: "swiss",
        10: "script",
        12: "decorative",
    }
    if high in by_class:
        return by_class[high]
    panose = getattr(os2, "panose", None)
    kind = getattr(panose, "bFamilyType", 0)
    if kind == 2:
        return "swiss" if getattr(panose, "bSerifStyle", 0) in (11, 12, 13) else "roman"
    return {3: "script", 4: "decorative"}.get(kind, "auto")


def panose_hex(os2: object) -> str:
    panose = getattr(os2, "panose", None)
    if panose is None:
        return "00000000000000000000"
    fields = (
        "bFamilyType",
        "bSerifStyle",
        "bWeight",
        "bProportion",
        "bContrast",
        "bStrokeVariation",
        "bArmStyle",
        "bLetterForm",
        "bMidline",
        "bXHeight",
    )
    return "".join(f"{getattr(panose, name, 0):02X}" for name in fields)


def _refusal(font: EmbedFont, fs_type: int) -> str | None:
    if fs_type & _FS_BITMAP_ONLY:
        return (
            f"{font.family} ({font.style}, {font.path.name}): OS/2 fsType 0x{fs_type:04X}"
            " allows bitmap embedding only; font not embedded"
        )
    if fs_type & _FS_RESTRICTED and not fs_type & _FS_PERMISSIVE:
        return (
            f"{font.family} ({font.style}, {font.path.name}): OS/2 fsType 0x{fs_type:04X}"
            " is restricted-licence embedding; font not embedded"
        )
    return None


def _subset_options() -> subset.Options:
    from fontTools import subset  # imported only when a subset is made (0.1-0.3 s)

    options = subset.Options()
    options.hinting = False
    options.notdef_glyph = True
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.legacy_kern = True
    options.drop_tables = [*options.drop_tables, "DSIG"]
    return options


def subset_font(path: Path, text: str) -> bytes:
    """The font reduced to the characters of ``text`` plus :data:`BASIC_CHARS`.

    A large (CJK) TrueType face is cut directly (:mod:`.ttf_subset`, ~0.02 s instead of
    fontTools' ~0.25 s without layout tables); other faces, and anything that module
    does not handle, go through fontTools.
    """
    from . import ttf_subset  # only when a subset is made

    codes = set(map(ord, set(text).union(BASIC_CHARS)))
    if ttf_subset.glyph_count(path) > LARGE_FONT_GLYPHS:
        try:
            return ttf_subset.subset(path, codes)
        except ttf_subset.NotSupported:
            pass
    from fontTools import subset

    options = _subset_options()
    font = subset.load_font(str(path), options)
    try:
        if font["maxp"].numGlyphs > LARGE_FONT_GLYPHS:
            options.drop_tables = [*options.drop_tables, *LARGE_FONT_DROPPED]
        _name_glyphs(font)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codes)
        subsetter.subset(font)
        buf = io.BytesIO()
        subset.save_font(font, buf, options)
        return buf.getvalue()
    finally:
        font.close()


def _name_glyphs(font: TTFont) -> None:
    """Give a font without glyph names (``post`` format 3) plain names by glyph id.

    fontTools otherwise derives names from the cmap (``uni4E2D``…), ~0.1 s for a 65 535
    glyph CJK face, only for the subset to drop them again (``post`` format 3 out): the
    subset's bytes are the same either way.
    """
    if "post" in font and font["post"].formatType == 3.0:
        count = font["maxp"].numGlyphs
        font.setGlyphOrder([".notdef", *(f"glyph{i:05d}" for i in range(1, count))])


# --- package parts -------------------------------------------------------------------------


def _font_table_part(document: Document) -> Part:
    doc_part = document.part
    for rel in doc_part.rels.values():
        if rel.reltype == FONT_TABLE_REL and not rel.is_external:
            return rel.target_part
    part = Part(
        PackURI("/word/fontTable.xml"),
        FONT_TABLE_CONTENT_TYPE,
        _EMPTY_FONT_TABLE.encode("utf-8"),
        doc_part.package,
    )
    doc_part.relate_to(part, FONT_TABLE_REL)
    return part


def _read_xml(part: Part) -> etree._Element:
    if isinstance(part, XmlPart):
        return part.element
    return parse_xml(part.blob)


def _write_xml(part: Part, root: etree._Element) -> None:
    if isinstance(part, XmlPart):
        return  # edited in place
    # generic parts keep their bytes in _blob; python-docx has no public setter for it
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _add_font_part(document: Document, table_part: Part, data: bytes) -> str:
    package = document.part.package
    partname = package.next_partname("/word/fonts/font%d.odttf")
    part = Part(partname, ODTTF_CONTENT_TYPE, data, package)
    return table_part.relate_to(part, FONT_REL)


# --- XML -----------------------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _is_w(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace == _W_NS


def _insert_in_order(parent: etree._Element, child: etree._Element, before: Sequence[str]) -> None:
    """Insert ``child`` after the last child of ``parent`` named in ``before``."""
    index = 0
    for i, existing in enumerate(parent):
        if _is_w(existing) and _local(existing) in before:
            index = i + 1
    parent.insert(index, child)


def _font_element(
    fonts: etree._Element, family: str, facts: FontFacts, alt: str = ""
) -> etree._Element:
    for element in fonts.findall(qn("w:font")):
        if element.get(qn("w:name")) == family:
            return element
    element = etree.SubElement(fonts, qn("w:font"))
    element.set(qn("w:name"), family)
    if alt and alt != family:
        etree.SubElement(element, qn("w:altName")).set(qn("w:val"), alt)
    for tag, value in (
        ("panose1", facts.panose),
        ("charset", facts.charset),
        ("family", facts.family_class),
        ("pitch", facts.pitch),
    ):
        etree.SubElement(element, qn(f"w:{tag}")).set(qn("w:val"), value)
    return element


def _set_embed(font_el: etree._Element, style: str, rid: str, key: str, subsetted: bool) -> None:
    tag = STYLES[style]
    for old in font_el.findall(qn(f"w:{tag}")):
        font_el.remove(old)
    embed = etree.Element(qn(f"w:{tag}"))
    embed.set(qn("r:id"), rid)
    embed.set(qn("w:fontKey"), key)
    if subsetted:
        embed.set(qn("w:subsetted"), "1")
    position = _FONT_CHILDREN.index(tag)
    _insert_in_order(font_el, embed, _FONT_CHILDREN[:position])


def _set_flag(settings: etree._Element, name: str, before: Sequence[str]) -> None:
    if settings.find(qn(f"w:{name}")) is not None:
        return
    _insert_in_order(settings, etree.Element(qn(f"w:{name}")), before)


def _mark_settings(document: Document, subsetted: bool) -> None:
    settings = document.settings.element
    _set_flag(settings, "embedTrueTypeFonts", _SETTINGS_BEFORE_EMBED)
    if subsetted:
        _set_flag(settings, "saveSubsetFonts", _SETTINGS_BEFORE_SUBSET)


# --- entry point ---------------------------------------------------------------------------


@dataclass
class Embedded:
    """What embedding did: warnings, and the names faces were embedded under."""

    warnings: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # real family -> embedded name


_SUBSETS: dict[tuple[Path, int, int, str], bytes] = {}
_SUBSET_CACHE_LIMIT = 64
_SUBSETTER_VERSION = f"fontTools {fontTools.version}; {BASIC_CHARS}; {LARGE_FONT_DROPPED}"


def _font_data(font: EmbedFont, facts: FontFacts, text: str) -> tuple[bytes, bool]:
    if facts.fs_type & _FS_NO_SUBSET:
        return font.path.read_bytes(), False
    chars = "".join(sorted(set(text)))
    stat = font.path.stat()
    key = (font.path, stat.st_mtime_ns, stat.st_size, chars)
    data = _SUBSETS.get(key)
    if data is None:  # one subset per (font, glyph set): editions share them, so do builds
        if len(_SUBSETS) >= _SUBSET_CACHE_LIMIT:
            _SUBSETS.pop(next(iter(_SUBSETS)))
        data = _SUBSETS[key] = cached_subset(
            font.path, chars, _SUBSETTER_VERSION, lambda: subset_font(font.path, chars)
        )
    return data, True


def _renamed(font: EmbedFont, data: bytes, family: str) -> bytes:
    """The subset ``data`` of ``font`` named ``family`` (:func:`.rename_font`), kept between
    builds beside the subsets: the name is unique to the family's subsets, so the entry is
    keyed by the subset's digest and the name."""
    digest = hashlib.sha256(data).hexdigest()
    chars = f"renamed {family} {digest}"
    return cached_subset(font.path, chars, _SUBSETTER_VERSION, lambda: rename_font(data, family))


def embed_families(document: Document, fonts: Sequence[EmbedFont], text: str = "") -> Embedded:
    """Embed ``fonts``, each subset to its own text (or to ``text``), under family names
    unique to their content (:mod:`.docx_fontnames`), and make the document's font slots
    name them; the real names become ``w:altName``."""
    result = Embedded()
    families: dict[str, list[tuple[EmbedFont, FontFacts, bytes, bool]]] = {}
    for font in fonts:
        if font.style not in STYLES:
            raise ValueError(f"unknown font style {font.style!r}; use one of {sorted(STYLES)}")
        facts = docx_fontfacts.facts(font.path)
        refusal = _refusal(font, facts.fs_type)
        if refusal:
            result.warnings.append(refusal)
            continue
        data, subsetted = _font_data(font, facts, font.text if font.text is not None else text)
        families.setdefault(font.family, []).append((font, facts, data, subsetted))
    if not families:
        return result
    table_part = _font_table_part(document)
    table = _read_xml(table_part)
    any_subsetted = False
    for family, faces in families.items():
        if all(subsetted for *_, subsetted in faces):
            unique = unique_family(family, [(f.style, data) for f, _, data, _ in faces])
            result.names[family] = unique
        else:  # a font that may not be subset is embedded whole, as it is: its own name
            unique = family
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) in (family, unique):
                table.remove(old)
        element = _font_element(table, unique, faces[0][1], alt=family)
        for font, _facts, data, subsetted in faces:
            key = font_key(unique, font.style, "")
            if unique != family:
                data = _renamed(font, data, unique)
            rid = _add_font_part(document, table_part, obfuscate(data, key))
            _set_embed(element, font.style, rid, key, subsetted)
            any_subsetted = any_subsetted or subsetted
    _write_xml(table_part, table)
    _mark_settings(document, any_subsetted)
    rename_references(document, result.names)
    return result


def embed_fonts(document: Document, fonts: Sequence[EmbedFont], text: str = "") -> list[str]:
    """Embed ``fonts`` subsetted to ``text``; return warnings for fonts left out."""
    return embed_families(document, fonts, text).warnings


__all__ = [
    "BASIC_CHARS",
    "EmbedFont",
    "Embedded",
    "deobfuscate",
    "embed_families",
    "embed_fonts",
    "font_key",
    "obfuscate",
    "subset_font",
]
