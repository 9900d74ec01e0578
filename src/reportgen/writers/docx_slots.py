"""Which of a run's font slots Word draws a character from (ascii, hAnsi, eastAsia).

Word picks the font of each character of a run by its code point, not by the font's
glyphs ([MS-OI29500] §2.1.88, on ECMA-376 Part 1 §17.3.2.26 ``rFonts``): Basic Latin is
drawn from ``w:ascii``, CJK from ``w:eastAsia``, and a set of shared symbol blocks (general
punctuation, arrows, geometric shapes such as ○ U+25CB…) from ``w:hAnsi`` unless the run
says ``w:hint="eastAsia"``. Some Latin letters follow the hint only when the run's language
is Chinese; those are reported as :data:`EITHER`, and the writer names the font of every
slot on a run holding one, so the result does not depend on it.
"""

from __future__ import annotations

import re

from .. import script

ASCII = "ascii"
HANSI = "hAnsi"
EAST_ASIA = "eastAsia"
EITHER = "either"  # eastAsia or hAnsi, by the run's language: never left to Word

# Latin-1 characters that follow the eastAsia hint (A1, A4, A7-A8, AA, AD, AF, B0-B4,
# B6-BA, BC-BF, D7, F7)
_LATIN1_HINTED = frozenset(
    [0xA1, 0xA4, 0xA7, 0xA8, 0xAA, 0xAD, 0xAF, 0xD7, 0xF7]
    + list(range(0xB0, 0xB5))
    + list(range(0xB6, 0xBB))
    + list(range(0xBC, 0xC0))
)
# blocks in the hAnsi slot that a hint moves to eastAsia (start, end inclusive)
_HINTED_BLOCKS = (
    (0x0250, 0x04FF),  # IPA, spacing modifiers, combining marks, Greek, Cyrillic
    (0x2000, 0x27BF),  # punctuation, super/subscripts, currency, letterlike, number forms,
    # arrows, mathematical operators, technical, enclosed alphanumerics, box drawing,
    # blocks, geometric shapes, miscellaneous symbols, dingbats
    (0xE000, 0xF8FF),  # private use
    (0xFB00, 0xFB4F),  # alphabetic presentation forms
)
# Latin letters that follow the hint only in a Chinese-language run
_LANG_DEPENDENT = ((0x00E0, 0x00FC), (0x0100, 0x024F), (0x1E00, 0x1EFF))


def slot(ch: str, hint_east_asia: bool) -> str:
    """The slot Word draws ``ch`` from in a run with or without ``w:hint="eastAsia"``."""
    cp = ord(ch)
    if cp < 0x80:
        return ASCII
    if cp >= 0x10000 or script.is_cjk(ch):
        return EAST_ASIA  # CJK blocks and every supplementary-plane character (surrogates)
    if not hint_east_asia:
        return HANSI
    if cp <= 0xFF and cp in _LATIN1_HINTED:
        return EAST_ASIA
    if any(lo <= cp <= hi for lo, hi in _HINTED_BLOCKS):
        return EAST_ASIA
    if any(lo <= cp <= hi for lo, hi in _LANG_DEPENDENT):
        return EITHER
    return HANSI


# characters Word always takes from the eastAsia slot (and everything else), as regex classes
_ALWAYS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in script._CJK_RANGES) + "\U00010000-\U0010ffff"
_ALWAYS_EAST = re.compile(f"[{_ALWAYS}]+")  # one class compiled (a few ms each)


def needs_hint(text: str) -> bool:
    """Whether a run of ``text`` set in the East Asian face needs ``w:hint="eastAsia"``."""
    return bool(text) and _ALWAYS_EAST.fullmatch(text) is None


def fits(text: str, east_asian_face: bool) -> bool:
    """Whether every character of ``text`` lands in the slot of its face when the slots are
    left to the styles (Latin face in ascii/hAnsi, CJK face in eastAsia, with the hint)."""
    if east_asian_face:  # usually all CJK: only the others are looked up
        return all(slot(ch, True) == EAST_ASIA for ch in _ALWAYS_EAST.sub("", text))
    return _ALWAYS_EAST.search(text) is None
