"""The font registry that both writers use.

Faces come from the project's configuration, by role (``latin``, ``cjk``) and
style. The registry answers which face sets a character (per-character
selection, with fallback to any face that has the glyph) and which characters no
face can draw (the ``missing-glyph`` diagnostic).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import script

STYLES = ("regular", "bold", "italic", "bold-italic")
ROLES = (script.LATIN, script.CJK)
# Characters never drawn as glyphs (line breaks, zero-width marks).
INVISIBLE = frozenset("\n\r\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass(frozen=True)
class FontFace:
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
    faces: dict[tuple[str, str], FontFace]
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(cls, root: Path, config: Mapping[str, Mapping[str, str]]) -> FontRegistry:
        faces: dict[tuple[str, str], FontFace] = {}
        for role, styles in config.items():
            for style, rel in styles.items():
                path = (root / rel).resolve()
                faces[(role, style)] = FontFace(f"{role}-{style}-{path.stem}", role, style, path)
        return cls(faces)

    def face(self, role: str, bold: bool = False, italic: bool = False) -> FontFace:
        """The face for ``role`` in the nearest available style."""
        wanted = _style(bold, italic)
        for style in (wanted, _style(bold, False), _style(False, italic), "regular"):
            if (role, style) in self.faces:
                return self.faces[(role, style)]
        other = script.LATIN if role == script.CJK else script.CJK
        return self.face(other, bold, italic) if (other, "regular") in self.faces else _none(role)

    def family(self, role: str) -> str:
        """The family name in the font's name table (what Word shows)."""
        return family_name(self.face(role).path)

    def cmap(self, face: FontFace) -> frozenset[int]:
        if face.key not in self._cmaps:
            self._cmaps[face.key] = read_cmap(face.path)
        return self._cmaps[face.key]

    def covers(self, face: FontFace, ch: str) -> bool:
        return ch in INVISIBLE or ord(ch) in self.cmap(face)

    def split(self, text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, FontFace]]:
        """Per-character font selection: (substring, face) runs for ``text``."""
        out: list[tuple[str, FontFace]] = []
        for part, role in script.segment(text):
            for ch in part:
                face = self._pick(ch, role, bold, italic)
                if out and out[-1][1] == face:
                    out[-1] = (out[-1][0] + ch, face)
                else:
                    out.append((ch, face))
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
    def _roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(role for role, _ in self.faces))

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` that no configured face can draw, in order, once each."""
        seen: dict[str, None] = {}
        for ch in set(text):
            if ch in INVISIBLE or ch in seen:
                continue
            if not any(self.covers(self.face(role), ch) for role in self._roles):
                seen[ch] = None
        return sorted(seen, key=text.index)

    def all_faces(self) -> Iterable[FontFace]:
        return self.faces.values()


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
        (bold, italic), "bold-italic"
    )


def _none(role: str) -> FontFace:
    raise KeyError(f"no font configured for {role}")


def read_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


def family_name(path: Path) -> str:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return str(font["name"].getBestFamilyName())
