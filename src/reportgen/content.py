"""Load a document's content: facts (language-neutral) and text per language, validated."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .crossref import crossref_diagnostics
from .diagnostics import Diagnostic
from .loader import Source, load_yaml
from .project import DocumentConfig, Project
from .schema import load_schema, validate


@dataclass
class DocContent:
    """One document's facts and texts per language, with the files they came from."""

    doc: DocumentConfig
    facts: dict[str, Any]
    text: dict[str, Any] = field(default_factory=dict)  # lang -> typed data
    sources: dict[str, Source] = field(default_factory=dict)  # "facts", "en", "zh" -> Source


def load_document(
    project: Project, doc: DocumentConfig, langs: set[str] | None = None
) -> tuple[DocContent | None, list[Diagnostic]]:
    """Load and validate every file of ``doc`` (only the languages in ``langs``, when it
    has any of them); collect all diagnostics."""
    diags: list[Diagnostic] = []
    content = DocContent(doc, {})
    facts_schema = load_schema(project.schema_path(doc.type, "facts"))
    text_schema = load_schema(project.schema_path(doc.type, "text"))
    files = [("facts", project.facts_path(doc.name), facts_schema)]
    wanted = [lang for lang in doc.languages() if langs is None or lang in langs]
    files += [
        (lang, project.content_path(lang, doc.name), text_schema)
        for lang in (wanted or doc.languages())
    ]
    for key, path, schema in files:
        src, found = load_yaml(path, "" if key == "facts" else key)
        diags += [_missing_hint(d, project, doc, key) for d in found]
        if src is None:
            continue
        data, found = validate(src, schema)
        diags += found
        content.sources[key] = src
        if key == "facts":
            content.facts = data or {}
        else:
            content.text[key] = data
    text_lang = doc.authoritative if doc.authoritative in content.sources else (wanted or [""])[0]
    diags += crossref_diagnostics(facts_schema, content.sources, text_lang, list(project.documents))
    return (None if any(d.is_error for d in diags) else content), diags


def _missing_hint(d: Diagnostic, project: Project, doc: DocumentConfig, key: str) -> Diagnostic:
    """A missing content file says how to start it: from its other language's file."""
    if d.code != "missing-file" or d.message != "file not found":
        return d
    other = next((lang for lang in doc.languages() if lang != key), None)
    if key == "facts":
        hint = f"write the language-neutral facts of '{doc.name}' there (dates, ids)"
    elif other is None:
        hint = f"write the {key} text of '{doc.name}' there"
    else:
        src, dest = (_rel(project, project.content_path(x, doc.name)) for x in (other, key))
        hint = f"copy {src} to {dest} and translate its values (keep the keys)"
    return replace(d, message=f"file not found; {hint}")


def _rel(project: Project, path: Path) -> str:
    return (
        path.relative_to(project.root) if path.is_relative_to(project.root) else path
    ).as_posix()
