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
@PROJECT
@click.option(
    "--accept",
    "targets",
    multiple=True,
    required=True,
    metavar="PATH[:KEY]",
    help="Confirm the translation of a content file (or one key path in it) "
    "against the current source text (repeatable).",
)
def sync(project: Path, targets: tuple[str, ...]) -> None:
    """Record translations as up to date in translations.lock."""
    from .status import accept

    proj = _project(project)
    for target in targets:
        count, changed = accept(proj, target)
        note = "" if changed else " (no change)"
        click.echo(f"accepted {count} key(s) of {target}{note}")


@main.command()
@PROJECT
def status(project: Path) -> None:
    """Translation progress per document and language."""
    from .status import format_table, status_rows

    click.echo(format_table(status_rows(_project(project))))


@main.group()
def xliff() -> None:
    """Exchange translations with CAT tools as XLIFF 1.2."""


@xliff.command("export")
@PROJECT
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: PROJECT/build/translation.xlf).",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every string, not only missing, untranslated and stale ones.",
)
def xliff_export(project: Path, out: Path | None, everything: bool) -> None:
    """Write the strings that need translating as XLIFF 1.2."""
    from .atomic import write_bytes
    from .xliff import export_xliff

    proj = _project(project)
    data, count = export_xliff(proj, everything)
    out = out or proj.root / "build" / "translation.xlf"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(out, data)
    click.echo(f"wrote {count} unit(s) to {_show(out)}")


@xliff.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@PROJECT
def xliff_import(file: Path, project: Path) -> None:
    """Write translated targets from FILE into content/zh (or en) and confirm them."""
    from .xliff import import_xliff

    changed, confirmed = import_xliff(_project(project), file)
    for path in changed:
        click.echo(f"updated {_show(path)}")
    click.echo(f"imported {len(changed)} file(s); {confirmed} unit(s) confirmed")
