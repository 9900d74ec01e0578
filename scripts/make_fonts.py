"""Make fonts/ from Debian's font packages: the CJK face converted to TrueType outlines.

reportlab's TTFont cannot embed CFF-outline OpenType ("postscript outlines are not
supported"), so the Traditional Chinese member of Noto Serif CJK is converted from cubic
(CFF) to quadratic (glyf) outlines with fontTools' cu2qu. Glyph set, metrics, names, cmap
and OpenType layout tables are kept. The Latin faces (Noto Serif) are TrueType already and
are copied unchanged.

    apt-get install fonts-noto-cjk fonts-noto-core
    .venv/bin/python scripts/make_fonts.py            # about a minute per weight

The output is deterministic: head.modified is set to the source's head.created instead of
the current time, so the same inputs and fontTools version give the same bytes.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

CJK_DIR = Path("/usr/share/fonts/opentype/noto")
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
FAMILY = "Noto Serif CJK TC"  # the collection member to extract (name ID 1)
MAX_ERR = 1.0  # font units of approximation error, on a 1000-unit em
LATIN_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
# Characters the reports need; the build fails if a converted font lacks one.
REQUIRED = "𨋢綫邨峯啓㗎行政長官「」『』《》、，。：；！？—…"
_MAXP_ZERO = (
    "maxTwilightPoints maxStorage maxFunctionDefs maxInstructionDefs maxStackElements "
    "maxSizeOfInstructions maxComponentElements maxPoints maxContours maxCompositePoints "
    "maxCompositeContours maxComponentDepth"
).split()


def member_index(ttc: Path, family: str) -> int:
    """Index of the collection member whose family name (name ID 1) is `family`."""
    collection = TTCollection(str(ttc), lazy=True)
    names = [font["name"].getDebugName(1) for font in collection.fonts]
    if family not in names:
        raise SystemExit(f"{ttc}: no member named {family!r} (have {names})")
    return names.index(family)


def to_truetype(src: Path, family: str, out: Path, max_err: float = MAX_ERR) -> None:
    """Write member `family` of the CFF collection `src` as a glyf-outline font."""
    font = TTFont(str(src), fontNumber=member_index(src, family), recalcTimestamp=False)
    if "CFF " not in font:
        raise SystemExit(f"{src}: {family} has no CFF table")
    glyphs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]  # CFF-only table; vertical origins come from vmtx and glyf
    font["maxp"] = _maxp(len(order))  # version 1.0; the max* fields are recalculated on save
    font["head"].glyphDataFormat = 0
    font["head"].modified = font["head"].created  # fixed, so rebuilds are byte-identical
    font["post"].formatType = 3.0  # no glyph names (the CFF's are only cidNNNNN)
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    missing = [f"U+{ord(ch):04X}" for ch in REQUIRED if ord(ch) not in font.getBestCmap()]
    if missing:
        raise SystemExit(f"{src}: {family} lacks {' '.join(missing)}")
    font.save(str(out))


def _maxp(num_glyphs: int) -> object:
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = num_glyphs
    maxp.maxZones = 1
    for key in _MAXP_ZERO:
        setattr(maxp, key, 0)
    return maxp


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--cjk-regular", type=Path, default=CJK_DIR / "NotoSerifCJK-Regular.ttc", metavar="TTC"
    )
    parser.add_argument(
        "--cjk-bold", type=Path, default=CJK_DIR / "NotoSerifCJK-Bold.ttc", metavar="TTC"
    )
    parser.add_argument("--family", default=FAMILY, help="collection member (name ID 1)")
    parser.add_argument("--latin-dir", type=Path, default=LATIN_DIR, metavar="DIR")
    parser.add_argument("--max-err", type=float, default=MAX_ERR, help="cu2qu error, units")
    parser.add_argument("--out", type=Path, default=root / "fonts", metavar="DIR")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for weight, src in (("Regular", args.cjk_regular), ("Bold", args.cjk_bold)):
        target = args.out / f"NotoSerifCJKtc-{weight}.ttf"
        to_truetype(src, args.family, target, args.max_err)
        print(f"wrote {target}")
    for style in LATIN_STYLES:
        src = args.latin_dir / f"NotoSerif-{style}.ttf"
        if "glyf" not in TTFont(str(src), lazy=True):
            raise SystemExit(f"{src}: not TrueType (glyf) outlines")
        shutil.copyfile(src, args.out / src.name)
        print(f"copied {src}")


if __name__ == "__main__":
    main()
