"""WordprocessingML paragraphs and runs built directly with lxml.

python-docx's proxies look up every child by schema order on each call (``add_run``,
``Run.text``, ``Paragraph.style``: most of the writer's time for a long document); the
writer builds its paragraphs and runs here instead, in schema order, as python-docx would.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SLOTS = (W + "ascii", W + "hAnsi", W + "eastAsia", W + "cs")


def paragraph(container, style_id: str | None) -> Paragraph:  # type: ignore[no-untyped-def]
    """A new ``w:p`` at the end of ``container`` (body, cell, header…), before the body's
    ``w:sectPr``; with ``w:pStyle`` when ``style_id`` is given."""
    container = getattr(container, "_body", container)  # a Document: its body
    parent = container._element
    p = OxmlElement("w:p")
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == W + "sectPr":
        last.addprevious(p)
    else:
        parent.append(p)
    if style_id:
        etree.SubElement(etree.SubElement(p, W + "pPr"), W + "pStyle").set(W + "val", style_id)
    return Paragraph(p, container)


def run(
    p: etree._Element,
    text: str,
    *,
    bold: bool = False,
    italic: bool | None = None,
    fonts: str = "",
    hint: bool = False,
) -> etree._Element:
    """A ``w:r`` of ``text`` (tabs as ``w:tab``) at the end of ``p``: run properties in
    schema order (rFonts, b, i); ``italic`` False writes ``w:i w:val="0"``; ``fonts`` names
    a family in every slot."""
    r = etree.SubElement(p, W + "r")
    if bold or italic is not None or fonts or hint:
        rpr = etree.SubElement(r, W + "rPr")
        if fonts or hint:
            rfonts = etree.SubElement(rpr, W + "rFonts")
            for slot in _SLOTS if fonts else ():
                rfonts.set(slot, fonts)
            if hint:
                rfonts.set(W + "hint", "eastAsia")
        if bold:
            etree.SubElement(rpr, W + "b")
        if italic is not None:
            el = etree.SubElement(rpr, W + "i")
            if not italic:
                el.set(W + "val", "0")
    for i, part in enumerate(text.split("\t")):
        if i:
            etree.SubElement(r, W + "tab")
        if part:
            t = etree.SubElement(r, W + "t")
            t.text = part
            if part[0].isspace() or part[-1].isspace():
                t.set(_XML_SPACE, "preserve")
    return r
