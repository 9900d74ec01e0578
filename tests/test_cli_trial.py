"""Regressions from trying reportgen as a new user, a translator, a print room and a
careless typist would (docs/trial-notes.md): each failure found, with its exact line."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, make_project
from pypdf import PdfWriter
from test_cli_errors import edit, run

ATTACHMENT = "attachments/signed-scan-sample.pdf"
FACTS = "content/facts/briefing-pack.yaml"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "pack")
    (root / "attachments").mkdir(exist_ok=True)
    shutil.copy2(REPO / ATTACHMENT, root / ATTACHMENT)
    return root


def _no_noise(out: str, err: str) -> None:
    assert "Traceback" not in out + err
    for line in err.splitlines():
        assert line.startswith(("content/", "reportgen.yaml:", "error: ", "usage error: ")) or (
            "error(s)" in line
        ), line


# --- a protocol officer starting a new pack ------------------------------------------------


def test_init_gives_a_project_that_checks_clean(tmp_path: Path) -> None:
    code, out, err = run("init", "visit", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "visit" / ATTACHMENT).is_file()
    assert not list((tmp_path / "visit" / "attachments").glob("*.py"))
    code, out, err = run("check", cwd=tmp_path / "visit")
    assert code == 0, err


def test_init_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code, out, err = run("init", "afile/new", cwd=tmp_path)
    assert code == 1
    assert err.splitlines() == [
        "error: cannot create afile/new: Not a directory; choose another folder"
    ]


def test_very_long_event_title_builds_docx(minimal: Path) -> None:
    long = "Visit of the Hong Kong Delegation and Signing Ceremony of the Memorandum " * 5
    edit(
        minimal / "content/en/briefing-pack.yaml",
        "  event: High-Level",
        f"  event: {long}High-Level",
    )
    code, out, err = run("build", "--edition", "en", "--format", "docx", cwd=minimal)
    assert code == 0, err
    core = zipfile.ZipFile(minimal / "build/briefing-pack.en.docx").read("docProps/core.xml")
    subject = core.decode().split("<dc:subject>")[1].split("</dc:subject>")[0]
    assert len(subject) == 255 and subject.endswith("…")


def test_programme_item_without_facts(minimal: Path) -> None:
    edit(minimal / FACTS, '  meeting: {start: "09:30"}\n', "")
    code, out, err = run("build", cwd=minimal)
    assert code == 1
    assert err.splitlines() == [
        "content/en/briefing-pack.yaml:12:5: error schema: 'programme.items.meeting' has no "
        "facts: add 'meeting' under 'programme' in content/facts/briefing-pack.yaml, or delete "
        "it here",
        "1 error(s); nothing was written",
    ]
    assert not (minimal / "build").exists()


def test_facts_item_without_text(minimal: Path) -> None:
    edit(
        minimal / FACTS,
        '  meeting: {start: "09:30"}\n',
        '  meeting: {start: "09:30"}\n  lunch: {start: "12:00"}\n',
    )
    code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/facts/briefing-pack.yaml:6:3: error schema: 'programme' has 'lunch', but "
        "content/en/briefing-pack.yaml has no 'programme.items.lunch'; add it there or delete it "
        "here"
    )


def test_memorandum_party_without_text(pack: Path) -> None:
    edit(
        pack / "content/facts/annex-2.yaml",
        "parties: [cedb, sccom]",
        "parties: [cedb, sccom, macao]",
    )
    code, out, err = run("check", cwd=pack)
    assert code == 1
    lines = [ln for ln in err.splitlines() if "macao" in ln]
    assert lines == [
        "content/facts/annex-2.yaml:3:24: error schema: 'parties' has 'macao', but "
        "content/zh/annex-2.yaml has no 'parties.macao'; add it there or delete it here",
        "content/facts/annex-2.yaml:3:24: error schema: 'parties' has 'macao', but "
        "content/zh/annex-2.yaml has no 'signatures.macao'; add it there or delete it here",
    ]


def test_annex_naming_an_unknown_document(project: Path) -> None:
    edit(project / FACTS, "document: annex-2", "document: annex-9")
    code, out, err = run("check", cwd=project)
    assert code == 1
    assert err.splitlines()[0].endswith(
        "error schema: 'annex-9' is not a document in reportgen.yaml; write one of: "
        "briefing-pack, annex-1, annex-2, annex-pack"
    )
    assert err.splitlines()[0].startswith("content/facts/briefing-pack.yaml:")


# --- a translator -----------------------------------------------------------------------------


def test_simplified_characters_in_traditional_text(minimal: Path) -> None:
    edit(minimal / "content/zh/briefing-pack.yaml", "  title: 簡報資料", "  title: 简报资料")
    code, out, err = run("check", "--strict", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/zh/briefing-pack.yaml:3:10: warning simplified: 'cover.title' has Simplified "
        "characters: 简 (簡), 报 (報), 资 (資); this file is Traditional Chinese (zh-Hant-HK): "
        "write the Traditional characters shown"
    )
    assert run("check", cwd=minimal)[0] == 0  # a warning: only --strict fails


def test_traditional_sample_has_no_simplified_warning(minimal: Path) -> None:
    code, out, err = run("check", "--strict", cwd=minimal)
    assert code == 0, err


# --- a print room -----------------------------------------------------------------------------


def _damaged(path: Path) -> None:
    """Objects the page uses overwritten: pypdf repairs the table and finds them missing."""
    data = (REPO / ATTACHMENT).read_bytes()
    path.write_bytes(data[:200] + b"\x00" * 500 + data[700:])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _damaged,
            "is damaged (object 2 0, offset 715: unknown token while reading object; treating "
            "as string); export it again",
        ),
        (
            lambda p: PdfWriter().write(p),
            "has no pages; export it again, or remove it from the parts",
        ),
    ],
)
def test_attached_pdf_refused(pack: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    make(pack / ATTACHMENT)
    code, out, err = run("build", "--doc", "annex-pack", cwd=pack)
    assert code == 1
    assert err.splitlines() == [
        f"reportgen.yaml:45:15: error config: '{ATTACHMENT}' {message}",
        "1 error(s); nothing was written",
    ]
    _no_noise(out, err)


def test_encrypted_attachment_refused(pack: Path) -> None:
    writer = PdfWriter(clone_from=REPO / ATTACHMENT)
    writer.encrypt(user_password="", owner_password="owner")
    writer.write(pack / ATTACHMENT)
    code, out, err = run("build", "--doc", "annex-pack", cwd=pack)
    assert code == 1
    assert err.splitlines()[0] == (
        f"reportgen.yaml:45:15: error config: '{ATTACHMENT}' is encrypted; "
        "export it without a password"
    )


# --- someone typing the command wrongly -------------------------------------------------------


@pytest.mark.parametrize("folder", ["content/en", "content", "templates", "fonts"])
def test_out_among_the_inputs_refused(minimal: Path, folder: str) -> None:
    code, out, err = run("build", "--out", folder, cwd=minimal)
    assert code == 2
    top = folder.split("/")[0]
    assert err.splitlines() == [
        f"usage error: --out {folder} is inside the project's {top}/ folder, which holds its "
        "inputs; write the outputs elsewhere (the default is build/)"
    ]
    assert not list((minimal / folder).glob("*.pdf"))


def test_out_below_a_file(minimal: Path) -> None:
    (minimal / "f").write_text("x", encoding="utf-8")
    code, out, err = run(
        "build", "--format", "pdf", "--edition", "en", "--out", "f/sub", cwd=minimal
    )
    assert code == 1
    assert err.splitlines() == [
        "error: cannot write f/sub/briefing-pack.en.pdf: f is a file, not a folder; "
        "choose another output folder (-o DIR)"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out_keeps_the_old_file(minimal: Path) -> None:
    ro = minimal / "ro"
    ro.mkdir()
    (ro / "briefing-pack.en.pdf").write_bytes(b"old")
    ro.chmod(0o555)
    try:
        code, out, err = run(
            "build", "--format", "pdf", "--edition", "en", "--out", "ro", cwd=minimal
        )
    finally:
        ro.chmod(0o755)
    assert code == 1
    assert err.splitlines() == [
        "error: cannot write ro/briefing-pack.en.pdf: permission denied; choose an output "
        "folder you can write to (-o DIR)"
    ]
    assert (ro / "briefing-pack.en.pdf").read_bytes() == b"old"


def test_missing_glyphs_one_line_per_value(minimal: Path) -> None:
    edit(
        minimal / "content/en/briefing-pack.yaml",
        "  title: Briefing Pack",
        "  title: Briefing Pack 😀🎉😀",
    )
    code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/en/briefing-pack.yaml:3:24: error missing-glyph: 2 characters cannot be drawn "
        "by any configured font: U+1F600 '😀', U+1F389 '🎉'; replace them or add a font that "
        "has them"
    )
    assert len([ln for ln in err.splitlines() if "missing-glyph" in ln]) == 1
