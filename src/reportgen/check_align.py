"""``reportgen check`` composes the bilingual edition of every document that has one, so
that text which cannot be aligned (keys in a different order in the two files) is reported
by ``check``, at its line in the Chinese file, not first met by ``build``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .errors import ContentError

if TYPE_CHECKING:
    from .check import CheckResult
    from .fonts import FontRegistry
    from .project import Project


def alignment_diagnostics(
    project: Project, result: CheckResult, registry: FontRegistry, names: list[str]
) -> list[Diagnostic]:
    wanted = [
        n
        for n in names
        if n in result.documents
        and "bilingual" in project.documents[n].editions
        and {"en", "zh"} <= set(result.documents[n].text)
    ]
    if not wanted:
        return []
    from .build import Builder

    builder = Builder(project, registry, result, None)
    out: list[Diagnostic] = []
    for name in wanted:
        try:
            builder.model(name, "bilingual")
        except ContentError as exc:
            out += exc.diagnostics
    return out
