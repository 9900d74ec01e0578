"""Command line. The only place that turns errors into text and exit codes.

Exit codes: 0 success, 1 content or build problems, 2 usage errors.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .diagnostics import Diagnostic
from .errors import ReportgenError, UsageError, outcome
from .project import EDITIONS, FORMATS
from .terminal import printable, printable_json

PROJECT = click.argument("project", type=click.Path(file_okay=False, path_type=Path), default=".")


def echo(message: str = "", **kwargs: Any) -> None:
    """click.echo with control characters from files escaped (see :mod:`reportgen.terminal`);
    a message's own line breaks are kept."""
    click.echo(printable(message, lines=True), **kwargs)


def _emit(diags: list[Diagnostic], fmt: str = "text") -> None:
    root = Path.cwd()
    if fmt == "json":
        text = json.dumps([d.as_dict(root) for d in diags], ensure_ascii=False, indent=2)
        click.echo(printable_json(text))
        return
    for d in diags:
        click.echo(printable(d.format(root)), err=True)  # one problem, one line


def _report(exc: ReportgenError, tail: str = "") -> None:
    """Every problem, one a line; then what was written and what failed."""
    _emit(exc.diagnostics)
    messages = getattr(exc, "messages", None) or ([] if exc.diagnostics else [str(exc)])
    for message in messages:
        echo(f"error: {message}{tail}", err=True)
    n = sum(d.is_error for d in exc.diagnostics) + len(messages)
    if exc.diagnostics or getattr(exc, "written", None) or len(messages) > 1:
        ctx = click.get_current_context(silent=True)
        command = ctx.invoked_subcommand if ctx else None
        if command in _READ_ONLY:  # never writes: "nothing was written" would puzzle
            echo(f"{n} error(s){tail}", err=True)
        else:
            echo(f"{n} error(s); {outcome(exc)}{tail}", err=True)


_READ_ONLY = {"status", "fonts", "hans"}


SHOWN_WARNINGS = 5


def _warnings(diags: list[Diagnostic], verbose: bool) -> None:
    """A build's warnings on stderr: a count and the first few (all with ``verbose``)."""
    shown = diags if verbose else diags[:SHOWN_WARNINGS]
    echo(f"{len(diags)} warning(s):", err=True)
    _emit(shown)
    if len(shown) < len(diags):
        more = len(diags) - len(shown)
        echo(f"… and {more} more (-v shows them all; so does 'reportgen check')", err=True)


def _fail(exc: ReportgenError) -> None:
    _report(exc)
    sys.exit(exc.exit_code)


class _PipeSafe(click.Group):
    """Output piped into a reader that stops early (``reportgen hans | head``) ends the
    command quietly, as it ends cat or grep: not an "internal error" to report."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # the flush at exit must not fail again
            sys.exit(1)


class _Group(_PipeSafe):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            echo(f"usage error: {exc}", err=True)
            sys.exit(2)
        except ReportgenError as exc:
            _fail(exc)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - never a traceback for users
            if os.environ.get("REPORTGEN_DEBUG"):
                raise
            echo(
                f"internal error: {type(exc).__name__}: {exc} "
                "(set REPORTGEN_DEBUG=1 for details and report it)",
                err=True,
            )
            sys.exit(1)
        return None


def SELECTION(command: Callable[..., None]) -> Callable[..., None]:  # noqa: N802 - a decorator
    """The options that choose what to build (build and watch share them)."""
    options = [
        click.option(
            "-o",
            "--out",
            type=click.Path(file_okay=False, path_type=Path),
            help="Output folder (default: PROJECT/build).",
        ),
        click.option("--doc", "docs", multiple=True, help="Only this document (repeatable)."),
        click.option(
            "--format",
            "formats",
            multiple=True,
            type=click.Choice(FORMATS),
            help="Only this format (repeatable).",
        ),
        click.option(
            "--edition",
            "editions",
            multiple=True,
            type=click.Choice(EDITIONS),
            help="Only this edition (repeatable).",
        ),
        click.option(
            "-j",
            "--jobs",
            "jobs",
            type=click.IntRange(min=1),
            default=None,
            help="Build in N processes (default: the number of cores; 1: serially).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _versions(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: reportgen's, its libraries' and its installed fonts' versions."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    from .fontinfo import installed_fonts

    lines = [f"reportgen {__version__}"]
    for dist, shown in (
        ("reportlab", "reportlab"),
        ("python-docx", "python-docx"),
        ("fonttools", "fontTools"),
    ):
        try:
            lines.append(f"{shown} {version(dist)}")
        except PackageNotFoundError:
            lines.append(f"{shown} (not installed)")
    fonts = installed_fonts()
    if fonts:
        lines.append(f"fonts installed in {fonts[0][0].parent}:")
        lines += [f"  {path.name}: {family} {ver}" for path, family, ver in fonts]
    else:
        lines.append("fonts: none installed (projects name their own in reportgen.yaml)")
    echo("\n".join(lines))
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_versions,
    help="Show the versions of reportgen, its libraries and its fonts, and exit.",
)
def main() -> None:
    """Bilingual (English/Chinese) briefing packs and annexes as PDF and DOCX."""
    _tune_gc()


GC_YOUNG = 10_000  # allocations between young collections (Python's default: 700)


def _tune_gc() -> None:
    """Fewer garbage collections: a build allocates millions of small objects that live
    (layout atoms, lines, PDF objects), and with Python's default thresholds the collector
    scanned them again and again (11 % of the CPU of a 470-page bilingual PDF, 15 % at 50
    pages). Cycles are still collected, only less often; peak memory is unchanged."""
    gc.set_threshold(GC_YOUNG, 10, 10)


@main.command()
@PROJECT
@SELECTION
@click.option(
    "--force", is_flag=True, help="Rebuild every output, even those whose inputs are unchanged."
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.option("-v", "--verbose", is_flag=True, help="Print every warning, not the first few.")
def build(
    project: Path,
    out: Path | None,
    docs: tuple[str, ...],
    formats: tuple[str, ...],
    editions: tuple[str, ...],
    jobs: int | None,
    force: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Check the content, then write <doc>.<edition>.<pdf|docx> into the output folder.

    Outputs whose inputs (content, facts, templates, schemas, fonts, reportgen.yaml,
    reportgen itself) are unchanged since the last build are not rebuilt ("up to date").
    """
    from .build import BuildOptions, source_date_epoch
    from .build import build as run

    opts = BuildOptions(
        out,
        list(docs),
        list(formats),
        list(editions),
        source_date_epoch(),
        incremental=not force,
        jobs=jobs or default_jobs(),
    )
    report = _Reporter(quiet)
    planned = run(
        project,
        opts,
        report.wrote,
        up_to_date=report.fresh,
        starting=report.start,
        warned=None if quiet else lambda diags: _warnings(diags, verbose),
    )
    report.finish(len(planned))


@main.command()
@PROJECT
@SELECTION
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.3,
    show_default=True,
    help="Seconds between looks at the files.",
)
@click.option("-v", "--verbose", is_flag=True, help="Print every warning, not the first few.")
def watch(
    project: Path,
    out: Path | None,
    docs: tuple[str, ...],
    formats: tuple[str, ...],
    editions: tuple[str, ...],
    jobs: int | None,
    interval: float,
    verbose: bool,
) -> None:
    """Build, then rebuild what each saved file affects, until Ctrl-C.

    Watches content/, templates/, schema/, fonts/ and reportgen.yaml. Bad input is
    reported (PATH:LINE:COL: ...) and watching goes on; Ctrl-C stops with exit code 0.
    """
    from .build import BuildOptions, source_date_epoch
    from .project import load_project
    from .watch import Watcher

    load_project(project)  # no project here: the usual error and exit code, not a watch loop
    opts = BuildOptions(
        out,
        list(docs),
        list(formats),
        list(editions),
        source_date_epoch(),
        incremental=True,
        jobs=jobs or default_jobs(),
    )

    def failed(exc: ReportgenError) -> None:
        _report(exc, "; watching for changes")

    import signal

    # Ctrl-C stops watching even when started with SIGINT ignored (e.g. in the background)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    echo(f"watching {_show(project.resolve())} (Ctrl-C to stop)")
    watcher = Watcher(
        project,
        opts,
        interval=interval,
        wrote=lambda job: echo(f"wrote {_show(job.path)}"),
        summary=click.echo,
        failed=failed,
        warned=lambda diags: _warnings(diags, verbose),
    )
    try:
        watcher.run()
    except KeyboardInterrupt:
        pass
    echo("stopped")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Reporter:
    """``wrote PATH`` / ``up to date: PATH`` lines, or a progress line on a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = not quiet and sys.stdout.isatty()
        self.total = self.done = self.fresh_count = 0
        self.width = 0

    def fresh(self, job: object) -> None:
        self.fresh_count += 1
        if not self.quiet and not self.tty:
            echo(f"up to date: {_show(job.path)}")  # type: ignore[attr-defined]

    def start(self, jobs: list) -> None:
        self.total = len(jobs)
        if self.tty:
            self._line(f"building {self.total} file(s)")

    def wrote(self, job: object) -> None:
        self.done += 1
        if self.tty:
            n, bar = self.done, 24
            filled = bar * n // max(self.total, 1)
            self._line(f"[{'#' * filled}{'.' * (bar - filled)}] {n}/{self.total} {_show(job.path)}")  # type: ignore[attr-defined]
        elif not self.quiet:
            echo(f"wrote {_show(job.path)}")  # type: ignore[attr-defined]

    def _line(self, text: str) -> None:
        text = printable(text)
        pad = max(0, self.width - len(text))
        click.echo("\r" + text + " " * pad, nl=False)
        self.width = len(text)

    def finish(self, planned: int) -> None:
        if self.quiet:
            return
        if self.tty and self.total:
            echo("")
        if self.done or not self.fresh_count:
            summary = f"built {self.done} file(s)"
            echo(summary + (f", {self.fresh_count} up to date" if self.fresh_count else ""))
        else:
            echo(f"{self.fresh_count} file(s) up to date; nothing to build (--force rebuilds)")


@main.command()
@PROJECT
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Diagnostics as text lines or as JSON.",
)
def check(project: Path, strict: bool, fmt: str) -> None:
    """Validate content without writing anything: PATH:LINE:COL: SEVERITY CODE: message."""
    from .check import check_project
    from .project import load_project
    from .render import registry_for

    try:
        proj = load_project(project)
    except UsageError:
        raise
    except ReportgenError as exc:  # reportgen.yaml: check writes nothing, so says nothing of it
        _emit(exc.diagnostics, fmt)
        if fmt == "text":
            echo(_config_summary(exc.diagnostics), err=True)
        sys.exit(exc.exit_code)
    result = check_project(proj, registry_for(proj))
    if fmt == "json":
        _emit(result.diagnostics, "json")
    else:
        _emit(result.diagnostics)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    summary = (
        f"{len(result.errors)} error(s), {len(result.warnings)} warning(s) "
        f"in {len(proj.documents)} document(s)"
    )
    if result.accepted:
        summary += f"; {len(result.accepted)} accepted in exceptions.yaml"
    if fmt == "text":
        echo(summary if failed or result.diagnostics else f"ok: {summary}", err=failed)
    sys.exit(1 if failed else 0)


def _config_summary(diags: list[Diagnostic]) -> str:
    """The last line of a check stopped by reportgen.yaml: a folder that is no project
    is not 'an error in reportgen.yaml'."""
    if any(d.code == "missing-file" and not d.location.line for d in diags):
        return "not a reportgen project: nothing was checked"  # no reportgen.yaml at all
    errors = sum(d.is_error for d in diags) or 1
    return f"{errors} error(s) in reportgen.yaml; the content was not checked"


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Make a new project in DIRECTORY from the sample (the Hong Kong/Sichuan pack)."""
    import shlex

    from .init import init_project

    init_project(directory)
    echo(f"created {directory}; next: cd {shlex.quote(str(directory))} && reportgen build")


@main.command()
@PROJECT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="As text or as JSON.",
)
def fonts(project: Path, fmt: str) -> None:
    """List the fonts the project uses: where each comes from, licence, coverage.

    A font named as fonts/NAME in reportgen.yaml is the project's own file when there is
    one, else the one installed with reportgen. Coverage counts the characters of Big5,
    the HKSCS additions and the two-byte part of GB 18030 that the font can draw.
    """
    from .fontinfo import project_fonts
    from .project import load_project

    proj = load_project(project)
    found = list(project_fonts(proj.root, proj.config))
    if fmt == "json":
        click.echo(
            printable_json(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=2))
        )
        return
    for info in found:
        where = (
            f"installed with reportgen ({info.path})"
            if info.source == "installed"
            else f"the project's own ({_show(info.path)})"
        )
        licence = info.licence + (f" ({info.licence_file})" if info.licence_file else "")
        coverage = " · ".join(f"{r} {c:,} of {n:,}" for r, (c, n) in info.coverage.items())
        echo(f"{info.role}/{info.style}: {info.name}")
        echo(f"  from:     {where}")
        echo(f"  face:     {info.family}, version {info.version}")
        echo(f"  licence:  {licence}; embedding: {info.embedding}")
        echo(f"  coverage: {coverage}")


def _show(path: Path) -> str:
    try:
        return printable(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(str(path))


if __name__ == "__main__":  # pragma: no cover
    main()
from . import cli_hans, cli_translate  # noqa: E402,F401
