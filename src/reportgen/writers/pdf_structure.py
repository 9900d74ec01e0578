"""Tagged PDF, writing side: the structure tree recorded while drawing, as PDF objects.

Writes ``/StructTreeRoot`` (the element tree, ``/ParentTree`` from each page's MCIDs and
each link annotation back to its element, ``/ParentTreeNextKey``), ``/StructParents`` on
pages, ``/StructParent`` on link annotations, ``/MarkInfo << /Marked true >>``, and
``/Tabs /S`` on pages (annotations in structure order).

``/Lang`` is written on an element only where it differs from its parent's (the
catalogue's ``/Lang`` is the document's). ``/ActualText`` is written where the glyphs as
drawn do not read as the source text: a Latin line break drops the space that was there,
and Han–Latin spacing is layout only, so an extractor may add a space that is not in the
text.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .pdf_tags import Annot, StructNode, Tagger, needs_actual_text, pdf_lang


def write_tree(pdf: pikepdf.Pdf, tagger: Tagger, page_offset: int = 0) -> None:
    """Add ``tagger``'s tree to ``pdf`` (whose page ``page_offset + n - 1`` is page n)."""
    tagger.prune()
    pages = [page.obj for page in pdf.pages]  # (pikepdf makes a new Page per lookup)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    writer = _Writer(pdf, pages, page_offset)
    root.K = writer.element(tagger.root, root, "")
    nums = Array()
    for index in sorted(writer.parents):
        nums.append(index)
        elements = [None if n is None else pdf.get_object(n, 0) for n in writer.parents[index]]
        nums.append(Array(elements))  # direct: one object fewer per page
        pages[index].StructParents = index
    key = len(pages)
    for annot, element in writer.annots:
        annot.StructParent = key
        nums.append(key)
        nums.append(element)
        key += 1
    for page in pages:
        if "/Annots" in page:
            page.Tabs = Name.S
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


class _Writer:
    """The elements of one tree, written depth first; the ParentTree's entries kept."""

    def __init__(self, pdf: pikepdf.Pdf, pages: list[Any], offset: int) -> None:
        self.pdf, self.pages, self.offset = pdf, pages, offset
        # page index -> object number of the element of each MCID (a number, not a pikepdf
        # handle: a 1,200-page document has 30,000)
        self.parents: dict[int, list[int | None]] = {}
        self.annots: list[tuple[Any, Any]] = []  # (annotation, element)
        self.names: dict[str, Name] = {}

    def element(self, node: StructNode, parent: Any, parent_lang: str) -> Any:
        role = self.names.get(node.role) or self.names.setdefault(node.role, Name("/" + node.role))
        entries: dict[str, Any] = {"/S": role, "/P": parent}  # /Type: optional
        if node.lang and node.lang != parent_lang:
            entries["/Lang"] = String(pdf_lang(node.lang))
        if node.alt:
            entries["/Alt"] = String(node.alt)
        if node.text and needs_actual_text(node):
            entries["/ActualText"] = String(node.text)
        if node.attrs:
            entries["/A"] = Dictionary(
                O=Name.Table, **{k: _pdf_value(v) for k, v in node.attrs.items()}
            )
        page = _main_page(node)  # its /Pg: kids on that page need no page of their own
        if page:
            entries["/Pg"] = self.pages[self.offset + page - 1]
        elem = self.pdf.make_indirect(Dictionary(entries))
        lang = node.lang or parent_lang
        kids = [self._kid(kid, node, elem, lang, page) for kid in node.kids]
        elem.K = kids[0] if len(kids) == 1 else Array(kids)
        return elem

    def _kid(self, kid: Any, node: StructNode, elem: Any, lang: str, main: int) -> Any:
        if isinstance(kid, StructNode):
            return self.element(kid, elem, lang)
        if isinstance(kid, Annot):
            page = self.pages[self.offset + kid.page - 1]
            links = [a for a in page.get("/Annots", []) if a.get("/Subtype") == Name.Link]
            annot = links[kid.index]
            if node.text and not str(annot.get("/Contents", "")):
                annot.Contents = String(node.text)  # PDF/UA: a link's description
            self.annots.append((annot, elem))
            if kid.page == main:
                return Dictionary(Type=Name.OBJR, Obj=annot)
            return Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)
        page_no, mcid = kid
        index = self.offset + page_no - 1
        owners = self.parents.setdefault(index, [])
        owners += [None] * (mcid + 1 - len(owners))
        owners[mcid] = elem.objgen[0]
        if page_no == main:
            return mcid
        return Dictionary(Type=Name.MCR, Pg=self.pages[index], MCID=mcid)


def _main_page(node: StructNode) -> int:
    """The page most of ``node``'s marked content and annotations are on (the first such,
    0 for none): the element's /Pg, so that those kids are bare MCIDs (an OBJR without
    /Pg) and only the others carry a page of their own."""
    counts: dict[int, int] = {}
    for kid in node.kids:
        if isinstance(kid, tuple):
            counts[kid[0]] = counts.get(kid[0], 0) + 1
        elif isinstance(kid, Annot):
            counts[kid.page] = counts.get(kid.page, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else 0


def _pdf_value(value: Any) -> Any:
    return Name("/" + value) if isinstance(value, str) else value
