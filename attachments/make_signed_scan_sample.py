"""Make attachments/signed-scan-sample.pdf: a stand-in for an existing PDF (a signed copy).

Run once (``.venv/bin/python attachments/make_signed_scan_sample.py``); the PDF is committed.
Three A4 pages in Noto Serif from fonts/ (embedded and subset, as a print room expects of
any PDF it is handed), with fixed dates (invariant), made PDF/A-2u (XMP and sRGB output
intent, by reportgen's own ``writers.pdf_archive``) as an archive would want it: the annex
pack keeps its PDF/A claim only when every attached PDF has one.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).with_name("signed-scan-sample.pdf")
FONTS = Path(__file__).resolve().parents[1] / "fonts"
LINES = [
    "Memorandum of Co-operation on Trade Promotion",
    "between Hong Kong and Sichuan",
    "",
    "This specimen stands in for a signed copy received as a scanned PDF.",
    "It is merged into the annex pack as it is, never redrawn.",
]


def _page(c: Canvas, n: int, pages: int) -> None:
    w, h = A4
    c.setStrokeGray(0.8)
    c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
    c.setFont("Serif-Bold", 16)
    c.drawCentredString(w / 2, h - 45 * mm, "SPECIMEN – signed copy")
    c.setFont("Serif", 11)
    for i, line in enumerate(LINES):
        c.drawString(30 * mm, h - 65 * mm - i * 16, line)
    c.drawString(30 * mm, h - 160 * mm, f"Original page {n} of {pages}")
    if n == pages:
        for x in (30 * mm, 120 * mm):
            c.line(x, 70 * mm, x + 60 * mm, 70 * mm)
            c.bezier(
                x + 5 * mm,
                72 * mm,
                x + 20 * mm,
                90 * mm,
                x + 30 * mm,
                60 * mm,
                x + 50 * mm,
                78 * mm,
            )
        c.drawString(30 * mm, 63 * mm, "For Hong Kong")
        c.drawString(120 * mm, 63 * mm, "For Sichuan")
    c.saveState()
    c.setFillGray(0.85)
    c.setFont("Serif-Bold", 60)
    c.translate(w / 2, h / 2 - 30 * mm)
    c.rotate(35)
    c.drawCentredString(0, 0, "SPECIMEN")
    c.restoreState()
    c.showPage()


def main() -> None:
    pdfmetrics.registerFont(TTFont("Serif", str(FONTS / "NotoSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONTS / "NotoSerif-Bold.ttf")))
    from reportgen.writers.pdf_archive import Meta, describe
    from reportgen.writers.pdf_finish import save

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, initialFontName="Serif")
    title = "Memorandum of Co-operation on Trade Promotion – signed copy (specimen)"
    c.setTitle(title)
    c.setAuthor("reportgen sample")
    for n in (1, 2, 3):
        _page(c, n, 3)
    c.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        meta = Meta(title, "reportgen sample", lang="en", producer="ReportLab (specimen)")
        describe(pdf, meta, "PDF/A-2u", ua=False, epoch=946684800)
        OUT.write_bytes(save(pdf, "PDF/A-1b"))  # saved as PDF 1.4: no object streams


if __name__ == "__main__":
    main()
