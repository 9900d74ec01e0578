"""Checks known to pass, kept between runs (the user's cache folder).

Some of ``check``'s work gives the same answer as long as its inputs are the same, and
almost always finds nothing: a bilingual edition aligns (:mod:`reportgen.check_align`),
a document's zh-Hans text has every glyph and stays in the Simplified repertoire
(:mod:`reportgen.check`). Each such check makes a key, a SHA-256 of everything it
reads (the caller's job: file contents or the data read from them, the fonts' identities,
the versions of the code and libraries, :func:`reportgen.fontcache.code_stamp`), and
asks here whether that key passed before.

* Only a pass is kept, and only as its key: a check that finds something runs again next
  time (its diagnostics always come from the files as they are), and nothing of a
  project's text is written to the cache.
* Where: ``verdicts`` beside the font cache folder (``REPORTGEN_CACHE_DIR``,
  ``XDG_CACHE_HOME``, ``REPORTGEN_NO_CACHE=1`` apply); at most :data:`MAX_ENTRIES`.
* An entry is its kind and key, read back and compared: anything else (a truncated or
  foreign file) is a miss. A folder that cannot be written is not used.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from . import fontcache

FORMAT = b"RGVD1"
MAX_ENTRIES = 512


def folder() -> Path | None:
    base = fontcache.cache_dir()
    return None if base is None else base.parent / "verdicts"


def enabled() -> bool:
    """Whether passes are kept at all (no cache folder: the callers make no keys)."""
    return folder() is not None


def key(*parts: bytes | str) -> str:
    """A key of ``parts`` (each length-prefixed: no two lists of parts share a key)."""
    digest = hashlib.sha256(FORMAT)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(b"%d\x00" % len(data))
        digest.update(data)
    return digest.hexdigest()[:40]


def file_stamp(paths: Iterable[Path | None]) -> str:
    """Which files these are (device, inode, size, modification time; as the font cache
    tells font files apart): an edited or replaced file gives another stamp, a missing one
    its own. For big files replaced whole (fonts)."""
    out = []
    for path in paths:
        try:
            st = os.stat(path) if path is not None else None
        except OSError:
            st = None
        ident = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) if st else "-"
        out.append(f"{path}:{ident}")
    return "|".join(out)


def file_digest(paths: Iterable[Path | None], limit: int = 10_000_000) -> str:
    """What these small files hold (SHA-256; '-' for one missing or not a regular file,
    never waited on): for files edited in place (overrides, glossary)."""
    from .safe_read import read_limited

    out = []
    for path in paths:
        try:
            data = read_limited(path, limit) if path is not None else None
        except OSError:
            data = None
        out.append(f"{path}:{hashlib.sha256(data).hexdigest() if data is not None else '-'}")
    return "|".join(out)


def passed(kind: str, found: str) -> bool:
    """Whether the check ``kind`` passed before for key ``found`` ('' never did)."""
    base = folder()
    if not found or base is None:
        return False
    try:
        return (base / f"{kind}-{found}.bin").read_bytes() == _content(kind, found)
    except OSError:
        return False


def remember(kind: str, found: str) -> None:
    """Record that the check ``kind`` passed for key ``found``."""
    base = folder()
    if not found or base is None:
        return
    try:
        fontcache.write_entry(base / f"{kind}-{found}.bin", _content(kind, found), MAX_ENTRIES)
    except OSError:
        pass  # a cache that cannot be written is not used


def _content(kind: str, found: str) -> bytes:
    return FORMAT + f"{kind}:{found}".encode()
