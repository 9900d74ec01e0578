"""DOCX subsets kept between builds: same font and characters, same bytes, without
subsetting again; a damaged entry is made again, never used; the cache can be turned off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FONTS

from reportgen.writers import docx_subset_cache as cache
from reportgen.writers.docx_embed import subset_font


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "docx-subsets"


@pytest.fixture
def font(tmp_path: Path) -> Path:
    return Path(shutil.copy2(FONTS / "NotoSerif-Regular.ttf", tmp_path / "font.ttf"))


def _make(font: Path, calls: list[int]):  # type: ignore[no-untyped-def]
    def make() -> bytes:
        calls.append(1)
        return subset_font(font, "Hong Kong")

    return make


def test_a_second_build_reads_the_subset(folder: Path, font: Path) -> None:
    calls: list[int] = []
    first = cache.cached_subset(font, " HKgnko", "v1", _make(font, calls))
    again = cache.cached_subset(font, " HKgnko", "v1", _make(font, calls))
    assert first == again == subset_font(font, "Hong Kong") and calls == [1]
    assert len(list(folder.glob("*.ttf"))) == 1
    cache.cached_subset(font, " HKgnko", "v2", _make(font, calls))  # another subsetter
    cache.cached_subset(font, " HKgnkos", "v1", _make(font, calls))  # other characters
    assert calls == [1, 1, 1]


def test_a_changed_font_is_subset_again(folder: Path, font: Path) -> None:
    calls: list[int] = []
    cache.cached_subset(font, "abc", "v1", _make(font, calls))
    font.write_bytes(font.read_bytes() + b"\0\0\0\0")
    cache.cached_subset(font, "abc", "v1", _make(font, calls))
    assert calls == [1, 1]


def test_a_damaged_entry_is_never_used(folder: Path, font: Path) -> None:
    calls: list[int] = []
    good = cache.cached_subset(font, "abc", "v1", _make(font, calls))
    (entry,) = folder.glob("*.ttf")
    entry.write_bytes(entry.read_bytes()[:-10])
    assert cache.cached_subset(font, "abc", "v1", _make(font, calls)) == good
    assert calls == [1, 1]


def test_no_cache_when_turned_off(
    folder: Path, font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    calls: list[int] = []
    cache.cached_subset(font, "abc", "v1", _make(font, calls))
    cache.cached_subset(font, "abc", "v1", _make(font, calls))
    assert calls == [1, 1] and not folder.exists()
