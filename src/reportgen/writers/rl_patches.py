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

Font files not kept in memory
    reportlab reads a whole TrueType file into one ``bytes`` and keeps it for the
    process's life, to cut subsets from it when the PDF is saved; for a CJK face that is
    30 MiB, 29 of them the ``glyf`` table, of which a document uses a few hundred KiB.
    Once a font is parsed, :func:`apply`'s ``TTFontFile.__init__`` wrapper keeps every
    other table and reads glyphs from the file when a subset is made (``os.pread``,
    refused if the file changed on disk since). ``get_table("glyf")`` returns a view
    instead of a 29 MiB copy per 256-glyph subset. Without uharfbuzz reportlab cannot
    shape text, so the glyph-to-characters table only shaping uses (~9 MiB for a CJK face)
    is dropped too. Subsets are byte-identical.

The rest of reportlab's non-BMP path was checked and needs no patch: Python strings
hold code points, so ``stringWidth`` looks up the real advance, ``splitString``
assigns one subset byte per code point (no split surrogates), and the font's
format 12 cmap is read, so the glyph is found and embedded in the subset.
"""

from __future__ import annotations

import os
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import ttfonts

_original = ttfonts.makeToUnicodeCMap
_original_init = ttfonts.TTFontFile.__init__
_original_get_table = ttfonts.TTFontParser.get_table


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


class FontFile:
    """A parsed font file's bytes as reportlab reads them: ``glyf`` from the file on demand,
    the other tables kept in memory."""

    def __init__(self, path: str, data: bytes, tables: dict[str, dict[str, Any]]) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - kept open as long as the font
        self._identity = _identity(self._file.fileno())
        self._size = len(data)
        self._kept = [
            (t["offset"], bytes(data[t["offset"] : t["offset"] + t["length"]]))
            for tag, t in tables.items()
            if tag != "glyf"
        ]
        self.path = path

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, int):
            return self[key : key + 1][0] if key >= 0 else self[self._size + key]
        start, stop, step = key.indices(self._size)
        if step != 1:
            raise ValueError("FontFile slices have no step")
        for offset, chunk in self._kept:
            if offset <= start and stop <= offset + len(chunk):
                return chunk[start - offset : stop - offset]
        return self.read(start, max(stop - start, 0))

    def read(self, start: int, length: int) -> bytes:
        fd = self._file.fileno()
        if _identity(fd) != self._identity:
            raise ttfonts.TTFError(f"font file {self.path} changed on disk during the build")
        return os.pread(fd, length, start)


class _TableView:
    """``get_table("glyf")`` without the copy: slices read from the file."""

    def __init__(self, data: FontFile, offset: int, length: int) -> None:
        self._data, self._offset, self._length = data, offset, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, _ = key.indices(self._length)
        return self._data.read(self._offset + start, max(stop - start, 0))


def _identity(fd: int) -> tuple[int, int, int, int]:
    st = os.fstat(fd)
    return st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns


def _init(self: Any, file: Any, *args: Any, **kwargs: Any) -> None:
    _original_init(self, file, *args, **kwargs)
    data = getattr(self, "_ttf_data", None)
    if isinstance(file, str) and isinstance(data, bytes) and os.path.isfile(self.filename):
        self._ttf_data = FontFile(self.filename, data, self.table)
    if ttfonts.uharfbuzz is None:
        self.glyphToChar = {}


def _get_table(self: Any, tag: str) -> Any:
    if tag == "glyf" and isinstance(self._ttf_data, FontFile):
        return _TableView(self._ttf_data, *self.get_table_pos(tag))
    return _original_get_table(self, tag)


def apply() -> None:
    """Install the patches and settings (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    ttfonts.TTFontFile.__init__ = _init
    ttfonts.TTFontParser.get_table = _get_table
    rl_config.useA85 = 0


def applied() -> bool:
    return ttfonts.makeToUnicodeCMap is make_to_unicode_cmap
