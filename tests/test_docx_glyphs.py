"""``check`` sees what each run needs in its style: a character the regular CJK face has
but the bold one lacks is reported before a bold heading (PDF line or DOCX run) leaves it
to a fallback font; the DOCX writer sets every character in a face that has it."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import FONTS, ROOTS, make_project
from docx_fonts_resolve import Package
from fontTools import subset

from reportgen import model as m
from reportgen.check import check_project
from reportgen.fonts import FontRegistry
from reportgen.project import load_project
from reportgen.writers.docx import write_docx

GAP = "港"


@pytest.fixture(scope="module")
def bold_without_gap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Noto Serif CJK TC Bold cut down to the minimal project's characters but 港."""
    target = tmp_path_factory.mktemp("font") / "cjk-bold-partial.ttf"
    options = subset.Options()
    options.name_IDs = ["*"]
    font = subset.load_font(str(FONTS / "NotoSerifCJKtc-Bold.ttf"), options)
    subsetter = subset.Subsetter(options)
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOTS / "minimal").rglob("*.yaml"))
    subsetter.populate(text="".join(set(text) - {GAP}))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target


def test_check_reports_a_character_the_bold_face_lacks(
    tmp_path: Path, bold_without_gap: Path
) -> None:
    root = make_project(tmp_path, "minimal")
    shutil.copy2(bold_without_gap, root / "fonts" / bold_without_gap.name)
    config = root / "reportgen.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("bold: fonts/NotoSerifCJKtc-Bold.ttf", f"bold: fonts/{bold_without_gap.name}"),
        encoding="utf-8",
    )
    project = load_project(root)
    registry = FontRegistry.from_config(project.root, project.config["fonts"])
    assert registry.missing(GAP) == []  # the regular face has it: the old check said nothing
    assert registry.style_gaps(GAP) == {"bold": [GAP], "bold-italic": [GAP]}
    result = check_project(project, registry)
    errors = [d for d in result.errors if d.code == "missing-glyph"]
    # this subset lacks reportgen's own bold words too (headings): reported at reportgen.yaml
    gaps = [d for d in errors if "reportgen's own words" not in d.message]
    assert gaps, [str(d) for d in result.diagnostics]
    assert all(f"U+6E2F '{GAP}'" in d.message and "bold, bold-italic" in d.message for d in gaps)
    assert {Path(d.location.path).name for d in gaps} == {"briefing-pack.yaml"}


def test_the_sample_has_no_style_gaps() -> None:
    from conftest import REPO

    project = load_project(REPO)
    registry = FontRegistry.from_config(project.root, project.config["fonts"])
    result = check_project(project, registry)
    assert not [d for d in result.errors if d.code == "missing-glyph"]


def test_hint_and_direct_fonts_where_word_would_pick_the_wrong_slot(tmp_path: Path) -> None:
    """○ and → in Chinese text take the eastAsia hint; a Latin letter the Latin face lacks
    is not possible with Noto, so a Latin-script character only the CJK face has (ぁ is CJK
    already) is simulated with ○ alone in an English paragraph: Word would take it from
    hAnsi, so the run names the CJK face in every slot or carries the hint."""
    project = load_project(Path(__file__).resolve().parents[1])
    registry = FontRegistry.from_config(project.root, project.config["fonts"])
    doc = m.Document(
        name="t",
        edition="zh",
        lang="zh-Hant-HK",
        title="t",
        blocks=[
            m.Paragraph([m.Run("二○二一年 → 成都")], "zh-Hant-HK"),
            m.Paragraph([m.Run("Step ○ → next, “quoted”")], "en-HK"),
            m.Paragraph([m.Run("行政長官說 Hong Kong 會")], "zh-Hant-HK", style="quote"),
        ],
    )
    data = write_docx(doc, registry, epoch=1632355200)
    path = tmp_path / "hint.docx"
    path.write_bytes(data)
    package = Package(path)
    uses = list(package.uses())
    assert all(package.covers(u) for u in uses), [u for u in uses if not package.covers(u)]
    assert {u.ch for u in uses if u.italic} >= set("Hong")  # Latin in the quote: italic
    assert not [u for u in uses if u.italic and u.ch in "行政長官說會"]  # Chinese upright
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:hint="eastAsia"' in body
