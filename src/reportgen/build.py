"""The pipeline: project → check → templates → model → writers → atomic outputs."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import write_bytes
from .errors import BuildError, ContentError, ReportgenError, UsageError
from .fonts import FontRegistry
from .project import EDITION_LANGUAGES, DocumentConfig, Project, load_project

if TYPE_CHECKING:  # imported when needed: an up-to-date build imports none of these
    from . import model as m
    from .check import CheckResult
    from .content import DocContent
    from .diagnostics import Diagnostic
    from .parallel import Failure


@dataclass
class BuildOptions:
    out: Path | None = None
    docs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    epoch: int | None = None
    incremental: bool = False  # skip outputs whose inputs are unchanged (the CLI's default)
    jobs: int = 1  # processes rendering outputs (1: in this process)


@dataclass
class Job:
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


def registry_for(project: Project) -> FontRegistry:
    return FontRegistry.from_config(project.root, project.config["fonts"])


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
    try:
        results = run_groups(builder, list(groups.values()), opts.jobs, root, opts, True)
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


def prepare(
    root: Path,
    opts: BuildOptions,
    project: Project | None = None,
    docs: list[str] | None = None,
    editions: set[str] | None = None,
) -> Builder:
    """Load and check the project (the documents ``docs`` need, in the languages of
    ``editions``); a :class:`Builder` for them.

    An English-only build is not held up by an unfinished Chinese translation (and the
    other way round): only the languages the editions print are loaded and checked;
    ``reportgen check`` reports everything.
    """
    project = project or load_project(root)
    if docs is None or editions is None:
        planned = plan(project, opts)
        docs = docs if docs is not None else [j.doc for j in planned]
        editions = editions if editions is not None else {j.edition for j in planned}
    names = set(docs)
    from .check import check_project

    registry = registry_for(project)
    wanted = sorted(names | _dependencies(project, names))
    langs = {lang for e in editions for lang in EDITION_LANGUAGES[e]}
    result = check_project(project, registry, wanted, langs, align=False)
    if result.errors:
        raise ContentError(diagnostics=result.errors)
    from .check import translation_warnings

    result.diagnostics += translation_warnings(project, wanted, langs)
    return Builder(project, registry, result, opts.epoch)


def _dependencies(project: Project, names: set[str]) -> set[str]:
    deps: set[str] = set()
    for name in names:
        for part in project.documents[name].parts:
            if part.get("document"):
                deps.add(part["document"])
        if project.documents[name].cover:
            deps.add(project.documents[name].cover)
    return deps or set(project.documents)


class Builder:
    """Renders jobs; keeps the template environment and composed models for reuse."""

    def __init__(
        self, project: Project, registry: FontRegistry, result: CheckResult, epoch: int | None
    ) -> None:
        from .templating import environment

        self.project, self.registry, self.result, self.epoch = project, registry, result, epoch
        self.env = environment(project.root / "templates")
        self.anchors: dict[tuple[str, str], dict[str, int]] = {}

    def context(self) -> dict[str, Any]:
        docs = self.result.documents
        return {
            "documents": {n: {"facts": c.facts, "text": c.text} for n, c in docs.items()},
            "classification": self.project.config.get("classification") or {},
            "author": self.project.config.get("author", ""),
            "overrides": self.overrides(),
            "glossary": self.glossary_names(),  # never localised in zh-Hans
        }

    def overrides(self) -> dict[str, Any]:
        """The zh-Hans overrides as data (templates get data, never a path they could open)."""
        from .hans import load_overrides_data

        name = self.project.config.get("overrides")
        return load_overrides_data(self.project.root / name) if name else {}

    def glossary_names(self) -> list[str]:
        """The glossary's names in Simplified characters (zh-Hans never localises them)."""
        from .hans import glossary_names
        from .translation import glossary_path

        return list(glossary_names(glossary_path(self.project)))

    def model(self, doc: str, edition: str) -> m.Document:
        from .compose import compose

        content: DocContent = self.result.documents[doc]
        document = compose(self.env, content, edition, self.context())
        document.author = self.project.config.get("author", "")
        return document

    def render(self, job: Job) -> bytes:
        spec = self.project.documents[job.doc]
        try:
            if spec.type == "annex-pack":
                from .pack import build_pack

                return build_pack(self, job)
            document = self.model(job.doc, job.edition)
            return self.write(document, job.fmt, (job.doc, job.edition))
        except (ContentError, UsageError):
            raise
        except Exception as exc:  # a writer failed: report, never a traceback
            reason = " ".join(str(exc).split())  # one line, whatever the library said
            raise BuildError(f"{job.path.name}: {type(exc).__name__}: {reason}") from exc

    def write(self, document: m.Document, fmt: str, key: tuple[str, str]) -> bytes:
        if fmt == "pdf":
            from .writers.pdf import write_pdf

            anchors: dict[str, int] = {}
            data = write_pdf(document, self.registry, epoch=self.epoch, anchors=anchors)
            self.anchors[key] = anchors
            return data
        from .writers.docx import write_docx

        return write_docx(
            document, self.registry, epoch=self.epoch, page_numbers=self.anchors.get(key)
        )
