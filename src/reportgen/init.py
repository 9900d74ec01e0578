"""``reportgen init``: a new project from the sample."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import ReportgenError, UsageError

# What a project consists of; copied from the sample project.
PARTS = (
    "reportgen.yaml",
    "content",
    "templates",
    "schema",
    "fonts",
    "attachments",
    "glossary.yaml",
    "overrides.yaml",
)


_NOT_CONTENT = shutil.ignore_patterns("*.py", "__pycache__", "build", ".*")


def sample_root() -> Path:
    """The sample project: shipped in the package, or the source checkout's root."""
    packaged = Path(__file__).parent / "sample"
    if (packaged / "reportgen.yaml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2]


def init_project(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; choose a new folder")
    src = sample_root()
    if not (src / "reportgen.yaml").is_file():
        raise UsageError("the sample project is not available in this installation")
    try:
        _copy_sample(src, directory)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        name = exc.filename or directory
        raise ReportgenError(f"cannot create {name}: {reason}; choose another folder") from exc


def _copy_sample(src: Path, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = src / part
        if source.is_dir():
            shutil.copytree(source, directory / part, ignore=_NOT_CONTENT)
        elif source.is_file():
            shutil.copy2(source, directory / part)
    _empty_lock(directory)


def _empty_lock(directory: Path) -> None:
    """A new project starts with nothing confirmed: the sample's confirmations are about
    the sample's text, not the new project's (each key is unconfirmed until reviewed)."""
    from .lockfile import render_lock

    (directory / "translations.lock").write_text(render_lock({}), encoding="utf-8")
