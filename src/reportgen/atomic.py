"""Write outputs atomically: a temporary file in the same folder, fsync, rename.

A failure at any point (or the process killed) leaves the old file or the
complete new one, never a half-written file. A failure removes its temporary
file; a killed process cannot, so the next write into the same folder removes
our own temporary files (``.NAME.XXXXXXXX.tmp``) that are older than a minute.
Younger ones may belong to a build running at the same time and are left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from .errors import BuildError

STALE_SECONDS = 60.0
# mkstemp's names: prefix + 8 characters from [a-z0-9_] + suffix.
_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_cleaned: set[Path] = set()


def temp_pattern_matches(name: str) -> bool:
    """True for the names of our own temporary files."""
    return bool(_TEMP.match(name))


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; raise :class:`BuildError` if the disk says no."""
    try:
        _write(path, data)
    except OSError as exc:
        raise BuildError(f"cannot write {path}: {_reason(path, exc)}") from exc


def _reason(path: Path, exc: OSError) -> str:
    """Why writing ``path`` failed, and what to do, in a few words."""
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        folder = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        return f"{folder} is a file, not a folder; choose another output folder (-o DIR)"
    if isinstance(exc, PermissionError):
        return "permission denied; choose an output folder you can write to (-o DIR)"
    return exc.strerror or type(exc).__name__


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = path.parent.resolve()
    if folder not in _cleaned:
        clean_stale(folder)
        _cleaned.add(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def cache_folder_ready(folder: Path) -> bool:
    """Whether cache files may be written in ``folder`` (made if missing): never through
    a link a project came with; our temporary files a killed run left there removed."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return False  # a folder that cannot be written is not used
    if folder.is_symlink() or not folder.is_dir():
        return False
    clean_stale(folder)
    return True


def write_cache(path: Path, data: bytes) -> bool:
    """Replace cache file ``path`` with ``data`` by rename, without fsync (a cache is not
    precious: a file a crash leaves short is refused when read); False if the folder
    cannot be written (nothing is left behind)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with open(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def clean_stale(folder: Path, max_age: float = STALE_SECONDS) -> list[Path]:
    """Remove our temporary files in ``folder`` older than ``max_age`` seconds; return them."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not temp_pattern_matches(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < max_age:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
