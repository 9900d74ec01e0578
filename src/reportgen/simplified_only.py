"""Characters that are only Simplified: the ``simplified`` check's list.

A character is Simplified-only when OpenCC's Simplified → Traditional table maps
it to other characters and Big5 (the Traditional Chinese repertoire, Python's
``cp950``) does not have it. This is a list, not a conversion table: 群, 峰, 只,
后 and 台 are in Big5 and are standard Traditional characters, so they are never
reported, while 简, 发 and 们 are. (Big5-HKSCS also encodes some Simplified
forms, such as 发 and 国, for Hong Kong names; they are still reported: Hong Kong
prose writes 發 and 國.)
"""

from __future__ import annotations

import functools
from pathlib import Path


def in_big5(ch: str) -> bool:
    try:
        ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def simplified_only() -> dict[str, str]:
    """Simplified-only character -> its Traditional form(s), '/'-separated."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        forms = values.split()
        if len(key) == 1 and forms and key not in forms and not in_big5(key):
            out[key] = "/".join(forms)
    return out


def simplified_chars(text: str) -> list[tuple[str, str]]:
    """The Simplified-only characters in ``text`` (first occurrence each), with their
    Traditional forms: [('简', '簡'), ...]."""
    table = simplified_only()
    found: dict[str, str] = {}
    for ch in text:
        if ch in table and ch not in found:
            found[ch] = table[ch]
    return list(found.items())
