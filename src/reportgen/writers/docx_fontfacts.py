"""What the DOCX writer reads from a font file, kept between builds.

The family name Word knows the face by and the font table's facts (OS/2 ``fsType``,
charset, family class, pitch, PANOSE): reading them with fontTools costs its import and
the ``name``, ``OS/2`` and ``post`` tables (``post`` decodes every glyph name), about
0.05 s per build, for values that only change with the file. They are kept in the font
cache (:mod:`reportgen.fontcache`, kind ``docxfont``, keyed by the file's identity; same
location rules, ``REPORTGEN_NO_CACHE=1`` turns it off) and in this process.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import fontcache

_KIND = "docxfont"
_VERSION = "1"  # what is stored and how it is read


@dataclass(frozen=True)
class FontFacts:
    """What Word's font table says about a face."""

    family: str  # the name table's best family name (what Word shows)
    fs_type: int
    charset: str
    family_class: str
    pitch: str
    panose: str


_SEEN: dict[tuple[str, int, int], FontFacts] = {}


def facts(path: Path) -> FontFacts:
    """The facts of the font file ``path``: from this process, the cache, or the file."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = _SEEN.get(key)
    if found is None:
        found = _SEEN[key] = _cached(path)
    return found


def family(path: Path) -> str:
    return facts(path).family


def _cached(path: Path) -> FontFacts:
    try:
        with open(path, "rb") as fh:
            ident = fontcache.identity(fh.fileno())
    except OSError:
        return read(path)
    name = os.path.abspath(path)
    state = fontcache.load(_KIND, name, ident, _VERSION)
    if state is not None:
        try:
            return FontFacts(**{k: state[k] for k in FontFacts.__dataclass_fields__})
        except (KeyError, TypeError):
            pass
    found = read(path)
    fontcache.store(_KIND, name, ident, _VERSION, asdict(found))
    return found


def read(path: Path) -> FontFacts:
    """The facts, read from the file with fontTools."""
    from fontTools.ttLib import TTFont

    from ..fonts import family_name
    from .docx_embed import charset, family_class, panose_hex

    with TTFont(path, lazy=True) as font:
        os2 = font["OS/2"] if "OS/2" in font else None
        fixed = "post" in font and bool(font["post"].isFixedPitch)
        return FontFacts(
            family=family_name(path),
            fs_type=getattr(os2, "fsType", 0),
            charset=charset(getattr(os2, "ulCodePageRange1", 0)),
            family_class=family_class(os2),
            pitch="fixed" if fixed else "variable",
            panose=panose_hex(os2),
        )
