"""What every template sees besides its own document: plain data only (see
:mod:`reportgen.templating`). Kept apart from :mod:`reportgen.compose` so that ``check``
can tell whether that data changed without importing jinja2 (:mod:`reportgen.check_align`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import DocContent
    from .project import Project


def template_context(project: Project, documents: dict[str, DocContent]) -> dict[str, Any]:
    """What every template sees besides its own document's text and facts."""
    return {
        **context_without_glossary(project, documents),
        "glossary": _glossary_names(project),  # never localised in zh-Hans
    }


def context_without_glossary(project: Project, documents: dict[str, DocContent]) -> dict[str, Any]:
    """:func:`template_context` but the glossary's names (made from the glossary file
    with OpenCC: a key can name the file instead, see :mod:`reportgen.check_align`)."""
    return {
        "documents": {n: {"facts": c.facts, "text": c.text} for n, c in documents.items()},
        "classification": project.config.get("classification") or {},
        "author": project.config.get("author", ""),
        "overrides": _overrides(project),
    }


def _overrides(project: Project) -> dict[str, Any]:
    """The zh-Hans overrides as data (templates get data, never a path they could open)."""
    from .hans import load_overrides_data

    name = project.config.get("overrides")
    return load_overrides_data(project.root / name) if name else {}


def _glossary_names(project: Project) -> list[str]:
    """The glossary's names in Simplified characters (zh-Hans never localises them)."""
    from .hans import glossary_names
    from .translation import glossary_path

    return list(glossary_names(glossary_path(project)))
