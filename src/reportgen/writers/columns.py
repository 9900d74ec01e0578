"""Table column widths both writers share: the template's relative widths, widened where a
short label (a time, "Annex 1", 附件一) or a word would otherwise be broken."""

from __future__ import annotations

from collections.abc import Callable

from .. import model as m
from ..script import has_cjk, is_cjk

SHORT_LABEL = 12  # cell texts this short (times, "Annex 1", 附件一) never wrap

Measure = Callable[[str, bool], float]  # (text, bold) -> width, in the writer's unit


def is_label(text: str) -> bool:
    return len(text) <= SHORT_LABEL and sum(is_cjk(ch) for ch in text) <= SHORT_LABEL // 3


def words(text: str) -> list[str]:
    """Latin words; CJK may break between any two characters, so a pair is the unit."""
    out: list[str] = []
    for word in text.split():
        if has_cjk(word):
            out += [word[i : i + 2] for i in range(0, len(word), 2)]
        else:
            out.append(word)
    return out


def unbreakable(block: m.Block, bold: bool, measure: Measure) -> float:
    """Width of the widest piece of a cell paragraph that must stay on one line."""
    if not isinstance(block, m.Paragraph):
        return 0.0
    text = block.text.strip()
    pieces = {text} if is_label(text) else set(words(text))  # each distinct piece once
    bold = bold or block.style == "cell-head" or any(r.bold for r in block.runs)
    return max((measure(piece, bold) for piece in pieces), default=0.0)


def min_widths(t: m.Table, measure: Measure, padding: float) -> list[float]:
    """Per column, the width its cells need so that no short label or word is broken."""
    mins = [0.0] * len(t.widths)
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            if cell.colspan == 1 and c < len(mins):
                head = r < t.header_rows
                need = max((unbreakable(b, head, measure) for b in cell.blocks), default=0.0)
                mins[c] = max(mins[c], need + 2 * padding)
            c += cell.colspan
    return mins


def fit_columns(widths: list[float], mins: list[float]) -> list[float]:
    """Widen columns below their minimum, taking the space from columns with room to spare."""
    need = sum(max(0.0, lo - w) for w, lo in zip(widths, mins, strict=True))
    slack = [max(0.0, w - lo) for w, lo in zip(widths, mins, strict=True)]
    if need <= 0 or sum(slack) < need:
        return widths
    share = need / sum(slack)
    return [
        max(w, lo) if lo > w else w - s * share
        for w, lo, s in zip(widths, mins, slack, strict=True)
    ]


def column_widths(t: m.Table, width: float, measure: Measure, padding: float) -> list[float]:
    total = sum(t.widths)
    return fit_columns([width * w / total for w in t.widths], min_widths(t, measure, padding))
