"""Third-party modules imported with their widest patterns compiled when first used, and
modules imported only when first used.

Some libraries compile, at import time, a pattern with a character class reaching the
top of the Basic Multilingual Plane (reportlab's URI and CJK-splitting patterns, PyYAML's
printable-character check, pikepdf's XML-illegal-character check). Python's ``re``
builds such a class code point by code point: 3 to 20 ms each, paid by every build,
although a build uses few of them (PyYAML's only on the pure-Python reading path,
pikepdf's only when it cleans a document-information value). :func:`imported_lazily`
imports modules with those patterns (:func:`is_wide`) standing in as
:class:`LazyPattern`, compiled on first use; every other pattern is compiled as usual,
and ``re.compile`` is the standard one again afterwards.

:func:`deferred` puts a module in ``sys.modules`` that is executed when one of its
attributes is first read (``importlib.util.LazyLoader``): reportlab imports Pillow's
``PIL.Image`` (5 ms with the modules it pulls in) for bitmaps, which reportgen never draws,
and platypus imports ``reportlab.lib.PyFontify`` for Python listings, which it never sets.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from typing import Any

_compile = re.compile


class LazyPattern:
    """A compiled pattern, compiled when first used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _compile(*self._source)
        return getattr(self._compiled, name)


def is_wide(pattern: object) -> bool:
    """A text pattern whose class reaches U+FFF0 or beyond, written as the character
    itself or as a ``\\uFFFx`` / ``\\U0000FFFx`` escape."""
    if not isinstance(pattern, str):
        return False
    if any(ch >= "\ufff0" for ch in pattern):
        return True
    upper = pattern.upper()
    return "\\UFFF" in upper or "\\U0000FFF" in upper


def _lazy_compile(pattern: Any, flags: int = 0) -> Any:
    if is_wide(pattern):
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


def imported_lazily(*names: str) -> None:
    """Import ``names`` (those not imported yet) with their wide patterns lazy."""
    names = tuple(name for name in names if name not in sys.modules)
    if not names:
        return
    re.compile = _lazy_compile  # type: ignore[assignment]
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        re.compile = _compile


def deferred(name: str) -> None:
    """Make ``import name`` cheap: the module runs when first used (if not imported yet,
    and if it exists at all: otherwise importing it fails later as it would have)."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
