"""A direct TrueType (``glyf``) subsetter for large fonts, for embedding in DOCX; and
:func:`unhinted`, which takes the hinting out of the subsets reportlab cuts for PDFs.

fontTools' subsetter decodes whole tables into Python objects (the cmap's 44 000
mappings, 65 535 glyph records, horizontal metrics): ~0.25 s per CJK face even without
layout tables. This one reads only the glyphs it keeps, straight from the font's bytes:
the code points' glyphs (and the parts of composite glyphs), renumbered from 1 after
``.notdef``, with a Unicode cmap (format 4 and 12), metrics, ``loca``/``glyf`` (glyph
instructions removed: hinting is dropped, as fontTools does with ``hinting=False``),
and ``head``, ``hhea``, ``maxp``, ``OS/2``, ``name``, ``post`` (format 3) copied or
updated. Layout, vertical-metrics and hinting tables are left out. Output is
deterministic (``head.modified`` is kept as the font has it).
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterable
from pathlib import Path

from ..fonts import format4_segments, format12_groups

_KEEP = ("OS/2", "name")
_MORE_COMPONENTS = 0x0020
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_HAVE_XY_SCALE = 0x0040
_HAVE_2X2 = 0x0080
_HAVE_INSTRUCTIONS = 0x0100


class NotSupported(Exception):
    """The font is not a plain TrueType file this module handles (use fontTools)."""


def subset(path: Path, codes: Iterable[int]) -> bytes:
    """The font at ``path`` reduced to the glyphs of ``codes``."""
    data = path.read_bytes()
    tables = _directory(data)
    for tag in ("cmap", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "OS/2", "name", "post"):
        if tag not in tables:
            raise NotSupported(f"no {tag} table")
    mapping = _lookup(data, tables["cmap"][0], sorted(set(codes)))
    glyphs = _closure(data, tables, [0, *sorted(set(mapping.values()))])
    new_id = {old: new for new, old in enumerate(glyphs)}
    out = {tag: table(data, tables, tag) for tag in _KEEP}
    glyf, loca, long_loca = _glyf(data, tables, glyphs, new_id)
    out["glyf"], out["loca"] = glyf, loca
    out["hmtx"], metrics = _hmtx(data, tables, glyphs)
    out["hhea"] = _set(table(data, tables, "hhea"), 34, ">H", metrics)
    out["maxp"] = _set(table(data, tables, "maxp"), 4, ">H", len(glyphs))
    out["head"] = _set(_set(table(data, tables, "head"), 50, ">h", int(long_loca)), 8, ">I", 0)
    out["post"] = struct.pack(">I", 0x00030000) + table(data, tables, "post")[4:32]
    out["cmap"] = _cmap({c: new_id[g] for c, g in mapping.items()})
    return _assemble(out)


_HINTING = ("cvt ", "fpgm", "prep", "hdmx", "LTSH", "VDMX")
# maxp 1.0: maxZones (1), then maxTwilightPoints .. maxSizeOfInstructions (0): as
# fontTools' subsetter with hinting=False leaves them
_MAXP_UNHINTED = struct.pack(">7H", 1, 0, 0, 0, 0, 0, 0)


def unhinted(font: bytes) -> bytes:
    """A TrueType font (a subset reportlab made for a PDF) without its hinting: no
    ``cvt ``, ``fpgm``, ``prep`` (nor ``hdmx``, ``LTSH``, ``VDMX``) tables, no glyph
    instructions, maxp's hinting limits cleared. Outlines, metrics, cmap and names are
    unchanged; a font with no hinting is returned as it is (the same bytes)."""
    tables = _directory(font)
    loca, glyf_at = _locations(font, tables), tables["glyf"][0]
    glyphs = [_glyph(font, glyf_at, loca, gid) for gid in range(len(loca) - 1)]
    bare = [_no_instructions(g) for g in glyphs]
    if bare == glyphs and not any(tag in tables for tag in _HINTING):
        return font
    out = {tag: table(font, tables, tag) for tag in tables if tag not in _HINTING}
    out["glyf"], out["loca"], long_loca = _pack_glyphs(bare)
    out["head"] = _set(_set(out["head"], 50, ">h", int(long_loca)), 8, ">I", 0)
    if struct.unpack_from(">I", out["maxp"])[0] == 0x00010000:
        maxp = out["maxp"]
        out["maxp"] = maxp[:14] + _MAXP_UNHINTED + maxp[28:]
    return _assemble(out)


def _no_instructions(glyph: bytes) -> bytes:
    """A glyph's bytes without its instructions (the same bytes if it has none)."""
    if len(glyph) < 10:
        return glyph
    (contours,) = struct.unpack_from(">h", glyph)
    if contours >= 0:
        at = 10 + 2 * contours
        (size,) = struct.unpack_from(">H", glyph, at)
        if not size:
            return glyph
        end = _simple_end(glyph, at + 2 + size, contours)
        return glyph[:at] + b"\0\0" + glyph[at + 2 + size : end]
    parts = _components(glyph)
    flags = [struct.unpack_from(">H", glyph, at - 2)[0] for at, _ in parts]
    if not any(f & _HAVE_INSTRUCTIONS for f in flags):
        return glyph
    buf = bytearray(glyph[: _composite_end(glyph)])
    for (at, _), f in zip(parts, flags, strict=True):
        struct.pack_into(">H", buf, at - 2, f & ~_HAVE_INSTRUCTIONS)
    return bytes(buf)


def _pack_glyphs(glyphs: list[bytes]) -> tuple[bytes, bytes, bool]:
    """``glyf`` and ``loca`` of ``glyphs`` (each padded to 4 bytes), and whether loca is
    in its long form."""
    offsets, pos = [], 0
    padded = []
    for glyph in glyphs:
        glyph += b"\0" * (-len(glyph) % 4)
        offsets.append(pos)
        padded.append(glyph)
        pos += len(glyph)
    offsets.append(pos)
    if pos > 0x1FFFE:
        return b"".join(padded), struct.pack(f">{len(offsets)}I", *offsets), True
    return b"".join(padded), struct.pack(f">{len(offsets)}H", *(o // 2 for o in offsets)), False


def glyph_count(path: Path) -> int:
    """``maxp.numGlyphs`` of a TrueType file (0 if it is not one)."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        if head[:4] not in (b"\x00\x01\x00\x00", b"true"):
            return 0
        (count,) = struct.unpack_from(">H", head, 4)
        directory = fh.read(16 * count)
        for i in range(count):
            tag, _, offset, _ = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag == b"maxp":
                fh.seek(offset + 4)
                return int(struct.unpack(">H", fh.read(2))[0])
    return 0


# --- reading ---------------------------------------------------------------------------


# fontTools' getBestCmap preference order
_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _lookup(data: bytes, at: int, codes: list[int]) -> dict[int, int]:
    """Glyph ids of ``codes`` (those the font maps) in its best Unicode cmap."""
    (n,) = struct.unpack_from(">H", data, at + 2)
    subtables: dict[tuple[int, int], int] = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * i)
        subtables.setdefault((platform, encoding), at + offset)
    for key in _CMAP_PREFERENCE:
        if key in subtables:
            sub = subtables[key]
            (fmt,) = struct.unpack_from(">H", data, sub)
            if fmt == 12:
                return _lookup12(data, sub, codes)
            if fmt == 4:
                return _lookup4(data, sub, codes)
            raise NotSupported(f"cmap format {fmt}")
    raise NotSupported("no Unicode cmap")


def _lookup12(data: bytes, at: int, codes: list[int]) -> dict[int, int]:
    groups = format12_groups(data, at)
    starts = [g[0] for g in groups]
    out = {}
    for code in codes:
        i = bisect.bisect_right(starts, code) - 1
        if i >= 0 and code <= groups[i][1]:
            glyph = groups[i][2] + code - groups[i][0]
            if glyph:
                out[code] = glyph
    return out


def _lookup4(data: bytes, at: int, codes: list[int]) -> dict[int, int]:
    ends, starts, deltas, ranges, ranges_at = format4_segments(data, at)
    n = len(ends)
    out = {}
    for code in codes:
        i = bisect.bisect_left(ends, code)
        if code > 0xFFFF or i >= n or code < starts[i]:
            continue
        if ranges[i] == 0:
            glyph = (code + deltas[i]) & 0xFFFF
        else:
            where = ranges_at + 2 * i + ranges[i] + 2 * (code - starts[i])
            (glyph,) = struct.unpack_from(">H", data, where)
            glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
        if glyph:
            out[code] = glyph
    return out


def _directory(data: bytes) -> dict[str, tuple[int, int]]:
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise NotSupported("not a TrueType font")
    (count,) = struct.unpack_from(">H", data, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag.decode("latin-1")] = (offset, length)
    return out


def table(data: bytes, tables: dict[str, tuple[int, int]], tag: str) -> bytes:
    offset, length = tables[tag]
    return data[offset : offset + length]


def _locations(data: bytes, tables: dict[str, tuple[int, int]]) -> tuple[int, ...]:
    (long_loca,) = struct.unpack_from(">h", data, tables["head"][0] + 50)
    (count,) = struct.unpack_from(">H", data, tables["maxp"][0] + 4)
    offset = tables["loca"][0]
    if long_loca:
        return struct.unpack_from(f">{count + 1}I", data, offset)
    return tuple(2 * x for x in struct.unpack_from(f">{count + 1}H", data, offset))


def _components(glyph: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each part of a composite glyph."""
    out, pos, flags = [], 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, index = struct.unpack_from(">HH", glyph, pos)
        out.append((pos + 2, index))
        pos += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            pos += 2
        elif flags & _HAVE_XY_SCALE:
            pos += 4
        elif flags & _HAVE_2X2:
            pos += 8
    return out


def _glyph(data: bytes, glyf_at: int, loca: tuple[int, ...], gid: int) -> bytes:
    return data[glyf_at + loca[gid] : glyf_at + loca[gid + 1]]


def _closure(data: bytes, tables: dict[str, tuple[int, int]], wanted: list[int]) -> list[int]:
    loca, glyf_at = _locations(data, tables), tables["glyf"][0]
    glyphs, seen, n = list(dict.fromkeys(wanted)), set(wanted), 0
    while n < len(glyphs):
        glyph = _glyph(data, glyf_at, loca, glyphs[n])
        n += 1
        if len(glyph) > 10 and struct.unpack_from(">h", glyph)[0] < 0:
            for _, part in _components(glyph):
                if part not in seen:
                    seen.add(part)
                    glyphs.append(part)
    return glyphs


# --- writing ---------------------------------------------------------------------------


def _set(blob: bytes, offset: int, fmt: str, value: int) -> bytes:
    buf = bytearray(blob)
    struct.pack_into(fmt, buf, offset, value)
    return bytes(buf)


def _strip(glyph: bytes, new_id: dict[int, int]) -> bytes:
    """The glyph without instructions, composite parts renumbered."""
    if len(glyph) < 10:
        return b""
    (contours,) = struct.unpack_from(">h", glyph)
    if contours < 0:
        buf = bytearray(glyph)
        parts = _components(glyph)
        for at, index in parts:
            struct.pack_into(">H", buf, at, new_id[index])
        for at, _ in parts:  # the flags word precedes each glyph index
            flags = struct.unpack_from(">H", buf, at - 2)[0] & ~_HAVE_INSTRUCTIONS
            struct.pack_into(">H", buf, at - 2, flags)
        return bytes(buf[: _composite_end(glyph)])
    at = 10 + 2 * contours
    (size,) = struct.unpack_from(">H", glyph, at)
    end = _simple_end(glyph, at + 2 + size, contours)
    return glyph[:at] + b"\0\0" + glyph[at + 2 + size : end]


def _simple_end(glyph: bytes, flags_at: int, contours: int) -> int:
    """Where a simple glyph's coordinates end (the rest is padding)."""
    if contours == 0:
        return flags_at
    (last,) = struct.unpack_from(">H", glyph, 10 + 2 * (contours - 1))
    points, pos, x_size, y_size = last + 1, flags_at, 0, 0
    while points > 0:
        flag = glyph[pos]
        pos += 1
        repeat = 1
        if flag & 0x08:
            repeat += glyph[pos]
            pos += 1
        x_size += repeat * (1 if flag & 0x02 else 0 if flag & 0x10 else 2)
        y_size += repeat * (1 if flag & 0x04 else 0 if flag & 0x20 else 2)
        points -= repeat
    return pos + x_size + y_size


def _composite_end(glyph: bytes) -> int:
    at, index = _components(glyph)[-1]
    (flags,) = struct.unpack_from(">H", glyph, at - 2)
    end = at + 2 + (4 if flags & _ARGS_ARE_WORDS else 2)
    if flags & _HAVE_SCALE:
        end += 2
    elif flags & _HAVE_XY_SCALE:
        end += 4
    elif flags & _HAVE_2X2:
        end += 8
    return end


def _glyf(
    data: bytes, tables: dict[str, tuple[int, int]], glyphs: list[int], new_id: dict[int, int]
) -> tuple[bytes, bytes, bool]:
    loca, glyf_at = _locations(data, tables), tables["glyf"][0]
    return _pack_glyphs([_strip(_glyph(data, glyf_at, loca, gid), new_id) for gid in glyphs])


def _hmtx(data: bytes, tables: dict[str, tuple[int, int]], glyphs: list[int]) -> tuple[bytes, int]:
    (long_metrics,) = struct.unpack_from(">H", data, tables["hhea"][0] + 34)
    at = tables["hmtx"][0]
    pairs = []
    for gid in glyphs:
        if gid < long_metrics:
            pairs.append(struct.unpack_from(">Hh", data, at + 4 * gid))
        else:
            (advance,) = struct.unpack_from(">H", data, at + 4 * (long_metrics - 1))
            (lsb,) = struct.unpack_from(
                ">h", data, at + 4 * long_metrics + 2 * (gid - long_metrics)
            )
            pairs.append((advance, lsb))
    count = len(pairs)
    while count > 1 and pairs[count - 1][0] == pairs[count - 2][0]:
        count -= 1
    head = b"".join(struct.pack(">Hh", a, b) for a, b in pairs[:count])
    tail = b"".join(struct.pack(">h", b) for _, b in pairs[count:])
    return head + tail, count


def _cmap(mapping: dict[int, int]) -> bytes:
    """Format 4 (BMP, platform 3/1) and format 12 (all, platform 3/10) subtables."""
    bmp = {c: g for c, g in mapping.items() if c <= 0xFFFF}
    fmt4, fmt12 = _format4(bmp), _format12(mapping)
    header = struct.pack(">HH", 0, 2)
    header += struct.pack(">HHI", 3, 1, 4 + 16) + struct.pack(">HHI", 3, 10, 4 + 16 + len(fmt4))
    return header + fmt4 + fmt12


def _runs(mapping: dict[int, int]) -> list[tuple[int, int, int]]:
    """(first code, last code, first glyph) runs of consecutive codes and glyphs."""
    runs: list[tuple[int, int, int]] = []
    for code in sorted(mapping):
        glyph = mapping[code]
        if runs and code == runs[-1][1] + 1 and glyph == runs[-1][2] + code - runs[-1][0]:
            runs[-1] = (runs[-1][0], code, runs[-1][2])
        else:
            runs.append((code, code, glyph))
    return runs


def _format4(bmp: dict[int, int]) -> bytes:
    segments = [(a, b, (g - a) & 0xFFFF) for a, b, g in _runs(bmp) if b < 0xFFFF]
    segments.append((0xFFFF, 0xFFFF, 1))
    n = len(segments)
    search = 2 ** (n.bit_length() - 1)
    body = struct.pack(f">{n}H", *(b for _, b, _ in segments)) + b"\0\0"
    body += struct.pack(f">{n}H", *(a for a, _, _ in segments))
    body += struct.pack(f">{n}H", *(d for _, _, d in segments))
    body += b"\0\0" * n  # idRangeOffset: deltas only
    length = 14 + len(body)
    head = struct.pack(
        ">7H", 4, length, 0, 2 * n, 2 * search, search.bit_length() - 1, 2 * n - 2 * search
    )
    return head + body


def _format12(mapping: dict[int, int]) -> bytes:
    groups = _runs(mapping)
    body = b"".join(struct.pack(">III", a, b, g) for a, b, g in groups)
    return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body


def _checksum(blob: bytes) -> int:
    padded = blob + b"\0" * (-len(blob) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _assemble(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    n = len(tags)
    search = 2 ** (n.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, n, 16 * search, search.bit_length() - 1, 16 * (n - search)
    )
    offset = 12 + 16 * n
    directory, body = b"", b""
    for tag in tags:
        blob = tables[tag]
        directory += struct.pack(
            ">4sIII", tag.encode("latin-1"), _checksum(blob), offset, len(blob)
        )
        padded = blob + b"\0" * (-len(blob) % 4)
        body += padded
        offset += len(padded)
    font = bytearray(header + directory + body)
    head_at = (
        12
        + 16 * n
        + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index("head")])
    )
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
