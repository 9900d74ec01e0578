"""``reportgen check``: every diagnostic for a project, collected, never stopping at the first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .content import DocContent, load_document
from .diagnostics import Diagnostic, error, sort_key
from .errors import ContentError
from .fonts import FontRegistry
from .loader import KeyPath, Source
from .project import Project


@dataclass
class CheckResult:
    documents: dict[str, DocContent] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def check_project(project: Project, registry: FontRegistry, names: list[str] | None = None) -> CheckResult:
    result = CheckResult()
    for name, doc in project.documents.items():
        if names and name not in names:
            continue
        if doc.type == "annex-pack":
            continue
        try:
            content, diags = load_document(project, doc)
        except ContentError as exc:
            result.diagnostics += exc.diagnostics
            continue
        result.diagnostics += diags
        if content is not None:
            result.documents[name] = content
            result.diagnostics += glyph_diagnostics(content, registry)
    result.diagnostics += _extra_checks(project, result)
    result.diagnostics.sort(key=sort_key)
    return result


def _extra_checks(project: Project, result: CheckResult) -> list[Diagnostic]:
    """Checks that other modules add (translation parity, staleness, glossary)."""
    try:
        from .translation import translation_diagnostics
    except ImportError:
        return []
    return translation_diagnostics(project, result.documents)


def glyph_diagnostics(content: DocContent, registry: FontRegistry) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in content.sources.values():
        for path, text in strings(src.data):
            for ch in registry.missing(text):
                loc = src.loc(path)
                line, col = _char_position(src, path, text, ch)
                where = type(loc)(loc.path, line or loc.line, col or loc.column, loc.key, loc.lang)
                msg = (f"U+{ord(ch):04X} '{ch}' cannot be drawn by any configured font; "
                       "replace it or add a font that has it")
                out.append(error("missing-glyph", msg, where))
    return out


def _char_position(src: Source, path: KeyPath, text: str, ch: str) -> tuple[int, int]:
    """Line and column of ``ch`` in the file, searching from the value's line."""
    try:
        lines = src.path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return 0, 0
    start = src.lines.get(path, (1, 1))[0] - 1
    for i in range(start, len(lines)):
        col = lines[i].find(ch)
        if col >= 0:
            return i + 1, col + 1
    return 0, 0


def strings(data: Any, path: KeyPath = ()) -> list[tuple[KeyPath, str]]:
    """Every string value in ``data`` with its key path."""
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in strings(v, path + (k,))]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in strings(v, path + (i,))]
    return [(path, data)] if isinstance(data, str) else []
