"""The benchmark runs and prints well-formed lines; incremental and parallel builds.

No timing assertions here (shared machines): the benchmark is run at a tiny size only to
prove it works. Incremental: an unchanged build rebuilds nothing and imports no writer;
a changed file rebuilds exactly the outputs made from it. Parallel: ``-j 2`` writes the
same bytes as ``-j 1``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, make_project
from test_cli_errors import edit, run

from reportgen import incremental
from reportgen.build import BuildOptions, Job, build
from reportgen.incremental import CACHE_NAME

EPOCH = 1632355200
CASES = [
    "pdf-bilingual",
    "pdf-untagged",
    "pdf-edited",
    "pdf-first",
    "typst",  # only where the bench extra (the typst wheel) is installed
    "baseline-rl",
    "pdf-cold",
    "docx-bilingual",
    "docx-plain",
    "all6-j1",
    "all6-j2",
    "noop",
]
LINE = re.compile(
    rf"^({'|'.join(CASES)})\s+[\d.]+\s+\d+\s+\d+\.\d{{3}}\s+\d+\.\d{{3}}\s+\d+\.\d\s+\d+$"
)
RATIO = r"\d+\.\d\d \(\d+\.\d\d-\d+\.\d\d, cpu \d+\.\d\d, 1 pairs\)$"


@pytest.fixture(autouse=True)
def _fixed_code_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other work on reportgen's own files must not make these outputs stale mid-test."""
    monkeypatch.setattr(incremental, "code_stamp", lambda: "test")


STAMP = "import reportgen.incremental as inc; inc.code_stamp = lambda: 'test'\n"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH", "")]))
    return env


def test_bench_prints_well_formed_lines(tmp_path: Path) -> None:
    cmd = [
        sys.executable,
        str(REPO / "bench" / "run.py"),
        "--scale",
        "0.05",
        "--repeat",
        "1",
        "--keep",
        str(tmp_path / "bench"),
    ]
    done = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln and not ln.startswith("#")]
    header = ["case", "scale", "pages", "wall_s", "cpu_s", "peak_rss_MiB", "bytes"]
    assert lines[0].split() == header
    cases = [ln for ln in lines[1:] if not ln.startswith(("ratio", "scaling", "pages"))]
    expected = [c for c in CASES if c != "typst" or importlib.util.find_spec("typst")]
    assert [c.split()[0] for c in cases] == expected, done.stdout
    for ln in cases:
        assert LINE.match(ln), ln
    pdf = cases[0].split()
    assert int(pdf[2]) > 0 and int(pdf[6]) > 1000  # pages, bytes
    assert re.search(r"^ratio pdf/baseline scale 0\.05: " + RATIO, done.stdout, re.M)
    assert re.search(r"^ratio docx/python-docx scale 0\.05: " + RATIO, done.stdout, re.M)
    assert re.search(r"^ratio pdf/untagged scale 0\.05: " + RATIO, done.stdout, re.M)
    per60 = r"^pages pdf/untagged scale 0\.05: per 60 pages .* % bytes\)$"
    assert re.search(per60, done.stdout, re.M)
    if "typst" in expected:
        assert re.search(r"^ratio pdf/typst scale 0\.05: " + RATIO, done.stdout, re.M)
        assert re.search(r"^ratio edited/typst scale 0\.05: " + RATIO, done.stdout, re.M)
        assert re.search(r"^ratio first/typst scale 0\.05: " + RATIO, done.stdout, re.M)
    # the edited case's Chinese was changed before its one timed run (first mark of the cycle)
    zh = tmp_path / "bench" / "scale-0.05-edited" / "content" / "zh" / "briefing-pack.yaml"
    assert '甲甲。"' in zh.read_text(encoding="utf-8")
    # the first-build case makes its own cache (removed before each of its timed runs)
    memo = tmp_path / "bench" / "scale-0.05-first" / ".reportgen-cache"
    assert sorted(p.name.split("-")[0] for p in memo.iterdir()) == ["layout", "value"]


def test_bench_project_is_valid_and_scales() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import project as synthetic
    finally:
        sys.path.pop(0)
    small, large = synthetic.content(0.1), synthetic.content(1)
    assert set(small) == {"en", "zh", "facts"}
    assert large["facts"].count("  item-") == synthetic.PROGRAMME_ROWS
    assert len(large["zh"]) > 5 * len(small["zh"])


# --- incremental builds ----------------------------------------------------------------


def _build(root: Path, **kw: object) -> tuple[list[str], list[str]]:
    built: list[str] = []
    fresh: list[str] = []
    opts = BuildOptions(epoch=EPOCH, incremental=True, **kw)  # type: ignore[arg-type]
    build(
        root,
        opts,
        lambda j: built.append(j.path.name),
        up_to_date=lambda j: fresh.append(j.path.name),
    )
    return built, fresh


ALL = [f"briefing-pack.{e}.{f}" for e in ("en", "zh", "bilingual") for f in ("pdf", "docx")]


def test_second_build_rebuilds_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    built, fresh = _build(root)
    assert built == ALL and fresh == []
    assert (root / "build" / CACHE_NAME).is_file()
    built, fresh = _build(root)
    assert built == [] and fresh == ALL


def test_changed_zh_rebuilds_only_zh_and_bilingual(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    _build(root)
    before = {p.name: p.read_bytes() for p in (root / "build").iterdir()}
    edit(root / "content/zh/briefing-pack.yaml", "其後成為", "其後更成為")
    built, fresh = _build(root)
    assert built == [n for n in ALL if ".en." not in n]
    assert fresh == ["briefing-pack.en.pdf", "briefing-pack.en.docx"]
    after = {p.name: p.read_bytes() for p in (root / "build").iterdir()}
    assert after["briefing-pack.en.pdf"] == before["briefing-pack.en.pdf"]
    assert after["briefing-pack.zh.pdf"] != before["briefing-pack.zh.pdf"]


def test_touching_without_change_and_other_inputs(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    _build(root)
    zh = root / "content/zh/briefing-pack.yaml"
    os.utime(zh, (time.time() + 5, time.time() + 5))  # same bytes: content is hashed
    assert _build(root)[0] == []
    edit(root / "content/facts/briefing-pack.yaml", '"09:30"}', '"09:35"}')
    assert _build(root)[0] == ALL  # facts feed every edition
    edit(root / "templates/briefing-pack.xml.j2", '<spacer mm="22"/>', '<spacer mm="21"/>')
    assert _build(root)[0] == ALL
    assert _build(root, editions=["en"], formats=["pdf"])[0] == []


def test_damaged_or_missing_output_is_rebuilt(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    _build(root)
    out = root / "build"
    (out / "briefing-pack.zh.docx").unlink()
    data = bytearray((out / "briefing-pack.en.pdf").read_bytes())
    data[100] ^= 1  # same size, different bytes
    (out / "briefing-pack.en.pdf").write_bytes(bytes(data))
    built, _ = _build(root)
    # the en DOCX is rebuilt with its PDF (it takes the contents' page numbers from it)
    assert built == ["briefing-pack.en.pdf", "briefing-pack.en.docx", "briefing-pack.zh.docx"]
    (out / CACHE_NAME).write_text("{not json", encoding="utf-8")
    assert _build(root)[0] == ALL


def test_docx_alone_gets_page_numbers_from_the_cached_pdf(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    _build(root)
    out = root / "build"
    whole = (out / "briefing-pack.en.docx").read_bytes()
    (out / "briefing-pack.en.docx").unlink()
    assert _build(root, formats=["docx"])[0] == ["briefing-pack.en.docx"]
    assert (out / "briefing-pack.en.docx").read_bytes() == whole


def test_cli_up_to_date_imports_no_writer(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    first = STAMP + "from reportgen.cli import main; main(['build', '-j', '1'])\n"
    done = subprocess.run(
        [sys.executable, "-c", first],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.splitlines()[-1] == "built 6 file(s)", done.stderr
    probe = (
        STAMP + "import sys; from reportgen.cli import main\n"
        "try:\n    main(['build'])\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('reportlab', 'docx', 'jinja2', 'fontTools'))\n"
        "print('HEAVY', heavy, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert lines[:6] == [f"up to date: build/{n}" for n in ALL]
    assert lines[6] == "6 file(s) up to date; nothing to build (--force rebuilds)"
    assert lines[7] in ("HEAVY [] 0", "HEAVY [] None")
    code, out, _ = run("build", "--force", "-j", "1", "--edition", "en", cwd=root)
    assert out.splitlines() == [
        "wrote build/briefing-pack.en.pdf",
        "wrote build/briefing-pack.en.docx",
        "built 2 file(s)",
    ]


def test_bad_input_after_a_good_build_is_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    assert run("build", cwd=root)[0] == 0
    edit(root / "content/zh/briefing-pack.yaml", "  heading: 活動程序", "  heding: 活動程序")
    code, out, err = run("build", cwd=root)
    assert code == 1
    assert "error extra-key: 'programme.heding'" in err
    assert "Traceback" not in out + err


# --- parallel builds ---------------------------------------------------------------------


def test_parallel_build_writes_the_same_bytes(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out-j{jobs}"
        seen: list[Job] = []
        build(root, BuildOptions(out=out, epoch=EPOCH, jobs=jobs), seen.append)
        assert [j.path.name for j in seen] == ALL  # reported in plan order
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir() if p.name != CACHE_NAME}
    assert sorted(outputs[1]) == sorted(ALL)
    for name in ALL:
        assert outputs[1][name] == outputs[2][name], name


def test_parallel_cli_same_bytes_with_source_date_epoch(tmp_path: Path) -> None:
    root = make_project(tmp_path, "minimal")
    env = dict(_env(), SOURCE_DATE_EPOCH=str(EPOCH))
    got = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"cli-j{jobs}"
        cmd = [
            sys.executable,
            "-m",
            "reportgen.cli",
            "build",
            str(root),
            "-o",
            str(out),
            "-j",
            jobs,
        ]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "built 6 file(s)"
        got[jobs] = {p.name: p.read_bytes() for p in out.iterdir() if p.name != CACHE_NAME}
    assert got["1"] == got["2"] and len(got["1"]) == 6


def test_parallel_error_is_a_diagnostic_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, "minimal")
    from reportgen.writers import pdf

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("writer exploded")

    monkeypatch.setattr(pdf, "write_pdf", broken)  # inherited by forked workers
    code, out, err = run("build", "-j", "2", cwd=root)
    assert code == 1
    # the build carries on: each PDF fails in its worker, the DOCX files are written
    lines = err.strip().splitlines()
    assert lines[0] == "error: briefing-pack.en.pdf: RuntimeError: writer exploded"
    assert lines[-1].startswith("3 error(s); 3 file(s) written; 3 failed: briefing-pack.en.pdf")
    assert "Traceback" not in out + err


# --- watch -------------------------------------------------------------------------------


def test_watch_rebuilds_what_a_save_affects_and_survives_bad_input(tmp_path: Path) -> None:
    import signal

    root = make_project(tmp_path, "minimal")
    cmd = [
        sys.executable,
        "-c",
        STAMP + "from reportgen.cli import main; main()",
        "watch",
        "-j",
        "1",
        "--interval",
        "0.1",
    ]
    proc = subprocess.Popen(
        cmd, cwd=root, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:

        def wait_for(path: Path, old: float | None = None, timeout: float = 90) -> None:
            end = time.time() + timeout
            while time.time() < end:
                if path.exists() and (old is None or path.stat().st_mtime_ns != old):
                    return
                time.sleep(0.1)
            raise AssertionError(f"{path} not (re)built")

        out = root / "build"
        wait_for(out / CACHE_NAME)
        time.sleep(0.5)
        en = (out / "briefing-pack.en.pdf").stat().st_mtime_ns
        bil = (out / "briefing-pack.bilingual.docx").stat().st_mtime_ns
        zh = root / "content/zh/briefing-pack.yaml"
        edit(zh, "  heading: 活動程序", "  heding: 活動程序")
        time.sleep(1.5)
        edit(zh, "  heding: 活動程序", "  heading: 活動程序")
        edit(zh, "其後成為", "其後更成為")
        wait_for(out / "briefing-pack.bilingual.docx", bil)
        time.sleep(0.5)
        assert (out / "briefing-pack.en.pdf").stat().st_mtime_ns == en
    finally:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stdout + stderr
    assert "error extra-key: 'programme.heding' is not in the English file" in stderr
    assert "nothing was written; watching for changes" in stderr
    lines = stdout.splitlines()
    assert lines[0].startswith("watching ")
    assert "rebuilt 6 file(s)" in lines[7]
    rebuilt = [ln for ln in lines[8:] if ln.startswith("wrote ")]
    assert rebuilt == [
        f"wrote build/briefing-pack.{e}.{f}" for e in ("zh", "bilingual") for f in ("pdf", "docx")
    ]
    assert lines[-1] == "stopped"
