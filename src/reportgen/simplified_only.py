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
import importlib.util
import os
from pathlib import Path

from . import fontcache


def in_big5(ch: str) -> bool:
    try:
        ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def simplified_only() -> dict[str, str]:
    """Simplified-only character -> its Traditional form(s), '/'-separated.

    Made from OpenCC's table in ~5 ms of CPU, paid by every ``check``: kept in the cache
    (:mod:`reportgen.fontcache`, kind ``simplified-only``) keyed by the table file's
    identity and this module's version; OpenCC is found without importing it."""
    path = table_path()
    try:
        st = os.stat(path)
    except OSError:
        return _read(path)
    ident = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    versions = f"{_VERSION}|{fontcache.code_stamp('reportgen.simplified_only')}"
    cached = fontcache.load(_KIND, str(path), ident, versions)
    table = cached.get("table") if cached is not None else None
    if isinstance(table, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        return table
    table = _read(path)
    fontcache.store(_KIND, str(path), ident, versions, {"table": table})
    return table


_KIND = "simplified-only"
_VERSION = "simplified-only 1"  # what the table holds, in the cache key: change it with it


def table_path() -> Path:
    """OpenCC's Simplified -> Traditional character table (its package not imported)."""
    spec = importlib.util.find_spec("opencc")
    if spec is not None and spec.origin:
        return Path(spec.origin).parent / "dictionary" / "STCharacters.txt"
    import opencc  # pragma: no cover - a namespace package or a zip: ask the module

    return Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"


def _read(path: Path) -> dict[str, str]:
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
