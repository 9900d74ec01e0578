"""PDF layout: a paragraph split across pages is printed once, whatever reportlab asks."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FONTS
from inspect_outputs import pdf_text

from reportgen import model as m
from reportgen.fonts import FontRegistry
from reportgen.writers.pdf import write_pdf

FONT_CONFIG = {
    "latin": {"regular": "NotoSerif-Regular.ttf", "bold": "NotoSerif-Bold.ttf"},
    "cjk": {"regular": "NotoSerifCJKtc-Regular.ttf"},
}


def _numbered(lang: str, count: int) -> str:
    if lang == "en":
        return " ".join(f"w{i:04d}" for i in range(count))
    return "，".join(f"第{i:04d}項" for i in range(count))


def _document() -> m.Document:
    """A parallel (bilingual) table whose one row is much longer than a page."""
    left = [m.Paragraph([m.Run(_numbered("en", 900))], "en")]
    right = [m.Paragraph([m.Run(_numbered("zh", 500))], "zh-Hant-HK")]
    blocks: list[m.Block] = [m.Parallel([m.Pair(left, right, "p")], ("en", "zh-Hant-HK"))]
    return m.Document("t", "bilingual", "en", "Split", blocks)


def test_parallel_cell_split_across_pages_prints_each_word_once(tmp_path: Path) -> None:
    registry = FontRegistry.from_config(FONTS, FONT_CONFIG)
    out = tmp_path / "split.pdf"
    out.write_bytes(write_pdf(_document(), registry, epoch=0))
    text = "".join(pdf_text(out))
    assert len(pdf_text(out)) > 2
    words = re.findall(r"w\d{4}", text)
    assert words == [f"w{i:04d}" for i in range(900)]
    items = re.findall(r"第\s*(\d{4})\s*項", text)
    assert items == [f"{i:04d}" for i in range(500)]
