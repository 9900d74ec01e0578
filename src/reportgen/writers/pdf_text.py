"""Text in the PDF: font registration, measuring, and the paragraph flowable.

Every piece of text (paragraphs, headings, cells, headers) is set by
:class:`TextFlowable`: per-character font selection from the registry, line
breaking from :mod:`reportgen.linebreak`, drawn with canvas text objects. No
reportlab Paragraph markup is ever parsed, so content is always literal text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..fonts import FontRegistry
from ..linebreak import Fragment, Line, break_paragraph
from ..model import Run

_REGISTERED: set[str] = set()


def register_fonts(registry: FontRegistry) -> None:
    """Register every face with reportlab once per process (fonts are parsed once)."""
    try:
        from . import rl_patches

        rl_patches.apply()
    except ImportError:  # pragma: no cover - patches are optional
        pass
    for face in registry.all_faces():
        if face.key not in _REGISTERED:
            pdfmetrics.registerFont(TTFont(face.key, str(face.path)))
            _REGISTERED.add(face.key)


@lru_cache(maxsize=200_000)
def measure(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.5
    leading: float = 16.0
    bold: bool = False
    italic: bool = False
    align: str = "left"
    space_before: float = 0.0
    space_after: float = 6.0
    left_indent: float = 0.0
    colour: tuple[float, float, float] = (0, 0, 0)
    keep_with_next: bool = False

    def scaled_for(self, lang: str) -> TextStyle:
        """Chinese reads better with more leading."""
        if lang.startswith("zh"):
            return replace(self, leading=max(self.leading, round(self.size * 1.7, 1)))
        return self


def fragments(runs: list[Run], style: TextStyle, registry: FontRegistry) -> list[Fragment]:
    out: list[Fragment] = []
    for run in runs:
        bold, italic = style.bold or run.bold, style.italic or run.italic
        for text, face in registry.split(run.text, bold, italic):
            out.append(Fragment(text, face.key, style.size))
    return out


class TextFlowable(Flowable):
    """A paragraph of literal text, laid out by the project's line breaker."""

    def __init__(
        self,
        runs: list[Run],
        style: TextStyle,
        registry: FontRegistry,
        lang: str,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.registry = registry
        self.lang = lang
        self._lines = lines
        self._width = -1.0
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.keepWithNext = style.keep_with_next

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or width != self._width:
            frags = fragments(self.runs, self.style, self.registry)
            inner = width - self.style.left_indent
            self._lines = break_paragraph(
                frags, inner, measure, lang=self.lang, align=self.style.align
            )
            self._width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines(availWidth)
        fit = int((availHeight + 0.001) // self.style.leading)
        if len(lines) < 4 or fit < 2:
            return []
        fit = min(fit, len(lines) - 2)  # no widow: keep two lines for the next page
        head, tail = lines[:fit], lines[fit:]
        first = TextFlowable(
            self.runs, replace(self.style, space_after=0), self.registry, self.lang, head
        )
        rest = TextFlowable(
            self.runs, replace(self.style, space_before=0), self.registry, self.lang, tail
        )
        first._width = rest._width = availWidth
        return [first, rest]

    def draw(self) -> None:
        draw_lines(self.canv, self.lines(self.width), self.style, self.height)


def draw_lines(
    canv: Canvas, lines: list[Line], style: TextStyle, height: float, x0: float = 0
) -> None:
    """All lines in one text object: relative moves (Td); font and character spacing are set
    only when they change (Tc persists across BT/ET, so it is always set once)."""
    canv.setFillColorRGB(*style.colour)
    size, leading = style.size, style.leading
    text = canv.beginText(0, 0)
    code = text._code
    font: tuple[str, float] | None = None
    space: float | None = None
    px = py = 0.0
    left = x0 + style.left_indent
    for i, line in enumerate(lines):
        y = height - i * leading - 0.5 * (leading - size) - 0.86 * size
        for item in line.items:
            dx, dy = fp_str(left + item.x - px), fp_str(y - py)
            code.append(f"{dx} {dy} Td")
            px, py = px + float(dx), py + float(dy)  # exactly where the reader will be
            if (item.font, item.size) != font:
                text.setFont(item.font, item.size)
                font = (item.font, item.size)
            if item.char_space != space:
                text.setCharSpace(item.char_space)
                space = item.char_space
            text.textOut(item.text)
    canv.drawText(text)


def draw_string(
    canv: Canvas, registry: FontRegistry, text: str, x: float, y: float, style: TextStyle, lang: str
) -> float:
    """Draw one line of mixed text with its baseline at ``y``; align by style; return width."""
    frags = fragments([Run(text)], style, registry)
    lines = break_paragraph(frags, 10_000, measure, lang=lang, align="left")
    width = lines[0].width if lines else 0.0
    shift = {"centre": -width / 2, "right": -width}.get(style.align, 0.0)
    canv.setFillColorRGB(*style.colour)
    for line in lines[:1]:
        for item in line.items:
            t = canv.beginText(x + shift + item.x, y)
            t.setFont(item.font, item.size)
            t.setCharSpace(item.char_space)
            t.textOut(item.text)
            canv.drawText(t)
    return width
