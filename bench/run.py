# ruff: noqa: E501, B023, B905
"""The reportgen benchmark: wall time, CPU, peak memory and size of real ``reportgen build``
runs, each beside its peer measured in the same run.

    .venv/bin/python bench/run.py [--scale 1 10] [--repeat 3] [--keep DIR] [--only-bilingual]

For each scale it writes a synthetic bilingual briefing pack (``bench/project.py``: at
scale 1 about 50 A4 pages with a 30-row programme table), then runs, in a fresh
subprocess each time (so imports and font parsing count), each case:

* ``pdf-bilingual``   ``reportgen build P --edition bilingual --format pdf --force``
                      (font cache warm and bytecode written: one untimed run first;
                      ``PYTHONDONTWRITEBYTECODE`` is dropped for every case)
* ``pdf-untagged``    ``pdf-bilingual`` of the same project with ``pdf: {standard: none,
                      tagged: false}``: what tagging and PDF/A cost (time and bytes per 60
                      pages: the ``pages pdf/untagged`` line)
* ``typst``           ``bench/typst_peer.py``: the same text as an equivalent Typst
                      document (side by side, contents, bookmarks, Page X of Y, same
                      fonts), compiled by the ``typst`` wheel (skipped, with a note, when
                      the ``bench`` extra is not installed)
* ``baseline-rl``     ``bench/baseline_reportlab.py``: bare reportlab platypus, same text,
                      same fonts, one table per block pair, no pipeline (no contents,
                      bookmarks or page totals)
* ``pdf-cold``        ``pdf-bilingual`` with ``REPORTGEN_NO_CACHE=1`` (fonts parsed)
* ``pdf-edited``      ``pdf-bilingual`` on a copy whose Chinese ``intro`` is changed before
                      every run (the edited document's checks run again; fonts cached)
* ``pdf-first``       ``pdf-bilingual`` on a copy whose own ``.reportgen-cache`` (value
                      findings, laid-out paragraphs) is removed before every run: a
                      project's first build (the user cache warm)
* ``docx-bilingual``  ``reportgen build P --edition bilingual --format docx --force``
* ``docx-plain``      ``bench/docx_peer.py``: plain python-docx writing the same text
* ``all6-j1``, ``all6-j2``  every output (en, zh, bilingual × PDF, DOCX) with ``--force``,
                      serially and on 2 processes (pages and bytes are totals)
* ``noop``            ``reportgen build`` again with nothing changed (nothing is rebuilt)
* ``pdf-before``      with ``--before DIR``: ``pdf-bilingual`` by the reportgen whose
                      ``src`` is ``DIR`` (``git archive main src | tar -x -C /tmp/before``)

Runs are paired: each round runs every case once, in that order (A B A B ...), so a
case and its peer see the same load. One line per case and scale::

    case  scale  pages  wall_s  cpu_s  peak_rss_MiB  bytes

(medians over the rounds; cpu is the child's user + system time), then, per scale and
pair, the median of the per-round ratios with their range (the noise), e.g.
``ratio pdf/typst scale 1: 1.43 (1.31-1.60, cpu 1.52, 5 pairs)``, and ``scaling`` (time
at the largest scale over the smallest, against the page ratio). Peak RSS is the child's
own ``ru_maxrss`` from ``os.wait4``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
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


def reportgen_command() -> list[str]:
    """The installed ``reportgen`` console script next to this Python, else ``-c``."""
    script = Path(sys.executable).with_name("reportgen")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from reportgen.cli import main; sys.exit(main())"]


PAIRS = (
    ("pdf-bilingual", "pdf-untagged"),
    ("pdf-bilingual", "typst"),
    ("pdf-edited", "typst"),
    ("pdf-first", "typst"),
    ("pdf-bilingual", "baseline-rl"),
    ("pdf-bilingual", "pdf-before"),
    ("docx-bilingual", "docx-plain"),
)
RATIO_NAMES = {
    "pdf-untagged": "pdf/untagged",
    "typst": "pdf/typst",
    "baseline-rl": "pdf/baseline",
    "pdf-before": "pdf/before",
    "docx-plain": "docx/python-docx",
}


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Run ``cmd``; return (wall s, CPU s, peak RSS MiB, stdout). Raise on failure."""
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
    return wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024, stdout


class ValueEditor:
    """Changes the ``intro`` value of a content file to a new text at every call: two
    cyclic characters (甲子, 乙子, ...) before its closing full stop."""

    CYCLE = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"

    def __init__(self, path: Path) -> None:
        self.path, self.count = path, 0
        self.lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        self.at = next(i for i, t in enumerate(self.lines) if t.startswith("  intro:"))

    def next(self) -> None:
        n, c = self.count, self.CYCLE
        self.count += 1
        mark = c[n % len(c)] + c[(n // len(c)) % len(c)]
        lines = list(self.lines)
        lines[self.at] = lines[self.at].replace('。"', mark + '。"', 1)
        self.path.write_text("".join(lines), encoding="utf-8")


def pages(path: Path) -> int:
    """Pages of a PDF (page objects may sit in compressed object streams: read the tree)."""
    if path.suffix == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    return 0  # DOCX pages are decided by Word; reported as 0


def bench_scale(
    scale: float, repeat: int, work: Path, all_cases: bool = True, before: Path | None = None
) -> list[dict[str, object]]:
    root = synthetic.make(work / f"scale-{scale:g}", scale)
    out = root / "build"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1632355200")
    env.pop("REPORTGEN_DEBUG", None)
    env.pop("REPORTGEN_NO_CACHE", None)
    # bytecode written and used, as for an installed package (pip compiles it): with
    # PYTHONDONTWRITEBYTECODE set, an editable install recompiles every module per run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold = dict(env, REPORTGEN_NO_CACHE="1")
    rg = reportgen_command() + ["build"]
    bilingual = rg + [str(root), "-o", str(out), "-q", "--force", "-j", "1"]
    bilingual += ["--edition", "bilingual", "--format"]
    py = [sys.executable]
    peer = lambda name, suffix: work / f"{name}-{scale:g}.{suffix}"  # noqa: E731
    plain = synthetic.make(work / f"scale-{scale:g}-untagged", scale, synthetic.UNTAGGED)
    untagged = rg + [str(plain), "-o", str(plain / "build"), "-q", "--force", "-j", "1"]
    untagged += ["--edition", "bilingual", "--format", "pdf"]
    cases: list[tuple[str, list[str], Path, dict[str, str]]] = [
        ("pdf-bilingual", bilingual + ["pdf"], out / "briefing-pack.bilingual.pdf", env),
        ("pdf-untagged", untagged, plain / "build" / "briefing-pack.bilingual.pdf", env),
    ]
    # pdf-edited: a copy of the project with one Chinese value changed before every run, as
    # when a user edits and rebuilds: the checks of that document run again (their cached
    # passes no longer match), the parsed fonts and compiled templates are still cached
    edited = synthetic.make(work / f"scale-{scale:g}-edited", scale)
    edit_cmd = rg + [str(edited), "-o", str(edited / "build"), "-q", "--force", "-j", "1"]
    edit_cmd += ["--edition", "bilingual", "--format", "pdf"]
    cases.append(("pdf-edited", edit_cmd, edited / "build" / "briefing-pack.bilingual.pdf", env))
    # pdf-first: a copy whose own .reportgen-cache (value findings, laid-out paragraphs) is
    # removed before every run: a project's first build, the user cache (fonts, templates,
    # verdicts) warm
    first = synthetic.make(work / f"scale-{scale:g}-first", scale)
    first_cmd = rg + [str(first), "-o", str(first / "build"), "-q", "--force", "-j", "1"]
    first_cmd += ["--edition", "bilingual", "--format", "pdf"]
    cases.append(("pdf-first", first_cmd, first / "build" / "briefing-pack.bilingual.pdf", env))
    if before is not None:  # another reportgen's source tree, e.g. `git archive main src`
        # as its console script starts it: entry.run (prompt exit) where the tree has it
        start = "from reportgen.cli import main; sys.exit(main())"
        if (before / "reportgen" / "entry.py").is_file():
            start = "from reportgen.entry import run; run()"
        code = f"import sys; sys.path.insert(0, {str(before)!r}); {start}"
        old = [
            sys.executable,
            "-c",
            code,
            "build",
            str(root),
            "-o",
            str(work / f"before-{scale:g}"),
        ]
        old += ["-q", "--force", "-j", "1", "--edition", "bilingual", "--format", "pdf"]
        cases.append(
            ("pdf-before", old, work / f"before-{scale:g}" / "briefing-pack.bilingual.pdf", env)
        )
    if importlib.util.find_spec("typst") is not None:
        typst_cmd = py + [str(HERE / "typst_peer.py"), str(root), str(peer("typst", "pdf"))]
        cases.append(("typst", typst_cmd, peer("typst", "pdf"), env))
    else:
        print("# typst: not installed (pip install -e '.[bench]'): case skipped", flush=True)
    base_cmd = py + [str(HERE / "baseline_reportlab.py"), str(root), str(peer("baseline", "pdf"))]
    docx_cmd = py + [str(HERE / "docx_peer.py"), str(root), str(peer("docx-plain", "docx"))]
    cases += [
        ("baseline-rl", base_cmd, peer("baseline", "pdf"), env),
        ("pdf-cold", bilingual + ["pdf"], out / "briefing-pack.bilingual.pdf", cold),
        ("docx-bilingual", bilingual + ["docx"], out / "briefing-pack.bilingual.docx", env),
        ("docx-plain", docx_cmd, peer("docx-plain", "docx"), env),
    ]
    if all_cases:
        every = rg + [str(root), "-o", str(root / "all"), "-q"]
        cases += [
            ("all6-j1", every + ["--force", "-j", "1"], root / "all", env),
            ("all6-j2", every + ["--force", "-j", "2"], root / "all", env),
            ("noop", every, root / "all", env),  # nothing changed since all6-j2: nothing rebuilt
        ]
    editor = ValueEditor(edited / "content" / "zh" / "briefing-pack.yaml")
    for name, cmd, _target, case_env in cases:  # untimed: bytecode, font cache, file cache
        if name in (
            "pdf-bilingual",
            "pdf-untagged",
            "docx-bilingual",
            "pdf-before",
            "pdf-edited",
            "pdf-first",
        ):
            run(cmd, case_env)
    walls: dict[str, list[float]] = {name: [] for name, *_ in cases}
    cpus: dict[str, list[float]] = {name: [] for name, *_ in cases}
    rss: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for _ in range(repeat):  # paired: every case once per round, A B A B ...
        for name, cmd, _target, case_env in cases:
            if name == "pdf-edited":
                editor.next()  # in this process, before the child starts: not timed
            if name == "pdf-first":
                shutil.rmtree(first / ".reportgen-cache", ignore_errors=True)  # not timed
            wall, cpu, peak, _ = run(cmd, case_env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            rss[name].append(peak)
    rows = []
    for name, _cmd, target, _env in cases:
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
                "wall": statistics.median(walls[name]),
                "cpu": statistics.median(cpus[name]),
                "rss": max(rss[name]),
                "bytes": size,
                "walls": walls[name],
                "cpus": cpus[name],
            }
        )
    return rows


def ratios(cases: dict[str, dict[str, object]], a: str, b: str) -> str | None:
    """'median (min-max, cpu median, N pairs)' of the per-round ratios a/b."""
    if a not in cases or b not in cases:
        return None
    wa, wb = cases[a]["walls"], cases[b]["walls"]
    ca, cb = cases[a]["cpus"], cases[b]["cpus"]
    walls = [x / y for x, y in zip(wa, wb)]  # type: ignore[call-overload]
    cpus = [x / y for x, y in zip(ca, cb)]  # type: ignore[call-overload]
    return (
        f"{statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f},"
        f" cpu {statistics.median(cpus):.2f}, {len(walls)} pairs)"
    )


def per_60_pages(scale: float, tagged: dict[str, object], plain: dict[str, object]) -> str:
    """Time and bytes per 60 pages, tagged PDF/A against plain PDF."""
    t = 60 / max(int(tagged["pages"]), 1)  # type: ignore[call-overload]
    p = 60 / max(int(plain["pages"]), 1)  # type: ignore[call-overload]
    tw, pw = float(tagged["wall"]) * t, float(plain["wall"]) * p  # type: ignore[arg-type]
    tb, pb = int(tagged["bytes"]) * t, int(plain["bytes"]) * p  # type: ignore[call-overload]
    return (
        f"pages pdf/untagged scale {scale:g}: per 60 pages {tw:.2f} s / {pw:.2f} s"
        f" ({(tw / pw - 1) * 100:+.1f} % time), {tb / 1000:.0f} KB / {pb / 1000:.0f} KB"
        f" ({(tb / pb - 1) * 100:+.1f} % bytes)"
    )


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
    ap.add_argument(
        "--before",
        type=Path,
        help="also time the bilingual PDF by the reportgen in this src/ folder (pdf-before)",
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
        print(
            f"{'case':<16}{'scale':>6}{'pages':>7}{'wall_s':>9}{'cpu_s':>8}{'peak_rss_MiB':>14}"
            f"{'bytes':>11}"
        )
        by_scale: dict[float, dict[str, dict[str, object]]] = {}
        for scale in args.scale:
            rows = bench_scale(scale, args.repeat, work, not args.only_bilingual, args.before)
            for row in rows:
                by_scale.setdefault(scale, {})[str(row["case"])] = row
                print(
                    f"{row['case']:<16}{scale:>6g}{row['pages']:>7}{row['wall']:>9.3f}"
                    f"{row['cpu']:>8.3f}{row['rss']:>14.1f}{row['bytes']:>11}",
                    flush=True,
                )
                if args.verbose:
                    print("#   " + " ".join(f"{w:.3f}" for w in row["walls"]))  # type: ignore[union-attr]
                    print("#   cpu " + " ".join(f"{w:.3f}" for w in row["cpus"]))  # type: ignore[union-attr]
        for scale, cases in by_scale.items():
            for a, b in PAIRS:
                text = ratios(cases, a, b)
                if text:
                    label = RATIO_NAMES[b]
                    if a != "pdf-bilingual" and b == "typst":
                        label = a.removeprefix("pdf-") + "/typst"  # edited/typst, first/typst
                    print(f"ratio {label} scale {scale:g}: {text}")
            if "pdf-untagged" in cases:
                print(per_60_pages(scale, cases["pdf-bilingual"], cases["pdf-untagged"]))
            if "typst" in cases:
                ours, theirs = cases["pdf-bilingual"]["pages"], cases["typst"]["pages"]
                off = (ours - theirs) / theirs * 100  # type: ignore[operator]
                print(f"pages pdf/typst scale {scale:g}: {ours}/{theirs} ({off:+.1f} %)")
        if len(by_scale) > 1:
            lo, hi = min(by_scale), max(by_scale)
            for case in ("pdf-bilingual", "typst", "baseline-rl", "docx-bilingual", "docx-plain"):
                if case not in by_scale[lo]:
                    continue
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
