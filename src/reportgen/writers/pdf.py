"""PDF writer (reportlab): the document model to PDF bytes, in one layout pass.

"Page X of Y" and the contents page's numbers are drawn as form XObjects that are
referenced while laying out and defined when the document is saved, once the
totals are known, so the document is laid out once (no multiBuild).
"""

from __future__ import annotations

from . import rl_patches  # noqa: F401 - first: imports reportlab.platypus lighter

# isort: split
import gc
import io
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)

from .. import __version__, layout_memo
from .. import model as m
from ..fonts import FontRegistry
from ..script import LATIN
from .columns import column_widths
from .pdf_cover import FitPage, split_cover
from .pdf_finish import PdfOptions, finish
from .pdf_pairs import PairFlowable
from .pdf_styles import HEADINGS, style
from .pdf_table import Table
from .pdf_tags import StructNode, Tagger, as_artifact, attach
from .pdf_text import (
    TextFlowable,
    TextStyle,
    draw_string,
    fragments,
    measure,
    register_fonts,
    release_fonts,
)
from .pdf_toc import TocFlowable

MARGIN = 20 * mm
GUTTER = 6 * mm


@dataclass
class _State:
    """What the layout learns as it goes: heading pages and blank pages."""

    anchors: dict[str, int] = field(default_factory=dict)
    blank_pages: set[int] = field(default_factory=set)
    outline_level: int = -1


def write_pdf(
    doc: m.Document,
    registry: FontRegistry,
    *,
    epoch: int | None = None,
    anchors: dict[str, int] | None = None,
    options: PdfOptions | None = None,
    tags: list[Tagger] | None = None,
    last: bool = False,
) -> bytes:
    """The PDF of ``doc``: tagged and made PDF/A as ``options`` say. With ``tags`` given,
    the structure tree is appended to it and not written (the annex pack writes one tree
    for all its parts), and the PDF is returned as reportlab wrote it. ``last``: no more
    PDFs are set in this process, so reportlab's parsed faces are freed once this one is
    laid out (:func:`.pdf_text.release_fonts`: 25x bilingual, 14 MiB lower peak)."""
    options = options or PdfOptions()
    tagger = Tagger(doc.lang) if options.tagged else None
    gc.freeze()  # what lives already (fonts, modules): not traversed by each full collection
    try:
        data, state = _layout(doc, registry, epoch, tagger)
    finally:
        gc.unfreeze()  # collectable again
    if last:
        release_fonts()
    if anchors is not None:
        anchors.update(state.anchors)
    if tags is not None:
        if tagger is not None:
            tags.append(tagger)
        return data
    return finish(data, doc, options, tagger, epoch)


def _layout(
    doc: m.Document, registry: FontRegistry, epoch: int | None, tagger: Tagger | None
) -> tuple[bytes, _State]:
    """reportlab's PDF of ``doc`` (its flowables gone when this returns)."""
    registry = registry.for_lang(doc.lang)  # zh-Hans: the Simplified face (GB)
    register_fonts(registry)
    state = _State()
    buf = io.BytesIO()
    template = _DocTemplate(buf, doc, registry, state, epoch, tagger)
    converter = _Converter(doc, registry, state, tagger)
    converter.frame_height = template.height
    cover, rest = split_cover(doc.blocks)
    flows = [FitPage(converter.blocks(cover, template.width))] if cover else []
    # the rest converted as platypus comes to it (a bilingual body pair by pair): only the
    # flowables of the page being set live at a time, not the whole document's (25x: the
    # flowables of 1,200 pages were 55 MiB); platypus drops each flowable once drawn
    more = converter.each(rest, template.width)
    story = _Story(keep_headings_with_text(chain(flows, more), template.width))
    del flows, more
    template.build(story, canvasmaker=template.canvasmaker)
    # reportlab's object graph (pages, content streams, font subsets) is cyclic: emptied
    # here, its memory serves the finishing step (10x: 6 MiB lower peak; a gc.collect()
    # would cost 30-70 ms)
    template.canv._doc.__dict__.clear()
    return buf.getvalue(), state


class _DocTemplate(BaseDocTemplate):
    def __init__(
        self,
        buf: io.BytesIO,
        doc: m.Document,
        registry: FontRegistry,
        state: _State,
        epoch: int | None,
        tagger: Tagger | None = None,
    ) -> None:
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN + 2 * mm,
            title=doc.title,
            author=doc.author or "reportgen",
            subject=doc.subject,
            creator=f"reportgen {__version__}",
            producer=f"reportgen {__version__} (ReportLab {reportlab.Version})",
            lang=doc.lang,
            invariant=1 if epoch is not None else 0,
        )
        self.model, self.registry, self.state, self.tagger = doc, registry, state, tagger
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [PageTemplate("page", [frame], onPage=as_artifact(self._decorate, "Pagination"))]
        )

    def canvasmaker(self, *args, **kwargs) -> Canvas:  # type: ignore[no-untyped-def]
        kwargs.update(initialFontName=self.registry.face(LATIN).key, initialFontSize=10)
        canv = _FormCanvas(*args, owner=self, **kwargs)
        attach(canv, self.tagger)
        return canv

    def _decorate(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        page = canv.getPageNumber()
        w, h = A4
        top = h - MARGIN + 2 * mm
        p, lang = self.model.page, self.model.lang
        draw_string(canv, self.registry, p.header_left, MARGIN, top, style("header-strong"), lang)
        right = replace(style("header"), align="right")
        draw_string(canv, self.registry, p.header_right, w - MARGIN, top, right, lang)
        canv.setStrokeColorRGB(0.6, 0.6, 0.6)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, top - 2.5 * mm, w - MARGIN, top - 2.5 * mm)
        canv.saveState()
        canv.translate(w / 2, MARGIN - 6 * mm)
        canv.doForm(f"footer{page}")
        canv.restoreState()
        if page in self.state.blank_pages:
            draw_string(
                canv, self.registry, self.model.blank_page_text, w / 2, h / 2, style("blank"), lang
            )

    def footer_text(self, page: int, pages: int) -> str:
        p = self.model.page
        texts = [p.footer_label + fmt.format(page=page, pages=pages) for fmt in p.footer.values()]
        return "    ".join(texts)


class _FormCanvas(Canvas):
    """Defines the deferred forms (page totals, contents numbers) just before saving."""

    def __init__(self, *args, owner: _DocTemplate, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._owner = owner

    def save(self) -> None:
        owner = self._owner
        pages = self.getPageNumber() - 1
        for page in range(1, pages + 1):
            self._form(f"footer{page}", owner.footer_text(page, pages), "centre")
        for anchor, page in owner.state.anchors.items():
            self._form(f"toc-{anchor}", str(page), "right")
        for anchor in _toc_anchors(owner.model.blocks):
            if anchor not in owner.state.anchors:
                self._form(f"toc-{anchor}", "", "right")
        super().save()

    def _form(self, name: str, text: str, align: str) -> None:
        self.beginForm(name, lowerx=-300, lowery=-20, upperx=300, uppery=40)
        st = style("footer") if align == "centre" else replace(style("toc"), align="right")
        draw_string(self, self._owner.registry, text, 0, 0, st, self._owner.model.lang)
        self.endForm()


def _toc_anchors(blocks: list[m.Block]) -> list[str]:
    return [b.anchor for b in m.walk(blocks) if isinstance(b, m.Heading) and b.toc and b.anchor]


class _HeadingFlowable(TextFlowable):
    """A heading: records its page, adds a bookmark and an outline entry."""

    def __init__(
        self, heading: m.Heading, st: TextStyle, registry: FontRegistry, state: _State
    ) -> None:
        super().__init__(heading.runs, st, registry, heading.lang)
        self.heading, self.state = heading, state

    def draw(self) -> None:
        super().draw()
        h, canv = self.heading, self.canv
        if not h.anchor:
            return
        canv.bookmarkHorizontal(h.anchor, 0, self.height + 4)
        self.state.anchors[h.anchor] = canv.getPageNumber()
        if h.toc:
            level = min(h.level - 1, self.state.outline_level + 1)
            canv.addOutlineEntry(
                h.bookmark or h.text, h.anchor, level=max(level, 0), closed=level > 0
            )
            self.state.outline_level = max(level, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


class _OddPageBreak(ActionFlowable):
    """Break to the next right-hand (odd) page, leaving a marked blank page if needed."""

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    def apply(self, doc: BaseDocTemplate) -> None:
        page = doc.canv.getPageNumber()
        doc.handle_pageBreak()
        if page % 2 == 1:
            self.state.blank_pages.add(page + 1)
            doc.afterFlowable = doc.afterFlowable  # no-op; keeps reportlab's hooks intact
            doc.handle_pageBegin()
            doc.handle_pageBreak()


class _Converter:
    """Model blocks to reportlab flowables."""

    def __init__(
        self, doc: m.Document, registry: FontRegistry, state: _State, tagger: Tagger | None = None
    ) -> None:
        self.doc, self.registry, self.state, self.tagger = doc, registry, state, tagger
        self.counter = 0
        self.frame_height = float("inf")  # the body frame's height (a pair may wait a page)
        self.heading_level = 0  # the last heading's tag level: H1-H3, one level at a time
        self._cell_widths: dict[tuple[str, bool], float] = {}
        self.heading_halves = False  # a bilingual heading's halves: Spans of one H element
        self.in_pair = False  # converting a bilingual pair's halves
        self.last_list: tuple[StructNode, bool] | None = None  # (L element, ordered)

    def _open(self, role: str, lang: str = "", **kw: Any) -> Any:
        """A context opening a structure element (``None`` when the PDF is untagged)."""
        return self.tagger.open(role, lang, **kw) if self.tagger else nullcontext(None)

    def _leaf(self, flow: TextFlowable, role: str, lang: str, text: str) -> TextFlowable:
        """``flow`` drawn as the content of a new ``role`` element."""
        if self.tagger is not None:
            flow.tag = self.tagger.current.add(role, lang, text=text)
        return flow

    def blocks(self, blocks: list[m.Block], width: float) -> list[Flowable]:
        return list(self.each(blocks, width))

    def each(self, blocks: list[m.Block], width: float) -> Iterator[Flowable]:
        """The flowables of ``blocks``, made block by block as they are asked for (a
        bilingual body's pairs one at a time), in the model's order (the tags' order)."""
        for i, block in enumerate(blocks):
            if isinstance(block, m.Parallel):  # never half of a translation pair
                half = (width - GUTTER) / 2
                yield from (self._pair(pair, half) for pair in block.rows)
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            flows = self.block(block, width)
            if m.is_translation_pair(block, nxt):
                flows[-1].spaceAfter = PAIR_GAP  # the pair reads as one item: its gap follows both
            if i and m.is_translation_pair(blocks[i - 1], block):
                flows[0].spaceBefore = 0
            yield from flows

    def block(self, b: m.Block, width: float) -> list[Flowable]:
        method = getattr(self, "_" + type(b).__name__.lower())
        return method(b, width)

    def _paragraph(self, p: m.Paragraph, width: float) -> list[Flowable]:
        st = style(p.style, p.align).scaled_for(p.lang)
        if p.keep_with_next:
            st = replace(st, keep_with_next=True)
        return [self._leaf(TextFlowable(p.runs, st, self.registry, p.lang), "P", p.lang, p.text)]

    def _heading(self, h: m.Heading, width: float) -> list[Flowable]:
        if not h.anchor:
            self.counter += 1
            h.anchor = f"h{self.counter}"
        st = HEADINGS.get(h.level, HEADINGS[3]).scaled_for(h.lang)
        flow = _HeadingFlowable(h, st, self.registry, self.state)
        role = "Span" if self.heading_halves else self._h(h.level)
        return [self._leaf(flow, role, h.lang, h.text)]

    def _h(self, level: int) -> str:
        """The tag of a heading of ``level``: one level deeper than the last at most."""
        self.heading_level = min(level, self.heading_level + 1, 3)
        return f"H{self.heading_level}"

    def _toc(self, t: m.Toc, width: float) -> list[Flowable]:
        title = m.Heading([m.Run(t.title)], t.lang, 1, anchor="contents", toc=False)
        entries = [
            b
            for b in m.walk(self.doc.blocks)
            if isinstance(b, m.Heading) and b.toc and b.level <= t.depth
        ]
        for h in entries:
            if not h.anchor:
                self.counter += 1
                h.anchor = f"h{self.counter}"
        flows = self._heading(title, width)
        links: list[tuple[StructNode, StructNode] | None] = [None] * len(entries)
        with self._open("TOC", t.lang) as toc:
            if toc is not None:
                links = [_toc_item(toc, h) for h in entries]
        return flows + [TocFlowable(t, entries, self.registry, links)]

    def _font(self) -> list[tuple]:
        """Table's default font is Helvetica (never embedded): name ours instead."""
        return [("FONTNAME", (0, 0), (-1, -1), self.registry.face(LATIN).key)]

    def _pagebreak(self, b: m.PageBreak, width: float) -> list[Flowable]:
        return [_OddPageBreak(self.state)] if b.odd else [PageBreak()]

    def _spacer(self, b: m.Spacer, width: float) -> list[Flowable]:
        return [Spacer(1, b.height_mm * mm)]

    def _keeptogether(self, b: m.KeepTogether, width: float) -> list[Flowable]:
        return [KeepTogether(self.blocks(b.blocks, width))]

    def _listblock(self, b: m.ListBlock, width: float) -> list[Flowable]:
        if not b.items:
            return []
        rows = []
        marker_w = 8 * mm
        with self._list_element(b):
            for i, item in enumerate(b.items, b.start):
                marker = f"{i}." if b.ordered else "•"
                mk = TextFlowable([m.Run(marker)], style("list"), self.registry, b.lang)
                with self._open("LI", b.lang):
                    if b.ordered:
                        self._leaf(mk, "Lbl", b.lang, marker)
                    else:  # a bullet says nothing the list does not: an artifact, no Lbl
                        mk.furniture = True
                    with self._open("LBody"):
                        rows.append([mk, self.blocks(_as_list_items(item), width - marker_w)])
        widths = [marker_w, width - marker_w]
        table = Table(rows, colWidths=widths, splitByRow=1, splitInRow=1)  # a long item splits
        table.setStyle(TableStyle(self._font() + _PLAIN))
        return [table]

    def _list_element(self, b: m.ListBlock) -> Any:
        """The L element of ``b``: in the bilingual edition, a list's pairs go on in the
        list just before (one L whose items read English, Chinese, English, ... each item
        in its language), not one list of one item per half."""
        if self.tagger is None:
            return nullcontext(None)
        kids = self.tagger.current.kids
        last = self.last_list
        if self.in_pair and last and kids and kids[-1] is last[0] and last[1] == b.ordered:
            return self.tagger.enter(last[0])
        node = self.tagger.current.add("L", b.lang)
        self.last_list = (node, b.ordered)
        return self.tagger.enter(node)

    def _table(self, t: m.Table, width: float) -> list[Flowable]:
        if not t.rows:
            return []
        col_w = layout_memo.widths(
            repr((t, width, CELL_PAD)),
            len(t.widths),
            lambda: column_widths(t, width, self._measure_cell, CELL_PAD),
        )
        rows, spans = [], []
        layout = _is_layout_table(t)
        with self._open("Div" if layout else "Table"):
            for r, row in enumerate(t.rows):
                cells, c = [], 0
                with self._open("Div" if layout else "TR"):
                    for cell in row:
                        cw = sum(col_w[c : c + cell.colspan]) - 8
                        head = r < t.header_rows
                        role, attrs = _cell_tag(cell, head, layout)
                        with self._open(role, attrs=attrs):
                            cells.append(self.blocks(_cell_style(cell.blocks, head), cw))
                        if cell.colspan > 1:
                            spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r)))
                        cells += [""] * (cell.colspan - 1)
                        c += cell.colspan
                rows.append(cells)
        if layout and self.tagger is not None:
            _read_by_column(self.tagger.current.kids[-1])
        table = Table(rows, colWidths=col_w, repeatRows=t.header_rows, splitByRow=1, hAlign="LEFT")
        table.setStyle(TableStyle(self._font() + _table_style(t) + spans))
        return [table, Spacer(1, 4 * mm)]

    def _measure_cell(self, text: str, bold: bool) -> float:
        """A cell text's natural width (remembered: the same words come back in every row
        and table, and each is split into faces and measured)."""
        key = (text, bold)
        width = self._cell_widths.get(key)
        if width is None:
            st = style("cell-head" if bold else "cell")
            width = self._cell_widths[key] = _natural_width(
                [m.Run(text, bold=bold)], st, self.registry
            )
        return width

    def _parallel(self, p: m.Parallel, width: float) -> list[Flowable]:
        """One :class:`PairFlowable` per aligned pair (English left, Chinese right)."""
        half = (width - GUTTER) / 2
        return [self._pair(pair, half) for pair in p.rows]

    def _pair(self, pair: m.Pair, half: float) -> PairFlowable:
        """A pair's elements: the English half's, then the Chinese half's (reading order;
        no Div around them: it said nothing and cost an object per pair). A heading pair is
        one heading element whose Spans are the two halves (each section once in a
        reader's list of headings)."""
        role = ""
        if pair.is_heading and self.tagger is not None:
            role = self._h(min(h.level for h in pair.left + pair.right))  # type: ignore[union-attr]
        with self._open(role) if role else nullcontext(None):
            self.heading_halves, self.in_pair = bool(role), True
            try:
                left = self.blocks(_ragged(pair.left), half)
                right = self.blocks(_ragged(pair.right), half)
            finally:
                self.heading_halves = self.in_pair = False
        heading, height = pair.is_heading, self.frame_height
        return PairFlowable(
            left, right, half, GUTTER, pair.key, heading=heading, frame_height=height
        )


FOLLOW_ROOM = 48.0  # points (about 3 lines) a heading needs below it, or it goes overleaf


def _is_heading_flow(f: Flowable) -> bool:
    return isinstance(f, _HeadingFlowable) or bool(getattr(f, "heading_row", False))


def keep_headings_with_text(flow: Iterable[Flowable], width: float) -> Iterator[Flowable]:
    """Before each run of headings (or bilingual heading rows), a conditional page break
    that asks for room for the headings and the first piece of what follows (at least
    about three lines); no keep-with-next. Lazy: looks one flowable past a run of headings.

    reportlab's keepWithNext moves a heading *and the whole of what follows* to the next
    page when they do not fit together: a long list after a heading left half a page blank.
    """
    run: list[Flowable] = []
    for f in flow:
        if _is_heading_flow(f):
            run.append(f)
            continue
        if run:
            yield from _kept(run, f)
            run = []
        yield f
    if run:
        yield from _kept(run, None)


def _kept(run: list[Flowable], follower: Flowable | None) -> list[Flowable]:
    for f in run:
        f.keepWithNext = False
    return [_KeepWithStart(run, follower), *run]


class _Story(list):  # type: ignore[type-arg]
    """platypus's list of flowables, filled from ``flows`` as platypus empties it.

    platypus reads the story through ``len()`` (each round of its build loop, and before
    gathering a keep-with-next run) and then at the front: each ``len()`` first makes sure
    at least two flowables wait and that the last one waiting does not keep with the next
    (platypus sees a whole keep-with-next run and the flowable after it, as in a list)."""

    def __init__(self, flows: Iterable[Flowable]) -> None:
        super().__init__()
        self._more: Iterator[Flowable] | None = iter(flows)

    def __len__(self) -> int:
        more = self._more
        if more is not None:
            n = super().__len__()
            while n < 2 or self[-1].getKeepWithNext():
                f = next(more, None)
                if f is None:
                    self._more = None
                    break
                self.append(f)
                n += 1
        return super().__len__()


class _KeepWithStart(CondPageBreak):
    """A page break unless the headings and the first piece of their follower fit here."""

    def __init__(self, run: list[Flowable], follower: Flowable | None) -> None:
        super().__init__(0)
        self.run, self.follower = run, follower

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        need = sum(
            f.wrap(availWidth, availHeight)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in self.run
        )
        room = availHeight - need
        self.height = 0 if self._starts_in(availWidth, room) else availHeight + 1
        return super().wrap(availWidth, availHeight)

    def _starts_in(self, width: float, room: float) -> bool:
        if room < FOLLOW_ROOM:
            return False
        if self.follower is None:
            return True
        room -= self.follower.getSpaceBefore()
        if self.follower.wrap(width, room)[1] <= room:
            return True
        return bool(self.follower.split(width, room))


PAIR_GAP = 3.0  # points between an English cover line and its Chinese translation
CELL_PAD = 4.0  # table cell left/right padding (see _table_style)


def _toc_item(toc: StructNode, h: m.Heading) -> tuple[StructNode, StructNode]:
    """A contents entry's elements: TOCI with the entry as a Link (its text and the link
    annotation) and the page number after it (a Span: read, not part of the link text)."""
    item = toc.add("TOCI")
    return item.add("Link", h.lang, text=h.bookmark or h.text), item.add("Span")


def _is_layout_table(t: m.Table) -> bool:
    """A borderless table without header rows lays blocks side by side (the signature
    blocks): tagged as one Div per column, read column by column, not as a data table."""
    return t.style == "plain" and not t.header_rows


def _cell_tag(cell: m.Cell, head: bool, layout: bool) -> tuple[str, dict[str, Any]]:
    """The element of a table cell and its table attributes (header scope, column span)."""
    if layout:
        return "Div", {}
    attrs: dict[str, Any] = {"Scope": "Column"} if head else {}
    if cell.colspan > 1:
        attrs["ColSpan"] = cell.colspan
    return ("TH" if head else "TD"), attrs


def _read_by_column(table: StructNode) -> None:
    """A layout table's element: its rows' Divs regrouped as one Div per column."""
    rows = list(table.nodes())
    width = max((len(list(r.nodes())) for r in rows), default=0)
    columns = [StructNode("Div", table.lang) for _ in range(width)]
    for row in rows:
        for c, cell in enumerate(row.nodes()):
            columns[c].kids += cell.kids
    table.kids = list(columns)


def _ragged(blocks: list[m.Block]) -> list[m.Block]:
    """Latin text ragged right in a half-width column (justified, it opens rivers)."""
    out: list[m.Block] = []
    for b in blocks:
        if isinstance(b, m.Paragraph) and not b.align and not b.lang.startswith("zh"):
            b = replace(b, align="left") if style(b.style).align == "justify" else b
        elif isinstance(b, m.ListBlock) and not b.lang.startswith("zh"):
            b = replace(b, items=[_ragged(item) for item in b.items])
        out.append(b)
    return out


def _natural_width(runs: list[m.Run], st: TextStyle, registry: FontRegistry) -> float:
    return sum(measure(f.text, f.font, f.size) for f in fragments(runs, st, registry))


def _as_list_items(blocks: list[m.Block]) -> list[m.Block]:
    return [
        replace(b, style="list") if isinstance(b, m.Paragraph) and b.style == "body" else b
        for b in blocks
    ]


def _cell_style(blocks: list[m.Block], head: bool) -> list[m.Block]:
    name = "cell-head" if head else "cell"
    return [
        replace(b, style=name) if isinstance(b, m.Paragraph) and b.style in ("body", "cell") else b
        for b in blocks
    ]


_PLAIN = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def _table_style(t: m.Table) -> list[tuple]:
    base = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if t.style == "grid":
        base += (
            [
                ("GRID", (0, 0), (-1, -1), 0.4, (0.55, 0.55, 0.55)),
                ("BACKGROUND", (0, 0), (-1, t.header_rows - 1), (0.88, 0.9, 0.93)),
            ]
            if t.header_rows
            else [("GRID", (0, 0), (-1, -1), 0.4, (0.55, 0.55, 0.55))]
        )
    else:  # no rules: the first column lines up with the text above the table
        base.append(("LEFTPADDING", (0, 0), (0, -1), 0))
    return base
