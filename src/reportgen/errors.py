"""One small exception hierarchy. Only the CLI turns these into exit codes and text."""

from __future__ import annotations

from collections.abc import Iterable

from .diagnostics import Diagnostic


class ReportgenError(Exception):
    """Base class: a problem the user can fix. Exit code 1."""

    exit_code = 1

    def __init__(self, message: str = "", diagnostics: Iterable[Diagnostic] = ()) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(message or (self.diagnostics[0].message if self.diagnostics else ""))


class ContentError(ReportgenError):
    """Content, configuration or templates have errors; see ``diagnostics``."""


class BuildError(ReportgenError):
    """A writer could not produce an output."""


def outcome(exc: ReportgenError) -> str:
    """The end of the last line after errors: what was written and what failed, when a
    build carried on past failed outputs (see ``reportgen.build``)."""
    written = getattr(exc, "written", [])
    failed = getattr(exc, "failed", [])
    if not written:
        return "nothing was written"
    return f"{len(written)} file(s) written; {len(failed)} failed: {', '.join(failed)}"


class UsageError(ReportgenError):
    """The command line asked for something that does not exist. Exit code 2."""

    exit_code = 2
