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

from ..fonts import FontFace, FontRegistry, family_name
from ..script import CJK
from . import docx_slots


@dataclass(frozen=True)
class Piece:
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

    def pieces(self, text: str, bold: bool = False, italic: bool = False) -> list[Piece]:
        out: list[Piece] = []
        for part, face in self.registry.split(text, bold, italic):
            self.chars.setdefault(face, set()).update(part)
            east = face.role == CJK
            fits = docx_slots.fits(part, east)
            out.append(
                Piece(
                    part,
                    face,
                    hint=east and fits and docx_slots.needs_hint(part),
                    direct="" if fits else family_name(face.path),
                    upright=italic and not face.italic,
                )
            )
        return out

    def need(self, text: str, bold: bool = False, italic: bool = False) -> None:
        """Record ``text`` as set in these faces without writing it (what a field or a
        contents update in Word or LibreOffice will set)."""
        for part, face in self.registry.split(text, bold, italic):
            self.chars.setdefault(face, set()).update(part)
