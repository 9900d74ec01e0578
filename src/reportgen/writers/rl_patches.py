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

Parsed fonts cached between processes
    Parsing a CJK face in reportlab's pure-Python ``extractInfo`` costs ~0.09 s of CPU per
    build. The ``TTFontFile.__init__`` wrapper stores what the parse yields (every
    attribute, and the small tables kept in memory above) in the user's font cache
    (:mod:`reportgen.fontcache`, marshal, keyed by the file's identity and the library
    versions) and, in later processes, restores it instead of parsing: the same face,
    the same PDF bytes. A bad or stale entry is ignored and the font parsed as before.

Glyph metrics and positions as arrays
    reportlab keeps ``hmetrics`` (an (advance, side bearing) tuple per glyph) and
    ``glyphPos`` (a ``loca`` offset per glyph) as Python lists: 65 536 entries, ~9 MiB per
    CJK face, read only when a subset is cut. The wrapper keeps them in ``array`` form
    (:class:`HMetrics`, :func:`compact`): the same values by index, ~0.5 MiB, and a cached
    face restores them from bytes (~6 ms less per CJK face than unmarshalling the lists).
    ``charWidths`` shares one object per distinct width (a cached face then unmarshals
    one int per width, not one per character: ~1.2 MiB less per CJK face), and leaves out
    the characters whose width is the face's ``defaultWidth``: reportlab reads it only
    through ``charWidths.get(code, defaultWidth)`` (``stringWidth``, ``getCharWidth`` for
    the PDF's width arrays), which gives the same number; a CJK face's ideographs are all
    1000 units wide (2.5 -> 0.6 MiB per CJK face).

Page contents compressed when the page ends
    reportlab keeps every page's content stream as text until the document is saved and
    compresses them all then: a 1 200-page document holds ~30 MiB of page text at the
    end of layout. :func:`apply` makes ``PDFPage.setStream`` (called as each page ends)
    compress it at once, as the saving would (``zlib.compress`` of its bytes, only
    when the page is compressed and ASCII85 is off), and the Flate filter pass those
    bytes through: the same PDF bytes, the text gone as soon as its page is done.
    A page's or form's text becomes bytes as latin-1 (:func:`content_bytes`), not
    UTF-8 (pages) or PDFDocEncoding (forms, ``PDFFormXObject.setStreamList``), so the
    raw character codes :func:`.pdf_text.literal` writes stay one byte each;
    ``rl_config.pageCompression`` is set, so that every page is compressed that way.

Subsets without hinting
    reportlab copies a TrueType face's hinting into every subset: the ``fpgm``,
    ``prep`` and ``cvt `` tables and each glyph's instructions (for a Noto Serif subset
    of ~100 glyphs, 6 KB of the 14 KB it adds to the file). PDF viewers and printers
    draw the outlines without them (pdftoppm renders the page the same to the pixel),
    so :func:`apply` has ``makeSubset`` return its subset through
    :func:`.ttf_subset.unhinted`: the same glyphs, metrics and cmap, no hinting. Faces
    without hinting (the CJK ones) keep their subsets byte for byte.

platypus imported without compiling a pattern it never uses
    ``reportlab.platypus`` imports its ``paragraph`` module, which compiles a URI pattern
    with a case-insensitive class up to U+FFFF at import time (~20 ms, a fifth of the
    PDF writer's imports); reportgen never sets a reportlab Paragraph. Importing this
    module imports platypus with such patterns (non-BMP-sized classes only) compiled when
    first used instead (:class:`LazyPattern`, :mod:`reportgen.lazy_re`); pikepdf too,
    whose XML check is a class up to U+FFFD. :mod:`.pdf` imports this module first.
    ``reportlab.lib.PyFontify`` (Python syntax colouring, which platypus's
    ``xpreformatted`` imports and reportgen never uses: ~1 ms of patterns) runs only if
    first used (:func:`reportgen.lazy_re.deferred`).

The rest of reportlab's non-BMP path was checked and needs no patch: Python strings
hold code points, so ``stringWidth`` looks up the real advance, ``splitString``
assigns one subset byte per code point (no split surrogates), and the font's
format 12 cmap is read, so the glyph is found and embedded in the subset.
"""

from __future__ import annotations

import os
import zlib
from array import array
from typing import Any

from .. import fontcache
from ..lazy_re import deferred, imported_lazily
from .ttf_subset import unhinted

deferred("PIL.Image")  # reportlab imports it for bitmaps; reportgen draws none
deferred("reportlab.lib.PyFontify")  # Python syntax colouring (PythonPreformatted): unused
import reportlab  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.pdfbase import pdfdoc, ttfonts  # noqa: E402

# platypus and pikepdf (which the PDF writer imports next) without their widest patterns
# compiled at import time (see reportgen.lazy_re)
imported_lazily("reportlab.platypus", "pikepdf")

_original = ttfonts.makeToUnicodeCMap
_original_init = ttfonts.TTFontFile.__init__
_original_get_table = ttfonts.TTFontParser.get_table
_original_set_stream = pdfdoc.PDFPage.setStream
_original_flate = pdfdoc.PDFStreamFilterZCompress.encode
_original_make_subset = ttfonts.TTFontFile.makeSubset


class Deflated:
    """A page's content stream, compressed when the page ended (see the docstring)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __bool__(self) -> bool:
        return True


def content_bytes(text: str, legacy: str = "utf8") -> bytes:
    """A content stream's text as its bytes: latin-1, one byte per character, as
    :func:`.pdf_text.literal` writes a string's character codes; reportlab's own
    operators are ASCII. Text with a character above U+00FF (never reportgen's) is
    encoded as reportlab did (``legacy``: UTF-8 for pages, PDFDocEncoding for forms)."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode(legacy)


def _set_stream(self: Any, code: Any) -> None:
    _original_set_stream(self, code)
    if self.compression and not rl_config.useA85 and isinstance(self.stream, str):
        self.stream = Deflated(zlib.compress(content_bytes(self.stream)))


def _flate(self: Any, text: Any) -> bytes:
    if isinstance(text, Deflated):
        return text.data
    return _original_flate(self, text)


def _set_stream_list(self: Any, data: Any) -> None:
    """A form's content (page totals, contents numbers) as bytes like a page's."""
    if isinstance(data, (list, tuple)):
        data = "\n".join(data)
    self.stream = content_bytes(data, "extpdfdoc") if isinstance(data, str) else data


def _make_subset(self: Any, subset: Any) -> bytes:
    return unhinted(_original_make_subset(self, subset))


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

    @classmethod
    def restored(cls, path: str, file: Any, size: int, kept: list[tuple[int, bytes]]) -> FontFile:
        """A FontFile from a cache entry: ``file`` is the font, open, checked to be the
        file the entry was made from."""
        self = cls.__new__(cls)
        self._file = file
        self._identity = _identity(file.fileno())
        self._size = size
        self._kept = [(offset, chunk) for offset, chunk in kept]
        self.path = path
        return self

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
    cacheable = (
        isinstance(file, str)
        and not args
        and not kwargs.get("validate")
        and kwargs.get("subfontIndex", 0) == 0
        and kwargs.get("charInfo", 1) == 1
        and os.path.isfile(file)
    )
    if cacheable and _from_cache(self, file):
        return
    _original_init(self, file, *args, **kwargs)
    data = getattr(self, "_ttf_data", None)
    if isinstance(file, str) and isinstance(data, bytes) and os.path.isfile(self.filename):
        self._ttf_data = FontFile(self.filename, data, self.table)
    if ttfonts.uharfbuzz is None:
        self.glyphToChar = {}
    _compact(self)
    if cacheable and isinstance(self._ttf_data, FontFile):
        _to_cache(self, file)


_CACHE_KIND = "rl-ttf"
_NAME = "__TTFNameBytes__"


def _versions() -> str:
    return f"reportlab {reportlab.Version} hb {ttfonts.uharfbuzz is not None} arrays 3"


class HMetrics:
    """``hmetrics`` of a parsed face, two arrays: ``m[glyph]`` is ``(advance, lsb)`` as in
    reportlab's list (advances as floats: reportlab scales some; subsetting takes int())."""

    __slots__ = ("advance", "lsb")

    def __init__(self, advance: array, lsb: array) -> None:
        self.advance, self.lsb = advance, lsb

    @classmethod
    def of(cls, pairs: list[tuple[float, int]]) -> HMetrics:
        return cls(compact([p[0] for p in pairs]), compact([p[1] for p in pairs]))

    def __len__(self) -> int:
        return len(self.advance)

    def __getitem__(self, glyph: int) -> tuple[float, int]:
        return self.advance[glyph], self.lsb[glyph]

    def __iter__(self) -> Any:
        return zip(self.advance, self.lsb, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HMetrics):
            return self.advance == other.advance and self.lsb == other.lsb
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment] - mutable, like the list it stands for


def compact(values: list[Any]) -> array:
    """``values`` in the smallest array that holds them exactly (doubles if not all ints)."""
    if not all(type(v) is int for v in values):
        return array("d", values)
    low, high = min(values, default=0), max(values, default=0)
    for code in ("H", "I") if low >= 0 else ():
        if high < 1 << (8 * array(code).itemsize):
            return array(code, values)
    return array("q", values)


def _compact(face: Any) -> None:
    """``hmetrics`` and ``glyphPos`` as arrays; each advance width one object, shared by
    the characters that have it (see the module's docstring)."""
    if isinstance(face.__dict__.get("hmetrics"), list):
        face.hmetrics = HMetrics.of(face.hmetrics)
    if isinstance(face.__dict__.get("glyphPos"), list):
        face.glyphPos = compact(face.glyphPos)
    widths = face.__dict__.get("charWidths")
    if isinstance(widths, dict):
        same: dict[Any, Any] = {}
        # (shaping, with uharfbuzz, reads charWidths[char] of the characters it sets)
        default = face.__dict__.get("defaultWidth") if ttfonts.uharfbuzz is None else None
        face.charWidths = {
            char: same.setdefault(w, w)
            for char, w in widths.items()
            if not (type(w) is type(default) and w == default)  # what .get gives anyway
        }


_ARRAYS = "__arrays__"  # cached as (marker, {name: (typecode, bytes)})


def _to_cache(face: Any, file: str) -> None:
    """Store a freshly parsed face (everything but the file handle and a lambda)."""
    data: FontFile = face._ttf_data
    state: dict[str, Any] = {}
    for key, value in face.__dict__.items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        if isinstance(value, ttfonts.TTFNameBytes):
            value = (_NAME, value.ustr)
        elif isinstance(value, HMetrics):
            value = (_ARRAYS, {n: (a.typecode, a.tobytes()) for n, a in _fields(value)})
        elif isinstance(value, array):
            value = (_ARRAYS, {"": (value.typecode, value.tobytes())})
        state[key] = value
    state["__kept__"] = data._kept
    state["__size__"] = len(data)
    ident = fontcache.identity(data._file.fileno())
    fontcache.store(_CACHE_KIND, os.path.abspath(file), ident, _versions(), state)


def _from_cache(face: Any, file: str) -> bool:
    """Restore a face parsed by an earlier process; False when there is no good entry."""
    try:
        fh = open(file, "rb")  # noqa: SIM115 - kept open by the FontFile, as when parsed
    except OSError:
        return False
    try:
        ident = fontcache.identity(fh.fileno())
        state = fontcache.load(_CACHE_KIND, os.path.abspath(file), ident, _versions())
        if state is None:
            fh.close()
            return False
        kept, size = state.pop("__kept__"), state.pop("__size__")
        state.pop("__path__", None)
        state.pop("__identity__", None)
        for key, value in state.items():
            if isinstance(value, tuple) and len(value) == 2 and value[0] == _NAME:
                state[key] = ttfonts.TTFNameBytes(value[1].encode("utf8"))
            elif isinstance(value, tuple) and len(value) == 2 and value[0] == _ARRAYS:
                state[key] = _restore(value[1])
        upm = state["unitsPerEm"]
        state["filename"] = file  # as TTFOpenFile names a file that exists
        face.__dict__.update(state)
        face._pdfScale = _identity_scale if upm == 1000 else _Scale(1000 / upm)
        face._ttf_data = FontFile.restored(face.filename, fh, size, kept)
        return True
    except Exception:  # noqa: BLE001 - a bad entry: parse the font as without a cache
        fh.close()
        return False


def _fields(m: HMetrics) -> list[tuple[str, array]]:
    return [("advance", m.advance), ("lsb", m.lsb)]


def _restore(parts: dict[str, tuple[str, bytes]]) -> HMetrics | array:
    arrays = {}
    for name, (code, data) in parts.items():
        arrays[name] = array(code)
        arrays[name].frombytes(data)
    return arrays[""] if "" in arrays else HMetrics(arrays["advance"], arrays["lsb"])


def _identity_scale(x: float) -> float:
    return x


class _Scale:
    def __init__(self, factor: float) -> None:
        self.factor = factor

    def __call__(self, x: float) -> float:
        return x * self.factor


def _get_table(self: Any, tag: str) -> Any:
    if tag == "glyf" and isinstance(self._ttf_data, FontFile):
        return _TableView(self._ttf_data, *self.get_table_pos(tag))
    return _original_get_table(self, tag)


def apply() -> None:
    """Install the patches and settings (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    ttfonts.TTFontFile.__init__ = _init
    ttfonts.TTFontParser.get_table = _get_table
    ttfonts.TTFontFile.makeSubset = _make_subset
    pdfdoc.PDFPage.setStream = _set_stream
    pdfdoc.PDFStreamFilterZCompress.encode = _flate
    pdfdoc.PDFFormXObject.setStreamList = _set_stream_list
    rl_config.useA85 = 0
    rl_config.pageCompression = 1


def applied() -> bool:
    return ttfonts.makeToUnicodeCMap is make_to_unicode_cmap
