"""What reportgen ships besides its code: the sample project and the fonts.

In an installed wheel they are package data, ``reportgen/sample/`` and ``reportgen/fonts/``
(``setup.py`` copies them from the checkout at build time); in a source checkout (an
editable install) they are the checkout's own ``fonts/``, ``content/``, ``templates/``....

Fonts are *found, not copied*: a font that ``reportgen.yaml`` names as ``fonts/NAME`` is the
project's own file when the project has one (the project's always wins), else reportgen's
installed ``NAME``. A new project from ``reportgen init`` has no ``fonts/`` folder and uses
the installed fonts; a project may always name its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE.parents[1]  # src/reportgen -> the checkout, when run from one
FONTS_FOLDER = "fonts"


def _from_checkout() -> bool:
    return (_CHECKOUT / "pyproject.toml").is_file() and PACKAGE == _CHECKOUT / "src" / "reportgen"


def sample_root() -> Path:
    """The sample project: shipped in the package, or the source checkout's root."""
    packaged = PACKAGE / "sample"
    if (packaged / "reportgen.yaml").is_file():
        return packaged
    return _CHECKOUT


@lru_cache(maxsize=1)
def fonts_dir() -> Path | None:
    """reportgen's installed fonts (the package's, or the checkout's ``fonts/``): looked for
    once per process, like :func:`_installed_names` (a build resolves every font path of
    every document through it: 184 calls, each a listing, in a no-op build of the sample)."""
    for folder in (PACKAGE / FONTS_FOLDER, _CHECKOUT / FONTS_FOLDER):
        if folder == _CHECKOUT / FONTS_FOLDER and not _from_checkout():
            continue
        if folder.is_dir() and any(folder.glob("*.ttf")):
            return folder
    return None


@lru_cache(maxsize=1)
def _installed_names() -> frozenset[str]:
    folder = fonts_dir()
    if folder is None:
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink())


def installed_font(name: str) -> Path | None:
    """The installed font a project's ``fonts/NAME`` (as written in reportgen.yaml) stands
    for, or None. Only a plain file name directly in ``fonts/`` qualifies."""
    parts = PurePosixPath(unquote(name)).parts
    if len(parts) != 2 or parts[0] != FONTS_FOLDER or parts[1] not in _installed_names():
        return None
    folder = fonts_dir()
    return None if folder is None else folder / parts[1]


def uses_installed(root: Path, name: str) -> bool:
    """Whether ``name`` (from reportgen.yaml) is an installed font: the project has no
    file (nor link) of that name, and reportgen has one."""
    if installed_font(name) is None:
        return False
    own = root / unquote(name)
    try:
        return not (own.exists() or own.is_symlink())
    except (OSError, ValueError):
        return False


def font_path(root: Path, name: str) -> Path:
    """Where the font ``name`` from reportgen.yaml is: the project's file, else the
    installed one (the project's path when neither exists, for the diagnostics)."""
    if uses_installed(root, name):
        found = installed_font(name)
        if found is not None:
            return found.resolve()
    return (root / unquote(name)).resolve()
