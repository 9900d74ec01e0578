"""Line breaking and justification for Chinese, English and mixed text.

Pure layout: no reportlab here. The PDF writer gives styled fragments (text in one
font at one size) and a ``measure`` function; it gets back lines of placed text.
(First version: greedy breaking at spaces and between CJK characters, with basic
line-start/line-end prohibitions.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import script

Measure = Callable[[str, str, float], float]  # (text, font key, size) -> width in points

NO_START = frozenset("、，。．：；！？）」』》〉】〕〗〙〛｝］’”…‥—–-%,.:;!?)]}")
NO_END = frozenset("（「『《〈【〔〖〘〚｛［‘“([{")


@dataclass(frozen=True)
class Fragment:
    text: str
    font: str
    size: float


@dataclass
class Placed:
    text: str
    font: str
    size: float
    x: float
    char_space: float = 0.0


@dataclass
class Line:
    items: list[Placed] = field(default_factory=list)
    width: float = 0.0
    last: bool = False


def _units(frags: Sequence[Fragment]) -> list[tuple[str, Fragment]]:
    """Unbreakable units: a CJK character, or a Latin word with its trailing space."""
    units: list[tuple[str, Fragment]] = []
    for frag in frags:
        buf = ""
        for ch in frag.text:
            if ch == "\n":
                if buf:
                    units.append((buf, frag))
                units.append(("\n", frag))
                buf = ""
            elif script.is_cjk(ch):
                if buf:
                    units.append((buf, frag))
                units.append((ch, frag))
                buf = ""
            else:
                buf += ch
                if ch == " ":
                    units.append((buf, frag))
                    buf = ""
        if buf:
            units.append((buf, frag))
    return units


def break_paragraph(
    frags: Sequence[Fragment],
    width: float,
    measure: Measure,
    *,
    lang: str = "en",
    align: str = "left",
) -> list[Line]:
    units = _units(frags)
    lines: list[list[tuple[str, Fragment, float]]] = [[]]
    used = 0.0
    for i, (text, frag) in enumerate(units):
        if text == "\n":
            lines.append([])
            used = 0.0
            continue
        w = measure(text, frag.font, frag.size)
        fits = used + w - _trailing(text, frag, measure) <= width + 0.01
        if not fits and lines[-1] and not _glued(lines[-1], text):
            lines.append([])
            used = 0.0
        lines[-1].append((text, frag, w))
        used += w
    return [_place(line, width, align, n == len(lines) - 1) for n, line in enumerate(lines)]


def _trailing(text: str, frag: Fragment, measure: Measure) -> float:
    return measure(" ", frag.font, frag.size) if text.endswith(" ") else 0.0


def _glued(line: list[tuple[str, Fragment, float]], text: str) -> bool:
    return text[0] in NO_START or line[-1][0][-1] in NO_END


def _place(units: list[tuple[str, Fragment, float]], width: float, align: str, last: bool) -> Line:
    line = Line(last=last)
    x = 0.0
    for text, frag, w in units:
        if line.items and line.items[-1].font == frag.font and line.items[-1].size == frag.size:
            line.items[-1].text += text
        else:
            line.items.append(Placed(text, frag.font, frag.size, x))
        x += w
    if line.items:
        line.items[-1].text = line.items[-1].text.rstrip(" ")
    line.width = x
    shift = {"centre": (width - x) / 2, "right": width - x}.get(align, 0.0)
    for item in line.items:
        item.x += shift
    return line
