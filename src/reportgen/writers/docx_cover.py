"""The DOCX cover fits on one page, by the rule of the PDF's :mod:`.pdf_cover`.

Word and LibreOffice lay the DOCX out, not us: the cover's height is estimated from its
paragraphs (lines from the text's width in average advances at the style's size, line
height from the faces' ascent and descent, spacing before and after). If it is taller
than the page's text area, first the spacers shrink (to a quarter of their height at
most), then the whole cover is set smaller (sizes and spacing, as direct formatting on
the cover's paragraphs and runs), down to half size at most.

The cover is the body's paragraphs before the first page or section break, when one of
them has a cover style.
"""

from __future__ import annotations

import math

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph

from ..script import is_cjk
from .docx_styles import SPECS, Spec
from .docx_xml import W

MIN_SPACER = 0.25  # as pdf_cover
MIN_SCALE = 0.5
LATIN_LINE = 1.37  # Noto Serif: (ascent + descent) / em
CJK_LINE = 1.45  # Noto Serif CJK
WRAP_LOSS = 1.08  # words do not fill a line: the estimated width is stretched by this
SAFETY = 0.97  # of the text area's height: the estimate's margin of error
_EMU_PER_PT = 12700

_COVER_STYLES = {spec.word for key, spec in SPECS.items() if key.startswith("cover")}
_BY_WORD = {spec.word: spec for spec in SPECS.values()}


def _ends_cover(p) -> bool:  # type: ignore[no-untyped-def]
    """A page break or a section break in this paragraph."""
    if p.find(f"{W}pPr/{W}sectPr") is not None:
        return True
    return any(br.get(W + "type") == "page" for br in p.iter(W + "br"))


def style_names(document: Document) -> dict[str | None, str]:
    """Paragraph style id -> its name (as ``Paragraph.style.name``), the default style's
    under None: read once (python-docx scans every style for each ``Paragraph.style``)."""
    out: dict[str | None, str] = {}
    for el in document.styles.element.iterchildren(W + "style"):
        if el.get(W + "type", "paragraph") != "paragraph":
            continue
        name = el.find(W + "name")
        if name is None:
            continue
        ui = BabelFish.internal2ui(name.get(W + "val"))
        out.setdefault(el.get(W + "styleId"), ui)
        if el.get(W + "default") in ("1", "true", "on"):
            out[None] = ui  # the last default, as python-docx
    return out


def _style_name(para: Paragraph, names: dict[str | None, str] | None) -> str | None:
    if names is None:
        return para.style.name if para.style is not None else None
    ppr = para._p.pPr
    sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return names.get(sid, names.get(None))


def cover_paragraphs(
    document: Document, names: dict[str | None, str] | None = None
) -> list[Paragraph]:
    """The cover's paragraphs (up to, not including, the one with the page break), or
    [] when the document has no cover."""
    out: list[Paragraph] = []
    for child in document.element.body:
        if child.tag != W + "p":
            if child.tag == W + "tbl":
                return []  # a cover with a table: not estimated
            continue
        if _ends_cover(child):
            break
        out.append(Paragraph(child, document._body))
    else:
        return []
    used = {_style_name(p, names) for p in out}
    return out if used & _COVER_STYLES else []


class _Line:
    """One cover paragraph's measures, in points at full size."""

    def __init__(self, para: Paragraph, names: dict[str | None, str] | None = None) -> None:
        self.para = para
        name = _style_name(para, names) or "Normal"
        spec = _BY_WORD.get(name) or Spec(name)
        pf = para.paragraph_format
        self.size = spec.size
        self.bold = spec.bold
        self.before = _pt(pf.space_before, spec.before)
        self.after = _pt(pf.space_after, spec.after)
        self.text = para.text
        self.spacer = not self.text.strip() and self.before > 0
        self.line = CJK_LINE if any(is_cjk(ch) for ch in self.text) else LATIN_LINE

    def height(self, width: float, squeeze: float, scale: float) -> float:
        size = self.size * scale
        latin = 0.6 if self.bold else 0.56
        lines = 0
        for text in self.text.split("\n"):  # line breaks in the paragraph
            ems = sum(1.0 if is_cjk(ch) else latin for ch in text)
            lines += max(1, math.ceil(ems * size * WRAP_LOSS / width))
        before = self.before * (squeeze if self.spacer else 1.0)
        return (before + self.after) * scale + lines * size * self.line


def _pt(value, default: float) -> float:  # type: ignore[no-untyped-def]
    return default if value is None else int(value) / _EMU_PER_PT


def fit(document: Document) -> tuple[float, float]:
    """Shrink the cover's spacers, then its type, until its estimated height fits the
    first page. Returns (spacer factor, scale): (1, 1) when it fits as it is."""
    names = style_names(document)
    paras = cover_paragraphs(document, names)
    if not paras:
        return 1.0, 1.0
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / _EMU_PER_PT
    avail = (section.page_height - section.top_margin - section.bottom_margin) / _EMU_PER_PT
    avail *= SAFETY
    lines = [_Line(p, names) for p in paras]
    # the paragraph holding the page break sets one empty line on the cover page (Word)
    breaker = _Line.__new__(_Line)
    breaker.para, breaker.size, breaker.bold = None, SPECS["body"].size, False
    breaker.before = breaker.after = 0.0
    breaker.text, breaker.spacer, breaker.line = "", False, LATIN_LINE

    def total(squeeze: float, scale: float) -> float:
        return sum(x.height(width, squeeze, scale) for x in [*lines, breaker])

    squeeze, scale = 1.0, 1.0
    height = total(1.0, 1.0)
    room = sum(x.before for x in lines if x.spacer)
    if height > avail and room:
        fixed = total(0.0, 1.0)
        squeeze = max(MIN_SPACER, min(1.0, (avail - fixed) / room))
        height = total(squeeze, 1.0)
    for _ in range(12):
        if height <= avail or scale <= MIN_SCALE:
            break
        scale = max(MIN_SCALE, scale * min(0.98, avail / height))
        height = total(squeeze, scale)
    if squeeze == 1.0 and scale == 1.0:
        return squeeze, scale
    for x in lines:
        pf = x.para.paragraph_format
        before = x.before * (squeeze if x.spacer else 1.0) * scale
        pf.space_before = Pt(round(before, 1))
        pf.space_after = Pt(round(x.after * scale, 1))
        if scale < 1.0:
            size = Pt(math.floor(x.size * scale * 2) / 2)
            for run in x.para.runs:
                run.font.size = size
                sz = run._r.rPr.sz
                cs = OxmlElement("w:szCs")
                cs.set(qn("w:val"), sz.get(qn("w:val")))
                sz.addnext(cs)
            if not x.para.runs and x.spacer:  # the spacer's own empty line
                x.para.paragraph_format.line_spacing = Pt(round(x.size * scale * LATIN_LINE, 1))
    return squeeze, scale
