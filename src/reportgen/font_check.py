"""Damaged font files refused before anything draws with them, in bounded memory.

A TrueType file whose tables point past its end, whose glyph locations run backwards,
whose cmap maps characters to glyphs that do not exist (or to a range of four billion
code points), or whose glyph outlines are empty or garbage would print blanks (or
exhaust memory). :func:`font_problem` reads the table directory, ``head``, ``maxp``,
``loca``, the headers of every glyph in ``glyf`` and the Unicode cmap through a
memory map (nothing is copied) and says what is wrong, or ''.

Reading every glyph header of a 30 MB CJK face costs ~0.04 s of CPU, paid by every
``check`` and build: the verdict is kept in the font cache (:mod:`reportgen.fontcache`,
keyed by the file's identity as the parsed fonts and cmaps are), so each font file is
read once.
"""

from __future__ import annotations

import mmap
import os
import struct
from functools import lru_cache
from pathlib import Path

from . import fontcache

MAX_FONT_BYTES = 100_000_000
_REQUIRED = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"loca", b"glyf")
_MAX_CODE = 0x10FFFF
_EMPTY_SHARE = 0.05  # more visible characters than this mapped to empty glyphs: damaged
_SPACES = frozenset([0x20, 0xA0, 0x3000, *range(0x2000, 0x200C), 0x202F, 0x205F])


class _Damaged(Exception):
    pass


def font_problem(path: Path) -> str:
    """What is wrong with the font file at ``path`` ('' if nothing found)."""
    st = os.stat(path)
    return _problem(st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size, str(path))


@lru_cache(maxsize=32)
def _problem(dev: int, ino: int, mtime: int, size: int, path: str) -> str:
    if size > MAX_FONT_BYTES:
        return f"{size:,} bytes, over the {MAX_FONT_BYTES:,} a font may have"
    if size < 12:
        return "too short to be a font"
    ident = (dev, ino, size, mtime)
    cached = fontcache.load("fontcheck", path, ident, _CHECK_VERSION)
    if cached is not None and isinstance(cached.get("problem"), str):
        return cached["problem"]
    problem = _read_problem(path, size)
    try:
        after = os.stat(path)
    except OSError:
        return problem
    if (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == ident:
        fontcache.store("fontcheck", path, ident, _CHECK_VERSION, {"problem": problem})
    return problem


_CHECK_VERSION = "fontcheck 1"  # the checks' version, in the cache key: change it with them


def _read_problem(path: str, size: int) -> str:
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _check(data, size)
    except _Damaged as exc:
        return str(exc)
    except (struct.error, ValueError, IndexError) as exc:
        return f"unreadable tables ({exc})"
    return ""


def _check(data: mmap.mmap, size: int) -> None:
    tables = _directory(data, size)
    missing = [t.decode() for t in _REQUIRED if t not in tables]
    if missing:
        raise _Damaged(f"no {', '.join(missing)} table")
    head_at, head_len = tables[b"head"]
    if head_len < 54 or struct.unpack_from(">I", data, head_at + 12)[0] != 0x5F0F3CF5:
        raise _Damaged("the head table is damaged")
    long_loca = struct.unpack_from(">h", data, head_at + 50)[0] == 1
    glyphs = struct.unpack_from(">H", data, tables[b"maxp"][0] + 4)[0]
    if not glyphs:
        raise _Damaged("it has no glyphs")
    lengths = _glyph_lengths(data, tables, glyphs, long_loca)
    _check_cmap(data, tables[b"cmap"], glyphs, lengths)


def _directory(data: mmap.mmap, size: int) -> dict[bytes, tuple[int, int]]:
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise _Damaged("not a TrueType font")
    (count,) = struct.unpack_from(">H", data, 4)
    if not 0 < count <= 200 or 12 + 16 * count > size:
        raise _Damaged(f"a table directory of {count} tables")
    tables: dict[bytes, tuple[int, int]] = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if offset + length > size:
            raise _Damaged(
                f"the {tag.decode('latin-1').strip()} table runs past the end of the file"
            )
        tables[tag] = (offset, length)
    return tables


def _glyph_lengths(
    data: mmap.mmap, tables: dict[bytes, tuple[int, int]], glyphs: int, long_loca: bool
) -> list[int]:
    """Each glyph's data length; every glyph header checked."""
    loca_at, loca_len = tables[b"loca"]
    glyf_at, glyf_len = tables[b"glyf"]
    fmt, unit = (">%dI", 1) if long_loca else (">%dH", 2)
    need = (glyphs + 1) * (4 if long_loca else 2)
    if loca_len < need:
        raise _Damaged(f"the loca table has room for fewer than {glyphs:,} glyphs")
    offsets = [o * unit for o in struct.unpack_from(fmt % (glyphs + 1), data, loca_at)]
    lengths = []
    for gid in range(glyphs):
        start, end = offsets[gid], offsets[gid + 1]
        if end < start or end > glyf_len:
            raise _Damaged(f"glyph {gid} lies outside the glyf table")
        length = end - start
        if length:
            if length < 10:
                raise _Damaged(f"glyph {gid} is cut short")
            contours, x0, y0, x1, y1 = struct.unpack_from(">hhhhh", data, glyf_at + start)
            if contours < -1 or x0 > x1 or y0 > y1:
                raise _Damaged(f"glyph {gid} has a damaged outline header")
            length = length if contours else 0  # no contours: draws nothing
        lengths.append(length)
    return lengths


def _check_cmap(data: mmap.mmap, cmap: tuple[int, int], glyphs: int, lengths: list[int]) -> None:
    at, length = cmap
    (count,) = struct.unpack_from(">H", data, at + 2)
    if 4 + 8 * count > length:
        raise _Damaged("the cmap table is damaged")
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * i)
        if offset >= length:
            raise _Damaged("a cmap subtable lies outside the cmap table")
        subtables.setdefault((platform, encoding), offset)
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3)):
        if key in subtables:
            mapping = _mapping(data, at + subtables[key], at + length)
            break
    else:
        raise _Damaged("no Unicode cmap")
    bad = [(code, gid) for code, gid in mapping if gid >= glyphs]
    if bad:
        raise _Damaged(f"U+{bad[0][0]:04X} is mapped to glyph {bad[0][1]}, which does not exist")
    visible = [gid for code, gid in mapping if code not in _SPACES and code > 0x20]
    empty = sum(1 for gid in visible if not lengths[gid])
    if visible and empty > _EMPTY_SHARE * len(visible):
        raise _Damaged(f"{empty:,} of its {len(visible):,} characters have empty outlines")


def _mapping(data: mmap.mmap, at: int, end: int) -> list[tuple[int, int]]:
    """(code point, glyph id) pairs of a format 12 or 4 subtable; bounded by Unicode."""
    (fmt,) = struct.unpack_from(">H", data, at)
    pairs: list[tuple[int, int]] = []
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        if at + 16 + 12 * groups > end:
            raise _Damaged("the cmap's groups run past its end")
        for i in range(groups):
            first, last, gid = struct.unpack_from(">III", data, at + 16 + 12 * i)
            if first > last or last > _MAX_CODE or len(pairs) + last - first > _MAX_CODE:
                raise _Damaged(f"a cmap group maps U+{first:X}..U+{last:X}, beyond Unicode")
            pairs += [(code, gid + code - first) for code in range(first, last + 1)]
        return pairs
    if fmt == 4:
        from .fonts import format4_segments

        ends, starts, deltas, ranges, ranges_at = format4_segments(bytes(data[at:end]), 0)
        for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
            if first == 0xFFFF or first > last:
                continue
            for code in range(first, last + 1):
                if ranges[i] == 0:
                    gid = (code + deltas[i]) & 0xFFFF
                else:
                    where = ranges_at + 2 * i + ranges[i] + 2 * (code - first)
                    (gid,) = struct.unpack_from(">H", data, at + where)
                    gid = (gid + deltas[i]) & 0xFFFF if gid else 0
                if gid:
                    pairs.append((code, gid))
        return pairs
    raise _Damaged(f"a cmap subtable of format {fmt}, which reportgen cannot read")
