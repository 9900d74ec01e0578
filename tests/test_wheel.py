"""The wheel works away from the checkout (issue 18).

Builds the wheel from a copy of the source tree (``pip wheel --no-build-isolation``: no
download), installs it into a fresh venv outside the checkout (``--no-index``; the
libraries reportgen needs are this test venv's, reached through a ``.pth`` line added
after the install, so the new venv's own ``reportgen`` comes first), then runs ``init``,
``check --strict``, ``fonts`` and ``build`` there and looks inside the outputs for the
embedded fonts. About 20 s on two cores; ``-m 'not wheel'`` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

import reportgen

pytestmark = pytest.mark.wheel

# Not part of what a wheel is built from (hidden folders are skipped too).
_NOT_SOURCE = {"build", "dist", "tests", "docs", "bench", "scripts"}


def _source_tree(dest: Path) -> Path:
    """What ``pip wheel`` sees in a fresh clone: the checkout without venvs, outputs and
    caches; the fonts linked (setup.py copies the files they point to into the wheel)."""
    dest.mkdir()
    for entry in sorted(REPO.iterdir()):
        if entry.name.startswith(".") or entry.name in _NOT_SOURCE:
            continue
        if entry.name == "fonts":
            (dest / "fonts").mkdir()
            for font in entry.iterdir():
                os.symlink(font, dest / "fonts" / font.name)
        elif entry.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".*")
            shutil.copytree(entry, dest / entry.name, ignore=ignore)
        else:
            shutil.copy2(entry, dest / entry.name)
    return dest


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Base font name (subset prefix removed) -> whether its program is embedded, for
    every font the pages and their form XObjects use."""
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def walk(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            return
        seen.add(id(resources))
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = (font.get("/FontDescriptor") or DictionaryObject()).get_object()
            name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = found.get(name, True) and embedded
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in PdfReader(pdf).pages:
        walk(page.get("/Resources"))
    return found


def test_wheel_installs_and_builds_away_from_the_checkout(tmp_path: Path) -> None:
    timings: dict[str, float] = {}
    started = time.monotonic()
    src = _source_tree(tmp_path / "src")
    dist = tmp_path / "dist"
    pip_wheel = "-m pip wheel -q --no-deps --no-build-isolation --no-index -w".split()
    _run(sys.executable, *pip_wheel, dist, src, cwd=tmp_path)
    timings["wheel"] = time.monotonic() - started
    (wheel,) = dist.glob("reportgen-*.whl")
    assert wheel.name == f"reportgen-{reportgen.__version__}-py3-none-any.whl"

    # what travels: every file of fonts/ (fonts, licences, notes) and the sample project
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    fonts = sorted(p for p in (REPO / "fonts").iterdir() if p.is_file())
    assert {f"reportgen/fonts/{p.name}" for p in fonts} <= names
    for part in (
        "reportgen.yaml",
        "content/zh/briefing-pack.yaml",
        "templates/memorandum.xml.j2",
        "schema/briefing-pack.text.schema.json",
        "attachments/signed-scan-sample.pdf",
    ):
        assert f"reportgen/sample/{part}" in names, part
    assert not [n for n in names if n.startswith("reportgen/sample/") and n.endswith(".py")]
    assert wheel.stat().st_size < sum(p.stat().st_size for p in fonts)  # compressed

    # a fresh venv outside the checkout; the wheel installed without an index
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    started = time.monotonic()
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        *"install -q --no-deps --no-index".split(),
        wheel,
        cwd=tmp_path,
    )
    timings["install"] = time.monotonic() - started
    ask = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = Path(_run(python, "-c", ask, cwd=tmp_path).strip())
    (purelib / "_reportgen_test_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REPORTGEN"))}
    env["REPORTGEN_CACHE_DIR"] = str(tmp_path / "cache")  # a first run: no parsed fonts yet
    work = tmp_path / "work"
    work.mkdir()

    def reportgen_cli(*args: str) -> str:
        return _run(venv / "bin" / "reportgen", *args, cwd=work, env=env)

    where = _run(python, "-c", "import reportgen; print(reportgen.__file__)", cwd=work, env=env)
    assert Path(where.strip()).is_relative_to(purelib)
    installed_fonts = purelib / "reportgen" / "fonts"
    assert f"fonts installed in {installed_fonts}:" in reportgen_cli("--version").splitlines()

    started = time.monotonic()
    reportgen_cli("init", "visit")
    project = work / "visit"
    assert not (project / "fonts").exists()
    assert (project / ".gitignore").is_file() and (project / ".vscode/settings.json").is_file()
    assert "ok: 0 error(s), 0 warning(s)" in reportgen_cli("check", "--strict", "visit")
    listed = json.loads(reportgen_cli("fonts", "visit", "--format", "json"))
    assert {f["source"] for f in listed} == {"installed"}
    assert all(Path(f["path"]).parent == installed_fonts for f in listed)
    reportgen_cli("build", "-q", "visit")
    timings["init+check+build"] = time.monotonic() - started

    out = project / "build"
    pdfs = sorted(out.glob("*.pdf"))
    # the sample: briefing pack x4, annex-1/2 x3 (zh, en, bilingual), the annex pack x2
    assert len(pdfs) == 12 and len(list(out.glob("*.docx"))) == 10
    for pdf in pdfs:
        fonts_used = _embedded_fonts(pdf)
        assert fonts_used and all(fonts_used.values()), (pdf.name, fonts_used)
        edition = pdf.name.split(".")[1]
        if edition in ("zh", "zh-Hans"):
            face = "NotoSerifCJKtc" if edition == "zh" else "NotoSerifCJKsc"
            assert any(name.startswith(face) for name in fonts_used), (pdf.name, fonts_used)
        if shutil.which("pdffonts"):
            rows = _run("pdffonts", pdf, cwd=work).splitlines()[2:]
            assert rows and all(row.split()[-5] == "yes" for row in rows), rows
    with zipfile.ZipFile(out / "briefing-pack.zh.docx") as docx:
        assert [n for n in docx.namelist() if n.startswith("word/fonts/")]
        assert b"w:embedRegular" in docx.read("word/fontTable.xml")
    print(
        f"wheel {wheel.stat().st_size:,} bytes; "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    )
