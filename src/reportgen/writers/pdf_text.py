"""Text in the PDF: font registration, measuring, and the paragraph flowable.

Every piece of text (paragraphs, headings, cells, headers) is set by
:class:`TextFlowable`: per-character font selection from the registry, line
breaking from :mod:`reportgen.linebreak`, drawn with canvas text objects. No
reportlab Paragraph markup is ever parsed, so content is always literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from .. import layout_memo
from ..fonts import FontFace, FontRegistry
from ..linebreak import Fragment, Line, Placed, break_paragraph
from ..model import Run
from ..script import LATIN, is_cjk
from .pdf_tags import StructNode, actual_text, artifact, glue, glued, marked, tagger_of, with_spaces

_REGISTERED: set[str] = set()


def register_fonts(registry: FontRegistry) -> None:
    """Configure reportlab and register the default (Latin regular) face.

    The other faces are registered by :func:`font_key` the first time text is set in
    them: reportlab parses a whole font when it is registered (~0.1 s and ~50 MiB for a
    30 MB CJK face), and a document seldom uses every configured style.
    """
    try:
        from . import rl_patches

        rl_patches.apply()
    except ImportError:  # pragma: no cover - patches are optional
        pass
    font_key(registry.face(LATIN))


def font_key(face: FontFace) -> str:
    """The reportlab font name of ``face``, registered (parsed) once per process, or again
    after :func:`release_fonts`."""
    if face.key not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(face.key, str(face.path)))
        _REGISTERED.add(face.key)
    return face.key


def kept_lines(source: str, make: Callable[[], list[Line]], registry: FontRegistry) -> list[Line]:
    """The lines of ``source`` from the layout memo (:mod:`reportgen.layout_memo`), their
    faces registered with reportlab as :func:`font_key` does when it makes fragments (a
    kept paragraph makes none); lines naming a face the registry lacks are made again."""
    lines = layout_memo.lines(source, make)
    faces = registry.by_key
    for key in {item.font for line in lines for item in line.items}.difference(_REGISTERED):
        if key not in faces:
            return make()
        font_key(faces[key])
    return lines


def release_fonts() -> None:
    """Forget the faces :func:`font_key` registered: their parsed tables (~10 MiB for a
    CJK face: character to glyph and width maps) freed for what follows the layout (the
    finishing step's structure tree in qpdf). A face set again is registered again (from
    the font cache: a few milliseconds)."""
    released = [pdfmetrics._fonts.pop(key, None) for key in _REGISTERED]
    faces = pdfmetrics._dynFaceNames  # face name -> font: a face registered again reuses it
    for name in [name for name, font in faces.items() if font in released]:
        del faces[name]
    _REGISTERED.clear()


@lru_cache(maxsize=200_000)
def measure(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph's text is set: size, leading, weight, alignment, spacing."""

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
            out.append(Fragment(text, font_key(face), style.size))
    return out


class TextFlowable(Flowable):
    """A paragraph of literal text, laid out by the project's line breaker.

    Laid out once per width (platypus wraps a table cell many times while it measures and
    splits tables). A piece of a split paragraph keeps its own lines, and is set again
    from the text of those lines only (never from the whole paragraph's runs).
    """

    def __init__(
        self,
        runs: list[Run],
        style: TextStyle,
        registry: FontRegistry,
        lang: str,
        lines: list[Line] | None = None,
        width: float = -1.0,
    ) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.registry = registry
        self.lang = lang
        self._lines = lines
        self._width = width
        self._piece = lines is not None
        self.tag: StructNode | None = None  # its element in the structure tree (tagged PDF)
        self.furniture = False  # drawn as an artifact (a list's bullet)
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self.keepWithNext = style.keep_with_next

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or width != self._width:
            self._lines = self._layout(width)
            self._width = width
        return self._lines

    def _layout(self, width: float) -> list[Line]:
        inner, lang, align = width - self.style.left_indent, self.lang, self.style.align
        if self._piece and self._lines is not None:
            frags = line_fragments(self._lines)
            source = repr([(f.text, f.font, f.size) for f in frags])
        else:  # the fragments are made only if the lines are not kept
            frags = []
            st = self.style
            runs = [(r.text, r.bold, r.italic) for r in self.runs]
            source = repr((runs, st.bold, st.italic, st.size, self.registry.identity))

        def make() -> list[Line]:
            made = frags or fragments(self.runs, self.style, self.registry)
            return break_paragraph(made, inner, measure, lang=lang, align=align)

        return kept_lines(repr((source, inner, lang, align)), make, self.registry)

    def first_baseline(self) -> float:
        """Distance from the top to the first baseline (see :func:`draw_lines`)."""
        return 0.5 * (self.style.leading - self.style.size) + 0.86 * self.style.size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # Split the lines of the last wrap: platypus wraps a table cell at the column width
        # less its padding but splits it at the full column width (Table._splitCell).
        width = self._width if self._lines is not None else availWidth
        lines = self.lines(width)
        fit = int((availHeight + 0.001) // self.style.leading)
        if len(lines) < 4 or fit < 2:
            return []
        fit = min(fit, len(lines) - 2)  # no widow: keep two lines for the next page
        return [
            self._part(lines[:fit], width, space_after=0),
            self._part(lines[fit:], width, space_before=0),
        ]

    def _part(self, lines: list[Line], width: float, **spacing: float) -> TextFlowable:
        style = replace(self.style, **spacing)
        part = TextFlowable(self.runs, style, self.registry, self.lang, lines, width)
        part.tag = self.tag
        return part

    def draw(self) -> None:
        canv, lines = self.canv, self.lines(self.width)
        if self.furniture or getattr(self, "_drawn", False):  # or drawn again (a header
            with artifact(canv):  # row overleaf)
                draw_lines(canv, lines, self.style, self.height)
        else:
            self._drawn = True
            if self.tag is not None and tagger_of(canv) is not None:
                lines = with_spaces(lines, self.tag)
            with marked(canv, self.tag, drawn_text(lines)):
                draw_lines(canv, lines, self.style, self.height)
        if not self._piece:  # laid out again from its runs if drawn again (a repeated
            self._lines = None  # header row): a long document keeps no drawn lines


def drawn_text(lines: list[Line]) -> str:
    """The text of the glyphs as drawn (what an extractor without layout heuristics reads)."""
    return "".join(item.text for line in lines for item in line.items)


def line_fragments(lines: list[Line]) -> list[Fragment]:
    """The text of laid-out lines as fragments again (a space where a line ended between
    two Latin characters, as the line breaker drops it there)."""
    out: list[Fragment] = []
    for line in lines:
        for n, item in enumerate(line.items):
            if n == 0 and out and not (is_cjk(out[-1].text[-1]) or is_cjk(item.text[0])):
                out.append(Fragment(" ", out[-1].font, out[-1].size))
            out.append(Fragment(item.text, item.font, item.size))
    return out


def draw_lines(
    canv: Canvas, lines: list[Line], style: TextStyle, height: float, x0: float = 0
) -> None:
    """All lines in one text object (see :func:`set_text`)."""
    size, leading = style.size, style.leading
    left = x0 + style.left_indent
    top = height - 0.5 * (leading - size) - 0.86 * size
    placed = [(left + it.x, top - i * leading, it) for i, ln in enumerate(lines) for it in ln.items]
    canv.setFillColorRGB(*style.colour)
    set_text(canv, placed)


def set_text(canv: Canvas, placed: list[tuple[float, float, Placed]]) -> None:
    """Draw placed items ((x, baseline y, item)) in one text object: relative moves (Td);
    font and character spacing set only when they change; no text matrix (BT starts at
    the identity) and no leading (never used: every line is placed by Td)."""
    text = canv.beginText(0, 0)
    code = text._code
    del code[1:]  # reportlab's identity Tm
    font: tuple[str, float] | None = None
    space: float | None = None
    px = py = 0.0
    cuts: dict[int, list[tuple[str, int]]] = {}
    if glued(canv):
        cuts, spans = glue([p[2].text for p in placed], [p[1] for p in placed])
        opening = [actual_text(s) for s in spans]
    opened = -1  # the span open, if any
    show = _Shower(text)
    for n, (x, y, item) in enumerate(placed):
        cut = cuts.get(n)
        if opened >= 0 and (cut is None or cut[0][1] != opened):  # the span's line ended
            if opening[opened]:
                code.append("EMC")
            opened = -1
        dx, dy = fp_str(x - px), fp_str(y - py)
        code.append(f"{dx} {dy} Td")
        px, py = px + float(dx), py + float(dy)  # exactly where the reader will be
        if (item.font, item.size) != font:
            show.set_font(item.font, item.size)
            font = (item.font, item.size)
        if item.char_space != space:
            text.setCharSpace(item.char_space)
            space = item.char_space
        if cut is None:
            code.append(show(item.text))
            continue
        for part, span in cut:
            if span != opened:
                if opened >= 0 and opening[opened]:
                    code.append("EMC")
                if span >= 0 and opening[span]:
                    code.append(opening[span])
                opened = span
            code.append(show(part))
    if opened >= 0 and opening[opened]:
        code.append("EMC")
    canv.drawText(text)


def literal(codes: bytes) -> str:
    """A subset's character codes as the body of a PDF literal string, each byte as one
    character of the (latin-1) content stream: only ``\\``, ``(``, ``)`` and the two line
    ends escaped (a raw CR or LF in a string would be read as LF). reportlab escapes
    every byte above 126 as ``\\ooo``: four bytes for each CJK glyph, 4.6 % more page
    content after compression. The content stream is encoded as latin-1 (rl_patches)."""
    if b"\\" in codes:
        codes = codes.replace(b"\\", b"\\\\")
    if b"(" in codes or b")" in codes:
        codes = codes.replace(b"(", b"\\(").replace(b")", b"\\)")
    if b"\r" in codes or b"\n" in codes:
        codes = codes.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return codes.decode("latin-1")


class _Shower:
    """Text showing operators for a text object: reportlab's, less the ``TL`` it writes
    with every font switch (set_text moves by Td only), and strings written as
    :func:`literal`."""

    def __init__(self, text: PDFTextObject) -> None:
        self.text, self.canv = text, text._canvas
        self.font: TTFont | None = None
        self.tf = ""
        self.subset = -1

    def set_font(self, name: str, size: float) -> None:
        self.text.setFont(name, size)
        font = pdfmetrics.getFont(name)
        self.font = font if getattr(font, "_dynamicFont", False) else None
        self.tf, self.subset = f"{fp_str(size)} Tf", -1

    def __call__(self, part: str) -> str:
        font = self.font
        if font is None:  # (a standard font: reportlab's operators)
            return self.text._formatText(part)
        out = []
        doc = self.canv._doc
        for subset, chunk in _split(font, part, doc):
            if subset != self.subset:
                out.append(f"{font.getSubsetInternalName(subset, doc)} {self.tf}")
                self.subset = subset
            out.append(f"({literal(chunk)}) Tj")
        return " ".join(out)


def _split(font: TTFont, part: str, doc: object) -> list[tuple[int, bytes]]:
    """``font.splitString(part, doc)`` (the text as (subset, codes) runs), at C speed when
    every character already has its code and all are in one subset (most runs: a
    subset holds 256 characters)."""
    state = font.state.get(doc)
    if state is None or not part or "\xa0" in part:  # (reportlab draws a no-break space as a space)
        return font.splitString(part, doc)
    codes = list(map(state.assignments.get, map(ord, part)))
    if None in codes:  # a character seen for the first time: reportlab assigns its code
        return font.splitString(part, doc)
    subset = min(codes) >> 8
    if max(codes) >> 8 != subset:
        return font.splitString(part, doc)
    return [(subset, bytes(codes) if not subset else bytes(map((255).__and__, codes)))]


def draw_string(
    canv: Canvas, registry: FontRegistry, text: str, x: float, y: float, style: TextStyle, lang: str
) -> float:
    """Draw one line of mixed text with its baseline at ``y``; align by style; return width."""
    line = _one_line(canv, registry, text, style, lang)
    if line is None:
        return 0.0
    shift = {"centre": -line.width / 2, "right": -line.width}.get(style.align, 0.0)
    canv.setFillColorRGB(*style.colour)
    set_text(canv, [(x + shift + item.x, y, item) for item in line.items])
    return line.width


def _one_line(
    canv: Canvas, registry: FontRegistry, text: str, style: TextStyle, lang: str
) -> Line | None:
    """``text`` laid out as one line, once per canvas (headers repeat on every page)."""
    cache: dict[tuple[object, ...], Line | None] = canv.__dict__.setdefault("_rg_lines", {})
    key = (text, style.size, style.bold, style.italic, lang)
    if key not in cache:
        frags = fragments([Run(text)], style, registry)
        source = repr(([(f.text, f.font, f.size) for f in frags], 10_000, lang, "left"))
        make = lambda: break_paragraph(frags, 10_000, measure, lang=lang, align="left")  # noqa: E731
        lines = kept_lines(source, make, registry)
        cache[key] = lines[0] if lines else None
    return cache[key]
