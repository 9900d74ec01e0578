"""Template files: names confined to ``templates/``, read as regular files only.

A template name (``template:`` in reportgen.yaml, or ``{% include %}``, ``import``,
``from``, ``extends`` inside a template) is a relative path inside the templates
folder: no absolute paths, ``..``, URLs, backslashes or NUL, and no symlink anywhere
on the way (a symlink could lead anywhere). Files are opened without following links
and read with a size limit, so a FIFO or a device never hangs or floods a build.

This module imports nothing heavy: the incremental build uses it to find the
templates an output depends on without importing jinja2.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MAX_TEMPLATE_BYTES = 1_000_000
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# {% include ... %}, {% import ... %}, {% from ... import %}, {% extends ... %}
_TAG = re.compile(r"\{%[-+]?\s*(include|import|from|extends)\b(.*?)[-+]?%\}", re.DOTALL)
_STRING = re.compile(r"""'([^'\\]*)'|"([^"\\]*)\"""")
_STATIC_WORDS = re.compile(r"\b(ignore|missing|with|without|context)\b|[\[\](),\s]")


class TemplateRefusal(Exception):
    """A template name or file that is not allowed; ``str()`` says why and what to do,
    ``path`` is the file refused (None when the name itself is)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def name_problem(name: str) -> str:
    """Why ``name`` may not name a template ('' when it may)."""
    if not name or "\x00" in name:
        return "is empty or contains a NUL byte"
    if "\\" in name:
        return "contains a backslash; use '/' between folders"
    if _SCHEME.match(name):
        return "is a URL"
    if name.startswith("/"):
        return "is an absolute path"
    if ".." in name.split("/"):
        return "goes up with '..'"
    return ""


def locate(folder: Path, name: str) -> Path | None:
    """The file ``name`` inside ``folder`` (None if absent); raises
    :class:`TemplateRefusal` for an unsafe name, a symlink or something not a file."""
    problem = name_problem(name)
    if problem:
        raise TemplateRefusal(f"template name '{name}' {problem}; name a file inside templates/")
    path = folder
    parts = [p for p in name.split("/") if p not in ("", ".")]
    for i, part in enumerate(parts):
        path = path / part
        try:
            st = os.lstat(path)
        except OSError:
            return None
        if stat.S_ISLNK(st.st_mode):
            raise TemplateRefusal(
                f"template '{name}' is a symlink; templates must be files inside "
                "templates/: copy the file in",
                path,
            )
        last = i == len(parts) - 1
        if not last and not stat.S_ISDIR(st.st_mode):
            return None
        if last and not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                return None
            raise TemplateRefusal(f"template '{name}' is not a regular file", path)
    return path if parts else None


def read(path: Path) -> str:
    """The text of template file ``path``: a regular file (no symlink), at most
    :data:`MAX_TEMPLATE_BYTES`, UTF-8; raises :class:`TemplateRefusal` otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise TemplateRefusal(
            f"template '{path.name}' cannot be read: {exc.strerror}", path
        ) from exc
    with open(fd, "rb") as fh:  # not os.fdopen: tests replace that to fail writes
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise TemplateRefusal(f"template '{path.name}' is not a regular file", path)
        data = fh.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateRefusal(
            f"template '{path.name}' is over {MAX_TEMPLATE_BYTES:,} bytes; split it", path
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateRefusal(
            f"template '{path.name}' is not UTF-8; save it as UTF-8", path
        ) from exc


def references(source: str) -> tuple[list[str], bool]:
    """(template names a template pulls in, whether some are computed at render time).

    Every string in an include/import/from/extends tag counts (``{% include ['a', 'b'] %}``
    names both); a tag with anything else in it (a variable, ``~``, ``if``) is dynamic.
    """
    names: list[str] = []
    dynamic = False
    for kind, body in _TAG.findall(source):
        if kind == "from":
            body = body.split(" import ", 1)[0]
        elif kind == "import":
            body = re.sub(r"\bas\s+\w+", " ", body)
        found = [a or b for a, b in _STRING.findall(body)]
        names += found
        rest = _STATIC_WORDS.sub("", _STRING.sub("", body))
        dynamic = dynamic or bool(rest) or not found
    return names, dynamic


def all_files(folder: Path) -> list[Path]:
    """Every regular file under ``folder`` (symlinks neither followed nor listed)."""
    out: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(current, d)))
        for name in sorted(files):
            path = Path(current) / name
            if not path.is_symlink() and path.is_file():
                out.append(path)
    return out
