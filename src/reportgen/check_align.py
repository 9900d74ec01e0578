"""``reportgen check`` composes the bilingual edition of every document that has one, so
that text which cannot be aligned (keys in a different order in the two files) is reported
by ``check``, at its line in the Chinese file, not first met by ``build``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .errors import ContentError

if TYPE_CHECKING:
    from .content import DocContent
    from .project import Project


def alignment_diagnostics(
    project: Project, documents: dict[str, DocContent], names: list[str]
) -> list[Diagnostic]:
    """A diagnostic for each bilingual edition among ``names`` that cannot be aligned."""
    wanted = [
        n
        for n in names
        if n in documents
        and "bilingual" in project.documents[n].editions
        and {"en", "zh"} <= set(documents[n].text)
    ]
    if not wanted:
        return []
    from .compose import compose, template_context
    from .templating import environment

    env = environment(project.root / "templates")
    context = template_context(project, documents)
    out: list[Diagnostic] = []
    for name in wanted:
        try:
            compose(env, documents[name], "bilingual", context)
        except ContentError as exc:
            out += exc.diagnostics
    return out
