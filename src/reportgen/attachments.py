"""Attached PDFs (annex-pack parts merged as they are): what a print room must know first.

The pack never redraws an attached PDF, so a font it does not embed is drawn with whatever
the printing machine substitutes, and a PDF that is not PDF/A keeps the pack from claiming
PDF/A. ``reportgen check`` and ``build`` warn about both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, warning
from .project import Project

_EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")


def attachment_diagnostics(project: Project, names: list[str] | None = None) -> list[Diagnostic]:
    """A warning per attached PDF that uses fonts it does not embed."""
    out: list[Diagnostic] = []
    for name, doc in project.documents.items():
        if doc.type != "annex-pack" or (names and name not in names):
            continue
        for i, part in enumerate(doc.parts):
            if part.get("pdf"):
                where = project.config_loc(("documents", name, "parts", i, "pdf"))
                out += _font_warnings(project.root / part["pdf"], part["pdf"], where)
                out += _pdfa_warnings(project, project.root / part["pdf"], part["pdf"], where)
    return out


def _pdfa_warnings(project: Project, path: Path, name: str, where: Location) -> list[Diagnostic]:
    """A warning when an attached PDF keeps the pack from the configured PDF/A level (the
    pack is then written without the claim)."""
    standard = (project.config.get("pdf") or {}).get("standard", "PDF/A-2u")
    if standard == "none" or not path.is_file():
        return []
    from .writers.pdf_archive import Unreadable, attached_conforms, pdfa_claim

    try:
        data = path.read_bytes()
        pdfa_claim(data)
    except (OSError, Unreadable):
        return []  # the pack reports a file it cannot read, with its own message
    if attached_conforms(data, standard):
        return []
    msg = (
        f"'{name}' is not {standard} (or a level that fits in it), so the annex pack is "
        f"written without the {standard} claim; export it again as {standard} to keep it"
    )
    return [warning("attachment", msg, where)]


def _font_warnings(path: Path, name: str, where: Location) -> list[Diagnostic]:
    missing = sorted(unembedded_fonts(path))
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
    msg = (
        f"'{name}' uses fonts it does not embed ({shown}); printers will substitute "
        "them: export it again with fonts embedded (e.g. as PDF/A)"
    )
    return [warning("attachment", msg, where)]


def unembedded_fonts(path: Path) -> set[str]:
    """Names of the fonts ``path`` uses without embedding them (empty if unreadable:
    the pack reports unreadable files itself)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
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
