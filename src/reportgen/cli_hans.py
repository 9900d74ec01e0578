"""``reportgen hans``: what the Simplified (zh-Hans) conversion changes beyond characters.

Registered on :data:`reportgen.cli.main` when :mod:`reportgen.cli` imports this module.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .cli import PROJECT, main


@main.command()
@PROJECT
@click.option("--doc", "docs", multiple=True, help="Only this document (repeatable).")
@click.option(
    "--terms-only",
    is_flag=True,
    help="Only the term table's localisations (leave out overrides such as quotation marks).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="A listing per value, or JSON.",
)
def hans(project: Path, docs: tuple[str, ...], terms_only: bool, fmt: str) -> None:
    """List, per Chinese value (PATH:LINE:COL), what the zh-Hans edition changes beyond
    characters: overrides, built-in replacements (𨋢 -> 电梯) and Hong Kong -> Mainland
    terms (是次 -> 本次), with the reason, for a Mainland-side reviewer to approve or
    override in overrides.yaml."""
    from .hans import TERM
    from .hans_review import format_item, review, summary
    from .project import load_project

    proj = load_project(project)
    items = review(proj, list(docs) or None)
    if terms_only:
        for item in items:
            item.changes = [c for c in item.changes if c.kind == TERM]
        items = [item for item in items if item.changes]
    if fmt == "json":
        click.echo(json.dumps([i.as_dict() for i in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        for line in format_item(item, Path.cwd()):
            click.echo(line)
    click.echo(summary(items))
