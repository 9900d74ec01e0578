# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""Attached PDFs from anywhere (issue 15): checked by qpdf, active content removed and
named, encrypted ones refused, and the pack's stamp never printed over their content.
The hostile PDFs are made here (tests/hostile_pdfs.py), never committed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import hostile_pdfs
import pikepdf
import pytest
from conftest import make_project
from pypdf import PdfReader
from test_cli_errors import run

from reportgen.pack import FRAME_BOTTOM, FRAME_TOP

NAME = "attachments/annex.pdf"
WHERE = "reportgen.yaml:34:15"
PACK = """
  annex-pack:
    type: annex-pack
    editions: [en]
    parts:
      - {pdf: attachments/annex.pdf, label: 3}
"""
ACTIVE = (
    "JavaScript (on opening), document actions, document JavaScript, embedded file "
    "'payload.exe', form submission, page actions (page 1), Launch action (page 1), "
    "JavaScript (page 1), web link (URI) http://example.invalid/x (page 1), embedded file "
    "'payload.exe' (page 1)"
)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "minimal")
    (root / "attachments").mkdir()
    with (root / "reportgen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(PACK)
    return root


def _build(root: Path) -> tuple[int, str, str]:
    return run("build", "--doc", "annex-pack", cwd=root)


def test_active_content_removed_and_named(pack: Path) -> None:
    hostile_pdfs.active(pack / NAME)
    warning = (
        f"{WHERE}: warning attachment: '{NAME}' had active content, removed from the pack: "
        f"{ACTIVE}; nothing to do unless the pack needs it"
    )
    code, _, err = run("check", cwd=pack)
    assert code == 0
    assert err.splitlines()[0] == warning
    code, out, err = _build(pack)
    assert code == 0, err
    assert err.splitlines() == [
        "3 warning(s):",
        warning,
        f"{WHERE}: warning attachment: '{NAME}' uses fonts it does not embed (Helvetica, "
        "Times-Bold, Times-Roman); printers will substitute them: export it again with fonts "
        "embedded (e.g. as PDF/A)",
        f"{WHERE}: warning attachment: '{NAME}' is not PDF/A-2u (or a level that fits in it), "
        "so the annex pack is written without the PDF/A-2u claim; export it again as PDF/A-2u "
        "to keep it",
    ]
    data = (pack / "build/annex-pack.en.pdf").read_bytes()
    for marker in (
        b"/JavaScript",
        b"/Launch",
        b"/URI",
        b"/EmbeddedFile",
        b"/SubmitForm",
        b"payload.exe",
        b"/OpenAction",
    ):
        assert marker not in data, marker
    with pikepdf.open(pack / "build/annex-pack.en.pdf") as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                assert not {"/AA", "/JS", "/EF", "/EmbeddedFiles", "/OpenAction"} & set(obj.keys())
                assert obj.get("/Subtype") != "/FileAttachment"
                if isinstance(obj, pikepdf.Stream):
                    assert not obj.read_bytes().startswith(b"MZ")
    reader = PdfReader(pack / "build/annex-pack.en.pdf")
    assert "Body text of page 1" in "".join(p.extract_text() for p in reader.pages)


def test_owner_password_only_aes256_refused_as_encrypted(pack: Path) -> None:
    hostile_pdfs.encrypted_owner_only(pack / NAME)
    for command in ("check", "build"):
        code, out, err = (
            run(command, "--doc", "annex-pack", cwd=pack)
            if command == "build"
            else run(command, cwd=pack)
        )
        assert code == 1
        assert err.splitlines()[0] == (
            f"{WHERE}: error config: '{NAME}' is encrypted; export it without a password"
        )
        assert "internal error" not in err
    assert not (pack / "build/annex-pack.en.pdf").exists()


def test_file_failing_qpdf_check_refused_with_the_reason(pack: Path) -> None:
    hostile_pdfs.broken_stream(pack / NAME)
    if shutil.which("qpdf"):
        assert (
            subprocess.run(["qpdf", "--check", str(pack / NAME)], capture_output=True).returncode
            != 0
        )
    code, _, err = _build(pack)
    assert code == 1
    assert err.splitlines() == [
        f"{WHERE}: error config: '{NAME}' is damaged (offset 653: error decoding stream data for "
        "object 5 0: stream inflate: inflate: data: incorrect header check); export it again",
        "1 error(s); nothing was written",
    ]
    assert not (pack / "build/annex-pack.en.pdf").exists()


def _text_boxes(page: object) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text as placed on the page (text and graphics matrices)."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def test_stamp_never_prints_over_the_attached_title(pack: Path) -> None:
    hostile_pdfs.plain(pack / NAME)  # its title exactly where the classification stamp goes
    code, _, err = _build(pack)
    assert code == 0, err
    reader = PdfReader(pack / "build/annex-pack.en.pdf")
    page = next(p for p in reader.pages if hostile_pdfs.TITLE in p.extract_text())
    height = float(page.mediabox.height)
    boxes = _text_boxes(page)
    title = [y for text, _, y in boxes if text == hostile_pdfs.TITLE]
    stamp = [y for text, _, y in boxes if text == "RESTRICTED"]
    footer = [y for text, _, y in boxes if text.startswith("Annex 3 – Page")]
    assert title and stamp and footer
    # the title (14 pt, so up to ~11 pt above its baseline) stays below the stamp's band ...
    assert title[0] + 11 < height - FRAME_TOP < stamp[0]
    # ... and the page's lowest content above the footer's band
    assert min(y for text, _, y in boxes if text.startswith("Body")) > FRAME_BOTTOM > footer[0]


def test_font_names_from_an_attached_pdf_are_escaped(pack: Path) -> None:
    hostile_pdfs.escaping_font(pack / NAME)
    code, _, err = run("check", cwd=pack)
    assert "\x1b" not in err and "\x07" not in err
    assert (
        f"{WHERE}: warning attachment: '{NAME}' uses fonts it does not embed "
        "(Evil\\x1b[2J\\x1b]0;owned\\x07Font); printers will substitute them"
    ) in err
