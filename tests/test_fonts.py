"""The font registry: paths from the configuration, cmaps, per-character face selection."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FONTS, make_project
from fontTools.ttLib import TTFont
from test_cli_errors import edit, run

from reportgen.fonts import FontRegistry, read_cmap
from reportgen.project import load_project

LATIN = "NotoSerif-Regular.ttf"


def _link(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def test_percent_encoded_font_path_is_decoded(tmp_path: Path) -> None:
    """The registry reads a path as the project check does (percent-decoded first)."""
    _link(FONTS / LATIN, tmp_path / "my fonts" / "Serif 100%.ttf")
    config = {"latin": {"regular": "my%20fonts/Serif%20100%25.ttf"}}
    registry = FontRegistry.from_config(tmp_path, config)
    face = registry.face("latin")
    assert face.path == (tmp_path / "my fonts" / "Serif 100%.ttf").resolve()
    assert ord("A") in registry.cmap(face)


def test_font_path_with_spaces_is_taken_as_written(tmp_path: Path) -> None:
    _link(FONTS / LATIN, tmp_path / "my fonts" / "Serif Regular.ttf")
    registry = FontRegistry.from_config(
        tmp_path, {"latin": {"regular": "my fonts/Serif Regular.ttf"}}
    )
    assert registry.face("latin").path.is_file()


def test_project_with_spaces_and_percent_signs_in_font_paths_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    _link(root / "fonts" / LATIN, root / "my fonts" / "Noto Serif 100%.ttf")
    edit(
        root / "reportgen.yaml",
        f"regular: fonts/{LATIN}",
        "regular: my%20fonts/Noto%20Serif%20100%25.ttf",
    )
    assert load_project(root).config["fonts"]["latin"]["regular"].endswith("100%25.ttf")
    code, out, err = run("build", "--edition", "en", "--format", "pdf", cwd=root)
    assert code == 0, err + out
    assert (root / "build" / "briefing-pack.en.pdf").stat().st_size > 1000


@pytest.mark.parametrize("name", sorted(p.name for p in FONTS.glob("*.ttf")))
def test_cmap_reader_matches_fonttools(name: str) -> None:
    with TTFont(str(FONTS / name), lazy=True) as font:
        expected = frozenset(font.getBestCmap() or {})
    assert read_cmap(FONTS / name) == expected


def test_split_takes_whole_runs_and_falls_back_per_character() -> None:
    registry = FontRegistry.from_config(
        FONTS, {"latin": {"regular": LATIN}, "cjk": {"regular": "NotoSerifCJKtc-Regular.ttf"}}
    )
    latin, cjk = registry.face("latin"), registry.face("cjk")
    assert registry.split("Hong Kong 香港 co-operation") == [
        ("Hong Kong ", latin),
        ("香港 ", cjk),  # a space takes the script before it
        ("co-operation", latin),
    ]
    # U+2460 is Latin script but not in the Latin face: that character comes from the CJK face
    assert registry.split("a\u2460b") == [("a", latin), ("\u2460", cjk), ("b", latin)]


def test_reportlab_subsets_read_glyphs_from_the_file(tmp_path: Path) -> None:
    from reportlab.pdfbase import ttfonts

    from reportgen.writers import rl_patches

    rl_patches.apply()
    path = tmp_path / "cjk.ttf"
    _link(FONTS / "NotoSerifCJKtc-Regular.ttf", path)
    lazy = ttfonts.TTFontFile(str(path))
    assert isinstance(lazy._ttf_data, rl_patches.FontFile)
    with open(path, "rb") as fh:
        whole = ttfonts.TTFontFile(fh)  # a file object: read into memory as reportlab does
    assert isinstance(whole._ttf_data, bytes)
    codes = [ord(c) for c in "香港特別行政區 Hong Kong 𨋢"]
    assert lazy.makeSubset(codes) == whole.makeSubset(codes)


def test_reportlab_refuses_a_font_changed_on_disk(tmp_path: Path) -> None:
    from reportlab.pdfbase import ttfonts

    from reportgen.writers import rl_patches

    rl_patches.apply()
    path = tmp_path / "latin.ttf"
    shutil.copy2(FONTS / LATIN, path)
    font = ttfonts.TTFontFile(str(path))
    with open(path, "r+b") as fh:  # rewritten in place, as cp does
        fh.write(fh.read())
    with pytest.raises(ttfonts.TTFError, match="changed on disk"):
        font.makeSubset([ord("A")])
