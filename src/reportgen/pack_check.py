"""What an annex pack's configuration must satisfy, checked without building anything, so
that ``reportgen check`` reports every problem a build of the pack would hit, each at its
own line of reportgen.yaml (a part's problem at that part's line)."""

from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostic, Location, error
from .project import DocumentConfig, Project

PACK_EDITIONS = ("en", "zh", "zh-Hans")


def pack_diagnostics(
    project: Project, spec: DocumentConfig, facts: dict[str, dict[str, Any]]
) -> list[Diagnostic]:
    """Problems of annex pack ``spec``; ``facts`` are the loaded documents' facts."""
    out: list[Diagnostic] = []
    name = spec.name
    for i, edition in enumerate(spec.editions):
        if edition not in PACK_EDITIONS:
            where = project.config_loc(("documents", name, "editions", i), spec.line)
            msg = (
                f"annex pack '{name}' cannot have a {edition} edition (one language per pack: "
                f"{', '.join(PACK_EDITIONS)}); remove it from its editions"
            )
            out.append(error("config", msg, where))
    if not spec.parts:
        msg = f"annex pack '{name}' has no parts; list its annexes under 'parts:'"
        out.append(error("config", msg, project.config_loc(("documents", name), spec.line)))
    numbers: dict[int, int] = {}
    for i, part in enumerate(spec.parts):
        where = project.config_loc(("documents", name, "parts", i), spec.line)
        number, found = _part_number(project, spec, part or {}, facts, where)
        out += found
        if number is None:
            continue
        if number in numbers:
            msg = (
                f"annex pack '{name}' has two annexes numbered {number} (parts "
                f"{numbers[number] + 1} and {i + 1}); give each part its own number"
            )
            out.append(error("config", msg, where))
        else:
            numbers[number] = i
    return out


def _part_number(
    project: Project,
    spec: DocumentConfig,
    part: dict[str, Any],
    facts: dict[str, dict[str, Any]],
    where: Location,
) -> tuple[int | None, list[Diagnostic]]:
    label = part.get("label")
    target = part.get("document")
    if not target:
        if not part.get("pdf"):
            msg = f"part of annex pack '{spec.name}' names neither a document nor a pdf"
            return None, [error("config", msg, where)]
        return _int(label), []
    doc = project.documents.get(target)
    if doc is None or doc.type == "annex-pack":
        msg = f"annex pack '{spec.name}' names '{target}', which is not a document of this project"
        return None, [error("config", msg, where)]
    out: list[Diagnostic] = []
    wanted = part.get("edition")
    if wanted and wanted not in doc.editions:
        msg = (
            f"annex pack '{spec.name}' wants the {wanted} edition of '{target}', which has "
            f"only {', '.join(doc.editions)}"
        )
        out.append(error("config", msg, where))
    number = (facts.get(target) or {}).get("number")
    if number is not None and label is not None and _int(number) != _int(label):
        msg = (
            f"annex pack '{spec.name}' labels '{target}' as annex {label}, but its facts say "
            f"number {number}; make them agree"
        )
        return None, [*out, error("config", msg, where)]  # no second "numbered twice" line
    return _int(number if number is not None else label), out


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
