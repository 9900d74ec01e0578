"""A third event written by hand as a new user would (tests/roots/legco-singapore): a
Legislative Council duty visit to Singapore. A 25-row programme over four days, rare Hong
Kong characters (邨 峯 綫 嘅 啱 𨋢 㷫 鰂), names with middle dots, 5G, 3.5%, HK$1.2 billion,
URLs glued to Chinese text, a memorandum whose English text is authoritative with an
official Chinese translation in every edition (zh-Hans and side by side included), and an
annex pack that attaches a three-page PDF with a landscape page. Built and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import docx_texts, flat, pdf_fonts, pdf_text
from test_cli_errors import run

from reportgen.build import BuildOptions, build

EPOCH = 1796601600  # 7 December 2026
HK = [
    "𨋢",
    "㷫",
    "鰂魚涌",
    "峯華邨",
    "華富邨",
    "跨島綫",
    "啱唔啱",
    "我哋",
    "嘅",
    "維文‧巴拉克里斯南",
]
OUTPUTS = sorted(
    [
        f"briefing-pack.{e}.{f}"
        for e in ("en", "zh", "bilingual", "zh-Hans")
        for f in ("pdf", "docx")
    ]
    + [f"annex-1.{e}.{f}" for e in ("en", "zh", "bilingual", "zh-Hans") for f in ("pdf", "docx")]
    + ["annex-pack.en.pdf", "annex-pack.zh.pdf"]
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("legco"), "legco-singapore")
    build(root, BuildOptions(epoch=EPOCH))
    return root


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return flat(" ".join(pdf_text(path)))
    return flat(" ".join(docx_texts(path).values()))


def test_checks_clean_but_for_what_a_reviewer_should_see(project: Path) -> None:
    """No false alarm on URLs glued to Chinese, IN05/2026, CB(1)1234/2026; the Cantonese
    quotation and a rare name are outside the Simplified repertoire (true); the attachment
    does not embed its fonts (true)."""
    code, out, err = run("check", cwd=project)
    assert code == 0, err
    codes = [line.split(": ", 2)[1] for line in err.splitlines()]
    assert codes == [
        "warning hans",
        "warning hans",
        "warning attachment",
        "warning attachment",
    ], err
    assert out == "0 error(s), 4 warning(s) in 3 document(s); 1 accepted in exceptions.yaml\n"


def test_every_edition_and_format_is_built(project: Path) -> None:
    built = sorted(p.name for p in (project / "build").iterdir() if not p.name.startswith("."))
    assert built == OUTPUTS


@pytest.mark.parametrize("name", [n for n in OUTPUTS if n.endswith(".pdf")])
def test_every_font_embedded(project: Path, name: str) -> None:
    fonts = pdf_fonts(project / "build" / name)
    generated = {f: e for f, e in fonts.items() if "Helvetica" not in f}  # the attachment's own
    assert generated and all(generated.values()), fonts


@pytest.mark.parametrize(
    "name",
    [
        "briefing-pack.zh.pdf",
        "briefing-pack.zh.docx",
        "briefing-pack.bilingual.pdf",
        "briefing-pack.bilingual.docx",
    ],
)
def test_rare_hong_kong_characters_survive(project: Path, name: str) -> None:
    text = _text(project / "build" / name).replace(" ", "")
    assert [w for w in HK if w not in text] == []


def test_the_25_row_programme_is_complete_in_both_languages(project: Path) -> None:
    en = _text(project / "build/briefing-pack.en.pdf")
    zh = _text(project / "build/briefing-pack.zh.pdf").replace(" ", "")
    for day in ("7 December 2026", "8 December 2026", "9 December 2026", "10 December 2026"):
        assert day in en
    assert "2026年12月10日" in zh
    assert "08:05–12:00" in en and "20:05" in en
    assert "代表團啓程前往新加坡（國泰航空CX715航班）" in zh and "抵達香港" in zh
    bilingual = pdf_text(project / "build/briefing-pack.bilingual.pdf")
    assert sum("Venue" in page and "地點" in page for page in bilingual) >= 2  # header repeats


def test_simplified_editions(project: Path) -> None:
    text = _text(project / "build/briefing-pack.zh-Hans.pdf").replace(" ", "")
    assert "𨋢" not in text and "电梯" in text
    assert "大巴窑" in text  # overrides.yaml
    assert "鲗鱼涌" in text and "跨岛线" in text
    assert "维文·巴拉克里斯南" in text and "‧" not in text  # the Mainland's interpunct
    memo = _text(project / "build/annex-1.zh-Hans.pdf").replace(" ", "")
    assert "第一条" in memo and "仅供参考" not in memo  # an official translation, not derived


def test_memorandum_side_by_side_without_an_unofficial_notice(project: Path) -> None:
    pages = pdf_text(project / "build/annex-1.bilingual.pdf")
    assert "Article 1" in pages[0] and "第一條" in pages[0]
    assert not any("nofficial" in page for page in pages)
    assert "附件一：" in _pdf_title(project / "build/annex-1.zh.pdf")


def _pdf_title(path: Path) -> str:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo["/Title"])


def test_annex_pack_starts_each_annex_on_a_right_hand_page(project: Path) -> None:
    for lang, label in (("en", "Annex 2"), ("zh", "附件二")):
        pages = pdf_text(project / f"build/annex-pack.{lang}.pdf")
        assert len(pages) % 2 == 0  # duplex: whole sheets
        first = next(i for i, p in enumerate(pages) if "Exchange of letters - page 1" in p)
        assert first % 2 == 0  # 0-based even: a right-hand (odd) page
        assert label in pages[first].replace(" ", "").replace("Annex2", "Annex 2")
        assert "Exchange of letters - page 3" in pages[first + 2]
