"""Translator commands: ``sync``, ``status``, ``xliff export`` and ``xliff import``.

Registered on :data:`reportgen.cli.main` when :mod:`reportgen.cli` imports this module.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli import PROJECT, _show, main


def _project(path: Path):  # noqa: ANN202 - Project, imported lazily
    from .project import load_project

    return load_project(path)


@main.command()
@click.argument("args", nargs=-1, metavar="[PROJECT] [PATH[:KEY]]...")
@click.option(
    "--accept",
    "targets",
    multiple=True,
    metavar="PATH[:KEY]",
    help="Confirm the translation of a content file (or one key path in it) "
    "against the current source text. Paths are relative to the project; "
    "give several after one --accept, or repeat it.",
)
def sync(args: tuple[str, ...], targets: tuple[str, ...]) -> None:
    """Record translations as up to date in translations.lock."""
    from .errors import UsageError
    from .status import accept

    project, extra = _project_and_rest(args)
    targets = targets + extra
    if not targets:
        raise UsageError("nothing to confirm: give --accept PATH[:KEY] (e.g. content/zh/X.yaml)")
    proj = _project(project)
    for target in targets:
        count, changed = accept(proj, target)
        note = "" if changed else " (no change)"
        click.echo(f"accepted {count} key(s) of {target}{note}")


def _project_and_rest(args: tuple[str, ...]) -> tuple[Path, tuple[str, ...]]:
    """``sync [PROJECT] --accept A B``: a first argument that is a folder is the project."""
    if args and Path(args[0]).is_dir():
        return Path(args[0]), args[1:]
    return Path("."), args


@main.command()
@PROJECT
def status(project: Path) -> None:
    """Translation progress per document and language, and the accepted exceptions."""
    from .exceptions import load_exceptions
    from .lockfile import read_lock_checked
    from .status import format_table, status_rows, to_do_hint

    proj = _project(project)
    lock = read_lock_checked(proj.root)
    for problem in lock.problems:
        click.echo(problem.format(Path.cwd()), err=True)
    rows = status_rows(proj)
    click.echo(format_table(rows))
    hint = to_do_hint(rows, project)
    if hint:
        click.echo(hint, err=True)
    accepted, _ = load_exceptions(proj.root)
    if accepted:
        click.echo("accepted in exceptions.yaml:")
        for item in accepted:
            click.echo(f"  {item}")


@main.group()
def xliff() -> None:
    """Exchange translations with CAT tools as XLIFF 1.2."""


@xliff.command("export")
@PROJECT
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: PROJECT/build/translation.xlf); with documents translated "
    "both ways, one file per direction: NAME.zh-HK.xlf and NAME.en.xlf.",
)
@click.option(
    "--to",
    type=click.Choice(["zh", "en"]),
    help="Only the documents translated into this language.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every string, not only missing, untranslated, stale and unconfirmed ones.",
)
def xliff_export(project: Path, out: Path | None, to: str | None, everything: bool) -> None:
    """Write the strings that need translating as XLIFF 1.2, one file per direction."""
    from .atomic import write_bytes
    from .xliff import XML_LANG, check_output, export_xliff

    proj = _project(project)
    exports = export_xliff(proj, everything, to)
    out = out or proj.root / "build" / "translation.xlf"
    for export in exports:
        path = out
        if len(exports) > 1:
            path = out.with_name(f"{out.stem}.{XML_LANG[export.direction]}{out.suffix or '.xlf'}")
        check_output(proj, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, export.data)
        click.echo(f"wrote {export.count} unit(s) to {_show(path)}")


@xliff.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@PROJECT
def xliff_import(file: Path, project: Path) -> None:
    """Write translated targets from FILE into content/zh (or en) and confirm them."""
    from .xliff import import_xliff

    result = import_xliff(_project(project), file)
    for note in result.warnings:
        click.echo(note.format(Path.cwd()), err=True)
    for path in result.changed:
        click.echo(f"updated {_show(path)}")
    click.echo(f"imported {len(result.changed)} file(s); {result.confirmed} unit(s) confirmed")
    if result.unconfirmed:
        click.echo(_unconfirmed_note(result.unconfirmed, project), err=True)


def _unconfirmed_note(keys: list[str], project: Path) -> str:
    """Targets written but not approved in the CAT tool: say so, and how to confirm them."""
    shown = ", ".join(keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
    where = "" if project.resolve() == Path.cwd().resolve() else f" {_show(project)}"
    files = " ".join(dict.fromkeys(key.split(":")[0] for key in keys))
    return (
        f"{len(keys)} unit(s) written but not confirmed ({shown}): the XLIFF does not mark "
        "them approved or final; review them, then "
        f"'reportgen sync{where} --accept {files}' (or approve them in the CAT "
        "tool and import again)"
    )
