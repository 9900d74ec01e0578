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
    pages = pdf.pages
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    parents: dict[int, list[Any]] = {}  # page index -> element of each MCID
    annots: list[tuple[Any, Any]] = []  # (annotation, element)
    doc = _element(pdf, tagger.root, root, "", pages, page_offset, parents, annots)
    root.K = doc
    nums = Array()
    for index in sorted(parents):
        nums.append(index)
        nums.append(Array(parents[index]))  # direct: one object fewer per page
        pages[index].obj.StructParents = index
    key = len(pages)
    for annot, element in annots:
        annot.StructParent = key
        nums.append(key)
        nums.append(element)
        key += 1
    for page in pages:
        if "/Annots" in page.obj:
            page.obj.Tabs = Name.S
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _element(
    pdf: pikepdf.Pdf,
    node: StructNode,
    parent: Any,
    parent_lang: str,
    pages: Any,
    offset: int,
    parents: dict[int, list[Any]],
    annots: list[tuple[Any, Any]],
) -> Any:
    elem = pdf.make_indirect(Dictionary(S=Name("/" + node.role), P=parent))  # /Type: optional
    if node.lang and node.lang != parent_lang:
        elem.Lang = String(pdf_lang(node.lang))
    if node.alt:
        elem.Alt = String(node.alt)
    if node.text and needs_actual_text(node):
        elem.ActualText = String(node.text)
    if node.attrs:
        elem.A = Dictionary(O=Name.Table, **{k: _pdf_value(v) for k, v in node.attrs.items()})
    kids = Array()
    page_of_kids = {k[0] for k in node.kids if isinstance(k, tuple)}
    single = len(page_of_kids) == 1 and not any(isinstance(k, Annot) for k in node.kids)
    if single:
        elem.Pg = pages[offset + next(iter(page_of_kids)) - 1].obj
    for kid in node.kids:
        if isinstance(kid, StructNode):
            lang = node.lang or parent_lang
            kids.append(_element(pdf, kid, elem, lang, pages, offset, parents, annots))
        elif isinstance(kid, Annot):
            page = pages[offset + kid.page - 1].obj
            links = [a for a in page.get("/Annots", []) if a.get("/Subtype") == Name.Link]
            annot = links[kid.index]
            if node.text and not str(annot.get("/Contents", "")):
                annot.Contents = String(node.text)  # PDF/UA: a link's description
            kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=page))
            annots.append((annot, elem))
        else:
            page_no, mcid = kid
            index = offset + page_no - 1
            owners = parents.setdefault(index, [])
            owners += [None] * (mcid + 1 - len(owners))
            owners[mcid] = elem
            kids.append(
                mcid if single else Dictionary(Type=Name.MCR, Pg=pages[index].obj, MCID=mcid)
            )
    elem.K = kids[0] if len(kids) == 1 else kids
    return elem


def _pdf_value(value: Any) -> Any:
    return Name("/" + value) if isinstance(value, str) else value
