"""Laid-out paragraphs kept between builds, in the project's own cache folder.

The line breaker (:mod:`reportgen.linebreak`) is a pure function of a paragraph's styled
fragments, its width, language and alignment, given the fonts' metrics and reportgen's
code. Most paragraphs of a document are the same from one build to the next (a user edits
a few values and builds again), so the PDF writer keeps each paragraph's lines (and
each table's column widths, worked out by measuring every word of every cell):

* per output, in ``PROJECT/.reportgen-cache/layout-<hash of document and edition>.bin``
  (in the project, like :mod:`reportgen.valuechecks.memo`: the lines hold the project's
  text, and the user cache holds nothing of a project);
* the file is read lazily: its index (key, offset, length) is read when the output's
  build starts, a paragraph's lines when the paragraph is laid out; the new file is
  written as the build goes (every entry the build used, once) and put in place when the
  output is complete: memory holds the index, never the whole file (at 25x the file is
  about 9 MB);
* keyed by a BLAKE2 digest of the exact input (the runs' text, bold and italic, the
  style's, the faces of the font registry, or every fragment's text, font and size; the
  width, language and alignment), in a file stamped with reportgen's code, reportlab's
  version and the font files' identities (:func:`stamp`): an edited paragraph, another
  width, an upgrade or a replaced font is laid out again;
* the file holds the entries its last build used, nothing more; it replaces the old one
  (by rename) only when that build laid out something the old one did not hold;
* a missing, damaged, foreign or oversized file is a miss, never an error: its index is
  bounds-checked and each entry is plain arrays and UTF-8 text checked against their
  lengths (never unpickled or unmarshalled: a project may come from anyone); a folder
  that is a link or cannot be written is not used; ``REPORTGEN_NO_CACHE=1`` turns it off.

The output is the same bytes with and without it (tested): the lines read back are the
lines the breaker made, their numbers as the same IEEE doubles.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import struct
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from .atomic import cache_folder_ready
from .fontcache import PROJECT_CACHE, project_cache
from .linebreak import Line, Placed

MAGIC = b"reportgen-layout-3\n"
FOLDER = PROJECT_CACHE
MAX_BYTES = 256_000_000
MAX_ENTRIES = 500_000  # a 1,200-page document uses ~30,000; a crafted file gets no more
_ENTRY = struct.Struct("<16sQI")  # key, offset, length
_TRAILER = struct.Struct("<QI4s")  # index offset, entries, end mark
_END = b"RGLE"

Maker = Callable[[], list[Line]]
T = TypeVar("T")
_active: LayoutMemo | None = None


class LayoutMemo:
    """The lines of one output's paragraphs: read from ``path``, the new file written as
    the build goes and put in place by :meth:`close` (``complete``)."""

    def __init__(self, path: Path | None, stamp: str) -> None:
        self.path, self.stamp = path, stamp.encode("utf-8", "surrogatepass")
        self.hits = self.misses = 0
        self._old: dict[bytes, tuple[int, int]] = {}
        self._src: BinaryIO | None = None
        self._out: BinaryIO | None = None
        self._tmp = ""
        self._new: dict[bytes, tuple[int, int]] = {}
        if path is not None:
            self._open_old(path)
            self._open_new(path)

    def lines(self, source: str, make: Maker) -> list[Line]:
        """``make()`` (the line breaker's lines for ``source``, the exact text of its
        input: fragments or runs and styles, width, language, alignment), or the lines
        kept for it."""
        return self._kept_or_made(_key(source), make, _encode, _decode)

    def widths(self, parts: str, count: int, make: Callable[[], list[float]]) -> list[float]:
        """``make()`` (``count`` column widths worked out from ``parts``, the exact text of
        everything they depend on), or the widths kept for it."""
        return self._kept_or_made(
            _key("widths\0" + parts), make, _encode_json, lambda b: _decode_widths(b, count)
        )

    def _kept_or_made(
        self,
        key: bytes,
        make: Callable[[], T],
        encode: Callable[[T], bytes | None],
        decode: Callable[[bytes], T | None],
    ) -> T:
        blob = self._kept(key)
        kept = decode(blob) if blob is not None else None
        if kept is not None:
            self.hits += 1
            self._add(key, blob)  # type: ignore[arg-type]
            return kept
        self.misses += 1
        made = make()
        blob = encode(made) if self._out is not None else None
        if blob is not None:
            self._add(key, blob)
        return made

    def close(self, complete: bool) -> None:
        """Put the new file in place if ``complete`` and it holds something the old one
        did not; else remove it."""
        if self._src is not None:
            self._src.close()
        out, self._out = self._out, None
        if out is None:
            return
        keep = complete and (self.misses > 0 or self._new.keys() != self._old.keys())
        try:
            if keep:
                _write_index(out, self._new)
            out.close()
            if keep:
                os.replace(self._tmp, self.path)  # type: ignore[arg-type]
                return
        except OSError:
            pass  # a folder that cannot be written is not used
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)

    def _kept(self, key: bytes) -> bytes | None:
        for where, src in ((self._new, self._out), (self._old, self._src)):
            found = where.get(key)
            if found is not None and src is not None:
                try:
                    if src is self._out:
                        src.flush()  # read back through the descriptor
                    return os.pread(src.fileno(), found[1], found[0])
                except OSError:
                    return None
        return None

    def _add(self, key: bytes, blob: bytes) -> None:
        out = self._out
        if out is None or key in self._new:
            return
        try:
            offset = out.tell()
            out.write(blob)
            self._new[key] = (offset, len(blob))
        except OSError:
            self.close(complete=False)

    def _open_old(self, path: Path) -> None:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return
        src = os.fdopen(fd, "rb")
        try:
            self._old = _read_index(src, self.stamp)
        except (OSError, ValueError, struct.error):
            self._old = {}
        if self._old:
            self._src = src
        else:
            src.close()

    def _open_new(self, path: Path) -> None:
        folder = path.parent
        if not cache_folder_ready(folder):
            return
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            self._out = os.fdopen(fd, "w+b")
            self._out.write(MAGIC + struct.pack("<I", len(self.stamp)) + self.stamp)
        except OSError:
            self._out = None


def _read_index(src: BinaryIO, stamp: bytes) -> dict[bytes, tuple[int, int]]:
    """The entries of a layout file whose stamp is ``stamp`` ({} for any other file)."""
    st = os.fstat(src.fileno())
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
        return {}
    head = len(MAGIC) + 4 + len(stamp)
    if src.read(head) != MAGIC + struct.pack("<I", len(stamp)) + stamp:
        return {}
    size = st.st_size
    if size < head + _TRAILER.size:
        return {}
    src.seek(size - _TRAILER.size)
    at, count, end = _TRAILER.unpack(src.read(_TRAILER.size))
    if end != _END or at < head or at + count * _ENTRY.size + _TRAILER.size != size:
        return {}
    if count > MAX_ENTRIES:
        return {}
    src.seek(at)
    index = src.read(count * _ENTRY.size)
    out = {}
    for key, offset, length in _ENTRY.iter_unpack(index):
        if offset < head or offset + length > at:
            return {}
        out[key] = (offset, length)
    return out


def _write_index(out: BinaryIO, entries: dict[bytes, tuple[int, int]]) -> None:
    at = out.tell()
    out.write(b"".join(_ENTRY.pack(k, o, n) for k, (o, n) in entries.items()))
    out.write(_TRAILER.pack(at, len(entries), _END))
    out.flush()


def lines(source: str, make: Maker) -> list[Line]:
    """The lines of a paragraph: from the memo of the output being written, if any."""
    memo = _active
    return make() if memo is None else memo.lines(source, make)


def widths(parts: str, count: int, make: Callable[[], list[float]]) -> list[float]:
    """Table column widths: from the memo of the output being written, if any."""
    memo = _active
    return make() if memo is None else memo.widths(parts, count, make)


@contextmanager
def kept(root: Path | None, output: str, stamp: str) -> Iterator[LayoutMemo]:
    """Paragraphs laid out inside the block use the memo of ``output`` (a document and
    edition) in project ``root``; it is updated only if the block completes."""
    global _active
    memo = LayoutMemo(_path(root, output), stamp)
    previous, _active = _active, memo
    complete = False
    try:
        yield memo
        complete = True
    finally:
        _active = previous
        memo.close(complete)


def stamp(font_files: Sequence[Path], roles: object) -> str:
    """What every kept layout depends on besides its input: reportgen's code, reportlab's
    version, the font files (device, inode, size, modification time) and their roles."""
    import reportlab

    from .incremental import code_stamp
    from .verdicts import file_stamp

    machine = f"{sys.byteorder} {array('I').itemsize} {array('H').itemsize}"  # the arrays'
    return "\n".join(
        (code_stamp(), reportlab.Version, machine, file_stamp(font_files), repr(roles))
    )


def _path(root: Path | None, output: str) -> Path | None:
    name = hashlib.blake2b(output.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return project_cache(root, f"layout-{name}.bin")


def _key(parts: str) -> bytes:
    return hashlib.blake2b(parts.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _encode_json(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _decode_widths(blob: bytes, count: int) -> list[float] | None:
    try:
        value = json.loads(blob)
        if not isinstance(value, list) or len(value) != count:
            return None
        return [_num(v) for v in value]
    except (ValueError, TypeError):
        return None


def _array(kind: str, data: memoryview) -> array[Any]:
    out = array(kind)
    out.frombytes(data)
    return out


_HEAD = struct.Struct("<IIII")  # bytes of the font names, lines, items, bytes of the texts


def _encode(lines: list[Line]) -> bytes | None:
    """The lines as arrays (None if a text holds NUL, the separator): a head, the font
    names (UTF-8, NUL between), items per line (``I``), last-line flags (a byte each),
    each item's font number (``H``), every number (``d``: the lines' widths, then size, x
    and character spacing per item) and the texts (UTF-8, NUL between). Read back with
    a few C calls (:func:`_decode`); JSON took 4 times as long, mostly parsing floats."""
    fonts: dict[str, int] = {}
    items = [p for ln in lines for p in ln.items]
    texts = "\0".join(p.text for p in items)
    if texts.count("\0") != max(len(items) - 1, 0):
        return None
    numbers = array("d", [ln.width for ln in lines])
    for p in items:
        numbers.extend((p.size, p.x, p.char_space))
    faces = array("H", [fonts.setdefault(p.font, len(fonts)) for p in items])
    names = "\0".join(fonts).encode("utf-8", "surrogatepass")
    body = texts.encode("utf-8", "surrogatepass")
    counts = array("I", [len(ln.items) for ln in lines])
    return b"".join(
        (
            _HEAD.pack(len(names), len(lines), len(items), len(body)),
            names,
            counts.tobytes(),
            bytes(ln.last for ln in lines),
            faces.tobytes(),
            numbers.tobytes(),
            body,
        )
    )


def _decode(blob: bytes) -> list[Line] | None:
    """The lines ``blob`` holds, or None unless it is exactly what :func:`_encode` writes
    (every length checked against the blob's; texts and names valid UTF-8)."""
    try:
        return _lines_of(blob)
    except (struct.error, UnicodeDecodeError, ValueError, IndexError, TypeError):
        return None  # (checked below; a blob that gets past the checks still never raises)


def _lines_of(blob: bytes) -> list[Line] | None:
    name_len, nlines, nitems, text_len = _HEAD.unpack_from(blob)
    sizes = (name_len, 4 * nlines, nlines, 2 * nitems, 8 * (nlines + 3 * nitems), text_len)
    if _HEAD.size + sum(sizes) != len(blob):
        return None
    view, at, parts = memoryview(blob), _HEAD.size, []
    for size in sizes:
        parts.append(view[at : at + size])
        at += size
    fonts = bytes(parts[0]).decode("utf-8", "surrogatepass").split("\0")
    counts, lasts = _array("I", parts[1]), bytes(parts[2])
    faces, numbers = _array("H", parts[3]).tolist(), _array("d", parts[4]).tolist()
    texts = bytes(parts[5]).decode("utf-8", "surrogatepass").split("\0") if nitems else []
    if len(texts) != nitems or sum(counts) != nitems or lasts.strip(b"\0\1"):
        return None
    if faces and max(faces) >= len(fonts):
        return None
    names, n = [fonts[f] for f in faces], numbers
    sizes, xs, spacing = n[nlines::3], n[nlines + 1 :: 3], n[nlines + 2 :: 3]
    out, i = [], 0
    for width, count, last in zip(n[:nlines], counts, lasts, strict=True):
        end = i + count
        items = map(Placed, texts[i:end], names[i:end], sizes[i:end], xs[i:end], spacing[i:end])
        out.append(Line(list(items), width, bool(last)))
        i = end
    return out


def _num(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("not a number")
    return value
