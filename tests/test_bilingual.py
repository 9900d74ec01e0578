"""The bilingual edition as laid out, measured on the PDF's own text positions (pdfium):
every aligned pair starts on the same page and baseline on both sides; no time is split
across lines; no glyph outside the margins or on top of another; the cover is one page.
Run on the sample and on tests/roots/delegation-large (built in every edition)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_glyphs import PageGlyphs, find_in_order, lines, overlaps, pdf_glyphs

from reportgen import model as m
from reportgen.build import BuildOptions, plan, prepare
from reportgen.project import load_project

BILINGUAL = [
    ("sample", "briefing-pack"),
    ("large", "briefing-pack"),
    ("large", "annex-1"),
    ("large", "annex-2"),
]
MARGIN = 20 * 72 / 25.4  # the PDF writer's page margin, in points
HANG = 11.0  # a closing mark may hang past the right edge, at most one em


@pytest.fixture(scope="module")
def builds(sample_build: Path, large_build: Path) -> dict[str, Path]:
    return {"sample": sample_build, "large": large_build}


def _model(build: Path, doc: str) -> m.Document:
    builder = prepare(build.parent, BuildOptions())
    return builder.model(doc, "bilingual")


def _first_text(blocks: list[m.Block]) -> str:
    for b in blocks:
        if isinstance(b, m.ListBlock) and b.items:
            marker = f"{b.start}." if b.ordered else "•"
            return marker + _first_text(b.items[0])
        if isinstance(b, (m.Paragraph, m.Heading)) and b.text.strip():
            return b.text
    return ""


def _needle(text: str) -> str:
    return "".join(text.split())[:10]


def _pairs(doc: m.Document) -> list[m.Pair]:
    return [pair for b in m.walk(doc.blocks) if isinstance(b, m.Parallel) for pair in b.rows]


def test_every_edition_of_the_large_fixture_is_built(large_build: Path) -> None:
    planned = sorted(j.path.name for j in plan(load_project(large_build.parent), BuildOptions()))
    built = sorted(p.name for p in large_build.iterdir() if not p.name.startswith("."))
    assert built == planned
    for name in ("briefing-pack", "annex-1", "annex-2"):
        assert f"{name}.bilingual.pdf" in built and f"{name}.bilingual.docx" in built


@pytest.mark.parametrize(("project", "doc"), BILINGUAL)
def test_both_halves_of_every_pair_start_on_the_same_baseline(
    builds: dict[str, Path], project: str, doc: str
) -> None:
    build = builds[project]
    model = _model(build, doc)
    pages = [p for p in pdf_glyphs(build / f"{doc}.bilingual.pdf") if not _is_contents(p)]
    centre = pages[0].width / 2
    pairs = [p for p in _pairs(model) if _first_text(p.left) and _first_text(p.right)]
    assert len(pairs) > 20
    needles = []
    for pair in pairs:
        needles.append((_needle(_first_text(pair.left)), lambda g: g.x < centre))
        needles.append((_needle(_first_text(pair.right)), lambda g: g.x >= centre))
    found = find_in_order(pages, needles)
    problems = []
    for n, pair in enumerate(pairs):
        en, zh = found[2 * n], found[2 * n + 1]
        if en is None or zh is None:
            problems.append(f"{pair.key}: not found ({en}, {zh})")
        elif en.page != zh.page or abs(en.baseline - zh.baseline) > 1.0:
            problems.append(
                f"{pair.key}: English on page {en.page} at {en.baseline:.1f}, "
                f"Chinese on page {zh.page} at {zh.baseline:.1f}"
            )
    assert problems == []


def _is_contents(page: PageGlyphs) -> bool:
    """A contents page: its leaders are rows of dots (skipped: entries repeat the headings)."""
    return "......" in "".join(g.char for g in page.glyphs)


def _bilingual_pages(builds: dict[str, Path]) -> list[tuple[str, PageGlyphs]]:
    out = []
    for project, doc in BILINGUAL:
        name = f"{project}:{doc}"
        out += [(name, page) for page in pdf_glyphs(builds[project] / f"{doc}.bilingual.pdf")]
    return out


TIME = re.compile(r"\d{2}:\d{2}(?:–\d{2}:\d{2})?")


@pytest.mark.parametrize(("project", "doc"), BILINGUAL[:2])
def test_no_time_is_split_across_lines(builds: dict[str, Path], project: str, doc: str) -> None:
    """Every time range of the programme is whole on one line of the PDF."""
    build = builds[project]
    model = _model(build, doc)
    wanted = sorted(
        t for b in m.walk(model.blocks) if isinstance(b, m.Paragraph) for t in TIME.findall(b.text)
    )
    assert len(wanted) >= 8
    on_lines = sorted(
        t
        for page in pdf_glyphs(build / f"{doc}.bilingual.pdf")
        for line in lines(page)
        for t in TIME.findall("".join(g.char for g in line))
        if page.number > 2  # past the cover and contents
    )
    assert on_lines == wanted


def test_no_glyph_outside_the_margins(builds: dict[str, Path]) -> None:
    problems = []
    for name, page in _bilingual_pages(builds):
        for g in page.glyphs:
            left, bottom, right, top = g.box
            if left < MARGIN - 0.5 or right > page.width - MARGIN + HANG:
                problems.append(
                    f"{name} page {page.number}: {g.char!r} at x {left:.1f}-{right:.1f}"
                )
            elif bottom < 10 or top > page.height - 10:
                problems.append(f"{name} page {page.number}: {g.char!r} at y {bottom:.1f}")
    assert problems[:10] == []


def test_no_glyph_overlaps_another(builds: dict[str, Path]) -> None:
    problems = []
    for name, page in _bilingual_pages(builds):
        for a, b in overlaps(page):
            problems.append(
                f"{name} page {page.number}: {a.char!r} ({a.x:.1f}, {a.baseline:.1f}) over "
                f"{b.char!r} ({b.x:.1f}, {b.baseline:.1f})"
            )
    assert problems[:10] == []


@pytest.mark.parametrize("project", ["sample", "large"])
def test_bilingual_cover_is_one_page(builds: dict[str, Path], project: str) -> None:
    """The cover's last line (the note) is on page 1; page 2 is the contents."""
    build = builds[project]
    model = _model(build, "briefing-pack")
    notes = [b for b in model.blocks if isinstance(b, m.Paragraph) and b.style == "cover-note"]
    assert len(notes) == 2
    pages = pdf_glyphs(build / "briefing-pack.bilingual.pdf")
    text = ["".join(g.char for g in p.glyphs) for p in pages]
    for note in notes:
        assert _needle(note.text) in text[0]
    assert "Contents" in text[1]


LONG_EN = (
    "Hong Kong Special Administrative Region Government, with the Offices of the Chief "
    "Executive and of the Chief Secretary for Administration and the bureaux attending"
)
LONG_ZH = "香港特別行政區政府，包括行政長官辦公室、政務司司長辦公室及出席聯席會議的各政策局"
COVER_NOTE_EN = " ".join(
    ["For the use of the delegation only; not to be copied or circulated."] * 8
)
COVER_NOTE_ZH = "只供代表團成員參閱，不得複印或傳閱。" * 8


@pytest.fixture(scope="module")
def stretched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """delegation-large with a contents entry that must wrap, a long cover title and a
    cover note of eight sentences: its bilingual briefing pack, built."""
    from conftest import make_project

    from reportgen.build import build

    root = make_project(tmp_path_factory.mktemp("stretched"), "delegation-large")
    for lang, heading, note in (("en", LONG_EN, COVER_NOTE_EN), ("zh", LONG_ZH, COVER_NOTE_ZH)):
        path = root / f"content/{lang}/briefing-pack.yaml"
        text = path.read_text(encoding="utf-8")
        old = (
            "Hong Kong Special Administrative Region Government"
            if lang == "en"
            else "香港特別行政區政府"
        )
        text = text.replace(f"      heading: {old}\n", f"      heading: {heading}\n", 1)
        start = text.index("  note: |-\n")
        end = text.index("programme:")
        text = text[:start] + f"  note: {note}\n" + text[end:]
        path.write_text(text, encoding="utf-8")
    build(root, BuildOptions(docs=["briefing-pack"], editions=["bilingual"], formats=["pdf"]))
    return root / "build" / "briefing-pack.bilingual.pdf"


def test_a_long_contents_entry_wraps_before_the_page_numbers(stretched: Path) -> None:
    pages = pdf_glyphs(stretched)
    contents = next(p for p in pages if _is_contents(p))
    numbers_from = contents.width - MARGIN - 34.0  # the page-number column
    body = [g for g in contents.glyphs if 80 < g.baseline < contents.height - 90]
    words = [g for g in body if not (g.char.isdigit() or g.char == ".")]
    assert words and max(g.box[2] for g in words) <= numbers_from
    assert max(g.box[2] for g in body) <= contents.width - MARGIN + 0.5
    assert overlaps(contents) == []
    text = "".join(g.char for g in body)
    assert "".join(LONG_EN.split()) in text  # whole, over two lines
    start = text.index("HongKongSpecialAdministrativeRegionGovernment,")
    end = text.index(LONG_ZH, start) + len(LONG_ZH) - 1  # the entry is "English  Chinese"
    first, last = body[start], body[end]
    assert first.baseline > last.baseline  # wrapped
    page_number = [g for g in body if g.char.isdigit() and g.x > numbers_from]
    assert any(abs(g.baseline - last.baseline) < 0.5 for g in page_number), (
        "the page number stands beside the entry's last line"
    )


def test_a_long_cover_stays_on_one_page(stretched: Path) -> None:
    pages = pdf_glyphs(stretched)
    first = "".join(g.char for g in pages[0].glyphs)
    assert "".join(COVER_NOTE_ZH.split())[-20:] in first
    assert "".join(COVER_NOTE_EN.split())[-20:] in first
    assert _is_contents(pages[1])
    assert overlaps(pages[0]) == []


def test_a_list_item_longer_than_a_page_splits_on_its_side(tmp_path: Path) -> None:
    """A pair whose English half is one list item of three pages: it continues page after
    page (every word once), never 'too large on page'."""
    from conftest import FONTS

    from reportgen.fonts import FontRegistry
    from reportgen.writers.pdf import write_pdf

    config = {
        "latin": {"regular": "NotoSerif-Regular.ttf", "bold": "NotoSerif-Bold.ttf"},
        "cjk": {"regular": "NotoSerifCJKtc-Regular.ttf"},
    }
    words = " ".join(f"w{i:04d}" for i in range(900))
    left = [m.ListBlock([[m.Paragraph([m.Run(words)], "en")]], "en")]
    right = [m.ListBlock([[m.Paragraph([m.Run("一項")], "zh-Hant-HK")]], "zh-Hant-HK")]
    pair = m.Parallel([m.Pair(left, right, "item")], ("en", "zh-Hant-HK"))
    doc = m.Document("t", "bilingual", "en", "T", [pair])
    path = tmp_path / "long-item.pdf"
    path.write_bytes(write_pdf(doc, FontRegistry.from_config(FONTS, config), epoch=0))
    pages = pdf_glyphs(path)
    text = "".join(g.char for p in pages for g in p.glyphs)
    assert re.findall(r"w\d{4}", text) == [f"w{i:04d}" for i in range(900)]
    assert len(pages) >= 3
    first = pages[0].glyphs
    bullets = [g for g in first if g.char == "•"]
    assert len(bullets) == 2 and abs(bullets[0].baseline - bullets[1].baseline) <= 1.0
