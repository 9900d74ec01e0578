"""``reportgen check``: every diagnostic for a project, collected, never stopping at the first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .attachments import attachment_diagnostics, attachment_titles
from .content import DocContent, load_document
from .diagnostics import Diagnostic, Location, error, sort_key, warning
from .errors import ContentError
from .fonts import FontRegistry
from .glyph_check import font_diagnostics, page_strings, string_diagnostics, style_diagnostics
from .loader import KeyPath, Source, key_str
from .project import Project
from .translation import superseded_filter, translation_diagnostics


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


def check_project(
    project: Project,
    registry: FontRegistry,
    names: list[str] | None = None,
    langs: set[str] | None = None,
) -> CheckResult:
    """Load and check the documents ``names`` (default: all) in the languages ``langs``
    (default: all); translation checks run where both languages are loaded."""
    result = CheckResult()
    result.diagnostics += font_diagnostics(project)
    fonts_ok = not result.diagnostics  # a damaged font is never read for its glyphs
    for name, doc in project.documents.items():
        if names and name not in names:
            continue
        if doc.type == "annex-pack":
            continue
        try:
            content, diags = load_document(project, doc, langs)
        except ContentError as exc:
            result.diagnostics += exc.diagnostics
            continue
        result.diagnostics += diags
        if content is not None:
            result.documents[name] = content
            if fonts_ok:
                result.diagnostics += glyph_diagnostics(content, registry)
                result.diagnostics += simplified_glyph_diagnostics(project, content, registry)
            result.diagnostics += simplified_diagnostics(content)
    result.diagnostics += attachment_diagnostics(project, names)
    if fonts_ok:
        result.diagnostics += _page_glyph_checks(project, registry, result, names)
    if langs is None or {"en", "zh"} <= langs:
        scope = [n for n in project.documents if not names or n in names]
        found = _extra_checks(project, result, scope)
        drop = superseded_filter(found)
        result.diagnostics = [d for d in result.diagnostics if not drop(d)] + found
    result.diagnostics.sort(key=sort_key)
    return result


def _page_glyph_checks(
    project: Project, registry: FontRegistry, result: CheckResult, names: list[str] | None
) -> list[Diagnostic]:
    """reportgen.yaml's printed strings, attachment titles, reportgen's own words, and
    every style's faces against the strings they may draw (see :mod:`glyph_check`)."""
    texts = page_strings(project, attachment_titles(project, names))
    out = string_diagnostics(registry, texts)
    pairs: list[tuple[str, Callable[[], Location]]] = [
        (text, partial(_same, where)) for text, where, _ in texts
    ]
    for content in result.documents.values():
        for src in content.sources.values():
            pairs += [(text, partial(src.loc, path)) for path, text in strings(src.data)]
    return out + style_diagnostics(project, registry, pairs)


def _same(where: Location) -> Location:
    return where


def _extra_checks(project: Project, result: CheckResult, scope: list[str]) -> list[Diagnostic]:
    """Translation parity, staleness and glossary, also for documents whose text failed
    validation (a misspelt key is reported as missing in one file, unknown in the other)."""
    return translation_diagnostics(project, result.documents, scope)


def glyph_diagnostics(content: DocContent, registry: FontRegistry) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in content.sources.values():
        for path, text in strings(src.data):
            missing = list(dict.fromkeys(registry.missing(text)))
            if not missing:
                continue
            loc = src.loc(path)
            line, col = _char_position(src, path, text, missing[0])
            where = type(loc)(loc.path, line or loc.line, col or loc.column, loc.key, loc.lang)
            out.append(error("missing-glyph", _glyph_message(missing), where))
    return out


def _glyph_message(missing: list[str]) -> str:
    """One line for every character of a value that no font can draw."""
    shown = ", ".join(f"U+{ord(ch):04X} '{ch}'" for ch in missing[:6])
    if len(missing) == 1:
        return (
            f"{shown} cannot be drawn by any configured font; replace it or add a font that has it"
        )
    more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
    return (
        f"{len(missing)} characters cannot be drawn by any configured font: {shown}{more}; "
        "replace them or add a font that has them"
    )


def simplified_diagnostics(content: DocContent) -> list[Diagnostic]:
    """Simplified-only characters in the Chinese text (Traditional, zh-Hant-HK): a warning."""
    from .hans import simplified_chars

    src = content.sources.get("zh")
    if src is None:
        return []
    out: list[Diagnostic] = []
    for path, text in strings(src.data):
        found = simplified_chars(text)
        if not found:
            continue
        loc = src.loc(path)
        line, col = _char_position(src, path, text, found[0][0])
        where = type(loc)(loc.path, line or loc.line, col or loc.column, loc.key, loc.lang)
        chars = ", ".join(f"{s} ({t})" for s, t in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        msg = (
            f"'{key_str(path)}' has Simplified characters: {chars}{more}; this file is "
            "Traditional Chinese (zh-Hant-HK): write the Traditional characters shown"
        )
        out.append(warning("simplified", msg, where))
    return out


def simplified_glyph_diagnostics(
    project: Project, content: DocContent, registry: FontRegistry
) -> list[Diagnostic]:
    """Characters the zh-Hans conversion produces that no font can draw, at the
    Traditional text they come from (characters already missing there are reported once)."""
    src = content.sources.get("zh")
    if src is None or "zh-Hans" not in content.doc.editions:
        return []
    from .hans import to_simplified

    name = project.config.get("overrides")
    converted = to_simplified(src.data, project.root / name if name else None)
    original = dict(strings(src.data))
    out: list[Diagnostic] = []
    for path, text in strings(converted):
        for ch in registry.missing(text):
            if ch in original.get(path, ""):
                continue  # reported for the Traditional text already
            msg = (
                f"U+{ord(ch):04X} '{ch}' of the Simplified (zh-Hans) edition, converted "
                "from this text, cannot be drawn by any configured font; add an override "
                "to the overrides file or a font that has it"
            )
            out.append(error("missing-glyph", msg, src.loc(path)))
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
