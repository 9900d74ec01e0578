# ruff: noqa: E501, B023, B905
"""The reportgen benchmark: wall time, peak memory and size of real ``reportgen build`` runs.

    .venv/bin/python bench/run.py [--scale 1 10] [--repeat 3] [--keep DIR]

For each scale it writes a synthetic bilingual briefing pack (``bench/project.py``: at
scale 1 about 60 A4 pages with a 30-row programme table), then times, in a fresh
subprocess each time (so imports and font parsing count), each case:

* ``pdf-bilingual``   ``reportgen build P --edition bilingual --format pdf --force``
* ``docx-bilingual``  ``reportgen build P --edition bilingual --format docx --force``
* ``baseline-rl``     ``bench/baseline_reportlab.py``: bare reportlab platypus, same text,
                      same fonts, no pipeline (no contents, bookmarks or page totals)
* ``all6-j1``, ``all6-j2``  every output (en, zh, bilingual × PDF, DOCX) with ``--force``,
                      serially and on 2 processes (pages and bytes are totals)
* ``noop``            ``reportgen build`` again with nothing changed (nothing is rebuilt)

and prints one line per case and scale::

    case  scale  pages  wall_s(median)  peak_rss_MiB  bytes

followed by ``ratio pdf/baseline`` per scale and ``scaling`` (time at the largest scale
over time at the smallest, against the page ratio). Peak RSS is the child's own
``ru_maxrss`` from ``os.wait4``. Timings vary with load: other processes on the same
cores inflate them, hence the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import project as synthetic  # noqa: E402

_PAGE = re.compile(rb"/Type\s*/Page\b")


def reportgen_command() -> list[str]:
    """The installed ``reportgen`` console script next to this Python, else ``-c``."""
    script = Path(sys.executable).with_name("reportgen")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from reportgen.cli import main; sys.exit(main())"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run ``cmd``; return (wall seconds, peak RSS MiB, stdout). Raise on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr}{stdout}")
    rss_kib = usage.ru_maxrss  # KiB on Linux
    return wall, rss_kib / 1024, stdout


def pages(path: Path) -> int:
    if path.suffix == ".pdf":
        return len(_PAGE.findall(path.read_bytes()))
    return 0  # DOCX pages are decided by Word; reported as 0


def bench_scale(
    scale: float, repeat: int, work: Path, all_cases: bool = True
) -> list[dict[str, object]]:
    root = synthetic.make(work / f"scale-{scale:g}", scale)
    out = root / "build"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1632355200")
    env.pop("REPORTGEN_DEBUG", None)
    rg = reportgen_command() + ["build"]
    bilingual = rg + [str(root), "-o", str(out), "-q", "--force", "-j", "1"]
    bilingual += ["--edition", "bilingual", "--format"]
    cases = [
        ("pdf-bilingual", bilingual + ["pdf"], out / "briefing-pack.bilingual.pdf"),
        ("docx-bilingual", bilingual + ["docx"], out / "briefing-pack.bilingual.docx"),
        (
            "baseline-rl",
            [
                sys.executable,
                str(HERE / "baseline_reportlab.py"),
                str(root),
                str(work / f"baseline-{scale:g}.pdf"),
            ],
            work / f"baseline-{scale:g}.pdf",
        ),
    ]
    if all_cases:
        every = rg + [str(root), "-o", str(root / "all"), "-q"]
        cases += [
            ("all6-j1", every + ["--force", "-j", "1"], root / "all"),
            ("all6-j2", every + ["--force", "-j", "2"], root / "all"),
            ("noop", every, root / "all"),  # nothing changed since all6-j2: nothing rebuilt
        ]
    rows = []
    for name, cmd, target in cases:
        walls, rss = [], []
        for _ in range(repeat):
            wall, peak, _ = run(cmd, env)
            walls.append(wall)
            rss.append(peak)
        if target.is_dir():
            files = [f for f in target.iterdir() if not f.name.startswith(".")]
            npages, size = sum(pages(f) for f in files), sum(f.stat().st_size for f in files)
        else:
            npages, size = pages(target), target.stat().st_size
        rows.append(
            {
                "case": name,
                "scale": scale,
                "pages": npages,
                "wall": statistics.median(walls),
                "rss": max(rss),
                "bytes": size,
                "walls": walls,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, nargs="+", default=[1.0, 10.0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    ap.add_argument(
        "--only-bilingual",
        action="store_true",
        help="skip the all-outputs cases (all6-j1, all6-j2, noop)",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="also print every timing")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(
            f"# reportgen bench: {os.cpu_count()} cpu(s), repeat {args.repeat}, python "
            f"{sys.version.split()[0]}, fonts {synthetic.FONTS}"
        )
        print(f"{'case':<16}{'scale':>6}{'pages':>7}{'wall_s':>9}{'peak_rss_MiB':>14}{'bytes':>11}")
        by_scale: dict[float, dict[str, dict[str, object]]] = {}
        for scale in args.scale:
            for row in bench_scale(scale, args.repeat, work, not args.only_bilingual):
                by_scale.setdefault(scale, {})[str(row["case"])] = row
                print(
                    f"{row['case']:<16}{scale:>6g}{row['pages']:>7}{row['wall']:>9.3f}"
                    f"{row['rss']:>14.1f}{row['bytes']:>11}",
                    flush=True,
                )
                if args.verbose:
                    print("#   " + " ".join(f"{w:.3f}" for w in row["walls"]))  # type: ignore[union-attr]
        for scale, cases in by_scale.items():
            pdf, base = cases["pdf-bilingual"], cases["baseline-rl"]
            print(f"ratio pdf/baseline scale {scale:g}: {pdf['wall'] / base['wall']:.2f}")  # type: ignore[operator]
        if len(by_scale) > 1:
            lo, hi = min(by_scale), max(by_scale)
            for case in ("pdf-bilingual", "docx-bilingual", "baseline-rl"):
                a, b = by_scale[lo][case], by_scale[hi][case]
                print(
                    f"scaling {case} {lo:g}->{hi:g}: time x{b['wall'] / a['wall']:.2f}"  # type: ignore[operator]
                    f" for pages x{(b['pages'] or hi) / (a['pages'] or lo):.2f}"
                )  # type: ignore[operator]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
