"""Findings of the value checks as diagnostics at their place in the content file."""

from __future__ import annotations

import functools
from pathlib import Path

from ..diagnostics import Diagnostic, Location, warning
from ..loader import KeyPath, Source, get_value
from .base import Value, run_checks
from .memo import FindingsMemo


def value_diagnostics(
    sources: dict[str, Source], path: KeyPath, target: str, memo: FindingsMemo | None = None
) -> list[Diagnostic]:
    """Every value-check warning for the text at ``path`` (both languages present); with
    ``memo``, findings of a pair checked before come from the project's cache."""
    texts = {}
    for lang in ("en", "zh"):
        found, text = get_value(sources[lang].data, path)
        if not found or not isinstance(text, str) or not text.strip():
            return []
        texts[lang] = text
    value = Value(path, texts["zh"], texts["en"], target)
    out = []
    for finding in memo.findings(value) if memo else run_checks(value):
        src = sources[finding.lang]
        other = sources["en" if finding.lang == "zh" else "zh"]
        where = locate(src, path, finding.needle)
        out.append(warning(finding.code, finding.message, where, other.loc(path)))
    return out


def locate(src: Source, path: KeyPath, needle: str) -> Location:
    """The value's location, or that of ``needle`` when found from the value's line on."""
    loc = src.loc(path)
    if not needle:
        return loc
    lines = _lines(src)
    for i in range(loc.line - 1, min(len(lines), loc.line + 400)):
        start = loc.column - 1 if i == loc.line - 1 else 0
        col = lines[i].find(needle, start)
        if col >= 0:
            return Location(loc.path, i + 1, col + 1, loc.key, loc.lang)
    return loc


def _lines(src: Source) -> list[str]:
    try:
        return _read_lines(str(src.path), src.path.stat().st_mtime_ns)
    except OSError:
        return []


@functools.lru_cache(maxsize=16)
def _read_lines(path: str, mtime: int) -> list[str]:
    return Path(path).read_text(encoding="utf-8-sig").split("\n")
