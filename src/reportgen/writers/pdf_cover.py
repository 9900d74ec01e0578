"""The cover always fits on one page.

The cover is everything before the document's first page break when it has cover lines
(``cover-*`` styles). :class:`FitPage` lays it out; if it is taller than the page, by
rule: first the spacers shrink (to a quarter of their height at most), then the whole
cover is set smaller, re-wrapped at the wider measure the scale gives, so a long title or
note reflows instead of spilling onto a page of its own.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from .. import model as m

MIN_SPACER = 0.25  # spacers shrink to a quarter at most before the text is scaled
MIN_SCALE = 0.5


def split_cover(blocks: list[m.Block]) -> tuple[list[m.Block], list[m.Block]]:
    """(cover blocks, the rest): the cover ends at the first page break."""
    for i, block in enumerate(blocks):
        if isinstance(block, m.PageBreak):
            cover = blocks[:i]
            is_cover = any(
                isinstance(b, m.Paragraph) and b.style.startswith("cover") for b in cover
            )
            return (cover, blocks[i:]) if is_cover else ([], blocks)
    return [], blocks


class FitPage(Flowable):
    """Flowables set as one page: spacers shrunk, then everything scaled, to fit."""

    def __init__(self, flows: list[Flowable]) -> None:
        super().__init__()
        self.flows = flows
        self.spacers = [f.height for f in flows if isinstance(f, Spacer)]
        self.squeeze = 1.0  # spacer factor
        self.scale = 1.0

    def _natural(self, width: float, squeeze: float) -> float:
        total = 0.0
        for k, f in enumerate(self.flows):
            if isinstance(f, Spacer):
                total += f.height * squeeze
                continue
            total += f.wrap(width, 1e6)[1] + f.getSpaceAfter()
            total += f.getSpaceBefore() if k else 0.0
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.squeeze, self.scale = 1.0, 1.0
        height = self._natural(availWidth, 1.0)
        if height > availHeight and self.spacers:
            fixed = self._natural(availWidth, 0.0)
            room = sum(self.spacers)
            self.squeeze = max(MIN_SPACER, min(1.0, (availHeight - fixed) / room))
            height = self._natural(availWidth, self.squeeze)
        for _ in range(6):
            if height * self.scale <= availHeight or self.scale <= MIN_SCALE:
                break
            self.scale = max(MIN_SCALE, self.scale * availHeight / (height * self.scale) * 0.99)
            height = self._natural(availWidth / self.scale, self.squeeze)
        self.height = min(height * self.scale, availHeight)
        self._inner = (availWidth / self.scale, height)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        width, height = self._inner
        canv = self.canv
        canv.saveState()
        canv.translate(0, self.height)
        canv.scale(self.scale, self.scale)
        y = 0.0
        for k, f in enumerate(self.flows):
            if isinstance(f, Spacer):
                y -= f.height * self.squeeze
                continue
            if k:
                y -= f.getSpaceBefore()
            h = f.wrap(width, 1e6)[1]
            y -= h
            f.drawOn(canv, 0, y)
            y -= f.getSpaceAfter()
        canv.restoreState()
