"""Small, targeted fixes to reportlab, applied once before any font is registered.

ToUnicode for characters outside the BMP
    reportlab (checked on 5.1) embeds TrueType fonts as 256-glyph subsets and writes
    each subset's ToUnicode CMap with ``"<%02X> <%04X>"``. A code point above U+FFFF
    such as the Hong Kong character 𨋢 (U+282E2) then comes out as ``<282E2>``: five
    hex digits, which PDF readers take as the bytes 28 2E 2? and so copy or search the
    text wrongly. A ToUnicode destination is UTF-16BE, so such a code point must be
    written as its surrogate pair, ``<D860DEE2>``. :func:`apply` replaces
    ``ttfonts.makeToUnicodeCMap`` with a copy that does exactly that; for BMP
    characters the output is byte-identical to reportlab's.

Binary streams
    reportlab's default ``rl_config.useA85 = 1`` wraps every compressed stream in
    ASCII85 (+25 % size, and slow pure-Python encoding without rl-accel). A PDF is a
    binary file anyway, so :func:`apply` turns it off: streams are written as raw Flate.

The rest of reportlab's non-BMP path was checked and needs no patch: Python strings
hold code points, so ``stringWidth`` looks up the real advance, ``splitString``
assigns one subset byte per code point (no split surrogates), and the font's
format 12 cmap is read, so the glyph is found and embedded in the subset.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

_original = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    """A code point as UTF-16BE hex digits: ``4E2D`` or the pair ``D860DEE2``."""
    if code <= 0xFFFF:
        return f"{code:04X}"  # exactly reportlab's formatting
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with UTF-16 destinations (surrogate pairs)."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    cmap += [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    cmap += [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def apply() -> None:
    """Install the patches and settings (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    rl_config.useA85 = 0


def applied() -> bool:
    return ttfonts.makeToUnicodeCMap is make_to_unicode_cmap
