"""The direct TrueType subsetter (DOCX embedding of large faces): same glyphs as the font."""

from __future__ import annotations

import io

import pytest
from conftest import FONTS
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from reportgen.writers import ttf_subset

TEXT = "香港特別行政區政府「走出去」，二〇二一年 𨋢 Hong Kong Co-operation café naïve Ĳ ﬁ 123"


@pytest.mark.parametrize(
    "name", ["NotoSerifCJKtc-Regular.ttf", "NotoSerif-Regular.ttf", "NotoSerif-BoldItalic.ttf"]
)
def test_subset_keeps_outlines_widths_and_mappings(name: str) -> None:
    path = FONTS / name
    data = ttf_subset.subset(path, map(ord, TEXT))
    sub, orig = TTFont(io.BytesIO(data)), TTFont(str(path), lazy=True)
    want = {c: g for c, g in orig.getBestCmap().items() if chr(c) in TEXT}
    got = sub.getBestCmap()
    assert set(got) == set(want)
    assert sub["maxp"].numGlyphs < 200
    assert not {"fpgm", "prep", "cvt ", "GSUB", "GPOS"} & set(sub.keys())
    assert sub["name"].getDebugName(1) == orig["name"].getDebugName(1)
    old, new = orig.getGlyphSet(), sub.getGlyphSet()
    for code, glyph in want.items():
        a, b = DecomposingRecordingPen(old), DecomposingRecordingPen(new)
        old[glyph].draw(a)
        new[got[code]].draw(b)
        assert a.value == b.value, chr(code)
        assert old[glyph].width == new[got[code]].width, chr(code)
    for glyph in sub.getGlyphOrder():
        assert not getattr(sub["glyf"][glyph], "program", None) or not sub["glyf"][glyph].program
    assert ttf_subset.glyph_count(path) == orig["maxp"].numGlyphs


def test_subset_is_deterministic() -> None:
    path = FONTS / "NotoSerifCJKtc-Regular.ttf"
    assert ttf_subset.subset(path, map(ord, TEXT)) == ttf_subset.subset(path, map(ord, TEXT))
