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
    buf = io.BytesIO()
    document.save(buf)
    data = buf.getvalue()
    return data if epoch is None else _normalise_zip(data, epoch)


def _normalise_zip(data: bytes, epoch: int) -> bytes:
    stamp = dt.datetime.fromtimestamp(max(epoch, _ZIP_EPOCH_MIN), tz=dt.timezone.utc)
    date_time = stamp.timetuple()[:6]
    src = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(src.namelist(), key=lambda n: (n != _FIRST, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(name))
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
