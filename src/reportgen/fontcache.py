"""Parsed fonts kept between processes (the user's cache folder).

reportlab parses a TrueType file in pure Python when it is registered: ~0.09 s of CPU
for each 30 MB CJK face, paid by every build. What the parse yields (metrics, the
character → glyph and width tables, the small tables a subset is cut from) is stored
here once per font file and read back in a few milliseconds.

* Where: ``$XDG_CACHE_HOME/reportgen/fonts`` (else ``~/.cache/reportgen/fonts``);
  ``REPORTGEN_CACHE_DIR`` overrides the folder and ``REPORTGEN_NO_CACHE=1`` turns the
  cache off.
* Keyed by the file (device, inode, size, modification time), the cache format, and the
  versions of Python and reportlab: an edited, replaced or re-linked font, or another
  reportlab, is parsed again. The entry also records the file's identity and is checked
  against it when read. Hard links to one file (projects that link the same fonts) share
  one entry; the path is the one being loaded, not the one the entry was made from.
* Stored with :mod:`marshal` (plain ints, strings, bytes, lists, dicts), never pickle:
  reading an entry cannot run code. A missing, unreadable, truncated or otherwise bad
  entry is ignored (and removed), and the font is parsed as without a cache; a cache
  folder that cannot be written is simply not used.
* At most :data:`MAX_ENTRIES` entries are kept (the oldest are removed on store).
* Small verdicts about other files use the same entries in a folder of their own beside
  ``fonts`` (:data:`FOLDERS`: the checks of attached PDFs), so that many of them never
  push a parsed font out.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

FORMAT = 1
MAGIC = b"RGFC"
MAX_ENTRIES = 64
Identity = tuple[int, ...]  # st_dev, st_ino, st_size, st_mtime_ns (a kind may add more)
FOLDERS = {"attachment": ("attachments", 256)}  # kind -> (sibling folder, entries kept)


PROJECT_CACHE = ".reportgen-cache"  # a project's own cache folder: what holds its text


def caching_off() -> bool:
    """``REPORTGEN_NO_CACHE`` is set (to anything but 0): no cache is read or written."""
    return os.environ.get("REPORTGEN_NO_CACHE", "").strip() not in ("", "0")


def project_cache(root: Path | None, name: str) -> Path | None:
    """File ``name`` in the project's own cache folder, or None when caching is off."""
    return None if root is None or caching_off() else root / PROJECT_CACHE / name


def cache_dir() -> Path | None:
    """The font cache folder, or None when caching is turned off."""
    if caching_off():
        return None
    explicit = os.environ.get("REPORTGEN_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit) / "fonts"
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "reportgen" / "fonts"


def identity(fd: int) -> Identity:
    st = os.fstat(fd)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _entry(kind: str, ident: Identity, versions: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    if kind in FOLDERS:
        folder = folder.parent / FOLDERS[kind][0]
    py = ".".join(map(str, sys.version_info[:3]))
    key = f"{FORMAT}|{kind}|{versions}|{py}|{sys.implementation.name}|{ident}"
    return folder / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}.bin"


def load(kind: str, path: str, ident: Identity, versions: str) -> dict[str, Any] | None:
    """The cached state for (``kind``, the file with ``ident``), or None."""
    entry = _entry(kind, ident, versions)
    if entry is None:
        return None
    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    try:
        if raw[:4] != MAGIC:
            raise ValueError("not a font cache entry")
        state = marshal.loads(raw[4:])
        if not isinstance(state, dict) or tuple(state.get("__identity__", ())) != ident:
            raise ValueError("entry for another file")
        return state
    except Exception:  # noqa: BLE001 - any bad entry is discarded, never fatal
        with contextlib.suppress(OSError):
            entry.unlink()
        return None


def store(kind: str, path: str, ident: Identity, versions: str, state: dict[str, Any]) -> bool:
    """Write ``state`` for the file; False (and nothing written) when it cannot be."""
    entry = _entry(kind, ident, versions)
    if entry is None:
        return False
    try:
        data = MAGIC + marshal.dumps({**state, "__path__": path, "__identity__": ident})
        write_entry(entry, data, FOLDERS[kind][1] if kind in FOLDERS else MAX_ENTRIES)
        return True
    except (OSError, ValueError):
        return False


def write_entry(entry: Path, data: bytes, keep: int) -> None:
    """Write a cache entry whole (temp file, rename: readers never see half of it), then
    keep the ``keep`` newest entries of its folder. Raises OSError."""
    import tempfile  # only when writing: a run that finds everything cached never needs it

    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=entry.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    prune(entry.parent, entry.suffix, keep)


def prune(folder: Path, suffix: str, keep: int) -> None:
    """Keep the ``keep`` newest ``*suffix`` entries of a cache folder (best effort)."""
    try:
        entries = [p for p in folder.iterdir() if p.suffix == suffix and p.name[0] != "."]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda p: p.stat().st_mtime_ns)
        for old in entries[: len(entries) - keep]:
            old.unlink()
    except OSError:
        pass


def code_stamp(*modules: str) -> str:
    """The installed versions of ``modules`` (reportgen's own or libraries), for a cache
    key, found without importing them: each module file's path, size and modification
    time (an upgrade or an edit rewrites it)."""
    import importlib.util

    parts = []
    for name in modules:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec else None
            st = os.stat(origin) if origin else None
        except (ImportError, ValueError, OSError):
            st = None
        parts.append(f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}" if st else f"{name}:-")
    return "|".join(parts)
