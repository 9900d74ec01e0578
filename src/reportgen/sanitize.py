"""Attached PDFs sanitised on the way in (with pikepdf, that is qpdf).

An attached PDF may come from anywhere. Before the annex pack uses it:

* its structure is checked as ``qpdf --check`` does (cross-reference table, every
  stream decoded, every page's content parsed); a damaged file is refused with qpdf's
  reason, never merged as a blank page;
* an encrypted file is refused ("encrypted"), also one with only an owner password
  (AES-256 included): the pack could not promise to print what the owner restricted;
* active content is removed, and named so the build can warn: document and page
  actions, JavaScript, Launch, web (URI) links, links to other files, form submission,
  embedded files and file-attachment or media annotations, XFA forms.

The result is new PDF bytes (deterministic: the same input gives the same bytes).
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .safe_read import read_limited

MAX_ATTACHMENT_BYTES = 200_000_000
_MAX_DEPTH = 32  # action chains (/Next), form field trees: deep enough, never a loop

# action type -> what the warning calls it
ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "Launch action",
    "/URI": "web link (URI)",
    "/GoToR": "link to another file",
    "/GoToE": "link into an embedded file",
    "/SubmitForm": "form submission",
    "/ImportData": "form data import",
    "/Rendition": "media action",
    "/Movie": "media action",
    "/Sound": "media action",
    "/RichMediaExecute": "media action",
}
# annotation subtype -> what the warning calls it
ANNOTATIONS = {
    "/FileAttachment": "embedded file",
    "/Sound": "media annotation",
    "/Movie": "media annotation",
    "/Screen": "media annotation",
    "/RichMedia": "media annotation",
    "/3D": "3D annotation",
}


class Refused(Exception):
    """The file cannot be used; ``str()`` is the reason, e.g. "is encrypted"."""


@dataclass
class Cleaned:
    """A cleaned attachment's bytes and what was removed from it."""

    data: bytes
    removed: list[str] = field(default_factory=list)  # "JavaScript (page 1)", ...

    def summary(self, limit: int = 12) -> str:
        """What was removed, one line: "JavaScript (page 1), embedded file 'x.exe', …"."""
        counts = Counter(self.removed)
        items = [f"{what} ×{n}" if n > 1 else what for what, n in counts.items()]
        more = f" and {len(items) - limit} more" if len(items) > limit else ""
        return ", ".join(items[:limit]) + more


FLATE_LEVEL = 9  # every stream pikepdf (re)compresses, in every process


def set_flate_level(pikepdf: Any) -> None:
    """qpdf's compression level is process-wide: set it before every save, so a file's
    bytes never depend on what the process (a -j worker) wrote before it."""
    pikepdf.settings.set_flate_compression_level(FLATE_LEVEL)


def clean(path: Path) -> Cleaned:
    """``path`` checked and sanitised (cached per file version); raises :class:`Refused`."""
    st = os.stat(path)
    return _clean(path.resolve(), (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))


@lru_cache(maxsize=16)
def _clean(path: Path, _version: tuple[int, int, int, int]) -> Cleaned:
    import pikepdf

    data = read_limited(path, MAX_ATTACHMENT_BYTES)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise Refused("is encrypted; export it without a password") from exc
    except pikepdf.PdfError as exc:
        raise Refused(f"is damaged ({_reason(str(exc))}); export it again") from exc
    with pdf:
        if pdf.is_encrypted:
            raise Refused("is encrypted; export it without a password")
        problems = list(pdf.get_warnings())  # damage qpdf repaired while opening
        if not problems and len(pdf.pages) == 0:
            raise Refused("has no pages; export it again, or remove it from the parts")
        try:
            check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf < 9: check
            problems = problems or check()
        except pikepdf.PdfError as exc:
            problems = [str(exc)]
        if problems:
            raise Refused(f"is damaged ({_reason(problems[0])}); export it again")
        removed = _remove_active_content(pdf)
        out = io.BytesIO()
        set_flate_level(pikepdf)
        pdf.save(out, deterministic_id=True)
    return Cleaned(out.getvalue(), removed)


def _reason(message: str) -> str:
    """qpdf's message without the level and the stream's description, on one line."""
    text = re.sub(r"^(WARNING|ERROR): ", "", message.strip())
    text = re.sub(r"^(stream\s*)?<_io\.BytesIO object at 0x[0-9a-f]+>\s*", "", text)
    text = re.sub(r"^\(([^()]*)\):\s*", r"\1: ", text)
    return " ".join(text.split())[:200]


# --- active content ------------------------------------------------------------------------------


def _remove_active_content(pdf: Any) -> list[str]:
    import pikepdf

    removed: list[str] = []
    root = pdf.Root
    if "/OpenAction" in root and isinstance(root.OpenAction, pikepdf.Dictionary):
        kinds = _action_kinds(root.OpenAction)
        if kinds:
            del root["/OpenAction"]
            removed += [f"{k} (on opening)" for k in kinds]
    if "/AA" in root:
        del root["/AA"]
        removed.append("document actions")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            del names["/JavaScript"]
            removed.append("document JavaScript")
        if "/EmbeddedFiles" in names:
            for name in _name_tree_keys(names.EmbeddedFiles):
                removed.append(f"embedded file '{name}'")
            del names["/EmbeddedFiles"]
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary):
        if "/XFA" in form:
            del form["/XFA"]
            removed.append("XFA form")
        for item in form.get("/Fields") or []:
            removed += _clean_field(item, 0)
    for number, page in enumerate(pdf.pages, 1):
        removed += [f"{what} (page {number})" for what in _clean_page(page.obj)]
    return removed


def _clean_page(page: Any) -> list[str]:
    import pikepdf

    removed: list[str] = []
    if "/AA" in page:
        del page["/AA"]
        removed.append("page actions")
    annots = page.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return removed
    kept = []
    for annot in annots:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        subtype = str(annot.get("/Subtype", ""))
        if subtype in ANNOTATIONS:
            removed.append(_annotation_name(annot, subtype))
            continue
        if "/AA" in annot:
            del annot["/AA"]
            removed.append("annotation actions")
        action = annot.get("/A")
        kinds = _action_kinds(action) if isinstance(action, pikepdf.Dictionary) else []
        if kinds:
            removed += kinds
            if subtype == "/Link":
                continue  # the link goes; the text under it stays
            del annot["/A"]
        removed += _clean_field(annot.get("/Parent"), 0) if "/Parent" in annot else []
        kept.append(annot)
    if kept:
        page.Annots = pikepdf.Array(kept)
    else:
        del page["/Annots"]
    return removed


def _annotation_name(annot: Any, subtype: str) -> str:
    what = ANNOTATIONS[subtype]
    spec = annot.get("/FS")
    if subtype == "/FileAttachment" and spec is not None:
        try:
            name = str(spec.get("/UF") or spec.get("/F") or "")
        except (AttributeError, ValueError):
            name = ""
        if name:
            return f"{what} '{name}'"
    return what


def _clean_field(field: Any, depth: int) -> list[str]:
    """Actions of a form field and its kids (submit, JavaScript on keystroke...)."""
    import pikepdf

    if not isinstance(field, pikepdf.Dictionary) or depth > _MAX_DEPTH:
        return []
    removed: list[str] = []
    if "/AA" in field:
        del field["/AA"]
        removed.append("form field actions")
    action = field.get("/A")
    if isinstance(action, pikepdf.Dictionary) and _action_kinds(action):
        removed += _action_kinds(action)
        del field["/A"]
    for kid in field.get("/Kids") or []:
        removed += _clean_field(kid, depth + 1)
    return removed


def _action_kinds(action: Any) -> list[str]:
    """What is active in an action and the actions chained after it (/Next)."""
    import pikepdf

    kinds: list[str] = []
    todo, depth = [action], 0
    while todo and depth < _MAX_DEPTH:
        current = todo.pop()
        depth += 1
        if isinstance(current, pikepdf.Array):
            todo += list(current)
            continue
        if not isinstance(current, pikepdf.Dictionary):
            continue
        kind = str(current.get("/S", ""))
        if kind in ACTIONS:
            label = ACTIONS[kind]
            if kind == "/URI" and "/URI" in current:
                label += f" {_short(str(current.URI))}"
            kinds.append(label)
        if "/Next" in current:
            todo.append(current.Next)
    return kinds


def _name_tree_keys(tree: Any, depth: int = 0) -> list[str]:
    import pikepdf

    if not isinstance(tree, pikepdf.Dictionary) or depth > _MAX_DEPTH:
        return []
    names = list(tree.get("/Names") or [])
    keys = [str(names[i]) for i in range(0, len(names), 2)]
    for kid in tree.get("/Kids") or []:
        keys += _name_tree_keys(kid, depth + 1)
    return keys


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
