"""DOCX time and size: every DOCX of the sample, and the 60-page bilingual project.

    .venv/bin/python bench/docx_sizes.py [--repeat 3]

Per output, the median of ``--repeat`` fresh processes of:

- ``build_s``: ``reportgen build --doc D --edition E --format docx --force -j 1`` (CPU
  time of the process: imports, loading and checking the project included);
- ``write_s``: the DOCX writer alone (the project loaded and the document model composed
  first, in the same process, then one ``write_docx`` timed: what the writer costs);

CPU time, not wall time: on a shared machine it varies far less.

and the output's size; then the synthetic bilingual briefing pack at scale 1 (about 60
pages, ``bench/project.py``): "DOCX time per 60 pages". ``SOURCE_DATE_EPOCH`` is set, so
sizes do not depend on the day.
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


_WRITE = """
import sys, time
from pathlib import Path
from reportgen.build import BuildOptions, prepare
builder = prepare(Path(sys.argv[1]), BuildOptions(epoch=1632355200), docs=[sys.argv[2]],
                  editions={sys.argv[3]})
model = builder.model(sys.argv[2], sys.argv[3])
start = time.process_time()
builder.write(model, "docx", (sys.argv[2], sys.argv[3]))
print(time.process_time() - start)
"""


def _time(root: Path, doc: str, edition: str, repeat: int) -> tuple[float, float, int]:
    cmd = reportgen_command() + ["build", str(root), "--doc", doc, "--edition", edition]
    cmd += ["--format", "docx", "--force", "-j", "1", "-q"]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1632355200")
    builds, writes = [], []
    for _ in range(repeat):
        child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed")
        builds.append(usage.ru_utime + usage.ru_stime)
        out = subprocess.run(
            [sys.executable, "-c", _WRITE, str(root), doc, edition],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        writes.append(float(out.stdout.split()[-1]))
    size = (root / "build" / f"{doc}.{edition}.docx").stat().st_size
    return statistics.median(builds), statistics.median(writes), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    jobs = [("briefing-pack", e) for e in ("en", "zh", "bilingual", "zh-Hans")] + [
        (f"annex-{n}", e) for n in (1, 2) for e in ("en", "zh")
    ]
    print(f"{'output':34} {'build_s':>7} {'write_s':>7} {'bytes':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        sample = _copy_sample(Path(tmp) / "sample")
        for doc, edition in jobs:
            built, wrote, size = _time(sample, doc, edition, args.repeat)
            print(f"{doc + '.' + edition + '.docx':34} {built:7.3f} {wrote:7.3f} {size:9d}")
        large = synthetic.make(Path(tmp) / "bench", 1.0)
        built, wrote, size = _time(large, "briefing-pack", "bilingual", args.repeat)
        print(f"{'60 pages: bench bilingual docx':34} {built:7.3f} {wrote:7.3f} {size:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
