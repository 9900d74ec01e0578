"""Regressions found by trying reportgen as a new user on new content (a Legislative
Council duty visit to Singapore): exact CLI lines, checked with click's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project
from inspect_outputs import pdf_text
from test_cli_errors import edit, run

from reportgen.valuechecks import Value, run_checks

ZH = "content/zh/briefing-pack.yaml"


def latin(zh: str, en: str) -> list[str]:
    found = run_checks(Value(("x",), zh, en))
    return [f.message for f in found if f.code == "latin-text"]


# ---------------------------------------------------------------- not a project


def test_check_outside_a_project_says_so(tmp_path: Path) -> None:
    code, out, err = run("check", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "reportgen.yaml: error missing-file: no reportgen.yaml in this folder, so it is not a "
        "reportgen project; run 'reportgen init DIR' to start a project, or give the "
        "project's folder",
        "not a reportgen project: nothing was checked",
    ]


def test_check_of_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    code, _, err = run("check", "nowhere", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0].endswith(
        f"error missing-file: the folder {tmp_path.resolve() / 'nowhere'} does not exist; "
        "run 'reportgen init DIR' to start a project, or give the project's folder"
    )
    assert err.splitlines()[1] == "not a reportgen project: nothing was checked"


# ---------------------------------------------------------------- placeholders in Chinese


@pytest.mark.parametrize("word", ["TBC", "TODO", "tbd", "XXX", "FIXME"])
def test_lone_placeholder_in_chinese_is_reported(word: str) -> None:
    assert latin(f"見附件一。{word}", "At Annex 1.") == [
        f"'x' has English text '{word}' that is a placeholder, not in the English; translate it"
    ]


def test_placeholder_in_brackets_is_reported() -> None:
    assert latin("見附件一（TBC）。", "At Annex 1.") != []


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("由HKEX主辦。", "Organised by the exchange."),  # a lone acronym is a name
        ("與Singpass比較。", "Compared with Singpass."),
        ("日期：TBC。", "Date: TBC."),  # the English has it too: not the translator's
        ("發展事務委員會文件CB(1)1234/2026。", "The Panel's paper CB(1)1234/2026."),
    ],
)
def test_names_and_paper_numbers_pass(zh: str, en: str) -> None:
    assert latin(zh, en) == []


def test_placeholder_reported_by_check_at_its_column(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "minimal")
    text = (proj / ZH).read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("  heading: "))
    old = text.splitlines()[line - 1]
    edit(proj / ZH, old, old + "TBC")
    code, _, err = run("check", "--strict", cwd=proj)
    assert code == 1
    col = len(old) + 1
    assert f"{ZH}:{line}:{col}: warning latin-text: " in err
    assert "has English text 'TBC' that is a placeholder, not in the English" in err


# ---------------------------------------------------------------- memorandum titles


@pytest.mark.parametrize(
    ("lang", "title"), [("zh", "附件一：香港／四川"), ("en", "Annex 1: Co-operation")]
)
def test_memorandum_title_separator_follows_the_language(
    tmp_path: Path, lang: str, title: str
) -> None:
    import pikepdf

    proj = make_project(tmp_path)
    code, _, err = run("build", "--doc", "annex-1", "--edition", lang, "--format", "pdf", cwd=proj)
    assert code == 0, err
    with pikepdf.open(proj / f"build/annex-1.{lang}.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]).startswith(title)


# ---------------------------------------------------------------- the sample's bilingual memoranda


def test_sample_builds_its_memoranda_side_by_side(sample_build: Path) -> None:
    """The Quick start builds annex-{1,2}.bilingual: Article 1 beside 第一條 on one page."""
    for name in ("annex-1", "annex-2"):
        assert (sample_build / f"{name}.bilingual.docx").is_file()
        pages = pdf_text(sample_build / f"{name}.bilingual.pdf")
        first = next(i for i, text in enumerate(pages) if "Article 1" in text)
        assert "第一條" in pages[first]
        assert "Unofficial translation" in pages[0]


# ---------------------------------------------------------------- hostile and mistaken input


def test_comma_in_a_flow_mapping_is_explained(tmp_path: Path) -> None:
    """{name: The Hon A, SBS, JP, title: …}: YAML made SBS and JP keys; say why."""
    proj = make_project(tmp_path, "minimal")
    en = proj / "content/en/briefing-pack.yaml"
    text = en.read_text(encoding="utf-8")
    old = next(s for s in text.splitlines() if "{name: " in s)
    new = old.replace("{name: ", "{name: The Hon A, SBS, ", 1)
    edit(en, old, new)
    line = text.splitlines().index(old) + 1
    code, _, err = run("check", cwd=proj)
    assert code == 1
    col = new.index("SBS") + 1
    assert f"content/en/briefing-pack.yaml:{line}:{col}: error schema: unknown key 'SBS' " in err
    assert (
        "; if it is part of the text before it, a comma inside {…} ended that text: "
        'put the whole text in quotes ("…, SBS")\n' in err
    )


def test_cut_short_xliff_says_what_to_do(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "translation-basic")
    assert run("xliff", "export", "-o", "work.xlf", cwd=proj)[0] == 0
    data = (proj / "work.xlf").read_bytes()
    (proj / "cut.xlf").write_bytes(data[: len(data) // 2])
    code, _, err = run("xliff", "import", "cut.xlf", cwd=proj)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("cut.xlf:") or "/cut.xlf:" in first
    assert first.endswith("; the file is damaged or cut short: export it again from the CAT tool")
    assert "line " not in first.split("error", 1)[1]  # the place is in the location only
    assert err.splitlines()[-1] == "1 error(s); nothing was written"


# ---------------------------------------------------------------- links and numbers


def codes(zh: str, en: str) -> list[str]:
    return [f.code for f in run_checks(Value(("x",), zh, en))]


def test_link_ends_where_chinese_text_begins() -> None:
    from reportgen.valuechecks.links import links

    zh = "立法會將於https://www.legco.gov.hk、國會將於https://www.parliament.gov.sg提供其文件。"
    assert links(zh) == ["https://www.legco.gov.hk", "https://www.parliament.gov.sg"]
    en = "The Council at https://www.legco.gov.hk and the Parliament at https://www.parliament.gov.sg."
    assert "link" not in codes(zh, en)


def test_english_and_chinese_path_parts_are_one_page() -> None:
    zh = "見（https://www.legco.gov.hk/research-publications/chinese/2026in05.pdf）。"
    en = "See (https://www.legco.gov.hk/research-publications/english/2026in05.pdf)."
    assert "link" not in codes(zh, en)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("資料摘要IN05/2026。", "Information note IN05/2026."),
        ("乘CX715航班。", "On flight CX715."),
    ],
)
def test_digits_glued_to_latin_letters_are_a_code_not_a_number(zh: str, en: str) -> None:
    assert "number" not in codes(zh, en)


# ---------------------------------------------------------------- justification


def test_justified_chinese_does_not_letterspace_latin_words() -> None:
    """'參考資料：資料摘要 IN05/2026' was drawn 'I N 0 5 / 2 0 2 6': the spare space of
    a justified line goes between CJK characters and beside Latin words, not inside them."""
    from test_linebreak import SIZE, fake_measure, frags_for, right_edge

    from reportgen.linebreak import break_paragraph

    text = (
        "新加坡經濟在2025年增長3.5%。參考資料：資料研究組資料摘要IN05/2026及文件CB(1)1234/2026。"
        * 3
    )
    width = 21.3 * SIZE
    lines = break_paragraph(
        frags_for(text), width, fake_measure, lang="zh-Hant-HK", align="justify"
    )
    spread = 0
    for line in lines[:-1]:
        latin = [i for i in line.items if i.text.isascii() and len(i.text) > 1]
        assert all(i.char_space == 0 for i in latin), [(i.text, i.char_space) for i in latin]
        spread += any(i.char_space > 0 for i in line.items)
        right = max(right_edge(i, fake_measure) for i in line.items)
        assert abs(right - width) < 0.01 or right > width  # justified (or a hanging mark)
    assert spread  # the lines were justified at all


@pytest.mark.parametrize("ems", [18.0, 21.5, 25.0, 31.0])
def test_no_justified_gap_wider_than_half_an_em(ems: float) -> None:
    """（ then a long URL leaves one or two gaps outside Latin words: rather than open them
    wide, the line spreads every letter (as it did before). (A line the rules leave with
    four characters, 參考資料 before （https://…, still spreads them wide: not new.)"""
    from test_linebreak import SIZE, fake_measure, frags_for

    from reportgen.linebreak import break_paragraph

    url = "https://www.legco.gov.hk/research-publications/chinese/2026in05-smart-city.pdf"
    text = f"參考資料（{url}）及文件，立法會將於https://www.legco.gov.hk、國會亦將於網站提供。" * 2
    lines = break_paragraph(
        frags_for(text), ems * SIZE, fake_measure, align="justify", lang="zh-Hant-HK"
    )
    autospace = 0.25 * SIZE
    for line in lines[:-1]:
        items = line.items
        for prev, nxt in zip(items, items[1:], strict=False):
            advance = fake_measure(prev.text, prev.font, prev.size)
            gap = nxt.x - (prev.x + advance + prev.char_space * len(prev.text))
            assert gap <= 0.5 * SIZE + autospace + 1e-6, (prev.text, nxt.text, gap)


def test_missing_attachment_is_an_error_in_reportgen_yaml_not_a_missing_project(
    tmp_path: Path,
) -> None:
    proj = make_project(tmp_path)
    edit(proj / "reportgen.yaml", "attachments/signed-scan-sample.pdf", "attachments/signed.pdf")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    lines = err.splitlines()
    assert "error missing-file: 'attachments/signed.pdf' not found" in lines[0]
    assert lines[-1] == "1 error(s) in reportgen.yaml; the content was not checked"


def test_wrong_types_say_what_to_write(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "minimal")
    config = (proj / "reportgen.yaml").read_text(encoding="utf-8")
    old = next(s for s in config.splitlines() if "editions:" in s)
    edit(proj / "reportgen.yaml", old, old.split(":")[0] + ": en")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert err.splitlines()[0].endswith(
        "error config: 'documents.briefing-pack.editions' should be a list, found 'en'; "
        "write it as a list: [en]"
    )
    edit(proj / "reportgen.yaml", old.split(":")[0] + ": en", old)
    edit(proj / ZH, "  heading: 活動程序", "  heading: [活動程序]")
    code, _, err = run("check", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{ZH}:8:12: error schema: 'programme.heading' should be text, found a list; "
        "text that starts with [ or { must be in quotes, or YAML reads a list or mapping"
    )


def test_sync_of_a_misspelt_key_suggests_the_key(tmp_path: Path) -> None:
    proj = make_project(tmp_path, "translation-basic")
    code, _, err = run("sync", "--accept", f"{ZH}:cover.titel", cwd=proj)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{ZH}: error missing-key: 'cover.titel' is not a key of briefing-pack; "
        "nothing was recorded; did you mean 'cover.title'?"
    )


def test_init_hint_quotes_a_folder_with_a_space(tmp_path: Path) -> None:
    code, out, _ = run("init", "my visit", cwd=tmp_path)
    assert code == 0
    assert out == "created my visit; next: cd 'my visit' && reportgen build\n"


# ---------------------------------------------------------------- the Simplified edition


@pytest.mark.parametrize("dot", ["‧", "・", "·"])
def test_simplified_edition_writes_the_mainland_interpunct(dot: str) -> None:
    from reportgen.hans import to_simplified

    assert to_simplified(f"外交部長維文{dot}巴拉克里斯南") == "外交部长维文·巴拉克里斯南"


@pytest.mark.parametrize("command", ["status", "hans", "fonts"])
def test_read_only_commands_do_not_say_nothing_was_written(tmp_path: Path, command: str) -> None:
    proj = make_project(tmp_path, "minimal")
    (proj / "reportgen.yaml").write_text("documents: [\n", encoding="utf-8")
    code, _, err = run(command, cwd=proj)
    assert code == 1
    assert err.splitlines()[-1] == "1 error(s)"
    code, _, err = run("build", cwd=proj)
    assert err.splitlines()[-1] == "1 error(s); nothing was written"
