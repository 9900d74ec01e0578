"""Render outputs in parallel processes (``reportgen build -j N``).

The unit of work is a *group*: the outputs of one document in one edition (its PDF,
then its DOCX, which takes the contents' page numbers from that PDF), so every output
is made exactly as a serial build makes it and ``-j 2`` writes the same bytes as ``-j 1``.

Workers only render: they return bytes, and the parent writes each output atomically,
records it and reports it, in plan order. With ``keep_going`` an output that fails is
yielded as a :class:`Failure` and the others are still made; without it the first
failure in plan order is raised (as the serial build would raise it) and later groups
are cancelled.

On platforms with ``fork`` the workers inherit the checked project, the template
environment and the already parsed fonts (nothing is pickled, nothing re-checked);
elsewhere each worker loads and checks the project once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic
from .errors import BuildError, ReportgenError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .jobs import BuildOptions, Job
    from .render import Builder

Rendered = tuple["Job", bytes, "dict[str, int] | None"]
_BUILDER: Builder | None = None


@dataclass
class Failure:
    """An output that could not be made (plain data: it crosses process boundaries)."""

    job: Job
    message: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def render_group(
    builder: Builder, group: list[Job], keep_going: bool = False
) -> list[Rendered | Failure]:
    """Render one group's jobs in order; the PDF's heading pages go with its result. With
    ``keep_going`` a job that fails is a :class:`Failure` and the next job is still made."""
    out: list[Rendered | Failure] = []
    for job in group:
        try:
            data = builder.render(job)
        except ReportgenError as exc:
            if not keep_going:
                raise
            out.append(Failure(job, str(exc), list(exc.diagnostics)))
            continue
        anchors = builder.anchors.get((job.doc, job.edition)) if job.fmt == "pdf" else None
        out.append((job, data, anchors))
    return out


def run_groups(
    builder: Builder,
    groups: list[list[Job]],
    workers: int,
    root: Path | None = None,
    opts: BuildOptions | None = None,
    keep_going: bool = False,
) -> Iterator[Rendered | Failure]:
    """Yield (job, bytes, anchors) in plan order, rendering groups on ``workers`` processes;
    with ``keep_going``, a :class:`Failure` for each output that failed."""
    workers = max(1, min(workers, len(groups)))
    if workers == 1:  # in this process: multiprocessing is not even imported
        builder.pdfs_left = sum(job.fmt == "pdf" for group in groups for job in group)
        try:
            for group in groups:
                yield from render_group(builder, group, keep_going)
        finally:
            builder.pdfs_left = None
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _warm_up(builder, groups)
    global _BUILDER
    if "fork" in mp.get_all_start_methods():
        ctx: Any = mp.get_context("fork")
        _BUILDER = builder  # inherited by the forked workers
        init, initargs = _watch_parent, (os.getpid(),)
    else:  # pragma: no cover - spawn platforms: each worker checks the project itself
        ctx = mp.get_context()
        init, initargs = _init_worker, (root, opts, dict(builder.anchors), os.getpid())
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=ctx, initializer=init, initargs=initargs
        ) as pool:
            # longest first (a bilingual edition is about two), results still in plan order
            futures: list[Future[Any] | None] = [None] * len(groups)
            for i in sorted(range(len(groups)), key=lambda i: -_weight(builder, groups[i])):
                futures[i] = pool.submit(_worker, groups[i], keep_going)
            try:
                for future in futures:
                    assert future is not None
                    yield from _unpack(future)
            except BaseException:
                for f in futures:
                    if f is not None:
                        f.cancel()
                raise
    except BrokenProcessPool as exc:
        raise BuildError(f"a build process died ({exc}); try again with -j 1") from exc
    finally:
        # only if still ours: this generator may be closed late (garbage-collected after a
        # failure), when a later build has already set its own builder for its workers
        if _BUILDER is builder:
            _BUILDER = None


def _weight(builder: Builder, group: list[Job]) -> float:
    """A guess at a group's cost: its content's size, twice for bilingual, PDF over DOCX."""
    size = 0
    for job in group:
        content = builder.result.documents.get(job.doc)
        text = sum(len(str(v)) for v in content.text.values()) if content else 1
        size += text * (2 if job.edition == "bilingual" else 1) * (1.2 if job.fmt == "pdf" else 1)
    return size


def _unpack(future: Future[Any]) -> Iterator[Rendered | Failure]:
    kind, payload = future.result()
    if kind == "ok":
        yield from payload
        return
    if kind == "error":
        cls, message, diagnostics = payload
        raise cls(message, diagnostics)
    raise RuntimeError(payload)  # an unexpected exception in a worker: the CLI's internal error


def _worker(group: list[Job], keep_going: bool = False) -> tuple[str, Any]:
    assert _BUILDER is not None
    try:
        return "ok", render_group(_BUILDER, group, keep_going)
    except ReportgenError as exc:
        return "error", (type(exc), str(exc), exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - reported by the parent, never a traceback
        return "internal", f"{type(exc).__name__}: {exc}"


def _watch_parent(parent: int) -> None:
    """Exit when the parent build dies (killed, say): a worker blocked on its task queue
    would otherwise outlive it, holding its memory, forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _init_worker(
    root: Path, opts: BuildOptions, anchors: dict, parent: int
) -> None:  # pragma: no cover
    from .render import prepare

    _watch_parent(parent)
    global _BUILDER
    _BUILDER = prepare(root, opts)
    _BUILDER.anchors.update(anchors)


def _warm_up(builder: Builder, groups: list[list[Job]]) -> None:
    """Import the writers and parse the fonts once, before forking, so workers share them."""
    fmts = {job.fmt for group in groups for job in group}
    try:
        if "pdf" in fmts:
            from .writers.pdf_text import register_fonts

            register_fonts(builder.registry)
        if "docx" in fmts:
            from .writers import docx  # noqa: F401
    except Exception:  # noqa: BLE001 - the worker will fail on it and report it properly
        pass
