# ruff: noqa: E501, B023, B905
"""The baseline: a bare reportlab platypus script setting the benchmark's text.

No pipeline: it reads the synthetic project's content YAML with PyYAML, registers the
same TrueType fonts, and sets the same text as reportlab ``Paragraph`` s
(``wordWrap='CJK'`` for Chinese) in the same shape as reportgen's bilingual edition:
English left, Chinese right, one two-column table per block pair (as reportgen), the
programme as a table; streams raw Flate (no ASCII85, as reportgen).
No contents, bookmarks or page totals (reportgen has those). Prints
``pages bytes`` on stdout.

    python bench/baseline_reportlab.py PROJECT OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def main(project: Path, out: Path) -> None:
    rl_config.useA85 = 0  # raw Flate streams, as reportgen writes them
    fonts = project / "fonts"
    for name, file in (
        ("Latin", "NotoSerif-Regular.ttf"),
        ("Latin-Bold", "NotoSerif-Bold.ttf"),
        ("CJK", "NotoSerifCJKtc-Regular.ttf"),
        ("CJK-Bold", "NotoSerifCJKtc-Bold.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    load = lambda lang: yaml.load(  # noqa: E731
        (project / "content" / lang / "briefing-pack.yaml").read_text("utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    en, zh, facts = load("en"), load("zh"), load("facts")
    st = {
        "en": ParagraphStyle("en", fontName="Latin", fontSize=10.5, leading=16, spaceAfter=6),
        "zh": ParagraphStyle(
            "zh", fontName="CJK", fontSize=10.5, leading=17.9, spaceAfter=6, wordWrap="CJK"
        ),
    }
    head = {
        k: ParagraphStyle(
            k + "h", parent=v, fontName=v.fontName + "-Bold", fontSize=15, leading=22, spaceBefore=8
        )
        for k, v in st.items()
    }
    cell = {
        k: ParagraphStyle(k + "c", parent=v, fontSize=9.5, leading=13, spaceAfter=0)
        for k, v in st.items()
    }
    P = lambda text, s: Paragraph(escape(str(text)), s)  # noqa: E731

    rows: list[list] = []

    def row(e: str, z: str, kind: str = "p") -> None:
        s = head if kind == "h" else st
        rows.append([P(e, s["en"]), P(z, s["zh"])])

    def flush(story: list) -> None:
        # one table per row, as reportgen sets a block pair: one table for the whole body
        # would be re-split by reportlab at every page (1.34x slower at 10x)
        for r in rows:
            t = Table([r], colWidths=[(A4[0] - 40 * mm) / 2] * 2, splitByRow=1, splitInRow=1)
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
        rows.clear()

    story: list = [
        P(en["cover"]["title"], head["en"]),
        P(zh["cover"]["title"], head["zh"]),
        P(en["cover"]["event"], st["en"]),
        P(zh["cover"]["event"], st["zh"]),
        PageBreak(),
    ]
    row(en["programme"]["heading"], zh["programme"]["heading"], "h")
    row(en["programme"]["intro"], zh["programme"]["intro"])
    flush(story)
    for lang, text in (("en", en), ("zh", zh)):
        cols = text["programme"]["columns"]
        data = [[P(cols[k], cell[lang]) for k in ("time", "item", "venue")]]
        for iid, when in facts["programme"].items():
            item = text["programme"]["items"][iid]
            data.append(
                [
                    P(f"{when['start']}–{when.get('end', '')}", cell[lang]),
                    P(item["item"], cell[lang]),
                    P(item["venue"], cell[lang]),
                ]
            )
        w = A4[0] - 40 * mm
        t = Table(data, colWidths=[w * 1.5 / 8.1, w * 4 / 8.1, w * 2.6 / 8.1], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, (0.55, 0.55, 0.55)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [t, Spacer(1, 4 * mm)]
    row(en["delegations"]["heading"], zh["delegations"]["heading"], "h")
    for gid, group in en["delegations"]["groups"].items():
        zgroup = zh["delegations"]["groups"][gid]
        row(group["heading"], zgroup["heading"], "h")
        for pid, person in group["members"].items():
            zp = zgroup["members"][pid]
            row(f"{person['name']}, {person['title']}", f"{zp['name']}，{zp['title']}")
    row(en["background"]["heading"], zh["background"]["heading"], "h")
    for e, z in zip(en["background"]["paragraphs"], zh["background"]["paragraphs"]):
        row(e, z)
    row(en["areas"]["heading"], zh["areas"]["heading"], "h")
    row(en["areas"]["intro"], zh["areas"]["intro"])
    for aid, area in en["areas"]["items"].items():
        zarea = zh["areas"]["items"][aid]
        row(area["heading"], zarea["heading"], "h")
        for e, z in zip(area["points"], zarea["points"]):
            row("• " + e, "• " + z)
    row(en["agreements"]["heading"], zh["agreements"]["heading"], "h")
    for gid, a in en["agreements"]["items"].items():
        za = zh["agreements"]["items"][gid]
        for key in ("title", "signatories", "note"):
            row(a[key], za[key])
    row(en["remarks"]["heading"], zh["remarks"]["heading"], "h")
    for e, z in zip(en["remarks"]["paragraphs"], zh["remarks"]["paragraphs"]):
        row(e, z)
    row(en["remarks"]["attribution"], zh["remarks"]["attribution"])
    flush(story)

    doc = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=24 * mm,
        bottomMargin=22 * mm,
        invariant=1,
    )
    doc.build(story)
    print(doc.page, out.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
