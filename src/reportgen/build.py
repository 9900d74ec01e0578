"""The pipeline: project → check → templates → model → writers → atomic outputs."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model as m
from .atomic import write_bytes
from .check import CheckResult, check_project
from .compose import compose
from .content import DocContent
from .errors import BuildError, ContentError, UsageError
from .fonts import FontRegistry
from .project import Project, load_project
from .templating import environment


@dataclass
class BuildOptions:
    out: Path | None = None
    docs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    epoch: int | None = None


@dataclass
class Job:
    doc: str
    edition: str
    fmt: str
    path: Path


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def registry_for(project: Project) -> FontRegistry:
    return FontRegistry.from_config(project.root, project.config["fonts"])


def plan(project: Project, opts: BuildOptions) -> list[Job]:
    unknown = [d for d in opts.docs if d not in project.documents]
    if unknown:
        known = ", ".join(project.documents)
        raise UsageError(f"no document named '{unknown[0]}' in reportgen.yaml (documents: {known})")
    out = opts.out or project.root / "build"
    jobs = []
    for name, doc in project.documents.items():
        if opts.docs and name not in opts.docs:
            continue
        for edition in doc.editions:
            if opts.editions and edition not in opts.editions:
                continue
            for fmt in doc.formats:
                if not opts.formats or fmt in opts.formats:
                    jobs.append(Job(name, edition, fmt, out / f"{name}.{edition}.{fmt}"))
    return jobs


def build(root: Path, opts: BuildOptions, progress: Callable[[Job], None] | None = None) -> list[Job]:
    """Build the requested outputs; raise :class:`ContentError` if any content has errors."""
    project = load_project(root)
    jobs = plan(project, opts)
    registry = registry_for(project)
    wanted = sorted({j.doc for j in jobs} | _dependencies(project, {j.doc for j in jobs}))
    result = check_project(project, registry, wanted)
    if result.errors:
        raise ContentError(diagnostics=result.errors)
    builder = Builder(project, registry, result, opts.epoch)
    for job in jobs:
        data = builder.render(job)
        write_bytes(job.path, data)
        if progress:
            progress(job)
    return jobs


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

    def __init__(self, project: Project, registry: FontRegistry, result: CheckResult,
                 epoch: int | None) -> None:
        self.project, self.registry, self.result, self.epoch = project, registry, result, epoch
        self.env = environment(project.root / "templates")
        self.anchors: dict[tuple[str, str], dict[str, int]] = {}

    def context(self) -> dict[str, Any]:
        docs = self.result.documents
        return {
            "documents": {n: {"facts": c.facts, "text": c.text} for n, c in docs.items()},
            "classification": self.project.config.get("classification") or {},
            "author": self.project.config.get("author", ""),
            "overrides": self.project.root / self.project.config["overrides"]
            if self.project.config.get("overrides") else None,
        }

    def model(self, doc: str, edition: str) -> m.Document:
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
            raise BuildError(f"{job.path.name}: {type(exc).__name__}: {exc}") from exc

    def write(self, document: m.Document, fmt: str, key: tuple[str, str]) -> bytes:
        if fmt == "pdf":
            from .writers.pdf import write_pdf

            anchors: dict[str, int] = {}
            data = write_pdf(document, self.registry, epoch=self.epoch, anchors=anchors)
            self.anchors[key] = anchors
            return data
        from .writers.docx import write_docx

        return write_docx(document, self.registry, epoch=self.epoch,
                          page_numbers=self.anchors.get(key))
