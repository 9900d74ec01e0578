"""WordprocessingML built directly with lxml: paragraphs, runs, paragraph properties,
tables, rows and cells.

python-docx's proxies look up every child by schema order on each call (``add_run``,
``Run.text``, ``Paragraph.style``, ``table.add_row``, ``cell.width``: most of the writer's
time for a long document); the writer builds its body here instead, with the qualified
names computed once, in schema order and with the values python-docx would write (the
same XML, byte for byte).
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SLOTS = (W + "ascii", W + "hAnsi", W + "eastAsia", W + "cs")
P, R, T, TBL, TR, TC = W + "p", W + "r", W + "t", W + "tbl", W + "tr", W + "tc"
PPR, TCPR, TRPR, SECTPR = W + "pPr", W + "tcPr", W + "trPr", W + "sectPr"
VAL = W + "val"
_SUB = etree.SubElement
_EMU_PER_TWIP = 635

# CT_PPr children in schema order (ECMA-376 Part 1, 17.3.1.26)
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
_PPR_RANK = {W + tag: i for i, tag in enumerate(PPR_ORDER)}


# CT_RPr (17.3.2.28) and CT_Style (17.7.4.17) children in schema order, as python-docx has them
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
STYLE_ORDER = (
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
    "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
    "tblStylePr"
).split()
RPR_RANK = {W + tag: i for i, tag in enumerate(RPR_ORDER)}
STYLE_RANK = {W + tag: i for i, tag in enumerate(STYLE_ORDER)}
PPR_RANK = _PPR_RANK


def child(parent: etree._Element, tag: str, rank: dict[str, int]) -> etree._Element:
    """``parent``'s first ``w:<tag>``, else a new one before the first child that follows it
    in schema order (``rank``): python-docx's ``get_or_add_<tag>``."""
    qtag = W + tag
    found = parent.find(qtag)
    if found is not None:
        return found
    mine = rank[qtag]
    el = _SUB(parent, qtag)
    for other in parent:
        if rank.get(other.tag, -1) > mine:  # type: ignore[call-overload]
            other.addprevious(el)
            break
    return el


def on(el: etree._Element, value: bool) -> None:
    """A ``CT_OnOff`` value as python-docx sets it: true is the default (no ``w:val``)."""
    if value:
        el.attrib.pop(VAL, None)
    else:
        el.set(VAL, "0")


def twips(emu: int | float) -> str:
    """An EMU length as Word's twentieths of a point, rounded as python-docx does."""
    return str(int(round(int(emu) / _EMU_PER_TWIP)))


def append_block(container: etree._Element, tag: str) -> etree._Element:
    """A new ``tag`` element at the end of a body or cell, before the body's ``w:sectPr``.
    Made as a child (``SubElement``), so it has python-docx's element class as if parsed;
    no ``len(container)`` (lxml counts the children: quadratic over a long body)."""
    el = _SUB(container, tag)
    before = el.getprevious()
    if before is not None and before.tag == SECTPR:
        before.addprevious(el)
    return el


def paragraph(container: etree._Element, style_id: str | None = None) -> etree._Element:
    """A new ``w:p`` at the end of ``container`` (body, cell, header…); with ``w:pStyle``
    when ``style_id`` is given."""
    p = append_block(container, P)
    if style_id:
        _SUB(_SUB(p, PPR), W + "pStyle").set(VAL, style_id)
    return p


def ppr_child(p: etree._Element, tag: str) -> etree._Element:
    """``p``'s ``w:pPr/w:<tag>``, made in schema order when missing."""
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    if ppr is None:
        ppr = _SUB(p, PPR)
        p.insert(0, ppr)
    qtag = W + tag
    rank = _PPR_RANK[qtag]
    for child in ppr:
        if child.tag == qtag:
            return child
        if _PPR_RANK.get(child.tag, -1) > rank:
            el = _SUB(ppr, qtag)
            child.addprevious(el)
            return el
    return _SUB(ppr, qtag)


def ppr_find(p: etree._Element, tag: str) -> etree._Element | None:
    ppr = p[0] if len(p) and p[0].tag == PPR else None
    return None if ppr is None else ppr.find(W + tag)


def keep_next(p: etree._Element) -> None:
    ppr_child(p, "keepNext")


def keep_lines(p: etree._Element) -> None:
    ppr_child(p, "keepLines")


def spacing(p: etree._Element, **values: int) -> None:
    """``w:spacing`` attributes (``before``, ``after``: EMU lengths), set in call order."""
    el = ppr_child(p, "spacing")
    for name, emu in values.items():
        el.set(W + name, twips(emu))


def exact_line(p: etree._Element, emu: int) -> None:
    """An exact line height (python-docx's ``line_spacing = Length``)."""
    el = ppr_child(p, "spacing")
    el.set(W + "line", twips(emu))
    el.set(W + "lineRule", "exact")


def align(p: etree._Element, value: str) -> None:
    """``w:jc`` (left, center, right, both)."""
    ppr_child(p, "jc").set(VAL, value)


def left_indent(p: etree._Element, emu: int) -> None:
    ppr_child(p, "ind").set(W + "left", twips(emu))


def right_tab(p: etree._Element, emu: int, leader: str | None = None) -> None:
    """A right-aligned tab stop (with a leader: ``dot``), as python-docx adds one."""
    tab = _SUB(ppr_child(p, "tabs"), W + "tab")
    tab.set(W + "pos", twips(emu))
    tab.set(VAL, "right")
    if leader:
        tab.set(W + "leader", leader)


def numbering(p: etree._Element, num_id: int) -> None:
    numpr = ppr_child(p, "numPr")
    _SUB(numpr, W + "ilvl").set(VAL, "0")
    _SUB(numpr, W + "numId").set(VAL, str(num_id))


def paragraphs(container: etree._Element) -> list[etree._Element]:
    """The paragraphs directly in ``container`` (python-docx's ``.paragraphs``)."""
    return list(container.iterchildren(P))


def last_paragraphs(container: etree._Element, n: int) -> list[etree._Element]:
    """The last ``n`` paragraphs directly in ``container``, in document order."""
    out = []
    for p in container.iterchildren(P, reversed=True):
        out.append(p)
        if len(out) == n:
            break
    return out[::-1]


def text_of(p: etree._Element) -> bool:
    """Whether ``p`` holds any text (python-docx's ``Paragraph.text`` is not empty)."""
    for r in p.iterchildren(R, W + "hyperlink"):
        for el in r.iter(T, *_TEXTLIKE, W + "br"):
            if el.tag == W + "br":
                if el.get(W + "type", "textWrapping") == "textWrapping":
                    return True
            elif el.tag != T or el.text:
                return True
    return False


_TEXTLIKE = (W + "tab", W + "cr", W + "noBreakHyphen", W + "ptab")


def field_char(p: etree._Element, kind: str) -> None:
    """A run holding ``w:fldChar`` (begin, separate, end)."""
    _SUB(_SUB(p, R), W + "fldChar").set(W + "fldCharType", kind)


def instruction(p: etree._Element, code: str) -> None:
    """A run holding the field's instruction ``code``."""
    instr = _SUB(_SUB(p, R), W + "instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" {code} "


def line_break(p: etree._Element, kind: str | None = None) -> None:
    br = _SUB(_SUB(p, R), W + "br")
    if kind:
        br.set(W + "type", kind)


# --- tables ----------------------------------------------------------------------------

_TBL_LOOK = {
    "firstColumn": "1",
    "firstRow": "1",
    "lastColumn": "0",
    "lastRow": "0",
    "noHBand": "0",
    "noVBand": "1",
    "val": "04A0",
}


def table(
    container: etree._Element, widths: list[int], style_id: str | None, left: bool
) -> etree._Element:
    """A ``w:tbl`` as python-docx's ``add_table(rows=0, ...)`` makes it, with the grid's
    columns ``widths`` (EMU), a table style and ``w:jc="left"`` when asked."""
    tbl = append_block(container, TBL)
    tblpr = _SUB(tbl, W + "tblPr")
    if style_id:
        _SUB(tblpr, W + "tblStyle").set(VAL, style_id)
    tblw = _SUB(tblpr, W + "tblW")
    tblw.set(W + "type", "auto")
    tblw.set(W + "w", "0")
    if left:
        _SUB(tblpr, W + "jc").set(VAL, "left")
    look = _SUB(tblpr, W + "tblLook")
    for name, value in _TBL_LOOK.items():
        look.set(W + name, value)
    grid = _SUB(tbl, W + "tblGrid")
    for width in widths:
        _SUB(grid, W + "gridCol").set(W + "w", twips(width))
    return tbl


def row(tbl: etree._Element, widths: list[int]) -> tuple[etree._Element, list[etree._Element]]:
    """A new row of one empty cell per grid column of ``widths`` (EMU); (row, cells)."""
    tr = _SUB(tbl, TR)
    cells = []
    for width in widths:
        tc = _SUB(tr, TC)
        tcw = _SUB(_SUB(tc, TCPR), W + "tcW")
        tcw.set(W + "type", "dxa")
        tcw.set(W + "w", twips(width))
        _SUB(tc, P)
        cells.append(tc)
    return tr, cells


def merge(cells: list[etree._Element], first: int, last: int) -> etree._Element:
    """Cells ``first``..``last`` of a row (empty) merged into the first, as python-docx's
    ``_Cell.merge`` does it: widths summed, ``w:gridSpan``, the others removed."""
    tc = cells[first]
    tcw = tc[0][0]
    total = int(tcw.get(W + "w"))
    for other in cells[first + 1 : last + 1]:
        total += int(other[0][0].get(W + "w"))
        other.getparent().remove(other)
    tcw.set(W + "w", str(total))
    _SUB(tc[0], W + "gridSpan").set(VAL, str(last - first + 1))
    return tc


def set_cell_width(tc: etree._Element, emu: int) -> None:
    tc[0][0].set(W + "w", twips(emu))


def cell_width(tc: etree._Element) -> int | None:
    """The cell's width in EMU (``w:tcW`` in twips), or None."""
    tcpr = tc.find(TCPR)
    tcw = None if tcpr is None else tcpr.find(W + "tcW")
    if tcw is None or tcw.get(W + "type") not in (None, "dxa") or tcw.get(W + "w") is None:
        return None
    return int(tcw.get(W + "w")) * _EMU_PER_TWIP


def row_props(tr: etree._Element) -> etree._Element:
    """The row's ``w:trPr`` (first child, after any ``w:tblPrEx``), made when missing."""
    for child in tr:
        if child.tag == TRPR:
            return child
        if child.tag != W + "tblPrEx":
            trpr = _SUB(tr, TRPR)
            child.addprevious(trpr)
            return trpr
    return _SUB(tr, TRPR)


def cant_split(tr: etree._Element) -> None:
    trpr = row_props(tr)
    if trpr.find(W + "cantSplit") is None:
        _SUB(trpr, W + "cantSplit")


def repeat_header(tr: etree._Element) -> None:
    trpr = row_props(tr)
    _SUB(trpr, W + "tblHeader").set(VAL, "true")
    _SUB(trpr, W + "cantSplit")


def grid_widths(tbl: etree._Element, widths: list[int]) -> None:
    cols = tbl.find(W + "tblGrid").iterchildren(W + "gridCol")
    for col, width in zip(cols, widths, strict=False):
        col.set(W + "w", twips(width))


def column_cells(tbl: etree._Element, ncols: int) -> list[list[etree._Element]]:
    """The cells of each grid column, a merged cell in every column it spans (as
    python-docx's ``table.columns[i].cells``)."""
    cols: list[list[etree._Element]] = [[] for _ in range(ncols)]
    for tr in tbl.iterchildren(TR):
        i = 0
        for tc in tr.iterchildren(TC):
            span = tc.find(f"{TCPR}/{W}gridSpan")
            for _ in range(int(span.get(VAL)) if span is not None else 1):
                if i < ncols:
                    cols[i].append(tc)
                i += 1
    return cols


def no_borders(tbl: etree._Element) -> None:
    """``w:tblBorders`` all nil, in its place in ``w:tblPr`` (before ``w:shd``,
    ``w:tblLayout``, ``w:tblCellMar`` and ``w:tblLook``)."""
    tblpr = tbl[0]
    borders = _SUB(tblpr, W + "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _SUB(borders, W + side).set(VAL, "nil")
    later = next((c for c in tblpr if c.tag in _AFTER_BORDERS), None)
    if later is None:
        tblpr.append(borders)
    else:
        later.addprevious(borders)


_AFTER_BORDERS = {
    W + t for t in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
}


# --- runs ------------------------------------------------------------------------------


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
    r = _SUB(p, R)
    if bold or italic is not None or fonts or hint:
        rpr = _SUB(r, W + "rPr")
        if fonts or hint:
            rfonts = _SUB(rpr, W + "rFonts")
            for slot in _SLOTS if fonts else ():
                rfonts.set(slot, fonts)
            if hint:
                rfonts.set(W + "hint", "eastAsia")
        if bold:
            _SUB(rpr, W + "b")
        if italic is not None:
            el = _SUB(rpr, W + "i")
            if not italic:
                el.set(VAL, "0")
    if "\t" not in text:
        if text:
            _text(r, text)
        return r
    for i, part in enumerate(text.split("\t")):
        if i:
            _SUB(r, W + "tab")
        if part:
            _text(r, part)
    return r


def _text(r: etree._Element, part: str) -> None:
    t = _SUB(r, T)
    t.text = part
    if part[0].isspace() or part[-1].isspace():
        t.set(_XML_SPACE, "preserve")
