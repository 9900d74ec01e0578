"""A second event written from scratch as a new user would (tests/roots/gba-visit): a two-day
programme of 20 items, a delegation list with long titles, long paragraphs (an English one of
3,500 characters, a Chinese one of 800 with the Hong Kong characters 𨋢 邨 峯 啓 綫 㗎 and
officials' names in their official forms), a 12-article memorandum whose Chinese and English
texts are equally authentic, side by side. Built in every edition and format and read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import docx_texts, flat, pdf_fonts, pdf_text
from pdf_glyphs import find_in_order, pdf_glyphs

from reportgen.build import BuildOptions, build

EPOCH = 1778716800  # 14 May 2026
OUTPUTS = {
    **{
        f"briefing-pack.{e}.{f}": None
        for e in ("en", "zh", "bilingual", "zh-Hans")
        for f in ("pdf", "docx")
    },
    **{f"annex-1.{e}.{f}": None for e in ("en", "zh", "bilingual") for f in ("pdf", "docx")},
    "annex-pack.en.pdf": None,
    "annex-pack.zh.pdf": None,
}
PAGES = {  # sane ranges, not today's exact counts
    "briefing-pack.en.pdf": (5, 10),
    "briefing-pack.zh.pdf": (4, 8),
    "briefing-pack.zh-Hans.pdf": (4, 8),
    "briefing-pack.bilingual.pdf": (8, 15),
    "annex-1.en.pdf": (2, 4),
    "annex-1.zh.pdf": (2, 4),
    "annex-1.bilingual.pdf": (3, 7),
    "annex-pack.en.pdf": (4, 10),
    "annex-pack.zh.pdf": (4, 10),
}
HK = ["𨋢", "秀茂坪邨", "禾輋邨", "劉俊峯", "啓德", "東鐵綫", "好辛苦㗎", "曾國衞", "甯漢豪"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("gba"), "gba-visit")
    build(project, BuildOptions(epoch=EPOCH))
    return project / "build"


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return flat(" ".join(pdf_text(path)))
    return flat(" ".join(docx_texts(path).values()))


def test_every_edition_and_format_is_built(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_in_range_and_every_font_embedded(out: Path, name: str) -> None:
    low, high = PAGES[name]
    assert low <= len(pdf_text(out / name)) <= high
    fonts = pdf_fonts(out / name)
    assert fonts and all(fonts.values()), fonts


@pytest.mark.parametrize(
    "name",
    [
        "briefing-pack.zh.pdf",
        "briefing-pack.zh.docx",
        "briefing-pack.bilingual.pdf",
        "briefing-pack.bilingual.docx",
    ],
)
def test_hong_kong_characters_and_names_survive(out: Path, name: str) -> None:
    text = _text(out / name).replace(" ", "")
    assert [w for w in HK if w not in text] == []


def test_two_day_programme_has_every_item_and_both_days(out: Path) -> None:
    text = _text(out / "briefing-pack.en.pdf")
    assert "14 May 2026" in text and "15 May 2026" in text
    for item in (
        "07:30–08:15",
        "19:15–20:15",
        "Hong Kong West Kowloon Station",
        "Hong Kong Port",
    ):
        assert item in text
    zh = _text(out / "briefing-pack.zh.pdf")
    assert "2026年5月14日" in zh.replace(" ", "") and "2026年5月15日" in zh.replace(" ", "")


def test_simplified_edition_converts_the_hong_kong_words(out: Path) -> None:
    text = _text(out / "briefing-pack.zh-Hans.pdf").replace(" ", "")
    assert "𨋢" not in text and "增设电梯及斜道" in text
    assert "甯汉豪" in text  # overrides.yaml keeps the surname 甯
    assert "曾国卫" in text


def test_memorandum_has_twelve_articles_in_each_language(out: Path) -> None:
    en = _text(out / "annex-1.en.pdf")
    zh = _text(out / "annex-1.zh.pdf").replace(" ", "")
    assert "Article 12: Implementation" in en and "Article 13" not in en
    assert "第十二條" in zh and "第十三條" not in zh


@pytest.mark.parametrize(
    ("name", "pairs"),
    [
        (
            "annex-1.bilingual.pdf",
            [
                (f"Article {n}:", f"第{c}條")
                for n, c in zip(range(1, 13), "一二三四五六七八九十", strict=False)
            ]
            + [("Article 11:", "第十一條"), ("Article 12:", "第十二條")],
        ),
        (
            "briefing-pack.bilingual.pdf",
            [
                ("The Hong Kong/Guangdong Co-operation Joint", "粵港合作聯席會議於"),
                ("The Chief Executive, Mr John Lee", "行政長官李家超將"),
                ("To make life easier", "為便利在大灣區"),
                ("Hong Kong will fully and proactively", "香港會全面主動融入"),
            ],
        ),
    ],
)
def test_bilingual_pairs_start_side_by_side(out: Path, name: str, pairs) -> None:  # type: ignore[no-untyped-def]
    pages = pdf_glyphs(out / name)
    mid = pages[0].width / 2
    for en, zh in pairs:
        left, right = find_in_order(pages, [(en, lambda g: g.x < mid), (zh, lambda g: g.x > mid)])
        assert left is not None and right is not None, (en, zh)
        assert left.page == right.page, (en, zh)
        assert abs(left.box[3] - right.box[3]) < 4, (en, zh, left.box, right.box)


LO = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("soffice", "pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)",
)


@pytest.fixture(scope="module")
def lo(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every DOCX converted in ONE LibreOffice call, as a print room does."""
    work = tmp_path_factory.mktemp("gba-lo")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, sorted(out.glob("*.docx"))),
        ],
        check=True,
        timeout=600,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(work)},
    )
    return work


def _lo_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


@LO
@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("briefing-pack.en", "Chinese and English texts, equally authentic"),
        ("briefing-pack.zh", "中、英文本具同等效力"),
        ("briefing-pack.zh-Hans", "中、英文本具同等效力"),
        ("briefing-pack.bilingual", "中、英文本具同等效力"),
    ],
)
def test_libreoffice_last_page_is_not_blank(lo: Path, name: str, last: str) -> None:
    """The pack ends with a table (the list of annexes); the empty paragraph Word needs after
    it must not make a blank last page when the table ends near the foot of a page."""
    pages = _lo_pages(lo / f"{name}.pdf")
    assert last in flat(pages[-1]).replace(" ", "") or last in flat(pages[-1])


@LO
def test_libreoffice_draws_the_hong_kong_characters(lo: Path) -> None:
    text = "".join(_lo_pages(lo / "briefing-pack.zh.pdf"))
    assert [c for c in "𨋢邨峯啓綫㗎衞甯輋" if c not in text] == []


@LO
def test_libreoffice_bilingual_cover_is_one_page(lo: Path) -> None:
    first = flat(_lo_pages(lo / "briefing-pack.bilingual.pdf")[0])
    assert "For the use of the delegation only" in first
