"""The code base stays as `ruff check` and `ruff format` want it (the CI runs this)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import REPO

PATHS = ["src", "tests", "bench", "scripts", "attachments"]


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(REPO / ".venv" / "bin")) or shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return [exe]


def test_ruff_check() -> None:
    done = subprocess.run([*_ruff(), "check", *PATHS], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    cmd = [*_ruff(), "format", "--check", *PATHS]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
