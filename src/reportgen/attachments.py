"""Attached PDFs (annex-pack parts): what a print room must know first.

Each attached PDF is checked and sanitised (:mod:`reportgen.sanitize`): a damaged or
encrypted one is an error, active content removed is a warning naming it. The pack never
redraws an attached PDF, so a font it does not embed is drawn with whatever the printing
machine substitutes. ``reportgen check`` and ``build`` warn about it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .diagnostics import Diagnostic, Location, error, warning
from .project import Project
from .sanitize import Refused, clean

_EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")


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
                out += _part_diagnostics(project.root / unquote(part["pdf"]), part["pdf"], where)
    return out


def _part_diagnostics(path: Path, name: str, where: Location) -> list[Diagnostic]:
    try:
        cleaned = clean(path)
    except Refused as exc:
        return [error("config", f"'{name}' {exc}", where)]
    except OSError as exc:
        return [error("missing-file", f"'{name}' cannot be read: {exc.strerror or exc}", where)]
    out: list[Diagnostic] = []
    if cleaned.removed:
        msg = (
            f"'{name}' had active content, removed from the pack: {cleaned.summary()}; "
            "nothing to do unless the pack needs it"
        )
        out.append(warning("attachment", msg, where))
    return out + _font_warnings(cleaned.data, name, where)


def _font_warnings(path: Path | bytes, name: str, where: Location) -> list[Diagnostic]:
    missing = sorted(unembedded_fonts(path))
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
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    out: list[tuple[str, Location, str]] = []
    for name, doc in project.documents.items():
        if doc.type != "annex-pack" or (names and name not in names):
            continue
        for i, part in enumerate(doc.parts):
            if not part.get("pdf") or part.get("title"):
                continue
            try:
                meta = PdfReader(
                    io.BytesIO(clean(project.root / unquote(part["pdf"])).data)
                ).metadata
                title = str(meta.title).strip() if meta and meta.title else ""
            except (Refused, OSError, PyPdfError, ValueError, KeyError, TypeError):
                continue  # reported by attachment_diagnostics
            if title:
                where = project.config_loc(("documents", name, "parts", i, "pdf"))
                out.append((title, where, f"the title of '{part['pdf']}' (its /Title)"))
    return out
