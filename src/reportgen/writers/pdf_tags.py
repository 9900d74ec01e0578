"""Tagged PDF, drawing side: the structure tree, and marked content in the page streams.

reportlab has no tagging. The PDF writer's converter opens a :class:`StructNode` for each
model block while it makes flowables (so the tree is in the model's order, which is the
reading order, whatever order things are drawn in); each text flowable carries its node
and wraps its drawing in ``/P <</MCID n>> BDC … EMC`` (:func:`marked`); page furniture
(running headers, footers, page numbers, classification stamps, "intentionally left
blank", table rules and shading, contents leaders) is wrapped in ``/Artifact BMC … EMC``
(:func:`artifact`). :mod:`.pdf_structure` writes the tree into the PDF after the build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Union

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from ..formatting import output_lang
from ..linebreak import Line, Placed
from ..script import is_cjk, is_han

Leaf = tuple[int, int]  # (1-based page number, MCID on that page)
Kid = Union["StructNode", Leaf, "Annot"]  # noqa: UP007 - runtime alias, Python 3.10 safe


@dataclass(eq=False)
class Annot:
    """A link annotation belonging to a structure element: the ``index``-th link on ``page``."""

    page: int
    index: int


@dataclass(eq=False, slots=True)
class StructNode:
    """One structure element: its standard role, language, and kids in reading order
    (slots: a long document has tens of thousands)."""

    role: str
    lang: str = ""
    text: str = ""  # the source text: /ActualText when the drawn glyphs read otherwise
    alt: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)  # /A: /Scope, /ColSpan (Table owner)
    kids: list[Kid] = field(default_factory=list)
    drawn: int = 0  # how much of ``text`` the glyphs drawn so far read as (not kept)
    misdrawn: bool = False  # a piece drawn did not read as the text at its place
    cursor: int = 0  # how much of ``text`` the pieces drawn so far have set

    def add(self, role: str, lang: str = "", **kw: Any) -> StructNode:
        node = StructNode(role, lang or self.lang, **kw)
        self.kids.append(node)
        return node

    def nodes(self) -> Iterator[StructNode]:
        for kid in self.kids:
            if isinstance(kid, StructNode):
                yield kid

    def has_content(self) -> bool:
        return any(not isinstance(k, StructNode) or k.has_content() for k in self.kids)


def with_spaces(lines: list[Line], node: StructNode | None) -> list[Line]:
    """``lines`` with the spaces the line breaker dropped (at line ends and starts) drawn
    again as space glyphs at the end of the line before, so the glyphs read exactly as
    ``node``'s text (invisible: nothing is drawn after them). Lines that do not match the
    text are returned as they are (the element then gets ``/ActualText``). Only the lines
    that change are copied."""
    if node is None or not node.text:
        return lines
    src, pos = node.text, node.cursor
    out = list(lines)
    copied: set[int] = set()
    last: tuple[int, int] | None = None  # (line, item) of the last item drawn
    for n, line in enumerate(lines):
        for i, item in enumerate(line.items):
            text = item.text
            if not src.startswith(text, pos):
                gap = pos
                while pos < len(src) and src[pos] == " " and not src.startswith(text, pos):
                    pos += 1
                if pos == gap or not src.startswith(text, pos):
                    return lines
                if last is not None:
                    _append(out, copied, last, src[gap:pos])
            pos += len(text)
            last = (n, i)
    end = pos
    while end < len(src) and src[end] == " ":
        end += 1
    if end > pos and last is not None:
        _append(out, copied, last, src[pos:end])
    node.cursor = end
    return out


def _append(lines: list[Line], copied: set[int], at: tuple[int, int], spaces: str) -> None:
    n, i = at
    if n not in copied:  # the laid-out line stays as it was
        line = lines[n]
        lines[n] = Line(list(line.items), line.width, line.last)
        copied.add(n)
    items = lines[n].items
    it = items[i]  # (not dataclasses.replace: ~6 µs a call, once per line of a paragraph)
    items[i] = Placed(it.text + spaces, it.font, it.size, it.x, it.char_space)


def needs_actual_text(node: StructNode) -> bool:
    """Whether the element needs ``/ActualText``: its glyphs, as drawn, are not its text
    (a piece of it could not be matched to the text)."""
    return node.misdrawn or node.drawn != len(node.text)


def add_drawn(node: StructNode, drawn: str) -> None:
    """Note that ``drawn`` (the glyphs of a piece) were drawn for ``node``: only whether
    they read as its text there, and how far, is kept (a long document keeps no strings)."""
    if not node.misdrawn and not node.text.startswith(drawn, node.drawn):
        node.misdrawn = True
    node.drawn += len(drawn)


def autospaced(before: str, after: str) -> bool:
    """Whether the line breaker put a quarter-em space between the characters ``before``
    and ``after`` (Han next to a Latin letter or digit): layout only, not in the text, and
    a copy that goes by position would add a space there."""
    return _han_latin(before, after) or _han_latin(after, before)


def _han_latin(a: str, b: str) -> bool:
    return is_han(a) and b.isalnum() and not is_cjk(b)


Piece = tuple[str, int]  # (text, span: index into the glued texts, or -1 outside any)


def glue(texts: list[str], lines: list[float]) -> tuple[dict[int, list[Piece]], list[str]]:
    """Runs ``texts`` of a text object (on baselines ``lines``): those cut into pieces, some
    in a Span whose /ActualText is their own text (by run index; the other runs are drawn
    whole, in no span), and the text of each span: on a line where Han meets Latin across
    an autospace, from the glyph before the first autospace to the line's end. A copy then
    reads those glyphs without the space (poppler places the ActualText over the span's
    glyphs; pdfium at the span's first text object, so a span that stopped inside the line
    would have a space generated after it). Only these glyphs carry their text twice."""
    cuts: dict[int, list[Piece]] = {}
    spans: list[str] = []
    k, n = 1, len(texts)
    while k < n:
        if (
            lines[k] == lines[k - 1]
            and texts[k]
            and texts[k - 1]
            and autospaced(texts[k - 1][-1], texts[k][0])
        ):
            end = k
            while end < n and lines[end] == lines[k]:
                end += 1
            head, last = texts[k - 1][:-1], texts[k - 1][-1]
            cuts[k - 1] = [(head, -1), (last, len(spans))] if head else [(last, len(spans))]
            for j in range(k, end):
                cuts[j] = [(texts[j], len(spans))]
            spans.append(last + "".join(texts[k:end]))
            k = end
        k += 1
    return cuts, spans


def actual_text(text: str) -> str:
    """The marked-content operator opening a Span with ``text`` as its /ActualText ("" for
    text beyond the BMP, which pdfium drops from an ActualText)."""
    if max(text) > "\uffff":
        return ""
    return f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC"


def pdf_lang(tag: str) -> str:
    """The tag written in the PDF for the model's BCP 47 tag ``tag`` (as in the DOCX)."""
    return output_lang(tag)


KEEP_EMPTY = {"TD", "TH", "TR"}  # a table keeps its grid regular even where a cell is empty


class Tagger:
    """The tree being built, and the MCIDs handed out per page while drawing."""

    def __init__(self, lang: str, role: str = "Document") -> None:
        self.root = StructNode(role, lang)
        self._stack = [self.root]
        self.mcids: dict[int, int] = {}  # page -> MCIDs handed out on it
        self.links: dict[int, int] = {}  # page -> link annotations seen

    @property
    def current(self) -> StructNode:
        return self._stack[-1]

    @contextmanager
    def open(self, role: str, lang: str = "", **kw: Any) -> Iterator[StructNode]:
        node = self.current.add(role, lang, **kw)
        with self.enter(node):
            yield node

    @contextmanager
    def enter(self, node: StructNode) -> Iterator[StructNode]:
        """Add to ``node`` (made earlier) again."""
        self._stack.append(node)
        try:
            yield node
        finally:
            self._stack.pop()

    def begin(self, canv: Canvas, node: StructNode) -> None:
        """Open marked content of ``node``."""
        page = canv.getPageNumber()
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        node.kids.append((page, mcid))
        canv._code.append(f"/{_tag(node.role)} <</MCID {mcid}>> BDC")

    def link(self, canv: Canvas, node: StructNode) -> None:
        """The link annotation just added to the page belongs to ``node``."""
        page = canv.getPageNumber()
        index = self.links.get(page, 0)
        self.links[page] = index + 1
        node.kids.append(Annot(page, index))

    def prune(self) -> None:
        _prune(self.root)

    def release(self) -> None:
        """Forget the tree (once written: its memory free for saving the PDF)."""
        self.root.kids = []


COLLAPSE = {"TD", "TH", "LBody"}  # their first paragraph's content: held by themselves


def _prune(node: StructNode) -> None:
    """Empty elements dropped; a cell or list body whose first paragraph is in its own
    language holds that paragraph's content itself, the others stay paragraphs (one
    element fewer per cell, a bilingual cell's English: the tree is a quarter smaller)."""
    node.kids = [
        k
        for k in node.kids
        if not isinstance(k, StructNode) or k.role in KEEP_EMPTY or k.has_content()
    ]
    first = node.kids[0] if node.kids else None
    if node.role in COLLAPSE and isinstance(first, StructNode) and first.role == "P":
        # (an /ActualText on the cell would stand for the other paragraphs too)
        alone = len(node.kids) == 1 or not needs_actual_text(first)
        if first.lang == node.lang and alone and not node.text:
            node.kids = first.kids + node.kids[1:]
            node.text, node.drawn, node.misdrawn = first.text, first.drawn, first.misdrawn
    for kid in node.nodes():
        _prune(kid)


def _tag(role: str) -> str:
    return "Span" if role in ("TOCI", "LI", "TR", "Table", "L", "TOC", "Document") else role


def tagger_of(canv: Canvas) -> Tagger | None:
    return getattr(canv, "_rg_tagger", None)


def attach(canv: Canvas, tagger: Tagger | None) -> None:
    canv._rg_tagger = tagger


@contextmanager
def marked(canv: Canvas, node: StructNode | None, drawn: str = "") -> Iterator[None]:
    """Draw the block's content as marked content of ``node`` (untagged canvas: plain);
    text set inside is glued where Han meets Latin (see :func:`glue`)."""
    tagger = tagger_of(canv)
    if tagger is None or node is None:
        yield
        return
    tagger.begin(canv, node)
    add_drawn(node, drawn)
    canv._rg_glue = True
    try:
        yield
    finally:
        canv._rg_glue = False
        canv._code.append("EMC")


def glued(canv: Canvas) -> bool:
    """Whether text set now is content (in :func:`marked`) that needs gluing."""
    return getattr(canv, "_rg_glue", False)


@contextmanager
def artifact(canv: Canvas, kind: str = "") -> Iterator[None]:
    """Draw page furniture as an artifact (``/Pagination`` for headers and footers)."""
    if tagger_of(canv) is None and not getattr(canv, "_rg_artifacts", False):
        yield
        return
    code = canv._code
    start = len(code)
    code.append(f"/Artifact <</Type /{kind}>> BDC" if kind else "/Artifact BMC")
    try:
        yield
    finally:
        if len(code) == start + 1:  # nothing drawn (a table without shading): no sequence
            code.pop()
        else:
            code.append("EMC")


def as_artifact(draw: Callable[..., None], kind: str = "") -> Callable[..., None]:
    """``draw(canv, ...)`` wrapped as an artifact (for page templates' onPage)."""

    def wrapped(canv: Canvas, *args: Any) -> None:
        with artifact(canv, kind):
            draw(canv, *args)

    return wrapped


class RuledTable(Table):
    """A platypus table whose rules and shading are artifacts (the cells' text is tagged)."""

    def _drawBkgrnd(self) -> None:  # noqa: N802 - reportlab's name
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:  # noqa: N802 - reportlab's name
        with artifact(self.canv):
            super()._drawLines()


def combine(lang: str, trees: list[tuple[int, Tagger]]) -> Tagger:
    """One tree for a PDF made of others' pages: each ``(offset, tagger)`` is a tree whose
    page 1 is page ``offset + 1`` of the whole. The first tree's elements come first; each
    further tree becomes a Part (an annex)."""
    whole = Tagger(lang)
    for n, (offset, tagger) in enumerate(trees):
        _shift(tagger.root, offset)
        if n == 0:
            whole.root.kids += tagger.root.kids
        else:
            whole.root.kids.append(replace(tagger.root, role="Part"))
    return whole


def _shift(node: StructNode, offset: int) -> None:
    kids: list[Kid] = []
    for kid in node.kids:
        if isinstance(kid, StructNode):
            _shift(kid, offset)
        elif isinstance(kid, Annot):
            kid = Annot(kid.page + offset, kid.index)
        else:
            kid = (kid[0] + offset, kid[1])
        kids.append(kid)
    node.kids = kids
