"""Laid-out paragraphs kept in the project between builds (issue 17): the same PDF bytes
with and without them; an edited paragraph laid out again; a damaged, foreign or linked
file never trusted, never an error; a failed build leaves the old file."""

from __future__ import annotations

import os
import random
import struct
from pathlib import Path

import pytest
from conftest import make_project
from test_cli_errors import run

from reportgen import layout_memo
from reportgen.linebreak import Line, Placed

PDF = "build/briefing-pack.bilingual.pdf"
SOURCE = repr(([("香港代表團 Hong Kong delegation", "cjk-regular-X", 10.5)], 200.0, "zh-HK", "j"))
LINES = [
    Line([Placed("香港代表團", "cjk-regular-X", 10.5, 0.0, 0.25)], 52.5, False),
    Line([Placed("Hong Kong", "latin-regular-Y", 10.5, 1 / 3, 0.0)], 47.123456789, True),
]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    return make_project(tmp_path, "minimal")


def _build(root: Path) -> bytes:
    code, _, err = run("build", "--edition", "bilingual", "--format", "pdf", "--force", cwd=root)
    assert code == 0, err
    return (root / PDF).read_bytes()


def _files(root: Path) -> list[Path]:
    return sorted((root / layout_memo.FOLDER).glob("layout-*.bin"))


def _count_breaks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from reportgen.writers import pdf_text

    calls = [0]
    real = pdf_text.break_paragraph

    def counted(*args: object, **kw: object) -> list[Line]:
        calls[0] += 1
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_text, "break_paragraph", counted)
    return calls


def _memo(path: Path, make: list[Line] | None = None) -> tuple[list[Line], layout_memo.LayoutMemo]:
    with layout_memo.kept(path, "doc\0bilingual", "stamp") as memo:
        got = layout_memo.lines(SOURCE, lambda: make or LINES)
    return got, memo


def test_same_bytes_with_and_without_kept_lines(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    without = _build(root)
    assert _files(root) == []
    monkeypatch.delenv("REPORTGEN_NO_CACHE")
    first = _build(root)
    assert len(_files(root)) == 1
    calls = _count_breaks(monkeypatch)
    from reportgen.writers import pdf

    def refuse(*args: object) -> list[float]:
        raise AssertionError("column widths worked out again")

    monkeypatch.setattr(pdf, "column_widths", refuse)
    again = _build(root)
    assert calls[0] == 0  # every paragraph's lines came from the file, and every table's
    assert without == first == again  # column widths


def test_an_edited_paragraph_is_laid_out_again(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(root)
    zh = root / "content/zh/briefing-pack.yaml"
    zh.write_text(zh.read_text(encoding="utf-8").replace("會議廳", "大會堂"), encoding="utf-8")
    calls = _count_breaks(monkeypatch)
    edited = _build(root)
    assert 1 <= calls[0] <= 2  # the edited cell (and its width measured again)
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    assert _build(root) == edited


def test_lines_read_back_exactly(tmp_path: Path) -> None:
    got, memo = _memo(tmp_path)
    assert (memo.hits, memo.misses) == (0, 1)
    again, memo = _memo(tmp_path, make=[])
    assert (memo.hits, memo.misses) == (1, 0)
    assert again == LINES and again is not LINES
    assert again[1].width == 47.123456789 and again[1].items[0].x == 1 / 3


def test_another_stamp_is_a_miss(tmp_path: Path) -> None:
    _memo(tmp_path)
    with layout_memo.kept(tmp_path, "doc\0bilingual", "other fonts") as memo:
        layout_memo.lines(SOURCE, lambda: LINES)
    assert (memo.hits, memo.misses) == (0, 1)


def test_an_index_of_too_many_entries_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _memo(tmp_path)
    monkeypatch.setattr(layout_memo, "MAX_ENTRIES", 0)
    got, memo = _memo(tmp_path)
    assert got == LINES and memo.misses == 1


@pytest.mark.parametrize("damage", ["truncate", "garbage-entry", "random", "bad-index"])
def test_damaged_file_is_a_miss_never_an_error(tmp_path: Path, damage: str) -> None:
    _memo(tmp_path)
    (path,) = _files(tmp_path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage-entry":  # the index still points at it: lengths that lie
        start = len(layout_memo.MAGIC) + 4 + len(b"stamp")
        data[start + 8 : start + 12] = struct.pack("<I", 10**6)  # items
    elif damage == "random":
        data = bytearray(random.Random(7).randbytes(len(data)))
    else:  # an entry pointing past the index
        at = len(data) - 16 - 28
        key, _, length = struct.unpack("<16sQI", data[at : at + 28])
        data[at : at + 28] = struct.pack("<16sQI", key, len(data), length)
    path.write_bytes(bytes(data))
    got, memo = _memo(tmp_path)
    assert got == LINES and memo.misses == 1


def test_never_written_through_a_linked_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, tmp_path / layout_memo.FOLDER)
    assert _memo(tmp_path)[0] == LINES
    assert list(elsewhere.iterdir()) == []


def test_a_failed_build_keeps_the_old_file(tmp_path: Path) -> None:
    _memo(tmp_path)
    (path,) = _files(tmp_path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with layout_memo.kept(tmp_path, "doc\0bilingual", "stamp"):
            layout_memo.lines(SOURCE + "another width", lambda: LINES)
            raise RuntimeError("the writer failed")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


def test_no_cache_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    _memo(tmp_path)
    assert not (tmp_path / layout_memo.FOLDER).exists()


def test_widths_of_another_count_are_a_miss(tmp_path: Path) -> None:
    with layout_memo.kept(tmp_path, "doc\0en", "stamp"):
        assert layout_memo.widths("table", 2, lambda: [100.5, 200.25]) == [100.5, 200.25]
    with layout_memo.kept(tmp_path, "doc\0en", "stamp") as memo:
        assert layout_memo.widths("table", 2, lambda: []) == [100.5, 200.25]
        assert layout_memo.widths("table", 3, lambda: [1.0, 2.0, 3.0]) == [1.0, 2.0, 3.0]
    assert (memo.hits, memo.misses) == (1, 1)


def test_faces_of_kept_lines_are_registered_in_a_new_process(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept paragraph makes no fragments, which is where faces get registered with
    reportlab: a new process that takes every paragraph from the file must register
    their faces all the same (as if this were a new process: nothing registered)."""
    from reportlab.pdfbase import pdfmetrics

    from reportgen.writers import pdf_text

    ours: set[str] = set()
    real = pdf_text.font_key

    def recording(face):  # type: ignore[no-untyped-def]
        ours.add(face.key)
        return real(face)

    monkeypatch.setattr(pdf_text, "font_key", recording)
    first = _build(root)
    monkeypatch.setattr(pdf_text, "font_key", real)
    assert len(ours) >= 3
    # the build's only PDF was the process's last: its faces were released once laid out
    assert not ours & set(pdfmetrics._fonts) and not ours & pdf_text._REGISTERED
    monkeypatch.setattr(pdf_text, "_REGISTERED", set())
    monkeypatch.setattr(
        pdfmetrics, "_fonts", {k: v for k, v in pdfmetrics._fonts.items() if k not in ours}
    )
    calls = _count_breaks(monkeypatch)
    assert _build(root) == first
    assert calls[0] == 0


def test_any_damage_to_an_entry_reads_as_lines_or_nothing() -> None:
    blob = layout_memo._encode(LINES)
    assert blob is not None and layout_memo._decode(blob) == LINES
    rng = random.Random(17)
    for _ in range(2000):
        data = bytearray(blob)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        got = layout_memo._decode(
            bytes(data[: rng.randint(0, len(data))] if rng.random() < 0.2 else data)
        )
        assert got is None or all(isinstance(p.text, str) for ln in got for p in ln.items)


def test_a_text_with_nul_is_not_kept() -> None:
    lines = [Line([Placed("a\0b", "f", 10.0, 0.0, 0.0)], 10.0, True)]
    assert layout_memo._encode(lines) is None
