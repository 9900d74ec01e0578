"""``reportgen check``: every diagnostic for a project, collected, never stopping at the first."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import fontcache, verdicts
from .attachments import attachment_diagnostics, attachment_titles
from .check_align import alignment_diagnostics
from .content import DocContent, load_document
from .diagnostics import Diagnostic, error, sort_key, warning
from .errors import ContentError
from .fonts import FontRegistry
from .glyph_check import font_diagnostics, page_strings, string_diagnostics
from .loader import KeyPath, Source, key_str, load_yaml
from .pack_check import pack_diagnostics
from .project import Project
from .translation import source_typo_filter, superseded_filter, translation_diagnostics

if TYPE_CHECKING:
    from .hans import Conversion


@dataclass
class CheckResult:
    """What a check found: the documents' content and the diagnostics."""

    documents: dict[str, DocContent] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    accepted: list[Diagnostic] = field(default_factory=list)  # hidden by exceptions.yaml

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
    *,
    align: bool = True,
) -> CheckResult:
    """Load and check the documents ``names`` (default: all) in the languages ``langs``
    (default: all); translation checks run where both languages are loaded; annex packs'
    configuration is checked; with ``align``, bilingual editions are composed (a build
    composes them anyway: it passes False)."""
    result = CheckResult()
    result.diagnostics += font_diagnostics(project)
    fonts_ok = not result.diagnostics  # a damaged font is never read for its glyphs
    fonts_id = _fonts_identity(registry) if fonts_ok else None
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
            result.diagnostics += _document_checks(project, content, registry, fonts_id)
    result.diagnostics += attachment_diagnostics(project, names)
    if langs is None or "zh" in langs:
        result.diagnostics += override_diagnostics(project)
    scope = [n for n in project.documents if not names or n in names]
    facts = {n: c.facts for n, c in result.documents.items()}
    for name in scope:
        if project.documents[name].type == "annex-pack":
            result.diagnostics += pack_diagnostics(project, project.documents[name], facts)
    if fonts_ok:
        result.diagnostics += _page_glyph_checks(project, registry, fonts_id or "", result, names)
    if langs is None or {"en", "zh"} <= langs:
        found = _extra_checks(project, result, scope)
        drop = superseded_filter(found)
        typo = source_typo_filter(result.diagnostics)
        found = [d for d in found if not typo(d)]
        result.diagnostics = [d for d in result.diagnostics if not drop(d)] + found
    if align and not result.errors:
        result.diagnostics += alignment_diagnostics(project, result.documents, scope)
    _apply_exceptions(project, result, complete=not names and langs is None)
    # the same problem found through two documents (a schema file both use) is said once
    result.diagnostics = list(dict.fromkeys(result.diagnostics))
    result.diagnostics.sort(key=sort_key)
    return result


def _fonts_identity(registry: FontRegistry) -> str:
    """The fonts as the verdict keys know them (files and roles): made once per check."""
    if not verdicts.enabled():
        return ""
    files = verdicts.file_stamp(face.path for face in registry.faces.values())
    return files + "\n" + repr([(key, face.key) for key, face in registry.faces.items()])


def _document_checks(
    project: Project, content: DocContent, registry: FontRegistry, fonts_id: str | None
) -> list[Diagnostic]:
    """A document's glyph, Simplified-character and zh-Hans checks (the glyph ones only
    when the fonts are sound: ``fonts_id`` is not None). Each check that passed before for
    the same inputs (its key) is not run again (:mod:`verdicts`)."""
    fonts_ok = fonts_id is not None
    data = {lang: repr(src.data) for lang, src in content.sources.items()}
    data = data if verdicts.enabled() else {}
    keys = {
        GLYPH_KIND: _glyph_key(data, fonts_id) if fonts_ok else "",
        SIMPLIFIED_KIND: _simplified_key(data),
        HANS_KIND: _hans_key(project, content, data, fonts_id) if fonts_ok else "",
    }
    done = {kind: verdicts.passed(kind, key) for kind, key in keys.items()}
    found: dict[str, list[Diagnostic]] = {kind: [] for kind in keys}
    if fonts_ok and not done[GLYPH_KIND]:
        found[GLYPH_KIND] += glyph_diagnostics(content, registry)
    if fonts_ok and not done[HANS_KIND]:
        found[HANS_KIND] += simplified_glyph_diagnostics(project, content, registry)
    if not done[SIMPLIFIED_KIND]:
        found[SIMPLIFIED_KIND] += simplified_diagnostics(content)
    if not done[HANS_KIND]:
        found[HANS_KIND] += hans_repertoire_diagnostics(project, content)
    for kind, key in keys.items():
        if not done[kind] and not found[kind]:
            verdicts.remember(kind, key)
    hans = found[HANS_KIND]
    glyph_errors = [d for d in hans if d.code == "missing-glyph"]
    repertoire = [d for d in hans if d.code != "missing-glyph"]
    return found[GLYPH_KIND] + glyph_errors + found[SIMPLIFIED_KIND] + repertoire


GLYPH_KIND, SIMPLIFIED_KIND, HANS_KIND = "glyphs", "simplified", "hans"
_GLYPH_CODE = ("reportgen", "reportgen.check", "reportgen.fonts", "reportgen.script")


def _glyph_key(data: dict[str, str], fonts_id: str | None) -> str:
    """The key of :func:`glyph_diagnostics` for a document: its data in every language
    (``data``: repr per language, empty with no cache), the fonts, the code."""
    if not data or fonts_id is None:
        return ""
    parts = [part for lang, text in data.items() for part in (lang, text)]
    return verdicts.key(GLYPH_KIND, fontcache.code_stamp(*_GLYPH_CODE), fonts_id, *parts)


def _simplified_key(data: dict[str, str]) -> str:
    """The key of :func:`simplified_diagnostics`: the Chinese data, the table, the code."""
    zh = data.get("zh")
    if zh is None:
        return ""
    from .simplified_only import table_path

    code = fontcache.code_stamp("reportgen", "reportgen.check", "reportgen.simplified_only")
    return verdicts.key(SIMPLIFIED_KIND, code, sys.version, verdicts.file_stamp([table_path()]), zh)


_HANS_CODE = ("reportgen", "reportgen.check", "reportgen.hans", "reportgen.fonts", "opencc")


def _hans_key(
    project: Project, content: DocContent, data: dict[str, str], fonts_id: str | None
) -> str:
    """The key of a document's zh-Hans checks (:func:`simplified_glyph_diagnostics`,
    :func:`hans_repertoire_diagnostics`; '' when it has none): its Chinese text, the
    overrides and glossary files, the fonts, the term table and repertoire, the code.
    When they passed for this key, they are not run again (:mod:`reportgen.verdicts`):
    converting every value with OpenCC costs ~0.03 s of CPU for the sample."""
    zh = data.get("zh")
    if zh is None or fonts_id is None or "zh-Hans" not in content.doc.editions:
        return ""
    from .hans import TERMS_FILE
    from .translation import glossary_path

    name = project.config.get("overrides")
    texts = [project.root / name if name else None, glossary_path(project)]
    files = [TERMS_FILE, TERMS_FILE.parent / "simplified-repertoire.txt"]
    return verdicts.key(
        HANS_KIND,
        fontcache.code_stamp(*_HANS_CODE),
        verdicts.file_digest(texts),
        verdicts.file_stamp(files),
        fonts_id,
        zh,
    )


def _page_glyph_checks(
    project: Project,
    registry: FontRegistry,
    fonts_id: str,
    result: CheckResult,
    names: list[str] | None,
) -> list[Diagnostic]:
    """reportgen.yaml's printed strings, attachment titles and reportgen's own words, in
    every style (see :mod:`glyph_check`). When they passed for the same configuration,
    overrides, titles, fonts and code, they are not checked again (:mod:`verdicts`): the
    zh-Hans markings need OpenCC, ~0.01 s of CPU."""
    titles = attachment_titles(project, names)
    if not verdicts.enabled():
        return string_diagnostics(registry, page_strings(project, titles))
    name = project.config.get("overrides")
    key = verdicts.key(
        PAGE_KIND,
        fontcache.code_stamp(*_PAGE_CODE),
        verdicts.file_digest([project.root / name if name else None]),
        fonts_id,
        repr(project.config),
        repr(titles),
    )
    if verdicts.passed(PAGE_KIND, key):
        return []
    found = string_diagnostics(registry, page_strings(project, titles))
    if not found:
        verdicts.remember(PAGE_KIND, key)
    return found


PAGE_KIND = "page-strings"
_PAGE_CODE = (
    "reportgen",
    "reportgen.check",
    "reportgen.glyph_check",
    "reportgen.messages",
    "reportgen.project",
    "reportgen.hans",
    "reportgen.fonts",
    "opencc",
)


def _apply_exceptions(project: Project, result: CheckResult, complete: bool) -> None:
    """Warnings a reviewer accepted in exceptions.yaml move to ``result.accepted``."""
    from .exceptions import apply_exceptions, load_exceptions

    accepted, problems = load_exceptions(project.root)
    kept, hidden = apply_exceptions(result.diagnostics, accepted, project.root, complete)
    result.diagnostics = kept + problems
    result.accepted = hidden


def _extra_checks(project: Project, result: CheckResult, scope: list[str]) -> list[Diagnostic]:
    """Translation parity, staleness and glossary, also for documents whose text failed
    validation (a misspelt key is reported as missing in one file, unknown in the other).
    When they found nothing before for the same key, they are not run again (:mod:`verdicts`)."""
    key = _translation_key(project, result, scope)
    if verdicts.passed(TRANSLATION_KIND, key):
        return []
    found = translation_diagnostics(project, result.documents, scope)
    if not found:
        verdicts.remember(TRANSLATION_KIND, key)
    return found


TRANSLATION_KIND = "translation"
_VALUE_CHECKS = "base chinese_numerals diagnose latin links numbering numbers punctuation sentence"
_TRANSLATION_CODE = (
    "reportgen",
    "reportgen.check",
    "reportgen.translation",
    "reportgen.lockfile",
    "reportgen.loader",
    "reportgen.valuechecks",
    *(f"reportgen.valuechecks.{name}" for name in (*_VALUE_CHECKS.split(), "whitespace")),
)


def _translation_key(project: Project, result: CheckResult, scope: list[str]) -> str:
    """The key of the translation checks of ``scope``: every document's text in both
    languages, the lock file, the glossary, the configuration, the code ('' when a
    document in scope failed to load: its raw text is read, no key is made)."""
    if not verdicts.enabled():
        return ""
    from .lockfile import lock_path
    from .translation import glossary_path

    data = []
    for name in scope:
        doc = project.documents.get(name)
        if doc is None or doc.type == "annex-pack":
            continue
        if name not in result.documents:
            return ""
        sources = result.documents[name].sources
        data.append((name, [(lang, src.data) for lang, src in sources.items() if lang != "facts"]))
    return verdicts.key(
        TRANSLATION_KIND,
        fontcache.code_stamp(*_TRANSLATION_CODE),
        sys.version,
        verdicts.file_digest([lock_path(project.root), glossary_path(project)]),
        str(project.root),
        repr(project.config),
        repr(scope),
        repr(data),
    )


def glyph_diagnostics(content: DocContent, registry: FontRegistry) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src in content.sources.values():
        for path, text in strings(src.data):
            missing = list(dict.fromkeys(registry.missing(text)))
            if missing:
                where = _where(src, path, text, missing[0])
                out.append(error("missing-glyph", _glyph_message(missing), where))
            gaps = registry.style_gaps(text)
            if gaps:
                chars = list(dict.fromkeys(ch for found in gaps.values() for ch in found))
                where = _where(src, path, text, chars[0])
                out.append(error("missing-glyph", _style_gap_message(list(gaps), chars), where))
    return out


def _where(src: Source, path: KeyPath, text: str, ch: str):  # type: ignore[no-untyped-def]
    loc = src.loc(path)
    line, col = _char_position(src, path, text, ch)
    return type(loc)(loc.path, line or loc.line, col or loc.column, loc.key, loc.lang)


def _style_gap_message(styles: list[str], chars: list[str]) -> str:
    """Characters some font has, but not the face that sets them in ``style`` (a heading's
    bold, a quote's italic): the PDF would draw a blank, a DOCX run would leave them to the
    reader's fallback fonts."""
    shown = ", ".join(f"U+{ord(ch):04X} '{ch}'" for ch in chars[:6])
    more = f" and {len(chars) - 6} more" if len(chars) > 6 else ""
    style = ", ".join(styles)
    return (
        f"{shown}{more}: no glyph in the face that sets {style} text (headings, table "
        "heads, quotes); configure a face for that style that has it, or replace it"
    )


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
    from .simplified_only import simplified_chars

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
    converted = hans_conversion(project).convert_data(src.data)
    original = dict(strings(src.data))
    hans = registry.for_lang("zh-Hans")
    out: list[Diagnostic] = []
    for path, text in strings(converted):
        for ch in hans.missing(text):
            if ch in original.get(path, ""):
                continue  # reported for the Traditional text already
            msg = (
                f"U+{ord(ch):04X} '{ch}' of the Simplified (zh-Hans) edition, converted "
                "from this text, cannot be drawn by any configured font; add an override "
                "to the overrides file or a font that has it"
            )
            out.append(error("missing-glyph", msg, src.loc(path)))
    return out


def hans_conversion(project: Project) -> Conversion:
    """The project's Traditional -> Simplified conversion (its overrides and glossary)."""
    from .hans import conversion
    from .translation import glossary_path

    name = project.config.get("overrides")
    return conversion(project.root / name if name else None, glossary_path(project))


def hans_repertoire_diagnostics(project: Project, content: DocContent) -> list[Diagnostic]:
    """Han characters of the zh-Hans edition outside the Simplified repertoire (GB 2312 and
    the 2013 general standard table): a warning at the Traditional value they come from."""
    src = content.sources.get("zh")
    if src is None or "zh-Hans" not in content.doc.editions:
        return []
    from .hans import simplified_repertoire
    from .script import is_han

    repertoire = simplified_repertoire()
    conv = hans_conversion(project)
    out: list[Diagnostic] = []
    for path, text in strings(src.data):
        converted = conv.convert(text)
        odd = list(dict.fromkeys(ch for ch in converted if is_han(ch) and ch not in repertoire))
        if not odd:
            continue
        shown = ", ".join(f"U+{ord(ch):04X} '{ch}'" for ch in odd[:6])
        more = f" and {len(odd) - 6} more" if len(odd) > 6 else ""
        where = src.loc(path)
        if odd[0] in text:  # kept as it is: point at it
            line, col = _char_position(src, path, text, odd[0])
            where = type(where)(
                where.path, line or where.line, col or where.column, where.key, where.lang
            )
        msg = (
            f"'{key_str(path)}' becomes {shown}{more} in the Simplified (zh-Hans) edition, "
            "outside the Simplified repertoire (GB 2312 and the 2013 Table of General Standard "
            "Chinese Characters) that Mainland readers know; add an override (overrides.yaml) "
            "with the Mainland form"
        )
        out.append(warning("hans", msg, where))
    return out


def override_diagnostics(project: Project) -> list[Diagnostic]:
    """Override values (printed verbatim in zh-Hans) with Traditional characters: a
    warning at the override's line."""
    name = project.config.get("overrides")
    path = project.root / name if name else None
    if path is None or not path.is_file():
        return []
    from .hans import converter, simplified_repertoire
    from .script import is_han

    src, diags = load_yaml(path)
    if src is None or not isinstance(src.data, dict):
        return diags
    repertoire = simplified_repertoire()
    out: list[Diagnostic] = []
    for key, value in src.data.items():
        target = value.get("to") if isinstance(value, dict) else value
        shape = _override_shape(key, value)
        if shape:
            out.append(warning("hans", shape, src.loc((key,))))
        if not isinstance(target, str):
            continue
        found = [  # OpenCC loaded only for a character outside the repertoire
            (ch, converter().convert(ch))
            for ch in dict.fromkeys(target)
            if is_han(ch) and ch not in repertoire and converter().convert(ch) != ch
        ]
        if not found:
            continue
        where = src.loc((key, "to") if isinstance(value, dict) else (key,))
        chars = ", ".join(f"{t} ({s})" for t, s in found)
        msg = (
            f"the override for '{key}' prints Traditional characters in the Simplified "
            f"(zh-Hans) edition: {chars}; write the Simplified forms shown, or keep them "
            "only where a name needs them"
        )
        out.append(warning("hans", msg, where))
    return out


_OVERRIDE_KEYS = frozenset({"to", "not-inside", "context", "whole-word", "why"})


def _override_shape(key: str, value: Any) -> str:
    """What is wrong with an override's form ('' if nothing): it would be ignored."""
    example = f"'{key}: rendering' or '{key}: {{to: rendering, not-inside: [...]}}'"
    if isinstance(value, str):
        return ""
    if not isinstance(value, dict) or not isinstance(value.get("to"), str):
        return f"the override for '{key}' has no text to print, so it is ignored; write {example}"
    unknown = sorted(set(value) - _OVERRIDE_KEYS)
    if unknown:
        known = ", ".join(sorted(_OVERRIDE_KEYS))
        return (
            f"the override for '{key}' has unknown key(s) {', '.join(unknown)} (known: {known}); "
            "they are ignored"
        )
    return ""


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


def translation_warnings(project: Project, names: list[str], langs: set[str]) -> list[Diagnostic]:
    """The translation warnings (untranslated, stale, value checks...) about the languages
    ``langs`` of the documents ``names``, for a build that loads only those languages (the
    other language is read as it is); exceptions.yaml applies. Errors are left to
    ``check``: a build of one language is not held up by the other."""
    if {"en", "zh"} <= langs:
        return []
    from .exceptions import apply_exceptions, load_exceptions

    found = [
        d
        for d in translation_diagnostics(project, {}, names)
        if not d.is_error and d.location.lang in langs
    ]
    accepted, _ = load_exceptions(project.root)
    return apply_exceptions(found, accepted, project.root, complete=False)[0]
