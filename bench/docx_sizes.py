"""DOCX time and size: every DOCX of the sample, and the 60-page bilingual project.

    .venv/bin/python bench/docx_sizes.py [--repeat 3] [--project DIR]

One fresh ``reportgen build --format docx --force -j 1`` process per output (median wall
time of ``--repeat`` runs, imports included) and the output's size; then the synthetic
bilingual briefing pack at scale 1 (about 60 pages, ``bench/project.py``): "DOCX time per
60 pages". ``SOURCE_DATE_EPOCH`` is set, so sizes do not depend on the day.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import project as synthetic  # noqa: E402
from run import reportgen_command  # noqa: E402

SAMPLE_PARTS = ("reportgen.yaml", "content", "templates", "schema", "glossary.yaml")
SAMPLE_PARTS += ("overrides.yaml", "translations.lock", "attachments", "fonts")


def _copy_sample(dest: Path) -> Path:
    for part in SAMPLE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def _time(root: Path, doc: str, edition: str, repeat: int) -> tuple[float, int]:
    cmd = reportgen_command() + ["build", str(root), "--doc", doc, "--edition", edition]
    cmd += ["--format", "docx", "--force", "-j", "1", "-q"]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1632355200")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    out = root / "build" / f"{doc}.{edition}.docx"
    return statistics.median(times), out.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    jobs = [("briefing-pack", e) for e in ("en", "zh", "bilingual", "zh-Hans")] + [
        (f"annex-{n}", e) for n in (1, 2) for e in ("en", "zh")
    ]
    print(f"{'output':34} {'wall_s':>7} {'bytes':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        sample = _copy_sample(Path(tmp) / "sample")
        for doc, edition in jobs:
            seconds, size = _time(sample, doc, edition, args.repeat)
            print(f"{doc + '.' + edition + '.docx':34} {seconds:7.3f} {size:9d}")
        large = synthetic.make(Path(tmp) / "bench", 1.0)
        seconds, size = _time(large, "briefing-pack", "bilingual", args.repeat)
        print(f"{'60 pages: bench bilingual docx':34} {seconds:7.3f} {size:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
