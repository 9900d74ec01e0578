"""Attached PDFs (annex-pack parts): what a print room must know first.

Each attached PDF is checked and sanitised (:mod:`reportgen.sanitize`): a damaged or
encrypted one is an error, active content removed is a warning naming it. The pack never
redraws an attached PDF, so a font it does not embed is drawn with whatever the printing
machine substitutes, and a PDF that is not PDF/A keeps the pack from claiming PDF/A.
``reportgen check`` and ``build`` warn about both.
"""

from __future__ import annotations

import io
import os
import time
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from . import fontcache
from .diagnostics import Diagnostic, Location, error, warning
from .project import Project
from .sanitize import Cleaned, Refused, clean

_EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")
_VERDICT_VERSION = "attachment 1"  # what a verdict holds, in the cache key: change with it
_SETTLED_NS = 2_000_000_000
_CODE = (
    "reportgen",
    "reportgen.attachments",
    "reportgen.sanitize",
    "reportgen.writers.pdf_archive",
    "pikepdf",
    "pypdf",
)


def attachment_diagnostics(project: Project, names: list[str] | None = None) -> list[Diagnostic]:
    """Per attached PDF: an error if it is damaged or encrypted (:mod:`reportgen.sanitize`),
    a warning naming the active content removed, a warning if it does not embed its fonts."""
    out: list[Diagnostic] = []
    for name, doc in project.documents.items():
        if doc.type != "annex-pack" or (names and name not in names):
            continue
        for i, part in enumerate(doc.parts):
            if part.get("pdf"):
                where = project.config_loc(("documents", name, "parts", i, "pdf"))
                path = project.root / unquote(part["pdf"])
                out += _part_diagnostics(path, part["pdf"], where, _standard(project))
    return out


def _standard(project: Project) -> str:
    return str((project.config.get("pdf") or {}).get("standard", "PDF/A-2u"))


def _part_diagnostics(
    path: Path, name: str, where: Location, standard: str = "none"
) -> list[Diagnostic]:
    try:
        found = verdict(path, standard)
    except OSError as exc:
        return [error("missing-file", f"'{name}' cannot be read: {exc.strerror or exc}", where)]
    if found["refused"]:
        return [error("config", f"'{name}' {found['refused']}", where)]
    out: list[Diagnostic] = []
    if found["removed"]:
        msg = (
            f"'{name}' had active content, removed from the pack: "
            f"{Cleaned(b'', found['removed']).summary()}; nothing to do unless the pack needs it"
        )
        out.append(warning("attachment", msg, where))
    out += _font_warnings(found["fonts"], name, where)
    if found["not_pdfa"]:
        msg = (
            f"'{name}' is not {standard} (or a level that fits in it), so the annex pack is "
            f"written without the {standard} claim; export it again as {standard} to keep it"
        )
        out.append(warning("attachment", msg, where))
    return out


def verdict(path: Path, standard: str) -> dict[str, Any]:
    """What ``check`` says about the attached PDF at ``path`` for a pack claiming
    ``standard``: ``refused`` (the reason, or ''), ``removed`` (the active content),
    ``fonts`` (not embedded, sorted), ``not_pdfa``, ``title`` (its /Title, or '').

    Opening, checking and sanitising the file costs ~0.1 s of CPU in every ``check`` and
    build: the verdict is kept in the cache (:mod:`reportgen.fontcache`, kind
    ``attachment``) keyed by the file's identity (device, inode, size, modification and
    change times), the standard, and the versions of the code that reaches it.
    A file changed in the last two seconds is not cached: a second change within the
    file system's clock tick would keep the same identity. Raises OSError."""
    ident = _identity(path)
    versions = f"{_VERDICT_VERSION}|{standard}|{_code_versions()}"
    cached = fontcache.load("attachment", str(path), ident, versions)
    if cached is not None and _well_formed(cached):
        return cached
    found = _examine(path, standard)
    if _identity(path) == ident and time.time_ns() - ident[3] > _SETTLED_NS:
        fontcache.store("attachment", str(path), ident, versions, found)
    return found


def _identity(path: Path) -> fontcache.Identity:
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


@lru_cache(maxsize=1)
def _code_versions() -> str:
    from . import __version__

    return f"{__version__}|{fontcache.code_stamp(*_CODE)}"


_SHAPE = {"refused": str, "removed": list, "fonts": list, "not_pdfa": bool, "title": str}


def _well_formed(found: dict[str, Any]) -> bool:
    """A cached verdict with every field of the right type (else it is made again)."""
    if not all(isinstance(found.get(key), kind) for key, kind in _SHAPE.items()):
        return False
    return all(isinstance(x, str) for x in found["removed"] + found["fonts"])


def _examine(path: Path, standard: str) -> dict[str, Any]:
    """The verdict, made by reading the file (raises OSError)."""
    try:
        cleaned = clean(path)
    except Refused as exc:
        return {"refused": str(exc), "removed": [], "fonts": [], "not_pdfa": False, "title": ""}
    return {
        "refused": "",
        "removed": list(cleaned.removed),
        "fonts": sorted(unembedded_fonts(cleaned.data)),
        "not_pdfa": _not_pdfa(cleaned.data, standard),
        "title": _title(cleaned.data),
    }


def _not_pdfa(data: bytes, standard: str) -> bool:
    """Whether an attached PDF keeps the pack from the configured PDF/A level (the pack is
    then written without the claim); False for a file the pack reports itself."""
    if standard == "none":
        return False
    from .writers.pdf_archive import Unreadable, attached_conforms, pdfa_claim

    try:
        pdfa_claim(data)
    except Unreadable:
        return False  # the pack reports a file it cannot read, with its own message
    return not attached_conforms(data, standard)


def _font_warnings(missing: list[str], name: str, where: Location) -> list[Diagnostic]:
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
    msg = (
        f"'{name}' uses fonts it does not embed ({shown}); printers will substitute "
        "them: export it again with fonts embedded (e.g. as PDF/A)"
    )
    return [warning("attachment", msg, where)]


def unembedded_fonts(path: Path | bytes) -> set[str]:
    """Names of the fonts ``path`` (a file or PDF bytes) uses without embedding them
    (empty if unreadable: the pack reports unreadable files itself)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
        found: set[str] = set()
        for page in reader.pages:
            _visit(page.get("/Resources"), found)
        return found
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()


def _visit(resources: Any, found: set[str], depth: int = 0) -> None:
    if resources is None or depth > 8:  # forms inside forms: deep enough, never a loop
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if not _is_embedded(font):
            found.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    for xobject in (resources.get("/XObject") or {}).values():
        _visit(xobject.get_object().get("/Resources"), found, depth + 1)


def _is_embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the PDF's own procedures
    desc = font.get("/FontDescriptor")
    if font.get("/Subtype") == "/Type0":
        desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    desc = desc.get_object() if desc is not None else {}
    return any(key in desc for key in _EMBEDDED)


def attachment_titles(
    project: Project, names: list[str] | None = None
) -> list[tuple[str, Location, str]]:
    """The /Title of each attached PDF the pack lists by its own title (no ``title:``)."""
    out: list[tuple[str, Location, str]] = []
    for name, doc in project.documents.items():
        if doc.type != "annex-pack" or (names and name not in names):
            continue
        for i, part in enumerate(doc.parts):
            if not part.get("pdf") or part.get("title"):
                continue
            try:
                title = verdict(project.root / unquote(part["pdf"]), _standard(project))["title"]
            except OSError:
                continue  # reported by attachment_diagnostics
            if title:
                where = project.config_loc(("documents", name, "parts", i, "pdf"))
                out.append((title, where, f"the title of '{part['pdf']}' (its /Title)"))
    return out


def _title(data: bytes) -> str:
    """The /Title of a cleaned PDF ('' if none or unreadable)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        meta = PdfReader(io.BytesIO(data)).metadata
        return str(meta.title).strip() if meta and meta.title else ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        return ""
