"""The parsed-font cache (fontcache.py, rl_patches): same faces, same PDF bytes; bad entries
ignored, never fatal."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FONTS
from reportlab.pdfbase import ttfonts

from reportgen import fontcache
from reportgen.writers import rl_patches

FONT = FONTS / "NotoSerif-Regular.ttf"
COMPARED = ("name", "charWidths", "charToGlyph", "hmetrics", "glyphPos", "table", "bbox", "flags")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    rl_patches.apply()
    return tmp_path / "cache" / "fonts"


def _font(tmp_path: Path) -> Path:
    copy = tmp_path / FONT.name
    shutil.copy2(FONT, copy)
    return copy


def _face(path: Path) -> ttfonts.TTFontFace:
    return ttfonts.TTFontFace(str(path))


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.bin")) if cache.is_dir() else []


def test_a_cached_face_is_the_parsed_face(cache: Path, tmp_path: Path) -> None:
    path = _font(tmp_path)
    parsed = _face(path)
    assert len(_entries(cache)) == 1
    restored = _face(path)
    assert isinstance(restored._ttf_data, rl_patches.FontFile)
    for attr in COMPARED:
        assert getattr(restored, attr) == getattr(parsed, attr), attr
    assert restored.name.ustr == parsed.name.ustr
    assert restored._pdfScale(1000) == parsed._pdfScale(1000)
    subset = [0] + [ord(c) for c in "Hong Kong 2021"]
    assert restored.makeSubset(subset) == parsed.makeSubset(subset)


def test_metrics_arrays_hold_reportlabs_values(cache: Path, tmp_path: Path) -> None:
    """hmetrics and glyphPos kept as arrays: reportlab's own lists, value for value, and
    the same subset bytes."""
    path = _font(tmp_path)
    ours = _face(path)
    theirs = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    rl_patches._original_init(theirs, str(path))
    assert isinstance(ours.hmetrics, rl_patches.HMetrics)
    assert isinstance(theirs.hmetrics, list) and len(theirs.hmetrics) > 100
    assert ours.hmetrics == theirs.hmetrics
    assert [ours.hmetrics[g] for g in range(len(theirs.hmetrics))] == theirs.hmetrics
    assert list(ours.glyphPos) == theirs.glyphPos
    subset = [0] + [ord(c) for c in "Hong Kong 2021"]
    assert ours.makeSubset(subset) == theirs.makeSubset(subset)


def test_widths_leave_out_the_default_and_read_as_reportlabs(cache: Path) -> None:
    """charWidths without the characters of the face's default width (a CJK face's
    ideographs): every character's width as reportlab reads it (``.get(code,
    defaultWidth)``, and its C stringWidth) is reportlab's own, parsed and restored."""
    path = FONTS / "NotoSerifCJKtc-Regular.ttf"
    theirs = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    rl_patches._original_init(theirs, str(path))
    for ours in (_face(path), _face(path)):  # parsed, then from the cache
        assert len(ours.charWidths) < len(theirs.charWidths) / 2
        assert ours.defaultWidth == theirs.defaultWidth == 1000
        assert {c: ours.getCharWidth(c) for c in theirs.charWidths} == theirs.charWidths
    font = ttfonts.TTFont("cjk-widths-test", str(path))
    assert font.face.charWidths == ours.charWidths
    text = "中文 Hong Kong，２０２１年。"
    assert font.stringWidth(text, 10) == 0.01 * sum(theirs.charWidths[ord(c)] for c in text)


def test_a_bad_entry_is_discarded_and_the_font_parsed(cache: Path, tmp_path: Path) -> None:
    path = _font(tmp_path)
    parsed = _face(path)
    (entry,) = _entries(cache)
    for junk in (b"", b"RGFC", b"RGFC\x00garbage", entry.read_bytes()[:1000], b"XXXX" * 10):
        entry.write_bytes(junk)
        face = _face(path)  # never raises
        assert face.charWidths == parsed.charWidths
        assert entry.is_file()  # the bad entry was replaced by a good one


def test_an_entry_for_a_changed_file_is_not_used(cache: Path, tmp_path: Path) -> None:
    path = _font(tmp_path)
    _face(path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    _face(path)
    assert len(_entries(cache)) == 2


def test_no_cache_when_turned_off_or_unwritable(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _font(tmp_path)
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    _face(path)
    assert not _entries(cache)
    monkeypatch.delenv("REPORTGEN_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(blocker))
    assert _face(path).charWidths


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REPORTGEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fontcache.cache_dir() == tmp_path / "reportgen" / "fonts"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert fontcache.cache_dir() == Path.home() / ".cache" / "reportgen" / "fonts"


def test_hard_links_share_one_entry(cache: Path, tmp_path: Path) -> None:
    path = _font(tmp_path)
    other = tmp_path / "other.ttf"
    os.link(path, other)
    _face(path)
    face = _face(other)
    assert len(_entries(cache)) == 1
    assert face.filename == str(other)
    assert face._ttf_data.path == str(other)


def test_cmaps_are_cached_and_bad_entries_ignored(cache: Path, tmp_path: Path) -> None:
    from reportgen.fonts import _read_cmap_fast, read_cmap

    path = _font(tmp_path)
    expected = _read_cmap_fast(path)
    assert read_cmap(path) == expected
    (entry,) = [p for p in _entries(cache) if p.name.startswith("cmap-")]
    assert read_cmap(path) == expected  # from the entry
    entry.write_bytes(b"RGFC" + b"\x00" * 7)
    assert read_cmap(path) == expected
