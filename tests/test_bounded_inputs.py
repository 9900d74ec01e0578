# ruff: noqa: E501 - exact diagnostic lines are clearer unbroken
"""Bounded everything (issue 15): special files, escapes, a damaged cache, a bad
SOURCE_DATE_EPOCH, outputs over inputs, control characters on the terminal, and
``check`` linear in the number of unknown keys."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, make_project
from test_cli_errors import edit, run

from reportgen.build import BuildOptions
from reportgen.errors import ReportgenError
from reportgen.loader import load_yaml
from reportgen.watch import Watcher

EN = "content/en/briefing-pack.yaml"
BUILD_EN = ("build", "--format", "pdf", "--edition", "en")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return make_project(tmp_path, "minimal")


class Hung(BaseException):
    """Not an OSError (TimeoutError is one, and the code under test catches those)."""


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (the old code waited on a FIFO forever): ``Hung`` is raised
    after ``seconds`` and every second after that, until the block ends."""

    def expired(*_: object) -> None:
        raise Hung(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# --- special files --------------------------------------------------------------------------


def test_fifo_content_file_refused(minimal: Path) -> None:
    (minimal / EN).unlink()
    os.mkfifo(minimal / EN)
    with deadline(30):
        code, out, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/en/briefing-pack.yaml: error unsafe-path: this is a FIFO (named pipe), not a "
        "file; save the content as a regular file"
    )
    with deadline(30):
        code, _, err = run(*BUILD_EN, cwd=minimal)
    assert code == 1 and "Traceback" not in err
    assert not (minimal / "build/briefing-pack.en.pdf").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_symlink_refused(minimal: Path) -> None:
    (minimal / EN).unlink()
    os.symlink("/dev/zero", minimal / EN)
    with deadline(30):
        code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert err.splitlines()[0] == (
        "content/en/briefing-pack.yaml: error unsafe-path: this is a device, not a file; "
        "save the content as a regular file"
    )


def test_size_limit_applied_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit holds for what is read, whatever stat said before."""
    from reportgen import loader, safe_read

    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: " + b"x" * 100)
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 50)
    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr(safe_read.os, "fstat", small_fstat)
    _, diags = load_yaml(path)
    assert [d.format(tmp_path) for d in diags] == [
        "x.yaml: error limit: file is 51 bytes; the limit is 50: split the document"
    ]


# --- escapes ----------------------------------------------------------------------------------


def test_escape_beyond_unicode_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('a: ok\nb: "x \\U00110000"\n', encoding="utf-8")
    src, diags = load_yaml(path)
    assert src is None
    assert [d.format(tmp_path) for d in diags] == [
        "x.yaml:2:7: error yaml-syntax: an escape names a character beyond U+10FFFF, the last "
        "in Unicode; fix the escape"
    ]


def test_escape_beyond_unicode_does_not_end_watch(minimal: Path) -> None:
    edit(minimal / EN, "  title: Briefing Pack", '  title: "\\U00110000"')
    failures: list[ReportgenError] = []
    watcher = Watcher(
        minimal,
        BuildOptions(formats=["pdf"], editions=["en"], incremental=True),
        wrote=lambda job: None,
        summary=lambda text: None,
        failed=failures.append,
    )
    assert watcher.rebuild() is False
    assert [d.format(minimal) for d in failures[0].diagnostics] == [
        "content/en/briefing-pack.yaml:3:11: error yaml-syntax: an escape names a character "
        "beyond U+10FFFF, the last in Unicode; fix the escape"
    ]
    edit(minimal / EN, '  title: "\\U00110000"', "  title: Briefing Pack")
    assert watcher.rebuild() is True


# --- the build cache --------------------------------------------------------------------------

CACHE = "build/.reportgen-cache.json"
DAMAGED = "build/.reportgen-cache.json: warning build: the build cache is damaged"
DISCARDED = "; it was discarded: everything is rebuilt"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "maximum recursion depth exceeded"),
        (
            '{"format": 1, "outputs": {"briefing-pack.en.pdf": {"key": "k", "size": 1, "sha256": "s", "anchors": {"a": "b"}}}}',
            "its entries are not what reportgen writes",
        ),
        (
            '{"format": 1, "outputs": {"briefing-pack.en.pdf": [1]}}',
            "its entries are not what reportgen writes",
        ),
        ('{"format": 1, "outputs": []}', "its entries are not what reportgen writes"),
        ("\x00\xff garbage", "Expecting value"),
        ("[1, 2]", "not a reportgen build cache of this version"),
    ],
)
def test_damaged_cache_is_discarded_with_a_note(minimal: Path, content: str, reason: str) -> None:
    assert run(*BUILD_EN, cwd=minimal)[0] == 0
    (minimal / CACHE).write_bytes(content.encode("utf-8", "surrogateescape"))
    code, out, err = run(*BUILD_EN, cwd=minimal)
    assert code == 0, err
    assert err.splitlines()[0] == "1 warning(s):"
    [line] = err.splitlines()[1:]
    assert line.startswith(DAMAGED + " (") and reason in line and line.endswith(DISCARDED)
    assert out.splitlines() == ["wrote build/briefing-pack.en.pdf", "built 1 file(s)"]
    code, out, err = run(*BUILD_EN, cwd=minimal)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "up to date: build/briefing-pack.en.pdf"


def test_cache_that_is_a_fifo_does_not_hang(minimal: Path) -> None:
    (minimal / "build").mkdir()
    os.mkfifo(minimal / CACHE)
    with deadline(30):
        code, _, err = run(*BUILD_EN, cwd=minimal)
    assert code == 0, err
    assert err.splitlines() == [
        "1 warning(s):",
        f"{DAMAGED} (it is a FIFO (named pipe)){DISCARDED}",
    ]


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "1e9", "-1", "12 34", "99999999999999999999", "\x1b[31m"])
def test_bad_source_date_epoch_is_a_usage_error(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, out, err = run(*BUILD_EN, cwd=minimal)
    assert code == 2
    assert err.splitlines() == [
        f"usage error: SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970 up "
        "to 253402300799 (e.g. 1632355200); fix it or unset it"
    ]
    assert "\x1b" not in err
    assert not (minimal / "build").exists()


# --- outputs never written over inputs ----------------------------------------------------------


def test_out_into_attachments_refused(minimal: Path) -> None:
    code, _, err = run("build", "-o", "attachments", cwd=minimal)
    assert code == 2
    assert err.splitlines() == [
        "usage error: --out attachments is inside the project's attachments/ folder, which "
        "holds its inputs; write the outputs elsewhere (the default is build/)"
    ]


def test_output_never_written_over_an_attached_pdf(tmp_path: Path) -> None:
    root = make_project(tmp_path, "pack")
    (root / "scans").mkdir()
    attached = root / "scans/annex-pack.en.pdf"
    shutil.copy2(REPO / "attachments/signed-scan-sample.pdf", attached)
    edit(
        root / "reportgen.yaml",
        "pdf: attachments/signed-scan-sample.pdf",
        "pdf: scans/annex-pack.en.pdf",
    )
    before = attached.read_bytes()
    code, _, err = run("build", "--doc", "annex-pack", "--edition", "en", "-o", "scans", cwd=root)
    assert code == 2
    assert err.splitlines() == [
        f"usage error: annex-pack.en.pdf would be written over an input of the project "
        f"({Path('scans/annex-pack.en.pdf')}); write the outputs elsewhere (the default is build/)"
    ]
    assert attached.read_bytes() == before


# --- the terminal -----------------------------------------------------------------------------


def test_control_characters_from_files_are_escaped(minimal: Path) -> None:
    edit(minimal / EN, "short_title:", "ti\u202etle: x\nshort_title:")
    code, _, err = run("check", cwd=minimal)
    assert code == 1
    assert "\u202e" not in err
    assert (
        "content/en/briefing-pack.yaml:1:1: error schema: unknown key 'ti\\u202etle'; "
        "allowed: short_title"
    ) in err
    code, out, _ = run("check", "--format", "json", cwd=minimal)
    assert "\u202e" not in out and "ti\\u202etle" in out


# --- check is linear in unknown keys ------------------------------------------------------------


def test_check_is_linear_in_unknown_keys(minimal: Path) -> None:
    """50k unknown keys: under 10 s of CPU (the old code took 15 s for 8k: quadratic)."""
    path = minimal / EN
    path.write_text(
        path.read_text(encoding="utf-8") + "".join(f"unknown{i}: v\n" for i in range(50_000)),
        encoding="utf-8",
    )
    start = time.process_time()
    code, _, err = run("check", cwd=minimal)
    took = time.process_time() - start
    assert code == 1
    lines = err.splitlines()
    # one line per unknown key and the summary: the Chinese file is not also told that it
    # lacks each of them (translation.source_typo_filter)
    assert len(lines) == 50_001
    assert not any("missing-key" in line for line in lines)
    assert lines[0].startswith(
        "content/en/briefing-pack.yaml:45:1: error schema: unknown key 'unknown0'"
    )
    assert took < 10, f"check took {took:.1f} s of CPU for 50k unknown keys"
