"""Parse the XML that templates produce into the document model.

Templates write a tiny vocabulary; content arrives in it already escaped
(jinja2 autoescape), so content is always text, never markup::

    <document title="..." lang="en">
      <heading level="1" anchor="programme">Programme</heading>
      <p style="body" align="justify">Text with <b>bold</b> and <i>italic</i>.</p>
      <list ordered="yes"><item>text</item><item><p>...</p></item></list>
      <table widths="1,3,2" header-rows="1" style="grid">
        <row><cell>...</cell><cell colspan="2">...</cell></row>
      </table>
      <toc title="Contents" depth="2"/> <pagebreak odd="yes"/> <spacer mm="20"/>
      <keep>...</keep>
    </document>

Any element may carry ``lang=`` for its subtree, and ``key=`` (the content key path it
shows, on blocks, list items and table rows): the bilingual edition aligns by it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache

from . import model as m
from .errors import ContentError

_NL = re.compile(r"[ \t]*\n[ \t]*")


@cache
def _cjk() -> re.Pattern[str]:
    """Compiled when a paragraph first has a line break to fold (a CJK class: 1.5 ms)."""
    return re.compile(
        r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3000-\u303f\uff00-\uffef]"
    )


class MarkupError(ValueError):
    pass


def parse(xml_text: str) -> tuple[dict[str, str], list[m.Block]]:
    """Return (document attributes, blocks)."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        line, col = exc.position
        context = xml_text.splitlines()[line - 1][max(0, col - 40) : col + 40] if line else ""
        raise MarkupError(f"template produced invalid markup at line {line}: {context!r}") from exc
    if root.tag != "document":
        raise MarkupError("template output must be a <document> element")
    lang = root.get("lang", "en")
    return dict(root.attrib), _blocks(root, lang)


def _blocks(parent: ET.Element, lang: str) -> list[m.Block]:
    out: list[m.Block] = []
    if (parent.text or "").strip():
        raise MarkupError(f"text directly inside <{parent.tag}>: wrap it in <p>")
    for el in parent:
        out.append(_block(el, el.get("lang", lang)))
        if (el.tail or "").strip():
            raise MarkupError(f"text after <{el.tag}>: wrap it in <p>")
    return out


def _block(el: ET.Element, lang: str) -> m.Block:
    builder = _BUILDERS.get(el.tag)
    if builder is None:
        raise MarkupError(f"unknown element <{el.tag}> in template output")
    return builder(el, lang)


def _flag(el: ET.Element, name: str, default: bool = False) -> bool:
    value = el.get(name)
    return default if value is None else value in ("yes", "true", "1")


def _para(el: ET.Element, lang: str) -> m.Paragraph:
    return m.Paragraph(
        runs=runs(el),
        lang=lang,
        style=el.get("style", "body"),
        align=el.get("align", ""),
        keep_with_next=_flag(el, "keep-with-next"),
        key=el.get("key", ""),
    )


def _heading(el: ET.Element, lang: str) -> m.Heading:
    return m.Heading(
        runs=runs(el),
        lang=lang,
        level=_int(el, "level", 1),
        anchor=el.get("anchor", ""),
        toc=_flag(el, "toc", True),
        bookmark=el.get("bookmark", ""),
        key=el.get("key", ""),
    )


def _list(el: ET.Element, lang: str) -> m.ListBlock:
    elements = [item for item in el if item.tag == "item"]
    items = [_cell_blocks(item, item.get("lang", lang)) for item in elements]
    keys = [item.get("key", "") for item in elements]
    return m.ListBlock(items, lang, _flag(el, "ordered"), el.get("key", ""), keys)


def _table(el: ET.Element, lang: str) -> m.Table:
    rows, keys = [], []
    for row in el.findall("row"):
        keys.append(row.get("key", ""))
        cells = [
            m.Cell(_cell_blocks(c, c.get("lang", lang)), _int(c, "colspan", 1))
            for c in row.findall("cell")
        ]
        rows.append(cells)
    widths = [_number(el, "widths", w) for w in el.get("widths", "").split(",") if w.strip()]
    ncols = max((sum(c.colspan for c in r) for r in rows), default=len(widths) or 1)
    widths = widths or [1.0] * ncols
    if len(widths) != ncols or any(sum(c.colspan for c in r) != ncols for r in rows):
        raise MarkupError(f"<table widths> names {len(widths)} columns, rows have {ncols}")
    header, style = _int(el, "header-rows", 0), el.get("style", "grid")
    return m.Table(rows, widths, header, style, el.get("key", ""), keys)


def _cell_blocks(el: ET.Element, lang: str) -> list[m.Block]:
    """A cell or list item holds blocks, or plain text (one paragraph)."""
    if len(el) and all(child.tag in _BUILDERS for child in el):
        return _blocks(el, lang)
    style = el.get("style", "cell" if el.tag == "cell" else "body")
    para = m.Paragraph(runs(el), lang, style, el.get("align", ""))
    return [para]


def _toc(el: ET.Element, lang: str) -> m.Toc:
    return m.Toc(title=el.get("title", ""), lang=lang, depth=_int(el, "depth", 2))


def _pagebreak(el: ET.Element, lang: str) -> m.PageBreak:
    return m.PageBreak(odd=_flag(el, "odd"))


def _spacer(el: ET.Element, lang: str) -> m.Spacer:
    return m.Spacer(_number(el, "mm", el.get("mm", "5")))


def _number(el: ET.Element, name: str, text: str) -> float:
    """A non-negative finite number from an attribute, or a MarkupError naming it."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1e6:
        raise MarkupError(f"<{el.tag} {name}> must be a number of 0 or more, not {text!r}")
    return value


def _int(el: ET.Element, name: str, default: int) -> int:
    text = el.get(name)
    if text is None:
        return default
    if not text.strip().isdigit() or int(text) > 1000:
        raise MarkupError(f"<{el.tag} {name}> must be a whole number, not {text!r}")
    return int(text)


def _keep(el: ET.Element, lang: str) -> m.KeepTogether:
    return m.KeepTogether(_blocks(el, lang), el.get("key", ""))


_BUILDERS = {
    "p": _para,
    "heading": _heading,
    "list": _list,
    "table": _table,
    "toc": _toc,
    "pagebreak": _pagebreak,
    "spacer": _spacer,
    "keep": _keep,
}


def runs(el: ET.Element, bold: bool = False, italic: bool = False) -> list[m.Run]:
    """Inline text of ``el`` as runs; <b> and <i> nest; whitespace folded."""
    out: list[m.Run] = []
    _collect(el, bold, italic, out)
    merged = _merge(out)
    if merged:
        merged[0].text = merged[0].text.lstrip()
        merged[-1].text = merged[-1].text.rstrip()
    return [r for r in merged if r.text]


def _collect(el: ET.Element, bold: bool, italic: bool, out: list[m.Run]) -> None:
    if el.text:
        out.append(m.Run(el.text, bold, italic))
    for child in el:
        if child.tag == "br":
            out.append(m.Run("\n", bold, italic))
        elif child.tag in ("b", "i"):
            _collect(child, bold or child.tag == "b", italic or child.tag == "i", out)
        else:
            raise MarkupError(f"<{child.tag}> is not allowed inside text (use <b>, <i>, <br/>)")
        if child.tail:
            out.append(m.Run(child.tail, bold, italic))


def _merge(items: list[m.Run]) -> list[m.Run]:
    out: list[m.Run] = []
    for run in items:
        if run.text != "\n":
            run = m.Run(fold(run.text), run.bold, run.italic)
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1].text += run.text
        else:
            out.append(run)
    return out


def fold(text: str) -> str:
    """Fold line breaks inside a paragraph: none between two CJK characters, else a space."""

    def join(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        cjk = _cjk()
        return "" if cjk.match(before) and cjk.match(after) else " "

    return _NL.sub(join, text)


def check(xml_text: str) -> tuple[dict[str, str], list[m.Block]]:
    """Parse, turning markup errors into :class:`ContentError`."""
    try:
        return parse(xml_text)
    except MarkupError as exc:
        raise ContentError(str(exc)) from exc
