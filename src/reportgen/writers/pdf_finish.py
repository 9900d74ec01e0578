"""The last step of every PDF reportgen writes: structure tree, metadata, PDF/A, saved.

reportlab writes the pages; pikepdf (qpdf) then adds what reportlab cannot write: the
structure tree (:mod:`.pdf_structure`), the XMP metadata, output intent and PDF/A and
PDF/UA identification (:mod:`.pdf_archive`), and saves with a file identifier computed
from the content (reproducible with ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from typing import Any

import pikepdf

from .. import model as m
from ..project import PDF_STANDARDS as STANDARDS
from ..sanitize import set_flate_level
from .pdf_archive import Meta, attached_conforms, describe, save_options
from .pdf_structure import write_tree
from .pdf_tags import Tagger, combine


@dataclass(frozen=True)
class PdfOptions:
    """How PDFs are written: ``standard`` is one of :data:`STANDARDS` ("none": plain PDF)."""

    standard: str = "PDF/A-2u"
    tagged: bool = True

    def __post_init__(self) -> None:
        if self.standard not in STANDARDS:
            raise ValueError(f"unknown PDF standard {self.standard!r}: {', '.join(STANDARDS)}")


def options_for(config: dict[str, Any]) -> PdfOptions:
    """The ``pdf:`` settings of a project's reportgen.yaml (defaults: PDF/A-2u, tagged)."""
    settings = config.get("pdf") or {}
    return PdfOptions(settings.get("standard", "PDF/A-2u"), settings.get("tagged", True))


def finish(
    data: bytes,
    doc: m.Document,
    options: PdfOptions,
    tagger: Tagger | None,
    epoch: int | None,
) -> bytes:
    """``data`` (reportlab's PDF of ``doc``) with its structure tree and metadata."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if tagger is not None:
            write_tree(pdf, tagger)
            tagger.release()
        inline_forms(pdf)
        drop_defaults(pdf)
        meta = Meta(doc.title, doc.author or "reportgen", doc.subject, doc.keywords, doc.lang)
        describe(pdf, meta, options.standard, ua=tagger is not None, epoch=epoch)
        return save(pdf, options.standard)


_IDENTITY = (1, 0, 0, 1, 0, 0)
_FORM_KEYS = {"/Type", "/Subtype", "/BBox", "/Resources", "/Length", "/Filter", "/FormType"}


def inline_forms(pdf: pikepdf.Pdf) -> None:
    """Each deferred form (a page's footer with the page total, a contents number) drawn
    in its page's content instead of invoked: ``/X Do`` becomes ``q <clip to the form's
    box> <the form's operators> Q``, which a reader draws exactly as it draws the form
    (the form's state saved and restored, its box clipping). A form is an object of its
    own outside the object streams (its dictionary and stream ~270 bytes; 76 in the
    51-page bench PDF, 17 KB), and in the page's stream its text compresses with the
    page's. Only forms as reportlab writes them are inlined: identity matrix, no other
    resources than the page's own font dictionary, nothing tagged inside."""
    for page in pdf.pages:
        obj = page.obj
        resources = obj.get("/Resources")
        contents = obj.get("/Contents")
        if resources is None or not isinstance(contents, pikepdf.Stream):
            continue
        xobjects = resources.get("/XObject")
        if not xobjects:
            continue
        code, done = contents.read_bytes(), []
        for name, form in xobjects.items():
            call = b"\n" + name.encode() + b" Do\n"
            if call in code and _inlinable(form, resources):
                x0, y0, x1, y1 = (float(v) for v in form.BBox)
                clip = f"q {_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(y1 - y0)} re W n\n".encode()
                code = code.replace(call, b"\n" + clip + form.read_bytes() + b"\nQ\n")
                done.append(name)
        if done:
            for name in done:
                del xobjects[name]
            if not len(xobjects.keys()):
                del resources.XObject
            contents.write(code)


def _inlinable(form: Any, resources: Any) -> bool:
    if not isinstance(form, pikepdf.Stream) or form.get("/Subtype") != "/Form":
        return False
    if not set(form.keys()) <= _FORM_KEYS | {"/Matrix"}:
        return False
    if "/Matrix" in form and not _is(form.Matrix, _IDENTITY):
        return False
    own = form.get("/Resources")
    if own is None or not set(own.keys()) <= {"/Font", "/ProcSet"}:
        return False
    font, page_font = own.get("/Font"), resources.get("/Font")
    return font is None or (
        page_font is not None and font.is_indirect and font.objgen == page_font.objgen
    )


def _num(x: float) -> str:
    return f"{x + 0.0:.4f}".rstrip("0").rstrip(".")


def drop_defaults(pdf: pikepdf.Pdf) -> None:
    """Entries reportlab writes that only say what a reader assumes without them: the
    obsolete ``/ProcSet`` in every page's and form's resources (PDF 1.4 and later
    ignore it), a form's ``/FormType 1`` and identity ``/Matrix``, a page's ``/Rotate
    0`` and empty ``/Trans``. ~80 bytes of each form (a page's footer, a contents
    number) that sits outside the compressed object streams."""
    forms: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        obj = page.obj
        for key, default in (("/Rotate", 0), ("/Trans", {})):
            if key in obj and _is(obj[key], default):
                del obj[key]
        resources = obj.get("/Resources")
        if resources is None:
            continue
        if "/ProcSet" in resources:
            del resources.ProcSet
        for xobj in (resources.get("/XObject") or {}).values():
            if xobj.get("/Subtype") == "/Form":
                forms[xobj.objgen] = xobj
    for form in forms.values():
        if "/FormType" in form and form.FormType == 1:
            del form.FormType
        if "/Matrix" in form and _is(form.Matrix, _IDENTITY):
            del form.Matrix
        resources = form.get("/Resources")
        if resources is not None and "/ProcSet" in resources:
            del resources.ProcSet


def _is(value: Any, default: Any) -> bool:
    if isinstance(default, dict):
        return isinstance(value, pikepdf.Dictionary) and not len(value.keys())
    if isinstance(default, tuple):
        return isinstance(value, pikepdf.Array) and tuple(value) == default
    return bool(value == default)


_STATIC_ID = b"<31415926535897932384626433832795>"  # what qpdf writes with static_id
_PLACEHOLDER = re.compile(re.escape(b"/ID [" + _STATIC_ID * 2 + b"]"))


def save(pdf: pikepdf.Pdf, standard: str) -> bytes:
    """The PDF's bytes, its file identifier (both halves) a digest of its content: the
    same content gives the same identifier (reproducible), new content a new one. The
    identifier is written in place: the file is never copied (a 1,200-page PDF is 4 MB)."""
    if "/ID" in pdf.trailer:
        del pdf.trailer.ID  # else qpdf keeps its first half
    out = io.BytesIO()
    set_flate_level(pikepdf)  # level 9: the object streams (the tags) 1 ms more
    with warnings.catch_warnings():  # an attachment's widget whose form the sanitiser removed
        warnings.filterwarnings("ignore", message=".*form widget annotation")
        pdf.save(out, **save_options(standard))
    with out.getbuffer() as view:
        found = [m.start() for m in _PLACEHOLDER.finditer(view)]
        if len(found) != 1:
            raise ValueError("the PDF's file identifier was not written where expected")
        ident = b"<" + hashlib.md5(view, usedforsecurity=False).hexdigest().encode() + b">"
        new = b"/ID [" + ident * 2 + b"]"
        view[found[0] : found[0] + len(new)] = new
    return out.getvalue()


def finish_pack(
    data: bytes,
    meta: tuple[str, str, str],
    lang: str,
    options: PdfOptions,
    trees: list[tuple[int, Tagger]],
    attached: list[bytes],
    epoch: int | None,
) -> bytes:
    """The annex pack (``data``, assembled by pypdf) with one structure tree made of its
    generated parts' trees (``(first page index, tree)``) and its metadata. Claims PDF/A
    only if every attached PDF claims it too, and PDF/UA only with nothing attached (an
    attached PDF's pages are not tagged)."""
    standard = options.standard
    if not all(attached_conforms(a, standard) for a in attached):
        standard = "none"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tagged = options.tagged and bool(trees)
        if tagged:
            write_tree(pdf, combine(lang, trees))
        title, author, subject = meta
        info = Meta(title, author or "reportgen", subject, [], lang)
        describe(pdf, info, standard, ua=tagged and not attached, epoch=epoch)
        return save(pdf, standard)
