"""``simplified``: a list of characters that are only Simplified, checked over all of Big5."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FONTS, make_project
from test_cli_errors import edit, run

from reportgen.simplified_only import simplified_chars, simplified_only


def big5_characters(codec: str) -> set[str]:
    out: set[str] = set()
    for hi in range(0x81, 0xFF):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                out.add(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                continue
    return out


def test_no_big5_character_is_simplified() -> None:
    big5 = big5_characters("cp950")
    assert len(big5) > 13_000
    assert sorted(big5 & set(simplified_only())) == []


def test_hkscs_simplified_forms_are_still_reported() -> None:
    """Big5-HKSCS encodes some Simplified forms (发, 国) for names; prose writes 發, 國."""
    hkscs = big5_characters("big5hkscs") - big5_characters("cp950")
    flagged = hkscs & set(simplified_only())
    assert {"发", "国", "门", "会"} <= flagged
    assert "𨋢" not in flagged  # the Hong Kong character for 'lift' is not Simplified


def test_standard_traditional_forms_pass() -> None:
    assert simplified_chars("群峰只後台系裏面") == []
    assert simplified_chars("简发们群") == [("简", "簡"), ("发", "發/髮"), ("们", "們")]


@pytest.mark.skipif(not (FONTS / "NotoSerif-Regular.ttf").is_file(), reason="no fonts")
def test_simplified_warning_line(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "translation-basic")
    zh = "content/zh/briefing-pack.yaml"
    edit(proj / zh, "heading: 代表團名單", "heading: 代表团群峰名单")
    code, _, err = run("check", cwd=proj)
    assert code == 0
    assert err.splitlines()[0] == (
        f"{zh}:16:14: warning simplified: 'delegations.heading' has Simplified characters: "
        "团 (團/糰), 单 (單); this file is Traditional Chinese (zh-Hant-HK): write the "
        "Traditional characters shown"
    )
