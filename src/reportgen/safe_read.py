"""Reading input files safely: regular files only, never more than a limit.

A content file that is a FIFO would hang a build forever, one that is a symlink to
``/dev/zero`` would be read until memory runs out, and a size checked with ``stat``
before reading can change while reading. Here the file is opened without blocking,
refused unless it is a regular file, and read up to the limit and one byte more.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class SpecialFile(OSError):
    """Not a regular file (a FIFO, a device, a socket, a folder); ``kind`` says which."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a regular file")
        self.kind = kind


class TooLarge(OSError):
    """Over the limit; ``size`` is the size found (at least limit + 1)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path} is {size:,} bytes; the limit is {limit:,}")
        self.size, self.limit = size, limit


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of regular file ``path`` (symlinks followed); raises :class:`SpecialFile`,
    :class:`TooLarge` or the OSError of opening it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:  # not os.fdopen: tests replace that to fail writes
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SpecialFile(path, file_kind(st.st_mode))
        if st.st_size > limit:
            raise TooLarge(path, st.st_size, limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path, len(data), limit)
    return data
