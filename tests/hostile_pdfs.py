"""Hostile attached PDFs, made by the tests (never committed): active content,
encryption, damage, a title where the pack's stamp goes, a font name with escapes."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

TITLE = "ATTACHED TITLE AT THE TOP"


def plain(path: Path, *, title_y: float = A4[1] - 18 * mm, pages: int = 1) -> Path:
    """A PDF whose title sits where the pack's classification stamp prints (20 mm from
    the left, 18 mm from the top), in an embedded-free standard font."""
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=A4, invariant=1)
    for n in range(pages):
        canv.setFont("Times-Bold", 14)
        canv.drawString(20 * mm, title_y, TITLE)
        canv.setFont("Times-Roman", 11)
        canv.drawString(20 * mm, A4[1] / 2, f"Body text of page {n + 1}")
        canv.showPage()
    canv.save()
    path.write_bytes(buf.getvalue())
    return path


def active(path: Path) -> Path:
    """A PDF with every kind of active content the pack must remove."""
    plain(path, pages=2)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        js = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )
        pdf.Root.OpenAction = js
        pdf.Root.AA = pikepdf.Dictionary(WC=js)
        payload = pikepdf.Stream(pdf, b"MZ\x90\x00 not really a program")
        payload.Type = pikepdf.Name.EmbeddedFile
        filespec = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Filespec,
                F=pikepdf.String("payload.exe"),
                UF=pikepdf.String("payload.exe"),
                EF=pikepdf.Dictionary(F=payload),
            )
        )
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), js])),
            EmbeddedFiles=pikepdf.Dictionary(
                Names=pikepdf.Array([pikepdf.String("payload.exe"), filespec])
            ),
        )
        page = pdf.pages[0].obj
        page.AA = pikepdf.Dictionary(O=js)
        rect = pikepdf.Array([50, 50, 150, 80])
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"), Next=js)
        annots = [
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect, A=launch
            ),
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=rect,
                A=pikepdf.Dictionary(
                    S=pikepdf.Name.URI, URI=pikepdf.String("http://example.invalid/x")
                ),
            ),
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=rect, FS=filespec
            ),
        ]
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Btn,
                T=pikepdf.String("send"),
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                Rect=rect,
                A=pikepdf.Dictionary(
                    S=pikepdf.Name.SubmitForm, F=pikepdf.String("http://example.invalid/post")
                ),
            )
        )
        page.Annots = pdf.make_indirect(pikepdf.Array([*annots, field]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        pdf.save(path)
    return path


def encrypted_owner_only(path: Path) -> Path:
    """AES-256 (R6), an owner password and no user password: opens without asking."""
    plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user="", R=6))
    return path


def broken_stream(path: Path) -> Path:
    """A page whose content stream claims Flate but is not: ``qpdf --check`` fails."""
    plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0].obj
        stream = pikepdf.Stream(pdf, b"\x00\x01 not deflate data \xff" * 10)
        stream.Filter = pikepdf.Name.FlateDecode
        page.Contents = stream
        pdf.save(path)
    return path


def escaping_font(path: Path, name: str = "Evil\x1b[2J\x1b]0;owned\x07Font") -> Path:
    """A PDF using a font it does not embed whose name carries terminal escapes."""
    plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        fonts = pdf.pages[0].obj.Resources.Font
        for key in list(fonts.keys()):
            fonts[key].BaseFont = pikepdf.Name("/" + name)
        pdf.save(path)
    return path


def titled(path: Path, title: str) -> Path:
    """A plain PDF whose document information /Title is ``title``."""
    plain(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = title
        pdf.save(path)
    return path
