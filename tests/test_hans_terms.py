"""Term localisation for the zh-Hans edition: the shipped Hong Kong -> Mainland table,
overrides with context, glossary names, 𨋢."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportgen.hans import (
    TERMS_FILE,
    conversion,
    convert_text,
    converter,
    term_entries,
    to_simplified,
)

ENTRIES = term_entries()


def _id(entry: dict[str, Any]) -> str:
    return str(entry["from"])


def test_table_is_shipped_in_the_package_and_has_the_issue_terms() -> None:
    assert TERMS_FILE.parent.name == "data" and TERMS_FILE.parent.parent.name == "reportgen"
    froms = {e["from"] for e in ENTRIES}
    for term in (
        "资讯科技 视像会议 质素 短讯 程式 的士 透过 视乎 是次 撮述 营运 2019冠状病毒病 会见传媒"
    ).split():
        assert term in froms
    assert len(froms) == len(ENTRIES)  # no entry twice


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_entry_matches_what_opencc_writes(entry: dict[str, Any]) -> None:
    """The table is matched after character conversion: its `from` is OpenCC's output."""
    assert converter().convert(entry["hk"]) == entry["from"]
    assert entry.get("why"), "every entry says why"


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_entry_converts_as_reviewed(entry: dict[str, Any]) -> None:
    if "example" in entry:
        assert convert_text(entry["example"]) == entry["expect"]
    else:  # between punctuation: the term alone
        assert convert_text(f"，{entry['hk']}。") == f"，{entry['to']}。"


@pytest.mark.parametrize(
    ("hk", "mainland"),
    [
        ("資訊科技", "信息技术"),
        ("視像會議", "视频会议"),
        ("服務質素", "服务质量"),
        ("手機短訊", "手机短信"),
        ("電腦程式", "电脑程序"),
        ("乘搭的士", "乘搭出租车"),
        ("透過合作", "通过合作"),
        ("視乎疫情發展", "根据疫情发展"),
        ("是次會議", "本次会议"),
        ("現撮述如下", "现概述如下"),
        ("機場營運", "机场运营"),
        ("2019冠狀病毒病疫情", "新冠疫情"),
        ("預防2019冠狀病毒病", "预防新型冠状病毒感染"),
        ("行政長官會見傳媒", "行政长官会见记者"),
    ],
)
def test_the_issue_terms(hk: str, mainland: str) -> None:
    assert convert_text(hk) == mainland


def test_lift_character_becomes_dianti_never_the_rare_form() -> None:
    assert converter().convert("𨋢") == "䢂"  # what OpenCC alone writes
    assert convert_text("𨋢大堂設有兩部𨋢") == "电梯大堂设有两部电梯"
    assert "䢂" not in convert_text("𨋢𨋢")
    assert convert_text("升降機") == "电梯"


def test_longest_match_and_word_boundaries() -> None:
    assert convert_text("流動應用程式") == "移动应用程序"  # not 流动应用程序
    assert convert_text("應用程式") == "应用程序"
    assert convert_text("提升人口質素及服務質素") == "提升人口素质及服务质量"
    assert convert_text("方程式賽車") == "方程式赛车"
    assert convert_text("我們的士氣") == "我们的士气"
    assert convert_text("支援中小企業") == "支援中小企业"  # never 中小企业业
    assert convert_text("前往數碼港推動數碼化") == "前往数码港推动数字化"
    assert convert_text("數碼港推動數碼經濟及數碼政府") == "数码港推动数字经济及数字政府"


def _project_files(tmp_path: Path, overrides: str, glossary: str = "") -> tuple[Path, Path]:
    o, g = tmp_path / "overrides.yaml", tmp_path / "glossary.yaml"
    o.write_text(overrides, encoding="utf-8")
    g.write_text(glossary or "Chief Executive: 行政長官\n", encoding="utf-8")
    return o, g


def test_override_not_inside(tmp_path: Path) -> None:
    o, g = _project_files(tmp_path, "人工:\n  to: 工资\n  not-inside: [人工智能]\n")
    text = "發展人工智能，控制人工成本"
    assert to_simplified(text, o, g) == "发展人工智能，控制工资成本"
    assert to_simplified(text, None, g) == "发展人工智能，控制人工成本"


def test_override_plain_string_applies_everywhere(tmp_path: Path) -> None:
    """Without limits an override is mechanical: the failure the limits exist for."""
    o, g = _project_files(tmp_path, "人工: 工资\n")
    assert to_simplified("人工智能", o, g) == "工资智能"


def test_override_context(tmp_path: Path) -> None:
    o, g = _project_files(tmp_path, "人工:\n  to: 工资\n  context: [人工成本, 支付人工]\n")
    text = "人工智能；人工成本；支付人工；人工島"
    assert to_simplified(text, o, g) == "人工智能；工资成本；支付工资；人工岛"


def test_override_whole_word(tmp_path: Path) -> None:
    o, g = _project_files(tmp_path, "人工:\n  to: 工资\n  whole-word: true\n")
    assert to_simplified({"cell": "人工", "p": "人工智能"}, o, g) == {
        "cell": "工资",
        "p": "人工智能",
    }
    assert to_simplified("（人工）", o, g) == "（工资）"


def test_overrides_take_precedence_over_the_table(tmp_path: Path) -> None:
    o, g = _project_files(tmp_path, "質素: 素质\n是次:\n  to: 是次\n  context: [是次會議]\n")
    assert to_simplified("教育質素", o, g) == "教育素质"
    assert to_simplified("是次會議；是次訪問", o, g) == "是次会议；本次访问"


def test_glossary_names_are_never_localised(tmp_path: Path) -> None:
    glossary = (
        "Taxi Drivers and Operators Association: 的士司機從業員總會\n"
        "taxi: 的士\n"  # a common noun: not a name, localised
    )
    o, g = _project_files(tmp_path, "", glossary)
    text = "的士司機從業員總會建議乘搭的士"
    assert to_simplified(text, o, g) == "的士司机从业员总会建议乘搭出租车"
    assert to_simplified(text, o, None) == "出租车司机从业员总会建议乘搭出租车"
    # names may also come as data (what templates are given)
    assert to_simplified(text, {}, ["的士司机从业员总会"]) == "的士司机从业员总会建议乘搭出租车"


def test_a_name_in_the_table_is_kept() -> None:
    text = convert_text("政府資訊科技總監辦公室推動資訊科技")
    assert text == "政府资讯科技总监办公室推动信息技术"


def test_trace_lists_changes_beyond_characters(tmp_path: Path) -> None:
    o, g = _project_files(tmp_path, "甯漢豪: 甯汉豪\n")
    text, changes = conversion(o, g).trace("甯漢豪透過視像會議會見傳媒")
    assert text == "甯汉豪通过视频会议会见记者"
    assert [(c.source, c.target, c.kind) for c in changes] == [
        ("甯漢豪", "甯汉豪", "override"),
        ("透过", "通过", "term"),
        ("视像会议", "视频会议", "term"),
        ("会见传媒", "会见记者", "term"),
    ]
    assert changes[0].origin == "overrides.yaml:1"
    assert all(c.why for c in changes[1:])


def _review_rows() -> list[list[str]]:
    doc = Path(__file__).resolve().parents[1] / "docs" / "hans-terms.md"
    rows = []
    for line in doc.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].isdigit():
            rows.append(cells)
    return rows


def test_review_table_has_50_phrases_and_matches_the_code() -> None:
    rows = _review_rows()
    assert [int(r[0]) for r in rows] == list(range(1, 60))  # 50, and round qa2's 9
    for _, hk, opencc_alone, hans, why in rows:
        assert converter().convert(hk) == opencc_alone, hk
        assert convert_text(hk) == hans, hk
        assert why, hk
