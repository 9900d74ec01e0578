"""The console script (``reportgen.entry.run``, also ``python -m reportgen``) exits with
``os._exit`` after click returns: the exit status and everything printed must be exactly
what click's own exit gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main

ROOTS = Path(__file__).parent / "roots"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _same_as_click(args: list[str], cwd: Path, monkeypatch) -> subprocess.CompletedProcess[str]:
    done = _run(*args, cwd=cwd)
    monkeypatch.chdir(cwd)
    clicked = CliRunner().invoke(main, args)
    assert done.returncode == clicked.exit_code
    assert done.stdout == clicked.stdout
    return done


def test_success_prints_everything_and_exits_0(tmp_path: Path, monkeypatch) -> None:
    done = _same_as_click(["--version"], tmp_path, monkeypatch)
    assert done.returncode == 0 and done.stdout.startswith("reportgen ")


def test_a_usage_error_exits_2_with_its_message(tmp_path: Path, monkeypatch) -> None:
    done = _same_as_click(["build", "--no-such-option"], tmp_path, monkeypatch)
    assert done.returncode == 2
    assert "Error: No such option '--no-such-option'." in done.stderr
    assert "Usage: reportgen build" in done.stderr


def test_a_content_error_exits_1_with_every_line(tmp_path: Path) -> None:
    (tmp_path / "reportgen.yaml").write_text("documents: [\n", encoding="utf-8")
    done = _run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("reportgen.yaml:")
    assert "Traceback" not in done.stderr


def test_long_output_through_a_pipe_is_not_cut_short(tmp_path: Path, monkeypatch) -> None:
    # many lines, written through a pipe (block-buffered): all must arrive before the exit
    done = _same_as_click(["fonts", "--format", "json"], ROOTS / "minimal", monkeypatch)
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith("]") and len(done.stdout) > 1000
