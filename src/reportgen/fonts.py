"""The font registry that both writers use.

Faces come from the project's configuration, by role (``latin``, ``cjk``, and
``cjk-hans`` for Simplified Chinese) and style. The registry answers which face sets
a character (per-character selection, with fallback to any face that has the glyph)
and which characters no face can draw (the ``missing-glyph`` diagnostic).

It is also the one place that decides which CJK face an edition is set in
(:meth:`FontRegistry.for_lang`): Simplified Chinese (zh-Hans) in the ``cjk-hans``
face, whose punctuation sits at the bottom left of the em box and whose glyph shapes
follow the Mainland standard (GB); everything else in the ``cjk`` face (Traditional,
Hong Kong). Both writers ask it once per document.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from . import fontcache, script
from .resources import font_path

STYLES = ("regular", "bold", "italic", "bold-italic")
_BOLD, _ITALIC = ("bold", "bold-italic"), ("italic", "bold-italic")
ROLES = (script.LATIN, script.CJK)
HANS = "cjk-hans"  # the Simplified Chinese face (GB glyphs and punctuation placement)
FALLBACK = "cjk-fallback"  # in a zh-Hans view: the Traditional face, for what HANS lacks
# Characters never drawn as glyphs (line breaks, zero-width marks).
INVISIBLE = frozenset("\n\r\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass(frozen=True)
class FontFace:
    """One font file in a role (Latin or CJK) and style."""

    key: str  # unique name used inside the writers, e.g. "NotoSerif-Bold"
    role: str  # "latin" or "cjk"
    style: str  # one of STYLES
    path: Path

    @property
    def bold(self) -> bool:
        return self.style in ("bold", "bold-italic")

    @property
    def italic(self) -> bool:
        return self.style in ("italic", "bold-italic")


@dataclass
class FontRegistry:
    """The project's faces by (role, style), and which face sets which text."""

    faces: dict[tuple[str, str], FontFace]
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    _chosen: dict[tuple[str, bool, bool], FontFace] = field(default_factory=dict, repr=False)
    _views: dict[str, FontRegistry] = field(default_factory=dict, repr=False)
    _all_styles: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(cls, root: Path, config: Mapping[str, Mapping[str, str]]) -> FontRegistry:
        faces: dict[tuple[str, str], FontFace] = {}
        for role, styles in config.items():
            for style, rel in styles.items():
                # percent-decoded, as paths.resolve_inside checks it ("my%20fonts/..."); the
                # project's file, else reportgen's installed font of that name
                path = font_path(root, rel)
                faces[(role, style)] = FontFace(f"{role}-{style}-{path.stem}", role, style, path)
        return cls(faces)

    def for_lang(self, lang: str) -> FontRegistry:
        """The faces a document in ``lang`` (BCP 47 tag or edition name) is set in.

        zh-Hans: the ``cjk-hans`` faces take the ``cjk`` role, and the Traditional faces
        stay only as a fallback for characters the Simplified face lacks (per character,
        as :meth:`split` picks faces; :meth:`all_faces` leaves them out). Any other
        language: the configured faces without ``cjk-hans``. A project with no
        ``cjk-hans`` face: unchanged.
        """
        from .linebreak import locale_family

        simplified = locale_family(lang) == "zh-Hans"
        name = "hans" if simplified else "other"
        if (HANS, "regular") not in self.faces:
            return self
        view = self._views.get(name)
        if view is None:
            faces: dict[tuple[str, str], FontFace] = {}
            for (role, style), face in self.faces.items():
                if role == HANS:
                    if simplified:
                        faces[(script.CJK, style)] = FontFace(
                            face.key, script.CJK, style, face.path
                        )
                elif role == script.CJK and simplified:
                    faces[(FALLBACK, style)] = FontFace(face.key, FALLBACK, style, face.path)
                else:
                    faces[(role, style)] = face
            order = [script.LATIN, script.CJK, FALLBACK]  # fallback last
            ranked = sorted(faces.items(), key=lambda kv: _rank(order, kv[0][0]))
            view = self._views[name] = FontRegistry(dict(ranked), self._cmaps)
        return view

    def face(self, role: str, bold: bool = False, italic: bool = False) -> FontFace:
        """The face for ``role`` in the nearest available style (looked up once per style:
        layout asks for every run of every paragraph)."""
        key = (role, bold, italic)
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = self._nearest(role, bold, italic)
        return chosen

    def _nearest(self, role: str, bold: bool, italic: bool) -> FontFace:
        wanted = _style(bold, italic)
        for style in (wanted, _style(bold, False), _style(False, italic), "regular"):
            if (role, style) in self.faces:
                return self.faces[(role, style)]
        other = script.LATIN if role == script.CJK else script.CJK
        return self.face(other, bold, italic) if (other, "regular") in self.faces else _none(role)

    def family(self, role: str) -> str:
        """The family name in the font's name table (what Word shows)."""
        return family_name(self.face(role).path)  # cached per file

    def cmap(self, face: FontFace) -> frozenset[int]:
        if face.key not in self._cmaps:
            self._cmaps[face.key] = read_cmap(face.path)
        return self._cmaps[face.key]

    def covers(self, face: FontFace, ch: str) -> bool:
        return ch in INVISIBLE or ord(ch) in self.cmap(face)

    def split(
        self, text: str, bold: bool = False, italic: bool = False
    ) -> list[tuple[str, FontFace]]:
        """Per-character font selection: (substring, face) runs for ``text``."""
        out: list[tuple[str, FontFace]] = []
        for part, role in script.segment(text):
            first = self.face(role, bold, italic)
            cmap = self.cmap(first)
            if cmap.issuperset(map(ord, part)):  # the usual case: one face draws the whole run
                pieces = [(part, first)]
            else:
                pieces = [(ch, self._pick(ch, role, bold, italic)) for ch in part]
            for piece, face in pieces:
                if out and out[-1][1] is face:
                    out[-1] = (out[-1][0] + piece, face)
                else:
                    out.append((piece, face))
        return out

    def _pick(self, ch: str, role: str, bold: bool, italic: bool) -> FontFace:
        first = self.face(role, bold, italic)
        if self.covers(first, ch):
            return first
        for other in self._roles:
            face = self.face(other, bold, italic)
            if self.covers(face, ch):
                return face
        return first

    @cached_property
    def identity(self) -> str:
        """Which faces take which role and style (with :meth:`split`'s input and the
        font files, what decides its output)."""
        return repr([(key, face.key, str(face.path)) for key, face in self.faces.items()])

    @cached_property
    def by_key(self) -> dict[str, FontFace]:
        """The faces by their keys (the font names the writers use)."""
        return {face.key: face for face in self.faces.values()}

    @cached_property
    def _roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(role for role, _ in self.faces))

    @cached_property
    def _drawable(self) -> frozenset[int]:
        """Code points some role's regular face draws (what :meth:`missing` accepts)."""
        return frozenset().union(*(self.cmap(self.face(role)) for role in self._roles))

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` that no configured face can draw, in order, once each."""
        codes = set(map(ord, set(text))).difference(self._drawable)  # set operations, in C
        if not codes:  # the usual case
            return []
        seen = {chr(code) for code in codes}.difference(INVISIBLE)
        return sorted(seen, key=text.index)

    def style_gaps(self, text: str) -> dict[str, list[str]]:
        """Characters of ``text`` that some configured face can draw but that the face
        :meth:`split` gives them in a style cannot: {style: characters}. What each PDF
        line and each DOCX run in that style (a heading is bold, a quote italic) needs,
        beyond :meth:`missing`; a DOCX run would leave them to Word's fallback."""
        segments = script.segment(text)  # once: each style's split starts from the same runs
        # runs the run's own face draws in every style need no look per style (most runs)
        segments = [
            (part, role)
            for part, role in segments
            if not self._every_style(role).issuperset(map(ord, part))
        ]
        if not segments:
            return {}
        missing = set(self.missing(text))
        gaps: dict[str, list[str]] = {}
        for style in STYLES:
            bold, italic = style in ("bold", "bold-italic"), style in ("italic", "bold-italic")
            for part, role in segments:
                # the face split() gives each character of the run (the run's own face
                # when it draws the whole run: the usual case, checked in C)
                own = self.cmap(self.face(role, bold, italic))
                if own.issuperset(map(ord, part)):
                    continue
                for ch in part:
                    if ord(ch) in own:
                        continue  # the run's own face draws it (what _pick gives it)
                    face = self._pick(ch, role, bold, italic)
                    if ch in missing or ch in INVISIBLE or ord(ch) in self.cmap(face):
                        continue
                    found = gaps.setdefault(style, [])
                    if ch not in found:
                        found.append(ch)
        return gaps

    def _every_style(self, role: str) -> frozenset[int]:
        """The code points the faces of ``role`` draw in every style (as :meth:`face`
        picks them)."""
        found = self._all_styles.get(role)
        if found is None:
            cmaps = [self.cmap(self.face(role, s in _BOLD, s in _ITALIC)) for s in STYLES]
            first, *others = {id(c): c for c in cmaps}.values()  # a style may share a face
            if all(other == first for other in others):  # the usual case: faces of a family
                found = first
            else:
                found = frozenset.intersection(first, *others)
            self._all_styles[role] = found
        return found

    def all_faces(self) -> Iterable[FontFace]:
        """The configured faces of this view (a zh-Hans view's Traditional fallback is not
        one: it is embedded only for the characters it draws)."""
        return [face for (role, _), face in self.faces.items() if role != FALLBACK]


def _rank(order: list[str], role: str) -> int:
    return order.index(role) if role in order else len(order)


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold-italic"
    )


def _none(role: str) -> FontFace:
    raise KeyError(f"no font configured for {role}")


def read_cmap(path: Path) -> frozenset[int]:
    """The code points the font's best Unicode cmap maps (as fontTools' getBestCmap).

    Read straight from the sfnt tables (formats 12 and 4): a 30 MB CJK font's cmap in a
    few milliseconds, where fontTools builds a Python dict of every mapping (~0.12 s).
    Anything unusual (collections, other formats) goes to fontTools.
    """
    try:
        before = os.stat(path)
    except OSError:
        before = None
    if before is not None:
        ident = (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns)
        cached = fontcache.load("cmap", str(path), ident, _CMAP_VERSION)
        if cached is not None and isinstance(cached.get("codes"), frozenset):
            return cached["codes"]
    try:
        codes = _read_cmap_fast(path)
    except (OSError, struct.error, ValueError):
        codes = None
    if codes is not None:
        try:
            after = os.stat(path)
        except OSError:
            after = None
        if before is not None and after is not None and _same(before, after):
            fontcache.store("cmap", str(path), ident, _CMAP_VERSION, {"codes": codes})
        return codes
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


_CMAP_VERSION = "cmap 1"  # the reader's version, in the cache key


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (
        b.st_dev,
        b.st_ino,
        b.st_size,
        b.st_mtime_ns,
    )


# fontTools' getBestCmap preference order
_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _read_cmap_fast(path: Path) -> frozenset[int] | None:
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] == b"ttcf":
            return None
        (count,) = struct.unpack(">H", head[4:6])
        directory = fh.read(16 * count)
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag == b"cmap":
                fh.seek(offset)
                data = fh.read(length)
                break
        else:
            return None
    (n,) = struct.unpack_from(">H", data, 2)
    tables = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * i)
        tables.setdefault((platform, encoding), offset)
    for key in _CMAP_PREFERENCE:
        if key in tables:
            offset = tables[key]
            (fmt,) = struct.unpack_from(">H", data, offset)
            if fmt == 12:
                return _format12(data, offset)
            if fmt == 4:
                return _format4(data, offset)
            return None
    return None


def format12_groups(data: bytes, offset: int) -> list[tuple[int, int, int]]:
    """(first code, last code, first glyph) of each group of a format-12 cmap subtable."""
    (count,) = struct.unpack_from(">I", data, offset + 12)
    return list(struct.iter_unpack(">III", data[offset + 16 : offset + 16 + 12 * count]))


Format4 = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...], int]


def format4_segments(data: bytes, offset: int) -> Format4:
    """(ends, starts, deltas, range offsets, where the range offsets start) of a format-4
    cmap subtable; deltas unsigned (glyph ids are computed modulo 65536)."""
    (seg2,) = struct.unpack_from(">H", data, offset + 6)
    n = seg2 // 2
    ends = struct.unpack_from(f">{n}H", data, offset + 14)
    starts = struct.unpack_from(f">{n}H", data, offset + 16 + seg2)
    deltas = struct.unpack_from(f">{n}H", data, offset + 16 + 2 * seg2)
    ranges_at = offset + 16 + 3 * seg2
    ranges = struct.unpack_from(f">{n}H", data, ranges_at)
    return ends, starts, deltas, ranges, ranges_at


def _format12(data: bytes, offset: int) -> frozenset[int]:
    codes: set[int] = set()
    for start, end, _ in format12_groups(data, offset):
        if start <= end <= 0x10FFFF:  # a damaged group never maps billions of code points
            codes.update(range(start, end + 1))
    return frozenset(codes)


def _format4(data: bytes, offset: int) -> frozenset[int]:
    ends, starts, deltas, ranges, range_at = format4_segments(data, offset)
    codes: set[int] = set()
    for i in range(len(ends)):
        start, end = starts[i], ends[i]
        if start == 0xFFFF:
            continue
        if ranges[i] == 0:
            codes.update(c for c in range(start, end + 1) if (c + deltas[i]) & 0xFFFF)
            continue
        for c in range(start, end + 1):
            at = range_at + 2 * i + ranges[i] + 2 * (c - start)
            (glyph,) = struct.unpack_from(">H", data, at)
            if glyph and (glyph + deltas[i]) & 0xFFFF:
                codes.add(c)
    return frozenset(codes)


def family_name(path: Path) -> str:
    """The font's family name; read once per file version (``watch`` builds in one process)."""
    stat = path.stat()
    return _family_name(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _family_name(path: Path, _mtime_ns: int, _size: int) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return str(font["name"].getBestFamilyName())
