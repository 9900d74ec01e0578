"""Make fonts/ from Debian's font packages: the CJK faces converted to TrueType outlines.

reportlab's TTFont cannot embed CFF-outline OpenType ("postscript outlines are not
supported"), so the Traditional Chinese member of Noto Serif CJK is converted from cubic
(CFF) to quadratic (glyf) outlines with fontTools' cu2qu. Glyph set, metrics, names, cmap
and OpenType layout tables are kept. The Latin faces (Noto Serif) are TrueType already and
are copied unchanged.

The Simplified Chinese member (Noto Serif CJK SC, for the zh-Hans edition) is subset
*before* its outlines are converted, to the Simplified repertoire (GB 2312 and the 8,105
characters of the 2013 Table of General Standard Chinese Characters, read from Unicode's
Unihan kTGH field) plus CJK punctuation and full-width forms: about 5 MB a weight instead
of 31 MB, made in seconds. The repertoire is also written to
src/reportgen/data/simplified-repertoire.txt, which ``reportgen check`` reads.

    apt-get install fonts-noto-cjk fonts-noto-core unicode-data
    .venv/bin/python scripts/make_fonts.py            # about a minute per TC weight
    .venv/bin/python scripts/make_fonts.py --only sc  # the SC subset only: seconds

The output is deterministic: head.modified is set to the source's head.created instead of
the current time, so the same inputs and fontTools version give the same bytes.
"""

from __future__ import annotations

import argparse
import bz2
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

CJK_DIR = Path("/usr/share/fonts/opentype/noto")
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
FAMILY = "Noto Serif CJK TC"  # the collection member to extract (name ID 1)
SC_FAMILY = "Noto Serif CJK SC"  # the Simplified member, subset to SIMPLIFIED_REPERTOIRE
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")  # Debian unicode-data
# Besides the repertoire's characters, the SC subset keeps: ASCII, general punctuation
# (dashes, curly quotes, ellipsis, ‰ ※), CJK symbols and punctuation (U+3000-303F),
# vertical and compatibility forms, full-width and half-width forms, and the middle dots.
SC_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x203B),
    (0x3000, 0x303F),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE4F),
    (0xFF01, 0xFF65),
    (0xFFE0, 0xFFE6),
)
SC_EXTRA = "·・‧〇"
# OpenType features kept in the subset: positioning and vertical alternates only. Others
# ('locl' above all) would pull in the Japanese, Korean and Traditional glyphs again.
SC_FEATURES = ["kern", "palt", "halt", "vert", "vrt2", "vhal", "vpal", "vkrn"]
MAX_ERR = 1.0  # font units of approximation error, on a 1000-unit em
LATIN_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
# Characters the reports need; the build fails if a converted font lacks one.
REQUIRED = "𨋢綫邨峯啓㗎行政長官「」『』《》、，。：；！？—…"
SC_REQUIRED = "行政长官电梯线邨峰启“”‘’「」『』《》、，。：；！？—…〇"
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


def simplified_repertoire(unihan: Path = UNIHAN) -> list[int]:
    """GB 2312 (6,763 hanzi and 682 symbols, from Python's codec) and the 8,105 characters
    of the Table of General Standard Chinese Characters (2013; Unihan's kTGH field), sorted."""
    codes: set[int] = set()
    with bz2.open(unihan, "rt", encoding="utf-8") as fh:
        for line in fh:
            fields = line.split("\t")
            if len(fields) >= 3 and fields[1] == "kTGH":
                codes.add(int(fields[0][2:], 16))
    if len(codes) != 8105:
        raise SystemExit(f"{unihan}: {len(codes)} kTGH characters, expected 8105")
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return sorted(codes)


def opencc_outputs() -> set[int]:
    """Every character OpenCC's Traditional -> Simplified dictionaries can write (the
    values of TSCharacters and TSPhrases; opencc-python-reimplemented's copy): ~1,150 of
    them are outside the repertoire (rare analogical simplifications, Extension B)."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    codes: set[int] = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            codes.update(ord(ch) for ch in "".join(line.split("\t")[1:]) if not ch.isspace())
    return codes


def sc_unicodes(repertoire: list[int]) -> set[int]:
    """The code points the SC subset keeps: the repertoire, whatever OpenCC can write,
    punctuation and forms."""
    codes = set(repertoire) | opencc_outputs() | {ord(ch) for ch in SC_EXTRA + SC_REQUIRED}
    for lo, hi in SC_RANGES:
        codes.update(range(lo, hi + 1))
    return codes


def subset_cff(font: TTFont, unicodes: set[int]) -> None:
    """Subset the CFF font in place (before conversion: cu2qu then draws ~9,300 glyphs,
    not 65,535). All names are kept (licence, trademark); CFF hints go (glyf has none)."""
    options = subset.Options()
    options.layout_features = list(SC_FEATURES)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def to_truetype(
    src: Path,
    family: str,
    out: Path,
    max_err: float = MAX_ERR,
    unicodes: set[int] | None = None,
    required: str = REQUIRED,
) -> None:
    """Write member `family` of the CFF collection `src` as a glyf-outline font (subset to
    `unicodes` first, when given)."""
    font = TTFont(str(src), fontNumber=member_index(src, family), recalcTimestamp=False)
    if unicodes is not None:
        subset_cff(font, unicodes)
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
    missing = [f"U+{ord(ch):04X}" for ch in required if ord(ch) not in font.getBestCmap()]
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


def write_repertoire(codes: list[int], path: Path) -> None:
    """The repertoire as text, 50 characters a line, for ``reportgen check``."""
    chars = "".join(chr(c) for c in codes)
    lines = [chars[i : i + 50] for i in range(0, len(chars), 50)]
    head = (
        "# The Simplified Chinese repertoire of the zh-Hans edition: GB 2312 and the Table of\n"
        "# General Standard Chinese Characters (2013, Unihan kTGH), "
        f"{len(codes)} characters.\n"
        "# Written by scripts/make_fonts.py (the SC font subset covers these); do not edit.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


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
    parser.add_argument("--unihan", type=Path, default=UNIHAN, metavar="BZ2")
    parser.add_argument("--latin-dir", type=Path, default=LATIN_DIR, metavar="DIR")
    parser.add_argument("--max-err", type=float, default=MAX_ERR, help="cu2qu error, units")
    parser.add_argument("--out", type=Path, default=root / "fonts", metavar="DIR")
    parser.add_argument(
        "--only",
        choices=("tc", "sc", "latin"),
        action="append",
        help="make only these faces (repeatable; default: all)",
    )
    parser.add_argument(
        "--repertoire",
        type=Path,
        default=root / "src" / "reportgen" / "data" / "simplified-repertoire.txt",
        metavar="TXT",
        help="where to write the Simplified repertoire (with the SC faces)",
    )
    args = parser.parse_args()
    only = set(args.only or ("tc", "sc", "latin"))
    args.out.mkdir(parents=True, exist_ok=True)
    weights = (("Regular", args.cjk_regular), ("Bold", args.cjk_bold))
    if "tc" in only:
        for weight, src in weights:
            target = args.out / f"NotoSerifCJKtc-{weight}.ttf"
            to_truetype(src, args.family, target, args.max_err)
            print(f"wrote {target}")
    if "sc" in only:
        repertoire = simplified_repertoire(args.unihan)
        unicodes = sc_unicodes(repertoire)
        for weight, src in weights:
            target = args.out / f"NotoSerifCJKsc-{weight}.subset.ttf"
            to_truetype(src, SC_FAMILY, target, args.max_err, unicodes, SC_REQUIRED)
            print(f"wrote {target}")
        write_repertoire(repertoire, args.repertoire)
        print(f"wrote {args.repertoire}")
    if "latin" in only:
        for style in LATIN_STYLES:
            src = args.latin_dir / f"NotoSerif-{style}.ttf"
            if "glyf" not in TTFont(str(src), lazy=True):
                raise SystemExit(f"{src}: not TrueType (glyf) outlines")
            shutil.copyfile(src, args.out / src.name)
            print(f"copied {src}")


if __name__ == "__main__":
    main()
