"""The contents page in the PDF: entries known from the model, page numbers deferred.

An entry wraps before the page-number column (a long bilingual entry takes two or three
lines, indented as the first); its last line carries the dot leader up to the number. No
entry crosses the number column or the margin. The numbers are form XObjects filled in
when the document is saved, once every heading's page is known (see ``pdf._FormCanvas``).
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .. import model as m
from ..fonts import FontRegistry
from ..linebreak import Line, break_paragraph
from ..script import LATIN
from .pdf_styles import style
from .pdf_tags import StructNode, artifact, marked, tagger_of, with_spaces
from .pdf_text import TextStyle, drawn_text, fragments, measure, set_text

Nodes = tuple[StructNode, StructNode] | None  # an entry's Link and page-number Span (tagged)

NUMBER_COLUMN = 34.0  # points kept free for the page number at the right
LEADER_GAP = 6.0  # between an entry's last word and its leader
INDENT = 14.0  # per heading level below the first


class TocFlowable(Flowable):
    """Contents entries; splits between entries (page numbers stay deferred)."""

    def __init__(
        self,
        toc: m.Toc,
        entries: list[m.Heading],
        registry: FontRegistry,
        links: list[Nodes] | None = None,
    ) -> None:
        super().__init__()
        self.toc, self.entries, self.registry = toc, entries, registry
        self.links: list[Nodes] = links or [None] * len(entries)
        self.row = style("toc").leading
        self._lines: dict[tuple[int, float], list[Line]] = {}

    @staticmethod
    def entry_style(h: m.Heading) -> TextStyle:
        return replace(style("toc"), bold=h.level == 1)

    def lines(self, i: int, width: float) -> list[Line]:
        key = (i, width)
        if key not in self._lines:
            h = self.entries[i]
            indent = (h.level - 1) * INDENT
            frags = fragments([m.Run(h.bookmark or h.text)], self.entry_style(h), self.registry)
            room = width - indent - NUMBER_COLUMN
            self._lines[key] = break_paragraph(frags, room, measure, lang=h.lang, align="left")
        return self._lines[key]

    def _heights(self, width: float) -> list[float]:
        return [max(1, len(self.lines(i, width))) * self.row for i in range(len(self.entries))]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = sum(self._heights(availWidth))
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The entries that fit here, and the rest for the next page."""
        total, fit = 0.0, 0
        for h in self._heights(availWidth):
            if total + h > availHeight + 0.001:
                break
            total += h
            fit += 1
        if fit < 1 or fit >= len(self.entries):
            return []
        return [
            TocFlowable(self.toc, self.entries[a:b], self.registry, self.links[a:b])
            for a, b in ((0, fit), (fit, len(self.entries)))
        ]

    def draw(self) -> None:
        canv = self.canv
        tagger = tagger_of(canv)
        top = self.height
        for i, h in enumerate(self.entries):
            link, number = self.links[i] or (None, None)
            indent = (h.level - 1) * INDENT
            lines = self.lines(i, self.width) or [Line()]
            if tagger is not None:
                lines = with_spaces(lines, link)  # the entry's text exactly, line ends too
            st = self.entry_style(h)
            canv.setFillColorRGB(*st.colour)
            with marked(canv, link, drawn_text(lines)):
                for n, line in enumerate(lines):
                    y = top - (n + 1) * self.row + 5
                    set_text(canv, [(indent + it.x, y, it) for it in line.items])
            last_y = top - len(lines) * self.row + 5
            with artifact(canv):
                self._leader(canv, indent + lines[-1].width + LEADER_GAP, last_y)
            with marked(canv, number):
                canv.saveState()
                canv.translate(self.width, last_y)
                canv.doForm(f"toc-{h.anchor}")
                canv.restoreState()
            first_y = top - self.row + 5
            rect = (0, last_y - 4, self.width, first_y + 11)
            canv.linkRect("", h.anchor, rect, relative=1, thickness=0)
            if tagger is not None and link is not None:
                tagger.link(canv, link)
            top -= len(lines) * self.row

    def _leader(self, canv: Canvas, x: float, y: float) -> None:
        font = self.registry.face(LATIN).key
        dot = measure(".", font, 9) * 2
        end = self.width - NUMBER_COLUMN + 6
        n = int((end - x) // dot)
        if n > 2:
            canv.setFont(font, 9)
            canv.setFillColorRGB(0.55, 0.55, 0.55)
            canv.drawRightString(end, y, " ." * n)
            canv.setFillColorRGB(0, 0, 0)
