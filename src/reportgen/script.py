"""Script segmentation, in one place: which run of text is CJK and which Latin.

Both writers and the line breaker use this. Characters whose form depends on the
language around them (dashes, ellipses, curly quotes, middle dot) and spaces take
the script of their neighbours, so "——" in Chinese is set in the CJK face and
"—" in English in the Latin face.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

CJK = "cjk"
LATIN = "latin"

_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi
    (0x2FF0, 0x303F),  # ideographic description, CJK symbols and punctuation
    (0x3040, 0x31FF),  # kana, bopomofo, Hangul compatibility, kanbun, CJK strokes
    (0x3200, 0x4DBF),  # enclosed CJK, compatibility, Extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small forms
    (0xFF00, 0xFF60),  # full-width forms
    (0xFFE0, 0xFFE6),
    (0x20000, 0x3FFFF),  # Extensions B-H, compatibility supplement (Hong Kong characters)
)
# Characters whose face follows the text around them.
AMBIGUOUS = frozenset("\u2014\u2015\u2026\u00b7\u2018\u2019\u201c\u201d\u2022\u2027\u2013\u00a0 ")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x1100:  # Latin, Greek, Cyrillic...: most calls
        return False
    if 0x4E00 <= cp <= 0x9FFF:  # unified ideographs: most of the rest
        return True
    for lo, hi in _CJK_RANGES:
        if cp < lo:
            return False
        if cp <= hi:
            return True
    return False


def is_han(ch: str) -> bool:
    """A Han ideograph (not punctuation), for the Han–Latin spacing rule."""
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
    )


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08X}-\\U{hi:08X}" for lo, hi in ranges)


# The same sets as regular-expression classes: whole runs are classified at C speed.
# Python's re builds a class code point by code point, ~1.7 ms for CJK_CLASS's 41 000 BMP
# code points each time it occurs in a compiled pattern (twice for a pattern that is the
# class alone, for the search prefix): has_cjk(), segment() and the line breaker share
# _CJK_RUN, and the ambiguous class is small.
CJK_CLASS = _char_class(_CJK_RANGES)
_AMBIGUOUS_CLASS = "".join(f"\\U{ord(ch):08X}" for ch in sorted(AMBIGUOUS))
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_AMBIGUOUS_SPLIT = re.compile(f"([{_AMBIGUOUS_CLASS}]+)")


def cjk_runs(text: str) -> Iterator[re.Match[str]]:
    """The maximal runs of CJK characters in ``text``, in order."""
    return _CJK_RUN.finditer(text)


def classify(text: str) -> list[str]:
    """The script of every character of ``text``."""
    return [kind for part, kind in segment(text) for _ in part]


def _runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` as maximal runs of CJK, of ambiguous (None) and of other (Latin)
    characters."""
    runs: list[tuple[str, str | None]] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        start, end = m.span()
        if start > pos:
            _add_non_cjk(text[pos:start], runs)
        runs.append((m.group(), CJK))
        pos = end
    if pos < len(text):
        _add_non_cjk(text[pos:], runs)
    return runs


def _add_non_cjk(text: str, runs: list[tuple[str, str | None]]) -> None:
    """Latin and ambiguous runs alternate in ``text``: Latin at the even places."""
    for i, part in enumerate(_AMBIGUOUS_SPLIT.split(text)):
        if part:
            runs.append((part, None if i % 2 else LATIN))


def segment(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into maximal (substring, script) runs.

    Characters whose form follows the text around them take the script of the run before
    them, else of the run after them, else Latin."""
    if not has_cjk(text):  # the usual case (English): one Latin run
        return [(text, LATIN)] if text else []
    out: list[tuple[str, str]] = []
    pending = ""  # an ambiguous run (runs alternate, so at most one waits)
    for part, kind in _runs(text):
        if kind is None:
            pending = part
            continue
        if pending:
            if out:  # the run before takes it
                out[-1] = (out[-1][0] + pending, out[-1][1])
            else:  # nothing before: the run after
                part = pending + part
            pending = ""
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + part, kind)
        else:
            out.append((part, kind))
    if pending and out:
        out[-1] = (out[-1][0] + pending, out[-1][1])
    elif pending:
        out.append((pending, LATIN))
    return out


def has_cjk(text: str) -> bool:
    # isascii() is a flag of the string: most English text is answered without a search
    return not text.isascii() and _CJK_RUN.search(text) is not None


_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"  # is_han


@cache
def _han_latin() -> re.Pattern[str]:
    """A Han ideograph next to a letter or digit that is not CJK (compiled when first
    used: the CJK class costs ~2 ms to compile)."""
    latin = rf"(?![{CJK_CLASS}])[^\W_]"  # str.isalnum() and not is_cjk()
    return re.compile(rf"[{_HAN_CLASS}]{latin}|{latin}[{_HAN_CLASS}]")


def han_next_to_latin(text: str) -> bool:
    """Whether a Han ideograph touches a Latin letter or digit (or another non-CJK letter
    or digit) somewhere in ``text``: where layout adds the Han–Latin space (CLREQ 3.4)."""
    return _han_latin().search(text) is not None
