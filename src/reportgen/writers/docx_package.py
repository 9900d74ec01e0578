"""Save a python-docx Document as bytes, reproducibly when given an epoch.

With ``epoch`` (SOURCE_DATE_EPOCH) the core properties' dates come from it and the
zip is rewritten with fixed entry times, order and attributes, so two saves of the
same document are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import IO

from docx.document import Document

_FIRST = "[Content_Types].xml"
_ZIP_EPOCH_MIN = 315532800  # 1980-01-01 00:00:00 UTC, the earliest time a zip entry can hold


def docx_bytes(document: Document, epoch: int | None = None) -> bytes:
    """The saved package; with ``epoch``, byte-identical for the same document."""
    if epoch is not None:
        when = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).replace(tzinfo=None)
        props = document.core_properties
        props.created = props.modified = when
    if epoch is None:
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()
    return _zip(_members(document), epoch)


class _Members:
    """Collects what python-docx's package writer would put in the zip, by member name."""

    def __init__(self) -> None:
        self.items: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:  # type: ignore[no-untyped-def]
        self.items[pack_uri.membername] = blob


def _members(document: Document) -> dict[str, bytes]:
    """The package's members as ``Document.save`` writes them (content types, package
    relationships, every part and its relationships), without zipping them: with an
    epoch they are zipped once, in order (not zipped, read back and zipped again)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = _Members()
    PackageWriter._write_content_types_stream(out, parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)
    return out.items


def _zip(members: dict[str, bytes], epoch: int) -> bytes:
    """The members zipped with fixed entry times, order and attributes."""
    stamp = dt.datetime.fromtimestamp(max(epoch, _ZIP_EPOCH_MIN), tz=dt.timezone.utc)
    date_time = stamp.timetuple()[:6]
    names = sorted(members, key=lambda n: (n != _FIRST, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, members[name])
    return out.getvalue()


def save_reproducible(
    document: Document, target: str | Path | IO[bytes], epoch: int | None = None
) -> None:
    """Write :func:`docx_bytes` to a path or a binary stream."""
    data = docx_bytes(document, epoch)
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(data)
    else:
        target.write(data)
