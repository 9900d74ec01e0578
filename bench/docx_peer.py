# ruff: noqa: E501
"""The DOCX peer: plain python-docx writing the benchmark project's text.

    python bench/docx_peer.py PROJECT OUT.docx

What a short python-docx program makes of the same text: the cover lines, then each
section's heading and blocks side by side, English left and Chinese right, one row of a
two-column table per block pair (the shape of reportgen's bilingual DOCX), the programme
and delegation tables, lists as list paragraphs; East Asian font set on the Normal
style. No fonts embedded, no fields, no contents, no styles of its own: it is the floor
python-docx sets for this text, not an equivalent document. Prints ``0 bytes``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def main(project: Path, out: Path) -> None:
    def load(lang: str) -> dict:
        path = project / "content" / lang / "briefing-pack.yaml"
        return yaml.load(
            path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )

    en, zh, facts = load("en"), load("zh"), load("facts")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Noto Serif"
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK TC")

    for key in ("title", "subtitle", "event", "venue"):
        doc.add_paragraph(en["cover"][key])
        doc.add_paragraph(zh["cover"][key])
    doc.add_page_break()

    state: dict[str, object] = {"table": None}

    def heading(e: str, z: str, level: int = 1) -> None:
        doc.add_heading(e, level)
        doc.add_heading(z, level)
        state["table"] = doc.add_table(rows=0, cols=2)

    def pair(e: str, z: str, style: str | None = None) -> None:
        row = state["table"].add_row().cells  # type: ignore[attr-defined]
        for cell, text in ((row[0], e), (row[1], z)):
            cell.paragraphs[0].text = text
            if style:
                cell.paragraphs[0].style = style

    def grid(head: list[str], rows: list[list[str]]) -> None:
        table = doc.add_table(rows=1, cols=len(head))
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.paragraphs[0].text = text

    heading(en["programme"]["heading"], zh["programme"]["heading"])
    pair(en["programme"]["intro"], zh["programme"]["intro"])
    for text in (en, zh):
        cols = [text["programme"]["columns"][c] for c in ("time", "item", "venue")]
        items = text["programme"]["items"]
        grid(
            cols,
            [
                [f"{w['start']}–{w.get('end', '')}", items[i]["item"], items[i]["venue"]]
                for i, w in facts["programme"].items()
            ],
        )
    heading(en["delegations"]["heading"], zh["delegations"]["heading"])
    for gid, group in en["delegations"]["groups"].items():
        zgroup = zh["delegations"]["groups"][gid]
        heading(group["heading"], zgroup["heading"], 2)
        for text, g in ((en, group), (zh, zgroup)):
            cols = [text["delegations"]["columns"][c] for c in ("name", "title")]
            grid(cols, [[p["name"], p["title"]] for p in g["members"].values()])
    heading(en["background"]["heading"], zh["background"]["heading"])
    for e, z in zip(en["background"]["paragraphs"], zh["background"]["paragraphs"], strict=True):
        pair(e, z)
    heading(en["areas"]["heading"], zh["areas"]["heading"])
    pair(en["areas"]["intro"], zh["areas"]["intro"])
    for aid, area in en["areas"]["items"].items():
        zarea = zh["areas"]["items"][aid]
        heading(area["heading"], zarea["heading"], 2)
        for e, z in zip(area["points"], zarea["points"], strict=True):
            pair(e, z, "List Bullet")
    heading(en["agreements"]["heading"], zh["agreements"]["heading"])
    for gid, a in en["agreements"]["items"].items():
        za = zh["agreements"]["items"][gid]
        for key in ("title", "signatories", "note"):
            pair(a[key], za[key])
    heading(en["remarks"]["heading"], zh["remarks"]["heading"])
    for e, z in zip(en["remarks"]["paragraphs"], zh["remarks"]["paragraphs"], strict=True):
        pair(e, z, "Quote")
    pair(en["remarks"]["attribution"], zh["remarks"]["attribution"])
    doc.core_properties.title = en["cover"]["title"]
    doc.save(str(out))
    print(0, out.stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
