"""DOCX writer (python-docx): the document model to DOCX bytes.

Real Word styles (Title, Heading 1-3, lists, Table Grid), a TOC field pre-filled
with its entries, PAGE/NUMPAGES fields in header and footer, repeating table
header rows, odd-page section breaks, Chinese runs tagged with the East Asian
font and language.

python-docx gives the package (its default template, styles, numbering, parts); the
body (paragraphs, runs, tables, rows, cells) is built as WordprocessingML directly
(:mod:`.docx_xml`): the writer's containers are ``w:body`` and ``w:tc`` elements.
"""

from __future__ import annotations

import re

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles import BabelFish
from lxml import etree

from .. import model as m
from ..fonts import FontRegistry
from ..script import CJK, LATIN, is_cjk
from . import docx_cover, docx_typography
from . import docx_xml as x
from .columns import column_widths
from .docx_fontfacts import family
from .docx_parts import bullets, finish_package
from .docx_runs import FaceUse, Piece
from .docx_styles import (
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
JC = {"left": "left", "centre": "center", "right": "right", "justify": "both"}


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
        family(registry.face(LATIN).path),
        family(registry.face(CJK).path),
        "zh-CN" if "Hans" in doc.lang else "zh-HK",
    )
    setup_styles(document, fonts)
    docx_typography.apply(document, fonts.east_asian_lang)
    use = FaceUse(registry)
    writer = _Writer(document, doc, fonts, use)
    _page_setup(document, doc, writer)
    writer.blocks(doc.blocks, writer.body)
    docx_cover.fit(document)
    _hairline_last(writer.body)
    bullets(document, fonts, use)
    names: dict[str, str] = {}
    if embed:
        from .docx_embed import EmbedFont, embed_families

        use.need(_DIGITS)  # page numbers of fields and the contents, in every style
        use.need(_DIGITS, bold=True)
        faces = [
            EmbedFont(family(face.path), _word_style(face.style), face.path, "".join(chars))
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
    writer.width = int(section.page_width - section.left_margin - section.right_margin)
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    document.styles["Header"].paragraph_format.tab_stops.clear_all()
    x.right_tab(header._p, writer.width)
    lang = doc.lang
    writer.runs(header._p, [m.Run(doc.page.header_left)], lang, HEADER_MARK)
    for run in header.runs:
        run.style = document.styles[CLASSIFICATION_MARK]
    writer.runs(header._p, [m.Run("\t" + doc.page.header_right)], lang, SPECS["header"])
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    p = footer._p
    x.align(p, "center")
    for i, fmt in enumerate(doc.page.footer.values()):
        if i:
            x.run(p, "    ")
        for part in _FIELD.split(doc.page.footer_label + fmt):
            if part == "{page}":
                add_field(p, "PAGE", "1")
            elif part == "{pages}":
                add_field(p, "NUMPAGES", "1")
            elif part:
                writer.runs(p, [m.Run(part)], lang, SPECS["footer"])


def add_field(p: etree._Element, code: str, result: str) -> None:
    """A complex field: begin, instruction, separate, cached result, end."""
    _fld_begin(p, code)
    x.run(p, result)
    x.field_char(p, "end")


class _Writer:
    def __init__(self, document: Document, doc: m.Document, fonts: FontNames, use: FaceUse) -> None:
        self.document, self.doc, self.fonts, self.use = document, doc, fonts, use
        self.body = document.element.body
        self.width = 0  # the text area's width (EMU), from the page set-up
        self.bookmark_id = 0
        self.bookmarks: set[str] = set()
        # contents entries unlike their heading (a bilingual pair's "English  中文"): TC
        # fields carry them, and the TOC field collects those instead of heading styles
        self.entries_from_tc = any(
            isinstance(b, m.Heading) and b.toc and _entry_text(b) != b.text
            for b in m.walk(doc.blocks)
        )
        self.styles = _StyleIndex(document.styles.element)
        self._alignments: dict[str | None, str | None] = {}  # style id -> its w:jc
        self._numbering: _Numbering | None = None

    @property
    def numbering(self) -> _Numbering:
        if self._numbering is None:
            self._numbering = _Numbering(self.document)
        return self._numbering

    def add_paragraph(self, container: etree._Element, name: str) -> etree._Element:
        """A paragraph in the paragraph style named ``name`` (python-docx's
        ``add_paragraph(style=name)``: no ``w:pStyle`` for the default style)."""
        return x.paragraph(container, self.styles.paragraph_id(name))

    def blocks(self, blocks: list[m.Block], container: etree._Element) -> None:
        for i, block in enumerate(blocks):
            getattr(self, "_" + type(block).__name__.lower())(block, container)
            if i and m.is_translation_pair(blocks[i - 1], block):
                _tighten_pair(*x.last_paragraphs(container, 2))

    # --- text -------------------------------------------------------------
    def runs(
        self, p: etree._Element, runs: list[m.Run], lang: str, spec: Spec | None = None
    ) -> None:
        """Runs in the faces that have their glyphs (:mod:`.docx_runs`); ``spec`` is the
        paragraph's style, whose bold and italic choose the faces."""
        bold = spec.bold if spec else False
        italic = spec.italic if spec else False
        for run in runs:
            for i, line in enumerate(run.text.split("\n")):
                if i:
                    x.line_break(p)
                if line:
                    for piece in self.use.pieces(line, bold or run.bold, italic or run.italic):
                        self._run(p, piece, run)

    def _run(self, p: etree._Element, piece: Piece, run: m.Run) -> None:
        x.run(
            p,
            piece.text,
            bold=run.bold,
            italic=False if piece.upright else (True if run.italic else None),  # upright Chinese
            fonts=piece.direct,
            hint=piece.hint,
        )

    def _paragraph(self, p: m.Paragraph, container: etree._Element) -> None:
        spec = SPECS.get(p.style) or SPECS["body"]
        para = self.add_paragraph(container, spec.word)
        if p.align:
            x.align(para, JC[p.align])
        if p.keep_with_next:
            x.keep_next(para)
        self.runs(para, p.runs, p.lang, spec)

    def _heading(self, h: m.Heading, container: etree._Element) -> None:
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

    def _bookmark(self, para: etree._Element, name: str) -> None:
        self.bookmark_id += 1
        start = etree.SubElement(para, x.W + "bookmarkStart")
        start.set(x.W + "id", str(self.bookmark_id))
        start.set(x.W + "name", self._unique_bookmark(name))
        etree.SubElement(para, x.W + "bookmarkEnd").set(x.W + "id", str(self.bookmark_id))

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
    def _toc(self, t: m.Toc, container: etree._Element) -> None:
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
            x.right_tab(para, width, "dot")
            if n == 0:
                _fld_begin(para, code)
            text = [m.Run(_entry_text(h))] if self.entries_from_tc else h.runs
            self.runs(para, text, h.lang, level)
            if n == len(entries) - 1:
                x.field_char(para, "end")
        if not entries:
            para = x.paragraph(container)
            _fld_begin(para, code)
            x.field_char(para, "end")

    def _pagebreak(self, b: m.PageBreak, container: etree._Element) -> None:
        if b.odd and container is self.body:
            self.document.add_section(WD_SECTION.ODD_PAGE)
        else:
            x.line_break(x.paragraph(container), "page")

    def _spacer(self, b: m.Spacer, container: etree._Element) -> None:
        x.spacing(x.paragraph(container), before=Mm(b.height_mm), after=Pt(0))

    def _keeptogether(self, b: m.KeepTogether, container: etree._Element) -> None:
        before = len(x.paragraphs(container))
        tables = len(list(container.iterchildren(x.TBL)))
        self.blocks(b.blocks, container)
        for para in x.paragraphs(container)[before:-1]:
            x.keep_next(para)
            x.keep_lines(para)
        for table in list(container.iterchildren(x.TBL))[tables:]:
            _keep_table(table)

    def _listblock(self, b: m.ListBlock, container: etree._Element) -> None:
        name = "List Number" if b.ordered else "List Bullet"
        num_id = self.numbering.restart(self.styles.element(name), b.start) if b.ordered else None
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
                    x.left_indent(para, _LIST_INDENT)
                if i == 0 and num_id is not None:
                    x.numbering(para, num_id)
                self.runs(para, block.runs, block.lang, spec)

    def _available(self, container: etree._Element) -> int:
        if container.tag == x.TC:
            return int(x.cell_width(container) or Mm(80))
        return self.width

    def _new_table(
        self, container: etree._Element, ncols: int, style_id: str | None, left: bool
    ) -> tuple[etree._Element, list[int]]:
        """python-docx's ``add_table(rows=0, cols=ncols)``: the grid's columns share the
        container's width (a cell's, else the text area's); a table in a cell is
        followed by an empty paragraph."""
        if container.tag == x.TC:
            width = x.cell_width(container)
            width = int(width) if width is not None else 914400  # Inches(1)
        else:
            width = self.width
        grid = [width // ncols] * ncols
        table = x.table(container, grid, style_id, left)
        if container.tag == x.TC:
            x.paragraph(container)
        return table, grid

    def _table(self, t: m.Table, container: etree._Element) -> None:
        if not t.rows:
            return
        ncols = len(t.widths)
        style_id = self.styles.table_id("Table Grid") if t.style == "grid" else None
        width = self._available(container)
        table, grid = self._new_table(container, ncols, style_id, left=True)
        for r, row in enumerate(t.rows):
            tr, cells = x.row(table, grid)
            if r < t.header_rows:
                x.repeat_header(tr)
            else:
                x.cant_split(tr)  # a row is read whole: never split over a page
            c = 0
            if t.keep_rows:
                x.cant_split(tr)
            for cell in row:
                target = cells[c]
                if cell.colspan > 1:
                    target = x.merge(cells, c, c + cell.colspan - 1)
                self._fill(target, cell.blocks, head=r < t.header_rows)
                c += cell.colspan
        widths = [int(w) for w in column_widths(t, width, _estimate_width, CELL_MARGIN)]
        for i, col in enumerate(x.column_cells(table, ncols)):
            for tc in col:
                x.set_cell_width(tc, widths[i])
        x.grid_widths(table, widths)
        if t.style != "grid":
            x.no_borders(table)
        x.spacing(x.paragraph(container), after=Pt(0))

    def _fill(self, cell: etree._Element, blocks: list[m.Block], head: bool = False) -> None:
        first = cell.find(x.P)
        name = "cell-head" if head else "cell"
        fixed = [
            b
            if not (isinstance(b, m.Paragraph) and b.style in ("body", "cell"))
            else m.Paragraph(b.runs, b.lang, name, b.align)
            for b in blocks
        ]
        self.blocks(fixed, cell)
        if first is not None and len(x.last_paragraphs(cell, 2)) > 1 and not x.text_of(first):
            cell.remove(first)

    def _parallel(self, p: m.Parallel, container: etree._Element) -> None:
        """One table per run of aligned pairs, one row per pair (English left, Chinese
        right), no nested tables; a heading row stays with the next, a short row is never
        split across pages."""
        half = int(self._available(container) / 2)
        table, grid = self._new_table(container, 2, None, left=False)
        cell_style = self.styles.paragraph_id(SPECS["cell"].word)
        for pair in p.rows:
            tr, cells = x.row(table, grid)
            self._fill(cells[0], pair.left)
            self._fill(cells[1], pair.right)
            for cell in cells:
                _body_gaps(cell, cell_style)
            self._ragged(cells[0])
            if pair.is_heading or _short(pair):
                x.cant_split(tr)
            if pair.is_heading:  # kept with the next row
                for cell in cells:
                    for para in cell.iterchildren(x.P):
                        x.keep_next(para)
        for tr in table.iterchildren(x.TR):
            for cell in tr.iterchildren(x.TC):
                x.set_cell_width(cell, half)
        x.grid_widths(table, [half, half])
        x.no_borders(table)
        _separate(container)

    def _ragged(self, cell: etree._Element) -> None:
        """English in a half-width column is set ragged right (justified, it opens
        rivers)."""
        for para in cell.iterchildren(x.P):
            style = x.ppr_find(para, "pStyle")
            sid = style.get(x.VAL) if style is not None else None
            if sid not in self._alignments:
                self._alignments[sid] = self.styles.alignment(sid)
            if x.ppr_find(para, "jc") is None and self._alignments[sid] in (None, "both"):
                x.align(para, "left")


class _StyleIndex:
    """The styles part's styles by name, looked up once (python-docx scans every style by
    XPath on each ``styles[name]``, and again for the default one)."""

    def __init__(self, styles: etree._Element) -> None:
        self._by_name: dict[str, etree._Element] = {}
        self._by_id: dict[str, etree._Element] = {}
        self._defaults: dict[str, etree._Element] = {}
        for el in styles.iterchildren(x.W + "style"):
            name = el.find(x.W + "name")
            if name is not None:
                self._by_name.setdefault(name.get(x.VAL), el)
            self._by_id.setdefault(el.get(x.W + "styleId"), el)
            if el.get(x.W + "default") in ("1", "true", "on"):
                self._defaults[_kind(el)] = el  # the last one, as python-docx
        self._ids: dict[tuple[str, str], str | None] = {}

    def element(self, name: str) -> etree._Element:
        return self._by_name[BabelFish.ui2internal(name)]

    def _id(self, name: str, kind: str) -> str | None:
        key = (name, kind)
        if key not in self._ids:
            el = self.element(name)
            if _kind(el) != kind:
                raise ValueError(f"style {name!r} is not a {kind} style")
            default = self._defaults.get(kind)
            self._ids[key] = None if el is default else el.get(x.W + "styleId")
        return self._ids[key]

    def paragraph_id(self, name: str) -> str | None:
        """The id ``w:pStyle`` names, None for the default paragraph style."""
        return self._id(name, "paragraph")

    def table_id(self, name: str) -> str | None:
        return self._id(name, "table")

    def alignment(self, style_id: str | None) -> str | None:
        """The style's own ``w:jc`` (the default paragraph style's for None)."""
        el = self._defaults.get("paragraph") if style_id is None else self._by_id.get(style_id)
        if el is None or _kind(el) != "paragraph":
            el = self._defaults.get("paragraph")
        jc = None if el is None else el.find(f"{x.PPR}/{x.W}jc")
        return None if jc is None else jc.get(x.VAL)


def _kind(style: etree._Element) -> str:
    return style.get(x.W + "type", "paragraph")


PAIR_GAP = Pt(SPECS["body"].after)  # between the paragraphs of a pair's cell, as in body text


def _body_gaps(cell: etree._Element, style_id: str | None) -> None:
    """Body text in a pair's cell is set in Table Text (no space before or after, as a
    table's cells are): here it gets the body text's space after, so consecutive
    paragraphs, in one cell or in the rows of one run of pairs, are spaced as the PDF
    spaces them instead of touching."""
    if style_id is None:
        return
    for para in cell.iterchildren(x.P):
        style = x.ppr_find(para, "pStyle")
        if style is None or style.get(x.VAL) != style_id:
            continue
        spacing = x.ppr_find(para, "spacing")
        if spacing is not None and spacing.get(x.W + "after") is not None:
            continue  # set already (the first line of a translation pair)
        x.spacing(para, after=PAIR_GAP)


def _separate(container: etree._Element) -> None:
    """A hairline paragraph after a table: Word and LibreOffice join two adjacent tables
    into one (a bilingual table after a heading row would lose its repeating header)."""
    para = x.paragraph(container)
    x.spacing(para, before=Pt(0), after=Pt(0))
    x.exact_line(para, Pt(1))


def _hairline_last(body: etree._Element) -> None:
    """A document ending with a table ends with the empty paragraph Word requires after it:
    at the body text's line height it is pushed onto a page of its own when the table
    fills the last page (a blank last page in Word and LibreOffice), so it is a hairline."""
    found = x.last_paragraphs(body, 1)
    if not found:
        return
    last = found[0]
    before = last.getprevious()
    if x.text_of(last) or before is None or before.tag != x.TBL:
        return
    if last.getnext() is not None and last.getnext().tag != x.SECTPR:
        return
    x.spacing(last, before=Pt(0), after=Pt(0))
    x.exact_line(last, Pt(1))


SHORT_PAIR = 400  # characters: a pair this short is never split across pages


def _short(pair: m.Pair) -> bool:
    return len(m.text_of_blocks(pair.left + pair.right)) <= SHORT_PAIR


CELL_MARGIN = Pt(5.4)  # Word's default left/right cell margin (0.19 cm)
_CELL_PT = 9.5  # the cell styles' size


def _estimate_width(text: str, bold: bool) -> float:
    """Width in EMU, from average advances (the DOCX is laid out by Word, not by us):
    a full em for CJK, 0.56 em for Latin (0.6 bold), Noto Serif's averages. Words
    recur: each is measured once."""
    key = (text, bold)
    width = _WIDTHS.get(key)
    if width is None:
        latin = 0.6 if bold else 0.56
        ems = sum(1.0 if is_cjk(ch) else latin for ch in text)
        width = float(Pt(ems * _CELL_PT))
        if len(_WIDTHS) < _WIDTHS_LIMIT:
            _WIDTHS[key] = width
    return width


_WIDTHS: dict[tuple[str, bool], float] = {}
_WIDTHS_LIMIT = 100_000


_BOOKMARK_LIMIT = 40  # Word's longest bookmark name


def _bm(name: str) -> str:
    return "_" + re.sub(r"[^A-Za-z0-9_]", "_", name)[: _BOOKMARK_LIMIT - 1]


def _entry_text(h: m.Heading) -> str:
    return h.bookmark or h.text


def _tc_field(para: etree._Element, text: str, level: int) -> None:
    """A TC field: the contents entry ``text`` at ``level`` (shown nowhere else)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    _fld_begin(para, f'TC "{quoted}" \\l {level}')
    x.field_char(para, "end")


def _fld_begin(para: etree._Element, code: str) -> None:
    x.field_char(para, "begin")
    x.instruction(para, code)
    x.field_char(para, "separate")


def _keep_table(table: etree._Element) -> None:
    """A kept table: no row breaks across pages, and every row stays with the next."""
    rows = list(table.iterchildren(x.TR))
    for i, tr in enumerate(rows):
        x.cant_split(tr)
        if i < len(rows) - 1:
            for tc in tr.iterchildren(x.TC):
                for para in tc.iterchildren(x.P):
                    x.keep_next(para)


def _tighten_pair(first: etree._Element, second: etree._Element) -> None:
    """The two lines of a pair read as one item: the gap between them is small."""
    x.spacing(first, after=Pt(3))
    x.keep_next(first)
    x.spacing(second, before=Pt(0))


class _Numbering:
    """New ``w:num`` instances in the numbering part, one per ordered list, numbered after
    the highest id (found once, not by scanning every instance for each list)."""

    def __init__(self, document: Document) -> None:
        self.element = document.part.numbering_part.element
        nums = self.element.findall(qn("w:num"))
        self.by_id: dict[str, etree._Element] = {}
        for n in nums:
            self.by_id.setdefault(n.get(qn("w:numId")), n)
        self.last = max((int(n.get(qn("w:numId"))) for n in nums), default=0)

    def restart(self, style: etree._Element, start: int = 1) -> int | None:
        """A new w:num for a list, starting at ``start`` (an aligned item of a bilingual
        list keeps its number), on the style's abstract numbering."""
        numpr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
        if numpr is None:
            return None
        base = self.by_id[numpr.find(qn("w:numId")).get(qn("w:val"))]
        abstract = base.find(qn("w:abstractNumId")).get(qn("w:val"))
        self.last += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.last))
        ab = OxmlElement("w:abstractNumId")
        ab.set(qn("w:val"), abstract)
        num.append(ab)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        begin = OxmlElement("w:startOverride")
        begin.set(qn("w:val"), str(start))
        override.append(begin)
        num.append(override)
        self.element.append(num)
        self.by_id.setdefault(str(self.last), num)
        return self.last
