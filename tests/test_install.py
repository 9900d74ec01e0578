"""A new project from ``reportgen init`` (clean, fonts found where reportgen is installed),
``reportgen fonts``, ``reportgen --version`` and the generator's version in the outputs.
The wheel itself is built and installed away from the checkout in test_wheel.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli_errors import run

from reportgen import __version__
from reportgen.build import registry_for
from reportgen.errors import ContentError
from reportgen.fontinfo import repertoire
from reportgen.lockfile import read_lock
from reportgen.project import load_project
from reportgen.resources import fonts_dir, installed_font

CJK = "NotoSerifCJKtc-Regular.ttf"
LATIN_BOLD = "NotoSerif-Bold.ttf"


@pytest.fixture
def visit(tmp_path: Path) -> Path:
    code, out, err = run("init", "visit", cwd=tmp_path)
    assert code == 0, err
    return tmp_path / "visit"


def _fonts_json(root: Path) -> list[dict]:
    code, out, err = run("fonts", "--format", "json", cwd=root)
    assert code == 0, err
    return json.loads(out)


def test_init_starts_clean_and_checks_strict(visit: Path) -> None:
    assert not (visit / "fonts").exists()  # found where reportgen is installed, not copied
    assert read_lock(visit) == {}
    assert "build/" in (visit / ".gitignore").read_text(encoding="utf-8").splitlines()
    readme = (visit / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# HK/Sichuan Co-operation Conference 2021\n")
    assert "reportgen build" in readme and "reportgen fonts" in readme
    settings = json.loads((visit / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./schema/briefing-pack.text.schema.json"] == [
        "content/en/briefing-pack.yaml",
        "content/zh/briefing-pack.yaml",
    ]
    assert schemas["./schema/memorandum.facts.schema.json"] == [
        "content/facts/annex-1.yaml",
        "content/facts/annex-2.yaml",
    ]
    for schema, files in schemas.items():
        assert (visit / schema).is_file(), schema
        assert all((visit / f).is_file() for f in files), files
    code, out, err = run("check", "--strict", cwd=visit)
    assert code == 0, err
    assert err == "" and out.startswith("ok: 0 error(s), 0 warning(s)")


def test_new_project_uses_the_installed_fonts(visit: Path) -> None:
    installed = fonts_dir()
    assert installed is not None
    project = load_project(visit)
    faces = list(registry_for(project).all_faces())
    assert len(faces) == sum(len(styles) for styles in project.config["fonts"].values()) >= 6
    assert all(face.path.parent == installed.resolve() for face in faces)
    listed = _fonts_json(visit)
    assert [f["source"] for f in listed] == ["installed"] * len(faces)
    cjk = next(f for f in listed if f["role"] == "cjk" and f["style"] == "regular")
    assert cjk["path"] == str((installed / CJK).resolve())
    assert cjk["licence"] == "SIL Open Font License 1.1"
    assert cjk["licence_file"] == "OFL-NotoSerifCJK.txt"
    assert cjk["embedding"] == "installable"


def test_a_font_in_the_project_wins(visit: Path) -> None:
    (visit / "fonts").mkdir()
    shutil.copy2(fonts_dir() / LATIN_BOLD, visit / "fonts" / LATIN_BOLD)  # type: ignore[operator]
    registry = registry_for(load_project(visit))
    assert registry.face("latin", bold=True).path == (visit / "fonts" / LATIN_BOLD).resolve()
    assert registry.face("cjk").path.parent == fonts_dir().resolve()  # type: ignore[union-attr]
    sources = {(f["role"], f["style"]): f["source"] for f in _fonts_json(visit)}
    assert sources[("latin", "bold")] == "project"
    assert sources[("latin", "regular")] == "installed"
    code, out, err = run("fonts", cwd=visit)
    assert "latin/bold: fonts/NotoSerif-Bold.ttf\n  from:     the project's own (" in out


def test_a_project_link_leading_out_is_refused_not_replaced(visit: Path, tmp_path: Path) -> None:
    (visit / "fonts").mkdir()
    os.symlink(fonts_dir() / LATIN_BOLD, visit / "fonts" / LATIN_BOLD)  # type: ignore[operator]
    with pytest.raises(ContentError) as caught:
        load_project(visit)
    (diag,) = caught.value.diagnostics
    assert diag.code == "unsafe-path" and "leads outside the project" in diag.message


def test_a_missing_font_is_still_missing(visit: Path) -> None:
    config = visit / "reportgen.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"fonts/{LATIN_BOLD}", "fonts/NoSuch-Bold.ttf"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(visit)
    (diag,) = caught.value.diagnostics
    assert diag.message == (
        "'fonts/NoSuch-Bold.ttf' not found (looked for fonts/NoSuch-Bold.ttf); "
        "did you mean 'fonts/NotoSerif-Bold.ttf'?"
    )


@pytest.mark.parametrize(
    "name, found",
    [
        (f"fonts/{CJK}", True),
        ("fonts/NotoSerif%2DBold.ttf", True),  # percent-decoded, as every font path
        (f"fonts/../fonts/{CJK}", False),
        (f"other/{CJK}", False),
        (CJK, False),
        ("fonts/README.md/x", False),
        ("fonts/..", False),
        ("fonts/%2e%2e", False),
    ],
)
def test_only_fonts_slash_name_stands_for_an_installed_font(name: str, found: bool) -> None:
    assert (installed_font(name) is not None) is found


def test_repertoires_from_the_codecs() -> None:
    big5, hkscs, gb = (repertoire(r) for r in ("Big5", "HKSCS", "GB 18030 two-byte"))
    assert 13_000 < len(big5) < 14_000 and 4_000 < len(hkscs) < 5_100 and 21_000 < len(gb)
    assert ord("臺") in big5 and ord("们") not in big5 and ord("们") in gb
    assert ord("㗎") in hkscs and ord("㗎") not in big5 and 0x282E2 in hkscs  # 𨋢 (lift)
    assert not (big5 & hkscs)


def test_fonts_lists_coverage(project: Path) -> None:
    listed = {(f["role"], f["style"]): f for f in _fonts_json(project)}
    assert {f["source"] for f in listed.values()} == {"project"}
    cjk, latin = listed[("cjk", "regular")]["coverage"], listed[("latin", "regular")]["coverage"]
    for name in ("Big5", "HKSCS", "GB 18030 two-byte"):
        assert cjk[name]["of"] == len(repertoire(name))
        assert cjk[name]["covered"] >= 0.99 * cjk[name]["of"], name
        assert latin[name]["covered"] < 0.02 * latin[name]["of"], name
    code, out, err = run("fonts", cwd=project)
    assert re.search(r"coverage: Big5 13,\d{3} of 13,\d{3} · HKSCS 4,\d{3} of 4,\d{3}", out)


def test_version_names_libraries_and_fonts(tmp_path: Path) -> None:
    code, out, err = run("--version", cwd=tmp_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"reportgen {__version__}"
    assert [line.split()[0] for line in lines[1:4]] == ["reportlab", "python-docx", "fontTools"]
    assert all(re.fullmatch(r"\S+ \d+\.\d+(\.\d+)*\S*", line) for line in lines[1:4])
    assert lines[4] == f"fonts installed in {fonts_dir()}:"
    assert f"  {CJK}: Noto Serif CJK TC 2.001" in lines


def test_outputs_record_the_generator_version(sample_build: Path) -> None:
    for name in ("briefing-pack.en.pdf", "annex-pack.zh.pdf"):
        info = PdfReader(sample_build / name).metadata
        assert info is not None
        assert info["/Creator"] == f"reportgen {__version__}", name
        assert info["/Producer"].startswith(f"reportgen {__version__} ("), name
    with zipfile.ZipFile(sample_build / "briefing-pack.zh.docx") as docx:
        app = docx.read("docProps/app.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    assert f"<Application>reportgen {__version__}</Application>" in app
    assert f"<cp:lastModifiedBy>reportgen {__version__}</cp:lastModifiedBy>" in core


def test_a_font_added_to_the_project_rebuilds(visit: Path) -> None:
    only = ("build", "--doc", "annex-1", "--edition", "en", "--format", "pdf", "-j", "1")
    assert run(*only, cwd=visit)[1] == "wrote build/annex-1.en.pdf\nbuilt 1 file(s)\n"
    assert run(*only, cwd=visit)[1].startswith("up to date: build/annex-1.en.pdf\n")
    (visit / "fonts").mkdir()
    shutil.copy2(fonts_dir() / "NotoSerif-Regular.ttf", visit / "fonts")  # type: ignore[operator]
    assert run(*only, cwd=visit)[1] == "wrote build/annex-1.en.pdf\nbuilt 1 file(s)\n"
