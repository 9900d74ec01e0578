"""One reportgen command, two source trees, paired rounds: CPU (user + system) medians.

    python bench/paired_cpu.py --before /tmp/before/src --rounds 5 --cwd PROJECT -- check

A is the reportgen whose ``src/`` is ``--before`` (``git archive COMMIT src | tar -x -C
/tmp/before``), B this checkout's; each round runs both (A B, then B A), after one untimed
run each (bytecode written, caches filled). The command runs as
``python -c 'reportgen.cli.main()'`` with ``PYTHONPATH`` on the tree.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src"
CODE = "import sys; from reportgen.cli import main; sys.argv = ['reportgen'] + sys.argv[1:]; main()"


def _cpu(cmd: list[str], cwd: str, env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the src/ folder of reportgen A")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cwd", default=".", help="where the command runs (the project)")
    parser.add_argument("args", nargs="+", help="the reportgen command, after --")
    opts = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    trees = {"A": opts.before, "B": str(HERE)}
    cmd = [sys.executable, "-c", CODE, *opts.args]
    for tree in trees.values():
        _cpu(cmd, opts.cwd, {**base, "PYTHONPATH": tree})
    times: dict[str, list[float]] = {"A": [], "B": []}
    for i in range(opts.rounds):
        for name in "AB" if i % 2 == 0 else "BA":
            times[name].append(_cpu(cmd, opts.cwd, {**base, "PYTHONPATH": trees[name]}))
    a, b = (statistics.median(times[k]) for k in "AB")
    ratio = statistics.median(y / x for x, y in zip(times["A"], times["B"], strict=True))
    print(f"{' '.join(opts.args)}: A {a:.3f} s  B {b:.3f} s  B/A {ratio:.2f}")
    print(f"  A {[round(t, 3) for t in times['A']]}\n  B {[round(t, 3) for t in times['B']]}")


if __name__ == "__main__":
    main()
