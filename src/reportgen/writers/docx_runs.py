"""Per-character font assignment for DOCX runs, as the PDF writer does it.

The text of a run is split by the font registry (:meth:`FontRegistry.split`: script
segmentation, then the face that has each glyph, in one place for both writers). Each
piece becomes a Word run whose font Word finds in a slot that names that face:

- a piece in the CJK face is marked ``w:hint="eastAsia"`` when it holds characters Word
  would otherwise take from the Latin slot (○, →, ——, “”), so they come from the CJK
  face, as in the PDF;
- a piece whose characters Word would not put in its face's slot even so (a Latin letter
  drawn by the CJK face, a CJK character drawn by the Latin one) names its face in every
  slot, directly on the run: the only direct font formatting the writer does;
- italic applies to Latin only: a CJK piece in italic text is set upright (``w:i`` off),
  as the PDF draws it (Chinese is never slanted).

The faces' characters are collected on the way: each embedded face is subset to what it
sets, nothing more (the bold CJK face carries the bold text's characters only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import script
from ..fonts import FontFace, FontRegistry
from ..script import CJK, LATIN
from . import docx_slots
from .docx_fontfacts import family


@dataclass(frozen=True)
class Piece:
    """A piece of a run set in one face, with how the DOCX names it."""

    text: str
    face: FontFace
    hint: bool  # w:hint="eastAsia"
    direct: str  # a family to name in every slot, or ""
    upright: bool  # italic text, but this face is not italic: w:i off


@dataclass
class FaceUse:
    """Splits text into :class:`Piece` runs and records each face's characters."""

    registry: FontRegistry
    chars: dict[FontFace, set[str]] = field(default_factory=dict)
    _ascii: dict[FontFace, bool] = field(default_factory=dict, repr=False)

    def pieces(self, text: str, bold: bool = False, italic: bool = False) -> list[Piece]:
        out: list[Piece] = []
        for part, face in self._split(text, bold, italic):
            east = face.role == CJK
            hint = east and docx_slots.needs_hint(part)
            if (east or face.role == LATIN) and docx_slots.fits(part, east):
                self.chars.setdefault(face, set()).update(part)  # the usual case
                direct = ""
            else:
                direct = self._slots(part, face, hint, bold, italic)
            out.append(Piece(part, face, hint and not direct, direct, italic and not face.italic))
        return out

    def _split(self, text: str, bold: bool, italic: bool) -> list[tuple[str, FontFace]]:
        """:meth:`FontRegistry.split`, with its usual case for text without CJK (the whole
        run in the Latin face, which has every glyph) decided without segmenting it."""
        if text and not script.has_cjk(text):
            face = self.registry.face(LATIN, bold, italic)
            if text.isascii() and text.isprintable() and self._printable_ascii(face):
                return [(text, face)]  # str flags: no lookup per character
            if self.registry.cmap(face).issuperset(map(ord, text)):
                return [(text, face)]
        return self.registry.split(text, bold, italic)

    def _printable_ascii(self, face: FontFace) -> bool:
        """Whether ``face`` has every printable ASCII character (U+0020-U+007E)."""
        known = self._ascii.get(face)
        if known is None:
            known = self._ascii[face] = self.registry.cmap(face).issuperset(range(0x20, 0x7F))
        return known

    def _slots(self, part: str, face: FontFace, hint: bool, bold: bool, italic: bool) -> str:
        """Characters Word takes from another slot than ``face``'s (a space after Chinese
        comes from the Latin slot) are fine where that slot's face has them; otherwise the
        run names ``face`` in every slot (the family returned). Records who sets what."""
        used: list[tuple[FontFace, str]] = []
        for ch in part:
            slot = docx_slots.slot(ch, hint)
            role = CJK if slot == docx_slots.EAST_ASIA else LATIN
            slot_face = self.registry.face(role, bold, italic) if slot != "either" else None
            if slot_face is not face and not (
                slot_face is not None and self.registry.covers(slot_face, ch)
            ):
                self.chars.setdefault(face, set()).update(part)
                return family(face.path)
            used.append((slot_face or face, ch))
        for slot_face, ch in used:
            self.chars.setdefault(slot_face, set()).add(ch)
        return ""

    def need(self, text: str, bold: bool = False, italic: bool = False) -> None:
        """Record ``text`` as set in these faces without writing it (what a field or a
        contents update in Word or LibreOffice will set)."""
        for part, face in self.registry.split(text, bold, italic):
            self.chars.setdefault(face, set()).update(part)
