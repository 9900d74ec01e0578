"""Never lose a good output: failures while writing, killed processes, concurrent builds."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import make_project
from pypdf import PdfReader
from test_cli_errors import edit, run

from reportgen import atomic
from reportgen.errors import BuildError

BACKGROUND = (
    "    - |-\n      The Hong Kong/Sichuan co-operation mechanism was established in May 2018. "
    "AT&T R&D <b>not bold</b> x<y and 1<2.\n"
)
REPORTGEN = [sys.executable, "-m", "reportgen.cli"]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """The outputs in ``folder`` (not the build cache, .reportgen-cache.json)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def assert_valid_outputs(folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        if path.suffix == ".pdf":
            reader = PdfReader(path, strict=True)
            assert len(reader.pages) > 0, path.name
        elif path.suffix == ".docx":
            assert docx.Document(str(path)).paragraphs, path.name


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = make_project(tmp_path, "minimal")
    code, _, err = run("build", cwd=root)
    assert code == 0, err
    return root


def _change_content(root: Path) -> None:
    edit(root / "content/en/briefing-pack.yaml", "May 2018.", "May 2018, and changed.")


# --- failures injected while writing -------------------------------------------------------


@pytest.mark.parametrize("victim", ["replace", "fsync", "write"])
def test_failure_while_writing_keeps_old_output(
    built: Path, monkeypatch: pytest.MonkeyPatch, victim: str
) -> None:
    out = built / "build"
    before = snapshot(out)
    _change_content(built)
    calls = {"n": 0}

    def boom(*args: object, **kwargs: object) -> None:
        calls["n"] += 1
        raise OSError(28, "No space left on device")

    # the user cache (fonts, templates, verdicts) writes its entries the same way, into
    # its own folder: only writes into the output folder fail here, and are counted
    inside = out.resolve()
    writing: set[int] = set()
    real_mkstemp = atomic.tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        if Path(name).resolve().parent == inside:
            writing.add(fd)
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    if victim == "write":
        real_fdopen = os.fdopen

        class Half:
            def __init__(self, fh):  # type: ignore[no-untyped-def]
                self.fh = fh

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> None:
                self.fh.write(data[: len(data) // 2])
                boom()

        monkeypatch.setattr(  # only the output's writes fail: inputs are read through it too
            atomic.os,
            "fdopen",
            lambda fd, mode: (
                Half(real_fdopen(fd, mode)) if fd in writing else real_fdopen(fd, mode)
            ),
        )
    elif victim == "replace":
        real_replace = os.replace
        monkeypatch.setattr(
            atomic.os,
            "replace",
            lambda src, dst: (
                boom() if Path(dst).resolve().parent == inside else real_replace(src, dst)
            ),
        )
    else:
        monkeypatch.setattr(atomic.os, victim, boom)
    code, out_text, err = run("build", cwd=built)
    assert code == 1
    assert calls["n"] == 1
    assert "Traceback" not in out_text + err and "internal error" not in err
    assert err.strip().splitlines()[-1].startswith("error: cannot write ")
    assert err.strip().endswith("briefing-pack.en.pdf: No space left on device")
    assert snapshot(out) == before
    assert temp_files(out) == []


def test_writer_failure_keeps_old_output(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = built / "build"
    before = snapshot(out)
    _change_content(built)
    from reportgen.writers import pdf

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    code, _, err = run("build", cwd=built)
    assert code == 1
    # the build carries on: every PDF fails, the DOCX files are written, the last line says so
    assert err.strip().splitlines() == [
        "error: briefing-pack.en.pdf: RuntimeError: writer exploded",
        "error: briefing-pack.bilingual.pdf: RuntimeError: writer exploded",
        "2 error(s); 2 file(s) written; 2 failed: "
        "briefing-pack.en.pdf, briefing-pack.bilingual.pdf",
    ]
    after = snapshot(out)
    pdfs = [name for name in before if name.endswith(".pdf")]
    assert pdfs and all(after[name] == before[name] for name in pdfs)
    assert temp_files(out) == []


def test_interrupt_while_writing_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_unwritable_folder_is_a_build_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(BuildError, match=r"^cannot write .*file/out\.pdf: "):
        atomic.write_bytes(tmp_path / "file" / "out.pdf", b"x")


# --- stale temp files ----------------------------------------------------------------------


def test_stale_temp_files_are_cleaned_only_when_ours_and_old(tmp_path: Path) -> None:
    old = time.time() - 3600
    ours_old = tmp_path / ".briefing-pack.en.pdf.ab_12cd9.tmp"
    ours_new = tmp_path / ".briefing-pack.en.docx.zz_12cd9.tmp"
    not_ours = [
        tmp_path / "notes.tmp",
        tmp_path / ".x.tmp",
        tmp_path / ".a.pdf.TOOLONG12.tmp",
        tmp_path / "briefing-pack.en.pdf",
    ]
    for p in [ours_old, ours_new, *not_ours]:
        p.write_bytes(b"x")
        if p is not ours_new:
            os.utime(p, (old, old))
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()
    os.utime(tmp_path / ".dir.abcdefgh.tmp", (old, old))
    atomic._cleaned.discard(tmp_path.resolve())
    atomic.write_bytes(tmp_path / "out.pdf", b"new")
    names = {p.name for p in tmp_path.iterdir()}
    assert ours_old.name not in names
    assert ours_new.name in names  # may belong to a build running now
    assert {p.name for p in not_ours} <= names
    assert ".dir.abcdefgh.tmp" in names
    assert (tmp_path / "out.pdf").read_bytes() == b"new"


# --- killed processes and concurrent builds (real subprocesses) ----------------------------


def set_background(root: Path, lang: str, paragraphs: list[str]) -> None:
    """Replace the background paragraphs of the minimal project in one language."""
    path = root / f"content/{lang}/briefing-pack.yaml"
    text = path.read_text(encoding="utf-8")
    items = "".join(f"    - {json.dumps(p, ensure_ascii=False)}\n" for p in paragraphs)
    new, n = re.subn(
        r"(?m)(^background:\n  heading: .*\n  paragraphs:\n)(    - .*\n(      .*\n)*)",
        lambda m: m.group(1) + items,
        text,
    )
    assert n == 1
    path.write_text(new, encoding="utf-8")


def _large_project(tmp_path: Path, paragraphs: int) -> Path:
    root = make_project(tmp_path, "minimal")
    words = (
        "Co-operation between Hong Kong and Sichuan covers trade, finance, innovation, "
        "tourism and culture, with officials meeting every year to review progress. "
    )
    zh = "港川兩地在經貿、金融、創新科技、旅遊及文化等範疇合作，每年舉行會議檢視進展。"
    set_background(root, "en", [f"{i}. " + words * 6 for i in range(paragraphs)])
    set_background(root, "zh", [f"{i}. " + zh * 6 for i in range(paragraphs)])
    return root


def _env() -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1632355200")
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH", "")]))
    return env


def test_killed_build_leaves_old_or_complete_new_files(tmp_path: Path) -> None:
    root = _large_project(tmp_path, 80)
    out = root / "build"
    args = [*REPORTGEN, "build", "-q", "--edition", "en", "--edition", "bilingual"]
    subprocess.run(args, cwd=root, env=_env(), check=True, timeout=120)
    first = snapshot(out)
    assert len(first) == 4
    edit(root / "content/en/briefing-pack.yaml", "0. Co-operation", "0. Changed co-operation")
    seen_states: set[str] = set()
    for delay in (0.25, 0.6, 1.1, 1.6):  # the first lands early even on a fast machine
        proc = subprocess.Popen(
            args, cwd=root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert_valid_outputs(out)
        leftovers = temp_files(out)
        assert all(atomic.temp_pattern_matches(name) for name in leftovers)
        now = snapshot(out)
        assert set(now) - set(leftovers) == set(first)
        for name, data in first.items():
            seen_states.add("old" if now[name] == data else "new")
        # whatever a killed run left behind is removed by the next build once stale
        for name in leftovers:
            os.utime(out / name, (time.time() - 3600,) * 2)
    subprocess.run(args, cwd=root, env=_env(), check=True, timeout=120)
    assert temp_files(out) == []
    assert_valid_outputs(out)
    assert "old" in seen_states  # a kill did land while building
    _assert_no_processes_left_in(root)


def _processes_in(folder: Path) -> list[int]:
    """Process ids whose working directory is ``folder`` (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if proc.joinpath("cwd").resolve() == folder.resolve():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _assert_no_processes_left_in(folder: Path) -> None:
    """Workers of a killed build exit once their parent is gone (within about a second)."""
    if not Path("/proc/self/cwd").exists():
        return
    deadline = time.monotonic() + 10
    while _processes_in(folder) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_in(folder) == []


def test_two_builds_into_one_folder_at_once(tmp_path: Path) -> None:
    root = _large_project(tmp_path, 60)
    args = [*REPORTGEN, "build", "-q"]
    procs = [
        subprocess.Popen(
            args, cwd=root, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    out = root / "build"
    assert temp_files(out) == []
    assert len(snapshot(out)) == 6
    assert_valid_outputs(out)
