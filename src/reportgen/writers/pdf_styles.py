"""Named text styles for the PDF writer (sizes in points)."""

from __future__ import annotations

from .pdf_text import TextStyle

RED = (0.6, 0.0, 0.0)
GREY = (0.35, 0.35, 0.35)

STYLES: dict[str, TextStyle] = {
    "body": TextStyle(size=10.5, leading=15.5, align="justify", space_after=7),
    "lead": TextStyle(size=11.5, leading=17, align="justify", space_after=9),
    "quote": TextStyle(
        size=10.5, leading=15.5, italic=True, align="justify", left_indent=18, space_after=7
    ),
    "attribution": TextStyle(size=10, leading=14, align="right", space_after=10),
    "note": TextStyle(size=9, leading=12.5, colour=GREY, space_after=6),
    "small": TextStyle(size=8.5, leading=11.5, space_after=4),
    "cell": TextStyle(size=9.5, leading=13.5, space_after=0),
    "cell-head": TextStyle(size=9.5, leading=13.5, bold=True, space_after=0),
    "list": TextStyle(size=10.5, leading=15.5, align="justify", space_after=4),
    "toc": TextStyle(size=10.5, leading=18, space_after=0),
    "cover-classification": TextStyle(
        size=13, leading=18, bold=True, align="centre", colour=RED, space_after=60
    ),
    "cover-title": TextStyle(size=28, leading=38, bold=True, align="centre", space_after=8),
    "cover-subtitle": TextStyle(size=17, leading=24, align="centre", space_after=30),
    "cover-event": TextStyle(size=13, leading=19, align="centre", space_after=8),
    "cover-meta": TextStyle(size=12, leading=18, align="centre", space_after=4),
    "cover-note": TextStyle(
        size=10, leading=14, italic=True, align="centre", colour=GREY, space_before=40
    ),
    "classification": TextStyle(
        size=11, leading=15, bold=True, align="centre", colour=RED, space_after=12
    ),
    "annex-label": TextStyle(size=12, leading=16, bold=True, align="right", space_after=14),
    "doc-title": TextStyle(size=16, leading=24, bold=True, align="centre", space_after=14),
    "notice": TextStyle(
        size=9, leading=13, italic=True, align="centre", colour=RED, space_after=12
    ),
    "signature": TextStyle(size=10.5, leading=17, space_after=0),
    "header": TextStyle(size=8, leading=10, colour=GREY),
    "header-strong": TextStyle(size=8, leading=10, bold=True, colour=RED),
    "footer": TextStyle(size=8.5, leading=10, align="centre", colour=GREY),
    "blank": TextStyle(size=10, leading=14, align="centre", italic=True, colour=GREY),
}

HEADINGS: dict[int, TextStyle] = {
    1: TextStyle(
        size=15, leading=21, bold=True, space_before=14, space_after=8, keep_with_next=True
    ),
    2: TextStyle(
        size=12.5, leading=18, bold=True, space_before=10, space_after=5, keep_with_next=True
    ),
    3: TextStyle(
        size=11, leading=16, bold=True, space_before=8, space_after=4, keep_with_next=True
    ),
}


def style(name: str, align: str = "") -> TextStyle:
    base = STYLES.get(name) or STYLES["body"]
    if align:
        from dataclasses import replace

        return replace(base, align=align)
    return base
