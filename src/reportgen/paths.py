"""Resolve file names from content or configuration, inside the project only.

Percent-decoding comes first, so ``%2e%2e/`` is caught as ``..``. Absolute paths,
``..``, URLs, NUL bytes and symlinks that lead out of the project are refused;
the file must exist and be what it claims (a PDF starts with ``%PDF-``, a font
with a TrueType header).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from .diagnostics import Diagnostic, Location, error

_MAGIC = {
    "pdf": (b"%PDF-",),
    "font": (b"\x00\x01\x00\x00", b"true"),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
_PDF_TAIL = 1024  # a PDF ends with %%EOF, give or take trailing whitespace and junk
_WHAT = {
    "pdf": "a PDF",
    "font": "a TrueType font (.ttf)",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
}
_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve_inside(
    root: Path, name: str, where: Location, *, kind: str
) -> tuple[Path | None, list[Diagnostic]]:
    """Return (resolved path, diagnostics); the path is None when refused."""
    problem = _refusal(name)
    if problem:
        msg = f"'{name}' {problem}; name a file inside the project"
        return None, [error("unsafe-path", msg, where)]
    decoded = unquote(name)
    root = root.resolve()
    path = (root / decoded).resolve()
    if not path.is_relative_to(root):
        msg = (
            f"'{name}' leads outside the project (through a symlink); "
            "copy the file into the project"
        )
        return None, [error("unsafe-path", msg, where)]
    if path.is_dir():
        msg = f"'{name}' is a folder, not a file; name {_WHAT[kind]} in it"
        return None, [error("missing-file", msg, where)]
    if not path.is_file():
        shown = path.relative_to(root).as_posix()
        msg = f"'{name}' not found (looked for {shown}); {_missing_hint(name, path, kind)}"
        return None, [error("missing-file", msg, where)]
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(max(0, path.stat().st_size - _PDF_TAIL))
            tail = fh.read()
    except OSError as exc:
        return None, [error("missing-file", f"'{name}' cannot be read: {exc.strerror}", where)]
    if not head.startswith(_MAGIC[kind]):
        return None, [error("unsafe-path", f"'{name}' is not {_WHAT[kind]}", where)]
    if kind == "pdf" and b"%%EOF" not in tail:
        msg = f"'{name}' is not a complete PDF (no %%EOF at its end); export it again"
        return None, [error("unsafe-path", msg, where)]
    return path, []


def _missing_hint(name: str, path: Path, kind: str) -> str:
    """What to do about a missing file: the closest name in its folder, if one is close."""
    import difflib

    folders = [path.parent]
    if kind == "font" and path.parent.name == "fonts":
        from .resources import fonts_dir  # a new project's fonts are reportgen's own

        folders.append(fonts_dir() or path.parent)
    names = sorted({p.name for folder in folders for p in _files(folder)})
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    if close:
        head = name.replace("\\", "/").rpartition("/")[0]
        return f"did you mean '{head + '/' if head else ''}{close[0]}'?"
    return f"check the name, or put {_WHAT[kind]} there"


def _files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []


def _refusal(name: str) -> str:
    decoded = unquote(name)
    if "\x00" in decoded:
        return "contains a NUL byte"
    if _SCHEME.match(decoded) and not _DRIVE.match(decoded):
        return "is a URL"
    if decoded.startswith(("/", "\\")) or _DRIVE.match(decoded):
        return "is an absolute path"
    if ".." in re.split(r"[\\/]", decoded):
        return "goes up with '..'"
    return ""
