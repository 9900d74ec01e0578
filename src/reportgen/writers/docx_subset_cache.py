"""Font subsets for DOCX embedding kept between builds, by (font file, glyph set).

Subsetting a Latin face with fontTools (its kerning and ligature tables pruned) costs about
0.05-0.1 s of CPU per face, and importing fontTools' subsetter as much again: most of the
DOCX writer's time for a short document. The same font cut to the same characters gives
the same bytes, so they are stored once in the user's cache folder, next to the parsed-font
cache (:mod:`reportgen.fontcache`: same location rules, ``REPORTGEN_NO_CACHE=1`` turns
both off), and read back.

* Keyed by the font file's identity (device, inode, size, modification time), the sorted
  characters, the entry format and the fontTools version: an edited font or another
  subsetter makes a new entry.
* An entry is the subset's bytes after a header holding their SHA-256: a truncated or
  altered entry fails the check and is ignored (and removed); the subset is then made
  again. Entries are plain bytes, never unpickled or executed.
* At most :data:`MAX_ENTRIES` entries (the least recently written are removed); each face
  of a build keeps two, the subset and the subset renamed to its unique family (about
  20 MB in all).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from .. import fontcache

FORMAT = b"RGDS1"
MAX_ENTRIES = 512  # two per face and glyph set: the subset and its copy renamed (docx_embed)


def _folder() -> Path | None:
    base = fontcache.cache_dir()
    return None if base is None else base.parent / "docx-subsets"


def _entry(path: Path, chars: str, versions: str) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    st = path.stat()
    key = f"{FORMAT!r}|{versions}|{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{chars}"
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.ttf"


def cached_subset(path: Path, chars: str, versions: str, make: Callable[[], bytes]) -> bytes:
    """The subset of ``path`` to ``chars``: from the cache, else ``make()`` (and stored)."""
    try:
        entry = _entry(path, chars, versions)
    except OSError:
        entry = None
    if entry is None:
        return make()
    data = _read(entry)
    if data is not None:
        return data
    data = make()
    _write(entry, data)
    return data


def _read(entry: Path) -> bytes | None:
    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    start = len(FORMAT) + 32
    head, digest, data = raw[: len(FORMAT)], raw[len(FORMAT) : start], raw[start:]
    if head == FORMAT and len(digest) == 32 and hashlib.sha256(data).digest() == digest:
        return data
    with contextlib.suppress(OSError):
        entry.unlink()
    return None


def _write(entry: Path, data: bytes) -> None:
    try:
        fontcache.write_entry(entry, FORMAT + hashlib.sha256(data).digest() + data, MAX_ENTRIES)
    except OSError:
        pass  # a cache that cannot be written is not used
