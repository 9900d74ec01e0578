"""DOCX writer (python-docx): the document model to DOCX bytes.

Real Word styles (Title, Heading 1-3, lists, Table Grid), a TOC field pre-filled
with its entries, PAGE/NUMPAGES fields in header and footer, repeating table
header rows, odd-page section breaks, Chinese runs tagged with the East Asian
font and language.
"""

from __future__ import annotations

import re

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .. import model as m
from ..fonts import FontRegistry, family_name
from ..script import CJK, LATIN, is_cjk
from . import docx_cover, docx_typography, docx_xml
from .columns import column_widths
from .docx_parts import bullets, finish_package
from .docx_runs import FaceUse, Piece
from .docx_styles import (
    ALIGN,
    CLASSIFICATION_MARK,
    HEADINGS,
    SPECS,
    TOC_LEVELS,
    FontNames,
    Spec,
    set_theme_fonts,
    setup_styles,
    untitled,
)

_FIELD = re.compile(r"(\{page\}|\{pages\})")


def write_docx(
    doc: m.Document,
    registry: FontRegistry,
    *,
    epoch: int | None = None,
    page_numbers: dict[str, int] | None = None,
    embed: bool = True,
) -> bytes:
    """The DOCX of ``doc``. ``page_numbers`` (the PDF's) are not used: the contents is
    cached without page numbers, which Word and LibreOffice fill in from their own layout
    when the field is updated (see README, "The DOCX")."""
    document = docx.Document()
    registry = registry.for_lang(doc.lang)  # zh-Hans: the Simplified face (GB)
    fonts = FontNames(
        registry.family(LATIN), registry.family(CJK), "zh-CN" if "Hans" in doc.lang else "zh-HK"
    )
    setup_styles(document, fonts)
    docx_typography.apply(document, fonts.east_asian_lang)
    use = FaceUse(registry)
    writer = _Writer(document, doc, fonts, use)
    _page_setup(document, doc, writer)
    writer.blocks(doc.blocks, document)
    docx_cover.fit(document)
    _hairline_last(document)
    bullets(document, fonts, use)
    names: dict[str, str] = {}
    if embed:
        from .docx_embed import EmbedFont, embed_families

        use.need(_DIGITS)  # page numbers of fields and the contents, in every style
        use.need(_DIGITS, bold=True)
        faces = [
            EmbedFont(family_name(face.path), _word_style(face.style), face.path, "".join(chars))
            for face, chars in sorted(use.chars.items(), key=lambda item: item[0].key)
            if chars
        ]
        names = embed_families(document, faces).names
    set_theme_fonts(
        document,
        FontNames(
            names.get(fonts.latin, fonts.latin),
            names.get(fonts.cjk, fonts.cjk),
            fonts.east_asian_lang,
        ),
    )
    finish_package(document, doc, epoch)
    return _save(document, epoch)


_DIGITS = "0123456789"
_LIST_INDENT = Pt(18)  # List Continue's indent (w:ind w:left="360")
HEADER_MARK = Spec("Header", 8, bold=True)  # the classification, in Classification Mark


def _save(document: Document, epoch: int | None) -> bytes:
    from .docx_package import docx_bytes

    return docx_bytes(document, epoch)


def _word_style(style: str) -> str:
    return {"bold-italic": "boldItalic"}.get(style, style)


def _page_setup(document: Document, doc: m.Document, writer: _Writer) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    document.styles["Header"].paragraph_format.tab_stops.clear_all()
    _tab_stop(header, section.page_width - section.left_margin - section.right_margin)
    lang = doc.lang
    writer.runs(header, [m.Run(doc.page.header_left)], lang, HEADER_MARK)
    for run in header.runs:
        run.style = document.styles[CLASSIFICATION_MARK]
    writer.runs(header, [m.Run("\t" + doc.page.header_right)], lang, SPECS["header"])
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = ALIGN["centre"]
    for i, fmt in enumerate(doc.page.footer.values()):
        if i:
            footer.add_run("    ")
        for part in _FIELD.split(doc.page.footer_label + fmt):
            if part == "{page}":
                add_field(footer, "PAGE", "1")
            elif part == "{pages}":
                add_field(footer, "NUMPAGES", "1")
            elif part:
                writer.runs(footer, [m.Run(part)], lang, SPECS["footer"])


def _tab_stop(paragraph: Paragraph, position) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_TAB_ALIGNMENT

    paragraph.paragraph_format.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def add_field(paragraph: Paragraph, code: str, result: str) -> None:
    """A complex field: begin, instruction, separate, cached result, end."""
    run = paragraph.add_run()
    _fld_char(run, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    paragraph.add_run()._r.append(instr)
    _fld_char(paragraph.add_run(), "separate")
    paragraph.add_run(result)
    _fld_char(paragraph.add_run(), "end")


def _fld_char(run, kind: str) -> None:  # type: ignore[no-untyped-def]
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)


class _Writer:
    def __init__(self, document: Document, doc: m.Document, fonts: FontNames, use: FaceUse) -> None:
        self.document, self.doc, self.fonts, self.use = document, doc, fonts, use
        self.bookmark_id = 0
        self.bookmarks: set[str] = set()
        # contents entries unlike their heading (a bilingual pair's "English  中文"): TC
        # fields carry them, and the TOC field collects those instead of heading styles
        self.entries_from_tc = any(
            isinstance(b, m.Heading) and b.toc and _entry_text(b) != b.text
            for b in m.walk(doc.blocks)
        )
        self._style_ids: dict[str, str | None] = {}
        self._alignments: dict[str | None, object] = {}  # style id -> its alignment

    def add_paragraph(self, container, name: str) -> Paragraph:  # type: ignore[no-untyped-def]
        """``container.add_paragraph(style=name)`` with the style id looked up once per name:
        python-docx's style setter scans every style for the default one on each call."""
        if name not in self._style_ids:
            style = self.document.styles[name]
            self._style_ids[name] = self.document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        return docx_xml.paragraph(container, self._style_ids[name])

    def blocks(self, blocks: list[m.Block], container) -> None:  # type: ignore[no-untyped-def]
        for i, block in enumerate(blocks):
            getattr(self, "_" + type(block).__name__.lower())(block, container)
            if i and m.is_translation_pair(blocks[i - 1], block):
                _tighten_pair(container.paragraphs[-2], container.paragraphs[-1])

    # --- text -------------------------------------------------------------
    def runs(
        self, paragraph: Paragraph, runs: list[m.Run], lang: str, spec: Spec | None = None
    ) -> None:
        """Runs in the faces that have their glyphs (:mod:`.docx_runs`); ``spec`` is the
        paragraph's style, whose bold and italic choose the faces."""
        bold = spec.bold if spec else False
        italic = spec.italic if spec else False
        for run in runs:
            for i, line in enumerate(run.text.split("\n")):
                if i:
                    paragraph.add_run().add_break()
                if line:
                    for piece in self.use.pieces(line, bold or run.bold, italic or run.italic):
                        self._run(paragraph, piece, run)

    def _run(self, paragraph: Paragraph, piece: Piece, run: m.Run) -> None:
        docx_xml.run(
            paragraph._p,
            piece.text,
            bold=run.bold,
            italic=False if piece.upright else (True if run.italic else None),  # upright Chinese
            fonts=piece.direct,
            hint=piece.hint,
        )

    def _paragraph(self, p: m.Paragraph, container) -> None:  # type: ignore[no-untyped-def]
        spec = SPECS.get(p.style) or SPECS["body"]
        para = self.add_paragraph(container, spec.word)
        if p.align:
            para.alignment = ALIGN[p.align]
        if p.keep_with_next:
            para.paragraph_format.keep_with_next = True
        self.runs(para, p.runs, p.lang, spec)

    def _heading(self, h: m.Heading, container) -> None:  # type: ignore[no-untyped-def]
        """A heading in the contents has a built-in Heading style (what the TOC field
        collects); one left out of it (the Chinese of a bilingual pair) the same look in a
        style at body-text outline level, so an update lists each pair once."""
        spec = HEADINGS.get(h.level, HEADINGS[3])
        para = self.add_paragraph(container, spec.word if h.toc else untitled(spec.word))
        if h.anchor:
            self._bookmark(para, h.anchor)
        self.runs(para, h.runs, h.lang, spec)
        if h.toc and self.entries_from_tc:
            _tc_field(para, _entry_text(h), h.level)

    def _bookmark(self, para: Paragraph, name: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), self._unique_bookmark(name))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        para._p.append(start)
        para._p.append(end)

    def _unique_bookmark(self, anchor: str) -> str:
        """A Word bookmark name for ``anchor`` that no other bookmark of the document has
        (the two headings of a bilingual pair share their anchor)."""
        name = _bm(anchor)
        n = 1
        while name in self.bookmarks:
            n += 1
            suffix = f"_{n}"
            name = _bm(anchor)[: _BOOKMARK_LIMIT - len(suffix)] + suffix
        self.bookmarks.add(name)
        return name

    # --- structure --------------------------------------------------------
    def _toc(self, t: m.Toc, container) -> None:  # type: ignore[no-untyped-def]
        """A TOC field cached with the entries an update gives and no page numbers: those
        are the DOCX's own, filled in by Word or LibreOffice when the field is updated
        (never the PDF's). It collects the built-in heading styles, or, where entries
        differ from their headings (a bilingual pair's "English  中文", as in the PDF), the
        headings' TC fields."""
        spec = SPECS["toc-title"]
        self.runs(self.add_paragraph(container, spec.word), [m.Run(t.title)], t.lang, spec)
        entries = [
            b
            for b in m.walk(self.doc.blocks)
            if isinstance(b, m.Heading) and b.toc and b.level <= t.depth
        ]
        width = self.document.sections[0].page_width - Mm(40)
        if self.entries_from_tc:
            code = f'TOC \\f \\l "1-{t.depth}" \\h \\z'
        else:
            code = f'TOC \\o "1-{t.depth}" \\h \\z \\u'
        for n, h in enumerate(entries):
            level = TOC_LEVELS.get(h.level, TOC_LEVELS[2])
            para = self.add_paragraph(container, level.word)
            _leader_tab(para, width)
            if n == 0:
                _fld_begin(para, code)
            text = [m.Run(_entry_text(h))] if self.entries_from_tc else h.runs
            self.runs(para, text, h.lang, level)
            if n == len(entries) - 1:
                _fld_char(para.add_run(), "end")
        if not entries:
            para = container.add_paragraph()
            _fld_begin(para, code)
            _fld_char(para.add_run(), "end")

    def _pagebreak(self, b: m.PageBreak, container) -> None:  # type: ignore[no-untyped-def]
        if b.odd and container is self.document:
            self.document.add_section(WD_SECTION.ODD_PAGE)
        else:
            container.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)

    def _spacer(self, b: m.Spacer, container) -> None:  # type: ignore[no-untyped-def]
        para = container.add_paragraph()
        para.paragraph_format.space_before = Mm(b.height_mm)
        para.paragraph_format.space_after = Pt(0)

    def _keeptogether(self, b: m.KeepTogether, container) -> None:  # type: ignore[no-untyped-def]
        before = len(container.paragraphs)
        tables = len(container.tables)
        self.blocks(b.blocks, container)
        for para in container.paragraphs[before:-1]:
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.keep_together = True
        for table in container.tables[tables:]:
            _keep_table(table)

    def _listblock(self, b: m.ListBlock, container) -> None:  # type: ignore[no-untyped-def]
        name = "List Number" if b.ordered else "List Bullet"
        style = self.document.styles[name]
        num_id = _restart_numbering(self.document, style, b.start) if b.ordered else None
        for item in b.items:
            for i, block in enumerate(item):
                if not isinstance(block, m.Paragraph):
                    self.blocks([block], container)
                    continue
                spec = SPECS["list"] if i == 0 else SPECS.get(block.style)
                if spec is None or spec.word == "Normal" or spec.word.startswith("List"):
                    para = self.add_paragraph(container, name if i == 0 else "List Continue")
                    spec = SPECS["list"]
                else:  # a note under an item: its own style, at the item's indent
                    para = self.add_paragraph(container, spec.word)
                    para.paragraph_format.left_indent = _LIST_INDENT
                if i == 0 and num_id is not None:
                    _set_num(para, num_id)
                self.runs(para, block.runs, block.lang, spec)

    def _table(self, t: m.Table, container) -> None:  # type: ignore[no-untyped-def]
        if not t.rows:
            return
        ncols = len(t.widths)
        table = container.add_table(rows=0, cols=ncols)
        table.style = self.document.styles["Table Grid"] if t.style == "grid" else None
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        width = _available(container, self.document)
        for r, row in enumerate(t.rows):
            cells = table.add_row().cells
            if r < t.header_rows:
                _repeat_header(table.rows[r])
            else:
                _cant_split(table.rows[r])  # a row is read whole: never split over a page
            c = 0
            if t.keep_rows:
                _cant_split(table.rows[r])
            for cell in row:
                target = cells[c]
                if cell.colspan > 1:
                    target = target.merge(cells[c + cell.colspan - 1])
                self._fill(target, cell.blocks, head=r < t.header_rows)
                c += cell.colspan
        widths = [int(w) for w in column_widths(t, width, _estimate_width, CELL_MARGIN)]
        for i, col in enumerate(table.columns):
            for cell in col.cells:
                cell.width = widths[i]
        _grid_widths(table, widths)
        if t.style != "grid":
            _no_borders(table)
        container.add_paragraph().paragraph_format.space_after = Pt(0)

    def _fill(self, cell: _Cell, blocks: list[m.Block], head: bool = False) -> None:
        first = cell.paragraphs[0]
        name = "cell-head" if head else "cell"
        fixed = [
            b
            if not (isinstance(b, m.Paragraph) and b.style in ("body", "cell"))
            else m.Paragraph(b.runs, b.lang, name, b.align)
            for b in blocks
        ]
        self.blocks(fixed, cell)
        if len(cell.paragraphs) > 1 and not first.text:
            first._p.getparent().remove(first._p)

    def _parallel(self, p: m.Parallel, container) -> None:  # type: ignore[no-untyped-def]
        """One table per run of aligned pairs, one row per pair (English left, Chinese
        right), no nested tables; a heading row stays with the next, a short row is never
        split across pages."""
        table = container.add_table(rows=0, cols=2)
        half = int(_available(container, self.document) / 2)
        for pair in p.rows:
            row = table.add_row()
            cells = row.cells
            self._fill(cells[0], pair.left)
            self._fill(cells[1], pair.right)
            for cell in cells:
                _body_gaps(cell, self._style_ids.get(SPECS["cell"].word))
            _ragged(cells[0], self._alignments)
            if pair.is_heading or _short(pair):
                _cant_split(row)
            if pair.is_heading:  # kept with the next row
                for cell in cells:
                    for para in cell.paragraphs:
                        para.paragraph_format.keep_with_next = True
        for col in table.columns:
            for cell in col.cells:
                cell.width = half
        _grid_widths(table, [half, half])
        _no_borders(table)
        _separate(container)


PAIR_GAP = Pt(SPECS["body"].after)  # between the paragraphs of a pair's cell, as in body text


def _body_gaps(cell: _Cell, style_id: str | None) -> None:
    """Body text in a pair's cell is set in Table Text (no space before or after, as a
    table's cells are): here it gets the body text's space after, so consecutive
    paragraphs, in one cell or in the rows of one run of pairs, are spaced as the PDF
    spaces them instead of touching."""
    for para in cell.paragraphs:
        ppr = para._p.pPr
        if style_id is None or ppr is None or ppr.pStyle is None or ppr.pStyle.val != style_id:
            continue
        if ppr.spacing is not None and ppr.spacing.after is not None:
            continue  # set already (the first line of a translation pair)
        para.paragraph_format.space_after = PAIR_GAP


def _separate(container) -> None:  # type: ignore[no-untyped-def]
    """A hairline paragraph after a table: Word and LibreOffice join two adjacent tables
    into one (a bilingual table after a heading row would lose its repeating header)."""
    para = container.add_paragraph()
    para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = Pt(1)


def _hairline_last(document: Document) -> None:
    """A document ending with a table ends with the empty paragraph Word requires after it:
    at the body text's line height it is pushed onto a page of its own when the table
    fills the last page (a blank last page in Word and LibreOffice), so it is a hairline."""
    paragraphs = document.paragraphs
    if not paragraphs:
        return
    last = paragraphs[-1]
    before = last._p.getprevious()
    if last.text or before is None or not before.tag.endswith("}tbl"):
        return
    if last._p.getnext() is not None and not last._p.getnext().tag.endswith("}sectPr"):
        return
    fmt = last.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)


SHORT_PAIR = 400  # characters: a pair this short is never split across pages


def _short(pair: m.Pair) -> bool:
    return len(m.text_of_blocks(pair.left + pair.right)) <= SHORT_PAIR


CELL_MARGIN = Pt(5.4)  # Word's default left/right cell margin (0.19 cm)
_CELL_PT = 9.5  # the cell styles' size


def _estimate_width(text: str, bold: bool) -> float:
    """Width in EMU, from average advances (the DOCX is laid out by Word, not by us):
    a full em for CJK, 0.56 em for Latin (0.6 bold), Noto Serif's averages."""
    latin = 0.6 if bold else 0.56
    ems = sum(1.0 if is_cjk(ch) else latin for ch in text)
    return float(Pt(ems * _CELL_PT))


def _grid_widths(table, widths: list[int]) -> None:  # type: ignore[no-untyped-def]
    """The table grid's column widths too: LibreOffice lays columns out from the grid
    (python-docx leaves it at equal widths), Word from the cells' widths."""
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
        col.w = Emu(w)


def _available(container, document: Document) -> int:  # type: ignore[no-untyped-def]
    if isinstance(container, _Cell):
        return int(container.width or Mm(80))
    section = document.sections[-1]
    return int(section.page_width - section.left_margin - section.right_margin)


_BOOKMARK_LIMIT = 40  # Word's longest bookmark name


def _bm(name: str) -> str:
    return "_" + re.sub(r"[^A-Za-z0-9_]", "_", name)[: _BOOKMARK_LIMIT - 1]


def _leader_tab(para: Paragraph, width) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    para.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _entry_text(h: m.Heading) -> str:
    return h.bookmark or h.text


def _tc_field(para: Paragraph, text: str, level: int) -> None:
    """A TC field: the contents entry ``text`` at ``level`` (shown nowhere else)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    _fld_begin(para, f'TC "{quoted}" \\l {level}')
    _fld_char(para.add_run(), "end")


def _fld_begin(para: Paragraph, code: str) -> None:
    _fld_char(para.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    para.add_run()._r.append(instr)
    _fld_char(para.add_run(), "separate")


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def _ragged(cell: _Cell, alignments: dict[str | None, object]) -> None:
    """English in a half-width column is set ragged right (justified, it opens rivers).
    ``alignments`` caches each style's alignment (python-docx looks styles up by scanning)."""
    for para in cell.paragraphs:
        ppr = para._p.pPr
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if sid not in alignments:
            style = para.style
            alignments[sid] = style.paragraph_format.alignment if style is not None else None
        if para.alignment is None and alignments[sid] in (None, ALIGN["justify"]):
            para.alignment = ALIGN["left"]


def _cant_split(row) -> None:  # type: ignore[no-untyped-def]
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))


def _keep_table(table) -> None:  # type: ignore[no-untyped-def]
    """A kept table: no row breaks across pages, and every row stays with the next."""
    rows = list(table.rows)
    for i, row in enumerate(rows):
        _cant_split(row)
        if i < len(rows) - 1:
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


def _tighten_pair(first: Paragraph, second: Paragraph) -> None:
    """The two lines of a pair read as one item: the gap between them is small."""
    first.paragraph_format.space_after = Pt(3)
    first.paragraph_format.keep_with_next = True
    second.paragraph_format.space_before = Pt(0)


_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    """``w:tblBorders`` all nil, in its place in ``w:tblPr`` (before ``w:tblLook``)."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    later = next((c for c in tblpr if c.tag in {qn(f"w:{t}") for t in _AFTER_BORDERS}), None)
    if later is None:
        tblpr.append(borders)
    else:
        later.addprevious(borders)


def _restart_numbering(document: Document, style, start: int = 1) -> int | None:  # type: ignore[no-untyped-def]
    """A new w:num for this list, starting at ``start`` (an aligned item of a bilingual
    list keeps its number), on the style's abstract numbering."""
    numpr = style.element.find(qn("w:pPr") + "/" + qn("w:numPr"))
    if numpr is None:
        return None
    base_id = numpr.find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    base = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == base_id)
    abstract = base.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    ab = OxmlElement("w:abstractNumId")
    ab.set(qn("w:val"), abstract)
    num.append(ab)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    begin = OxmlElement("w:startOverride")
    begin.set(qn("w:val"), str(start))
    override.append(begin)
    num.append(override)
    numbering.append(num)
    return new_id


def _set_num(para: Paragraph, num_id: int) -> None:
    numpr = para._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id
