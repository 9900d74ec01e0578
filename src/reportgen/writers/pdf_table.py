"""The PDF writer's tables (programme, delegations, and the two columns of every list):
reportlab's ``Table``, its rules artifacts (:class:`.pdf_tags.RuledTable`), measured
once per room.

reportlab measures a whole table again (every cell wrapped, every row summed, spans and
no-split ranges worked out) on every ``wrap`` and ``split``. A table inside a bilingual
pair is measured with the same room again and again: the pair measures both halves to
place them, the frame asks again, and again on drawing (336 of the 634 measurements of
the bench project's 1x bilingual PDF repeated the one before). The measurement depends
only on the room, the cells and the styles, and a table's cells and styles do not change
once it is built (a split makes new tables), so a measurement for the room measured last
is kept.
"""

from __future__ import annotations

from .pdf_tags import RuledTable


class Table(RuledTable):
    """A :class:`RuledTable` that does not measure again for the room it measured last."""

    _room: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803
        room = (availWidth, availHeight)
        if room != self._room:
            super()._calc(availWidth, availHeight)
            self._room = room
