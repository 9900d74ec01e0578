"""Project configuration: refusals with exact lines, per-part titles, zh-Hans markings."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project
from inspect_outputs import pdf_text
from test_cli_errors import edit, run
from test_pack import _project

from reportgen.build import BuildOptions, build
from reportgen.project import load_project

EPOCH = 1632355200


def test_untranslated_document_cannot_have_other_language_editions(tmp_path: Path) -> None:
    root = _project(tmp_path)
    text = (root / "reportgen.yaml").read_text(encoding="utf-8")
    start = text.index("  annex-2:")
    end = text.index("\n  annex-pack:")
    (root / "reportgen.yaml").write_text(
        text[:start]
        + "  annex-2:\n    type: memorandum\n    authoritative: zh\n    translation: none\n"
        + "    editions: [zh, en, bilingual]"
        + text[end:],
        encoding="utf-8",
    )
    line = text[:start].count("\n") + 5
    code, _, err = run("check", cwd=root)
    assert code == 1
    assert err.splitlines() == [
        f"reportgen.yaml:{line}:20: error config: document 'annex-2' has 'translation: none' "
        "(only Chinese text), so it cannot have the 'en' edition; remove the edition or set "
        "'translation: official' or 'unofficial'",
        f"reportgen.yaml:{line}:24: error config: document 'annex-2' has 'translation: none' "
        "(only Chinese text), so it cannot have the 'bilingual' edition; remove the edition or "
        "set 'translation: official' or 'unofficial'",
        "2 error(s) in reportgen.yaml; the content was not checked",
    ]


def test_untranslated_document_defaults_to_its_own_language(tmp_path: Path) -> None:
    root = _project(tmp_path)
    text = (root / "reportgen.yaml").read_text(encoding="utf-8")
    start = text.index("  annex-2:")
    end = text.index("\n  annex-pack:")
    new = "  annex-2:\n    type: memorandum\n    authoritative: zh\n    translation: none\n"
    (root / "reportgen.yaml").write_text(text[:start] + new + text[end:], encoding="utf-8")
    assert load_project(root).documents["annex-2"].editions == ["zh"]


def test_attached_pdf_title_from_the_configuration(tmp_path: Path) -> None:
    root = _project(tmp_path)
    edit(
        root / "reportgen.yaml",
        "label: 3}",
        "label: 3, title: {en: Signed copy of the agreements, zh: 協議簽署本}}",
    )
    build(root, BuildOptions(docs=["annex-pack"], epoch=EPOCH))
    listing = {ed: pdf_text(root / "build" / f"annex-pack.{ed}.pdf")[2] for ed in ("en", "zh")}
    assert "Signed copy of the agreements" in listing["en"]
    assert "協議簽署本" in listing["zh"]


def test_simplified_edition_marks_classification_in_simplified(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    edit(root / "reportgen.yaml", "editions: [en, zh, bilingual]", "editions: [zh-Hans]")
    build(root, BuildOptions(formats=["pdf"], epoch=EPOCH))
    pages = pdf_text(root / "build" / "briefing-pack.zh-Hans.pdf")
    assert all("限阅文件" in page for page in pages)
    assert not any("限閱文件" in page for page in pages)


def test_simplified_edition_on_request_for_documents_with_chinese(tmp_path: Path) -> None:
    root = _project(tmp_path)
    code, out, err = run("build", "--edition", "zh-Hans", "--format", "pdf", "-j", "1", cwd=root)
    assert code == 0, err
    assert "wrote build/annex-1.zh-Hans.pdf" in out.splitlines()
    assert "第一条" in "".join(pdf_text(root / "build" / "annex-1.zh-Hans.pdf"))


def test_nothing_to_build_is_a_usage_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    code, out, err = run("build", "--doc", "annex-pack", "--edition", "bilingual", cwd=root)
    assert code == 2
    assert err.splitlines() == [
        "usage error: nothing to build: no document has the edition(s) and format(s) asked for "
        "(annex-pack: en, zh as pdf); change --edition/--format or the document's editions in "
        "reportgen.yaml"
    ]
    assert not (root / "build").exists()


def test_attached_pdf_without_embedded_fonts_is_a_warning(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    root = _project(tmp_path)
    canvas = Canvas(str(root / "attachments" / "signed-scan-sample.pdf"))
    canvas.drawString(100, 700, "Signed copy")  # Helvetica: reportlab never embeds it
    canvas.save()
    code, out, err = run("check", cwd=root)
    assert code == 0
    line = next(
        i
        for i, text in enumerate(
            (root / "reportgen.yaml").read_text(encoding="utf-8").splitlines(), start=1
        )
        if "pdf: attachments/" in text
    )
    assert (
        f"reportgen.yaml:{line}:15: warning attachment: 'attachments/signed-scan-sample.pdf' "
        "uses fonts it does not embed (Helvetica); printers will substitute them: export it "
        "again with fonts embedded (e.g. as PDF/A)"
    ) in err.splitlines()  # (and that it is not PDF/A: test_tagged_pdf.py)
    assert run("check", "--strict", cwd=root)[0] == 1


def test_sections_without_items_are_left_out_and_numbers_close_up(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    edit(
        root / "content/en/briefing-pack.yaml",
        "    memo: {title: Co-operation Memorandum, note: Chinese only}\n",
        "",
    )
    edit(
        root / "content/en/briefing-pack.yaml",
        "agreements:\n  heading: Agreements\n  items:",
        "agreements:\n  heading: Agreements\n  items: {}",
    )
    edit(
        root / "content/zh/briefing-pack.yaml",
        "    memo: {title: 合作備忘錄, note: 只有中文版}\n",
        "",
    )
    edit(root / "content/zh/briefing-pack.yaml", "  items:\nremarks:", "  items: {}\nremarks:")
    build(root, BuildOptions(formats=["pdf"], editions=["en", "zh"], epoch=EPOCH))
    en = "\n".join(pdf_text(root / "build" / "briefing-pack.en.pdf"))
    zh = "\n".join(pdf_text(root / "build" / "briefing-pack.zh.pdf"))
    assert "Agreements" not in en and "簽署協議" not in zh
    assert "5. Key Remarks" in en and "五、主要講話" in zh
    assert "Annexes" not in en.replace("List of Annexes", "")  # the fixture has none


def test_programme_needs_an_item(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    facts = root / "content/facts/briefing-pack.yaml"
    edit(facts, '  arrive: {start: "09:00", end: "09:30"}\n  meeting: {start: "09:30"}\n', "")
    edit(facts, "programme:\n", "programme: {}\n")
    code, _, err = run("check", cwd=root)
    assert code == 1
    assert (
        "content/facts/briefing-pack.yaml:3:1: error schema: 'programme' needs at least 1 "
        "item(s), has 0; add one" in err.splitlines()
    )


def test_simplified_conversion_is_glyph_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    edit(root / "reportgen.yaml", "editions: [en, zh, bilingual]", "editions: [zh, zh-Hans]")
    text = (root / "reportgen.yaml").read_text(encoding="utf-8")
    (root / "reportgen.yaml").write_text(text + "overrides: overrides.yaml\n", encoding="utf-8")
    (root / "overrides.yaml").write_text("活動程序: 活动程序\U0001f600\n", encoding="utf-8")
    code, _, err = run("check", cwd=root)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/zh/briefing-pack.yaml:8:12: error missing-glyph: U+1F600 '\U0001f600' of the "
        "Simplified (zh-Hans) edition, converted from this text, cannot be drawn by any "
        "configured font; add an override to the overrides file or a font that has it"
    )
