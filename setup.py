"""The build step that puts the sample project and the fonts into the wheel.

They stay where they are in the checkout (``fonts/``, ``templates/``, ``schema/``,
``content/``, ...): nothing is copied into ``src/`` or committed twice. A wheel build
copies them into the build tree as package data, ``reportgen/sample/`` (what ``reportgen
init`` copies into a new project) and ``reportgen/fonts/`` (every file of ``fonts/``,
which new projects use where they are installed). An editable install needs no copy:
reportgen finds them in the checkout (``reportgen/resources.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# The sample project, as ``reportgen init`` copies it (``reportgen/init.py``: PARTS).
SAMPLE = (
    "reportgen.yaml",
    "content",
    "templates",
    "schema",
    "attachments",
    "glossary.yaml",
    "overrides.yaml",
    "translations.lock",
)
_SKIP = shutil.ignore_patterns("*.py", "*.pyc", "__pycache__", ".*")


class BuildWithData(build_py):
    """``build_py``, then the sample and the fonts copied into the build tree."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "reportgen"
        for name in ("sample", "fonts"):
            shutil.rmtree(package / name, ignore_errors=True)  # nothing left from older builds
        for part in SAMPLE:
            _copy(ROOT / part, package / "sample" / part)
        _copy(ROOT / "fonts", package / "fonts")


def _copy(src: Path, dest: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dest, ignore=_SKIP)  # follows symlinks: files, not links
    elif src.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    else:
        raise SystemExit(f"setup.py: {src} is missing; build the wheel from a full checkout")


setup(cmdclass={"build_py": BuildWithData})
