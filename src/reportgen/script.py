"""Script segmentation, in one place: which run of text is CJK and which Latin.

Both writers and the line breaker use this. Characters whose form depends on the
language around them (dashes, ellipses, curly quotes, middle dot) and spaces take
the script of their neighbours, so "——" in Chinese is set in the CJK face and
"—" in English in the Latin face.
"""

from __future__ import annotations

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


def classify(text: str) -> list[str]:
    """The script of every character of ``text``."""
    kinds: list[str | None] = [
        None if ch in AMBIGUOUS else (CJK if is_cjk(ch) else LATIN) for ch in text
    ]
    _fill(kinds)
    return [k or LATIN for k in kinds]


def _fill(kinds: list[str | None]) -> None:
    last: str | None = None
    pending: list[int] = []
    for i, kind in enumerate(kinds):
        if kind is None:
            pending.append(i)
            continue
        for j in pending:
            kinds[j] = last or kind
        pending = []
        last = kind
    for j in pending:
        kinds[j] = last


def segment(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into maximal (substring, script) runs."""
    out: list[tuple[str, str]] = []
    start = 0
    kinds = classify(text)
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start]:
            out.append((text[start:i], kinds[start]))
            start = i
    return out


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)
