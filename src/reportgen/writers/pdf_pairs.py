"""The bilingual edition's aligned pairs in the PDF: one flowable per pair.

A :class:`PairFlowable` sets the English half in the left column and the Chinese half in
the right one, both starting at the same height with their first baselines level (the
half whose first line sits higher is moved down). The pair is as tall as its longer half;
the next pair starts below it. At a page foot a pair either moves whole (when short, or
when one half could not start here) or splits on both sides at once, each half continuing
at the top of the next page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

MOVE_WHOLE = 48.0  # points: a pair this short is never split (about three lines)
_BIG = 1e6


def first_baseline(f: Flowable) -> float:
    """Distance from the top of ``f`` to its first baseline (0 when unknown)."""
    own = getattr(f, "first_baseline", None)
    if callable(own):
        return float(own())
    if isinstance(f, Table) and f._cellvalues and f._cellvalues[0]:
        cell = f._cellvalues[0][0]
        inner = cell[0] if isinstance(cell, (list, tuple)) and cell else cell
        if isinstance(inner, Flowable):
            return first_baseline(inner)
    return 0.0


def _measure(flows: list[Flowable], width: float) -> list[float]:
    return [f.wrap(width, _BIG)[1] for f in flows]


def _height(flows: list[Flowable], heights: list[float]) -> float:
    total = 0.0
    for k, (f, h) in enumerate(zip(flows, heights, strict=True)):
        total += h + (f.getSpaceBefore() if k else 0.0)
        if k < len(flows) - 1:
            total += f.getSpaceAfter()
    return total


def split_column(
    flows: list[Flowable], width: float, avail: float
) -> tuple[list[Flowable], list[Flowable]]:
    """What of a column fits in ``avail`` points, and the rest (a flowable split if it
    can be)."""
    y = 0.0
    head: list[Flowable] = []
    for k, f in enumerate(flows):
        before = f.getSpaceBefore() if head else 0.0
        room = avail - y - before
        h = f.wrap(width, max(room, 0.0))[1]
        if h <= room + 1e-6:
            head.append(f)
            y += before + h + f.getSpaceAfter()
            continue
        parts = f.split(width, room) if room > 0 else []
        if len(parts) >= 2:
            return head + [parts[0]], list(parts[1:]) + flows[k + 1 :]
        return head, flows[k:]
    return head, []


class PairFlowable(Flowable):
    """An aligned pair (English left, Chinese right), drawn as one flowable."""

    def __init__(
        self,
        left: list[Flowable],
        right: list[Flowable],
        half: float,
        gutter: float,
        key: str = "",
        *,
        heading: bool = False,
        continued: bool = False,
        frame_height: float = float("inf"),
    ) -> None:
        super().__init__()
        self.frame_height = frame_height  # a whole page: a half that cannot start may wait
        self.columns = (left, right)
        self.half, self.gutter, self.key = half, gutter, key
        self.heading_row = heading  # kept with what follows (see keep_headings_with_text)
        self.continued = continued  # the rest of a pair split at a page foot
        firsts = [c[0] for c in self.columns if c]
        lasts = [c[-1] for c in self.columns if c]
        before = max((f.getSpaceBefore() for f in firsts), default=0.0)
        self.spaceBefore = 0.0 if continued else before
        self.spaceAfter = max((f.getSpaceAfter() for f in lasts), default=0.0)
        self._shifts = (0.0, 0.0)
        self._heights: tuple[list[float], list[float]] = ([], [])

    def _layout(self) -> float:
        heights = tuple(_measure(c, self.half) for c in self.columns)
        self._heights = heights  # type: ignore[assignment]
        base = [first_baseline(c[0]) if c else 0.0 for c in self.columns]
        top = max(base)
        self._shifts = tuple(top - b if c else 0.0 for b, c in zip(base, self.columns, strict=True))  # type: ignore[assignment]
        return max(
            _height(c, h) + s for c, h, s in zip(self.columns, heights, self._shifts, strict=True)
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._layout()
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        height = self._layout()
        if height <= availHeight or height <= MOVE_WHOLE:
            return []
        heads, tails = [], []
        for column, shift in zip(self.columns, self._shifts, strict=True):
            head, tail = split_column(column, self.half, availHeight - shift)
            if column and not head and availHeight < self.frame_height - 1:
                return []  # one half cannot start here: the pair moves whole
            heads.append(head)
            tails.append(tail)
        if not any(tails):
            return []
        if not any(heads):
            return []
        size = {"frame_height": self.frame_height}
        first = PairFlowable(heads[0], heads[1], self.half, self.gutter, self.key, **size)
        first.spaceBefore, first.spaceAfter = self.spaceBefore, 0.0
        rest = PairFlowable(
            tails[0], tails[1], self.half, self.gutter, self.key, continued=True, **size
        )
        return [first, rest]

    def draw(self) -> None:
        x = 0.0
        for column, heights, shift in zip(self.columns, self._heights, self._shifts, strict=True):
            y = self.height - shift
            for k, (f, h) in enumerate(zip(column, heights, strict=True)):
                if k:
                    y -= f.getSpaceBefore()
                f.wrap(self.half, _BIG)
                y -= h
                f.drawOn(self.canv, x, y)
                y -= f.getSpaceAfter()
            x += self.half + self.gutter
