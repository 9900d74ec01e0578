"""Tell Word the Chinese line-breaking rules the PDF writer applies (CLREQ).

``w:kinsoku`` on, the line-start/line-end prohibition lists from
:mod:`reportgen.linebreak` as ``w:noLineBreaksBefore/After`` for the edition's
East Asian language, punctuation compression control, hanging punctuation and
automatic Han–Latin spacing (``w:autoSpaceDE``/``w:autoSpaceDN``).
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .. import linebreak
from .docx_xml import PPR_ORDER as _PPR_ORDER  # CT_PPrBase child order

_FLAGS = {
    "kinsoku": "1",
    "wordWrap": "1",
    "overflowPunct": "1",
    "autoSpaceDE": "1",
    "autoSpaceDN": "1",
}


def apply(document: Document, east_asian_lang: str) -> None:
    _defaults(document)
    _settings(document, east_asian_lang)


def ensure_child(parent: object, tag: str, first: bool = False) -> object:
    """``parent``'s ``tag`` element (e.g. "w:rPr"), made and added (as the first child
    where the schema puts it first) when missing."""
    found = parent.find(qn(tag))  # type: ignore[attr-defined]
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)  # type: ignore[attr-defined]
        else:
            parent.append(found)  # type: ignore[attr-defined]
    return found


def _defaults(document: Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    ppr = ensure_child(ensure_child(defaults, "w:pPrDefault"), "w:pPr")
    for tag, val in _FLAGS.items():
        set_ppr(ppr, tag, val)


def set_ppr(ppr, tag: str, val: str) -> None:  # type: ignore[no-untyped-def]
    """Set ``w:tag w:val=val`` in a pPr, in schema order."""
    existing = ppr.find(qn(f"w:{tag}"))
    if existing is None:
        existing = OxmlElement(f"w:{tag}")
        later = set(_PPR_ORDER[_PPR_ORDER.index(tag) + 1 :])
        successor = next((c for c in ppr if c.tag.split("}")[-1] in later), None)
        if successor is None:
            ppr.append(existing)
        else:
            successor.addprevious(existing)
    existing.set(qn("w:val"), val)


def _settings(document: Document, lang: str) -> None:
    settings = document.settings.element
    csc = ensure_child(settings, "w:characterSpacingControl")
    # Hong Kong text keeps full-width punctuation at full width; GB text may compress.
    csc.set(qn("w:val"), "compressPunctuation" if lang == "zh-CN" else "doNotCompress")
    no_start, no_end = rules(lang)
    after = OxmlElement("w:noLineBreaksAfter")
    after.set(qn("w:lang"), lang)
    after.set(qn("w:val"), no_end)
    before = OxmlElement("w:noLineBreaksBefore")
    before.set(qn("w:lang"), lang)
    before.set(qn("w:val"), no_start)
    for old in settings.findall(qn("w:noLineBreaksAfter")) + settings.findall(
        qn("w:noLineBreaksBefore")
    ):
        settings.remove(old)
    csc.addnext(after)
    after.addnext(before)


def rules(lang: str) -> tuple[str, str]:
    """(characters that may not start a line, characters that may not end one)."""
    tag = "zh-Hans-CN" if lang == "zh-CN" else "zh-Hant-HK"
    get = getattr(linebreak, "rules_for", None)
    if get is not None:
        no_start, no_end = get(tag)
    else:
        no_start, no_end = linebreak.NO_START, linebreak.NO_END
    return "".join(sorted(no_start)), "".join(sorted(no_end))
