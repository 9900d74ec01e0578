"""Family names of embedded subsets that no two different subsets share.

A consumer that caches embedded fonts by family name (LibreOffice writes each embedded
font to a file named after it and reuses the file when a second document names the same
family) must never meet two different subsets under one name: the second document would
be drawn with the first one's glyphs, its other characters as boxes. So every embedded
family is named after its content: ``Noto Serif CJK TC 1A2B3C4D``, the real family name
followed by the first 32 bits of a SHA-256 of the family's subset faces. The same
subsets give the same name (harmless: same glyphs), different ones a different name.
The name is written inside the subset (``name`` table: family, full name, PostScript
name, unique id) and in the document; the font table keeps the real family as
``w:altName`` with its PANOSE and class, so Word's font list shows a recognisable name
and an installed copy of the real font stands in when the embedded data is not used.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Mapping

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.ns import qn

WORD_NAME_LIMIT = 31  # Word keeps font names shorter than 32 characters ([MS-OI29500] 2.1.88)
_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_RENAMED_IDS = (1, 3, 4, 6, 16, 17, 18, 21, 22)


def unique_family(family: str, faces: Iterable[tuple[str, bytes]]) -> str:
    """``family`` plus a tag from the subset bytes of its faces ((style, bytes) pairs)."""
    digest = hashlib.sha256()
    for style, data in sorted(faces):
        digest.update(style.encode() + b"\0" + hashlib.sha256(data).digest())
    tag = digest.hexdigest()[:8].upper()
    return f"{family[: WORD_NAME_LIMIT - len(tag) - 1].rstrip()} {tag}"


def rename_font(data: bytes, family: str) -> bytes:
    """The font ``data`` with its ``name`` table naming the family ``family``."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)
    try:
        table = font["name"]
        style = str(table.getDebugName(2) or "Regular")
        full = family if style == "Regular" else f"{family} {style}"
        postscript = re.sub(r"[^A-Za-z0-9]", "", family)[:50] + "-" + style.replace(" ", "")
        table.names = [n for n in table.names if n.nameID not in _RENAMED_IDS]
        for name_id, value in ((1, family), (3, full), (4, full), (6, postscript)):
            table.setName(value, name_id, 3, 1, 0x409)
            table.setName(value, name_id, 1, 0, 0)
        out = io.BytesIO()
        font.save(out, reorderTables=False)
        return out.getvalue()
    finally:
        font.close()


def rename_references(document: Document, names: Mapping[str, str]) -> None:
    """Every ``w:rFonts`` slot naming a key of ``names`` names its value instead: styles,
    numbering, body, headers and footers."""
    if not names:
        return
    for part in document.part.package.iter_parts():
        if not isinstance(part, XmlPart):
            continue
        for rfonts in part.element.iter(qn("w:rFonts")):
            for slot in _SLOTS:
                value = rfonts.get(qn(slot))
                if value in names:
                    rfonts.set(qn(slot), names[value])
