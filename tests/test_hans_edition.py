"""The zh-Hans edition as a user meets it: check warnings, the reviewer's listing
(``reportgen hans``), and the "for reference only" marking of a derived edition."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import edit, run

from reportgen.loader import load_yaml
from reportgen.messages import messages

REFERENCE_ONLY = "仅供参考"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("hans"), "sample")


def _pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_derived_simplified_memorandum_is_marked_for_reference_only(sample: Path) -> None:
    out = sample / "out-annex"
    code, stdout, err = run(
        "build", "--doc", "annex-1", "--edition", "zh-Hans", "--edition", "zh", "--edition",
        "en", "-o", str(out), "-j", "1", cwd=sample,
    )  # fmt: skip
    assert code == 0, err + stdout
    notice = messages("zh-Hans")["derived"]
    assert REFERENCE_ONLY in notice
    hans_pdf = _pdf_text(out / "annex-1.zh-Hans.pdf")
    assert notice in hans_pdf.replace("\r", "").replace("\n", "")
    # the English carries its unofficial-translation notice in the same place
    assert "Unofficial translation" in _pdf_text(out / "annex-1.en.pdf")
    # the authoritative Traditional text is not marked
    assert "僅供參考" not in _pdf_text(out / "annex-1.zh.pdf")
    with zipfile.ZipFile(out / "annex-1.zh-Hans.docx") as z:
        body = z.read("word/document.xml").decode()
    assert notice in body
    with zipfile.ZipFile(out / "annex-1.zh.docx") as z:
        assert "僅供參考" not in z.read("word/document.xml").decode()


def test_briefing_pack_zh_hans_is_not_marked(sample: Path) -> None:
    """English is authoritative there: the Simplified edition is the Chinese translation's
    conversion, not a derived copy of a Chinese-authoritative text."""
    from reportgen.build import BuildOptions, prepare
    from reportgen.model import text_of

    builder = prepare(sample, BuildOptions(), None, ["briefing-pack"], {"zh-Hans"})
    text = text_of(builder.model("briefing-pack", "zh-Hans"))
    assert messages("zh-Hans")["derived"] not in text


def test_zh_hans_edition_localises_the_sample(sample: Path) -> None:
    from reportgen.build import BuildOptions, prepare
    from reportgen.model import text_of

    builder = prepare(sample, BuildOptions(), None, ["briefing-pack"], {"zh-Hans"})
    text = text_of(builder.model("briefing-pack", "zh-Hans"))
    for mainland in ("本次会议", "会见记者", "概述如下", "新冠疫情", "机场运营", "通过"):
        assert mainland in text
    for hk in ("是次", "会见传媒", "撮述", "2019冠状病毒病", "营运", "透过", "视乎"):
        assert hk not in text


def test_check_warns_about_characters_outside_the_simplified_repertoire(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path, "sample")
    zh = root / "content" / "zh" / "briefing-pack.yaml"
    edit(zh, "  heading: 背景", "  heading: 背景㗎")  # a Cantonese particle OpenCC keeps
    code, out, err = run("check", "--format", "json", cwd=root)
    found = [d for d in json.loads(out) if d["code"] == "hans"]
    assert len(found) == 1, found
    line = next(i for i, t in enumerate(zh.read_text("utf-8").splitlines(), 1) if "背景㗎" in t)
    assert found[0]["severity"] == "warning"
    where = found[0]["location"]
    assert where["line"] == line and where["path"].endswith("content/zh/briefing-pack.yaml")
    text = zh.read_text("utf-8").splitlines()[line - 1]
    assert where["column"] == text.index("㗎") + 1  # at the character itself
    assert "U+35CE '㗎'" in found[0]["message"] and "repertoire" in found[0]["message"]
    assert code == 0  # a warning: --strict fails on it
    assert run("check", "--strict", cwd=root)[0] == 1


def test_check_warns_about_traditional_characters_in_an_override(tmp_path: Path) -> None:
    root = make_project(tmp_path, "sample")
    overrides = root / "overrides.yaml"
    text = overrides.read_text("utf-8")
    overrides.write_text(
        text + "測試項目: 測試项目\n人工:\n  to: 人工費\n  not-inside: [人工智能]\n", "utf-8"
    )
    code, out, err = run("check", "--format", "json", cwd=root)
    found = sorted(
        (d["location"]["line"], d["message"]) for d in json.loads(out) if d["code"] == "hans"
    )
    lines = text.count("\n")
    assert [line for line, _ in found] == [lines + 1, lines + 3]
    assert "測 (测)" in found[0][1] and "'測試項目'" in found[0][1]
    assert "費 (费)" in found[1][1]
    # 甯 (a surname kept by the sample's overrides) is in the repertoire: no warning
    assert not any("甯" in message for _, message in found)


def test_check_warns_about_an_override_it_would_ignore(tmp_path: Path) -> None:
    root = make_project(tmp_path, "sample")
    overrides = root / "overrides.yaml"
    text = overrides.read_text("utf-8")
    overrides.write_text(
        text + "人工:\n  into: 工资\n質素:\n  to: 素质\n  not_inside: [人口質素]\n", "utf-8"
    )
    code, out, err = run("check", "--format", "json", cwd=root)
    found = [d["message"] for d in json.loads(out) if d["code"] == "hans"]
    assert any("'人工' has no text to print, so it is ignored" in m for m in found), found
    assert any("'質素' has unknown key(s) not_inside" in m for m in found), found


def test_hans_command_lists_changes_per_value(sample: Path) -> None:
    code, out, err = run("hans", "--terms-only", cwd=sample)
    assert code == 0, err
    lines = out.splitlines()
    src, _ = load_yaml(sample / "content" / "zh" / "briefing-pack.yaml")
    assert src is not None and "是次會議" in src.data["background"]["paragraphs"][0]
    where = src.loc(("background", "paragraphs", 0))
    head = f"content/zh/briefing-pack.yaml:{where.line}:{where.column}: background.paragraphs[0]"
    at = lines.index(head)
    assert lines[at + 1].split()[:4] == ["term", "是次", "→", "本次"]
    assert lines[-1].startswith(f"{sum(1 for x in lines if x.startswith('content/'))} value(s)")
    assert not any(x.split()[:1] == ["override"] for x in lines)  # --terms-only


def test_hans_command_json_has_overrides_and_reasons(sample: Path) -> None:
    code, out, err = run("hans", "--doc", "annex-1", "--format", "json", cwd=sample)
    assert code == 0, err
    items = json.loads(out)
    assert items and all(i["path"].endswith("content/zh/annex-1.yaml") for i in items)
    kinds = {c["kind"] for i in items for c in i["changes"]}
    assert kinds == {"term", "override"}  # the quotation-mark overrides, the terms
    term = next(c for i in items for c in i["changes"] if c["from"] == "透过")
    assert term["to"] == "通过" and term["why"]
    quote = next(c for i in items for c in i["changes"] if c["kind"] == "override")
    assert quote["origin"].startswith("overrides.yaml:")


def test_docx_core_language_is_zh_cn_for_zh_hans(sample: Path) -> None:
    out = sample / "out-docx"
    code, stdout, err = run(
        "build", "--doc", "briefing-pack", "--edition", "zh-Hans", "--format", "docx",
        "-o", str(out), "-j", "1", cwd=sample,
    )  # fmt: skip
    assert code == 0, err + stdout
    data = (out / "briefing-pack.zh-Hans.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert "<dc:language>zh-CN</dc:language>" in core
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="Noto Serif CJK SC' in styles
    assert "Noto Serif CJK TC" not in styles
