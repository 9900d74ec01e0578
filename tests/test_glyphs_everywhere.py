# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""No blank glyphs, ever (issue 15): reportgen.yaml's printed strings, attachment titles,
reportgen's own words and every face in use (bold and italic too) are glyph-checked;
damaged font files are refused with the file named, in bounded memory."""

from __future__ import annotations

import re
import struct
import time
from pathlib import Path

import hostile_pdfs
import pytest
from conftest import make_project
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from test_cli_errors import edit, run

from reportgen.fonts import read_cmap

CLEF = "\U0001d11e"  # MUSICAL SYMBOL G CLEF: in no configured font


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


def _check(root: Path) -> tuple[int, list[str]]:
    code, _, err = run("check", cwd=root)
    assert "Traceback" not in err and "internal error" not in err
    return code, err.splitlines()


def test_bold_face_without_chinese_is_an_error(minimal: Path) -> None:
    """Headings in bold and the classification marking (printed in bold) would be blank."""
    edit(
        minimal / "reportgen.yaml",
        "    bold: fonts/NotoSerifCJKtc-Bold.ttf",
        "    bold: fonts/NotoSerif-Bold.ttf",
    )
    code, lines = _check(minimal)
    assert code == 1
    assert (
        "reportgen.yaml:10:36: error missing-glyph: the restricted marking has U+9650 '限', "
        "U+95B1 '閱', U+6587 '文', U+4EF6 '件', which the face for bold, bold-italic text "
        "cannot draw (it would print blank); configure a face for that style that has it "
        "under 'fonts:'"
    ) in lines
    assert any(
        x.startswith("reportgen.yaml:15:3: error missing-glyph: reportgen's own words (zh) has ")
        and "which the face for bold" in x
        for x in lines
    ), lines
    assert any("content/zh/briefing-pack.yaml" in x and "sets bold" in x for x in lines)
    code, _, err = run("build", cwd=minimal)
    assert code == 1 and not (minimal / "build").exists()


def test_italic_face_checked_too(minimal: Path) -> None:
    """An italic Latin face that cannot draw the 'Ą' the regular face draws."""
    edit(
        minimal / "content/en/briefing-pack.yaml",
        "  title: Briefing Pack",
        "  title: Briefing Pack Ą",
    )
    edit(
        minimal / "reportgen.yaml",
        "    italic: fonts/NotoSerif-Italic.ttf",
        "    italic: fonts/NotoSerifCJKtc-Regular.ttf",
    )
    code, lines = _check(minimal)
    assert code == 1
    assert lines[0].startswith(
        "content/en/briefing-pack.yaml:3:24: error missing-glyph: U+0104 'Ą': no glyph in the "
        "face that sets italic text"
    )


def test_classification_marking_glyph_checked(minimal: Path) -> None:
    edit(
        minimal / "reportgen.yaml",
        "restricted: {en: RESTRICTED,",
        f"restricted: {{en: RESTRICTED{CLEF},",
    )
    code, lines = _check(minimal)
    assert code == 1
    assert (
        "reportgen.yaml:10:20: error missing-glyph: the restricted marking has U+1D11E "
        f"'{CLEF}', which no configured font can draw; change the text or add a font that has it"
    ) in lines


PACK = """
  annex-pack:
    type: annex-pack
    editions: [en, zh]
    parts:
      - {pdf: attachments/annex.pdf, label: 3%s}
"""


def test_attachment_title_from_configuration_glyph_checked(minimal: Path) -> None:
    (minimal / "attachments").mkdir()
    hostile_pdfs.plain(minimal / "attachments/annex.pdf")
    with (minimal / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK % f", title: {{en: 'Signed {CLEF}', zh: 簽署本}}")
    code, lines = _check(minimal)
    assert code == 1
    assert (
        f"reportgen.yaml:34:60: error missing-glyph: the attachment title has U+1D11E '{CLEF}', "
        "which no configured font can draw; change the text or add a font that has it"
    ) in lines


def test_attachments_own_title_glyph_checked(minimal: Path) -> None:
    (minimal / "attachments").mkdir()
    hostile_pdfs.titled(minimal / "attachments/annex.pdf", f"Scan {CLEF}")
    with (minimal / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK % "")
    code, lines = _check(minimal)
    assert code == 1
    assert (
        "reportgen.yaml:34:15: error missing-glyph: the title of 'attachments/annex.pdf' (its "
        f"/Title) has U+1D11E '{CLEF}', which no configured font can draw; change the text or "
        "add a font that has it"
    ) in lines


def test_reportgens_own_words_glyph_checked(minimal: Path) -> None:
    edit(
        minimal / "reportgen.yaml",
        "    regular: fonts/NotoSerifCJKtc-Regular.ttf",
        "    regular: fonts/NotoSerif-Regular.ttf",
    )
    edit(
        minimal / "reportgen.yaml",
        "    bold: fonts/NotoSerifCJKtc-Bold.ttf",
        "    bold: fonts/NotoSerif-Bold.ttf",
    )
    code, lines = _check(minimal)
    assert code == 1
    assert any(
        x.startswith("reportgen.yaml:15:3: error missing-glyph: reportgen's own words (zh) has U+")
        for x in lines
    ), lines


# --- damaged fonts --------------------------------------------------------------------------

GOOD = "NotoSerif-Bold.ttf"
BAD_LINE = "reportgen.yaml:17:11: error config: 'fonts/bad.ttf' is damaged ({}); replace it with a good copy of the font"


def _tables(data: bytes) -> dict[bytes, tuple[int, int, int]]:
    """tag -> (directory entry offset, table offset, length)."""
    (count,) = struct.unpack_from(">H", data, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = (12 + 16 * i, offset, length)
    return out


def _glyf_past_end(data: bytearray) -> None:
    entry, _, _ = _tables(bytes(data))[b"glyf"]
    struct.pack_into(">I", data, entry + 12, 0x7FFFFFFF)


def _loca_outside(data: bytearray) -> None:
    _, loca, _ = _tables(bytes(data))[b"loca"]
    struct.pack_into(">I", data, loca + 4 * 5, 0x7FFFFFF0)


def _glyf_zeroed(data: bytearray) -> None:
    _, glyf, length = _tables(bytes(data))[b"glyf"]
    data[glyf : glyf + length] = bytes(length)


def _cmap_to_nowhere(data: bytearray) -> None:
    _, cmap, _ = _tables(bytes(data))[b"cmap"]
    (n,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(n):
        _, _, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        seg2 = struct.unpack_from(">H", data, cmap + offset + 6)[0]
        deltas = cmap + offset + 16 + 2 * seg2
        struct.pack_into(">H", data, deltas, 30000)  # the first segment's glyphs: past the last


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_glyf_past_end, "the glyf table runs past the end of the file"),
        (_loca_outside, "glyph 4 lies outside the glyf table"),
        (_glyf_zeroed, r"\d[\d,]* of its \d[\d,]* characters have empty outlines"),
        (_cmap_to_nowhere, r"U\+[0-9A-F]{4} is mapped to glyph 3\d+, which does not exist"),
    ],
)
def test_damaged_font_refused_with_the_file_named(minimal: Path, damage, reason: str) -> None:  # type: ignore[no-untyped-def]
    data = bytearray((minimal / "fonts" / GOOD).read_bytes())  # a copy: fonts are hard links
    damage(data)
    (minimal / "fonts/bad.ttf").write_bytes(bytes(data))
    edit(minimal / "reportgen.yaml", f"bold: fonts/{GOOD}", "bold: fonts/bad.ttf")
    code, lines = _check(minimal)
    assert code == 1
    pattern = re.escape(BAD_LINE).replace(re.escape("{}"), reason)
    assert re.fullmatch(pattern, lines[0]), lines[0]
    code, _, err = run("build", cwd=minimal)
    assert code == 1 and re.fullmatch(pattern, err.splitlines()[0])
    assert not (minimal / "build").exists()


def _cmap_group_beyond_unicode(src: Path, dest: Path) -> None:
    """A format-12 cmap whose first group maps U+0020..U+FFFFFFFF (four billion codes)."""
    font = TTFont(str(src))
    table = CmapSubtable.newSubtable(12)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = dict(font.getBestCmap())
    font["cmap"].tables = [table]
    font.save(str(dest))
    data = bytearray(dest.read_bytes())
    _, cmap, _ = _tables(bytes(data))[b"cmap"]
    (offset,) = struct.unpack_from(">I", data, cmap + 8)
    struct.pack_into(">I", data, cmap + offset + 16 + 4, 0xFFFFFFFF)
    dest.write_bytes(bytes(data))


def test_cmap_beyond_unicode_refused_in_bounded_memory(minimal: Path) -> None:
    _cmap_group_beyond_unicode(minimal / "fonts" / GOOD, minimal / "fonts/bad.ttf")
    edit(
        minimal / "reportgen.yaml", "regular: fonts/NotoSerif-Regular.ttf", "regular: fonts/bad.ttf"
    )
    start = time.process_time()
    code, lines = _check(minimal)
    assert time.process_time() - start < 20
    assert code == 1
    assert lines[0] == (
        "reportgen.yaml:16:14: error config: 'fonts/bad.ttf' is damaged (a cmap group maps "
        "U+0..U+FFFFFFFF, beyond Unicode); replace it with a good copy of the font"
    )
    # and the registry's own cmap reader never builds four billion code points either
    assert len(read_cmap(minimal / "fonts/bad.ttf")) < 0x110000
