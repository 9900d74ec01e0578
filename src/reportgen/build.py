"""The pipeline: project → check → templates → model → writers → atomic outputs.

Planning is :mod:`reportgen.jobs`, rendering :mod:`reportgen.render` (both re-exported
here); this module runs a build: what is up to date, what to render, writing each output
atomically, carrying on past an output that fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_bytes
from .errors import BuildError, ContentError, ReportgenError
from .jobs import INPUT_FOLDERS, BuildOptions, Job, plan, source_date_epoch
from .project import load_project
from .render import Builder, prepare, registry_for

if TYPE_CHECKING:  # imported when needed: an up-to-date build imports none of these
    from .diagnostics import Diagnostic
    from .parallel import Failure

__all__ = [
    "INPUT_FOLDERS",
    "BuildOptions",
    "Builder",
    "Job",
    "build",
    "plan",
    "prepare",
    "registry_for",
    "source_date_epoch",
]


def build(
    root: Path,
    opts: BuildOptions,
    progress: Callable[[Job], None] | None = None,
    *,
    up_to_date: Callable[[Job], None] | None = None,
    starting: Callable[[list[Job]], None] | None = None,
    warned: Callable[[list[Diagnostic]], None] | None = None,
) -> list[Job]:
    """Build the requested outputs; raise :class:`ContentError` if any content has errors.

    With ``opts.incremental``, outputs whose inputs are unchanged since they were written
    (see :mod:`reportgen.incremental`) are not rebuilt: ``up_to_date(job)`` is called for
    each; nothing heavy is imported and no content is checked when all are up to date.
    ``starting(jobs)`` is called with the jobs about to be built, ``progress(job)`` after
    each is written, ``warned(diagnostics)`` with the content's warnings, if any.
    ``opts.jobs`` > 1 renders (document, edition) groups in parallel processes; outputs
    are the same bytes as a serial build. Returns every planned job.
    """
    from .incremental import Fingerprints, Manifest

    project = load_project(root)
    jobs = plan(project, opts)
    out = opts.out or project.root / "build"
    prints = Fingerprints(project, opts.epoch)
    manifest = Manifest.load(out)
    if manifest.note and warned:
        warned([manifest.note])  # a damaged cache was discarded: everything is rebuilt
    keys = {job.path: prints.key(job.doc, job.edition, job.fmt) for job in jobs}
    stale = [j for j in jobs if not (opts.incremental and manifest.fresh(j.path, keys[j.path]))]
    # a DOCX takes its contents' page numbers from the PDF: a stale PDF makes its DOCX stale
    redo = {(j.doc, j.edition) for j in stale if j.fmt == "pdf"}
    stale = [j for j in jobs if j in stale or (j.fmt == "docx" and (j.doc, j.edition) in redo)]
    for job in jobs:
        if job not in stale and up_to_date:
            up_to_date(job)
    if not stale:
        return jobs
    builder = prepare(root, opts, project, [j.doc for j in stale], {j.edition for j in stale})
    if warned and builder.result.warnings:
        warned(builder.result.warnings)
    for job in stale:  # page numbers for a DOCX whose PDF is not rebuilt now
        if job.fmt == "docx" and (job.doc, job.edition) not in redo:
            pdf = job.path.with_suffix(".pdf")
            found = manifest.anchors(pdf, prints.key(job.doc, job.edition, "pdf"))
            if found is not None:
                builder.anchors[(job.doc, job.edition)] = found
    groups: dict[tuple[str, str], list[Job]] = {}
    for job in stale:
        groups.setdefault((job.doc, job.edition), []).append(job)
    if starting:
        starting(stale)
    from .parallel import Failure, run_groups

    written: list[Job] = []
    failures: list[Failure] = []
    results = run_groups(builder, list(groups.values()), opts.jobs, root, opts, True)
    try:
        for result in results:
            if isinstance(result, Failure):
                failures.append(result)
                continue
            job, data, anchors = result
            write_bytes(job.path, data)  # a write failure (disk full...) stops the build
            manifest.record(job.path, keys[job.path], data, anchors)
            written.append(job)
            if progress:
                progress(job)
    finally:
        # now, not when garbage-collected: stops the workers and forgets the builder they
        # were forked with (a later build's workers must not lose theirs to it)
        results.close()
        try:
            manifest.save()
        except BuildError:
            pass  # the cache is an optimisation: without it the next build rebuilds
    if failures:
        raise _failed(failures, written)
    return jobs


def _failed(failures: list[Failure], written: list[Job]) -> ReportgenError:
    """One error for all the outputs that failed (the others were written): a
    :class:`ContentError` when each failed on content, else a :class:`BuildError`."""
    diagnostics = []
    for failure in failures:
        diagnostics += [d for d in failure.diagnostics if d not in diagnostics]
    messages = [f.message for f in failures if not f.diagnostics]
    names = [f.job.path.name for f in failures]
    cls = BuildError if messages else ContentError
    exc = cls(f"{len(names)} output(s) failed: {', '.join(names)}", diagnostics)
    exc.messages = messages  # type: ignore[attr-defined]
    exc.written = [j.path.name for j in written]  # type: ignore[attr-defined]
    exc.failed = names  # type: ignore[attr-defined]
    return exc
