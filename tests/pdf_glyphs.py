"""Where every glyph of a laid-out PDF is: read from the PDF's own text (pdfium), not from
the layout code, for the bilingual edition's alignment and typesetting tests."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Glyph:
    char: str
    page: int  # 1-based
    x: float  # origin (points from the left)
    baseline: float  # origin y (points from the bottom)
    box: tuple[float, float, float, float]  # left, bottom, right, top
    index: int = 0  # position in the page's content stream


@dataclass(frozen=True)
class PageGlyphs:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]


def pdf_glyphs(path: Path) -> list[PageGlyphs]:
    """Every drawn (non-space) character of every page, in content-stream order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    pages: list[PageGlyphs] = []
    try:
        for number, page in enumerate(pdf, start=1):
            textpage = page.get_textpage()
            glyphs: list[Glyph] = []
            x, y = ctypes.c_double(), ctypes.c_double()
            for i in range(textpage.count_chars()):
                char = textpage.get_text_range(i, 1)
                if not char.strip():
                    continue
                raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
                box = textpage.get_charbox(i)
                glyphs.append(Glyph(char, number, x.value, y.value, box, len(glyphs)))
            width, height = page.get_size()
            pages.append(PageGlyphs(number, width, height, glyphs))
    finally:
        pdf.close()
    return pages


def find_in_order(
    pages: list[PageGlyphs], needles: list[tuple[str, Callable[[Glyph], bool]]]
) -> list[Glyph | None]:
    """The first glyph of each needle (spaces ignored) whose first glyph satisfies its
    test (a column, say), searched in reading order, each after the previous one found;
    None for a needle not found."""
    stream = [g for p in pages for g in p.glyphs]
    text = "".join(g.char for g in stream)
    out: list[Glyph | None] = []
    cursor = 0
    for needle, test in needles:
        wanted = "".join(needle.split())
        at = text.find(wanted, cursor) if wanted else -1
        while at >= 0 and not test(stream[at]):
            at = text.find(wanted, at + 1)
        if at < 0:
            out.append(None)
            continue
        out.append(stream[at])
        cursor = at + 1
    return out


def lines(page: PageGlyphs, tolerance: float = 1.0) -> list[list[Glyph]]:
    """The page's glyphs grouped into lines (same baseline), each sorted left to right."""
    rows: list[list[Glyph]] = []
    for g in sorted(page.glyphs, key=lambda g: (-g.baseline, g.x)):
        if rows and abs(rows[-1][0].baseline - g.baseline) <= tolerance:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [sorted(r, key=lambda g: g.x) for r in rows]


def overlaps(page: PageGlyphs, share: float = 0.3) -> list[tuple[Glyph, Glyph]]:
    """Pairs of glyphs whose boxes overlap by more than ``share`` of the smaller box, but
    for neighbours on a line (an italic y reaches under the l before it): text set over
    other text, lines run into each other."""
    cell = 24.0
    grid: dict[tuple[int, int], list[Glyph]] = {}
    found: list[tuple[Glyph, Glyph]] = []
    seen: set[tuple[int, int]] = set()
    for g in page.glyphs:
        left, bottom, right, top = g.box
        if right - left <= 0 or top - bottom <= 0:
            continue
        for cx in range(int(left // cell), int(right // cell) + 1):
            for cy in range(int(bottom // cell), int(top // cell) + 1):
                for other in grid.get((cx, cy), []):
                    ids = (id(other), id(g))
                    neighbours = abs(g.index - other.index) <= 2 and g.baseline == other.baseline
                    if ids in seen or neighbours:
                        continue
                    if _overlap(g.box, other.box) > share:
                        seen.add(ids)
                        found.append((other, g))
                grid.setdefault((cx, cy), []).append(g)
    return found


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller
