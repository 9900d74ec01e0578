"""Diagnostics as data: severity, location, a stable code and a message.

Printed like a compiler: ``PATH:LINE:COL: SEVERITY CODE: message``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# The documented, stable set of codes (README, "Diagnostic codes").
CODES = frozenset(
    {
        "yaml-syntax",
        "encoding",
        "schema",
        "missing-file",
        "missing-key",
        "extra-key",
        "untranslated",
        "stale",
        "placeholder-mismatch",
        "missing-glyph",
        "glossary",
        "simplified",
        "hans",
        "config",
        "template",
        "limit",
        "unsafe-path",
        "attachment",
        "build",
        # value checks (valuechecks/)
        "punctuation",
        "whitespace",
        "number",
        "link",
        "sentence-end",
        "latin-text",
        "typed-numbering",
    }
)


@dataclass(frozen=True)
class Location:
    """Where a diagnostic points: a file, a line and column, a key, a language."""

    path: str
    line: int = 0
    column: int = 0
    key: str = ""
    lang: str = ""

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem or warning, where it is and where it relates to."""

    severity: Severity
    code: str
    message: str
    location: Location
    related: tuple[Location, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        loc = _relative(self.location, root)
        return f"{loc}: {self.severity.value} {self.code}: {self.message}"

    def as_dict(self, root: Path | None = None) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["location"]["path"] = str(_relative(self.location, root).path)
        data["related"] = [asdict(_relative(r, root)) for r in self.related]
        return data


def _relative(loc: Location, root: Path | None) -> Location:
    if root is None:
        return loc
    rel = relative_path(loc.path, str(root))
    if rel is None:
        return loc
    return Location(rel, loc.line, loc.column, loc.key, loc.lang)


@lru_cache(maxsize=256)
def relative_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` (None if outside it); its folder resolved, not the
    file itself, so a symlink is shown as such. Cached: thousands of diagnostics name
    the same few files."""
    try:
        where = Path(path)
        return str((where.parent.resolve() / where.name).relative_to(Path(root).resolve()))
    except ValueError:
        return None


def error(code: str, message: str, location: Location, *related: Location) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, location, tuple(related))


def warning(code: str, message: str, location: Location, *related: Location) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, location, tuple(related))


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.location.path, d.location.line, d.location.column, d.code)
