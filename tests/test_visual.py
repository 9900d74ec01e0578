"""Visual regression: chosen pages of the sample, rendered, compared with committed images.

Each case renders one page of a built PDF with pdfium (50 dpi, grayscale) and compares
it with ``tests/visual/NAME.png`` pixel by pixel: the mean absolute difference must stay
under ``MEAN_TOLERANCE`` (of 255) and the share of clearly different pixels under
``CHANGED_TOLERANCE``, which absorbs anti-aliasing noise between pdfium builds but not a
moved line, a changed word or a different font. On failure the actual page, the
reference and an amplified difference image are written to a folder named in the
assertion message (``REPORTGEN_VISUAL_OUT``, else a pytest temporary folder).

The fonts are the repository's own (``fonts/``), and the build is reproducible (fixed
``SOURCE_DATE_EPOCH``), so a difference is a change in layout. After an intended change,
regenerate the references and review them like code::

    REPORTGEN_UPDATE_VISUAL=1 pytest tests/test_visual.py
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FONTS, REPO

Image = pytest.importorskip("PIL.Image")
ImageChops = pytest.importorskip("PIL.ImageChops")
pdfium = pytest.importorskip("pypdfium2")

REFERENCES = Path(__file__).parent / "visual"
DPI = 50
MEAN_TOLERANCE = 1.0  # mean absolute difference per pixel, of 255
CHANGED_LEVEL = 64  # a pixel differing by more than this counts as changed
CHANGED_TOLERANCE = 0.0002  # at most this share of the page's pixels (about 50 of 242,000)
UPDATE = os.environ.get("REPORTGEN_UPDATE_VISUAL") == "1"


@dataclass(frozen=True)
class Case:
    name: str  # reference image: tests/visual/NAME.png
    pdf: str  # built file, in build/
    page: int  # 1-based


CASES = [
    Case("en-programme", "briefing-pack.en.pdf", 3),
    Case("zh-background", "briefing-pack.zh.pdf", 4),
    Case("bilingual-programme", "briefing-pack.bilingual.pdf", 3),
    Case("annex-signatures", "annex-1.zh.pdf", 3),
]


def render(pdf_path: Path, page: int, dpi: int = DPI) -> Image.Image:
    """One page as an 8-bit grayscale image."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        bitmap = pdf[page - 1].render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        pdf.close()


@dataclass(frozen=True)
class Difference:
    mean: float  # mean absolute difference, 0-255
    changed: float  # share of pixels differing by more than CHANGED_LEVEL

    def within_tolerance(self) -> bool:
        return self.mean < MEAN_TOLERANCE and self.changed <= CHANGED_TOLERANCE


def compare(actual: Image.Image, expected: Image.Image) -> tuple[Difference, Image.Image]:
    diff = ImageChops.difference(actual, expected)
    histogram = diff.histogram()
    pixels = actual.width * actual.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    changed = sum(histogram[CHANGED_LEVEL + 1 :]) / pixels
    return Difference(mean, changed), diff


def save_png(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def report_failure(
    case: Case, actual: Image.Image, expected: Image.Image, diff: Image.Image, folder: Path
) -> Path:
    """Actual, expected and difference (amplified: changes dark on white) as three PNG files."""
    save_png(actual, folder / f"{case.name}.actual.png")
    save_png(expected, folder / f"{case.name}.expected.png")
    save_png(diff.point(lambda v: 255 - min(255, v * 4)), folder / f"{case.name}.diff.png")
    return folder


@pytest.fixture(scope="module")
def failures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    custom = os.environ.get("REPORTGEN_VISUAL_OUT")
    return Path(custom) if custom else tmp_path_factory.mktemp("visual-failures")


@pytest.fixture(autouse=True)
def _pinned_fonts() -> None:
    if FONTS.resolve() != (REPO / "fonts").resolve():
        pytest.skip("visual references are made with the repository's fonts/")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_page_looks_like_reference(case: Case, sample_build: Path, failures: Path) -> None:
    actual = render(sample_build / case.pdf, case.page)
    reference = REFERENCES / f"{case.name}.png"
    if UPDATE:
        save_png(actual, reference)
        return
    assert reference.exists(), (
        f"no reference {reference}; run REPORTGEN_UPDATE_VISUAL=1 pytest {__file__}"
    )
    expected = Image.open(reference).convert("L")
    if expected.size != actual.size:
        folder = report_failure(case, actual, expected.resize(actual.size), actual, failures)
        pytest.fail(
            f"{case.name}: page size {actual.size} != reference {expected.size}; see {folder}"
        )
    difference, diff = compare(actual, expected)
    if not difference.within_tolerance():
        folder = report_failure(case, actual, expected, diff, failures)
        pytest.fail(
            f"{case.name} ({case.pdf} page {case.page}) differs from {reference.name}: "
            f"mean {difference.mean:.2f}/255 (limit {MEAN_TOLERANCE}), "
            f"{difference.changed:.2%} of pixels changed (limit {CHANGED_TOLERANCE:.2%}); "
            f"actual, expected and diff images in {folder}"
        )


def test_comparison_detects_a_changed_page() -> None:
    """The comparison itself: identical passes, a shifted block of text fails."""
    page = Image.new("L", (200, 280), 255)
    for y in range(40, 200, 12):
        page.paste(0, (20, y, 180, y + 3))
    same, _ = compare(page, page.copy())
    assert same.within_tolerance() and same.mean == 0
    moved = Image.new("L", page.size, 255)
    moved.paste(page.crop((0, 0, 200, 270)), (0, 10))
    changed, _ = compare(page, moved)
    assert not changed.within_tolerance()
