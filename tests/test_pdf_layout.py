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


def test_story_is_made_as_platypus_consumes_it() -> None:
    """The body is converted pair by pair as platypus asks (only the flowables of the
    pages being set live at once): platypus sees at least two flowables, and a whole
    keep-with-next run with the flowable after it, as in a list."""
    from reportlab.platypus import Spacer

    from reportgen.writers.pdf import _Story

    made: list[Spacer] = []

    def flows():  # type: ignore[no-untyped-def]
        for i in range(6):
            f = Spacer(1, i)
            f.keepWithNext = i in (2, 3)
            made.append(f)
            yield f

    story = _Story(flows())
    assert len(story) == 2 and len(made) == 2
    del story[0]
    assert len(story) == 4 and len(made) == 5  # 1, 2 and 3 (kept with the next), 4
    assert [f.height for f in story] == [1, 2, 3, 4]
    del story[:4]
    assert len(story) == 1 and len(made) == 6
    del story[0]
    assert len(story) == 0 and not story


def test_bilingual_body_converted_pair_by_pair() -> None:
    from reportgen.writers.pdf import _Converter, _State
    from reportgen.writers.pdf_tags import Tagger

    registry = FontRegistry.from_config(FONTS, FONT_CONFIG)
    pairs = [
        m.Pair([m.Paragraph([m.Run(f"p{i}")], "en")], [m.Paragraph([m.Run("段")], "zh")], "k")
        for i in range(3)
    ]
    doc = m.Document("t", "bilingual", "en", "T", [m.Parallel(pairs, ("en", "zh"))])
    tagger = Tagger("en")
    flows = _Converter(doc, registry, _State(), tagger).each(doc.blocks, 400)
    next(flows)
    assert [n.text for n in tagger.root.nodes()] == ["p0", "段"]
    assert len(list(flows)) == 2
    assert [n.text for n in tagger.root.nodes()] == ["p0", "段", "p1", "段", "p2", "段"]


def test_faces_released_after_the_last_pdf_are_registered_again() -> None:
    """``last``: reportlab's parsed faces are freed once the PDF is laid out; a PDF set
    after that registers them again and comes out the same, byte for byte."""
    from reportlab.pdfbase import pdfmetrics

    registry = FontRegistry.from_config(FONTS, FONT_CONFIG)
    first = write_pdf(_document(), registry, epoch=0, last=True)
    cjk = registry.face("cjk").key
    assert cjk not in pdfmetrics._fonts
    assert write_pdf(_document(), registry, epoch=0) == first
    assert cjk in pdfmetrics._fonts
