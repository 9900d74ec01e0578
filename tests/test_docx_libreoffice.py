"""Every DOCX of the sample and of a larger project through LibreOffice, on a machine that
knows no CJK font (fontconfig sees DejaVu only): converted all in ONE call (as a print
room converts a batch) and each alone, the pages rendered and compared — a font cached
from one file must never draw another. And the contents after LibreOffice updates it.

LibreOffice conversions are slow: one batch call, one call per file, one UNO session for
the contents, all shared through session fixtures.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_project

from reportgen.build import BuildOptions, build

TOOLS = ("soffice", "pdftoppm", "pdffonts")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in TOOLS),
    reason="needs LibreOffice (apt: libreoffice-writer) and poppler-utils (pdftoppm, pdffonts)",
)
SYSTEM_PYTHON = "/usr/bin/python3"  # the one with LibreOffice's uno module (apt: python3-uno)
LATIN_ONLY = Path("/usr/share/fonts/truetype/dejavu")
EPOCH = 1632355200
DPI = 30


@dataclass(frozen=True)
class LibreOffice:
    work: Path
    env: dict[str, str]

    def convert(self, files: list[Path], outdir: Path, profile: str = "lo") -> None:
        cmd = [
            "soffice",
            f"-env:UserInstallation={(self.work / profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        subprocess.run(cmd, env=self.env, check=True, timeout=900, capture_output=True)


def _libreoffice(work: Path) -> LibreOffice:
    if not LATIN_ONLY.is_dir():
        pytest.skip(f"needs the DejaVu fonts in {LATIN_ONLY} (apt: fonts-dejavu-core)")
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{LATIN_ONLY}</dir>\n  <cachedir>{work / 'fccache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "FONTCONFIG_FILE": str(conf)}
    return LibreOffice(work, env)


@pytest.fixture(scope="session")
def docx_files(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample's DOCX files and those of the larger fixture (tests/roots/delegation-large:
    four documents, every edition)."""
    work = tmp_path_factory.mktemp("docx-set")
    large = make_project(work, "delegation-large")
    build(large, BuildOptions(formats=["docx"], epoch=EPOCH))
    files = []
    for path in sorted(sample_build.glob("*.docx")):
        files.append(shutil.copy2(path, work / path.name))
    for path in sorted((large / "build").glob("*.docx")):
        files.append(shutil.copy2(path, work / f"large-{path.name}"))
    return [Path(f) for f in files]


@pytest.fixture(scope="session")
def conversions(
    docx_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, Path]]:
    """name -> (PDF from the one batch call, PDF from converting the file alone)."""
    work = tmp_path_factory.mktemp("lo")
    office = _libreoffice(work)
    office.convert(docx_files, work / "batch")
    for path in docx_files:
        office.convert([path], work / "single")
    return {
        p.name: (work / "batch" / f"{p.stem}.pdf", work / "single" / f"{p.stem}.pdf")
        for p in docx_files
    }


def _pages(pdf: Path) -> list[bytes]:
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    pages = sorted(
        pdf.parent.glob(f"{prefix.name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-")[-1])
    )
    return [p.read_bytes() for p in pages]


def test_the_set_has_the_sample_and_a_larger_project(docx_files: list[Path]) -> None:
    names = [p.name for p in docx_files]
    assert len([n for n in names if n.startswith("large-")]) >= 10
    # the sample: 4 briefing-pack editions, annex-1 and annex-2 in zh, en and bilingual
    assert len([n for n in names if not n.startswith("large-")]) == 10


def test_a_batch_renders_every_page_as_each_file_alone(
    conversions: dict[str, tuple[Path, Path]],
) -> None:
    differ: dict[str, list[int]] = {}
    for name, (batch, single) in sorted(conversions.items()):
        together, alone = _pages(batch), _pages(single)
        assert len(together) == len(alone) > 0, name
        pages = [i + 1 for i, (a, b) in enumerate(zip(together, alone, strict=True)) if a != b]
        if pages:
            differ[name] = pages
    assert not differ, f"pages that differ between the batch and single conversions: {differ}"


def test_only_embedded_fonts_draw_the_pages(conversions: dict[str, tuple[Path, Path]]) -> None:
    """No fallback: every font in the converted PDFs is an embedded subset (the fontconfig
    has DejaVu only, so a character no embedded font has would come out in DejaVu)."""
    for name, (batch, _single) in conversions.items():
        listing = subprocess.run(
            ["pdffonts", str(batch)], check=True, capture_output=True, text=True
        ).stdout
        fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
        assert fonts, name
        assert all(re.fullmatch(r"NotoSerif(CJK[TS]C)?[0-9A-F]{8}-\w+", f) for f in fonts), (
            name,
            fonts,
        )


@pytest.fixture(scope="session")
def updated_contents(
    docx_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[list[str]]]:
    if (
        not Path(SYSTEM_PYTHON).is_file()
        or subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode
    ):
        pytest.skip(f"needs LibreOffice's Python bridge for {SYSTEM_PYTHON} (apt: python3-uno)")
    work = tmp_path_factory.mktemp("lo-toc")
    office = _libreoffice(work)
    out = work / "indexes.json"
    files = [p for p in docx_files if "briefing-pack" in p.name]
    script = Path(__file__).with_name("lo_update_indexes.py")
    subprocess.run(
        [SYSTEM_PYTHON, str(script), str(work / "profile"), str(out), *map(str, files)],
        env=office.env,
        check=True,
        timeout=900,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def test_contents_updated_in_libreoffice_lists_each_heading_once(
    updated_contents: dict[str, list[list[str]]],
) -> None:
    assert len(updated_contents) == 8  # the briefing pack's four editions, twice
    for name, indexes in updated_contents.items():
        assert len(indexes) == 1, name
        before, after = indexes[0]
        cached = before.splitlines()
        entries = after.splitlines()
        # the same entries as cached (one per heading, one per bilingual pair) ...
        assert [" ".join(e.rsplit("\t", 1)[0].split()) for e in entries] == [
            " ".join(c.split()) for c in cached
        ], name
        assert len(entries) >= 8, name
        # ... now with the DOCX's own page numbers, in order
        numbers = [int(e.rsplit("\t", 1)[1]) for e in entries]
        assert numbers == sorted(numbers) and numbers[0] >= 2, (name, numbers)
        if "bilingual" in name:  # "English  中文", as the PDF's contents
            assert all(re.search(r"[\u4e00-\u9fff]", e) for e in cached), name
            assert all(re.search(r"[A-Za-z]", e) for e in cached), name
