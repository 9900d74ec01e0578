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

from ..linebreak import Line
from ..script import han_next_to_latin

Leaf = tuple[int, int]  # (1-based page number, MCID on that page)
Kid = Union["StructNode", Leaf, "Annot"]  # noqa: UP007 - runtime alias, Python 3.10 safe


@dataclass(eq=False)
class Annot:
    """A link annotation belonging to a structure element: the ``index``-th link on ``page``."""

    page: int
    index: int


@dataclass(eq=False)
class StructNode:
    """One structure element: its standard role, language, and kids in reading order."""

    role: str
    lang: str = ""
    text: str = ""  # the source text: /ActualText when the drawn glyphs read otherwise
    alt: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)  # /A: /Scope, /ColSpan (Table owner)
    kids: list[Kid] = field(default_factory=list)
    drawn: str = ""  # the text as drawn (joined glyph runs), to decide on ActualText
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
    text are returned as they are (the element then gets ``/ActualText``)."""
    if node is None or not node.text:
        return lines
    src, pos = node.text, node.cursor
    out: list[Line] = []
    last: tuple[int, int] | None = None  # (line, item) of the last item drawn
    for line in lines:
        items = list(line.items)
        out.append(replace(line, items=items))
        for i, item in enumerate(items):
            gap = pos
            while pos < len(src) and src[pos] == " " and not src.startswith(item.text, pos):
                pos += 1
            if not src.startswith(item.text, pos):
                return lines
            if pos > gap and last is not None:
                _append(out, last, src[gap:pos])
            pos += len(item.text)
            last = (len(out) - 1, i)
    end = pos
    while end < len(src) and src[end] == " ":
        end += 1
    if end > pos and last is not None:
        _append(out, last, src[pos:end])
    node.cursor = end
    return out


def _append(lines: list[Line], at: tuple[int, int], spaces: str) -> None:
    items = lines[at[0]].items
    items[at[1]] = replace(items[at[1]], text=items[at[1]].text + spaces)


def needs_actual_text(node: StructNode) -> bool:
    """Whether the element needs ``/ActualText``: its glyphs, as drawn, are not its text
    (a piece of it could not be matched to the text)."""
    return node.drawn != node.text


def has_autospace(text: str) -> bool:
    """Han next to a Latin letter or digit: the quarter-em space the layout puts between
    them is not in the text, and a copy that goes by position would add one."""
    return han_next_to_latin(text)  # one regex search, not a test per character pair


KEEP_EMPTY = {"TD", "TH", "TR"}  # a table keeps its grid regular even where a cell is empty


class Tagger:
    """The tree being built, and the MCIDs handed out per page while drawing."""

    def __init__(self, lang: str, role: str = "Document") -> None:
        self.root = StructNode(role, lang)
        self._stack = [self.root]
        self.pages: dict[int, list[StructNode]] = {}  # page -> node of each MCID
        self.links: dict[int, int] = {}  # page -> link annotations seen

    @property
    def current(self) -> StructNode:
        return self._stack[-1]

    @contextmanager
    def open(self, role: str, lang: str = "", **kw: Any) -> Iterator[StructNode]:
        node = self.current.add(role, lang, **kw)
        self._stack.append(node)
        try:
            yield node
        finally:
            self._stack.pop()

    def begin(self, canv: Canvas, node: StructNode, actual: str = "") -> None:
        """Open marked content of ``node`` (with ``actual`` as its /ActualText: what a copy
        of this piece gives)."""
        page = canv.getPageNumber()
        owners = self.pages.setdefault(page, [])
        node.kids.append((page, len(owners)))
        canv._code.append(f"/{_tag(node.role)} <</MCID {len(owners)}>> BDC")
        if actual:  # in a Span: where readers (poppler, pdfium) look for it
            hexed = actual.encode("utf-16-be").hex().upper()
            canv._code.append(f"/Span <</ActualText <FEFF{hexed}>>> BDC")
        owners.append(node)

    def link(self, canv: Canvas, node: StructNode) -> None:
        """The link annotation just added to the page belongs to ``node``."""
        page = canv.getPageNumber()
        index = self.links.get(page, 0)
        self.links[page] = index + 1
        node.kids.append(Annot(page, index))

    def prune(self) -> None:
        _prune(self.root)


COLLAPSE = {"TD", "TH", "LBody"}  # holding one paragraph: hold its content themselves


def _prune(node: StructNode) -> None:
    """Empty elements dropped; a cell or list body with one paragraph takes the paragraph's
    content (one element fewer per cell: the tree is a fifth smaller)."""
    node.kids = [
        k
        for k in node.kids
        if not isinstance(k, StructNode) or k.role in KEEP_EMPTY or k.has_content()
    ]
    only = node.kids[0] if len(node.kids) == 1 else None
    if node.role in COLLAPSE and isinstance(only, StructNode) and only.role == "P":
        if only.lang == node.lang:
            node.kids, node.text, node.drawn = only.kids, only.text, only.drawn
    for kid in node.nodes():
        _prune(kid)


def _tag(role: str) -> str:
    return "Span" if role in ("TOCI", "LI", "TR", "Table", "L", "TOC", "Document") else role


def tagger_of(canv: Canvas) -> Tagger | None:
    return getattr(canv, "_rg_tagger", None)


def attach(canv: Canvas, tagger: Tagger | None) -> None:
    canv._rg_tagger = tagger


@contextmanager
def marked(
    canv: Canvas, node: StructNode | None, drawn: str = "", actual: str = ""
) -> Iterator[None]:
    """Draw the block's content as marked content of ``node`` (untagged canvas: plain);
    ``actual``: the text this piece is, where a copy by glyph position would differ."""
    tagger = tagger_of(canv)
    if tagger is None or node is None:
        yield
        return
    # (not where the piece has a character beyond the BMP: pdfium drops it from an ActualText)
    actual = actual if has_autospace(actual) and max(actual) <= "\uffff" else ""
    tagger.begin(canv, node, actual)
    node.drawn += drawn
    try:
        yield
    finally:
        canv._code.append("EMC\nEMC" if actual else "EMC")


@contextmanager
def artifact(canv: Canvas, kind: str = "") -> Iterator[None]:
    """Draw page furniture as an artifact (``/Pagination`` for headers and footers)."""
    if tagger_of(canv) is None and not getattr(canv, "_rg_artifacts", False):
        yield
        return
    props = f"/Artifact <</Type /{kind}>> BDC" if kind else "/Artifact BMC"
    canv._code.append(props)
    try:
        yield
    finally:
        canv._code.append("EMC")


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
