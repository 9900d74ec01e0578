"""Make fonts/ from Debian's font packages: the CJK face converted to TrueType outlines.

reportlab's TTFont cannot embed CFF-outline OpenType ("postscript outlines are not
supported"), so the Traditional Chinese member of Noto Serif CJK is converted from cubic
(CFF) to quadratic (glyf) outlines with fontTools' cu2qu. Glyph set, metrics, cmap and
OpenType layout tables are kept. The Latin faces (Noto Serif) are TrueType already.

    apt-get install fonts-noto-cjk fonts-noto-core
    .venv/bin/python scripts/make_fonts.py            # about a minute per weight

"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

CJK_DIR = Path("/usr/share/fonts/opentype/noto")
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
TC_INDEX = 3  # JP, KR, SC, TC in NotoSerifCJK-*.ttc
MAX_ERR = 1.0  # font units of approximation error, on a 1000-unit em
_MAXP_ZERO = (
    "maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs maxStackElements "
    "maxSizeOfInstructions maxComponentElements maxPoints maxContours maxCompositePoints "
    "maxCompositeContours maxComponentDepth"
).split()


def to_truetype(src: Path, index: int, out: Path) -> None:
    font = TTFont(str(src), fontNumber=index)
    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]  # CFF-only table
    font["maxp"] = _maxp(len(order))
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(out))


def _maxp(num_glyphs: int):  # type: ignore[no-untyped-def]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = num_glyphs
    maxp.maxZones = 1
    for key in _MAXP_ZERO:
        setattr(maxp, key, 0)
    return maxp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "fonts")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)
    for weight in ("Regular", "Bold"):
        target = args.out / f"NotoSerifCJKtc-{weight}.ttf"
        to_truetype(CJK_DIR / f"NotoSerifCJK-{weight}.ttc", TC_INDEX, target)
        print(f"wrote {target}")
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy2(LATIN_DIR / f"NotoSerif-{style}.ttf", args.out)


if __name__ == "__main__":
    main()
