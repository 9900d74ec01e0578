"""The one document model: plain dataclasses that every writer reads.

No reportlab or docx imports here. Templates produce this model (via the small
XML vocabulary in :mod:`markup`); writers turn it into PDF or DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass
class Run:
    """Text in one weight and slant."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    """A paragraph of runs in one language and style."""

    runs: list[Run]
    lang: str
    style: str = "body"  # body, lead, quote, small, note, cover-*, classification, signature
    align: str = ""  # "", left, centre, right, justify (empty: the style's default)
    keep_with_next: bool = False
    key: str = ""  # content key path it shows (the bilingual edition aligns by it)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Heading:
    """A heading of runs, its level, anchor and contents and outline entries."""

    runs: list[Run]
    lang: str
    level: int = 1
    anchor: str = ""
    toc: bool = True
    bookmark: str = ""  # outline title; defaults to the text
    key: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListBlock:
    """A bulleted or numbered list; each item is a list of blocks."""

    items: list[list[Block]]
    lang: str
    ordered: bool = False
    key: str = ""
    item_keys: list[str] = field(default_factory=list)  # one per item (may be empty)
    start: int = 1  # number of the first item (an ordered list's items aligned one by one)


@dataclass
class Cell:
    """A table cell: blocks, and how many columns it spans."""

    blocks: list[Block]
    colspan: int = 1


@dataclass
class Table:
    """Rows of cells with relative column widths."""

    rows: list[list[Cell]]
    widths: list[float]  # relative column widths
    header_rows: int = 0
    style: str = "grid"  # grid, plain (no borders), signature
    key: str = ""
    row_keys: list[str] = field(default_factory=list)  # one per row (may be empty)
    keep_rows: bool = False  # no row breaks across a page (bilingual tables: every row)


@dataclass
class Toc:
    """The table of contents, down to a heading depth."""

    title: str
    lang: str
    depth: int = 2


@dataclass
class PageBreak:
    """A page break (to a right-hand page if odd)."""

    odd: bool = False  # start the next block on a right-hand (odd) page


@dataclass
class Spacer:
    """Vertical space, in millimetres."""

    height_mm: float


@dataclass
class KeepTogether:
    """Blocks kept on one page."""

    blocks: list[Block]
    key: str = ""


@dataclass
class Pair:
    """One aligned unit of the bilingual edition (a heading, a paragraph, a list item, an
    article's paragraph...): the English half and the Chinese half, which writers start at
    the same height. A half may be empty (a text in one language only)."""

    left: list[Block]
    right: list[Block]
    key: str = ""

    def __iter__(self):  # type: ignore[no-untyped-def]
        """``left, right = pair``."""
        return iter((self.left, self.right))

    @property
    def is_heading(self) -> bool:
        blocks = self.left + self.right
        return bool(blocks) and all(isinstance(b, Heading) for b in blocks)


@dataclass
class Parallel:
    """Consecutive aligned pairs (the bilingual edition): English left, Chinese right."""

    rows: list[Pair]
    langs: tuple[str, str]


Block = Union[  # noqa: UP007 - a runtime alias (isinstance-free), Python 3.10 safe
    Paragraph, Heading, ListBlock, Table, Toc, PageBreak, Spacer, KeepTogether, Parallel
]


@dataclass
class Page:
    """What goes on every page: header and footer texts per language."""

    header_left: str = ""
    header_right: str = ""
    footer: dict[str, str] = field(default_factory=dict)  # lang -> "Page {page} of {pages}"
    footer_label: str = ""  # e.g. "Annex 2 – " (prefix in the footer)


@dataclass
class Document:
    """A whole document: its blocks, page furniture and metadata."""

    name: str  # document id from the project, e.g. "briefing-pack"
    edition: str  # en, zh, bilingual, zh-Hans
    lang: str  # BCP 47 of the main language, e.g. "zh-Hant-HK"
    title: str
    blocks: list[Block]
    page: Page = field(default_factory=Page)
    subject: str = ""
    author: str = ""
    keywords: list[str] = field(default_factory=list)
    blank_page_text: str = ""


def walk(blocks: list[Block]):  # type: ignore[no-untyped-def]
    """Yield every block, depth first (tables, lists and parallels included)."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from walk(item)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield from walk(cell.blocks)
        elif isinstance(block, KeepTogether):
            yield from walk(block.blocks)
        elif isinstance(block, Parallel):
            for left, right in block.rows:
                yield from walk(left)
                yield from walk(right)


def is_translation_pair(block: Block | None, nxt: Block | None) -> bool:
    """An English cover paragraph directly followed by its Chinese one (bilingual cover):
    both writers set the pair as one item."""
    return (
        isinstance(block, Paragraph)
        and isinstance(nxt, Paragraph)
        and block.style == nxt.style
        and block.style.startswith(("cover", "classification"))
        and block.lang[:2] != nxt.lang[:2]
    )


def text_of_blocks(blocks: list[Block]) -> str:
    """The text of paragraphs and headings in ``blocks`` (nested ones included)."""
    return "\n".join(b.text for b in walk(blocks) if isinstance(b, (Paragraph, Heading)))


def text_of(doc: Document) -> str:
    """All the text a writer will set, for font coverage and subsetting."""
    parts = [doc.title, doc.page.header_left, doc.page.header_right, doc.blank_page_text]
    parts += list(doc.page.footer.values()) + [doc.page.footer_label]
    for block in walk(doc.blocks):
        if isinstance(block, (Paragraph, Heading)):
            parts.append(block.text)
        elif isinstance(block, Toc):
            parts.append(block.title)
    return "\n".join(parts)
