"""Peak memory and CPU of the bilingual PDF, two source trees, paired rounds.

    python bench/paired_peak.py --before /tmp/before/src --scale 25 --rounds 3

A is the reportgen whose ``src/`` is ``--before`` (``git archive COMMIT src | tar -x -C
/tmp/before``), B this checkout's. Each tree builds its own copy of the bench project (the
project's ``.reportgen-cache`` is stamped with the code that wrote it, so one copy shared
by two trees would be rewritten at every run). Cases, each a fresh process:

* ``rebuild``  ``reportgen build P --edition bilingual --format pdf --force -j 1``, warm caches
* ``edited``   the same after the Chinese ``intro`` value is changed (as ``run.py`` does)
* ``cold``     ``rebuild`` with ``REPORTGEN_NO_CACHE=1`` (fonts parsed)

Each round runs A B (then B A), after one untimed run of each warm case. Printed per case:
each run's peak RSS (``ru_maxrss`` from ``os.wait4``) and CPU (user + system), and the
median of the per-round CPU ratios B/A.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import project as synthetic  # noqa: E402
from run import ValueEditor  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "src"
CASES = ("rebuild", "edited", "cold")


def _run(src: Path, proj: Path, cold: bool) -> tuple[float, float]:
    """(CPU s, peak RSS MiB) of one build of ``proj`` by the reportgen in ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed package: bytecode kept
    env.pop("REPORTGEN_NO_CACHE", None)
    if cold:
        env["REPORTGEN_NO_CACHE"] = "1"
    cmd = [sys.executable, "-m", "reportgen", "build", str(proj), "-o", str(proj / "build")]
    cmd += ["-q", "--force", "-j", "1", "--edition", "bilingual", "--format", "pdf"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise RuntimeError(f"{' '.join(cmd)} failed ({status})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _link_fonts(src: str, dst: str) -> None:
    """Font files hard-linked (31 MB each), the rest copied (the edit rewrites a file)."""
    if src.endswith((".ttf", ".otf")):
        os.link(src, dst)
    else:
        shutil.copy2(src, dst)


def _intro_file(proj: Path) -> Path:
    for path in sorted((proj / "content").rglob("*.yaml")):
        if "zh" in path.parts and any(
            line.startswith("  intro:") for line in path.read_text(encoding="utf-8").splitlines()
        ):
            return path
    raise FileNotFoundError(f"no Chinese intro in {proj}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the src/ folder of reportgen A")
    ap.add_argument("--scale", type=float, default=25)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated: " + ", ".join(CASES))
    args = ap.parse_args(argv)
    cases = [c for c in args.cases.split(",") if c]
    work = Path(tempfile.mkdtemp(prefix="rg-peak-"))
    try:
        trees = {"A": args.before.resolve(), "B": HERE}
        made = synthetic.make(work / "project", args.scale)
        projects = {}
        for name in trees:
            projects[name] = {"rebuild": work / name / "rebuild", "edited": work / name / "edited"}
            for proj in projects[name].values():
                shutil.copytree(made, proj, copy_function=_link_fonts)
        editors = {n: ValueEditor(_intro_file(p["edited"])) for n, p in projects.items()}

        def one(name: str, case: str) -> tuple[float, float]:
            if case == "edited":
                editors[name].next()
            proj = projects[name]["edited" if case == "edited" else "rebuild"]
            return _run(trees[name], proj, case == "cold")

        for case in cases:  # untimed: bytecode, font cache, the project's caches
            for name in trees:
                if case != "cold":
                    one(name, case)
        runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for r in range(args.rounds):
            for case in cases:
                for name in ("A", "B") if r % 2 == 0 else ("B", "A"):
                    runs.setdefault((case, name), []).append(one(name, case))
        print(f"# scale {args.scale:g}, {args.rounds} rounds; A {trees['A']}, B {trees['B']}")
        for case in cases:
            a, b = runs[(case, "A")], runs[(case, "B")]
            ratios = [y[0] / x[0] for x, y in zip(a, b, strict=True)]
            peaks = [round(x[1], 1) for x in a], [round(y[1], 1) for y in b]
            print(
                f"{case:8s} peak MiB A {peaks[0]} B {peaks[1]}"
                f"  CPU s A {[round(x[0], 2) for x in a]} B {[round(y[0], 2) for y in b]}"
                f"  cpu B/A {statistics.median(ratios):.3f} ({min(ratios):.2f}-{max(ratios):.2f})"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
