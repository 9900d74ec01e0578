"""Shared fixtures: fixture projects under tests/roots/, copied into tmp_path with the fonts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).parent / "roots"
FONTS = Path(os.environ.get("REPORTGEN_TEST_FONTS", REPO / "fonts"))


def _link_fonts(dest: Path) -> None:
    dest.mkdir(exist_ok=True)
    for font in FONTS.glob("*.ttf"):
        target = dest / font.name
        if target.exists():
            continue
        try:
            os.link(font, target)
        except OSError:
            shutil.copy2(font, target)


def make_project(tmp_path: Path, name: str = "sample") -> Path:
    """A copy of a project: 'sample' is the repository's own sample, else tests/roots/NAME."""
    dest = tmp_path / name
    if name == "sample":
        for part in (
            "reportgen.yaml",
            "content",
            "templates",
            "schema",
            "glossary.yaml",
            "overrides.yaml",
            "translations.lock",
            "attachments",
        ):
            src = REPO / part
            if src.is_dir():
                shutil.copytree(src, dest / part)
            elif src.is_file():
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / part)
    else:
        shutil.copytree(ROOTS / name, dest)
        for part in ("templates", "schema"):
            if not (dest / part).exists():
                shutil.copytree(REPO / part, dest / part)
    _link_fonts(dest / "fonts")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built once per test session (all documents, editions, formats)."""
    from reportgen.build import BuildOptions, build

    root = make_project(tmp_path_factory.mktemp("built"))
    build(root, BuildOptions(epoch=1632355200))
    return root / "build"


@pytest.fixture(autouse=True, scope="session")
def _font_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Parsed-font cache entries go to a folder of this test session, not the user's."""
    os.environ.setdefault("REPORTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def large_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/roots/delegation-large built once per test session (every output)."""
    from reportgen.build import BuildOptions, build

    root = make_project(tmp_path_factory.mktemp("large"), "delegation-large")
    build(root, BuildOptions(epoch=1710374400))
    return root / "build"
