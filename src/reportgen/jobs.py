"""What a build makes: the options, and the plan of jobs (``<doc>.<edition>.<ext>``).

Imports nothing heavy: an up-to-date build plans, compares fingerprints and stops.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .project import DocumentConfig, Project


@dataclass
class BuildOptions:
    """What a build writes and how (the build command's options)."""

    out: Path | None = None
    docs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    epoch: int | None = None
    incremental: bool = False  # skip outputs whose inputs are unchanged (the CLI's default)
    jobs: int = 1  # processes rendering outputs (1: in this process)


@dataclass
class Job:
    """One output to write: a document in an edition and format, and its path."""

    doc: str
    edition: str
    fmt: str
    path: Path


MAX_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z: the last moment a PDF date can say


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, ASCII digits); unset or empty: None.
    Anything else is a usage error, not a guess (``²`` is a digit to Python, not to us)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_EPOCH:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise UsageError(
            f"SOURCE_DATE_EPOCH={shown!r} is not a number of seconds since 1970 up to "
            f"{MAX_EPOCH} (e.g. 1632355200); fix it or unset it"
        )
    return int(value)


def plan(project: Project, opts: BuildOptions) -> list[Job]:
    unknown = [d for d in opts.docs if d not in project.documents]
    if unknown:
        known = ", ".join(project.documents)
        raise UsageError(f"no document named '{unknown[0]}' in reportgen.yaml (documents: {known})")
    out = opts.out or project.root / "build"
    _check_out(project, out)
    jobs = []
    for name, doc in project.documents.items():
        if opts.docs and name not in opts.docs:
            continue
        for edition in _editions(doc, opts):
            if opts.editions and edition not in opts.editions:
                continue
            for fmt in doc.formats:
                if not opts.formats or fmt in opts.formats:
                    jobs.append(Job(name, edition, fmt, out / f"{name}.{edition}.{fmt}"))
    if not jobs and (opts.editions or opts.formats):
        raise UsageError(_nothing_to_build(project, opts))
    _check_not_inputs(project, jobs)
    return jobs


def _editions(doc: DocumentConfig, opts: BuildOptions) -> list[str]:
    """The document's editions; asked for by name, zh-Hans is derived from any document
    with a Traditional Chinese edition, listed in reportgen.yaml or not."""
    editions = list(doc.editions)
    if "zh-Hans" in opts.editions and "zh-Hans" not in editions and "zh" in editions:
        editions.append("zh-Hans")
    return editions


def _nothing_to_build(project: Project, opts: BuildOptions) -> str:
    docs = [d for n, d in project.documents.items() if not opts.docs or n in opts.docs]
    have = "; ".join(f"{d.name}: {', '.join(d.editions)} as {', '.join(d.formats)}" for d in docs)
    return (
        f"nothing to build: no document has the edition(s) and format(s) asked for "
        f"({have}); change --edition/--format or the document's editions in reportgen.yaml"
    )


INPUT_FOLDERS = ("content", "templates", "schema", "fonts", "attachments")


def _check_out(project: Project, out: Path) -> None:
    """Refuse an output folder among the project's inputs (content/, templates/, ...)."""
    target = out.resolve()
    for name in INPUT_FOLDERS:
        folder = (project.root / name).resolve()
        if target == folder or target.is_relative_to(folder):
            raise UsageError(
                f"--out {out} is inside the project's {name}/ folder, which holds its inputs; "
                "write the outputs elsewhere (the default is build/)"
            )


def _check_not_inputs(project: Project, jobs: list[Job]) -> None:
    """Refuse to write an output over a file the project reads (an attached PDF named
    ``build/annex.en.pdf``, a font, reportgen.yaml)."""
    inputs = {project.config_path.resolve()}
    for doc in project.documents.values():
        inputs.update((project.root / p["pdf"]).resolve() for p in doc.parts if p.get("pdf"))
    for styles in (project.config.get("fonts") or {}).values():
        inputs.update((project.root / rel).resolve() for rel in (styles or {}).values() if rel)
    for key in ("glossary", "overrides"):
        if project.config.get(key):
            inputs.add((project.root / project.config[key]).resolve())
    for job in jobs:
        if job.path.resolve() in inputs:
            raise UsageError(
                f"{job.path.name} would be written over an input of the project "
                f"({job.path}); write the outputs elsewhere (the default is build/)"
            )
