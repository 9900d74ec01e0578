"""Rendering: the checked project (``prepare``) and the :class:`Builder` that turns a job
into bytes (a document's model from :mod:`reportgen.compose`, laid out by a writer; an annex
pack assembled by :mod:`reportgen.pack` from the parts the builder renders for it).

The build (:mod:`reportgen.build`), the parallel runner (:mod:`reportgen.parallel`) and
``check`` use this module; it imports none of them, and the pack does not import it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BuildError, ContentError, UsageError
from .fonts import FontRegistry
from .jobs import BuildOptions, Job, plan
from .project import EDITION_LANGUAGES, Project, load_project

if TYPE_CHECKING:  # imported when needed
    from . import model as m
    from .check import CheckResult
    from .content import DocContent
    from .pack import PackSources


def registry_for(project: Project) -> FontRegistry:
    return FontRegistry.from_config(project.root, project.config["fonts"])


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
        # PDFs still to be set in this process (None: not known), counting the one being
        # set: the last frees reportlab's parsed faces before its finishing step
        self.pdfs_left: int | None = None

    def context(self) -> dict[str, Any]:
        from .compose import template_context

        return template_context(self.project, self.result.documents)

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

                return build_pack(self.pack_sources(), job)
            document = self.model(job.doc, job.edition)
            return self.write(document, job.fmt, (job.doc, job.edition))
        except (ContentError, UsageError):
            raise
        except Exception as exc:  # a writer failed: report, never a traceback
            reason = " ".join(str(exc).split())  # one line, whatever the library said
            raise BuildError(f"{job.path.name}: {type(exc).__name__}: {reason}") from exc
        finally:
            if job.fmt == "pdf" and self.pdfs_left is not None:
                self.pdfs_left -= 1

    def pack_sources(self) -> PackSources:
        """What an annex pack is assembled from: the project, the checked documents and
        a function that gives a part's document model."""
        from .pack import PackSources

        return PackSources(
            self.project,
            self.result.documents,
            self.registry,
            self.epoch,
            self.model,
            self.context(),
        )

    def _layout_stamp(self) -> str:
        from . import layout_memo

        faces = self.registry.faces
        return layout_memo.stamp(
            [f.path for f in faces.values()], [(k, f.key) for k, f in faces.items()]
        )

    def write(self, document: m.Document, fmt: str, key: tuple[str, str]) -> bytes:
        if fmt == "pdf":
            from . import layout_memo
            from .writers.pdf import write_pdf
            from .writers.pdf_finish import options_for

            anchors: dict[str, int] = {}
            options = options_for(self.project.config)  # pdf: in reportgen.yaml
            last = self.pdfs_left == 1
            with layout_memo.kept(self.project.root, "\0".join(key), self._layout_stamp()):
                data = write_pdf(
                    document,
                    self.registry,
                    epoch=self.epoch,
                    anchors=anchors,
                    options=options,
                    last=last,
                )
            self.anchors[key] = anchors
            return data
        from .writers.docx import write_docx

        return write_docx(
            document, self.registry, epoch=self.epoch, page_numbers=self.anchors.get(key)
        )
