"""The DOCX writer's font facts (family name, fsType, charset, class, pitch, PANOSE) kept
between builds: the same as read from the file, read back without fontTools, read again
when the file changes, not kept when the cache is off; a warm DOCX build imports no
fontTools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FONTS

from reportgen.fonts import family_name
from reportgen.writers import docx_fontfacts


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(docx_fontfacts, "_SEEN", {})
    return tmp_path / "cache" / "fonts"


@pytest.mark.parametrize("name", ["NotoSerif-Regular.ttf", "NotoSerifCJKtc-Regular.ttf"])
def test_facts_are_those_read_from_the_file(cache: Path, name: str) -> None:
    facts = docx_fontfacts.facts(FONTS / name)
    assert facts == docx_fontfacts.read(FONTS / name)
    assert facts.family == family_name(FONTS / name)
    assert facts.pitch == "variable" and len(facts.panose) == 20
    assert len(list(cache.glob("docxfont-*.bin"))) == 1


def test_a_changed_font_is_read_again(cache: Path, tmp_path: Path) -> None:
    font = Path(shutil.copy2(FONTS / "NotoSerif-Regular.ttf", tmp_path / "font.ttf"))
    docx_fontfacts.facts(font)
    font.write_bytes(font.read_bytes() + b"\0\0\0\0")
    docx_fontfacts.facts(font)
    assert len(list(cache.glob("docxfont-*.bin"))) == 2


def test_no_cache_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("REPORTGEN_NO_CACHE", "1")
    monkeypatch.setattr(docx_fontfacts, "_SEEN", {})
    facts = docx_fontfacts.facts(FONTS / "NotoSerif-Regular.ttf")
    assert facts == docx_fontfacts.read(FONTS / "NotoSerif-Regular.ttf")
    assert not (tmp_path / "cache").exists()


_WARM_BUILD = """
import sys
from pathlib import Path
from reportgen.build import BuildOptions, prepare
builder = prepare(Path(sys.argv[1]), BuildOptions(epoch=1632355200), docs=["briefing-pack"],
                  editions={"bilingual"})
model = builder.model("briefing-pack", "bilingual")
before = {m for m in sys.modules if m.startswith("fontTools.ttLib")}
data = builder.write(model, "docx", ("briefing-pack", "bilingual"))
after = {m for m in sys.modules if m.startswith("fontTools.ttLib")}
print(len(data), sorted(after - before))
"""


def test_a_warm_docx_build_imports_no_fonttools(tmp_path: Path) -> None:
    """Facts, subsets and renamed subsets all come from the cache on a second build."""
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, REPORTGEN_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("REPORTGEN_NO_CACHE", None)
    run = [sys.executable, "-c", _WARM_BUILD, str(root)]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout
    assert cold.split()[0] == warm.split()[0]  # same size
    assert warm.split(" ", 1)[1].strip() == "[]", warm
