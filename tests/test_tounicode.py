"""Non-BMP characters (Hong Kong 𨋢, U+282E2) survive text extraction from our PDFs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.writers import rl_patches

REPO = Path(__file__).resolve().parents[1]
CJK_FONT = REPO / "fonts" / "NotoSerifCJKtc-Regular.ttf"
TEXT = "電梯𨋢 綫邨峯啓㗎"

needs_font = pytest.mark.skipif(not CJK_FONT.exists(), reason="project CJK font not present")

# Run in a fresh interpreter so the patch state never leaks between the two cases.
SCRIPT = """
import sys
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
if sys.argv[3] == "patched":
    from reportgen.writers import rl_patches
    rl_patches.apply()
    rl_patches.apply()  # idempotent
pdfmetrics.registerFont(TTFont("cjk", sys.argv[1]))
c = Canvas(sys.argv[2])
c.setFont("cjk", 20)
c.drawString(50, 700, sys.argv[4])
c.save()
"""


def _make_pdf(tmp_path: Path, mode: str) -> Path:
    out = tmp_path / f"{mode}.pdf"
    cmd = [sys.executable, "-c", SCRIPT, str(CJK_FONT), str(out), mode, TEXT]
    subprocess.run(cmd, check=True, cwd=REPO, timeout=120)
    return out


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(str(pdf)).pages[0].extract_text().strip()


def _extractors() -> list:
    out = [_pypdf]
    if shutil.which("pdftotext"):
        out.append(_pdftotext)
    return out


@needs_font
@pytest.mark.parametrize("extract", _extractors(), ids=lambda f: f.__name__.strip("_"))
def test_non_bmp_copies_out_with_patch(tmp_path: Path, extract) -> None:
    text = extract(_make_pdf(tmp_path, "patched"))
    assert "\U000282e2" in text
    assert text == TEXT


@needs_font
@pytest.mark.parametrize("extract", _extractors(), ids=lambda f: f.__name__.strip("_"))
def test_without_patch_the_check_fails(tmp_path: Path, extract) -> None:
    text = extract(_make_pdf(tmp_path, "plain"))
    assert "\U000282e2" not in text
    assert text != TEXT


def test_bmp_output_is_byte_identical() -> None:
    subset = [0, 32, 0x96FB, 0x68AF, 0x35CE, 0xFFFF] + list(range(0x41, 0x5B))
    assert rl_patches.make_to_unicode_cmap("F", subset) == rl_patches._original("F", subset)


def test_surrogate_pairs() -> None:
    cmap = rl_patches.make_to_unicode_cmap("F", [0, 0x282E2, 0x10000, 0x10FFFF])
    assert "<01> <D860DEE2>" in cmap
    assert "<02> <D800DC00>" in cmap
    assert "<03> <DBFFDFFF>" in cmap


def test_apply_is_idempotent() -> None:
    from reportlab.pdfbase import ttfonts

    before = ttfonts.makeToUnicodeCMap
    try:
        rl_patches.apply()
        rl_patches.apply()
        assert rl_patches.applied()
    finally:
        ttfonts.makeToUnicodeCMap = before
