# ruff: noqa: E501, B023
"""The Typst peer: the benchmark project's text as an equivalent Typst document, compiled.

    python bench/typst_peer.py PROJECT OUT.pdf [--source OUT.typ]

Converts the synthetic project's content YAML (``bench/project.py``) into one Typst
document shaped like reportgen's bilingual briefing pack: a cover, a contents page
(``outline``), then every block side by side, English left and Chinese right (one grid
row per block pair, rows breaking across pages), the programme and delegation tables
(header rows repeated), lists, quotes; headings numbered as reportgen numbers them,
bookmarked (Typst outlines headings into PDF bookmarks); a running header with the
classification and short title, and "Page X of Y 第 X 頁，共 Y 頁" in the footer; the
same four Latin and two CJK font files (``--font-path`` the project's ``fonts/``, system
fonts ignored). Compiled with the ``typst`` Python package (the Typst compiler in a
wheel: ``pip install -e '.[bench]'``). Prints ``pages bytes`` on stdout, like the
bare-reportlab baseline.

The conversion (reading the YAML, writing the Typst text) is timed with the compile: it
is what a user of Typst would run too, and it is a few milliseconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ZH_NUM = "一二三四五六七八九十"


def esc(text: object) -> str:
    """Typst markup for literal text."""
    out = str(text)
    for ch in "\\#*_`$<>@=-+/[]~'\"":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def zh_enum(n: int) -> str:
    return ZH_NUM[n - 1] + "、" if n <= len(ZH_NUM) else f"{n}. "


def zh_sub(n: int) -> str:
    return f"（{ZH_NUM[n - 1] if n <= len(ZH_NUM) else n}）"


PREAMBLE = r"""
#set document(title: "%(title)s", author: "Benchmark")
#set page(
  paper: "a4",
  margin: (left: 20mm, right: 20mm, top: 24mm, bottom: 22mm),
  header: context [
    #set text(size: 8pt, fill: luma(35%%))
    #text(weight: "bold", fill: rgb(153, 0, 0))[%(classification)s] #h(1fr) %(short_title)s
    #v(-0.6em)
    #line(length: 100%%, stroke: 0.4pt + luma(60%%))
  ],
  footer: context [
    #set text(size: 8.5pt, fill: luma(35%%))
    #set align(center)
    Page #counter(page).display() of #counter(page).final().first()
    #h(2em)
    第 #counter(page).display() 頁，共 #counter(page).final().first() 頁
  ],
)
#set text(font: ("Noto Serif", "Noto Serif CJK TC"), size: 10.5pt, lang: "en", hyphenate: false)
// reportgen's 15.5 pt (English) and 17.9 pt (Chinese) from baseline to baseline; Typst's
// leading is the gap below the cap height (0.71 em in Noto Serif)
#set par(justify: true, leading: 8pt, spacing: 7pt)
#show heading: set text(weight: "bold")
#show heading.where(level: 1): set text(size: 15pt)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading: set block(above: 12pt, below: 7pt)
#let zh(body) = {
  set text(lang: "zh", region: "hk")
  set par(leading: 10.4pt)
  body
}
#let pair(en, zhb) = grid(columns: (1fr, 1fr), column-gutter: 6mm, en, zh(zhb))
#let tbl(cols, header, rows) = {
  set text(size: 9.5pt)
  set par(justify: false)
  table(columns: cols, stroke: 0.4pt + luma(55%%), inset: 4pt,
    table.header(..header.map(h => strong(h))), ..rows.flatten())
}
"""


def convert(project: Path) -> str:
    def load(lang: str) -> dict:
        path = project / "content" / lang / "briefing-pack.yaml"
        return yaml.load(
            path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )

    en, zh, facts = load("en"), load("zh"), load("facts")
    cls = {"restricted": ("RESTRICTED", "限閱文件")}.get(facts["classification"], ("", ""))
    out = [
        PREAMBLE
        % {
            "title": esc(en["cover"]["title"]),
            "classification": f"{cls[0]} / {cls[1]}",
            "short_title": esc(en["short_title"]) + " / " + esc(zh["short_title"]),
        }
    ]
    # cover
    out.append("#align(center)[")
    out.append(
        f'#text(size: 13pt, weight: "bold", fill: rgb(153, 0, 0))[{cls[0]} {cls[1]}] #v(22mm)'
    )
    for key, size in (("title", 28), ("subtitle", 17), ("event", 13), ("venue", 12)):
        out.append(f"#text(size: {size}pt)[{esc(en['cover'][key])}] \\")
        out.append(f"#zh[#text(size: {size}pt)[{esc(zh['cover'][key])}]] #v(4pt)")
    out.append(f"#text(size: 12pt)[{esc(facts['date'])}]")
    out.append("]")
    out.append("#pagebreak()")
    out.append("#outline(title: [Contents 目錄], depth: 2)")
    out.append("#pagebreak()")

    n = 0

    def heading(level: int, e: str, z: str, number: str = "", zh_number: str = "") -> None:
        out.append(
            f"#pair(heading(level: {level})[{esc(number + e)} #zh[{esc(zh_number + z)}]], "
            f'text(size: {15 if level == 1 else 12.5}pt, weight: "bold")[{esc(zh_number + z)}])'
        )

    def para(e: str, z: str, quote: bool = False) -> None:
        if quote:
            out.append(f"#pair(pad(left: 18pt, emph[{esc(e)}]), pad(left: 18pt)[{esc(z)}])")
        else:
            out.append(f"#pair([{esc(e)}], [{esc(z)}])")

    def table(
        cols: str,
        e_head: list[str],
        z_head: list[str],
        e_rows: list[list[str]],
        z_rows: list[list[str]],
    ) -> None:
        def one(head: list[str], rows: list[list[str]]) -> str:
            h = ", ".join(f"[{esc(x)}]" for x in head)
            r = ", ".join("(" + ", ".join(f"[{esc(c)}]" for c in row) + ",)" for row in rows)
            return f"tbl({cols}, ({h},), ({r},))"

        out.append(f"#pair({one(e_head, e_rows)}, {one(z_head, z_rows)})")

    # programme
    n += 1
    heading(1, en["programme"]["heading"], zh["programme"]["heading"], f"{n}. ", zh_enum(n))
    para(en["programme"]["intro"], zh["programme"]["intro"])
    cols = ("time", "item", "venue")
    rows = {lang: [] for lang in ("en", "zh")}
    for iid, when in facts["programme"].items():
        for lang, text in (("en", en), ("zh", zh)):
            item = text["programme"]["items"][iid]
            rows[lang].append(
                [f"{when['start']}–{when.get('end', '')}", item["item"], item["venue"]]
            )
    table(
        "(1.5fr, 4fr, 2.6fr)",
        [en["programme"]["columns"][c] for c in cols],
        [zh["programme"]["columns"][c] for c in cols],
        rows["en"],
        rows["zh"],
    )
    # delegations
    n += 1
    heading(1, en["delegations"]["heading"], zh["delegations"]["heading"], f"{n}. ", zh_enum(n))
    for gid, group in en["delegations"]["groups"].items():
        zgroup = zh["delegations"]["groups"][gid]
        heading(2, group["heading"], zgroup["heading"])
        table(
            "(2fr, 3fr)",
            [en["delegations"]["columns"][c] for c in ("name", "title")],
            [zh["delegations"]["columns"][c] for c in ("name", "title")],
            [[p["name"], p["title"]] for p in group["members"].values()],
            [[p["name"], p["title"]] for p in zgroup["members"].values()],
        )
    # background
    n += 1
    heading(1, en["background"]["heading"], zh["background"]["heading"], f"{n}. ", zh_enum(n))
    for e, z in zip(en["background"]["paragraphs"], zh["background"]["paragraphs"], strict=True):
        para(e, z)
    # areas
    n += 1
    heading(1, en["areas"]["heading"], zh["areas"]["heading"], f"{n}. ", zh_enum(n))
    para(en["areas"]["intro"], zh["areas"]["intro"])
    for k, (aid, area) in enumerate(en["areas"]["items"].items(), 1):
        zarea = zh["areas"]["items"][aid]
        heading(2, area["heading"], zarea["heading"], f"{n}.{k} ", zh_sub(k))
        for e, z in zip(area["points"], zarea["points"], strict=True):
            out.append(f"#pair(list[{esc(e)}], list[{esc(z)}])")
    # agreements
    n += 1
    heading(1, en["agreements"]["heading"], zh["agreements"]["heading"], f"{n}. ", zh_enum(n))
    for k, (gid, a) in enumerate(en["agreements"]["items"].items(), 1):
        za = zh["agreements"]["items"][gid]

        def item(x: dict) -> str:
            return (
                f"enum.item({k})[#strong[{esc(x['title'])}] \\ "
                f"#text(size: 9pt, fill: luma(35%))[{esc(x['signatories'])} \\ {esc(x['note'])}]]"
            )

        out.append(f"#pair(enum({item(a)}), enum({item(za)}))")
    # remarks
    n += 1
    heading(1, en["remarks"]["heading"], zh["remarks"]["heading"], f"{n}. ", zh_enum(n))
    for e, z in zip(en["remarks"]["paragraphs"], zh["remarks"]["paragraphs"], strict=True):
        para(e, z, quote=True)
    out.append(
        f"#pair(align(right)[{esc(en['remarks']['attribution'])}], align(right)[{esc(zh['remarks']['attribution'])}])"
    )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("project", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--source", type=Path, help="also write the Typst source here")
    args = ap.parse_args(argv)
    import typst

    source = convert(args.project)
    if args.source:
        args.source.write_text(source, encoding="utf-8")
    pdf = typst.compile(
        source.encode("utf-8"),
        font_paths=[str(args.project / "fonts")],
        ignore_system_fonts=True,
        timestamp=1632355200,
    )
    args.out.write_bytes(pdf)
    import re

    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    print(pages, len(pdf))
    return 0


if __name__ == "__main__":
    sys.exit(main())
